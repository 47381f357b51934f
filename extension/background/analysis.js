// Running an analysis for a tab, and the look-ups that follow it: the worker's side of the sidecar.
//
// The page comes from the tab's content script (the live DOM, as the reader sees it); the outlet card
// paints first (knowledge base only), then the whole analysis. While the sidecar says it is starting
// (interface 1: /v1/health "state": "starting"), the panel says so instead of "not running". Look-ups
// (interface 2) go out only as the reader asks, or, in automatic mode, in one batch after the cards
// painted. Everything reaches the sidecar through lib/sidecar-client.js (interface 3).
import { cardById, withCardIds } from './tab-state.js';

// How often to ask /v1/health whether a starting sidecar is ready.
export const STARTING_POLL_MS = 1000;

export function createAnalysis({ store, sidecar, loadSettings, content, onResult = () => {}, now = () => Date.now() }) {
  /** A failed answer as the panel shows it: the state, and the sidecar client's own words for it. */
  function failure(answer, settings) {
    const advice = typeof sidecar.describe === 'function' ? sidecar.describe(answer, settings.port) : null;
    return { state: answer.state, reason: answer.reason || null, message: answer.message, advice };
  }

  /**
   * Analyse the page in `tabId` now. `reason`: 'action' (the toolbar button or shortcut: the browser
   * granted access to the tab), 'panel' (a button in the panel: access may be missing), 'auto'.
   */
  async function analyzeTab(tabId, { reason = 'action', windowId = null } = {}) {
    const run = store.begin(tabId, { windowId });
    const settings = await loadSettings();
    const ready = await content.ensure(tabId);
    if (!ready.ok) {
      const status = reason === 'action' ? 'unsupported' : 'not_permitted';
      store.update(tabId, { status, phase: null, error: { state: status, message: ready.message } }, run);
      return store.get(tabId);
    }
    const snap = await content.snapshot(tabId);
    if (!snap || !snap.ok) {
      store.update(tabId, { status: 'failed', phase: null, error: { state: 'error', message: (snap && snap.message) || 'The page could not be read.' } }, run);
      return store.get(tabId);
    }
    if (!store.update(tabId, { url: snap.url, phase: 'outlet' }, run)) return store.get(tabId);

    const outletAnswer = await sidecar.outlet(settings, snap.url);
    if (store.get(tabId).run !== run) return store.get(tabId);
    if (!outletAnswer.ok) {
      store.update(tabId, { status: 'failed', phase: null, error: failure(outletAnswer, settings) }, run);
      return store.get(tabId);
    }
    const outlet = outletAnswer.data.outlet;
    store.update(tabId, { outlet, phase: 'analyzing' }, run);
    onResult(tabId, { outlet });

    // A starting sidecar answers the outlet at once but the analysis only once its model is loaded:
    // ask /v1/health meanwhile, so the panel can say "starting" with what is being loaded.
    let settled = false;
    const watchStart = (async () => {
      for (;;) {
        const h = await sidecar.health(settings);
        if (settled || store.get(tabId).run !== run) return;
        const starting = h.ok && h.data && h.data.state === 'starting';
        const phase = store.get(tabId).phase;
        if (starting) store.update(tabId, { phase: 'starting', loading: typeof h.data.loading === 'string' ? h.data.loading : null }, run);
        else if (phase === 'starting') store.update(tabId, { phase: 'analyzing', loading: null }, run);
        if (!starting) return;
        await new Promise((r) => setTimeout(r, STARTING_POLL_MS));
        if (settled) return;
      }
    })();

    const t0 = now();
    const answer = await sidecar.analyze(settings, snap.url, snap.html);
    settled = true;
    await watchStart.catch(() => {});
    const elapsedMs = now() - t0;
    if (store.get(tabId).run !== run) return store.get(tabId);
    if (!answer.ok) {
      store.update(tabId, { status: 'failed', phase: null, loading: null, error: failure(answer, settings) }, run);
      return store.get(tabId);
    }
    const cards = withCardIds(answer.data);
    const total = cards.timings_ms && typeof cards.timings_ms.total === 'number' ? cards.timings_ms.total : null;
    store.update(tabId, {
      status: 'ready', phase: null, loading: null, cards,
      outlet: cards.outlet || outlet,
      // A cached answer took `elapsedMs` now; its timings are the first analysis's, and are said so.
      timing: { elapsedMs, cached: cards.cached === true, analysisMs: total },
    }, run);
    onResult(tabId, { outlet: cards.outlet || outlet, cards });
    if (cards.lookup && cards.lookup.mode === 'automatic') {
      // The panel has painted by now (it gets the state above first); then one batch for every card.
      const ids = lookupIds(cards);
      if (ids.length) await lookup(tabId, ids);
    }
    return store.get(tabId);
  }

  /** Every card that carries a lookup request (persons, authors, organisations), in document order. */
  function lookupIds(cards) {
    const ids = [];
    for (const list of [cards.authors, cards.cited, cards.mentioned, cards.organisations]) {
      for (const item of Array.isArray(list) ? list : []) {
        if (item && item.card_id && item.lookup_request) ids.push(item.card_id);
      }
    }
    return ids;
  }

  /** Look up these cards on the sidecar's lookup host, in one request; answers fill the cards. */
  async function lookup(tabId, cardIds) {
    const state = store.get(tabId);
    const run = state.run;
    const items = [];
    for (const id of Array.isArray(cardIds) ? cardIds : []) {
      const card = cardById(state.cards, id);
      if (card && card.lookup_request && !items.some((x) => x.id === id)) items.push({ id, request: card.lookup_request });
    }
    if (!items.length) return state;
    const pending = { ...state.lookups };
    for (const { id } of items) pending[id] = { status: 'pending', message: null, kb: null };
    store.update(tabId, { lookups: pending }, run);
    const settings = await loadSettings();
    const answer = await sidecar.request(settings, 'POST', '/v1/lookup', { items: items.map((x) => x.request) });
    if (store.get(tabId).run !== run) return store.get(tabId);
    const lookups = { ...store.get(tabId).lookups };
    const answers = answer.ok && answer.data && Array.isArray(answer.data.items) ? answer.data.items : null;
    items.forEach(({ id }, i) => {
      if (!answer.ok) {
        lookups[id] = { status: answer.code === 'lookup_off' ? 'off' : 'failed', message: answer.message, kb: null };
        return;
      }
      const a = answers && answers[i] && typeof answers[i] === 'object' ? answers[i] : null;
      if (!a) {
        lookups[id] = { status: 'failed', message: 'The sidecar gave no answer for this name.', kb: null };
        return;
      }
      const status = ['ok', 'cached', 'failed', 'off', 'offline'].includes(a.status) ? a.status : 'failed';
      lookups[id] = { status, message: typeof a.message === 'string' ? a.message : null, kb: a.kb && typeof a.kb === 'object' ? a.kb : null };
    });
    return store.update(tabId, { lookups }, run) || store.get(tabId);
  }

  /**
   * The reader's answer on one candidate of a possible match, kept by the sidecar as their note. Only
   * a candidate the card offers can be answered. After a confirmation the card is looked up again (when
   * it can be): the sidecar's answer now respects it and brings that person's facts.
   */
  async function decide(tabId, cardId, decision, candidateId = null) {
    const state = store.get(tabId);
    const card = cardById(state.cards, cardId);
    if (!card || !['confirm', 'reject'].includes(decision)) return state;
    const kb = (state.lookups[cardId] && state.lookups[cardId].kb) || card.kb || {};
    const offered = [
      ...(Array.isArray(kb.candidates) ? kb.candidates.filter((c) => c && typeof c.id === 'string').map((c) => c.id) : []),
      ...(kb.id ? [kb.id] : []),
    ];
    const id = candidateId || (offered.length === 1 ? offered[0] : null);
    if (!id || !offered.includes(id)) return state;
    const settings = await loadSettings();
    const answer = await sidecar.request(settings, 'POST', '/v1/kb/decision', { name: card.name, id, decision });
    const decisions = { ...store.get(tabId).decisions };
    const prev = decisions[cardId] && decisions[cardId].byId ? decisions[cardId].byId : {};
    decisions[cardId] = answer.ok
      ? { byId: { ...prev, [id]: decision }, error: null }
      : { byId: prev, error: `Your answer was not saved: ${answer.message}` };
    const next = store.update(tabId, { decisions }, state.run) || store.get(tabId);
    if (answer.ok && decision === 'confirm' && card.lookup_request) return lookup(tabId, [cardId]);
    return next;
  }

  return { analyzeTab, lookup, decide, lookupIds };
}
