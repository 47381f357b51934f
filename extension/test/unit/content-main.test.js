// The content scripts in jsdom, with a fake `chrome` whose worker answers we control. jsdom's events are
// never trusted (a page's script makes them the same way), which is what most of these tests rely on;
// the trusted path is tested with the highlighter's isTrusted seam, and for real in the browser tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { fakeAnalyze } from '../helpers/fake-sidecar.js';
import { CONTENT_FILES, EXT_DIR, FIXTURE_URL, fixtureHtml, loadInto } from '../helpers/load.js';

function setup({ html = fixtureHtml(), answers = () => ({ ok: true }) } = {}) {
  const sent = [];
  let listener = null;
  const roots = [];
  const env = loadInto(html, CONTENT_FILES, {
    before(window) {
      // Tests only: keep a handle on the closed shadow roots to look inside.
      const attach = window.Element.prototype.attachShadow;
      window.Element.prototype.attachShadow = function (init) {
        const root = attach.call(this, init);
        roots.push({ host: this, root, mode: init.mode });
        return root;
      };
      window.chrome = {
        runtime: {
          id: 'ext',
          sendMessage: async (message) => { sent.push(message); return answers(message); },
          onMessage: { addListener: (fn) => { listener = fn; } },
          getURL: (p) => `chrome-extension://ext/${p}`,
        },
      };
    },
  });
  const ask = (message) => new Promise((resolve) => { if (!listener(message, {}, resolve)) resolve(undefined); });
  return { ...env, sent, roots, ask };
}

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function until(check, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await settle(10);
  }
}

function highlightMessage(html = fixtureHtml()) {
  const cards = fakeAnalyze(FIXTURE_URL, html);
  return { type: 'backstory:highlight', run: 1, text: cards.article.text, people: cards.cited.map((p, i) => ({ id: `cited:${i}`, name: p.name, mentions: p.mentions })) };
}

test('the worker gets the page as it is, without our marks; highlights carry no private text', async () => {
  const env = setup();
  const { anchors } = await env.ask(highlightMessage());
  assert.equal(anchors['cited:0'], true);
  const marks = env.document.querySelectorAll('backstory-mark');
  assert.equal(marks.length, 1);
  assert.equal(marks[0].textContent, 'Andrew Korybko');
  // A button named by its own text (the page's words); nothing else: no card text, no person key.
  const attrs = Array.from(marks[0].attributes).map((a) => a.name).sort();
  assert.deepEqual(attrs, ['role', 'style', 'tabindex']);
  assert.equal(marks[0].getAttribute('role'), 'button');
  assert.equal(marks[0].getAttribute('tabindex'), '0');
  const snap = await env.ask({ type: 'backstory:snapshot' });
  assert.equal(snap.url, FIXTURE_URL);
  assert.match(snap.html, /^<html/);
  assert.doesNotMatch(snap.html, /backstory-mark/);
  assert.equal(env.document.querySelectorAll('backstory-mark').length, 0);
});

test('one Tab stop per person; a name inside a link stays the link\'s', async () => {
  const html = '<html><body><article><p>Ann Lee said so. Later Ann Lee added more.</p><p>See <a href="/x">Ann Lee</a> here.</p><p>x</p></article></body></html>';
  const env = setup({ html });
  const text = 'Ann Lee said so. Later Ann Lee added more.\nSee Ann Lee here.\nx';
  const people = [{ id: 'cited:0', name: 'Ann Lee', mentions: [0, 23, 47].map((start) => ({ start, end: start + 7 })) }];
  await env.ask({ type: 'backstory:highlight', run: 1, text, people });
  const marks = Array.from(env.document.querySelectorAll('backstory-mark'));
  assert.equal(marks.length, 3);
  assert.deepEqual(marks.map((m) => m.getAttribute('tabindex')), ['0', '-1', null]);
  assert.deepEqual(marks.map((m) => m.getAttribute('role')), ['button', 'button', null]);
});

test('page-made events do nothing: no hover card, no panel, on our marks or on fakes', async () => {
  const env = setup();
  await env.ask(highlightMessage());
  const doc = env.document;
  const real = doc.querySelector('backstory-mark');
  const fake = doc.createElement('backstory-mark');
  fake.setAttribute('role', 'button');
  fake.setAttribute('tabindex', '0');
  fake.textContent = 'Andrew Korybko';
  doc.querySelector('.entry-content p').append(fake);
  for (const mark of [real, fake]) {
    mark.dispatchEvent(new env.window.MouseEvent('mouseover', { bubbles: true }));
    mark.dispatchEvent(new env.window.FocusEvent('focusin', { bubbles: true }));
    mark.dispatchEvent(new env.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    mark.dispatchEvent(new env.window.MouseEvent('click', { bubbles: true }));
  }
  doc.body.dispatchEvent(new env.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  await settle(20);
  assert.deepEqual(env.sent.map((m) => m.type), []);
  assert.equal(doc.querySelector('backstory-card'), null);
});

test('trusted events on our own marks only: hover shows the card frame, Enter opens the card in the panel', async () => {
  const env = setup({ answers: (m) => (m.type === 'backstory:frame-key' ? { key: 'card-key' } : { ok: true }) });
  const { ns, document: doc, window } = env;
  const activated = [];
  const escapes = [];
  const hl = ns.highlights.createHighlighter(doc, {
    send: (m) => window.chrome.runtime.sendMessage(m),
    onActivate: (id) => activated.push(id),
    onEscape: () => escapes.push(1),
    isTrusted: () => true,
  });
  const msg = highlightMessage();
  hl.highlight(msg.text, msg.people);
  const real = doc.querySelector('backstory-mark');
  const fake = doc.createElement('backstory-mark');
  fake.textContent = 'Andrew Korybko';
  doc.querySelector('.entry-content p').append(fake);
  // A copy of our mark, attributes and all, is still not ours.
  const copy = real.cloneNode(true);
  doc.querySelector('.entry-content p').append(copy);
  for (const mark of [fake, copy]) {
    mark.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    mark.dispatchEvent(new window.MouseEvent('mouseover', { bubbles: true }));
  }
  assert.deepEqual(activated, []);
  assert.equal(doc.querySelector('backstory-card'), null);
  real.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  assert.deepEqual(activated, ['cited:0']);
  real.dispatchEvent(new window.MouseEvent('mouseover', { bubbles: true }));
  await until(() => env.sent.some((m) => m.type === 'backstory:frame-key'));
  const host = doc.querySelector('backstory-card');
  assert.ok(host);
  assert.equal(host.shadowRoot, null, 'closed shadow root');
  const { root, mode } = env.roots.find((r) => r.host === host);
  assert.equal(mode, 'closed');
  // Nothing private in the page's document: a style and an extension frame, no text.
  assert.deepEqual(Array.from(root.children).map((c) => c.localName), ['style', 'style', 'iframe']);
  await until(() => root.querySelector('iframe').getAttribute('src'));
  assert.equal(root.querySelector('iframe').getAttribute('src'), 'chrome-extension://ext/panel/card.html');
  assert.equal(host.textContent, '');
  // The frame shows only once it says it has drawn the card (a blocked or slow frame: no empty box).
  assert.ok(host.hasAttribute('data-pending'));
  hl.resizeCard('cited:0', 300);
  assert.ok(!host.hasAttribute('data-pending'));
  assert.equal(host.hidden, false);
  assert.match(root.querySelectorAll('style')[1].textContent, /height: 300px/);
  // Escape closes the hover card first, then reaches the panel.
  window.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  assert.equal(host.hidden, true);
  window.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  assert.deepEqual(escapes, [1]);
  // Clearing removes only our marks: the page's own elements stay.
  hl.clear();
  assert.equal(doc.querySelectorAll('backstory-mark').length, 2);
  assert.ok(fake.isConnected && copy.isConnected);
  hl.destroy();
});

test('the hover card stays inside the viewport: below, flipped above, clamped, shortened', () => {
  const env = setup();
  const place = env.ns.highlights.placeCard;
  const rect = (left, top, h = 20) => ({ left, top, bottom: top + h, right: left + 100 });
  // Room below: below the name.
  assert.deepEqual({ ...place(rect(100, 100), 300, 1280, 900) }, { left: 100, top: 126, width: 360, height: 300, side: 'below' });
  // Near the bottom: flipped above.
  const above = place(rect(100, 800), 300, 1280, 900);
  assert.equal(above.side, 'above');
  assert.equal(above.top + above.height, 794);
  // Near the right edge: clamped inside.
  assert.equal(place(rect(1250, 100), 300, 1280, 900).left, 1280 - 360 - 8);
  // 200% zoom (640x450 CSS px), a 480 px card, name in the middle: the roomier side, shortened, inside.
  const zoomed = place(rect(50, 200), 480, 640, 450);
  assert.ok(zoomed.top >= 8 && zoomed.top + zoomed.height <= 442, JSON.stringify(zoomed));
  assert.ok(zoomed.height < 480);
  // A panel taking the right 300 px: the card stays left of it (never over its header).
  const beside = place(rect(500, 20), 200, 1000, 800, 300);
  assert.ok(beside.left + beside.width <= 700 - 8, JSON.stringify(beside));
});

test('a name removed by the page is reported; a page that moves on to another address too', async () => {
  const env = setup();
  await env.ask(highlightMessage());
  env.document.querySelector('backstory-mark').closest('p').remove();
  await until(() => env.sent.some((m) => m.type === 'backstory:anchors'));
  const report = env.sent.find((m) => m.type === 'backstory:anchors');
  assert.equal(report.run, 1);
  assert.equal(report.anchors['cited:0'], false);
  await env.ask({ type: 'backstory:snapshot' });
  env.window.history.pushState({}, '', '/another-story');
  await env.ask(highlightMessage());
  env.document.body.append(env.document.createElement('p'));
  await until(() => env.sent.some((m) => m.type === 'backstory:moved'));
  assert.equal(env.document.querySelectorAll('backstory-mark').length, 0);
});

test('without a side panel, the panel opens as an extension frame in a closed shadow root', async () => {
  const env = setup({ answers: (m) => (m.type === 'backstory:frame-key' ? { key: 'panel-key' } : { ok: true }) });
  const opened = await env.ask({ type: 'backstory:toggle-frame', mode: 'side-by-side' });
  assert.equal(opened.open, true);
  const host = env.document.querySelector('backstory-panel');
  assert.equal(host.shadowRoot, null);
  await until(() => env.roots.find((r) => r.host === host).root.querySelector('iframe'));
  const { root } = env.roots.find((r) => r.host === host);
  const frame = root.querySelector('iframe');
  assert.equal(frame.getAttribute('src'), 'chrome-extension://ext/panel/panel.html?embedded=1&focus=1');
  assert.equal(host.textContent, '');
  assert.ok(env.sent.some((m) => m.type === 'backstory:frame-key' && m.kind === 'panel'));
  // Side by side: the page gets a right margin; closing gives it back and removes the frame.
  assert.match(env.document.documentElement.style.marginRight, /px$/);
  const closed = await env.ask({ type: 'backstory:toggle-frame' });
  assert.equal(closed.open, false);
  assert.equal(env.document.documentElement.style.marginRight, '');
  assert.equal(root.querySelector('iframe'), null);
  // Overlay leaves the page's layout alone and offers the fold toggle.
  await env.ask({ type: 'backstory:toggle-frame', mode: 'overlay' });
  assert.equal(env.document.documentElement.style.marginRight, '');
  assert.equal(host.getAttribute('data-layout'), 'overlay');
  assert.equal(root.querySelector('button.fold').getAttribute('aria-label'), 'Fold the Backstory panel away');
});

test('automatic analysis runs only on pages that say they are articles', async () => {
  const env = setup();
  assert.equal(env.ns.main.looksLikeArticle(), true);
  const other = loadInto('<html><body><p>Shop</p></body></html>', CONTENT_FILES, {
    before(window) { window.chrome = { runtime: { id: 'x', sendMessage: async () => undefined, onMessage: { addListener() {} }, getURL: (p) => p } }; },
  });
  assert.equal(other.ns.main.looksLikeArticle(), false);
});

test('a content script orphaned by an extension reload is replaced on the next injection', async () => {
  const env = setup();
  await env.ask(highlightMessage());
  assert.equal(env.document.querySelectorAll('backstory-mark').length, 1);
  const first = env.ns.main;
  delete env.window.chrome.runtime.id; // what Chrome does to an invalidated context
  for (const f of ['lib/browser-api.js', 'content/main.js']) env.window.eval(fs.readFileSync(`${EXT_DIR}/${f}`, 'utf8'));
  assert.notEqual(env.ns.main, first);
  assert.equal(env.document.querySelectorAll('backstory-mark').length, 0);
});
