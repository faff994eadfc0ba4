//! Architecture invariant: the pure core (`crates/core`, the domain and the content loader and
//! codec) knows nothing of the web, so it builds and tests natively.
//!
//! The crate boundary guarantees it: a crate's code can only name the crates its manifest lists,
//! so the core's sources cannot use yew, web-sys, js-sys, gloo or wasm-bindgen unless its
//! `Cargo.toml` names them (or a crate that brings them). This test holds that manifest to an
//! allow-list of dependencies that have no web dependency of their own; widening it is a decision
//! to make here, in review. `cargo tree -p tsc-core` shows the whole graph.
//!
//! (That no file of the widget imports a build tool needs no test: `crates/tools` depends on the
//! widget's crate, and Cargo refuses a dependency cycle.)
#![cfg(not(target_arch = "wasm32"))]

/// The only crates the core may depend on, in any section of its manifest.
const ALLOWED: &[&str] = &["serde", "serde_json"];

#[test]
fn the_core_depends_on_no_web_crate() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/core/Cargo.toml");
    let manifest = std::fs::read_to_string(path).unwrap();
    let mut section = String::new();
    let mut found = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.trim_matches(|c| c == '[' || c == ']').to_string();
            // `[dependencies.name]` tables name a dependency in their header.
            if let Some(name) = section.split("dependencies.").nth(1) {
                found.push(name.trim_matches('"').to_string());
            }
        } else if section.ends_with("dependencies") && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.']).next().unwrap().trim();
            found.push(name.trim_matches('"').to_string());
        }
    }
    assert!(!found.is_empty(), "no dependency found in {path}");
    for name in found {
        assert!(
            ALLOWED.contains(&name.as_str()),
            "{path}: the pure core must not depend on `{name}` (allowed: {ALLOWED:?})"
        );
    }
}
