// The options page in jsdom with a fake `chrome`, against the fake sidecar and an impostor: it says
// which state the pairing is in and what to do, from what the sidecar proves (issue 27: it said
// "Paired" while every page failed with "another extension is paired").
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { JSDOM } from 'jsdom';
import { startFakeSidecar } from '../helpers/fake-sidecar.js';
import { EXT_DIR } from '../helpers/load.js';
import { freePort } from '../helpers/browser.js';

const TOKEN = 'options-token-0123456789abcdefghijklmnopqrstu';
const OTHER = 'options-other-0123456789abcdefghijklmnopqrstu';
const storage = {};
const saved = [];
globalThis.chrome = {
  runtime: { id: 'test', sendMessage: async () => undefined, getURL: (p) => p, onMessage: { addListener() {} } },
  storage: {
    local: { get: async (defaults) => ({ ...defaults, ...storage }), set: async (v) => { saved.push(v); Object.assign(storage, v); } },
    onChanged: { addListener() {} },
  },
  permissions: { contains: async () => false, request: async () => true, remove: async () => true },
};

let fake;
let impostor;
let run = 0;
before(async () => {
  fake = await startFakeSidecar({ token: TOKEN, pairs: [{ id: 'c3', token: OTHER, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', browser: 'Chrome 156' }] });
  impostor = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"v": 1, "result": "ok", "pair": "default", "browser": null, "nonce": "n", "proof": "p", "session": "s"}'); }); });
  await new Promise((r) => impostor.listen(0, '127.0.0.1', r));
});
after(async () => {
  await fake.close();
  await new Promise((r) => { impostor.closeAllConnections?.(); impostor.close(r); });
});

/** Open the options page with these stored settings; resolve once its connection check has settled. */
async function open(stored) {
  for (const k of Object.keys(storage)) delete storage[k];
  Object.assign(storage, stored);
  const html = fs.readFileSync(`${EXT_DIR}/options/options.html`, 'utf8').replace(/<script[^>]*><\/script>/, '');
  const dom = new JSDOM(html);
  globalThis.document = dom.window.document;
  delete globalThis.Backstory;
  run += 1;
  await import(`../../lib/browser-api.js?run=${run}`);
  await import(`../../lib/settings.js?run=${run}`);
  await import(`../../lib/sidecar-client.js?run=${run}`);
  await import(`../../options/options.js?run=${run}`);
  const doc = dom.window.document;
  const box = doc.getElementById('pairing');
  const deadline = Date.now() + 10000;
  while (['unknown', 'checking'].includes(box.dataset.state) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return { doc, state: box.dataset.state, kind: box.dataset.kind, text: box.textContent.replace(/\s+/g, ' ') };
}

test('paired: the sidecar proved itself, and the page says which pairing', async () => {
  const page = await open({ port: fake.port, token: TOKEN });
  assert.equal(page.state, 'paired');
  assert.equal(page.kind, 'good');
  assert.match(page.text, /Paired.*proved it is yours.*pairing default/);
});

test('no token yet: not paired, and the command to run', async () => {
  const page = await open({ port: fake.port });
  assert.equal(page.state, 'not_paired:no_token');
  assert.match(page.text, /No pairing token.*backstory pair.*backstory token/);
});

test('another browser\'s token: says so (proven) and advises `backstory pair`, not "try again"', async () => {
  const page = await open({ port: fake.port, token: OTHER });
  assert.equal(page.state, 'not_paired:paired_elsewhere');
  assert.equal(page.kind, 'bad');
  assert.match(page.text, /another browser's token.*Chrome 156.*backstory pair/);
  assert.doesNotMatch(page.text, /Paired|try again/i);
});

test('a token the sidecar does not know', async () => {
  const page = await open({ port: fake.port, token: 'unknown-token-0123456789abcdefghijklmnopqr' });
  assert.equal(page.state, 'not_paired:unknown_token');
  assert.match(page.text, /refuses the token.*backstory pairs/);
});

test('sidecar not running', async () => {
  const port = await freePort();
  const page = await open({ port, token: TOKEN });
  assert.equal(page.state, 'not_running');
  assert.match(page.text, new RegExp(`Nothing answers on 127\\.0\\.0\\.1:${port}.*make serve`));
});

test('an impostor on the port: not your sidecar, nothing sent, what to do', async () => {
  const page = await open({ port: impostor.address().port, token: TOKEN });
  assert.equal(page.state, 'handshake_failed');
  assert.match(page.text, /could not prove.*Nothing was sent.*restart the sidecar.*another program holds port/);
  assert.doesNotMatch(page.text, /Paired/);
});

test('Test the connection saves the form and reports the new state', async () => {
  const page = await open({ port: fake.port, token: 'unknown-token-0123456789abcdefghijklmnopqr' });
  page.doc.getElementById('token').value = `  ${TOKEN}\n`;
  page.doc.getElementById('test').click();
  const status = page.doc.getElementById('status');
  const deadline = Date.now() + 10000;
  while (!/Paired/.test(status.textContent) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.match(status.textContent, /^Paired: /);
  assert.equal(storage.token, TOKEN);
  assert.equal(page.doc.getElementById('pairing').dataset.state, 'paired');
});
