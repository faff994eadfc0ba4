//! trial-self-check: a private, in-browser self-check against a clinical trial's eligibility
//! criteria. See `ARCHITECTURE.md` for the map.
//!
//! - [`domain`]: pure Rust verdicts, rules and the evaluation engine (no web dependencies).
//! - [`content`]: the compiled-in trial and interface text, parsed and validated.
//! - [`ui`]: Yew components that render state and emit events.

pub mod content;
pub mod domain;
pub mod ui;

// Talc instead of Rust's default dlmalloc: smaller in the wasm and faster (single-threaded page).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
