//! The registry text as words to compare: the core's (`tsc_core::content::audit`), shared by
//! `tests/audit.rs` (the audit's quotes are the registry's) and `tests/clauses.rs` (every clause of
//! a criterion is its registry text's).

// Each test crate that includes this module uses a different part of it.
#[allow(unused_imports)]
pub use trial_self_check::content::audit::{contains, item, plain};
