// On the seed page in Chromium's side panel with the real sidecar: how soon the panel shows the outlet
// and the cards after the toolbar button (a fresh analysis, then the same page again from the
// sidecar's cache), how long the panel is and how many Tab stops it has: `npm run measure` (numbers in
// docs/extension.md, "Measured"). A Tab stop is a link, button, form field or summary (or tabindex >= 0)
// that is not inside a folded part. Times are wall-clock on whatever machine runs it.
import { chromium } from 'playwright-core';
import {
  FIXTURE_URL, findChromium, launchBrowser, serveFixture, stageExtension, startRealSidecar, waitFor,
} from '../test/helpers/browser.js';

const WINDOW = { width: 1280, height: 900 };
const sidecar = await startRealSidecar();
const fixture = await serveFixture();
const extDir = stageExtension({ hostAccess: false });
const browser = await launchBrowser(chromium, findChromium(), extDir, fixture.port, { windowSize: WINDOW });
try {
  await browser.worker.evaluate(async ({ port, token }) => chrome.storage.local.set({ port, token }), { port: sidecar.port, token: sidecar.token });
  const page = await browser.context.newPage();
  const timings = [];
  let panel = null;
  for (const run of ['fresh', 'cached']) {
    await page.goto(FIXTURE_URL);
    if (panel) {
      await browser.clickAction('globalresearch.ca'); // the open panel: the button analyses this new load
    }
    const t0 = performance.now();
    if (!panel) await browser.clickAction('globalresearch.ca');
    if (!panel) {
      const [target] = await waitFor(async () => { const t = await browser.panelTargets(); return t.length ? t : null; }, { intervalMs: 10, what: 'the side panel' });
      panel = await browser.attach(target.targetId);
    }
    const text = () => panel.evaluate(() => (document.body ? document.body.innerText : ''));
    await waitFor(async () => /Raters/.test(await text()), { timeoutMs: 90000, intervalMs: 10, what: 'the outlet' });
    const outletMs = performance.now() - t0;
    await waitFor(async () => { const t = await text(); return /Andrew Korybko/.test(t) && !/Reading the article/.test(t); }, { timeoutMs: 90000, intervalMs: 10, what: 'the cards' });
    timings.push({ run, outletMs: Math.round(outletMs), cardsMs: Math.round(performance.now() - t0) });
  }
  const m = await panel.evaluate(() => {
    const folded = (e) => e.closest('[hidden]') || e.closest('details:not([open]) > :not(summary)');
    const stops = Array.from(document.body.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]'))
      .filter((e) => !folded(e) && e.getAttribute('tabindex') !== '-1' && !e.disabled && !e.hidden);
    const body = document.querySelector('.body');
    const card = document.querySelector('article[data-card="cited:0"]');
    const top = card.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
    return {
      panel: `${innerWidth}x${innerHeight}`,
      tabStops: stops.length,
      screens: Number((body.scrollHeight / body.clientHeight).toFixed(1)),
      citedCardStartsAtScreen: Number((top / body.clientHeight).toFixed(2)),
      cards: Array.from(document.querySelectorAll('[data-card]')).filter((c) => !folded(c)).length,
    };
  });
  await panel.detach();
  console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), page: 'seed (globalresearch-cpc-attack.html)', window: WINDOW, timings, ...m }));
} finally {
  await browser.close();
  await sidecar.stop();
  await fixture.close();
  (await import('node:fs')).rmSync(extDir, { recursive: true, force: true });
}
