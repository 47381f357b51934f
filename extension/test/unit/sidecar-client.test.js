import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { fakePairing, startFakeSidecar } from '../helpers/fake-sidecar.js';
import { fixtureHtml, FIXTURE_URL } from '../helpers/load.js';
import { freePort, REPO_DIR } from '../helpers/browser.js';
import '../../lib/settings.js';
import '../../lib/sidecar-client.js';

const { sidecar } = globalThis.Backstory;
const TOKEN = 'good-token-0123456789abcdefghijklmnopqrstuvwxyz';
const FIREFOX = 'moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const VECTORS = JSON.parse(fs.readFileSync(`${REPO_DIR}/tests/fixtures/handshake-vectors.json`, 'utf8'));

/** fetch as a browser's extension does it: the browser adds the extension's Origin (a page cannot). */
const browserFetch = (origin) => (url, init = {}) => fetch(url, { ...init, headers: { ...(init.headers || {}), Origin: origin } });
const as = (origin) => ({ origin, fetchImpl: browserFetch(origin) });

let fake;
before(async () => { fake = await startFakeSidecar({ token: TOKEN, maxBodyBytes: 64 * 1024, pairs: [{ id: 'b7', token: 'second-token-0123456789abcdefghijklmnopqrstu' }] }); });
after(async () => { await fake.close(); });

/** A server that records everything it receives and answers with `answer(req, body)` → [status, json]. */
async function recorder(answer) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, json, headers = {}] = await answer(req, body);
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(typeof json === 'string' ? json : JSON.stringify(json));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, seen, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

test('the protocol matches the sidecar\'s (tests/fixtures/handshake-vectors.json)', async () => {
  const v = VECTORS;
  const c = sidecar.crypto;
  assert.equal(await sidecar.keyId(v.secret), v.kid);
  const key = await c.sessionKey(v.secret, { kid: v.kid, origin: v.origin, port: v.port, clientNonce: v.client_nonce, serverNonce: v.server_nonce });
  assert.equal(Buffer.from(key).toString('hex'), v.session_key_hex);
  assert.equal(await c.serverProof(key, v.proof), v.proof.mac);
  assert.equal(await c.serverProof(key, v.proof_unbound), v.proof_unbound.mac);
  for (const r of [v.request, v.request_get]) {
    assert.equal(await c.requestSignature(key, r.method, r.path, new TextEncoder().encode(r.body)), r.mac);
  }
  assert.equal(await c.responseSignature(key, v.response.status, new TextEncoder().encode(v.response.body)), v.response.mac);
});

test('health, outlet and analyze once the sidecar has proved itself; the token never crosses the wire', async () => {
  const s = { port: fake.port, token: TOKEN };
  const from = fake.requests.length;
  const h = await sidecar.health(s, as(FIREFOX));
  assert.equal(h.ok, true, h.message);
  assert.equal(h.data.ok, true);
  assert.deepEqual(h.pair, { id: 'default', browser: null });
  const o = await sidecar.outlet(s, FIXTURE_URL, as(FIREFOX));
  assert.equal(o.data.outlet.name, 'Global Research');
  assert.equal(o.pair.browser, 'Firefox', 'bound to this browser by the first proven request');
  const a = await sidecar.analyze(s, FIXTURE_URL, fixtureHtml(), as(FIREFOX));
  assert.equal(a.ok, true);
  assert.equal(a.data.cited[0].name, 'Andrew Korybko');
  const sent = fake.requests.slice(from);
  assert.deepEqual(sent.map((r) => `${r.method} ${r.url}`), [
    'POST /v1/handshake', 'GET /v1/health', 'POST /v1/handshake', 'POST /v1/outlet', 'POST /v1/handshake', 'POST /v1/analyze']);
  for (const r of sent) {
    assert.ok(!JSON.stringify(r.headers).includes(TOKEN) && !r.body.includes(TOKEN), `the token was sent in ${r.url}`);
    assert.equal(r.headers.host, `127.0.0.1:${fake.port}`);
  }
  const hello = JSON.parse(sent[0].body);
  assert.deepEqual(Object.keys(hello).sort(), ['kid', 'nonce', 'v']);
  assert.match(hello.kid, /^[0-9a-f]{16}$/);
  assert.match(hello.nonce, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(JSON.parse(sent[2].body).nonce, hello.nonce, 'a fresh nonce each time');
  assert.equal(sent[0].headers.authorization, undefined);
  assert.match(sent[1].headers.authorization, /^Backstory-Signed [A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(JSON.parse(sent[5].body), { url: FIXTURE_URL, html: fixtureHtml(), include_text: true });
  assert.equal(sent[5].headers['content-type'], 'application/json');
});

test('an impostor on the port receives neither the token nor any page content', async (t) => {
  // Another local account bound the port while the sidecar was down. Whatever it answers, the extension
  // sends it the key id and a nonce, and nothing else: not the token, not the page, not even its URL.
  const page = fixtureHtml().replace('</body>', '<p>SECRET-PAGE-MARKER logged-in account 4242</p></body>');
  const captured = { v: 1, result: 'ok', pair: 'default', browser: null, session: 's', nonce: 'n', proof: 'x'.repeat(43) };
  // a genuine proof from the real sidecar, recorded earlier, replayed by the impostor
  const real = await fetch(`${fake.url}/v1/handshake`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: CHROME },
    body: JSON.stringify({ v: 1, kid: await sidecar.keyId(TOKEN), nonce: 'A'.repeat(43) }) }).then((r) => r.json());
  const impostors = {
    'answers like a sidecar': () => [200, captured],
    'replays a real proof': () => [200, real],
    'says the token is unknown': () => [401, { error: { code: 'unknown_token', message: 'visit https://evil.example to fix' } }],
    'acts as an old sidecar': () => [401, { error: { code: 'not_paired', message: 'missing or wrong pairing token' } }],
    'answers 200 to everything': () => [200, { ok: true, outlet: { name: 'Trusted News' } }],
    'answers HTML': () => [404, '<h1>nope</h1>'],
    'relays to the real sidecar': async (req, body) => {
      const r = await fetch(`${fake.url}${req.url}`, { method: req.method, headers: { 'Content-Type': 'application/json', Origin: CHROME }, body });
      return [r.status, await r.text()];
    },
  };
  for (const [name, answer] of Object.entries(impostors)) {
    await t.test(name, async () => {
      const impostor = await recorder(answer);
      try {
        const s = { port: impostor.port, token: TOKEN };
        const results = [
          await sidecar.analyze(s, FIXTURE_URL, page, as(CHROME)),
          await sidecar.outlet(s, FIXTURE_URL, as(CHROME)),
          await sidecar.health(s, as(CHROME)),
          await sidecar.request(s, 'POST', '/v1/lookup', { items: [{ name: 'Andrew Korybko' }] }, as(CHROME)),
        ];
        for (const r of results) {
          assert.equal(r.ok, false, `${name}: ${JSON.stringify(r).slice(0, 200)}`);
          assert.ok(['handshake_failed', 'not_paired'].includes(r.state), r.state);
          assert.equal(r.data, undefined);
          assert.ok(!/evil\.example|Trusted News/.test(r.message), 'nothing the impostor says is repeated');
        }
        assert.ok(impostor.seen.length >= 4);
        for (const r of impostor.seen) {
          assert.equal(`${r.method} ${r.url}`, 'POST /v1/handshake', 'only handshakes reach the impostor');
          const all = JSON.stringify(r.headers) + r.body;
          for (const secret of [TOKEN, 'SECRET-PAGE-MARKER', 'globalresearch', 'Korybko']) {
            assert.ok(!all.includes(secret), `${name}: the impostor received "${secret}"`);
          }
          assert.equal(r.headers.authorization, undefined);
        }
      } finally {
        await impostor.close();
      }
    });
  }
});

test('an answer is believed only when signed with the exchange\'s key', async () => {
  // A fetch that passes the handshake through but replaces or alters the answer to the request itself.
  const forge = (change) => async (url, init) => {
    const r = await browserFetch(FIREFOX)(url, init);
    if (url.endsWith('/v1/handshake')) return r;
    return change(r, await r.text());
  };
  const s = { port: fake.port, token: TOKEN };
  const swapped = await sidecar.outlet(s, FIXTURE_URL, { origin: FIREFOX, fetchImpl: forge(() => new Response('{"outlet": {"name": "Trusted News"}}', { status: 200 })) });
  assert.equal(swapped.state, 'handshake_failed');
  const tampered = await sidecar.outlet(s, FIXTURE_URL, { origin: FIREFOX, fetchImpl: forge((r, text) => new Response(text.replace('Global Research', 'Trusted News'), { status: r.status, headers: r.headers })) });
  assert.equal(tampered.state, 'handshake_failed');
  const intact = await sidecar.outlet(s, FIXTURE_URL, { origin: FIREFOX, fetchImpl: forge((r, text) => new Response(text, { status: r.status, headers: r.headers })) });
  assert.equal(intact.ok, true);
});

test('no token: not paired, and nothing is sent', async () => {
  let calls = 0;
  const r = await sidecar.health({ port: fake.port, token: '' }, { fetchImpl: async () => { calls++; return new Response('{}'); } });
  assert.equal(r.state, 'not_paired');
  assert.equal(r.reason, 'no_token');
  assert.equal(calls, 0);
});

test('a token the sidecar does not know: not paired, reason unknown_token', async () => {
  const r = await sidecar.health({ port: fake.port, token: 'not-a-pairing-0123456789abcdefghijklmnopq' }, as(FIREFOX));
  assert.equal(r.state, 'not_paired');
  assert.equal(r.reason, 'unknown_token');
  assert.equal(r.verified, false);
  assert.match(r.message, /backstory pair/);
});

test('another browser\'s token: a proven refusal that names that browser', async () => {
  const s = { port: fake.port, token: 'second-token-0123456789abcdefghijklmnopqrstu' };
  assert.equal((await sidecar.health(s, { origin: CHROME, fetchImpl: (u, i) => browserFetch(CHROME)(u, { ...i, headers: { ...i.headers, 'User-Agent': 'HeadlessChrome/156.0' } }) })).ok, true);
  const r = await sidecar.health(s, as(FIREFOX));
  assert.equal(r.state, 'not_paired');
  assert.equal(r.reason, 'paired_elsewhere');
  assert.equal(r.verified, true);
  assert.match(r.message, /another browser \(Chrome 156\)/);
  assert.match(r.message, /backstory pair/);
  assert.equal((await sidecar.health(s, as(CHROME))).ok, true, 'the paired browser goes on');
});

test('nothing listening means not running', async () => {
  const port = await freePort();
  const r = await sidecar.outlet({ port, token: TOKEN }, FIXTURE_URL);
  assert.equal(r.ok, false);
  assert.equal(r.state, 'not_running');
  assert.match(r.message, new RegExp(String(port)));
});

test('too large: refused before anything is sent, and mapped from the sidecar\'s 413', async () => {
  let calls = 0;
  const local = await sidecar.analyze({ port: fake.port, token: TOKEN }, FIXTURE_URL, 'x'.repeat(sidecar.MAX_BODY_BYTES + 1),
    { fetchImpl: async () => { calls++; return new Response('{}'); } });
  assert.equal(local.state, 'too_large');
  assert.equal(calls, 0);
  const remote = await sidecar.analyze({ port: fake.port, token: TOKEN }, FIXTURE_URL, 'x'.repeat(100 * 1024), as(FIREFOX));
  assert.equal(remote.state, 'too_large');
  assert.equal(remote.status, 413);
});

test('timeouts, and signed error answers keep the sidecar\'s message', async () => {
  const slow = async (url, init) => new Promise((_, reject) => {
    init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
  });
  const t = await sidecar.request({ port: 1, token: TOKEN }, 'POST', '/v1/analyze', {}, { fetchImpl: slow, timeoutMs: 20 });
  assert.equal(t.state, 'timeout');
  const missing = await sidecar.request({ port: fake.port, token: TOKEN }, 'POST', '/v1/no-such-route', { items: [] }, as(FIREFOX));
  assert.equal(missing.state, 'error');
  assert.equal(missing.message, 'unknown route');
  assert.equal(missing.verified, true);
});

test('request(): GET and POST on plain paths only, never anything fetch would re-encode', async () => {
  let calls = 0;
  const spy = async () => { calls++; return new Response('{}'); };
  for (const [method, path] of [['DELETE', '/v1/x'], ['POST', '/v1/a b'], ['POST', 'v1/x'], ['POST', '/v1/é'], ['GET', '//evil.example/x']]) {
    const r = await sidecar.request({ port: fake.port, token: TOKEN }, method, path, null, { fetchImpl: spy });
    assert.equal(r.state, 'error', `${method} ${path}`);
  }
  assert.equal(calls, 0);
});

test('a sidecar restarted between the handshake and the request: one new handshake', async () => {
  let first = true;
  let hellos = 0;
  const fetchImpl = async (url, init) => {
    if (url.endsWith('/v1/handshake')) hellos++;
    else if (first) {
      first = false;
      return new Response('{"error": {"code": "session_expired", "message": "start again"}}', { status: 401 });
    }
    return browserFetch(FIREFOX)(url, init);
  };
  const r = await sidecar.health({ port: fake.port, token: TOKEN }, { origin: FIREFOX, fetchImpl });
  assert.equal(r.ok, true);
  assert.equal(hellos, 2);
});

test('status() and describe(): each state, and the right advice for it', async () => {
  // a sidecar that is still loading its model (interface 1: health says state "starting")
  const pairing = fakePairing({ token: TOKEN });
  let port;
  const starting = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let status;
      let body;
      let key = null;
      if (req.url === '/v1/handshake') [status, body] = pairing.hello(req, JSON.parse(raw), port);
      else {
        const auth = pairing.authenticate(req, raw);
        key = auth.key;
        [status, body] = [200, { ok: true, ready: false, state: 'starting', loading: 'the spaCy model', version: '0.1.0', pipeline_version: null, model: null }];
      }
      const bytes = Buffer.from(JSON.stringify(body));
      res.writeHead(status, { 'Content-Type': 'application/json', ...(key ? { 'X-Backstory-Signature': pairing.sign(key, status, bytes) } : {}) });
      res.end(bytes);
    });
  });
  await new Promise((r) => starting.listen(0, '127.0.0.1', r));
  port = starting.address().port;
  try {
    const st = await sidecar.status({ port, token: TOKEN }, as(FIREFOX));
    assert.equal(st.state, 'starting');
    assert.equal(st.loading, 'the spaCy model');
    assert.match(sidecar.describe(st, port).text, /starting \(loading the spaCy model\)/);
  } finally {
    await new Promise((r) => { starting.closeAllConnections?.(); starting.close(r); });
  }
  const paired = await sidecar.status({ port: fake.port, token: TOKEN }, as(FIREFOX));
  assert.equal(paired.state, 'paired');
  assert.match(sidecar.describe(paired, fake.port).text, /proved it is yours.*pairing default/);
  const advice = (result) => { const d = sidecar.describe(result, 9000); return `${d.title} ${d.text} ${d.next}`; };
  assert.match(advice({ state: 'not_running' }), /make serve/);
  assert.match(advice({ state: 'not_paired', reason: 'no_token' }), /backstory pair/);
  assert.match(advice({ state: 'not_paired', reason: 'paired_elsewhere', message: 'x' }), /another browser.*backstory pair/s);
  assert.match(advice({ state: 'not_paired', reason: 'unknown_token' }), /backstory pairs/);
  assert.match(advice({ state: 'handshake_failed' }), /restart the sidecar.*another program holds port 9000/s);
  for (const state of ['handshake_failed', 'not_paired', 'not_running']) {
    assert.doesNotMatch(advice({ state, reason: 'paired_elsewhere' }), /^Something went wrong/);
  }
});
