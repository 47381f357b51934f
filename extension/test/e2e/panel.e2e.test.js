// End to end in real Chromium: the unpacked extension, the seed page served from 127.0.0.1, the
// sidecar on a free port with a known token. Skips (does not fail) when no Chromium is installed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  EXT_DIR, FIXTURE, FIXTURE_URL, findChromium, inPanel, launchBrowser, realSidecarAvailable,
  serveFixture, stageExtension, startRealSidecar, waitFor,
} from '../helpers/browser.js';
import { startFakeSidecar } from '../helpers/fake-sidecar.js';

const CHROMIUM = findChromium();
const SCREENSHOT = path.resolve(EXT_DIR, '../docs/screenshot.png');
if (!CHROMIUM) console.log('no Chromium found: install Debian\'s chromium or set CHROMIUM=/path/to/chromium — e2e skipped');

describe('extension in Chromium', { skip: CHROMIUM ? false : 'no Chromium found: install Debian\'s chromium or set CHROMIUM=…', timeout: 170000 }, () => {
  let sidecar;
  let fixture;
  let browser;
  let page;
  let cdp;
  let extDir;

  /** Pair the way a reader does: the options page, then "Test the connection". Returns the status text. */
  async function pairThroughOptions(port, token) {
    const id = new URL(browser.worker.url()).host;
    const options = await browser.context.newPage();
    try {
      await options.goto(`chrome-extension://${id}/options/options.html`);
      await options.fill('#port', String(port));
      await options.fill('#token', token);
      await options.check('#mode-side');
      await options.click('#test');
      await options.waitForFunction(() => /Paired|Nothing answers|refuses|Error/.test(document.getElementById('status').textContent), null, { timeout: 15000 });
      return await options.textContent('#status');
    } finally {
      await options.close();
    }
  }

  /** What a toolbar click does: the worker injects the content script and toggles the panel. */
  async function clickToolbarButton() {
    return browser.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      return globalThis.Backstory.worker.togglePanel(tab);
    }, FIXTURE_URL);
  }

  /** Count pixels whose colour differs by more than `tolerance` in any channel (decoded by Chromium). */
  async function pixelsDiffering(pngA, pngB, tolerance = 16) {
    const scratch = await browser.context.newPage();
    try {
      return await scratch.evaluate(async ([a, b, tol]) => {
        const load = async (b64) => { const img = new Image(); img.src = `data:image/png;base64,${b64}`; await img.decode(); return img; };
        const [ia, ib] = await Promise.all([load(a), load(b)]);
        if (ia.width !== ib.width || ia.height !== ib.height) return ia.width * ia.height;
        const pixels = (img) => {
          const c = document.createElement('canvas');
          c.width = img.width; c.height = img.height;
          const ctx = c.getContext('2d');
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, img.width, img.height).data;
        };
        const pa = pixels(ia);
        const pb = pixels(ib);
        let n = 0;
        for (let i = 0; i < pa.length; i += 4) {
          if (Math.abs(pa[i] - pb[i]) > tol || Math.abs(pa[i + 1] - pb[i + 1]) > tol || Math.abs(pa[i + 2] - pb[i + 2]) > tol) n++;
        }
        return n;
      }, [pngA.toString('base64'), pngB.toString('base64'), tolerance]);
    } finally {
      await scratch.close();
    }
  }

  const panelText = () => inPanel(cdp, function () { return this.textContent; });

  before(async () => {
    assert.ok(fs.existsSync(FIXTURE), `fixture missing: ${FIXTURE}`);
    if (process.env.BACKSTORY_E2E_FAKE === '1' || !realSidecarAvailable()) {
      console.log('the real sidecar (../.venv/bin/backstory serve) is not available: using the fake sidecar');
      const fake = await startFakeSidecar({ token: 'e2e-token' });
      sidecar = { ...fake, kind: 'fake', stop: fake.close };
    } else {
      sidecar = await startRealSidecar();
    }
    fixture = await serveFixture();
    extDir = stageExtension();
    const { chromium } = await import('playwright-core');
    browser = await launchBrowser(chromium, CHROMIUM, extDir, fixture.port);
    page = await browser.context.newPage();
    cdp = await browser.context.newCDPSession(page);
  });

  after(async () => {
    if (browser) await browser.close();
    if (sidecar) await sidecar.stop();
    if (fixture) await fixture.close();
    if (extDir) fs.rmSync(extDir, { recursive: true, force: true });
  });

  test('a wrong token shows "not paired"; pairing on the options page fixes it', async () => {
    assert.match(await pairThroughOptions(sidecar.port, 'not-the-token'), /refuses the token/);
    await page.goto(FIXTURE_URL);
    await clickToolbarButton();
    const text = await waitFor(async () => {
      const t = await panelText();
      return t && t.includes('Not paired') ? t : null;
    }, { timeoutMs: 20000, what: 'the not-paired state' });
    assert.match(text, /backstory token/);
    assert.ok(await inPanel(cdp, function () { return !!this.querySelector('button[data-action="options"]'); }));
    assert.match(await pairThroughOptions(sidecar.port, sidecar.token), /Paired/);
  });

  test('shows the cards beside the article and highlights the cited analyst', async () => {
    await page.goto(FIXTURE_URL);
    const answer = await clickToolbarButton();
    assert.equal(answer.open, true);
    // The sidecar may load its language model on the first analysis.
    const text = await waitFor(async () => {
      const t = await panelText();
      return t && t.includes('Andrew Korybko') ? t : null;
    }, { timeoutMs: 90000, what: 'the cited-person card' });
    for (const expected of ['Global Research', 'InfoBrics', 'Lucas Leiroz', 'Andrew Korybko', 'political analyst']) {
      assert.ok(text.includes(expected), `panel lacks "${expected}": ${text.slice(0, 400)}`);
    }
    assert.match(text, /Originally published by/);

    // The role sits on Korybko's own card.
    const role = await inPanel(cdp, function () {
      const card = Array.from(this.querySelectorAll('article.person')).find((c) => c.getAttribute('data-person') === 'Andrew Korybko');
      return card && card.querySelector('.role') ? card.querySelector('.role').textContent : null;
    });
    assert.equal(role, 'political analyst');

    // His name is highlighted in the article text.
    const marks = await page.$$eval('backstory-mark', (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.join(' ').includes('Andrew Korybko'), `highlights: ${JSON.stringify(marks)}`);

    // The panel does not cover the article's text (side-by-side reflow).
    const boxes = await page.evaluate(() => {
      const host = document.querySelector('backstory-panel').getBoundingClientRect();
      const paras = Array.from(document.querySelectorAll('.entry-content p, h1')).map((p) => p.getBoundingClientRect());
      return { host: { left: host.left, width: host.width, height: host.height }, maxRight: Math.max(...paras.map((r) => r.right)), viewport: innerWidth };
    });
    assert.ok(boxes.host.width > 200 && boxes.host.height > 300, `panel box ${JSON.stringify(boxes.host)}`);
    assert.ok(boxes.maxRight <= boxes.host.left, `article right edge ${boxes.maxRight} overlaps panel at ${boxes.host.left}`);

    // Hovering the highlighted name shows his card.
    await page.hover('backstory-mark');
    const hoverText = await waitFor(() => inPanel(cdp, function () { return this.host.hidden ? null : this.textContent; }, null, 'BACKSTORY-CARD'),
      { timeoutMs: 5000, what: 'hover card' });
    assert.match(hoverText, /political analyst/);
    await page.mouse.move(5, 5);

    // Clicking his quote in the card scrolls the article to it and marks it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await inPanel(cdp, function () { this.querySelector('article.person button.quote').click(); });
    const revealed = await waitFor(() => page.evaluate(() => {
      const h = CSS.highlights.get('backstory-quote');
      if (!h || window.scrollY === 0) return null;
      const [range] = h;
      const r = range.getBoundingClientRect();
      return { text: range.toString(), top: r.top, bottom: r.bottom, height: innerHeight };
    }), { timeoutMs: 5000, what: 'the quote scrolled into view' });
    assert.match(revealed.text, /Ukraine’s large-scale drone attack/);
    assert.ok(revealed.bottom > 0 && revealed.top < revealed.height, `quote not in view: ${JSON.stringify(revealed)}`);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.waitForTimeout(400); // hover card hide delay
    // Show the cited person's card next to his highlighted name.
    await inPanel(cdp, function () {
      const card = this.querySelector('article.person');
      const body = this.querySelector('.body');
      body.scrollTop += card.getBoundingClientRect().top - body.getBoundingClientRect().top - 40;
      if (this.activeElement) this.activeElement.blur();
    });
    await page.evaluate(() => document.querySelector('backstory-mark').scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: SCREENSHOT });
  });

  test('keyboard, dark mode and a 200%-zoom-sized viewport', async () => {
    // Tab reaches the highlighted name; focusing it shows the card, Enter moves focus to the panel card.
    await page.focus('backstory-mark');
    await waitFor(() => inPanel(cdp, function () { return !this.host.hidden; }, null, 'BACKSTORY-CARD'), { timeoutMs: 5000, what: 'card on focus' });
    await page.keyboard.press('Enter');
    const focused = await inPanel(cdp, function () { return this.activeElement && this.activeElement.getAttribute('data-person'); });
    assert.equal(focused, 'Andrew Korybko');

    // Escape closes the panel and the page gets its full width back.
    await page.keyboard.press('Escape');
    const closed = await page.evaluate(() => ({
      hidden: document.querySelector('backstory-panel').hidden,
      margin: document.documentElement.style.marginRight,
    }));
    assert.deepEqual(closed, { hidden: true, margin: '' });

    // 200% zoom halves the CSS viewport: 1280x900 becomes 640x450.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 640, height: 450 });
    await clickToolbarButton();
    const layout = await page.evaluate(() => {
      const host = document.querySelector('backstory-panel').getBoundingClientRect();
      const paras = Array.from(document.querySelectorAll('.entry-content p')).map((p) => p.getBoundingClientRect().right);
      return { left: host.left, width: host.width, maxRight: Math.max(...paras) };
    });
    assert.ok(layout.width >= 240 && layout.maxRight <= layout.left, JSON.stringify(layout));
    const look = await inPanel(cdp, function () {
      const body = this.querySelector('.body');
      const lum = (c) => { const [r, g, b] = c.match(/\d+/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
      return { overflow: body.scrollWidth - body.clientWidth, bg: lum(getComputedStyle(this.querySelector('.panel')).backgroundColor), fg: lum(getComputedStyle(this.querySelector('h3')).color) };
    });
    assert.ok(look.overflow <= 0, `panel content overflows sideways by ${look.overflow}px`);
    assert.ok(look.bg < 0.2 && look.fg > 0.7, `dark mode colours: ${JSON.stringify(look)}`);
    if (process.env.BACKSTORY_E2E_DEBUG) await page.screenshot({ path: '/tmp/shot-dark-zoom.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(200);
  });

  test('the page cannot read or restyle the panel', async () => {
    const styleProbe = function () {
      const pick = (el) => { const s = getComputedStyle(el); return [s.color, s.backgroundColor, s.fontFamily, s.fontSize, s.padding, s.borderTopWidth, s.display].join('|'); };
      const hostRect = this.host.getBoundingClientRect();
      return {
        text: this.textContent,
        host: [hostRect.left, hostRect.top, hostRect.width, hostRect.height, getComputedStyle(this.host).display, getComputedStyle(this.host).opacity].join('|'),
        inner: Array.from(this.querySelectorAll('h2, h3, .card, a, button, p')).slice(0, 40).map(pick),
      };
    };
    // Removing the host (below) drops focus, and with it the focus ring: start unfocused.
    await inPanel(cdp, function () { if (this.activeElement) this.activeElement.blur(); });
    const before = await inPanel(cdp, styleProbe);
    const hostBox = await page.evaluate(() => { const r = document.querySelector('backstory-panel').getBoundingClientRect(); return { x: r.left, y: r.top, width: r.width, height: r.height }; });
    const shotBefore = await page.screenshot({ clip: hostBox });

    const seen = await page.evaluate(() => {
      const host = document.querySelector('backstory-panel');
      const out = {
        shadowRoot: host.shadowRoot,
        hostText: host.textContent,
        leaks: ['perennial', "the author's bio says", 'People cited'].filter((s) => document.documentElement.outerHTML.includes(s) || document.body.innerText.includes(s)),
      };
      try { host.attachShadow({ mode: 'open' }); out.reattached = true; } catch { out.reattached = false; }
      // Try to alter it: light-DOM children (not rendered: no slot), attributes, removal, hostile CSS.
      host.append(Object.assign(document.createElement('p'), { textContent: 'PWNED' }));
      host.setAttribute('style', 'display:none');
      host.remove();
      const style = document.createElement('style');
      style.textContent = '* { color: red !important; background: lime !important; font: 31px/2 monospace !important; padding: 17px !important; border: 5px dashed red !important; width: 50px !important; opacity: 0.2 !important; transform: scale(0.5) !important; } backstory-panel { display: none !important; visibility: hidden !important; }';
      document.head.append(style);
      return out;
    });
    assert.equal(seen.shadowRoot, null, 'the page can reach the shadow root');
    assert.equal(seen.hostText, '', 'the panel text is visible to the page');
    assert.deepEqual(seen.leaks, []);
    assert.equal(seen.reattached, false);

    // The panel is put back, unchanged in content and look.
    await waitFor(() => page.evaluate(() => !!document.querySelector('backstory-panel')), { what: 'panel re-attached' });
    await page.waitForTimeout(300);
    const afterProbe = await inPanel(cdp, styleProbe);
    assert.equal(afterProbe.text, before.text);
    assert.ok(!afterProbe.text.includes('PWNED'));
    assert.deepEqual(afterProbe.inner, before.inner);
    assert.equal(afterProbe.host, before.host);
    const shotAfter = await page.screenshot({ clip: hostBox });
    if (process.env.BACKSTORY_E2E_DEBUG) { fs.writeFileSync('/tmp/shot-before.png', shotBefore); fs.writeFileSync('/tmp/shot-after.png', shotAfter); }
    // Compare pixels with a small tolerance: re-compositing may shift anti-aliasing by a level or two.
    const changed = await pixelsDiffering(shotBefore, shotAfter);
    assert.equal(changed, 0, `${changed} pixels of the panel changed under hostile page CSS`);
  });

  test('a second run with the sidecar stopped says it is not running', async () => {
    await sidecar.stop();
    sidecar = null;
    await page.goto(FIXTURE_URL);
    await clickToolbarButton();
    const text = await waitFor(async () => {
      const t = await panelText();
      return t && t.includes('not running') ? t : null;
    }, { timeoutMs: 20000, what: 'the not-running state' });
    assert.match(text, /make serve/);
    const focusedInPanel = await inPanel(cdp, function () { return this.activeElement ? this.activeElement.tagName : null; });
    assert.equal(focusedInPanel, 'H2', 'focus moves into the panel');
  });
});
