// Shared by the Chromium and Firefox adapters, whose pages (playwright-core and puppeteer-core)
// send the same events: what went wrong in the page (console errors and warnings, page errors,
// failed requests), and whether a "leave page?" prompt was raised (it is dismissed). WebKit's
// driver reports none of these; the probe the test server injects covers it there.

// The one warning the widget gives on purpose: the theme guard naming a host's careless colours
// (the tests that set such a theme check its text). Any other warning is a problem, the browser's
// own ones (an `integrity` it ignores, a preload never used) included, but those the test's host
// page causes by design: Chromium's note on a frame sandboxed with both allow-scripts and
// allow-same-origin (examples/host/sandboxed.html, the setting the widget's docs describe).
export const THEME_WARNING = /^<trial-self-check>: theme colours below WCAG/;
const HOST_WARNINGS = [THEME_WARNING, /^An iframe which has both allow-scripts and allow-same-origin for its sandbox attribute/];

/** The problem a console message is, if any: every error, and every warning the widget causes. */
export function consoleProblem(type, text) {
  if (type === 'error') return `console: ${text}`;
  // Playwright calls it 'warning', puppeteer 'warn'.
  if ((type === 'warning' || type === 'warn') && !HOST_WARNINGS.some((w) => w.test(text))) return `console warning: ${text}`;
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
