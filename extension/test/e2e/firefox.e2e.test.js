// The same extension in Firefox: installed as a temporary add-on, paired on its options page, run on
// the seed page against the real sidecar (which must accept Firefox's moz-extension:// Origin), or the
// fake one when the real one is not installed or BACKSTORY_E2E_FAKE=1. It covers Firefox's side of the
// code: background scripts, the sidebar (sidebar_action) hosting the panel page, the panel page opened
// for the tab, highlights and the hover card frame, window.find(), the shortcut. Skips without Firefox.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { findAttack, serveFixture, stageExtension, startSidecar, waitFor } from '../helpers/browser.js';
import { findFirefox, launchFirefox, openTab } from '../helpers/firefox.js';

const FIREFOX = findFirefox();
const ADDON_ID = JSON.parse(fs.readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')).browser_specific_settings.gecko.id;
const OUTLET_NOTE = 'qzx my doubts about this site come from a friend at the agency';
if (!FIREFOX) console.log('no Firefox found: install Debian\'s firefox-esr or set FIREFOX=/path/to/firefox — Firefox e2e skipped');

describe('extension in Firefox', { skip: FIREFOX ? false : 'no Firefox found: install Debian\'s firefox-esr or set FIREFOX=…', timeout: 180000 }, () => {
  let sidecar;
  let fixture;
  let extDir;
  let firefox;
  let m;
  let options;
  let page;
  let tabId;

  before(async () => {
    sidecar = await startSidecar({ notes: [['outlet', 'globalresearch.ca', OUTLET_NOTE]], token: 'firefox-e2e-token' });
    fixture = await serveFixture();
    // Firefox's toolbar button cannot be pressed from here: the test copy gets the fixture's host.
    extDir = stageExtension({ hostAccess: true });
    firefox = await launchFirefox(FIREFOX, { addonId: ADDON_ID, resolveAllTo: '127.0.0.1' });
    m = firefox.marionette;
    await m.command('Addon:Install', { path: extDir, temporary: true });
  });

  after(async () => {
    if (firefox) await firefox.close();
    if (sidecar) await sidecar.stop();
    if (fixture) await fixture.close();
    if (extDir) fs.rmSync(extDir, { recursive: true, force: true });
  });

  test('pairs on the options page; the shortcut is one Firefox assigned', async () => {
    options = await openTab(m, `moz-extension://${firefox.uuid}/options/options.html`);
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
    const commands = JSON.parse(await m.run('return JSON.stringify(await browser.commands.getAll());'));
    assert.equal(commands.find((c) => c.name === '_execute_action').shortcut, 'Alt+Shift+K', JSON.stringify(commands));
  });

  test('the panel page for the tab shows the seed page\'s cards with the rating colours; names are highlighted', async () => {
    // The page allows no frames and no inline styles (a strict Content-Security-Policy, as many news
    // sites send): the hover card, an extension frame, must still work.
    const url = `http://www.globalresearch.ca:${fixture.port}/ukraine-attacks-us-linked-facilities-russia/5882377?csp=strict`;
    page = await openTab(m, url);
    await waitFor(() => m.run('return document.readyState === "complete" && !!document.querySelector(".entry-content");'), { what: 'fixture page' });
    await m.command('WebDriver:SwitchToWindow', { handle: options });
    tabId = Number(await m.run(`const [tab] = await browser.tabs.query({ url: 'http://www.globalresearch.ca/*' }); return tab.id;`));
    // The analysis the toolbar button starts (the background page's own function; no click here).
    await m.run('const bg = await browser.runtime.getBackgroundPage(); bg.Backstory.worker.analyzeTab(arguments[0], { reason: "action" }); return true;', [tabId]);
    const panelTab = await openTab(m, `moz-extension://${firefox.uuid}/panel/panel.html?tab=${tabId}`);
    const look = JSON.parse(await waitFor(async () => {
      const s = await m.run(`
        const body = document.getElementById('body');
        if (!body || !/Andrew Korybko/.test(body.textContent) || /Reading the article/.test(body.textContent)) return null;
        const rating = document.querySelector('.ratings li.rating');
        return JSON.stringify({
          text: body.textContent,
          ratingClass: rating.className,
          border: getComputedStyle(rating).borderLeftColor,
          role: document.querySelector('article[data-card="cited:0"] .role').textContent,
        });`);
      return s;
    }, { timeoutMs: 90000, what: 'the cards in Firefox' }));
    for (const expected of ['Global Research', 'InfoBrics', 'Lucas Leiroz', 'Andrew Korybko', 'Originally published by']) {
      assert.ok(look.text.includes(expected), `panel lacks "${expected}": ${look.text.slice(0, 300)}`);
    }
    assert.equal(look.role, 'political analyst');
    assert.match(look.ratingClass, /lean-low/);
    assert.equal(look.border, 'rgb(185, 28, 28)');

    await m.command('WebDriver:SwitchToWindow', { handle: page });
    const marks = JSON.parse(await waitFor(() => m.run(`
      const marks = Array.from(document.querySelectorAll('backstory-mark')).map((x) => x.textContent);
      return marks.length ? JSON.stringify(marks) : null;`), { timeoutMs: 20000, what: 'highlights in Firefox' }));
    assert.deepEqual(marks, ['Andrew Korybko']);
    // (The panel's tab stays open: the highlights live while a panel shows this tab.)
    assert.ok(panelTab);
  });

  test('window.find() in the page finds nothing of the hover card or the notes', async () => {
    // A real pointer over the name (Marionette's input actions are trusted events).
    await m.run("document.querySelector('backstory-mark').scrollIntoView({ block: 'center' }); return true;");
    const mark = await m.command('WebDriver:FindElement', { using: 'css selector', value: 'backstory-mark' });
    const ref = Object.values(mark.value || mark)[0];
    await m.command('WebDriver:PerformActions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', origin: { 'element-6066-11e4-a52e-4f735466cecf': ref }, x: 0, y: 0 }] }] });
    // Shown once its frame has drawn the card: the extension frame loaded under the page's strict CSP.
    await waitFor(() => m.run(`const h = document.querySelector('backstory-card'); return !!h && !h.hidden && getComputedStyle(h).visibility === 'visible';`), { timeoutMs: 10000, what: 'the hover card in Firefox' });
    await new Promise((r) => setTimeout(r, 800));
    const attack = { seeds: ['qzx'], probes: ['living in Moscow', 'political analyst', 'Korybko describes', 'From the knowledge base', 'Global Research'] };
    const result = JSON.parse(await m.run(`return JSON.stringify((${findAttack.toString()})(arguments[0]));`, [attack]));
    assert.deepEqual(result, { recovered: { qzx: '' }, found: [] });
    const control = await m.run('getSelection().removeAllRanges(); return window.find("Korybko");');
    assert.equal(control, true, 'window.find() works on the page\'s own text');
  });

  test('Firefox\'s sidebar hosts the panel page', async () => {
    await m.command('Marionette:SetContext', { value: 'chrome' });
    try {
      const url = await m.run(`
        const win = Services.wm.getMostRecentWindow('navigator:browser');
        const id = Array.from(win.SidebarController.sidebars.keys()).find((k) => k.startsWith('backstory_backstory_invalid'));
        if (!id) return 'no sidebar: ' + Array.from(win.SidebarController.sidebars.keys()).join(',');
        await win.SidebarController.show(id);
        for (let i = 0; i < 50; i++) {
          const doc = win.SidebarController.browser.contentDocument;
          const inner = doc && doc.getElementById('webext-panels-browser');
          if (inner && inner.currentURI && /panel\\/panel\\.html/.test(inner.currentURI.spec)) return inner.currentURI.spec;
          await new Promise((r) => setTimeout(r, 200));
        }
        return 'not loaded';`);
      assert.equal(url, `moz-extension://${firefox.uuid}/panel/panel.html`);
    } finally {
      await m.command('Marionette:SetContext', { value: 'content' });
    }
  });
});
