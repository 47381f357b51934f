// Highlights in the article text, and the hover card.
//
// Each mention of a cited person becomes a <backstory-mark>: a button named by the name itself (the
// page's own text), carrying nothing else — no role, no card text, no attribute the page could use to
// steer it. Which marks are ours, and whose card each opens, is kept in a WeakMap in the content
// script's isolated world: the page can neither read it nor add to it, so a mark the page makes (or
// copies) opens nothing. Only trusted events (a real pointer, a real key) act on a mark.
//
// The hover card is an extension page in a frame (panel/card.html), held in a closed shadow root in
// the top layer: the page cannot read it, restyle it, or find its words with window.find(). It stays
// inside the viewport: below the name, or above when there is no room, clamped to the edges, and
// scrolling inside when taller than the room left.
{
  const ns = (globalThis.Backstory ??= {});
  const MARK_TAG = 'backstory-mark';
  const CARD_TAG = 'backstory-card';
  const PAGE_STYLE_ID = 'backstory-page-style';
  const QUOTE_HIGHLIGHT = 'backstory-quote';
  const HIDE_DELAY_MS = 250;
  // The hover card's box (CSS px): a comfortable width, and never more than the viewport allows.
  const CARD = { width: 360, maxHeight: 480, margin: 8, gap: 6, initialHeight: 220 };

  // Inline !important styles so the page's CSS cannot hide or restyle the highlight.
  const MARK_STYLE = [
    ['background', 'rgba(250, 204, 21, 0.35)'],
    ['border-bottom', '2px solid #b45309'],
    ['color', 'inherit'],
    ['cursor', 'pointer'],
    ['display', 'inline'],
    ['border-radius', '2px'],
  ];

  function ensurePageStyle(doc) {
    if (doc.getElementById(PAGE_STYLE_ID)) return;
    const style = doc.createElement('style');
    style.id = PAGE_STYLE_ID;
    // ::highlight() must live in the page's stylesheet to reach the page's text.
    style.textContent = `::highlight(${QUOTE_HIGHLIGHT}) { background-color: rgba(59, 130, 246, 0.35); }\n`
      + `${MARK_TAG}:focus-visible { outline: 3px solid #2563eb !important; outline-offset: 1px !important; }`;
    (doc.head || doc.documentElement).append(style);
  }

  /**
   * Where the hover card goes, for a mark at `rect` and a card `height` tall, in a viewport of
   * `vw` x `vh` CSS px whose right `reserved` px are taken by a panel. Below the mark when it fits,
   * above when that fits, else on the roomier side, shortened to fit (the card scrolls inside).
   */
  function placeCard(rect, height, vw, vh, reserved = 0) {
    const { margin, gap } = CARD;
    const room = Math.max(120, vw - reserved);
    const width = Math.max(120, Math.min(CARD.width, room - 2 * margin));
    const maxH = Math.max(80, Math.min(CARD.maxHeight, vh - 2 * margin));
    let h = Math.min(Math.max(height, 40), maxH);
    const below = vh - rect.bottom - gap - margin;
    const above = rect.top - gap - margin;
    let top;
    let side;
    if (h <= below) {
      top = rect.bottom + gap;
      side = 'below';
    } else if (h <= above) {
      top = rect.top - gap - h;
      side = 'above';
    } else if (below >= above) {
      h = Math.max(Math.min(h, below), Math.min(h, 80));
      top = rect.bottom + gap;
      side = 'below';
    } else {
      h = Math.max(Math.min(h, above), Math.min(h, 80));
      top = rect.top - gap - h;
      side = 'above';
    }
    top = Math.max(margin, Math.min(top, vh - h - margin));
    const left = Math.max(margin, Math.min(rect.left, room - width - margin));
    return { left: Math.round(left), top: Math.round(top), width: Math.round(width), height: Math.round(h), side };
  }

  const HOST_CSS = `
    :host {
      all: initial !important; display: block !important; position: fixed !important;
      z-index: 2147483647 !important; box-sizing: border-box !important; margin: 0 !important; padding: 0 !important;
      border: 1px solid #d9d5cc !important; border-radius: 10px !important; overflow: hidden !important;
      background: #fbfaf7 !important; box-shadow: 0 8px 28px rgba(0, 0, 0, 0.28) !important;
      transform: none !important; filter: none !important; opacity: 1 !important; visibility: visible !important;
      pointer-events: auto !important; color-scheme: light dark;
      inset: auto !important; max-width: none !important; max-height: none !important; min-width: 0 !important; min-height: 0 !important;
    }
    @media (prefers-color-scheme: dark) { :host { background: #16191e !important; border-color: #353b45 !important; } }
    :host([hidden]) { display: none !important; }
    /* Laid out (so the frame can draw and measure its card) but not seen, until it has. */
    :host([data-pending]) { visibility: hidden !important; pointer-events: none !important; }
    iframe { display: block; border: 0; width: 100%; height: 100%; background: transparent; color-scheme: light dark; }
  `;

  /**
   * The highlighter for one document. `callbacks`: send(message) to the worker, onActivate(cardId)
   * (a trusted Enter, Space or click on one of our marks), reservedRight() (px a panel takes on the
   * right), onEscape() (a trusted Escape the page left alone, with no hover card to close first).
   * `isTrusted(event)` is a seam for unit tests, whose synthetic events are never trusted.
   */
  function createHighlighter(doc, { send, onActivate = () => {}, onEscape = () => {}, reservedRight = () => 0, isTrusted = (e) => e.isTrusted === true } = {}) {
    const win = doc.defaultView;
    let own = new WeakMap(); // our mark -> its card id
    let byCard = new Map(); // card id -> our marks, in page order
    let hover = null;

    /** Our mark containing `target`, or null (a mark the page made is not ours). */
    function ownMark(target) {
      let node = target;
      while (node && node !== doc) {
        if (node.nodeType === 1 && node.localName === MARK_TAG && own.has(node)) return node;
        node = node.parentNode;
      }
      return null;
    }

    /** Highlight each person's mentions. Returns {cardId: true|false} (false: none found in the page). */
    function highlight(text, people) {
      clear();
      const anchors = {};
      if (typeof text !== 'string' || !Array.isArray(people) || people.length === 0 || !doc.body) return anchors;
      ensurePageStyle(doc);
      const index = ns.anchor.buildIndex(doc.body);
      const hits = [];
      const owners = [];
      for (const person of people) {
        anchors[person.id] = false;
        for (const m of Array.isArray(person.mentions) ? person.mentions : []) {
          hits.push(ns.anchor.locate(index, text, m.start, m.end));
          owners.push(person);
        }
      }
      const wrapped = ns.anchor.wrapHits(index, hits, () => {
        const mark = doc.createElement(MARK_TAG);
        for (const [prop, value] of MARK_STYLE) mark.style.setProperty(prop, value, 'important');
        return mark;
      });
      wrapped.forEach((elements, i) => {
        if (elements.length === 0) return;
        const id = owners[i].id;
        anchors[id] = true;
        if (!byCard.has(id)) byCard.set(id, []);
        for (const mark of elements) {
          own.set(mark, id);
          byCard.get(id).push(mark);
        }
      });
      // Buttons named by their own text; one Tab stop per person (the first mention), not per mention.
      for (const marks of byCard.values()) {
        marks.forEach((mark, i) => {
          const inControl = mark.parentElement && mark.parentElement.closest('a, button, label, summary, [role="button"], [role="link"]');
          if (inControl) return;
          mark.setAttribute('role', 'button');
          mark.setAttribute('tabindex', i === 0 ? '0' : '-1');
        });
      }
      return anchors;
    }

    /** Remove our marks (only ours), putting the page's text back as it was. */
    function clear() {
      for (const marks of byCard.values()) {
        for (const mark of marks) {
          const parent = mark.parentNode;
          if (!parent) continue;
          while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
          parent.removeChild(mark);
          parent.normalize();
        }
      }
      own = new WeakMap();
      byCard = new Map();
      const style = doc.getElementById(PAGE_STYLE_ID);
      if (style) style.remove();
      if (win && win.CSS && win.CSS.highlights) win.CSS.highlights.delete(QUOTE_HIGHLIGHT);
      if (hover) hover.hide();
    }

    /** Are all our marks still in the page? */
    function intact() {
      for (const marks of byCard.values()) if (marks.some((m) => !m.isConnected)) return false;
      return true;
    }

    // ---- the hover card frame ----

    function createHover() {
      const host = doc.createElement(CARD_TAG);
      host.hidden = true;
      const root = host.attachShadow({ mode: 'closed' });
      const style = doc.createElement('style');
      style.textContent = HOST_CSS;
      const box = doc.createElement('style');
      const frame = doc.createElement('iframe');
      frame.setAttribute('title', 'Backstory card');
      frame.setAttribute('tabindex', '-1');
      root.append(style, box, frame);
      doc.documentElement.append(host);
      let hideTimer = null;
      let current = null; // {mark, cardId}
      let height = CARD.initialHeight;
      let ready = null;

      /** Load the card page and hand it its key (through the worker: the page never sees it). */
      function load() {
        if (!ready) {
          ready = (async () => {
            const answer = await send({ type: 'backstory:frame-key', kind: 'card' });
            if (!answer || typeof answer.key !== 'string') return false;
            const src = ns.browserApi.getURL('panel/card.html');
            await new Promise((resolve) => {
              frame.addEventListener('load', resolve, { once: true });
              frame.src = src;
            });
            ns.frameHost.postKey(frame.contentWindow, answer.key, src);
            return true;
          })();
        }
        return ready;
      }

      function place() {
        if (!current) return;
        if (!current.mark.isConnected) {
          hide();
          return;
        }
        const html = doc.documentElement;
        const p = placeCard(current.mark.getBoundingClientRect(), height, html.clientWidth || win.innerWidth, html.clientHeight || win.innerHeight, reservedRight());
        // Undo a zoom on the page's root (the fallback panel's scaling): the card keeps its size.
        const zoom = ns.frameHost ? 1 / ns.frameHost.rootZoom(doc) : 1;
        box.textContent = `:host { zoom: ${zoom} !important; left: ${p.left}px !important; top: ${p.top}px !important; width: ${p.width}px !important; height: ${p.height}px !important; }`;
      }

      function raise() {
        if (typeof host.showPopover !== 'function') return;
        if (!host.hasAttribute('popover')) host.setAttribute('popover', 'manual');
        if (!host.matches(':popover-open')) host.showPopover();
      }

      // The card frame shows only once it has drawn the card and said how tall it is: a frame the page
      // kept from loading (or a slow one) never shows as an empty box.
      const sizes = new Map(); // cardId -> height the frame reported
      function reveal() {
        if (!current || !sizes.has(current.cardId)) return;
        height = sizes.get(current.cardId);
        host.removeAttribute('data-pending');
        place();
      }

      async function show(mark, cardId) {
        clearTimeout(hideTimer);
        if (!host.isConnected) doc.documentElement.append(host);
        current = { mark, cardId };
        host.setAttribute('data-pending', '');
        host.hidden = false;
        raise();
        place();
        if (sizes.has(cardId)) reveal();
        if (await load()) send({ type: 'backstory:hover', cardId });
      }

      function hideSoon() {
        clearTimeout(hideTimer);
        hideTimer = setTimeout(hide, HIDE_DELAY_MS);
      }

      function hide() {
        clearTimeout(hideTimer);
        current = null;
        host.hidden = true;
        if (typeof host.hidePopover === 'function' && host.matches(':popover-open')) host.hidePopover();
      }

      host.addEventListener('mouseenter', () => clearTimeout(hideTimer));
      host.addEventListener('mouseleave', hideSoon);
      const onViewport = () => { if (current) place(); };
      win.addEventListener('resize', onViewport);
      win.addEventListener('scroll', onViewport, { passive: true, capture: true });
      return {
        show, hide, hideSoon,
        isShown: () => !host.hidden && !host.hasAttribute('data-pending'),
        current: () => (current ? current.cardId : null),
        resize(cardId, h) {
          sizes.set(cardId, h);
          if (current && current.cardId === cardId) reveal();
        },
        remove() {
          win.removeEventListener('resize', onViewport);
          win.removeEventListener('scroll', onViewport, { capture: true });
          host.remove();
        },
      };
    }

    // ---- events: trusted only, our marks only ----

    function onOver(e) {
      if (!isTrusted(e)) return;
      const mark = ownMark(e.target);
      if (!mark) return;
      if (!hover) hover = createHover();
      hover.show(mark, own.get(mark));
    }
    function onOut(e) {
      if (!isTrusted(e) || !hover) return;
      if (ownMark(e.target)) hover.hideSoon();
    }
    function onKey(e) {
      if (!isTrusted(e)) return;
      const mark = ownMark(e.target);
      if (mark && (e.key === 'Enter' || e.key === ' ') && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        onActivate(own.get(mark));
      }
    }
    function onClick(e) {
      if (!isTrusted(e) || e.button !== 0) return;
      const mark = ownMark(e.target);
      // A name inside a link keeps the link's click; elsewhere a click opens the card in the panel.
      if (mark && !mark.closest('a')) onActivate(own.get(mark));
    }
    // Escape, in the bubbling phase so the page's own handlers (its dialogs) come first.
    function onEscapeKey(e) {
      if (!isTrusted(e) || e.key !== 'Escape' || e.defaultPrevented) return;
      if (hover && hover.isShown()) {
        hover.hide();
        return;
      }
      const t = e.target;
      const editable = t && t.nodeType === 1 && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.nodeName));
      if (!editable && !doc.fullscreenElement) onEscape();
    }
    doc.addEventListener('mouseover', onOver, true);
    doc.addEventListener('mouseout', onOut, true);
    doc.addEventListener('focusin', onOver, true);
    doc.addEventListener('focusout', onOut, true);
    doc.addEventListener('keydown', onKey, true);
    doc.addEventListener('click', onClick, true);
    win.addEventListener('keydown', onEscapeKey);

    return {
      highlight, clear, intact, ownMark,
      marksOf: (cardId) => (byCard.get(cardId) || []).slice(),
      hover: () => hover,
      resizeCard: (cardId, h) => { if (hover) hover.resize(cardId, h); },
      hideCard: () => { if (hover) hover.hide(); },
      destroy() {
        clear();
        if (hover) hover.remove();
        hover = null;
        doc.removeEventListener('mouseover', onOver, true);
        doc.removeEventListener('mouseout', onOut, true);
        doc.removeEventListener('focusin', onOver, true);
        doc.removeEventListener('focusout', onOut, true);
        doc.removeEventListener('keydown', onKey, true);
        doc.removeEventListener('click', onClick, true);
        win.removeEventListener('keydown', onEscapeKey);
      },
    };
  }

  /** Scroll to a span of article.text and mark it. Returns true when found in the page. */
  function revealSpan(doc, articleText, span) {
    if (!doc.body || !span) return false;
    const index = ns.anchor.buildIndex(doc.body);
    const hit = ns.anchor.locate(index, articleText, span.start, span.end);
    if (!hit) return false;
    const range = ns.anchor.toRange(index, hit);
    const win = doc.defaultView;
    const startEl = range.startContainer.parentElement;
    if (startEl && startEl.scrollIntoView) startEl.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (win && win.CSS && win.CSS.highlights && typeof win.Highlight === 'function') {
      ensurePageStyle(doc);
      win.CSS.highlights.set(QUOTE_HIGHLIGHT, new win.Highlight(range));
    } else if (win && win.getSelection) {
      const sel = win.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    return true;
  }

  ns.highlights = { MARK_TAG, CARD_TAG, CARD, createHighlighter, revealSpan, placeCard };
}
