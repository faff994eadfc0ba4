// Makes the release folder from a release build (scripts/release runs the build, then this):
// target/release-kit/trial-self-check-<version>/ with the files to host (files/), the tag and the
// two snippets with SRI `integrity` for embed.js (and for app.css in the snippets) filled in, a
// SHA256SUMS over all of it, a RELEASE.md saying what the release is, and the npm package packed
// with `npm pack` from a generated folder (package/): the element's files, a package.json with no
// dependencies, TypeScript declarations and a README for hosts. Deterministic: the same build
// gives the same folder, byte for byte (no dates, no absolute paths; npm pack fixes its mtimes).
// Usage: node scripts/release-kit.mjs [dist] [out root]  (defaults: dist target/release-kit)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP } from '../e2e/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [dist = path.join(ROOT, 'dist'), outRoot = path.join(ROOT, 'target/release-kit')] = process.argv.slice(2);

const VERSION = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const TRIAL = JSON.parse(fs.readFileSync(path.join(ROOT, 'content/NCT07117435/trial.json'), 'utf8'));
const [REGISTRY_DATE, REGISTRY_SHA256] = fs.readFileSync(path.join(ROOT, 'content/NCT07117435/registry.reviewed'), 'utf8').trim().split(/\s+/);
const LICENSE = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^license = "([^"]+)"/m)[1];
// Where the docs' examples serve the files; the host replaces it with its own path.
const SERVED_AT = '/vendor/trial-self-check/';
// Where this build's crates came from: the wasm names their paths (RELEASE.md says so).
const CARGO_HOME = process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo');
// The host page's policy (docs/embedding.md); the standalone page's is the e2e server's.
const HOST_CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'";
// The files the element needs (embed.js loads the others beside itself: the wasm, its glue, the
// stylesheet and each shipped trial's files, trials/<ID>/<lang>.tsc and the start screens
// start.<lang>.txt), and the snippets.
const TRIAL_FILES = fs.readdirSync(path.join(dist, 'trials')).sort()
  .flatMap((id) => fs.readdirSync(path.join(dist, 'trials', id)).filter((f) => f.endsWith('.tsc') || /^start\..*\.txt$/.test(f)).sort().map((f) => `trials/${id}/${f}`));
const ELEMENT = ['embed.js', 'trial-self-check.js', 'trial-self-check_bg.wasm', 'app.css', ...TRIAL_FILES];
const SNIPPETS = ['snippet.en.html', 'snippet.zh-CN.html'];

const name = `trial-self-check-${VERSION}`;
const out = path.join(outRoot, name);
const read = (f) => fs.readFileSync(path.join(dist, f));
const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

for (const f of [...ELEMENT, ...SNIPPETS, 'index.html']) {
  if (!fs.existsSync(path.join(dist, f))) throw new Error(`${dist}/${f} is missing: run the release build first (scripts/release)`);
}
if (!/^const SEALED = \{"wasm":"sha384-/m.test(read('embed.js'))) throw new Error(`${dist}/embed.js is not sealed by the build (crates/tools)`);

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'files'), { recursive: true });
const write = (f, text) => fs.writeFileSync(path.join(out, f), text);

// 1. The files to host: the whole release build, as built (the trials' files in their folders).
// Trunk's own lock file (`.trunk-lock`) is not part of the build.
const hosted = fs.readdirSync(dist, { recursive: true }).map(String)
  .filter((f) => !path.basename(f).startsWith('.') && fs.statSync(path.join(dist, f)).isFile()).sort();
for (const f of hosted) {
  fs.mkdirSync(path.dirname(path.join(out, 'files', f)), { recursive: true });
  fs.copyFileSync(path.join(dist, f), path.join(out, 'files', f));
}

// 2. The tag and the snippets, with the integrity of embed.js (and of app.css in the snippets).
const EMBED = sri(read('embed.js'));
const CSS = sri(read('app.css'));
const script = `<script type="module" src="${SERVED_AT}embed.js" integrity="${EMBED}"></script>\n`;
write('tag.html', `<trial-self-check trial="${TRIAL.id}" lang="en">
  <p>Loading the self-check… Study details: https://clinicaltrials.gov/study/${TRIAL.id}</p>
</trial-self-check>
${script}`);
for (const f of SNIPPETS) {
  const snippet = read(f).toString('utf8');
  const link = '<link rel="stylesheet" href="app.css">';
  if (!snippet.includes(link)) throw new Error(`${f} has no ${link}`);
  write(f, snippet.replace(link, `<link rel="stylesheet" href="${SERVED_AT}app.css" integrity="${CSS}">`) + script);
}

// 3. The npm package: the element's files and snippets as built, typed and documented.
const pkg = path.join(out, 'package');
fs.mkdirSync(pkg);
for (const f of [...ELEMENT, ...SNIPPETS]) {
  fs.mkdirSync(path.dirname(path.join(pkg, f)), { recursive: true });
  fs.copyFileSync(path.join(dist, f), path.join(pkg, f));
}
fs.writeFileSync(path.join(pkg, 'package.json'), `${JSON.stringify({
  name: 'trial-self-check',
  version: VERSION,
  description: `<trial-self-check>: a private, in-browser self-check against the eligibility criteria of clinical trial ${TRIAL.id} (WebAssembly; nothing the patient types leaves the device).`,
  license: LICENSE,
  type: 'module',
  exports: {
    '.': { types: './index.d.ts', default: './embed.js' },
    './app.css': './app.css',
    './snippet.en.html': './snippet.en.html',
    './snippet.zh-CN.html': './snippet.zh-CN.html',
    './trials/*': './trials/*',
    './package.json': './package.json',
  },
  types: './index.d.ts',
  files: [...ELEMENT, ...SNIPPETS, 'index.d.ts'],
  // Importing the package defines the custom element: that import is its whole point.
  sideEffects: ['./embed.js'],
  keywords: ['clinical-trial', 'eligibility', 'web-component', 'custom-element', 'webassembly'],
}, null, 2)}\n`);
fs.writeFileSync(path.join(pkg, 'index.d.ts'), declarations());
fs.writeFileSync(path.join(pkg, 'README.md'), hostReadme());
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', path.resolve(out), '--loglevel=error'],
  { cwd: pkg, encoding: 'utf8', env: { ...process.env, npm_config_ignore_scripts: 'true' } }))[0];
const tarball = packed.filename;

// 3b. For a trial coordinator: the trial file's JSON Schema, which an editor checks while typing
// (docs/authoring.md).
fs.mkdirSync(path.join(out, 'authoring'), { recursive: true });
fs.copyFileSync(path.join(ROOT, 'content/trial.schema.json'), path.join(out, 'authoring/trial.schema.json'));

// 4. SHA256SUMS over everything a host or a security officer takes from here (sha256sum -c reads it).
const listed = [...hosted.map((f) => `files/${f}`), 'tag.html', ...SNIPPETS, tarball, 'authoring/trial.schema.json'];
write('SHA256SUMS', listed.map((f) => `${sha256(fs.readFileSync(path.join(out, f)))}  ${f}\n`).join(''));

// 5. RELEASE.md: what this release is, the policy to send, and the digests.
write('RELEASE.md', release(listed));

const size = (f) => fs.statSync(path.join(out, f)).size;
console.log(`release kit: ${out}`);
console.log(`npm tarball: ${tarball}, ${size(tarball)} B (${packed.entryCount} files, ${packed.unpackedSize} B unpacked)`);

// The tools that made the build, as a security officer rebuilding it needs them (scripts/setup
// installs these versions; a different one may give different bytes).
function tools() {
  const version = (cmd, args = ['--version']) => {
    // wasm-opt 132 from npm binaryen comes first, as in every build (scripts/release).
    const PATH = [path.join(ROOT, 'node_modules/.bin'), path.join(os.homedir(), '.cargo/bin'), process.env.PATH].join(':');
    try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PATH } }).trim().split('\n')[0]; } catch { return `${cmd}: not found`; }
  };
  return [version('rustc'), version('trunk'), version('wasm-bindgen'), version('wasm-opt'), `node ${process.version}`];
}

function release(listed) {
  return `# trial-self-check ${VERSION}

| | |
|---|---|
| widget version | ${VERSION} |
| content (questions) version | ${TRIAL.content_version} |
| trial | ${TRIAL.id} (${TRIAL.registry_url}) |
| registry text reviewed | ${REGISTRY_DATE} (SHA-256 of the text: \`${REGISTRY_SHA256}\`) |
| npm package | \`${tarball}\` (\`npm install ./${tarball}\`) |

The widget shows the first two at the foot of every screen ("Self-check ${VERSION}, questions
version ${TRIAL.content_version}, …"), and its outcome event carries both.

## What is here

- \`files/\`: the files to host, as the release build made them. Copy them to one folder on your
  site (the examples use \`${SERVED_AT}\`).
- \`tag.html\`: the plain tag, and \`snippet.en.html\`, \`snippet.zh-CN.html\`: the tag with the
  start screen pre-rendered. Each ends with the \`<script>\` that loads \`embed.js\`, with its
  \`integrity\`; the snippets' stylesheet link carries \`app.css\`'s. If you serve the files
  elsewhere, change \`${SERVED_AT}\` in them (the digests stay the same).
- \`${tarball}\`: the same element as an npm package, for sites built with a bundler
  (\`import 'trial-self-check'\`).
- \`authoring/trial.schema.json\`: the JSON Schema of a trial file, for a coordinator writing one
  (an editor checks the file while typing; the repository's docs/authoring.md explains it).
- \`SHA256SUMS\`: the SHA-256 of every file above (\`sha256sum -c SHA256SUMS\` checks them).

## The policy to send

The page that embeds the element:

\`\`\`
Content-Security-Policy: ${HOST_CSP}
\`\`\`

The standalone page (\`files/index.html\`), served on its own:

\`\`\`
Content-Security-Policy: ${STRICT_CSP}
\`\`\`

## Rebuilding it to compare

From a clone of the repository at this release's commit, on Debian 12 with the tools below
(\`bash scripts/setup\` installs them): \`bash scripts/release\`, then compare the new
\`target/release-kit/${name}/SHA256SUMS\` with this one (\`diff\`), and the files on your site
with the \`files/\` lines (\`bash scripts/reproduce\` builds once more in another folder and compares with \`dist/\`).
The wasm names the crates' source paths (for panic locations) under the builder's Cargo home
(\`~/.cargo/registry/src/…\`): rebuild as a user whose Cargo home is the same path
(\`${CARGO_HOME}\` for this build), or the wasm, and the digests after it, differ.

Built with: ${tools().map((t) => `\`${t}\``).join(', ')}.

## What is checked when it loads

\`embed.js\` holds the SHA-384 of the wasm, its JavaScript glue, \`app.css\` and each shipped
trial's files (\`trials/<ID>/<lang>.tsc\`, fetched for the trial and language shown) from this build,
and loads them only if they match (the wasm and the stylesheet with \`fetch(…, { integrity })\`, the
glue through a \`modulepreload\` link with \`integrity\` and a \`fetch\` with it, since WebKit
ignores the first); a file changed on the server gives the patient a plain message with the
registry address instead of the widget. The \`integrity\` in the tag covers \`embed.js\` itself.
The standalone page (\`boot.js\`) checks its glue and wasm the same way.

| file | SRI (sha384) |
|---|---|
${ELEMENT.map((f) => `| \`${f}\` | \`${sri(read(f))}\` |`).join('\n')}

## SHA-256

\`\`\`
${listed.map((f) => `${sha256(fs.readFileSync(path.join(out, f)))}  ${f}`).join('\n')}
\`\`\`
`;
}

function declarations() {
  return `// Types for <trial-self-check> ${VERSION}: the element, its attributes and its outcome event.
// \`import 'trial-self-check'\` defines the element; this file lets TypeScript know it.

/** The outcome event's \`detail\`: the level, and which build and which questions gave it. Never answers. */
export interface TrialSelfCheckOutcomeDetail {
  outcome: 'likely-fit' | 'possibly' | 'not-a-fit';
  /** The widget's version, e.g. "${VERSION}" (this package's version). */
  widgetVersion: string;
  /** The questions' (content) version, e.g. "${TRIAL.content_version}". */
  contentVersion: string;
}

/** Dispatched once, when the patient first reaches the summary, if the element has \`outcome-event\`. Bubbles and is composed. */
export type TrialSelfCheckOutcomeEvent = CustomEvent<TrialSelfCheckOutcomeDetail>;

/** The element's attributes (all strings in HTML; the boolean ones count when present). */
export interface TrialSelfCheckAttributes {
  /** A registry id this build knows: "${TRIAL.id}". */
  trial?: string;
  /** "en" or "zh-CN"; change it at any time to switch language, answers kept. */
  lang?: 'en' | 'zh-CN' | (string & {});
  /** Opt in to one browser-history entry per step and a "leave page?" prompt. */
  history?: boolean | '';
  /** Opt in to the \`trial-self-check-outcome\` event. */
  'outcome-event'?: boolean | '';
  /** Names the answers' record on this device, if the patient keeps them; keep it stable. */
  id?: string;
}

export interface TrialSelfCheckElementEventMap extends HTMLElementEventMap {
  'trial-self-check-outcome': TrialSelfCheckOutcomeEvent;
}

/** <trial-self-check>: the widget renders in its own open shadow root. */
export interface TrialSelfCheckElement extends HTMLElement {
  addEventListener<K extends keyof TrialSelfCheckElementEventMap>(type: K, listener: (this: TrialSelfCheckElement, ev: TrialSelfCheckElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof TrialSelfCheckElementEventMap>(type: K, listener: (this: TrialSelfCheckElement, ev: TrialSelfCheckElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'trial-self-check': TrialSelfCheckElement;
  }
  // The event bubbles and is composed, so a listener on the document or window sees it too.
  interface DocumentEventMap {
    'trial-self-check-outcome': TrialSelfCheckOutcomeEvent;
  }
  interface WindowEventMap {
    'trial-self-check-outcome': TrialSelfCheckOutcomeEvent;
  }
}
`;
}

function hostReadme() {
  return `# trial-self-check ${VERSION}

\`<trial-self-check>\`: a private self-check for patients against the eligibility criteria of clinical
trial ${TRIAL.id}, in English and 简体中文. It runs entirely in the browser (WebAssembly); nothing the
patient types leaves the device. Widget ${VERSION}, questions version ${TRIAL.content_version} (registry
text of ${REGISTRY_DATE}). No dependencies.

## With a bundler (checked with Vite 8)

\`\`\`js
import 'trial-self-check';   // defines <trial-self-check>
\`\`\`

\`\`\`html
<trial-self-check trial="${TRIAL.id}" lang="en">
  <p>Loading the self-check… Study details: https://clinicaltrials.gov/study/${TRIAL.id}</p>
</trial-self-check>
\`\`\`

The wasm and the stylesheet are found with \`new URL('./…', import.meta.url)\`, which bundlers emit
as files (Vite: both come out under \`assets/\`, unchanged). Keep them files: do not
let the bundler inline them as \`data:\` URLs (Vite inlines only assets under
\`build.assetsInlineLimit\`, 4 KB by default; these are larger), or your policy will block them.

## Without a bundler

Copy \`embed.js\`, \`trial-self-check.js\`, \`trial-self-check_bg.wasm\` and \`app.css\` to one folder
on your site and add \`<script type="module" src="/that/folder/embed.js"></script>\`.
\`snippet.en.html\` and \`snippet.zh-CN.html\` hold the same element with its start screen
pre-rendered; set their stylesheet link to where you serve \`app.css\`.

## Content-Security-Policy

\`\`\`
${HOST_CSP}
\`\`\`

No \`'unsafe-eval'\`, no \`'unsafe-inline'\`. \`'wasm-unsafe-eval'\` lets the page compile WebAssembly;
without it the element says plainly that it cannot start, with the registry address.

## Integrity

\`embed.js\` holds the SHA-384 of the wasm, the glue and \`app.css\` of this build and starts only if
what it loads matches (the wasm and \`app.css\` always; the glue when \`embed.js\` is loaded as itself,
not rebuilt into your bundle). A mismatch shows the plain message, never a half-working widget.

## Attributes

- \`trial\`: \`${TRIAL.id}\`.
- \`lang\`: \`en\` or \`zh-CN\`; change it at any time, answers are kept.
- \`history\`: one browser-history entry per step (off by default).
- \`outcome-event\`: dispatch \`trial-self-check-outcome\` (below).
- \`id\`: names the answers' record on this device if the patient keeps them; keep it stable.

## Theming

Set \`--tsc-accent\`, \`--tsc-accent-contrast\`, \`--tsc-text\`, \`--tsc-muted\`, \`--tsc-bg\`,
\`--tsc-surface\`, \`--tsc-border\`, \`--tsc-error\`, \`--tsc-ok\`, \`--tsc-warn\`, \`--tsc-focus\`,
\`--tsc-radius\`, \`--tsc-font\`, \`--tsc-font-size\` on the element. Colour pairs below WCAG 2.2 AA
contrast fall back to the defaults, with one console warning. The widget lives in its own shadow
root: your page's CSS does not reach it.

## The outcome event

With \`outcome-event\`, the element dispatches \`trial-self-check-outcome\` once, when the patient
first reaches the summary (it bubbles and is composed):

\`\`\`js
el.addEventListener('trial-self-check-outcome', (e) => {
  e.detail; // { outcome: 'likely-fit' | 'possibly' | 'not-a-fit', widgetVersion: '${VERSION}', contentVersion: '${TRIAL.content_version}' }
});
\`\`\`

It never carries answers. Types: \`index.d.ts\` (\`HTMLElementTagNameMap['trial-self-check']\`,
\`TrialSelfCheckAttributes\`, \`TrialSelfCheckOutcomeDetail\`).
`;
}
