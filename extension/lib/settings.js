// The extension's settings, declared once: name, default, and what it does. The options page, the
// worker and the docs (docs/extension.md) all read this table.
{
  const ns = (globalThis.Backstory ??= {});

  const SETTINGS = [
    { name: 'port', default: 8765, help: 'Port of the Backstory sidecar on 127.0.0.1 (`backstory serve` uses 8765).' },
    { name: 'token', default: '', help: 'Pairing token: paste what `backstory token` prints.' },
    { name: 'mode', default: 'side-by-side', help: '"side-by-side" reflows the page so the panel never covers it; "overlay" lays the panel over the page.' },
    { name: 'auto', default: false, help: 'Analyse news pages automatically (asks for access to all sites when turned on).' },
    { name: 'highlights', default: true, help: 'Highlight the names of cited people in the page while the panel is open.' },
  ];
  const DEFAULTS = Object.fromEntries(SETTINGS.map((s) => [s.name, s.default]));
  const MODES = ['side-by-side', 'overlay'];
  // Origins the optional permission covers when automatic analysis is on.
  const AUTO_ORIGINS = ['http://*/*', 'https://*/*'];

  /** Clean up whatever storage holds into valid settings (bad values fall back to defaults). */
  function normalizeSettings(stored) {
    const s = { ...DEFAULTS, ...(stored || {}) };
    const port = Number.parseInt(String(s.port), 10);
    return {
      port: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULTS.port,
      token: typeof s.token === 'string' ? s.token.trim() : '',
      mode: MODES.includes(s.mode) ? s.mode : DEFAULTS.mode,
      auto: s.auto === true,
      highlights: s.highlights !== false,
    };
  }

  // Settings that are secrets: never sent to a content script or a panel (interface 3).
  const SECRET_SETTINGS = ['token'];

  /** The settings without their secrets: all that content scripts and the panel ever receive. */
  function publicSettings(settings) {
    const out = { ...settings };
    for (const name of SECRET_SETTINGS) delete out[name];
    return out;
  }

  /** Base URL of the sidecar: loopback only, never another host. */
  function sidecarBase(settings) {
    return `http://127.0.0.1:${settings.port}`;
  }

  ns.settings = { SETTINGS, DEFAULTS, MODES, AUTO_ORIGINS, normalizeSettings, sidecarBase, publicSettings };
}
