// The panel page: the browser's side panel (Chrome's side_panel, Firefox's sidebar_action), the same
// page opened for one tab (`panel.html?tab=ID`), or framed inside a page where the browser has no side
// panel (`panel.html?embedded=1`, served only with the key the worker gave that tab's content script).
//
// It keeps a port to the worker, which pushes the state of the tab it shows; the side panel follows its
// window's active tab. Keys: J / K (or ↓ / ↑ on a card) move from card to card; Escape closes.
{
  const ns = (globalThis.Backstory ??= {});

  const PHASE_TEXT = {
    reading: 'Reading the page…',
    outlet: 'Looking up this site…',
    analyzing: 'Reading the article…',
    starting: 'The sidecar is starting…',
  };
  const RECONNECT_MS = 250;
  /** A value for a quoted attribute selector ([data-card="…"]). */
  const attr = (v) => String(v).replace(/["\\]/g, '\\$&');
  const KEEPALIVE_MS = 20000;

  function createPanelApp({ doc, api = ns.browserApi, search = '' }) {
    const win = doc.defaultView;
    const { render } = ns;
    const params = new URLSearchParams(search);
    const pinnedTab = params.has('tab') ? Number.parseInt(params.get('tab'), 10) : null;
    const embedded = params.get('embedded') === '1';
    const $ = (id) => doc.getElementById(id);
    const body = $('body');
    const footer = $('footer');
    const live = $('live');
    const site = $('site');
    const closeButton = $('close');

    let port = null;
    let key = null;
    let tabId = Number.isInteger(pinnedTab) ? pinnedTab : null;
    let windowId = null;
    let state = null;
    let settings = {};
    let shortcut = '';
    let refused = false;
    let lastAnnounced = null;
    let foldsRun = null;
    let keepAlive = null;
    const folds = new Map();

    function post(message) {
      if (!port) return false;
      try {
        port.postMessage(message);
        return true;
      } catch {
        return false;
      }
    }

    function announce(text) {
      if (!text || text === lastAnnounced) return;
      lastAnnounced = text;
      // Clearing first makes screen readers repeat an identical message.
      live.textContent = '';
      win.setTimeout(() => { live.textContent = text; }, 50);
    }

    function watch() {
      if (embedded && !key) return;
      post({ type: 'watch', tabId, windowId, key, pinned: Number.isInteger(pinnedTab) });
    }

    function connect() {
      if (!api.available || !api.isConnected()) return;
      port = api.connect('panel');
      port.onMessage.addListener(onPortMessage);
      port.onDisconnect.addListener(() => {
        port = null;
        // The worker was stopped (Manifest V3 does that when idle): reconnect, it restores its state.
        if (!refused) win.setTimeout(() => { connect(); watch(); }, RECONNECT_MS);
      });
    }

    const handlers = {
      folds,
      onQuote(span) { post({ type: 'reveal', span: { start: span.start, end: span.end } }); },
      onAction(action) {
        if (action === 'retry' || action === 'analyze') post({ type: 'analyze' });
        else if (action === 'options') post({ type: 'options' });
      },
      onLookup(ids) { post({ type: 'lookup', ids }); },
      onDecision(cardId, decision, id) { post({ type: 'decision', cardId, decision, id }); },
      onGoto(sectionKey) { gotoSection(sectionKey); },
    };

    function onPortMessage(message) {
      if (!message || typeof message.type !== 'string') return;
      switch (message.type) {
        case 'state':
          if (message.state && message.state.tabId !== tabId && tabId != null && !embedded) return;
          state = message.state;
          settings = message.settings || {};
          shortcut = message.shortcut || '';
          paint();
          break;
        case 'focus':
          focusCard(message.cardId);
          break;
        case 'revealed':
          announce(message.found ? 'Shown in the article.' : 'This passage is no longer in the page text.');
          break;
        case 'refused':
          refused = true;
          body.replaceChildren(render.el(doc, 'p', { class: 'muted' }, 'This panel was not opened by Backstory.'));
          break;
        default:
      }
    }

    // ---- painting ----

    /** Keep the reader's place (scroll and focused control) across a repaint. */
    function preserve(fn) {
      const scroll = body.scrollTop;
      const active = doc.activeElement;
      let restore = null;
      if (active && body.contains(active)) {
        const card = active.closest('[data-card]');
        const cardId = card ? card.getAttribute('data-card') : null;
        const attrs = ['data-action', 'data-lookup', 'data-decision', 'data-goto', 'aria-label'].filter((a) => active.hasAttribute(a));
        restore = () => {
          const scope = cardId ? body.querySelector(`[data-card="${attr(cardId)}"]`) : body;
          if (!scope) return;
          let target = scope;
          for (const a of attrs) {
            const found = scope.querySelector(`[${a}="${attr(active.getAttribute(a))}"]`);
            if (found) { target = found; break; }
          }
          if (target.focus) target.focus({ preventScroll: true });
        };
      }
      fn();
      body.scrollTop = scroll;
      if (restore) restore();
    }

    function paint() {
      if (!state) return;
      if (state.run !== foldsRun) {
        folds.clear();
        foldsRun = state.run;
      }
      preserve(() => body.replaceChildren(...content()));
      paintFooter();
      site.textContent = state.outlet ? (state.outlet.host || state.outlet.domain || '') : '';
      announce(announcement());
    }

    function ctx() {
      return { port: settings.port, shortcut, loading: state.loading };
    }

    function content() {
      const st = state;
      const out = [];
      if (st.stale && st.status !== 'idle') {
        out.push(render.el(doc, 'div', { class: 'notice', role: 'status' },
          render.el(doc, 'p', {}, 'This tab has moved on to another page since the analysis; these cards are for the previous one.'),
          render.button(doc, { 'data-action': 'analyze' }, () => handlers.onAction('analyze'), 'Analyse this page')));
      }
      switch (st.status) {
        case 'idle':
          out.push(render.stateCard(doc, 'idle', '', handlers, ctx()));
          return out;
        case 'unsupported':
        case 'not_permitted':
          out.push(render.stateCard(doc, st.status, st.error && st.error.message, handlers, ctx()));
          return out;
        case 'working': {
          out.push(render.summaryBlock(doc, { outlet: st.outlet, status: PHASE_TEXT[st.phase] || 'Working…' }, handlers));
          if (st.phase === 'starting') out.push(render.stateCard(doc, 'starting', '', handlers, ctx()));
          if (st.outlet) out.push(render.section(doc, { key: 'outlet', title: 'Outlet' }, handlers, render.outletCard(doc, st.outlet)));
          return out;
        }
        case 'failed': {
          if (st.outlet) out.push(render.summaryBlock(doc, { outlet: st.outlet }, handlers));
          out.push(render.stateCard(doc, st.error ? st.error.state : 'error', st.error ? st.error.message : '', handlers, { ...ctx(), advice: st.error && st.error.advice }));
          if (st.outlet) out.push(render.section(doc, { key: 'outlet', title: 'Outlet' }, handlers, render.outletCard(doc, st.outlet)));
          return out;
        }
        case 'ready': {
          const cards = st.cards || {};
          out.push(render.summaryBlock(doc, { outlet: cards.outlet || st.outlet, cards }, handlers));
          out.push(render.cardsSections(doc, cards, handlers, { anchors: st.anchors, lookups: st.lookups, decisions: st.decisions }));
          const gone = (Array.isArray(cards.cited) ? cards.cited : []).filter((p) => st.anchors && st.anchors[p.card_id] === false).map((p) => p.name);
          if (gone.length) out.push(render.unanchoredSection(doc, gone, handlers));
          return out;
        }
        default:
          out.push(render.stateCard(doc, 'error', 'Unknown state.', handlers, ctx()));
          return out;
      }
    }

    function paintFooter() {
      const bits = [];
      if (state.status === 'ready') bits.push(render.el(doc, 'p', { class: 'timing' }, render.timingText(state.timing)));
      const toggle = render.el(doc, 'input', { type: 'checkbox', id: 'highlights-toggle' });
      toggle.checked = settings.highlights !== false;
      toggle.addEventListener('change', () => post({ type: 'highlights', on: toggle.checked }));
      bits.push(render.el(doc, 'div', { class: 'controls' },
        render.el(doc, 'span', { class: 'switch' }, toggle, ' ', render.el(doc, 'label', { for: 'highlights-toggle' }, 'Highlight names in the page')),
        render.el(doc, 'span', { class: 'keys' }, render.el(doc, 'kbd', {}, 'J'), ' ', render.el(doc, 'kbd', {}, 'K'), ' next / previous card'),
        shortcut ? render.el(doc, 'span', { class: 'keys' }, render.el(doc, 'kbd', {}, shortcut), ' open / close') : null));
      footer.replaceChildren(...bits);
    }

    function announcement() {
      const st = state;
      if (st.status === 'working') return `Backstory: ${PHASE_TEXT[st.phase] || 'working'}`;
      if (st.status === 'failed') {
        const advice = st.error && st.error.advice && st.error.advice.title;
        return `Backstory: ${advice || (render.STATE_TEXT[st.error && st.error.state] || render.STATE_TEXT.error).title}.`;
      }
      if (st.status === 'ready') {
        const cards = st.cards || {};
        if (cards.article && cards.article.is_article === false) return 'Backstory: this page does not look like an article.';
        const cited = Array.isArray(cards.cited) ? cards.cited.length : 0;
        const authors = Array.isArray(cards.authors) ? cards.authors.length : 0;
        return `Backstory: analysis ready — ${authors} author${authors === 1 ? '' : 's'}, ${cited} cited ${cited === 1 ? 'person' : 'people'}.`;
      }
      return null;
    }

    // ---- moving around ----

    /** The cards the reader can see (not inside a folded section), in order. */
    function visibleCards() {
      return Array.from(body.querySelectorAll('[data-card]')).filter((c) => !c.closest('[hidden]') && c.matches('article, .card'));
    }

    function focusEl(el) {
      if (!el) return false;
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus({ preventScroll: true });
      if (el.scrollIntoView) el.scrollIntoView({ block: 'nearest' });
      return true;
    }

    function moveCard(step) {
      const cards = visibleCards();
      if (!cards.length) return;
      const active = doc.activeElement;
      // The innermost card holding the focus (an original outlet's card sits inside its syndication card).
      const here = cards.findLastIndex((c) => c === active || c.contains(active));
      let next;
      if (here === -1) {
        // From outside the cards: the first card below the top of the panel's view (or the last above).
        const top = body.getBoundingClientRect().top;
        const below = cards.findIndex((c) => c.getBoundingClientRect().top >= top - 1);
        next = step > 0 ? (below === -1 ? cards.length - 1 : below) : Math.max(0, (below === -1 ? cards.length : below) - 1);
      } else {
        next = Math.max(0, Math.min(cards.length - 1, here + step));
      }
      focusEl(cards[next]);
    }

    function openSection(sectionKey) {
      const section = body.querySelector(`section[data-section="${attr(sectionKey)}"]`);
      if (!section) return null;
      const toggle = section.querySelector('.fold-toggle');
      if (toggle && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
      return section;
    }

    function gotoSection(sectionKey) {
      const section = openSection(sectionKey);
      if (!section) return;
      focusEl(section.querySelector('[data-card]') || section.querySelector('.fold-toggle'));
    }

    function focusCard(cardId) {
      const card = body.querySelector(`[data-card="${attr(String(cardId))}"]`);
      if (!card) return false;
      const section = card.closest('section[data-section]');
      if (section) openSection(section.getAttribute('data-section'));
      return focusEl(card);
    }

    function onKeydown(e) {
      if (e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        // (Firefox's sidebar stays: Escape is not a key that lets an extension close it; see docs.)
        post({ type: 'close' });
        return;
      }
      const t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.nodeName))) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const onCard = t && t.matches && t.matches('[data-card]');
      if (e.key === 'j' || e.key === 'J' || (onCard && e.key === 'ArrowDown')) {
        e.preventDefault();
        moveCard(1);
      } else if (e.key === 'k' || e.key === 'K' || (onCard && e.key === 'ArrowUp')) {
        e.preventDefault();
        moveCard(-1);
      }
    }

    // ---- start ----

    async function start() {
      doc.addEventListener('keydown', onKeydown);
      if (embedded) {
        closeButton.hidden = false;
        closeButton.addEventListener('click', () => post({ type: 'close' }));
        doc.documentElement.classList.add('embedded');
        // The key comes from the content script that made this frame (the worker gave it only that).
        win.addEventListener('message', (e) => {
          const k = e.data && typeof e.data.backstoryKey === 'string' ? e.data.backstoryKey : null;
          if (!k || key) return;
          key = k;
          watch();
        });
        if (params.get('focus') === '1') $('title').focus({ preventScroll: true });
      }
      body.replaceChildren(render.el(doc, 'p', { class: 'spinner' }, 'Connecting…'));
      connect();
      if (!embedded && tabId == null) {
        // The side panel: follow the active tab of this window.
        try {
          windowId = await api.currentWindowId();
          const tab = await api.activeTab(windowId);
          tabId = tab ? tab.id : null;
        } catch {
          tabId = null;
        }
        api.onTabActivated((info) => {
          if (info.windowId !== windowId) return;
          tabId = info.tabId;
          state = null;
          watch();
        });
      } else if (!embedded) {
        try { windowId = (await api.getTab(tabId)).windowId; } catch { windowId = null; }
      }
      watch();
      // A message now and then keeps a Manifest V3 worker from being stopped while an analysis runs.
      keepAlive = win.setInterval(() => post({ type: 'ping' }), KEEPALIVE_MS);
    }

    return {
      start, paint, moveCard, focusCard, gotoSection,
      state: () => state,
      stop() { win.clearInterval(keepAlive); if (port) port.disconnect(); },
      _onPortMessage: onPortMessage,
    };
  }

  ns.panelApp = { createPanelApp, PHASE_TEXT };
}
