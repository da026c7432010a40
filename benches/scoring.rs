//! Scoring benchmarks; each group carries a plain-scan baseline over the same data.
//! Run with `cargo bench` (see BENCHMARKS.md).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use layanan::{Instrument, SkmAnswers, SkmTally};

/// Deterministic questionnaires: answers 1–4 from a small linear congruential stream.
fn questionnaires(n: usize) -> (Instrument, Vec<SkmAnswers>) {
    let instrument = Instrument::permenpanrb_14_2017();
    let mut state: u64 = 0x2025;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % 4 + 1
    };
    let rows = (0..n)
        .map(|_| {
            let row: Vec<Option<i64>> = (0..9).map(|_| Some(next() as i64)).collect();
            SkmAnswers::from_values(&instrument, &row).expect("valid answers")
        })
        .collect();
    (instrument, rows)
}

fn skm(c: &mut Criterion) {
    let (instrument, rows) = questionnaires(100_000);
    let mut group = c.benchmark_group("skm_tally_100k");
    group.bench_function("baseline_scan", |b| {
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
    group.bench_function("tally", |b| {
        b.iter(|| {
            let mut tally = SkmTally::new(instrument.clone());
            for answers in &rows {
                tally.push_answers(answers).expect("push");
            }
            black_box(tally)
        })
    });
    group.finish();
}

criterion_group!(benches, skm);
criterion_main!(benches);
