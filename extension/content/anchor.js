// Anchoring: map spans of the sidecar's `article.text` (offsets into the extracted text) back to the
// page's live text nodes.
//
// The extracted text and the DOM differ in whitespace (paragraph breaks, indentation), so we compare
// with all whitespace removed and keep, for every remaining character, the text node and offset it came
// from. When a span occurs more than once, the occurrence whose surrounding text matches best wins
// (the quote-plus-context idea of Hypothesis' TextQuoteSelector). A span that cannot be found is
// reported as unanchored, so the panel can list it instead of losing it.
{
  const ns = (globalThis.Backstory ??= {});

  const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'BACKSTORY-PANEL', 'BACKSTORY-CARD']);
  const WS = /\s/;
  const CONTEXT_CHARS = 32;
  const MAX_OCCURRENCES = 200;

  function stripWs(s) {
    return s.replace(/\s+/g, '');
  }

  /** Index the visible text under `root`: {text (no whitespace), nodes[], nodeOf (Int32Array), offsetOf (Int32Array)}. */
  function buildIndex(root) {
    const doc = root.ownerDocument || root;
    const NodeFilter = doc.defaultView ? doc.defaultView.NodeFilter : globalThis.NodeFilter;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        for (let p = node.parentNode; p && p !== root; p = p.parentNode) {
          if (p.nodeType === 1 && SKIP_TAGS.has(p.nodeName.toUpperCase())) return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    const nodes = [];
    const chars = [];
    const nodeIdx = [];
    const offsets = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const data = node.data;
      const n = nodes.length;
      let used = false;
      for (let i = 0; i < data.length; i++) {
        const c = data[i];
        if (WS.test(c)) continue;
        chars.push(c);
        nodeIdx.push(n);
        offsets.push(i);
        used = true;
      }
      if (used) nodes.push(node);
    }
    return { text: chars.join(''), nodes, nodeOf: Int32Array.from(nodeIdx), offsetOf: Int32Array.from(offsets) };
  }

  function commonSuffix(a, b) {
    let k = 0;
    while (k < a.length && k < b.length && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
    return k;
  }

  function commonPrefix(a, b) {
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    return k;
  }

  /**
   * Find `articleText.slice(start, end)` in the index. Returns {pos, len} in index coordinates or null.
   * `hint` (optional) is the text the span should contain when offsets are unreliable.
   */
  function locate(index, articleText, start, end) {
    if (typeof articleText !== 'string' || !Number.isInteger(start) || !Number.isInteger(end) || end <= start) return null;
    const needle = stripWs(articleText.slice(start, end));
    if (!needle) return null;
    const prefix = stripWs(articleText.slice(Math.max(0, start - CONTEXT_CHARS * 2), start)).slice(-CONTEXT_CHARS);
    const suffix = stripWs(articleText.slice(end, end + CONTEXT_CHARS * 2)).slice(0, CONTEXT_CHARS);
    // Which occurrence of the needle within the article text this is (used to break ties).
    const articleStripped = stripWs(articleText.slice(0, start));
    let nth = 0;
    for (let i = articleStripped.indexOf(needle); i !== -1; i = articleStripped.indexOf(needle, i + 1)) nth++;

    const found = [];
    for (let i = index.text.indexOf(needle); i !== -1 && found.length < MAX_OCCURRENCES; i = index.text.indexOf(needle, i + 1)) {
      found.push(i);
    }
    if (found.length === 0) return null;
    let best = found[0];
    let bestScore = -1;
    found.forEach((pos, k) => {
      const before = index.text.slice(Math.max(0, pos - CONTEXT_CHARS), pos);
      const after = index.text.slice(pos + needle.length, pos + needle.length + CONTEXT_CHARS);
      // Context agreement dominates; the article-order position is only a tie-breaker.
      const score = (commonSuffix(prefix, before) + commonPrefix(suffix, after)) * 4 - Math.abs(k - nth) * 0.01;
      if (score > bestScore) {
        bestScore = score;
        best = pos;
      }
    });
    return { pos: best, len: needle.length };
  }

  /** Turn an index hit into a DOM Range. */
  function toRange(index, hit) {
    const doc = index.nodes[0].ownerDocument;
    const range = doc.createRange();
    const first = hit.pos;
    const last = hit.pos + hit.len - 1;
    range.setStart(index.nodes[index.nodeOf[first]], index.offsetOf[first]);
    range.setEnd(index.nodes[index.nodeOf[last]], index.offsetOf[last] + 1);
    return range;
  }

  /** The pieces [{node, start, end}] of the index's text nodes that a hit covers. */
  function pieces(index, hit) {
    const out = [];
    for (let p = hit.pos; p < hit.pos + hit.len; p++) {
      const n = index.nodeOf[p];
      const o = index.offsetOf[p];
      const lastPiece = out[out.length - 1];
      if (lastPiece && lastPiece.nodeIndex === n) lastPiece.end = o + 1;
      else out.push({ nodeIndex: n, node: index.nodes[n], start: o, end: o + 1 });
    }
    return out;
  }

  /**
   * Wrap each hit in elements made by `makeWrapper(hitIndex)`. Hits are wrapped from the last to the
   * first so that splitting a text node never shifts the offsets of hits still to come.
   * Returns, per hit, the array of wrapper elements (empty when the hit was null).
   */
  function wrapHits(index, hits, makeWrapper) {
    const result = hits.map(() => []);
    const order = hits
      .map((hit, i) => ({ hit, i }))
      .filter((h) => h.hit)
      .sort((a, b) => b.hit.pos - a.hit.pos);
    const claimed = new Set();
    for (const { hit, i } of order) {
      // Overlapping hits (a name inside a name) keep the first wrapper only.
      let overlaps = false;
      for (let p = hit.pos; p < hit.pos + hit.len; p++) if (claimed.has(p)) { overlaps = true; break; }
      if (overlaps) continue;
      for (let p = hit.pos; p < hit.pos + hit.len; p++) claimed.add(p);
      const parts = pieces(index, hit).reverse();
      for (const part of parts) {
        let node = part.node;
        if (part.end < node.data.length) node.splitText(part.end);
        if (part.start > 0) node = node.splitText(part.start);
        const wrapper = makeWrapper(i);
        node.parentNode.insertBefore(wrapper, node);
        wrapper.appendChild(node);
        result[i].unshift(wrapper);
      }
    }
    return result;
  }

  ns.anchor = { buildIndex, locate, toRange, wrapHits, stripWs };
}
