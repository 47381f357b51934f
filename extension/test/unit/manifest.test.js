// The manifest and the source tree keep their promises: narrow permissions, one manifest for both
// browsers, every referenced file present, one adapter for browser APIs, no HTML string injection.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CONTENT_FILES, EXT_DIR, pageScripts } from '../helpers/load.js';

const manifest = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'manifest.json'), 'utf8'));
const SOURCE_DIRS = ['background', 'content', 'panel', 'options', 'lib'];

function sourceFiles() {
  const out = [];
  for (const dir of SOURCE_DIRS) {
    for (const f of fs.readdirSync(path.join(EXT_DIR, dir), { recursive: true })) {
      if (/\.(js|html)$/.test(f)) out.push(path.join(dir, f));
    }
  }
  return out;
}

test('permissions are small: activeTab + scripting + the side panel, loopback hosts, the rest optional', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'scripting', 'sidePanel', 'storage']);
  assert.deepEqual(manifest.host_permissions, ['http://127.0.0.1/*', 'http://localhost/*']);
  assert.deepEqual(manifest.optional_host_permissions, ['http://*/*', 'https://*/*']);
  assert.equal(manifest.content_scripts, undefined, 'no content script on every page by default');
});

test('pages may frame only the panel and the hover card, at a per-session address', () => {
  // The in-page fallback and the hover card are extension frames: the page cannot read or search them.
  assert.deepEqual(manifest.web_accessible_resources, [{
    resources: ['panel/panel.html', 'panel/card.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true,
  }]);
});

test('one manifest for Chrome and Firefox: each browser\'s own side panel, one shortcut', () => {
  assert.equal(manifest.background.service_worker, 'background/worker.js');
  assert.deepEqual(manifest.background.scripts, ['background/worker.js']);
  assert.ok(manifest.browser_specific_settings.gecko.id);
  assert.ok(manifest.browser_specific_settings.gecko.strict_min_version);
  assert.equal(manifest.side_panel.default_path, 'panel/panel.html');
  assert.equal(manifest.sidebar_action.default_panel, 'panel/panel.html');
  assert.equal(manifest.sidebar_action.open_at_install, false);
  // One suggested key (Chrome assigns at most four), on the toolbar button's command; not Alt+Shift+B,
  // which Chrome keeps for "focus the bookmarks bar" and so never assigned (docs/extension.md).
  const suggested = Object.values(manifest.commands).filter((c) => c.suggested_key);
  assert.equal(suggested.length, 1);
  assert.equal(manifest.commands._execute_action.suggested_key.default, 'Alt+Shift+K');
});

test('every file the manifest and the worker reference exists', () => {
  const referenced = [
    manifest.background.service_worker, manifest.options_ui.page, manifest.side_panel.default_path,
    manifest.sidebar_action.default_panel, ...manifest.web_accessible_resources[0].resources,
    ...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon),
    ...CONTENT_FILES, '/content/auto-start.js',
    ...pageScripts('panel/panel.html'), ...pageScripts('panel/card.html'),
  ];
  for (const f of referenced) assert.ok(fs.existsSync(path.join(EXT_DIR, f)), `missing ${f}`);
  const worker = fs.readFileSync(path.join(EXT_DIR, 'background/worker.js'), 'utf8');
  const list = worker.match(/CONTENT_FILES = \[([^\]]+)\]/)[1].match(/'([^']+)'/g).map((s) => s.slice(1, -1));
  assert.deepEqual(list, CONTENT_FILES, 'test helper and worker inject the same files');
  // Firefox resolves relative paths against the worker's own URL (background/…).
  for (const f of list) assert.ok(f.startsWith('/'), `${f} must be absolute`);
});

test('chrome.* / browser.* only in lib/browser-api.js', () => {
  for (const f of sourceFiles()) {
    if (f === path.join('lib', 'browser-api.js')) continue;
    const src = fs.readFileSync(path.join(EXT_DIR, f), 'utf8');
    assert.doesNotMatch(src, /\b(chrome|browser)\.(runtime|tabs|storage|scripting|action|permissions|commands)\b/, f);
  }
});

test('no HTML strings are injected: no innerHTML, outerHTML=, insertAdjacentHTML, document.write', () => {
  for (const f of sourceFiles().filter((x) => x.endsWith('.js'))) {
    const src = fs.readFileSync(path.join(EXT_DIR, f), 'utf8');
    assert.doesNotMatch(src, /\.innerHTML\b|\.outerHTML\s*=[^=]|insertAdjacentHTML|document\.write|\beval\(|new Function\(/, f);
  }
});

test('content scripts never load the renderer: no card is built in the page\'s document', () => {
  for (const f of CONTENT_FILES) assert.doesNotMatch(f, /panel\/|render/, f);
  for (const f of CONTENT_FILES) {
    const src = fs.readFileSync(path.join(EXT_DIR, f), 'utf8');
    assert.doesNotMatch(src, /ns\.render\b|textContent = [^;]*(?:role|verdict|claim)/, f);
  }
});
