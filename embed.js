// <trial-self-check>: the embeddable element. A host page needs one tag:
//   <script type="module" src="/any/path/trial-self-check/embed.js"></script>
// Files are found next to this script (import.meta.url), so the widget works from any path.
// No eval, no inline style: it runs under script-src 'self' 'wasm-unsafe-eval'; style-src 'self'.
const base = new URL('./', import.meta.url);
let ready = null; // one wasm instance serves every element on the page

function load() {
  ready ??= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
    const glue = await import(new URL('trial-self-check.js', base).href);
    await glue.default({ module_or_path: new URL('trial-self-check_bg.wasm', base) });
    return glue;
  })();
  return ready;
}

function firstLang(el) {
  return el.getAttribute('lang') || document.documentElement.getAttribute('lang') || navigator.language || 'en';
}

class TrialSelfCheck extends HTMLElement {
  static observedAttributes = ['lang'];
  #handle = null;

  async connectedCallback() {
    if (this.shadowRoot) return;
    try {
      const glue = await load();
      if (!this.isConnected || this.shadowRoot) return;
      this.#handle = glue.mount_element(this, new URL('app.css', base).href, firstLang(this));
    } catch (err) {
      this.#cannotStart();
    }
  }

  attributeChangedCallback(name, oldValue, newValue) {
    // The widget reads `lang` and never writes it.
    if (name === 'lang' && this.#handle && oldValue !== newValue) this.#handle.set_lang(firstLang(this));
  }

  // Before mount the element shows its own light-DOM content; if WebAssembly cannot start,
  // say so plainly there, in both languages, with the registry address.
  #cannotStart() {
    const trial = (this.getAttribute('trial') || 'NCT07117435').replace(/[^A-Za-z0-9]/g, '');
    const en = document.createElement('p');
    en.textContent = `The self-check cannot start in this browser: it needs WebAssembly, which is missing or blocked here. Study details: https://clinicaltrials.gov/study/${trial}`;
    const zh = document.createElement('p');
    zh.lang = 'zh-CN';
    zh.textContent = `自查工具无法在此浏览器中运行：它需要 WebAssembly，但当前不支持或已被禁止。研究详情：https://clinicaltrials.gov/study/${trial}`;
    this.replaceChildren(en, zh);
    this.setAttribute('data-state', 'cannot-start');
  }
}

if (!customElements.get('trial-self-check')) customElements.define('trial-self-check', TrialSelfCheck);
