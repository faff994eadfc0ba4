//! One plain function per screen (see docs/size.md, rule 3): each renders from the content, the
//! language and what the reducer holds, and emits `Action`s on the root's one callback.

pub mod decided;
pub mod question;
pub mod saving;
pub mod start;
pub mod summary;
