//! The pure domain: criteria, questions, rules and the outcome.
//!
//! **Invariant:** the domain, like the rest of this crate, depends on no web crate (the crate's
//! manifest names none, see the crate docs). It runs natively under `cargo test`.

pub mod engine;
pub mod fhir;
pub mod form;
pub mod import;
pub mod imported;
pub mod journey;
pub mod json;
pub mod model;
pub mod saved;
pub mod verdict;

pub use engine::{Outcome, Progress, Report, evaluate_trial};
pub use model::{Answer, Answers, Lang, Text, Trial};
pub use verdict::Verdict;
