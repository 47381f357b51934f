// The same extension in Firefox: installed as a temporary add-on, paired on its options page, run on
// the seed page against the real sidecar (which must accept Firefox's moz-extension:// Origin), or the
// fake one when the real one is not installed or BACKSTORY_E2E_FAKE=1. It covers Firefox's side of the
// code (background scripts, paths, messaging, closed shadow root, top layer). Skips when no Firefox.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { realSidecarAvailable, serveFixture, stageExtension, startRealSidecar, waitFor } from '../helpers/browser.js';
import { startFakeSidecar } from '../helpers/fake-sidecar.js';
import { findFirefox, launchFirefox, openTab, shadowText } from '../helpers/firefox.js';

const FIREFOX = findFirefox();
const ADDON_ID = JSON.parse(fs.readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')).browser_specific_settings.gecko.id;
if (!FIREFOX) console.log('no Firefox found: install Debian\'s firefox-esr or set FIREFOX=/path/to/firefox — Firefox e2e skipped');

describe('extension in Firefox', { skip: FIREFOX ? false : 'no Firefox found: install Debian\'s firefox-esr or set FIREFOX=…', timeout: 120000 }, () => {
  let sidecar;
  let fixture;
  let extDir;
  let firefox;

  before(async () => {
    if (process.env.BACKSTORY_E2E_FAKE === '1' || !realSidecarAvailable()) {
      console.log('the real sidecar (../.venv/bin/backstory serve) is not available: using the fake sidecar');
      const fake = await startFakeSidecar({ token: 'firefox-e2e-token' });
      sidecar = { ...fake, stop: fake.close };
    } else {
      sidecar = await startRealSidecar();
    }
    fixture = await serveFixture();
    extDir = stageExtension();
    firefox = await launchFirefox(FIREFOX, { addonId: ADDON_ID, resolveAllTo: '127.0.0.1' });
  });

  after(async () => {
    if (firefox) await firefox.close();
    if (sidecar) await sidecar.stop();
    if (fixture) await fixture.close();
    if (extDir) fs.rmSync(extDir, { recursive: true, force: true });
  });

  test('pairs, analyses the seed page, highlights and shows the cards beside the text', async () => {
    const m = firefox.marionette;
    await m.command('Addon:Install', { path: extDir, temporary: true });

    const options = await openTab(m, `moz-extension://${firefox.uuid}/options/options.html`);
    await waitFor(() => m.run('return document.readyState === "complete" && !!document.getElementById("test");'), { what: 'options page' });
    const status = await m.run(`
      document.getElementById('port').value = arguments[0];
      document.getElementById('token').value = arguments[1];
      document.getElementById('test').click();
      for (let i = 0; i < 75; i++) {
        const t = document.getElementById('status').textContent;
        if (/Paired|Nothing|refuses|Error/.test(t)) return t;
        await new Promise((r) => setTimeout(r, 200));
      }
      return document.getElementById('status').textContent;`, [String(sidecar.port), sidecar.token]);
    assert.match(status, /Paired/);

    const url = `http://www.globalresearch.ca:${fixture.port}/ukraine-attacks-us-linked-facilities-russia/5882377`;
    const page = await openTab(m, url);
    await waitFor(() => m.run('return document.readyState === "complete" && !!document.querySelector(".entry-content");'), { what: 'fixture page' });

    // The toolbar path: the background page's togglePanel (a test cannot click the button).
    await m.command('WebDriver:SwitchToWindow', { handle: options });
    const toggled = await m.run(`
      const [tab] = await browser.tabs.query({ url: 'http://www.globalresearch.ca/*' });
      const bg = await browser.runtime.getBackgroundPage();
      return JSON.stringify(await bg.Backstory.worker.togglePanel(tab));`);
    assert.equal(JSON.parse(toggled).open, true, toggled);

    await m.command('WebDriver:SwitchToWindow', { handle: page });
    const state = await waitFor(async () => {
      const s = JSON.parse(await m.run(`
        const host = document.querySelector('backstory-panel');
        const r = host ? host.getBoundingClientRect() : null;
        return JSON.stringify({
          marks: Array.from(document.querySelectorAll('backstory-mark')).map((x) => x.textContent),
          shadowRoot: host ? host.shadowRoot : 'no host',
          popover: host ? host.matches(':popover-open') : false,
          hostLeft: r && r.left, hostWidth: r && r.width,
          maxRight: Math.max(...Array.from(document.querySelectorAll('.entry-content p')).map((p) => p.getBoundingClientRect().right)),
        });`));
      return s.marks.length ? s : null;
    }, { timeoutMs: 30000, what: 'highlights in Firefox' });
    assert.deepEqual(state.marks, ['Andrew Korybko']);
    assert.equal(state.shadowRoot, null, 'the page sees no shadow root');
    assert.equal(state.popover, true, 'the panel is in the top layer');
    assert.ok(state.hostWidth > 200 && state.maxRight <= state.hostLeft, JSON.stringify(state));

    const text = await shadowText(m, 'backstory-panel', '.body');
    for (const expected of ['Global Research', 'InfoBrics', 'Lucas Leiroz', 'Andrew Korybko', 'political analyst']) {
      assert.ok(text.includes(expected), `panel lacks "${expected}": ${text.slice(0, 300)}`);
    }
  });
});
