// Load the extension's plain-script files into a jsdom window, the way the browser injects them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

export const EXT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE = path.resolve(EXT_DIR, '../tests/fixtures/globalresearch-cpc-attack.html');
export const FIXTURE_URL = 'https://www.globalresearch.ca/ukraine-attacks-us-linked-facilities-russia/5882377';
export const CONTENT_FILES = [
  '/lib/browser-api.js', '/content/anchor.js', '/content/highlights.js', '/content/frame-host.js', '/content/main.js',
];

/** The plain scripts an extension page loads, in order, read from its HTML (e.g. 'panel/panel.html'). */
export function pageScripts(page) {
  const html = fs.readFileSync(path.join(EXT_DIR, page), 'utf8');
  const dir = path.posix.dirname(page);
  return Array.from(html.matchAll(/<script src="([^"]+)"><\/script>/g), (m) => path.posix.normalize(path.posix.join(dir, m[1])));
}

export function fixtureHtml() {
  return fs.readFileSync(FIXTURE, 'utf8');
}

/** A jsdom window with `files` evaluated in it; `before(window)` runs first (e.g. to add a fake chrome). */
export function loadInto(html, files, { url = FIXTURE_URL, before } = {}) {
  const dom = new JSDOM(html, { runScripts: 'outside-only', url, pretendToBeVisual: true });
  if (before) before(dom.window);
  for (const file of files) dom.window.eval(fs.readFileSync(path.join(EXT_DIR, file), 'utf8'));
  return { dom, window: dom.window, document: dom.window.document, ns: dom.window.Backstory };
}
