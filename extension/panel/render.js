// Rendering the cards document (docs/api.md) into the panel's DOM. Only createElement/textContent:
// sidecar and page data never go through innerHTML, and links are kept only when they are http(s).
// Runs in the panel's own page (the browser's side panel, or an extension frame): never in a web page.
//
// Layout: a summary first (outlet and raters in a few words, republished from, author, how many people
// cited and unnamed-source claims), then sections that fold, each an <h2> whose button shows or hides
// it; every card inside is an <article> with an <h3>, focusable so J / K can move from card to card.
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
    for (const child of children.flat(Infinity)) {
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

  function button(doc, attrs, onClick, ...children) {
    const b = el(doc, 'button', { type: 'button', ...attrs }, ...children);
    if (onClick) b.addEventListener('click', onClick);
    return b;
  }

  const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  let idCounter = 0;
  const uid = (prefix) => `${prefix}-${++idCounter}`;

  const LAYER_LABEL = {
    'open-data': 'open data',
    curated: 'curated',
    wikidata: 'Wikidata',
    user: 'your note',
    article: 'this article',
    bundled: 'bundled data',
    pack: 'offline pack',
  };

  /**
   * "source (date, license, layer): <a>name</a>" for one Source object. On screen it keeps to one line
   * (a long name is cut with an ellipsis; the link's title and the page's text keep it whole).
   */
  function sourceLine(doc, source) {
    if (!source || typeof source !== 'object') return null;
    const bits = [];
    if (source.date) bits.push(String(source.date));
    else if (source.retrieved) bits.push(`retrieved ${source.retrieved}`);
    if (source.property) bits.push(String(source.property));
    if (source.license) bits.push(String(source.license));
    if (source.layer && LAYER_LABEL[source.layer]) bits.push(LAYER_LABEL[source.layer]);
    const name = source.name || source.url || 'unnamed source';
    return el(doc, 'span', { class: 'src' },
      el(doc, 'span', { class: 'src-main' },
        el(doc, 'span', { class: 'src-label' }, 'source: '),
        link(doc, source.url, name, { title: name, class: 'src-name' })),
      bits.length ? el(doc, 'span', { class: 'src-meta' }, ` (${bits.join(', ')})`) : null);
  }

  function sourcesLine(doc, sources) {
    const list = Array.isArray(sources) ? sources.filter(Boolean) : [];
    if (list.length === 0) return el(doc, 'span', { class: 'src sources' }, 'source: not given');
    return el(doc, 'span', { class: 'sources' }, list.map((s) => sourceLine(doc, s)));
  }

  function factItem(doc, fact) {
    const text = fact.claim || [fact.property, fact.value].filter(Boolean).join(': ');
    return el(doc, 'li', {},
      el(doc, 'span', {}, text),
      fact.where ? el(doc, 'span', { class: 'muted small' }, ` (${fact.where})`) : null,
      sourcesLine(doc, fact.sources));
  }

  // Facts shown before the rest folds into a <details> (keyboard-accessible natively).
  const FACTS_SHOWN = 2;

  function factsList(doc, facts, heading, shown = FACTS_SHOWN) {
    const list = Array.isArray(facts) ? facts.filter((f) => f && typeof f === 'object') : [];
    if (list.length === 0) return null;
    const out = [el(doc, 'h4', {}, heading)];
    if (shown > 0) out.push(el(doc, 'ul', { class: 'facts' }, list.slice(0, shown).map((f) => factItem(doc, f))));
    if (list.length > shown) {
      const rest = list.length - shown;
      out.push(el(doc, 'details', { class: 'more' },
        el(doc, 'summary', {}, shown > 0 ? `${rest} more fact${rest === 1 ? '' : 's'}` : plural(rest, 'fact')),
        el(doc, 'ul', { class: 'facts' }, list.slice(shown).map((f) => factItem(doc, f)))));
    }
    return out;
  }

  // ---- raters, in a few words ------------------------------------------------------------------

  /** A rater's verdict cut to its first clause: "conspiracy (listed by 2 source lists)" -> "conspiracy". */
  function shortVerdict(rating) {
    if (typeof rating.verdict === 'string' && rating.verdict.trim()) {
      const cut = rating.verdict.split(/\s*[(;:]\s*|,\s(?=\D)/)[0].trim();
      return cut.length > 48 ? `${cut.slice(0, 47).trimEnd()}…` : cut || rating.verdict.slice(0, 48);
    }
    if (rating.score != null) return `score ${rating.score}`;
    return 'no verdict given';
  }

  /** "Lin et al. 2023 (aggregate of expert ratings)" -> "Lin et al. 2023". */
  function raterShortName(rating) {
    const name = typeof rating.rater === 'string' && rating.rater ? rating.rater : 'Unnamed rater';
    return name.replace(/\s*\(.*\)\s*$/, '') || name;
  }

  const LEAN_WORD = { '-1': 'low', 1: 'reliable', 0: 'unclear' };

  /** What the raters say in a few words: {state, text} (state as the badge: low, ok, mixed, unrated). */
  function ratersInWords(outlet) {
    const ratings = outlet && Array.isArray(outlet.ratings) ? outlet.ratings : [];
    const state = ns.badge ? ns.badge.badgeFor(outlet).state : 'unrated';
    if (ratings.length === 0) return { state: 'unrated', text: 'no rater covers it' };
    const leans = ratings.map((r) => (ns.badge ? ns.badge.ratingLean(r) : 0));
    const count = (v) => leans.filter((l) => l === v).length;
    if (ratings.length === 1) return { state, text: `${shortVerdict(ratings[0])} (${raterShortName(ratings[0])})` };
    if (state === 'mixed') {
      const parts = [-1, 1, 0].filter((v) => count(v)).map((v) => `${count(v)} ${LEAN_WORD[v]}`);
      return { state, text: `raters disagree: ${parts.join(', ')}` };
    }
    if (state === 'low') return { state, text: `${count(-1)} of ${ratings.length} raters rate it low` };
    if (state === 'ok') return { state, text: `${count(1)} of ${ratings.length} raters rate it reliable` };
    return { state, text: `${plural(ratings.length, 'rater')}, no clear verdict` };
  }

  const BADGE_GLYPH = { low: '!', mixed: '±', ok: '✓', unrated: '?' };

  function leanBadge(doc, state) {
    return el(doc, 'span', { class: `lean-badge lean-${state}`, 'aria-hidden': 'true' }, BADGE_GLYPH[state] || '?');
  }

  // ---- folding ---------------------------------------------------------------------------------

  /**
   * A disclosure: a button with aria-expanded that shows or hides `body`. `remember(open)` is called on
   * every toggle (the panel keeps fold states across repaints).
   */
  function disclosure(doc, { label, open = false, className = 'disclose', remember = null, labelAttrs = {} }, body) {
    const id = uid('fold');
    body.id = id;
    body.hidden = !open;
    const b = button(doc, { class: className, 'aria-expanded': open ? 'true' : 'false', 'aria-controls': id, ...labelAttrs }, () => {
      const nowOpen = b.getAttribute('aria-expanded') !== 'true';
      b.setAttribute('aria-expanded', nowOpen ? 'true' : 'false');
      body.hidden = !nowOpen;
      if (remember) remember(nowOpen);
    }, label);
    return { button: b, body };
  }

  /**
   * A section that folds: <section><h2><button aria-expanded>Title (n)</button></h2><div>…</div></section>.
   * Open by default unless `open` says otherwise; `handlers.folds` (a Map) remembers the reader's choice.
   */
  function section(doc, { key, title, count = null, open = true, note = null }, handlers, ...children) {
    const folds = handlers && handlers.folds;
    const isOpen = folds && folds.has(key) ? folds.get(key) : open;
    const body = el(doc, 'div', { class: 'fold-body' }, note, ...children);
    const headingId = uid('h');
    const { button: toggle } = disclosure(doc, {
      label: [el(doc, 'span', {}, title), count != null ? el(doc, 'span', { class: 'count' }, ` (${count})`) : null],
      open: isOpen,
      className: 'fold-toggle',
      remember: folds ? (v) => folds.set(key, v) : null,
    }, body);
    return el(doc, 'section', { class: 'fold', 'data-section': key, 'aria-labelledby': headingId },
      el(doc, 'h2', { id: headingId }, toggle), body);
  }

  // ---- outlet ----------------------------------------------------------------------------------

  /** One rater, one line (a button: verdict, rater, year); the numbers and the source link unfold. */
  function ratingItem(doc, rating) {
    const lean = ns.badge ? ns.badge.ratingLean(rating) : 0;
    const source = rating.source || { name: rating.rater, url: rating.url, date: rating.date, license: rating.license, layer: rating.layer };
    const detail = [];
    if (rating.verdict && rating.score != null) detail.push(`score ${rating.score}`);
    if (rating.percentile != null) detail.push(`percentile ${rating.percentile}`);
    if (rating.raters_observed != null) detail.push(`${rating.raters_observed} raters observed`);
    if (rating.imputed === true) detail.push('imputed, not observed');
    const body = el(doc, 'div', { class: 'rating-detail small' },
      rating.verdict ? el(doc, 'p', {}, rating.verdict) : null,
      detail.length ? el(doc, 'p', { class: 'muted' }, detail.join(' · ')) : null,
      el(doc, 'p', {}, sourceLine(doc, source),
        safeUrl(rating.url) && safeUrl(rating.url) !== safeUrl(source.url) ? [' · ', link(doc, rating.url, 'the rating', { class: 'src' })] : null));
    const { button: line } = disclosure(doc, {
      className: 'rating-line',
      label: [
        el(doc, 'span', { class: 'verdict' }, shortVerdict(rating)),
        el(doc, 'span', { class: 'rater' }, ` — ${raterShortName(rating)}${rating.date ? `, ${String(rating.date).slice(0, 4)}` : ', date not given'}`),
      ],
    }, body);
    return el(doc, 'li', { class: `rating ${lean < 0 ? 'lean-low' : lean > 0 ? 'lean-ok' : 'lean-none'}` }, line, body);
  }

  /**
   * The outlet card: name, domain, state affiliation (never folded), one line per rater (never
   * averaged), facts folded. `compact` (an original outlet inside a syndication card): the raters in a
   * few words, with the ratings and facts one click away.
   */
  function outletCard(doc, outlet, { kindLabel = null, pending = null, factsShown = 0, cardId = 'outlet', compact = false } = {}) {
    const o = outlet || {};
    const name = o.name || o.domain || 'Unknown outlet';
    const headingId = uid('h');
    const card = el(doc, 'article', { class: 'card outlet', 'data-card': cardId, tabindex: '-1', 'aria-labelledby': headingId },
      kindLabel ? el(doc, 'div', { class: 'kind' }, kindLabel) : null,
      el(doc, 'h3', { id: headingId }, name),
      el(doc, 'div', { class: 'muted small' },
        o.host || o.domain || '',
        o.kb_match === 'none' ? ' · not in the knowledge base' : o.kb_match === 'alias' ? ' · matched by alias' : ''));
    if (o.page_name && o.page_name !== name) {
      card.append(el(doc, 'p', { class: 'muted small' }, `the page calls itself “${o.page_name}”`));
    }
    if (o.operator && o.operator.value) {
      card.append(el(doc, 'h4', {}, 'Operated by'),
        el(doc, 'p', {}, o.operator.value, sourcesLine(doc, o.operator.sources)));
    }
    // State affiliation is shown first and never folded away (issue #4: "state affiliation where sourced").
    const allFacts = Array.isArray(o.facts) ? o.facts.filter(Boolean) : [];
    const state = allFacts.filter((f) => f.property === 'state_affiliation');
    if (state.length) {
      card.append(el(doc, 'h4', {}, 'State affiliation'),
        el(doc, 'ul', { class: 'facts state-affiliation' }, state.map((f) => factItem(doc, f))));
    }
    const ratings = Array.isArray(o.ratings) ? o.ratings.filter(Boolean) : [];
    const raters = [];
    if (o.raters_disagree) raters.push(el(doc, 'p', { class: 'disagree' }, 'The raters disagree.'));
    if (ratings.length) raters.push(el(doc, 'ul', { class: 'ratings' }, ratings.map((r) => ratingItem(doc, r))));
    else raters.push(el(doc, 'p', { class: 'muted' }, 'No rater in the knowledge base covers this outlet.'));
    const otherFacts = allFacts.filter((f) => f.property !== 'state_affiliation');
    if (compact) {
      const words = ratersInWords(o);
      card.append(el(doc, 'p', { class: 'small' }, leanBadge(doc, words.state), ' ', el(doc, 'span', { class: `raters-words lean-${words.state}` }, words.text)));
      const more = [ratings.length ? plural(ratings.length, 'rating') : null, otherFacts.length ? plural(otherFacts.length, 'fact') : null].filter(Boolean);
      if (more.length) {
        const { button: toggle, body } = disclosure(doc, { label: more.join(' and '), className: 'more-toggle' },
          el(doc, 'div', {}, el(doc, 'h4', {}, 'Raters'), raters, factsList(doc, otherFacts, 'Known facts', otherFacts.length)));
        card.append(el(doc, 'p', { class: 'small' }, toggle), body);
      }
    } else {
      card.append(el(doc, 'h4', {}, ratings.length > 1 ? `Raters (${ratings.length})` : 'Raters'), ...raters);
      const facts = factsList(doc, otherFacts, 'Known facts', factsShown);
      if (facts) card.append(...facts);
    }
    if (pending) card.append(el(doc, 'p', { class: 'spinner', 'data-pending': '' }, pending));
    return card;
  }

  const EVIDENCE_LABEL = {
    originally_published: 'in the article',
    original_source_footer: 'in the page footer',
    copyright_footer: 'copyright line',
    canonical_elsewhere: 'canonical link points elsewhere',
  };

  // Quotes longer than this are cut to a few lines, with a button for the whole text.
  const LONG_QUOTE_CHARS = 280;

  /** A span of the article: its text, and a short "Show in article" button when it has offsets. */
  function spanBlock(doc, span, handlers, { label, cls = 'quote', cue = null, tag = 'blockquote' } = {}) {
    const text = span.text || '';
    const canShow = Number.isInteger(span.start) && Number.isInteger(span.end) && handlers && handlers.onQuote;
    const long = cls.split(' ')[0] === 'quote' && text.length > LONG_QUOTE_CHARS;
    const body = el(doc, tag, { class: `quote-text${long ? ' clamped' : ''}` }, el(doc, 'span', { class: 'clamp' }, text));
    const show = canShow
      ? button(doc, { class: 'show', 'aria-label': label }, () => handlers.onQuote(span), 'Show in article')
      : null;
    if (canShow) body.addEventListener('click', () => handlers.onQuote(span));
    let whole = null;
    if (long) {
      // Cut visually only (screen readers get the whole text); one button shows it all.
      whole = button(doc, { class: 'whole', 'aria-expanded': 'false' }, () => {
        const open = whole.getAttribute('aria-expanded') !== 'true';
        whole.setAttribute('aria-expanded', open ? 'true' : 'false');
        body.classList.toggle('clamped', !open);
        whole.textContent = open ? 'less' : 'whole quote';
      }, 'whole quote');
    }
    return el(doc, 'figure', { class: cls }, body,
      cue || show || whole ? el(doc, 'figcaption', { class: 'cue' }, cue, cue && (show || whole) ? ' · ' : null, whole, whole && show ? ' · ' : null, show) : null);
  }

  function syndicatedCard(doc, synd, handlers) {
    const name = synd.name || synd.domain || 'another outlet';
    const headingId = uid('h');
    const card = el(doc, 'article', { class: 'card syndicated', 'data-card': 'syndicated', tabindex: '-1', 'aria-labelledby': headingId },
      el(doc, 'h3', { id: headingId }, synd.url ? link(doc, synd.url, name) : name),
      synd.domain && synd.name ? el(doc, 'div', { class: 'muted small' }, synd.domain) : null);
    if (synd.claimed_by_page) {
      card.append(el(doc, 'p', { class: 'label' }, 'The page says so itself; nothing has confirmed it.'));
    }
    const evidence = Array.isArray(synd.evidence) ? synd.evidence.filter(Boolean) : [];
    const item = (e, i) => el(doc, 'li', {}, spanBlock(doc, e, handlers, {
      label: `Show evidence ${i + 1} in the article`, cls: 'evidence-item', tag: 'p',
      cue: EVIDENCE_LABEL[e.kind] || e.kind || 'signal',
    }));
    if (evidence.length) {
      // The first signal says it; the others fold ("2 more signals").
      card.append(el(doc, 'h4', {}, 'Why we think so'), el(doc, 'ul', { class: 'evidence' }, item(evidence[0], 0)));
      if (evidence.length > 1) {
        const rest = evidence.length - 1;
        const { button: toggle, body } = disclosure(doc, { label: `${rest} more signal${rest === 1 ? '' : 's'}`, className: 'more-toggle' },
          el(doc, 'ul', { class: 'evidence' }, evidence.slice(1).map((e, i) => item(e, i + 1))));
        card.append(el(doc, 'p', { class: 'small' }, toggle), body);
      }
    }
    if (synd.outlet) card.append(outletCard(doc, synd.outlet, { kindLabel: 'Original outlet', cardId: 'syndicated-outlet', compact: true }));
    return card;
  }

  // ---- people and organisations: knowledge base, lookups, seen before ---------------------------

  const LOOKUP_STATUS = {
    failed: 'The lookup failed',
    offline: 'Offline: the lookup was not made',
    off: 'Online lookups are turned off',
  };

  /** The candidates of a possible match: kb.candidates, or the match itself when it names one. */
  function candidatesOf(kb) {
    const list = Array.isArray(kb.candidates) ? kb.candidates.filter((c) => c && typeof c.id === 'string') : [];
    if (list.length) return list;
    return kb.id ? [{ id: kb.id, name: kb.name || kb.label || null, who: kb.who || kb.description || null, url: kb.url || null }] : [];
  }

  /** "who" in one line (the office at the article's date, or the description), linked to its record. */
  function whoLine(doc, kb) {
    const who = kb.who || kb.description;
    if (!who) return null;
    return el(doc, 'p', { class: 'who' }, who,
      kb.url ? [' ', el(doc, 'span', { class: 'src' }, '(', link(doc, kb.url, /wikidata\.org/.test(kb.url) ? 'Wikidata' : 'record'), ')')] : null);
  }

  /**
   * What the knowledge base (or a lookup) says of a person or an organisation, with the lookup button,
   * the possible-match question (confirm or reject each candidate in one click), and the reader's
   * answers. `ctx`: {cardId, subject, lookupInfo, request, lookup, decision, handlers}; `decision` is
   * {byId: {candidateId: 'confirm' | 'reject'}, error}.
   */
  function kbBlock(doc, baseKb, ctx = {}) {
    const { cardId, subject = 'this person', lookupInfo = null, request = null, lookup = null, decision = null, handlers = {} } = ctx;
    const kb = (lookup && lookup.kb) || baseKb || { match: 'none', facts: [] };
    const answered = (decision && decision.byId) || {};
    const out = [];
    let match = kb.match;
    if (match === 'possible') {
      const candidates = candidatesOf(kb);
      const confirmed = candidates.find((c) => answered[c.id] === 'confirm');
      const open = candidates.filter((c) => !answered[c.id]);
      if (confirmed) {
        out.push(el(doc, 'p', { class: 'small decision' }, `You confirmed: ${confirmed.name || subject}${confirmed.who ? ` — ${confirmed.who}` : ''}. It is kept as your note; the next look-up or analysis shows their facts.`));
        match = 'confirmed';
      } else if (candidates.length && !open.length) {
        out.push(el(doc, 'p', { class: 'muted small decision' }, `You said ${candidates.length === 1 ? 'this candidate is' : 'none of these candidates is'} not ${subject}; no facts are shown.`));
        match = 'rejected';
      } else {
        const why = kb.why ? `Not sure because: ${kb.why}.` : 'Not sure it is the same person.';
        const question = el(doc, 'div', { class: 'match-possible', role: 'group', 'aria-label': `Possible match for ${subject}` },
          el(doc, 'p', {}, el(doc, 'span', { class: 'badge possible' }, 'possible match'), ' ', el(doc, 'span', { class: 'small' }, why)));
        const items = candidates.map((c) => {
          const who = [c.name ? el(doc, 'strong', {}, c.name) : null, c.who ? ` — ${c.who}` : null,
            c.url ? [' ', el(doc, 'span', { class: 'src' }, '(', link(doc, c.url, /wikidata\.org/.test(c.url) ? 'Wikidata' : 'record'), ')')] : null];
          if (answered[c.id] === 'reject') return el(doc, 'li', { class: 'rejected muted' }, who, el(doc, 'span', { class: 'small' }, ' — you said: not them'));
          return el(doc, 'li', {}, who, handlers.onDecision ? el(doc, 'div', { class: 'actions' },
            button(doc, { 'data-decision': 'confirm', 'data-candidate': c.id, 'aria-label': `Yes, ${subject} is ${c.name || 'this one'}${c.who ? `, ${c.who}` : ''}` },
              () => handlers.onDecision(cardId, 'confirm', c.id), candidates.length > 1 ? 'This one' : `Yes, this is ${subject}`),
            button(doc, { 'data-decision': 'reject', 'data-candidate': c.id, 'aria-label': `No, ${subject} is not ${c.name || 'this one'}${c.who ? `, ${c.who}` : ''}` },
              () => handlers.onDecision(cardId, 'reject', c.id), candidates.length > 1 ? 'Not them' : 'No, someone else')) : null);
        });
        if (items.length) question.append(el(doc, 'ul', { class: 'candidates' }, items));
        out.push(question);
      }
    }
    if (match === 'exact' || match === 'possible') {
      if (match === 'exact') {
        const who = whoLine(doc, kb);
        if (who) out.push(who);
      }
      const heading = match === 'possible' ? 'Facts about the possible match' : lookup && lookup.kb ? 'From Wikidata' : 'From the knowledge base';
      const facts = factsList(doc, kb.facts, heading);
      if (facts) out.push(...facts);
      else if (match === 'exact' && !kb.who) out.push(el(doc, 'p', { class: 'muted small' }, 'The knowledge base has no facts for this entry.'));
    } else if (!match || match === 'none') {
      out.push(el(doc, 'p', { class: 'muted small' }, lookup && (lookup.status === 'ok' || lookup.status === 'cached')
        ? 'Wikidata has no match for this name.'
        : 'Not in the knowledge base.'));
    }
    if (decision && decision.error) out.push(el(doc, 'p', { class: 'error small', role: 'alert' }, decision.error));
    // The lookup: a button in on-request mode; its progress and failures in every mode.
    const mode = lookupInfo && lookupInfo.mode;
    if (lookup && lookup.status === 'pending') {
      out.push(el(doc, 'p', { class: 'spinner small', 'aria-busy': 'true' }, `Looking up on ${lookupInfo && lookupInfo.host ? lookupInfo.host : 'Wikidata'}…`));
    } else if (lookup && LOOKUP_STATUS[lookup.status]) {
      out.push(el(doc, 'p', { class: 'muted small lookup-failed' }, `${LOOKUP_STATUS[lookup.status]}${lookup.message ? `: ${lookup.message}` : '.'}`));
    }
    const done = lookup && (lookup.status === 'ok' || lookup.status === 'cached' || lookup.status === 'pending' || lookup.status === 'off');
    if (request && mode && mode !== 'off' && !done && handlers.onLookup && match !== 'exact' && match !== 'rejected' && match !== 'confirmed') {
      const noteId = uid('sends');
      out.push(el(doc, 'div', { class: 'lookup' },
        button(doc, { 'data-lookup': cardId, 'aria-describedby': noteId }, () => handlers.onLookup([cardId]),
          lookup && lookup.status === 'failed' ? 'Try the lookup again' : 'Look up on Wikidata'),
        el(doc, 'span', { class: 'muted small', id: noteId }, ` ${sendsLine(lookupInfo)}`)));
    }
    return out;
  }

  /**
   * Plain words for what a look-up sends: the sidecar's own sentence when it gives one ("Only the name
   * … are sent, to www.wikidata.org; never the page …"), else built from its short form.
   */
  function sendsLine(info) {
    const host = info && info.host ? info.host : 'www.wikidata.org';
    const sends = info && typeof info.sends === 'string' && info.sends.trim() ? info.sends.trim() : 'only the name and the language';
    if (/[.!]$/.test(sends) || sends.includes(host)) return sends;
    return `Sends ${sends.replace(/^(sends?\s+)/i, '')} to ${host}; nothing else leaves your machine.`;
  }

  /** "Cited in 4 other articles you read: globalresearch.ca ×3 (as 'political analyst'), infobrics.org ×1". */
  function seenBeforeLine(doc, seen) {
    if (!seen || typeof seen !== 'object' || !(seen.count > 0)) return null;
    const parts = (Array.isArray(seen.by_outlet) ? seen.by_outlet : []).filter(Boolean).map((o) => {
      const as = Array.isArray(o.as) && o.as.length ? ` (as ${o.as.slice(0, 2).map((a) => `‘${a}’`).join(', ')})` : '';
      return `${o.domain || 'unknown site'} ×${o.count}${as}`;
    });
    const said = typeof seen.text === 'string' && seen.text.trim()
      ? seen.text.trim()
      : `named in ${plural(seen.count, 'other article')} you read${parts.length ? `: ${parts.join(', ')}` : ''}`;
    return el(doc, 'p', { class: 'seen-before small' },
      el(doc, 'span', { class: 'kind-inline' }, 'Seen before: '), said,
      el(doc, 'span', { class: 'muted' }, ' (kept on this machine only)'));
  }

  function notesList(doc, notes, heading = 'Your notes') {
    const list = Array.isArray(notes) ? notes.filter((n) => n && n.text) : [];
    if (!list.length) return null;
    return [el(doc, 'h4', {}, heading), el(doc, 'ul', { class: 'notes' }, list.map((n) => el(doc, 'li', {},
      el(doc, 'p', {}, n.text),
      el(doc, 'span', { class: 'muted small' }, `your note${n.created ? `, ${String(n.created).slice(0, 10)}` : ''}`))))];
  }

  function quotesBlock(doc, person, handlers, ctx) {
    const quotes = Array.isArray(person.quotes) ? person.quotes.filter(Boolean) : [];
    if (!quotes.length) return null;
    const items = quotes.map((q, i) => spanBlock(doc, q, handlers, {
      label: `Show quote ${i + 1} in the article`,
      cue: `${q.kind === 'indirect' ? 'paraphrase' : 'direct quote'}${q.cue ? ` · “${q.cue}”` : ''}`,
    }));
    // Long quote lists fold ("6 quotes"); one or two stay open.
    if (quotes.length <= 2) return [el(doc, 'h4', {}, quotes.length === 1 ? 'Quote' : 'Quotes (2)'), ...items];
    const folds = handlers && handlers.folds;
    const key = `quotes:${ctx.cardId}`;
    const { button: toggle, body } = disclosure(doc, {
      label: plural(quotes.length, 'quote'), className: 'quotes-toggle',
      open: folds && folds.has(key) ? folds.get(key) : false,
      remember: folds ? (v) => folds.set(key, v) : null,
    }, el(doc, 'div', { class: 'quotes' }, items));
    return [el(doc, 'h4', {}, toggle), body];
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

  function cardShell(doc, cls, cardId, name, extraAttrs = {}) {
    const headingId = uid('h');
    return el(doc, 'article', { class: `card ${cls}`, 'data-card': cardId, tabindex: '-1', 'aria-labelledby': headingId, ...extraAttrs },
      el(doc, 'h3', { id: headingId }, name));
  }

  function lookupCtx(ctx, cardId, subject, request) {
    return {
      cardId, subject, request,
      lookupInfo: ctx.lookupInfo || null,
      lookup: ctx.lookups ? ctx.lookups[cardId] : null,
      decision: ctx.decisions ? ctx.decisions[cardId] : null,
      handlers: ctx.handlers || {},
    };
  }

  function authorCard(doc, author, handlers, ctx = {}) {
    const cardId = author.card_id || 'author:0';
    const card = cardShell(doc, 'author', cardId, author.name || 'Unnamed author', { 'data-person': author.name });
    if (author.source) card.append(el(doc, 'div', { class: 'muted small' }, `named ${AUTHOR_SOURCES[author.source] || 'in the byline'}`));
    const seen = seenBeforeLine(doc, author.seen_before);
    if (seen) card.append(seen);
    const bio = author.bio;
    if (bio) {
      card.append(el(doc, 'h4', {}, bio.label || "the author's bio says"));
      const claims = Array.isArray(bio.claims) ? bio.claims.filter(Boolean) : [];
      if (claims.length) {
        card.append(el(doc, 'ul', { class: 'claims' }, claims.map((c) => el(doc, 'li', {},
          typeof c === 'string' ? c : c.text || [c.relation, c.organisation].filter(Boolean).join(' ')))));
      }
      card.append(el(doc, 'p', { class: 'label' }, 'These are the bio\'s own claims, not checked facts.'));
      if (bio.text) {
        const { button: toggle, body } = disclosure(doc, { label: 'the bio as written', className: 'more-toggle' },
          el(doc, 'div', {}, spanBlock(doc, { text: bio.text, start: bio.start, end: bio.end }, handlers, { label: 'Show the bio in the article', cls: 'quote bio' })));
        card.append(el(doc, 'p', { class: 'small' }, toggle), body);
      }
    }
    card.append(...kbBlock(doc, author.kb, { ...lookupCtx({ ...ctx, handlers }, cardId, author.name || 'this author', author.lookup_request) }));
    const notes = notesList(doc, author.user_notes, 'Your notes on them');
    if (notes) card.append(...notes);
    return card;
  }

  function personCard(doc, person, handlers, { kind = 'Cited', anchored = null, showKind = false, ...ctx } = {}) {
    const cardId = person.card_id || `${kind === 'Cited' ? 'cited' : 'mentioned'}:0`;
    const card = cardShell(doc, 'person', cardId, person.name || 'Unnamed person', { 'data-person': person.name });
    if (showKind) card.prepend(el(doc, 'div', { class: 'kind' }, kind === 'Cited' ? 'Cited in the article' : 'Mentioned'));
    if (person.role) {
      card.append(el(doc, 'p', {}, el(doc, 'span', { class: 'muted small' }, 'the article calls them: '),
        el(doc, 'span', { class: 'role' }, person.role)));
    } else if (kind === 'Cited') {
      card.append(el(doc, 'p', { class: 'muted small' }, 'The article gives no role.'));
    }
    const seen = seenBeforeLine(doc, person.seen_before);
    if (seen) card.append(seen);
    const quotes = quotesBlock(doc, person, handlers, { cardId });
    if (quotes) card.append(...quotes);
    card.append(...kbBlock(doc, person.kb, lookupCtx({ ...ctx, handlers }, cardId, person.name || 'this person', person.lookup_request)));
    const notes = notesList(doc, person.user_notes, 'Your notes on them');
    if (notes) card.append(...notes);
    if (anchored === false) {
      card.append(el(doc, 'p', { class: 'muted small', 'data-unanchored': '' }, 'This name is no longer found in the page text.'));
    }
    return card;
  }

  function orgCard(doc, org, handlers, ctx = {}) {
    const cardId = org.card_id || 'org:0';
    const card = cardShell(doc, 'organisation', cardId, org.name || 'Unnamed organisation');
    const namedIn = (Array.isArray(org.named_in) ? org.named_in : []).filter((n) => n && n.person);
    if (namedIn.length) {
      card.append(el(doc, 'p', { class: 'muted small' }, 'named in ',
        namedIn.map((n) => `${n.person}’s ${n.as === 'bio' ? 'bio' : 'role'}`).join('; ')));
    }
    if (org.outlet && typeof org.outlet === 'object') {
      // A known news outlet ("a regular contributor to Global Research"): its outlet card, raters first.
      card.append(outletCard(doc, org.outlet, { kindLabel: 'A news outlet', cardId: `${cardId}:outlet`, compact: true }));
    } else {
      card.append(...kbBlock(doc, org.kb, lookupCtx({ ...ctx, handlers }, cardId, org.name || 'this organisation', org.lookup_request)));
    }
    const notes = notesList(doc, org.user_notes, 'Your notes on it');
    if (notes) card.append(...notes);
    return card;
  }

  function unnamedCard(doc, list, handlers) {
    return el(doc, 'article', { class: 'card unnamed', 'data-card': 'unnamed', tabindex: '-1', 'aria-label': 'Unnamed sourcing' },
      el(doc, 'p', { class: 'small muted' }, 'Claims the article attributes to sources it does not name:'),
      el(doc, 'ul', { class: 'list' }, list.map((u, i) => el(doc, 'li', {},
        spanBlock(doc, u, handlers, {
          label: `Show claim ${i + 1} in the article`,
          cue: `source: “${u.source || 'unnamed'}”${u.cue ? ` · ${u.cue}` : ''}`,
        })))));
  }

  function notesCard(doc, notes) {
    return el(doc, 'article', { class: 'card notes', 'data-card': 'notes', tabindex: '-1', 'aria-label': 'Your notes' },
      el(doc, 'ul', { class: 'notes' }, notes.map((n) => el(doc, 'li', {},
        el(doc, 'p', {}, n.text || ''),
        el(doc, 'span', { class: 'muted small' }, `your note${n.target ? ` on ${String(n.target).replace(/^outlet:/, '')}` : ''}${n.created ? `, ${String(n.created).slice(0, 10)}` : ''}`)))));
  }

  // ---- languages -------------------------------------------------------------------------------

  function languageName(code) {
    if (typeof code !== 'string' || !code) return null;
    try {
      const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
      return name && name !== code ? name : null;
    } catch {
      return null;
    }
  }

  /**
   * Did the people stage read this page? The sidecar says so in a "people: …" warning (docs/api.md) or
   * `article.people_covered === false`. Returns null when it did, else {code, name}.
   */
  function peopleNotCovered(cards) {
    const article = (cards && cards.article) || {};
    const warnings = Array.isArray(cards && cards.warnings) ? cards.warnings : [];
    const warned = warnings.some((w) => typeof w === 'string' && /^people:/.test(w));
    if (article.people_covered !== false && !warned) return null;
    const code = typeof article.language === 'string' ? article.language : null;
    return { code, name: languageName(code), warning: warnings.find((w) => typeof w === 'string' && /^people:/.test(w)) || null };
  }

  // ---- summary ---------------------------------------------------------------------------------

  /** The compact block at the top. Each item jumps to its section. */
  function summaryBlock(doc, { outlet, cards = null, status = null }, handlers = {}) {
    const rows = [];
    const goto = (key, label, text) => (handlers.onGoto
      ? button(doc, { class: 'link-like', 'data-goto': key, 'aria-label': `${label}: ${text}. Go to the section` }, () => handlers.onGoto(key), text)
      : el(doc, 'span', {}, text));
    const row = (label, ...value) => rows.push(el(doc, 'div', { class: 'row' }, el(doc, 'dt', {}, label), el(doc, 'dd', {}, ...value)));
    if (outlet) {
      const words = ratersInWords(outlet);
      row('Outlet', el(doc, 'span', {}, outlet.name || outlet.domain || 'unknown'));
      row('Raters', leanBadge(doc, words.state), ' ', el(doc, 'span', { class: `raters-words lean-${words.state}` }, words.text));
    }
    // State affiliation is never folded away: the summary names every outlet of the page that has a
    // sourced one, and its button opens the section with the facts.
    const affiliated = [[outlet, 'outlet'], [cards && cards.syndicated_from && cards.syndicated_from.outlet, 'syndicated']]
      .filter(([o]) => o && Array.isArray(o.facts) && o.facts.some((f) => f && f.property === 'state_affiliation'));
    if (cards) {
      const article = cards.article || {};
      if (cards.syndicated_from) {
        const s = cards.syndicated_from;
        row('Republished from', goto('syndicated', 'Republished from', s.name || s.domain || 'another outlet'),
          s.claimed_by_page ? el(doc, 'span', { class: 'muted small' }, ' (the page’s claim)') : null);
      }
      for (const [o, key] of affiliated) {
        const name = o.name || o.domain || 'this outlet';
        const fact = o.facts.find((f) => f && f.property === 'state_affiliation');
        row('State affiliation', el(doc, 'span', { class: 'affiliation' }, `${name}: ${fact.value || 'see the sourced claim'}`),
          ' ', goto(key, `State affiliation of ${name}`, 'why'));
      }
      if (article.is_article === false) {
        row('Article', el(doc, 'span', {}, `not an article${article.not_article_reason ? ` (${article.not_article_reason})` : ''}`));
      } else {
        const authors = Array.isArray(cards.authors) ? cards.authors : [];
        const credit = article.credited_to && typeof article.credited_to.name === 'string' ? article.credited_to : null;
        row(authors.length > 1 ? 'Authors' : 'Author', authors.length
          ? goto('authors', 'Author', authors.map((a) => a.name).join(', '))
          : credit
            ? el(doc, 'span', {}, `credited to ${credit.name}`, el(doc, 'span', { class: 'muted small' }, ' (an organisation; no person named)'))
            : el(doc, 'span', { class: 'muted' }, 'not named'));
        const notCovered = peopleNotCovered(cards);
        const cited = Array.isArray(cards.cited) ? cards.cited.length : 0;
        if (notCovered) {
          row('People cited', el(doc, 'span', { class: 'muted' }, `not read: ${notCovered.name ? `a ${notCovered.name} page` : 'this page’s language is not covered'}`));
        } else {
          row('People cited', cited ? goto('cited', 'People cited', String(cited)) : el(doc, 'span', {}, 'none named'));
        }
        const unnamed = Array.isArray(cards.unnamed_sources) ? cards.unnamed_sources.length : 0;
        if (!notCovered) {
          row('Unnamed sources', unnamed ? goto('unnamed', 'Unnamed sources', plural(unnamed, 'claim')) : el(doc, 'span', {}, 'none found'));
        }
        const orgs = Array.isArray(cards.organisations) ? cards.organisations.filter(Boolean) : [];
        if (orgs.length) row('Organisations', goto('organisations', 'Organisations named in roles and bios', String(orgs.length)));
      }
    }
    if (status) rows.push(el(doc, 'div', { class: 'row status' }, el(doc, 'dt', { class: 'visually-hidden' }, 'Status'), el(doc, 'dd', { class: 'spinner' }, status)));
    return el(doc, 'section', { class: 'summary', 'aria-label': 'Summary' }, el(doc, 'dl', {}, rows));
  }

  /**
   * Everything after the summary, for a full cards document. `ctx`: {anchors (cardId -> false when no
   * longer in the page), lookups, decisions}; `handlers`: onQuote, onLookup, onDecision, folds.
   */
  function cardsSections(doc, cards, handlers = {}, ctx = {}) {
    const frag = doc.createDocumentFragment();
    const article = cards.article || {};
    const anchors = ctx.anchors || {};
    const kctx = { lookupInfo: cards.lookup || null, lookups: ctx.lookups || {}, decisions: ctx.decisions || {} };
    frag.append(section(doc, { key: 'outlet', title: 'Outlet' }, handlers, outletCard(doc, cards.outlet)));
    // Sections the summary already gives the gist of start folded; the people cited come next.
    if (cards.syndicated_from) {
      frag.append(section(doc, { key: 'syndicated', title: 'Originally published by', open: false }, handlers, syndicatedCard(doc, cards.syndicated_from, handlers)));
    }
    if (article.is_article === false) {
      frag.append(stateCard(doc, 'not_article', article.not_article_reason || '', handlers));
    }
    const authors = Array.isArray(cards.authors) ? cards.authors : [];
    if (authors.length) {
      frag.append(section(doc, { key: 'authors', title: authors.length === 1 ? 'Author' : 'Authors', count: authors.length > 1 ? authors.length : null, open: false }, handlers,
        authors.map((a) => authorCard(doc, a, handlers, kctx))));
    }
    const cited = Array.isArray(cards.cited) ? cards.cited : [];
    const lookupNote = kctx.lookupInfo && kctx.lookupInfo.mode && kctx.lookupInfo.mode !== 'off'
      ? el(doc, 'p', { class: 'small muted lookup-note' }, kctx.lookupInfo.mode === 'automatic'
        ? `Backstory looks up the people and organisations named here on ${kctx.lookupInfo.host || 'Wikidata'}. ${sendsLine(kctx.lookupInfo)}`
        : `“Look up on Wikidata” asks ${kctx.lookupInfo.host || 'Wikidata'} about one name. ${sendsLine(kctx.lookupInfo)}`)
      : null;
    const notCovered = peopleNotCovered(cards);
    if (notCovered && article.is_article !== false) {
      // Said once, in the people section's place; never "nobody is cited".
      const lang = notCovered.name ? `${notCovered.name}${notCovered.code ? ` (${notCovered.code})` : ''}` : 'this page’s language';
      frag.append(section(doc, { key: 'cited', title: 'People cited' }, handlers,
        el(doc, 'p', { class: 'card language-note', 'data-card': 'language', tabindex: '-1' },
          `Backstory reads who is quoted and cited only in English so far; this page is in ${lang}. `
          + 'Nobody is listed here, which does not mean nobody is quoted.')));
    } else if (cited.length) {
      frag.append(section(doc, { key: 'cited', title: 'People cited', count: cited.length, note: lookupNote }, handlers,
        cited.map((p) => personCard(doc, p, handlers, { kind: 'Cited', anchored: anchors[p.card_id], ...kctx }))));
    } else if (article.is_article !== false) {
      frag.append(section(doc, { key: 'cited', title: 'People cited' }, handlers, el(doc, 'p', { class: 'muted small' }, 'No named person is quoted or cited.')));
    }
    const orgs = Array.isArray(cards.organisations) ? cards.organisations.filter(Boolean) : [];
    if (orgs.length) {
      frag.append(section(doc, { key: 'organisations', title: 'Organisations', count: orgs.length, open: false }, handlers,
        orgs.map((o) => orgCard(doc, o, handlers, kctx))));
    }
    const unnamed = Array.isArray(cards.unnamed_sources) ? cards.unnamed_sources.filter(Boolean) : [];
    if (unnamed.length) frag.append(section(doc, { key: 'unnamed', title: 'Unnamed sourcing', count: unnamed.length }, handlers, unnamedCard(doc, unnamed, handlers)));
    const mentioned = Array.isArray(cards.mentioned) ? cards.mentioned.filter(Boolean) : [];
    if (mentioned.length) {
      frag.append(section(doc, { key: 'mentioned', title: 'Also mentioned', count: mentioned.length, open: false }, handlers,
        mentioned.map((m) => personCard(doc, m, handlers, { kind: 'Mentioned', ...kctx }))));
    }
    const notes = Array.isArray(cards.user_notes) ? cards.user_notes.filter(Boolean) : [];
    if (notes.length) frag.append(section(doc, { key: 'notes', title: 'Your notes', count: notes.length }, handlers, notesCard(doc, notes)));
    const warnings = (Array.isArray(cards.warnings) ? cards.warnings : [])
      .filter((w) => !(notCovered && typeof w === 'string' && /^people:/.test(w)));
    if (warnings.length) {
      frag.append(section(doc, { key: 'limits', title: 'Limits of this analysis', count: warnings.length, open: false }, handlers,
        el(doc, 'ul', { class: 'list card small', 'data-card': 'limits', tabindex: '-1' }, warnings.map((w) => el(doc, 'li', {}, String(w))))));
    }
    return frag;
  }

  /** The list of people whose names are gone from the page text (it changed after the analysis). */
  function unanchoredSection(doc, names, handlers = {}) {
    return section(doc, { key: 'gone', title: 'Not found in the page any more', count: names.length }, handlers,
      el(doc, 'p', { class: 'small muted' }, 'The page changed after the analysis; these people are still cited in the analysed text:'),
      el(doc, 'ul', { class: 'list card' }, names.map((n) => el(doc, 'li', {}, n))));
  }

  // ---- states ----------------------------------------------------------------------------------

  const STATE_TEXT = {
    idle: {
      title: 'Backstory has not read this page',
      lines: (ctx) => [[`Press the Backstory button${ctx.shortcut ? ` (or ${ctx.shortcut})` : ''} on the page you want analysed; the page goes only to your local sidecar.`]],
      actions: ['analyze'],
      info: true,
    },
    unsupported: {
      title: 'Backstory cannot read this page',
      lines: (ctx) => [[ctx.message || 'Browser pages, extension stores and PDF viewers are closed to extensions.']],
      actions: [],
      info: true,
    },
    not_permitted: {
      title: 'Backstory may not read this page yet',
      lines: (ctx) => [[`Press the Backstory button${ctx.shortcut ? ` (or ${ctx.shortcut})` : ''} while this page is in front: that click lets Backstory read this one page.`]],
      actions: [],
      info: true,
    },
    starting: {
      title: 'The sidecar is starting',
      lines: (ctx) => [[`It is loading ${ctx.loading || 'its language model'}; the analysis begins as soon as it is ready (usually a few seconds).`]],
      actions: [],
      info: true,
    },
    not_running: {
      title: 'The Backstory sidecar is not running',
      lines: (ctx) => [[`Nothing answers on 127.0.0.1:${ctx.port || 8765}.`], ['Start it with ', { code: 'make serve' }, ' in the Backstory folder, then try again.']],
      actions: ['retry', 'options'],
    },
    not_paired: {
      title: 'Not paired with the sidecar',
      lines: (ctx) => [[ctx.message ? `The sidecar says: ${ctx.message}.` : 'The pairing is missing or no longer accepted.'], ['Open the options to pair this browser with the sidecar.']],
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
    handshake_failed: {
      title: 'Not your sidecar, or an older one',
      lines: (ctx) => [[ctx.message || `Something answers on 127.0.0.1:${ctx.port || 8765} but could not prove it is your sidecar. Nothing was sent to it.`]],
      actions: ['options', 'retry'],
    },
    timeout: {
      title: 'The analysis took too long',
      lines: (ctx) => [[ctx.message || 'The sidecar ran out of its time budget.'], ['Try again; a page this long or dense may not fit the sidecar\'s time budget.']],
      actions: ['retry'],
    },
    error: {
      title: 'Something went wrong',
      lines: (ctx) => [[ctx.message || 'An unexpected error.'], ['Try again; if it keeps happening, the sidecar\'s terminal shows more.']],
      actions: ['retry', 'options'],
    },
  };
  const ACTION_TEXT = { retry: 'Try again', options: 'Open Backstory options', analyze: 'Analyse this page' };

  // States whose words come from the sidecar client (pairing's describe(): what the options page says
  // too), when the worker passes them on.
  const ADVISED = new Set(['not_paired', 'handshake_failed']);

  /** A card that explains a state and offers the next step. `ctx.advice`: {title, text, next}. */
  function stateCard(doc, state, message, handlers, ctx = {}) {
    const spec = STATE_TEXT[state] || STATE_TEXT.error;
    const advice = ctx.advice && ADVISED.has(state) && ctx.advice.title ? ctx.advice : null;
    const card = el(doc, 'article', {
      class: `card state${spec.info ? ' info' : ''}`, 'data-state': state, 'data-card': `state:${state}`, tabindex: '-1', role: spec.info ? null : 'alert',
    }, el(doc, 'h3', {}, advice ? advice.title : spec.title));
    const lines = advice ? [[advice.text || ''], [advice.next || '']].filter((l) => l[0]) : spec.lines({ ...ctx, message });
    for (const line of lines) {
      card.append(el(doc, 'p', {}, line.map((seg) => (typeof seg === 'string' ? seg : el(doc, 'code', {}, seg.code)))));
    }
    if (spec.actions.length && handlers && handlers.onAction) {
      card.append(el(doc, 'div', { class: 'actions' }, spec.actions.map((a) => button(doc, { 'data-action': a }, () => handlers.onAction(a), ACTION_TEXT[a]))));
    }
    return card;
  }

  /**
   * The footer's line about this answer. A cached answer never shows the original analysis time as if
   * it were this one: "from the sidecar's cache in 12 ms (first analysed in 843 ms)".
   */
  function timingText(timing) {
    if (!timing || typeof timing !== 'object') return '';
    const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
    const now = typeof timing.elapsedMs === 'number' ? ms(timing.elapsedMs) : null;
    const first = typeof timing.analysisMs === 'number' ? ms(timing.analysisMs) : null;
    if (timing.cached) {
      return `From your sidecar’s cache${now ? ` in ${now}` : ''}${first ? ` (first analysed in ${first})` : ''}.`;
    }
    return `Analysed by your local sidecar${now ? ` in ${now}` : first ? ` in ${first}` : ''}.`;
  }

  ns.render = {
    el, safeUrl, link, button, section, disclosure, outletCard, syndicatedCard, authorCard, personCard, orgCard,
    unnamedCard, notesCard, kbBlock, seenBeforeLine, summaryBlock, cardsSections, unanchoredSection, stateCard,
    timingText, ratersInWords, shortVerdict, raterShortName, peopleNotCovered, languageName, sendsLine, STATE_TEXT,
  };
}
