// Background worker: the only part of the extension that talks to the sidecar (content scripts are
// bound by the page's CORS), and the owner of the toolbar button, the badge and automatic analysis.
import '../lib/browser-api.js';
import '../lib/settings.js';
import '../lib/sidecar-client.js';
import '../lib/badge.js';

const { browserApi: api, settings: S, sidecar, badge } = globalThis.Backstory;

// Content-script files, in load order (they are plain scripts sharing globalThis.Backstory).
// Leading slashes: Firefox resolves these paths against the calling script's URL (background/…),
// Chrome against the extension root; an absolute path means the same file in both.
export const CONTENT_FILES = [
  '/lib/browser-api.js',
  '/content/anchor.js',
  '/panel/styles.js',
  '/panel/render.js',
  '/content/highlights.js',
  '/content/panel-host.js',
  '/content/main.js',
];
const AUTO_SCRIPT_ID = 'backstory-auto';

async function loadSettings() {
  return S.normalizeSettings(await api.getStorage(S.DEFAULTS));
}

/** Toolbar click or keyboard shortcut (_execute_action): show or hide the panel in that tab. */
export async function togglePanel(tab) {
  if (!tab || tab.id == null) return { ok: false, message: 'no tab' };
  try {
    return await api.sendTabMessage(tab.id, { type: 'backstory:toggle' });
  } catch {
    // No content script yet in this tab: inject it (activeTab grants access for this click).
  }
  try {
    await api.injectFiles(tab.id, CONTENT_FILES);
  } catch (err) {
    // Browser pages (chrome://, about:, the web store, PDF viewers) cannot be scripted.
    await api.setBadge(tab.id, { text: '×', color: '#6b7280', title: 'Backstory cannot read this page (browser and store pages are off limits to extensions)' }).catch(() => {});
    return { ok: false, message: String((err && err.message) || err) };
  }
  return api.sendTabMessage(tab.id, { type: 'backstory:toggle' });
}

async function showBadge(tabId, outlet) {
  if (tabId == null) return;
  const b = badge.badgeFor(outlet);
  try {
    await api.setBadge(tabId, b);
  } catch {
    // The tab may be gone; the badge is a convenience.
  }
}

async function handleMessage(message, sender) {
  if (!message || typeof message.type !== 'string') return undefined;
  const tabId = sender && sender.tab ? sender.tab.id : undefined;
  switch (message.type) {
    case 'backstory:settings':
      return loadSettings();
    case 'backstory:health':
      return sidecar.health(await loadSettings());
    case 'backstory:outlet': {
      const result = await sidecar.outlet(await loadSettings(), String(message.url));
      if (result.ok) await showBadge(tabId, result.data.outlet);
      return result;
    }
    case 'backstory:analyze': {
      const result = await sidecar.analyze(await loadSettings(), String(message.url), String(message.html));
      if (result.ok && result.data && result.data.outlet) await showBadge(tabId, result.data.outlet);
      return result;
    }
    case 'backstory:open-options':
      await api.openOptionsPage();
      return { ok: true };
    case 'backstory:sync-auto':
      return syncAutoAnalysis();
    default:
      return undefined;
  }
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
  api.onActionClicked((tab) => { togglePanel(tab).catch(() => {}); });
  api.onMessage(handleMessage);
  api.onStorageChanged((changes) => {
    if ('auto' in changes) syncAutoAnalysis().catch(() => {});
  });
  api.onInstalled(() => { syncAutoAnalysis().catch(() => {}); });
  api.onStartup(() => { syncAutoAnalysis().catch(() => {}); });
  // Exposed to the extension's own contexts only (the worker's global is not reachable from pages);
  // the end-to-end test drives the toolbar path through it.
  globalThis.Backstory.worker = { togglePanel, syncAutoAnalysis, CONTENT_FILES };
}
