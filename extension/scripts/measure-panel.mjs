// How long the panel is and how many Tab stops it has, on the seed page in Chromium's side panel with
// the real sidecar: `npm run measure` (numbers in docs/extension.md, "Measured"). A Tab stop is a
// link, button, form field or summary (or tabindex >= 0) that is not inside a folded part.
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
  await page.goto(FIXTURE_URL);
  await browser.clickAction('globalresearch.ca');
  const [target] = await waitFor(async () => { const t = await browser.panelTargets(); return t.length ? t : null; }, { what: 'the side panel' });
  const panel = await browser.attach(target.targetId);
  await waitFor(() => panel.evaluate(() => document.body && /Andrew Korybko/.test(document.body.innerText) && !/Reading the article/.test(document.body.innerText)),
    { timeoutMs: 90000, what: 'the cards' });
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
  console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), page: 'seed (globalresearch-cpc-attack.html)', window: WINDOW, ...m }));
} finally {
  await browser.close();
  await sidecar.stop();
  await fixture.close();
  (await import('node:fs')).rmSync(extDir, { recursive: true, force: true });
}
