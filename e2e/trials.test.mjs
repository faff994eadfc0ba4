// End to end: every shipped trial (each content/<ID>/ with a trial.json) from one release build,
// in three engines under the strict policy: on its own standalone page (`index.html` for the
// first, `<ID>.html` for the others, each with its start screen drawn in), and embedded, every
// shipped trial as one element of one host page. Each walks its stories' first "likely fit" and
// first "not a fit" as the patient would; a trial written in English only shows no language
// switch. The first trial's every journey is in journey.test.mjs and stories.test.mjs.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, UI, walk, heading, storyPlan } from './browser.mjs';
import { eachEngine } from './engines.mjs';

const CONTENT = path.join(ROOT, 'content');
const TRIALS = fs.readdirSync(CONTENT).sort()
  .filter((id) => fs.existsSync(path.join(CONTENT, id, 'trial.json')))
  .map((id) => ({
    trial: JSON.parse(fs.readFileSync(path.join(CONTENT, id, 'trial.json'), 'utf8')),
    stories: JSON.parse(fs.readFileSync(path.join(CONTENT, id, 'stories.json'), 'utf8')).stories,
  }));
const FIRST = 'NCT07117435';
const OUTCOME = { 'likely-fit': UI.outcome_likely.en, 'not-a-fit': UI.outcome_not.en };



/** The English stories a walk takes: the first of each outcome in OUTCOME. */
const walked = ({ stories }) => Object.keys(OUTCOME)
  .map((o) => stories.find((s) => s.lang === 'en' && s.expect.outcome === o)).filter(Boolean);

nodeTest('every shipped trial has a story to walk for each outcome walked here', () => {
  assert.ok(TRIALS.length >= 1);
  for (const t of TRIALS) assert.equal(walked(t).length, Object.keys(OUTCOME).length, t.trial.id);
});

// The host page: every shipped trial, one element each, as a hospital running several would.
const SITE = path.join(ROOT, 'e2e/out/trials-site');
fs.rmSync(SITE, { recursive: true, force: true });
fs.mkdirSync(SITE, { recursive: true });
fs.writeFileSync(path.join(SITE, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>trials</title>
<link rel="icon" href="/vendor/tsc/favicon.svg"><script type="module" src="/vendor/tsc/embed.js"></script></head><body>
${TRIALS.map(({ trial }) => `<trial-self-check id="t-${trial.id}" trial="${trial.id}"><p>Loading…</p></trial-self-check>`).join('\n')}
</body></html>`);

async function walkStory(scope, trial, stories, story) {
  await scope.locator('#tsc-start').click();
  await walk(scope, storyPlan(stories, story), 'en', { trial, stopAtNotice: false });
  assert.equal((await scope.locator('.tsc-outcome-title').innerText()).trim(), OUTCOME[story.expect.outcome], story.id);
}

eachEngine(path.join(ROOT, 'dist'), { '/host/': SITE, '/vendor/tsc/': path.join(ROOT, 'dist') }, (test, env) => {
  for (const { trial, stories } of TRIALS) {
    const page = trial.id === FIRST ? '' : `${trial.id}.html`;
    for (const story of walked({ stories })) {
      test(`${trial.id} on its own page: story ${story.id} ends in "${story.expect.outcome}"`, async () => {
        const p = await env.open(page);
        // The start screen came with the page: the trial's own title before the widget takes it over.
        await p.waitForFunction(() => !document.querySelector('[data-static]'));
        await p.locator('#tsc-start').waitFor();
        assert.ok((await p.locator('.tsc').innerText()).includes(trial.title.en));
        assert.equal(await p.locator('#tsc-lang').count(), (trial.languages ?? ['en', 'zh-CN']).length > 1 ? 1 : 0,
          'a language switch only for a trial in two languages');
        await walkStory(p, trial, stories, story);
        assert.deepEqual(await p.problems(), []);
        await p.close();
      });
    }
  }

  test('every shipped trial on one host page, each walking to "likely fit"', async () => {
    const p = await env.open('/host/', { viewport: { width: 1024, height: 900 } });
    for (const { trial, stories } of TRIALS) {
      const el = p.locator(`#t-${trial.id}`);
      await el.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
      assert.equal(await heading(el), UI.app_title.en);
      await walkStory(el, trial, stories, walked({ stories })[0]);
    }
    assert.deepEqual(await p.problems(), []);
    await p.close();
  });
});
