// The fallback panel, for browsers without a side panel for extensions (Firefox for Android, Chromium
// forks without chrome.sidePanel): the panel page (panel/panel.html) in an extension frame, held in a
// closed shadow root in the top layer. The page cannot read the frame, restyle it, or search its words
// with window.find(); nothing of the panel is DOM in the page.
//
// Side by side (the default), the page is given a right margin as wide as the panel. Layouts that
// ignore it (a fixed 1170 px column, width-driven CSS) are caught by measuring where the page's text
// boxes end: the page is then scaled down (CSS zoom) until its text clears the panel; if that would
// make it too small, the panel lies over the page with a toggle that folds it to a narrow strip.
// A page popover or modal dialog opened over the panel puts the panel back on top.
{
  const ns = (globalThis.Backstory ??= {});
  const HOST_TAG = 'backstory-panel';
  // Width: a comfortable reading column, narrower on small or zoomed viewports (200% zoom halves them).
  const WIDTH = { min: 280, preferred: 0.3, max: 400, folded: 30 };
  // Below this scale the page's text is too small to read: overlay instead.
  const MIN_ZOOM = 0.6;
  // Elements whose boxes hold the page's readable text.
  const TEXT_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td, th, dd, dt';
  const MAX_MEASURED = 4000;
  // A page that keeps putting its own popovers over ours is answered at most this often.
  const RAISE_LIMIT = { count: 20, perMs: 2000 };

  /**
   * Hand a frame of ours its key. Chrome gives web-accessible pages a per-session address
   * (use_dynamic_url) but the framed page runs at the extension's own origin, so the key is posted to
   * both origins; postMessage delivers it only where the origin matches, never to the page.
   */
  function postKey(frameWindow, key, src) {
    const origins = new Set([new URL(src).origin, new URL(ns.browserApi.getURL('')).origin]);
    for (const origin of origins) frameWindow.postMessage({ backstoryKey: key }, origin);
  }

  /** The zoom the page's root has (its own, or ours while we scale it): our hosts undo it. */
  function rootZoom(doc) {
    const html = doc.documentElement;
    const z = typeof html.currentCSSZoom === 'number' ? html.currentCSSZoom : Number.parseFloat(doc.defaultView.getComputedStyle(html).zoom);
    return Number.isFinite(z) && z > 0 ? z : 1;
  }

  function panelWidth(viewportWidth) {
    return Math.round(Math.max(WIDTH.min, Math.min(WIDTH.max, viewportWidth * WIDTH.preferred)));
  }

  /** The right edge (viewport px) of the page's rightmost text box, ignoring our own hosts. */
  function textRight(doc) {
    let right = 0;
    let n = 0;
    for (const el of doc.body ? doc.body.querySelectorAll(TEXT_SELECTOR) : []) {
      if (n++ > MAX_MEASURED) break;
      if (!el.textContent || !el.textContent.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > right) right = r.right;
    }
    return right;
  }

  const HOST_CSS = `
    :host {
      all: initial !important; display: block !important; position: fixed !important;
      inset: 0 0 auto auto !important; top: 0 !important; right: 0 !important; left: auto !important; bottom: auto !important;
      height: 100vh !important; max-height: 100vh !important; width: var(--bs-width, 360px) !important; max-width: 100vw !important;
      min-width: 0 !important; min-height: 0 !important; margin: 0 !important; padding: 0 !important;
      z-index: 2147483647 !important; box-sizing: border-box !important; overflow: hidden !important;
      border: 0 !important; border-left: 1px solid #d9d5cc !important; background: #fbfaf7 !important;
      transform: none !important; filter: none !important; opacity: 1 !important; visibility: visible !important;
      pointer-events: auto !important; color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) { :host { background: #16191e !important; border-left-color: #353b45 !important; } }
    :host([data-layout="overlay"]) { box-shadow: -8px 0 24px rgba(0, 0, 0, 0.25) !important; }
    :host([hidden]) { display: none !important; }
    .wrap { display: flex; height: 100%; }
    iframe { flex: 1; display: block; border: 0; width: 100%; height: 100%; color-scheme: light dark; }
    .fold { display: none; flex: 0 0 ${WIDTH.folded}px; border: 0; border-right: 1px solid #d9d5cc; margin: 0; padding: 0;
            background: #f3efe4; color: #1f3a5f; font: 700 16px/1 system-ui, sans-serif; cursor: pointer; }
    .fold:focus-visible { outline: 3px solid #2563eb; outline-offset: -3px; }
    :host([data-layout="overlay"]) .fold { display: block; }
    :host([data-folded]) iframe { display: none; }
    @media (prefers-color-scheme: dark) { .fold { background: #262b33; color: #9cc3ff; border-right-color: #353b45; } }
  `;

  /**
   * The host of the fallback panel in `doc`. `send(message)` reaches the worker (for the frame's key);
   * `mode` is the reader's choice: 'side-by-side' or 'overlay'.
   */
  function createFrameHost(doc, { send, mode = 'side-by-side' } = {}) {
    const win = doc.defaultView;
    const host = doc.createElement(HOST_TAG);
    host.hidden = true;
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = HOST_CSS;
    const sizing = doc.createElement('style');
    const fold = doc.createElement('button');
    fold.className = 'fold';
    fold.type = 'button';
    const wrap = doc.createElement('div');
    wrap.className = 'wrap';
    wrap.append(fold);
    root.append(style, sizing, wrap);

    let frame = null;
    let open = false;
    let currentMode = mode;
    let layout = null; // 'reflow' | 'zoom' | 'overlay'
    let scale = 1;
    let folded = false;
    let saved = null; // the page's own margin-right and zoom on <html>
    let savedFocus = null;
    const raises = [];

    function setFoldLabel() {
      fold.textContent = folded ? '‹' : '›';
      fold.setAttribute('aria-label', folded ? 'Show the Backstory panel' : 'Fold the Backstory panel away');
      fold.setAttribute('aria-expanded', folded ? 'false' : 'true');
    }
    setFoldLabel();
    fold.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      folded = !folded;
      if (folded) host.setAttribute('data-folded', '');
      else host.removeAttribute('data-folded');
      setFoldLabel();
      size();
    });

    // The viewport without its scrollbar: what fixed elements (our host among them) lay out in.
    const viewportWidth = () => doc.documentElement.clientWidth || win.innerWidth;

    function width() {
      return open ? (folded ? WIDTH.folded : panelWidth(viewportWidth())) : 0;
    }

    function size() {
      // The host sits under <html>: a zoom on the root (ours when we scale the page) would shrink it.
      sizing.textContent = `:host { --bs-width: ${width()}px !important; zoom: ${1 / rootZoom(doc)} !important; }`;
    }

    function savePage() {
      if (saved) return;
      const html = doc.documentElement;
      saved = {
        margin: [html.style.getPropertyValue('margin-right'), html.style.getPropertyPriority('margin-right')],
        zoom: [html.style.getPropertyValue('zoom'), html.style.getPropertyPriority('zoom')],
      };
    }

    function restorePage() {
      if (!saved) return;
      const html = doc.documentElement;
      for (const [prop, [value, priority]] of [['margin-right', saved.margin], ['zoom', saved.zoom]]) {
        if (value) html.style.setProperty(prop, value, priority);
        else html.style.removeProperty(prop);
      }
      saved = null;
      scale = 1;
    }

    /**
     * Make room for the panel: a right margin; if the page's text still reaches under the panel, scale
     * the page down; if that is not enough, overlay (with the fold toggle). Returns the layout used.
     */
    function fit() {
      const html = doc.documentElement;
      const w = panelWidth(viewportWidth());
      folded = false;
      host.removeAttribute('data-folded');
      setFoldLabel();
      if (currentMode === 'overlay') {
        restorePage();
        layout = 'overlay';
      } else {
        savePage();
        html.style.removeProperty('zoom');
        html.style.setProperty('margin-right', `${w}px`, 'important');
        scale = 1;
        layout = 'reflow';
        const room = viewportWidth() - w;
        let right = textRight(doc);
        // The page's layout ignores the margin: scale it until its text ends left of the panel. CSS
        // zoom scales the margin too, so it is divided by the scale to stay as wide as the panel.
        for (let i = 0; i < 4 && right > room; i++) {
          scale = Math.max(MIN_ZOOM, Math.floor(scale * (room / right) * 1000) / 1000 - 0.005);
          html.style.setProperty('zoom', String(scale), 'important');
          html.style.setProperty('margin-right', `${Math.ceil(w / scale)}px`, 'important');
          layout = 'zoom';
          right = textRight(doc);
          if (scale <= MIN_ZOOM) break;
        }
        if (right > room) {
          restorePage();
          layout = 'overlay';
        }
      }
      host.setAttribute('data-layout', layout);
      setFoldLabel();
      size();
      return layout;
    }

    /** Put the host in the top layer, above whatever the page put there before. */
    function raise(force = false) {
      if (typeof host.showPopover !== 'function') return;
      if (!host.hasAttribute('popover')) host.setAttribute('popover', 'manual');
      if (force && host.matches(':popover-open')) host.hidePopover();
      if (!host.matches(':popover-open')) host.showPopover();
    }

    /** A page popover or modal dialog just opened: if it may cover us, come back on top (rate-limited). */
    function onPageTopLayer(target) {
      if (!open || target === host || (target && target.localName === 'backstory-card')) return;
      const t = Date.now();
      while (raises.length && raises[0] < t - RAISE_LIMIT.perMs) raises.shift();
      if (raises.length >= RAISE_LIMIT.count) return;
      raises.push(t);
      raise(true);
    }
    const onToggle = (e) => { if (e.newState === 'open') onPageTopLayer(e.target); };
    doc.addEventListener('toggle', onToggle, true);
    const dialogs = new win.MutationObserver((records) => {
      for (const r of records) {
        if (r.target.localName === 'dialog' && r.target.hasAttribute('open')) win.setTimeout(() => onPageTopLayer(r.target), 0);
      }
    });
    dialogs.observe(doc.documentElement, { subtree: true, attributes: true, attributeFilter: ['open'] });
    // A page script calling hidePopover() on our host does not close the panel either.
    host.addEventListener('toggle', (e) => {
      if (open && e.newState === 'closed') win.setTimeout(() => { if (open && host.isConnected) raise(); }, 0);
    });
    // Keep the host attached if the page's scripts remove it (a page re-rendering <html>'s children).
    const keeper = new win.MutationObserver(() => {
      if (open && !host.isConnected) {
        doc.documentElement.append(host);
        raise();
      }
    });
    keeper.observe(doc.documentElement, { childList: true });
    const onResize = () => { if (open) fit(); };
    win.addEventListener('resize', onResize);

    /** Load a fresh panel frame and hand it its key (through the worker; the page never sees it). */
    async function loadFrame({ focus }) {
      const answer = await send({ type: 'backstory:frame-key', kind: 'panel' });
      if (!answer || typeof answer.key !== 'string' || !open) return;
      const src = ns.browserApi.getURL(`panel/panel.html?embedded=1${focus ? '&focus=1' : ''}`);
      frame = doc.createElement('iframe');
      frame.setAttribute('title', 'Backstory panel');
      const f = frame;
      f.addEventListener('load', () => {
        postKey(f.contentWindow, answer.key, src);
        if (focus) f.focus();
      }, { once: true });
      f.src = src;
      wrap.append(f);
    }

    function show({ focus = true } = {}) {
      if (!host.isConnected) doc.documentElement.append(host);
      host.hidden = false;
      if (!open) {
        open = true;
        const active = doc.activeElement;
        savedFocus = focus && active && active !== doc.body && active !== host ? active : null;
        raise();
        fit();
        loadFrame({ focus }).catch(() => {});
      }
    }

    function hide() {
      if (!open) return;
      open = false;
      if (frame) frame.remove();
      frame = null;
      if (typeof host.hidePopover === 'function' && host.matches(':popover-open')) host.hidePopover();
      host.hidden = true;
      restorePage();
      layout = null;
      size();
      if (savedFocus && savedFocus.isConnected && savedFocus.focus) savedFocus.focus({ preventScroll: true });
      savedFocus = null;
    }

    return {
      host, show, hide, fit,
      isOpen: () => open,
      width,
      layout: () => layout,
      scale: () => scale,
      setMode(m) { currentMode = m; if (open) fit(); },
      destroy() {
        keeper.disconnect();
        dialogs.disconnect();
        doc.removeEventListener('toggle', onToggle, true);
        win.removeEventListener('resize', onResize);
        hide();
        host.remove();
      },
    };
  }

  ns.frameHost = { createFrameHost, panelWidth, textRight, postKey, rootZoom, HOST_TAG, WIDTH, MIN_ZOOM };
}
