// Loads the wasm widget without inline script, so the page works under a strict CSP
// (script-src 'self' 'wasm-unsafe-eval'). Trunk writes the hashed file names into the tag's data.
// If WebAssembly is missing or blocked before the widget mounts, show the plain fallback message.
const tag = document.querySelector('script[data-trunk-js][data-trunk-wasm]');

function cannotStart() {
  const root = document.getElementById('trial-self-check');
  const fallback = document.getElementById('tsc-fallback');
  // Only before mount: once the widget has drawn (even its own error box), leave it alone.
  if (root && fallback && document.getElementById('tsc-loading')) {
    root.replaceChildren(fallback);
    fallback.hidden = false;
  }
}

if (typeof WebAssembly !== 'object' || !tag) {
  cannotStart();
} else {
  try {
    const { default: init } = await import(tag.dataset.trunkJs);
    await init({ module_or_path: tag.dataset.trunkWasm });
  } catch (err) {
    cannotStart();
  }
}
