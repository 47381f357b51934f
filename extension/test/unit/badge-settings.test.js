import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../lib/settings.js';
import '../../lib/badge.js';
import { SEED_OUTLET } from '../helpers/fake-sidecar.js';

const { badge, settings } = globalThis.Backstory;

test('badge: the outlet\'s rating state at a glance', () => {
  assert.equal(badge.badgeFor(SEED_OUTLET).state, 'low');
  assert.equal(badge.badgeFor(SEED_OUTLET).text, '!');
  assert.match(badge.badgeFor(SEED_OUTLET).title, /generally unreliable/);
  assert.equal(badge.badgeFor({ name: 'X', ratings: [] }).state, 'unrated');
  assert.equal(badge.badgeFor({ name: 'X', ratings: [{ rater: 'a', verdict: 'generally reliable' }] }).state, 'ok');
  assert.equal(badge.badgeFor({ name: 'X', ratings: [{ rater: 'a', verdict: 'not generally reliable' }] }).state, 'low');
  assert.equal(badge.badgeFor({ name: 'X', raters_disagree: true, ratings: [{ rater: 'a', verdict: 'generally reliable' }, { rater: 'b', score: 0.2 }] }).state, 'mixed');
  assert.equal(badge.badgeFor({ name: 'X', ratings: [{ rater: 'a', verdict: 'no consensus' }] }).state, 'unrated');
  assert.equal(badge.badgeFor(null).state, 'unrated');
});

test('settings: defaults, cleaning, loopback only', () => {
  assert.deepEqual(settings.normalizeSettings({}), { port: 8765, token: '', mode: 'side-by-side', auto: false, highlights: true });
  assert.deepEqual(settings.normalizeSettings({ port: '9001', token: '  abc \n', mode: 'overlay', auto: true, highlights: false }),
    { port: 9001, token: 'abc', mode: 'overlay', auto: true, highlights: false });
  assert.equal(settings.normalizeSettings({ port: 70000 }).port, 8765);
  assert.equal(settings.normalizeSettings({ port: 'x' }).port, 8765);
  assert.equal(settings.normalizeSettings({ mode: 'fullscreen' }).mode, 'side-by-side');
  assert.equal(settings.normalizeSettings({ auto: 'yes' }).auto, false);
  assert.equal(settings.sidecarBase({ port: 1234 }), 'http://127.0.0.1:1234');
  for (const s of settings.SETTINGS) assert.ok(s.help.length > 10, `setting ${s.name} has help`);
});

test('public settings never carry the pairing token (interface 3)', () => {
  const full = settings.normalizeSettings({ token: 'secret-token', port: 9001 });
  const pub = settings.publicSettings(full);
  assert.equal(full.token, 'secret-token');
  assert.equal('token' in pub, false);
  assert.doesNotMatch(JSON.stringify(pub), /secret-token/);
  assert.equal(pub.port, 9001);
  assert.equal(pub.highlights, true);
});
