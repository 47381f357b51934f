// Loaded after the content scripts only when automatic analysis is on (registered by the worker).
{
  const ns = globalThis.Backstory;
  if (ns && ns.main && !ns.autoStarted) {
    ns.autoStarted = true;
    ns.main.autoStart();
  }
}
