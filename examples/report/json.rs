//! The report as JSON: the same value the text renders, so it carries everything the text
//! shows.

use crate::city::CityReport;

/// The report as pretty JSON.
#[cfg(feature = "serde")]
pub fn json(report: &CityReport) -> Result<String, String> {
    serde_json::to_string_pretty(report).map_err(|e| e.to_string())
}

/// Without `serde` there is no JSON: say how to get it.
#[cfg(not(feature = "serde"))]
pub fn json(_: &CityReport) -> Result<String, String> {
    Err("--json needs the `serde` feature: cargo run --release --features serde --example report -- --json".into())
}
