//! trial-self-check: a private, in-browser self-check against a clinical trial's eligibility
//! criteria. See `ARCHITECTURE.md` for the map.
//!
//! This is the UI crate (the one Trunk builds). What decides lives in the pure core, `tsc-core`
//! (`crates/core`), re-exported here so callers name one crate:
//! - [`domain`]: verdicts, rules, the evaluation engine and the journey (`tsc_core::domain`).
//! - [`content`]: the compiled-in trial and interface text, and the core's content loading.
//! - [`ui`]: Yew components that render state and emit events.

pub mod content;
pub mod ui;

pub use tsc_core::domain;

/// The widget's version (this crate's, from Cargo.toml): shown beside the content version and
/// carried by the outcome event, and the npm package's version (`scripts/release`).
pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

// Talc instead of Rust's default dlmalloc: smaller in the wasm and faster (single-threaded page).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
