// The standalone page's loader (no inline script, for a strict CSP). Shipped as written, so its
// comments are few: what it does and why is in ARCHITECTURE.md ("boot.js") and the README.
const tag = document.querySelector('script[data-trunk-js][data-trunk-wasm]');
const root = document.getElementById('trial-self-check');
const waiting = () => root?.hasAttribute('data-static');
let focused = '', started = false;
root?.addEventListener('focusin', (e) => { if (waiting()) focused = e.target.id; });

function arm(id, press) {
  const button = document.getElementById(id);
  if (!button || !waiting()) return;
  button.disabled = false;
  button.addEventListener('click', () => {
    if (waiting()) press(), root.setAttribute('aria-busy', 'true');
  });
}
arm('tsc-start', () => (started = true, root.setAttribute('data-pending-start', '')));
arm('tsc-lang', () => {
  const now = root.getAttribute('data-pending-lang') ?? document.documentElement.lang;
  root.setAttribute('data-pending-lang', now.startsWith('zh') ? 'en' : 'zh-CN');
});

function cannotStart() {
  const fallback = document.getElementById('tsc-fallback');
  if (fallback && waiting()) {
    root.replaceChildren(fallback);
    root.removeAttribute('aria-busy');
    fallback.hidden = false;
  }
}

// A failed modulepreload does not stop a later import from fetching the module again, unchecked
// (Chromium does), so the import waits for a preload of its own with the same digest: taken from
// the page's module map when the first one passed, refused when it did not. WebKit ignores that
// digest, so a fetch checks it too (embed.js does the same).
function checkedGlue() {
  const first = document.querySelector('link[rel=modulepreload][integrity]');
  if (!first || first.getAttribute('href') !== tag.dataset.trunkJs) return Promise.reject(new Error('no digest for the glue'));
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = first.href;
  link.integrity = first.integrity;
  link.crossOrigin = first.crossOrigin;
  const checked = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', reject, { once: true });
  });
  document.head.append(link);
  const fetched = fetch(link.href, { integrity: link.integrity }).then((r) => r.ok || Promise.reject(new Error(r.status)));
  return Promise.all([checked.finally(() => link.remove()), fetched]).then(() => import(tag.dataset.trunkJs));
}

// The page's trial in one language (`trials/<ID>/<lang>.tsc`), checked against the digest the
// build put on the root (`data-file-en`, `data-file-zh-cn`): its bytes, or a rejection.
function trialFile(lang) {
  const digest = root.dataset[lang === 'en' ? 'fileEn' : 'fileZhCn'];
  if (!digest) return Promise.reject(new Error(`no ${lang} file`));
  return fetch(`trials/${root.dataset.trial}/${lang}.tsc`, { integrity: digest })
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(r.status))))
    .then((b) => new Uint8Array(b));
}

// The language the widget starts in (as mount_page reads it), when the trial is written in it.
function firstLang() {
  const tag = root.getAttribute('data-pending-lang') || root.lang || document.documentElement.lang || navigator.language || 'en';
  return tag.startsWith('zh') && root.dataset.fileZhCn ? 'zh-CN' : 'en';
}

if (typeof WebAssembly !== 'object' || !tag) {
  cannotStart();
} else {
  try {
    // The wasm is fetched with the digest the build put on the tag; the glue's is on its modulepreload.
    const wasm = fetch(tag.dataset.trunkWasm, { integrity: tag.dataset.wasmIntegrity });
    wasm.catch(() => {}); // a mismatch is handled where init awaits it, not reported as unhandled
    const fetched = firstLang();
    const file = trialFile(fetched);
    file.catch(() => {});
    const glue = await checkedGlue();
    await glue.default({ module_or_path: wasm });
    // A language switch pressed on the static screen meanwhile: the widget starts in that language.
    const now = firstLang();
    glue.mount_page(now === fetched ? await file : await trialFile(now), trialFile);
    await new Promise(queueMicrotask); // Yew draws in a microtask the mount queued
    // Yew has drawn: focus goes back where it was, or to the question after a pending Start.
    const twin = started ? root.querySelector('.tsc-heading') : focused ? document.getElementById(focused) : null;
    // Back to a control the patient had focused: without scrolling (they may have scrolled away).
    if (document.activeElement === document.body) twin?.focus({ preventScroll: !started });
  } catch (err) {
    cannotStart();
  }
}
