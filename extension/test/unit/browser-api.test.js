import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../lib/browser-api.js';

const { makeBrowserApi } = globalThis.Backstory;

test('async message handlers answer through sendResponse (Chrome) and errors become error states', async () => {
  let listener;
  const api = makeBrowserApi({ runtime: { onMessage: { addListener: (fn) => { listener = fn; } } } });
  api.onMessage(async (m) => (m.type === 'ping' ? { ok: true, pong: 1 } : m.type === 'boom' ? Promise.reject(new Error('boom')) : undefined));
  const ask = (m) => new Promise((resolve) => { if (!listener(m, {}, resolve)) resolve('no answer'); });
  assert.deepEqual(await ask({ type: 'ping' }), { ok: true, pong: 1 });
  assert.equal(await ask({ type: 'other' }), undefined);
  assert.deepEqual(await ask({ type: 'boom' }), { ok: false, state: 'error', message: 'boom' });
});

test('without an extension runtime the adapter says it is not available', () => {
  assert.equal(makeBrowserApi(null).available, false);
  assert.equal(globalThis.Backstory.browserApi.available, false);
});

test('badge calls carry the tab id', async () => {
  const calls = [];
  const api = makeBrowserApi({
    runtime: {},
    action: {
      setBadgeText: async (o) => calls.push(o), setBadgeBackgroundColor: async (o) => calls.push(o), setTitle: async (o) => calls.push(o),
    },
  });
  await api.setBadge(3, { text: '!', color: '#b91c1c', title: 't' });
  assert.deepEqual(calls, [{ tabId: 3, text: '!' }, { tabId: 3, color: '#b91c1c' }, { tabId: 3, title: 't' }]);
});
