// The hover card: one person's card, framed inside the page next to their highlighted name. It is an
// extension page (the page cannot read or search it) served only with the key the worker gave this
// tab's content script; it shows what the worker sends for this tab, and reports its height so the
// content script can place the frame inside the viewport.
{
  const ns = (globalThis.Backstory ??= {});

  function createCardApp({ doc, api = ns.browserApi }) {
    const win = doc.defaultView;
    const { render } = ns;
    const box = doc.getElementById('card');
    let port = null;
    let key = null;
    let shown = null;

    function reportSize() {
      if (!port || !shown) return;
      const height = Math.ceil(doc.documentElement.scrollHeight);
      try { port.postMessage({ type: 'size', cardId: shown, height }); } catch { /* gone */ }
    }

    function show(cardId, state) {
      const cards = (state && state.cards) || {};
      const list = [...(cards.cited || []), ...(cards.authors || []), ...(cards.mentioned || [])];
      const person = list.find((p) => p && p.card_id === cardId);
      shown = cardId;
      if (!person) {
        box.replaceChildren(render.el(doc, 'p', { class: 'muted' }, 'No card for this name.'));
      } else {
        // Read-only: the panel is where the reader acts (look-ups, decisions, quotes).
        const card = render.personCard(doc, person, { folds: new Map() }, {
          kind: 'Cited', showKind: true, lookupInfo: null,
          lookups: state.lookups || {}, decisions: state.decisions || {},
        });
        card.removeAttribute('tabindex');
        box.replaceChildren(card, render.el(doc, 'p', { class: 'muted small hint' }, 'Enter or a click on the name opens this card in the panel.'));
      }
      // Measured now (reading scrollHeight lays the card out): the frame is not visible until it
      // reports, and browsers hold animation frames back in frames that are not.
      reportSize();
    }

    function connect() {
      port = api.connect('card');
      port.onMessage.addListener((message) => {
        if (!message) return;
        if (message.type === 'show') show(String(message.cardId), message.state);
        else if (message.type === 'refused') box.replaceChildren(render.el(doc, 'p', { class: 'muted' }, 'This card was not opened by Backstory.'));
      });
      port.postMessage({ type: 'watch', key });
    }

    function start() {
      win.addEventListener('message', (e) => {
        const k = e.data && typeof e.data.backstoryKey === 'string' ? e.data.backstoryKey : null;
        if (!k || key) return;
        key = k;
        connect();
      });
      if (win.ResizeObserver) new win.ResizeObserver(reportSize).observe(doc.body);
    }

    return { start, show };
  }

  ns.cardApp = { createCardApp };
  if (globalThis.document && globalThis.document.getElementById('card') && ns.browserApi && ns.browserApi.available) {
    createCardApp({ doc: globalThis.document }).start();
  }
}
