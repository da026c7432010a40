//! Scale-out: tally shards of a dataset separately, ship the tallies as JSON, merge them, and
//! check the merged report equals the single-pass one.
//!
//! ```text
//! cargo run --release --features serde --example shards
//! ```
//!
//! Each "worker" here is a thread; in production it would be a task of a distributed engine
//! serialising its tally (here every score overall, per unit and per service: a
//! `Breakdown<Scorecard>`) to JSON or any serde format, for a coordinator to merge.

use std::process::ExitCode;

use layanan::read::{HolidayReader, InteractionReader, ReadOptions, StandardReader};
use layanan::{Breakdown, Calendar, Date, Interaction, Merge, Scorecard, Standards, Tally};
use serde_json::Value;

const INTERACTIONS: &str = include_str!("data/interactions.csv");
const STANDARDS: &str = include_str!("data/standards.csv");
const HOLIDAYS: &str = include_str!("data/holidays.csv");
const WORKERS: usize = 4;

fn run() -> Result<(), String> {
    let text = |e: layanan::Error| e.to_string();
    let named = |name: &str| ReadOptions::new().with_file_name(name);
    let holidays: Vec<Date> = HolidayReader::new(HOLIDAYS.as_bytes(), &named("holidays.csv"))
        .map_err(text)?
        .collect::<layanan::Result<_>>()
        .map_err(text)?;
    let calendar = Calendar::wib().with_holidays(holidays);
    let options = named("interactions.csv").with_calendar(calendar.clone());
    let visits: Vec<Interaction> = InteractionReader::new(INTERACTIONS.as_bytes(), &options)
        .map_err(text)?
        .collect::<layanan::Result<_>>()
        .map_err(text)?;
    let standards = StandardReader::new(STANDARDS.as_bytes(), &named("standards.csv"))
        .map_err(text)?
        .collect::<layanan::Result<Standards>>()
        .map_err(text)?
        .with_calendar(calendar);

    // Workers: each tallies its shard and ships the tally as JSON.
    let shard_len = visits.len().div_ceil(WORKERS);
    let shipped: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = visits
            .chunks(shard_len)
            .map(|shard| {
                let standards = standards.clone();
                scope.spawn(move || -> Result<String, String> {
                    let mut card = Breakdown::new(Scorecard::new(standards));
                    card.push_all(shard).map_err(|e| e.to_string())?;
                    serde_json::to_string(&card).map_err(|e| e.to_string())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().map_err(|_| "a worker panicked".to_string())?)
            .collect::<Result<_, _>>()
    })?;
    let bytes: usize = shipped.iter().map(String::len).sum();

    // Coordinator: deserialise (validated) and merge.
    let mut merged = Breakdown::new(Scorecard::new(standards.clone()));
    for json in &shipped {
        let card: Breakdown<Scorecard> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        merged.merge(&card).map_err(|e| e.to_string())?;
    }

    let mut single = Breakdown::new(Scorecard::new(standards));
    single.push_all(&visits).map_err(|e| e.to_string())?;
    let to_json = |card: &Breakdown<Scorecard>| -> Result<Value, String> {
        let report = card.report().map_err(|e| e.to_string())?;
        serde_json::to_value(report).map_err(|e| e.to_string())
    };
    let (merged, single) = (to_json(&merged)?, to_json(&single)?);
    println!(
        "{} visits in {WORKERS} shards, {bytes} bytes of JSON shipped ({:.0} bytes per visit)",
        visits.len(),
        bytes as f64 / visits.len().max(1) as f64
    );
    if let Some(path) = first_difference(&merged, &single, "report") {
        return Err(format!(
            "the merged report differs from the single pass at {path}"
        ));
    }
    println!(
        "merged report equals the single pass: every count exactly, every number within 1e-12"
    );
    Ok(())
}

/// Where two reports differ: numbers beyond 1e-12 relative, anything else not equal.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64()?, y.as_f64()?);
            let close = x == y || (x - y).abs() <= 1e-12 * x.abs().max(y.abs());
            (!close).then(|| format!("{path}: {x} vs {y}"))
        }
        (Value::Array(xs), Value::Array(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}[{i}]"))),
        (Value::Object(xs), Value::Object(ys)) if xs.len() == ys.len() => {
            xs.iter().find_map(|(k, x)| match ys.get(k) {
                Some(y) => first_difference(x, y, &format!("{path}.{k}")),
                None => Some(format!("{path}.{k}: missing")),
            })
        }
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
