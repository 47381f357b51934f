// The one place that touches chrome.* / browser.*.
//
// Every other file calls Backstory.browserApi, so browser differences live here and tests can swap in a
// fake (Backstory.browserApi = makeBrowserApi(fakeChrome)). Written as a plain script that only assigns
// to globalThis.Backstory, so the same file loads as a content script (classic script, injected with
// scripting.executeScript) and as a side-effect import from the ES-module worker and options page.
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

    return {
      available: raw != null && has('runtime'),

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

      // ---- messaging ----
      /** Send a message to the background worker; resolves with its answer. */
      async sendMessage(message) {
        return raw.runtime.sendMessage(message);
      },
      /** Send a message to the content script of one tab. */
      async sendTabMessage(tabId, message) {
        return raw.tabs.sendMessage(tabId, message);
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

      /** False once the extension was reloaded or removed under a still-running content script. */
      isConnected() {
        try {
          return Boolean(raw && raw.runtime && raw.runtime.id);
        } catch {
          return false;
        }
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

      // ---- toolbar button and badge ----
      onActionClicked(listener) {
        raw.action.onClicked.addListener(listener);
      },
      async setBadge(tabId, { text, color, title }) {
        await raw.action.setBadgeText({ tabId, text: text ?? '' });
        if (color) await raw.action.setBadgeBackgroundColor({ tabId, color });
        if (title) await raw.action.setTitle({ tabId, title });
      },

      // ---- tabs and injection ----
      async activeTab() {
        const [tab] = await raw.tabs.query({ active: true, currentWindow: true });
        return tab;
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
      onTabRemoved(listener) {
        raw.tabs.onRemoved.addListener(listener);
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
