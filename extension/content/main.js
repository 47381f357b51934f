// The content script's controller: opens the panel, asks the background worker for the outlet card
// (fast, knowledge base only) and paints it, then sends the live DOM for the full analysis and paints
// the rest, highlights cited names, and keeps the highlights honest when the page's text changes.
{
  const ns = (globalThis.Backstory ??= {});
  // A content script left over from before an extension reload can no longer reach the worker:
  // retire it (panel, highlights, listeners) and start afresh.
  if (ns.main && !ns.main.connected()) {
    ns.main.destroy();
    ns.main = null;
  }
  if (!ns.main) {
    const api = ns.browserApi;
    const doc = globalThis.document;
    const { render, highlights } = ns;
    const RECHECK_MS = 400;

    let panel = null;
    let hover = null;
    let cards = null;
    let cardsUrl = null;
    let marks = new Map();
    let anchored = {};
    let settings = null;
    let runId = 0;
    let observer = null;
    let recheckTimer = null;

    async function send(message) {
      try {
        const answer = await api.sendMessage(message);
        return answer || { ok: false, state: 'error', message: 'The extension\'s background worker did not answer.' };
      } catch (err) {
        return { ok: false, state: 'error', message: String((err && err.message) || err) };
      }
    }

    const handlers = {
      onQuote(span) {
        if (!cards || !cards.article) return;
        const found = highlights.revealSpan(doc, cards.article.text, span);
        panel.announce(found ? 'Shown in the article.' : 'This passage is no longer in the page text.');
      },
      onAction(action) {
        if (action === 'retry') analyze();
        else if (action === 'options') send({ type: 'backstory:open-options' });
      },
    };

    function ensurePanel() {
      if (panel) return panel;
      panel = ns.panelHost.createPanelHost(doc, { mode: settings ? settings.mode : 'side-by-side' });
      return panel;
    }

    function showState(result, { keep = [] } = {}) {
      const card = render.stateCard(doc, result.state, result.message, handlers, { port: settings && settings.port });
      panel.body.replaceChildren(...keep, card);
      panel.announce(`Backstory: ${render.STATE_TEXT[result.state] ? render.STATE_TEXT[result.state].title : 'error'}.`);
    }

    function outletSummary(outlet) {
      const ratings = Array.isArray(outlet.ratings) ? outlet.ratings : [];
      const name = outlet.name || outlet.domain;
      if (!ratings.length) return `${name}: no ratings in the knowledge base.`;
      return `${name}: ${ratings.map((r) => `${r.rater} says ${r.verdict || `score ${r.score}`}`).join('; ')}.`;
    }

    /** Run the whole analysis for the page as it is now. */
    async function analyze() {
      const id = ++runId;
      settings = await send({ type: 'backstory:settings' });
      if (!settings || settings.ok === false) settings = { port: 8765, mode: 'side-by-side' };
      ensurePanel().setMode(settings.mode);
      stopObserving();
      highlights.clearHighlights(doc);
      cards = null;
      panel.body.replaceChildren(render.el(doc, 'p', { class: 'spinner' }, 'Looking up this site…'));
      panel.footer.replaceChildren();
      panel.announce('Backstory: looking up this site.');
      const url = globalThis.location.href;

      const outletAnswer = await send({ type: 'backstory:outlet', url });
      if (id !== runId) return;
      if (!outletAnswer.ok) {
        showState(outletAnswer);
        return;
      }
      const outletCard = render.outletCard(doc, outletAnswer.data.outlet, { pending: true });
      panel.body.replaceChildren(outletCard);
      panel.announce(`Backstory: ${outletSummary(outletAnswer.data.outlet)} Reading the article…`);

      // The page as the reader sees it (logged-in, paywalled, after scripts ran); our own highlight
      // marks were removed above, and the panel's closed shadow content is not serialised.
      const html = doc.documentElement.outerHTML;
      const analysis = await send({ type: 'backstory:analyze', url, html });
      if (id !== runId) return;
      const pending = outletCard.querySelector('[data-pending]');
      if (pending) pending.remove();
      if (!analysis.ok) {
        showState(analysis, { keep: [outletCard] });
        return;
      }
      cards = analysis.data;
      cardsUrl = url;
      paint();
      const cited = Array.isArray(cards.cited) ? cards.cited.length : 0;
      const authors = Array.isArray(cards.authors) ? cards.authors.length : 0;
      panel.announce(cards.article && cards.article.is_article === false
        ? 'Backstory: this page does not look like an article.'
        : `Backstory: analysis ready — ${authors} author${authors === 1 ? '' : 's'}, ${cited} cited ${cited === 1 ? 'person' : 'people'}.`);
    }

    /** Paint the full cards document and (re)highlight the cited names. */
    function paint() {
      stopObserving();
      highlights.clearHighlights(doc);
      const result = highlights.highlightCited(doc, cards);
      marks = result.marks;
      anchored = result.anchored;
      const sections = [render.outletCard(doc, cards.outlet), render.cardsSections(doc, cards, handlers, anchored)];
      const gone = Object.keys(anchored).filter((name) => anchored[name] === false);
      if (gone.length) sections.push(render.unanchoredSection(doc, gone));
      panel.body.replaceChildren(...sections);
      const t = cards.timings_ms && cards.timings_ms.total;
      panel.footer.replaceChildren(
        `${cards.cached ? 'from cache' : 'analysed'}${typeof t === 'number' ? ` in ${Math.round(t)} ms` : ''} by your local sidecar`);
      if (!hover) {
        hover = highlights.installHoverCards(doc, (name) => {
          const person = (cards.cited || []).find((p) => p.name === name);
          return person ? render.personCard(doc, person, handlers, { kind: 'Cited', showKind: true }) : render.el(doc, 'p', {}, name);
        });
      }
      startObserving();
    }

    function startObserving() {
      if (!observer) {
        observer = new globalThis.MutationObserver(() => {
          clearTimeout(recheckTimer);
          recheckTimer = setTimeout(recheck, RECHECK_MS);
        });
      }
      observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
    }

    function stopObserving() {
      if (observer) observer.disconnect();
      clearTimeout(recheckTimer);
    }

    /** The page's text changed: re-anchor when a highlight went away or a missing name may be back. */
    function recheck() {
      if (!cards || !panel || !panel.isOpen()) return;
      let lost = false;
      for (const elements of marks.values()) if (elements.some((m) => !m.isConnected)) lost = true;
      const missing = Object.values(anchored).includes(false);
      if (!lost && !missing) return;
      const before = JSON.stringify(anchored);
      stopObserving();
      highlights.clearHighlights(doc);
      const result = highlights.highlightCited(doc, cards);
      marks = result.marks;
      anchored = result.anchored;
      if (JSON.stringify(anchored) !== before) {
        paint();
        const gone = Object.keys(anchored).filter((n) => !anchored[n]);
        panel.announce(gone.length ? `Backstory: no longer found in the page: ${gone.join(', ')}.` : 'Backstory: all cited names found again.');
      } else {
        startObserving();
      }
    }

    /** Toolbar button / keyboard shortcut. */
    function toggle() {
      if (panel && panel.isOpen()) {
        panel.hide();
        return { ok: true, open: false };
      }
      if (panel && cards && cardsUrl === globalThis.location.href) {
        panel.show();
        return { ok: true, open: true };
      }
      ensurePanel().show();
      analyze();
      return { ok: true, open: true };
    }

    /** Automatic analysis: only on pages that declare themselves articles, and without taking focus. */
    function looksLikeArticle() {
      const ogType = doc.querySelector('meta[property="og:type"]');
      if (ogType && /article/i.test(ogType.getAttribute('content') || '')) return true;
      for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
        if (/"@type"\s*:\s*"(News|Report|Opinion|Analysis)?Article"/.test(s.textContent || '')) return true;
      }
      return doc.querySelectorAll('article p').length >= 3;
    }

    function autoStart() {
      if (!looksLikeArticle()) return false;
      ensurePanel().show({ focus: false });
      analyze();
      return true;
    }

    // Enter on a highlighted name takes the reader to its card in the panel.
    const onMarkKey = (e) => {
      const mark = e.target && e.target.closest ? e.target.closest(highlights.MARK_TAG) : null;
      if (mark && (e.key === 'Enter' || e.key === ' ') && panel) {
        e.preventDefault();
        if (!panel.isOpen()) panel.show({ focus: false });
        panel.focusCard(mark.getAttribute('data-backstory-person'));
      }
    };
    doc.addEventListener('keydown', onMarkKey, true);

    function destroy() {
      runId += 1;
      stopObserving();
      highlights.clearHighlights(doc);
      if (hover) hover.remove();
      if (panel) panel.destroy();
      doc.removeEventListener('keydown', onMarkKey, true);
      hover = null;
      panel = null;
    }

    api.onMessage((message) => {
      if (message && message.type === 'backstory:toggle') return toggle();
      return undefined;
    });

    ns.main = {
      toggle, analyze, autoStart, looksLikeArticle, destroy,
      connected: () => api.isConnected(),
      state: () => ({ open: !!(panel && panel.isOpen()), cards, anchored }),
    };
  }
}
