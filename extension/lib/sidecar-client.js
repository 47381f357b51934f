// Talking to the sidecar. Before every request the sidecar must prove it holds this browser's pairing
// secret (the handshake, docs/security.md "The handshake"); only then is the request sent, signed with a
// key made for that one exchange, and only an answer signed with that key is believed. The secret itself
// never leaves the browser, and an impostor on the port gets nothing but a key id and a random nonce.
// Failures map to the reader-facing states the panel and the options page explain (describe() below).
{
  const ns = (globalThis.Backstory ??= {});

  const PROTOCOL = 'backstory-pair-v1';
  const HANDSHAKE_PATH = '/v1/handshake';
  const SIGNATURE_HEADER = 'X-Backstory-Signature';
  // Mirrors the sidecar's default max_body_bytes (docs/api.md: 8 MiB); we refuse before sending.
  const MAX_BODY_BYTES = 8 * 1024 * 1024;
  // Outlet lookups are knowledge-base only and fast; analysis runs NLP (model load on a cold start).
  const TIMEOUT_MS = { handshake: 5000, health: 5000, outlet: 15000, analyze: 120000, request: 30000 };
  const METHODS = ['GET', 'POST'];
  // Paths we sign exactly as fetch sends them: plain ASCII, nothing fetch would re-encode.
  const SAFE_PATH = /^\/(?!\/)[A-Za-z0-9/_.~-]*(\?[A-Za-z0-9_.~=&%+-]*)?$/;

  /** Failure states; each has a title and a next step in describe(). `not_paired` carries a `reason`. */
  const STATES = ['not_running', 'not_paired', 'handshake_failed', 'not_article', 'too_large', 'timeout', 'error'];
  const NOT_PAIRED_REASONS = ['no_token', 'unknown_token', 'paired_elsewhere'];

  /** Map an HTTP status and the sidecar's error code (from a signed answer) to a state. */
  function stateFor(status, code) {
    if (code === 'not_paired' || code === 'unknown_token' || status === 401) return 'not_paired';
    if (code === 'paired_elsewhere') return 'not_paired';
    if (code === 'too_large' || status === 413) return 'too_large';
    if (code === 'timeout' || status === 408) return 'timeout';
    return 'error';
  }

  function fail(state, message, extra = {}) {
    return { ok: false, state, message, ...extra };
  }

  // ---- crypto (WebCrypto: the worker, the options page, Node's test runner) ----
  const enc = new TextEncoder();

  function b64url(bytes) {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function hmac(keyBytes, text) {
    const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(text)));
  }

  async function sha256Hex(bytes) {
    return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
  }

  /** Compare two MACs without stopping at the first difference. */
  function sameMac(a, b) {
    if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return diff === 0;
  }

  /** The secret's public name (16 hex digits): sent in the handshake instead of the secret. */
  async function keyId(secret) {
    return hex(await hmac(enc.encode(secret), `${PROTOCOL} key-id`)).slice(0, 16);
  }

  async function sessionKey(secret, { kid, origin, port, clientNonce, serverNonce }) {
    return hmac(enc.encode(secret), [`${PROTOCOL} session`, kid, origin, String(port), clientNonce, serverNonce].join('\n'));
  }

  async function serverProof(key, { result, pair, browser }) {
    return b64url(await hmac(key, [`${PROTOCOL} server`, result, pair, browser || ''].join('\n')));
  }

  async function requestSignature(key, method, path, bodyBytes) {
    return b64url(await hmac(key, [`${PROTOCOL} request`, method, path, await sha256Hex(bodyBytes)].join('\n')));
  }

  async function responseSignature(key, status, bodyBytes) {
    return b64url(await hmac(key, [`${PROTOCOL} response`, String(status), await sha256Hex(bodyBytes)].join('\n')));
  }

  /** This extension's origin (what the browser sends as Origin); tests pass one in. */
  function ownOrigin(opts) {
    return opts.origin || (globalThis.location && globalThis.location.origin) || '';
  }

  // ---- transport ----
  /** fetch with a timeout; resolves {response, bytes} or a failure (never rejects). */
  async function send(fetchImpl, settings, path, init, timeoutMs) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(`${ns.settings.sidecarBase(settings)}${path}`, { ...init, signal: controller.signal });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { response, bytes };
    } catch (err) {
      if (err && err.name === 'AbortError') {
        return fail('timeout', `The sidecar did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      }
      // A refused connection surfaces as a TypeError ("Failed to fetch" / "NetworkError").
      return fail('not_running', `Nothing answers on 127.0.0.1:${settings.port}.`);
    } finally {
      clearTimeout(timer);
    }
  }

  function parseJson(bytes) {
    try {
      const value = JSON.parse(new TextDecoder().decode(bytes));
      return value && typeof value === 'object' ? value : null;
    } catch {
      return null;
    }
  }

  function unproven(port, why) {
    return fail('handshake_failed',
      `Something answers on 127.0.0.1:${port} but could not prove it is your Backstory sidecar (${why}). Nothing was sent to it.`,
      { verified: false });
  }

  /**
   * Make the sidecar prove itself. Resolves {ok: true, key, session, pair: {id, browser}} or a failure;
   * sends only the key id and a fresh random nonce.
   */
  async function handshake(settings, opts = {}) {
    const fetchImpl = opts.fetchImpl || globalThis.fetch;
    const origin = ownOrigin(opts);
    const kid = await keyId(settings.token);
    const clientNonce = b64url(crypto.getRandomValues(new Uint8Array(32)));
    const sent = await send(fetchImpl, settings, HANDSHAKE_PATH, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ v: 1, kid, nonce: clientNonce }),
    }, Math.min(opts.timeoutMs || TIMEOUT_MS.handshake, TIMEOUT_MS.handshake));
    if (!sent.response) return sent;
    const { response, bytes } = sent;
    const answer = parseJson(bytes);
    if (!answer) return unproven(settings.port, `HTTP ${response.status}, not the sidecar's JSON`);
    if (typeof answer.proof === 'string' && typeof answer.nonce === 'string' && typeof answer.pair === 'string'
        && typeof answer.result === 'string' && (answer.browser == null || typeof answer.browser === 'string')) {
      const key = await sessionKey(settings.token, { kid, origin, port: settings.port, clientNonce, serverNonce: answer.nonce });
      const expected = await serverProof(key, answer);
      if (!sameMac(expected, answer.proof)) return unproven(settings.port, 'its proof is wrong');
      const pair = { id: answer.pair, browser: answer.browser || null };
      if (answer.result === 'ok' && response.status === 200 && typeof answer.session === 'string') {
        return { ok: true, key, session: answer.session, pair };
      }
      if (answer.result === 'paired_elsewhere') {
        return fail('not_paired',
          `This token belongs to another browser${pair.browser ? ` (${pair.browser})` : ''}: each browser needs its own. Run "backstory pair" and paste the token it prints here.`,
          { reason: 'paired_elsewhere', verified: true, pair, status: response.status, code: 'paired_elsewhere' });
      }
      return unproven(settings.port, `an unexpected answer "${answer.result}"`);
    }
    const code = answer.error && typeof answer.error.code === 'string' ? answer.error.code : null;
    if (response.status === 401 && code === 'unknown_token') {
      // Not provable (the sidecar does not hold this secret), and harmless: nothing was sent.
      return fail('not_paired',
        `The sidecar on port ${settings.port} does not know this token: it was removed or replaced ("backstory pairs" lists the pairings), or it belongs to another sidecar. Run "backstory pair" and paste the token it prints.`,
        { reason: 'unknown_token', verified: false, status: 401, code });
    }
    if (response.status === 401 && code === 'not_paired') {
      return unproven(settings.port, 'it has no handshake: an older sidecar, restart it after updating, or another program');
    }
    return unproven(settings.port, `HTTP ${response.status}${code ? ` ${code}` : ''}`);
  }

  /**
   * Call the sidecar: the handshake, then the signed request. Resolves (never rejects) with
   * {ok: true, data, pair} or {ok: false, state, message, ...}. `settings` is {port, token}; `body`
   * null means no body. Options: fetchImpl, timeoutMs, origin (tests).
   */
  async function request(settings, method, path, body = null, opts = {}) {
    if (!settings || !settings.token) {
      return fail('not_paired', 'No pairing token is set.', { reason: 'no_token' });
    }
    if (!METHODS.includes(method) || typeof path !== 'string' || !SAFE_PATH.test(path)) {
      return fail('error', `Not a request the extension makes: ${method} ${path}`);
    }
    const bodyText = body == null ? '' : JSON.stringify(body);
    const bodyBytes = enc.encode(bodyText);
    if (bodyBytes.length > MAX_BODY_BYTES) {
      return fail('too_large', `The page is ${(bodyBytes.length / 1048576).toFixed(1)} MB; the sidecar takes at most ${MAX_BODY_BYTES / 1048576} MB.`);
    }
    const fetchImpl = opts.fetchImpl || globalThis.fetch;
    for (let attempt = 0; ; attempt++) {
      const hs = await handshake(settings, opts);
      if (!hs.ok) return hs;
      const headers = { Authorization: `Backstory-Signed ${hs.session}.${await requestSignature(hs.key, method, path, bodyBytes)}` };
      const init = { method, headers };
      if (body != null) {
        init.body = bodyText;
        headers['Content-Type'] = 'application/json';
      }
      const sent = await send(fetchImpl, settings, path, init, opts.timeoutMs || TIMEOUT_MS.request);
      if (!sent.response) return sent;
      const { response, bytes } = sent;
      const signature = response.headers.get(SIGNATURE_HEADER);
      const signed = signature && sameMac(await responseSignature(hs.key, response.status, bytes), signature);
      if (!signed) {
        // Only the status of an unsigned answer is used, never its text or data.
        if (response.status === 413) return fail('too_large', 'The page is over the sidecar\'s size limit.', { status: 413 });
        if (response.status === 408) return fail('timeout', 'The request took too long to reach the sidecar.', { status: 408 });
        const payload = parseJson(bytes);
        const code = payload && payload.error && payload.error.code;
        if (response.status === 401 && code === 'session_expired' && attempt === 0) continue; // sidecar restarted in between
        return unproven(settings.port, 'its answer was not signed');
      }
      const payload = parseJson(bytes);
      if (response.ok) {
        if (!payload) return fail('error', 'The sidecar answered with something that is not JSON.');
        return { ok: true, data: payload, pair: hs.pair };
      }
      const error = payload && payload.error && typeof payload.error === 'object' ? payload.error : {};
      const code = typeof error.code === 'string' ? error.code : null;
      const message = typeof error.message === 'string' ? error.message : `HTTP ${response.status}`;
      const extra = { status: response.status, code, verified: true };
      if (code === 'paired_elsewhere') extra.reason = 'paired_elsewhere';
      else if (stateFor(response.status, code) === 'not_paired') extra.reason = 'unknown_token';
      return fail(stateFor(response.status, code), message, extra);
    }
  }

  const health = (settings, opts = {}) => request(settings, 'GET', '/v1/health', null, { timeoutMs: TIMEOUT_MS.health, ...opts });
  const outlet = (settings, url, opts = {}) => request(settings, 'POST', '/v1/outlet', { url }, { timeoutMs: TIMEOUT_MS.outlet, ...opts });
  const analyze = (settings, url, html, opts = {}) =>
    request(settings, 'POST', '/v1/analyze', { url, html, include_text: true }, { timeoutMs: TIMEOUT_MS.analyze, ...opts });

  /**
   * Where this browser stands with the sidecar, for the options page: one of `paired`, `starting`,
   * `not_paired` (with reason), `not_running`, `handshake_failed`, `timeout`, `error`; with the pairing,
   * the sidecar's version and, while starting, what it is loading.
   */
  async function status(settings, opts = {}) {
    const h = await health(settings, opts);
    if (!h.ok) return h;
    const d = h.data;
    const starting = d.state === 'starting' || d.ready === false;
    return {
      ok: true, state: starting ? 'starting' : 'paired', pair: h.pair,
      version: typeof d.version === 'string' ? d.version : null,
      loading: starting && typeof d.loading === 'string' ? d.loading : null,
    };
  }

  /** Plain words for a state: {title, text, next}. Used by the options page (and open to the panel). */
  function describe(result, port = 8765) {
    const s = result || {};
    const where = `127.0.0.1:${port}`;
    switch (s.state) {
      case 'paired':
        return { title: 'Paired', text: `The sidecar${s.version ? ` ${s.version}` : ''} on ${where} proved it is yours and answers this browser${s.pair ? ` (pairing ${s.pair.id})` : ''}.`, next: '' };
      case 'starting':
        return { title: 'Paired; the sidecar is starting', text: `The sidecar on ${where} proved it is yours and is still starting${s.loading ? ` (loading ${s.loading})` : ''}.`, next: 'Cards come as soon as it is ready; nothing to do.' };
      case 'not_running':
        return { title: 'The sidecar is not running', text: `Nothing answers on ${where}.`, next: 'Start it with "make serve" in the Backstory folder (or check the port), then test again.' };
      case 'not_paired':
        if (s.reason === 'no_token') return { title: 'Not paired', text: 'No pairing token is saved in this browser.', next: 'Run "backstory pair" (or "backstory token" for the first browser you pair) and paste what it prints.' };
        if (s.reason === 'paired_elsewhere') return { title: 'This is another browser\'s token', text: s.message || 'This token is paired with another browser.', next: 'Run "backstory pair" and paste the new token here; the other browser keeps its own.' };
        return { title: 'The sidecar refuses the token', text: s.message || 'It does not know it: the token is wrong, removed or replaced.', next: 'Run "backstory pair" and paste the token it prints ("backstory pairs" lists the pairings).' };
      case 'handshake_failed':
        return { title: 'Not your sidecar, or an older one', text: s.message || `Something answers on ${where} but could not prove it is your sidecar. Nothing was sent.`, next: `If you just updated Backstory, restart the sidecar. Otherwise another program holds port ${port}: stop it, or run the sidecar on another port and set that port here.` };
      case 'timeout':
        return { title: 'No answer in time', text: s.message || 'The sidecar did not answer in time.', next: 'Test again; the sidecar\'s terminal says what it is doing.' };
      default:
        return { title: 'Something went wrong', text: s.message || 'An unexpected answer.', next: 'Test again; the sidecar\'s terminal has the details.' };
    }
  }

  ns.sidecar = {
    PROTOCOL, HANDSHAKE_PATH, SIGNATURE_HEADER, MAX_BODY_BYTES, TIMEOUT_MS, STATES, NOT_PAIRED_REASONS,
    stateFor, keyId, handshake, request, health, outlet, analyze, status, describe,
    // the protocol's pieces, for the tests that pin them to tests/fixtures/handshake-vectors.json
    crypto: { sessionKey, serverProof, requestSignature, responseSignature, b64url },
  };
}
