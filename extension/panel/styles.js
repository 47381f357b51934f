// Styles for the panel and the hover card. They live inside closed shadow roots, so the page's CSS
// cannot reach them and ours cannot leak out. The host element itself is still reached by the page's
// universal rules (`* { … !important }`), so :host resets everything with `all: initial !important`
// and sets its own box with !important (important declarations from the shadow context win over the
// page's, CSS Cascade 5 §6.3).
{
  const ns = (globalThis.Backstory ??= {});

  const THEME = `
  :host {
    all: initial !important;
    display: block !important;
    position: fixed !important;
    z-index: 2147483647 !important;
    box-sizing: border-box !important;
    margin: 0 !important;
    padding: 0 !important;
    border: 0 !important;
    transform: none !important;
    filter: none !important;
    opacity: 1 !important;
    visibility: visible !important;
    pointer-events: auto !important;
    color-scheme: light dark;
    --bs-bg: #fbfaf7 !important;
    --bs-fg: #1c1f24 !important;
    --bs-muted: #565d67 !important;
    --bs-line: #d9d5cc !important;
    --bs-card: #ffffff !important;
    --bs-accent: #1f3a5f !important;
    --bs-link: #1d4ed8 !important;
    --bs-low: #b91c1c !important;
    --bs-mixed: #92400e !important;
    --bs-ok: #166534 !important;
    --bs-focus: #2563eb !important;
    --bs-quote: #f3efe4 !important;
    font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif !important;
    color: var(--bs-fg) !important;
    text-align: left !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    font-style: normal !important;
    font-weight: 400 !important;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --bs-bg: #16191e !important;
      --bs-fg: #e8e6e1 !important;
      --bs-muted: #a6adb8 !important;
      --bs-line: #353b45 !important;
      --bs-card: #1e2228 !important;
      --bs-accent: #9cc3ff !important;
      --bs-link: #8ab4ff !important;
      --bs-low: #fca5a5 !important;
      --bs-mixed: #fcd34d !important;
      --bs-ok: #86efac !important;
      --bs-focus: #93c5fd !important;
      --bs-quote: #262b33 !important;
    }
  }
  *, *::before, *::after { box-sizing: border-box; }
  a { color: var(--bs-link); text-decoration: underline; text-underline-offset: 2px; overflow-wrap: anywhere; }
  :focus-visible { outline: 3px solid var(--bs-focus); outline-offset: 2px; border-radius: 3px; }
  h2, h3, h4, p, ul, ol, blockquote, dl, dd { margin: 0; padding: 0; }
  ul { list-style: none; }
  button {
    font: inherit; color: inherit; cursor: pointer;
    border: 1px solid var(--bs-line); background: var(--bs-card); border-radius: 6px; padding: 4px 10px;
  }
  button:hover { border-color: var(--bs-accent); }
  .muted { color: var(--bs-muted); }
  .small { font-size: 0.85em; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
    white-space: nowrap; border: 0; padding: 0; margin: -1px;
  }
  .card {
    background: var(--bs-card); border: 1px solid var(--bs-line); border-radius: 8px;
    padding: 10px 12px; margin: 0 0 10px;
  }
  .card .card { padding: 8px 10px; margin: 8px 0 0; border-style: dashed; }
  .card h3 { font-size: 1.05em; font-weight: 650; margin: 0 0 2px; overflow-wrap: anywhere; }
  .card h4 { font-size: 0.8em; font-weight: 650; text-transform: uppercase; letter-spacing: 0.04em;
             color: var(--bs-muted); margin: 10px 0 4px; }
  .kind { font-size: 0.75em; font-weight: 650; text-transform: uppercase; letter-spacing: 0.05em; color: var(--bs-muted); }
  .role { font-style: italic; }
  .ratings li, .facts li, .claims li, .evidence li, .notes li, .list li { margin: 0 0 6px; }
  .rater { font-size: 0.9em; color: var(--bs-muted); }
  .verdict { font-weight: 600; border-left: 3px solid var(--bs-line); padding-left: 6px; }
  .lean-low .verdict { border-left-color: var(--bs-low); }
  .lean-ok .verdict { border-left-color: var(--bs-ok); }
  .ratings li { margin-bottom: 10px; }
  details.more summary { cursor: pointer; color: var(--bs-link); font-size: 0.9em; margin: 2px 0 6px; }
  .disagree { color: var(--bs-mixed); font-weight: 650; }
  .src { font-size: 0.85em; color: var(--bs-muted); }
  .src a { color: var(--bs-link); }
  .label { font-size: 0.85em; color: var(--bs-muted); font-style: italic; }
  .state-affiliation li { border-left: 3px solid var(--bs-mixed); padding-left: 6px; }
  .state-affiliation li::before { content: none !important; }
  .claims li::before, .facts li::before { content: "– "; color: var(--bs-muted); }
  .match-possible { border-left: 4px solid var(--bs-mixed); padding-left: 8px; }
  .badge { display: inline-block; font-size: 0.75em; font-weight: 650; padding: 0 6px; border-radius: 999px;
           border: 1px solid currentColor; }
  .badge.possible { color: var(--bs-mixed); }
  .quote {
    display: block; width: 100%; text-align: left; background: var(--bs-quote); border: 0;
    border-left: 3px solid var(--bs-accent); border-radius: 0 6px 6px 0; padding: 6px 8px; margin: 4px 0;
    font-style: italic;
  }
  .quote > span:first-child {
    display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 5; line-clamp: 5; overflow: hidden;
  }
  .quote .cue { font-style: normal; font-size: 0.85em; color: var(--bs-muted); display: block; margin-top: 2px; }
  .state { border-left: 4px solid var(--bs-low); }
  .state.info { border-left-color: var(--bs-accent); }
  .state p { margin: 0 0 8px; }
  code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em;
         background: var(--bs-quote); padding: 0 4px; border-radius: 4px; }
  .actions { display: flex; gap: 8px; flex-wrap: wrap; }
  .spinner { color: var(--bs-muted); font-style: italic; }
  `;

  const PANEL = `
  :host {
    top: 0 !important;
    right: 0 !important;
    left: auto !important;
    bottom: auto !important;
    height: 100vh !important;
    width: var(--bs-width, 380px) !important;
    max-width: 100vw !important;
    min-width: 0 !important;
    min-height: 0 !important;
    max-height: 100vh !important;
    inset: 0 0 auto auto !important;
    overflow: hidden !important;
    outline: none !important;
    background: var(--bs-bg) !important;
    border: 0 !important;
    border-left: 1px solid var(--bs-line) !important;
  }
  :host([data-mode="overlay"]) { box-shadow: -8px 0 24px rgba(0, 0, 0, 0.25) !important; }
  :host([hidden]) { display: none !important; }
  .panel { height: 100%; display: flex; flex-direction: column; background: var(--bs-bg); }
  header {
    display: flex; align-items: center; justify-content: space-between; gap: 8px;
    padding: 10px 12px; border-bottom: 1px solid var(--bs-line);
  }
  header h2 { font-size: 1.1em; font-weight: 700; color: var(--bs-accent); }
  header h2:focus { outline: none; }
  header h2:focus-visible { outline: 3px solid var(--bs-focus); }
  .body { flex: 1; overflow-y: auto; padding: 12px; overscroll-behavior: contain; }
  section > h3.section { font-size: 0.8em; font-weight: 650; text-transform: uppercase; letter-spacing: 0.05em;
                         color: var(--bs-muted); margin: 14px 0 6px; }
  footer { padding: 6px 12px; border-top: 1px solid var(--bs-line); font-size: 0.8em; color: var(--bs-muted); }
  `;

  const CARD = `
  :host {
    right: auto !important;
    width: min(360px, calc(100vw - 16px)) !important;
    max-height: min(60vh, 480px) !important;
    overflow: auto !important;
    background: var(--bs-bg) !important;
    border: 1px solid var(--bs-line) !important;
    border-radius: 10px !important;
    box-shadow: 0 8px 28px rgba(0, 0, 0, 0.28) !important;
    padding: 8px !important;
  }
  :host([hidden]) { display: none !important; }
  .card { margin: 0; border: 0; }
  `;

  ns.styles = { panel: THEME + PANEL, card: THEME + CARD };
}
