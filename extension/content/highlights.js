// Highlights in the article text: each mention of a cited person becomes a focusable <backstory-mark>;
// hovering or focusing it shows that person's card in a small closed-shadow popover. Quotes are not
// wrapped (that would fight the page's own markup); clicking a quote in the panel scrolls to it and
// marks it with the CSS Custom Highlight API where the browser has it, or with the selection otherwise.
{
  const ns = (globalThis.Backstory ??= {});
  const MARK_TAG = 'backstory-mark';
  const PAGE_STYLE_ID = 'backstory-page-style';
  const QUOTE_HIGHLIGHT = 'backstory-quote';

  // Inline !important styles so the page's CSS cannot hide or restyle the highlight.
  const MARK_STYLE = [
    ['background', 'rgba(250, 204, 21, 0.35)'],
    ['border-bottom', '2px solid #b45309'],
    ['color', 'inherit'],
    ['cursor', 'help'],
    ['display', 'inline'],
    ['border-radius', '2px'],
  ];

  function ensurePageStyle(doc) {
    if (doc.getElementById(PAGE_STYLE_ID)) return;
    const style = doc.createElement('style');
    style.id = PAGE_STYLE_ID;
    // ::highlight() must live in the page's stylesheet to reach the page's text.
    style.textContent = `::highlight(${QUOTE_HIGHLIGHT}) { background-color: rgba(59, 130, 246, 0.35); }\n`
      + `${MARK_TAG}:focus-visible { outline: 3px solid #2563eb !important; outline-offset: 1px !important; }`;
    (doc.head || doc.documentElement).append(style);
  }

  /**
   * Highlight the mentions of each cited person. Returns {marks: Map(name -> [elements]),
   * anchored: {name: bool}}; a person none of whose mentions is found is `false` (listed, not lost).
   */
  function highlightCited(doc, cards) {
    const text = cards.article && cards.article.text;
    const cited = Array.isArray(cards.cited) ? cards.cited : [];
    const anchored = {};
    const marks = new Map();
    if (typeof text !== 'string' || cited.length === 0 || !doc.body) return { marks, anchored };
    ensurePageStyle(doc);
    const index = ns.anchor.buildIndex(doc.body);
    const hits = [];
    const owners = [];
    for (const person of cited) {
      anchored[person.name] = false;
      for (const m of Array.isArray(person.mentions) ? person.mentions : []) {
        hits.push(ns.anchor.locate(index, text, m.start, m.end));
        owners.push(person);
      }
    }
    const wrapped = ns.anchor.wrapHits(index, hits, (i) => {
      const person = owners[i];
      const mark = doc.createElement(MARK_TAG);
      mark.setAttribute('tabindex', '0');
      mark.setAttribute('data-backstory-person', person.name);
      mark.setAttribute('aria-label', `${person.name}${person.role ? `, ${person.role}` : ''} (Backstory card)`);
      for (const [prop, value] of MARK_STYLE) mark.style.setProperty(prop, value, 'important');
      return mark;
    });
    wrapped.forEach((elements, i) => {
      if (elements.length === 0) return;
      const name = owners[i].name;
      anchored[name] = true;
      if (!marks.has(name)) marks.set(name, []);
      marks.get(name).push(...elements);
    });
    return { marks, anchored };
  }

  /** Remove our marks, putting the page's text back as it was. */
  function clearHighlights(doc) {
    for (const mark of Array.from(doc.querySelectorAll(MARK_TAG))) {
      const parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    }
    const style = doc.getElementById(PAGE_STYLE_ID);
    if (style) style.remove();
    const win = doc.defaultView;
    if (win && win.CSS && win.CSS.highlights) win.CSS.highlights.delete(QUOTE_HIGHLIGHT);
  }

  /** Scroll to a span of article.text and mark it. Returns true when found in the page. */
  function revealSpan(doc, articleText, span) {
    const index = ns.anchor.buildIndex(doc.body);
    const hit = ns.anchor.locate(index, articleText, span.start, span.end);
    if (!hit) return false;
    const range = ns.anchor.toRange(index, hit);
    const win = doc.defaultView;
    const startEl = range.startContainer.parentElement;
    if (startEl && startEl.scrollIntoView) startEl.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (win && win.CSS && win.CSS.highlights && typeof win.Highlight === 'function') {
      ensurePageStyle(doc);
      win.CSS.highlights.set(QUOTE_HIGHLIGHT, new win.Highlight(range));
    } else if (win && win.getSelection) {
      const sel = win.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    return true;
  }

  /**
   * The hover/focus card: one host element with a closed shadow root, reused for every mark.
   * `renderPerson(name)` returns the card element for that person.
   */
  function installHoverCards(doc, renderPerson) {
    const host = doc.createElement('backstory-card');
    host.hidden = true;
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = ns.styles.card;
    const position = doc.createElement('style');
    const slot = doc.createElement('div');
    slot.setAttribute('role', 'tooltip');
    root.append(style, position, slot);
    doc.documentElement.append(host);
    let hideTimer = null;
    let current = null;

    function show(mark) {
      clearTimeout(hideTimer);
      const name = mark.getAttribute('data-backstory-person');
      if (current !== name) {
        slot.replaceChildren(renderPerson(name));
        current = name;
      }
      host.hidden = false;
      // Top layer (Popover API) where available, out of reach of the page's transforms and z-indexes.
      if (typeof host.showPopover === 'function') {
        if (!host.hasAttribute('popover')) host.setAttribute('popover', 'manual');
        if (!host.matches(':popover-open')) host.showPopover();
      }
      const r = mark.getBoundingClientRect();
      const win = doc.defaultView;
      const width = Math.min(360, win.innerWidth - 16);
      const left = Math.max(8, Math.min(r.left, win.innerWidth - width - 8));
      const below = r.bottom + 6;
      const vertical = below + 200 < win.innerHeight
        ? `top: ${below}px !important; bottom: auto !important;`
        : `top: auto !important; bottom: ${win.innerHeight - r.top + 6}px !important;`;
      position.textContent = `:host { left: ${left}px !important; ${vertical} }`;
    }
    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 250);
    }
    function hide() {
      host.hidden = true;
      if (typeof host.hidePopover === 'function' && host.matches(':popover-open')) host.hidePopover();
    }
    const markOf = (target) => (target && target.closest ? target.closest(MARK_TAG) : null);
    const onOver = (e) => { const m = markOf(e.target); if (m) show(m); };
    const onOut = (e) => { if (markOf(e.target)) hideSoon(); };
    const onKey = (e) => { if (e.key === 'Escape' && !host.hidden) hide(); };
    host.addEventListener('mouseenter', () => clearTimeout(hideTimer));
    host.addEventListener('mouseleave', hideSoon);
    doc.addEventListener('mouseover', onOver, true);
    doc.addEventListener('mouseout', onOut, true);
    doc.addEventListener('focusin', onOver, true);
    doc.addEventListener('focusout', onOut, true);
    doc.addEventListener('keydown', onKey, true);
    return {
      host,
      isShown: () => !host.hidden,
      current: () => current,
      remove() {
        doc.removeEventListener('mouseover', onOver, true);
        doc.removeEventListener('mouseout', onOut, true);
        doc.removeEventListener('focusin', onOver, true);
        doc.removeEventListener('focusout', onOut, true);
        doc.removeEventListener('keydown', onKey, true);
        host.remove();
      },
    };
  }

  ns.highlights = { MARK_TAG, highlightCited, clearHighlights, revealSpan, installHoverCards };
}
