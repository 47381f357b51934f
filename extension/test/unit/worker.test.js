// The background worker with a fake `chrome`: toolbar click, messages to the sidecar, badge, and the
// automatic-analysis registration.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startFakeSidecar } from '../helpers/fake-sidecar.js';
import { FIXTURE_URL } from '../helpers/load.js';

function event() {
  const listeners = [];
  return { addListener: (fn) => listeners.push(fn), listeners };
}

const calls = [];
const storage = {};
let granted = false;
let registered = [];
let tabReceiver = false;
globalThis.chrome = {
  runtime: {
    onMessage: event(), onInstalled: event(), onStartup: event(),
    sendMessage: async () => undefined, getURL: (p) => p,
    openOptionsPage: async () => { calls.push(['openOptionsPage']); },
  },
  storage: {
    local: {
      get: async (defaults) => ({ ...defaults, ...storage }),
      set: async (v) => { Object.assign(storage, v); },
    },
    onChanged: event(),
  },
  action: {
    onClicked: event(),
    setBadgeText: async (o) => calls.push(['badgeText', o]),
    setBadgeBackgroundColor: async (o) => calls.push(['badgeColor', o]),
    setTitle: async (o) => calls.push(['title', o]),
  },
  tabs: {
    query: async () => [{ id: 7 }],
    sendMessage: async (tabId, message) => {
      calls.push(['tabMessage', tabId, message]);
      if (!tabReceiver) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, open: true };
    },
    onRemoved: event(),
  },
  scripting: {
    executeScript: async (o) => {
      if (o.target.tabId === 9) throw new Error('Cannot access a chrome:// URL');
      calls.push(['inject', o]); tabReceiver = true; return [];
    },
    getRegisteredContentScripts: async ({ ids }) => registered.filter((r) => ids.includes(r.id)),
    registerContentScripts: async (list) => { registered.push(...list); },
    unregisterContentScripts: async ({ ids }) => { registered = registered.filter((r) => !ids.includes(r.id)); },
  },
  permissions: { contains: async () => granted, request: async () => true, remove: async () => true },
};

let fake;
let worker;
before(async () => {
  fake = await startFakeSidecar({ token: 'tok' });
  Object.assign(storage, { port: fake.port, token: 'tok' });
  await import('../../background/worker.js');
  worker = globalThis.Backstory.worker;
});
after(async () => { await fake.close(); });

function message(msg, sender = { tab: { id: 7 } }) {
  const [listener] = globalThis.chrome.runtime.onMessage.listeners;
  return new Promise((resolve) => {
    const async = listener(msg, sender, resolve);
    if (!async) resolve(undefined);
  });
}

test('a toolbar click injects the content script once, then toggles', async () => {
  const [onClick] = globalThis.chrome.action.onClicked.listeners;
  assert.ok(onClick);
  const first = await worker.togglePanel({ id: 7 });
  assert.equal(first.open, true);
  const injected = calls.filter((c) => c[0] === 'inject');
  assert.equal(injected.length, 1);
  assert.deepEqual(injected[0][1].target, { tabId: 7 });
  assert.equal(injected[0][1].files.at(-1), '/content/main.js');
  await worker.togglePanel({ id: 7 });
  assert.equal(calls.filter((c) => c[0] === 'inject').length, 1);
});

test('a page the browser does not let extensions script gets an explanation on the button', async () => {
  tabReceiver = false;
  const r = await worker.togglePanel({ id: 9 });
  assert.equal(r.ok, false);
  const title = calls.filter((c) => c[0] === 'title').at(-1)[1];
  assert.equal(title.tabId, 9);
  assert.match(title.title, /cannot read this page/);
  tabReceiver = true;
});

test('outlet and analyze go to the sidecar with the token, and the badge follows the rating', async () => {
  const o = await message({ type: 'backstory:outlet', url: FIXTURE_URL });
  assert.equal(o.ok, true);
  assert.equal(o.data.outlet.name, 'Global Research');
  const text = calls.filter((c) => c[0] === 'badgeText').at(-1)[1];
  assert.deepEqual(text, { tabId: 7, text: '!' });
  const a = await message({ type: 'backstory:analyze', url: FIXTURE_URL, html: '<html><body><p>x</p></body></html>' });
  assert.equal(a.ok, true);
  assert.equal(a.data.article.is_article, false);
  // the sidecar proves itself first; the token itself never crosses the wire (docs/security.md)
  assert.ok(fake.requests.every((r) => r.url === '/v1/handshake' || /^Backstory-Signed /.test(r.headers.authorization)));
  assert.ok(fake.requests.every((r) => r.headers.authorization !== 'Bearer tok'));
});

test('unknown messages get no answer; settings come back cleaned', async () => {
  assert.equal(await message({ type: 'something-else' }), undefined);
  const s = await message({ type: 'backstory:settings' });
  assert.equal(s.port, fake.port);
  assert.equal(s.mode, 'side-by-side');
  await message({ type: 'backstory:open-options' });
  assert.ok(calls.some((c) => c[0] === 'openOptionsPage'));
});

test('automatic analysis is registered only when on and permitted', async () => {
  storage.auto = true;
  granted = false;
  await worker.syncAutoAnalysis();
  assert.equal(registered.length, 0);
  granted = true;
  await worker.syncAutoAnalysis();
  assert.equal(registered.length, 1);
  assert.deepEqual(registered[0].matches, ['http://*/*', 'https://*/*']);
  assert.equal(registered[0].js.at(-1), '/content/auto-start.js');
  storage.auto = false;
  await worker.syncAutoAnalysis();
  assert.equal(registered.length, 0);
});
