//! A problem found in a content file: one plain sentence naming the culprit. Its own module so
//! the loaders that report it (`ui`, `validate`) and `content` itself all import it from here.

use std::fmt;

/// One problem found while loading content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError(pub String);

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
