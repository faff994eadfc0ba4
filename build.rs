//! Encodes the interface strings (`content/ui.json`) into the compact blob the widget compiles in
//! and decodes at start-up, with the core's encoder (`tsc_core::content::encode`, whose header
//! describes the encoding), so the wasm carries neither a JSON parser nor per-string constructor
//! code. Trials are not compiled in: the build's post-build step writes each trial's files beside
//! the wasm (`crates/tools`, `pack`), and the widget fetches the one it shows.

use std::collections::BTreeMap;
use std::{env, fs, path::PathBuf};
use tsc_core::content::encode::{Blob, Enc};
use tsc_core::domain::model::Text;

fn main() {
    println!("cargo::rerun-if-changed=content/ui.json");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    // The interface strings, in the order the core declares them (`tsc_core::content::KEYS`; the
    // decoder fills its array in that order). A missing or unknown key fails the build, naming it.
    let mut ui: BTreeMap<String, Text> = read("content/ui.json");
    let mut blob = Blob::default();
    for &key in tsc_core::content::KEYS {
        let text = ui
            .remove(key)
            .unwrap_or_else(|| panic!("content/ui.json: interface string `{key}` is missing"));
        text.enc(&mut blob);
    }
    if let Some(key) = ui.keys().next() {
        panic!(
            "content/ui.json: interface string `{key}` is not declared in the core's content/ui.rs"
        );
    }
    write(&out, "ui.bin", &blob.finish());
}

fn read<T: serde::de::DeserializeOwned>(path: &str) -> T {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} cannot be loaded: {e}"))
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
}
