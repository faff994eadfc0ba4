//! Shared by the property tests: the shipped trial, parsed once, and the case count.

use proptest::test_runner::Config;
use std::sync::LazyLock;
use trial_self_check::content::{NCT07117435_JSON, load_trial};
use trial_self_check::domain::Trial;

/// Parsed once per test binary: parsing is not what the properties are about.
pub static TRIAL: LazyLock<Trial> = LazyLock::new(|| load_trial(NCT07117435_JSON).unwrap());

/// `default` cases per property, unless `PROPTEST_CASES` says otherwise; no regression files.
pub fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}
