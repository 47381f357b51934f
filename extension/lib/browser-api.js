// The one place that touches chrome.* / browser.*.
//
// Every other file calls Backstory.browserApi, so browser differences live here and tests can swap in a
// fake (Backstory.browserApi = makeBrowserApi(fakeChrome)). Written as a plain script that only assigns
// to globalThis.Backstory, so the same file loads as a content script (classic script, injected with
// scripting.executeScript), in the panel's page, and as a side-effect import from the ES-module worker
// and options page.
{
  const ns = (globalThis.Backstory ??= {});

  /** Build the adapter around a `browser` (Firefox, promise-based) or `chrome` (Chromium) namespace. */
  function makeBrowserApi(raw) {
    const has = (path) => {
      let o = raw;
      for (const part of path.split('.')) {
        if (o == null) return false;
        o = o[part];
      }
      return o != null;
    };
    // Which native panel this browser gives extensions: Chrome's side panel, Firefox's sidebar, or none
    // (Firefox for Android, Chromium forks without the API): then the panel opens inside the page.
    const panelKind = has('sidePanel.open') ? 'side_panel' : has('sidebarAction.open') ? 'sidebar' : null;

    return {
      available: raw != null && has('runtime'),
      panelKind,

      // ---- storage (local: the pairing token must never sync to other machines) ----
      async getStorage(defaults) {
        return raw.storage.local.get(defaults);
      },
      async setStorage(values) {
        return raw.storage.local.set(values);
      },
      onStorageChanged(listener) {
        raw.storage.onChanged.addListener((changes, area) => {
          if (area === 'local') listener(changes);
        });
      },
      // Session storage: in memory, gone when the browser closes, and (by default in both browsers)
      // out of content scripts' reach. The worker keeps each tab's analysis there across its restarts.
      hasSessionStorage: has('storage.session'),
      async getSession(keys) {
        return raw.storage.session.get(keys);
      },
      async setSession(values) {
        return raw.storage.session.set(values);
      },
      async removeSession(keys) {
        return raw.storage.session.remove(keys);
      },

      // ---- messaging ----
      /** Send a message to the background worker; resolves with its answer. */
      async sendMessage(message) {
        return raw.runtime.sendMessage(message);
      },
      /** Send a message to the content script of one tab (its top frame unless `frameId` is given). */
      async sendTabMessage(tabId, message, frameId = 0) {
        return raw.tabs.sendMessage(tabId, message, { frameId });
      },
      /**
       * Listen for messages; `handler(message, sender)` returns a value or a promise. Chrome needs
       * sendResponse + `return true` for async answers, Firefox accepts a promise: this covers both.
       */
      onMessage(handler) {
        raw.runtime.onMessage.addListener((message, sender, sendResponse) => {
          let result;
          try {
            result = handler(message, sender);
          } catch (err) {
            sendResponse({ ok: false, state: 'error', message: String(err && err.message || err) });
            return false;
          }
          if (result === undefined) return false;
          Promise.resolve(result).then(sendResponse, (err) =>
            sendResponse({ ok: false, state: 'error', message: String(err && err.message || err) }));
          return true;
        });
      },
      /** A long-lived channel to the worker (the panel and the hover card keep one open). */
      connect(name) {
        return raw.runtime.connect({ name });
      },
      onConnect(listener) {
        raw.runtime.onConnect.addListener(listener);
      },

      /** False once the extension was reloaded or removed under a still-running content script. */
      isConnected() {
        try {
          return Boolean(raw && raw.runtime && raw.runtime.id);
        } catch {
          return false;
        }
      },
      runtimeId() {
        return raw.runtime.id;
      },

      // ---- extension pages and resources ----
      getURL(path) {
        return raw.runtime.getURL(path);
      },
      openOptionsPage() {
        return raw.runtime.openOptionsPage();
      },
      onInstalled(listener) {
        raw.runtime.onInstalled.addListener(listener);
      },
      onStartup(listener) {
        raw.runtime.onStartup.addListener(listener);
      },

      // ---- the browser's own panel ----
      /**
       * Open the native panel in `tab`'s window. Both browsers accept this only while a user action is
       * being handled, so it must be called synchronously from the click's (or shortcut's) handler,
       * before any `await`. Resolves false when there is no native panel.
       */
      openPanel(tab) {
        if (panelKind === 'side_panel') return raw.sidePanel.open({ windowId: tab.windowId }).then(() => true);
        if (panelKind === 'sidebar') return raw.sidebarAction.open().then(() => true);
        return Promise.resolve(false);
      },
      /** Close the native panel of a window (Firefox: only while handling a user action). */
      closePanel(windowId) {
        if (panelKind === 'side_panel' && has('sidePanel.close')) return raw.sidePanel.close({ windowId }).then(() => true);
        if (panelKind === 'sidebar') return raw.sidebarAction.close().then(() => true);
        return Promise.resolve(false);
      },

      // ---- toolbar button, shortcut and badge ----
      onActionClicked(listener) {
        raw.action.onClicked.addListener(listener);
      },
      async setBadge(tabId, { text, color, title }) {
        await raw.action.setBadgeText({ tabId, text: text ?? '' });
        if (color) await raw.action.setBadgeBackgroundColor({ tabId, color });
        if (title) await raw.action.setTitle({ tabId, title });
      },
      /** The commands and the keys the browser actually assigned them ('' when it refused one). */
      async commands() {
        return has('commands.getAll') ? raw.commands.getAll() : [];
      },

      // ---- tabs, windows and injection ----
      async activeTab(windowId = null) {
        const [tab] = await raw.tabs.query(windowId == null ? { active: true, currentWindow: true } : { active: true, windowId });
        return tab;
      },
      async getTab(tabId) {
        return raw.tabs.get(tabId);
      },
      async currentWindowId() {
        const win = await raw.windows.getCurrent();
        return win.id;
      },
      onTabActivated(listener) {
        raw.tabs.onActivated.addListener(listener);
      },
      onTabUpdated(listener) {
        raw.tabs.onUpdated.addListener(listener);
      },
      onTabRemoved(listener) {
        raw.tabs.onRemoved.addListener(listener);
      },
      async injectFiles(tabId, files) {
        return raw.scripting.executeScript({ target: { tabId }, files });
      },
      async registeredScripts(ids) {
        return raw.scripting.getRegisteredContentScripts({ ids });
      },
      async registerScripts(scripts) {
        return raw.scripting.registerContentScripts(scripts);
      },
      async unregisterScripts(ids) {
        return raw.scripting.unregisterContentScripts({ ids });
      },

      // ---- optional permissions (automatic analysis) ----
      async hasOrigins(origins) {
        return raw.permissions.contains({ origins });
      },
      /** Must run inside a user gesture (a click on the options page). */
      async requestOrigins(origins) {
        return raw.permissions.request({ origins });
      },
      async removeOrigins(origins) {
        return raw.permissions.remove({ origins });
      },
    };
  }

  const raw = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome?.runtime ? globalThis.chrome : null;
  ns.makeBrowserApi = makeBrowserApi;
  ns.browserApi = makeBrowserApi(raw);
}
