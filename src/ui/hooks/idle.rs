//! The inactivity guard: 15 minutes without input hide the answers behind a prompt; 5 more erase
//! them from memory. Input is noted in a cell (no re-render per keystroke or click); a 5-second
//! check compares the clock. Whether the prompt shows is the journey's state (`State::idle`).

use crate::ui::state::Action;
use yew::prelude::*;

/// Minutes without input before the answers are hidden, then before they are erased.
const IDLE_HIDE_MS: f64 = 15.0 * 60.0 * 1000.0;
const IDLE_ERASE_MS: f64 = 5.0 * 60.0 * 1000.0;
const IDLE_CHECK_MS: u32 = 5_000;

pub struct Idle {
    /// Any input in the widget: the patient is still there.
    pub on_activity: Callback<()>,
    /// The patient answered the prompt: carry on.
    pub resume: Callback<()>,
}

/// The clock readings, in one cell (see docs/size.md, rule 4).
#[derive(Default)]
struct Watch {
    /// The last input, in milliseconds since the epoch.
    last_input: f64,
    /// When the prompt appeared, while it shows.
    prompt_since: Option<f64>,
}

/// Watches while there are answers: shows the prompt (`Action::Idle`), and once it has gone
/// unanswered erases the answers (`Action::IdleErase`).
#[hook]
pub fn use_idle(has_answers: bool, act: Callback<Action>) -> Idle {
    // Set by the effect below (natively, at build time, the clock cannot be read).
    let watch = use_mut_ref(Watch::default);
    {
        let (watch, act) = (watch.clone(), act.clone());
        use_effect_with(has_answers, move |&has_answers| {
            watch.borrow_mut().last_input = js_sys::Date::now();
            let timer = has_answers.then(|| {
                gloo::timers::callback::Interval::new(IDLE_CHECK_MS, move || {
                    let now = js_sys::Date::now();
                    let mut w = watch.borrow_mut();
                    match w.prompt_since {
                        None if now - w.last_input >= IDLE_HIDE_MS => {
                            w.prompt_since = Some(now);
                            drop(w);
                            act.emit(Action::Idle(true));
                        }
                        Some(t) if now - t >= IDLE_ERASE_MS => {
                            w.prompt_since = None;
                            drop(w);
                            act.emit(Action::IdleErase);
                        }
                        _ => {}
                    }
                })
            });
            move || drop(timer)
        });
    }
    let on_activity = {
        let watch = watch.clone();
        Callback::from(move |_: ()| {
            let mut w = watch.borrow_mut();
            // While the prompt shows, only its buttons count as a reply.
            if w.prompt_since.is_none() {
                w.last_input = js_sys::Date::now();
            }
        })
    };
    let resume = Callback::from(move |_: ()| {
        *watch.borrow_mut() = Watch {
            last_input: js_sys::Date::now(),
            prompt_since: None,
        };
        act.emit(Action::Idle(false));
    });
    Idle {
        on_activity,
        resume,
    }
}
