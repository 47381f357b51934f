// The toolbar badge: the outlet's rating state at a glance. Verdicts are raters' own words, so we only
// sort them into three buckets by wording; the panel always shows the verdicts themselves.
{
  const ns = (globalThis.Backstory ??= {});

  const NEGATIVE = /\b(not (?:generally )?reliable|unreliable|deprecated|blacklist|questionable|low|conspiracy|fake|propaganda|pseudoscience|unrated by consensus)\b/i;
  const POSITIVE = /\b(reliable|high|trustworthy)\b/i;

  /** One rating's lean: -1 negative, +1 positive, 0 unknown. */
  function ratingLean(rating) {
    const verdict = typeof rating.verdict === 'string' ? rating.verdict : '';
    if (NEGATIVE.test(verdict)) return -1;
    if (POSITIVE.test(verdict)) return 1;
    // A numeric score without words (e.g. a 0..1 reliability score): below the middle counts as low.
    if (typeof rating.score === 'number') return rating.score < 0.5 ? -1 : 1;
    return 0;
  }

  /** Badge for an Outlet: {state, text, color, title}. */
  function badgeFor(outlet) {
    const name = (outlet && (outlet.name || outlet.domain)) || 'This site';
    const ratings = (outlet && Array.isArray(outlet.ratings)) ? outlet.ratings : [];
    if (ratings.length === 0) {
      return { state: 'unrated', text: '?', color: '#6b7280', title: `Backstory: ${name} has no ratings in the knowledge base` };
    }
    const leans = ratings.map(ratingLean);
    const verdicts = ratings.map((r) => `${r.rater}: ${r.verdict ?? (r.score != null ? `score ${r.score}` : 'no verdict')}`).join('; ');
    const mixed = outlet.raters_disagree === true || (leans.includes(-1) && leans.includes(1));
    if (mixed) return { state: 'mixed', text: '±', color: '#b45309', title: `Backstory: raters disagree about ${name} — ${verdicts}` };
    if (leans.includes(-1)) return { state: 'low', text: '!', color: '#b91c1c', title: `Backstory: ${name} — ${verdicts}` };
    if (leans.includes(1)) return { state: 'ok', text: '✓', color: '#15803d', title: `Backstory: ${name} — ${verdicts}` };
    return { state: 'unrated', text: '?', color: '#6b7280', title: `Backstory: ${name} — ${verdicts}` };
  }

  ns.badge = { badgeFor, ratingLean };
}
