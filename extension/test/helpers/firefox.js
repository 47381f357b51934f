// Driving Firefox for the end-to-end test: a minimal Marionette client (Firefox's built-in automation
// protocol: `length:json` frames over TCP), enough to install the extension as a temporary add-on,
// open its options page, run scripts, and read the panel's closed shadow root (Marionette is privileged).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './browser.js';

/** Firefox from $FIREFOX, /usr/bin/firefox-esr, or firefox-esr/firefox on PATH. */
export function findFirefox() {
  const ok = (f) => { try { fs.accessSync(f, fs.constants.X_OK); return fs.statSync(f).isFile(); } catch { return false; } };
  if (process.env.FIREFOX) return ok(process.env.FIREFOX) ? process.env.FIREFOX : null;
  const candidates = ['/usr/bin/firefox-esr'];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['firefox-esr', 'firefox']) candidates.push(path.join(dir, name));
  }
  return candidates.find(ok) || null;
}

class Marionette {
  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.waiting = new Map();
    this.hello = new Promise((resolve) => { this.onHello = resolve; });
    socket.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a); // ':'
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(colon + 1 + length);
      if (!Array.isArray(message)) { this.onHello(message); continue; }
      const [, id, error, result] = message;
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (!waiter) continue;
      if (error) waiter.reject(new Error(`${error.error}: ${error.message}`));
      else waiter.resolve(result);
    }
  }

  command(name, params = {}) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]));
    });
  }

  /** Run `body` as an async function in the current context; resolves with its value. */
  async run(body, args = []) {
    const r = await this.command('WebDriver:ExecuteScript', { script: `return (async () => { ${body} })();`, args });
    return r.value;
  }
}

const unwrap = (ref) => Object.values(ref.value || ref)[0];

/**
 * Start Firefox headless with a fresh profile whose moz-extension UUID for `addonId` is fixed, so the
 * test knows the options page's address. Resolves with {marionette, uuid, close()}.
 */
export async function launchFirefox(executable, { addonId, resolveAllTo = null }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-ff-'));
  const port = await freePort();
  const uuid = '0b5c0b5c-0000-4000-8000-00000000b5c0';
  const prefs = {
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
    'marionette.port': port,
    'browser.shell.checkDefaultBrowser': false,
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'app.update.disabledForTesting': true,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'services.settings.server': 'http://127.0.0.1:9/',
    'extensions.getAddons.cache.enabled': false,
    // No background traffic (Marionette's recommended prefs cover most; these close the rest).
    'toolkit.telemetry.enabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'app.normandy.enabled': false,
    'extensions.update.enabled': false,
    'extensions.blocklist.enabled': false,
    'browser.search.update': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'geo.provider.network.url': '',
    'browser.region.network.url': '',
    'identity.fxaccounts.enabled': false,
    'media.gmp-manager.url': '',
  };
  // Like Chromium's --host-resolver-rules: every host name goes to our local fixture server.
  if (resolveAllTo) prefs['network.dns.forceResolve'] = resolveAllTo;
  fs.writeFileSync(path.join(profile, 'user.js'),
    Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  const proc = spawn(executable, ['--headless', '--marionette', '-remote-allow-system-access', '--no-remote', '--profile', profile, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  let socket = null;
  const deadline = Date.now() + 30000;
  while (!socket) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`Firefox did not open Marionette on port ${port}: ${stderr}`);
    }
    socket = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s));
      s.on('error', () => resolve(null));
    });
    if (!socket) await new Promise((r) => setTimeout(r, 200));
  }
  const marionette = new Marionette(socket);
  await marionette.hello;
  await marionette.command('WebDriver:NewSession', { capabilities: {} });
  return {
    marionette,
    uuid,
    async close() {
      socket.destroy();
      proc.kill('SIGTERM');
      await new Promise((r) => { const t = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 5000); proc.once('exit', () => { clearTimeout(t); r(); }); });
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Open `url` in a new tab from the privileged chrome context (moz-extension pages included). */
export async function openTab(m, url) {
  const before = await m.command('WebDriver:GetWindowHandles');
  await m.command('Marionette:SetContext', { value: 'chrome' });
  try {
    await m.run(`const win = Services.wm.getMostRecentWindow('navigator:browser');
      win.gBrowser.selectedTab = win.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`, [url]);
  } finally {
    await m.command('Marionette:SetContext', { value: 'content' });
  }
  const list = (v) => (Array.isArray(v) ? v : v.value);
  const handle = list(await m.command('WebDriver:GetWindowHandles')).find((h) => !list(before).includes(h));
  await m.command('WebDriver:SwitchToWindow', { handle });
  return handle;
}

/** The visible text of `selector` inside `hostSelector`'s shadow root (closed roots too). */
export async function shadowText(m, hostSelector, selector) {
  const host = await m.command('WebDriver:FindElement', { using: 'css selector', value: hostSelector });
  const root = await m.command('WebDriver:GetShadowRoot', { id: unwrap(host) });
  const el = await m.command('WebDriver:FindElementFromShadowRoot', { shadowRoot: unwrap(root), using: 'css selector', value: selector });
  return (await m.command('WebDriver:GetElementText', { id: unwrap(el) })).value;
}
