// The panel's renderer, loaded the way the panel page loads it (its own <script> list).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeAnalyze, LOOKUP_KB, LOOKUP_SENDS, SEED_OUTLET } from '../helpers/fake-sidecar.js';
import { FIXTURE_URL, fixtureHtml, loadInto, pageScripts } from '../helpers/load.js';

// Exactly what panel.html loads before its app (the renderer's dependencies included).
const PANEL_LIBS = pageScripts('panel/panel.html').filter((f) => !/panel\/(app|start)\.js$/.test(f));
const blank = () => loadInto('<!doctype html><body></body>', PANEL_LIBS);

const GR_RATINGS = [
  { rater: 'Lin et al. 2023 (aggregate of expert ratings)', verdict: 'low aggregate quality 0.18 of 1 (percentile 1.9 of the study\'s 11,520 domains), from 3 of 5 rating sets', score: 0.1762, percentile: 1.9, date: '2023-09-14', url: 'https://doi.org/10.1093/pnasnexus/pgad286' },
  { rater: 'CRED-1', verdict: 'conspiracy (listed by 2 source lists)', score: 0.095, date: '2026-08-04', url: 'https://example.org/cred' },
  { rater: 'Wikipedia perennial sources', verdict: 'generally unreliable (entry: Centre for Research on Globalisation)', date: '2026-08-13', url: 'https://en.wikipedia.org/wiki/WP:RSP' },
];

test('the panel page loads the badge before the renderer, so rating colours apply', () => {
  assert.ok(PANEL_LIBS.indexOf('lib/badge.js') >= 0 && PANEL_LIBS.indexOf('lib/badge.js') < PANEL_LIBS.indexOf('panel/render.js'), PANEL_LIBS.join(', '));
  const { document, ns } = blank();
  const card = ns.render.outletCard(document, SEED_OUTLET);
  const rating = card.querySelector('.ratings li');
  assert.ok(rating.classList.contains('lean-low'), rating.className);
  // Without the badge (the old in-page load list) the leans are lost: the test above is what guards it.
  const bare = loadInto('<!doctype html><body></body>', ['panel/render.js']);
  assert.ok(bare.ns.render.outletCard(bare.document, SEED_OUTLET).querySelector('.ratings li').classList.contains('lean-none'));
});

test('outlet card: operator, one line per rater (verdict, rater, year), its source and numbers one click away', () => {
  const { document, ns } = blank();
  const card = ns.render.outletCard(document, { ...SEED_OUTLET, ratings: GR_RATINGS, facts: [{ claim: 'a fact', sources: [{ name: 's', url: 'https://example.org/s' }] }] });
  const text = card.textContent;
  assert.match(text, /Global Research/);
  assert.match(text, /Centre for Research on Globalization/);
  const lines = Array.from(card.querySelectorAll('.ratings li button.rating-line'));
  assert.equal(lines.length, 3);
  assert.equal(lines[1].querySelector('.verdict').textContent, 'conspiracy');
  assert.equal(lines[0].querySelector('.verdict').textContent, 'low aggregate quality 0.18 of 1');
  assert.equal(lines[2].textContent, 'generally unreliable — Wikipedia perennial sources, 2026');
  // One Tab stop per rater; the details (numbers, the source's link and license) unfold.
  const details = card.querySelector(`#${lines[0].getAttribute('aria-controls')}`);
  assert.equal(lines[0].getAttribute('aria-expanded'), 'false');
  assert.equal(details.hidden, true);
  assert.match(details.textContent, /percentile 1\.9/);
  assert.equal(details.querySelector('a').href, 'https://doi.org/10.1093/pnasnexus/pgad286');
  lines[0].click();
  assert.equal(lines[0].getAttribute('aria-expanded'), 'true');
  assert.equal(details.hidden, false);
  // Known facts fold ("1 fact"); every link opens safely.
  assert.equal(card.querySelector('details.more summary').textContent, '1 fact');
  for (const a of card.querySelectorAll('a')) assert.equal(a.getAttribute('rel'), 'noopener noreferrer');
});

test('raters in a few words', () => {
  const { ns } = blank();
  const words = (ratings, extra = {}) => ({ ...ns.render.ratersInWords({ name: 'X', ratings, ...extra }) });
  assert.deepEqual(words(GR_RATINGS), { state: 'low', text: '3 of 3 raters rate it low' });
  assert.deepEqual(words([GR_RATINGS[2]]), { state: 'low', text: 'generally unreliable (Wikipedia perennial sources)' });
  assert.deepEqual(words([]), { state: 'unrated', text: 'no rater covers it' });
  assert.deepEqual(words([{ rater: 'a', verdict: 'generally reliable' }, { rater: 'b', verdict: 'questionable' }], { raters_disagree: true }),
    { state: 'mixed', text: 'raters disagree: 1 low, 1 reliable' });
  assert.equal(ns.render.shortVerdict({ verdict: 'tagged conspiracy (list from 2017, no longer maintained)' }), 'tagged conspiracy');
  assert.equal(ns.render.raterShortName({ rater: 'Lin et al. 2023 (aggregate of expert ratings)' }), 'Lin et al. 2023');
});

test('summary first: outlet and raters, republished from, author, people cited, unnamed claims', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  const gone = [];
  const summary = ns.render.summaryBlock(document, { outlet: cards.outlet, cards }, { onGoto: (k) => gone.push(k) });
  const rows = Object.fromEntries(Array.from(summary.querySelectorAll('.row')).map((r) => [r.querySelector('dt').textContent, r.querySelector('dd').textContent.trim()]));
  assert.deepEqual(rows, {
    Outlet: 'Global Research',
    Raters: '! generally unreliable (Wikipedia perennial sources)',
    'Republished from': 'InfoBrics',
    Author: 'Lucas Leiroz',
    'People cited': '1',
    'Unnamed sources': '1 claim',
    Organisations: '1',
  });
  summary.querySelector('button[data-goto="cited"]').click();
  assert.deepEqual(gone, ['cited']);
  assert.match(summary.querySelector('button[data-goto="cited"]').getAttribute('aria-label'), /^People cited: 1\. Go to the section$/);
});

test('no person named: the summary says which organisation the byline credits, typed as one, never as a person', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  cards.authors = [];
  cards.article = { ...cards.article, credited_to: { name: 'JIJI', kind: 'organisation', rule: 'authors.credit.under-headline', decided_by: 'authors.step.organisation-credit', evidence: { text: 'JIJI', start: null, end: null } } };
  const authorRow = (c) => Array.from(ns.render.summaryBlock(document, { outlet: c.outlet, cards: c }, {}).querySelectorAll('.row'))
    .find((r) => r.querySelector('dt').textContent === 'Author');
  const row = authorRow(cards);
  assert.equal(row.querySelector('dd').textContent.trim(), 'credited to JIJI (an organisation; no person named)');
  assert.equal(row.querySelector('button'), null, 'no author card to go to');
  assert.equal(authorRow({ ...cards, article: { ...cards.article, credited_to: null } }).querySelector('dd').textContent.trim(), 'not named');
});

test('a sourced state affiliation is in the summary, never only in a folded section', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  cards.syndicated_from.outlet = { ...cards.syndicated_from.outlet, facts: [{ property: 'state_affiliation', value: 'Part of a GRU-directed network (US officials, 2020)', claim: 'long claim', sources: [{ name: 'NYT', url: 'https://www.nytimes.com/x' }] }] };
  const opened = [];
  const summary = ns.render.summaryBlock(document, { outlet: cards.outlet, cards }, { onGoto: (k) => opened.push(k) });
  const row = Array.from(summary.querySelectorAll('.row')).find((r) => r.querySelector('dt').textContent === 'State affiliation');
  assert.equal(row.querySelector('dd').textContent, 'InfoBrics: Part of a GRU-directed network (US officials, 2020) why');
  assert.equal(row.querySelector('button').getAttribute('aria-label'), 'State affiliation of InfoBrics: why. Go to the section');
  row.querySelector('button').click();
  assert.deepEqual(opened, ['syndicated']);
  const frag = ns.render.cardsSections(document, cards, {});
  const synd = frag.querySelector('section[data-section="syndicated"]');
  assert.equal(synd.querySelector('.fold-body').hidden, true, 'the syndication section starts folded');
  assert.match(synd.querySelector('.state-affiliation').textContent, /long claim/);
  // No affiliation, no row.
  const plain = ns.render.summaryBlock(document, { outlet: cards.outlet, cards: fakeAnalyze(FIXTURE_URL, fixtureHtml()) }, {});
  assert.doesNotMatch(plain.textContent, /State affiliation/);
});

test('sections fold; headings nest: panel h1, section h2, card h3, parts h4', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  cards.mentioned.push({ name: 'Someone Else', mentions: [], kb: { match: 'none', facts: [] } });
  const folds = new Map();
  document.body.append(ns.render.cardsSections(document, cards, { folds, onQuote() {} }));
  const sections = Array.from(document.querySelectorAll('section.fold'));
  assert.deepEqual(sections.map((s) => s.getAttribute('data-section')), ['outlet', 'syndicated', 'authors', 'cited', 'organisations', 'unnamed', 'mentioned']);
  for (const s of sections) {
    const h2 = s.querySelector(':scope > h2');
    assert.ok(h2, 'each section has an h2');
    const toggle = h2.querySelector('button.fold-toggle');
    assert.ok(toggle.hasAttribute('aria-expanded'));
    assert.equal(s.getAttribute('aria-labelledby'), h2.id);
    for (const h3 of s.querySelectorAll('h3')) assert.ok(h3.closest('article, .card'), 'h3 only inside a card');
  }
  for (const card of document.querySelectorAll('article.card')) {
    assert.equal(card.querySelector('h2'), null);
  }
  assert.equal(document.querySelector('article.person[data-person="Andrew Korybko"] h3').textContent, 'Andrew Korybko');
  const folded = sections.filter((x) => x.querySelector('.fold-body').hidden).map((x) => x.getAttribute('data-section'));
  assert.deepEqual(folded, ['syndicated', 'authors', 'organisations', 'mentioned'], 'what the summary gives the gist of starts folded');
  // "Also mentioned" starts folded; a click opens it and the choice is remembered for the next paint.
  const mentioned = sections.find((s) => s.getAttribute('data-section') === 'mentioned');
  const toggle = mentioned.querySelector('.fold-toggle');
  assert.equal(toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(mentioned.querySelector('.fold-body').hidden, true);
  toggle.click();
  assert.equal(mentioned.querySelector('.fold-body').hidden, false);
  assert.equal(folds.get('mentioned'), true);
  const again = ns.render.cardsSections(document, cards, { folds });
  assert.equal(again.querySelector('section[data-section="mentioned"] .fold-body').hidden, false);
});

test('long quote lists fold ("6 quotes"); quote buttons have short names', () => {
  const { document, ns } = blank();
  const quotes = Array.from({ length: 6 }, (_, i) => ({ text: `A very long quotation number ${i} that goes on and on about the war`, cue: 'said', kind: 'direct', start: i * 100, end: i * 100 + 60 }));
  const shown = [];
  const card = ns.render.personCard(document, { name: 'A B', card_id: 'cited:0', role: 'analyst', quotes, mentions: [], kb: { match: 'none', facts: [] } },
    { onQuote: (s) => shown.push(s.start), folds: new Map() });
  const toggle = card.querySelector('button.quotes-toggle');
  assert.equal(toggle.textContent, '6 quotes');
  assert.equal(toggle.getAttribute('aria-expanded'), 'false');
  const list = card.querySelector(`#${toggle.getAttribute('aria-controls')}`);
  assert.equal(list.hidden, true);
  assert.equal(list.querySelectorAll('figure.quote').length, 6);
  const buttons = Array.from(list.querySelectorAll('button.show'));
  assert.deepEqual(buttons.map((b) => b.getAttribute('aria-label')), quotes.map((_, i) => `Show quote ${i + 1} in the article`));
  for (const b of buttons) assert.ok(b.getAttribute('aria-label').length < 40);
  buttons[3].click();
  assert.deepEqual(shown, [300]);
  // A long quote is cut to a few lines on screen, whole in the page for screen readers, one click away.
  const long = ns.render.personCard(document, { name: 'E F', card_id: 'cited:2', quotes: [{ text: 'word '.repeat(80), start: 0, end: 400 }], mentions: [], kb: { match: 'none' } }, { onQuote() {} });
  const quoteText = long.querySelector('.quote-text');
  assert.ok(quoteText.classList.contains('clamped'));
  assert.equal(quoteText.textContent, 'word '.repeat(80));
  const whole = long.querySelector('button.whole');
  whole.click();
  assert.equal(whole.getAttribute('aria-expanded'), 'true');
  assert.ok(!quoteText.classList.contains('clamped'));
  // Two quotes stay open.
  const two = ns.render.personCard(document, { name: 'C D', card_id: 'cited:1', quotes: quotes.slice(0, 2), mentions: [], kb: { match: 'none' } }, { onQuote() {} });
  assert.equal(two.querySelector('button.quotes-toggle'), null);
  assert.equal(two.querySelectorAll('figure.quote').length, 2);
});

test('full document: syndication, author bio claims labelled as the bio\'s, cited person with role and quote', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  const quotes = [];
  document.body.append(ns.render.cardsSections(document, cards, { onQuote: (span) => quotes.push(span), onAction() {} }));
  const text = document.body.textContent;
  assert.match(text, /Originally published by/);
  assert.match(text, /InfoBrics/);
  assert.match(text, /the author's bio says/);
  assert.match(text, /member of the BRICS Journalists Association/);
  assert.match(text, /not checked facts/);
  const person = document.querySelector('article.person[data-person="Andrew Korybko"]');
  assert.equal(person.querySelector('.role').textContent, 'political analyst');
  assert.match(person.textContent, /possible match/);
  assert.match(text, /Some experts believe/);
  assert.match(text, /Donald Trump/);
  person.querySelector('button.show').click();
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
  assert.match(state.textContent, /Russian military intelligence/);
  assert.equal(state.querySelector('a').href, 'https://www.nytimes.com/x');
  assert.equal(state.closest('details'), null);
  assert.doesNotMatch(state.textContent, /something else/);
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

test('every state has a message and a next step, "starting" included', () => {
  const { document, ns } = blank();
  const actions = [];
  const handlers = { onAction: (a) => actions.push(a) };
  const notRunning = ns.render.stateCard(document, 'not_running', '', handlers, { port: 9999 });
  assert.match(notRunning.textContent, /not running/);
  assert.match(notRunning.textContent, /make serve/);
  assert.match(notRunning.textContent, /127\.0\.0\.1:9999/);
  assert.equal(notRunning.getAttribute('role'), 'alert');
  const notPaired = ns.render.stateCard(document, 'not_paired', 'missing or wrong token', handlers);
  assert.match(notPaired.textContent, /Not paired/);
  notPaired.querySelector('button[data-action="options"]').click();
  assert.deepEqual(actions, ['options']);
  // Pairing's own words for its states, when the worker passes them on (the options page says the same).
  const elsewhere = ns.render.stateCard(document, 'not_paired', 'paired with Firefox 153', handlers,
    { advice: { title: 'This is another browser\'s token', text: 'This token is paired with Firefox 153.', next: 'Run "backstory pair" and paste the new token here.' } });
  assert.equal(elsewhere.querySelector('h3').textContent, 'This is another browser\'s token');
  assert.match(elsewhere.textContent, /Run "backstory pair"/);
  assert.ok(elsewhere.querySelector('button[data-action="options"]'));
  assert.match(ns.render.stateCard(document, 'handshake_failed', '', handlers, { port: 9 }).textContent, /could not prove it is your sidecar/);
  const starting = ns.render.stateCard(document, 'starting', '', handlers, { loading: 'the language model (en_core_web_sm)' });
  assert.match(starting.textContent, /sidecar is starting/);
  assert.match(starting.textContent, /loading the language model \(en_core_web_sm\)/);
  assert.doesNotMatch(starting.textContent, /not running/);
  const idle = ns.render.stateCard(document, 'idle', '', handlers, { shortcut: 'Alt+Shift+K' });
  assert.match(idle.textContent, /Alt\+Shift\+K/);
  idle.querySelector('button[data-action="analyze"]').click();
  assert.deepEqual(actions, ['options', 'analyze']);
  assert.match(ns.render.stateCard(document, 'not_article', 'looks like a home page', handlers).textContent, /looks like a home page/);
  assert.match(ns.render.stateCard(document, 'too_large', 'The page is 9.0 MB', handlers).textContent, /too large/);
  assert.match(ns.render.stateCard(document, 'error', 'boom', handlers).textContent, /boom/);
});

test('a cached answer does not show the original analysis time as this one\'s', () => {
  const { ns } = blank();
  assert.equal(ns.render.timingText({ cached: true, elapsedMs: 12.4, analysisMs: 1259 }), 'From your sidecar’s cache in 12 ms (first analysed in 1.3 s).');
  assert.equal(ns.render.timingText({ cached: false, elapsedMs: 843, analysisMs: 820 }), 'Analysed by your local sidecar in 843 ms.');
  assert.doesNotMatch(ns.render.timingText({ cached: true, elapsedMs: 9, analysisMs: 1259 }), /in 1\.3 s\.$|in 1259/);
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

test('a page in a language the people stage does not cover: said once, never "nobody is cited"', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  Object.assign(cards, { cited: [], unnamed_sources: [], mentioned: [], warnings: ["people: only English is covered; this page looks like 'de'"] });
  cards.article.language = 'de';
  const summary = ns.render.summaryBlock(document, { outlet: cards.outlet, cards }, {});
  document.body.append(summary, ns.render.cardsSections(document, cards, {}));
  const text = document.body.textContent;
  assert.doesNotMatch(text, /No named person is quoted or cited/);
  assert.doesNotMatch(text, /none named/);
  assert.equal((text.match(/only in English/g) || []).length, 1, 'said once');
  assert.match(text, /this page is in German \(de\)/);
  assert.match(summary.textContent, /not read: a German page/);
  assert.equal(document.querySelector('section[data-section="limits"]'), null, 'the same warning is not repeated under the limits');
  // An English page with nobody cited does say so.
  const en = fakeAnalyze(FIXTURE_URL, fixtureHtml());
  en.cited = [];
  const frag = ns.render.cardsSections(document, en, {});
  assert.match(frag.textContent, /No named person is quoted or cited/);
});

test('look-ups on request: a button per person and organisation card, saying what leaves the machine', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml(), true, { lookupMode: 'on-request' });
  const asked = [];
  for (const [k, list] of [['author', cards.authors], ['cited', cards.cited], ['mentioned', cards.mentioned], ['org', cards.organisations]]) {
    list.forEach((item, i) => { item.card_id = `${k}:${i}`; });
  }
  document.body.append(ns.render.cardsSections(document, cards, { onLookup: (ids) => asked.push(...ids), onQuote() {} }, {}));
  const buttons = Array.from(document.querySelectorAll('button[data-lookup]'));
  assert.deepEqual(buttons.map((b) => b.getAttribute('data-lookup')).sort(), ['author:0', 'cited:0', 'mentioned:0', 'org:0']);
  for (const b of buttons) {
    assert.equal(b.textContent, 'Look up on Wikidata');
    const note = document.getElementById(b.getAttribute('aria-describedby'));
    assert.equal(note.textContent.trim(), LOOKUP_SENDS);
  }
  document.querySelector('button[data-lookup="org:0"]').click();
  assert.deepEqual(asked, ['org:0']);
  assert.match(document.querySelector('.lookup-note').textContent, /asks www\.wikidata\.org about one name/);
  // The sidecar's short form of the same (interface 2's example) is made a sentence.
  assert.equal(ns.render.sendsLine({ host: 'www.wikidata.org', sends: 'only the name and the language' }),
    'Sends only the name and the language to www.wikidata.org; nothing else leaves your machine.');
  // Organisation cards say where the article names them.
  assert.match(document.querySelector('article.organisation').textContent, /Center for Geostrategic Studies.*named in Lucas Leiroz’s bio/);
  // Mode off: no buttons, no note.
  const off = fakeAnalyze(FIXTURE_URL, fixtureHtml(), true, { lookupMode: 'off' });
  const frag = ns.render.cardsSections(document, off, { onLookup() {} });
  assert.equal(frag.querySelector('button[data-lookup]'), null);
  assert.equal(frag.querySelector('.lookup-note'), null);
});

test('a possible match says why it is not sure, with confirm and reject of each candidate in one click', () => {
  const { document, ns } = blank();
  const decided = [];
  const handlers = { onDecision: (id, d, candidate) => decided.push([id, d, candidate]), onLookup() {} };
  const person = { name: 'Andrew Korybko', card_id: 'cited:0', role: 'political analyst', quotes: [], mentions: [], kb: { match: 'none', facts: [] }, lookup_request: { kind: 'person', name: 'Andrew Korybko' } };
  const lookupInfo = { mode: 'automatic', host: 'www.wikidata.org', sends: LOOKUP_SENDS };
  const looked = { 'cited:0': { status: 'ok', kb: LOOKUP_KB['Andrew Korybko'] } };
  const card = ns.render.personCard(document, person, handlers, { lookupInfo, lookups: looked });
  const q = card.querySelector('.match-possible');
  assert.match(q.textContent, /possible match/);
  assert.match(q.textContent, /Not sure because: the name agrees, but Wikidata gives no employer/);
  assert.match(q.textContent, /Andrew Korybko — American political analyst/);
  assert.equal(q.getAttribute('aria-label'), 'Possible match for Andrew Korybko');
  assert.equal(q.querySelector('a').href, 'https://www.wikidata.org/wiki/Q900000001');
  const yes = q.querySelector('button[data-decision="confirm"]');
  assert.equal(yes.textContent, 'Yes, this is Andrew Korybko');
  assert.equal(yes.getAttribute('aria-label'), 'Yes, Andrew Korybko is Andrew Korybko, American political analyst');
  yes.click();
  q.querySelector('button[data-decision="reject"]').click();
  assert.deepEqual(decided, [['cited:0', 'confirm', 'wikidata:Q900000001'], ['cited:0', 'reject', 'wikidata:Q900000001']]);
  // After the reader's answer: confirmed says so; rejected shows no one's facts.
  const confirmed = ns.render.personCard(document, person, handlers, { lookupInfo, lookups: looked, decisions: { 'cited:0': { byId: { 'wikidata:Q900000001': 'confirm' } } } });
  assert.equal(confirmed.querySelector('.match-possible'), null);
  assert.match(confirmed.textContent, /You confirmed: Andrew Korybko — American political analyst/);
  const rejected = ns.render.personCard(document, person, handlers, { lookupInfo, lookups: looked, decisions: { 'cited:0': { byId: { 'wikidata:Q900000001': 'reject' } } } });
  assert.match(rejected.textContent, /this candidate is not Andrew Korybko; no facts are shown/);
  // Several candidates: each its own pair of buttons; one rejected, the others still asked.
  const two = { ...LOOKUP_KB['Andrew Korybko'], why: '2 people share this name', candidates: [
    { id: 'wikidata:Q1', name: 'John Smith', who: 'British politician', url: 'https://www.wikidata.org/wiki/Q1' },
    { id: 'wikidata:Q2', name: 'John Smith', who: 'American footballer', url: 'https://www.wikidata.org/wiki/Q2' }] };
  const several = ns.render.personCard(document, { ...person, name: 'John Smith' }, handlers, { lookupInfo, lookups: { 'cited:0': { status: 'ok', kb: two } }, decisions: { 'cited:0': { byId: { 'wikidata:Q1': 'reject' } } } });
  assert.match(several.querySelector('.candidates li.rejected').textContent, /British politician \(Wikidata\) — you said: not them/);
  assert.deepEqual(Array.from(several.querySelectorAll('button[data-decision]')).map((b) => `${b.getAttribute('data-decision')}:${b.getAttribute('data-candidate')}`), ['confirm:wikidata:Q2', 'reject:wikidata:Q2']);
  // A match answers "who" in one line, linked to its record.
  const exact = ns.render.personCard(document, { ...person, name: 'Lucas Leiroz' }, handlers, { lookupInfo, lookups: { 'cited:0': { status: 'ok', kb: LOOKUP_KB['Lucas Leiroz'] } } });
  assert.equal(exact.querySelector('.who').textContent, 'Brazilian journalist (Wikidata)');
  assert.match(exact.textContent, /From Wikidata.*country of citizenship: Brazil/);
  // Pending and failed look-ups say so; a failed one can be tried again.
  const pending = ns.render.personCard(document, person, handlers, { lookupInfo, lookups: { 'cited:0': { status: 'pending' } } });
  assert.match(pending.textContent, /Looking up on www\.wikidata\.org…/);
  const failed = ns.render.personCard(document, person, handlers, { lookupInfo, lookups: { 'cited:0': { status: 'failed', message: 'the lookup host did not answer in 10 s' } } });
  assert.match(failed.textContent, /The lookup failed: the lookup host did not answer in 10 s/);
  assert.equal(failed.querySelector('button[data-lookup]').textContent, 'Try the lookup again');
});

test('an organisation that is a known news outlet shows its outlet card', () => {
  const { document, ns } = blank();
  const card = ns.render.orgCard(document, { name: 'Global Research', card_id: 'org:0', named_in: [{ person: 'Lucas Leiroz', as: 'bio' }], kb: { match: 'none' }, outlet: SEED_OUTLET }, {}, {});
  assert.match(card.textContent, /named in Lucas Leiroz’s bio/);
  assert.match(card.textContent, /A news outlet.*Global Research/);
  assert.match(card.querySelector('.raters-words').textContent, /generally unreliable/);
});

test('"seen before" and the reader\'s own notes on a person', () => {
  const { document, ns } = blank();
  const cards = fakeAnalyze(FIXTURE_URL, fixtureHtml(), true, { seenBefore: true, notes: [['person', 'Andrew Korybko', 'met him once']] });
  const card = ns.render.personCard(document, cards.cited[0], {}, {});
  assert.equal(card.querySelector('.seen-before').textContent,
    'Seen before: named in 4 other articles you read: globalresearch.ca ×3 (as ‘political analyst’), infobrics.org ×1 (kept on this machine only)');
  assert.match(card.textContent, /Your notes on them.*met him once/);
});
