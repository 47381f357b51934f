// Options page: port, token, panel mode, automatic analysis. Settings are declared in lib/settings.js.
import '../lib/browser-api.js';
import '../lib/settings.js';

const { browserApi: api, settings: S } = globalThis.Backstory;
const $ = (id) => document.getElementById(id);

function say(text, kind = '') {
  const status = $('status');
  status.textContent = text;
  status.className = kind;
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
  say('Saved.', 'good');
}

async function testConnection() {
  await save();
  say('Testing…');
  const answer = await api.sendMessage({ type: 'backstory:health' });
  if (answer && answer.ok) {
    say(`Paired: the sidecar ${answer.data.version ? `v${answer.data.version} ` : ''}answers on port ${readForm().port}.`, 'good');
  } else if (answer && answer.state === 'not_running') {
    say(`Nothing answers on 127.0.0.1:${readForm().port}. Start the sidecar with "make serve".`, 'bad');
  } else if (answer && answer.state === 'not_paired') {
    say('The sidecar answers but refuses the token. Paste what "backstory token" prints.', 'bad');
  } else {
    say(`Error: ${(answer && answer.message) || 'no answer'}`, 'bad');
  }
}

$('options').addEventListener('submit', (e) => { e.preventDefault(); save(); });
$('test').addEventListener('click', () => { testConnection(); });
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
  const firefox = /moz-extension:/.test(location.href);
  $('shortcut-link').textContent = key ? 'Change the shortcut' : 'Set a shortcut';
  $('shortcut-link').addEventListener('click', (e) => {
    e.preventDefault();
    say(firefox
      ? 'In Firefox: about:addons → the gear menu → Manage Extension Shortcuts.'
      : 'In Chrome: open chrome://extensions/shortcuts (extensions cannot open that page themselves).');
  });
}
showShortcut();
