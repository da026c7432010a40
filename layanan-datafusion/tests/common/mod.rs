//! What the SQL and the Ballista tests share: the sample data (`examples/data`) read by the
//! library, and registered as tables of a context.
//!
//! Each test crate uses only part of this module.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs::File;
use std::path::PathBuf;

use datafusion::error::Result;
use datafusion::prelude::{CsvReadOptions, SessionContext};
use layanan::read::{HolidayReader, ReadOptions, SkmReader, StandardReader};
use layanan::{Calendar, Date, Instrument, SkmResponse, SkmTally, Standards, Tally};

/// The arguments of `visit_scores` and `visit_state`: the columns of the sample's visits.
pub const VISIT_ARGS: &str =
    "service, unit, arrived_at, started_at, finished_at, official_fee, paid, recommend, empathy";

/// A file of the sample data.
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name)
}

/// The sample's calendar: WIB with its holidays.
pub fn calendar() -> Calendar {
    let file = File::open(data("holidays.csv")).expect("holidays.csv");
    let holidays: Vec<Date> = HolidayReader::new(file, &ReadOptions::new())
        .expect("header")
        .collect::<layanan::Result<_>>()
        .expect("holidays");
    Calendar::wib().with_holidays(holidays)
}

/// The sample's service standards, on its calendar.
pub fn standards() -> Standards {
    let calendar = calendar();
    let options = ReadOptions::new().with_calendar(calendar.clone());
    let file = File::open(data("standards.csv")).expect("standards.csv");
    StandardReader::new(file, &options)
        .expect("header")
        .collect::<layanan::Result<Standards>>()
        .expect("standards")
        .with_calendar(calendar)
}

/// The sample's questionnaires, read by the library.
pub fn questionnaires() -> Vec<SkmResponse> {
    let options = ReadOptions::new().with_calendar(calendar());
    let file = File::open(data("skm.csv")).expect("skm.csv");
    SkmReader::new(file, &options)
        .expect("header")
        .collect::<layanan::Result<_>>()
        .expect("questionnaires")
}

/// The library's tally of the sample questionnaires, per unit.
pub fn skm_by_unit() -> BTreeMap<String, SkmTally> {
    let mut tallies: BTreeMap<String, SkmTally> = BTreeMap::new();
    for q in questionnaires() {
        let unit = q.unit().expect("unit").to_owned();
        tallies
            .entry(unit)
            .or_insert_with(|| SkmTally::new(Instrument::permenpanrb_14_2017()))
            .push(&q)
            .expect("counted");
    }
    tallies
}

/// The sample's files as tables `skm` and `visits` of `ctx`.
pub async fn register_tables(ctx: &SessionContext) -> Result<()> {
    let path = |name: &str| data(name).to_string_lossy().into_owned();
    ctx.register_csv("skm", &path("skm.csv"), CsvReadOptions::new())
        .await?;
    ctx.register_csv("visits", &path("interactions.csv"), CsvReadOptions::new())
        .await?;
    Ok(())
}
