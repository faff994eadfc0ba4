// Loads the widget without inline script (strict CSP: script-src 'self' 'wasm-unsafe-eval').
// Arms the build's static start screen: a press on Start or the language switch before the
// widget is ready waits on the root (data-pending-*) for the widget; focus moves to its twin.
// If WebAssembly is missing or blocked, shows the fallback message. See ARCHITECTURE.md.
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

if (typeof WebAssembly !== 'object' || !tag) {
  cannotStart();
} else {
  try {
    const { default: init } = await import(tag.dataset.trunkJs);
    await init({ module_or_path: tag.dataset.trunkWasm });
    // Yew drew its first screen before `init` returned: focus goes where the patient was, or to
    // the first question's heading after a pending Start, as the widget's own steps do.
    const twin = started ? root.querySelector('.tsc-heading') : focused ? document.getElementById(focused) : null;
    if (document.activeElement === document.body) twin?.focus();
  } catch (err) {
    cannotStart();
  }
}
