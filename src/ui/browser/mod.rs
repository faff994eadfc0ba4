//! Thin wrappers over the browser: local storage, file download and reading, today's date
//! (`device`), the history entries and the "leave page?" prompt (`history`), the custom element's
//! Rust side (`element`) and the panic box (`panic_box`). Failures are values.

pub mod device;
pub mod history;

#[cfg(target_arch = "wasm32")]
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod panic_box;
