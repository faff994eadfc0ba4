//! The host's opt-in outcome event: fired once per page view, on the first arrival at the
//! summary, with the outcome level only (never an answer).

use crate::domain::Outcome;
use yew::prelude::*;

/// Emits `outcome` to `on_outcome` the first time it is `Some`.
#[hook]
pub fn use_outcome_event(outcome: Option<Outcome>, on_outcome: Option<Callback<Outcome>>) {
    let fired = use_mut_ref(bool::default);
    use_effect_with(outcome, move |outcome| {
        if let (Some(outcome), Some(cb)) = (outcome, on_outcome)
            && !std::mem::replace(&mut *fired.borrow_mut(), true)
        {
            cb.emit(*outcome);
        }
    });
}
