//! Writes the compact copies of the content files that the wasm embeds: minified, and without
//! the fields only the criteria map and reviewers need (`registry`, `rule_in_words`). The full
//! files stay the source of truth; native tests validate them and check the copies match.

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=content");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (src, dst) in [
        ("content/NCT07117435/trial.json", "NCT07117435.min.json"),
        ("content/ui.json", "ui.min.json"),
    ] {
        let text = fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{src} is not valid JSON: {e}"));
        if let Some(criteria) = value.get_mut("criteria").and_then(|c| c.as_array_mut()) {
            for c in criteria.iter_mut().filter_map(|c| c.as_object_mut()) {
                c.remove("registry");
                c.remove("rule_in_words");
            }
        }
        let compact = serde_json::to_string(&value).expect("a parsed value serialises");
        fs::write(out.join(dst), compact).unwrap_or_else(|e| panic!("{dst}: {e}"));
    }
}
