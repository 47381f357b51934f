// The panels the worker serves, over long-lived ports: the browser's side panel (it follows its window's
// active tab), the panel page opened for one tab (`panel.html?tab=ID`), the fallback panel framed inside
// a page, and the hover card framed inside a page.
//
// A frame inside a page is an extension page (the page cannot read it, nor search it with
// window.find()), but a page could frame our pages itself. So a frame is served only with a key that
// the worker gave the tab's content script for it (runtime messages, which the page never sees), and
// only for the tab it sits in (the browser says which: port.sender.tab).
import { forPanel } from './tab-state.js';

const KEY_BYTES = 18;

function randomKey() {
  const bytes = new Uint8Array(KEY_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Is this sender one of our own pages (side panel, options, our frames), not a content script? */
export function isExtensionPage(sender, runtimeId) {
  if (!sender || (sender.id && sender.id !== runtimeId)) return false;
  try {
    return /^(chrome|moz)-extension:$/.test(new URL(sender.url).protocol);
  } catch {
    return false;
  }
}

export function createPanels({ api, store, publicState, onShowingChanged = () => {}, onPanelMessage = () => {} }) {
  const panels = new Set(); // {port, kind: 'side' | 'pinned' | 'embedded', tabId, windowId}
  const cards = new Map(); // tabId -> hover-card port
  const keys = new Map(); // tabId -> Map(key -> 'panel' | 'card')
  const pendingFocus = new Map(); // windowId -> cardId to focus once a panel there connects
  const pendingCard = new Map(); // tabId -> cardId asked for before the tab's hover card frame connected

  /** A one-use key for a frame the content script of `tabId` is about to create. */
  function issueKey(tabId, kind) {
    const key = randomKey();
    if (!keys.has(tabId)) keys.set(tabId, new Map());
    keys.get(tabId).set(key, kind);
    return key;
  }

  function takeKey(tabId, key, kind) {
    const forTab = keys.get(tabId);
    if (!forTab || typeof key !== 'string' || forTab.get(key) !== kind) return false;
    forTab.delete(key);
    return true;
  }

  function post(port, message) {
    try {
      port.postMessage(message);
    } catch {
      // The panel went away between the check and the send.
    }
  }

  function sendState(entry) {
    if (entry.tabId == null) return;
    post(entry.port, { type: 'state', state: forPanel(store.get(entry.tabId)), ...publicState() });
  }

  /** A tab's state changed: every panel watching it repaints. */
  function broadcast(tabId) {
    for (const entry of panels) if (entry.tabId === tabId) sendState(entry);
  }

  /** Settings or the shortcut changed: every panel repaints. */
  function broadcastAll() {
    for (const entry of panels) sendState(entry);
  }

  /** Is a panel showing this tab: a panel watching it, or a side panel open in its window? */
  function isShowing(tabId, windowId = store.get(tabId).windowId) {
    for (const entry of panels) {
      if (entry.tabId === tabId) return true;
      if (entry.kind === 'side' && windowId != null && entry.windowId === windowId) return true;
    }
    return false;
  }

  /** Is the browser's side panel open in this window (as far as its page has told us)? Synchronous. */
  function isOpenInWindow(windowId) {
    for (const entry of panels) if (entry.kind === 'side' && entry.windowId === windowId) return true;
    return false;
  }

  function focusCard(tabId, windowId, cardId) {
    let sent = false;
    for (const entry of panels) {
      if (entry.tabId === tabId || (entry.kind === 'side' && entry.windowId === windowId)) {
        post(entry.port, { type: 'focus', cardId });
        sent = true;
      }
    }
    if (!sent && windowId != null) pendingFocus.set(windowId, cardId);
    return sent;
  }

  function onPanelPort(port) {
    const entry = { port, kind: null, tabId: null, windowId: null };
    // Framed inside a web page (a sub-frame of a tab), as opposed to the side panel (no tab) or the panel
    // page opened as a tab of its own (the tab's top frame).
    const senderTab = port.sender && port.sender.tab && port.sender.frameId !== 0 ? port.sender.tab : null;
    port.onMessage.addListener((message) => {
      if (!message || typeof message.type !== 'string') return;
      if (message.type === 'watch') {
        const before = entry.tabId;
        if (senderTab) {
          // A frame inside a page: only with the key its content script was given, only for its own tab.
          if (entry.kind !== 'embedded' && !takeKey(senderTab.id, message.key, 'panel')) {
            post(port, { type: 'refused' });
            return;
          }
          Object.assign(entry, { kind: 'embedded', tabId: senderTab.id, windowId: senderTab.windowId });
        } else {
          const tabId = Number.isInteger(message.tabId) ? message.tabId : null;
          Object.assign(entry, { kind: message.pinned ? 'pinned' : 'side', tabId, windowId: Number.isInteger(message.windowId) ? message.windowId : null });
        }
        panels.add(entry);
        sendState(entry);
        if (entry.windowId != null && pendingFocus.has(entry.windowId)) {
          post(port, { type: 'focus', cardId: pendingFocus.get(entry.windowId) });
          pendingFocus.delete(entry.windowId);
        }
        onShowingChanged([before, entry.tabId].filter((t) => t != null));
        return;
      }
      if (!panels.has(entry) || entry.tabId == null) return;
      onPanelMessage(entry, message);
    });
    port.onDisconnect.addListener(() => {
      panels.delete(entry);
      if (entry.tabId != null) onShowingChanged([entry.tabId], { windowId: entry.windowId, closed: entry.kind });
    });
  }

  function onCardPort(port) {
    const tab = port.sender && port.sender.tab;
    let bound = false;
    port.onMessage.addListener((message) => {
      if (!message || !tab) return;
      if (message.type === 'watch') {
        if (!takeKey(tab.id, message.key, 'card')) {
          post(port, { type: 'refused' });
          return;
        }
        bound = true;
        cards.set(tab.id, port);
        // The first hover loads the frame: show what it was asked for once it is connected.
        if (pendingCard.has(tab.id)) showCard(tab.id, pendingCard.get(tab.id));
        return;
      }
      if (!bound) return;
      if (message.type === 'size' && Number.isFinite(message.height)) {
        api.sendTabMessage(tab.id, { type: 'backstory:card-size', cardId: String(message.cardId), height: Math.max(0, Math.min(4000, message.height)) }).catch(() => {});
      }
    });
    port.onDisconnect.addListener(() => {
      if (cards.get(tab && tab.id) === port) cards.delete(tab.id);
    });
  }

  /** Show one card in the tab's hover card frame. */
  function showCard(tabId, cardId) {
    const port = cards.get(tabId);
    if (!port) {
      pendingCard.set(tabId, cardId);
      return false;
    }
    pendingCard.delete(tabId);
    const state = forPanel(store.get(tabId));
    post(port, { type: 'show', cardId, state, ...publicState() });
    return true;
  }

  function onConnect(port) {
    if (!isExtensionPage(port.sender, api.runtimeId())) {
      port.disconnect();
      return;
    }
    if (port.name === 'panel') onPanelPort(port);
    else if (port.name === 'card') onCardPort(port);
    else port.disconnect();
  }

  return {
    onConnect, issueKey, broadcast, broadcastAll, isShowing, isOpenInWindow, focusCard, showCard,
    windowsWithPanels: () => new Set([...panels].filter((e) => e.kind === 'side').map((e) => e.windowId)),
    count: () => panels.size,
  };
}
