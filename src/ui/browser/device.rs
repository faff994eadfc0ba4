//! The few browser facilities the widget touches, each wrapped so failure is a value, never a
//! panic: local storage (only after the patient opts in), a file download, reading a picked file,
//! and today's date.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Storage, Url};

/// Every storage key the widget writes starts with this, so "Erase" can remove them all.
pub const KEY_PREFIX: &str = "trial-self-check:";

/// A trial's record: `trial-self-check:<trial id>` for the first (or only) copy, with the
/// copy's own suffix (`#<element id>` or `@<position>`) for any other copy on the page.
pub fn storage_key(trial: &str, record: &str) -> String {
    format!("{KEY_PREFIX}{trial}{record}")
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored record for `key`, if any. Reading never writes.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value`; false if the browser refused (private mode, full, disabled).
pub fn store(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes every key the widget ever wrote, for every trial.
pub fn erase_all() {
    let Some(s) = storage() else { return };
    let len = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(KEY_PREFIX))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

/// Removes one record.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Today as yyyy-mm-dd (the patient's clock, UTC).
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Offers `text` as a download named `name`. The blob never leaves the device.
pub fn download(name: &str, text: &str) -> bool {
    let run = || -> Option<()> {
        let parts = js_sys::Array::of1(&text.into());
        let options = BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let a: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        let _ = Url::revoke_object_url(&url);
        Some(())
    };
    run().is_some()
}

/// Why a picked file gave no text.
pub enum ReadError {
    /// Over the size given: not read at all.
    TooLarge,
    /// No file, or the browser could not read it as text.
    Unreadable,
}

/// The text of the first file picked in `input`, unless it is over `max` bytes.
pub async fn read_picked(
    input: &web_sys::HtmlInputElement,
    max: usize,
) -> Result<String, ReadError> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or(ReadError::Unreadable)?;
    if file.size() > max as f64 {
        return Err(ReadError::TooLarge);
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| ReadError::Unreadable)?;
    text.as_string().ok_or(ReadError::Unreadable)
}
