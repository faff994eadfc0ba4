//! The inactivity guard: 15 minutes without input hide the answers behind a prompt; 5 more erase
//! them from memory. Input is noted in a cell (no re-render per keystroke or click); a 5-second
//! check compares the clock.

use yew::prelude::*;

/// Minutes without input before the answers are hidden, then before they are erased.
const IDLE_HIDE_MS: f64 = 15.0 * 60.0 * 1000.0;
const IDLE_ERASE_MS: f64 = 5.0 * 60.0 * 1000.0;
const IDLE_CHECK_MS: u32 = 5_000;

pub struct Idle {
    /// Whether the "are you still there?" prompt shows instead of the answers.
    pub shown: bool,
    /// Any input in the widget: the patient is still there.
    pub on_activity: Callback<()>,
    /// The patient answered the prompt: carry on.
    pub resume: Callback<()>,
}

/// Watches while there are answers; `on_timeout` erases them once the prompt has gone unanswered.
#[hook]
pub fn use_idle(has_answers: bool, on_timeout: Callback<()>) -> Idle {
    let idle = use_state(bool::default);
    // Set by the effect below (natively, at build time, the clock cannot be read).
    let last_input = use_mut_ref(|| 0.0);
    let idle_since = use_mut_ref(|| None::<f64>);
    {
        let idle = idle.clone();
        let (last_input, idle_since) = (last_input.clone(), idle_since.clone());
        use_effect_with(has_answers, move |&has_answers| {
            *last_input.borrow_mut() = js_sys::Date::now();
            let timer = has_answers.then(|| {
                gloo::timers::callback::Interval::new(IDLE_CHECK_MS, move || {
                    let now = js_sys::Date::now();
                    let since = *idle_since.borrow();
                    match since {
                        None if now - *last_input.borrow() >= IDLE_HIDE_MS => {
                            *idle_since.borrow_mut() = Some(now);
                            idle.set(true);
                        }
                        Some(t) if now - t >= IDLE_ERASE_MS => {
                            *idle_since.borrow_mut() = None;
                            idle.set(false);
                            on_timeout.emit(());
                        }
                        _ => {}
                    }
                })
            });
            move || drop(timer)
        });
    }
    let on_activity = {
        let (last_input, idle_since) = (last_input.clone(), idle_since.clone());
        Callback::from(move |_: ()| {
            // While the prompt shows, only its buttons count as a reply.
            if idle_since.borrow().is_none() {
                *last_input.borrow_mut() = js_sys::Date::now();
            }
        })
    };
    let resume = {
        let idle = idle.clone();
        Callback::from(move |_: ()| {
            *idle_since.borrow_mut() = None;
            *last_input.borrow_mut() = js_sys::Date::now();
            idle.set(false);
        })
    };
    Idle {
        shown: *idle,
        on_activity,
        resume,
    }
}
