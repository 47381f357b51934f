// What a hostile page can do to the extension (issue 24, items 1 and 10), in real Chromium against
// the real sidecar holding the reader's notes. The page's own scripts are played by page.evaluate,
// which runs in the page's main world like any script the page ships.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FIXTURE_URL, chromiumSession, findAttack, findChromium, startSidecar, waitFor,
} from '../helpers/browser.js';

const CHROMIUM = findChromium();
// Private text the page must never find: the reader's note on the outlet and on the cited person.
const OUTLET_NOTE = 'qzx my doubts about this site come from a friend at the agency';
const PERSON_NOTE = 'wkv met him once in vienna';

describe('a hostile page against the extension (Chromium)', { skip: CHROMIUM ? false : 'no Chromium found', timeout: 240000 }, () => {
  let sidecar;
  let session;
  let browser;
  let page;

  before(async () => {
    sidecar = await startSidecar({ notes: [['outlet', 'globalresearch.ca', OUTLET_NOTE], ['person', 'Andrew Korybko', PERSON_NOTE]] });
    session = await chromiumSession(CHROMIUM, sidecar);
    ({ browser, page } = session);
  });

  after(async () => {
    if (session) await session.close();
    if (sidecar) await sidecar.stop();
  });

  /** Is a Backstory panel showing for this page: the browser's side panel, or one inside the page? */
  async function panelOpen() {
    const side = (await browser.panelTargets()).length > 0;
    const inPage = await page.evaluate(() => Array.from(document.querySelectorAll('backstory-panel'))
      .some((h) => { const r = h.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(h).display !== 'none'; }));
    return side || inPage;
  }

  /** Is a hover card showing in the page? */
  const hoverCardShown = () => page.evaluate(() => Array.from(document.querySelectorAll('backstory-card'))
    .some((h) => { const r = h.getBoundingClientRect(); const cs = getComputedStyle(h); return r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility === 'visible'; }));

  async function openAnalysed() {
    await page.goto(FIXTURE_URL);
    await browser.clickAction('globalresearch.ca');
    await waitFor(() => page.evaluate(() => document.querySelectorAll('backstory-mark').length > 0), { timeoutMs: 90000, what: 'the analysis and its highlights' });
  }

  test('window.find() cannot read the notes or the cards: the page hides its body and grows a guess', async () => {
    await openAnalysed();
    // Show the hover card of the cited person too (a real pointer, so the event is trusted).
    await page.hover('backstory-mark');
    await waitFor(hoverCardShown, { timeoutMs: 5000, what: 'the hover card' });
    // Words of the cards themselves too: the knowledge base's facts and the panel's own labels.
    const result = await page.evaluate(findAttack, {
      seeds: ['qzx', 'wkv'],
      probes: ['living in Moscow', 'perennial', 'Originally published', 'People cited', 'political analyst'],
    });
    assert.deepEqual(result.recovered, { qzx: '', wkv: '' }, `the page recovered private text: ${JSON.stringify(result.recovered)}`);
    assert.deepEqual(result.found, [], `the page found the cards' text: ${result.found.join(', ')}`);
    // The attack was real: with the body visible, window.find() does find page text.
    assert.equal(await page.evaluate(() => window.find('Korybko')), true);
  });

  test('marks carry no private text', async () => {
    const marks = await page.evaluate(() => Array.from(document.querySelectorAll('backstory-mark')).map((m) => ({
      text: m.textContent, attrs: Array.from(m.attributes).map((a) => `${a.name}=${a.value}`).join(' '),
    })));
    assert.ok(marks.length > 0);
    for (const m of marks) {
      assert.equal(m.text, 'Andrew Korybko');
      assert.doesNotMatch(m.attrs, /political analyst|qzx|wkv|Moscow|Backstory card/i, m.attrs);
    }
  });

  test('a fake <backstory-mark> with a mouseover shows nothing, and a synthetic event on a real one neither', async () => {
    await page.mouse.move(2, 2);
    await waitFor(async () => !(await hoverCardShown()), { timeoutMs: 5000, what: 'the hover card to hide' });
    const fired = await page.evaluate(() => {
      const fake = document.createElement('backstory-mark');
      fake.setAttribute('data-backstory-person', 'Andrew Korybko');
      fake.setAttribute('tabindex', '0');
      fake.textContent = 'Andrew Korybko (fake)';
      fake.id = 'fake-mark';
      document.querySelector('.entry-content p').append(fake);
      fake.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      fake.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      const real = document.querySelector('backstory-mark:not(#fake-mark)');
      real.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      return true;
    });
    assert.ok(fired);
    await page.waitForTimeout(800);
    assert.equal(await hoverCardShown(), false, 'a page-made event showed a hover card');
    // A real pointer on the fake mark shows nothing either; on a real mark it does (the check works).
    await page.hover('#fake-mark');
    await page.waitForTimeout(800);
    assert.equal(await hoverCardShown(), false, 'a real pointer on a page-made mark showed a hover card');
    await page.hover('backstory-mark:not(#fake-mark)');
    await waitFor(hoverCardShown, { timeoutMs: 5000, what: 'the hover card on a real mark' });
    await page.mouse.move(2, 2);
  });

  test('a synthetic Enter on a fake mark does not reopen a closed panel', async () => {
    assert.equal(await panelOpen(), true, 'the panel is open after the analysis');
    await browser.clickAction('globalresearch.ca'); // the toolbar button again closes it
    await waitFor(async () => !(await panelOpen()), { timeoutMs: 10000, what: 'the panel to close' });
    await page.evaluate(() => {
      for (const mark of document.querySelectorAll('backstory-mark')) {
        mark.focus();
        for (const type of ['keydown', 'keypress', 'keyup']) {
          mark.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }));
        }
        mark.click();
      }
    });
    await page.waitForTimeout(1000);
    assert.equal(await panelOpen(), false, 'a page-made Enter reopened the panel');
    // Even a real Enter on a mark the page made does nothing: only our own marks act.
    await page.focus('#fake-mark');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    assert.equal(await panelOpen(), false, 'a real Enter on a page-made mark reopened the panel');
  });
});
