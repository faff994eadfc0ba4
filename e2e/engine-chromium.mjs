// The Chromium adapter for engines.mjs: Debian's Chromium through playwright-core (the same launch
// as the Chromium-only tests). Playwright reports console errors, page errors and failed requests
// itself, catches the download and the file chooser, and sees the "leave page?" dialog.
import { watch } from './watch.mjs';
import fs from 'node:fs';
import { launch as launchChromium } from './browser.mjs';

export async function launch() {
  const browser = await launchChromium();
  return {
    // Tabs that share a profile's storage: `sibling()` on any page.
    tabs: true,
    async open({ viewport }) {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      return wrap(context, await context.newPage());
    },
    close: () => browser.close(),
  };
}

/** One page of `context`; `sibling()` opens another tab of the same context (shared storage). */
function wrap(context, page) {
  const watched = watch(page);
  return {
    // Background tabs may not run their frames (a reload there never mounts): bring one first.
    front: () => page.bringToFront(),
    sibling: async () => wrap(context, await context.newPage()),
    evaluate: (expr) => page.evaluate(expr),
    run: (source) => page.evaluate(source),
    element: async (expr) => (await page.evaluateHandle(expr)).asElement(),
    click: (h) => h.click(),
  clickAt: (x, y) => page.mouse.click(x, y),
    fill: (h, text) => h.fill(text),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    async openFile(button, _input, file) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
      await chooser.setFiles(file);
    },
    async download(h) {
      const [d] = await Promise.all([page.waitForEvent('download'), h.click()]);
      return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
    },
    reload: () => watched.reload(() => page.reload({ timeout: 3000 })),
    goto: (url) => page.goto(url),
    screenshot: (file) => page.screenshot({ path: file, fullPage: true }),
    pdf: () => page.pdf({ format: 'A4', printBackground: false }),
    emulatePrint: () => page.emulateMedia({ media: 'print' }),
    cookies: () => context.cookies(),
    problems: watched.problems,
    // Closing any tab closes its context, the others with it (each test opens its own).
    close: () => context.close(),
  };
}
