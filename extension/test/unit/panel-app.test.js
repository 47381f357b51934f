// The panel page in jsdom: its own HTML and script list, a fake `chrome` whose port we drive as the
// worker would.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { fakeAnalyze, SEED_OUTLET } from '../helpers/fake-sidecar.js';
import { EXT_DIR, FIXTURE_URL, fixtureHtml, loadInto, pageScripts } from '../helpers/load.js';

const PANEL_HTML = fs.readFileSync(path.join(EXT_DIR, 'panel/panel.html'), 'utf8').replace(/<script[^>]*><\/script>/g, '');
const APP_SCRIPTS = pageScripts('panel/panel.html').filter((f) => !f.endsWith('start.js'));

function makePort() {
  const listeners = { message: [], disconnect: [] };
  return {
    sent: [],
    postMessage(m) { this.sent.push(JSON.parse(JSON.stringify(m))); },
    onMessage: { addListener: (fn) => listeners.message.push(fn) },
    onDisconnect: { addListener: (fn) => listeners.disconnect.push(fn) },
    disconnect() {},
    push(m) { for (const fn of listeners.message) fn(m); },
  };
}

const opened = [];
afterEach(() => {
  for (const env of opened.splice(0)) {
    env.app.stop();
    env.window.close();
  }
});

function setup(search = '?tab=5') {
  const ports = [];
  const env = loadInto(PANEL_HTML, APP_SCRIPTS, {
    url: `chrome-extension://abc/panel/panel.html${search}`,
    before(window) {
      window.chrome = {
        runtime: {
          id: 'abc',
          connect: () => { const p = makePort(); ports.push(p); return p; },
          onMessage: { addListener() {} },
          getURL: (p) => `chrome-extension://abc/${p}`,
        },
        tabs: { get: async (id) => ({ id, windowId: 9 }), query: async () => [{ id: 5, windowId: 9 }], onActivated: { addListener() {} } },
        windows: { getCurrent: async () => ({ id: 9 }) },
      };
    },
  });
  const app = env.ns.panelApp.createPanelApp({ doc: env.document, search });
  const out = { ...env, app, ports, port: () => ports.at(-1) };
  opened.push(out);
  return out;
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const text = (env) => env.document.getElementById('body').textContent;

function readyState(extra = {}) {
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml(), false, { lookupMode: 'on-request' });
  for (const [k, list] of [['author', cards.authors], ['cited', cards.cited], ['mentioned', cards.mentioned], ['org', cards.organisations]]) {
    list.forEach((item, i) => { item.card_id = `${k}:${i}`; });
  }
  return {
    tabId: 5, run: 1, status: 'ready', phase: null, outlet: cards.outlet, cards,
    timing: { elapsedMs: 11, cached: true, analysisMs: 1259 }, lookups: {}, decisions: {}, anchors: {}, stale: false, ...extra,
  };
}

test('the panel for one tab watches it, and paints outlet first, "starting", then the cards', async () => {
  const env = setup('?tab=5');
  await env.app.start();
  await settle();
  assert.deepEqual(env.port().sent.find((m) => m.type === 'watch'), { type: 'watch', tabId: 5, windowId: 9, key: null, pinned: true });

  env.port().push({ type: 'state', state: { tabId: 5, run: 1, status: 'working', phase: 'analyzing', outlet: SEED_OUTLET }, settings: { highlights: true }, shortcut: 'Alt+Shift+K' });
  assert.match(text(env), /Global Research/);
  assert.match(text(env), /Reading the article…/);

  env.port().push({ type: 'state', state: { tabId: 5, run: 1, status: 'working', phase: 'starting', loading: 'the language model (en_core_web_sm)', outlet: SEED_OUTLET }, settings: {} });
  assert.match(text(env), /The sidecar is starting/);
  assert.match(text(env), /loading the language model \(en_core_web_sm\)/);
  assert.doesNotMatch(text(env), /not running/);

  env.port().push({ type: 'state', state: readyState(), settings: { highlights: true }, shortcut: 'Alt+Shift+K' });
  assert.match(text(env), /Andrew Korybko/);
  assert.match(text(env), /political analyst/);
  const footer = env.document.getElementById('footer').textContent;
  assert.match(footer, /From your sidecar’s cache in 11 ms \(first analysed in 1\.3 s\)/);
  assert.match(footer, /Alt\+Shift\+K open \/ close/);
  // The summary is the first thing in the panel.
  assert.ok(env.document.getElementById('body').firstElementChild.matches('section.summary'));
});

test('a state for another tab is ignored; a failure keeps the outlet and offers the next step', async () => {
  const env = setup('?tab=5');
  await env.app.start();
  env.port().push({ type: 'state', state: { ...readyState(), tabId: 6 }, settings: {} });
  assert.doesNotMatch(text(env), /Andrew Korybko/);
  env.port().push({ type: 'state', state: { tabId: 5, run: 2, status: 'failed', outlet: SEED_OUTLET, error: { state: 'timeout', message: 'NLP ran out of time' } }, settings: {} });
  assert.match(text(env), /Global Research/);
  assert.match(text(env), /took too long/);
  env.document.querySelector('button[data-action="retry"]').click();
  assert.deepEqual(env.port().sent.at(-1), { type: 'analyze' });
});

test('J and K move from card to card; a focus request opens the card\'s section', async () => {
  const env = setup('?tab=5');
  await env.app.start();
  const state = readyState();
  state.cards.mentioned.push({ name: 'Someone Else', card_id: 'mentioned:1', mentions: [], kb: { match: 'none' } });
  env.port().push({ type: 'state', state, settings: {} });
  const doc = env.document;
  const key = (k, target = doc.activeElement || doc.body) => target.dispatchEvent(new env.window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  const visible = () => Array.from(doc.querySelectorAll('[data-card]')).filter((c) => !c.closest('[hidden]')).map((c) => c.getAttribute('data-card'));
  // What the summary already says (republished from, the author) starts folded: the people come next.
  assert.deepEqual(visible(), ['outlet', 'cited:0', 'unnamed']);
  key('j', doc.body);
  const first = doc.activeElement.getAttribute('data-card');
  key('j');
  const second = doc.activeElement.getAttribute('data-card');
  assert.equal(visible().indexOf(second), visible().indexOf(first) + 1);
  key('ArrowDown');
  assert.equal(visible().indexOf(doc.activeElement.getAttribute('data-card')), visible().indexOf(second) + 1);
  key('k');
  assert.equal(doc.activeElement.getAttribute('data-card'), second);
  // Keys typed in a form field are left alone.
  const field = doc.getElementById('highlights-toggle');
  field.focus();
  key('j', field);
  assert.equal(doc.activeElement, field);
  doc.querySelector(`[data-card="${second}"]`).focus();
  // The worker asks for a card inside a folded section: it opens and takes focus.
  env.port().push({ type: 'focus', cardId: 'mentioned:1' });
  assert.equal(doc.activeElement.getAttribute('data-card'), 'mentioned:1');
  assert.equal(doc.querySelector('section[data-section="mentioned"] .fold-toggle').getAttribute('aria-expanded'), 'true');
  // A repaint keeps the focused card.
  env.port().push({ type: 'state', state: { ...state, version: 9 }, settings: {} });
  assert.equal(doc.activeElement.getAttribute('data-card'), 'mentioned:1');
  // Escape asks to close the panel.
  key('Escape');
  assert.deepEqual(env.port().sent.at(-1), { type: 'close' });
});

test('look-ups, decisions, quotes and the highlights switch go to the worker', async () => {
  const env = setup('?tab=5');
  await env.app.start();
  env.port().push({ type: 'state', state: readyState(), settings: { highlights: true } });
  const doc = env.document;
  doc.querySelector('button[data-lookup="cited:0"]').click();
  assert.deepEqual(env.port().sent.at(-1), { type: 'lookup', ids: ['cited:0'] });
  doc.querySelector('article[data-card="cited:0"] button.show').click();
  const reveal = env.port().sent.at(-1);
  assert.equal(reveal.type, 'reveal');
  assert.equal(reveal.span.start, readyState().cards.cited[0].quotes[0].start);
  const toggle = doc.getElementById('highlights-toggle');
  assert.equal(toggle.checked, true);
  toggle.checked = false;
  toggle.dispatchEvent(new env.window.Event('change'));
  assert.deepEqual(env.port().sent.at(-1), { type: 'highlights', on: false });
  const withMatch = readyState({ lookups: { 'cited:0': { status: 'ok', kb: { match: 'possible', id: null, why: 'only the name agrees', facts: [], candidates: [{ id: 'wikidata:Q1', name: 'A K', who: 'someone', url: null }] } } } });
  env.port().push({ type: 'state', state: withMatch, settings: {} });
  doc.querySelector('button[data-decision="reject"]').click();
  assert.deepEqual(env.port().sent.at(-1), { type: 'decision', cardId: 'cited:0', decision: 'reject', id: 'wikidata:Q1' });
});

test('an idle tab explains how to start; a tab that moved on says its cards are old', async () => {
  const env = setup('?tab=5');
  await env.app.start();
  env.port().push({ type: 'state', state: { tabId: 5, run: 0, status: 'idle' }, settings: {}, shortcut: 'Alt+Shift+K' });
  assert.match(text(env), /has not read this page/);
  assert.match(text(env), /Alt\+Shift\+K/);
  env.port().push({ type: 'state', state: readyState({ stale: true }), settings: {} });
  assert.match(text(env), /moved on to another page/);
  env.document.querySelector('.notice button[data-action="analyze"]').click();
  assert.deepEqual(env.port().sent.at(-1), { type: 'analyze' });
});

test('framed inside a page, the panel asks for nothing until its content script hands it the key', async () => {
  const env = setup('?embedded=1');
  await env.app.start();
  assert.equal(env.port().sent.filter((m) => m.type === 'watch').length, 0);
  assert.equal(env.document.getElementById('close').hidden, false);
  env.window.dispatchEvent(new env.window.MessageEvent('message', { data: { backstoryKey: 'k1' } }));
  assert.deepEqual(env.port().sent.filter((m) => m.type === 'watch'), [{ type: 'watch', tabId: null, windowId: null, key: 'k1', pinned: false }]);
  // A second key (a page posting its own) is ignored.
  env.window.dispatchEvent(new env.window.MessageEvent('message', { data: { backstoryKey: 'page-key' } }));
  assert.equal(env.port().sent.filter((m) => m.type === 'watch').length, 1);
  env.port().push({ type: 'refused' });
  assert.match(text(env), /not opened by Backstory/);
  env.document.getElementById('close').click();
  assert.deepEqual(env.port().sent.at(-1), { type: 'close' });
});
