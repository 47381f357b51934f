// Pairing per browser, end to end: Chromium and Firefox paired to one real sidecar, each with its own
// token (the second made by `backstory pair` while the sidecar runs), both get answers; the options
// page tells each browser the truth; rotating one pairing leaves the other working; and an impostor on
// the port gets neither the token nor the page. Skips when Chromium or Firefox is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  BACKSTORY_BIN, FIXTURE, FIXTURE_URL, findChromium, launchBrowser, realSidecarAvailable, serveFixture,
  stageExtension, startRealSidecar, waitFor,
} from '../helpers/browser.js';
import { startFakeSidecar } from '../helpers/fake-sidecar.js';
import { findFirefox, launchFirefox, openTab } from '../helpers/firefox.js';

const CHROMIUM = findChromium();
const FIREFOX = findFirefox();
const ADDON_ID = JSON.parse(fs.readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')).browser_specific_settings.gecko.id;
const SKIP = !CHROMIUM ? 'no Chromium found (CHROMIUM=…)' : !FIREFOX ? 'no Firefox found (FIREFOX=…)' : false;
if (SKIP) console.log(`pairing e2e skipped: ${SKIP}`);
const STATUS_DONE = /Paired|Nothing|refuses|another browser|could not prove|wrong|Error/;

describe('pairing: two browsers, one sidecar, and an impostor', { skip: SKIP, timeout: 240000 }, () => {
  let sidecar;
  let fixture;
  let extDir;
  let chromium;
  let firefox;
  let ffOptions;
  const html = fs.readFileSync(FIXTURE, 'utf8');

  /** `backstory ARGS` against the running sidecar's config dir (the real one), or the fake's equivalent. */
  function backstory(...args) {
    if (sidecar.kind === 'real') {
      const r = spawnSync(BACKSTORY_BIN, args, { env: sidecar.env, encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    }
    const all = sidecar.pairing.all;
    if (args[0] === 'pair' && args[1] === '--rotate') {
      const p = all.find((x) => x.id === args[2]);
      Object.assign(p, { token: crypto.randomBytes(32).toString('base64url'), origin: null, browser: null });
      return `${p.token}\n`;
    }
    if (args[0] === 'pair') {
      const p = { id: `p${all.length}`, token: crypto.randomBytes(32).toString('base64url'), origin: null, browser: null };
      all.push(p);
      return `${p.token}\n`;
    }
    if (args[0] === 'pairs') return JSON.stringify(all.map(({ id, origin, browser }) => ({ id, origin, browser })));
    throw new Error(`no fake for backstory ${args.join(' ')}`);
  }

  async function chromiumOptions(port, token) {
    const id = new URL(chromium.worker.url()).host;
    const page = await chromium.context.newPage();
    try {
      await page.goto(`chrome-extension://${id}/options/options.html`);
      await page.fill('#port', String(port));
      await page.fill('#token', token);
      await page.click('#test');
      await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('status').textContent), STATUS_DONE.source, { timeout: 20000 });
      return { status: await page.textContent('#status'), box: await page.textContent('#pairing'), state: await page.getAttribute('#pairing', 'data-state') };
    } finally {
      await page.close();
    }
  }

  async function firefoxOptions(port, token) {
    const m = firefox.marionette;
    await m.command('WebDriver:SwitchToWindow', { handle: ffOptions });
    return JSON.parse(await m.run(`
      document.getElementById('port').value = arguments[0];
      document.getElementById('token').value = arguments[1];
      document.getElementById('status').textContent = '';
      document.getElementById('test').click();
      for (let i = 0; i < 100; i++) {
        if (new RegExp(arguments[2]).test(document.getElementById('status').textContent)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const box = document.getElementById('pairing');
      return JSON.stringify({ status: document.getElementById('status').textContent, box: box.textContent, state: box.dataset.state });`,
    [String(port), token, STATUS_DONE.source]));
  }

  /** Each browser's own extension code asks the sidecar to analyse the seed page with its stored settings. */
  const chromiumAnalyze = () => chromium.worker.evaluate(async ([url, page]) => {
    const { settings: S, sidecar: client, browserApi: api } = globalThis.Backstory;
    return client.analyze(S.normalizeSettings(await api.getStorage(S.DEFAULTS)), url, page);
  }, [FIXTURE_URL, html]);

  async function firefoxAnalyze() {
    const m = firefox.marionette;
    await m.command('WebDriver:SwitchToWindow', { handle: ffOptions });
    return JSON.parse(await m.run(`
      const bg = await browser.runtime.getBackgroundPage();
      const { settings: S, sidecar: client } = bg.Backstory;
      const stored = S.normalizeSettings(await browser.storage.local.get(S.DEFAULTS));
      return JSON.stringify(await client.analyze(stored, arguments[0], arguments[1]));`, [FIXTURE_URL, html]));
  }

  before(async () => {
    if (process.env.BACKSTORY_E2E_FAKE === '1' || !realSidecarAvailable()) {
      console.log('the real sidecar (../.venv/bin/backstory serve) is not available: using the fake sidecar');
      const fake = await startFakeSidecar({ token: crypto.randomBytes(32).toString('base64url') });
      sidecar = { ...fake, kind: 'fake', stop: fake.close };
    } else {
      sidecar = await startRealSidecar();
    }
    fixture = await serveFixture();
    extDir = stageExtension();
    const { chromium: pw } = await import('playwright-core');
    chromium = await launchBrowser(pw, CHROMIUM, extDir, fixture.port);
    firefox = await launchFirefox(FIREFOX, { addonId: ADDON_ID, resolveAllTo: '127.0.0.1' });
    await firefox.marionette.command('Addon:Install', { path: extDir, temporary: true });
    ffOptions = await openTab(firefox.marionette, `moz-extension://${firefox.uuid}/options/options.html`);
    await waitFor(() => firefox.marionette.run('return document.readyState === "complete" && !!document.getElementById("test");'), { what: 'Firefox options page' });
  });

  after(async () => {
    if (chromium) await chromium.close();
    if (firefox) await firefox.close();
    if (sidecar) await sidecar.stop();
    if (fixture) await fixture.close();
    if (extDir) fs.rmSync(extDir, { recursive: true, force: true });
  });

  test('the first browser pairs with the default token; the second, given the same token, is told the truth', async () => {
    const c = await chromiumOptions(sidecar.port, sidecar.token);
    assert.match(c.status, /^Paired/, JSON.stringify(c));
    assert.equal(c.state, 'paired');
    const f = await firefoxOptions(sidecar.port, sidecar.token);
    assert.equal(f.state, 'not_paired:paired_elsewhere', JSON.stringify(f));
    assert.match(f.box, /another browser's token/);
    assert.match(f.box, /\(Chrom(e|ium)[^)]*\)/, 'names the browser that holds it');
    assert.match(f.box, /backstory pair/);
    assert.doesNotMatch(f.status, /Paired|try again/i);
  });

  test('`backstory pair` while the sidecar runs: Firefox gets its own token, and both browsers get answers', async () => {
    const token = backstory('pair').trim().split('\n').at(-1);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const f = await firefoxOptions(sidecar.port, token);
    assert.match(f.status, /^Paired/, JSON.stringify(f));
    const [ca, fa] = [await chromiumAnalyze(), await firefoxAnalyze()];
    for (const [name, a] of [['Chromium', ca], ['Firefox', fa]]) {
      assert.equal(a.ok, true, `${name}: ${JSON.stringify(a).slice(0, 300)}`);
      assert.equal(a.data.outlet.name, 'Global Research');
      if (sidecar.kind === 'real') assert.ok(a.data.cited.some((p) => p.name === 'Andrew Korybko'), name);
    }
    assert.notEqual(ca.pair.id, fa.pair.id, 'each browser on its own pairing');
    const pairs = JSON.parse(backstory('pairs', '--json'));
    const chrome = pairs.find((p) => p.id === ca.pair.id);
    const ff = pairs.find((p) => p.id === fa.pair.id);
    assert.match(chrome.origin, /^chrome-extension:\/\/[a-p]{32}$/);
    assert.equal(ff.origin, `moz-extension://${firefox.uuid}`);
    assert.match(chrome.browser, /^Chrome( \d+)?|Chromium$/);
    assert.match(ff.browser, /^Firefox( \d+)?$/);
    if (sidecar.kind === 'real') assert.ok(chrome.last_seen && ff.last_seen, JSON.stringify(pairs));
  });

  test('rotating Firefox\'s pairing stops Firefox\'s old token and leaves Chromium working', async () => {
    const pairs = JSON.parse(backstory('pairs', '--json'));
    const ff = pairs.find((p) => (p.origin || '').startsWith('moz-extension://'));
    const fresh = backstory('pair', '--rotate', ff.id).trim().split('\n').at(-1);
    const stale = await firefoxAnalyze();
    assert.equal(stale.ok, false);
    assert.equal(stale.state, 'not_paired');
    assert.equal((await chromiumAnalyze()).ok, true);
    assert.match((await firefoxOptions(sidecar.port, fresh)).status, /^Paired/);
    assert.equal((await firefoxAnalyze()).ok, true);
  });

  test('an impostor on the port gets neither the token nor the page, and the options page says so', async () => {
    const seen = [];
    const impostor = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ v: 1, result: 'ok', pair: 'default', browser: null, nonce: 'bm9uY2U', proof: 'x'.repeat(43), session: 's', ok: true }));
      });
    });
    await new Promise((r) => impostor.listen(0, '127.0.0.1', r));
    const port = impostor.address().port;
    try {
      const c = await chromiumOptions(port, sidecar.token);
      assert.equal(c.state, 'handshake_failed', JSON.stringify(c));
      assert.match(c.box, /could not prove it is your Backstory sidecar.*Nothing was sent/);
      const a = await chromiumAnalyze();
      assert.equal(a.ok, false);
      assert.equal(a.state, 'handshake_failed');
      // and the reader's path: the toolbar button on the (logged-in) page
      const page = await chromium.context.newPage();
      await page.goto(FIXTURE_URL);
      await chromium.worker.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        return globalThis.Backstory.worker.togglePanel(tab);
      }, FIXTURE_URL);
      await waitFor(() => seen.length >= 4, { what: 'the panel\'s requests', timeoutMs: 20000 }).catch(() => {});
      await page.close();
      assert.ok(seen.length >= 2);
      for (const r of seen) {
        assert.equal(`${r.method} ${r.url}`, 'POST /v1/handshake');
        const all = JSON.stringify(r.headers) + r.body;
        for (const secret of [sidecar.token, 'Korybko', 'globalresearch', 'Leiroz']) {
          assert.ok(!all.includes(secret), `the impostor received "${secret}"`);
        }
      }
    } finally {
      await new Promise((r) => { impostor.closeAllConnections?.(); impostor.close(r); });
    }
    assert.match((await chromiumOptions(sidecar.port, sidecar.token)).status, /^Paired/);
  });
});
