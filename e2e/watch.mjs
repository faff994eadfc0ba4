// Shared by the Chromium and Firefox adapters, whose pages (playwright-core and puppeteer-core)
// send the same events: what went wrong in the page (console errors, page errors, failed requests),
// and whether a "leave page?" prompt was raised (it is dismissed). WebKit's driver reports none of
// these; the probe the test server injects covers it there.
export function watch(page) {
  const seen = { problems: [], prompted: false };
  page.on('console', (m) => { if (m.type() === 'error') seen.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => seen.problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => seen.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('dialog', async (d) => { if (d.type() === 'beforeunload') seen.prompted = true; await d.dismiss(); });
  return {
    problems: () => seen.problems,
    /** Reloads with `reload()`; says whether the widget asked before the page was left. */
    async reload(reload) {
      seen.prompted = false;
      // A dismissed "leave page?" prompt cancels the reload, which then never ends or fails.
      await reload().catch(() => {});
      return { prompted: seen.prompted };
    },
  };
}
