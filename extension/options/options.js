// Options page: port, this browser's pairing token, panel mode, automatic analysis (settings are
// declared in lib/settings.js). It says which state the pairing is in, as the sidecar proves it
// (lib/sidecar-client.js status()), and what to do about it.
import '../lib/browser-api.js';
import '../lib/settings.js';
import '../lib/sidecar-client.js';

const { browserApi: api, settings: S, sidecar } = globalThis.Backstory;
const $ = (id) => document.getElementById(id);
const GOOD = ['paired', 'starting'];

function say(text, kind = '') {
  const status = $('status');
  status.textContent = text;
  status.className = kind;
}

/** Show a connection state (a status() result, or {state: 'checking'}) in the Connection box. */
function showState(result, port) {
  const box = $('pairing');
  const d = result.state === 'checking'
    ? { title: 'Checking…', text: `Asking the sidecar on 127.0.0.1:${port} to prove it is yours.`, next: '' }
    : sidecar.describe(result, port);
  box.dataset.state = result.state === 'not_paired' ? `not_paired:${result.reason || 'unknown_token'}` : result.state;
  box.dataset.kind = result.state === 'checking' ? '' : GOOD.includes(result.state) ? 'good' : 'bad';
  $('pairing-title').textContent = d.title;
  $('pairing-text').textContent = d.text;
  $('pairing-next').textContent = d.next;
  return d;
}

/** Ask the sidecar where this browser stands; returns the description shown. */
async function check(s) {
  showState({ state: 'checking' }, s.port);
  const result = s.token ? await sidecar.status(s) : { ok: false, state: 'not_paired', reason: 'no_token' };
  return { result, d: showState(result, s.port) };
}

async function load() {
  const s = S.normalizeSettings(await api.getStorage(S.DEFAULTS));
  $('port').value = String(s.port);
  $('token').value = s.token;
  $(s.mode === 'overlay' ? 'mode-overlay' : 'mode-side').checked = true;
  $('highlights').checked = s.highlights;
  let permitted = false;
  try { permitted = await api.hasOrigins(S.AUTO_ORIGINS); } catch { permitted = false; }
  $('auto').checked = s.auto && permitted;
  await check(s);
}

function readForm() {
  return S.normalizeSettings({
    port: $('port').value,
    token: $('token').value,
    mode: document.querySelector('input[name="mode"]:checked')?.value,
    auto: $('auto').checked,
    highlights: $('highlights').checked,
  });
}

async function save() {
  const s = readForm();
  // Firefox treats MV3 host permissions as optional: ask for the sidecar's origin (a no-op in Chrome).
  try { await api.requestOrigins(['http://127.0.0.1/*']); } catch { /* not in a user gesture, or refused */ }
  await api.setStorage(s);
  await api.sendMessage({ type: 'backstory:sync-auto' }).catch(() => {});
  $('port').value = String(s.port);
  $('token').value = s.token;
  return s;
}

async function saveAndCheck() {
  const s = await save();
  say('Saved. Testing…');
  const { result, d } = await check(s);
  say(`${d.title}: ${d.text}`, GOOD.includes(result.state) ? 'good' : 'bad');
}

$('options').addEventListener('submit', (e) => { e.preventDefault(); saveAndCheck(); });
$('test').addEventListener('click', () => { saveAndCheck(); });
$('show-token').addEventListener('change', (e) => { $('token').type = e.target.checked ? 'text' : 'password'; });
$('auto').addEventListener('change', async (e) => {
  if (e.target.checked) {
    // The permission prompt must come straight from this click (a user gesture).
    let granted = false;
    try { granted = await api.requestOrigins(S.AUTO_ORIGINS); } catch { granted = false; }
    if (!granted) {
      e.target.checked = false;
      say('Automatic analysis needs access to the sites you read; it stays off.', 'bad');
      return;
    }
  } else {
    try { await api.removeOrigins(S.AUTO_ORIGINS); } catch { /* keep going */ }
  }
  await save();
  say(e.target.checked ? 'Automatic analysis is on.' : 'Automatic analysis is off.', 'good');
});

load();
$('highlights').addEventListener('change', () => { save(); });

// The panel's shortcut, as the browser assigned it (it may refuse a key another shortcut holds).
async function showShortcut() {
  const answer = await api.sendMessage({ type: 'backstory:shortcut' }).catch(() => null);
  const key = answer && answer.shortcut;
  $('shortcut-text').textContent = key
    ? `The toolbar button or ${key} opens and closes it.`
    : 'The toolbar button opens and closes it; no keyboard shortcut is set.';
  const firefox = /^moz-extension:/.test(globalThis.location ? globalThis.location.href : '');
  $('shortcut-link').textContent = key ? 'Change the shortcut' : 'Set a shortcut';
  $('shortcut-link').addEventListener('click', (e) => {
    e.preventDefault();
    say(firefox
      ? 'In Firefox: about:addons → the gear menu → Manage Extension Shortcuts.'
      : 'In Chrome: open chrome://extensions/shortcuts (extensions cannot open that page themselves).');
  });
}
showShortcut();
