// Helpers for the end-to-end test: find Chromium, start the sidecar (real, or the fake when asked),
// serve the fixture page, load the extension, and look inside the panel's closed shadow root from the
// outside through the DevTools protocol (as assistive technology would; page scripts cannot).
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_DIR = path.resolve(EXT_DIR, '..');
export const FIXTURE = path.join(REPO_DIR, 'tests/fixtures/globalresearch-cpc-attack.html');
export const BACKSTORY_BIN = path.join(REPO_DIR, '.venv/bin/backstory');
// The seed page's own address; Chromium resolves its host to our local fixture server.
export const FIXTURE_URL = 'http://www.globalresearch.ca/ukraine-attacks-us-linked-facilities-russia/5882377';
const EXTENSION_PARTS = ['manifest.json', 'background', 'content', 'panel', 'options', 'lib', 'icons'];

/** Chromium from $CHROMIUM, /usr/bin/chromium, or chromium/chromium-browser/google-chrome on PATH. */
export function findChromium() {
  const candidates = [];
  // An explicit CHROMIUM is the only candidate, so CHROMIUM=/nonexistent exercises the skip path.
  if (process.env.CHROMIUM) return isExecutable(process.env.CHROMIUM) ? process.env.CHROMIUM : null;
  candidates.push('/usr/bin/chromium');
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome']) candidates.push(path.join(dir, name));
  }
  return candidates.find(isExecutable) || null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// A fixed-width layout like the New York Times' (a 1170 px body, centred): the page's own CSS ignores
// any margin the panel gives <html>. Served as the seed page with `?layout=fixed`.
export const FIXED_WIDTH_CSS = '<style id="fixed-width-layout">html body { width: 1170px !important; min-width: 1170px !important;'
  + ' margin: 0 auto !important; box-sizing: border-box; padding: 0 15px; } .entry-content p { font-size: 18px; }</style>';

export const STRICT_CSP = "default-src 'self'; frame-src 'none'; child-src 'none'; style-src 'self'; script-src 'self'";

/**
 * Serve the fixture on 127.0.0.1 at the seed page's path (other paths 404). Query variants:
 * `?layout=fixed` adds FIXED_WIDTH_CSS; `?csp=strict` sends STRICT_CSP; `?page=NAME` serves
 * test/fixtures/NAME.html instead.
 */
export async function serveFixture(file = FIXTURE) {
  const html = fs.readFileSync(file, 'utf8');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://fixture.invalid');
    if (url.pathname.startsWith('/ukraine-attacks-us-linked-facilities-russia/')) {
      let body = html;
      const page = url.searchParams.get('page');
      if (page && /^[a-z0-9-]+$/.test(page)) body = fs.readFileSync(path.join(EXT_DIR, 'test/fixtures', `${page}.html`), 'utf8');
      if (url.searchParams.get('layout') === 'fixed') body = body.replace('</head>', `${FIXED_WIDTH_CSS}</head>`);
      const headers = { 'Content-Type': 'text/html; charset=utf-8' };
      // A page that allows no frames, no inline styles and only its own scripts.
      if (url.searchParams.get('csp') === 'strict') headers['Content-Security-Policy'] = STRICT_CSP;
      res.writeHead(200, headers);
      res.end(body);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/** Does the project's real sidecar exist and take `serve`? */
export function realSidecarAvailable() {
  if (!fs.existsSync(BACKSTORY_BIN)) return false;
  const r = spawnSync(BACKSTORY_BIN, ['serve', '--help'], { encoding: 'utf8', timeout: 30000 });
  return r.status === 0;
}

export function makeToken() {
  return crypto.randomBytes(32).toString('base64url'); // 43 url-safe characters
}

async function waitForHealth(port, token, timeoutMs, proc) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc && proc.exitCode !== null) throw new Error(`sidecar exited with ${proc.exitCode}: ${last}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/v1/health`, { headers: { Authorization: `Bearer ${token}` } });
      // (since the fast start, health answers at once with "starting": the tests begin once the model is loaded,
      // or an analysis asked during the load can outlast the extension's own wait on a busy machine)
      const body = r.status === 200 ? await r.json() : null;
      if (body && body.ready !== false) return;
      last = body ? `state ${body.state}` : `HTTP ${r.status}`;
    } catch (err) {
      last = String(err.message);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`sidecar not healthy after ${timeoutMs} ms (${last})`);
}

/**
 * Start `backstory serve` in a fresh temp dir with a known token. Resolves with {port, token, stop()}.
 * `notes`: [['outlet', 'globalresearch.ca', 'text'], ['person', 'Andrew Korybko', 'text']] are saved
 * first with `backstory note`, as a reader would.
 */
export async function startRealSidecar({ notes = [] } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-e2e-'));
  const token = makeToken();
  const port = await freePort();
  fs.mkdirSync(path.join(tmp, 'config'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(tmp, 'config/token'), `${token}\n`, { mode: 0o600 });
  const env = {
    ...process.env,
    BACKSTORY_CONFIG_DIR: path.join(tmp, 'config'),
    BACKSTORY_CACHE_DIR: path.join(tmp, 'cache'),
    BACKSTORY_DATA_DIR: path.join(tmp, 'data'),
    BACKSTORY_PORT: String(port),
  };
  for (const [kind, target, text] of notes) {
    const r = spawnSync(BACKSTORY_BIN, ['note', kind, target, text], { env, encoding: 'utf8', timeout: 60000 });
    if (r.status !== 0) throw new Error(`backstory note ${kind} failed: ${r.stderr}`);
  }
  const proc = spawn(BACKSTORY_BIN, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  try {
    await waitForHealth(port, token, 120000, proc);
  } catch (err) {
    proc.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`${err.message}\n--- sidecar output ---\n${log.slice(-4000)}`);
  }
  return {
    port, token, kind: 'real', log: () => log, env, // env: run `backstory pair` and friends against this sidecar
    stop: async () => {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => { const t = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 5000); proc.once('exit', () => { clearTimeout(t); r(); }); });
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Copy the extension to a temp dir for the browser. Options:
 * - `hostAccess` (default true) adds the fixture's origin to host_permissions, for a browser whose
 *   toolbar button the test cannot press (Firefox here): that click's activeTab grant is what lets
 *   the worker read the page for a reader. Chromium's tests press the button for real and pass false.
 * - `sidePanel: false` removes the side panel (permission and manifest key), as on a browser without
 *   that API: the panel then opens inside the page, the fallback.
 */
export function stageExtension({ hostAccess = true, sidePanel = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-ext-'));
  for (const part of EXTENSION_PARTS) fs.cpSync(path.join(EXT_DIR, part), path.join(dir, part), { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  if (hostAccess) manifest.host_permissions = [...manifest.host_permissions, `${new URL(FIXTURE_URL).origin}/*`];
  if (!sidePanel) {
    manifest.permissions = manifest.permissions.filter((p) => p !== 'sidePanel');
    delete manifest.side_panel;
    delete manifest.sidebar_action;
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * Launch Chromium with the extension. The DevTools port (loopback, this test's only) with
 * --enable-unsafe-extension-debugging lets the test press the toolbar button for real
 * (Extensions.triggerAction: the click carries a user gesture, as a reader's does) and reach the
 * browser's side panel, which is not a tab.
 */
export async function launchBrowser(chromium, executablePath, extDir, fixturePort, { windowSize = null } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-profile-'));
  const debugPort = await freePort();
  const args = [
    `--remote-debugging-port=${debugPort}`,
    '--remote-debugging-address=127.0.0.1',
    '--enable-unsafe-extension-debugging',
    '--headless=new',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    `--disable-extensions-except=${extDir}`,
    `--load-extension=${extDir}`,
    `--host-resolver-rules=MAP www.globalresearch.ca 127.0.0.1:${fixturePort}`,
  ];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  // A real window size (viewport null) lets the side panel take its share of the window, as it does
  // for a reader; otherwise Playwright pins the page's viewport.
  if (windowSize) args.push(`--window-size=${windowSize.width},${windowSize.height}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: false, // the new headless mode comes from --headless=new, which supports extensions
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--headless'],
    viewport: windowSize ? null : { width: 1280, height: 900 },
    colorScheme: 'light',
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 20000 });
  const extensionId = new URL(worker.url()).host;
  const cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`);
  const browserSession = await cdpBrowser.newBrowserCDPSession();

  /** Tab targets (not page targets) are what Extensions.triggerAction takes. */
  async function tabTarget(urlPart) {
    const { targetInfos } = await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const matching = targetInfos.filter((t) => t.type === 'tab' && t.url.includes(urlPart));
    if (matching.length !== 1) throw new Error(`${matching.length} tabs match ${urlPart}: ${targetInfos.map((t) => t.url).join(', ')}`);
    return matching[0].targetId;
  }

  return {
    context, worker, userDataDir, extensionId, browserSession,
    /** Press the toolbar button on the one tab whose URL contains `urlPart` (a real click, with its gesture). */
    async clickAction(urlPart) {
      await browserSession.send('Extensions.triggerAction', { id: extensionId, targetId: await tabTarget(urlPart) });
    },
    /** The extension pages that are not tabs (the side panel), as DevTools targets. */
    async panelTargets(pathPart = '/panel/panel.html') {
      const { targetInfos } = await browserSession.send('Target.getTargets');
      return targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${extensionId}${pathPart}`));
    },
    /** Attach to a target that Playwright does not list (the side panel): {evaluate(fn, arg), screenshot(), detach()}. */
    attach: (targetId) => attachTarget(browserSession, targetId),
    close: async () => {
      await cdpBrowser.close().catch(() => {});
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A DevTools session on one target through the browser session (Target.sendMessageToTarget). */
async function attachTarget(browserSession, targetId) {
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 1;
  const waiting = new Map();
  const onMessage = (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error.message));
    else w.resolve(m.result);
  };
  browserSession.on('Target.receivedMessageFromTarget', onMessage);
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  return {
    send,
    async evaluate(fn, arg = null) {
      const r = await send('Runtime.evaluate', {
        expression: `(${fn.toString()})(${JSON.stringify(arg)})`, returnByValue: true, awaitPromise: true,
      });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
      return r.result.value;
    },
    async screenshot() {
      const r = await send('Page.captureScreenshot', { format: 'png' });
      return Buffer.from(r.data, 'base64');
    },
    async detach() {
      browserSession.off('Target.receivedMessageFromTarget', onMessage);
      await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    },
  };
}

/** Evaluate `fn` with `this` = the panel's (closed) shadow root, through the DevTools protocol. */
export async function inPanel(cdp, fn, arg = null, hostTag = 'BACKSTORY-PANEL') {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const stack = [root];
  let host = null;
  while (stack.length) {
    const n = stack.pop();
    if (n.nodeName === hostTag) { host = n; break; }
    for (const c of n.children || []) stack.push(c);
  }
  if (!host || !host.shadowRoots || !host.shadowRoots.length) return undefined;
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: host.shadowRoots[0].backendNodeId });
  const result = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: fn.toString(),
    arguments: [{ value: arg }],
    returnByValue: true,
    awaitPromise: true,
  });
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description || 'error in panel function');
  return result.result.value;
}

export async function waitFor(check, { timeoutMs = 30000, intervalMs = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The sidecar for a browser test: the real one (`backstory serve` in a temp dir, `notes` saved first),
 * or the fake one (test/helpers/fake-sidecar.js) when BACKSTORY_E2E_FAKE=1 or the real one is not
 * installed. Resolves with {port, token, kind, stop()}.
 */
export async function startSidecar({ notes = [], token = 'e2e-token' } = {}) {
  if (process.env.BACKSTORY_E2E_FAKE === '1' || !realSidecarAvailable()) {
    console.log('the real sidecar (../.venv/bin/backstory serve) is not available: using the fake sidecar');
    const { startFakeSidecar } = await import('./fake-sidecar.js');
    const fake = await startFakeSidecar({ token, notes });
    return { ...fake, kind: 'fake', stop: fake.close };
  }
  return startRealSidecar({ notes });
}

/**
 * The window.find() attack of issue 24 (item 1), run in the page's main world (page.evaluate, or as
 * source in Firefox): the page hides its own body, so what window.find() still finds is what the
 * extension renders; each seed is grown one character at a time; each probe is a word of the cards.
 * Returns {recovered: {seed: text found}, found: [probes found]}.
 */
export function findAttack({ seeds = [], probes = [] }) {
  // Through the CSSOM, which a page's own Content-Security-Policy allows (a <style> it may not).
  const hide = document.body.style;
  const before = [hide.getPropertyValue('visibility'), hide.getPropertyPriority('visibility')];
  hide.setProperty('visibility', 'hidden', 'important');
  const found = (s) => {
    getSelection().removeAllRanges();
    return window.find(s, false, false, true, false, false, false);
  };
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 .,-\'';
  const recovered = {};
  for (const seed of seeds) {
    let guess = found(seed) ? seed : '';
    while (guess && guess.length < 80) {
      const next = Array.from(alphabet).find((c) => found(guess + c));
      if (!next) break;
      guess += next;
    }
    recovered[seed] = guess;
  }
  const words = probes.filter(found);
  if (before[0]) hide.setProperty('visibility', before[0], before[1]);
  else hide.removeProperty('visibility');
  getSelection().removeAllRanges();
  return { recovered, found: words };
}

/**
 * A Chromium test session: the fixture server, a staged copy of the extension (`stage`: the options of
 * stageExtension), the browser, and the sidecar's port and token stored as the options page would.
 * Resolves with {browser, fixture, extDir, page, close()} (close() leaves the sidecar to its owner).
 */
export async function chromiumSession(executablePath, sidecar, { stage = { hostAccess: false }, windowSize = null } = {}) {
  const fixture = await serveFixture();
  const extDir = stageExtension(stage);
  const { chromium } = await import('playwright-core');
  const browser = await launchBrowser(chromium, executablePath, extDir, fixture.port, { windowSize });
  await browser.worker.evaluate(async ({ port, token }) => chrome.storage.local.set({ port, token }), { port: sidecar.port, token: sidecar.token });
  const page = await browser.context.newPage();
  return {
    browser, fixture, extDir, page,
    async close() {
      await browser.close();
      await fixture.close();
      fs.rmSync(extDir, { recursive: true, force: true });
    },
  };
}
