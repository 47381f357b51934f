// The content-script controller in jsdom, with a fake `chrome` whose worker answers we control.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeAnalyze, SEED_OUTLET } from '../helpers/fake-sidecar.js';
import { CONTENT_FILES, FIXTURE_URL, fixtureHtml, loadInto } from '../helpers/load.js';

function setup(answers) {
  const sent = [];
  let listener = null;
  const roots = [];
  const env = loadInto(fixtureHtml(), CONTENT_FILES, {
    before(window) {
      // Tests only: keep a handle on the closed shadow roots to look inside.
      const attach = window.Element.prototype.attachShadow;
      window.Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        roots.push({ host: this, root });
        return root;
      };
      window.chrome = {
        runtime: {
          sendMessage: async (message) => { sent.push(message); return answers(message); },
          onMessage: { addListener: (fn) => { listener = fn; } },
          getURL: (p) => `chrome-extension://x/${p}`,
        },
      };
    },
  });
  const panelRoot = () => roots.find((r) => r.host.localName === 'backstory-panel')?.root;
  const toggle = () => new Promise((resolve) => listener({ type: 'backstory:toggle' }, {}, resolve));
  return { ...env, sent, panelRoot, toggle };
}

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function until(check, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await settle(10);
  }
}
const SETTINGS = { port: 8765, token: 't', mode: 'side-by-side', auto: false };

test('the outlet card paints before the analysis returns, then the full cards and highlights', async () => {
  let release;
  const analysisGate = new Promise((r) => { release = r; });
  const html = fixtureHtml();
  const env = setup(async (m) => {
    if (m.type === 'backstory:settings') return SETTINGS;
    if (m.type === 'backstory:outlet') return { ok: true, data: { outlet: SEED_OUTLET } };
    if (m.type === 'backstory:analyze') { await analysisGate; return { ok: true, data: fakeAnalyze(FIXTURE_URL, html) }; }
    return undefined;
  });
  const answer = await env.toggle();
  assert.equal(answer.open, true);
  await until(() => env.panelRoot() && /Reading the article/.test(env.panelRoot().textContent));
  const root = env.panelRoot();
  assert.ok(root, 'panel host has a shadow root');
  assert.match(root.textContent, /Global Research/);
  assert.match(root.textContent, /Reading the article/);
  assert.doesNotMatch(root.textContent, /Andrew Korybko/);
  // The page's own markup stays closed to the page.
  assert.equal(env.document.querySelector('backstory-panel').shadowRoot, null);
  // Focus moved into the panel.
  assert.equal(root.activeElement && root.activeElement.localName, 'h2');
  // Side-by-side: the page makes room.
  assert.match(env.document.documentElement.style.marginRight, /px$/);

  release();
  await until(() => /Andrew Korybko/.test(root.textContent) && !/Reading the article/.test(root.textContent));
  assert.match(root.textContent, /Andrew Korybko/);
  assert.match(root.textContent, /political analyst/);
  assert.doesNotMatch(root.textContent, /Reading the article/);
  const analyze = env.sent.find((m) => m.type === 'backstory:analyze');
  assert.equal(analyze.url, FIXTURE_URL);
  assert.match(analyze.html, /^<html/);
  assert.ok(env.sent.findIndex((m) => m.type === 'backstory:outlet') < env.sent.indexOf(analyze));
  const marks = env.document.querySelectorAll('backstory-mark');
  assert.equal(marks.length, 1);
  assert.equal(marks[0].textContent, 'Andrew Korybko');
  assert.equal(marks[0].getAttribute('tabindex'), '0');

  // The page re-renders and the name disappears: the card is listed, not lost.
  marks[0].closest('p').remove();
  await until(() => /Not found in the page any more/.test(root.textContent));
  assert.match(root.textContent, /Not found in the page any more/);
  assert.match(root.textContent, /no longer found in the page text/);
  assert.ok(root.querySelector('article.person[data-person="Andrew Korybko"]'));

  // Toggling again closes the panel and gives the page its width back.
  const closed = await env.toggle();
  assert.equal(closed.open, false);
  assert.equal(env.document.documentElement.style.marginRight, '');
});

test('sidecar not running: the panel says so and how to start it', async () => {
  const env = setup(async (m) => {
    if (m.type === 'backstory:settings') return SETTINGS;
    if (m.type === 'backstory:outlet') return { ok: false, state: 'not_running', message: 'Nothing answers' };
    return undefined;
  });
  await env.toggle();
  await until(() => /not running/.test(env.panelRoot().textContent));
  const text = env.panelRoot().textContent;
  assert.match(text, /not running/);
  assert.match(text, /make serve/);
  assert.ok(!env.sent.some((m) => m.type === 'backstory:analyze'));
});

test('wrong token: a button opens the options page', async () => {
  const env = setup(async (m) => {
    if (m.type === 'backstory:settings') return SETTINGS;
    if (m.type === 'backstory:outlet') return { ok: false, state: 'not_paired', message: 'missing or wrong token' };
    return { ok: true };
  });
  await env.toggle();
  await until(() => env.panelRoot().querySelector('button[data-action="options"]'));
  const button = env.panelRoot().querySelector('button[data-action="options"]');
  button.click();
  await until(() => env.sent.some((m) => m.type === 'backstory:open-options'));
});

test('analysis failure after the outlet keeps the outlet card', async () => {
  const env = setup(async (m) => {
    if (m.type === 'backstory:settings') return { ...SETTINGS, mode: 'overlay' };
    if (m.type === 'backstory:outlet') return { ok: true, data: { outlet: SEED_OUTLET } };
    if (m.type === 'backstory:analyze') return { ok: false, state: 'too_large', message: 'The page is 9.5 MB' };
    return undefined;
  });
  await env.toggle();
  await until(() => /too large/.test(env.panelRoot().textContent));
  const text = env.panelRoot().textContent;
  assert.match(text, /Global Research/);
  assert.match(text, /too large/);
  // Overlay mode leaves the page's layout alone.
  assert.equal(env.document.documentElement.style.marginRight, '');
});

test('automatic analysis runs only on pages that say they are articles', async () => {
  const env = setup(async () => undefined);
  assert.equal(env.ns.main.looksLikeArticle(), true);
  const other = loadInto('<html><body><p>Shop</p></body></html>', CONTENT_FILES, {
    before(window) { window.chrome = { runtime: { sendMessage: async () => undefined, onMessage: { addListener() {} }, getURL: (p) => p } }; },
  });
  assert.equal(other.ns.main.looksLikeArticle(), false);
});

test('a content script orphaned by an extension reload is replaced on the next injection', async () => {
  const env = setup(async (m) => (m.type === 'backstory:settings' ? SETTINGS : { ok: false, state: 'not_running', message: 'x' }));
  env.window.chrome.runtime.id = 'ext';
  await env.toggle();
  await until(() => /not running/.test(env.panelRoot().textContent));
  assert.ok(env.document.querySelector('backstory-panel'));
  const first = env.ns.main;
  delete env.window.chrome.runtime.id; // what Chrome does to an invalidated context
  for (const f of ['lib/browser-api.js', 'content/main.js']) {
    env.window.eval((await import('node:fs')).readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8'));
  }
  assert.notEqual(env.ns.main, first);
  assert.equal(env.document.querySelector('backstory-panel'), null);
});
