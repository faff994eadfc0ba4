// <trial-self-check>: the embeddable element. A host page needs one tag:
//   <script type="module" src="/any/path/trial-self-check/embed.js"></script>
// or, in a site built with a bundler, `import 'trial-self-check'` (the npm package, scripts/release).
// Files are found next to this script (import.meta.url), so the widget works from any path; the
// names are literal `new URL('./…', import.meta.url)` and `import('./…')`, which bundlers follow
// and emit as files of their own.
// No eval, no inline style: it runs under script-src 'self' 'wasm-unsafe-eval'; style-src 'self'.
// Held in a name so a bundler does not read `new URL('trial-self-check.js', here)` as an asset to
// emit: only the copied folder's embed.js names the glue that way (verifiedGlue).
const here = import.meta.url;
let ready = null; // one wasm instance serves every element on the page

// The SHA-384 of the wasm, its glue, app.css and each shipped trial's files (`trials`: by id, then
// language) of this build, written here by the build's post-build step (crates/tools/src/seal.rs),
// so a file changed on the server fails closed. The release's tag carries the digest of this
// file, which vouches for these.
const SEALED = {};
// The trial an element without a `trial` attribute shows (the core's DEFAULT_TRIAL).
const DEFAULT_TRIAL = 'NCT07117435';
// Loaded as itself from the copied folder. Rebuilt into a host's bundle, the glue is the bundler's
// output (its own bytes), and the host's build is what vouches for it; the wasm and app.css are
// emitted unchanged and still checked.
const AS_BUILT = new URL(here).pathname.endsWith('/embed.js');

// A file that could not be loaded, or whose bytes are not the ones this build sealed.
class Unverified extends Error {}

// The response for `url` if its bytes match `integrity` (the browser checks before it resolves).
async function verified(url, integrity) {
  if (!integrity) throw new Unverified('embed.js was not sealed by the build');
  const response = await fetch(url, { integrity }).catch(() => null);
  if (!response?.ok) throw new Unverified(`${url} could not be loaded or does not match this build`);
  return response;
}

// The glue module, checked: a modulepreload link with `integrity` fetches it into the page's
// module map, and the import then takes it from there (no blob: URL, no inline script, so the
// strict policy holds). A mismatch fires the link's error and the module is never run. WebKit
// ignores `integrity` on modulepreload, so the same digest is also checked with a fetch: there a
// file changed on the server is refused too, though the module is then fetched once more to run.
function verifiedGlue() {
  if (!AS_BUILT) return import('./trial-self-check.js');
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = new URL('trial-self-check.js', here).href;
  link.integrity = SEALED.glue ?? 'sha384-unsealed';
  const preloaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => reject(new Unverified(`${link.href} does not match this build`)), { once: true });
  });
  document.head.append(link);
  // The link has done its work once the module is in the map; the host's <head> is left as it was.
  return Promise.all([preloaded.finally(() => link.remove()), verified(link.href, SEALED.glue)])
    .then(() => import('./trial-self-check.js'));
}

function load() {
  ready ??= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
    const [wasm, , glue] = await Promise.all([
      verified(new URL('./trial-self-check_bg.wasm', import.meta.url), SEALED.wasm),
      verified(new URL('./app.css', import.meta.url), SEALED.css),
      verifiedGlue().catch((err) => { throw err instanceof Unverified ? err : new Unverified(String(err)); }),
    ]);
    await glue.default({ module_or_path: wasm });
    return glue;
  })();
  return ready;
}

// Which of the trial's records on this device an element keeps, so two copies of one trial never
// overwrite each other's answers: `#<id>` when the host gives the element an id (stable however
// the page changes), else its position among the trial's copies without an id (`@2`, `@3`…;
// the first keeps the plain record, as a lone element always has).
function record(el) {
  if (el.id) return `#${el.id}`;
  const trial = el.getAttribute('trial');
  const same = [...document.querySelectorAll('trial-self-check:not([id])')].filter((e) => e.getAttribute('trial') === trial);
  const n = same.indexOf(el);
  return n > 0 ? `@${n + 1}` : '';
}

// Printing from the embedded summary prints the summary alone: while the widget's Print runs,
// the element that printed is marked `data-tsc-print="this"` (every other copy "other", which
// app.css hides in print) and this constructed sheet (allowed under style-src 'self', unlike a
// <style> element) hides the rest of the page. Both last only until `afterprint`, so the host's
// own printing is left as it is at every other time.
const PRINT_CSS = `@page { size: A4; margin: 12mm; }
@media print {
  body *:not([data-tsc-print=this], :has([data-tsc-print=this])) { display: none !important; }
  html, body, body *:has([data-tsc-print=this]) { visibility: hidden !important; margin: 0 !important;
    padding: 0 !important; border: 0 !important; height: auto !important; min-height: 0 !important;
    position: static !important; zoom: 1 !important; transform: none !important; }
  [data-tsc-print=this] { visibility: visible !important; }
}`;
let printSheet = null;

function printAlone(el) {
  if (!printSheet) {
    printSheet = new CSSStyleSheet();
    printSheet.replaceSync(PRINT_CSS);
  }
  const copies = [...document.querySelectorAll('trial-self-check')];
  const done = () => {
    for (const c of copies) c.removeAttribute('data-tsc-print');
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== printSheet);
  };
  done();
  for (const c of copies) c.setAttribute('data-tsc-print', c === el ? 'this' : 'other');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
  window.addEventListener('afterprint', done, { once: true });
}

// The theme guard. Custom properties cross the shadow boundary (that is how theming works), so a
// careless theme could make text or buttons invisible. After mount, each pair the widget draws
// is checked against WCAG 2.2 AA (4.5:1 text, 3:1 the focus halo against its dark outline); a
// colour in a failing pair falls back to its default (app.css, [data-tsc-reset]) and one warning
// names why. Here in plain JS rather than in the wasm: only an embedding host can set a theme.
const DEFAULTS = { text: '#1b1b1b', bg: '#ffffff', surface: '#f3f2f1', accent: '#0b5394', 'accent-contrast': '#ffffff', focus: '#ffbf47' };
const PAIRS = [['text', 'bg', 4.5], ['text', 'surface', 4.5], ['accent-contrast', 'accent', 4.5], ['accent', 'bg', 4.5], ['focus', 'text', 3]];
let paint = null;

// [r, g, b] (0-255) of a CSS colour, drawn over white; null if it is not a colour.
function rgb(value) {
  paint ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  paint.fillStyle = '#010203';
  paint.fillStyle = value;
  if (paint.fillStyle === '#010203' && !/^#010203$/i.test(value)) return null;
  paint.clearRect(0, 0, 1, 1);
  paint.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
  const over = (c) => Math.round(c * a / 255 + 255 * (1 - a / 255));
  return [over(r), over(g), over(b)];
}

function luminance(c) {
  const [r, g, b] = c.map((v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function guardTheme(el, root) {
  const style = getComputedStyle(el);
  const colour = {};
  const reset = new Set();
  const problems = [];
  for (const name of Object.keys(DEFAULTS)) {
    const set = style.getPropertyValue(`--tsc-${name}`).trim();
    colour[name] = set ? rgb(set) : rgb(DEFAULTS[name]);
    if (!colour[name]) {
      problems.push(`--tsc-${name} is not a colour`);
      reset.add(name);
      colour[name] = rgb(DEFAULTS[name]);
    }
  }
  // Every pair that fails with the host's colours is named; the defaults pass together, so
  // resetting failing pairs until none fails ends.
  const given = { ...colour };
  for (const [fg, bg, min] of PAIRS) {
    const ratio = contrast(given[fg], given[bg]);
    if (ratio >= min) continue;
    problems.push(`--tsc-${fg} on --tsc-${bg} is ${ratio.toFixed(2)}:1 (needs ${min}:1)`);
    for (const name of [fg, bg]) {
      reset.add(name);
      colour[name] = rgb(DEFAULTS[name]);
    }
  }
  for (let again = true; again;) {
    again = false;
    for (const [fg, bg, min] of PAIRS) {
      const ratio = contrast(colour[fg], colour[bg]);
      if (ratio >= min) continue;
      problems.push(`--tsc-${fg} on --tsc-${bg} is ${ratio.toFixed(2)}:1 (needs ${min}:1)`);
      for (const name of [fg, bg]) {
        reset.add(name);
        colour[name] = rgb(DEFAULTS[name]);
      }
      again = true;
    }
  }
  if (!reset.size) return;
  root.setAttribute('data-tsc-reset', [...reset].join(' '));
  console.warn(`<trial-self-check>: theme colours below WCAG 2.2 AA contrast: ${problems.join('; ')}. Using the defaults for: ${[...reset].map((n) => `--tsc-${n}`).join(', ')}.`);
}

// A host box of fixed height that clips (overflow hidden or clip) hides what is below its edge
// from mouse and touch: then the element scrolls inside itself (data-tsc-fit, app.css). Checked whenever the
// element or its parent changes size; once set it stays. Otherwise nothing changes.
function fit(el) {
  const parent = el.parentElement;
  if (!parent || typeof ResizeObserver !== 'function') return;
  const check = () => {
    if (el.hasAttribute('data-tsc-fit')) return observer.disconnect();
    if (!/hidden|clip/.test(getComputedStyle(parent).overflowY)) return;
    const box = parent.getBoundingClientRect();
    // Set on the next frame, not inside the observer's delivery: the element's own resize would
    // otherwise land in the same loop, which Firefox reports as an error on the page
    // ("ResizeObserver loop completed with undelivered notifications").
    if (el.getBoundingClientRect().bottom > box.top + parent.clientTop + parent.clientHeight + 1) requestAnimationFrame(() => el.setAttribute('data-tsc-fit', ''));
  };
  const observer = new ResizeObserver(check);
  observer.observe(el);
  observer.observe(parent);
}

// The snippet's stylesheet link resolves against the page's base: a <base href> elsewhere sends
// it to another host, which the policy blocks. Then the stylesheet beside this script is linked.
function styles(shadow) {
  const own = new URL('./app.css', import.meta.url);
  const links = [...shadow.querySelectorAll('link[rel=stylesheet]')];
  const supply = () => {
    if (shadow.querySelector(`link[href="${own.href}"]`)) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = own.href;
    shadow.prepend(link);
  };
  for (const link of links) {
    if (new URL(link.href, location.href).origin !== own.origin) supply();
    else if (!link.sheet) link.addEventListener('error', supply, { once: true });
  }
}

// Where an element's trial files come from, and how to fetch one language's (its bytes, or a
// rejection naming the file). A shipped trial: `trials/<ID>/<lang>.tsc` beside this script,
// checked against the sealed digests. A hospital's own trial: the host names the folder of its
// files with `src` (same site), as the authoring kit's `pack` wrote it, and may give their digests
// in `integrity` (space-separated, as `pack` prints them). Null for a trial this build does not
// have and the host gives no files for: the widget says so plainly.
function trialFiles(el) {
  const id = (el.getAttribute('trial') || DEFAULT_TRIAL).trim();
  // Given as bytes by the page (`el.trialFiles = { en, 'zh-CN' }`, before it is connected): the
  // authoring kit's preview page, which reads a coordinator's files without any network.
  if (el.trialFiles) {
    const given = el.trialFiles;
    return { langs: Object.keys(given), fetch: (lang) => (given[lang] ? Promise.resolve(given[lang]) : Promise.reject(new Unverified(`no ${lang} file was given`))) };
  }
  const src = el.getAttribute('src');
  if (src) {
    const base = new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI);
    const integrity = el.getAttribute('integrity') || undefined;
    return { langs: null, fetch: (lang) => trialFile(new URL(`${lang}.tsc`, base), integrity) };
  }
  const key = Object.keys(SEALED.trials ?? {}).find((k) => k.toLowerCase() === id.toLowerCase());
  if (!key) return null;
  const digests = SEALED.trials[key];
  return {
    langs: Object.keys(digests).filter((k) => !k.startsWith('start:')),
    fetch: (lang) => trialFile(new URL(`./trials/${key}/${lang}.tsc`, import.meta.url), digests[lang] ?? 'sha384-unsealed'),
    // The start screen the build drew for this trial (`start.<lang>.txt`), for a bare tag.
    start: (lang) => checkedBytes(new URL(`./trials/${key}/start.${lang}.txt`, import.meta.url), digests[`start:${lang}`] ?? 'sha384-unsealed')
      .then((b) => (b ? new TextDecoder().decode(b) : null)),
  };
}

// The tag of the language a trial's first file is in: the one asked for when the trial has it.
function firstTag(files, lang) {
  const tag = lang.startsWith('zh') ? 'zh-CN' : 'en';
  return files.langs && !files.langs.includes(tag) ? 'en' : tag;
}

async function trialFile(url, integrity) {
  const bytes = await checkedBytes(url, integrity);
  if (!bytes) throw new Unverified(`${url} could not be loaded${integrity ? ' or does not match its digest' : ''}`);
  return bytes;
}

// The bytes at `url` if they match `integrity` (when given), else null. A bundler may inline a
// small file as a data: URL (Vite does below 4 KB), which `connect-src 'self'` forbids fetching:
// such a URL is decoded here and its digest compared with Web Crypto instead.
async function checkedBytes(url, integrity) {
  if (String(url).startsWith('data:')) {
    const [head, body = ''] = String(url).split(',');
    const bytes = head.endsWith(';base64')
      ? Uint8Array.from(atob(body), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(decodeURIComponent(body));
    if (!integrity) return bytes;
    const digest = await crypto.subtle?.digest('SHA-384', bytes).catch(() => null);
    if (!digest) return null;
    const sri = `sha384-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
    return integrity.split(/\s+/).includes(sri) ? bytes : null;
  }
  const response = await fetch(url, integrity ? { integrity } : {}).catch(() => null);
  return response?.ok ? new Uint8Array(await response.arrayBuffer()) : null;
}

// The first language's file: the one asked for when the trial has it (a shipped trial's digests
// say; a host's folder is asked), else English, every trial's first language.
async function firstFile(files, lang) {
  const tag = firstTag(files, lang);
  return files.fetch(tag).catch((err) => (tag === 'en' ? Promise.reject(err) : files.fetch('en')));
}

function firstLang(el) {
  return el.getAttribute('lang') || document.documentElement.getAttribute('lang') || navigator.language || 'en';
}

class TrialSelfCheck extends HTMLElement {
  static observedAttributes = ['lang'];
  #handle = null;
  #mounting = false;
  // A host that pasted the pre-rendered snippet gave the element a declarative shadow root with
  // the static first screen (`.tsc-root[data-static]`): Start and the language switch work at
  // once, and a press waits here for the widget, which then takes the screen over in place.
  #static = null;
  #start = false;
  #lang = null;
  #focused = '';

  async connectedCallback() {
    if (this.#mounting) return;
    this.#mounting = true;
    this.#static = this.shadowRoot?.querySelector('.tsc-root[data-static]') ?? null;
    if (this.#static) {
      styles(this.shadowRoot);
      this.#arm(this.#static);
    }
    try {
      const files = trialFiles(this);
      if (!this.shadowRoot && files?.start) this.#drawStart(files.start(firstTag(files, this.#lang ?? firstLang(this))));
      const fetched = this.#lang ?? firstLang(this);
      let [glue, file] = await Promise.all([load(), files && firstFile(files, fetched)]);
      if (!this.isConnected) return void (this.#mounting = false);
      // A language switch pressed on the static screen meanwhile: the widget starts in that language.
      if (files && (this.#lang ?? firstLang(this)) !== fetched) file = await firstFile(files, this.#lang ?? firstLang(this));
      try {
        this.#handle = glue.mount_element(this, new URL('./app.css', import.meta.url).href, this.#lang ?? firstLang(this), record(this), this.#start, file, files?.fetch);
      } catch (why) {
        // The trial's file was refused: the console says why, for the host; the patient gets the plain message.
        throw new Unverified(String(why));
      }
      const root = this.shadowRoot.querySelector('.tsc-root');
      guardTheme(this, root);
      fit(this);
      this.shadowRoot.addEventListener('click', (e) => {
        if (e.target.closest?.('#tsc-print')) printAlone(this);
      }, true);
      // After Yew's first render (its own microtask, queued by the mount): focus returns to where
      // the patient was on the static screen, or to the first question's heading after Start.
      if (this.#static) queueMicrotask(() => {
        const twin = this.#start ? root.querySelector('.tsc-heading') : this.#focused ? this.shadowRoot.getElementById(this.#focused) : null;
        // Back to a control the patient had focused: without scrolling (they may have scrolled away).
        if (!this.shadowRoot.activeElement) twin?.focus({ preventScroll: !this.#start });
      });
    } catch (err) {
      if (err instanceof Unverified) console.error(`<trial-self-check>: cannot start: ${err.message}`);
      this.#cannotStart(err instanceof Unverified);
    }
  }

  // A bare tag (no snippet pasted): the start screen the build drew, drawn here as the snippet
  // would hold it, once it arrives and if the widget has not mounted yet, so a patient reads it
  // and can press Start while the wasm loads. It shows when its stylesheet has loaded (until
  // then, the element's own "Loading…"); a failed fetch leaves the loading line to the widget.
  async #drawStart(markup) {
    const html = await markup.catch(() => null);
    // Not over the widget, nor over the message that it cannot start.
    if (!html || this.shadowRoot || !this.isConnected || this.hasAttribute('data-state')) return;
    const shadow = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./app.css', import.meta.url).href;
    const slot = document.createElement('slot');
    const root = document.createElement('div');
    root.className = 'tsc-root';
    root.dir = 'ltr';
    root.hidden = true;
    root.setAttribute('data-static', '');
    root.innerHTML = html;
    for (const event of ['load', 'error']) link.addEventListener(event, () => { slot.remove(); root.hidden = false; }, { once: true });
    shadow.append(link, slot, root);
    this.#static = root;
    this.#arm(root);
  }

  #arm(root) {
    const waiting = () => root.hasAttribute('data-static');
    root.addEventListener('focusin', (e) => { if (waiting()) this.#focused = e.target.id; });
    const arm = (id, press) => {
      const button = root.querySelector(`#${id}`);
      if (!button) return;
      button.disabled = false;
      button.addEventListener('click', () => {
        if (waiting()) press(), root.setAttribute('aria-busy', 'true');
      });
    };
    arm('tsc-start', () => { this.#start = true; root.setAttribute('data-pending-start', ''); });
    arm('tsc-lang', () => { this.#lang = (this.#lang ?? firstLang(this)).startsWith('zh') ? 'en' : 'zh-CN'; });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    // The widget reads `lang` and never writes it.
    if (name === 'lang' && this.#handle && oldValue !== newValue) this.#handle.set_lang(firstLang(this));
  }

  // Before mount the element shows its own light-DOM content (or the snippet's static screen);
  // if the widget cannot start, say so plainly there, in both languages, with the registry
  // address: WebAssembly missing or blocked, or (`files`) its files missing or not this build's.
  #cannotStart(files) {
    const trial = (this.getAttribute('trial') || 'NCT07117435').replace(/[^A-Za-z0-9]/g, '');
    const en = document.createElement('p');
    en.textContent = files
      ? `The self-check cannot start: its files on this site are missing or are not the ones it was built with. Study details: https://clinicaltrials.gov/study/${trial}`
      : `The self-check cannot start in this browser: it needs WebAssembly, which is missing or blocked here. Study details: https://clinicaltrials.gov/study/${trial}`;
    const zh = document.createElement('p');
    zh.lang = 'zh-CN';
    zh.textContent = files
      ? `自查工具无法启动：本网站上的文件缺失，或与它发布时的文件不一致。研究详情：https://clinicaltrials.gov/study/${trial}`
      : `自查工具无法在此浏览器中运行：它需要 WebAssembly，但当前不支持或已被禁止。研究详情：https://clinicaltrials.gov/study/${trial}`;
    if (this.#static?.hasAttribute('data-static')) {
      const box = document.createElement('div');
      box.className = 'tsc-fallback';
      box.append(en, zh);
      this.#static.replaceChildren(box);
      this.#static.removeAttribute('aria-busy');
    } else {
      this.replaceChildren(en, zh);
    }
    this.setAttribute('data-state', 'cannot-start');
  }
}

if (!customElements.get('trial-self-check')) customElements.define('trial-self-check', TrialSelfCheck);
