// Shared by the Chromium and Firefox adapters, whose pages (playwright-core and puppeteer-core)
// send the same events: what went wrong in the page (console errors and warnings, page errors,
// failed requests), and whether a "leave page?" prompt was raised (it is dismissed). WebKit's
// driver reports none of these; the probe the test server injects covers it there.

// The one warning the widget gives on purpose: the theme guard naming a host's careless colours
// (the tests that set such a theme check its text). Any other warning is a problem: the browser's
// own ones (an `integrity` it ignores, a preload never used) included.
export const THEME_WARNING = /^<trial-self-check>: theme colours below WCAG/;

/** The problem a console message is, if any: every error, and every warning but the theme guard's. */
export function consoleProblem(type, text) {
  if (type === 'error') return `console: ${text}`;
  // Playwright calls it 'warning', puppeteer 'warn'.
  if ((type === 'warning' || type === 'warn') && !THEME_WARNING.test(text)) return `console warning: ${text}`;
  return null;
}

export function watch(page) {
  const seen = { problems: [], prompted: false };
  page.on('console', (m) => {
    const problem = consoleProblem(m.type(), m.text());
    if (problem) seen.problems.push(problem);
  });
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
