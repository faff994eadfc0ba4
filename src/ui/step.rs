//! What each step does besides drawing the new screen, in one effect (each effect costs the wasm
//! its own code): the browser's history entry (`History::step`), the host's outcome event the
//! first time the summary shows, and focus on the new screen's heading.
//!
//! Focus: the heading takes it on each step, so screen readers start there and the browser
//! scrolls it into view only as far as needed. Not on first load: that would steal focus from the
//! host page. The outcome event: once per page view, with the outcome level only (never an
//! answer).

use super::history::History;
use crate::domain::Outcome;
use crate::domain::journey::Screen;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Runs a step's work whenever `screen` changes; returns the widget's root, to attach with `ref`
/// (its `.tsc-heading` takes focus). `outcome` computes the outcome for `on_outcome`, the host's
/// opt-in event, when the summary first shows.
#[hook]
pub fn use_step<F>(
    screen: Screen,
    history: History,
    on_outcome: Option<Callback<Outcome>>,
    outcome: F,
) -> NodeRef
where
    F: FnOnce() -> Outcome + 'static,
{
    // A fresh reference each render, not `use_node_ref` (whose state hook costs the wasm about
    // 2 KB): Yew points the reference of the render it applies at the element, before effects run.
    let root = NodeRef::default();
    // Whether a step was shown before (not on first load), and whether the outcome event fired.
    // `bool::default` rather than closures: hooks of one type and one initialiser share their
    // code in the wasm.
    let shown_before = use_mut_ref(bool::default);
    let fired = use_mut_ref(bool::default);
    {
        let root = root.clone();
        use_effect_with(screen, move |screen| {
            history.step(screen.key());
            if *screen == Screen::Summary
                && let Some(cb) = on_outcome
                && !std::mem::replace(&mut *fired.borrow_mut(), true)
            {
                cb.emit(outcome());
            }
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
