//! The widget's interface: one Yew root component ([`App`]) that renders the core's
//! [`Journey`](crate::domain::journey::Journey) and turns the patient's presses into `Action`s.
//! No eligibility logic lives here; everything is asked of `domain`.
//!
//! - `app`: the root component; `state`: its one reducer (`Action`, `State`) and the status note.
//! - `screens`: one plain function per screen; they render and emit `Action`s.
//! - `hooks`: the root's concerns, one each (keeping on the device, inactivity, each step's effect).
//! - `browser`: thin wrappers over the browser (storage and files, history, the custom element,
//!   the panic box).
//! - `ctx`, `text`, `files`: what screens share, and the file actions.

mod app;
pub mod browser;
mod ctx;
mod files;
mod hooks;
mod screens;
mod state;
mod text;

pub use app::{App, AppProps};

/// Marks a widget root while it holds the build's static start screen (drawn by the build tool,
/// `crates/tools`, prerender step): the
/// standalone page's `#trial-self-check`, or the `.tsc-root` in a host snippet's shadow root.
/// Removed by `take_over` when the widget draws the live screen.
pub const STATIC_MARK: &str = "data-static";

/// Mounts the app on the standalone page's `#trial-self-check` element, reading its `data-trial`
/// and `lang` (else the page's, then the browser's language), and installs the panic box.
/// `boot.js` calls it once the wasm is ready, with the trial's file in the first language, and its
/// fetch of another language's file (see `browser::trial_files`); a refused file is an error.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_page(
    file: Option<Vec<u8>>,
    fetch_language: Option<js_sys::Function>,
) -> Result<(), wasm_bindgen::JsValue> {
    use crate::domain::Lang;
    let document = gloo::utils::document();
    let Some(root) = document.get_element_by_id("trial-self-check") else {
        return Ok(());
    };
    let trial = root
        .get_attribute("data-trial")
        .unwrap_or_else(|| crate::content::DEFAULT_TRIAL.into());
    browser::trial_files::add_first(&trial, file)?;
    crate::ui::browser::panic_box::register(&root);
    // A language switch pressed on the build's static start screen (boot.js) comes first.
    let lang = root
        .get_attribute("data-pending-lang")
        .or_else(|| root.get_attribute("lang"))
        .and_then(|l| Lang::from_tag(&l))
        .or_else(|| {
            document
                .document_element()
                .and_then(|e| e.get_attribute("lang"))
                .and_then(|l| Lang::from_tag(&l))
        })
        .or_else(|| {
            gloo::utils::window()
                .navigator()
                .language()
                .and_then(|l| Lang::from_tag(&l))
        })
        .unwrap_or_default();
    let start = root.has_attribute("data-pending-start");
    // The static start screen is plain HTML inside the root; Yew takes over the element from
    // here and draws the same markup before the next paint, so nothing moves (boot.js gives focus
    // back to the live twin of a control the patient had focused).
    take_over(&root);
    yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps {
            load_language: browser::trial_files::language_loader(trial.clone(), fetch_language),
            trial,
            lang,
            history: true,
            on_outcome: None,
            record: String::new(),
            start,
        },
    )
    .render();
    #[cfg(feature = "panic-trigger")]
    panic_trigger();
    Ok(())
}

/// Empties a root that holds the static first screen, with the marks of any press on it (the
/// press itself has been read), for Yew to draw the same screen live before the next paint.
#[cfg(target_arch = "wasm32")]
fn take_over(root: &web_sys::Element) {
    for mark in [
        STATIC_MARK,
        "data-pending-start",
        "data-pending-lang",
        "aria-busy",
    ] {
        let _ = root.remove_attribute(mark);
    }
    root.set_inner_html("");
}

/// Test builds only (`--features panic-trigger`): `#panic` in the address makes the module panic
/// shortly after mounting, to prove the panic box. The release build does not contain this.
#[cfg(all(target_arch = "wasm32", feature = "panic-trigger"))]
fn panic_trigger() {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if hash == "#panic" {
        gloo::timers::callback::Timeout::new(100, || {
            panic!("TSC-PANIC-TRIGGER: deliberate test panic")
        })
        .forget();
    }
}
