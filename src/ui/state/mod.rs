//! The root component's state: one reducer ([`reducer`]) changed only through [`Action`]s, and
//! the status message it holds ([`note`]).

pub mod note;
pub mod reducer;

pub use reducer::{Action, State, use_journey};

use yew::Callback;

/// A button's callback that emits one action on `act`. Through a `fn` pointer, so every such
/// callback shares one instance of `reform` (see docs/size.md, rule 7).
pub fn emit(act: &Callback<Action>, make: fn() -> Action) -> Callback<()> {
    act.reform(move |_: ()| make())
}
