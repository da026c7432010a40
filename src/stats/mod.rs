//! Statistics on plain numbers, knowing nothing of public services.
//!
//! Every function here validates its input and returns [`Error`](crate::Error) rather than NaN or
//! a panic. Distribution functions come from `statrs`, reached only through a private wrapper that
//! checks probabilities first and refines quantiles so upper tails stay accurate.

mod dist;
mod interval;
mod reliability;
mod sample_size;

pub use interval::{Interval, IntervalMethod, Level};
pub use reliability::CronbachAlpha;
pub use sample_size::{krejcie_morgan, slovin};
