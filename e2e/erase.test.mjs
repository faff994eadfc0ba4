// End to end: "Erase my answers" reaches every copy of the widget. Two kept copies on one host
// page (every engine), and two tabs of one browser profile (where the engine's driver can open a
// second tab sharing storage: Chromium and Firefox; the WebKit driver here drives one window per
// session). Erase in one, keep answering in the other, reload both: nothing comes back, and each
// copy said, in its own language, that the answers were erased.
import assert from 'node:assert/strict';
import path from 'node:path';
import { answerSome, openPanel, status, statusIfAny, ROOT, UI, mounted, WAIT_MS } from './browser.mjs';
import { eachEngine } from './engines.mjs';

const DIST = path.join(ROOT, 'dist');
const HOST = path.join(ROOT, 'examples/host');
const MOUNTS = { '/vendor/trial-self-check/': DIST };

async function keep(scope) {
  await openPanel(scope);
  await scope.locator('#tsc-keep').check();
}

/** Waits until `scope`'s status line reads `text` (the erase arrives as a message, not at once). */
async function statusBecomes(scope, text) {
  // Until the suite's bound for any wait, not a count of polls (a time in disguise).
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline;) {
    if ((await statusIfAny(scope, 0).catch(() => '')) === text) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(await status(scope), text);
}

const records = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trial-self-check:')));

eachEngine(HOST, MOUNTS, (test, env) => {
  test('erase in one copy on a page makes the other copy forget and stop keeping', async () => {
    const page = await env.open('', { viewport: { width: 1024, height: 900 } });
    const [first, second] = [page.locator('#first'), page.locator('#second')];
    await first.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    await second.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    await answerSome(first, 2);
    await keep(first);
    // The host page's second copy is in Chinese (lang="zh-CN").
    await answerSome(second, 1, 'zh');
    await keep(second);
    assert.equal((await records(page)).length, 2, 'both copies keep a record');

    await openPanel(first);
    await first.locator('#tsc-erase').click();
    assert.equal(await status(first), UI.erased.en);
    await statusBecomes(second, UI.erased['zh-CN']);
    assert.equal(await second.locator('#tsc-keep').isChecked().catch(() => false), false, 'keeping is off in the other copy');

    // The other copy goes on: nothing is written until the patient turns keeping on again there.
    await answerSome(second, 2, 'zh');
    assert.deepEqual(await records(page), []);
    await page.reload();
    await first.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    await second.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    for (const copy of [first, second]) {
      const text = await statusIfAny(copy);
      assert.ok(!text.includes(UI.restored.en.split('{date}')[0]), `nothing is restored: ${text}`);
    }
    assert.deepEqual(await records(page), []);
    assert.deepEqual(await page.problems(), []);
  });
});

eachEngine(DIST, {}, (test, env) => {
  test('erase in one tab makes another tab of the site forget and stop keeping', async (t) => {
    if (!env.tabs) return t.skip(`${env.engine}: its driver here cannot open a second tab`);
    const a = await env.open();
    await mounted(a);
    await answerSome(a, 3);
    await keep(a);
    const b = await env.openTab(a);
    await mounted(b);
    assert.match(await status(b), /We loaded the answers you kept on this device/);
    await b.locator('#tsc-start').click();

    await a.front();
    await openPanel(a);
    await a.locator('#tsc-erase').click();
    assert.equal(await status(a), UI.erased.en);
    await b.front();
    await statusBecomes(b, UI.erased.en);

    await answerSome(b, 2);
    assert.deepEqual(await records(b), []);
    for (const tab of [a, b]) {
      await tab.front();
      await tab.reload();
      // The browser's history may bring back the last screen rather than the start screen.
      await tab.waitForFunction(() => !document.querySelector('[data-static]'));
      await tab.locator('.tsc-heading').waitFor();
      assert.doesNotMatch(await statusIfAny(tab), /We loaded the answers you kept/);
    }
    assert.deepEqual(await records(a), []);
    assert.deepEqual(await a.problems(), []);
    assert.deepEqual(await b.problems(), []);
  });
});
