//! What each step does besides drawing the new screen, in one effect (see docs/size.md, rule 4): the
//! browser's history entry (`History::step`), the host's outcome event the
//! first time the summary shows, and focus: on the new screen's heading, or on the question
//! screen's error summary when a problem appears (and again on each failed Continue).
//!
//! The heading takes focus on each step, so screen readers start there and the browser scrolls it
//! into view only as far as needed. Not on first load: that would steal focus from the host page.
//! The outcome event: once per page view, with the outcome level only (never an answer).

use crate::domain::Outcome;
use crate::domain::form::Problem;
use crate::domain::journey::Screen;
use crate::ui::browser::history::History;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// The references the step's focus needs, to attach with `ref`: the widget's root (its
/// `.tsc-heading` takes focus) and the question screen's error summary.
pub struct StepRefs {
    pub root: NodeRef,
    pub error_summary: NodeRef,
}

/// Runs a step's work whenever `screen` changes, and focuses the error summary whenever
/// `problem` (the question screen's, with its count of failed attempts) appears or changes.
/// `outcome` computes the outcome for `on_outcome`, the host's opt-in event, when the summary
/// first shows.
#[hook]
pub fn use_step<F>(
    screen: Screen,
    problem: Option<(Problem, u32)>,
    history: History,
    on_outcome: Option<Callback<Outcome>>,
    outcome: F,
) -> StepRefs
where
    F: FnOnce() -> Outcome + 'static,
{
    // Fresh references each render, not `use_node_ref` (see docs/size.md, rule 5): Yew points the references
    // of the render it applies at the elements, before effects run.
    let refs = StepRefs {
        root: NodeRef::default(),
        error_summary: NodeRef::default(),
    };
    // The screen of the last step (`None` before the first), and whether the outcome event fired.
    let last = use_mut_ref(|| None::<Screen>);
    // `bool::default` rather than a closure (see docs/size.md, rule 4).
    let fired = use_mut_ref(bool::default);
    {
        let (root, error_summary) = (refs.root.clone(), refs.error_summary.clone());
        use_effect_with((screen, problem), move |(screen, problem)| {
            let mut last = last.borrow_mut();
            let target = if last.as_ref() == Some(screen) {
                // The same screen: only the problem changed.
                problem.and(error_summary.cast::<HtmlElement>())
            } else {
                let first = last.is_none();
                if last.as_ref().map(Screen::key) != Some(screen.key()) {
                    history.step(screen.key());
                }
                *last = Some(screen.clone());
                if *screen == Screen::Summary
                    && let Some(cb) = on_outcome
                    && !std::mem::replace(&mut *fired.borrow_mut(), true)
                {
                    cb.emit(outcome());
                }
                // First load: leave focus where the host page has it.
                root.cast::<HtmlElement>()
                    .filter(|_| !first)
                    .and_then(|root| root.query_selector(".tsc-heading").ok().flatten())
                    .and_then(|h| h.dyn_into::<HtmlElement>().ok())
            };
            if let Some(target) = target {
                let _ = target.focus();
            }
        });
    }
    refs
}
