// The trial file's JSON Schema (content/trial.schema.json), which a coordinator's editor uses while
// typing (docs/authoring.md): the shipped trial and its released earlier version pass it, and copies
// with the mistakes an editor should flag fail it, each naming the place. Node only: no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { ROOT } from './browser.mjs';

const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const SCHEMA = read('content/trial.schema.json');
const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
const SHIPPED = 'content/NCT07117435/trial.json';

test('the shipped trial and its released earlier versions pass the trial file schema', () => {
  const versions = fs.readdirSync(path.join(ROOT, 'content/NCT07117435/versions')).filter((f) => !f.includes('stories'));
  assert.ok(versions.length > 0);
  for (const file of [SHIPPED, ...versions.map((f) => `content/NCT07117435/versions/${f}`)]) {
    assert.ok(validate(read(file)), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
});

// Each mistake, and the place (an ajv dataPath) an editor would underline.
const MISTAKES = [
  ['a misspelt field', (t) => { t.questions[0].hnt = 'x'; }, '.questions[0]', 'additionalProperties'],
  ['a missing English text', (t) => { delete t.questions[1].why.en; }, '.questions[1].why', 'required'],
  ['a language the widget does not have', (t) => { t.languages = ['en', 'fr']; }, '.languages', 'enum'],
  ['an empty translation', (t) => { t.title['zh-CN'] = ' '; }, ".title['zh-CN']", 'pattern'],
  ['an unknown question kind', (t) => { t.questions[0].kind = 'yes_or_no'; }, '.questions[0].kind', 'oneOf'],
  ['a choice with one option', (t) => { t.questions.find((q) => q.kind.choice).kind.choice.options.splice(1); }, 'options', 'minItems'],
  ['a test with two tests', (t) => { t.criteria[0].fits_when = { answer: { question: 'age', at_least: 18, at_most: 75 } }; }, '.criteria[0].fits_when', 'oneOf'],
  ['an unknown criterion kind', (t) => { t.criteria[0].kind = 'include'; }, '.criteria[0].kind', 'enum'],
  ['a version that is not 1.2.3', (t) => { t.content_version = '1.3'; }, '.content_version', 'pattern'],
];

for (const [name, change, where, keyword] of MISTAKES) {
  test(`the schema flags ${name}`, () => {
    const trial = read(SHIPPED);
    change(trial);
    assert.equal(validate(trial), false, 'rejected');
    assert.ok(validate.errors.some((e) => e.dataPath.includes(where) && e.keyword === keyword),
      `an error at ${where} (${keyword}), got ${JSON.stringify(validate.errors.map((e) => [e.dataPath, e.keyword]).slice(0, 8))}`);
  });
}
