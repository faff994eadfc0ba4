// End to end: accessibility (axe-core, keyboard only, target size, reflow), screenshots of every
// screen at phone and desktop sizes, the browser's Back button, and the printed summary.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, openPage, walk, heading, screenshot, currentQuestion, answer, ROOT, UI, OUT } from './browser.mjs';
import { LIKELY, POSSIBLY, NOT_A_FIT } from './plans.mjs';

const env = useServerAndBrowser(path.join(ROOT, 'dist'));

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const axeCounts = [];
after(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'axe.json'), JSON.stringify(axeCounts, null, 1));
});

/** Runs axe-core (WCAG 2.0–2.2 A/AA and best practices) and returns the violations. */
async function axe(page, label) {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  axeCounts.push({ screen: label, violations: violations.length });
  return violations;
}

async function start(l, viewport) {
  const s = await openPage(env.browser, env.server.url, { viewport });
  await s.page.locator('#tsc-start').waitFor();
  if (l === 'zh') await s.page.getByRole('button', { name: UI.switch_language.en }).click();
  return s;
}

const L = (l) => (l === 'zh' ? 'zh-CN' : 'en');

for (const l of ['en', 'zh']) {
  test(`axe-core finds 0 violations on every screen (${l})`, async () => {
    const { page, context, problems } = await start(l);
    assert.deepEqual(await axe(page, `start ${l}`), []);
    await page.locator('#tsc-start').click();
    assert.deepEqual(await axe(page, `question ${l}`), []);
    await page.getByRole('button', { name: UI.continue_[L(l)] }).click();
    await page.locator('.tsc-error-summary').waitFor();
    assert.deepEqual(await axe(page, `error ${l}`), []);
    await walk(page, POSSIBLY, l);
    assert.deepEqual(await axe(page, `summary ${l}`), []);
    const notice = await start(l);
    await notice.page.locator('#tsc-start').click();
    await walk(notice.page, NOT_A_FIT, l);
    assert.deepEqual(await axe(notice.page, `not-a-fit notice ${l}`), []);
    await notice.context.close();
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

test('screenshots of every screen at 360×740 and 1280×800, in both languages', async () => {
  for (const [w, h] of [[360, 740], [1280, 800]]) {
    for (const l of ['en', 'zh']) {
      const tag = `${l}-${w}x${h}`;
      const { page, context } = await start(l, { width: w, height: h });
      await screenshot(page, `1-start-${tag}`);
      await page.locator('#tsc-start').click();
      await screenshot(page, `2-question-number-${tag}`);
      await page.locator('input.tsc-input').fill('abc');
      await page.getByRole('button', { name: UI.continue_[L(l)] }).click();
      await page.locator('.tsc-error-summary').waitFor();
      await screenshot(page, `3-error-${tag}`);
      await page.locator('input.tsc-input').fill('64');
      await page.getByRole('button', { name: UI.continue_[L(l)] }).click();
      await page.locator('details.tsc-glossary summary').first().click();
      await screenshot(page, `4-question-choice-glossary-${tag}`);
      await walk(page, POSSIBLY, l);
      await screenshot(page, `6-summary-possibly-${tag}`);
      await context.close();
      const n = await start(l, { width: w, height: h });
      await n.page.locator('#tsc-start').click();
      await walk(n.page, NOT_A_FIT, l);
      await screenshot(n.page, `5-not-a-fit-notice-${tag}`);
      await n.context.close();
    }
  }
  assert.ok(fs.readdirSync(OUT).filter((f) => f.endsWith('.png')).length >= 24);
});

/** Presses Tab (or Shift+Tab) until `selector` has focus; only keys, no mouse. */
async function tabTo(page, selector, key = 'Tab') {
  for (let i = 0; i < 30; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${selector} with ${key}`);
}

test('a whole journey by keyboard alone (Tab, Space, Enter and digits)', async () => {
  const { page, context, problems } = await start('en');
  await tabTo(page, '#tsc-start');
  await page.keyboard.press('Enter');
  // Answers a keyboard user reaches without arrow keys: the first option, or "Not sure" (the last).
  const plan = { age: 64, crc_liver: 'yes', confirmed_sample: 'yes', surgery: 'not_possible', daily_activity: 'a0', liver_tumour_size: 'yes' };
  for (let step = 0; step < 40; step++) {
    const text = await heading(page);
    if (text === UI.summary_heading.en) break;
    const q = await currentQuestion(page);
    assert.ok(q, `unexpected screen ${text}`);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tsc-heading')), true, 'focus moves to the new heading');
    const value = plan[q.id] ?? '?';
    if (q.kind.number) {
      await tabTo(page, 'input.tsc-input');
      await page.keyboard.type(String(value));
    } else {
      const radios = await page.locator('input[type=radio]').evaluateAll((els) => els.map((e) => e.id));
      const index = value === '?' ? radios.length - 1 : value === 'yes' ? 0 : q.kind.choice.options.findIndex((o) => o.id === value);
      // Tab enters an unchecked radio group at its first option; Shift+Tab (going round the
      // page backwards, so the group has not had focus yet) enters it at its last.
      await tabTo(page, `#${radios[index]}`, index === 0 ? 'Tab' : 'Shift+Tab');
      await page.keyboard.press('Space');
    }
    await tabTo(page, '#tsc-continue');
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => document.querySelector('.tsc-heading')?.innerText.trim() !== t, text);
  }
  assert.equal(await heading(page), UI.summary_heading.en);
  assert.equal((await page.locator('.tsc-outcome-title').innerText()).trim(), UI.outcome_possibly.en);
  await tabTo(page, '#tsc-group-fits summary');   // "What fits" is folded at first
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-change="age"]');
  await page.keyboard.press('Enter');
  assert.equal((await currentQuestion(page)).id, 'age');
  assert.deepEqual(await problems(), []);
  await context.close();
});

for (const [width, height, label] of [[320, 640, '320 px'], [640, 400, '200 % zoom of a 1280×800 window']]) test(`targets are at least 44×44 px and nothing scrolls sideways at ${label}`, async () => {
  const { page, context } = await start('en', { width, height });
  const check = async (label) => {
    const small = await page.evaluate(() => [...document.querySelectorAll('.tsc button, .tsc summary, .tsc a, .tsc .tsc-option')]
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ e: e.id || e.className || e.tagName, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ e, r }) => `${e} ${Math.round(r.width)}×${Math.round(r.height)}`));
    assert.deepEqual(small, [], `${label}: small targets`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${label}: scrolls sideways by ${overflow}px`);
  };
  await check('start');
  await page.locator('#tsc-start').click();
  await check('question');
  await walk(page, POSSIBLY);
  await check('summary');
  await context.close();
});

test('the browser Back button goes to the previous question; leaving asks first', async () => {
  const { page, context } = await start('en');
  await page.locator('#tsc-start').click();
  await answer(page, await currentQuestion(page), 64);
  await page.waitForFunction(() => document.querySelector('.tsc-heading')?.innerText.includes('bowel cancer'));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('.tsc-heading')?.innerText === 'How old are you?');
  assert.equal(await page.locator('input.tsc-input').inputValue(), '64', 'the answer is kept');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('.tsc-heading')?.innerText.includes('bowel cancer'));
  // With answers on screen, a reload asks for confirmation (a beforeunload dialog).
  let dialog = null;
  page.on('dialog', async (d) => { dialog = d.type(); await d.dismiss(); });
  await page.reload({ timeout: 3000 }).catch(() => {});
  assert.equal(dialog, 'beforeunload');
  await context.close();
});

test('the printed summary fits on one or two A4 pages, in the current language', async () => {
  for (const l of ['en', 'zh']) {
    const { page, context } = await start(l);
    await page.locator('#tsc-start').click();
    await walk(page, LIKELY, l);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#tsc-lang').isVisible(), false, 'controls are not printed');
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    fs.writeFileSync(path.join(OUT, `summary-${l}.pdf`), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 2, `${l}: ${pages} pages`);
    await context.close();
  }
});
