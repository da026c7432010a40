//! The time and money texts of the bad-input catalogue (`hostile/time.rs` T29–T39,
//! `hostile/money.rs` M03–M16) in the fields of a file, and the forms each field accepts; and
//! the model's parsers the readers use, which work without the `csv` feature.

use super::{INSTANT, MONEY, TIME, all, at, fails, parse_error};
use layanan::read::{InteractionReader, ReadOptions, StandardReader};
use layanan::{Calendar, Error, Interaction, Money, Timestamp};

const HEADER: &str =
    "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid\n";

fn visits(row: &str, calendar: Option<Calendar>) -> Result<Vec<Interaction>, Error> {
    let mut options = ReadOptions::new().with_file_name("visits.csv");
    if let Some(calendar) = calendar {
        options = options.with_calendar(calendar);
    }
    all(InteractionReader::new(
        format!("{HEADER}{row}\n").as_bytes(),
        &options,
    )?)
}

fn t(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn every_form_of_time() {
    let want = t("2025-03-04T08:15:00+07:00");
    for (text, calendar) in [
        ("1741050900", None),
        ("+1741050900", None),
        ("2025-03-04T08:15:00+07:00", None),
        ("2025-03-04T01:15:00Z", None),
        ("2025-03-04 01:15:00z", None),
        ("2025-03-04T08:15:00.000+07:00", None),
        ("2025-03-04 08:15", Some(Calendar::wib())),
        ("2025-03-04 08:15:00", Some(Calendar::wib())),
        ("2025-03-04T08:15:00", Some(Calendar::wib())),
        ("2025-03-04 08:15:00.0", Some(Calendar::wib())),
        ("2025-03-04 09:15", Some(Calendar::wita())),
        ("2025-03-04 10:15", Some(Calendar::wit())),
        ("1741050900", Some(Calendar::wit())),
        ("2025-03-04T08:15:00+07:00", Some(Calendar::wit())),
    ] {
        let read = visits(&format!("1,s,u,,{text},,,,"), calendar.clone())
            .unwrap_or_else(|e| panic!("`{text}` on {calendar:?}: {e}"));
        assert_eq!(read[0].arrived_at(), want, "`{text}` on {calendar:?}");
    }
    // Before 1970, in Unix seconds.
    let read = visits("1,s,u,,-86400,,,,", None).unwrap();
    assert_eq!(read[0].arrived_at(), t("1969-12-31T00:00:00Z"));
}

#[test]
fn texts_that_are_not_times() {
    for (label, text) in [
        ("T29: timestamp with month 13", "2025-13-01T00:00:00Z"),
        ("T30: timestamp `yesterday`", "yesterday"),
        ("T32: timestamp on 29 February 2025", "2025-02-29T00:00:00Z"),
        ("a local time at 24:00", "2025-03-04 24:00"),
        ("a local time without minutes", "2025-03-04 08"),
        ("a local time with a trailing letter", "2025-03-04 08:15x"),
        ("a date without a time", "2025-03-04"),
        ("a sign without digits", "-"),
        ("Unix seconds with a fraction", "1741050900.5"),
        ("Unix milliseconds with a unit", "1741050900000ms"),
    ] {
        for calendar in [None, Some(Calendar::wib())] {
            let expected = if calendar.is_some() { TIME } else { INSTANT };
            fails(
                label,
                visits(&format!("1,s,u,,{text},,,,"), calendar),
                at(
                    "visits.csv",
                    2,
                    5,
                    "arrived_at",
                    parse_error("timestamp", text, expected),
                ),
                &format!(
                    "visits.csv, line 2, column 5 (arrived_at): timestamp: cannot parse `{text}` \
                     as {expected}"
                ),
            );
        }
    }
    // T31: an empty time is a blank field: not given, which an arrival must be.
    fails(
        "T31: empty timestamp",
        visits("1,s,u,,,,,,", None),
        at(
            "visits.csv",
            2,
            5,
            "arrived_at",
            Error::Missing {
                field: "arrived_at".into(),
            },
        ),
        "visits.csv, line 2, column 5 (arrived_at): arrived_at is required",
    );
    // T33: a time without an offset is a local time: it needs a calendar, and with one it is
    // read on its wall clock.
    let text = "2025-03-04T08:15:00";
    fails(
        "T33: timestamp without an offset",
        visits(&format!("1,s,u,,{text},,,,"), None),
        at(
            "visits.csv",
            2,
            5,
            "arrived_at",
            parse_error(
                "timestamp",
                text,
                "Unix seconds or an RFC 3339 timestamp: a local time needs a calendar to give \
                 its UTC offset",
            ),
        ),
        "visits.csv, line 2, column 5 (arrived_at): timestamp: cannot parse \
         `2025-03-04T08:15:00` as Unix seconds or an RFC 3339 timestamp: a local time needs a \
         calendar to give its UTC offset",
    );
    let read = visits(&format!("1,s,u,,{text},,,,"), Some(Calendar::wib())).unwrap();
    assert_eq!(read[0].arrived_at(), t("2025-03-04T08:15:00+07:00"));
    // T08–T10: Unix seconds whose milliseconds overflow.
    for seconds in [i64::MAX, i64::MIN, i64::MAX / 1000 + 1] {
        fails(
            "T08-T10: Unix seconds past the milliseconds of i64",
            visits(&format!("1,s,u,,{seconds},,,,"), None),
            at(
                "visits.csv",
                2,
                5,
                "arrived_at",
                Error::TimeOutOfRange {
                    field: "unix seconds".into(),
                    value: seconds.to_string(),
                },
            ),
            &format!(
                "visits.csv, line 2, column 5 (arrived_at): unix seconds is out of the supported \
                 time range: {seconds}"
            ),
        );
    }
    // T11/T16: a time that parses but has no local date on the calendar.
    let last = (i64::MAX / 1000).to_string();
    fails(
        "T11: the last second of i64 milliseconds, on WIB",
        visits(&format!("1,s,u,,{last},,,,"), Some(Calendar::wib())),
        at(
            "visits.csv",
            2,
            5,
            "arrived_at",
            Error::TimeOutOfRange {
                field: "local time".into(),
                value: "9223372036854775000".into(),
            },
        ),
        "visits.csv, line 2, column 5 (arrived_at): local time is out of the supported time \
         range: 9223372036854775000",
    );
}

#[test]
fn texts_that_are_not_money() {
    for (label, text) in [
        ("M12: money with a decimal comma", "\"1,5\""),
        ("M14: money `-`", "-"),
        ("M15: money `abc`", "abc"),
        ("M16: money with a plus sign", "+5"),
        ("money with a decimal point", "15.00"),
        ("money `Rp`", "Rp"),
        ("money in thousands `15rb`", "15rb"),
    ] {
        let value = text.trim_matches('"');
        fails(
            label,
            visits(&format!("1,s,u,,1741050900,,,,{text}"), None),
            at(
                "visits.csv",
                2,
                9,
                "paid",
                parse_error("paid", value, MONEY),
            ),
            &format!("visits.csv, line 2, column 9 (paid): cannot parse `{value}` as {MONEY}"),
        );
    }
    for (label, text, error, message) in [
        (
            "M03: the text -15000",
            "-15000",
            Error::NegativeMoney {
                field: "official_fee".into(),
                value: -15_000,
            },
            "official_fee is negative: -15000",
        ),
        (
            "M02: the text of i64::MIN",
            "-9223372036854775808",
            Error::NegativeMoney {
                field: "official_fee".into(),
                value: i64::MIN,
            },
            "official_fee is negative: -9223372036854775808",
        ),
        (
            "M05: u64::MAX + 1",
            "18446744073709551616",
            Error::Overflow {
                field: "official_fee".into(),
            },
            "official_fee overflows",
        ),
        (
            "M07: i64::MIN - 1",
            "-9223372036854775809",
            Error::Overflow {
                field: "official_fee".into(),
            },
            "official_fee overflows",
        ),
    ] {
        fails(
            label,
            visits(&format!("1,s,u,,1741050900,,,{text},"), None),
            at("visits.csv", 2, 8, "official_fee", error),
            &format!("visits.csv, line 2, column 8 (official_fee): {message}"),
        );
    }
    // M10, M11 and M13 are money to a reader: `Rp 15.000` and `15.000` are fifteen thousand, a
    // blank is a payment not recorded; u64::MAX fits.
    for (text, paid) in [
        ("Rp 15.000", Some(Money::new(15_000))),
        ("15.000", Some(Money::new(15_000))),
        ("", None),
        ("18446744073709551615", Some(Money::new(u64::MAX))),
        ("-0", Some(Money::ZERO)),
        ("-000", Some(Money::ZERO)),
        ("000015000", Some(Money::new(15_000))),
        ("Rp. 1.500.000", Some(Money::new(1_500_000))),
    ] {
        let read = visits(&format!("1,s,u,,1741050900,,,,{text}"), None).unwrap();
        assert_eq!(read[0].paid(), paid, "`{text}`");
    }
}

/// A blank waiting target or completion is none; a waiting target must fit `u32` minutes.
#[test]
fn waiting_targets() {
    let read = |row: &str| -> Result<layanan::Standards, Error> {
        let text = format!("service,max_wait_minutes,completion,tariff\n{row}\n");
        StandardReader::new(text.as_bytes(), &ReadOptions::new())?.collect()
    };
    let s = read("ktp,,,0").unwrap();
    assert_eq!(s.get("ktp").unwrap().max_wait(), None);
    assert_eq!(s.get("ktp").unwrap().completion(), None);
    let s = read(&format!("ktp,{},,0", u32::MAX)).unwrap();
    assert_eq!(
        s.get("ktp").unwrap().max_wait(),
        Some(layanan::TimeSpan::from_minutes(u32::MAX))
    );
    fails(
        "a waiting target of u32::MAX + 1 minutes",
        read(&format!("ktp,{},,0", u64::from(u32::MAX) + 1)),
        at(
            "standards",
            2,
            2,
            "max_wait_minutes",
            Error::OutOfRange {
                field: "max_wait_minutes".into(),
                value: i64::from(u32::MAX) + 1,
                min: 0,
                max: u32::MAX.into(),
            },
        ),
        "standards, line 2, column 2 (max_wait_minutes): max_wait_minutes must be between 0 and \
         4294967295, got 4294967296",
    );
    fails(
        "a waiting target of `30 menit`",
        read("ktp,30 menit,,0"),
        at(
            "standards",
            2,
            2,
            "max_wait_minutes",
            parse_error("max_wait_minutes", "30 menit", "a whole number"),
        ),
        "standards, line 2, column 2 (max_wait_minutes): cannot parse \
         `30 menit` as a whole number",
    );
}

/// The parsers the readers use are the model's, and work on rows that arrive already split.
#[test]
fn the_field_parsers_without_files() {
    let want = t("2025-03-04T08:15:00+07:00");
    assert_eq!(Timestamp::parse_instant("1741050900"), Ok(want));
    assert_eq!(Timestamp::parse_instant("2025-03-04T01:15:00Z"), Ok(want));
    assert_eq!(Calendar::wib().parse_time("2025-03-04 08:15"), Ok(want));
    assert_eq!(Calendar::wita().parse_time("2025-03-04 09:15:00"), Ok(want));
    assert_eq!(
        Calendar::new(-300).unwrap().parse_time("2025-03-03 20:15"),
        Ok(want)
    );
    // RFC 3339 itself is unchanged: seconds and an offset are required.
    for text in ["2025-03-04T08:15+07:00", "2025-03-04 08:15", "1741050900"] {
        assert!(text.parse::<Timestamp>().is_err(), "{text}");
    }
    assert_eq!(
        Calendar::wib().parse_time("2025-02-29 08:00"),
        Err(parse_error("timestamp", "2025-02-29 08:00", TIME))
    );
    assert_eq!(
        Calendar::wib().parse_time("9999-12-31T23:00:00Z"),
        Err(Error::TimeOutOfRange {
            field: "local date".into(),
            value: "9999-12-31T23:00:00Z".into(),
        })
    );
    // The earliest and latest local times there are, on the wall clock of each zone; a
    // millisecond beyond is refused as `local_date` refuses it.
    for calendar in [Calendar::wib(), Calendar::wita(), Calendar::wit()] {
        let first = calendar.parse_time("0000-01-01 00:00").unwrap();
        let last = calendar.parse_time("9999-12-31 23:59:59.999").unwrap();
        assert_eq!(
            calendar.local_date(first).unwrap(),
            layanan::Date::new(0, 1, 1).unwrap()
        );
        assert_eq!(
            calendar.local_date(last).unwrap(),
            layanan::Date::new(9999, 12, 31).unwrap()
        );
        for seconds in [
            first.unix_millis() / 1000 - 1,
            (last.unix_millis() + 1) / 1000,
        ] {
            let instant = Timestamp::from_unix_seconds(seconds).unwrap();
            let text = seconds.to_string();
            assert_eq!(
                calendar.parse_time(&text),
                Err(calendar.local_date(instant).unwrap_err()),
                "{text}"
            );
        }
    }
    assert_eq!(
        Money::parse_field("paid", "Rp 15.000"),
        Ok(Money::new(15_000))
    );
}
