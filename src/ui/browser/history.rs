//! The browser's history and the "leave page?" prompt, for the standalone page only.
//!
//! One history entry per step, so the browser's Back button goes to the previous question; the
//! entry's state holds the screen key and popstate restores it. Embedded in a host page the widget
//! leaves the host's history alone unless the host opts in.

use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BeforeUnloadEvent, PopStateEvent};
use yew::prelude::*;

/// The page's history, for the root's step effect ([`History::step`]).
pub struct History {
    enabled: bool,
    /// Set while a popstate is being applied, so that step is not pushed again.
    restoring: Rc<RefCell<bool>>,
    /// Whether the first step's entry was written (it replaces the page's own).
    started: Rc<RefCell<bool>>,
}

/// Listens for the browser going back or forward (calling `on_restore` with the key of the entry
/// it returns to) and, while `unsaved` is true, asks before the page is left or reloaded. Nothing
/// unless `enabled`.
#[hook]
pub fn use_browser_history(enabled: bool, unsaved: bool, on_restore: Callback<String>) -> History {
    // `bool::default`, not closures: hooks of one type and one initialiser share their code.
    let restoring = use_mut_ref(bool::default);
    let started = use_mut_ref(bool::default);
    {
        // Both listeners in one effect (see docs/size.md, rule 4); the popstate one is merely added again when
        // `unsaved` changes.
        let restoring = restoring.clone();
        use_effect_with((enabled, unsaved), move |&(enabled, unsaved)| {
            let window = gloo::utils::window();
            let popstate = enabled.then(|| {
                EventListener::new(&window, "popstate", move |e| {
                    let state = e.unchecked_ref::<PopStateEvent>().state();
                    if let Some(key) = state.as_string() {
                        *restoring.borrow_mut() = true;
                        on_restore.emit(key);
                    }
                })
            });
            let unload = (enabled && unsaved).then(|| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&window, "beforeunload", options, |e| {
                    let e = e.unchecked_ref::<BeforeUnloadEvent>();
                    e.prevent_default();
                    // Older browsers need a return value to show the prompt.
                    e.set_return_value("unsaved");
                })
            });
            move || drop((popstate, unload))
        });
    }
    History {
        enabled,
        restoring,
        started,
    }
}

impl History {
    /// One entry per step: the screen with `key` is shown (called when the key changes). A step
    /// the browser itself went to is not pushed.
    pub fn step(&self, key: String) {
        if !self.enabled {
            return;
        }
        let Ok(history) = gloo::utils::window().history() else {
            return;
        };
        let state = JsValue::from_str(&key);
        if !std::mem::replace(&mut *self.started.borrow_mut(), true) {
            let _ = history.replace_state(&state, "");
        } else if !std::mem::take(&mut *self.restoring.borrow_mut()) {
            let _ = history.push_state(&state, "");
        }
    }
}
