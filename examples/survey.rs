//! Score an SKM survey: the official results table, the printout an agency would publish
//! (weights of 0.111), and whether the sample was large enough for the population served.
//!
//! ```text
//! cargo run --example survey
//! ```

use layanan::prelude::*;
use layanan::{Compatibility, Instrument, SkmAnswers, SkmOptions, SkmTally, Weight};

/// 150 questionnaires made up deterministically: each respondent has an overall mood (2–4) that
/// their answers follow, give or take one, with a few answers left blank.
fn questionnaires(skm: &Instrument) -> layanan::Result<Vec<SkmAnswers>> {
    let mut seed = 2017_u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    (0..150)
        .map(|_| {
            let mood = 2 + next(3).max(next(3)) as i64;
            let row: Vec<Option<i64>> = (0..9)
                .map(|_| match next(40) {
                    0 => None, // left blank
                    1..=5 => Some((mood - 1).max(1)),
                    6..=9 => Some((mood + 1).min(4)),
                    _ => Some(mood.min(4)),
                })
                .collect();
            SkmAnswers::from_values(skm, &row)
        })
        .collect()
}

fn main() -> layanan::Result<()> {
    let skm = Instrument::permenpanrb_14_2017();
    let mut tally = SkmTally::new(skm.clone());
    for answers in questionnaires(&skm)? {
        tally.push_answers(&answers)?;
    }

    // The office serves about 2,000 people a year: the interval accounts for sampling 150 of
    // them, and the report says whether 150 reaches the Krejcie–Morgan size.
    let printed = Compatibility::printed_weight(Weight::new(111, 1000)?);
    let options = SkmOptions::default()
        .with_population(2_000)
        .with_printed(printed);
    let report = tally.report_with(&options)?;
    println!("{report}");

    if let Some(printed) = &report.printed {
        println!(
            "A printout weighting by 0.111 would show IKM {:.2} ({}); the regulation's exact value is {:.2} ({}).",
            printed.ikm_rounded, printed.mutu, report.ikm_rounded, report.mutu
        );
    }
    if let Some(sample) = &report.sample {
        println!(
            "Sample: {} respondents of {} required for a population of {} — {}.",
            sample.respondents,
            sample.required,
            sample.population,
            if sample.met { "enough" } else { "too few" }
        );
    }
    Ok(())
}
