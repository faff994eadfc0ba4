//! The shipped patient stories file (`content/NCT07117435/stories.json`) for the native tests, read
//! with the core's story reader (`tsc_core::content::stories`, which the authoring check runs
//! too). Shared by `tests/stories.rs`, which walks every story through the journey, and
//! `tests/changelog.rs`, which runs every story through two content versions.

// Each test crate that includes this module uses a different part of it.
#[allow(unused_imports)]
pub use trial_self_check::content::stories::{
    SAVED_ON, Story, answers_of, check_story, outcome_word, read_stories,
};

/// The stories file, in full.
pub const STORIES_JSON: &str = include_str!("../../content/NCT07117435/stories.json");

/// The shipped stories, `like` resolved; problems within stories are returned beside them.
pub fn load_stories() -> (Vec<Story>, Vec<String>) {
    load_stories_from(STORIES_JSON)
}

/// [`load_stories`] of another copy of the file (an earlier version's, say).
pub fn load_stories_from(text: &str) -> (Vec<Story>, Vec<String>) {
    read_stories(text).unwrap_or_else(|e| panic!("{e}"))
}
