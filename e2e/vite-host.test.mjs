// End to end: the npm package in a site built with a real bundler. The release kit's tarball
// (scripts/release-kit.mjs, from the release dist/) is installed into examples/vite-host (its own
// package.json and lockfile: Vite and TypeScript only, which scripts/setup installs) from the .tgz
// file, not a link; the host's script is type-checked against the package's declarations and the
// site built by Vite; the wasm and the stylesheet must come out as files, unchanged, and the page
// with no inline script or style. Then the built site is served under the strict CSP and walked in
// every engine (engines.mjs): first screen, a few answers, the language switch, the outcome event
// the host shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { heading, currentQuestion, answer, nextScreen, walk, ROOT, UI, TRIAL, WIDGET_VERSION } from './browser.mjs';
import { LIKELY } from './plans.mjs';
import { eachEngine } from './engines.mjs';

const HOST = path.join(ROOT, 'examples/vite-host');
const BUILT = path.join(HOST, 'dist');
const DIST = path.join(ROOT, 'dist');
const NAME = `trial-self-check-${WIDGET_VERSION}`;
const TARBALL = path.join(ROOT, 'target/release-kit', NAME, `${NAME}.tgz`);
const INSTALLED = path.join(HOST, 'node_modules/trial-self-check');

// Built once, before the server starts: the kit from dist/, the package installed, the site built.
// Each step's output is kept for the assertions below (a failing step throws with its output).
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
sh('node', ['scripts/release-kit.mjs', 'dist', 'target/release-kit'], ROOT);
// A fresh copy every time: npm keeps an installed package of the same version otherwise.
fs.rmSync(INSTALLED, { recursive: true, force: true });
sh('npm', ['install', '--no-save', '--offline', '--no-audit', '--no-fund', '--loglevel=error', TARBALL], HOST);
const typecheck = sh('node', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], HOST);
fs.rmSync(BUILT, { recursive: true, force: true });
const viteLog = sh('node', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], HOST);

test('the package installs from the tarball as files, with no dependencies, and its types check', () => {
  assert.ok(!fs.lstatSync(INSTALLED).isSymbolicLink(), 'installed, not linked');
  const pkg = JSON.parse(fs.readFileSync(path.join(INSTALLED, 'package.json'), 'utf8'));
  assert.equal(pkg.version, WIDGET_VERSION);
  assert.equal(pkg.dependencies, undefined);
  const installed = fs.readdirSync(INSTALLED, { recursive: true }).map(String)
    .filter((f) => fs.statSync(path.join(INSTALLED, f)).isFile());
  assert.deepEqual(installed.sort(), [...pkg.files, 'README.md', 'package.json'].sort());
  assert.ok(pkg.files.includes('trials/NCT07117435/en.tsc'), 'the shipped trial\'s files are in the package');
  for (const f of ['embed.js', 'trial-self-check.js', 'trial-self-check_bg.wasm', 'app.css', 'trials/NCT07117435/en.tsc']) {
    assert.ok(fs.readFileSync(path.join(INSTALLED, f)).equals(fs.readFileSync(path.join(DIST, f))), `${f} is the release build's`);
  }
  assert.equal(typecheck, '', 'tsc found no type errors');
  assert.equal(viteLog.trim(), '', 'Vite built without a warning');
});

test('Vite emits the wasm and the stylesheet as unchanged files, and a page with nothing inline', () => {
  const assets = fs.readdirSync(path.join(BUILT, 'assets'));
  const emitted = (ext) => assets.filter((f) => f.endsWith(ext));
  assert.equal(emitted('.wasm').length, 1, assets.join(' '));
  assert.equal(emitted('.css').length, 1, assets.join(' '));
  assert.ok(fs.readFileSync(path.join(BUILT, 'assets', emitted('.wasm')[0])).equals(fs.readFileSync(path.join(DIST, 'trial-self-check_bg.wasm'))));
  assert.ok(fs.readFileSync(path.join(BUILT, 'assets', emitted('.css')[0])).equals(fs.readFileSync(path.join(DIST, 'app.css'))));
  const page = fs.readFileSync(path.join(BUILT, 'index.html'), 'utf8');
  for (const tag of page.match(/<script\b[^>]*>/g)) assert.match(tag, /\bsrc=/, `an inline script: ${tag}`);
  assert.doesNotMatch(page, /<style\b|\sstyle=/, 'no inline style');
  for (const f of emitted('.js')) {
    const js = fs.readFileSync(path.join(BUILT, 'assets', f), 'utf8');
    assert.ok(!/(?<![`'"\w.])eval\s*\(/.test(js), `${f} calls eval(`);
    assert.doesNotMatch(js, /data:(text\/css|application\/wasm)/, `${f} inlines an asset`);
  }
});

eachEngine(BUILT, {}, (test, env) => {
  test('the Vite-built site under the strict CSP: first screen, answers, language switch, outcome event', async () => {
    const page = await env.open('', { viewport: { width: 1024, height: 900 } });
    const el = page.locator('#check');
    await el.locator('.tsc-root:not([data-static]) #tsc-start').waitFor();
    assert.equal(await heading(el), UI.app_title.en);
    const version = (await el.locator('.tsc-version').innerText()).trim();
    assert.ok(version.startsWith(`Self-check ${WIDGET_VERSION}, questions version ${TRIAL.content_version},`), version);
    await el.locator('#tsc-start').click();
    await answer(el, await currentQuestion(el), LIKELY.age);
    await nextScreen(el, 'How old are you?');
    const second = await currentQuestion(el);
    assert.equal(second.id, 'crc_liver');
    await el.locator('#tsc-lang').click();
    await nextScreen(el, second.text.en);
    assert.equal((await currentQuestion(el, 'zh'))?.id, 'crc_liver', 'the same question, in Chinese');
    await walk(el, LIKELY, 'zh');
    assert.equal((await el.locator('.tsc-outcome-title').innerText()).trim(), UI.outcome_likely['zh-CN']);
    const detail = { outcome: 'likely-fit', widgetVersion: WIDGET_VERSION, contentVersion: TRIAL.content_version };
    assert.deepEqual(await page.evaluate(() => window.__outcomes), [detail]);
    assert.equal((await page.locator('#seen').innerText()).trim(),
      `Outcome: likely-fit (widget ${WIDGET_VERSION}, questions ${TRIAL.content_version})`, 'the host heard the event');
    // The wasm and the stylesheet were found where Vite put them (a 4xx would be a problem below).
    const asked = page.requests();
    assert.ok(asked.some((p) => /^\/assets\/.+\.wasm$/.test(p)), asked.join(' '));
    assert.ok(asked.some((p) => /^\/assets\/.+\.css$/.test(p)), asked.join(' '));
    assert.deepEqual(await page.problems(), []);
    await page.close();
  });
});
