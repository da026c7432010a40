//! The Rust side of the pandas comparison in BENCHMARKS.md: reads the benchmark CSV with the
//! `csv` crate and scores it with `layanan::Scorecard` (exact quantiles included).
//!
//! ```text
//! cargo run --release --example bench_report -- generate target/bench-data/interactions_1m.csv 1000000
//! cargo run --release --example bench_report -- target/bench-data/interactions_1m.csv
//! ```

#[path = "../benches/data.rs"]
mod data;

use std::path::Path;
use std::time::Instant;

use layanan::Tally;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, path, n] if cmd == "generate" => {
            data::write_csv(&data::rows(n.parse()?), std::fs::File::create(path)?)?;
        }
        [path] => {
            let start = Instant::now();
            let report = data::score_csv(Path::new(path))?.report()?;
            let seconds = start.elapsed().as_secs_f64();
            for (unit, group) in report.by_unit.iter().take(2) {
                let group = group.as_ref().ok_or("no visits")?;
                let speed = group.speed.as_ref().ok_or("no speed")?;
                let cost = group.cost.as_ref().ok_or("no cost")?;
                let turnaround = speed.turnaround.as_ref().ok_or("no turnaround")?;
                println!(
                    "{unit}: visits {} within {:?} median {} p90 {} p95 {} overcharged {:?}",
                    group.visits,
                    speed.on_time_share.map(|s| (s.count, s.of)),
                    turnaround.median,
                    turnaround.p90,
                    turnaround.p95,
                    cost.overcharged.map(|s| (s.count, s.of)),
                );
            }
            println!("units {} end-to-end {seconds:.3} s", report.by_unit.len());
        }
        _ => return Err("usage: bench_report [generate PATH N | PATH]".into()),
    }
    Ok(())
}
