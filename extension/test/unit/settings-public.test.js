import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../lib/settings.js';

const { settings } = globalThis.Backstory;

test('publicSettings drops every secret setting and says only whether a token is set', () => {
  const full = settings.normalizeSettings({ port: 9001, token: 'the-secret-token-0123456789abcdefghijklmnop', mode: 'overlay', auto: true });
  const pub = settings.publicSettings(full);
  assert.deepEqual(pub, { port: 9001, mode: 'overlay', auto: true, highlights: true, paired: true });
  assert.ok(!JSON.stringify(pub).includes('the-secret-token'));
  assert.equal(settings.publicSettings(settings.normalizeSettings({})).paired, false);
  assert.equal(settings.publicSettings(null).paired, false);
  // every setting marked secret is dropped, including ones added later
  assert.deepEqual(settings.SECRET_NAMES, ['token']);
  const extra = settings.publicSettings({ ...full, someFutureSetting: 1 });
  assert.equal(extra.someFutureSetting, 1);
  assert.equal('token' in extra, false);
});

test('the token setting is declared secret and its help names `backstory pair`', () => {
  const token = settings.SETTINGS.find((s) => s.name === 'token');
  assert.equal(token.secret, true);
  assert.match(token.help, /backstory pair/);
});
