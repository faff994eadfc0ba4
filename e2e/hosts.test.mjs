// End to end: the <trial-self-check> element on harsh hospital pages (examples/host/index.html
// and harsh.html): a right-to-left host, two copies of one trial keeping answers on the device,
// printing from the embedded summary, a careless theme, a 10px root font with a zoomed body and
// content-box sizing, a page scrolled to the element's middle, and axe-core inside each element.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useServerAndBrowser, walk, heading, currentQuestion, answer, nextScreen, openPanel, screenshot, ROOT, OUT, UI } from './browser.mjs';
import { LIKELY } from './plans.mjs';
import { consoleProblem } from './watch.mjs';

// Chromium only: the PDFs come from Playwright's page.pdf(), and the console warnings, storage and
// contexts are read through Playwright; journey.test.mjs and embed.test.mjs run the element in
// every engine. Each title ends with the engine, as the engine-parametrised tests' do.
const test = (title, fn) => nodeTest(`${title} [chromium]`, fn);
const env = useServerAndBrowser(path.join(ROOT, 'examples/host'), { '/vendor/trial-self-check/': path.join(ROOT, 'dist') });
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PREFIX = 'trial-self-check:';

/**
 * Opens a host page as browser.mjs's openPage does (any console error, page error, failed request
 * or CSP violation is a problem), and also keeps the console warnings, where the theme guard
 * speaks. Waits until every known-trial element has mounted.
 */
async function open(file, { viewport = { width: 1024, height: 800 } } = {}) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (m) => {
    const problem = consoleProblem(m.type(), m.text());
    if (problem) problems.push(problem);
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.server.url + file);
  const copies = page.locator('trial-self-check[trial="NCT07117435"]');
  for (let i = 0; i < await copies.count(); i++) await copies.nth(i).locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
  const check = async () => [...problems, ...(await page.evaluate(() => window.__cspViolations)).map((v) => `CSP violation: ${v}`)];
  return { page, context, copies, warnings, problems: check };
}

/** Plain text of a PDF, through pypdf (installed by scripts/setup). */
function pdfText(pdf, name) {
  const file = path.join(OUT, `${name}.pdf`);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(file, pdf);
  const script = 'import sys, pypdf\nr = pypdf.PdfReader(sys.argv[1])\nprint(len(r.pages))\nprint("\\n".join(p.extract_text() for p in r.pages))';
  const [pages, ...text] = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).split('\n');
  return { pages: Number(pages), text: text.join('\n') };
}

const squash = (s) => s.replace(/\s+/g, '');

function luminance([r, g, b]) {
  const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function ratio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
const rgbOf = (css) => css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);

test('on a right-to-left host the widget reads left to right in both languages', async () => {
  const { page, context, copies, problems } = await open('harsh.html');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl', 'the host is RTL');
  for (const [i, l] of [[0, 'en'], [1, 'zh']]) {
    const copy = copies.nth(i);
    await copy.locator('#tsc-start').click();
    await copy.locator('.tsc-legend, .tsc-heading').first().waitFor();
    const q = await copy.locator('.tsc-heading').first().evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode();
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 1);
      const first = range.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return { direction: getComputedStyle(el).direction, text: text.data, offset: first.left - box.left, width: box.width };
    });
    assert.equal(q.direction, 'ltr', `${l}: the question reads left to right`);
    assert.ok(q.offset < 2, `${l}: the question's first character "${q.text[0]}" is on the left (${q.offset}px in)`);
    assert.equal(await copy.locator('.tsc').evaluate((el) => getComputedStyle(el).direction), 'ltr');
    assert.equal((await currentQuestion(copy, l)).id, 'age');
  }
  await screenshot(page, 'host-rtl');
  assert.deepEqual(await problems(), []);
  await context.close();
});

async function keepSome(copy, ages, l) {
  await copy.locator('#tsc-start').click();
  for (const [id, value] of ages) {
    const q = await currentQuestion(copy, l);
    assert.equal(q.id, id);
    const before = await heading(copy);
    await answer(copy, q, value, l);
    await nextScreen(copy, before);
  }
  await openPanel(copy);
  await copy.locator('#tsc-keep').check();
}

for (const [file, keys] of [
  ['index.html', ['#first', '#second']],
  ['harsh.html', ['', '@2']],
]) {
  test(`two kept copies of one trial never lose each other's answers (${file}: ${keys.map((k) => k || 'plain').join(', ')})`, async () => {
    const { page, context, copies, problems } = await open(file);
    await keepSome(copies.nth(0), [['age', 64], ['crc_liver', 'yes']], 'en');
    await keepSome(copies.nth(1), [['age', 70]], 'zh');
    const records = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, JSON.parse(localStorage.getItem(k))])));
    assert.deepEqual(Object.keys(records).sort(), keys.map((k) => `${PREFIX}NCT07117435${k}`).sort(), 'one record per copy');
    assert.deepEqual(records[`${PREFIX}NCT07117435${keys[0]}`].answers.age, { number: 64 });
    assert.deepEqual(records[`${PREFIX}NCT07117435${keys[1]}`].answers.age, { number: 70 });

    await page.reload();
    for (let i = 0; i < await copies.count(); i++) await copies.nth(i).locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    await copies.nth(0).locator('#tsc-start').click();
    assert.equal((await currentQuestion(copies.nth(0))).id, 'confirmed_sample', 'the first copy resumes after its two answers');
    await copies.nth(1).locator('#tsc-start').click();
    assert.equal((await currentQuestion(copies.nth(1), 'zh')).id, 'crc_liver', 'the second copy resumes after its one answer');
    await copies.nth(1).getByText(UI.back['zh-CN'], { exact: true }).click();
    assert.equal(await copies.nth(1).locator('input.tsc-input').inputValue(), '70');
    await copies.nth(0).getByText(UI.back.en, { exact: true }).click();
    await copies.nth(0).getByText(UI.back.en, { exact: true }).click();
    assert.equal(await copies.nth(0).locator('input.tsc-input').inputValue(), '64');

    // Erase in either copy removes every record the widget wrote.
    await openPanel(copies.nth(0));
    await copies.nth(0).locator('#tsc-erase').click();
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

for (const [file, n, l, hostText] of [
  ['index.html', 0, 'en', ['Clinical trials at our hospital', 'A trial this build does not know']],
  ['harsh.html', 1, 'zh', ['Visiting hours', 'oncology department', 'Parking']],
]) {
  test(`printing from the embedded summary prints the summary alone (${file}, ${l})`, async () => {
    const { page, context, copies, problems } = await open(file);
    const copy = copies.nth(n);
    await copy.locator('#tsc-start').click();
    await walk(copy, LIKELY, l);
    // Headless Chromium has no print dialog: the widget's Print runs as usual, and page.pdf()
    // prints what the dialog would.
    await page.evaluate(() => { window.print = () => {}; });
    await copy.locator('#tsc-print').click();
    const alone = pdfText(await page.pdf({ format: 'A4', printBackground: false }), `host-summary-${l}`);
    assert.ok(squash(alone.text).includes(squash(UI.summary_heading[l === 'zh' ? 'zh-CN' : 'en'])), 'the summary heading is printed');
    for (const t of hostText) assert.ok(!alone.text.includes(t), `the host page's "${t}" is not printed`);
    assert.ok(alone.pages >= 1 && alone.pages <= 2, `${alone.pages} A4 pages`);
    // After printing, the host page prints as it always did.
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    const host = pdfText(await page.pdf({ format: 'A4', printBackground: false }), `host-page-${l}`);
    assert.ok(host.text.includes(hostText[0]), 'the host page prints itself at other times');
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

test('a careless theme falls back to the defaults pair by pair, with one warning; a good theme is used as given', async () => {
  const { page, context, warnings, problems } = await open('harsh.html');
  const careless = page.locator('trial-self-check.careless');
  const ours = warnings.filter((w) => w.includes('<trial-self-check>'));
  assert.equal(ours.length, 1, ours.join('\n'));
  assert.match(ours[0], /--tsc-accent-contrast on --tsc-accent is \d+\.\d\d:1/);
  assert.match(ours[0], /--tsc-text on --tsc-bg is \d+\.\d\d:1/);
  for (const id of ['#tsc-start', '#tsc-lang']) {
    const c = await careless.locator(id).evaluate((el) => {
      const cs = getComputedStyle(el);
      const bg = cs.backgroundColor === 'rgba(0, 0, 0, 0)' ? getComputedStyle(el.closest('.tsc')).backgroundColor : cs.backgroundColor;
      return { fg: cs.color, bg };
    });
    const r = ratio(rgbOf(c.fg), rgbOf(c.bg));
    assert.ok(r >= 4.5, `${id}: ${c.fg} on ${c.bg} is ${r.toFixed(2)}:1`);
  }
  const text = await careless.locator('.tsc').evaluate((el) => getComputedStyle(el).color);
  assert.equal(text, 'rgb(27, 27, 27)', 'pale text falls back to the default');
  assert.deepEqual(await problems(), []);
  await context.close();

  // The hostile page's branded copy passes: its accent is used unchanged, and nothing is said.
  const good = await open('index.html');
  const second = good.page.locator('#second');
  assert.equal(await second.locator('#tsc-start').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(106, 27, 154)');
  assert.equal(await second.locator('.tsc-root').getAttribute('data-tsc-reset'), null);
  assert.deepEqual(good.warnings.filter((w) => w.includes('<trial-self-check>')), []);
  await good.context.close();
});

test('a 10px root font, a zoomed body and content-box sizing change nothing; targets stay at least 24px', async () => {
  const { page, context, copies, problems } = await open('harsh.html', { viewport: { width: 390, height: 800 } });
  const copy = copies.nth(0);
  const look = await copy.locator('.tsc').evaluate((el) => ({
    size: getComputedStyle(el).fontSize,
    sizing: getComputedStyle(el.querySelector('#tsc-start')).boxSizing,
  }));
  assert.deepEqual(look, { size: '19px', sizing: 'border-box' });
  await copy.locator('#tsc-start').click();
  await copy.locator('input.tsc-input').waitFor();
  const small = await copy.locator('button, input, summary, a').evaluateAll((els) => els
    .filter((e) => e.getClientRects().length && !e.closest('.tsc-visually-hidden'))
    .map((e) => ({ id: e.id || e.textContent.trim().slice(0, 20), w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height }))
    .filter((r) => r.w < 24 || r.h < 24));
  assert.deepEqual(small, [], 'every target at least 24x24px');
  const overflow = await copy.evaluate((el) => el.shadowRoot.querySelector('.tsc').scrollWidth - el.getBoundingClientRect().width);
  assert.ok(overflow <= 1, `no sideways overflow (${overflow}px)`);
  await screenshot(page, 'host-harsh-phone');
  assert.deepEqual(await problems(), []);
  await context.close();
});

test('a page scrolled to the element\'s middle brings the new heading into view without jumping to the top', async () => {
  const { page, context, copies, problems } = await open('harsh.html', { viewport: { width: 1024, height: 600 } });
  const copy = copies.nth(0);
  await copy.locator('#tsc-start').click();
  for (const value of [64, 'yes']) {
    await copy.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const before = await heading(copy);
    const scrolled = await page.evaluate(() => scrollY);
    assert.ok(scrolled > 500, `the host page is scrolled (${scrolled}px)`);
    await answer(copy, await currentQuestion(copy), value);
    await nextScreen(copy, before);
    const view = await copy.locator('.tsc-heading').first().evaluate((h) => {
      const r = h.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: innerHeight, y: scrollY, focused: h.getRootNode().activeElement === h };
    });
    assert.ok(view.top >= 0 && view.bottom <= view.height, `the heading is in view (${view.top}–${view.bottom} of ${view.height})`);
    assert.ok(view.y > 500, `the host page did not jump to the top (${view.y}px)`);
    assert.ok(view.focused, 'focus is on the new heading');
  }
  assert.deepEqual(await problems(), []);
  await context.close();
});

test('axe-core finds 0 violations inside each element on both host pages', async () => {
  for (const file of ['index.html', 'harsh.html']) {
    const { page, context, copies, problems } = await open(file);
    // axe-core adds its own inline styles, which the strict policy blocks (and reports): check
    // the page's own problems before it runs.
    assert.deepEqual(await problems(), []);
    await page.evaluate(AXE);
    const run = (i) => page.evaluate(async (i) => {
      const el = document.querySelectorAll('trial-self-check')[i];
      const r = await window.axe.run(el, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    }, i);
    const n = await page.locator('trial-self-check').count();
    for (let i = 0; i < n; i++) assert.deepEqual(await run(i), [], `${file}, element ${i}, first screen`);
    for (let i = 0; i < await copies.count(); i++) {
      await copies.nth(i).locator('#tsc-start').click();
      await copies.nth(i).locator('.tsc-options, .tsc-number').first().waitFor();
    }
    for (let i = 0; i < n; i++) assert.deepEqual(await run(i), [], `${file}, element ${i}, first question`);
    await context.close();
  }
});
