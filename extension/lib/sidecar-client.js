// Talking to the sidecar: one request function, and one mapping from failures to the reader-facing
// states the panel knows how to explain (see docs/api.md for the error codes).
{
  const ns = (globalThis.Backstory ??= {});

  // Mirrors the sidecar's default max_body_bytes (docs/api.md: 8 MiB); we refuse before sending.
  const MAX_BODY_BYTES = 8 * 1024 * 1024;
  // Outlet lookups are knowledge-base only and fast; analysis runs NLP (model load on a cold start).
  const TIMEOUT_MS = { health: 5000, outlet: 15000, analyze: 120000 };

  /** States the panel can show; each has a message and a next step (panel/render.js). */
  const STATES = ['not_running', 'not_paired', 'not_article', 'too_large', 'timeout', 'error'];

  /** Map an HTTP status and the sidecar's error code to a state. */
  function stateFor(status, code) {
    if (code === 'not_paired' || status === 401) return 'not_paired';
    if (code === 'too_large' || status === 413) return 'too_large';
    if (code === 'timeout' || status === 408) return 'timeout';
    return 'error';
  }

  function fail(state, message, extra = {}) {
    return { ok: false, state, message, ...extra };
  }

  /**
   * Call the sidecar (interface 3: request(settings, method, path, body) for any route). Resolves (never
   * rejects) with {ok: true, data} or {ok: false, state, message}. `settings` is {port, token}.
   */
  async function request(settings, method, path, body = null, { fetchImpl = globalThis.fetch, timeoutMs = 30000 } = {}) {
    if (!settings.token) {
      return fail('not_paired', 'No pairing token is set.');
    }
    const url = `${ns.settings.sidecarBase(settings)}${path}`;
    const init = { method, headers: { Authorization: `Bearer ${settings.token}` } };
    if (body != null) {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
      const bytes = new TextEncoder().encode(init.body).length;
      if (bytes > MAX_BODY_BYTES) {
        return fail('too_large', `The page is ${(bytes / 1048576).toFixed(1)} MB; the sidecar takes at most ${MAX_BODY_BYTES / 1048576} MB.`);
      }
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    init.signal = controller.signal;
    let response;
    try {
      response = await fetchImpl(url, init);
    } catch (err) {
      clearTimeout(timer);
      if (err && err.name === 'AbortError') {
        return fail('timeout', `The sidecar did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      }
      // A refused connection surfaces as a TypeError ("Failed to fetch" / "NetworkError").
      return fail('not_running', `Nothing answers on 127.0.0.1:${settings.port}.`);
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) {
      if (payload == null || typeof payload !== 'object') {
        return fail('error', 'The sidecar answered with something that is not JSON.');
      }
      return { ok: true, data: payload };
    }
    const error = payload && typeof payload === 'object' && payload.error ? payload.error : {};
    const code = typeof error.code === 'string' ? error.code : null;
    const message = typeof error.message === 'string' ? error.message : `HTTP ${response.status}`;
    if (response.status !== 401 && !code) {
      // Something answered on the port, but not with the sidecar's JSON errors: not our sidecar.
      return fail('error', `Something else answers on port ${settings.port} (HTTP ${response.status}). Check the port in the options.`, { status: response.status });
    }
    return fail(stateFor(response.status, code), message, { status: response.status, code });
  }

  const health = (settings, opts = {}) => request(settings, 'GET', '/v1/health', null, { timeoutMs: TIMEOUT_MS.health, ...opts });
  const outlet = (settings, url, opts = {}) => request(settings, 'POST', '/v1/outlet', { url }, { timeoutMs: TIMEOUT_MS.outlet, ...opts });
  const analyze = (settings, url, html, opts = {}) =>
    request(settings, 'POST', '/v1/analyze', { url, html, include_text: true }, { timeoutMs: TIMEOUT_MS.analyze, ...opts });

  ns.sidecar = { MAX_BODY_BYTES, TIMEOUT_MS, STATES, stateFor, request, health, outlet, analyze };
}
