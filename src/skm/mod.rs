//! The satisfaction index of PermenPANRB 14/2017 (and KepMenPAN 25/2004): tally, report, table.

mod display;
pub(crate) mod exact;
mod profile;
mod report;
mod tally;

pub use exact::NrrRounding;
pub use profile::{Count, ProfileReport, ProfileTally};
pub use report::{
    Compatibility, ElementScore, PrintedIndex, SampleAdequacy, SkmOptions, SkmReport,
};
pub use tally::SkmTally;
