// Each tab's state in the worker: runs, stale answers dropped, and what survives a worker restart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../lib/browser-api.js';
import { blankState, cardById, createTabStore, forPanel, KEEP_TABS, withCardIds } from '../../background/tab-state.js';
import { makeFakeChrome } from '../helpers/fake-chrome.js';

const settle = (ms) => new Promise((r) => setTimeout(r, ms));

test('a newer run wins: an answer for an older run is dropped', () => {
  const seen = [];
  const store = createTabStore({ api: { hasSessionStorage: false }, onChange: (id, s) => seen.push([id, s.status, s.run]) });
  const first = store.begin(3, { url: 'https://a.example/1' });
  const second = store.begin(3, { url: 'https://a.example/2' });
  assert.equal(store.update(3, { status: 'ready' }, first), null, 'the first run answers too late');
  assert.equal(store.get(3).status, 'working');
  store.update(3, { status: 'ready' }, second);
  assert.equal(store.get(3).status, 'ready');
  assert.deepEqual(seen.map((x) => x[2]), [1, 2, 2]);
  assert.equal(store.get(99).status, 'idle');
  assert.deepEqual({ ...blankState(5), tabId: 5 }.lookups, {});
});

test('states survive a worker restart through storage.session; a run cut off says so', async () => {
  const fake = makeFakeChrome();
  const api = globalThis.Backstory.makeBrowserApi(fake.chrome);
  const before = createTabStore({ api });
  const run = before.begin(1, { url: 'https://a.example/' });
  before.update(1, { status: 'ready', cards: { article: { text: 'x' } } }, run);
  before.begin(2, { url: 'https://b.example/' }); // still working when the worker stops
  await settle(400);
  const after = createTabStore({ api });
  await after.restore();
  assert.equal(after.get(1).status, 'ready');
  assert.equal(after.get(2).status, 'failed');
  assert.match(after.get(2).error.message, /interrupted/);
  // Only the most recent tabs are kept.
  for (let i = 10; i < 10 + KEEP_TABS + 3; i++) after.begin(i, { url: `https://c.example/${i}` });
  await settle(400);
  assert.equal(Object.keys(fake.session.tabs).length, KEEP_TABS);
});

test('card ids, and the text the panel never needs', () => {
  const cards = withCardIds({ article: { text: 'long text', url: 'u' }, authors: [{ name: 'A' }], cited: [{ name: 'B' }, { name: 'C' }], mentioned: [], organisations: [{ name: 'O' }] });
  assert.deepEqual([cards.cited[1].card_id, cards.authors[0].card_id, cards.organisations[0].card_id], ['cited:1', 'author:0', 'org:0']);
  assert.equal(cardById(cards, 'cited:1').name, 'C');
  assert.equal(cardById(cards, 'cited:9'), null);
  assert.equal(cardById(cards, 'nonsense'), null);
  const shown = forPanel({ status: 'ready', cards });
  assert.equal(shown.cards.article.text, undefined);
  assert.equal(shown.cards.article.url, 'u');
  assert.equal(cards.article.text, 'long text', 'the worker keeps it');
});
