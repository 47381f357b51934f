// The fallback, in real Chromium with the side panel API taken away (as on browsers that lack it): the
// panel opens as an extension frame inside the page. On a fixed-width layout (a 1170 px body at
// 1280 px, as on the New York Times) no text box of the article may end under the panel; the page
// cannot search the frame, cover it with its own popover, or get a hover card over its header.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FIXTURE_URL, chromiumSession, findAttack, findChromium, startSidecar, waitFor,
} from '../helpers/browser.js';

const CHROMIUM = findChromium();
const OUTLET_NOTE = 'qzx my doubts about this site come from a friend at the agency';
const FIXED_URL = `${FIXTURE_URL}?layout=fixed`;

/** Every line box of the article's text (and the headline), as viewport rectangles. */
function articleTextBoxes() {
  const boxes = [];
  for (const root of document.querySelectorAll('.entry-content, h1')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) boxes.push({ left: r.left, right: r.right, top: r.top, text: n.data.slice(0, 30) });
    }
  }
  return boxes;
}

describe('the in-page fallback panel (Chromium without chrome.sidePanel)', { skip: CHROMIUM ? false : 'no Chromium found', timeout: 240000 }, () => {
  let sidecar;
  let session;
  let browser;
  let page;

  before(async () => {
    sidecar = await startSidecar({ notes: [['outlet', 'globalresearch.ca', OUTLET_NOTE]] });
    session = await chromiumSession(CHROMIUM, sidecar, { stage: { hostAccess: false, sidePanel: false } });
    ({ browser, page } = session);
  });

  after(async () => {
    if (session) await session.close();
    if (sidecar) await sidecar.stop();
  });

  const hostBox = () => page.evaluate(() => {
    const h = document.querySelector('backstory-panel');
    if (!h || h.hidden) return null;
    const r = h.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height, layout: h.getAttribute('data-layout'), zoom: document.documentElement.style.zoom };
  });

  test('on a fixed-width page, no text box of the article intersects the panel', async () => {
    await page.goto(FIXED_URL);
    // The layout is what it claims: at 1280 px its text reaches far right of where a panel would start.
    const before = await page.evaluate(articleTextBoxes);
    assert.ok(Math.max(...before.map((b) => b.right)) > 1200, 'the fixture is a fixed 1170 px layout');
    await browser.clickAction('globalresearch.ca');
    await waitFor(() => page.evaluate(() => document.querySelectorAll('backstory-mark').length > 0), { timeoutMs: 90000, what: 'the analysis and its highlights' });
    const box = await hostBox();
    assert.ok(box && box.width >= 280 && box.height > 800, JSON.stringify(box));
    const boxes = await page.evaluate(articleTextBoxes);
    assert.ok(boxes.length > 20, `${boxes.length} text boxes`);
    const under = boxes.filter((b) => b.right > box.left + 0.5);
    assert.deepEqual(under, [], `text under the panel (panel ${JSON.stringify(box)}): ${JSON.stringify(under.slice(0, 3))}`);
    // Nothing scrolls sideways under the panel either.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1), 'no horizontal scroll');
  });

  test('the page cannot search the framed panel with window.find()', async () => {
    const result = await page.evaluate(findAttack, { seeds: ['qzx'], probes: ['Originally published', 'perennial', 'People cited', 'political analyst'] });
    assert.deepEqual(result, { recovered: { qzx: '' }, found: [] });
  });

  test('a page popover opened over the panel does not cover it', async () => {
    const box = await hostBox();
    const top = await page.evaluate(({ x, y }) => {
      const cover = document.createElement('div');
      cover.id = 'page-cover';
      cover.setAttribute('popover', 'manual');
      cover.style.cssText = 'position: fixed; inset: 0; width: 100vw; height: 100vh; margin: 0; background: rgba(255,0,0,0.5); border: 0;';
      cover.textContent = 'Subscribe!';
      document.body.append(cover);
      cover.showPopover();
      return new Promise((resolve) => setTimeout(() => {
        const el = document.elementFromPoint(x, y);
        resolve({ panel: el && el.localName, pageCoverOpen: cover.matches(':popover-open') });
      }, 300));
    }, { x: box.left + 60, y: 30 });
    assert.deepEqual(top, { panel: 'backstory-panel', pageCoverOpen: true });
    await page.evaluate(() => { const c = document.getElementById('page-cover'); c.hidePopover(); c.remove(); });
  });

  test('at 200% zoom (640 x 450 CSS px) a fixed layout gets the panel over it, with a fold toggle', async () => {
    await page.setViewportSize({ width: 640, height: 450 });
    // (the host's CSS width follows the viewport before the page's resize event runs fit(): wait for the
    // layout fit() chooses, not only for the new width; a page left scaled or reflowed times out here)
    const box = await waitFor(async () => { const b = await hostBox(); return b && b.width < 400 && b.layout === 'overlay' ? b : null; }, { what: 'the panel to resize and lay itself over the fixed layout' });
    // 1170 px of text cannot be made to fit beside a panel in 640 px at a readable size.
    assert.equal(box.layout, 'overlay');
    assert.equal(await page.evaluate(() => document.documentElement.style.zoom), '');
    await page.mouse.click(box.left + 10, box.height / 2);
    const folded = await waitFor(async () => { const b = await hostBox(); return b && b.width < 40 ? b : null; }, { what: 'the panel folded to a strip' });
    assert.ok(folded.left > 640 - 15 - 40, JSON.stringify(folded));
    await page.mouse.click(folded.left + 10, folded.height / 2);
    await waitFor(async () => { const b = await hostBox(); return b && b.width > 200 ? b : null; }, { what: 'the panel unfolded' });
  });

  test('at 200% zoom on a fluid page, the hover card flips above the name and stays off the panel', async () => {
    await page.goto(FIXTURE_URL);
    await page.setViewportSize({ width: 640, height: 450 });
    await browser.clickAction('globalresearch.ca');
    await waitFor(() => page.evaluate(() => document.querySelectorAll('backstory-mark').length > 0), { timeoutMs: 60000, what: 'highlights' });
    const box = await hostBox();
    assert.equal(box.layout, 'reflow');
    // Put the name near the bottom of the view (room to scroll first): the card must flip above it.
    await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '2000px';
      document.body.append(spacer);
      const r = document.querySelector('backstory-mark').getBoundingClientRect();
      window.scrollBy(0, r.top - (innerHeight - 40));
    });
    // The pointer goes straight to the name (page.hover would scroll it to the middle first).
    const at = await page.evaluate(() => { const r = document.querySelector('backstory-mark').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
    assert.ok(at.y > 350 && at.x < box.left, `the name is near the bottom, left of the panel: ${JSON.stringify(at)}`);
    await page.mouse.move(at.x, at.y - 40);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    const card = await waitFor(() => page.evaluate(() => {
      const h = document.querySelector('backstory-card');
      if (!h || h.hidden || getComputedStyle(h).visibility !== 'visible') return null;
      const r = h.getBoundingClientRect();
      const m = document.querySelector('backstory-mark').getBoundingClientRect();
      return r.height > 60 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, markTop: m.top, vw: innerWidth, vh: innerHeight } : null;
    }), { timeoutMs: 10000, what: 'the hover card' });
    assert.ok(card.top >= 0 && card.bottom <= card.vh && card.left >= 0, `card outside the view: ${JSON.stringify(card)}`);
    assert.ok(card.bottom <= card.markTop, `card not flipped above the name: ${JSON.stringify(card)}`);
    assert.ok(card.right <= box.left, `card over the panel: ${JSON.stringify({ card, panelLeft: box.left })}`);
    await page.mouse.move(2, 2);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('Escape in the page closes the panel and gives the page its layout back', async () => {
    await page.evaluate(() => { if (document.activeElement) document.activeElement.blur(); });
    await page.waitForTimeout(400); // the hover card's hide delay
    await page.keyboard.press('Escape');
    await waitFor(async () => (await hostBox()) === null, { timeoutMs: 5000, what: 'the panel to close' });
    const restored = await page.evaluate(() => ({ margin: document.documentElement.style.marginRight, zoom: document.documentElement.style.zoom }));
    assert.deepEqual(restored, { margin: '', zoom: '' });
    await waitFor(() => page.evaluate(() => document.querySelectorAll('backstory-mark').length === 0), { timeoutMs: 5000, what: 'highlights removed' });
  });
});
