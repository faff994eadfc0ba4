// End to end: patient stories from content/NCT07117435/stories.json, clicked through the built
// widget as the patient would answer (every Chinese story in the Chinese interface, and for each
// outcome the English story with the longest summary), and the summary each gets on a phone: the
// outcome, the criteria that do not fit or are not known yet, and everything above the folds
// within 2,200 px at 360 px wide when up to three criteria stand against the patient.
// Chromium only: the height is measured at 360 px, narrower than WebKit's smallest window here,
// and every engine already walks whole journeys in journey.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, walk, screenshot, ROOT, UI, mounted, toChinese, storyPlan } from './browser.mjs';
import { chromiumOnly } from './engines.mjs';
const FILE = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/NCT07117435/stories.json'), 'utf8'));
const plan = (story) => storyPlan(FILE.stories, story);
const OUTCOME_TEXT = { 'likely-fit': UI.outcome_likely, possibly: UI.outcome_possibly, 'not-a-fit': UI.outcome_not };
const ABOVE_THE_FOLDS_PX = 2200;



const chinese = FILE.stories.filter((s) => s.lang === 'zh-CN');
// For each outcome, the English story with the most criteria that do not fit or are not known,
// up to three (the longest summary of its kind the height target covers), and the English story
// with the most overall, whose height is reported rather than held to the target.
const weight = (s) => s.expect.does_not_fit.length + s.expect.unknown.length;
const heaviest = (list) => list.reduce((a, b) => (weight(b) > weight(a) ? b : a));
const TARGET_WEIGHT = 3;
const englishStories = FILE.stories.filter((s) => s.lang === 'en');
const english = ['likely-fit', 'possibly', 'not-a-fit'].map((o) =>
  heaviest(englishStories.filter((s) => s.expect.outcome === o && weight(s) <= TARGET_WEIGHT)));
const worst = heaviest(englishStories);
if (!english.includes(worst)) english.push(worst);
const driven = [...english, ...chinese];

test('the driven stories cover every outcome in both languages', () => {
  for (const lang of ['en', 'zh-CN']) {
    const outcomes = new Set(driven.filter((s) => s.lang === lang).map((s) => s.expect.outcome));
    assert.deepEqual([...outcomes].sort(), ['likely-fit', 'not-a-fit', 'possibly'], lang);
  }
});

chromiumOnly(path.join(ROOT, 'dist'), {}, (test, env) => {
  for (const story of driven) {
    const l = story.lang === 'zh-CN' ? 'zh' : 'en';
    test(`story ${story.id} (${story.lang}) ends in "${story.expect.outcome}" with the expected criteria`, async () => {
      const { page, problems, context } = await openPage(env.browser, env.server.url);
      await mounted(page);
      if (l === 'zh') await toChinese(page);
      await page.locator('#tsc-start').click();
      await walk(page, plan(story), l, { stopAtNotice: false });
      await screenshot(page, `story-${story.id}`);
      const outcome = (await page.locator('.tsc-outcome-title').innerText()).trim();
      assert.equal(outcome, OUTCOME_TEXT[story.expect.outcome][story.lang], `story ${story.id}: outcome`);
      const ids = (group) => page.locator(`#tsc-group-${group} [data-criterion]`)
        .evaluateAll((els) => els.map((e) => e.dataset.criterion).sort());
      for (const [group, want] of [['not', story.expect.does_not_fit], ['unknown', story.expect.unknown]]) {
        const got = await ids(group);
        const missing = want.filter((c) => !got.includes(c));
        const extra = got.filter((c) => !want.includes(c));
        assert.deepEqual({ missing, extra }, { missing: [], extra: [] },
          `story ${story.id}: criteria shown as ${group === 'not' ? 'does not fit' : 'not sure'}`);
      }
      // On a phone, what the patient acts on comes before the folds, within about three screens.
      const foldTop = await page.evaluate(() =>
        document.querySelector('.tsc-fold').getBoundingClientRect().top + window.scrollY);
      console.log(`# story ${story.id} (${story.lang}, ${story.expect.outcome}, ${weight(story)} against): ${Math.round(foldTop)} px above the folds`);
      if (weight(story) <= TARGET_WEIGHT) {
        assert.ok(foldTop <= ABOVE_THE_FOLDS_PX, `story ${story.id}: ${Math.round(foldTop)} px above the folds`);
      }
      assert.deepEqual(await problems(), []);
      await context.close();
    });
  }
});
