//! Which units differ from the rest? Each unit's IKM against the other units' questionnaires
//! together, with Holm-adjusted p-values, a verdict at 5 %, and a ranking that does not reward a
//! unit for having few respondents.
//!
//! ```text
//! cargo run --example compare_units
//! ```

use layanan::prelude::*;
use layanan::{
    ByUnit, CompareOptions, GroupTally, Grouped, Instrument, SkmAnswers, SkmResponse, SkmTally,
    compare_groups,
};

/// Questionnaires from `unit`: `n` respondents whose mood (answers 1–4) averages about `mood`.
fn respondents(
    skm: &Instrument,
    unit: &str,
    n: u64,
    mood: f64,
    seed: &mut u64,
) -> layanan::Result<Vec<SkmResponse>> {
    let mut uniform = move || {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let own = mood + (uniform() - 0.5);
            let row: Vec<Option<i64>> = (0..9)
                .map(|_| Some((own + uniform() - 0.5).round().clamp(1.0, 4.0) as i64))
                .collect();
            SkmResponse::new(SkmAnswers::from_values(skm, &row)?).with_unit(unit)
        })
        .collect()
}

fn main() -> layanan::Result<()> {
    let skm = Instrument::permenpanrb_14_2017();
    let mut seed = 14_u64;
    let mut by_unit = Grouped::new(ByUnit, SkmTally::new(skm.clone()));
    for (unit, n, mood) in [
        ("disdukcapil", 200, 3.45),
        ("dpmptsp", 90, 3.25),
        ("kel-cibeureum", 85, 3.15),
        ("kel-mekarsari", 80, 2.85), // the one that needs attention
        ("kel-sukamaju", 85, 3.25),
        ("kel-tanjung", 6, 3.9), // splendid, on six questionnaires
        ("puskesmas-kota", 150, 3.2),
    ] {
        by_unit.push_all(&respondents(&skm, unit, n, mood, &mut seed)?)?;
    }

    let groups = by_unit
        .into_map()
        .into_iter()
        .map(|(unit, tally)| (unit, GroupTally::ikm(tally)));
    let comparison = compare_groups(groups, CompareOptions::default())?;
    println!("{comparison}");
    Ok(())
}
