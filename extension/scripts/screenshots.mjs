// Screenshots for the docs (docs/screenshot*.png), taken from the real extension in Chromium against
// the real sidecar on the seed page: the page and the browser's side panel are captured at their real
// sizes in one window and placed side by side (DevTools captures one page at a time; the browser's
// own frame around them is not drawn). `npm run screenshots`; BACKSTORY_SHOTS_DIR=dir writes elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  EXT_DIR, FIXTURE_URL, findChromium, launchBrowser, serveFixture, stageExtension, startRealSidecar, waitFor,
} from '../test/helpers/browser.js';

const OUT = process.env.BACKSTORY_SHOTS_DIR || path.resolve(EXT_DIR, '../docs');
// panel: 'top' shows the summary first; 'person' scrolls the panel to the cited analyst's card.
const SHOTS = [
  { file: 'screenshot.png', window: { width: 1280, height: 800 }, scheme: 'light', panel: 'top' },
  { file: 'screenshot-dark.png', window: { width: 1280, height: 800 }, scheme: 'dark', panel: 'person' },
  { file: 'screenshot-narrow.png', window: { width: 760, height: 800 }, scheme: 'light', panel: 'person' },
];

/** Two PNGs side by side (page left, panel right), drawn by the browser itself. */
async function compose(context, left, right) {
  const scratch = await context.newPage();
  try {
    const b64 = await scratch.evaluate(async ([a, b]) => {
      const load = async (data) => { const img = new Image(); img.src = `data:image/png;base64,${data}`; await img.decode(); return img; };
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      // The side panel is shorter than the page by the browser's own header above it: leave that
      // strip plain rather than draw a header the browser did not.
      const c = document.createElement('canvas');
      c.width = ia.width + 1 + ib.width;
      c.height = Math.max(ia.height, ib.height);
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#c7cbd1';
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.drawImage(ia, 0, 0);
      ctx.drawImage(ib, ia.width + 1, c.height - ib.height);
      return c.toDataURL('image/png').split(',')[1];
    }, [left.toString('base64'), right.toString('base64')]);
    return Buffer.from(b64, 'base64');
  } finally {
    await scratch.close();
  }
}

async function shoot(shot, sidecar, fixture, extDir) {
  const browser = await launchBrowser(chromium, findChromium(), extDir, fixture.port, { windowSize: shot.window });
  try {
    await browser.worker.evaluate(async ({ port, token }) => chrome.storage.local.set({ port, token }), { port: sidecar.port, token: sidecar.token });
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: shot.scheme });
    await page.goto(FIXTURE_URL);
    await browser.clickAction('globalresearch.ca');
    const [target] = await waitFor(async () => { const t = await browser.panelTargets(); return t.length ? t : null; }, { what: 'the side panel' });
    const panel = await browser.attach(target.targetId);
    await panel.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: shot.scheme }] });
    await waitFor(() => panel.evaluate(() => document.body && /Andrew Korybko/.test(document.body.innerText) && !/Reading the article/.test(document.body.innerText)),
      { timeoutMs: 90000, what: 'the cards' }).catch(async (err) => {
      console.error(await panel.evaluate(() => (document.body ? document.body.innerText : 'no body')).catch((e) => String(e)));
      console.error(await browser.worker.evaluate(() => JSON.stringify(globalThis.Backstory.worker.store.all().map((s) => [s.tabId, s.status, s.phase, s.error]))));
      throw err;
    });
    await waitFor(() => page.evaluate(() => document.querySelectorAll('backstory-mark').length > 0), { what: 'highlights' });
    // The cited analyst: his card at the top of the panel, his highlighted name and hover card in the page.
    if (shot.panel === 'person') {
      await panel.evaluate(() => {
        const card = document.querySelector('article[data-card="cited:0"]');
        const body = document.querySelector('.body');
        body.scrollTop += card.getBoundingClientRect().top - body.getBoundingClientRect().top - 12;
      });
    }
    await page.evaluate(() => {
      const r = document.querySelector('backstory-mark').getBoundingClientRect();
      window.scrollBy(0, r.top - innerHeight * 0.3);
    });
    const at = await page.evaluate(() => { const r = document.querySelector('backstory-mark').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
    await page.mouse.move(at.x, at.y - 30);
    await page.mouse.move(at.x, at.y, { steps: 4 });
    await waitFor(() => page.evaluate(() => { const h = document.querySelector('backstory-card'); return h && !h.hidden && getComputedStyle(h).visibility === 'visible' && h.getBoundingClientRect().height > 150; }), { what: 'the hover card' });
    // The hover card is its own (out-of-process) frame: give it the same colour scheme.
    const [cardTarget] = await waitFor(async () => {
      const all = (await browser.browserSession.send('Target.getTargets')).targetInfos;
      const found = all.filter((t) => t.type === 'iframe' && t.url.endsWith('/panel/card.html'));
      return found.length ? found : null;
    }, { what: 'the hover card frame' });
    const card = await browser.attach(cardTarget.targetId);
    await card.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: shot.scheme }] });
    await waitFor(() => card.evaluate((scheme) => matchMedia(`(prefers-color-scheme: ${scheme})`).matches, shot.scheme), { what: 'the card\'s colour scheme' });
    await page.waitForTimeout(500);
    const left = await page.screenshot();
    const right = await panel.screenshot();
    await card.detach();
    await panel.detach();
    const png = await compose(browser.context, left, right);
    fs.writeFileSync(path.join(OUT, shot.file), png);
    console.log(`${shot.file}: page ${shot.window.width - 0}px window, written (${png.length} bytes)`);
  } finally {
    await browser.close();
  }
}

const sidecar = await startRealSidecar({ notes: [['outlet', 'globalresearch.ca', 'Check the CRRI review before quoting this site.']] });
const fixture = await serveFixture();
// One copy of the extension for every shot: its address (so its ID, which the sidecar pairs) stays the same.
const extDir = stageExtension({ hostAccess: false });
try {
  fs.mkdirSync(OUT, { recursive: true });
  for (const shot of SHOTS) await shoot(shot, sidecar, fixture, extDir);
} finally {
  fs.rmSync(extDir, { recursive: true, force: true });
  await sidecar.stop();
  await fixture.close();
}
