//! The pure core of trial-self-check: everything that decides, and nothing that draws.
//!
//! - [`domain`]: the trial model, Kleene verdicts, the evaluation engine, the patient's journey,
//!   and the saved-answers and FHIR formats.
//! - [`content`]: loading, validating and decoding the trial and interface texts.
//!
//! **Invariant:** this crate depends on no web crate (yew, web-sys, js-sys, gloo, wasm-bindgen);
//! its `Cargo.toml` names none, so Cargo guarantees it (`cargo tree -p tsc-core` shows the whole
//! graph). It builds and runs natively under `cargo test`, and the widget and `build.rs` both use it.

pub mod content;
pub mod domain;
