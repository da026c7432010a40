//! Scoring benchmarks; each group carries a plain-scan baseline over the same data, so results
//! read as ratios. Run with `cargo bench` (see BENCHMARKS.md).

mod data;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};

use layanan::prelude::*;
use layanan::{
    Breakdown, ByUnit, CostTally, Grouped, Instrument, Interaction, Scorecard, SkmAnswers,
    SkmTally, SpeedTally,
};

const N: usize = 1_000_000;

fn group<'a>(c: &'a mut Criterion, name: &str, elements: u64) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(elements));
    g
}

/// Reads every field of a visit (the baseline the scoring groups are compared with).
fn scan(visits: &[Interaction]) -> u64 {
    let mut sum = 0u64;
    for v in visits {
        sum = sum
            .wrapping_add(v.service().len() as u64)
            .wrapping_add(v.unit().len() as u64)
            .wrapping_add(v.id().map_or(0, str::len) as u64)
            .wrapping_add(v.arrived_at().unix_millis() as u64)
            .wrapping_add(v.started_at().map_or(0, |t| t.unix_millis()) as u64)
            .wrapping_add(v.finished_at().map_or(0, |t| t.unix_millis()) as u64)
            .wrapping_add(v.official_fee().map_or(0, |m| m.units()))
            .wrapping_add(v.paid().map_or(0, |m| m.units()))
            .wrapping_add(v.empathy().map_or(0, |r| u64::from(r.value())))
            .wrapping_add(v.recommend().map_or(0, u64::from));
        if let Some(a) = v.skm() {
            for (_, x) in a.iter() {
                sum = sum.wrapping_add(u64::from(x.unwrap_or(0)));
            }
        }
    }
    sum
}

fn questionnaires(rows: &[data::Row]) -> Vec<SkmAnswers> {
    let instrument = Instrument::permenpanrb_14_2017();
    rows.iter()
        .filter_map(|r| r.skm)
        .map(|a| {
            SkmAnswers::from_values(&instrument, &a.map(|x| Some(i64::from(x)))).expect("answers")
        })
        .collect()
}

fn skm(c: &mut Criterion) {
    // 1M complete questionnaires: the answers of the generated rows, repeated.
    let base = questionnaires(&data::rows(N / 2));
    let rows: Vec<SkmAnswers> = base.iter().cycle().take(N).cloned().collect();
    let instrument = Instrument::permenpanrb_14_2017();
    let mut g = group(c, "skm_tally_1m", N as u64);
    g.bench_function("baseline_scan", |b| {
        b.iter(|| {
            let mut sum = 0u64;
            for answers in &rows {
                for (_, v) in answers.iter() {
                    sum += u64::from(v.unwrap_or(0));
                }
            }
            black_box(sum)
        })
    });
    g.bench_function("tally", |b| {
        b.iter(|| {
            let mut tally = SkmTally::new(instrument.clone());
            for answers in &rows {
                tally.push_answers(answers).expect("push");
            }
            black_box(tally)
        })
    });
    g.finish();
}

fn speed_cost(c: &mut Criterion, visits: &[Interaction]) {
    let standards = data::standards();
    let mut g = group(c, "speed_cost_1m_by_32_units", visits.len() as u64);
    g.bench_function("baseline_scan", |b| b.iter(|| black_box(scan(visits))));
    g.bench_function("cost_tally", |b| {
        b.iter(|| {
            let mut units = Grouped::new(ByUnit, CostTally::new(standards.clone()));
            units.push_all(visits).expect("push");
            black_box(units)
        })
    });
    g.bench_function("speed_and_cost_tallies", |b| {
        b.iter(|| {
            let both = (
                SpeedTally::new(standards.clone()),
                CostTally::new(standards.clone()),
            );
            let mut units = Grouped::new(ByUnit, both);
            units.push_all(visits).expect("push");
            black_box(units)
        })
    });
    g.finish();
}

/// Every score of `visits` overall, per unit and per service.
fn breakdown(visits: &[Interaction]) -> Breakdown<Scorecard> {
    let mut card = Breakdown::new(Scorecard::new(data::standards()));
    card.push_all(visits).expect("push");
    card
}

fn full_report(c: &mut Criterion, visits: &[Interaction]) {
    let mut g = group(c, "full_report_1m", visits.len() as u64);
    g.bench_function("baseline_scan", |b| b.iter(|| black_box(scan(visits))));
    g.bench_function("scorecard_push", |b| {
        b.iter(|| black_box(breakdown(visits)))
    });
    g.bench_function("scorecard_push_and_report", |b| {
        b.iter(|| black_box(breakdown(visits).report().expect("report")))
    });
    g.finish();
}

fn merge(c: &mut Criterion, visits: &[Interaction]) {
    let parts = 1_000;
    let size = visits.len() / parts;
    let skm_rows: Vec<Vec<SkmAnswers>> = visits
        .chunks(size)
        .map(|chunk| chunk.iter().filter_map(|v| v.skm().cloned()).collect())
        .collect();
    let instrument = Instrument::permenpanrb_14_2017();
    let skm_parts: Vec<SkmTally> = skm_rows
        .iter()
        .map(|rows| {
            let mut t = SkmTally::new(instrument.clone());
            rows.iter().for_each(|a| t.push_answers(a).expect("push"));
            t
        })
        .collect();
    let cards: Vec<Breakdown<Scorecard>> = visits.chunks(size).map(breakdown).collect();
    let mut g = group(c, "merge_1000_partials", parts as u64);
    g.bench_function("baseline_scan_of_the_1m_visits", |b| {
        b.iter(|| black_box(scan(visits)))
    });
    g.bench_function("skm_tallies", |b| {
        b.iter(|| {
            let mut total = SkmTally::new(instrument.clone());
            skm_parts
                .iter()
                .for_each(|p| total.merge(p).expect("merge"));
            black_box(total)
        })
    });
    g.bench_function("scorecards", |b| {
        b.iter(|| {
            let mut total = Breakdown::new(Scorecard::new(data::standards()));
            cards.iter().for_each(|p| total.merge(p).expect("merge"));
            black_box(total)
        })
    });
    g.finish();
}

fn csv_report(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data/interactions_1m.csv");
    data::ensure_csv(&path, N).expect("write the benchmark CSV");
    let mut g = group(c, "csv_report_1m", N as u64);
    g.measurement_time(Duration::from_secs(15));
    g.bench_function("baseline_csv_scan", |b| {
        b.iter(|| {
            let mut reader = csv::Reader::from_path(&path).expect("open");
            let mut record = csv::ByteRecord::new();
            let mut sum = 0u64;
            while reader.read_byte_record(&mut record).expect("read") {
                sum += record.iter().map(|f| f.len() as u64).sum::<u64>();
            }
            black_box(sum)
        })
    });
    g.bench_function("csv_rows_to_report", |b| {
        b.iter(|| {
            black_box(
                data::score_csv_rows(&path)
                    .expect("score")
                    .report()
                    .expect("report"),
            )
        })
    });
    let threads = std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN);
    g.bench_function("csv_columns_threads_to_report", |b| {
        b.iter(|| {
            black_box(
                data::score_csv_threads(&path, threads)
                    .expect("score")
                    .report_threads(&Default::default(), threads)
                    .expect("report"),
            )
        })
    });
    g.bench_function("csv_columns_to_report", |b| {
        b.iter(|| {
            black_box(
                data::score_csv(&path)
                    .expect("score")
                    .report()
                    .expect("report"),
            )
        })
    });
    g.finish();
}

/// The full report on the columnar path against a scan of the same columns.
fn columns_report(c: &mut Criterion) {
    let (names, batch) = data::columns(&data::rows(N));
    let mut g = group(c, "columns_report_1m", N as u64);
    g.bench_function("baseline_scan", |b| {
        b.iter(|| black_box(data::scan_columns(&batch)))
    });
    g.bench_function("cells_push", |b| {
        b.iter(|| black_box(data::score_columns(&names, &batch)))
    });
    g.bench_function("cells_push_and_report", |b| {
        b.iter(|| {
            black_box(
                data::score_columns(&names, &batch)
                    .report()
                    .expect("report"),
            )
        })
    });
    g.finish();
}

/// Sequential against parallel scoring of the same visits (feature `rayon`).
#[cfg(feature = "rayon")]
fn parallel(c: &mut Criterion, visits: &[Interaction]) {
    let mut g = group(c, "parallel_1m", visits.len() as u64);
    g.bench_function("baseline_scan", |b| b.iter(|| black_box(scan(visits))));
    g.bench_function("scorecard_sequential", |b| {
        b.iter(|| black_box(breakdown(visits)))
    });
    g.bench_function("scorecard_par_tally", |b| {
        b.iter(|| {
            let empty = Breakdown::new(Scorecard::new(data::standards()));
            black_box(layanan::par_tally(empty, visits).expect("score"))
        })
    });
    g.finish();
}

fn visit_groups(c: &mut Criterion) {
    let visits = data::interactions(&data::rows(N));
    speed_cost(c, &visits);
    full_report(c, &visits);
    merge(c, &visits);
    #[cfg(feature = "rayon")]
    parallel(c, &visits);
}

criterion_group!(benches, skm, visit_groups, columns_report, csv_report);
criterion_main!(benches);
