// Rendering the cards document (docs/api.md) into DOM. Only createElement/textContent: sidecar and
// page data never go through innerHTML, and links are kept only when they are http(s).
{
  const ns = (globalThis.Backstory ??= {});

  /** Keep http(s) URLs only (a javascript: or data: URL from any source is dropped). */
  function safeUrl(value) {
    if (typeof value !== 'string' || !value) return null;
    try {
      const u = new URL(value);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch {
      return null;
    }
  }

  /** el(doc, 'p', {class: 'x'}, 'text', child, …): attributes are set with setAttribute, text as text. */
  function el(doc, tag, attrs, ...children) {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === 'string' || typeof child === 'number' ? doc.createTextNode(String(child)) : child);
    }
    return node;
  }

  function link(doc, url, text, attrs = {}) {
    const href = safeUrl(url);
    if (!href) return el(doc, 'span', attrs, text);
    return el(doc, 'a', { href, target: '_blank', rel: 'noopener noreferrer', ...attrs }, text);
  }

  const LAYER_LABEL = {
    'open-data': 'open data',
    curated: 'curated',
    wikidata: 'Wikidata',
    user: 'your note',
    article: 'this article',
  };

  /** "Source: <a>name</a>, date, license" for one Source object. */
  function sourceLine(doc, source) {
    if (!source || typeof source !== 'object') return null;
    const bits = [];
    if (source.date) bits.push(String(source.date));
    if (source.license) bits.push(String(source.license));
    if (source.layer && LAYER_LABEL[source.layer]) bits.push(LAYER_LABEL[source.layer]);
    return el(doc, 'span', { class: 'src' },
      'source: ', link(doc, source.url, source.name || source.url || 'unnamed source'),
      bits.length ? ` (${bits.join(', ')})` : '');
  }

  function sourcesLine(doc, sources) {
    const list = Array.isArray(sources) ? sources.filter(Boolean) : [];
    if (list.length === 0) return el(doc, 'span', { class: 'src' }, 'source: not given');
    const wrap = el(doc, 'span', { class: 'src' });
    list.forEach((s, i) => {
      if (i > 0) wrap.append('; ');
      wrap.append(sourceLine(doc, s));
    });
    return wrap;
  }

  function factItem(doc, fact) {
    const text = fact.claim || [fact.property, fact.value].filter(Boolean).join(': ');
    return el(doc, 'li', {},
      el(doc, 'span', {}, text),
      fact.where ? el(doc, 'span', { class: 'muted small' }, ` (${fact.where})`) : null,
      ' ', sourcesLine(doc, fact.sources));
  }

  // Facts shown before the rest folds into a <details> (keyboard-accessible natively).
  const FACTS_SHOWN = 2;

  function factsList(doc, facts, heading, shown = FACTS_SHOWN) {
    const list = Array.isArray(facts) ? facts : [];
    if (list.length === 0) return null;
    const out = [el(doc, 'h4', {}, heading)];
    if (shown > 0) out.push(el(doc, 'ul', { class: 'facts' }, list.slice(0, shown).map((f) => factItem(doc, f))));
    if (list.length > shown) {
      const rest = list.length - shown;
      out.push(el(doc, 'details', { class: 'more' },
        el(doc, 'summary', {}, shown > 0 ? `${rest} more fact${rest === 1 ? '' : 's'}` : `${rest} fact${rest === 1 ? '' : 's'}`),
        el(doc, 'ul', { class: 'facts' }, list.slice(shown).map((f) => factItem(doc, f)))));
    }
    return out;
  }

  function ratingItem(doc, rating) {
    const lean = ns.badge ? ns.badge.ratingLean(rating) : 0;
    const verdict = rating.verdict
      ? rating.verdict
      : rating.score != null ? `score ${rating.score}` : 'no verdict given';
    const detail = [];
    if (rating.verdict && rating.score != null) detail.push(`score ${rating.score}`);
    if (rating.percentile != null) detail.push(`percentile ${rating.percentile}`);
    if (rating.raters_observed != null) detail.push(`${rating.raters_observed} raters observed`);
    if (rating.imputed === true) detail.push('imputed, not observed');
    const source = rating.source || { name: rating.rater, url: rating.url, date: rating.date, license: rating.license, layer: rating.layer };
    const sameLink = safeUrl(rating.url) === safeUrl(source.url);
    return el(doc, 'li', { class: lean < 0 ? 'lean-low' : lean > 0 ? 'lean-ok' : null },
      el(doc, 'div', { class: 'rater' }, rating.rater || 'Unnamed rater'),
      el(doc, 'div', { class: 'verdict' }, verdict),
      el(doc, 'div', { class: 'muted small' }, [rating.date ? `as of ${rating.date}` : 'date not given', ...detail].join(' · ')),
      el(doc, 'div', {}, sourceLine(doc, source),
        !sameLink && safeUrl(rating.url) ? [' · ', link(doc, rating.url, 'the rating', { class: 'src' })] : null));
  }

  /** The outlet card: name, domain, operator, one line per rater (never averaged), facts. */
  function outletCard(doc, outlet, { kindLabel = 'Outlet', pending = false, factsShown = FACTS_SHOWN } = {}) {
    const o = outlet || {};
    const card = el(doc, 'article', { class: 'card outlet', 'aria-label': `${kindLabel}: ${o.name || o.domain || 'unknown'}` },
      el(doc, 'div', { class: 'kind' }, kindLabel),
      el(doc, 'h3', {}, o.name || o.domain || 'Unknown outlet'),
      el(doc, 'div', { class: 'muted small' },
        o.host || o.domain || '',
        o.kb_match === 'none' ? ' · not in the knowledge base' : o.kb_match === 'alias' ? ' · matched by alias' : ''));
    if (o.operator && o.operator.value) {
      card.append(el(doc, 'h4', {}, 'Operated by'),
        el(doc, 'p', {}, o.operator.value, ' ', sourcesLine(doc, o.operator.sources)));
    }
    // State affiliation is shown first and never folded away (issue #4: "state affiliation where sourced").
    const allFacts = Array.isArray(o.facts) ? o.facts : [];
    const state = allFacts.filter((f) => f && f.property === 'state_affiliation');
    if (state.length) {
      card.append(el(doc, 'h4', {}, 'State affiliation'),
        el(doc, 'ul', { class: 'facts state-affiliation' }, state.map((f) => factItem(doc, f))));
    }
    const ratings = Array.isArray(o.ratings) ? o.ratings : [];
    card.append(el(doc, 'h4', {}, 'Raters'));
    if (o.raters_disagree) card.append(el(doc, 'p', { class: 'disagree' }, 'The raters disagree.'));
    if (ratings.length) card.append(el(doc, 'ul', { class: 'ratings' }, ratings.map((r) => ratingItem(doc, r))));
    else card.append(el(doc, 'p', { class: 'muted' }, 'No rater in the knowledge base covers this outlet.'));
    const facts = factsList(doc, allFacts.filter((f) => f && f.property !== 'state_affiliation'), 'Known facts', factsShown);
    if (facts) card.append(...facts);
    if (pending) card.append(el(doc, 'p', { class: 'spinner', 'data-pending': '' }, 'Reading the article…'));
    return card;
  }

  const EVIDENCE_LABEL = {
    originally_published: 'in the article',
    original_source_footer: 'in the page footer',
    copyright_footer: 'copyright line',
    canonical_elsewhere: 'canonical link points elsewhere',
  };

  function syndicatedCard(doc, synd, handlers) {
    const name = synd.name || synd.domain || 'another outlet';
    const card = el(doc, 'article', { class: 'card syndicated', 'aria-label': `Originally published by ${name}` },
      el(doc, 'div', { class: 'kind' }, 'Originally published by'),
      el(doc, 'h3', {}, synd.url ? link(doc, synd.url, name) : name),
      synd.domain && synd.name ? el(doc, 'div', { class: 'muted small' }, synd.domain) : null);
    const evidence = Array.isArray(synd.evidence) ? synd.evidence : [];
    if (evidence.length) {
      card.append(el(doc, 'h4', {}, 'Why we think so'),
        el(doc, 'ul', { class: 'evidence' }, evidence.map((e) => el(doc, 'li', {},
          quoteOrText(doc, e, handlers),
          el(doc, 'span', { class: 'muted small' }, ` (${EVIDENCE_LABEL[e.kind] || e.kind || 'signal'})`)))));
    }
    if (synd.outlet) card.append(outletCard(doc, synd.outlet, { kindLabel: 'Original outlet', factsShown: 0 }));
    return card;
  }

  /** A span of the article: a button that scrolls to it when it has offsets, plain text otherwise. */
  function quoteOrText(doc, span, handlers, extra) {
    const text = span.text || '';
    if (Number.isInteger(span.start) && Number.isInteger(span.end) && handlers && handlers.onQuote) {
      const b = el(doc, 'button', { type: 'button', class: 'quote', title: 'Show this in the article' },
        el(doc, 'span', {}, text), extra || null);
      b.addEventListener('click', () => handlers.onQuote(span, b));
      return b;
    }
    return el(doc, 'span', {}, text);
  }

  function kbBlock(doc, kb) {
    const k = kb || { match: 'none', facts: [] };
    if (k.match === 'none' || !k.match) {
      return [el(doc, 'p', { class: 'muted small' }, 'Not in the knowledge base.')];
    }
    const out = [];
    if (k.match === 'possible') {
      out.push(el(doc, 'p', { class: 'match-possible' },
        el(doc, 'span', { class: 'badge possible' }, 'possible match'), ' ',
        el(doc, 'span', { class: 'small' }, `The knowledge base has someone with this name; it may not be the same person${k.why ? ` (${k.why})` : ''}.`)));
    }
    const facts = factsList(doc, k.facts, k.match === 'possible' ? 'Facts about the possible match' : 'From the knowledge base');
    if (facts) out.push(...facts);
    else out.push(el(doc, 'p', { class: 'muted small' }, 'The knowledge base has no facts for this entry.'));
    return out;
  }

  // where the page names an author (the sidecar's `source`), as the card says it
  const AUTHOR_SOURCES = {
    'json-ld': 'in the page metadata (JSON-LD)',
    meta: 'in the page metadata',
    trafilatura: 'in the extracted metadata',
    'sign-off': 'in the sign-off at the end',
    'letter-signature': 'under their letter',
    'site-owner': 'as the owner of this personal site',
  };

  function authorCard(doc, author, handlers) {
    const card = el(doc, 'article', { class: 'card author', 'aria-label': `Author: ${author.name}` },
      el(doc, 'h3', {}, author.name || 'Unnamed author'),
      author.source ? el(doc, 'div', { class: 'muted small' }, `named ${AUTHOR_SOURCES[author.source] || 'in the byline'}`) : null);
    const bio = author.bio;
    if (bio) {
      card.append(el(doc, 'h4', {}, bio.label || "the author's bio says"));
      const claims = Array.isArray(bio.claims) ? bio.claims : [];
      if (claims.length) {
        card.append(el(doc, 'ul', { class: 'claims' }, claims.map((c) => el(doc, 'li', {},
          typeof c === 'string' ? c : c.text || [c.relation, c.organisation].filter(Boolean).join(' ')))));
      }
      if (bio.text) {
        card.append(el(doc, 'p', { class: 'label' }, 'These are the bio\'s own claims, not checked facts.'));
        card.append(quoteOrText(doc, { text: bio.text, start: bio.start, end: bio.end }, handlers));
      }
    }
    card.append(...kbBlock(doc, author.kb));
    return card;
  }

  function personCard(doc, person, handlers, { kind = 'Cited', anchored = null, showKind = false } = {}) {
    const card = el(doc, 'article', { class: 'card person', 'data-person': person.name, 'aria-label': `${kind}: ${person.name}` },
      showKind ? el(doc, 'div', { class: 'kind' }, kind === 'Cited' ? 'Cited in the article' : 'Mentioned') : null,
      el(doc, 'h3', {}, person.name || 'Unnamed person'));
    if (person.role) {
      card.append(el(doc, 'p', {}, el(doc, 'span', { class: 'muted small' }, 'the article calls them: '),
        el(doc, 'span', { class: 'role' }, person.role)));
    } else if (kind === 'Cited') {
      card.append(el(doc, 'p', { class: 'muted small' }, 'The article gives no role.'));
    }
    const quotes = Array.isArray(person.quotes) ? person.quotes : [];
    if (quotes.length) {
      card.append(el(doc, 'h4', {}, quotes.length === 1 ? 'Quote' : `Quotes (${quotes.length})`));
      for (const q of quotes) {
        const cue = el(doc, 'span', { class: 'cue' },
          `${q.kind === 'indirect' ? 'paraphrase' : 'direct quote'}${q.cue ? ` · “${q.cue}”` : ''} · show in article`);
        card.append(quoteOrText(doc, q, handlers, cue));
      }
    }
    card.append(...kbBlock(doc, person.kb));
    if (anchored === false) {
      card.append(el(doc, 'p', { class: 'muted small', 'data-unanchored': '' }, 'This name is no longer found in the page text.'));
    }
    return card;
  }

  function unnamedCard(doc, list, handlers) {
    return el(doc, 'article', { class: 'card unnamed', 'aria-label': 'Unnamed sourcing' },
      el(doc, 'p', { class: 'small muted' }, 'Claims the article attributes to sources it does not name:'),
      el(doc, 'ul', { class: 'list' }, list.map((u) => el(doc, 'li', {},
        quoteOrText(doc, u, handlers, el(doc, 'span', { class: 'cue' }, `source: “${u.source || 'unnamed'}”${u.cue ? ` · ${u.cue}` : ''}`))))));
  }

  function notesCard(doc, notes) {
    return el(doc, 'article', { class: 'card notes', 'aria-label': 'Your notes' },
      el(doc, 'div', { class: 'kind' }, 'Your notes'),
      el(doc, 'ul', { class: 'notes' }, notes.map((n) => el(doc, 'li', {},
        el(doc, 'p', {}, n.text || ''),
        el(doc, 'span', { class: 'muted small' }, `your note${n.target ? ` on ${n.target.replace(/^outlet:/, '')}` : ''}${n.created ? `, ${n.created.slice(0, 10)}` : ''}`)))));
  }

  function section(doc, title, ...children) {
    return el(doc, 'section', { 'aria-label': title }, el(doc, 'h3', { class: 'section' }, title), ...children);
  }

  /**
   * Everything after the outlet card, for a full cards document. `anchors` maps a cited person's name to
   * true/false once highlighting ran (false: no longer in the page text).
   */
  function cardsSections(doc, cards, handlers, anchors = {}) {
    const frag = doc.createDocumentFragment();
    const article = cards.article || {};
    if (cards.syndicated_from) frag.append(syndicatedCard(doc, cards.syndicated_from, handlers));
    if (article.is_article === false) {
      frag.append(stateCard(doc, 'not_article', article.not_article_reason || '', handlers));
    }
    const authors = Array.isArray(cards.authors) ? cards.authors : [];
    if (authors.length) frag.append(section(doc, authors.length === 1 ? 'Author' : 'Authors', authors.map((a) => authorCard(doc, a, handlers))));
    const cited = Array.isArray(cards.cited) ? cards.cited : [];
    if (cited.length) {
      frag.append(section(doc, 'People cited',
        cited.map((p) => personCard(doc, p, handlers, { kind: 'Cited', anchored: anchors[p.name] }))));
    } else if (article.is_article !== false) {
      frag.append(section(doc, 'People cited', el(doc, 'p', { class: 'muted small' }, 'No named person is quoted or cited.')));
    }
    const unnamed = Array.isArray(cards.unnamed_sources) ? cards.unnamed_sources : [];
    if (unnamed.length) frag.append(section(doc, 'Unnamed sourcing', unnamedCard(doc, unnamed, handlers)));
    const mentioned = Array.isArray(cards.mentioned) ? cards.mentioned : [];
    if (mentioned.length) {
      frag.append(section(doc, 'Also mentioned', el(doc, 'ul', { class: 'list card' }, mentioned.map((m) =>
        el(doc, 'li', {}, el(doc, 'span', {}, m.name),
          m.kb && m.kb.match === 'possible' ? el(doc, 'span', { class: 'badge possible' }, ' possible match') : null,
          m.kb && Array.isArray(m.kb.facts) && m.kb.facts.length ? el(doc, 'ul', { class: 'facts' }, m.kb.facts.map((f) => factItem(doc, f))) : null)))));
    }
    const notes = Array.isArray(cards.user_notes) ? cards.user_notes : [];
    if (notes.length) frag.append(section(doc, 'Your notes', notesCard(doc, notes)));
    const warnings = Array.isArray(cards.warnings) ? cards.warnings : [];
    if (warnings.length) {
      frag.append(section(doc, 'Limits of this analysis', el(doc, 'ul', { class: 'list card small' }, warnings.map((w) => el(doc, 'li', {}, String(w))))));
    }
    return frag;
  }

  /** The list of cards whose anchor in the page text is gone (text changed after load). */
  function unanchoredSection(doc, names) {
    return section(doc, 'Not found in the page any more',
      el(doc, 'p', { class: 'small muted' }, 'The page changed after the analysis; these people are still cited in the analysed text:'),
      el(doc, 'ul', { class: 'list card' }, names.map((n) => el(doc, 'li', {}, n))));
  }

  const STATE_TEXT = {
    not_running: {
      title: 'The Backstory sidecar is not running',
      lines: (ctx) => [[`Nothing answers on 127.0.0.1:${ctx.port || 8765}.`], ['Start it with ', { code: 'make serve' }, ' in the Backstory folder, then try again.']],
      actions: ['retry', 'options'],
    },
    not_paired: {
      title: 'Not paired with the sidecar',
      lines: () => [['The pairing token is missing or wrong. Run ', { code: 'backstory token' }, ' and paste what it prints into the extension\'s options.']],
      actions: ['options', 'retry'],
    },
    not_article: {
      title: 'This page does not look like an article',
      lines: (ctx) => [[ctx.message ? `The sidecar says: ${ctx.message}.` : 'No main text was found.'], ['The outlet card still applies to the site.']],
      actions: [],
      info: true,
    },
    too_large: {
      title: 'This page is too large to analyse',
      lines: (ctx) => [[ctx.message || 'The page is over the sidecar\'s size limit.'], ['The outlet card still applies; the sidecar\'s ', { code: 'max_body_bytes' }, ' setting raises the limit.']],
      actions: [],
    },
    timeout: {
      title: 'The analysis took too long',
      lines: (ctx) => [[ctx.message || 'The sidecar ran out of its time budget.'], ['Try again; a first run loads the language model.']],
      actions: ['retry'],
    },
    error: {
      title: 'Something went wrong',
      lines: (ctx) => [[ctx.message || 'An unexpected error.'], ['Try again; if it keeps happening, the sidecar\'s terminal shows more.']],
      actions: ['retry', 'options'],
    },
  };
  const ACTION_TEXT = { retry: 'Try again', options: 'Open Backstory options' };

  /** A card that explains a state and offers the next step. */
  function stateCard(doc, state, message, handlers, ctx = {}) {
    const spec = STATE_TEXT[state] || STATE_TEXT.error;
    const card = el(doc, 'article', { class: `card state${spec.info ? ' info' : ''}`, 'data-state': state, role: spec.info ? null : 'alert' },
      el(doc, 'h3', {}, spec.title));
    for (const line of spec.lines({ ...ctx, message })) {
      card.append(el(doc, 'p', {}, line.map((seg) => (typeof seg === 'string' ? seg : el(doc, 'code', {}, seg.code)))));
    }
    if (spec.actions.length && handlers && handlers.onAction) {
      card.append(el(doc, 'div', { class: 'actions' }, spec.actions.map((a) => {
        const b = el(doc, 'button', { type: 'button', 'data-action': a }, ACTION_TEXT[a]);
        b.addEventListener('click', () => handlers.onAction(a));
        return b;
      })));
    }
    return card;
  }

  ns.render = {
    el, safeUrl, link, outletCard, syndicatedCard, authorCard, personCard, unnamedCard, notesCard,
    cardsSections, unanchoredSection, stateCard, STATE_TEXT,
  };
}
