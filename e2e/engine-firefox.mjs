// The Firefox adapter for engines.mjs: Debian's firefox-esr driven by puppeteer-core over WebDriver
// BiDi (no browser download: executablePath is the Debian binary). Each page gets its own BiDi
// user context, so storage is not shared between tests. Downloads are real: Firefox saves them,
// without asking, into a fresh folder per launch, which the adapter watches.
import { watch } from './watch.mjs';
import { WAIT_MS } from './browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launch() {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'tsc-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    protocolTimeout: 30_000,
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  return {
    // Tabs that share a profile's storage: `sibling()` on any page.
    tabs: true,
    async open({ viewport }) {
      const context = await browser.createBrowserContext();
      return wrap(context, viewport, downloads);
    },
    async close() {
      await browser.close();
      fs.rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** A new page of `context`; `sibling()` opens another tab of the same context (shared storage). */
async function wrap(context, viewport, downloads) {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.setViewport(viewport);
  const watched = watch(page);
  return {
    // Background tabs may not run their frames (a reload there never mounts): bring one first.
    front: () => page.bringToFront(),
    sibling: () => wrap(context, viewport, downloads),
    evaluate: (expr) => page.evaluate(expr),
    run: (source) => page.evaluate(source),
    element: async (expr) => (await page.evaluateHandle(expr)).asElement(),
    click: (h) => h.click(),
  clickAt: (x, y) => page.mouse.click(x, y),
    async fill(h, text) {
      // Select what is there, then type over it: real key events, as a patient would.
      await h.evaluate((el) => { el.focus(); el.select(); });
      await h.type(text);
    },
    async press(key) {
      // Puppeteer presses one key: hold the modifiers of 'Shift+Tab' around it. Its space is ' '.
      const [main, ...mods] = key.split('+').map((k) => (k === 'Space' ? ' ' : k)).reverse();
      for (const m of mods) await page.keyboard.down(m);
      await page.keyboard.press(main);
      for (const m of mods.reverse()) await page.keyboard.up(m);
    },
    type: (text) => page.keyboard.type(text),
    async openFile(button, input, file) {
      const [chooser] = await Promise.all([page.waitForFileChooser({ timeout: 5000 }), button.click()]);
      await chooser.accept([file]);
    },
    async download(h) {
      const before = new Set(fs.readdirSync(downloads));
      await h.click();
      for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline;) {
        const done = fs.readdirSync(downloads).filter((f) => !before.has(f) && !f.endsWith('.part'));
        if (done.length === 1) {
          const file = path.join(downloads, done[0]);
          // Firefox renames the .part file when it is complete; read once the size holds still.
          const size = fs.statSync(file).size;
          await sleep(50);
          if (size > 0 && fs.statSync(file).size === size) return { name: done[0], text: fs.readFileSync(file, 'utf8') };
        }
        await sleep(20);
      }
      throw new Error('firefox: no file was downloaded');
    },
    reload: () => watched.reload(() => page.reload({ timeout: 3000 })),
    goto: (url) => page.goto(url),
    screenshot: (file) => page.screenshot({ path: file, fullPage: true }),
    pdf: () => page.pdf({ format: 'A4', printBackground: false }),
    cookies: () => page.cookies(),
    problems: watched.problems,
    // Closing any tab closes its context, the others with it (each test opens its own).
    close: () => context.close(),
  };
}
