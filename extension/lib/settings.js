// The extension's settings, declared once: name, default, and what it does. The options page, the
// worker and the docs (docs/extension.md) all read this table. They live in storage.local, which
// never syncs: the pairing token belongs to this browser only (each browser has its own, see
// docs/extension.md "Pairing"). A setting marked `secret` never leaves the worker and the options
// page: publicSettings() drops it before anything is handed to a content script or a page.
{
  const ns = (globalThis.Backstory ??= {});

  const SETTINGS = [
    { name: 'port', default: 8765, help: 'Port of the Backstory sidecar on 127.0.0.1 (`backstory serve` uses 8765).' },
    { name: 'token', default: '', secret: true, help: 'Pairing token of this browser: paste what `backstory pair` prints (or `backstory token`, for the first browser you pair).' },
    { name: 'mode', default: 'side-by-side', help: 'Only where the browser has no side panel, so the panel opens inside the page: "side-by-side" makes room (or scales the page down) so the panel never covers the article; "overlay" lays the panel over the page, with a button to fold it away.' },
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

  const SECRET_NAMES = SETTINGS.filter((s) => s.secret).map((s) => s.name);

  /**
   * The settings a content script may see: every setting but the secret ones, and whether a token is
   * set (`paired`). What the worker answers content scripts with (interface 3 in the coordination notes).
   */
  function publicSettings(settings) {
    const out = {};
    for (const [name, value] of Object.entries(settings || {})) {
      if (!SECRET_NAMES.includes(name)) out[name] = value;
    }
    out.paired = Boolean(settings && typeof settings.token === 'string' && settings.token);
    return out;
  }

  /** Base URL of the sidecar: loopback only, never another host. */
  function sidecarBase(settings) {
    return `http://127.0.0.1:${settings.port}`;
  }

  ns.settings = { SETTINGS, DEFAULTS, MODES, AUTO_ORIGINS, SECRET_NAMES, normalizeSettings, publicSettings, sidecarBase };
}
