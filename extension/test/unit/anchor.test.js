import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeAnalyze } from '../helpers/fake-sidecar.js';
import { FIXTURE_URL, fixtureHtml, loadInto } from '../helpers/load.js';

const FILES = ['content/anchor.js'];

test('finds a span of the extracted text in the live page despite whitespace differences', () => {
  const html = fixtureHtml();
  const cards = fakeAnalyze(FIXTURE_URL, html);
  const { document, ns } = loadInto(html, FILES);
  const index = ns.anchor.buildIndex(document.body);
  const [mention] = cards.cited[0].mentions;
  const hit = ns.anchor.locate(index, cards.article.text, mention.start, mention.end);
  assert.ok(hit);
  assert.equal(ns.anchor.toRange(index, hit).toString(), 'Andrew Korybko');
  // A quote that spans the paragraph, including curly quotes.
  const quote = cards.cited[0].quotes[0];
  const qHit = ns.anchor.locate(index, cards.article.text, quote.start, quote.end);
  assert.match(ns.anchor.toRange(index, qHit).toString(), /^“Ukraine’s large-scale drone attack.*in the conflict,”$/s);
});

test('matches across element boundaries and collapsed whitespace', () => {
  const { document, ns } = loadInto('<body><p>Said   <b>Jane</b>\n  <i>Doe</i>, an expert.</p></body>', FILES);
  const articleText = 'Said Jane Doe, an expert.';
  const index = ns.anchor.buildIndex(document.body);
  const hit = ns.anchor.locate(index, articleText, 5, 13);
  assert.equal(ns.anchor.toRange(index, hit).toString(), 'Jane</b>\n  <i>Doe'.replace(/<\/?[bi]>/g, ''));
});

test('picks the occurrence whose context matches, not the first one', () => {
  const body = '<body><nav>Jane Doe home</nav><p>First para.</p><p>The expert Jane Doe said no.</p></body>';
  const { document, ns } = loadInto(body, FILES);
  const articleText = 'First para.\nThe expert Jane Doe said no.';
  const start = articleText.indexOf('Jane Doe');
  const index = ns.anchor.buildIndex(document.body);
  const hit = ns.anchor.locate(index, articleText, start, start + 8);
  const range = ns.anchor.toRange(index, hit);
  assert.equal(range.startContainer.parentNode.nodeName, 'P');
});

test('wraps hits without disturbing later hits in the same text node, and reports missing ones', () => {
  const { document, ns } = loadInto('<body><p>Ann met Bob and Ann.</p></body>', FILES);
  const text = 'Ann met Bob and Ann.';
  const index = ns.anchor.buildIndex(document.body);
  const hits = [[0, 3], [8, 11], [16, 19], [0, 0]].map(([s, e]) => ns.anchor.locate(index, text, s, e));
  hits.push(ns.anchor.locate(index, 'Carol', 0, 5));
  const wrapped = ns.anchor.wrapHits(index, hits, () => document.createElement('mark'));
  assert.deepEqual(JSON.parse(JSON.stringify(wrapped.map((w) => w.map((m) => m.textContent)))), [['Ann'], ['Bob'], ['Ann'], [], []]);
  assert.equal(document.querySelector('p').textContent, 'Ann met Bob and Ann.');
  assert.equal(document.querySelectorAll('mark').length, 3);
});

test('skips scripts, styles and our own panel when indexing', () => {
  const { document, ns } = loadInto('<body><script>var x = "Jane Doe";</script><backstory-panel>Jane Doe</backstory-panel><p>Jane Doe</p></body>', FILES);
  const index = ns.anchor.buildIndex(document.body);
  assert.equal(index.text, 'JaneDoe');
});
