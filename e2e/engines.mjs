// One description of each journey, run in every browser engine. Tests are written once against a
// small, engine-neutral page (a subset of Playwright's page and locator API, so the shared helpers
// in browser.mjs work on it unchanged); each engine has an adapter that supplies a few primitives:
// evaluate an expression in the page, get an element for real input (click, type, pick a file),
// download, reload, screenshot, close (engine-chromium.mjs, engine-firefox.mjs, engine-webkit.mjs).
// Finding elements happens in the page with one resolver (FIND below), so "the button named
// Continue" means the same thing in every engine. Each test is registered once per engine, with
// the engine in its name, so a failure names the engine and the closing count counts each run.
import { test, describe, before, after, afterEach } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';
import { OUT, useServerAndBrowser, WAIT_MS } from './browser.mjs';

/** Every engine; `E2E_ENGINES=firefox,webkit` runs a subset (for working on one engine). */
export const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];
export const ENGINES = (process.env.E2E_ENGINES ?? ALL_ENGINES.join(','))
  .split(',').map((e) => e.trim()).filter(Boolean);
for (const e of ENGINES) if (!ALL_ENGINES.includes(e)) throw new Error(`E2E_ENGINES: unknown engine ${e}`);

const TIMEOUT_MS = WAIT_MS;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// In the page: the elements matching `steps`, searching open shadow roots as Playwright does.
// A step is { css, hasText } | { label, exact } | { role, name, exact } | { text, exact } | { nth }
// | { frame } (the documents of the same-origin frames matching the CSS `frame`).
// Text matching follows Playwright: whitespace collapsed; `exact` means equal, otherwise a
// case-insensitive substring.
const FIND = String(function find(steps) {
  const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const match = (have, want, exact) => (exact ? norm(have) === norm(want)
    : norm(have).toLowerCase().includes(norm(want).toLowerCase()));
  // Elements under `root` in tree order; a shadow root's content comes right after its host.
  const under = (root) => {
    const out = [];
    const visit = (node) => {
      for (const el of node.children) {
        out.push(el);
        if (el.shadowRoot) visit(el.shadowRoot);
        visit(el);
      }
    };
    if (root.shadowRoot) visit(root.shadowRoot);
    visit(root);
    return out;
  };
  const hidden = (el) => el.closest('[aria-hidden=true]') !== null || el.getClientRects().length === 0
    || el.ownerDocument.defaultView.getComputedStyle(el).visibility === 'hidden';
  const idText = (el, ids) => ids.split(/\s+/).map((id) => el.getRootNode().getElementById?.(id)?.textContent ?? '').join(' ');
  const name = (el) => {
    if (el.getAttribute('aria-labelledby')) return idText(el, el.getAttribute('aria-labelledby'));
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
    if (el.tagName === 'INPUT') return el.value;
    return el.textContent;
  };
  const ROLES = {
    button: (el) => el.matches('button, input[type=button], input[type=submit], input[type=reset], [role=button]'),
    link: (el) => el.matches('a[href], [role=link]'),
    checkbox: (el) => el.matches('input[type=checkbox], [role=checkbox]'),
    radio: (el) => el.matches('input[type=radio], [role=radio]'),
  };
  const one = (scope, step) => {
    const all = under(scope);
    if (step.frame) return all.filter((el) => el.matches(step.frame) && el.contentDocument).map((el) => el.contentDocument);
    if (step.css) {
      // As in Playwright, a descendant combinator crosses shadow roots: "#host .inside" finds
      // .inside in #host's shadow tree. Lists and other combinators match within one tree.
      const parts = step.css.match(/(?:[^\s"'[\]()]+|"[^"]*"|'[^']*'|\[[^\]]*\]|\([^)]*\))+/g);
      const found = parts.length > 1 && !parts.some((p) => /^[>+~]$|,/.test(p))
        ? parts.reduce((scopes, part) => {
          const next = [];
          for (const sc of scopes) for (const el of under(sc)) if (el.matches(part) && !next.includes(el)) next.push(el);
          return next;
        }, [scope])
        : all.filter((el) => el.matches(step.css));
      return found.filter((el) => step.hasText === undefined || match(el.textContent, step.hasText, false));
    }
    if (step.label !== undefined) {
      return all.filter((el) => el.matches('input, select, textarea, button') && [
        ...[...(el.labels ?? [])].map((l) => l.textContent),
        el.getAttribute('aria-label'),
        el.getAttribute('aria-labelledby') && idText(el, el.getAttribute('aria-labelledby')),
      ].some((t) => t && match(t, step.label, step.exact)));
    }
    if (step.role) {
      return all.filter((el) => ROLES[step.role](el) && !hidden(el) && (step.name === undefined || match(name(el), step.name, step.exact)));
    }
    if (step.text !== undefined) {
      const hits = all.filter((el) => !el.matches('script, style, head, title') && match(el.textContent, step.text, step.exact));
      return hits.filter((el) => ![...el.children].some((c) => hits.includes(c)));
    }
    throw new Error(`unknown step ${JSON.stringify(step)}`);
  };
  let found = [document];
  for (const step of steps) {
    if (step.nth !== undefined) { found = found.slice(step.nth, step.nth + 1); continue; }
    const next = [];
    for (const scope of found) for (const el of one(scope, step)) if (!next.includes(el)) next.push(el);
    found = next;
  }
  return found;
});

/** The expression that calls `fn` (a self-contained function) with `args`, as JSON. */
// In the page: the centre of `el` in the top window's viewport, once it is scrolled into view,
// visible and enabled (null until then); inside a frame, the frames' offsets are added.
const POINT = String((el) => {
  el.scrollIntoView({ block: 'center' });
  if (el.getClientRects().length === 0 || el.disabled) return null;
  const r = el.getBoundingClientRect();
  let [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
  for (let w = el.ownerDocument.defaultView; w.frameElement; w = w.parent) {
    const f = w.frameElement.getBoundingClientRect();
    x += f.left + w.frameElement.clientLeft;
    y += f.top + w.frameElement.clientTop;
  }
  return { x: Math.round(x), y: Math.round(y) };
});

const call = (fn, ...args) => `(${fn})(${args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(', ')})`;

/** A lazy query, like Playwright's Locator: nothing is looked up until an action or a read. */
export class Locator {
  constructor(page, steps) { this.page = page; this.steps = steps; }
  #with(step) { return new Locator(this.page, [...this.steps, step]); }
  locator(css, { hasText } = {}) { return this.#with({ css, hasText }); }
  getByLabel(label, { exact = false } = {}) { return this.#with({ label, exact }); }
  getByRole(role, { name, exact = false } = {}) { return this.#with({ role, name, exact }); }
  getByText(text, { exact = false } = {}) { return this.#with({ text, exact }); }
  first() { return this.#with({ nth: 0 }); }
  nth(n) { return this.#with({ nth: n }); }
  toString() { return this.steps.map((s) => JSON.stringify(s)).join(' >> '); }

  /** Runs `fn(elements, arg)` in the page; no waiting. */
  #all(fn, arg) {
    return this.page.driver.evaluate(`(${fn})((${FIND})(${JSON.stringify(this.steps)}), ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`);
  }

  /** Waits for exactly one element (Playwright's strictness), then runs `fn(element, arg)`. */
  async #one(fn, arg, what) {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const got = await this.page.driver.evaluate(
        `((els) => els.length === 1 ? Promise.resolve((${fn})(els[0], ${arg === undefined ? 'undefined' : JSON.stringify(arg)})).then((v) => ({ n: 1, v }))
          : { n: els.length })((${FIND})(${JSON.stringify(this.steps)}))`);
      if (got.n === 1) return got.v;
      if (got.n > 1) throw new Error(`${this.page.engine}: ${what}: ${got.n} elements match ${this}`);
      if (Date.now() > deadline) throw new Error(`${this.page.engine}: ${what}: timed out waiting for ${this}`);
      await sleep(20);
    }
  }

  count() { return this.#all('(els) => els.length'); }
  evaluateAll(fn, arg) { return this.#all(fn, arg); }
  evaluate(fn, arg) { return this.#one(fn, arg, 'evaluate'); }
  innerText() { return this.#one('(el) => el.innerText', undefined, 'innerText'); }
  textContent() { return this.#one('(el) => el.textContent', undefined, 'textContent'); }
  getAttribute(name) { return this.#one('(el, n) => el.getAttribute(n)', name, 'getAttribute'); }
  inputValue() { return this.#one('(el) => el.value', undefined, 'inputValue'); }
  isChecked() { return this.#one('(el) => el.checked', undefined, 'isChecked'); }
  isVisible() {
    return this.#all('(els) => els.length > 0 && els[0].getClientRects().length > 0 && getComputedStyle(els[0]).visibility !== "hidden"');
  }

  /** Waits until the first match is in `state`: 'visible' (default), 'attached', 'hidden' or 'detached'. */
  async waitFor({ state = 'visible', timeout = TIMEOUT_MS } = {}) {
    const test = {
      attached: '(els) => els.length > 0',
      detached: '(els) => els.length === 0',
      visible: '(els) => els.length > 0 && els[0].getClientRects().length > 0 && getComputedStyle(els[0]).visibility !== "hidden"',
      hidden: '(els) => els.length === 0 || els[0].getClientRects().length === 0 || getComputedStyle(els[0]).visibility === "hidden"',
    }[state];
    const deadline = Date.now() + timeout;
    while (!(await this.#all(test))) {
      if (Date.now() > deadline) throw new Error(`${this.page.engine}: timed out waiting for ${this} to be ${state}`);
      await sleep(20);
    }
  }

  /**
   * The one matching element as the engine's handle for real input; unless `visible` is false,
   * once it is scrolled into view, visible and enabled.
   */
  async handle(what = 'action', { visible = true } = {}) {
    await this.#one('(el) => el.scrollIntoView({ block: "center" })', undefined, what);
    const deadline = Date.now() + TIMEOUT_MS;
    while (visible && !(await this.#one('(el) => el.getClientRects().length > 0 && !el.disabled', undefined, what))) {
      if (Date.now() > deadline) throw new Error(`${this.page.engine}: ${what}: ${this} is not visible and enabled`);
      await sleep(20);
    }
    return this.page.driver.element(`(${FIND})(${JSON.stringify(this.steps)})[0]`);
  }

  /** In a frame's document: an engine's element handle belongs to the top document. */
  get #framed() { return this.steps.some((s) => s.frame); }

  /** A real mouse click at the element's centre in the top window (how frames are clicked). */
  async #clickAt() {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const at = await this.#one(POINT, undefined, 'click');
      if (at) return this.page.driver.clickAt(at.x, at.y);
      if (Date.now() > deadline) throw new Error(`${this.page.engine}: click: ${this} is not visible and enabled`);
      await sleep(20);
    }
  }

  async click() {
    if (this.#framed) return this.#clickAt();
    await this.page.driver.click(await this.handle('click'));
  }
  async fill(text) {
    if (!this.#framed) return this.page.driver.fill(await this.handle('fill'), String(text));
    await this.#clickAt();
    await this.#one('(el) => el.select()', undefined, 'fill');
    await this.page.driver.type(String(text));
  }
  async check() {
    if (await this.isChecked()) return;
    await this.click();
    if (!(await this.isChecked())) throw new Error(`${this.page.engine}: check: ${this} is still not checked after a click`);
  }
}

/**
 * The engine-neutral page. `driver` is the adapter's page: evaluate(expr), run(script),
 * element(expr), click(h), fill(h, text), press(key), type(text), openFile(buttonH, inputH, file),
 * download(h) -> { name, text }, reload() -> { prompted }, goto(url), screenshot(file), cookies(),
 * problems(), close(), and where the engine can, pdf() and emulatePrint().
 */
export class Page {
  constructor(engine, driver, server) {
    this.engine = engine; this.driver = driver; this.server = server;
    // Real key events to whatever has focus, named as in Playwright ('Tab', 'Shift+Tab', 'Space', 'Enter').
    this.keyboard = { press: (key) => driver.press(key), type: (text) => driver.type(String(text)) };
    this.firstRequest = server.requests.length;
    this.firstResponse = server.responses.length;
  }
  locator(css, opts) { return new Locator(this, []).locator(css, opts); }
  getByLabel(label, opts) { return new Locator(this, []).getByLabel(label, opts); }
  getByRole(role, opts) { return new Locator(this, []).getByRole(role, opts); }
  getByText(text, opts) { return new Locator(this, []).getByText(text, opts); }
  /** The document of the same-origin frame matching `css`; clicks in it are real mouse clicks. */
  frameLocator(css) { return new Locator(this, [{ frame: css }]); }

  /** `fn` a self-contained function (called with `arg`), or an expression as a string. */
  evaluate(fn, arg) { return this.driver.evaluate(typeof fn === 'string' ? fn : call(fn, arg)); }
  /** Runs a whole script (statements, e.g. a library) in the page. */
  addScript(source) { return this.driver.run(source); }
  async waitForFunction(fn, arg, { timeout = TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    while (!(await this.evaluate(fn, arg).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${this.engine}: timed out waiting for ${fn}`);
      await sleep(20);
    }
  }
  goto(url) { return this.driver.goto(url); }
  /** Makes this tab the one in front, where the engine can (`env.openTab`'s tabs). */
  async front() { await this.driver.front?.(); }
  /** Reloads; `prompted` says whether the page asked "leave page?" (see each adapter for how). */
  reload() { return this.driver.reload(); }
  /** The page printed to an A4 PDF (a Buffer), where the engine can print. */
  async pdf() {
    if (!this.driver.pdf) throw new Error(`${this.engine}: cannot print to PDF`);
    return this.driver.pdf();
  }
  /** Switches to print media where the engine can; false where it cannot. */
  async emulatePrintMedia() { return this.driver.emulatePrint ? (await this.driver.emulatePrint(), true) : false; }
  /**
   * Waits until the page has loaded and the server has had no request for `quietMs`: browsers
   * fetch the favicon when they like, often just after the load event.
   */
  async networkIdle(quietMs = 500) {
    await this.waitForFunction(() => document.readyState === 'complete');
    let n = -1;
    let since = Date.now();
    while (Date.now() - since < quietMs) {
      if (this.server.requests.length !== n) { n = this.server.requests.length; since = Date.now(); }
      await sleep(50);
    }
  }
  /** Every cookie the browser holds for the page, HttpOnly ones too. */
  cookies() { return this.driver.cookies(); }
  /** Paths the server was asked for since this page opened (the server sees every engine's requests). */
  requests() { return this.server.requests.slice(this.firstRequest); }
  /** Clicks `button` and returns the file it downloads: { name, text }. */
  async download(button) { return this.driver.download(await button.handle('download')); }
  /** Picks `file` through the widget's "Open" button (`button`), whose file input is `input`. */
  async openFile(button, input, file) {
    return this.driver.openFile(await button.handle('open file'), await input.handle('open file', { visible: false }), file);
  }
  async screenshot(name) {
    fs.mkdirSync(OUT, { recursive: true });
    const suffix = this.engine === 'chromium' ? '' : `-${this.engine}`;
    await this.driver.screenshot(path.join(OUT, `${name}${suffix}.png`));
  }
  /** Console errors, uncaught errors, CSP violations and 4xx/5xx responses since the page opened. */
  async problems() {
    const inPage = await this.evaluate(() => (window.__errors ? [
      ...window.__errors,
      ...window.__cspViolations.map((v) => `CSP violation: ${v}`),
    ] : ['the test probe did not run in this page'])).catch((e) => [`could not read the probe: ${e.message}`]);
    const http = this.server.responses.slice(this.firstResponse).filter((r) => r.status >= 400).map((r) => `HTTP ${r.status}: ${r.path}`);
    return [...new Set([...this.driver.problems(), ...inPage, ...http])];
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.driver.close();
  }
}

const ADAPTERS = {
  chromium: () => import('./engine-chromium.mjs'),
  firefox: () => import('./engine-firefox.mjs'),
  webkit: () => import('./engine-webkit.mjs'),
};

/**
 * For one test file: serves `root` (plus `mounts`) under the strict CSP, and for each engine in
 * `engines` launches it and calls `define(test, env)`. `test(title, fn)` registers `title [engine]`;
 * `env.open(path, { viewport })` opens a fresh, isolated page (own storage) at the server's `path`.
 * `cache: true` serves as a site that lets browsers cache does, and `slow` delays some paths
 * (server.mjs).
 */
export function eachEngine(root, mounts, define, { engines = ENGINES, cache = false, slow = {} } = {}) {
  const shared = { server: null };
  before(async () => { shared.server = await serve(root, { mounts, cache, slow }); });
  after(async () => { await shared.server?.close(); });
  for (const engine of engines.filter((e) => ENGINES.includes(e))) {
    describe(engine, () => {
      let browser = null;
      // Pages a test left open (it failed before closing them) are closed after it: WebKit's
      // driver allows one session at a time, and a leak would fail every later test.
      const open = new Set();
      const env = {
        engine,
        get url() { return shared.server.url; },
        /** What the server answered so far: { path, status }, in order. */
        get responses() { return shared.server.responses; },
        async open(where = '', { viewport = { width: 360, height: 740 } } = {}) {
          const url = new URL(where, shared.server.url).href;
          const page = new Page(engine, await browser.open({ viewport }), shared.server);
          open.add(page);
          await page.goto(url);
          return page;
        },
        /** Whether this engine can open a second tab sharing a page's storage (`openTab`). */
        get tabs() { return Boolean(browser?.tabs); },
        /** A second tab of `page`'s browser profile (same storage), at the server's `where`. */
        async openTab(page, where = '') {
          const tab = new Page(engine, await page.driver.sibling(), shared.server);
          open.add(tab);
          await tab.goto(new URL(where, shared.server.url).href);
          return tab;
        },
      };
      before(async () => {
        const adapter = await ADAPTERS[engine]();
        browser = await adapter.launch().catch((e) => {
          throw new Error(`${engine}: could not start (run scripts/setup): ${e.message}`);
        });
      });
      afterEach(async () => {
        for (const page of open) await page.close().catch(() => {});
        open.clear();
      });
      after(async () => { await browser?.close(); });
      define((title, fn) => test(`${title} [${engine}]`, fn), env);
    });
  }
}

/**
 * For tests only Chromium can run here (each caller says why): Playwright's own page, as before,
 * with `[chromium]` in the title; registered only when Chromium is among the engines.
 */
export function chromiumOnly(root, mounts, define) {
  if (!ENGINES.includes('chromium')) return;
  describe('chromium only', () => {
    const env = useServerAndBrowser(root, mounts);
    define((title, fn) => test(`${title} [chromium]`, fn), env);
  });
}
