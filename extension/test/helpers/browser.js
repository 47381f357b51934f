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

/** Serve the fixture for every path (other paths 404) on 127.0.0.1. */
export async function serveFixture(file = FIXTURE) {
  const html = fs.readFileSync(file);
  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/ukraine-attacks-us-linked-facilities-russia/')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
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
      if (r.status === 200) return;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = String(err.message);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`sidecar not healthy after ${timeoutMs} ms (${last})`);
}

/** Start `backstory serve` in a fresh temp dir with a known token. Resolves with {port, token, stop()}. */
export async function startRealSidecar() {
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
  const proc = spawn(BACKSTORY_BIN, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  try {
    await waitForHealth(port, token, 60000, proc);
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
 * Copy the extension to a temp dir for the browser. The copy adds the fixture's origin to
 * host_permissions: a test cannot click the toolbar button, whose activeTab grant is what lets the
 * worker inject the content script on a real reader's click.
 */
export function stageExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-ext-'));
  for (const part of EXTENSION_PARTS) fs.cpSync(path.join(EXT_DIR, part), path.join(dir, part), { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, `${new URL(FIXTURE_URL).origin}/*`];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export async function launchBrowser(chromium, executablePath, extDir, fixturePort) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-profile-'));
  const args = [
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
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: false, // the new headless mode comes from --headless=new, which supports extensions
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--headless'],
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 20000 });
  return {
    context, worker, userDataDir,
    close: async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
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
