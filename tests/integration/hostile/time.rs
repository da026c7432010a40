//! Time inputs: timestamps, dates, spans, calendars, and the order of a visit's instants.

use super::{in_range, rejects, rejects_saying};
use crate::support::at;
use layanan::prelude::*;
use layanan::{
    Calendar, Complaint, Completion, Date, Error, Granularity, Interaction, Money, ServiceStandard,
    SpeedTally, Standards, TimeSpan, Timestamp,
};

fn visit(arrived: Timestamp) -> layanan::InteractionBuilder {
    Interaction::builder("ktp-el", "kel-sukamaju", arrived)
}

#[test]
fn instants_out_of_order() {
    let arrived = at("2025-03-04T08:15:00+07:00");
    let started = at("2025-03-04T08:14:59.999+07:00");
    rejects_saying(
        "T01: started a millisecond before arriving",
        visit(arrived).started_at(started).build(),
        Error::StartedBeforeArrived { arrived, started },
        "started_at 2025-03-04T01:14:59.999Z is before arrived_at 2025-03-04T01:15:00Z",
    );
    let started = at("2025-03-04T08:32:00+07:00");
    let finished = at("2025-03-04T08:20:00+07:00");
    rejects_saying(
        "T02: finished before started",
        visit(arrived)
            .started_at(started)
            .finished_at(finished)
            .build(),
        Error::FinishedBeforeStarted { started, finished },
        "finished_at 2025-03-04T01:20:00Z is before started_at 2025-03-04T01:32:00Z",
    );
    let finished = at("2025-03-04T08:00:00+07:00");
    rejects_saying(
        "T03: finished before arriving, no start recorded",
        visit(arrived).finished_at(finished).build(),
        Error::FinishedBeforeStarted {
            started: arrived,
            finished,
        },
        "finished_at 2025-03-04T01:00:00Z is before started_at 2025-03-04T01:15:00Z",
    );
    // Both orders are wrong; the first check wins.
    let started = at("2025-03-04T08:10:00+07:00");
    rejects(
        "T04: started before arriving and finished before starting",
        visit(arrived)
            .started_at(started)
            .finished_at(at("2025-03-04T08:05:00+07:00"))
            .build(),
        Error::StartedBeforeArrived { arrived, started },
    );
    let filed = at("2025-03-04T09:00:00+07:00");
    let early = at("2025-03-04T08:59:59+07:00");
    let complaint = Complaint::filed("kel-sukamaju", filed).unwrap();
    let label = "T05: a complaint answered or resolved before it was filed";
    let expected = Error::FinishedBeforeStarted {
        started: filed,
        finished: early,
    };
    rejects(
        label,
        complaint.clone().first_response_at(early),
        expected.clone(),
    );
    rejects(label, complaint.resolved_at(early), expected);
}

#[test]
fn working_days_backwards() {
    let from = at("2025-08-20T09:00:00+07:00");
    let to = at("2025-08-15T10:00:00+07:00");
    for cal in [Calendar::wib(), Calendar::wita(), Calendar::wit()] {
        rejects_saying(
            "T06: working days counted backwards",
            cal.working_days_between(from, to),
            Error::FinishedBeforeStarted {
                started: from,
                finished: to,
            },
            "finished_at 2025-08-15T03:00:00Z is before started_at 2025-08-20T02:00:00Z",
        );
    }
    // One millisecond earlier is already reversed, even on the same local day.
    let a = at("2025-08-20T09:00:00.001+07:00");
    let b = at("2025-08-20T09:00:00+07:00");
    rejects(
        "T07: working days counted one millisecond backwards",
        Calendar::wib().working_days_between(a, b),
        Error::FinishedBeforeStarted {
            started: a,
            finished: b,
        },
    );
}

#[test]
fn timestamps_at_the_i64_limits() {
    for (label, seconds) in [
        ("T08: i64::MAX Unix seconds", i64::MAX),
        ("T09: i64::MIN Unix seconds", i64::MIN),
        (
            "T10: one second past the last millisecond",
            i64::MAX / 1000 + 1,
        ),
    ] {
        rejects_saying(
            label,
            Timestamp::from_unix_seconds(seconds),
            Error::TimeOutOfRange {
                field: "unix seconds".into(),
                value: seconds.to_string(),
            },
            &format!("unix seconds is out of the supported time range: {seconds}"),
        );
    }
    assert!(Timestamp::from_unix_seconds(i64::MAX / 1000).is_ok());

    let end = Timestamp::from_unix_millis(i64::MAX);
    let label = "T11: the last millisecond on a wall clock";
    // East of UTC, shifting to the wall clock overflows the milliseconds.
    rejects_saying(
        label,
        Calendar::wib().local_date(end),
        Error::TimeOutOfRange {
            field: "local time".into(),
            value: "9223372036854775807".into(),
        },
        "local time is out of the supported time range: 9223372036854775807",
    );
    // At UTC the shift fits but the year does not.
    rejects_saying(
        label,
        Calendar::new(0).unwrap().local_date(end),
        Error::TimeOutOfRange {
            field: "local date".into(),
            value: "+292278994-08-17T07:12:55.807Z".into(),
        },
        "local date is out of the supported time range: +292278994-08-17T07:12:55.807Z",
    );
    // West of UTC at the other end.
    rejects(
        "T12: the first millisecond on a wall clock west of UTC",
        Calendar::new(-60)
            .unwrap()
            .local_date(Timestamp::from_unix_millis(i64::MIN)),
        Error::TimeOutOfRange {
            field: "local time".into(),
            value: "-9223372036854775808".into(),
        },
    );
    // A visit from the first to the last millisecond is a valid visit (its turnaround fits a
    // u64), but its working days cannot be counted.
    let first = Timestamp::from_unix_millis(i64::MIN);
    let whole = visit(first).finished_at(end).build().unwrap();
    let days: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)
        .unwrap()
        .with_completion(Completion::WorkingDays(14))]
    .into_iter()
    .collect();
    let mut tally = SpeedTally::new(days);
    rejects(
        "T13: a visit from the first to the last millisecond, judged in working days",
        tally.push(&whole),
        Error::TimeOutOfRange {
            field: "local date".into(),
            value: "-292275055-05-16T16:47:04.192Z".into(),
        },
    );
    assert_eq!(
        tally.visits(),
        0,
        "a visit that cannot be judged is not counted"
    );
    // Judged in minutes it is simply late: a score of 0, not NaN.
    let label = "T14: a visit from the first to the last millisecond, judged in minutes";
    let minutes: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(60)))]
    .into_iter()
    .collect();
    let mut tally = SpeedTally::new(minutes);
    tally.push(&whole).unwrap();
    let on_time = tally.report().unwrap().on_time_share;
    in_range(label, on_time.expect("judged").rate(), 0.0..=0.0);
}

#[test]
fn dates_outside_0000_to_9999() {
    let before = at("0000-01-01T00:00:00Z");
    assert_eq!(
        Calendar::new(0).unwrap().local_date(before).unwrap(),
        Date::new(0, 1, 1).unwrap()
    );
    rejects_saying(
        "T15: local time just before year 0000",
        Calendar::new(-60).unwrap().local_date(before),
        Error::TimeOutOfRange {
            field: "local date".into(),
            value: "0000-01-01T00:00:00Z".into(),
        },
        "local date is out of the supported time range: 0000-01-01T00:00:00Z",
    );
    let last = at("9999-12-31T23:00:00Z");
    let after = Error::TimeOutOfRange {
        field: "local date".into(),
        value: "9999-12-31T23:00:00Z".into(),
    };
    let label = "T16: local time just after 9999-12-31";
    rejects(
        label,
        Calendar::wib().period(last, Granularity::Year),
        after.clone(),
    );
    rejects(
        label,
        Calendar::wib().working_days_between(at("2025-01-01T00:00:00Z"), last),
        after,
    );
    let out_of_range = |field: &str, value: i64, min: i64, max: i64| Error::OutOfRange {
        field: field.into(),
        value,
        min,
        max,
    };
    for (label, result, expected, message) in [
        (
            "T17: year 10000",
            Date::new(10_000, 1, 1),
            out_of_range("year", 10_000, 0, 9999),
            "year must be between 0 and 9999, got 10000",
        ),
        (
            "T18: year -1",
            Date::new(-1, 1, 1),
            out_of_range("year", -1, 0, 9999),
            "year must be between 0 and 9999, got -1",
        ),
        (
            "T19: month 13",
            Date::new(2025, 13, 1),
            out_of_range("month", 13, 1, 12),
            "month must be between 1 and 12, got 13",
        ),
        (
            "T20: month 0",
            Date::new(2025, 0, 1),
            out_of_range("month", 0, 1, 12),
            "month must be between 1 and 12, got 0",
        ),
        (
            "T21: 29 February of a common year",
            Date::new(2025, 2, 29),
            out_of_range("day", 29, 1, 28),
            "day must be between 1 and 28, got 29",
        ),
        (
            "T22: day 0",
            Date::new(2025, 4, 0),
            out_of_range("day", 0, 1, 30),
            "day must be between 1 and 30, got 0",
        ),
        // A well-formed date string with an impossible month or day is out of range, not
        // unparsable.
        (
            "T23: the text 2025-13-01",
            "2025-13-01".parse::<Date>(),
            out_of_range("month", 13, 1, 12),
            "month must be between 1 and 12, got 13",
        ),
        (
            "T24: the text 2025-02-30",
            "2025-02-30".parse::<Date>(),
            out_of_range("day", 30, 1, 28),
            "day must be between 1 and 28, got 30",
        ),
    ] {
        rejects_saying(label, result, expected, message);
    }
}

#[test]
fn calendars_offset_beyond_18_hours() {
    for (label, value) in [
        ("T25: UTC offset +18:01", 18 * 60 + 1),
        ("T26: UTC offset -18:01", -(18 * 60) - 1),
        ("T27: UTC offset i32::MAX minutes", i32::MAX),
        ("T28: UTC offset i32::MIN minutes", i32::MIN),
    ] {
        rejects_saying(
            label,
            Calendar::new(value),
            Error::OutOfRange {
                field: "utc offset minutes".into(),
                value: value.into(),
                min: -1080,
                max: 1080,
            },
            &format!("utc offset minutes must be between -1080 and 1080, got {value}"),
        );
    }
    // The limits themselves are accepted.
    assert_eq!(Calendar::new(1080).unwrap().offset_minutes(), 1080);
    assert_eq!(Calendar::new(-1080).unwrap().offset_minutes(), -1080);
}

#[test]
fn texts_that_are_not_times_or_spans() {
    let rfc3339 = "an RFC 3339 timestamp such as 2025-03-04T08:15:00+07:00";
    for (label, text) in [
        ("T29: timestamp with month 13", "2025-13-01T00:00:00Z"),
        ("T30: timestamp `yesterday`", "yesterday"),
        ("T31: empty timestamp", ""),
        ("T32: timestamp on 29 February 2025", "2025-02-29T00:00:00Z"),
        ("T33: timestamp without an offset", "2025-03-04T08:15:00"),
    ] {
        rejects_saying(
            label,
            text.parse::<Timestamp>(),
            Error::Parse {
                field: "timestamp".into(),
                value: text.into(),
                expected: rfc3339.into(),
            },
            &format!("timestamp: cannot parse `{text}` as {rfc3339}"),
        );
    }
    let span = "working days, hours, minutes or seconds such as 14wd, 2h, 90m or 45s";
    for (label, text) in [
        ("T34: completion with an unknown unit", "14x"),
        ("T35: completion without a unit", "90"),
        ("T36: completion without a number", "wd"),
        ("T37: empty completion", ""),
        ("T38: negative completion", "-5m"),
        ("T39: fractional completion", "1.5h"),
    ] {
        rejects_saying(
            label,
            text.parse::<Completion>(),
            Error::Parse {
                field: "completion".into(),
                value: text.into(),
                expected: span.into(),
            },
            &format!("completion: cannot parse `{text}` as {span}"),
        );
    }
}

#[test]
fn days_since_epoch_at_the_i64_limit() {
    let label = "T40: i64::MAX days since the epoch";
    let date = super::within(label, 5, || Date::from_days_since_epoch(i64::MAX));
    assert_eq!(date, None, "{label}");
}

/// A calendar on which every day is a weekend day would count 0 working days for any span, so
/// any visit would meet any standard in working days.
#[test]
fn calendar_without_working_days() {
    use layanan::Weekday::{Friday, Monday, Saturday, Sunday, Thursday, Tuesday, Wednesday};
    rejects_saying(
        "T41: a weekend of all seven days",
        Calendar::wib().with_weekend([
            Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
        ]),
        Error::Empty {
            field: "working days of the week".into(),
        },
        "working days of the week must not be empty",
    );
}
