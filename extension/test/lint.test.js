// `web-ext lint` (Mozilla's addons-linter) must pass: no errors. The warnings we accept are Firefox
// ignoring what is there for Chrome: background.service_worker (Firefox uses background.scripts) and
// the "sidePanel" permission (Firefox uses sidebar_action, which needs none).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { EXT_DIR } from './helpers/load.js';

const ACCEPTED_WARNINGS = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED']);

test('web-ext lint passes', () => {
  const bin = path.join(EXT_DIR, 'node_modules/.bin/web-ext');
  // No update check (it would phone the npm registry) and no user config files: the same lint everywhere.
  const r = spawnSync(bin, ['lint', '--source-dir', EXT_DIR, '--output', 'json', '--no-input', '--no-config-discovery',
    '--ignore-files', 'node_modules/**', 'test/**', 'scripts/**', 'package.json', 'package-lock.json'],
  { encoding: 'utf8', timeout: 120000, env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  let report;
  try {
    report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  } catch {
    assert.fail(`web-ext lint did not give JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  const describe = (list) => list.map((m) => `${m.code}: ${m.message} (${m.file || ''})`).join('\n');
  assert.equal(report.errors.length, 0, describe(report.errors));
  const chromeOnly = (w) => w.code === 'MANIFEST_PERMISSIONS' && /Invalid permissions "sidePanel"/.test(w.message);
  const unexpected = report.warnings.filter((w) => !ACCEPTED_WARNINGS.has(w.code) && !chromeOnly(w));
  assert.equal(unexpected.length, 0, describe(unexpected));
  assert.equal(r.status, 0);
});
