//! Architecture invariant: the domain and the content loader know nothing of the web. They must
//! not name yew, web-sys, js-sys, gloo or wasm-bindgen, so they build and test natively.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_and_content_have_no_web_dependencies() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/domain"), &mut files);
    rust_files(&root.join("src/content"), &mut files);
    assert!(files.len() >= 6, "found only {files:?}");
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            for banned in ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen"] {
                assert!(
                    !code.contains(banned),
                    "{}:{}: the pure domain must not use `{banned}`: {line}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}
