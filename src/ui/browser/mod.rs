//! Thin wrappers over the browser: local storage, file download and reading, today's date
//! (`device`), the history entries and the "leave page?" prompt (`history`), the custom element's
//! Rust side (`element`), the panic box (`panic_box`) and a trial's files from the loader
//! (`trial_files`). Failures are values.

pub mod device;
pub mod history;

#[cfg(target_arch = "wasm32")]
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod panic_box;
#[cfg(target_arch = "wasm32")]
pub mod trial_files;
