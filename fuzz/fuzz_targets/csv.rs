//! The library's CSV readers (`layanan::read`) fed arbitrary bytes.
//!
//! The first byte selects the reader and its options (the instrument, a calendar for local
//! times, the empathy scale); the rest is the file. What must hold:
//! - a reader returns records or errors, never panics;
//! - every error is an `Error::InFile` naming the file and a line of it;
//! - what was read goes into the tallies, which accept it (a time read without a calendar
//!   may still lack a local date on the tallies' calendar: the one error allowed then);
//! - the finished reports are `Ok` or a typed `Err`, in range and consistent when `Ok`.

#![no_main]

use layanan::prelude::*;
use layanan::read::{
    ComplaintReader, HolidayReader, InteractionReader, ReadOptions, SkmReader, StandardReader,
};
use layanan::{
    Breakdown, ByPeriod, Calendar, ComplaintTally, ComplaintTargets, Completion, Date, Error,
    Granularity, Grouped, Instrument, Interaction, Money, RatingScale, Scorecard, SkmTally,
    Standards, Timestamp,
};
use layanan_fuzz::{
    check_breakdown, check_complaints, check_grouped, check_scorecard, check_scorecard_agree,
    check_skm,
};
use libfuzzer_sys::fuzz_target;

const FILE: &str = "fuzz.csv";

/// What the selector byte chooses besides the reader.
struct Selected {
    options: ReadOptions,
    /// Whether local times are read on the tallies' calendar (WIB).
    calendar: bool,
}

fn selected(selector: u8) -> Selected {
    let calendar = selector & 0x40 != 0;
    let mut options = ReadOptions::new().with_file_name(FILE);
    if selector & 0x80 != 0 {
        options = options.with_instrument(Instrument::kepmenpan_25_2004());
    }
    if calendar {
        options = options.with_calendar(Calendar::wib());
    }
    if selector & 0x20 != 0 {
        options = options.with_empathy_scale(RatingScale::new(1, 7).expect("1–7 is a scale"));
    }
    Selected { options, calendar }
}

/// Line breaks as the readers count them: each `\n`, and each `\r` not followed by one.
fn lines(text: &[u8]) -> u64 {
    let lone_cr = text
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(text.last() == Some(&b'\r'));
    (text.iter().filter(|&&b| b == b'\n').count() + lone_cr) as u64 + 1
}

/// An error must say where: this file, one of its lines.
fn check_error(e: &Error, text: &[u8]) {
    let Error::InFile {
        file,
        line,
        column,
        source,
        ..
    } = e
    else {
        panic!("an error that names no line: {e}");
    };
    assert_eq!(file, FILE, "{e}");
    assert!(
        (1..=lines(text)).contains(line),
        "line {line} of a file of {} lines: {e}",
        lines(text)
    );
    assert!(column.is_none_or(|c| c >= 1), "column 0: {e}");
    assert!(!matches!(**source, Error::InFile { .. }), "nested: {e}");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("{FILE}, line {line}")),
        "error shown as {shown}"
    );
}

/// The records a reader gives, every error checked.
fn records<T>(
    text: &[u8],
    reader: Result<impl Iterator<Item = layanan::Result<T>>, Error>,
) -> Vec<T> {
    match reader {
        Err(e) => {
            check_error(&e, text);
            Vec::new()
        }
        Ok(reader) => reader
            .filter_map(|r| r.inspect_err(|e| check_error(e, text)).ok())
            .collect(),
    }
}

/// A push that must succeed, except that a time read without a calendar may have no local
/// date on the tallies' calendar.
fn pushed(result: layanan::Result<()>, calendar: bool) {
    match result {
        Ok(()) => {}
        Err(Error::TimeOutOfRange { .. }) if !calendar => {}
        Err(e) => panic!("a record read does not count: {e}"),
    }
}

fn skm(text: &[u8], s: &Selected) {
    let responses = records(text, SkmReader::new(text, &s.options));
    let instrument = s.options.instrument().clone();
    let mut breakdown = Breakdown::new(SkmTally::new(instrument.clone()));
    let month = ByPeriod::new(Calendar::wib(), Granularity::Month);
    let mut by_month = Grouped::new(month, SkmTally::new(instrument));
    for r in &responses {
        // The reader validated the answers for this instrument; service and unit are given.
        breakdown.push(r).expect("a questionnaire read counts");
        match by_month.push(r) {
            Err(Error::Missing { .. }) => assert!(r.submitted_at().is_none()),
            other => pushed(other, s.calendar),
        }
    }
    let total = breakdown.overall().expect("few questionnaires");
    assert_eq!(
        total.responses() + total.blank_questionnaires(),
        responses.len() as u64
    );
    if let Ok(r) = breakdown.report() {
        check_breakdown(&r, check_skm, |r| r.respondents);
    }
    if let Ok(r) = by_month.report() {
        check_grouped(&r, check_skm);
    }
}

fn standards(text: &[u8], s: &Selected) {
    let standards: Standards = records(text, StandardReader::new(text, &s.options))
        .into_iter()
        .collect();
    let with_completion = standards
        .iter()
        .filter(|s| s.completion().is_some())
        .count();
    // One visit per service, finished on arrival.
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
    let mut card = Scorecard::new(standards);
    card.push_all(&visits).expect("the visits count");
    if let Ok(r) = card.report() {
        check_scorecard(&r);
        check_scorecard_agree(&r);
        let speed = r.speed.expect("visits were counted");
        assert_eq!(
            (speed.on_time, speed.late),
            (with_completion as u64, 0),
            "visits finished on arrival are on time"
        );
    }
}

/// The sample city's standards, for judging the visits read.
fn sample_standards() -> Standards {
    let text = include_bytes!("../../examples/data/standards.csv");
    StandardReader::new(&text[..], &ReadOptions::new())
        .and_then(|r| r.collect())
        .expect("the sample standards read")
}

fn interactions(text: &[u8], s: &Selected) {
    let visits = records(text, InteractionReader::new(text, &s.options));
    let card = Scorecard::with_settings(
        sample_standards(),
        s.options.instrument().clone(),
        s.options.empathy_scale(),
    );
    let mut breakdown = Breakdown::new(card);
    for v in &visits {
        // Ratings on the reader's scale, answers of its instrument: only a time may be refused.
        pushed(breakdown.push(v), s.calendar);
    }
    if let Ok(r) = breakdown.report() {
        check_breakdown(
            &r,
            |r| {
                check_scorecard(r);
                check_scorecard_agree(r);
            },
            |r| r.visits,
        );
    }
}

fn complaints(text: &[u8], s: &Selected) {
    let complaints = records(text, ComplaintReader::new(text, &s.options));
    let mut targets = ComplaintTargets::default();
    for (category, days) in [("ringan", 5), ("sedang", 14), ("berat", 60)] {
        targets = targets
            .with_category(category, Completion::WorkingDays(days))
            .expect("a category");
    }
    let mut tally = ComplaintTally::new(targets, Calendar::wib());
    for c in &complaints {
        pushed(tally.push(c), s.calendar);
    }
    if let Ok(report) = tally.report() {
        check_complaints(&report);
        if s.calendar {
            assert_eq!(report.filed, complaints.len() as u64);
        }
    }
}

fn holidays(text: &[u8], s: &Selected) {
    let dates = records(text, HolidayReader::new(text, &s.options));
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

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let s = selected(selector);
    match selector % 5 {
        0 => skm(text, &s),
        1 => standards(text, &s),
        2 => interactions(text, &s),
        3 => complaints(text, &s),
        _ => holidays(text, &s),
    }
});
