// End to end: the release build, served under the strict CSP, clicked through as a patient would,
// in every engine (engines.mjs).
import assert from 'node:assert/strict';
import path from 'node:path';
import { walk, heading, currentQuestion, answer, ROOT, UI, TRIAL, WIDGET_VERSION, mounted, assertTakeoverUnseen, toChinese } from './browser.mjs';
import { eachEngine } from './engines.mjs';
import { LIKELY, POSSIBLY, NOT_A_FIT } from './plans.mjs';

eachEngine(path.join(ROOT, 'dist'), {}, (test, env) => {
  async function start(l = 'en') {
    const page = await env.open();
    await mounted(page);
    if (l === 'zh') await toChinese(page);
    return page;
  }

  async function outcomeText(page) {
    return (await page.locator('.tsc-outcome-title').innerText()).trim();
  }

  test('the page mounts under the strict CSP with no violations, console errors or failed requests', async () => {
    const page = await start();
    assert.equal(await heading(page), UI.app_title.en);
    assert.equal(await page.locator('[data-static], [disabled]').count(), 0, 'the static start screen is taken over');
    const version = (await page.locator('.tsc-version').innerText()).trim();
    assert.ok(version.startsWith(`Self-check ${WIDGET_VERSION}, questions version ${TRIAL.content_version},`), version);
    await page.screenshot('start-en-360');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  for (const [name, plan, l, expected] of [
    ['likely fit', LIKELY, 'en', UI.outcome_likely.en],
    ['possibly', POSSIBLY, 'en', UI.outcome_possibly.en],
    ['likely fit in Chinese', LIKELY, 'zh', UI.outcome_likely['zh-CN']],
    ['possibly in Chinese', POSSIBLY, 'zh', UI.outcome_possibly['zh-CN']],
  ]) {
    test(`a full journey by clicking ends in "${name}"`, async () => {
      const page = await start(l);
      await page.networkIdle();
      const loaded = page.requests().length;
      await page.locator('#tsc-start').click();
      const asked = await walk(page, plan, l);
      assert.equal(await heading(page), UI.summary_heading[l === 'zh' ? 'zh-CN' : 'en']);
      assert.equal(await outcomeText(page), expected);
      assert.ok(asked.length >= 27, `asked ${asked.length}`);
      // Every study-team item is listed, whatever the outcome.
      const teamItems = TRIAL.criteria.filter((c) => c.team_check).length;
      assert.equal(await page.locator('#tsc-team li').count(), teamItems);
      assert.equal(await page.locator('#tsc-take-part').getByText('NCT07117435', { exact: true }).count(), 1);
      if (plan === POSSIBLY) {
        assert.ok(await page.locator('#tsc-group-unknown .tsc-ask-doctor').count() >= 3, 'a question for the doctor for each unknown');
      }
      await page.screenshot(`summary-${name.replaceAll(' ', '-')}`);
      assert.deepEqual(await page.problems(), []);
      assert.deepEqual(page.requests().slice(loaded), [], 'no requests after load');
      await page.close();
    });
  }

  for (const l of ['en', 'zh']) {
    const tag = l === 'zh' ? 'zh-CN' : 'en';
    test(`a clear "not a fit" is said at once, Back returns to the answer, and the summary explains why (${l})`, async () => {
      const page = await start(l);
      await page.locator('#tsc-start').click();
      const asked = await walk(page, NOT_A_FIT, l);
      assert.deepEqual(asked, ['age']);
      assert.equal(await heading(page), UI.decided_title[tag]);
      // The notice names the answer that decided it, with a Change for a slip.
      const deciding = page.locator('#tsc-deciding');
      assert.match(await deciding.innerText(), l === 'zh' ? /您的回答：80 岁/ : /Your answer: 80 years/);
      assert.equal(await deciding.locator('[data-change="age"]').count(), 1);
      await page.screenshot(`decided-${l}`);
      // Back from the notice returns to the question with the answer kept, and on to the notice again.
      await page.getByText(UI.back[tag], { exact: true }).click();
      assert.equal((await currentQuestion(page, l)).id, 'age');
      assert.equal(await page.locator('input.tsc-input').inputValue(), '80');
      await page.getByRole('button', { name: UI.continue_[tag], exact: true }).click();
      await page.locator('#tsc-deciding').waitFor();
      assert.equal(await heading(page), UI.decided_title[tag]);
      await page.getByRole('button', { name: UI.see_summary[tag] }).click();
      assert.equal(await outcomeText(page), UI.outcome_not[tag]);
      const notFit = page.locator('#tsc-group-not [data-criterion]');
      assert.deepEqual(await notFit.evaluateAll((els) => els.map((e) => e.dataset.criterion)), ['I1']);
      assert.match(await page.locator('#tsc-group-not').innerText(), l === 'zh' ? /80 岁/ : /80 years/);
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });
  }

  test('a "not a fit" found later, after going on answering, still ends in the honest summary', async () => {
    const page = await start();
    await page.locator('#tsc-start').click();
    const asked = await walk(page, { ...LIKELY, lung: 'yes', age: 80 }, 'en', { stopAtNotice: false });
    // Every question the plan's answers make relevant (no follow-up behind a No or a Not sure).
    assert.equal(asked.length, 34, 'the patient chose to answer every question');
    assert.equal(await outcomeText(page), UI.outcome_not.en);
    const ids = await page.locator('#tsc-group-not [data-criterion]').evaluateAll((els) => els.map((e) => e.dataset.criterion));
    assert.deepEqual(ids, ['I1', 'E12']);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('Change on the "not a fit" notice fixes a slip and the walk goes on', async () => {
    const page = await start();
    await page.locator('#tsc-start').click();
    await walk(page, { ...LIKELY, age: 80 }, 'en');
    assert.equal(await heading(page), UI.decided_title.en);
    await page.locator('#tsc-deciding [data-change="age"]').click();
    assert.equal((await currentQuestion(page)).id, 'age');
    await page.locator('input.tsc-input').fill('64');
    await page.getByRole('button', { name: UI.continue_.en, exact: true }).click();
    await page.locator('.tsc-heading', { hasText: TRIAL.questions[1].text.en }).waitFor();
    const asked = await walk(page, LIKELY, 'en');
    assert.ok(asked.length >= 27, `asked ${asked.length}`);
    assert.equal(await outcomeText(page), UI.outcome_likely.en);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a wrong number gets the error pattern, then the fix goes through', async () => {
    const page = await start();
    await page.locator('#tsc-start').click();
    await page.locator('input.tsc-input').fill('sixty');
    await page.getByRole('button', { name: UI.continue_.en }).click();
    const summary = page.locator('.tsc-error-summary');
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'tsc-error-summary', 'the summary takes focus');
    assert.equal(await page.locator('.tsc-error-message').textContent(), `Error: ${UI.error_number_format.en}`);
    const described = await page.locator('input.tsc-input').getAttribute('aria-describedby');
    assert.ok(described.includes('tsc-q-age-error'));
    await page.screenshot('error-en');
    await summary.getByRole('link').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tsc-q-age', 'the link focuses the field');
    await page.locator('input.tsc-input').fill('130');
    await page.getByRole('button', { name: UI.continue_.en }).click();
    assert.match(await page.locator('.tsc-error-message').innerText(), /from 0 to 120/);
    await page.locator('input.tsc-input').fill('64');
    await page.getByRole('button', { name: UI.continue_.en }).click();
    assert.equal((await currentQuestion(page)).id, 'crc_liver');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tsc-heading')), true, 'focus moves to the new heading');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('switching language midway keeps every answer and the place', async () => {
    const page = await start();
    await page.locator('#tsc-start').click();
    for (const id of ['age', 'crc_liver', 'confirmed_sample']) {
      const q = await currentQuestion(page);
      assert.equal(q.id, id);
      await answer(page, q, LIKELY[id]);
      await page.waitForFunction((t) => document.querySelector('.tsc-heading')?.innerText.trim() !== t, q.text.en);
    }
    await toChinese(page);
    assert.equal((await currentQuestion(page, 'zh')).id, 'surgery');
    assert.equal(await page.locator('.tsc').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the host page is left alone');
    await page.getByText(UI.back['zh-CN'], { exact: true }).click();
    assert.equal((await currentQuestion(page, 'zh')).id, 'confirmed_sample');
    assert.equal(await page.getByLabel(UI.yes['zh-CN'], { exact: true }).isChecked(), true, 'the answer is kept');
    await page.getByText(UI.back['zh-CN'], { exact: true }).click();
    await page.getByText(UI.back['zh-CN'], { exact: true }).click();
    assert.equal(await page.locator('input.tsc-input').inputValue(), '64');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('"Change" from the summary asks what the new answer makes relevant, then returns', async () => {
    const page = await start();
    await page.locator('#tsc-start').click();
    await walk(page, { ...LIKELY, hep_b: 'no' });
    assert.equal(await outcomeText(page), UI.outcome_likely.en);
    await page.locator('#tsc-group-fits summary').click();   // "What fits" is folded at first
    await page.locator('[data-change="hep_b"]').click();
    assert.equal((await currentQuestion(page)).id, 'hep_b');
    await answer(page, (await currentQuestion(page)), 'yes');
    await page.waitForFunction(() => document.querySelector('.tsc-heading')?.innerText.includes('HBV DNA'));
    assert.equal((await currentQuestion(page)).id, 'hbv_dna');
    // 2,000 IU/mL or more is "not sure yet" since content 1.2.0: antivirals can bring it down.
    await answer(page, (await currentQuestion(page)), 'above');
    await page.locator('.tsc-outcome').waitFor();
    assert.equal(await outcomeText(page), UI.outcome_possibly.en);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  // The build puts the start screen into the page (crates/tools/src/prerender.rs); `?hold-wasm` (e2e/probe.js)
  // keeps the widget from starting until the test releases it.
  async function openHeld() {
    const page = await env.open('?hold-wasm');
    // boot.js has armed the static Start: a press now is kept for the widget.
    await page.waitForFunction(() => document.querySelector('[data-static]') && !document.getElementById('tsc-start').disabled);
    return page;
  }
  async function release(page) {
    await page.evaluate(() => window.__releaseWasm());
    await page.waitForFunction(() => !document.querySelector('[data-static]'));
  }

  test('the start screen comes with the page, and the widget takes it over without a jump', async () => {
    const page = await openHeld();
    assert.equal(await heading(page), UI.app_title.en);
    // Everything but Start and the language switch waits, disabled, for the widget.
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('.tsc button, .tsc input')]
      .filter((e) => !e.disabled).map((e) => e.id)), ['tsc-lang', 'tsc-start']);
    await assertTakeoverUnseen(page, 'document', release, { scrollY: 120 });
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('Start and the language switch pressed before the widget is ready are honoured once, when it is', async () => {
    let page = await openHeld();
    await page.locator('#tsc-lang').click();
    await page.locator('#tsc-start').click();
    await page.locator('#tsc-start').click();
    assert.equal(await page.evaluate(() => !!document.querySelector('[data-static][aria-busy="true"]')), true, 'still waiting, and shows it');
    assert.equal(await heading(page), UI.app_title.en);
    await release(page);
    assert.equal((await currentQuestion(page, 'zh'))?.id, TRIAL.questions[0].id, 'one Start, in Chinese');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('tsc-heading')), true, 'focus on the question');
    await page.locator('#tsc-back').click();
    assert.equal(await heading(page), UI.app_title['zh-CN'], 'Back returns to the start screen');
    assert.deepEqual(await page.problems(), []);
    await page.close();

    // Two presses of the switch turn it back; no Start, no step.
    page = await openHeld();
    await page.locator('#tsc-lang').click();
    await page.locator('#tsc-lang').click();
    await release(page);
    assert.equal(await heading(page), UI.app_title.en);
    assert.equal(await page.locator('#tsc-start').count(), 1);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('without \'wasm-unsafe-eval\' the page says plainly that the self-check cannot start', async () => {
    const page = await env.open('?policy=no-wasm');
    const fallback = page.locator('#tsc-fallback');
    await fallback.waitFor({ state: 'visible' });
    assert.match(await fallback.innerText(), /cannot start in this browser.*clinicaltrials\.gov\/study\/NCT07117435/s);
    assert.equal(await page.locator('#tsc-start').count(), 0, 'the static start screen gives way to the message');
    await page.screenshot('no-wasm');
    // The only problems are the blocked WebAssembly compile itself.
    for (const p of await page.problems()) assert.match(p, /wasm|WebAssembly|script-src/i, p);
    await page.close();
  });
});
