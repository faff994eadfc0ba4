// The authoring kit end to end, touching no Rust: a third, small, made-up trial
// (e2e/fixtures/NCT00000042) goes through the JSON Schema (ajv, as an editor would), the check
// and `pack` (the kit's commands), then walks in every engine on a host page that names its files
// (`src`, `integrity`) beside an element of a shipped trial, and on the release's preview page,
// which reads the files a coordinator chooses and uploads nothing. Files that cannot be used (a
// trial nobody gave files for, a missing folder, a wrong digest, another format) each give the
// patient a plain message and say why in the console.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { ROOT, UI, walk, heading, toChinese } from './browser.mjs';
import { eachEngine } from './engines.mjs';

const FIXTURE = path.join(ROOT, 'e2e/fixtures/NCT00000042');
const TRIAL42 = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'trial.json'), 'utf8'));
const SITE = path.join(ROOT, 'e2e/out/kit-site');
const PLAN = { age: 50, high_bp: 'yes', pregnant: 'no' };

// The kit's commands, as a coordinator runs them (docs/authoring.md).
const kit = (...args) => spawnSync('cargo', ['run', '--quiet', '--locked', '-p', 'tsc-tools', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
fs.rmSync(SITE, { recursive: true, force: true });
fs.mkdirSync(SITE, { recursive: true });
const checked = kit('check', FIXTURE);
const packed = kit('pack', FIXTURE, path.join(SITE, 'trials'));
const INTEGRITY = packed.stdout.match(/integrity="([^"]+)"/)?.[1];

nodeTest('the kit takes a new trial file through the schema, the check and pack', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/trial.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  assert.ok(validate(TRIAL42), JSON.stringify(validate.errors));
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout, /no problems; 3 of 3 stories walk to their expected outcome/);
  assert.equal(packed.status, 0, packed.stdout + packed.stderr);
  for (const f of ['en.tsc', 'zh-CN.tsc', 'snippet.en.html', 'snippet.zh-CN.html']) {
    assert.ok(fs.existsSync(path.join(SITE, 'trials/NCT00000042', f)), f);
  }
  assert.equal(INTEGRITY?.split(' ').length, 2, packed.stdout);
  // A mistake stops pack: nothing is written for a trial the check finds a problem in.
  const broken = path.join(SITE, 'broken');
  fs.mkdirSync(broken);
  const trial = structuredClone(TRIAL42);
  trial.questions[1].why.en = '';
  fs.writeFileSync(path.join(broken, 'trial.json'), JSON.stringify(trial));
  fs.copyFileSync(path.join(FIXTURE, 'registry.md'), path.join(broken, 'registry.md'));
  const refused = kit('pack', broken, path.join(broken, 'out'));
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /\/questions\/1\/why\/en: question `high_bp` why-we-ask: missing English text/);
  assert.equal(fs.existsSync(path.join(broken, 'out')), false);
});

// The host pages, as a hospital writes them: the widget's files at /vendor/tsc/, the trial's own
// beside the page. `other-format.tsc` is the English file with its format number raised.
const element = (attrs) => `<trial-self-check ${attrs}><p>Loading…</p></trial-self-check>`;
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>kit</title>
<link rel="icon" href="/vendor/tsc/favicon.svg"><script type="module" src="/vendor/tsc/embed.js"></script></head><body>${body}</body></html>`;
fs.writeFileSync(path.join(SITE, 'index.html'), page(
  element(`id="own" trial="NCT00000042" src="trials/NCT00000042/" integrity="${INTEGRITY}"`) +
  element('id="shipped" trial="NCT07117435"')));
const other = path.join(SITE, 'other/NCT00000042');
fs.mkdirSync(other, { recursive: true });
const english = fs.readFileSync(path.join(SITE, 'trials/NCT00000042/en.tsc'));
const newer = Buffer.from(english);
newer[4] += 1;
fs.writeFileSync(path.join(other, 'en.tsc'), newer);
fs.writeFileSync(path.join(SITE, 'bad.html'), page(
  element('id="unknown" trial="NCT00000000"') +
  element('id="missing" trial="NCT00000042" src="nowhere/"') +
  element(`id="altered" trial="NCT00000042" src="trials/NCT00000042/" integrity="${INTEGRITY.split(' ')[1]}"`) +
  element('id="format" trial="NCT00000042" src="other/NCT00000042/"')));

eachEngine(SITE, { '/vendor/tsc/': path.join(ROOT, 'dist') }, (test, env) => {
  test('a hospital\'s own trial walks on its page beside a shipped one, in both languages', async () => {
    const p = await env.open('', { viewport: { width: 1024, height: 900 } });
    const own = p.locator('#own');
    const shipped = p.locator('#shipped');
    await own.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    await shipped.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    assert.equal(await heading(own), UI.app_title.en);
    assert.match(await own.locator('.tsc').innerText(), /A made-up blood pressure study/);
    await own.locator('#tsc-start').click();
    await walk(own, PLAN, 'en', { trial: TRIAL42 });
    assert.equal((await own.locator('.tsc-outcome-title').innerText()).trim(), UI.outcome_likely.en);
    await toChinese(own);
    assert.equal((await own.locator('.tsc-outcome-title').innerText()).trim(), UI.outcome_likely['zh-CN']);
    const zh = await own.locator('.tsc').innerText();
    assert.ok(zh.includes(TRIAL42.site['zh-CN']), `the trial's own Chinese texts: ${zh}`);
    assert.match(await shipped.locator('.tsc').innerText(), /Could this study suit me\?/, 'the shipped trial beside it is untouched');
    assert.deepEqual(await p.problems(), []);
    await p.close();
  });

  test('files that cannot be used give the plain message, and the console says which and why', async () => {
    const p = await env.open('bad.html', { viewport: { width: 1024, height: 900 } });
    for (const id of ['#missing', '#altered', '#format']) {
      await p.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'cannot-start', id);
      assert.match(await p.locator(id).innerText(), /The self-check cannot start: its files on this site are missing/);
    }
    await p.locator('#unknown .tsc-error-box').waitFor();
    assert.match(await p.locator('#unknown .tsc-error-box').innerText(), /does not have questions for the trial “NCT00000000”/);
    const problems = (await p.problems()).join('\n');
    assert.match(problems, /nowhere\/en\.tsc could not be loaded/);
    assert.match(problems, /trials\/NCT00000042\/en\.tsc could not be loaded or does not match its digest/);
    assert.match(problems, /trial format 2; this widget reads format 1/);
    await p.close();
  });

  test('the preview page walks a coordinator\'s files in both languages with nothing uploaded', async () => {
    const p = await env.open('/vendor/tsc/kit/preview.html', { viewport: { width: 1024, height: 900 } });
    await p.locator('#files').waitFor();
    const before = env.responses.length;
    const files = ['en.tsc', 'zh-CN.tsc'].map((f) => [f, [...fs.readFileSync(path.join(SITE, 'trials/NCT00000042', f))]]);
    await p.evaluate((given) => {
      const input = document.getElementById('files');
      const chosen = new DataTransfer();
      for (const [name, bytes] of given) chosen.items.add(new File([new Uint8Array(bytes)], name));
      input.files = chosen.files;
      input.dispatchEvent(new Event('change'));
    }, files);
    const el = p.locator('trial-self-check');
    await el.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    assert.match(await p.locator('#status').innerText(), /Showing NCT00000042 from en\.tsc and zh-CN\.tsc\. Nothing was uploaded\./);
    await el.locator('#tsc-start').click();
    await walk(el, PLAN, 'en', { trial: TRIAL42 });
    await toChinese(el);
    assert.equal((await el.locator('.tsc-outcome-title').innerText()).trim(), UI.outcome_likely['zh-CN']);
    const fetched = env.responses.slice(before).map((r) => r.path).filter((f) => f.endsWith('.tsc'));
    assert.deepEqual(fetched, [], 'the trial files came from the page, not the network');
    assert.deepEqual(await p.problems(), []);
    await p.close();
  });
});
