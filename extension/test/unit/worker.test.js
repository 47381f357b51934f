// The background worker with a fake `chrome` (test/helpers/fake-chrome.js) and the fake sidecar: the
// toolbar button, the side panel, each tab's state as panels receive it, highlights, look-ups, frame
// keys, what content scripts may ask, and automatic analysis.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeFakeChrome } from '../helpers/fake-chrome.js';
import { startFakeSidecar } from '../helpers/fake-sidecar.js';
import { FIXTURE_URL } from '../helpers/load.js';

const TOKEN = 'tok-secret-123';
const fake = makeFakeChrome({ storage: { token: TOKEN } });
globalThis.chrome = fake.chrome;

const sidecars = {};
let worker;
before(async () => {
  sidecars.plain = await startFakeSidecar({ token: TOKEN });
  sidecars.auto = await startFakeSidecar({ token: TOKEN, lookupMode: 'automatic' });
  sidecars.onRequest = await startFakeSidecar({ token: TOKEN, lookupMode: 'on-request', cached: true });
  sidecars.off = await startFakeSidecar({ token: TOKEN, lookupMode: 'off' });
  await fake.chrome.storage.local.set({ port: sidecars.plain.port });
  await import('../../background/worker.js');
  worker = globalThis.Backstory.worker;
});
after(async () => { for (const s of Object.values(sidecars)) await s.close(); });

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function until(check, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await settle(10);
  }
}
const use = (name) => fake.chrome.storage.local.set({ port: sidecars[name].port });
const states = (port) => port.received.filter((m) => m.type === 'state').map((m) => m.state);

test('the toolbar button opens the side panel inside the click, then analyses; panels get the tab\'s state', async () => {
  await use('plain');
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 7, windowId: 1 });
  assert.equal(states(panel).at(-1).status, 'idle');
  assert.equal(fake.click({ id: 7, windowId: 1, url: FIXTURE_URL }), true, 'sidePanel.open is called synchronously in the click handler');
  const ready = await until(() => states(panel).find((s) => s.status === 'ready'));
  const seen = states(panel).map((s) => `${s.status}/${s.phase}`);
  assert.ok(seen.indexOf('working/outlet') < seen.indexOf('working/analyzing'), seen.join(' '));
  assert.ok(states(panel).find((s) => s.phase === 'analyzing').outlet, 'the outlet paints before the analysis');
  assert.equal(ready.cards.cited[0].card_id, 'cited:0');
  assert.equal(ready.cards.article.text, undefined, 'the article text stays in the worker');
  assert.equal(typeof ready.timing.elapsedMs, 'number');
  assert.equal(ready.timing.cached, false);
  // The badge follows the rating.
  assert.deepEqual(fake.calls.filter((c) => c[0] === 'badgeText').at(-1)[1], { tabId: 7, text: '!' });
  // The content script was injected once and asked for the page; every sidecar request was signed after
  // the sidecar proved itself (pairing's handshake): the token itself never crossed the wire.
  assert.equal(fake.calls.filter((c) => c[0] === 'inject' && c[1].target.tabId === 7).length, 1);
  assert.ok(sidecars.plain.requests.every((r) => r.url === '/v1/handshake' || /^Backstory-Signed /.test(r.headers.authorization)));
  assert.ok(sidecars.plain.requests.every((r) => r.headers.authorization !== `Bearer ${TOKEN}`));
  // Highlights: a panel shows the tab and the analysis is ready.
  const hl = await until(() => fake.calls.find((c) => c[0] === 'tabMessage' && c[1] === 7 && c[2].type === 'backstory:highlight'));
  assert.deepEqual(hl[2].people.map((p) => [p.id, p.name]), [['cited:0', 'Andrew Korybko']]);
  assert.equal(typeof hl[2].text, 'string');
  // A second click on the same, fresh page closes the panel instead.
  assert.equal(fake.click({ id: 7, windowId: 1, url: FIXTURE_URL }), false);
  assert.ok(fake.calls.some((c) => c[0] === 'sidePanel.close' && c[1].windowId === 1));
  // The panel closing takes the highlights with it.
  panel.disconnect();
  await until(() => fake.calls.find((c) => c[0] === 'tabMessage' && c[1] === 7 && c[2].type === 'backstory:clear'));
});

test('a refused token: the panel gets the state with the sidecar client\'s own advice', async () => {
  await fake.chrome.storage.local.set({ port: sidecars.plain.port, token: 'not-this-one' });
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 27, windowId: 1 });
  fake.click({ id: 27, windowId: 1, url: FIXTURE_URL });
  const failed = await until(() => states(panel).find((x) => x.status === 'failed'));
  assert.equal(failed.error.state, 'not_paired');
  assert.match(failed.error.advice.title, /refuses the token/);
  assert.match(failed.error.advice.next, /backstory pair/);
  await fake.chrome.storage.local.set({ token: TOKEN });
  panel.disconnect();
});

test('content scripts get public settings only: never the pairing token (interface 3)', async () => {
  const answer = await fake.message({ type: 'backstory:settings' });
  assert.equal(answer.port, sidecars.plain.port);
  assert.equal('token' in answer, false);
  assert.doesNotMatch(JSON.stringify(answer), new RegExp(TOKEN));
  // Nor anything a page-side script could use to reach the sidecar or the options.
  assert.equal(await fake.message({ type: 'backstory:health' }), undefined);
  assert.equal(await fake.message({ type: 'backstory:open-options' }), undefined);
  assert.equal(await fake.message({ type: 'backstory:sync-auto' }), undefined);
  // A frame of the page other than the top one gets nothing.
  assert.equal(await fake.message({ type: 'backstory:settings' }, { id: 'ext-id', tab: { id: 7, windowId: 1 }, frameId: 4, url: 'https://ads.example/' }), undefined);
  // The extension's own pages may ask for the sidecar's health (the options page's test button).
  const health = await fake.message({ type: 'backstory:health' }, { id: 'ext-id', url: 'chrome-extension://ext-id/options/options.html' });
  assert.equal(health.ok, true);
  // And no panel state ever carries the token either.
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 7, windowId: 1 });
  assert.doesNotMatch(JSON.stringify(panel.received), new RegExp(TOKEN));
  panel.disconnect();
});

test('"starting": while the sidecar loads its model, the panel is told so, then gets the cards', async () => {
  const starting = await startFakeSidecar({ token: TOKEN, startingMs: Infinity, loading: 'the language model (en_core_web_sm)' });
  try {
    await fake.chrome.storage.local.set({ port: starting.port });
    const panel = fake.connect('panel');
    panel.post({ type: 'watch', tabId: 21, windowId: 1 });
    fake.click({ id: 21, windowId: 1, url: FIXTURE_URL });
    const s = await until(() => states(panel).find((x) => x.phase === 'starting'));
    assert.equal(s.status, 'working');
    assert.equal(s.loading, 'the language model (en_core_web_sm)');
    assert.ok(s.outlet, 'the outlet answers while the sidecar starts');
    starting.ready();
    await until(() => states(panel).find((x) => x.status === 'ready'), 10000);
    assert.ok(!states(panel).some((x) => x.error && x.error.state === 'not_running'));
    panel.disconnect();
  } finally {
    await starting.close();
  }
});

test('a cached answer: this answer\'s time and the first analysis\'s time, kept apart', async () => {
  await use('onRequest');
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 22, windowId: 1 });
  fake.click({ id: 22, windowId: 1, url: FIXTURE_URL });
  const ready = await until(() => states(panel).find((x) => x.status === 'ready'));
  assert.equal(ready.timing.cached, true);
  assert.equal(ready.timing.analysisMs, 1259);
  assert.ok(ready.timing.elapsedMs < 1259, `elapsed ${ready.timing.elapsedMs}`);
  panel.disconnect();
});

test('automatic look-ups: the cards paint first, then one /v1/lookup for every card', async () => {
  await use('auto');
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 23, windowId: 1 });
  fake.click({ id: 23, windowId: 1, url: FIXTURE_URL });
  const filled = await until(() => states(panel).find((x) => x.lookups && x.lookups['cited:0'] && x.lookups['cited:0'].status === 'ok'));
  const all = states(panel);
  const firstReady = all.findIndex((x) => x.status === 'ready');
  assert.ok(firstReady >= 0 && Object.keys(all[firstReady].lookups).length === 0, 'painted before any look-up');
  assert.ok(all.some((x) => x.lookups && x.lookups['cited:0'] && x.lookups['cited:0'].status === 'pending'));
  assert.equal(sidecars.auto.lookups.length, 1, 'one batch');
  assert.deepEqual(sidecars.auto.lookups[0].map((i) => [i.kind, i.name]),
    [['person', 'Lucas Leiroz'], ['person', 'Andrew Korybko'], ['person', 'Donald Trump'], ['organisation', 'Center for Geostrategic Studies']]);
  assert.equal(filled.lookups['cited:0'].kb.match, 'possible');
  assert.equal(filled.lookups['author:0'].kb.match, 'exact');
  panel.disconnect();
});

test('on request: one card looked up, and the reader\'s decision on a possible match kept', async () => {
  await use('onRequest');
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 24, windowId: 1 });
  fake.click({ id: 24, windowId: 1, url: FIXTURE_URL });
  await until(() => states(panel).find((x) => x.status === 'ready'));
  assert.equal(sidecars.onRequest.lookups.length, 0, 'nothing is looked up unasked');
  panel.post({ type: 'lookup', ids: ['cited:0', 'not-a-card', 'cited:0'] });
  const done = await until(() => states(panel).find((x) => x.lookups['cited:0'] && x.lookups['cited:0'].status === 'ok'));
  assert.deepEqual(sidecars.onRequest.lookups.map((batch) => batch.map((i) => i.name)), [['Andrew Korybko']]);
  assert.equal(done.lookups['cited:0'].kb.candidates[0].id, 'wikidata:Q900000001');
  // Only a candidate the card offers can be answered.
  panel.post({ type: 'decision', cardId: 'cited:0', decision: 'confirm', id: 'wikidata:Q42' });
  panel.post({ type: 'decision', cardId: 'cited:0', decision: 'reject', id: 'wikidata:Q900000001' });
  const decided = await until(() => states(panel).find((x) => x.decisions['cited:0']));
  assert.deepEqual(decided.decisions['cited:0'], { byId: { 'wikidata:Q900000001': 'reject' }, error: null });
  assert.deepEqual(sidecars.onRequest.decisions, [{ name: 'Andrew Korybko', id: 'wikidata:Q900000001', decision: 'reject' }]);
  // A confirmation is kept, and the card is looked up again: now a match with that person's facts.
  panel.post({ type: 'decision', cardId: 'cited:0', decision: 'confirm', id: 'wikidata:Q900000001' });
  const confirmed = await until(() => states(panel).find((x) => x.lookups['cited:0'] && x.lookups['cited:0'].kb && x.lookups['cited:0'].kb.match === 'exact'));
  assert.equal(confirmed.decisions['cited:0'].byId['wikidata:Q900000001'], 'confirm');
  assert.equal(confirmed.lookups['cited:0'].kb.facts[0].claim, 'occupation: political analyst');
  assert.equal(sidecars.onRequest.lookups.length, 2);
  panel.disconnect();
});

test('look-ups turned off at the sidecar: the card says so', async () => {
  await use('off');
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 25, windowId: 1 });
  fake.click({ id: 25, windowId: 1, url: FIXTURE_URL });
  const ready = await until(() => states(panel).find((x) => x.status === 'ready'));
  assert.equal(ready.cards.cited[0].lookup_request, null);
  // Even if asked (a card with a request): the sidecar's 403 lookup_off becomes "off".
  worker.store.update(25, { cards: { ...worker.store.get(25).cards, cited: [{ ...worker.store.get(25).cards.cited[0], lookup_request: { kind: 'person', name: 'Andrew Korybko' } }] } });
  panel.post({ type: 'lookup', ids: ['cited:0'] });
  const off = await until(() => states(panel).find((x) => x.lookups['cited:0'] && x.lookups['cited:0'].status === 'off'));
  assert.match(off.lookups['cited:0'].message, /turned off/);
  panel.disconnect();
});

test('frames inside a page are served only with the key given to that tab\'s content script', async () => {
  await use('plain');
  // A frame the page made itself (no key, or a wrong one): refused, nothing sent.
  const intruder = fake.connect('panel', { tab: { id: 7, windowId: 1 } });
  intruder.post({ type: 'watch', key: 'guessed' });
  assert.deepEqual(intruder.received, [{ type: 'refused' }]);
  // The content script asks for a key; the frame that brings it gets the tab's state.
  const { key } = await fake.message({ type: 'backstory:frame-key', kind: 'panel' });
  assert.match(key, /^[0-9a-f]{36}$/);
  const framed = fake.connect('panel', { tab: { id: 7, windowId: 1 } });
  framed.post({ type: 'watch', key, tabId: 99 });
  assert.equal(framed.last('state').state.tabId, 7, 'a framed panel shows its own tab, whatever it asks');
  // A key works once, for its tab and its kind only.
  const again = fake.connect('panel', { tab: { id: 7, windowId: 1 } });
  again.post({ type: 'watch', key });
  assert.deepEqual(again.received, [{ type: 'refused' }]);
  const { key: cardKey } = await fake.message({ type: 'backstory:frame-key', kind: 'card' });
  const wrongKind = fake.connect('panel', { tab: { id: 7, windowId: 1 } });
  wrongKind.post({ type: 'watch', key: cardKey });
  assert.deepEqual(wrongKind.received, [{ type: 'refused' }]);
  const otherTab = fake.connect('card', { tab: { id: 8, windowId: 1 } });
  otherTab.post({ type: 'watch', key: cardKey });
  assert.deepEqual(otherTab.received, [{ type: 'refused' }]);
  // A port from a web page's own script is not ours at all: disconnected.
  const { ours } = { ours: fake.connect('panel', { url: 'https://evil.example/' }) };
  assert.equal(ours.isOpen(), false);
  framed.disconnect();
});

test('the hover card frame shows the card the content script hovers, and reports its size to the page', async () => {
  await use('plain');
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 7, windowId: 1 });
  fake.click({ id: 7, windowId: 1, url: 'https://elsewhere.example/' }); // not fresh: analyse again
  await until(() => states(panel).filter((x) => x.status === 'ready').length > 0 && worker.store.get(7).status === 'ready');
  // Hovered before the frame connected: shown once it does.
  await fake.message({ type: 'backstory:hover', cardId: 'cited:0' });
  const { key } = await fake.message({ type: 'backstory:frame-key', kind: 'card' });
  const card = fake.connect('card', { tab: { id: 7, windowId: 1 } });
  card.post({ type: 'watch', key });
  const shown = card.last('show');
  assert.equal(shown.cardId, 'cited:0');
  assert.equal(shown.state.cards.cited[0].name, 'Andrew Korybko');
  card.post({ type: 'size', cardId: 'cited:0', height: 312 });
  await until(() => fake.calls.find((c) => c[0] === 'tabMessage' && c[2].type === 'backstory:card-size'));
  assert.deepEqual(fake.calls.filter((c) => c[2] && c[2].type === 'backstory:card-size').at(-1)[2], { type: 'backstory:card-size', cardId: 'cited:0', height: 312 });
  card.disconnect();
  panel.disconnect();
});

test('Enter on a highlighted name opens the panel and focuses its card; Escape in the page closes it', async () => {
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 7, windowId: 1 });
  await fake.message({ type: 'backstory:activate', cardId: 'cited:0' });
  assert.deepEqual(panel.last('focus'), { type: 'focus', cardId: 'cited:0' });
  const closes = fake.calls.filter((c) => c[0] === 'sidePanel.close').length;
  await fake.message({ type: 'backstory:escape' });
  assert.equal(fake.calls.filter((c) => c[0] === 'sidePanel.close').length, closes + 1);
  panel.disconnect();
  // With no panel open, Enter opens one (in the message's handler, where the key press's gesture is).
  const opens = fake.calls.filter((c) => c[0] === 'sidePanel.open').length;
  await fake.message({ type: 'backstory:activate', cardId: 'cited:0' });
  assert.equal(fake.calls.filter((c) => c[0] === 'sidePanel.open').length, opens + 1);
  const later = fake.connect('panel');
  later.post({ type: 'watch', tabId: 7, windowId: 1 });
  assert.deepEqual(later.last('focus'), { type: 'focus', cardId: 'cited:0' }, 'the card is focused once the panel is there');
  later.disconnect();
});

test('switching highlights off clears them; a page the browser keeps from extensions says so', async () => {
  await use('plain');
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 26, windowId: 1 });
  fake.click({ id: 26, windowId: 1, url: FIXTURE_URL });
  await until(() => fake.calls.find((c) => c[1] === 26 && c[2].type === 'backstory:highlight'));
  panel.post({ type: 'highlights', on: false });
  await until(() => fake.calls.find((c) => c[1] === 26 && c[2].type === 'backstory:clear'));
  assert.equal(fake.store.highlights, false);
  await fake.chrome.storage.local.set({ highlights: true });
  panel.disconnect();
  const browserPage = fake.connect('panel');
  browserPage.post({ type: 'watch', tabId: 9, windowId: 1 });
  fake.click({ id: 9, windowId: 1, url: 'chrome://settings/' });
  const s = await until(() => states(browserPage).find((x) => x.status === 'unsupported'));
  assert.match(s.error.message, /chrome:\/\//);
  browserPage.disconnect();
});

test('a tab that loads another page: its cards are marked as the previous page\'s', async () => {
  const panel = fake.connect('panel');
  panel.post({ type: 'watch', tabId: 7, windowId: 1 });
  assert.equal(states(panel).at(-1).stale, false);
  // A jump to an anchor of the same page keeps the cards.
  for (const fn of fake.chrome.tabs.onUpdated.listeners) fn(7, { status: 'loading', url: `${FIXTURE_URL}#comments` });
  assert.equal(states(panel).at(-1).stale, false);
  // A reload or another page does not.
  for (const fn of fake.chrome.tabs.onUpdated.listeners) fn(7, { status: 'loading' });
  assert.equal(states(panel).at(-1).stale, true);
  panel.disconnect();
});

test('the options page gets the assigned shortcut; automatic analysis runs only when it is on', async () => {
  const page = { id: 'ext-id', url: 'chrome-extension://ext-id/options/options.html' };
  assert.deepEqual(await fake.message({ type: 'backstory:shortcut' }, page), { shortcut: 'Alt+Shift+K', command: '_execute_action' });
  assert.equal(await fake.message({ type: 'backstory:shortcut' }), undefined, 'not for content scripts');
  await use('plain');
  const tab = { id: 41, windowId: 1 };
  const sender = { id: 'ext-id', tab, frameId: 0, url: FIXTURE_URL };
  await fake.chrome.scripting.executeScript({ target: { tabId: 41 }, files: [] });
  assert.deepEqual(await fake.message({ type: 'backstory:auto' }, sender), { ok: false });
  assert.equal(worker.store.get(41).status, 'idle');
  await fake.chrome.storage.local.set({ auto: true });
  assert.deepEqual(await fake.message({ type: 'backstory:auto' }, sender), { ok: true });
  await until(() => worker.store.get(41).status === 'ready');
  await fake.chrome.storage.local.set({ auto: false });
});

test('automatic analysis is registered only when on and permitted', async () => {
  fake.store.auto = true;
  fake.grant(false);
  await worker.syncAutoAnalysis();
  assert.equal(fake.registered().length, 0);
  fake.grant(true);
  await worker.syncAutoAnalysis();
  assert.equal(fake.registered().length, 1);
  assert.deepEqual(fake.registered()[0].matches, ['http://*/*', 'https://*/*']);
  assert.equal(fake.registered()[0].js.at(-1), '/content/auto-start.js');
  fake.store.auto = false;
  await worker.syncAutoAnalysis();
  assert.equal(fake.registered().length, 0);
});

test('without a side panel (the API missing), the button toggles the panel frame inside the page', async () => {
  const bare = makeFakeChrome({ sidePanel: false, storage: { token: TOKEN, port: sidecars.plain.port } });
  const ns = globalThis.Backstory;
  const saved = ns.browserApi;
  ns.browserApi = ns.makeBrowserApi(bare.chrome);
  try {
    assert.equal(ns.browserApi.panelKind, null);
    await import('../../background/worker.js?fallback');
    const onAction = ns.worker.onAction;
    const opened = await onAction({ id: 31, windowId: 2, url: FIXTURE_URL });
    assert.equal(opened.open, true);
    assert.ok(bare.calls.some((c) => c[0] === 'tabMessage' && c[1] === 31 && c[2].type === 'backstory:toggle-frame'));
    await until(() => ns.worker.store.get(31).status === 'ready');
    const closed = await onAction({ id: 31, windowId: 2, url: FIXTURE_URL });
    assert.equal(closed.open, false);
  } finally {
    ns.browserApi = saved;
  }
});
