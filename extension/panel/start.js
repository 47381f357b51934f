// Starts the panel page (kept apart from app.js so tests can load the app without starting it).
globalThis.Backstory.panelApp.createPanelApp({ doc: document, search: location.search }).start();
