//! What every screen needs to render: the content and the current language. Its own module so the
//! screens and the root component do not import each other.

use crate::content::UiText;
use crate::domain::{Lang, Trial};
use std::rc::Rc;

#[derive(Clone)]
pub struct Ctx {
    pub trial: Rc<Trial>,
    pub ui: Rc<UiText>,
    pub lang: Lang,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        // Content never changes after load; comparing pointers keeps re-renders cheap.
        Rc::ptr_eq(&self.trial, &other.trial)
            && Rc::ptr_eq(&self.ui, &other.ui)
            && self.lang == other.lang
    }
}
