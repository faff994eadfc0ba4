// End to end: the <trial-self-check> element on a hostile host page (examples/host), served from a
// sub-directory under the strict CSP: styles hold, instances are independent, `lang` switches
// live, the outcome event carries the level and the versions (never answers), and a policy without 'wasm-unsafe-eval' gets a
// plain message instead of a blank box. In every engine (engines.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { walk, heading, currentQuestion, answer, nextScreen, ROOT, UI, TRIAL, WIDGET_VERSION, assertTakeoverUnseen, refusal } from './browser.mjs';
import { eachEngine } from './engines.mjs';
import { LIKELY } from './plans.mjs';
import { writeSnippetHost } from '../bench/snippet-host.mjs';

eachEngine(path.join(ROOT, 'examples/host'), { '/vendor/trial-self-check/': path.join(ROOT, 'dist') }, (test, env) => {
  async function host() {
    const page = await env.open('', { viewport: { width: 1024, height: 900 } });
    const first = page.locator('#first');
    const second = page.locator('#second');
    await first.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    await second.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    return { page, first, second };
  }

  test('on a hostile host page the widget keeps its design and completes a journey', async () => {
    const { page, first } = await host();
    const style = await first.locator('.tsc').evaluate((el) => {
      const cs = getComputedStyle(el);
      return { size: cs.fontSize, color: cs.color, family: cs.fontFamily, spacing: cs.letterSpacing };
    });
    assert.equal(style.size, '19px');
    assert.equal(style.color, 'rgb(27, 27, 27)');
    assert.ok(!/^serif/.test(style.family), style.family);
    assert.equal(style.spacing, 'normal');
    const h1 = await first.locator('h1').evaluate((el) => getComputedStyle(el).fontSize);
    assert.ok(Math.abs(parseFloat(h1) - 19 * 1.6) < 0.01, h1);
    const start = await first.locator('#tsc-start').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(start, 'rgb(11, 83, 148)', 'the designed accent');
    await page.screenshot('host-hostile-css');
    await first.locator('#tsc-start').click();
    await walk(first, LIKELY);
    assert.equal((await first.locator('.tsc-outcome-title').innerText()).trim(), UI.outcome_likely.en);
    assert.deepEqual(await page.evaluate(() => window.__outcomes),
      [{ outcome: 'likely-fit', widgetVersion: WIDGET_VERSION, contentVersion: TRIAL.content_version }],
      'one event: the level and the two versions, no answers');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('two instances are independent; each has its own language; theming applies', async () => {
    const { page, first, second } = await host();
    assert.equal(await heading(second), UI.app_title['zh-CN']);
    const branded = await second.locator('#tsc-start').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(branded, 'rgb(106, 27, 154)', 'the host\'s --tsc-accent');
    await first.locator('#tsc-start').click();
    await answer(first, await currentQuestion(first), 64);
    await nextScreen(first, 'How old are you?');
    assert.equal((await currentQuestion(first)).id, 'crc_liver');
    // Each step moves focus to the new heading, inside this element's shadow root.
    assert.deepEqual(await page.evaluate(() => [document.activeElement?.id,
      document.querySelector('#first').shadowRoot.activeElement?.classList.contains('tsc-heading')]), ['first', true]);
    assert.equal(await heading(second), UI.app_title['zh-CN'], 'the other instance is untouched');
    await second.locator('#tsc-start').click();
    assert.equal((await currentQuestion(second, 'zh')).id, 'age');
    assert.equal(await second.locator('input.tsc-input').inputValue(), '', 'no answers shared');
    assert.match(await page.locator('#unknown .tsc-error-box').innerText(), /does not have questions for the trial “NCT00000000”/);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('changing the lang attribute live switches the language and keeps the answers', async () => {
    const { page, first } = await host();
    await first.locator('#tsc-start').click();
    await answer(first, await currentQuestion(first), 64);
    await nextScreen(first, 'How old are you?');
    const shown = await heading(first);
    await page.evaluate(() => document.querySelector('#first').setAttribute('lang', 'zh-CN'));
    await nextScreen(first, shown);
    assert.equal((await currentQuestion(first, 'zh')).id, 'crc_liver');
    assert.equal(await page.evaluate(() => document.querySelector('#first').getAttribute('lang')), 'zh-CN', 'never rewritten');
    await first.getByText(UI.back['zh-CN'], { exact: true }).click();
    assert.equal(await first.locator('input.tsc-input').inputValue(), '64');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('under a host policy without \'wasm-unsafe-eval\' the element shows a plain message', async () => {
    const page = await env.open('?policy=no-wasm');
    await page.locator('#first[data-state="cannot-start"]').waitFor({ state: 'attached' });
    assert.match(await refusal(page, '#first'), /cannot start in this browser.*clinicaltrials\.gov\/study\/NCT07117435/s);
    for (const p of await page.problems()) assert.match(p, /wasm|WebAssembly|script-src/i, p);
    await page.close();
  });
});

// The host pasted the pre-rendered snippet (dist/snippet.en.html): the element's start screen
// arrives with the host's page in a declarative shadow root, and the widget takes it over in place.
// `?hold-wasm` (e2e/probe.js) keeps the widget from starting until the test releases it.
const SNIPPET_HOST = path.join(ROOT, 'e2e/out/snippet-host');
writeSnippetHost(path.join(ROOT, 'dist'), SNIPPET_HOST);
eachEngine(SNIPPET_HOST, { '/vendor/trial-self-check/': path.join(ROOT, 'dist') }, (test, env) => {
  const inShadow = (fn) => `(${fn})(document.querySelector('trial-self-check').shadowRoot)`;
  async function openHeld() {
    const page = await env.open('?hold-wasm');
    // embed.js has armed the static Start: a press now is kept for the widget.
    await page.waitForFunction(inShadow((s) => s.querySelector('[data-static]') && !s.getElementById('tsc-start').disabled));
    return page;
  }
  async function release(page) {
    await page.evaluate(() => window.__releaseWasm());
    await page.waitForFunction(inShadow((s) => !s.querySelector('[data-static]') && !!s.querySelector('.tsc')));
  }

  test('with the pasted snippet the start screen arrives with the host page and is taken over without a jump', async () => {
    const page = await openHeld();
    const el = page.locator('trial-self-check');
    assert.equal(await heading(el), UI.app_title.en);
    await assertTakeoverUnseen(page, "document.querySelector('trial-self-check').shadowRoot", release);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('with the pasted snippet, Start and the language switch pressed before ready are honoured once', async () => {
    const page = await openHeld();
    const el = page.locator('trial-self-check');
    await el.locator('#tsc-lang').click();
    await el.locator('#tsc-start').click();
    await el.locator('#tsc-start').click();
    assert.equal(await heading(el), UI.app_title.en, 'still the static screen');
    await release(page);
    assert.equal((await currentQuestion(el, 'zh'))?.id, 'age', 'one Start, in Chinese');
    assert.equal(await page.evaluate(inShadow((s) => s.activeElement?.classList.contains('tsc-heading'))), true, 'focus on the question');
    await walk(el, LIKELY, 'zh');
    assert.equal((await el.locator('.tsc-outcome-title').innerText()).trim(), UI.outcome_likely['zh-CN']);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('with the pasted snippet, under a policy without \'wasm-unsafe-eval\' the static screen gives way to a plain message', async () => {
    const page = await env.open('?policy=no-wasm');
    await page.locator('trial-self-check[data-state="cannot-start"]').waitFor({ state: 'attached' });
    const text = await page.evaluate(inShadow((s) => s.querySelector('.tsc-root').innerText));
    assert.match(text, /cannot start in this browser.*clinicaltrials\.gov\/study\/NCT07117435/s);
    assert.equal(await page.evaluate(inShadow((s) => s.querySelectorAll('#tsc-start').length)), 0);
    for (const p of await page.problems()) assert.match(p, /wasm|WebAssembly|script-src/i, p);
    await page.close();
  });
});

// Not a browser test: run once.

test('the built JavaScript contains no eval( or Function(', () => {
  for (const f of fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.js'))) {
    const js = fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8');
    // A call, not the word inside a string (the glue's debug formatter prints `Function(name)`).
    assert.ok(!/(?<![`'"\w.])eval\s*\(/.test(js), `${f} calls eval(`);
    assert.ok(!/(?<![`'"\w])(new\s+)?Function\s*\(/.test(js), `${f} calls Function(`);
  }
});
