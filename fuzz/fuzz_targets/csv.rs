//! The report example's CSV readers fed arbitrary bytes.
//!
//! The first byte selects the reader (and, for the readers that take one, the instrument); the
//! rest is the file. What must hold:
//! - a reader returns the records or an error, never panics;
//! - an error names its line (every error of these readers concerns the header or a row);
//! - what was read goes into the tallies, and the finished reports are `Ok` or a typed `Err`,
//!   with every score finite and in its range.

#![no_main]

#[path = "../../examples/report/input.rs"]
mod input;

use layanan::{
    Calendar, ComplaintTally, Completion, Date, Instrument, Interaction, Money, RatingScale,
    Scorecard, SkmTally, Standards, Timestamp,
};
use layanan_fuzz::{check_complaints, check_scorecard, check_skm};
use libfuzzer_sys::fuzz_target;

const FILE: &str = "fuzz.csv";

/// The sample city's standards, for scoring the visits read.
fn sample_standards() -> Standards {
    input::read_standards(
        "standards.csv",
        include_bytes!("../../examples/data/standards.csv"),
    )
    .expect("the sample standards read")
}

/// An error must say where: the header (line 1) or the row.
fn check_error(e: &input::InputError) {
    let text = e.to_string();
    assert!(
        text.starts_with(FILE),
        "error does not name the file: {text}"
    );
    assert!(
        text.contains(", line "),
        "error does not name the line: {text}"
    );
}

fn instrument(selector: u8) -> Instrument {
    if selector & 0x80 == 0 {
        Instrument::permenpanrb_14_2017()
    } else {
        Instrument::kepmenpan_25_2004()
    }
}

fn skm(text: &[u8], instrument: Instrument) {
    match input::read_skm(FILE, text, &instrument) {
        Err(e) => check_error(&e),
        Ok(responses) => {
            let mut tally = SkmTally::new(instrument);
            for r in &responses {
                // The reader validated the answers against this instrument.
                tally
                    .push(r)
                    .expect("answers read for this instrument push");
            }
            assert_eq!(tally.responses(), responses.len() as u64);
            if let Ok(report) = tally.report() {
                check_skm(&report);
            }
        }
    }
}

fn standards(text: &[u8]) {
    match input::read_standards(FILE, text) {
        Err(e) => check_error(&e),
        Ok(standards) => {
            // One on-time, free visit per service read.
            let at = Timestamp::from_unix_millis(1_741_050_000_000);
            let visits: Vec<Interaction> = standards
                .iter()
                .map(|s| {
                    Interaction::builder(s.service(), "unit", at)
                        .finished_at(at)
                        .paid(Money::ZERO)
                        .build()
                        .expect("a standard's service name is a valid service")
                })
                .collect();
            let card = Scorecard::score(&visits, standards).expect("the visits score");
            assert!(
                card.unknown_services().is_empty(),
                "every service has its standard"
            );
            if let Ok(report) = card.report() {
                check_scorecard(&report);
            }
        }
    }
}

fn interactions(text: &[u8], instrument: Instrument) {
    let scale = RatingScale::new(1, 5).expect("1–5 is a scale");
    let standards = sample_standards();
    match input::read_interactions(FILE, text, &instrument, scale, standards.calendar()) {
        Err(e) => check_error(&e),
        Ok(visits) => {
            let mut card = Scorecard::with_instrument(standards, instrument);
            for v in &visits {
                // The reader refused times without a local date on this calendar, so the
                // working days of every visit read can be counted.
                if let Err(e) = card.push(v) {
                    panic!("a visit read does not score: {e}");
                }
            }
            if let Ok(report) = card.report() {
                check_scorecard(&report);
            }
        }
    }
}

fn complaints(text: &[u8]) {
    let calendar = Calendar::wib();
    match input::read_complaints(FILE, text, &calendar) {
        Err(e) => check_error(&e),
        Ok(complaints) => {
            let mut tally = ComplaintTally::new(Completion::WorkingDays(5), calendar);
            for c in &complaints {
                // As for visits: the reader checked the times on this calendar.
                if let Err(e) = tally.push(c) {
                    panic!("a complaint read does not count: {e}");
                }
            }
            if let Ok(report) = tally.report() {
                assert_eq!(report.filed, complaints.len() as u64);
                check_complaints(&report);
            }
        }
    }
}

fn holidays(text: &[u8]) {
    match input::read_holidays(FILE, text) {
        Err(e) => check_error(&e),
        Ok(dates) => {
            let calendar = Calendar::wib().with_holidays(dates.iter().copied());
            // 2025-01-01 00:00 WIB to four weeks later: the working days are 2 to 29 January,
            // 20 weekdays less the distinct holidays among them that fall on a weekday.
            let from = Timestamp::from_unix_millis(1_735_664_400_000);
            let to = Timestamp::from_unix_millis(1_735_664_400_000 + 28 * 86_400_000);
            let days = calendar
                .working_days_between(from, to)
                .expect("2025 is in range");
            let first = Date::new(2025, 1, 2).expect("a date").days_since_epoch();
            let last = first + 27;
            let mut off: Vec<Date> = dates
                .into_iter()
                .filter(|d| (first..=last).contains(&d.days_since_epoch()))
                .filter(|d| !calendar.is_weekend(d.weekday()))
                .collect();
            off.sort();
            off.dedup();
            assert_eq!(
                u64::from(days),
                20 - off.len() as u64,
                "working days in four weeks with holidays {off:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    match selector % 5 {
        0 => skm(text, instrument(selector)),
        1 => standards(text),
        2 => interactions(text, instrument(selector)),
        3 => complaints(text),
        _ => holidays(text),
    }
});
