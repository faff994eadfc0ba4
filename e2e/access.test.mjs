// End to end: accessibility (axe-core, keyboard only, target size, reflow), screenshots of every
// screen at phone and desktop sizes, the browser's Back button, and the printed summary. axe-core
// runs in every engine (engines.mjs); the rest in Chromium only, each block says why.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { openPage, walk, heading, screenshot, currentQuestion, answer, ROOT, UI, OUT, mounted, toChinese } from './browser.mjs';
import { eachEngine, chromiumOnly } from './engines.mjs';
import { LIKELY, POSSIBLY, NOT_A_FIT } from './plans.mjs';

const DIST = path.join(ROOT, 'dist');
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const axeCounts = [];
after(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'axe.json'), JSON.stringify(axeCounts, null, 1));
});

const L = (l) => (l === 'zh' ? 'zh-CN' : 'en');

eachEngine(DIST, {}, (test, env) => {
  /** Runs axe-core (WCAG 2.0–2.2 A/AA and best practices) and returns the violations. */
  async function axe(page, label) {
    // Run through the engine's protocol, so the page's CSP does not block it.
    await page.addScript(AXE);
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      });
      return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    });
    axeCounts.push({ engine: env.engine, screen: label, violations: violations.length });
    return violations;
  }

  async function start(l) {
    const page = await env.open();
    await mounted(page);
    if (l === 'zh') await toChinese(page);
    return page;
  }

  for (const l of ['en', 'zh']) {
    test(`axe-core finds 0 violations on every screen (${l})`, async () => {
      const page = await start(l);
      assert.deepEqual(await axe(page, `start ${l}`), []);
      await page.locator('#tsc-start').click();
      assert.deepEqual(await axe(page, `question ${l}`), []);
      await page.getByRole('button', { name: UI.continue_[L(l)] }).click();
      await page.locator('.tsc-error-summary').waitFor();
      assert.deepEqual(await axe(page, `error ${l}`), []);
      await walk(page, POSSIBLY, l);
      assert.deepEqual(await axe(page, `summary ${l}`), []);
      assert.deepEqual(await page.problems(), []);
      await page.close();
      // One page at a time: WebKit's driver allows one session.
      const notice = await start(l);
      await notice.locator('#tsc-start').click();
      await walk(notice, NOT_A_FIT, l);
      assert.deepEqual(await axe(notice, `not-a-fit notice ${l}`), []);
      await notice.close();
    });
  }

  // Keys go to whatever has focus, as the engine's own keyboard (Tab order and focus differ most
  // between engines).
  /** Presses Tab (or Shift+Tab) until `selector` has focus; only keys, no mouse. */
  async function tabTo(page, selector, key = 'Tab') {
    // At most once round everything on the page that can take focus (and the browser's own stop).
    const stops = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]').length);
    for (let i = 0; i < stops + 2; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
      await page.keyboard.press(key);
    }
    throw new Error(`could not reach ${selector} with ${key}`);
  }

  test('a whole journey by keyboard alone (Tab, Space, arrows, Enter and digits)', async () => {
    const page = await start('en');
    await tabTo(page, '#tsc-start');
    await page.keyboard.press('Enter');
    // Back is reached by keys too: Shift+Tab from the question's heading. (WebKit runs with
    // Safari's default here, where Tab skips links.)
    await tabTo(page, '.tsc-back', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => document.querySelector('.tsc-heading')?.innerText.trim() === t, UI.app_title.en);
    await tabTo(page, '#tsc-start');
    await page.keyboard.press('Enter');
    // The first option, or "Not sure" (the last).
    const plan = { age: 64, crc_liver: 'yes', confirmed_sample: 'yes', surgery: 'not_possible', daily_activity: 'a0', liver_tumour_size: 'yes' };
    for (let step = 0; step < 40; step++) {
      const text = await heading(page);
      if (text === UI.summary_heading.en) break;
      const q = await currentQuestion(page);
      assert.ok(q, `unexpected screen ${text}`);
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tsc-heading')), true, 'focus moves to the new heading');
      const value = plan[q.id] ?? '?';
      if (q.kind.number && value === '?') {
        // "Not sure" for a number is the checkbox after the field: Tab to it, Space ticks it.
        await tabTo(page, 'input[type=checkbox][id$="-unsure"]');
        await page.keyboard.press('Space');
        assert.equal(await page.locator('input[type=checkbox][id$="-unsure"]').isChecked(), true, `${q.id}: "Not sure" ticked by keys`);
      } else if (q.kind.number) {
        await tabTo(page, 'input.tsc-input');
        await page.keyboard.type(String(value));
      } else {
        const radios = await page.locator('input[type=radio]').evaluateAll((els) => els.map((e) => e.id));
        const index = value === '?' ? radios.length - 1 : value === 'yes' ? 0 : q.kind.choice.options.findIndex((o) => o.id === value);
        // Tab enters an unchecked radio group at its first option and Space picks it; each arrow
        // key moves to the next option and picks that. (Shift+Tab round the page to reach the last
        // option works in Chromium and WebKit, but in Firefox focus leaves for the browser's own
        // toolbar on the way round.)
        await tabTo(page, `#${radios[0]}`);
        if (index === 0) await page.keyboard.press('Space');
        for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
        assert.equal(await page.locator(`#${radios[index]}`).isChecked(), true, `${q.id}: option ${index} picked by keys`);
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
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});

chromiumOnly(DIST, {}, (test, env) => {
  async function start(l, viewport) {
    const s = await openPage(env.browser, env.server.url, { viewport });
    await mounted(s.page);
    if (l === 'zh') await toChinese(s.page);
    return s;
  }

  // Chromium only: WebKit's window here is never narrower than 447 px, so the 360 px screens
  // cannot be taken there; the screens themselves are checked in every engine above and in
  // journey.test.mjs, which also saves a screenshot per engine.
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

  // Chromium only: the window sizes (320 px; 640 px for 200 % zoom) are below WebKit's smallest
  // window here.
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

  // Chromium only: WebKit's WebDriver accepts "leave page?" silently, so the real dialog is seen
  // only here and in Firefox (privacy.test.mjs checks that kept answers never prompt, everywhere).
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
});

/** Pages in a PDF: page objects, plain or inside compressed object streams (Firefox writes those). */
function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const count = (t) => (t.match(/\/Type\s*\/Page[^s]/g) || []).length;
  let pages = count(text);
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    try {
      pages += count(zlib.inflateSync(pdf.subarray(start, text.indexOf('endstream', start))).toString('latin1'));
    } catch { /* not a deflated stream */ }
  }
  return pages;
}

// Printing to PDF: Chromium (DevTools protocol) and Firefox (BiDi's browsingContext.print) can;
// WebKit's WebDriver has no print command ("unknown command" for POST /session/…/print).
eachEngine(DIST, {}, (test, env) => {
  test('the printed summary fits on one or two A4 pages, in the current language', async () => {
    for (const l of ['en', 'zh']) {
      const page = await env.open();
      await mounted(page);
      if (l === 'zh') await toChinese(page);
      await page.locator('#tsc-start').click();
      await walk(page, LIKELY, l);
      // Only Chromium can switch the page to print media here (puppeteer needs CDP for it).
      if (await page.emulatePrintMedia()) {
        assert.equal(await page.locator('#tsc-lang').isVisible(), false, 'controls are not printed');
      }
      const pdf = await page.pdf();
      const suffix = env.engine === 'chromium' ? '' : `-${env.engine}`;
      fs.writeFileSync(path.join(OUT, `summary-${l}${suffix}.pdf`), pdf);
      const pages = pdfPages(pdf);
      assert.ok(pages >= 1 && pages <= 2, `${env.engine}, ${l}: ${pages} pages`);
      await page.close();
    }
  });
}, { engines: ['chromium', 'firefox'] });
