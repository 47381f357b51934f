// Each tab's analysis, kept by the worker: what the panel shows for that tab, whichever panel shows it
// (the browser's side panel, the in-page fallback frame, the hover card). The worker can be stopped
// by the browser between events (Manifest V3), so the states are mirrored to storage.session: memory
// only, gone with the browser session, and out of content scripts' reach in both browsers.

const SESSION_KEY = 'tabs';
// How many tabs' analyses to keep across a worker restart (each can hold a long article's text).
export const KEEP_TABS = 12;
const PERSIST_DELAY_MS = 300;

/** The state of a tab nothing has been asked of yet. */
export function blankState(tabId) {
  return {
    tabId,
    run: 0,
    version: 0,
    url: null,
    windowId: null,
    status: 'idle', // idle | working | ready | failed | unsupported | not_permitted
    phase: null, // reading | outlet | starting | analyzing (while working)
    loading: null, // what the sidecar says it is loading while it starts
    outlet: null,
    cards: null,
    error: null, // {state, message}
    timing: null, // {elapsedMs, cached, analysisMs}
    startedAt: null,
    lookups: {}, // cardId -> {status, message, kb}
    decisions: {}, // cardId -> {decision, id} | {error}
    anchors: {}, // cardId -> false when the name is no longer in the page text
    stale: false, // the tab moved on to another address since the analysis
  };
}

export function createTabStore({ api, onChange = () => {} }) {
  const tabs = new Map();
  let persistTimer = null;
  let restoring = null;

  /** Load what a previous instance of the worker kept (once; later calls wait for the same load). */
  function restore() {
    if (!restoring) {
      restoring = (async () => {
        if (!api.hasSessionStorage) return;
        try {
          const saved = (await api.getSession({ [SESSION_KEY]: {} }))[SESSION_KEY] || {};
          for (const [id, state] of Object.entries(saved)) {
            const tabId = Number(id);
            // A run that was in flight when the worker stopped will never finish: say so.
            const interrupted = state.status === 'working';
            if (!tabs.has(tabId)) {
              tabs.set(tabId, interrupted
                ? { ...state, status: 'failed', phase: null, error: { state: 'error', message: 'The analysis was interrupted (the extension restarted).' } }
                : state);
            }
          }
        } catch {
          // No session storage (an old browser): states live as long as the worker does.
        }
      })();
    }
    return restoring;
  }

  function persist() {
    if (!api.hasSessionStorage) return;
    clearTimeout(persistTimer);
    persistTimer = setTimeout(async () => {
      const recent = [...tabs.values()]
        .filter((s) => s.status !== 'idle')
        .sort((a, b) => (b.startedAt || 0) - (a.startedAt || 0))
        .slice(0, KEEP_TABS);
      try {
        await api.setSession({ [SESSION_KEY]: Object.fromEntries(recent.map((s) => [s.tabId, s])) });
      } catch {
        // Over the quota: keep the newest half rather than nothing.
        try {
          await api.setSession({ [SESSION_KEY]: Object.fromEntries(recent.slice(0, Math.ceil(recent.length / 2)).map((s) => [s.tabId, s])) });
        } catch { /* memory only then */ }
      }
    }, PERSIST_DELAY_MS);
  }

  function get(tabId) {
    return tabs.get(tabId) || blankState(tabId);
  }

  function set(tabId, next) {
    tabs.set(tabId, next);
    persist();
    onChange(tabId, next);
    return next;
  }

  /** Merge `patch` into the tab's state, unless `run` is given and a newer run has started since. */
  function update(tabId, patch, run = null) {
    const cur = get(tabId);
    if (run != null && cur.run !== run) return null;
    return set(tabId, { ...cur, ...patch, version: cur.version + 1 });
  }

  /** Start a new run for the tab: everything from the previous one is dropped. Returns the run number. */
  function begin(tabId, { url = null, windowId = null } = {}) {
    const cur = get(tabId);
    const run = cur.run + 1;
    set(tabId, {
      ...blankState(tabId), run, version: cur.version + 1, url, windowId: windowId ?? cur.windowId,
      status: 'working', phase: 'reading', startedAt: Date.now(),
    });
    return run;
  }

  function remove(tabId) {
    if (tabs.delete(tabId)) persist();
  }

  return { restore, get, peek: (tabId) => tabs.get(tabId) || null, update, begin, remove, set, all: () => [...tabs.values()] };
}

/** The card ids the panel, the hover card and the page's marks share: "cited:0", "author:1", "org:2". */
export function withCardIds(cards) {
  const tag = (list, prefix) => (Array.isArray(list) ? list.map((item, i) => (item && typeof item === 'object' ? { ...item, card_id: `${prefix}:${i}` } : item)) : list);
  return {
    ...cards,
    authors: tag(cards.authors, 'author'),
    cited: tag(cards.cited, 'cited'),
    mentioned: tag(cards.mentioned, 'mentioned'),
    organisations: tag(cards.organisations, 'org'),
  };
}

/** Every person or organisation card of a cards document, by its card id. */
export function cardById(cards, cardId) {
  if (!cards || typeof cardId !== 'string') return null;
  const [kind, index] = cardId.split(':');
  const list = { author: cards.authors, cited: cards.cited, mentioned: cards.mentioned, org: cards.organisations }[kind];
  const i = Number(index);
  return Array.isArray(list) && Number.isInteger(i) ? list[i] || null : null;
}

/** The state as a panel receives it: the article's text stays in the worker (the panel never needs it). */
export function forPanel(state) {
  if (!state.cards || !state.cards.article || typeof state.cards.article.text !== 'string') return state;
  const { text, ...article } = state.cards.article;
  return { ...state, cards: { ...state.cards, article } };
}
