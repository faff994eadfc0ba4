// Shared helpers for the end-to-end tests: Debian's Chromium through playwright-core for the
// Chromium-only tests, a page that fails the test on any CSP violation, console error or failed
// request, and patient-like actions. The actions (walk, answer, heading…) take either a Playwright
// page or locator, or the engine-neutral one from engines.mjs, which offers the same calls.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { consoleProblem } from './watch.mjs';
import { LIKELY } from './plans.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How long any wait for a condition may take before the test fails (engines.mjs uses the same). */
export const WAIT_MS = 10_000;

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..');
export const OUT = path.join(ROOT, 'e2e', 'out');
export const TRIAL = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/NCT07117435/trial.json'), 'utf8'));
export const UI = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/ui.json'), 'utf8'));
// The widget's version: the root package's, the first `version =` in Cargo.toml.
export const WIDGET_VERSION = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/**
 * For one test file: serves `root` (plus `mounts`) under the strict CSP and launches Chromium
 * before its tests, closes both after them. Returns { server, browser }, filled in by then.
 */
export function useServerAndBrowser(root, mounts = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve(root, { mounts });
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A new page that records problems: console errors and warnings (watch.mjs), CSP violations, failed or 4xx/5xx requests. */
export async function openPage(browser, url, { viewport = { width: 360, height: 740 }, expectProblems = false } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    const problem = consoleProblem(m.type(), m.text());
    if (problem) problems.push(problem);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => requests.push(r.url()));
  // The server's probe (probe.js) records CSP violations, errors and outcome events in the page.
  await page.goto(url);
  const check = async () => {
    const [csp, errors] = await page.evaluate(() => [window.__cspViolations, window.__errors]);
    return [...new Set([...problems, ...errors, ...csp.map((v) => `CSP violation: ${v}`)])];
  };
  return { page, context, requests, problems: check, expectProblems };
}

const lang = (l) => (l === 'zh' ? 'zh-CN' : 'en');

/** The visible heading of the current screen. `scope` is the page or one widget's locator. */
export async function heading(scope) {
  return (await scope.locator('.tsc-heading').first().innerText()).trim();
}

/** Waits until the heading is no longer `before` (the next screen has rendered). */
export async function nextScreen(scope, before) {
  // Polls for the condition until the bound every wait in the suite has (WAIT_MS): a count of
  // polls was a time in disguise (about 2 s), which a loaded machine's WebKit overran mid-walk.
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const now = await scope.locator('.tsc-heading').first().innerText().catch(() => before);
    if (now.trim() !== before) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the screen did not change from ${before}`);
}

/**
 * The plain message of an element that cannot start (`selector`): in its shadow root when the
 * start screen was drawn there first (a snippet, or a bare tag's start file), else in its own
 * content. Wait for `[data-state="cannot-start"]` first.
 */
export function refusal(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el.shadowRoot?.querySelector('.tsc-root')?.innerText || el.innerText;
  }, selector);
}

/** Waits until the element `selector` holds the live widget, not the build's start screen. */
export async function elementMounted(page, selector = 'trial-self-check') {
  await page.locator(`${selector} .tsc-root:not([data-static]) #tsc-start`).waitFor();
}

/** Which question is on screen, found by reading its heading as a patient would. */
/**
 * A story's answers (from a trial's stories.json, `stories` its list) with its `like` chain
 * resolved, as a walk plan: 'yes' | 'no' | '?' | an option id | a number.
 */
export function storyPlan(stories, story) {
  const base = story.like ? storyPlan(stories, stories.find((s) => s.id === story.like)) : {};
  for (const [q, a] of Object.entries(story.answers)) {
    if (a === null) delete base[q];
    else if (a === 'not_sure') base[q] = '?';
    else if (typeof a === 'string') base[q] = a;
    else if ('choice' in a) base[q] = a.choice;
    else base[q] = a.number;
  }
  return base;
}

/**
 * Presses the language switch to Chinese, as a patient does, and waits until the widget shows
 * Chinese: its texts are fetched on the first switch (trials/<ID>/zh-CN.tsc).
 */
export async function toChinese(scope) {
  await scope.getByRole('button', { name: UI.switch_language.en }).click();
  await scope.locator('.tsc[lang="zh-CN"]').waitFor();
}

export async function currentQuestion(scope, l = 'en') {
  const text = await heading(scope);
  return TRIAL.questions.find((q) => q.text[lang(l)] === text);
}

/** The words shown for an answer: 'yes' | 'no' | '?' | a number | a choice option id. */
export function answerLabel(question, answer, l = 'en') {
  if (answer === '?') return UI.not_sure[lang(l)];
  // A choice's own options first: some are called `yes` and `no`, with labels of their own.
  const opt = question.kind.choice?.options.find((o) => o.id === answer);
  if (opt) return opt.label[lang(l)];
  if (question.kind === 'yes_no' && answer === 'yes') return UI.yes[lang(l)];
  if (question.kind === 'yes_no' && answer === 'no') return UI.no[lang(l)];
  throw new Error(`no option ${answer} for ${question.id}`);
}

/** Answers the question on screen and presses Continue, like a patient: by label, then click. */
export async function answer(scope, question, value, l = 'en') {
  if (question.kind.number) {
    if (value === '?') await scope.getByLabel(UI.number_not_sure[lang(l)], { exact: true }).check();
    else await scope.locator('input.tsc-input').fill(String(value));
  } else {
    await scope.getByLabel(answerLabel(question, value, l), { exact: true }).check();
  }
  await scope.getByRole('button', { name: UI.continue_[lang(l)], exact: true }).click();
}

/**
 * Walks the questionnaire from the current screen: reads each heading, answers from `plan`
 * (question id -> answer), until the summary or the "not a fit" notice. Returns the ids asked.
 * `trial`: the content file the questions come from (NCT07117435's unless given).
 */
export async function walk(scope, plan, l = 'en', { stopAtNotice = true, trial = TRIAL } = {}) {
  const asked = [];
  for (let step = 0; step < 60; step++) {
    await scope.locator('.tsc-heading').first().waitFor();
    const text = await heading(scope);
    if (text === UI.summary_heading[lang(l)]) return asked;
    if (text === UI.decided_title[lang(l)]) {
      if (stopAtNotice) return asked;
      await scope.getByRole('button', { name: UI.keep_answering[lang(l)] }).click();
      await nextScreen(scope, text);
      continue;
    }
    const q = trial.questions.find((x) => x.text[lang(l)] === text);
    if (!q) throw new Error(`unexpected screen: ${text}`);
    if (!(q.id in plan)) throw new Error(`the plan has no answer for ${q.id}`);
    asked.push(q.id);
    await answer(scope, q, plan[q.id], l);
    await nextScreen(scope, text);
  }
  throw new Error('walk did not end');
}

/** Presses Start (if shown), then answers `n` questions of the likely-fit plan in `scope`. */
export async function answerSome(scope, n, l = 'en') {
  const start = scope.locator('#tsc-start');
  if (await start.count()) await start.click();
  for (let i = 0; i < n; i++) {
    const q = await currentQuestion(scope, l);
    const before = await heading(scope);
    await answer(scope, q, LIKELY[q.id], l);
    await nextScreen(scope, before);
  }
}

/** Opens the "Your answers" panel (save, open, keep on this device, erase) unless it is open. */
export async function openPanel(scope) {
  const panel = scope.locator('.tsc-answers-panel');
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
}

/** The status line's text (what the panel last did: saved, opened, erased, refused). */
export async function status(scope) {
  return (await scope.locator('#tsc-status').innerText()).trim();
}

/**
 * The status line's text, or '' when the widget shows none. Waits up to `ms` for one to appear
 * (a record kept on the device is restored, and said so, by the first render's effect, a frame
 * or two after mount), rather than the 10 s a locator spends before giving up on an absent one.
 */
export async function statusIfAny(scope, ms = 1000) {
  const line = scope.locator('#tsc-status');
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 20))) {
    if (await line.count()) return status(scope);
    if (Date.now() > end) return '';
  }
}

export async function screenshot(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

/**
 * Waits until the widget has taken over the standalone page (any engine's page, or Playwright's):
 * the build's static start screen (disabled controls, `data-static` on the root) is gone and the
 * live Start button shows.
 */
export async function mounted(page) {
  await page.waitForFunction(() => !document.querySelector('[data-static]'));
  await page.locator('#tsc-start').waitFor();
}

/**
 * In the page: how the widget's screen inside `scope` (the document, or an element's shadow root)
 * looks: every element's box, the focused control, the font, the scroll position and the markup
 * (the static screen's `disabled` removed). Equal before and after a takeover means nothing moved.
 * Pass it as `page.evaluate(`(${screenLook})(scope)`)`, or use `assertTakeoverUnseen`.
 */
export function screenLook(scope) {
  const widget = scope.querySelector('.tsc');
  return {
    boxes: [...widget.querySelectorAll('*')].map((e) => {
      const r = e.getBoundingClientRect();
      return `${e.tagName} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    }),
    focused: scope.activeElement?.id,
    font: getComputedStyle(widget).fontFamily,
    y: Math.round(scrollY),
    markup: widget.outerHTML.replaceAll(' disabled=""', ''),
  };
}

/**
 * The takeover check the standalone page and the host snippet share: with the widget held back
 * and focus on the static language switch (the page scrolled by `scrollY` first, where it can
 * scroll), note how the screen in `scope` looks (a page expression: `document`, or an element's
 * shadow root), let the widget start (`release(page)`), and assert the same markup, boxes, font,
 * scroll position and focus: the takeover cannot be seen.
 */
export async function assertTakeoverUnseen(page, scope, release, { scrollY = 0 } = {}) {
  const look = () => page.evaluate(`(${screenLook})(${scope})`);
  // Focus first, without scrolling (focusing a control above the fold would scroll it back into
  // view), then scroll; each look waits until the scroll position has settled, so a busy engine
  // that applies the scroll a frame late is never measured half-way (it once compared a box at
  // y 12 with the same box at y -108).
  await page.evaluate(`((s, y) => { s.getElementById('tsc-lang').focus({ preventScroll: true }); if (y) scrollTo(0, y); })(${scope}, ${scrollY})`);
  await page.evaluate(scrollSettled);
  const before = await look();
  assert.equal(before.focused, 'tsc-lang');
  await release(page);
  await page.evaluate(scrollSettled);
  assert.deepEqual(await look(), before);
}

/** In the page: resolves once the scroll position is the same on two animation frames in a row. */
function scrollSettled() {
  return new Promise((done) => {
    let last = NaN;
    const frame = () => {
      if (scrollY === last) done();
      else {
        last = scrollY;
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  });
}
