//! Timestamps (RFC 3339), time spans and dates: their text forms, arithmetic and limits.

use super::*;

// =============================================================================================
// Timestamp: RFC 3339
// =============================================================================================

#[test]
fn rfc3339_offsets_of_indonesia_and_elsewhere() {
    let utc = Timestamp::from_unix_millis(MARCH_4_0115Z);
    for text in [
        "2025-03-04T08:15:00+07:00", // WIB
        "2025-03-04T09:15:00+08:00", // WITA
        "2025-03-04T10:15:00+09:00", // WIT
        "2025-03-04T01:15:00Z",
        "2025-03-04T01:15:00+00:00",
        "2025-03-04T01:15:00-00:00",
        "2025-03-03T21:45:00-03:30", // Newfoundland
        "2025-03-04T06:45:00+05:30", // India
        "2025-03-05T00:14:00+22:59",
    ] {
        assert_eq!(ts(text), utc, "{text}");
        assert_eq!(ts(text).to_string(), "2025-03-04T01:15:00Z", "{text}");
    }
    assert_eq!(Timestamp::from_unix_seconds(1_741_050_900).unwrap(), utc);
    assert_eq!(utc.unix_millis(), MARCH_4_0115Z);
}

#[test]
fn rfc3339_offsets_across_a_date_line() {
    // Local midnight in Jayapura is the previous evening in UTC.
    assert_eq!(
        ts("2025-01-01T00:00:00+09:00").to_string(),
        "2024-12-31T15:00:00Z"
    );
    assert_eq!(
        ts("2024-12-31T22:00:00-03:30").to_string(),
        "2025-01-01T01:30:00Z"
    );
    assert_eq!(
        ts("2024-03-01T00:00:00+07:00").to_string(),
        "2024-02-29T17:00:00Z"
    );
}

#[test]
fn rfc3339_fractions_truncate_to_milliseconds() {
    let base = MARCH_4_0115Z;
    for (fraction, millis) in [
        (".1", 100),
        (".12", 120),
        (".123", 123),
        (".1234", 123),
        (".123456789", 123),
        (".9999999999999", 999),
        (".000", 0),
        (".0009", 0),
        (",5", 500),
    ] {
        let text = format!("2025-03-04T01:15:00{fraction}Z");
        assert_eq!(
            ts(&text),
            Timestamp::from_unix_millis(base + millis),
            "{text}"
        );
    }
    // Milliseconds are displayed only when not zero, always as three digits.
    assert_eq!(
        ts("2025-03-04T08:15:00.5+07:00").to_string(),
        "2025-03-04T01:15:00.500Z"
    );
    assert_eq!(
        ts("2025-03-04T08:15:00.007+07:00").to_string(),
        "2025-03-04T01:15:00.007Z"
    );
    assert_eq!(
        ts("2025-03-04T08:15:00.000+07:00").to_string(),
        "2025-03-04T01:15:00Z"
    );
}

#[test]
fn rfc3339_fractions_before_the_epoch_truncate_toward_the_past() {
    // 0.9999 s before the epoch's last second: truncated to .999, i.e. 1 ms before the epoch.
    let t = ts("1969-12-31T23:59:59.9999Z");
    assert_eq!(t, Timestamp::from_unix_millis(-1));
    assert_eq!(t.to_string(), "1969-12-31T23:59:59.999Z");
    assert_eq!(
        Timestamp::from_unix_millis(-86_400_000 - 1).to_string(),
        "1969-12-30T23:59:59.999Z"
    );
}

#[test]
fn rfc3339_lowercase_and_space_separators() {
    let utc = Timestamp::from_unix_millis(MARCH_4_0115Z);
    for text in [
        "2025-03-04t01:15:00z",
        "2025-03-04t08:15:00+07:00",
        "2025-03-04 08:15:00+07:00",
        "2025-03-04 01:15:00Z",
        "2025-03-04 01:15:00z",
    ] {
        assert_eq!(ts(text), utc, "{text}");
    }
}

#[test]
fn rfc3339_rejected_forms() {
    for text in [
        "",
        "yesterday",
        "2025-03-04",
        "2025-03-04T08:15:00",            // no offset
        "2025-03-04T08:15Z",              // no seconds
        "2025-03-04T08:15:00+0700",       // offset without colon
        "2025-03-04T08:15:00+07",         // offset without minutes
        "2025-03-04T08:15:00 +07:00",     // space before offset
        "2025-03-04T08:15:00+24:00",      // offset hour
        "2025-03-04T08:15:00+07:60",      // offset minute
        "2025-03-04T08:15:00+07:00Z",     // two offsets
        "2025-03-04T08:15:00ZZ",          // trailing text
        "2025-03-04T08:15:00Z ",          // trailing space
        " 2025-03-04T08:15:00Z",          // leading space
        "2025-03-04T08:15:00.Z",          // empty fraction
        "2025-03-04T08:15:00.+07:00",     // empty fraction
        "2025-03-04T24:00:00Z",           // hour 24
        "2025-03-04T08:60:00Z",           // minute 60
        "2025-03-04T08:15:60Z",           // leap second
        "2025-13-01T00:00:00Z",           // month 13
        "2025-00-01T00:00:00Z",           // month 0
        "2025-03-00T00:00:00Z",           // day 0
        "2025-04-31T00:00:00Z",           // April has 30 days
        "2025-3-4T08:15:00Z",             // unpadded
        "25-03-04T08:15:00Z",             // two-digit year
        "+2025-03-04T08:15:00Z",          // expanded form of a year inside 0000–9999
        "-0000-03-04T08:15:00Z",          // minus zero
        "+999-03-04T08:15:00Z",           // expanded year of three digits
        "+1000000000-01-01T00:00:00Z",    // ten digits
        "+292278994-08-17T07:12:55.808Z", // one millisecond past i64::MAX
        "-292275055-05-16T16:47:04.191Z", // one millisecond before i64::MIN
        "+10000-02-30T00:00:00Z",         // no such day in an expanded year
        "2025/03/04T08:15:00Z",           // slashes
        "2025-03-04X08:15:00Z",           // separator
        "2025-03-04T08.15.00Z",           // dots
        "2025-03-04T08:15:00-07:00:00",   // seconds in offset
        "1741050900",                     // Unix seconds are not RFC 3339
        "2025-03-04T08:1a:00Z",
        "２０２５-03-04T08:15:00Z", // full-width digits
    ] {
        let err = text.parse::<Timestamp>().unwrap_err();
        assert!(matches!(err, Error::Parse { .. }), "{text}: {err:?}");
    }
}

#[test]
fn rfc3339_leap_days() {
    assert_eq!(
        ts("2024-02-29T12:00:00+07:00").to_string(),
        "2024-02-29T05:00:00Z"
    );
    assert_eq!(
        ts("2000-02-29T00:00:00Z").to_string(),
        "2000-02-29T00:00:00Z"
    );
    for text in [
        "2025-02-29T12:00:00+07:00",
        "1900-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2024-02-30T00:00:00Z",
    ] {
        assert!(text.parse::<Timestamp>().is_err(), "{text}");
    }
}

#[test]
fn rfc3339_years_0000_to_9999() {
    let first = ts("0000-01-01T00:00:00Z");
    assert_eq!(first.to_string(), "0000-01-01T00:00:00Z");
    assert_eq!(first.unix_millis(), -719_528 * 86_400_000);
    let last = ts("9999-12-31T23:59:59.999Z");
    assert_eq!(last.to_string(), "9999-12-31T23:59:59.999Z");
    assert_eq!(last.unix_millis(), 2_932_897 * 86_400_000 - 1);
    // Offsets may carry an instant just outside 0000–9999; it is displayed as an expanded year.
    assert_eq!(
        ts("0000-01-01T00:00:00+01:00").to_string(),
        "-0001-12-31T23:00:00Z"
    );
    assert_eq!(
        ts("9999-12-31T23:00:00-02:00").to_string(),
        "+10000-01-01T01:00:00Z"
    );
}

#[test]
fn timestamps_at_the_i64_limits_display() {
    assert_eq!(
        Timestamp::from_unix_millis(i64::MAX).to_string(),
        "+292278994-08-17T07:12:55.807Z"
    );
    assert_eq!(
        Timestamp::from_unix_millis(i64::MIN).to_string(),
        "-292275055-05-16T16:47:04.192Z"
    );
    assert_eq!(
        Timestamp::from_unix_millis(0).to_string(),
        "1970-01-01T00:00:00Z"
    );
    assert_eq!(Timestamp::default(), Timestamp::from_unix_millis(0));
}

#[test]
fn timestamp_since() {
    let a = ts("2025-03-04T08:15:00+07:00");
    let b = ts("2025-03-04T08:32:30.250+07:00");
    assert_eq!(
        b.since(a),
        Some(TimeSpan::from_millis(17 * 60_000 + 30_250))
    );
    assert_eq!(a.since(b), None);
    assert_eq!(a.since(a), Some(TimeSpan::from_millis(0)));
    // Across the epoch and across the whole range, without overflow.
    let before = Timestamp::from_unix_millis(-1_500);
    let after = Timestamp::from_unix_millis(2_500);
    assert_eq!(after.since(before), Some(TimeSpan::from_seconds(4)));
    let min = Timestamp::from_unix_millis(i64::MIN);
    let max = Timestamp::from_unix_millis(i64::MAX);
    assert_eq!(max.since(min), Some(TimeSpan::from_millis(u64::MAX)));
    assert_eq!(min.since(max), None);
}

#[test]
fn timestamp_order_follows_the_instant() {
    let wib = ts("2025-03-04T08:00:00+07:00");
    let wit = ts("2025-03-04T09:00:00+09:00"); // one hour earlier
    assert!(wit < wib);
    let mut sorted = vec![wib, wit, Timestamp::from_unix_millis(0)];
    sorted.sort();
    assert_eq!(sorted, [Timestamp::from_unix_millis(0), wit, wib]);
}

#[test]
fn from_unix_seconds() {
    assert_eq!(
        Timestamp::from_unix_seconds(-1).unwrap(),
        Timestamp::from_unix_millis(-1_000)
    );
    assert_eq!(
        Timestamp::from_unix_seconds(i64::MAX / 1_000)
            .unwrap()
            .unix_millis(),
        i64::MAX / 1_000 * 1_000
    );
    assert!(Timestamp::from_unix_seconds(i64::MIN / 1_000).is_ok());
    assert!(Timestamp::from_unix_seconds(i64::MIN / 1_000 - 1).is_err());
}

/// Issue 15, item 13: the text of an instant outside the years 0000–9999 (an expanded year, as
/// ISO 8601 writes it) reads back as the same instant, up to the `i64` limits.
#[test]
fn expanded_years_read_back() {
    for (text, millis) in [
        ("+10000-01-01T00:00:00Z", 253_402_300_800_000),
        ("-0001-12-31T23:00:00Z", -62_167_222_800_000),
        ("+292278994-08-17T07:12:55.807Z", i64::MAX),
        ("-292275055-05-16T16:47:04.192Z", i64::MIN),
    ] {
        let t = ts(text);
        assert_eq!(t.unix_millis(), millis, "{text}");
        assert_eq!(t.to_string(), text);
    }
    // With an offset, and leap days of expanded years (10000 and -0004 are leap years).
    assert_eq!(
        ts("+10000-02-29T09:00:00+07:00").to_string(),
        "+10000-02-29T02:00:00Z"
    );
    assert_eq!(
        ts("-0004-02-29T00:00:00Z").to_string(),
        "-0004-02-29T00:00:00Z"
    );
    // Local times (read on a calendar) keep four-digit years: they are dates people write.
    assert!(Calendar::wib().parse_time("+10000-01-01 08:00").is_err());
}

proptest! {
    #[test]
    fn display_then_parse_round_trips(millis in any::<i64>()) {
        let t = Timestamp::from_unix_millis(millis);
        let text = t.to_string();
        prop_assert_eq!(text.parse::<Timestamp>().unwrap(), t);
    }

    #[test]
    fn display_then_parse_round_trips_in_years_0000_to_9999(
        // 0000-01-01T00:00:00Z ..= 9999-12-31T23:59:59.999Z
        millis in -62_167_219_200_000i64..=253_402_300_799_999i64,
    ) {
        let t = Timestamp::from_unix_millis(millis);
        let text = t.to_string();
        prop_assert_eq!(text.parse::<Timestamp>().unwrap(), t);
    }

    #[test]
    fn every_offset_names_the_same_instant(
        millis in 0i64..=4_102_444_800_000i64, // 1970–2100
        offset in -(23 * 60 + 59)..=(23 * 60 + 59i64),
    ) {
        // Write the instant's wall clock at `offset` by hand and parse it back.
        let local = millis + offset * 60_000;
        let days = local.div_euclid(86_400_000);
        let ms = local.rem_euclid(86_400_000);
        let d = Date::from_days_since_epoch(days).unwrap();
        let sign = if offset < 0 { '-' } else { '+' };
        let text = format!(
            "{d}T{:02}:{:02}:{:02}.{:03}{sign}{:02}:{:02}",
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1_000 % 60,
            ms % 1_000,
            offset.abs() / 60,
            offset.abs() % 60
        );
        prop_assert_eq!(text.parse::<Timestamp>().unwrap(), Timestamp::from_unix_millis(millis));
    }
}

// =============================================================================================
// TimeSpan
// =============================================================================================

#[test]
fn time_span_constructors() {
    assert_eq!(TimeSpan::from_seconds(90).as_millis(), 90_000);
    assert_eq!(TimeSpan::from_minutes(90).as_millis(), 5_400_000);
    assert_eq!(TimeSpan::from_hours(2).as_millis(), 7_200_000);
    assert_eq!(TimeSpan::from_minutes(90).as_minutes(), 90.0);
    assert_eq!(TimeSpan::from_seconds(90).as_minutes(), 1.5);
    assert_eq!(
        TimeSpan::from_hours(u32::MAX).as_millis(),
        u64::from(u32::MAX) * 3_600_000
    );
    assert_eq!(TimeSpan::default(), TimeSpan::from_millis(0));
    assert!(TimeSpan::from_minutes(1) < TimeSpan::from_seconds(61));
}

#[test]
fn time_span_display() {
    for (span, text) in [
        (TimeSpan::from_millis(0), "0s"),
        (TimeSpan::from_millis(999), "0s"),
        (TimeSpan::from_seconds(1), "1s"),
        (TimeSpan::from_seconds(45), "45s"),
        (TimeSpan::from_seconds(59), "59s"),
        (TimeSpan::from_seconds(60), "1m"),
        (TimeSpan::from_seconds(65), "1m 05s"),
        (TimeSpan::from_seconds(12 * 60 + 5), "12m 05s"),
        (TimeSpan::from_minutes(59), "59m"),
        (TimeSpan::from_minutes(60), "1h 00m"),
        (TimeSpan::from_seconds(3_601), "1h 00m 01s"),
        (TimeSpan::from_minutes(90), "1h 30m"),
        (TimeSpan::from_seconds(5_445), "1h 30m 45s"),
        (TimeSpan::from_hours(25), "25h 00m"),
        (TimeSpan::from_millis(90_999), "1m 30s"),
        (TimeSpan::from_millis(u64::MAX), "5124095576030h 25m 51s"),
    ] {
        assert_eq!(span.to_string(), text, "{span:?}");
    }
}

// =============================================================================================
// Date
// =============================================================================================

#[test]
fn weekdays_of_known_dates() {
    for (d, weekday) in [
        (date(2025, 8, 17), Weekday::Sunday), // Hari Kemerdekaan 2025
        (date(2024, 2, 29), Weekday::Thursday),
        (date(1970, 1, 1), Weekday::Thursday),
        (date(1945, 8, 17), Weekday::Friday), // Proklamasi
        (date(2000, 1, 1), Weekday::Saturday),
        (date(2025, 1, 1), Weekday::Wednesday),
        (date(2025, 3, 31), Weekday::Monday),
        (date(0, 1, 1), Weekday::Saturday),
        (date(9999, 12, 31), Weekday::Friday),
    ] {
        assert_eq!(d.weekday(), weekday, "{d}");
    }
    assert_eq!(Weekday::Monday.index(), 0);
    assert_eq!(Weekday::Sunday.index(), 6);
    assert!(Weekday::Monday < Weekday::Sunday);
}

#[test]
fn date_parse_and_display() {
    let d: Date = "2025-08-17".parse().unwrap();
    assert_eq!(d, date(2025, 8, 17));
    assert_eq!((d.year(), d.month(), d.day()), (2025, 8, 17));
    assert_eq!(d.to_string(), "2025-08-17");
    assert_eq!(date(5, 1, 9).to_string(), "0005-01-09");
    assert_eq!("0005-01-09".parse::<Date>().unwrap(), date(5, 1, 9));
    assert_eq!("2024-02-29".parse::<Date>().unwrap(), date(2024, 2, 29));
    assert_eq!("2000-02-29".parse::<Date>().unwrap(), date(2000, 2, 29));
    for text in [
        "2025-02-29",
        "1900-02-29",
        "2025-02-30",
        "2025-04-31",
        "2025-00-10",
    ] {
        assert!(matches!(
            text.parse::<Date>(),
            Err(Error::OutOfRange { .. })
        ));
    }
    for text in [
        "2025-8-17",
        "2025_08_17",
        "20250817",
        "2025-08-17 ",
        "2025-08-1x",
        "2025-08",
    ] {
        assert!(
            matches!(text.parse::<Date>(), Err(Error::Parse { .. })),
            "{text}"
        );
    }
}

/// A sign is not a digit: dates are plain digits and dashes.
#[test]
fn date_parse_rejects_signs() {
    for text in ["+202-01-01", "2025-+1-01", "2025-01-+1"] {
        assert!(
            matches!(text.parse::<Date>(), Err(Error::Parse { .. })),
            "{text} was accepted as {:?}",
            text.parse::<Date>()
        );
    }
}

#[test]
fn date_days_since_epoch() {
    assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
    assert_eq!(date(1969, 12, 31).days_since_epoch(), -1);
    assert_eq!(date(2025, 8, 17).days_since_epoch(), 20_317);
    assert_eq!(date(2024, 2, 29).days_since_epoch(), 19_782);
    assert_eq!(date(0, 1, 1).days_since_epoch(), -719_528);
    assert_eq!(date(9999, 12, 31).days_since_epoch(), 2_932_896);
    assert_eq!(Date::from_days_since_epoch(20_317), Some(date(2025, 8, 17)));
    assert_eq!(Date::from_days_since_epoch(-719_528), Some(date(0, 1, 1)));
    assert_eq!(Date::from_days_since_epoch(-719_529), None);
    assert_eq!(
        Date::from_days_since_epoch(2_932_896),
        Some(date(9999, 12, 31))
    );
    assert_eq!(Date::from_days_since_epoch(2_932_897), None);
    assert_eq!(Date::from_days_since_epoch(i64::MAX / 86_400_000), None);
}

#[test]
fn dates_sort_chronologically() {
    let mut dates = vec![
        date(2025, 1, 1),
        date(2024, 12, 31),
        date(2024, 2, 29),
        date(999, 9, 9),
    ];
    dates.sort();
    assert_eq!(
        dates,
        [
            date(999, 9, 9),
            date(2024, 2, 29),
            date(2024, 12, 31),
            date(2025, 1, 1)
        ]
    );
}

proptest! {
    #[test]
    fn dates_round_trip(days in -719_528i64..=2_932_896i64) {
        let d = Date::from_days_since_epoch(days).unwrap();
        prop_assert_eq!(d.days_since_epoch(), days);
        prop_assert_eq!(d.to_string().parse::<Date>().unwrap(), d);
        prop_assert_eq!(Date::new(d.year(), d.month(), d.day()).unwrap(), d);
        // The next day is the next weekday.
        if let Some(next) = Date::from_days_since_epoch(days + 1) {
            prop_assert_eq!((d.weekday().index() + 1) % 7, next.weekday().index());
            prop_assert!(d < next);
        }
    }
}
