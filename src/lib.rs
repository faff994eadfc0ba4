//! trial-self-check: a private, in-browser self-check against a clinical trial's eligibility
//! criteria. See `ARCHITECTURE.md` for the map.
//!
//! - [`domain`]: pure Rust verdicts, rules and the evaluation engine (no web dependencies).
//! - [`content`]: the compiled-in trial and interface text, parsed and validated.
//! - [`ui`]: Yew components that render state and emit events.

pub mod content;
pub mod domain;
pub mod ui;
