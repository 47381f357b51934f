// Background worker: the only part of the extension that talks to the sidecar (content scripts are
// bound by the page's CORS, and never hold the pairing secret), the keeper of each tab's analysis, and
// the owner of the toolbar button, the shortcut, the badge, the panels and automatic analysis.
//
// Who talks to whom:
//   toolbar button / shortcut ──> worker ──> opens the browser's side panel (Chrome: side_panel,
//                                            Firefox: sidebar_action), or the in-page frame where the
//                                            browser has neither
//   worker <── port ──> panel page (side panel, or framed in the page)   cards, lookups, decisions
//   worker <── port ──> hover card page (framed in the page)              one person's card
//   worker <── runtime messages ──> content script in the tab             the page's DOM, highlights
// Content scripts get only public settings and never any card text: the page's own document holds
// nothing private (issue 24, item 1).
import '../lib/browser-api.js';
import '../lib/settings.js';
import '../lib/sidecar-client.js';
import '../lib/badge.js';
import { createAnalysis } from './analysis.js';
import { createPanels, isExtensionPage } from './panels.js';
import { createTabStore } from './tab-state.js';

const { browserApi: api, settings: S, sidecar, badge } = globalThis.Backstory;

// Content-script files, in load order (they are plain scripts sharing globalThis.Backstory).
// Leading slashes: Firefox resolves these paths against the calling script's URL (background/…),
// Chrome against the extension root; an absolute path means the same file in both.
export const CONTENT_FILES = [
  '/lib/browser-api.js',
  '/content/anchor.js',
  '/content/highlights.js',
  '/content/frame-host.js',
  '/content/main.js',
];
const AUTO_SCRIPT_ID = 'backstory-auto';
// The command whose key the browser assigns to the toolbar button (see docs/extension.md, "Shortcut").
export const ACTION_COMMAND = '_execute_action';

let currentSettings = S.normalizeSettings({});
let shortcut = '';

async function loadSettings() {
  currentSettings = S.normalizeSettings(await api.getStorage(S.DEFAULTS));
  return currentSettings;
}

/** What every panel gets besides its tab's state: public settings only (interface 3), and the shortcut. */
function publicState() {
  return { settings: S.publicSettings(currentSettings), shortcut, panelKind: api.panelKind };
}

async function refreshShortcut() {
  try {
    const command = (await api.commands()).find((c) => c.name === ACTION_COMMAND);
    shortcut = command && command.shortcut ? command.shortcut : '';
  } catch {
    shortcut = '';
  }
  return shortcut;
}

// ---- the content script in a tab ----------------------------------------------------------------

const content = {
  /** Make sure the tab has our content script (inject it on the reader's click). */
  async ensure(tabId) {
    try {
      const pong = await api.sendTabMessage(tabId, { type: 'backstory:ping' });
      if (pong && pong.ok) return { ok: true };
    } catch {
      // No content script yet in this tab.
    }
    try {
      await api.injectFiles(tabId, CONTENT_FILES);
      return { ok: true };
    } catch (err) {
      // Browser pages (chrome://, about:, the web store, PDF viewers) cannot be scripted; other pages
      // only after the reader pressed the button on them (activeTab).
      return { ok: false, message: String((err && err.message) || err) };
    }
  },
  async snapshot(tabId) {
    try {
      const snap = await api.sendTabMessage(tabId, { type: 'backstory:snapshot' });
      if (snap && typeof snap.url === 'string' && typeof snap.html === 'string') return { ok: true, ...snap };
      return { ok: false, message: 'The page did not answer.' };
    } catch (err) {
      return { ok: false, message: String((err && err.message) || err) };
    }
  },
};

// ---- state, panels, highlights --------------------------------------------------------------------

const highlighted = new Map(); // tabId -> the run whose names are highlighted in it

/** Highlights live in a tab while a panel shows it, the analysis is ready, and the reader wants them. */
async function syncHighlights(tabId) {
  const st = store.get(tabId);
  const want = currentSettings.highlights && st.status === 'ready' && !st.stale && st.cards
    && st.cards.article && typeof st.cards.article.text === 'string' && panels.isShowing(tabId, st.windowId);
  if (want && highlighted.get(tabId) !== st.run) {
    highlighted.set(tabId, st.run);
    const people = (Array.isArray(st.cards.cited) ? st.cards.cited : [])
      .filter((p) => p && p.card_id)
      .map((p) => ({ id: p.card_id, name: p.name, mentions: Array.isArray(p.mentions) ? p.mentions : [] }));
    let answer = null;
    try {
      answer = await api.sendTabMessage(tabId, { type: 'backstory:highlight', run: st.run, text: st.cards.article.text, people });
    } catch {
      highlighted.delete(tabId);
    }
    if (answer && answer.anchors) store.update(tabId, { anchors: answer.anchors }, st.run);
  } else if (!want && highlighted.has(tabId)) {
    highlighted.delete(tabId);
    api.sendTabMessage(tabId, { type: 'backstory:clear' }).catch(() => {});
  }
}

const store = createTabStore({
  api,
  onChange(tabId) {
    panels.broadcast(tabId);
    syncHighlights(tabId).catch(() => {});
  },
});

const panels = createPanels({
  api,
  store,
  publicState,
  onShowingChanged(tabIds, { windowId = null, closed = null } = {}) {
    const affected = new Set(tabIds);
    // A side panel closing in a window takes the highlights of every tab of that window with it.
    if (closed === 'side' && windowId != null) {
      for (const tabId of highlighted.keys()) if (store.get(tabId).windowId === windowId) affected.add(tabId);
    }
    for (const tabId of affected) syncHighlights(tabId).catch(() => {});
  },
  onPanelMessage(entry, message) {
    handlePanelMessage(entry, message).catch(() => {});
  },
});

async function showBadge(tabId, outlet) {
  if (tabId == null || !outlet) return;
  try {
    await api.setBadge(tabId, badge.badgeFor(outlet));
  } catch {
    // The tab may be gone; the badge is a convenience.
  }
}

const analysis = createAnalysis({
  store,
  sidecar,
  loadSettings,
  content,
  onResult(tabId, { outlet }) {
    showBadge(tabId, outlet);
  },
});

// ---- the toolbar button and the shortcut ------------------------------------------------------------

/** Is the tab's analysis the one for the page it shows now? */
function isFresh(st, tab) {
  return Boolean(st && !st.stale && (st.status === 'ready' || st.status === 'working') && (!tab.url || st.url === tab.url));
}

/**
 * The toolbar button (or its shortcut). The browser lets an extension open its panel only while it
 * handles the click, so the panel is opened first, synchronously; the analysis follows.
 */
export function onAction(tab) {
  if (!tab || tab.id == null) return Promise.resolve({ ok: false, message: 'no tab' });
  const st = store.peek(tab.id);
  if (api.panelKind) {
    if (panels.isOpenInWindow(tab.windowId) && isFresh(st, tab)) {
      api.closePanel(tab.windowId).catch(() => {});
      return Promise.resolve({ ok: true, open: false });
    }
    api.openPanel(tab).catch(() => {});
    if (isFresh(st, tab)) return Promise.resolve({ ok: true, open: true });
    return analysis.analyzeTab(tab.id, { reason: 'action', windowId: tab.windowId }).then(() => ({ ok: true, open: true }));
  }
  return toggleFrame(tab);
}

/** Where the browser has no side panel: the panel opens as an extension frame inside the page. */
async function toggleFrame(tab) {
  const ready = await content.ensure(tab.id);
  if (!ready.ok) {
    await api.setBadge(tab.id, { text: '×', color: '#6b7280', title: 'Backstory cannot read this page (browser and store pages are off limits to extensions)' }).catch(() => {});
    return { ok: false, message: ready.message };
  }
  const answer = await api.sendTabMessage(tab.id, { type: 'backstory:toggle-frame', mode: currentSettings.mode });
  const open = Boolean(answer && answer.open);
  if (open && !isFresh(store.peek(tab.id), tab)) analysis.analyzeTab(tab.id, { reason: 'action', windowId: tab.windowId }).catch(() => {});
  return { ok: true, open };
}

// ---- messages ---------------------------------------------------------------------------------------

async function handlePanelMessage(entry, message) {
  const { tabId } = entry;
  switch (message.type) {
    case 'analyze':
      await analysis.analyzeTab(tabId, { reason: 'panel', windowId: entry.windowId });
      return;
    case 'lookup':
      await analysis.lookup(tabId, message.ids);
      return;
    case 'decision':
      await analysis.decide(tabId, String(message.cardId), String(message.decision), typeof message.id === 'string' ? message.id : null);
      return;
    case 'reveal': {
      const span = message.span && typeof message.span === 'object' ? { start: message.span.start, end: message.span.end } : null;
      let found = false;
      try {
        found = Boolean(await api.sendTabMessage(tabId, { type: 'backstory:reveal', span, text: (store.get(tabId).cards || {}).article?.text }));
      } catch {
        found = false;
      }
      entry.port.postMessage({ type: 'revealed', found });
      return;
    }
    case 'highlights':
      await api.setStorage({ highlights: message.on === true });
      return;
    case 'options':
      await api.openOptionsPage();
      return;
    case 'close':
      if (entry.kind === 'embedded') await api.sendTabMessage(tabId, { type: 'backstory:hide-frame' }).catch(() => {});
      else if (entry.kind === 'side') await api.closePanel(entry.windowId).catch(() => {});
      return;
    default:
      // 'ping' and anything unknown: nothing (a ping only keeps the worker awake).
  }
}

/** Messages from the content script of a tab (never trusted with secrets or card text). */
function handleContentMessage(message, sender) {
  const tab = sender.tab;
  if (!tab || tab.id == null || (sender.frameId != null && sender.frameId !== 0)) return undefined;
  switch (message.type) {
    case 'backstory:settings':
      return loadSettings().then(S.publicSettings);
    case 'backstory:activate': {
      // A trusted Enter or click on a name we highlighted: open the panel (Chrome carries the key
      // press's user gesture through this message) and show that person's card.
      if (api.panelKind && !panels.isOpenInWindow(tab.windowId)) api.openPanel(tab).catch(() => {});
      panels.focusCard(tab.id, tab.windowId, String(message.cardId));
      return Promise.resolve({ ok: true });
    }
    case 'backstory:escape':
      if (api.panelKind && panels.isOpenInWindow(tab.windowId)) api.closePanel(tab.windowId).catch(() => {});
      return Promise.resolve({ ok: true });
    case 'backstory:hover':
      return Promise.resolve({ ok: panels.showCard(tab.id, String(message.cardId)) });
    case 'backstory:frame-key':
      return Promise.resolve({ key: panels.issueKey(tab.id, message.kind === 'card' ? 'card' : 'panel') });
    case 'backstory:anchors': {
      const st = store.get(tab.id);
      if (message.run === st.run && message.anchors && typeof message.anchors === 'object') store.update(tab.id, { anchors: message.anchors }, st.run);
      return Promise.resolve({ ok: true });
    }
    case 'backstory:moved': {
      const st = store.get(tab.id);
      if (st.status !== 'idle' && !st.stale) store.update(tab.id, { stale: true }, st.run);
      return Promise.resolve({ ok: true });
    }
    case 'backstory:auto':
      return loadSettings().then((s) => {
        if (!s.auto) return { ok: false };
        if (isFresh(store.peek(tab.id), tab)) return { ok: true };
        analysis.analyzeTab(tab.id, { reason: 'auto', windowId: tab.windowId }).catch(() => {});
        return { ok: true };
      });
    default:
      return undefined;
  }
}

/** Messages from the extension's own pages (options page, panels). */
function handlePageMessage(message) {
  switch (message.type) {
    case 'backstory:settings':
      return loadSettings().then(S.publicSettings);
    case 'backstory:health':
      return loadSettings().then((s) => sidecar.health(s));
    case 'backstory:open-options':
      return api.openOptionsPage().then(() => ({ ok: true }));
    case 'backstory:sync-auto':
      return syncAutoAnalysis();
    case 'backstory:shortcut':
      return refreshShortcut().then((key) => ({ shortcut: key, command: ACTION_COMMAND }));
    default:
      return undefined;
  }
}

function handleMessage(message, sender) {
  if (!message || typeof message.type !== 'string') return undefined;
  if (isExtensionPage(sender, api.runtimeId())) return handlePageMessage(message);
  return handleContentMessage(message, sender || {});
}

/** Keep the automatic-analysis content script registered exactly when it is on and permitted. */
export async function syncAutoAnalysis() {
  const settings = await loadSettings();
  let permitted = false;
  try {
    permitted = await api.hasOrigins(S.AUTO_ORIGINS);
  } catch {
    permitted = false;
  }
  const want = settings.auto && permitted;
  let registered = [];
  try {
    registered = await api.registeredScripts([AUTO_SCRIPT_ID]);
  } catch {
    registered = [];
  }
  if (want && registered.length === 0) {
    await api.registerScripts([{
      id: AUTO_SCRIPT_ID,
      matches: S.AUTO_ORIGINS,
      excludeMatches: ['http://127.0.0.1/*', 'http://localhost/*'],
      js: [...CONTENT_FILES, '/content/auto-start.js'],
      runAt: 'document_idle',
    }]);
  } else if (!want && registered.length > 0) {
    await api.unregisterScripts([AUTO_SCRIPT_ID]);
  }
  return { ok: true, auto: want };
}

if (api.available) {
  api.onActionClicked((tab) => { onAction(tab).catch(() => {}); });
  api.onMessage(handleMessage);
  api.onConnect((port) => panels.onConnect(port));
  api.onStorageChanged((changes) => {
    if ('auto' in changes) syncAutoAnalysis().catch(() => {});
    loadSettings().then(() => {
      panels.broadcastAll();
      for (const st of store.all()) syncHighlights(st.tabId).catch(() => {});
    }).catch(() => {});
  });
  api.onTabRemoved((tabId) => {
    store.remove(tabId);
    highlighted.delete(tabId);
  });
  api.onTabUpdated((tabId, change) => {
    // The tab loads another page (or reloads): its analysis no longer applies. A jump to an anchor of
    // the same page (only the #fragment changes) keeps it.
    if (change && change.status === 'loading') {
      const st = store.peek(tabId);
      const sameDocument = typeof change.url === 'string' && st && typeof st.url === 'string'
        && change.url !== st.url && change.url.split('#')[0] === st.url.split('#')[0];
      if (sameDocument) return;
      highlighted.delete(tabId);
      if (st && st.status !== 'idle') store.update(tabId, { stale: true }, st.run);
    }
  });
  api.onInstalled(() => { syncAutoAnalysis().catch(() => {}); refreshShortcut().then(() => panels.broadcastAll()).catch(() => {}); });
  api.onStartup(() => { syncAutoAnalysis().catch(() => {}); });
  store.restore().then(() => { for (const st of store.all()) panels.broadcast(st.tabId); }).catch(() => {});
  loadSettings().catch(() => {});
  refreshShortcut().catch(() => {});
  // Exposed to the extension's own contexts only (the worker's global is not reachable from pages);
  // the Firefox end-to-end test, which cannot press the toolbar button, drives these.
  // (togglePanel: the toolbar path's old name, which the pairing test still calls.)
  globalThis.Backstory.worker = { onAction, togglePanel: onAction, analyzeTab: (tabId, opts) => analysis.analyzeTab(tabId, opts), syncAutoAnalysis, CONTENT_FILES, store };
}
