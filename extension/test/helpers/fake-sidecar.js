// A small stand-in for the sidecar, following docs/api.md: same routes, token check, JSON errors.
// It "analyses" the seed page by extracting the paragraphs of its main text with jsdom and finding
// known strings, so offsets into article.text are real. Unit tests use it; the end-to-end test runs
// the real sidecar.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { JSDOM } from 'jsdom';

export const SEED_OUTLET = {
  name: 'Global Research',
  domain: 'globalresearch.ca',
  host: 'www.globalresearch.ca',
  name_source: 'og:site_name',
  operator: {
    value: 'Centre for Research on Globalization',
    sources: [{ name: 'Global Research: About', url: 'https://www.globalresearch.ca/about', date: null, retrieved: '2026-11-24', license: null, layer: 'curated' }],
  },
  ratings: [{
    rater: 'Wikipedia perennial sources', verdict: 'generally unreliable', score: null, percentile: null,
    raters_observed: null, imputed: null, date: '2021-03-17',
    url: 'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources', license: 'CC BY-SA 4.0', layer: 'open-data',
    source: { name: 'Wikipedia: Reliable sources/Perennial sources', url: 'https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources', date: '2021-03-17', retrieved: null, license: 'CC BY-SA 4.0', layer: 'open-data' },
  }],
  raters_disagree: false,
  facts: [],
  kb_match: 'exact',
};

export const INFOBRICS_OUTLET = {
  name: 'InfoBrics', domain: 'infobrics.org', host: 'infobrics.org', name_source: 'kb', operator: null,
  ratings: [], raters_disagree: false, facts: [], kb_match: 'none',
};

function unknownOutlet(url) {
  const host = new URL(url).hostname;
  const domain = host.replace(/^www\./, '');
  return { name: domain, domain, host, name_source: 'domain', operator: null, ratings: [], raters_disagree: false, facts: [], kb_match: 'none' };
}

function outletFor(url) {
  return /globalresearch\.ca$/.test(new URL(url).hostname) ? SEED_OUTLET : unknownOutlet(url);
}

function span(text, needle, from = 0) {
  const start = text.indexOf(needle, from);
  if (start < 0) return null;
  return { text: needle, start, end: start + needle.length };
}

/**
 * Build a cards document for `html` the way the sidecar would for the seed page. `options`:
 * {lookupMode: 'off'|'on-request'|'automatic' (interface 2's fields), notes: [[kind, target, text]],
 * seenBefore: true (a "seen before" line on the cited person)}.
 */
export function fakeAnalyze(url, html, includeText = true, options = {}) {
  return withPanelFields(baseAnalyze(url, html, includeText), options);
}

function baseAnalyze(url, html, includeText) {
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  const paras = Array.from(doc.querySelectorAll('.entry-content p, article p')).filter((p, i, all) => all.indexOf(p) === i);
  const chunks = paras.map((p) => p.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const text = chunks.join('\n');
  const paragraphs = [];
  let pos = 0;
  for (const c of chunks) { paragraphs.push({ start: pos, end: pos + c.length }); pos += c.length + 1; }
  const isArticle = chunks.length >= 3;
  const article = {
    url, canonical_url: null, title: doc.title || null, published: null, language: 'en',
    site_name: doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content') || null,
    is_article: isArticle, not_article_reason: isArticle ? null : 'no main text found',
    word_count: text.split(/\s+/).filter(Boolean).length, paragraphs,
  };
  if (includeText) article.text = text;
  const cards = {
    version: '1', pipeline_version: 'fake', article, outlet: outletFor(url), syndicated_from: null,
    authors: [], cited: [], mentioned: [], unnamed_sources: [], user_notes: [], warnings: [],
    timings_ms: { total: 1 }, cached: false,
  };
  if (!isArticle) return cards;
  const orig = span(text, 'This article was originally published on InfoBrics.');
  if (orig) {
    cards.syndicated_from = {
      name: 'InfoBrics', domain: 'infobrics.org', url: 'https://infobrics.org/',
      evidence: [{ kind: 'originally_published', ...orig }, { kind: 'original_source_footer', text: 'The original source of this article is InfoBrics', start: null, end: null }],
      outlet: INFOBRICS_OUTLET,
    };
  }
  const bio = span(text, 'Lucas Leiroz is a member of the BRICS Journalists Association, researcher at the Center for Geostrategic Studies, geopolitical consultant.');
  if (text.includes('Lucas Leiroz') || doc.querySelector('meta[name="author"]')) {
    cards.authors.push({
      name: 'Lucas Leiroz', source: 'byline',
      bio: bio && {
        ...bio, label: "the author's bio says",
        claims: [
          { text: 'member of the BRICS Journalists Association', relation: 'member of', organisation: 'BRICS Journalists Association' },
          { text: 'researcher at the Center for Geostrategic Studies', relation: 'researcher at', organisation: 'Center for Geostrategic Studies' },
          { text: 'geopolitical consultant', relation: 'role', organisation: null },
        ],
      },
      kb: { match: 'none', id: null, facts: [], why: null },
    });
  }
  const mention = span(text, 'Andrew Korybko');
  if (mention) {
    const qStart = text.indexOf('“Ukraine’s large-scale drone attack');
    const qEnd = text.indexOf('in the conflict,”') + 'in the conflict,”'.length;
    cards.cited.push({
      name: 'Andrew Korybko', role: 'political analyst',
      role_evidence: span(text, 'political analyst'),
      mentions: [mention],
      quotes: qStart >= 0 ? [{ text: text.slice(qStart, qEnd), cue: 'said', kind: 'direct', start: qStart, end: qEnd }] : [],
      kb: {
        match: 'possible', id: 'andrew-korybko', why: 'name agrees; outlet not checked',
        facts: [{ property: 'description', value: 'political analyst', claim: 'Moscow-based American political analyst',
          where: null, layer: 'wikidata',
          sources: [{ name: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q_fake', date: null, retrieved: '2026-11-24', license: 'CC0', layer: 'wikidata' }] }],
      },
    });
  }
  const trump = span(text, 'Donald Trump');
  if (trump) cards.mentioned.push({ name: 'Donald Trump', mentions: [trump], kb: { match: 'none', id: null, facts: [], why: null } });
  const unnamed = span(text, 'Some experts believe that the Ukrainian initiative was a serious mistake.');
  if (unnamed) cards.unnamed_sources.push({ ...unnamed, cue: 'believe', source: 'Some experts' });
  return cards;
}

// ---- Pairing and the handshake, as the real sidecar does them (sidecar/backstory/handshake.py,
// docs/security.md "The handshake"): one secret per pairing, each bound to the first origin that uses
// it, the sidecar's proof, signed requests, signed answers. Bearer tokens are accepted without Origin.
const PROTOCOL = 'backstory-pair-v1';
const mac = (key, fields) => createHmac('sha256', key).update(fields.join('\n')).digest();
const b64 = (buf) => Buffer.from(buf).toString('base64url');
const sameText = (a, b) => typeof a === 'string' && typeof b === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
export const fakeKeyId = (secret) => createHmac('sha256', secret).update(`${PROTOCOL} key-id`).digest('hex').slice(0, 16);

/** The fake's pairings: `token` is the default one; `pairs` [{id, token, origin?, browser?}] are more. */
export function fakePairing({ token, pairs = [] }) {
  const all = [{ id: 'default', token, origin: null, browser: null }, ...pairs.map((p) => ({ origin: null, browser: null, ...p }))];
  const sessions = new Map();
  const browserOf = (origin, ua = '') => {
    const m = /(Firefox|Chrome)\/(\d+)/.exec(ua);
    return m ? `${m[1]} ${m[2]}` : origin.startsWith('moz-') ? 'Firefox' : 'Chromium';
  };
  return {
    all,
    /** POST /v1/handshake: [status, payload]. `port` is the port the fake listens on. */
    hello(req, body, port) {
      const origin = req.headers.origin || '';
      if (!body || body.v !== 1 || !/^[0-9a-f]{16}$/.test(body.kid || '') || typeof body.nonce !== 'string') {
        return [400, { error: { code: 'bad_request', message: 'bad handshake' } }];
      }
      const pair = all.find((p) => fakeKeyId(p.token) === body.kid);
      if (!pair) return [401, { error: { code: 'unknown_token', message: 'this sidecar has no pairing with this token' } }];
      const result = pair.origin === null || pair.origin === origin ? 'ok' : 'paired_elsewhere';
      const browser = pair.origin ? pair.browser : null;
      const nonce = b64(randomBytes(32));
      const key = mac(pair.token, [`${PROTOCOL} session`, body.kid, origin, String(port), body.nonce, nonce]);
      const answer = { v: 1, result, pair: pair.id, browser, nonce, proof: b64(mac(key, [`${PROTOCOL} server`, result, pair.id, browser || ''])) };
      if (result !== 'ok') return [403, { error: { code: 'paired_elsewhere', message: 'this token is paired with another browser' }, ...answer }];
      const session = b64(randomBytes(16));
      sessions.set(session, { pair, key, origin, ua: req.headers['user-agent'] });
      return [200, { ...answer, session, expires_in: 60 }];
    },
    /** Any other request: {key?} when allowed, or [status, payload] when refused. */
    authenticate(req, raw) {
      const auth = req.headers.authorization || '';
      if (auth.startsWith('Bearer ')) {
        const pair = all.find((p) => sameText(p.token, auth.slice(7)));
        if (!pair) return [401, { error: { code: 'not_paired', message: 'missing or wrong token' } }];
        if (req.headers.origin) {
          if (pair.origin === null) Object.assign(pair, { origin: req.headers.origin, browser: browserOf(req.headers.origin, req.headers['user-agent']) });
          if (pair.origin !== req.headers.origin) return [403, { error: { code: 'paired_elsewhere', message: 'this token is paired with another browser' } }];
        }
        return { pair };
      }
      const m = /^Backstory-Signed ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(auth);
      if (!m) return [401, { error: { code: 'not_paired', message: 'missing or wrong token' } }];
      const session = sessions.get(m[1]);
      sessions.delete(m[1]);
      if (!session) return [401, { error: { code: 'session_expired', message: 'start again' } }];
      const bodyHash = createHash('sha256').update(raw).digest('hex');
      const expected = b64(mac(session.key, [`${PROTOCOL} request`, req.method, req.url, bodyHash]));
      if (!sameText(expected, m[2])) return [401, { error: { code: 'bad_signature', message: 'bad signature' } }];
      if (session.pair.origin === null) Object.assign(session.pair, { origin: session.origin, browser: browserOf(session.origin, session.ua) });
      if (session.pair.origin !== session.origin) return [403, { error: { code: 'paired_elsewhere', message: 'paired with another browser' } }];
      return { pair: session.pair, key: session.key };
    },
    sign(key, status, bodyBuf) {
      return b64(mac(key, [`${PROTOCOL} response`, String(status), createHash('sha256').update(bodyBuf).digest('hex')]));
    },
  };
}

/**
 * Start the fake sidecar on 127.0.0.1 (port 0 = any free port). Options: token, pairs (more pairings:
 * [{id, token, origin?}]), maxBodyBytes, delayMs (slow analysis). Resolves with {port, url, requests,
 * pairing, close()}; `requests` records each request's method, url, headers, size and body text.
 */
export async function startFakeSidecar({
  token = 'test-token', pairs = [], maxBodyBytes = 8 * 1024 * 1024, delayMs = 0,
  startingMs = 0, loading = 'the language model (en_core_web_sm)', lookupMode = 'off', notes = [], seenBefore = false, cached = false,
} = {}) {
  const requests = [];
  const pairing = fakePairing({ token, pairs });
  // Interface 1: for `startingMs` after launch (Infinity: until `ready()` is called), /v1/health says
  // "starting" and /v1/analyze waits for the model.
  let started = startingMs <= 0;
  let markReady;
  const untilStarted = new Promise((r) => { markReady = () => { started = true; r(); }; });
  if (started) markReady();
  else if (Number.isFinite(startingMs)) setTimeout(markReady, startingMs);
  const health = () => (!started
    ? { ok: true, ready: false, state: 'starting', loading, version: '0.1.0', pipeline_version: null, model: null }
    : { ok: true, ready: true, state: 'ready', version: '0.1.0', pipeline_version: 'fake', model: 'fake' });
  const lookups = [];
  const decisions = [];
  const server = http.createServer((req, res) => {
    let key = null; // this request's session key: its answer is signed with it
    const send = (status, body, signWith = key) => {
      const bytes = Buffer.from(JSON.stringify(body));
      const headers = { 'Content-Type': 'application/json' };
      if (signWith) headers['X-Backstory-Signature'] = pairing.sign(signWith, status, bytes);
      res.writeHead(status, headers);
      res.end(bytes);
    };
    const error = (status, code, message) => send(status, { error: { code, message } });
    const chunks = [];
    let size = 0;
    req.on('data', (c) => { size += c.length; if (size <= maxBodyBytes) chunks.push(c); });
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      requests.push({ method: req.method, url: req.url, headers: req.headers, size, body: raw.toString('utf8') });
      if (size > maxBodyBytes) return error(413, 'too_large', `body over ${maxBodyBytes} bytes`);
      if (req.method === 'POST' && req.url === '/v1/handshake') {
        let hello = null;
        try { hello = JSON.parse(raw.toString('utf8')); } catch { /* a bad handshake */ }
        return send(...pairing.hello(req, hello, server.address().port), null);
      }
      const auth = pairing.authenticate(req, raw);
      if (Array.isArray(auth)) return send(auth[0], auth[1], null);
      key = auth.key || null;
      if (req.method === 'GET' && req.url === '/v1/health') return send(200, health());
      if (req.method !== 'POST') return error(405, 'method_not_allowed', 'method not allowed');
      let body;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return error(400, 'bad_request', 'body is not JSON'); }
      if (req.url === '/v1/outlet') return send(200, { outlet: outletFor(body.url) });
      if (req.url === '/v1/analyze') {
        await untilStarted;
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        const cards = fakeAnalyze(body.url, body.html, body.include_text === true, { lookupMode, notes, seenBefore });
        // A cached answer keeps the first analysis's timings, as the real sidecar's cache does.
        if (cached) Object.assign(cards, { cached: true, timings_ms: { ...cards.timings_ms, total: 1259 } });
        return send(200, cards);
      }
      if (req.url === '/v1/lookup') {
        if (lookupMode === 'off') return error(403, 'lookup_off', 'online lookups are turned off (people_lookup = off)');
        if (!body || !Array.isArray(body.items)) return error(400, 'bad_request', 'items must be a list');
        lookups.push(body.items);
        return send(200, { lookup: { mode: lookupMode, host: 'www.wikidata.org', sends: LOOKUP_SENDS }, items: body.items.map((i) => lookupAnswer(i, decisions)) });
      }
      if (req.url === '/v1/kb/decision') {
        if (!body || typeof body.name !== 'string' || typeof body.id !== 'string' || !['confirm', 'reject'].includes(body.decision)) {
          return error(400, 'bad_request', 'name, id and decision (confirm or reject) are required');
        }
        decisions.push(body);
        return send(200, { name: body.name, id: body.id, decision: body.decision, recorded: true, note: { target: `person:${body.name}`, text: `${body.decision}ed ${body.id}`, layer: 'user' } });
      }
      return error(404, 'not_found', 'unknown route');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port, url: `http://127.0.0.1:${port}`, requests, token, pairing, lookups, decisions, ready: () => markReady(),
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

// ---- the panel's interfaces (COORDINATION.md, interface 2): look-ups, organisations, seen before ----

// The kb branch's own sentence for what a look-up sends (cards.Lookup).
export const LOOKUP_SENDS = 'Only the name you look up and the article\'s language are sent, to www.wikidata.org; never the page, its address, the outlet or what the article says about the person.';

const WIKIDATA = { name: 'Wikidata', url: 'https://www.wikidata.org/wiki/Q4115189', date: null, retrieved: '2026-12-01', license: 'CC0', layer: 'wikidata' };

/**
 * What the fake lookup host knows, by name, in the kb branch's KbPerson shape (docs/api.md): Korybko is
 * a possible match with one candidate until the reader confirms it, Leiroz a match, the rest none.
 * (The Wikidata ids are made up.)
 */
const KORYBKO = { id: 'wikidata:Q900000001', name: 'Andrew Korybko', who: 'American political analyst', url: 'https://www.wikidata.org/wiki/Q900000001' };
export const LOOKUP_KB = {
  'Andrew Korybko': {
    match: 'possible', id: null, name: null, who: null, url: null, facts: [],
    why: 'the name agrees, but Wikidata gives no employer to check against the article',
    candidates: [KORYBKO],
  },
  'Lucas Leiroz': {
    match: 'exact', id: 'wikidata:Q900000002', name: 'Lucas Leiroz', who: 'Brazilian journalist', url: 'https://www.wikidata.org/wiki/Q900000002',
    why: 'name and employer agree', candidates: [],
    facts: [{ property: 'country', value: 'Brazil', claim: 'country of citizenship: Brazil', where: 'Wikidata item Q900000002, P27', layer: 'wikidata',
      sources: [{ ...WIKIDATA, name: 'Wikidata Q900000002, P27 (country of citizenship)', url: 'https://www.wikidata.org/wiki/Q900000002', property: 'P27' }] }],
  },
};
// After a confirmation the sidecar answers with the confirmed person's facts.
const KORYBKO_CONFIRMED = {
  match: 'exact', ...KORYBKO, why: 'you confirmed this match', candidates: [],
  facts: [{ property: 'occupation', value: 'political analyst', claim: 'occupation: political analyst', where: 'Wikidata item Q900000001, P106', layer: 'wikidata',
    sources: [{ ...WIKIDATA, name: 'Wikidata Q900000001, P106 (occupation)', url: 'https://www.wikidata.org/wiki/Q900000001', property: 'P106' }] }],
};

function lookupAnswer(item, decisions) {
  const name = item && typeof item.name === 'string' ? item.name : '';
  const confirmed = decisions.some((d) => d.name === name && d.decision === 'confirm' && d.id === KORYBKO.id);
  const kb = confirmed ? KORYBKO_CONFIRMED : LOOKUP_KB[name] || { match: 'none', id: null, facts: [], why: null, candidates: [] };
  return { name, kind: item && item.kind, status: 'ok', message: null, kb };
}

function request(kind, name, role, orgs, date) {
  return { kind, name, role: role || null, orgs: orgs || [], outlet_domain: 'globalresearch.ca', date: date || '2025-03-18', language: 'en' };
}

function withPanelFields(cards, { lookupMode = 'off', notes = [], seenBefore = false } = {}) {
  const on = lookupMode !== 'off';
  cards.lookup = { mode: lookupMode, host: 'www.wikidata.org', sends: LOOKUP_SENDS };
  for (const a of cards.authors) {
    a.lookup_request = on ? request('person', a.name, 'author', ['Center for Geostrategic Studies']) : null;
    a.user_notes = [];
  }
  for (const c of cards.cited) {
    c.lookup_request = on ? request('person', c.name, c.role, []) : null;
    c.user_notes = [];
    c.seen_before = seenBefore ? { count: 4, by_outlet: [{ domain: 'globalresearch.ca', count: 3, as: ['political analyst'] }, { domain: 'infobrics.org', count: 1, as: [] }] } : null;
  }
  for (const m of cards.mentioned) m.lookup_request = on ? request('person', m.name, null, []) : null;
  cards.organisations = cards.authors.length ? [{
    name: 'Center for Geostrategic Studies', named_in: [{ person: 'Lucas Leiroz', as: 'bio' }],
    kb: { match: 'none', id: null, facts: [], why: null },
    lookup_request: on ? request('organisation', 'Center for Geostrategic Studies', null, []) : null, user_notes: [],
  }] : [];
  for (const [kind, target, text] of notes) {
    const note = { target: `${kind}:${target}`, text, created: '2026-12-01T10:00:00Z', layer: 'user' };
    if (kind === 'outlet' && cards.outlet.domain === target) cards.user_notes.push(note);
    for (const p of [...cards.authors, ...cards.cited]) if (kind === 'person' && p.name === target) p.user_notes.push(note);
  }
  return cards;
}
