// The test probe: the e2e server puts this script first in every HTML page it serves (never in
// dist/ itself), so every engine records the same things before any page script runs. WebKit's
// WebDriver has no init scripts and no console or network events, so this is how its tests see
// CSP violations, uncaught errors and console.error and console.warn calls; Chromium and Firefox report those
// through their protocols as well. It also records what a host page would receive from the
// widget's opt-in outcome event, and can hold the widget back (`?hold-wasm`). A classic script, so it runs before the page's module scripts.
(() => {
  const w = window;
  w.__cspViolations = [];
  w.__errors = [];
  w.__outcomes = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  // Capture, so a resource that fails to load (its error event does not bubble) is seen too.
  w.addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) w.__errors.push(`page error: ${e.message}`);
    else if (e.target && e.target !== w) w.__errors.push(`failed to load: ${e.target.src || e.target.href || e.target.tagName}`);
  }, true);
  w.addEventListener('unhandledrejection', (e) => w.__errors.push(`unhandled rejection: ${e.reason}`));
  const consoleError = console.error;
  console.error = function (...args) {
    w.__errors.push(`console: ${args.map(String).join(' ')}`);
    return consoleError.apply(this, args);
  };
  // Warnings from script too (the browser's own only reach Chromium's and Firefox's drivers), but
  // the theme guard's, which the tests of a careless theme expect (e2e/watch.mjs, THEME_WARNING).
  const consoleWarn = console.warn;
  console.warn = function (...args) {
    const text = args.map(String).join(' ');
    if (!/^<trial-self-check>: theme colours below WCAG/.test(text)) w.__errors.push(`console warning: ${text}`);
    return consoleWarn.apply(this, args);
  };
  document.addEventListener('trial-self-check-outcome', (e) => w.__outcomes.push(e.detail));
  // `?hold-wasm` in the address: the module is fetched as usual but not started until the test
  // calls __releaseWasm(), so a test can act on the page before the widget is ready.
  if (new URLSearchParams(location.search).has('hold-wasm')) {
    let release;
    const held = new Promise((r) => { release = r; });
    w.__releaseWasm = () => release();
    for (const name of ['instantiateStreaming', 'instantiate']) {
      const original = WebAssembly[name];
      WebAssembly[name] = (...args) => held.then(() => original.apply(WebAssembly, args));
    }
  }
})();
