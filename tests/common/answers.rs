//! Every answer a patient could give to the questions a criterion reads, as the engine counts
//! them: the core's (`tsc_core::content::audit`, which the authoring check runs too), shared by
//! `tests/audit.rs`, `tests/clauses.rs`, `tests/changelog.rs` and `tests/fhir.rs`.

// Each test crate that includes this module uses a different part of it.
#[allow(unused_imports)]
pub use trial_self_check::content::audit::{combinations, every_answer, questions_read};
