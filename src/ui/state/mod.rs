//! The root component's state: one reducer ([`reducer`]) changed only through [`Action`]s, and
//! the status message it holds ([`note`]).

pub mod note;
pub mod reducer;

pub use reducer::{Action, State, use_journey};
