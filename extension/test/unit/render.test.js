import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeAnalyze, SEED_OUTLET } from '../helpers/fake-sidecar.js';
import { FIXTURE_URL, fixtureHtml, loadInto } from '../helpers/load.js';

const FILES = ['panel/render.js'];
const blank = () => loadInto('<!doctype html><body></body>', ['lib/badge.js', ...FILES]);

test('outlet card: operator, one line per rater with date and link, every fact with its source', () => {
  const { document, ns } = blank();
  const card = ns.render.outletCard(document, SEED_OUTLET);
  const text = card.textContent;
  assert.match(text, /Global Research/);
  assert.match(text, /Operated by/i);
  assert.match(text, /Centre for Research on Globalization/);
  assert.equal(card.querySelector('.ratings li .rater').textContent, 'Wikipedia perennial sources');
  assert.equal(card.querySelector('.ratings li .verdict').textContent, 'generally unreliable');
  assert.match(text, /as of 2021-03-17/);
  const hrefs = Array.from(card.querySelectorAll('a')).map((a) => a.href);
  assert.ok(hrefs.includes('https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources'));
  assert.ok(hrefs.includes('https://www.globalresearch.ca/about'));
  for (const a of card.querySelectorAll('a')) {
    assert.equal(a.getAttribute('rel'), 'noopener noreferrer');
  }
});

test('full document: syndication, author bio claims labelled as the bio\'s, cited person with role and quote', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  const quotes = [];
  const frag = ns.render.cardsSections(document, cards, { onQuote: (span) => quotes.push(span), onAction() {} });
  document.body.append(frag);
  const text = document.body.textContent;
  assert.match(text, /Originally published by/);
  assert.match(text, /InfoBrics/);
  assert.match(text, /the author's bio says/);
  assert.match(text, /member of the BRICS Journalists Association/);
  assert.match(text, /not checked facts/);
  const person = document.querySelector('article.person[data-person="Andrew Korybko"]');
  assert.ok(person);
  assert.equal(person.querySelector('.role').textContent, 'political analyst');
  assert.match(person.textContent, /possible match/);
  assert.match(person.textContent, /may not be the same person/);
  assert.match(text, /Some experts believe/);
  assert.match(text, /Donald Trump/);
  // Clicking the quote asks to reveal that exact span.
  person.querySelector('button.quote').click();
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].start, cards.cited[0].quotes[0].start);
});

test('sidecar and page data are text, never markup; only http(s) links survive', () => {
  const { document, ns } = blank();
  const evil = {
    ...SEED_OUTLET,
    name: '<img src=x onerror=alert(1)>Evil',
    operator: null,
    ratings: [{ rater: '<b>r</b>', verdict: 'unreliable', date: null, url: 'javascript:alert(1)' }],
    facts: [{ claim: 'x', sources: [{ name: 's', url: 'data:text/html,hi' }] }],
  };
  const card = ns.render.outletCard(document, evil);
  assert.equal(card.querySelector('img'), null);
  assert.equal(card.querySelector('b'), null);
  assert.match(card.textContent, /<img src=x onerror=alert\(1\)>Evil/);
  assert.equal(card.querySelectorAll('a').length, 0);
  assert.match(card.textContent, /date not given/);
  assert.equal(ns.render.safeUrl('javascript:alert(1)'), null);
  assert.equal(ns.render.safeUrl('https://example.org/a'), 'https://example.org/a');
});

test('state affiliation is shown up front, even for a nested original outlet', () => {
  const { document, ns } = blank();
  const outlet = {
    name: 'InfoBrics', domain: 'infobrics.org', ratings: [], kb_match: 'exact', operator: null,
    facts: [
      { property: 'other', claim: 'something else', sources: [] },
      { property: 'state_affiliation', claim: 'US officials say it is run by Russian military intelligence', sources: [{ name: 'NYT', url: 'https://www.nytimes.com/x' }] },
    ],
  };
  const card = ns.render.syndicatedCard(document, { name: 'InfoBrics', domain: 'infobrics.org', url: null, evidence: [], outlet }, {});
  const state = card.querySelector('.state-affiliation');
  assert.ok(state);
  assert.match(state.textContent, /Russian military intelligence/);
  assert.equal(state.querySelector('a').href, 'https://www.nytimes.com/x');
  assert.equal(state.closest('details'), null);
  assert.doesNotMatch(card.querySelector('.state-affiliation').textContent, /something else/);
});

test('long fact lists fold into a details element', () => {
  const { document, ns } = blank();
  const facts = Array.from({ length: 5 }, (_, i) => ({ claim: `fact ${i}`, sources: [{ name: `s${i}`, url: `https://example.org/${i}` }] }));
  const card = ns.render.authorCard(document, { name: 'A B', source: 'byline', bio: null, kb: { match: 'exact', facts } }, {});
  assert.equal(card.querySelectorAll('ul.facts > li').length, 5);
  assert.match(card.querySelector('details.more summary').textContent, /3 more facts/);
  assert.equal(card.querySelectorAll('a').length, 5, 'every fact links to its source');
});

test('missing data is shown as missing', () => {
  const { document, ns } = blank();
  const card = ns.render.outletCard(document, { name: null, domain: 'example.org', ratings: [], facts: [], kb_match: 'none', operator: null });
  assert.match(card.textContent, /example\.org/);
  assert.match(card.textContent, /not in the knowledge base/);
  assert.match(card.textContent, /No rater/);
  const person = ns.render.personCard(document, { name: 'X Y', role: null, quotes: [], mentions: [], kb: { match: 'none', facts: [] } }, {});
  assert.match(person.textContent, /gives no role/);
  assert.match(person.textContent, /Not in the knowledge base/);
});

test('every state has a message and a next step', () => {
  const { document, ns } = blank();
  const actions = [];
  const handlers = { onAction: (a) => actions.push(a) };
  const notRunning = ns.render.stateCard(document, 'not_running', '', handlers, { port: 9999 });
  assert.match(notRunning.textContent, /not running/);
  assert.match(notRunning.textContent, /make serve/);
  assert.match(notRunning.textContent, /127\.0\.0\.1:9999/);
  const notPaired = ns.render.stateCard(document, 'not_paired', '', handlers);
  assert.match(notPaired.textContent, /backstory token/);
  notPaired.querySelector('button[data-action="options"]').click();
  assert.deepEqual(actions, ['options']);
  assert.match(ns.render.stateCard(document, 'not_article', 'looks like a home page', handlers).textContent, /looks like a home page/);
  assert.match(ns.render.stateCard(document, 'too_large', 'The page is 9.0 MB', handlers).textContent, /too large/);
  assert.match(ns.render.stateCard(document, 'error', 'boom', handlers).textContent, /boom/);
  assert.equal(notRunning.getAttribute('role'), 'alert');
});

test('a not-article answer keeps the outlet and says why', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze('https://example.org/', '<html><body><p>Home</p></body></html>');
  document.body.append(ns.render.cardsSections(document, cards, {}));
  assert.match(document.body.textContent, /does not look like an article/);
  assert.match(document.body.textContent, /no main text found/);
});

test('an author card says where the page names the author', () => {
  const { document, ns } = blank();
  const said = (source) => ns.render.authorCard(document, { name: 'Ninfa Wood', source, bio: null, kb: { match: 'none' } }, {})
    .querySelector('.muted.small').textContent;
  assert.equal(said('letter-signature'), 'named under their letter');
  assert.equal(said('sign-off'), 'named in the sign-off at the end');
  assert.equal(said('json-ld'), 'named in the page metadata (JSON-LD)');
  assert.equal(said('site-owner'), 'named as the owner of this personal site');
  assert.equal(said('byline'), 'named in the byline');
  assert.equal(said('something new'), 'named in the byline');
});
