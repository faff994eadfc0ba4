//! The pure domain: criteria, questions, rules and the outcome.
//!
//! **Invariant:** nothing under `domain/` (or `content/`) depends on yew, web-sys, js-sys, gloo or
//! wasm-bindgen; `tests/purity.rs` fails if one does. The domain runs natively under `cargo test`.

pub mod engine;
pub mod fhir;
pub mod journey;
pub mod json;
pub mod model;
pub mod saved;
pub mod verdict;

pub use engine::{Outcome, Progress, Report, evaluate_trial};
pub use model::{Answer, Answers, Lang, Text, Trial};
pub use verdict::Verdict;
