import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { startFakeSidecar } from '../helpers/fake-sidecar.js';
import { fixtureHtml, FIXTURE_URL } from '../helpers/load.js';
import { freePort } from '../helpers/browser.js';
import '../../lib/settings.js';
import '../../lib/sidecar-client.js';

const { sidecar } = globalThis.Backstory;
let fake;
before(async () => { fake = await startFakeSidecar({ token: 'good', maxBodyBytes: 64 * 1024 }); });
after(async () => { await fake.close(); });

test('health, outlet and analyze with the right token', async () => {
  const s = { port: fake.port, token: 'good' };
  const h = await sidecar.health(s);
  assert.equal(h.ok, true);
  assert.equal(h.data.ok, true);
  const o = await sidecar.outlet(s, FIXTURE_URL);
  assert.equal(o.data.outlet.name, 'Global Research');
  const a = await sidecar.analyze(s, FIXTURE_URL, fixtureHtml());
  assert.equal(a.ok, true);
  assert.equal(a.data.cited[0].name, 'Andrew Korybko');
  const req = fake.requests.at(-1);
  assert.equal(req.headers.authorization, 'Bearer good');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.equal(req.headers.host, `127.0.0.1:${fake.port}`);
});

test('include_text is always requested so highlights can be anchored', async () => {
  let body;
  const fetchImpl = async (url, init) => { body = JSON.parse(init.body); return new Response('{}', { status: 200 }); };
  await sidecar.analyze({ port: 1, token: 't' }, 'https://x.org/a', '<html></html>', { fetchImpl });
  assert.deepEqual(body, { url: 'https://x.org/a', html: '<html></html>', include_text: true });
});

test('wrong or missing token means not paired', async () => {
  assert.equal((await sidecar.health({ port: fake.port, token: 'bad' })).state, 'not_paired');
  assert.equal((await sidecar.health({ port: fake.port, token: '' })).state, 'not_paired');
});

test('nothing listening means not running', async () => {
  const port = await freePort();
  const r = await sidecar.outlet({ port, token: 'good' }, FIXTURE_URL);
  assert.equal(r.ok, false);
  assert.equal(r.state, 'not_running');
  assert.match(r.message, new RegExp(String(port)));
});

test('too large: refused before sending, and mapped from the sidecar\'s 413', async () => {
  const s = { port: fake.port, token: 'good' };
  const local = await sidecar.analyze(s, FIXTURE_URL, 'x'.repeat(sidecar.MAX_BODY_BYTES + 1));
  assert.equal(local.state, 'too_large');
  const remote = await sidecar.analyze(s, FIXTURE_URL, 'x'.repeat(100 * 1024));
  assert.equal(remote.state, 'too_large');
  assert.equal(remote.status, 413);
});

test('timeouts and server errors become timeout and error states', async () => {
  const slow = async (url, init) => new Promise((_, reject) => {
    init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
  });
  const t = await sidecar.request({ port: 1, token: 't' }, 'POST', '/v1/analyze', {}, { fetchImpl: slow, timeoutMs: 20 });
  assert.equal(t.state, 'timeout');
  const e408 = await sidecar.request({ port: 1, token: 't' }, 'POST', '/v1/analyze', {}, {
    fetchImpl: async () => new Response(JSON.stringify({ error: { code: 'timeout', message: 'NLP ran out of time' } }), { status: 408 }),
  });
  assert.equal(e408.state, 'timeout');
  assert.equal(e408.message, 'NLP ran out of time');
  const e500 = await sidecar.request({ port: 1, token: 't' }, 'POST', '/v1/analyze', {}, {
    fetchImpl: async () => new Response(JSON.stringify({ error: { code: 'internal', message: 'a bug' } }), { status: 500 }),
  });
  assert.equal(e500.state, 'error');
  assert.equal(e500.message, 'a bug');
});

test('another program on the port is reported as such', async () => {
  const other = http.createServer((req, res) => { res.writeHead(404, { 'Content-Type': 'text/html' }); res.end('<h1>nope</h1>'); });
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  const r = await sidecar.health({ port: other.address().port, token: 't' });
  assert.equal(r.state, 'error');
  assert.match(r.message, /Something else answers/);
  await new Promise((r2) => other.close(r2));
});
