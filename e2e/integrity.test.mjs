// End to end: a file swapped on the server fails closed. Copies of the release dist/ each have one
// file changed so that it would still work (a comment added to embed.js, the glue or the
// stylesheet, a custom section to the wasm): only the digests can tell: the release tag's for
// embed.js, those the build sealed into embed.js and the page for the rest. The element and the
// standalone page must then show their plain message with the registry address and never start;
// the unchanged copy starts with no problem at all (no warning either). In every engine.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, OUT, mounted, refusal, elementMounted } from './browser.mjs';
import { eachEngine } from './engines.mjs';

const DIST = path.join(ROOT, 'dist');
const HERE = path.join(OUT, 'integrity');
// A wasm custom section named "swapped" holding one byte: still a valid module.
const SECTION = Buffer.from([0x00, 0x09, 0x07, ...Buffer.from('swapped'), 0x78]);
const SWAPS = {
  good: null,
  // The release's tag carries embed.js's own digest (scripts/release-kit.mjs): the host's page
  // refuses a changed embed.js before it runs.
  embed: ['embed.js', (b) => Buffer.concat([b, Buffer.from('\n// swapped\n')])],
  glue: ['trial-self-check.js', (b) => Buffer.concat([b, Buffer.from('\n// swapped\n')])],
  wasm: ['trial-self-check_bg.wasm', (b) => Buffer.concat([b, SECTION])],
  css: ['app.css', (b) => Buffer.concat([b, Buffer.from('\n/* swapped */\n')])],
};

const EMBED_SRI = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(DIST, 'embed.js'))).digest('base64')}`;

// A copy of dist/ per case at /<case>/, and a host page per case loading that copy's embed.js
// with the release tag's integrity.
fs.rmSync(HERE, { recursive: true, force: true });
const mounts = {};
for (const [name, swap] of Object.entries(SWAPS)) {
  const dir = path.join(HERE, name);
  fs.cpSync(DIST, dir, { recursive: true });
  if (swap) {
    const [file, change] = swap;
    fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file))));
  }
  mounts[`/${name}/`] = dir;
  fs.mkdirSync(path.join(HERE, 'host'), { recursive: true });
  fs.writeFileSync(path.join(HERE, 'host', `${name}.html`), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Integrity: ${name}</title><link rel="icon" href="/good/favicon.svg"></head>
<body><trial-self-check trial="NCT07117435" lang="en"><p>Loading the self-check… Study details: https://clinicaltrials.gov/study/NCT07117435</p></trial-self-check>
<script type="module" src="/${name}/embed.js" integrity="${EMBED_SRI}"></script></body></html>
`);
}

const FILES_MESSAGE = /cannot start: its files on this site are missing or are not the ones it was built with\. Study details: https:\/\/clinicaltrials\.gov\/study\/NCT07117435/;

eachEngine(path.join(HERE, 'host'), mounts, (test, env) => {
  test('the unchanged files start the element with no problem, not even a warning', async () => {
    const page = await env.open('good.html');
    await elementMounted(page);
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });

  for (const name of ['glue', 'wasm', 'css']) {
    test(`a swapped ${name} file: the element fails closed with the plain message and the registry address`, async () => {
      const page = await env.open(`${name}.html`);
      await page.locator('trial-self-check[data-state="cannot-start"]').waitFor({ state: 'attached' });
      assert.match(await refusal(page, 'trial-self-check'), FILES_MESSAGE);
      assert.equal(await page.evaluate(() => Boolean(document.querySelector('trial-self-check').shadowRoot?.querySelector('.tsc'))), false,
        'the widget never started');
      // What the browser says about the refused file is all there is (wording differs by engine).
      for (const p of await page.problems()) assert.match(p, /integrity|digest|hash|sha384|trial-self-check|fetch|load/i, p);
      await page.close();
    });
  }

  test('a swapped embed.js is refused by the tag\'s integrity: the element keeps its own text, with the registry address', async () => {
    const page = await env.open('embed.html');
    // Module scripts run (or are refused) before the page's load completes.
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.equal(await page.evaluate(() => Boolean(customElements.get('trial-self-check'))), false, 'embed.js never ran');
    assert.match(await page.locator('trial-self-check').innerText(), /clinicaltrials\.gov\/study\/NCT07117435/);
    await page.close();
  });

  for (const name of ['glue', 'wasm']) {
    test(`a swapped ${name} file: the standalone page fails closed with its plain message`, async () => {
      const page = await env.open(`/${name}/index.html`);
      await page.locator('#tsc-fallback').waitFor();
      assert.match(await page.locator('#tsc-fallback').innerText(), /cannot start in this browser.*clinicaltrials\.gov\/study\/NCT07117435/s);
      assert.equal(await page.evaluate(() => document.querySelector('#tsc-start') !== null), false, 'the static start screen gave way');
      await page.close();
    });
  }
});

// Checking the glue's digest costs no second download where the server lets the browser cache:
// the loaders' check (a fetch with the digest, beside the module preload) shares one download
// with the preload, and is answered from the cache (a 304 here), in the element's loader
// (embed.js) and the standalone page's (boot.js) alike, even when the glue comes slowly (300 ms,
// as over a phone's link) and both requests are in flight at once. Not in WebKit: the MiniBrowser
// driven here fetched the glue three times (preload, check, import), each a full 200 with no
// revalidation, even with `max-age` (docs/performance.md).
eachEngine(path.join(HERE, 'host'), mounts, (test, env) => {
  for (const [where, at] of [['the element', 'good.html'], ['the standalone page', '/good/index.html']]) {
    test(`${where} downloads the glue once; its digest check is answered from the cache`, async () => {
      const from = env.responses.length;
      const page = await env.open(at);
      if (at.endsWith('index.html')) await mounted(page);
      else await elementMounted(page);
      const glue = env.responses.slice(from).filter((r) => r.path === '/good/trial-self-check.js');
      assert.deepEqual(glue.filter((r) => r.status === 200).length, 1, `glue responses: ${JSON.stringify(glue)}`);
      assert.ok(glue.every((r) => r.status === 200 || r.status === 304), JSON.stringify(glue));
      assert.deepEqual(await page.problems(), []);
      await page.close();
    });
  }
}, { cache: true, slow: { '/good/trial-self-check.js': 300 }, engines: ['chromium', 'firefox'] });
