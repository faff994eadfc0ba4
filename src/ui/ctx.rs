//! What every screen needs to render: the content and the current language. Its own module so the
//! screens and the root component do not import each other.

use crate::content::UiText;
use crate::domain::{Lang, Trial};

#[derive(Clone)]
pub struct Ctx {
    /// Shipped content lives as long as the page (`content::shipped_trial`).
    pub trial: &'static Trial,
    pub ui: &'static UiText,
    pub lang: Lang,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        // Content never changes after load; comparing pointers keeps re-renders cheap.
        std::ptr::eq(self.trial, other.trial)
            && std::ptr::eq(self.ui, other.ui)
            && self.lang == other.lang
    }
}
