//! The model types: time, calendars, money, standards, interactions, respondents and weights,
//! their text forms, and (features `serde`, `jiff`) their interchange forms.

use layanan::{
    AgeBand, Calendar, Completion, Date, Education, Error, Gender, Granularity, Interaction, Money,
    Occupation, Period, RatingScale, Respondent, ServiceStandard, Standards, Tariff, TimeSpan,
    Timestamp, Weekday, Weight,
};
use proptest::prelude::*;

fn ts(text: &str) -> Timestamp {
    text.parse()
        .unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// 2025-03-04T01:15:00Z in Unix milliseconds.
const MARCH_4_0115Z: i64 = 1_741_050_900_000;

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
        "2025-03-04T08:15:00",          // no offset
        "2025-03-04T08:15Z",            // no seconds
        "2025-03-04T08:15:00+0700",     // offset without colon
        "2025-03-04T08:15:00+07",       // offset without minutes
        "2025-03-04T08:15:00 +07:00",   // space before offset
        "2025-03-04T08:15:00+24:00",    // offset hour
        "2025-03-04T08:15:00+07:60",    // offset minute
        "2025-03-04T08:15:00+07:00Z",   // two offsets
        "2025-03-04T08:15:00ZZ",        // trailing text
        "2025-03-04T08:15:00Z ",        // trailing space
        " 2025-03-04T08:15:00Z",        // leading space
        "2025-03-04T08:15:00.Z",        // empty fraction
        "2025-03-04T08:15:00.+07:00",   // empty fraction
        "2025-03-04T24:00:00Z",         // hour 24
        "2025-03-04T08:60:00Z",         // minute 60
        "2025-03-04T08:15:60Z",         // leap second
        "2025-13-01T00:00:00Z",         // month 13
        "2025-00-01T00:00:00Z",         // month 0
        "2025-03-00T00:00:00Z",         // day 0
        "2025-04-31T00:00:00Z",         // April has 30 days
        "2025-3-4T08:15:00Z",           // unpadded
        "25-03-04T08:15:00Z",           // two-digit year
        "+2025-03-04T08:15:00Z",        // expanded year
        "-0001-03-04T08:15:00Z",        // negative year
        "2025/03/04T08:15:00Z",         // slashes
        "2025-03-04X08:15:00Z",         // separator
        "2025-03-04T08.15.00Z",         // dots
        "2025-03-04T08:15:00-07:00:00", // seconds in offset
        "1741050900",                   // Unix seconds are not RFC 3339
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

proptest! {
    #[test]
    fn display_then_parse_round_trips(
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

// =============================================================================================
// Calendar: working days
// =============================================================================================

/// A civil date walked one day at a time with its weekday, independently of the crate.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Walker {
    y: i32,
    m: u8,
    d: u8,
    /// Monday 0 … Sunday 6.
    wd: u8,
}

impl Walker {
    /// 2023-01-01 was a Sunday.
    fn new_year_2023() -> Self {
        Self {
            y: 2023,
            m: 1,
            d: 1,
            wd: 6,
        }
    }

    fn days_in_month(&self) -> u8 {
        let leap = self.y % 4 == 0 && (self.y % 100 != 0 || self.y % 400 == 0);
        match self.m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    fn next(mut self) -> Self {
        self.wd = (self.wd + 1) % 7;
        if self.d < self.days_in_month() {
            self.d += 1;
        } else if self.m < 12 {
            self.d = 1;
            self.m += 1;
        } else {
            self.d = 1;
            self.m = 1;
            self.y += 1;
        }
        self
    }

    fn is(&self, y: i32, m: u8, d: u8) -> bool {
        (self.y, self.m, self.d) == (y, m, d)
    }

    fn date(&self) -> Date {
        date(self.y, self.m, self.d)
    }

    fn walk_to(self, y: i32, m: u8, d: u8) -> Self {
        let mut w = self;
        while !w.is(y, m, d) {
            w = w.next();
        }
        w
    }
}

/// Working days after `from` up to and including `to` (local dates), counted day by day.
fn count_by_hand(from: (i32, u8, u8), to: (i32, u8, u8), weekend: &[u8], holidays: &[Date]) -> u32 {
    let mut w = Walker::new_year_2023().walk_to(from.0, from.1, from.2);
    let mut count = 0;
    while !w.is(to.0, to.1, to.2) {
        w = w.next();
        if !weekend.contains(&w.wd) && !holidays.contains(&w.date()) {
            count += 1;
        }
    }
    count
}

/// Public holidays and joint leave of 2025 (SKB 3 Menteri), four of which fall on a weekend.
fn holidays_2025() -> Vec<Date> {
    [
        (1, 1),
        (1, 27),
        (1, 29),
        (3, 29), // Saturday: Nyepi
        (3, 31),
        (4, 1),
        (4, 18),
        (4, 20), // Sunday: Easter
        (5, 1),
        (5, 12),
        (5, 29),
        (6, 1), // Sunday: Pancasila
        (6, 6),
        (6, 27),
        (8, 17), // Sunday: Independence Day
        (9, 5),
        (12, 25),
    ]
    .into_iter()
    .map(|(m, d)| date(2025, m, d))
    .collect()
}

/// The three Indonesian zones with the RFC 3339 suffix of their offset.
fn zones() -> [(Calendar, &'static str); 3] {
    [
        (Calendar::wib(), "+07:00"),
        (Calendar::wita(), "+08:00"),
        (Calendar::wit(), "+09:00"),
    ]
}

fn local(day: (i32, u8, u8), clock: &str, offset: &str) -> Timestamp {
    ts(&format!(
        "{:04}-{:02}-{:02}T{clock}{offset}",
        day.0, day.1, day.2
    ))
}

#[test]
fn calendar_zones() {
    assert_eq!(Calendar::wib().offset_minutes(), 420);
    assert_eq!(Calendar::wita().offset_minutes(), 480);
    assert_eq!(Calendar::wit().offset_minutes(), 540);
    assert_eq!(Calendar::default(), Calendar::wib());
    assert_eq!(Calendar::new(420).unwrap(), Calendar::wib());
    assert_eq!(Calendar::new(540).unwrap(), Calendar::wit());
    for (cal, _) in zones() {
        assert_eq!(cal.weekend(), [Weekday::Saturday, Weekday::Sunday]);
        assert!(cal.holidays().is_empty());
    }
}

#[test]
fn calendar_local_date_differs_by_zone_near_midnight() {
    // 16:30 UTC is 23:30 WIB, 00:30 WITA and 01:30 WIT the next day.
    let at = ts("2025-08-14T16:30:00Z");
    assert_eq!(Calendar::wib().local_date(at).unwrap(), date(2025, 8, 14));
    assert_eq!(Calendar::wita().local_date(at).unwrap(), date(2025, 8, 15));
    assert_eq!(Calendar::wit().local_date(at).unwrap(), date(2025, 8, 15));
    // 15:30 UTC is 23:30 WITA but already 00:30 WIT.
    let at = ts("2025-08-14T15:30:00Z");
    assert_eq!(Calendar::wita().local_date(at).unwrap(), date(2025, 8, 14));
    assert_eq!(Calendar::wit().local_date(at).unwrap(), date(2025, 8, 15));
    // Exactly local midnight belongs to the new day; a millisecond before to the old one.
    let midnight = ts("2025-08-15T00:00:00+07:00");
    assert_eq!(
        Calendar::wib().local_date(midnight).unwrap(),
        date(2025, 8, 15)
    );
    let before = Timestamp::from_unix_millis(midnight.unix_millis() - 1);
    assert_eq!(
        Calendar::wib().local_date(before).unwrap(),
        date(2025, 8, 14)
    );
    // West of UTC.
    let cal = Calendar::new(-210).unwrap();
    assert_eq!(
        cal.local_date(ts("2025-01-01T02:00:00Z")).unwrap(),
        date(2024, 12, 31)
    );
}

#[test]
fn working_days_same_day_is_zero() {
    for (cal, offset) in zones() {
        let day = (2025, 8, 13); // Wednesday
        let from = local(day, "08:00:00", offset);
        let to = local(day, "23:59:59.999", offset);
        assert_eq!(cal.working_days_between(from, to).unwrap(), 0);
        assert_eq!(cal.working_days_between(from, from).unwrap(), 0);
    }
}

#[test]
fn working_days_friday_to_monday_is_one() {
    for (cal, offset) in zones() {
        let from = local((2025, 8, 8), "16:00:00", offset); // Friday
        let to = local((2025, 8, 11), "08:00:00", offset); // Monday
        assert_eq!(cal.working_days_between(from, to).unwrap(), 1);
        // Friday to Saturday or Sunday: nothing yet.
        let sat = local((2025, 8, 9), "10:00:00", offset);
        let sun = local((2025, 8, 10), "10:00:00", offset);
        assert_eq!(cal.working_days_between(from, sat).unwrap(), 0);
        assert_eq!(cal.working_days_between(from, sun).unwrap(), 0);
        assert_eq!(cal.working_days_between(sat, sun).unwrap(), 0);
        // Submitted on a Saturday, done on Monday.
        assert_eq!(cal.working_days_between(sat, to).unwrap(), 1);
        // One week: five working days, whatever the weekday.
        for start in 4..=10u8 {
            let a = local((2025, 8, start), "09:00:00", offset);
            let b = local((2025, 8, start + 7), "09:00:00", offset);
            assert_eq!(cal.working_days_between(a, b).unwrap(), 5, "from 8/{start}");
        }
    }
}

#[test]
fn working_days_at_an_instant_near_midnight_utc() {
    // Thursday 14 August 2025 16:30 UTC: Thursday 23:30 in WIB, Friday 00:30 in WITA and WIT.
    let thursday_evening = ts("2025-08-14T16:30:00Z");
    // Friday 15 August, 10:00 in each zone.
    let friday = |offset: &str| local((2025, 8, 15), "10:00:00", offset);
    assert_eq!(
        Calendar::wib()
            .working_days_between(thursday_evening, friday("+07:00"))
            .unwrap(),
        1
    );
    assert_eq!(
        Calendar::wita()
            .working_days_between(thursday_evening, friday("+08:00"))
            .unwrap(),
        0
    );
    assert_eq!(
        Calendar::wit()
            .working_days_between(thursday_evening, friday("+09:00"))
            .unwrap(),
        0
    );
    // The same instant as the end: from Monday 11 August, 09:00 local.
    let monday = |offset: &str| local((2025, 8, 11), "09:00:00", offset);
    assert_eq!(
        Calendar::wib()
            .working_days_between(monday("+07:00"), thursday_evening)
            .unwrap(),
        3
    );
    assert_eq!(
        Calendar::wita()
            .working_days_between(monday("+08:00"), thursday_evening)
            .unwrap(),
        4
    );
    assert_eq!(
        Calendar::wit()
            .working_days_between(monday("+09:00"), thursday_evening)
            .unwrap(),
        4
    );
    // 15:30 UTC separates WITA (Thursday 23:30) from WIT (Friday 00:30).
    let at = ts("2025-08-14T15:30:00Z");
    assert_eq!(
        Calendar::wita()
            .working_days_between(monday("+08:00"), at)
            .unwrap(),
        3
    );
    assert_eq!(
        Calendar::wit()
            .working_days_between(monday("+09:00"), at)
            .unwrap(),
        4
    );
}

#[test]
fn working_days_skip_holidays_without_double_counting_weekends() {
    for (cal, offset) in zones() {
        let friday = local((2025, 8, 15), "10:00:00", offset);
        let wednesday = local((2025, 8, 20), "09:00:00", offset);
        // Weekend only: Monday, Tuesday, Wednesday.
        assert_eq!(cal.working_days_between(friday, wednesday).unwrap(), 3);
        // 17 August 2025 is a Sunday: already off, so nothing changes.
        let sunday_holiday = cal.clone().with_holidays([date(2025, 8, 17)]);
        assert_eq!(
            sunday_holiday
                .working_days_between(friday, wednesday)
                .unwrap(),
            3
        );
        // The Monday after, declared joint leave, is one day less.
        let with_leave = cal.with_holidays([date(2025, 8, 17), date(2025, 8, 18)]);
        assert_eq!(
            with_leave.working_days_between(friday, wednesday).unwrap(),
            2
        );
        // A holiday on the start date itself does not count either way.
        let from_holiday = with_leave.clone().with_holidays([date(2025, 8, 15)]);
        assert_eq!(
            from_holiday
                .working_days_between(friday, wednesday)
                .unwrap(),
            2
        );
        // A holiday on the end date is not a working day.
        let to_holiday = with_leave.with_holidays([date(2025, 8, 20)]);
        assert_eq!(
            to_holiday.working_days_between(friday, wednesday).unwrap(),
            1
        );
    }
}

#[test]
fn working_days_across_month_and_year_ends() {
    for (cal, offset) in zones() {
        let cal = cal.with_holidays([date(2025, 1, 1)]);
        // Tuesday 31 Dec 2024 → Thursday 2 Jan 2025, New Year's Day off: 1.
        let a = local((2024, 12, 31), "14:00:00", offset);
        let b = local((2025, 1, 2), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 1);
        // Wednesday 28 Feb 2024 → Friday 1 Mar 2024: the leap day and 1 March.
        let a = local((2024, 2, 28), "09:00:00", offset);
        let b = local((2024, 3, 1), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 2);
        // Friday 28 Feb 2025 → Monday 3 Mar 2025: 1.
        let a = local((2025, 2, 28), "09:00:00", offset);
        let b = local((2025, 3, 3), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 1);
        // Monday 30 Jun → Tuesday 1 Jul 2025 (a semester end): 1.
        let a = local((2025, 6, 30), "09:00:00", offset);
        let b = local((2025, 7, 1), "09:00:00", offset);
        assert_eq!(cal.working_days_between(a, b).unwrap(), 1);
    }
}

#[test]
fn working_days_of_the_year_2025() {
    let holidays = holidays_2025();
    for (cal, offset) in zones() {
        let cal = cal.with_holidays(holidays.clone());
        let from = local((2024, 12, 31), "12:00:00", offset);
        let to = local((2025, 12, 31), "12:00:00", offset);
        // 261 weekdays, 13 of them holidays (the other 4 holidays fall on weekends).
        assert_eq!(cal.working_days_between(from, to).unwrap(), 248);
        assert_eq!(
            count_by_hand((2024, 12, 31), (2025, 12, 31), &[5, 6], &holidays),
            248
        );
    }
}

#[test]
fn working_days_match_a_day_by_day_count_over_a_year() {
    let holidays = holidays_2025();
    for (cal, offset) in zones() {
        let cal = cal.with_holidays(holidays.clone());
        // Every start in December 2024 and January 2025 against ends a year on.
        let mut start = Walker::new_year_2023().walk_to(2024, 12, 1);
        for _ in 0..62 {
            let from = (start.y, start.m, start.d);
            let mut end = start;
            for span in 0..400 {
                if span % 37 == 0 || span > 360 {
                    let to = (end.y, end.m, end.d);
                    let expected = count_by_hand(from, to, &[5, 6], &holidays);
                    let got = cal
                        .working_days_between(
                            local(from, "23:59:00", offset),
                            local(to, "23:59:59.999", offset),
                        )
                        .unwrap();
                    assert_eq!(got, expected, "{from:?} → {to:?} at {offset}");
                }
                end = end.next();
            }
            start = start.next();
        }
    }
}

#[test]
fn working_days_with_custom_weekends() {
    let from = ts("2025-08-11T09:00:00+07:00"); // Monday
    let to = ts("2025-08-25T09:00:00+07:00"); // Monday two weeks on
    // Sunday only: a six-day week.
    let six = Calendar::wib().with_weekend([Weekday::Sunday]).unwrap();
    assert_eq!(six.weekend(), [Weekday::Sunday]);
    assert_eq!(six.working_days_between(from, to).unwrap(), 12);
    // Friday and Saturday.
    let fri_sat = Calendar::wib()
        .with_weekend([Weekday::Saturday, Weekday::Friday])
        .unwrap();
    assert_eq!(fri_sat.weekend(), [Weekday::Friday, Weekday::Saturday]);
    assert_eq!(fri_sat.working_days_between(from, to).unwrap(), 10);
    // No weekend: every day works, holidays still do not.
    let every = Calendar::wib().with_weekend([]).unwrap();
    assert!(every.weekend().is_empty());
    assert_eq!(every.working_days_between(from, to).unwrap(), 14);
    let every = every.with_holidays([date(2025, 8, 17)]);
    assert_eq!(every.working_days_between(from, to).unwrap(), 13);
    // A holiday on a custom weekend day is not subtracted twice.
    let six = six.with_holidays([date(2025, 8, 17), date(2025, 8, 16)]); // Sunday, Saturday
    assert_eq!(six.working_days_between(from, to).unwrap(), 11);
    // A weekend of all seven days is refused (the hostile-input catalogue checks the error).
    // Repeated days are one.
    let twice = Calendar::wib()
        .with_weekend([Weekday::Sunday, Weekday::Sunday])
        .unwrap();
    assert_eq!(twice.weekend(), [Weekday::Sunday]);
}

#[test]
fn calendar_holidays_are_sorted_and_deduplicated() {
    let cal = Calendar::wita()
        .with_holidays([date(2025, 12, 25), date(2025, 1, 1)])
        .with_holidays([date(2025, 1, 1), date(2025, 8, 17)]);
    assert_eq!(
        cal.holidays(),
        [date(2025, 1, 1), date(2025, 8, 17), date(2025, 12, 25)]
    );
    assert!(!cal.is_working_day(date(2025, 12, 25)));
    assert!(!cal.is_working_day(date(2025, 8, 16))); // Saturday
    assert!(cal.is_working_day(date(2025, 8, 18)));
    assert_eq!(
        cal,
        Calendar::wita().with_holidays([date(2025, 8, 17), date(2025, 12, 25), date(2025, 1, 1)])
    );
}

proptest! {
    #[test]
    fn working_days_match_a_day_by_day_count(
        start in 0u32..800,
        span in 0u32..120,
        holiday_offsets in proptest::collection::vec(0u32..900, 0..12),
        weekend_mask in 0u8..128,
        zone in 0usize..3,
        from_clock in 0u32..86_400,
        to_clock in 0u32..86_400,
    ) {
        let weekend: Vec<u8> = (0..7).filter(|i| weekend_mask & (1 << i) != 0).collect();
        let base = Walker::new_year_2023();
        let mut a = base;
        for _ in 0..start { a = a.next(); }
        let mut b = a;
        for _ in 0..span { b = b.next(); }
        let holidays: Vec<Date> = holiday_offsets
            .iter()
            .map(|k| { let mut w = base; for _ in 0..*k { w = w.next(); } w.date() })
            .collect();
        let weekdays: Vec<Weekday> = weekend
            .iter()
            .map(|i| match i { 0 => Weekday::Monday, 1 => Weekday::Tuesday, 2 => Weekday::Wednesday,
                3 => Weekday::Thursday, 4 => Weekday::Friday, 5 => Weekday::Saturday, _ => Weekday::Sunday })
            .collect();
        let (cal, offset) = zones()[zone].clone();
        // Seven weekend days is an error (checked in the hostile-input catalogue).
        prop_assume!(weekend.len() < 7);
        let cal = cal.with_weekend(weekdays).unwrap().with_holidays(holidays.clone());
        let clock = |s: u32| format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
        let from = local((a.y, a.m, a.d), &clock(from_clock), offset);
        let to = local((b.y, b.m, b.d), &clock(to_clock), offset);
        let expected = count_by_hand((a.y, a.m, a.d), (b.y, b.m, b.d), &weekend, &holidays);
        match cal.working_days_between(from, to) {
            Ok(got) => prop_assert_eq!(got, expected),
            // Only a same-day span with the end's clock before the start's is reversed.
            Err(Error::FinishedBeforeStarted { .. }) => prop_assert!(span == 0 && to_clock < from_clock),
            Err(e) => prop_assert!(false, "unexpected {e:?}"),
        }
    }
}

// =============================================================================================
// Calendar: periods
// =============================================================================================

fn periods_of(cal: &Calendar, at: Timestamp) -> [Period; 5] {
    [
        Granularity::Day,
        Granularity::Month,
        Granularity::Triwulan,
        Granularity::Semester,
        Granularity::Year,
    ]
    .map(|g| cal.period(at, g).unwrap())
}

fn all_periods(d: Date, quarter: u8, semester: u8) -> [Period; 5] {
    let year = d.year();
    [
        Period::Day(d),
        Period::Month {
            year,
            month: d.month(),
        },
        Period::Triwulan { year, quarter },
        Period::Semester { year, semester },
        Period::Year(year),
    ]
}

#[test]
fn periods_at_a_year_end_in_each_zone() {
    // 31 Dec 2024 15:30 UTC: 22:30 WIB, 23:30 WITA, 00:30 WIT on 1 Jan 2025.
    let at = ts("2024-12-31T15:30:00Z");
    let old_year = all_periods(date(2024, 12, 31), 4, 2);
    let new_year = all_periods(date(2025, 1, 1), 1, 1);
    assert_eq!(periods_of(&Calendar::wib(), at), old_year);
    assert_eq!(periods_of(&Calendar::wita(), at), old_year);
    assert_eq!(periods_of(&Calendar::wit(), at), new_year);
    // An hour earlier it is still 2024 in WIT; an hour later 2025 in WITA too.
    let earlier = ts("2024-12-31T14:30:00Z");
    assert_eq!(periods_of(&Calendar::wit(), earlier), old_year);
    let later = ts("2024-12-31T16:30:00Z");
    assert_eq!(periods_of(&Calendar::wita(), later), new_year);
    assert_eq!(periods_of(&Calendar::wib(), later), old_year);
    let latest = ts("2024-12-31T17:00:00Z");
    assert_eq!(periods_of(&Calendar::wib(), latest), new_year);
}

#[test]
fn periods_at_quarter_and_month_ends_in_each_zone() {
    // 31 March 16:30 UTC: WIB 23:30 (Q1), WITA and WIT 1 April (Q2).
    let at = ts("2025-03-31T16:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wib(), at),
        all_periods(date(2025, 3, 31), 1, 1)
    );
    for cal in [Calendar::wita(), Calendar::wit()] {
        assert_eq!(periods_of(&cal, at), all_periods(date(2025, 4, 1), 2, 1));
    }
    // 30 June 16:30 UTC: semester 1 in WIB, semester 2 and Q3 in WITA and WIT.
    let at = ts("2025-06-30T16:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wib(), at),
        all_periods(date(2025, 6, 30), 2, 1)
    );
    for cal in [Calendar::wita(), Calendar::wit()] {
        assert_eq!(periods_of(&cal, at), all_periods(date(2025, 7, 1), 3, 2));
    }
    // 30 September 15:30 UTC: Q3 in WIB and WITA, Q4 in WIT.
    let at = ts("2025-09-30T15:30:00Z");
    for cal in [Calendar::wib(), Calendar::wita()] {
        assert_eq!(periods_of(&cal, at), all_periods(date(2025, 9, 30), 3, 2));
    }
    assert_eq!(
        periods_of(&Calendar::wit(), at),
        all_periods(date(2025, 10, 1), 4, 2)
    );
    // 28 February 2025 (not a leap year) becomes 1 March in the east.
    let at = ts("2025-02-28T15:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wita(), at),
        all_periods(date(2025, 2, 28), 1, 1)
    );
    assert_eq!(
        periods_of(&Calendar::wit(), at),
        all_periods(date(2025, 3, 1), 1, 1)
    );
    // In a leap year it becomes the 29th.
    let at = ts("2024-02-28T15:30:00Z");
    assert_eq!(
        periods_of(&Calendar::wit(), at),
        all_periods(date(2024, 2, 29), 1, 1)
    );
}

#[test]
fn every_month_maps_to_its_quarter_and_semester() {
    for month in 1..=12u8 {
        for (cal, offset) in zones() {
            let at = local((2025, month, 15), "12:00:00", offset);
            let quarter = (month - 1) / 3 + 1;
            let semester = if month <= 6 { 1 } else { 2 };
            assert_eq!(
                periods_of(&cal, at),
                all_periods(date(2025, month, 15), quarter, semester)
            );
        }
    }
}

#[test]
fn period_display() {
    assert_eq!(Period::Day(date(2025, 3, 4)).to_string(), "2025-03-04");
    assert_eq!(
        Period::Month {
            year: 2025,
            month: 3
        }
        .to_string(),
        "2025-03"
    );
    assert_eq!(
        Period::Month {
            year: 2025,
            month: 12
        }
        .to_string(),
        "2025-12"
    );
    assert_eq!(
        Period::Triwulan {
            year: 2025,
            quarter: 1
        }
        .to_string(),
        "2025-Q1"
    );
    assert_eq!(
        Period::Semester {
            year: 2025,
            semester: 2
        }
        .to_string(),
        "2025-S2"
    );
    assert_eq!(Period::Year(2025).to_string(), "2025");
    assert_eq!(Period::Year(5).to_string(), "0005");
    assert_eq!(Period::Month { year: 5, month: 1 }.to_string(), "0005-01");
}

#[test]
fn periods_of_one_granularity_sort_chronologically() {
    let mut months = [
        Period::Month {
            year: 2025,
            month: 1,
        },
        Period::Month {
            year: 2024,
            month: 12,
        },
        Period::Month {
            year: 2025,
            month: 10,
        },
        Period::Month {
            year: 2025,
            month: 2,
        },
    ];
    months.sort();
    let shown: Vec<String> = months.iter().map(Period::to_string).collect();
    assert_eq!(shown, ["2024-12", "2025-01", "2025-02", "2025-10"]);

    let mut quarters = [
        Period::Triwulan {
            year: 2025,
            quarter: 1,
        },
        Period::Triwulan {
            year: 2024,
            quarter: 4,
        },
        Period::Triwulan {
            year: 2024,
            quarter: 2,
        },
    ];
    quarters.sort();
    let shown: Vec<String> = quarters.iter().map(Period::to_string).collect();
    assert_eq!(shown, ["2024-Q2", "2024-Q4", "2025-Q1"]);

    assert!(
        Period::Semester {
            year: 2024,
            semester: 2
        } < Period::Semester {
            year: 2025,
            semester: 1
        }
    );
    assert!(Period::Year(2024) < Period::Year(2025));
    assert!(Period::Day(date(2024, 12, 31)) < Period::Day(date(2025, 1, 1)));

    // Periods computed from sorted instants come out sorted.
    let cal = Calendar::wit();
    let instants = [
        "2024-11-30T20:00:00Z",
        "2024-12-31T15:30:00Z",
        "2025-03-31T15:00:00Z",
    ];
    let periods: Vec<Period> = instants
        .iter()
        .map(|t| cal.period(ts(t), Granularity::Triwulan).unwrap())
        .collect();
    assert!(periods.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        periods.iter().map(Period::to_string).collect::<Vec<_>>(),
        ["2024-Q4", "2025-Q1", "2025-Q2"]
    );
}

// =============================================================================================
// Money
// =============================================================================================

#[test]
fn money_parse() {
    assert_eq!("15000".parse::<Money>().unwrap(), Money::new(15_000));
    assert_eq!(" 15000 ".parse::<Money>().unwrap(), Money::new(15_000));
    assert_eq!("0".parse::<Money>().unwrap(), Money::ZERO);
    assert_eq!("-0".parse::<Money>().unwrap(), Money::ZERO);
    assert_eq!("007".parse::<Money>().unwrap(), Money::new(7));
    assert_eq!(
        "18446744073709551615".parse::<Money>().unwrap(),
        Money::new(u64::MAX)
    );
    assert_eq!(
        Money::parse_field("paid", "20000").unwrap(),
        Money::new(20_000)
    );
    assert_eq!(Money::try_from_i64("paid", 0).unwrap(), Money::ZERO);
    assert_eq!(
        Money::try_from_i64("paid", i64::MAX).unwrap().units(),
        i64::MAX as u64
    );
}

#[test]
fn money_display_groups_thousands() {
    for (units, text) in [
        (0, "Rp 0"),
        (5, "Rp 5"),
        (999, "Rp 999"),
        (1_000, "Rp 1.000"),
        (15_000, "Rp 15.000"),
        (100_000, "Rp 100.000"),
        (1_500_000, "Rp 1.500.000"),
        (u64::MAX, "Rp 18.446.744.073.709.551.615"),
    ] {
        assert_eq!(Money::new(units).to_string(), text);
    }
    // Width and alignment are honoured.
    assert_eq!(format!("{:>12}", Money::new(15_000)), "   Rp 15.000");
    assert_eq!(format!("{:<12}|", Money::new(15_000)), "Rp 15.000   |");
}

#[test]
fn money_arithmetic_is_checked() {
    let fee = Money::new(15_000);
    let paid = Money::new(20_000);
    assert_eq!(paid.checked_sub(fee), Some(Money::new(5_000)));
    assert_eq!(fee.checked_sub(paid), None);
    assert_eq!(fee.checked_sub(fee), Some(Money::ZERO));
    assert_eq!(fee.checked_add(paid), Some(Money::new(35_000)));
    assert_eq!(Money::new(u64::MAX).checked_add(Money::new(1)), None);
    assert_eq!(
        Money::new(u64::MAX).checked_add(Money::ZERO),
        Some(Money::new(u64::MAX))
    );
    assert!(Money::ZERO.is_zero());
    assert!(Money::default().is_zero());
    assert!(!fee.is_zero());
    assert_eq!(fee.units(), 15_000);
    assert!(fee < paid);
}

proptest! {
    #[test]
    fn money_parses_its_units(units in any::<u64>()) {
        prop_assert_eq!(units.to_string().parse::<Money>().unwrap(), Money::new(units));
        // Display strips the grouping dots back to the digits.
        let shown = Money::new(units).to_string();
        let digits: String = shown.trim_start_matches("Rp ").chars().filter(|c| *c != '.').collect();
        prop_assert_eq!(digits, units.to_string());
    }
}

// =============================================================================================
// Completion, ServiceStandard, Standards
// =============================================================================================

#[test]
fn completion_parse() {
    for (text, expected) in [
        ("90m", Completion::Within(TimeSpan::from_minutes(90))),
        ("90min", Completion::Within(TimeSpan::from_minutes(90))),
        ("2h", Completion::Within(TimeSpan::from_hours(2))),
        ("0m", Completion::Within(TimeSpan::from_millis(0))),
        ("14wd", Completion::WorkingDays(14)),
        ("14hk", Completion::WorkingDays(14)),
        (" 14wd ", Completion::WorkingDays(14)),
        ("4294967295wd", Completion::WorkingDays(u32::MAX)),
    ] {
        assert_eq!(text.parse::<Completion>().unwrap(), expected, "{text}");
    }
    for text in [
        "14x",
        "14",
        "wd",
        "14 wd",
        "14WD",
        "-1wd",
        "4294967296wd",
        "1.5h",
        "90sec",
    ] {
        assert!(
            matches!(text.parse::<Completion>(), Err(Error::Parse { .. })),
            "{text}"
        );
    }
}

#[test]
fn completion_display_round_trips() {
    for (completion, text) in [
        (Completion::Within(TimeSpan::from_minutes(90)), "90m"),
        (Completion::Within(TimeSpan::from_hours(2)), "120m"),
        (Completion::Within(TimeSpan::from_millis(0)), "0m"),
        (Completion::WorkingDays(14), "14wd"),
        (Completion::WorkingDays(0), "0wd"),
    ] {
        assert_eq!(completion.to_string(), text);
        assert_eq!(text.parse::<Completion>().unwrap(), completion);
    }
    for text in ["90m", "2h", "14wd", "14hk", "90min"] {
        let c: Completion = text.parse().unwrap();
        assert_eq!(c.to_string().parse::<Completion>().unwrap(), c, "{text}");
    }
}

/// A span that is not a whole number of minutes displays in seconds (`90s`) and parses back.
#[test]
fn completion_display_of_seconds_round_trips() {
    let c = Completion::Within(TimeSpan::from_seconds(90));
    assert_eq!(c.to_string().parse::<Completion>().unwrap(), c);
}

#[test]
fn service_standards() {
    let ktp = ServiceStandard::new("ktp-el", Money::ZERO).unwrap();
    assert_eq!(ktp.service(), "ktp-el");
    assert!(ktp.tariff().is_free());
    assert_eq!(ktp.completion(), None);
    assert_eq!(ktp.max_wait(), None);
    let ktp = ktp
        .with_completion("60m".parse().unwrap())
        .with_max_wait(TimeSpan::from_minutes(30));
    assert_eq!(
        ktp.completion(),
        Some(Completion::Within(TimeSpan::from_minutes(60)))
    );
    assert_eq!(ktp.max_wait(), Some(TimeSpan::from_minutes(30)));

    let paspor = ServiceStandard::new("paspor", Money::new(350_000))
        .unwrap()
        .with_completion(Completion::WorkingDays(4));
    let mut standards: Standards = [paspor.clone(), ktp.clone()].into_iter().collect();
    assert_eq!(standards.len(), 2);
    assert!(!standards.is_empty());
    assert_eq!(standards.get("ktp-el").unwrap(), &ktp);
    assert_eq!(
        standards.get("paspor").unwrap().tariff(),
        Tariff::Fixed(Money::new(350_000))
    );
    // Iteration is by service name.
    let names: Vec<&str> = standards.iter().map(ServiceStandard::service).collect();
    assert_eq!(names, ["ktp-el", "paspor"]);
    // Inserting the same service replaces it.
    let cheaper = ServiceStandard::new("paspor", Money::new(300_000)).unwrap();
    standards.insert(cheaper.clone());
    assert_eq!(standards.len(), 2);
    assert_eq!(standards.get("paspor").unwrap(), &cheaper);
    // Extend and the Vec conversions.
    standards.extend([ServiceStandard::new("akta", Money::ZERO).unwrap()]);
    assert_eq!(standards.len(), 3);
    let list: Vec<ServiceStandard> = standards.clone().into();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].service(), "akta");
    assert_eq!(Standards::from(list), standards);
    assert!(Standards::new().is_empty());
    assert_eq!(Standards::default(), Standards::new());
}

// =============================================================================================
// Interaction
// =============================================================================================

#[test]
fn interaction_builder_and_durations() {
    let visit = Interaction::builder("ktp-el", "kel-sukamaju", ts("2025-03-04T08:15:00+07:00"))
        .id("A-001")
        .channel("loket")
        .started_at(ts("2025-03-04T08:32:00+07:00"))
        .finished_at(ts("2025-03-04T08:50:30+07:00"))
        .official_fee(Money::ZERO)
        .paid(Money::new(20_000))
        .recommend(3)
        .build()
        .unwrap();
    assert_eq!(visit.id(), Some("A-001"));
    assert_eq!(visit.service(), "ktp-el");
    assert_eq!(visit.unit(), "kel-sukamaju");
    assert_eq!(visit.channel(), Some("loket"));
    assert_eq!(visit.arrived_at(), ts("2025-03-04T01:15:00Z"));
    assert_eq!(visit.started_at(), Some(ts("2025-03-04T01:32:00Z")));
    assert_eq!(visit.finished_at(), Some(ts("2025-03-04T01:50:30Z")));
    assert_eq!(visit.official_fee(), Some(Money::ZERO));
    assert_eq!(visit.paid(), Some(Money::new(20_000)));
    assert_eq!(visit.recommend(), Some(3));
    assert_eq!(visit.skm(), None);
    assert_eq!(visit.empathy(), None);
    assert_eq!(visit.wait(), Some(TimeSpan::from_minutes(17)));
    assert_eq!(
        visit.service_time(),
        Some(TimeSpan::from_seconds(18 * 60 + 30))
    );
    assert_eq!(
        visit.turnaround(),
        Some(TimeSpan::from_seconds(35 * 60 + 30))
    );
    assert_eq!(visit.wait().unwrap().to_string(), "17m");
    assert_eq!(visit.turnaround().unwrap().to_string(), "35m 30s");
}

#[test]
fn interaction_with_missing_times() {
    let arrived = ts("2025-03-04T08:15:00+07:00");
    let bare = Interaction::builder("ktp-el", "kel-sukamaju", arrived)
        .build()
        .unwrap();
    assert_eq!(bare.id(), None);
    assert_eq!(bare.channel(), None);
    assert_eq!(bare.wait(), None);
    assert_eq!(bare.service_time(), None);
    assert_eq!(bare.turnaround(), None);
    assert_eq!(bare.recommend(), None);
    assert_eq!(bare.paid(), None);
    // Finished without a recorded start: only the turnaround is known.
    let finished = Interaction::builder("ktp-el", "kel-sukamaju", arrived)
        .finished_at(ts("2025-03-04T09:15:00+07:00"))
        .build()
        .unwrap();
    assert_eq!(finished.wait(), None);
    assert_eq!(finished.service_time(), None);
    assert_eq!(finished.turnaround(), Some(TimeSpan::from_hours(1)));
    // Started but not finished.
    let started = Interaction::builder("ktp-el", "kel-sukamaju", arrived)
        .started_at(ts("2025-03-04T08:20:00+07:00"))
        .build()
        .unwrap();
    assert_eq!(started.wait(), Some(TimeSpan::from_minutes(5)));
    assert_eq!(started.service_time(), None);
    assert_eq!(started.turnaround(), None);
}

#[test]
fn interaction_validation() {
    let arrived = ts("2025-03-04T08:15:00+07:00");
    let b = || Interaction::builder("ktp-el", "kel-sukamaju", arrived);
    // Equal times are fine: served at once, done at once.
    let instant = b()
        .started_at(arrived)
        .finished_at(arrived)
        .build()
        .unwrap();
    assert_eq!(instant.wait(), Some(TimeSpan::from_millis(0)));
    assert_eq!(instant.turnaround(), Some(TimeSpan::from_millis(0)));
    // Recommend 0 and 10 are the ends of the scale.
    assert_eq!(b().recommend(0).build().unwrap().recommend(), Some(0));
    assert_eq!(b().recommend(10).build().unwrap().recommend(), Some(10));
    assert!(matches!(
        b().recommend(11).build(),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        b().recommend(-1).build(),
        Err(Error::OutOfRange { .. })
    ));
    // Times are checked.
    let early = Timestamp::from_unix_millis(arrived.unix_millis() - 1);
    assert!(matches!(
        b().started_at(early).build(),
        Err(Error::StartedBeforeArrived { .. })
    ));
    assert!(matches!(
        b().finished_at(early).build(),
        Err(Error::FinishedBeforeStarted { .. })
    ));
    let later = ts("2025-03-04T08:30:00+07:00");
    assert!(matches!(
        b().started_at(later).finished_at(arrived).build(),
        Err(Error::FinishedBeforeStarted { .. })
    ));
    // Names must not be blank, but are kept as given.
    assert!(matches!(
        Interaction::builder(" ", "u", arrived).build(),
        Err(Error::Empty { .. })
    ));
    let spaced = Interaction::builder(" ktp-el ", "u", arrived)
        .build()
        .unwrap();
    assert_eq!(spaced.service(), " ktp-el ");
    // A direct empathy rating on a declared scale.
    let rating = RatingScale::new(1, 5).unwrap().rating(4).unwrap();
    let rated = b().empathy(rating).build().unwrap();
    assert_eq!(rated.empathy(), Some(rating));
    // SKM answers travel with the visit.
    let skm = layanan::Instrument::permenpanrb_14_2017();
    let answers = skm.answers().set("perilaku", 4).unwrap().build();
    let surveyed = b().skm(answers.clone()).build().unwrap();
    assert_eq!(surveyed.skm(), Some(&answers));
}

// =============================================================================================
// RatingScale, Respondent, categories
// =============================================================================================

#[test]
fn rating_scales() {
    let five = RatingScale::new(1, 5).unwrap();
    assert_eq!((five.min(), five.max()), (1, 5));
    for v in 1..=5 {
        let r = five.rating(v).unwrap();
        assert_eq!(i64::from(r.value()), v);
        assert_eq!(r.scale(), five);
    }
    assert!(five.rating(0).is_err());
    assert!(five.rating(6).is_err());
    assert!(five.rating(i64::MIN).is_err());
    let eleven = RatingScale::new(0, 10).unwrap();
    assert_eq!(eleven.rating(0).unwrap().value(), 0);
    assert_eq!(eleven.rating(10).unwrap().value(), 10);
    assert!(RatingScale::new(0, 255).unwrap().rating(255).is_ok());
    assert!(RatingScale::new(5, 5).is_err());
    assert!(RatingScale::new(5, 4).is_err());
    // No scale can start at 255: the error's range is then empty.
    let err = RatingScale::new(255, 255).unwrap_err();
    assert!(matches!(err, Error::OutOfRange { .. }));
}

#[test]
fn respondent_age_bands() {
    for (age, band) in [
        (0, AgeBand::Under20),
        (19, AgeBand::Under20),
        (20, AgeBand::From20To29),
        (29, AgeBand::From20To29),
        (30, AgeBand::From30To39),
        (39, AgeBand::From30To39),
        (40, AgeBand::From40To49),
        (49, AgeBand::From40To49),
        (50, AgeBand::From50To59),
        (59, AgeBand::From50To59),
        (60, AgeBand::From60),
        (120, AgeBand::From60),
    ] {
        let r = Respondent::default().with_age(age).unwrap();
        assert_eq!(r.age(), Some(age as u8));
        assert_eq!(r.age_band(), Some(band), "{age}");
    }
    assert!(Respondent::default().with_age(121).is_err());
    assert!(Respondent::default().with_age(150).is_err());
    assert!(Respondent::default().with_age(-1).is_err());
    assert_eq!(Respondent::default().age_band(), None);
    let labels: Vec<String> = [
        AgeBand::Under20,
        AgeBand::From20To29,
        AgeBand::From30To39,
        AgeBand::From40To49,
        AgeBand::From50To59,
        AgeBand::From60,
    ]
    .iter()
    .map(AgeBand::to_string)
    .collect();
    assert_eq!(labels, ["<20", "20-29", "30-39", "40-49", "50-59", "60+"]);
    assert_eq!(format!("{:>5}", AgeBand::From60), "  60+");
}

#[test]
fn respondent_profile() {
    let r = Respondent::default()
        .with_gender("P".parse().unwrap())
        .with_age(34)
        .unwrap()
        .with_education("SLTA".parse().unwrap())
        .with_occupation("ASN".parse().unwrap());
    assert_eq!(r.gender(), Some(Gender::Perempuan));
    assert_eq!(r.age_band(), Some(AgeBand::From30To39));
    assert_eq!(r.education(), Some(Education::Sma));
    assert_eq!(r.occupation(), Some(Occupation::Pns));
    let blank = Respondent::default();
    assert_eq!(
        (
            blank.gender(),
            blank.age(),
            blank.education(),
            blank.occupation()
        ),
        (None, None, None, None)
    );
}

#[test]
fn category_labels_and_aliases() {
    for (text, expected) in [
        ("SD", Education::Sd),
        ("smp", Education::Smp),
        ("SLTP", Education::Smp),
        ("SMA", Education::Sma),
        ("SLTA", Education::Sma),
        ("slta", Education::Sma),
        ("SMK", Education::Sma),
        ("D1", Education::D3),
        ("D2", Education::D3),
        ("D3", Education::D3),
        ("D4", Education::D3),
        ("Diploma", Education::D3),
        (" s1 ", Education::S1),
        ("S2", Education::S2),
        ("S3", Education::S3),
    ] {
        assert_eq!(text.parse::<Education>().unwrap(), expected, "{text}");
    }
    for (text, expected) in [
        ("PNS", Occupation::Pns),
        ("ASN", Occupation::Pns),
        ("asn", Occupation::Pns),
        ("TNI", Occupation::Tni),
        ("Polri", Occupation::Polri),
        ("swasta", Occupation::Swasta),
        ("Wirausaha", Occupation::Wirausaha),
        ("wiraswasta", Occupation::Wirausaha),
        ("LAINNYA", Occupation::Lainnya),
        ("lain-lain", Occupation::Lainnya),
        ("other", Occupation::Lainnya),
    ] {
        assert_eq!(text.parse::<Occupation>().unwrap(), expected, "{text}");
    }
    for (text, expected) in [
        ("L", Gender::LakiLaki),
        ("l", Gender::LakiLaki),
        ("Laki-laki", Gender::LakiLaki),
        ("male", Gender::LakiLaki),
        ("M", Gender::LakiLaki),
        ("P", Gender::Perempuan),
        ("perempuan", Gender::Perempuan),
        ("Female", Gender::Perempuan),
        ("f", Gender::Perempuan),
    ] {
        assert_eq!(text.parse::<Gender>().unwrap(), expected, "{text}");
    }
    // Labels print canonically and parse back.
    for e in [
        Education::Sd,
        Education::Smp,
        Education::Sma,
        Education::D3,
        Education::S1,
        Education::S2,
        Education::S3,
    ] {
        assert_eq!(e.to_string(), e.label());
        assert_eq!(e.label().parse::<Education>().unwrap(), e);
    }
    assert_eq!(Education::Sma.to_string(), "SMA");
    assert_eq!(Occupation::Pns.to_string(), "PNS");
    assert_eq!(Occupation::Wirausaha.label(), "WIRAUSAHA");
    assert_eq!(Gender::LakiLaki.to_string(), "L");
    assert_eq!(Gender::Perempuan.label(), "P");
    assert_eq!(format!("{:<4}|", Gender::Perempuan), "P   |");
    assert_eq!("SLTA ".parse::<Education>().unwrap(), Education::Sma);
    assert!("SMA2".parse::<Education>().is_err());
    assert!("X".parse::<Gender>().is_err());
    assert!("".parse::<Occupation>().is_err());
}

// =============================================================================================
// Weight
// =============================================================================================

#[test]
fn weight_parse_and_display() {
    for (text, (n, d), shown) in [
        ("1/9", (1, 9), "1/9"),
        (" 1 / 9 ", (1, 9), "1/9"),
        ("2/18", (1, 9), "1/9"),
        ("1/14", (1, 14), "1/14"),
        ("0.111", (111, 1000), "0.111"),
        ("0.11", (11, 100), "0.11"),
        ("0.071", (71, 1000), "0.071"),
        ("1", (1, 1), "1"),
        ("1.0", (1, 1), "1"),
        ("1/1", (1, 1), "1"),
        ("0.5", (1, 2), "1/2"),
        ("0.25", (1, 4), "1/4"),
        ("0.1", (1, 10), "0.1"),
        ("0.10", (1, 10), "0.1"),
        ("0.05", (1, 20), "1/20"),
        ("0.001", (1, 1000), "0.001"),
        ("0.000000001", (1, 1_000_000_000), "0.000000001"),
        ("0.123456789", (123_456_789, 1_000_000_000), "0.123456789"),
        ("3/10", (3, 10), "0.3"),
    ] {
        let w: Weight = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((w.numerator(), w.denominator()), (n, d), "{text}");
        assert_eq!(w, Weight::new(n, d).unwrap());
        assert_eq!(w.to_string(), shown, "{text}");
        assert_eq!(shown.parse::<Weight>().unwrap(), w);
    }
    assert!((Weight::new(1, 9).unwrap().to_f64() - 1.0 / 9.0).abs() < 1e-16);
    assert_eq!(Weight::equal_share(9).unwrap(), Weight::new(1, 9).unwrap());
    assert_eq!(
        Weight::equal_share(14).unwrap(),
        Weight::new(1, 14).unwrap()
    );
    assert_eq!(Weight::equal_share(1).unwrap(), Weight::new(1, 1).unwrap());
    assert_eq!(
        Weight::new(u32::MAX, u32::MAX).unwrap(),
        Weight::new(1, 1).unwrap()
    );
}

/// Weights order by value: 1/3 < 1/2 and 0.111 < 1/9 = 0.1111…
#[test]
fn weights_order_by_value() {
    let half = Weight::new(1, 2).unwrap();
    let third = Weight::new(1, 3).unwrap();
    let printed: Weight = "0.111".parse().unwrap();
    let ninth = Weight::new(1, 9).unwrap();
    assert!(third < half);
    assert!(printed < ninth);
}

proptest! {
    #[test]
    fn weights_display_then_parse(d in 1u32.., n_frac in 0.0f64..1.0) {
        let n = ((f64::from(d) * n_frac) as u32).max(1);
        let w = Weight::new(n, d).unwrap();
        prop_assert_eq!(w.to_string().parse::<Weight>().unwrap(), w);
        prop_assert!(w.to_f64() > 0.0 && w.to_f64() <= 1.0);
    }
}

// =============================================================================================
// serde
// =============================================================================================

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use layanan::prelude::*;
    use layanan::stats::{CronbachAlpha, IntervalMethod};
    use layanan::{
        Compatibility, Element, ElementScore, GradeBands, Instrument, InteractionBuilder, Interval,
        Level, Mutu, NrrRounding, PrintedIndex, Rating, SampleAdequacy, SkmAnswers, SkmOptions,
        SkmReport, SkmResponse, SkmTally,
    };
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    /// Serialises `value`, checks it deserialises to an equal value (from a `Value` and from
    /// text), and returns the JSON.
    #[track_caller]
    fn round_trip<T>(value: &T) -> Value
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let json = serde_json::to_value(value).unwrap();
        let back: T =
            serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(&back, value);
        let text = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&text).unwrap();
        assert_eq!(&back, value);
        json
    }

    /// Like [`round_trip`] but through JSON text only. A `serde_json::Value` keeps object keys
    /// sorted, which reorders [`SkmAnswers`]; see `answers_survey_a_value_round_trip`.
    #[track_caller]
    fn round_trip_text<T>(value: &T) -> Value
    where
        T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let text = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(&back, value);
        serde_json::to_value(value).unwrap()
    }

    /// Like [`round_trip`] for types holding floats: serde_json without its `float_roundtrip`
    /// feature may parse a float one ulp off, so numbers are compared to 1e-15 relative.
    #[track_caller]
    fn round_trip_close<T>(value: &T) -> Value
    where
        T: Serialize + DeserializeOwned + std::fmt::Debug,
    {
        let json = serde_json::to_value(value).unwrap();
        let text = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_close(&serde_json::to_value(&back).unwrap(), &json, "");
        let back: T = serde_json::from_value(json.clone()).unwrap();
        assert_close(&serde_json::to_value(&back).unwrap(), &json, "");
        json
    }

    #[track_caller]
    fn assert_close(a: &Value, b: &Value, path: &str) {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                assert!(
                    (x - y).abs() <= 1e-15 * x.abs().max(y.abs()),
                    "{path}: {x} != {y}"
                );
            }
            (Value::Array(xs), Value::Array(ys)) => {
                assert_eq!(xs.len(), ys.len(), "{path}");
                for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                    assert_close(x, y, &format!("{path}[{i}]"));
                }
            }
            (Value::Object(xs), Value::Object(ys)) => {
                assert_eq!(
                    xs.keys().collect::<Vec<_>>(),
                    ys.keys().collect::<Vec<_>>(),
                    "{path}"
                );
                for (k, x) in xs {
                    assert_close(x, &ys[k], &format!("{path}.{k}"));
                }
            }
            _ => assert_eq!(a, b, "{path}"),
        }
    }

    /// Checks that `json` is rejected with a message containing `message`.
    #[track_caller]
    fn rejects<T: DeserializeOwned + std::fmt::Debug>(json: Value, message: &str) {
        let result = serde_json::from_value::<T>(json.clone());
        let err = result.expect_err(&format!("{json} should be rejected"));
        assert!(
            err.to_string().contains(message),
            "{json}: `{err}` does not contain `{message}`"
        );
    }

    fn report() -> SkmReport {
        let skm = Instrument::permenpanrb_14_2017();
        let mut tally = SkmTally::new(skm.clone());
        for row in [
            [
                Some(4),
                Some(3),
                Some(3),
                Some(4),
                Some(3),
                Some(4),
                Some(4),
                Some(3),
                Some(3),
            ],
            [
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(3),
                Some(3),
                Some(3),
                Some(3),
                None,
            ],
            [
                Some(4),
                Some(4),
                Some(3),
                Some(4),
                Some(4),
                Some(4),
                Some(4),
                Some(3),
                Some(2),
            ],
            [
                Some(2),
                Some(3),
                Some(3),
                Some(3),
                Some(4),
                Some(3),
                Some(4),
                Some(2),
                Some(3),
            ],
        ] {
            tally
                .push_answers(&SkmAnswers::from_values(&skm, &row).unwrap())
                .unwrap();
        }
        let options = SkmOptions::default()
            .with_level(Level::new(0.9).unwrap())
            .with_printed(
                Compatibility::printed_weight("0.111".parse().unwrap())
                    .with_nrr(NrrRounding::Round(2)),
            )
            .with_population(100);
        tally.report_with(&options).unwrap()
    }

    #[test]
    fn time_types() {
        let t = ts("2025-03-04T08:15:00.123+07:00");
        assert_eq!(round_trip(&t), json!(1_741_050_900_123i64));
        round_trip(&Timestamp::from_unix_millis(i64::MIN));
        round_trip(&Timestamp::from_unix_millis(i64::MAX));
        assert_eq!(round_trip(&TimeSpan::from_minutes(90)), json!(5_400_000));
        round_trip(&TimeSpan::from_millis(u64::MAX));
        assert_eq!(round_trip(&date(2025, 8, 17)), json!("2025-08-17"));
        assert_eq!(round_trip(&date(0, 1, 1)), json!("0000-01-01"));
        assert_eq!(round_trip(&Weekday::Sunday), json!("Sunday"));
        rejects::<Date>(json!("2025-02-30"), "day must be between 1 and 28, got 30");
        rejects::<Date>(
            json!("2025-13-01"),
            "month must be between 1 and 12, got 13",
        );
        rejects::<Date>(json!("17/08/2025"), "date: cannot parse `17/08/2025`");
        rejects::<Date>(json!(20_317), "invalid type");
        rejects::<TimeSpan>(json!(-1), "invalid value");
    }

    #[test]
    fn calendars() {
        for cal in [
            Calendar::wib(),
            Calendar::wita().with_holidays(holidays_2025()),
            Calendar::wit().with_weekend([Weekday::Friday]).unwrap(),
            Calendar::new(-210).unwrap().with_weekend([]).unwrap(),
        ] {
            round_trip(&cal);
        }
        let json = round_trip(&Calendar::wib().with_holidays([date(2025, 8, 17)]));
        assert_eq!(
            json,
            json!({"offset_minutes": 420, "weekend": ["Saturday", "Sunday"], "holidays": ["2025-08-17"]})
        );
        rejects::<Calendar>(
            json!({"offset_minutes": 2000, "weekend": [], "holidays": []}),
            "utc offset minutes must be between -1080 and 1080, got 2000",
        );
        rejects::<Calendar>(
            json!({"offset_minutes": 420, "weekend": [], "holidays": ["2025-02-29"]}),
            "day must be between 1 and 28, got 29",
        );
        rejects::<Calendar>(
            json!({"offset_minutes": 420, "weekend": ["Caturday"], "holidays": []}),
            "unknown variant",
        );
        // Unsorted, repeated holidays are normalised on the way in.
        let cal: Calendar = serde_json::from_value(json!({
            "offset_minutes": 480, "weekend": ["Sunday", "Saturday", "Sunday"],
            "holidays": ["2025-12-25", "2025-01-01", "2025-12-25"]
        }))
        .unwrap();
        assert_eq!(
            cal,
            Calendar::wita().with_holidays([date(2025, 1, 1), date(2025, 12, 25)])
        );
    }

    #[test]
    fn periods_and_granularities() {
        for period in [
            Period::Day(date(2025, 3, 4)),
            Period::Month {
                year: 2025,
                month: 3,
            },
            Period::Triwulan {
                year: 2025,
                quarter: 1,
            },
            Period::Semester {
                year: 2025,
                semester: 2,
            },
            Period::Year(2025),
        ] {
            round_trip(&period);
        }
        assert_eq!(round_trip(&Period::Year(2025)), json!({"Year": 2025}));
        assert_eq!(
            round_trip(&Period::Day(date(2025, 3, 4))),
            json!({"Day": "2025-03-04"})
        );
        for g in [
            Granularity::Day,
            Granularity::Month,
            Granularity::Triwulan,
            Granularity::Semester,
            Granularity::Year,
        ] {
            round_trip(&g);
        }
        assert_eq!(round_trip(&Granularity::Triwulan), json!("Triwulan"));
        rejects::<Period>(json!({"Day": "2025-02-29"}), "day must be between 1 and 28");
    }

    #[test]
    fn money_and_standards() {
        assert_eq!(round_trip(&Money::new(15_000)), json!(15_000));
        round_trip(&Money::new(u64::MAX));
        rejects::<Money>(json!(-1), "invalid value");
        for c in [
            Completion::Within(TimeSpan::from_minutes(90)),
            Completion::WorkingDays(14),
        ] {
            round_trip(&c);
        }
        let ktp = ServiceStandard::new("ktp-el", Money::ZERO)
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(30));
        let json = round_trip(&ktp);
        assert_eq!(json["service"], json!("ktp-el"));
        round_trip(&ServiceStandard::new("akta", Money::new(1)).unwrap());
        let standards: Standards = [
            ktp.clone(),
            ServiceStandard::new("paspor", Money::new(350_000))
                .unwrap()
                .with_completion(Completion::WorkingDays(4)),
        ]
        .into_iter()
        .collect();
        let json = round_trip(&standards);
        assert!(json["services"].is_array());
        assert_eq!(json["calendars"]["default"]["offset_minutes"], json!(420));
        round_trip(&Standards::new());
        let mut blank = serde_json::to_value(&ktp).unwrap();
        blank["service"] = json!("  ");
        rejects::<ServiceStandard>(blank.clone(), "service must not be empty");
        rejects::<Standards>(json!({ "services": [blank] }), "service must not be empty");
        let mut negative = serde_json::to_value(&ktp).unwrap();
        negative["tariff"] = json!({ "Fixed": -5 });
        rejects::<ServiceStandard>(negative, "invalid value");
    }

    #[test]
    fn ratings() {
        let five = RatingScale::new(1, 5).unwrap();
        assert_eq!(round_trip(&five), json!([1, 5]));
        let rating = five.rating(4).unwrap();
        assert_eq!(round_trip(&rating), json!({"value": 4, "scale": [1, 5]}));
        rejects::<RatingScale>(
            json!([5, 5]),
            "rating scale max must be between 6 and 255, got 5",
        );
        rejects::<Rating>(
            json!({"value": 6, "scale": [1, 5]}),
            "rating must be between 1 and 5, got 6",
        );
        rejects::<Rating>(
            json!({"value": -1, "scale": [1, 5]}),
            "rating must be between 1 and 5, got -1",
        );
        rejects::<Rating>(
            json!({"value": 3, "scale": [5, 1]}),
            "rating scale max must be between 6 and 255, got 1",
        );
    }

    fn visit() -> Interaction {
        let skm = Instrument::permenpanrb_14_2017();
        Interaction::builder("ktp-el", "kel-sukamaju", ts("2025-03-04T08:15:00+07:00"))
            .id("A-001")
            .channel("loket")
            .started_at(ts("2025-03-04T08:32:00+07:00"))
            .finished_at(ts("2025-03-04T08:50:00+07:00"))
            .official_fee(Money::ZERO)
            .paid(Money::new(20_000))
            .skm(skm.answers().set("perilaku", 4).unwrap().build())
            .empathy(RatingScale::new(1, 5).unwrap().rating(5).unwrap())
            .recommend(9)
            .build()
            .unwrap()
    }

    #[test]
    fn interactions() {
        let json = round_trip_text(&visit());
        assert_eq!(json["arrived_at"], json!(1_741_050_900_000i64));
        assert_eq!(json["recommend"], json!(9));
        let bare = Interaction::builder("ktp-el", "u", Timestamp::from_unix_millis(0))
            .build()
            .unwrap();
        round_trip(&bare); // no answers: the Value route works
        // Optional fields may be left out entirely.
        let minimal: Interaction =
            serde_json::from_value(json!({"service": "ktp-el", "unit": "u", "arrived_at": 0}))
                .unwrap();
        assert_eq!(minimal, bare);
        // The builder itself round-trips too.
        let builder: InteractionBuilder = visit().into();
        round_trip_text(&builder);

        let mut finished_early = json.clone();
        finished_early["finished_at"] = json!(1_741_050_900_000i64 + 60_000);
        rejects::<Interaction>(
            finished_early,
            "finished_at 2025-03-04T01:16:00Z is before started_at 2025-03-04T01:32:00Z",
        );
        let mut started_early = json.clone();
        started_early["started_at"] = json!(0);
        rejects::<Interaction>(
            started_early,
            "started_at 1970-01-01T00:00:00Z is before arrived_at 2025-03-04T01:15:00Z",
        );
        let mut no_start = json.clone();
        no_start["started_at"] = Value::Null;
        no_start["finished_at"] = json!(0);
        rejects::<Interaction>(
            no_start,
            "finished_at 1970-01-01T00:00:00Z is before started_at 2025-03-04T01:15:00Z",
        );
        let mut blank = json.clone();
        blank["service"] = json!(" ");
        rejects::<Interaction>(blank, "service must not be empty");
        let mut blank = json.clone();
        blank["unit"] = json!("");
        rejects::<Interaction>(blank, "unit must not be empty");
        let mut recommend = json.clone();
        recommend["recommend"] = json!(11);
        rejects::<Interaction>(recommend, "recommend must be between 0 and 10, got 11");
        let mut empathy = json.clone();
        empathy["empathy"] = json!({"value": 6, "scale": [1, 5]});
        rejects::<Interaction>(empathy, "rating must be between 1 and 5, got 6");
        let mut skm = json.clone();
        skm["skm"] = json!({"perilaku": 5});
        rejects::<Interaction>(skm, "answer 5 to element `perilaku` is out of scale 1..=4");
        let mut paid = json;
        paid["paid"] = json!(-20_000);
        rejects::<Interaction>(paid, "invalid value");
        rejects::<Interaction>(
            json!({"service": "ktp-el", "unit": "u"}),
            "missing field `arrived_at`",
        );
    }

    #[test]
    fn instruments_and_elements() {
        let skm = Instrument::permenpanrb_14_2017();
        let json = round_trip(&skm);
        assert_eq!(json["name"], json!("PermenPANRB 14/2017"));
        assert_eq!(json["weights"][0], json!("1/9"));
        assert_eq!(json["elements"].as_array().unwrap().len(), 9);
        let old = Instrument::kepmenpan_25_2004();
        let json = round_trip(&old);
        assert_eq!(json["weights"][13], json!("1/14"));
        assert_eq!(
            json["bands"],
            json!({"a_from": 8126, "b_from": 6251, "c_from": 4376})
        );

        // A custom instrument: an extra element, reweighted, with other bands.
        let parkir = Element::new("parkir", "Parkir", "parking")
            .unwrap()
            .with_labels(["tidak ada", "sempit", "cukup", "luas"]);
        let extended = skm.clone().with_element(parkir.clone()).unwrap();
        let keys: Vec<String> = extended
            .elements()
            .iter()
            .map(|e| e.key().to_string())
            .collect();
        let mut weights: Vec<(&str, Weight)> = keys
            .iter()
            .map(|k| (k.as_str(), Weight::new(1, 12).unwrap()))
            .collect();
        weights[0].1 = Weight::new(1, 4).unwrap();
        let custom = extended
            .with_weights(&weights)
            .unwrap()
            .with_bands(GradeBands {
                a_from: 9000,
                b_from: 8000,
                c_from: 7000,
            });
        round_trip(&custom);
        let tiny = Instrument::new("satu", vec![Element::new("a", "A", "a").unwrap()]).unwrap();
        round_trip(&tiny);
        assert_eq!(
            round_trip(&parkir)["labels"],
            json!(["tidak ada", "sempit", "cukup", "luas"])
        );
        round_trip(&GradeBands::PERMENPANRB_14_2017);
        for m in [Mutu::A, Mutu::B, Mutu::C, Mutu::D] {
            round_trip(&m);
        }
        assert_eq!(round_trip(&Weight::new(1, 9).unwrap()), json!("1/9"));
        assert_eq!(round_trip(&Weight::new(111, 1000).unwrap()), json!("0.111"));
        assert_eq!(round_trip(&Weight::new(1, 1).unwrap()), json!("1"));

        let base = serde_json::to_value(&skm).unwrap();
        let mut uneven = base.clone();
        uneven["weights"][0] = json!("1/5");
        rejects::<Instrument>(uneven, "weights must sum to 1, got 49/45");
        let mut printed = base.clone();
        for w in printed["weights"].as_array_mut().unwrap() {
            *w = json!("0.111");
        }
        rejects::<Instrument>(printed, "weights must sum to 1, got 999/1000");
        let mut short = base.clone();
        short["weights"].as_array_mut().unwrap().pop();
        rejects::<Instrument>(short, "inconsistent instrument: 8 weights for 9 elements");
        let mut duplicate = base.clone();
        duplicate["elements"][1]["key"] = json!("persyaratan");
        rejects::<Instrument>(duplicate, "element `persyaratan` is given more than once");
        let mut nameless = base.clone();
        nameless["name"] = json!("");
        rejects::<Instrument>(nameless, "instrument name must not be empty");
        let mut empty = base.clone();
        empty["elements"] = json!([]);
        empty["weights"] = json!([]);
        rejects::<Instrument>(empty, "instrument elements must not be empty");
        let mut bad_weight = base.clone();
        bad_weight["weights"][0] = json!("0/9");
        rejects::<Instrument>(bad_weight, "invalid weight 0/9: a weight must be positive");
        let mut blank_key = base;
        blank_key["elements"][0]["key"] = json!(" ");
        rejects::<Instrument>(blank_key, "element key must not be empty");
        rejects::<Element>(
            json!({"key": "", "name": "A", "english": "a", "labels": ["1", "2", "3", "4"]}),
            "element key must not be empty",
        );
        rejects::<Element>(
            json!({"key": "a", "name": "A", "english": "a", "labels": ["1", "2", "3"]}),
            "invalid length 3",
        );
        rejects::<Weight>(
            json!("10/9"),
            "invalid weight 10/9: a weight cannot exceed 1",
        );
        rejects::<Weight>(json!("abc"), "weight: cannot parse `abc`");
        rejects::<Weight>(json!(0.5), "invalid type");
    }

    /// JSON objects are unordered, and a `serde_json::Value` (like many JSON tools) sorts their
    /// keys: answers are equal by key, whatever the order.
    #[test]
    fn answers_survive_a_value_round_trip() {
        let skm = Instrument::permenpanrb_14_2017();
        let answers = skm.answers_from_row(&[4, 3, 3, 4, 3, 3, 4, 3, 2]).unwrap();
        let back: SkmAnswers =
            serde_json::from_value(serde_json::to_value(&answers).unwrap()).unwrap();
        assert_eq!(back, answers);
        let reordered: SkmAnswers = serde_json::from_str(
            r#"{"pengaduan":2,"persyaratan":4,"prosedur":3,"waktu":3,"biaya":4,"produk":3,
                "kompetensi":3,"perilaku":4,"sarana":3}"#,
        )
        .unwrap();
        assert_eq!(reordered, answers);
    }

    #[test]
    fn answers_responses_and_respondents() {
        let skm = Instrument::permenpanrb_14_2017();
        let answers = SkmAnswers::from_values(
            &skm,
            &[
                Some(4),
                Some(3),
                None,
                Some(4),
                Some(3),
                Some(3),
                Some(4),
                Some(3),
                Some(2),
            ],
        )
        .unwrap();
        let json = round_trip_text(&answers);
        assert_eq!(json["persyaratan"], json!(4));
        assert_eq!(json["waktu"], Value::Null);
        assert_eq!(json.as_object().unwrap().len(), 9);
        round_trip_text(&skm.answers().build());
        round_trip_text(
            &Instrument::kepmenpan_25_2004()
                .answers_from_row(&[3; 14])
                .unwrap(),
        );
        // A deserialised questionnaire tallies like the original.
        let back: SkmAnswers = serde_json::from_value(json).unwrap();
        let mut a = SkmTally::new(skm.clone());
        let mut b = SkmTally::new(skm.clone());
        a.push_answers(&answers).unwrap();
        b.push_answers(&back).unwrap();
        assert_eq!(a, b);
        rejects::<SkmAnswers>(
            json!({"waktu": 5}),
            "answer 5 to element `waktu` is out of scale 1..=4",
        );
        rejects::<SkmAnswers>(
            json!({"waktu": 0}),
            "answer 0 to element `waktu` is out of scale 1..=4",
        );
        rejects::<SkmAnswers>(json!([1, 2, 3]), "invalid type");
        let duplicated = serde_json::from_str::<SkmAnswers>(r#"{"waktu": 3, "waktu": 4}"#);
        assert!(
            duplicated
                .unwrap_err()
                .to_string()
                .contains("element `waktu` is given more than once")
        );

        let respondent = Respondent::default()
            .with_gender(Gender::Perempuan)
            .with_age(34)
            .unwrap()
            .with_education(Education::S1)
            .with_occupation(Occupation::Wirausaha);
        let json = round_trip(&respondent);
        assert_eq!(json["age"], json!(34));
        round_trip(&Respondent::default());
        rejects::<Respondent>(
            json!({"gender": null, "age": 150, "education": null, "occupation": null}),
            "age must be between 0 and 120, got 150",
        );
        rejects::<Respondent>(
            json!({"gender": "X", "age": null, "education": null, "occupation": null}),
            "unknown variant",
        );
        for band in [AgeBand::Under20, AgeBand::From60] {
            round_trip(&band);
        }
        for g in [Gender::LakiLaki, Gender::Perempuan] {
            round_trip(&g);
        }
        for e in [Education::Sd, Education::S3] {
            round_trip(&e);
        }
        for o in [Occupation::Pns, Occupation::Lainnya] {
            round_trip(&o);
        }

        let response = SkmResponse::new(answers)
            .with_respondent(respondent)
            .with_service("ktp-el")
            .unwrap()
            .with_unit("kel-sukamaju")
            .unwrap()
            .with_submitted_at(ts("2025-03-04T09:00:00+07:00"));
        let json = round_trip_text(&response);
        round_trip_text(&SkmResponse::new(skm.answers().build()));
        let minimal: SkmResponse =
            serde_json::from_value(json!({"answers": {"waktu": 3}})).unwrap();
        assert_eq!(minimal.answers().get("waktu"), Some(3));
        assert_eq!(minimal.service(), None);
        let mut blank = json.clone();
        blank["service"] = json!(" ");
        rejects::<SkmResponse>(blank, "must not be empty");
        let mut blank = json.clone();
        blank["unit"] = json!("");
        rejects::<SkmResponse>(blank, "must not be empty");
        let mut old = json;
        old["respondent"]["age"] = json!(-3);
        rejects::<SkmResponse>(old, "age must be between 0 and 120, got -3");
    }

    #[test]
    fn statistics_types() {
        let level = Level::new(0.99).unwrap();
        assert_eq!(round_trip(&level), json!(0.99));
        round_trip(&Level::default());
        rejects::<Level>(
            json!(1.5),
            "confidence level must be strictly between 0 and 1, got 1.5",
        );
        rejects::<Level>(
            json!(0.0),
            "confidence level must be strictly between 0 and 1, got 0",
        );
        rejects::<Level>(
            json!(1),
            "confidence level must be strictly between 0 and 1, got 1",
        );
        let ci = Interval::student_t(3.2, 0.5, 4.0, level).unwrap();
        let json = round_trip_close(&ci);
        assert_eq!(json["method"], json!("StudentT"));
        let mut tampered = json;
        tampered["level"] = json!(1.5);
        rejects::<Interval>(
            tampered,
            "confidence level must be strictly between 0 and 1",
        );
        round_trip(&IntervalMethod::Feldt);
    }

    #[test]
    fn skm_options_and_reports() {
        for nrr in [
            NrrRounding::Exact,
            NrrRounding::Round(2),
            NrrRounding::Truncate(3),
        ] {
            round_trip(&nrr);
            round_trip(&Compatibility::nrr_only(nrr));
        }
        round_trip(&Compatibility::default());
        round_trip(&Compatibility::printed_weight(
            Weight::new(11, 100).unwrap(),
        ));
        let options = SkmOptions::default()
            .with_level(Level::new(0.9).unwrap())
            .with_printed(Compatibility::printed_weight(
                Weight::new(111, 1000).unwrap(),
            ))
            .with_population(1_000);
        round_trip(&options);
        round_trip(&SkmOptions::default());
        let mut bad = serde_json::to_value(options).unwrap();
        bad["level"] = json!(1.5);
        rejects::<SkmOptions>(
            bad,
            "confidence level must be strictly between 0 and 1, got 1.5",
        );
        let mut bad = serde_json::to_value(options).unwrap();
        bad["compatibility"]["weight"] = json!("2");
        rejects::<SkmOptions>(bad, "invalid weight 2/1: a weight cannot exceed 1");

        let report = report();
        let json = round_trip_close(&report);
        assert_eq!(json["mutu"], json!(report.mutu));
        assert!(report.printed.is_some() && report.sample.is_some() && report.alpha.is_some());
        let element: &ElementScore = &report.elements[0];
        round_trip_close(element);
        let printed: PrintedIndex = report.printed.unwrap();
        round_trip_close(&printed);
        let sample: SampleAdequacy = report.sample.unwrap();
        round_trip(&sample);
        let alpha: CronbachAlpha = report.alpha.unwrap();
        round_trip_close(&alpha);
        let mut tampered = serde_json::to_value(&report).unwrap();
        tampered["elements"][0]["weight"] = json!("0/9");
        rejects::<SkmReport>(tampered, "invalid weight 0/9");
    }

    #[test]
    fn tallies() {
        let skm = Instrument::permenpanrb_14_2017();
        let mut tally = SkmTally::new(skm.clone());
        round_trip(&tally);
        for row in [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 2, 4, 3, 4, 3, 3, 2]] {
            tally
                .push_answers(&skm.answers_from_row(&row).unwrap())
                .unwrap();
        }
        tally
            .push_answers(&skm.answers().set("waktu", 1).unwrap().build())
            .unwrap();
        let json = round_trip(&tally);
        assert_eq!(json["version"], json!(2));
        assert_eq!(json["responses"], json!(3));
        // A tally shipped as JSON merges like the original.
        let shipped: SkmTally = serde_json::from_value(json).unwrap();
        let mut a = tally.clone();
        let mut b = tally.clone();
        a.merge(&tally).unwrap();
        b.merge(&shipped).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.report().unwrap(), b.report().unwrap());
        round_trip(&SkmTally::new(Instrument::kepmenpan_25_2004()));

        let mut tampered = serde_json::to_value(&tally).unwrap();
        tampered["counts"][2][0] = json!(5);
        rejects::<SkmTally>(
            tampered,
            "inconsistent SKM tally: answer counts of element `waktu` disagree with its sums",
        );
        let mut tampered = serde_json::to_value(&tally).unwrap();
        tampered["instrument"]["weights"][0] = json!("1/5");
        rejects::<SkmTally>(tampered, "weights must sum to 1, got 49/45");
    }
}

// =============================================================================================
// jiff
// =============================================================================================

#[cfg(feature = "jiff")]
mod jiff_conversions {
    use super::*;

    #[test]
    fn timestamps_round_trip() {
        for millis in [
            0,
            1,
            -1,
            MARCH_4_0115Z,
            MARCH_4_0115Z + 123,
            -62_135_596_800_000, // 0001-01-01
            253_402_128_000_000, // 9999-12-30T00:00:00, near jiff's maximum
        ] {
            let ours = Timestamp::from_unix_millis(millis);
            let theirs = jiff::Timestamp::try_from(ours).unwrap();
            assert_eq!(theirs.as_millisecond(), millis);
            assert_eq!(Timestamp::from(theirs), ours);
            // Both print the same RFC 3339.
            assert_eq!(theirs.to_string(), ours.to_string());
        }
        // Parsing agrees.
        let text = "2025-03-04T08:15:00.123+07:00";
        let theirs: jiff::Timestamp = text.parse().unwrap();
        assert_eq!(Timestamp::from(theirs), ts(text));
        // jiff's limits convert and come back (to the millisecond); for the maximum see
        // `jiffs_last_second_round_trips`.
        let min = jiff::Timestamp::MIN;
        let ours = Timestamp::from(min);
        assert_eq!(ours.unix_millis(), min.as_millisecond());
        assert_eq!(jiff::Timestamp::try_from(ours).unwrap(), min);
        let max_second = jiff::Timestamp::new(jiff::Timestamp::MAX.as_second(), 0).unwrap();
        let ours = Timestamp::from(max_second);
        assert_eq!(jiff::Timestamp::try_from(ours).unwrap(), max_second);
        assert_eq!(
            Timestamp::from(jiff::Timestamp::MAX).unix_millis(),
            jiff::Timestamp::MAX.as_millisecond()
        );
        // Finer digits are dropped.
        let fine = jiff::Timestamp::new(1_741_050_900, 123_999_999).unwrap();
        assert_eq!(
            Timestamp::from(fine),
            Timestamp::from_unix_millis(MARCH_4_0115Z + 123)
        );
    }

    #[test]
    fn timestamps_beyond_jiff_are_rejected() {
        let past_max = jiff::Timestamp::MAX.as_millisecond() + 1;
        let before_min = jiff::Timestamp::MIN.as_millisecond() - 1;
        for millis in [i64::MAX, i64::MIN, past_max, before_min] {
            let err = jiff::Timestamp::try_from(Timestamp::from_unix_millis(millis)).unwrap_err();
            assert_eq!(
                err,
                Error::TimeOutOfRange {
                    field: "jiff timestamp".into(),
                    value: millis.to_string(),
                }
            );
        }
    }

    /// `jiff::Timestamp::MAX` is 9999-12-30T22:00:00.999999999Z: its milliseconds convert back.
    #[test]
    fn jiffs_last_second_round_trips() {
        let ours = Timestamp::from(jiff::Timestamp::MAX);
        let back = jiff::Timestamp::try_from(ours).unwrap();
        assert_eq!(back.as_millisecond(), jiff::Timestamp::MAX.as_millisecond());
    }

    /// Truncation is toward the past: half a millisecond before the epoch is millisecond −1.
    #[test]
    fn sub_millisecond_instants_before_the_epoch_truncate_toward_the_past() {
        let half_ms_before = jiff::Timestamp::from_nanosecond(-500_000).unwrap();
        assert_eq!(
            Timestamp::from(half_ms_before),
            Timestamp::from_unix_millis(-1)
        );
    }

    #[test]
    fn spans_round_trip() {
        for millis in [0u64, 1, 90_000, 5_400_000, i64::MAX as u64] {
            let ours = TimeSpan::from_millis(millis);
            let theirs = jiff::SignedDuration::try_from(ours).unwrap();
            assert_eq!(theirs.as_millis(), i128::from(millis));
            assert_eq!(TimeSpan::try_from(theirs).unwrap(), ours);
        }
        assert_eq!(
            TimeSpan::try_from(jiff::SignedDuration::from_secs(5_400)).unwrap(),
            TimeSpan::from_minutes(90)
        );
        // Finer digits are dropped.
        assert_eq!(
            TimeSpan::try_from(jiff::SignedDuration::new(1, 999_999)).unwrap(),
            TimeSpan::from_millis(1_000)
        );
    }

    #[test]
    fn out_of_range_spans_are_rejected() {
        let err = TimeSpan::try_from(jiff::SignedDuration::from_secs(-1)).unwrap_err();
        assert_eq!(
            err,
            Error::OutOfRange {
                field: "time span milliseconds".into(),
                value: -1_000,
                min: 0,
                max: i64::MAX,
            }
        );
        assert_eq!(
            err.to_string(),
            "time span milliseconds must be between 0 and 9223372036854775807, got -1000"
        );
        assert!(TimeSpan::try_from(jiff::SignedDuration::MIN).is_err());
        assert!(TimeSpan::try_from(jiff::SignedDuration::MAX).is_err());
        assert_eq!(
            jiff::SignedDuration::try_from(TimeSpan::from_millis(i64::MAX as u64 + 1)).unwrap_err(),
            Error::Overflow {
                field: "jiff duration".into()
            }
        );
    }

    /// Negative durations are an error, even those shorter than a millisecond.
    #[test]
    fn negative_sub_millisecond_durations_are_rejected() {
        assert!(TimeSpan::try_from(jiff::SignedDuration::from_nanos(-1)).is_err());
    }

    /// A positive duration longer than `u64::MAX` milliseconds overflows a `TimeSpan`.
    #[test]
    fn too_long_durations_overflow() {
        let too_long = jiff::SignedDuration::from_secs(20_000_000_000_000_000);
        assert_eq!(
            TimeSpan::try_from(too_long).unwrap_err(),
            Error::Overflow {
                field: "time span milliseconds".into()
            }
        );
    }
}
