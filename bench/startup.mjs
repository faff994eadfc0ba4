// Not a test: prints where start-up time goes on the release page (resource timings, the wasm
// instantiation, Start armed by boot.js on the static screen, the widget's takeover in main(), the live Start), over N fresh
// loads. Usage (after a release build): node bench/startup.mjs [N] [CPU slow-down]
import { launch } from '../e2e/browser.mjs';
import { serve } from '../e2e/server.mjs';

const runs = Number(process.argv[2] ?? 8);
const throttle = Number(process.argv[3] ?? 1);
const server = await serve('dist', { probe: false });   // the page as built, without the test probe
const browser = await launch();
const rows = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(() => {
    window.__marks = {};
    const mark = (k) => { window.__marks[k] ??= Math.round(performance.now()); };
    for (const name of ['instantiateStreaming', 'instantiate', 'compileStreaming']) {
      const orig = WebAssembly[name];
      WebAssembly[name] = async function (...args) {
        mark(`${name}:call`);
        const r = await orig.apply(this, args);
        mark(`${name}:done`);
        return r;
      };
    }
    // The static start screen (armed: boot.js enabled Start), then the widget's takeover (main()
    // removes `data-static` and draws the live screen).
    new MutationObserver((_, obs) => {
      const root = document.getElementById('trial-self-check');
      if (root?.hasAttribute('data-static') && document.getElementById('tsc-start')?.disabled === false) mark('armed');
      if (root && !root.hasAttribute('data-static') && document.getElementById('tsc-start')) {
        mark('takenOver');
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto(server.url);
  await page.waitForSelector('#trial-self-check:not([data-static]) #tsc-start');
  const t = await page.evaluate(() => {
    const r = {};
    for (const e of performance.getEntriesByType('resource')) {
      let k = e.name.split('/').pop().replace('trial-self-check', 'tsc');
      while (k in r) k += "'";
      r[k] = `${Math.round(e.startTime)}-${Math.round(e.responseEnd)}`;
    }
    const nav = performance.getEntriesByType('navigation')[0];
    return { html: Math.round(nav.responseEnd), dcl: Math.round(nav.domContentLoadedEventEnd), ...r, ...window.__marks };
  });
  rows.push(t);
  await context.close();
}
console.table(rows);
await browser.close();
await server.close();
