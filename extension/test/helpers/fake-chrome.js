// A fake `chrome` for the worker's unit tests: storage, the toolbar button, the side panel, tabs whose
// content script answers as ours does, ports, scripting and permissions. Every call is recorded.
import { fixtureHtml, FIXTURE_URL } from './load.js';

export function event() {
  const listeners = [];
  return { addListener: (fn) => listeners.push(fn), removeListener: (fn) => listeners.splice(listeners.indexOf(fn), 1), listeners };
}

/** A pair of connected ports: `ours` is what the test holds (a panel page), `theirs` goes to the worker. */
function portPair(name, sender) {
  const toWorker = event();
  const toUs = event();
  const disconnectWorker = event();
  const disconnectUs = event();
  const received = [];
  let open = true;
  const theirs = {
    name, sender,
    postMessage(m) { if (!open) throw new Error('port closed'); const copy = JSON.parse(JSON.stringify(m)); received.push(copy); for (const fn of toUs.listeners) fn(copy); },
    onMessage: toWorker,
    onDisconnect: disconnectWorker,
    disconnect() { if (!open) return; open = false; for (const fn of disconnectUs.listeners) fn(); },
  };
  const ours = {
    received,
    post(m) { for (const fn of toWorker.listeners) fn(JSON.parse(JSON.stringify(m))); },
    onMessage: toUs,
    disconnect() { if (!open) return; open = false; for (const fn of disconnectWorker.listeners) fn(); },
    isOpen: () => open,
    last: (type) => received.filter((m) => m.type === type).at(-1),
  };
  return { ours, theirs };
}

/**
 * `options`: {sidePanel: true (Chrome's API present), scriptable: (tabId) => bool, storage: {…}}.
 * Tabs: 7 is the seed page in window 1; tab 9 is a browser page nobody may script.
 */
export function makeFakeChrome({ sidePanel = true, storage = {}, scriptable = (tabId) => tabId !== 9 } = {}) {
  const calls = [];
  const store = { ...storage };
  const session = {};
  const injected = new Set();
  const frames = new Map(); // tabId -> open
  let granted = false;
  let registered = [];
  const runtime = {
    id: 'ext-id',
    onMessage: event(), onConnect: event(), onInstalled: event(), onStartup: event(),
    sendMessage: async () => undefined,
    getURL: (p) => `chrome-extension://ext-id/${p}`,
    openOptionsPage: async () => { calls.push(['openOptionsPage']); },
  };
  const chrome = {
    runtime,
    storage: {
      local: {
        get: async (defaults) => ({ ...defaults, ...store }),
        set: async (v) => {
          Object.assign(store, v);
          const changes = Object.fromEntries(Object.keys(v).map((k) => [k, { newValue: v[k] }]));
          for (const fn of chrome.storage.onChanged.listeners) fn(changes, 'local');
        },
      },
      session: {
        get: async (defaults) => ({ ...defaults, ...JSON.parse(JSON.stringify(session)) }),
        set: async (v) => { Object.assign(session, JSON.parse(JSON.stringify(v))); },
        remove: async (keys) => { for (const k of [].concat(keys)) delete session[k]; },
      },
      onChanged: event(),
    },
    action: {
      onClicked: event(),
      setBadgeText: async (o) => calls.push(['badgeText', o]),
      setBadgeBackgroundColor: async (o) => calls.push(['badgeColor', o]),
      setTitle: async (o) => calls.push(['title', o]),
    },
    commands: { getAll: async () => [{ name: '_execute_action', shortcut: 'Alt+Shift+K', description: '' }] },
    tabs: {
      query: async () => [{ id: 7, windowId: 1 }],
      get: async (id) => ({ id, windowId: 1 }),
      sendMessage: async (tabId, message) => {
        calls.push(['tabMessage', tabId, message]);
        if (!injected.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
        switch (message.type) {
          case 'backstory:ping': return { ok: true };
          case 'backstory:snapshot': return { url: FIXTURE_URL, title: 'seed', html: fixtureHtml() };
          case 'backstory:highlight': return { anchors: Object.fromEntries(message.people.map((p) => [p.id, true])) };
          case 'backstory:reveal': return true;
          case 'backstory:toggle-frame': frames.set(tabId, !frames.get(tabId)); return { ok: true, open: frames.get(tabId) };
          default: return { ok: true };
        }
      },
      onRemoved: event(), onUpdated: event(), onActivated: event(),
    },
    windows: { getCurrent: async () => ({ id: 1 }) },
    scripting: {
      executeScript: async (o) => {
        if (!scriptable(o.target.tabId)) throw new Error('Cannot access a chrome:// URL');
        calls.push(['inject', o]);
        injected.add(o.target.tabId);
        return [];
      },
      getRegisteredContentScripts: async ({ ids }) => registered.filter((r) => ids.includes(r.id)),
      registerContentScripts: async (list) => { registered.push(...list); },
      unregisterContentScripts: async ({ ids }) => { registered = registered.filter((r) => !ids.includes(r.id)); },
    },
    permissions: { contains: async () => granted, request: async () => true, remove: async () => true },
  };
  if (sidePanel) {
    chrome.sidePanel = {
      open: (o) => { calls.push(['sidePanel.open', o]); return Promise.resolve(); },
      close: (o) => { calls.push(['sidePanel.close', o]); return Promise.resolve(); },
    };
  }
  return {
    chrome, calls, store, session, injected,
    registered: () => registered,
    grant(v) { granted = v; },
    /** Deliver a runtime message to the worker as `sender` would send it; resolves with its answer. */
    message(msg, sender = { id: 'ext-id', tab: { id: 7, windowId: 1 }, frameId: 0, url: FIXTURE_URL }) {
      const [listener] = runtime.onMessage.listeners;
      return new Promise((resolve) => { if (!listener(msg, sender, resolve)) resolve(undefined); });
    },
    /** Open a port to the worker from a page of ours (`tab` set when framed inside a web page). */
    connect(name, { tab = null, url = `chrome-extension://ext-id/panel/${name === 'card' ? 'card' : 'panel'}.html` } = {}) {
      const { ours, theirs } = portPair(name, { id: 'ext-id', url, tab, frameId: tab ? 3 : undefined });
      for (const fn of runtime.onConnect.listeners) fn(theirs);
      return ours;
    },
    /** The toolbar button, clicked on `tab`. Returns whether the side panel was opened synchronously. */
    click(tab = { id: 7, windowId: 1, url: FIXTURE_URL }) {
      const before = calls.length;
      for (const fn of chrome.action.onClicked.listeners) fn(tab);
      return calls.slice(before).some((c) => c[0] === 'sidePanel.open');
    },
  };
}
