//! The Rust side of the peer comparison in BENCHMARKS.md (pandas, polars, DuckDB): reads the
//! benchmark CSV with the library's batch reader and scores it on the columnar path, every
//! score overall, per unit and per service (exact quantiles included).
//!
//! ```text
//! cargo run --release --example bench_report -- generate target/bench-data/interactions_1m.csv 1000000
//! cargo run --release --example bench_report -- target/bench-data/interactions_1m.csv
//! cargo run --release --example bench_report -- scan target/bench-data/interactions_1m.csv
//! ```

#[path = "../benches/data.rs"]
mod data;

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, path, n] if cmd == "generate" => {
            data::write_csv(&data::rows(n.parse()?), std::fs::File::create(path)?)?;
        }
        [cmd, path] if cmd == "scan" => {
            // The floor: the `csv` crate reading every field as bytes, nothing parsed.
            let start = Instant::now();
            let mut reader = csv::Reader::from_path(path)?;
            let mut record = csv::ByteRecord::new();
            let mut bytes = 0u64;
            while reader.read_byte_record(&mut record)? {
                bytes += record.iter().map(|f| f.len() as u64).sum::<u64>();
            }
            let seconds = start.elapsed().as_secs_f64();
            println!("{bytes} bytes of fields in {seconds:.3} s");
        }
        [path] => {
            let start = Instant::now();
            // One thread reads the rows, the others (as many as there are cores) tally them;
            // the groups are then rolled up and reported on as many threads.
            let threads = std::thread::available_parallelism()?;
            let report = data::score_csv_threads(Path::new(path), threads)?
                .report_threads(&Default::default(), threads)?;
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
        _ => return Err("usage: bench_report [generate PATH N | scan PATH | PATH]".into()),
    }
    Ok(())
}
