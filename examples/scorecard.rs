//! Every score of a set of visits — fast, cheap, pleasant, promises kept, NPS — overall and per
//! unit, against each service's published standard.
//!
//! ```text
//! cargo run --example scorecard
//! ```

use layanan::prelude::*;
use layanan::{
    Breakdown, Calendar, Completion, Date, Interaction, Money, RatingScale, Scorecard,
    ScorecardOptions, ServiceStandard, Standards, Tariff, TimeSpan, Timestamp,
};

/// Minutes after `start`.
fn after(start: Timestamp, minutes: i64) -> Timestamp {
    Timestamp::from_unix_millis(start.unix_millis() + minutes * 60_000)
}

fn main() -> layanan::Result<()> {
    // What each service promises: how fast, and for how much.
    let calendar = Calendar::wib().with_holidays([Date::new(2025, 8, 18)?]);
    let mut standards = Standards::new().with_calendar(calendar);
    standards.insert(
        ServiceStandard::new("ktp-el", Tariff::FREE)?
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(20)),
    );
    standards.insert(
        ServiceStandard::new(
            "izin-usaha",
            Tariff::Assessed {
                ceiling: Some(Money::new(500_000)),
            },
        )?
        .with_completion(Completion::WorkingDays(5)),
    );

    // Two offices, a fortnight of visits each: kel-b is slower on one visit in three, and
    // sometimes asks for more than it should.
    let scale = RatingScale::FIVE_POINT;
    let mut visits = Vec::new();
    let first_day: Timestamp = "2025-08-04T08:00:00+07:00".parse()?;
    for day in 0..12_i64 {
        for unit in ["kel-a", "kel-b"] {
            for slot in 0..8_i64 {
                let slow = unit == "kel-b" && slot % 3 == 0;
                let greedy = unit == "kel-b" && (day + slot) % 7 == 0;
                let arrived = after(first_day, day * 24 * 60 + slot * 50);
                let started = after(arrived, if slow { 35 } else { 10 });
                let visit = if slot == 7 {
                    // A business licence: assessed fee, finished days later.
                    let assessed = Money::new(250_000);
                    Interaction::builder("izin-usaha", unit, arrived)
                        .started_at(started)
                        .official_fee(assessed)
                        .paid(Money::new(if greedy { 300_000 } else { 250_000 }))
                        .finished_at(after(arrived, (if slow { 9 } else { 2 }) * 24 * 60))
                } else {
                    Interaction::builder("ktp-el", unit, arrived)
                        .started_at(started)
                        .paid(Money::new(if greedy { 50_000 } else { 0 }))
                        .finished_at(after(started, if slow { 80 } else { 30 }))
                };
                let rating = if slow || greedy { 2 } else { 4 + slot % 2 };
                visits.push(
                    visit
                        .empathy(scale.rating(rating)?)
                        .recommend(if slow || greedy { 4 } else { 9 })
                        .build()?,
                );
            }
        }
    }
    // A visit that arrived half an hour before the latest time in the data and is still open:
    // pending (its hour has not run out), not late.
    let latest = visits
        .iter()
        .filter_map(Interaction::finished_at)
        .max()
        .unwrap_or(first_day);
    visits.push(Interaction::builder("ktp-el", "kel-a", after(latest, -30)).build()?);

    let mut card = Breakdown::new(Scorecard::new(standards));
    card.push_all(&visits)?;
    // Open visits are judged as of the latest time in the data, unless a time is given here.
    let report = card.report_with(&ScorecardOptions::default())?;

    if let Some(overall) = &report.overall {
        println!("== All offices ==\n{overall}");
    }
    for (unit, scores) in &report.by_unit {
        if let Some(scores) = scores {
            println!("== {unit} ==\n{scores}");
        }
    }
    Ok(())
}
