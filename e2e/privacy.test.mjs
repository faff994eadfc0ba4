// End to end: privacy and resilience. Nothing stored unless chosen; keep-on-device and erase;
// the inactivity guard; save to a file and open it again; every kind of bad file; corrupt storage
// at start-up; and the panic box (from a separate test build with the panic trigger). In every
// engine (engines.mjs), but for the inactivity guard, which needs Playwright's clock (Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { walk, heading, currentQuestion, answerSome, openPanel, status, screenshot, ROOT, OUT, UI, TRIAL, mounted } from './browser.mjs';
import { eachEngine, chromiumOnly } from './engines.mjs';
import { LIKELY } from './plans.mjs';

const KEY = 'trial-self-check:NCT07117435';
const DIST = path.join(ROOT, 'dist');
const MOUNTS = { '/panic/': path.join(ROOT, 'dist-panic') };

async function storage(page) {
  return page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookie: document.cookie,
    idb: (await indexedDB.databases()).map((d) => d.name),
  }));
}

const EMPTY = { local: [], session: [], cookie: '', idb: [] };

const good = (answers, version = TRIAL.content_version) => JSON.stringify({ format: 'trial-self-check/answers', schema: 1, trial: 'NCT07117435', content_version: version, saved: '2026-11-01', answers });
// Answers saved with content 1.0.0, before questions changed meaning in 1.1.0.
const OLD = good({ age: { number: 64 }, side_effects: 'no', immune: 'no', strong_interacting_medicines: 'yes' }, '1.0.0');

eachEngine(DIST, MOUNTS, (test, env) => {
  async function start() {
    const page = await env.open();
    await mounted(page);
    return page;
  }

  /** Writes `text` to a file and opens it through the panel's "Open saved answers". */
  async function openFile(page, name, text) {
    const file = path.join(OUT, `${env.engine}-${name}`);
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(file, text);
    await openPanel(page);
    await page.openFile(page.locator('#tsc-open-file'), page.locator('#tsc-open-input'), file);
  }

  /** A page whose device already holds `value` under the widget's key when the widget starts. */
  async function seeded(value) {
    const page = await env.open();
    await mounted(page);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, value]);
    await page.reload();
    return page;
  }

  test('a whole journey stores nothing: no cookies, no storage, no IndexedDB', async () => {
    const page = await start();
    await page.locator('#tsc-start').click();
    await walk(page, LIKELY);
    assert.deepEqual(await storage(page), EMPTY);
    assert.deepEqual(await page.cookies(), []);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('"Keep my answers on this device" is opt-in, survives a reload, and Erase removes everything', async () => {
    const page = await start();
    await answerSome(page, 3);
    assert.deepEqual(await storage(page), EMPTY, 'nothing before opting in');
    await openPanel(page);
    assert.match(await page.locator('#tsc-keep-warning').innerText(), /Anyone else who uses this device/);
    await page.getByLabel(UI.keep_label.en).check();
    assert.equal(await status(page), UI.kept_on.en);
    const record = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.equal(record.format, 'trial-self-check/answers');
    assert.equal(record.schema, 1);
    assert.equal(record.content_version, TRIAL.content_version);
    assert.deepEqual(Object.keys(record.answers).sort(), ['age', 'confirmed_sample', 'crc_liver']);
    assert.deepEqual((await storage(page)).local, [KEY], 'one record, namespaced by trial');

    const { prompted } = await page.reload();
    await mounted(page);
    assert.equal(prompted, false, 'kept answers are not lost by leaving, so no "leave page?" prompt');
    assert.match(await status(page), /We loaded the answers you kept on this device on \d{4}-\d\d-\d\d\./);
    await page.locator('#tsc-start').click();
    assert.equal((await currentQuestion(page)).id, 'surgery', 'resumes at the first unanswered question');

    await openPanel(page);
    await page.locator('#tsc-erase').click();
    assert.equal(await status(page), UI.erased.en);
    assert.equal(await heading(page), UI.app_title.en);
    assert.deepEqual(await storage(page), EMPTY);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('save to a file, start over, open it: the change list is shown and confirming restores', async () => {
    const page = await start();
    await answerSome(page, 4);
    await openPanel(page);
    const download = await page.download(page.locator('#tsc-save-file'));
    assert.match(download.name, /^trial-self-check-NCT07117435-\d{4}-\d\d-\d\d\.json$/);
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, `saved-answers-${env.engine}.json`), download.text);
    const json = JSON.parse(download.text);
    assert.deepEqual(json.answers.age, { number: 64 });
    // Only what is true: the browser was asked; the widget cannot know the file arrived.
    assert.match(await status(page), /asked to save your answers as the file trial-self-check-NCT07117435-/);
    assert.doesNotMatch(await status(page), /were saved/);
    assert.deepEqual(await storage(page), EMPTY, 'saving a file stores nothing in the browser');

    await page.locator('#tsc-erase').click();
    await openFile(page, 'reopen.json', download.text);
    await page.locator('#tsc-import-replace').waitFor();
    assert.equal(await heading(page), UI.import_title.en);
    assert.equal(await page.locator('#tsc-import-changes li').count(), 4);
    assert.match(await page.locator('#tsc-import-changes').innerText(), /How old are you\?\s*\(no answer\) → 64 years/);
    await page.screenshot('import-confirm');
    await page.locator('#tsc-import-replace').click();
    assert.equal(await status(page), UI.import_done.en);
    assert.equal((await currentQuestion(page)).id, 'treated_since_spread', 'resumes after the restored answers');
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  for (const [name, text, message] of [
    ['corrupt', '{"format":"trial-self-check/answers", "schema": 1, "trial": "NCT0711', UI.err_not_ours.en],
    ['not ours', '{"hello": "world"}', UI.err_not_ours.en],
    ['another trial', good({ age: { number: 50 } }).replace('NCT07117435', 'NCT01234567'), UI.err_other_trial.en.replace('{found}', 'NCT01234567')],
    ['newer schema', good({ age: { number: 50 } }).replace('"schema":1', '"schema":7'), UI.err_newer.en],
    ['over 1 MB', good({ age: { number: 50 }, pad: 'x'.repeat(1_100_000) }), UI.err_too_large.en],
  ]) {
    test(`a bad file (${name}) gets a clear message and the answers on screen are untouched`, async () => {
      const page = await start();
      await answerSome(page, 2);
      await openFile(page, `bad-${name.replaceAll(' ', '-')}.json`, text);
      await page.locator('#tsc-status').waitFor();
      assert.equal(await status(page), message);
      assert.equal((await currentQuestion(page)).id, 'confirmed_sample');
      await page.getByText(UI.back.en, { exact: true }).click();
      assert.equal(await page.getByLabel(UI.yes.en, { exact: true }).isChecked(), true, 'answers untouched');
      await page.close();
    });
  }

  test('a partly valid file keeps the valid answers and lists the dropped ones', async () => {
    const page = await start();
    await answerSome(page, 1);
    await openFile(page, 'partly-valid.json', good({ age: { number: 70 }, crc_liver: 'yes', shoe_size: 'yes', periop_months: { number: 5000 }, daily_activity: { choice: 'a9' } }));
    await page.locator('#tsc-import-replace').waitFor();
    assert.equal(await heading(page), UI.import_title.en);
    const dropped = await page.locator('#tsc-import-dropped').innerText();
    assert.match(dropped, /shoe_size\nnot a question in this version/);
    assert.match(dropped, /How many months went by.*\nnot a valid answer/);
    assert.match(dropped, /Which sentence best describes you.*\nnot a valid answer/);
    await page.locator('#tsc-import-cancel').click();
    assert.equal(await status(page), UI.import_cancelled.en);
    await page.getByText(UI.back.en, { exact: true }).click();
    assert.equal(await page.locator('input.tsc-input').inputValue(), '64', 'cancel changes nothing');
    await page.close();
  });

  test('a file saved with content 1.0.0 opens: same-meaning answers carry over, changed ones are listed', async () => {
    const page = await start();
    await openFile(page, 'old-1.0.0.json', OLD);
    await page.locator('#tsc-import-replace').waitFor();
    const changes = await page.locator('#tsc-import-changes').innerText();
    assert.match(changes, new RegExp(`→ ${TRIAL.questions.find((q) => q.id === 'side_effects').kind.choice.options[0].label.en}`));
    const dropped = await page.locator('#tsc-import-dropped').innerText();
    assert.match(dropped, /Have you ever had an illness of the immune system.*\nthis question changed in this version/);
    assert.match(dropped, /Do you take any of the medicines listed below\?\nthis question changed in this version/);
    await page.locator('#tsc-import-replace').click();
    assert.equal(await status(page), UI.import_done.en);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  test('a record kept on the device with content 1.0.0 is restored and names the questions to answer again', async () => {
    const page = await seeded(OLD);
    await page.locator('#tsc-status').waitFor();
    const text = await status(page);
    assert.ok(text.startsWith(UI.restored.en.replace('{date}', '2026-11-01')), text);
    assert.ok(text.includes(UI.restored_changed.en), text);
    assert.ok(text.includes(TRIAL.questions.find((q) => q.id === 'immune').text.en), text);
    await page.locator('#tsc-start').click();
    assert.equal((await currentQuestion(page)).id, 'crc_liver', 'resumes at the first question without an answer');
    await page.close();
  });

  test('corrupt data kept on the device gives a message and an offer to erase, never a crash', async () => {
    const page = await seeded('{broken');
    await page.locator('#tsc-status-erase').waitFor();
    assert.equal(await status(page).then((s) => s.split('\n')[0]), UI.storage_corrupt.en);
    await page.locator('#tsc-status-erase').click();
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
    assert.equal(await status(page), UI.erased.en);
    await page.close();
  });

  test('a panic shows the bilingual error box with Start over, never a blank box', async () => {
    const page = await env.open('panic/#panic');
    const box = page.locator('.tsc-panic');
    await box.waitFor();
    const text = await box.innerText();
    assert.match(text, /Sorry, something went wrong/);
    assert.match(text, /抱歉，自查工具出错了/);
    await page.screenshot('panic-box');
    await page.locator('.tsc-panic-restart').click();
    await mounted(page);
    await page.close();
  });
});

chromiumOnly(DIST, MOUNTS, (test, env) => {
  // Only Playwright can install a fake clock here (puppeteer and WebDriver have none), and 20 real
  // minutes are too long to wait.
  test('after 15 idle minutes the answers are hidden; 5 more erase them', async () => {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(env.server.url);
    await mounted(page);
    await answerSome(page, 2);
    // The guard checks every 5 seconds, so allow it 10.
    await page.clock.fastForward('14:50');
    assert.equal((await currentQuestion(page)).id, 'confirmed_sample', 'still there before 15 minutes');
    await page.clock.fastForward('00:20');
    await page.locator('#tsc-idle-continue').waitFor();
    assert.equal(await heading(page), UI.idle_title.en);
    assert.equal(await page.locator('input[type=radio]').count(), 0, 'the answers are hidden');
    await screenshot(page, 'idle-prompt');
    await page.locator('#tsc-idle-continue').click();
    assert.equal((await currentQuestion(page)).id, 'confirmed_sample', 'Continue brings the question back');
    await page.clock.fastForward('15:10');
    await page.locator('#tsc-idle-continue').waitFor();
    await page.clock.fastForward('04:50');
    assert.equal(await heading(page), UI.idle_title.en, 'not erased before 5 more minutes');
    await page.clock.fastForward('00:20');
    await page.locator('#tsc-status').waitFor();
    assert.equal(await status(page), UI.idle_erased.en);
    assert.equal(await heading(page), UI.app_title.en);
    await page.locator('#tsc-start').click();
    assert.equal(await page.locator('input.tsc-input').inputValue(), '', 'the answers in memory are gone');
    await context.close();
  });
});

// Not a browser test: run once.

test('the release build does not contain the panic trigger; the test build does', () => {
  const has = (dir) => fs.readFileSync(path.join(ROOT, dir, 'trial-self-check_bg.wasm')).includes('TSC-PANIC-TRIGGER');
  assert.equal(has('dist'), false);
  assert.equal(has('dist-panic'), true);
});
