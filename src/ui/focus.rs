//! Focus on each step: the new screen's heading takes focus, so screen readers start there and
//! the browser scrolls it into view only as far as needed. Not on first load: that would steal
//! focus from the host page.

use crate::domain::journey::Screen;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// The widget's root, to attach with `ref`; its `.tsc-heading` is focused when `screen` changes.
#[hook]
pub fn use_step_focus(screen: Screen) -> NodeRef {
    // A fresh reference each render, not `use_node_ref` (whose state hook costs the wasm about
    // 2 KB): Yew points the reference of the render it applies at the element, before effects run.
    let root = NodeRef::default();
    // Whether a step was shown before (not on first load). `bool::default` rather than a closure:
    // hooks of one type and one initialiser share their code in the wasm.
    let shown_before = use_mut_ref(bool::default);
    {
        let root = root.clone();
        use_effect_with(screen, move |_| {
            if !std::mem::replace(&mut *shown_before.borrow_mut(), true) {
                // First load: leave focus where the host page has it.
            } else if let Some(root) = root.cast::<HtmlElement>()
                && let Some(h) = root
                    .query_selector(".tsc-heading")
                    .ok()
                    .flatten()
                    .and_then(|h| h.dyn_into::<HtmlElement>().ok())
            {
                let _ = h.focus();
            }
        });
    }
    root
}
