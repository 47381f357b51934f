// The content script's controller. It holds no card and no secret: it hands the worker the page as the
// reader sees it, highlights the names the worker gives it (while a panel shows this tab), shows the
// hover card frame for a name, scrolls to a quote, keeps the highlights honest when the page's text
// changes, and, where the browser has no side panel, opens the panel as a frame inside the page.
{
  const ns = (globalThis.Backstory ??= {});
  // A content script left over from before an extension reload can no longer reach the worker:
  // replace it (remove its highlights and frames) instead of answering with a dead one.
  if (ns.main && !ns.main.connected()) {
    try { ns.main.destroy(); } catch { /* already gone */ }
    ns.main = null;
  }
  if (!ns.main) {
    const api = ns.browserApi;
    const doc = globalThis.document;
    const RECHECK_MS = 400;

    let highlighter = null;
    let frame = null;
    let current = null; // {run, text, people, url}: what is highlighted
    let anchors = {};
    let observer = null;
    let recheckTimer = null;
    let analysedUrl = null;

    async function send(message) {
      try {
        return await api.sendMessage(message);
      } catch {
        return null;
      }
    }

    function ensureHighlighter() {
      if (!highlighter) {
        highlighter = ns.highlights.createHighlighter(doc, {
          send,
          onActivate(cardId) {
            // A trusted Enter, Space or click on one of our marks: the panel shows that card.
            if (frame && !frame.isOpen()) frame.show({ focus: false });
            send({ type: 'backstory:activate', cardId });
          },
          onEscape() {
            if (frame && frame.isOpen()) frame.hide();
            else send({ type: 'backstory:escape' });
          },
          reservedRight: () => (frame && frame.isOpen() ? frame.width() : 0),
        });
      }
      return highlighter;
    }
    // Escape works from the page as soon as the script is here, even before any highlight.
    ensureHighlighter();

    function ensureFrame(mode) {
      if (!frame) frame = ns.frameHost.createFrameHost(doc, { send, mode });
      else if (mode) frame.setMode(mode);
      return frame;
    }

    function highlight(message) {
      stopObserving();
      const text = typeof message.text === 'string' ? message.text : '';
      const people = Array.isArray(message.people) ? message.people : [];
      current = { run: message.run, text, people };
      anchors = ensureHighlighter().highlight(text, people);
      startObserving();
      return anchors;
    }

    function clear() {
      stopObserving();
      current = null;
      anchors = {};
      if (highlighter) highlighter.clear();
    }

    function startObserving() {
      if (!doc.body) return;
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

    /** The page changed: re-anchor when a highlight went away or a missing name may be back. */
    function recheck() {
      if (analysedUrl && globalThis.location.href !== analysedUrl) {
        // A single-page site moved on to another article: the cards are for the previous one.
        send({ type: 'backstory:moved', url: globalThis.location.href });
        clear();
        return;
      }
      if (!current) return;
      const missing = Object.values(anchors).includes(false);
      if (highlighter.intact() && !missing) return;
      const before = JSON.stringify(anchors);
      stopObserving();
      anchors = highlighter.highlight(current.text, current.people);
      startObserving();
      if (JSON.stringify(anchors) !== before) send({ type: 'backstory:anchors', run: current.run, anchors });
    }

    function snapshot() {
      // Our marks come out first: the sidecar reads the page's own markup. Frames in closed shadow
      // roots are not serialised (their hosts are empty elements).
      clear();
      analysedUrl = globalThis.location.href;
      return { url: analysedUrl, title: doc.title, html: doc.documentElement.outerHTML };
    }

    /** Automatic analysis: only on pages that declare themselves articles. */
    function looksLikeArticle() {
      const ogType = doc.querySelector('meta[property="og:type"]');
      if (ogType && /article/i.test(ogType.getAttribute('content') || '')) return true;
      for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
        if (/"@type"\s*:\s*"(News|Report|Opinion|Analysis)?Article"/.test(s.textContent || '')) return true;
      }
      return doc.querySelectorAll('article p').length >= 3;
    }

    async function autoStart() {
      if (!looksLikeArticle()) return false;
      // Without a side panel, the in-page panel opens without taking focus; with one, the analysis
      // runs and waits (the toolbar badge shows the rating) until the reader opens the panel.
      if (!api.panelKind) {
        const settings = await send({ type: 'backstory:settings' });
        ensureFrame(settings && settings.mode).show({ focus: false });
      }
      await send({ type: 'backstory:auto' });
      return true;
    }

    function onMessage(message) {
      if (!message || typeof message.type !== 'string') return undefined;
      switch (message.type) {
        case 'backstory:ping':
          return { ok: true };
        case 'backstory:snapshot':
          return snapshot();
        case 'backstory:highlight':
          return { anchors: highlight(message) };
        case 'backstory:clear':
          clear();
          return { ok: true };
        case 'backstory:reveal':
          return ns.highlights.revealSpan(doc, typeof message.text === 'string' ? message.text : (current && current.text), message.span);
        case 'backstory:card-size':
          if (highlighter) highlighter.resizeCard(message.cardId, Number(message.height));
          return { ok: true };
        case 'backstory:toggle-frame': {
          const f = ensureFrame(message.mode);
          if (f.isOpen()) f.hide();
          else f.show({ focus: true });
          return { ok: true, open: f.isOpen(), layout: f.layout() };
        }
        case 'backstory:hide-frame':
          if (frame) frame.hide();
          return { ok: true };
        default:
          return undefined;
      }
    }
    api.onMessage(onMessage);

    function destroy() {
      stopObserving();
      if (highlighter) highlighter.destroy();
      if (frame) frame.destroy();
      highlighter = null;
      frame = null;
    }

    ns.main = {
      autoStart, looksLikeArticle, destroy,
      connected: () => api.isConnected(),
      state: () => ({ anchors, highlighted: Boolean(current), frameOpen: Boolean(frame && frame.isOpen()) }),
      frame: () => frame,
    };
  }
}
