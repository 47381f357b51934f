// The panel's host element: a <backstory-panel> on <html> with a closed shadow root (the page cannot
// reach in through .shadowRoot), fixed to the right edge. In side-by-side mode the page is reflowed by
// giving <html> a right margin as wide as the panel, so the panel never covers the article; overlay
// mode leaves the page alone. Focus moves into the panel when it opens and back when it closes.
{
  const ns = (globalThis.Backstory ??= {});
  const HOST_TAG = 'backstory-panel';
  // Width: a comfortable reading column, narrower on small or zoomed viewports (200% zoom halves them).
  const WIDTH = { min: 240, preferred: 0.32, max: 420 };

  function panelWidth(viewportWidth) {
    return Math.round(Math.max(WIDTH.min, Math.min(WIDTH.max, viewportWidth * WIDTH.preferred)));
  }

  function createPanelHost(doc, { mode = 'side-by-side', onClose } = {}) {
    const win = doc.defaultView;
    const { el } = ns.render;
    const host = doc.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = ns.styles.panel;
    // The width lives in the shadow root too: the page can rewrite the host's style attribute.
    const sizing = doc.createElement('style');

    const heading = el(doc, 'h2', { tabindex: '-1', id: 'backstory-title' }, 'Backstory');
    const close = el(doc, 'button', { type: 'button', 'aria-label': 'Close the Backstory panel (Escape)' }, '×');
    const live = el(doc, 'div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const body = el(doc, 'div', { class: 'body' });
    const footer = el(doc, 'footer', {});
    const panel = el(doc, 'aside', { class: 'panel', 'aria-labelledby': 'backstory-title' },
      el(doc, 'header', {}, heading, close), live, body, footer);
    root.append(style, sizing, panel);

    let savedFocus = null;
    let savedMargin = null;
    let open = false;
    let currentMode = mode;

    function applyLayout() {
      const width = panelWidth(win.innerWidth);
      sizing.textContent = `:host { --bs-width: ${width}px !important; }`;
      host.setAttribute('data-mode', currentMode);
      const html = doc.documentElement;
      if (open && currentMode === 'side-by-side') {
        if (savedMargin === null) {
          savedMargin = { value: html.style.getPropertyValue('margin-right'), priority: html.style.getPropertyPriority('margin-right') };
        }
        html.style.setProperty('margin-right', `${width}px`, 'important');
      } else if (savedMargin !== null) {
        if (savedMargin.value) html.style.setProperty('margin-right', savedMargin.value, savedMargin.priority);
        else html.style.removeProperty('margin-right');
        savedMargin = null;
      }
    }

    const onResize = () => { if (open) applyLayout(); };
    win.addEventListener('resize', onResize);
    close.addEventListener('click', () => hide());
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        hide();
      }
    });

    /**
     * Put the host in the top layer (Popover API) where the browser has it: then no transform, filter,
     * opacity or size the page puts on <html> or <body> can move, shrink or fade the panel.
     */
    function raise() {
      if (typeof host.showPopover !== 'function') return;
      if (!host.hasAttribute('popover')) host.setAttribute('popover', 'manual');
      if (!host.matches(':popover-open')) host.showPopover();
    }

    function show({ focus = true } = {}) {
      if (!host.isConnected) doc.documentElement.append(host);
      host.hidden = false;
      open = true;
      raise();
      applyLayout();
      if (focus) {
        const active = doc.activeElement;
        savedFocus = active && active !== doc.body && active !== host ? active : null;
        heading.focus({ preventScroll: true });
      }
    }

    function hide() {
      open = false;
      if (typeof host.hidePopover === 'function' && host.matches(':popover-open')) host.hidePopover();
      host.hidden = true;
      applyLayout();
      if (savedFocus && savedFocus.isConnected && savedFocus.focus) savedFocus.focus({ preventScroll: true });
      savedFocus = null;
      if (onClose) onClose();
    }

    /** Keep the panel attached if the page's scripts remove it (a page re-rendering <html>'s children). */
    let lastScroll = 0;
    body.addEventListener('scroll', () => { lastScroll = body.scrollTop; }, { passive: true });
    const keeper = new win.MutationObserver(() => {
      if (open && !host.isConnected) {
        const scroll = lastScroll;
        doc.documentElement.append(host);
        raise();
        body.scrollTop = scroll; // detaching reset it
      }
    });
    keeper.observe(doc.documentElement, { childList: true });
    // A page script calling hidePopover() on our host does not close the panel either.
    host.addEventListener('toggle', (e) => {
      if (open && e.newState === 'closed') win.setTimeout(() => { if (open && host.isConnected) raise(); }, 0);
    });

    return {
      host,
      body,
      footer,
      announce(text) {
        // Clearing first makes screen readers repeat an identical message.
        live.textContent = '';
        win.setTimeout(() => { live.textContent = text; }, 50);
      },
      show,
      hide,
      isOpen: () => open,
      setMode(m) { currentMode = m; applyLayout(); },
      focusCard(name) {
        const card = Array.from(body.querySelectorAll('article.person')).find((c) => c.getAttribute('data-person') === name);
        if (!card) return false;
        card.setAttribute('tabindex', '-1');
        if (card.scrollIntoView) card.scrollIntoView({ block: 'nearest' });
        card.focus({ preventScroll: true });
        return true;
      },
      destroy() {
        keeper.disconnect();
        win.removeEventListener('resize', onResize);
        open = false;
        applyLayout();
        host.remove();
      },
    };
  }

  ns.panelHost = { createPanelHost, panelWidth, HOST_TAG };
}
