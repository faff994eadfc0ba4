//! The root component's hooks, one concern each, around its one reducer.

pub mod erase;
pub mod idle;
pub mod keep;
pub mod step;
