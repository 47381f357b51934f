// The manifest and the source tree keep their promises: narrow permissions, one manifest for both
// browsers, every referenced file present, one adapter for browser APIs, no HTML string injection.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { EXT_DIR, CONTENT_FILES } from '../helpers/load.js';

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

test('permissions are small: activeTab + scripting, loopback hosts, the rest optional', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'scripting', 'storage']);
  assert.deepEqual(manifest.host_permissions, ['http://127.0.0.1/*', 'http://localhost/*']);
  assert.deepEqual(manifest.optional_host_permissions, ['http://*/*', 'https://*/*']);
  assert.equal(manifest.content_scripts, undefined, 'no content script on every page by default');
  assert.equal(manifest.web_accessible_resources, undefined, 'nothing exposed to pages');
});

test('one manifest for Chrome and Firefox', () => {
  assert.equal(manifest.background.service_worker, 'background/worker.js');
  assert.deepEqual(manifest.background.scripts, ['background/worker.js']);
  assert.ok(manifest.browser_specific_settings.gecko.id);
  assert.ok(manifest.browser_specific_settings.gecko.strict_min_version);
  assert.ok(manifest.commands._execute_action.suggested_key.default);
});

test('every file the manifest and the worker reference exists', () => {
  const referenced = [
    manifest.background.service_worker, manifest.options_ui.page,
    ...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon),
    ...CONTENT_FILES, '/content/auto-start.js',
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
