//! The IKM month by month: each month's index with its interval, the change from the month
//! before and whether it is significant, and the trend over the year (Mann–Kendall with Sen's
//! slope).
//!
//! ```text
//! cargo run --example trend
//! ```

use layanan::prelude::*;
use layanan::{
    ByPeriod, Calendar, Granularity, GroupTally, Grouped, Instrument, Level, SkmAnswers,
    SkmResponse, SkmTally, compare_periods,
};

fn main() -> layanan::Result<()> {
    let skm = Instrument::permenpanrb_14_2017();
    let calendar = Calendar::wib();
    let mut seed = 2025_u64;
    let mut uniform = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };

    // An office that improves through the year: about 60 questionnaires a month, their mood
    // rising from 2.9 to 3.3 on the 1–4 scale.
    let by_month = ByPeriod::new(calendar.clone(), Granularity::Month);
    let mut months = Grouped::new(by_month, SkmTally::new(skm.clone()));
    for month in 1..=12_u8 {
        let mood = 2.9 + 0.4 * f64::from(month - 1) / 11.0;
        for day in 0..60_u8 {
            let local = format!("2025-{month:02}-{:02} 09:{:02}", 1 + day % 28, day);
            let submitted = calendar.parse_time(&local)?;
            let own = mood + (uniform() - 0.5);
            let row: Vec<Option<i64>> = (0..9)
                .map(|_| Some((own + uniform() - 0.5).round().clamp(1.0, 4.0) as i64))
                .collect();
            let response = SkmResponse::new(SkmAnswers::from_values(&skm, &row)?)
                .with_unit("kel-sukamaju")?
                .with_submitted_at(submitted);
            months.push(&response)?;
        }
    }

    let series = months
        .into_map()
        .into_iter()
        .map(|(month, tally)| (month.to_string(), GroupTally::ikm(tally)));
    let trend = compare_periods(series, Level::default())?;
    println!("{trend}");
    Ok(())
}
