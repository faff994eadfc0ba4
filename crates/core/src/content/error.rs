//! A problem found in a content file: one plain sentence naming the culprit, and for a trial file
//! where it is. Its own module so the loaders that report it (`ui`, `validate`) and `content`
//! itself all import it from here.

use std::fmt;

/// One problem found while loading content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError(pub String);

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A problem in a trial file and where it is: `at` is a JSON pointer (RFC 6901) to the value at
/// fault, or to the object that lacks a field (`""` is the whole file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

/// The JSON pointer one step below `base`: `key` with `~` and `/` escaped, as RFC 6901 says
/// (`~0`, `~1`). What a [`Problem`]'s `at` is made of.
pub fn pointer(base: &str, key: impl fmt::Display) -> String {
    let key = key.to_string().replace('~', "~0").replace('/', "~1");
    format!("{base}/{key}")
}
