//! Instants, spans and civil dates, without a time-zone database.
//!
//! Indonesia keeps fixed offsets with no daylight saving, so an instant plus a UTC offset is all
//! the calendar arithmetic the crate needs; [`Calendar`](crate::Calendar) adds the working days.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

const MS_PER_SECOND: i64 = 1_000;
const MS_PER_MINUTE: i64 = 60 * MS_PER_SECOND;
const MS_PER_DAY: i64 = 86_400 * MS_PER_SECOND;

/// An instant: milliseconds since 1970-01-01T00:00:00Z (Unix time, UTC).
///
/// Every `i64` is a valid instant; text conversions ([`FromStr`], [`Display`](fmt::Display)) use
/// RFC 3339, with ISO 8601 expanded years (`+10000`, `-0001`) for instants outside the years
/// 0000–9999, so every instant's text reads back as the same instant.
///
/// ```
/// use layanan::Timestamp;
///
/// let t: Timestamp = "2025-03-04T08:15:00+07:00".parse()?;
/// assert_eq!(t, Timestamp::from_unix_seconds(1_741_050_900)?);
/// assert_eq!(t.to_string(), "2025-03-04T01:15:00Z");
/// let far = Timestamp::from_unix_millis(i64::MAX);
/// assert_eq!(far.to_string(), "+292278994-08-17T07:12:55.807Z");
/// assert_eq!(far.to_string().parse::<Timestamp>()?, far);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `millis` milliseconds after the Unix epoch.
    pub const fn from_unix_millis(millis: i64) -> Self {
        Self(millis)
    }

    /// The instant `seconds` seconds after the Unix epoch.
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] when the milliseconds overflow `i64`.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self> {
        seconds
            .checked_mul(MS_PER_SECOND)
            .map(Self)
            .ok_or_else(|| Error::TimeOutOfRange {
                field: "unix seconds".into(),
                value: seconds.to_string(),
            })
    }

    /// Milliseconds since the Unix epoch.
    pub const fn unix_millis(self) -> i64 {
        self.0
    }

    /// The span from `earlier` to `self`, or `None` when `earlier` is later.
    ///
    /// ```
    /// use layanan::{TimeSpan, Timestamp};
    ///
    /// let a = Timestamp::from_unix_millis(0);
    /// let b = Timestamp::from_unix_millis(90_000);
    /// assert_eq!(b.since(a), Some(TimeSpan::from_seconds(90)));
    /// assert_eq!(a.since(b), None);
    /// ```
    pub fn since(self, earlier: Timestamp) -> Option<TimeSpan> {
        (self >= earlier).then(|| TimeSpan(self.0.abs_diff(earlier.0)))
    }

    /// The instant shifted by `offset_minutes` (used to read a local wall clock).
    pub(crate) fn shifted(self, offset_minutes: i32) -> Result<i64> {
        i64::from(offset_minutes)
            .checked_mul(MS_PER_MINUTE)
            .and_then(|shift| self.0.checked_add(shift))
            .ok_or_else(|| Error::TimeOutOfRange {
                field: "local time".into(),
                value: self.0.to_string(),
            })
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC, with milliseconds only when they are not zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(MS_PER_DAY);
        let ms = self.0.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let (h, m, s, milli) = (
            ms / 3_600_000,
            ms / 60_000 % 60,
            ms / 1_000 % 60,
            ms % 1_000,
        );
        write_year(f, year)?;
        write!(f, "-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}")?;
        if milli != 0 {
            write!(f, ".{milli:03}")?;
        }
        f.write_str("Z")
    }
}

fn write_year(f: &mut fmt::Formatter<'_>, year: i64) -> fmt::Result {
    if (0..=9999).contains(&year) {
        write!(f, "{year:04}")
    } else {
        // ISO 8601 expanded years, for instants far outside everyday use.
        write!(f, "{year:+05}")
    }
}

impl FromStr for Timestamp {
    type Err = Error;

    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; a space may stand for `T`.
    /// Fractions beyond milliseconds are truncated toward the past. A year outside 0000–9999 is
    /// written expanded, as [`Display`](fmt::Display) writes it: a sign and 4 to 9 digits
    /// (`+10000-01-01T00:00:00Z`, `-0001-12-31T23:00:00Z`); a signed year inside 0000–9999
    /// (`+2025`) is refused, so each instant has one text.
    fn from_str(text: &str) -> Result<Self> {
        parse_rfc3339(text).ok_or_else(|| Error::Parse {
            field: "timestamp".into(),
            value: text.into(),
            expected: "an RFC 3339 timestamp such as 2025-03-04T08:15:00+07:00".into(),
        })
    }
}

/// The wall-clock part of a time, `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]`, as read so far.
struct Wall {
    /// Milliseconds since 1970-01-01T00:00 on the wall clock (no offset applied); 128 bits, so
    /// an expanded year at the edge of the `i64` instants cannot overflow before it is checked.
    millis: i128,
    /// Whether seconds were given.
    seconds: bool,
    /// Where the text after the wall-clock part starts.
    end: usize,
}

/// The most digits an expanded year has: `i64` milliseconds reach the year 292 278 994.
const MAX_EXPANDED_DIGITS: usize = 9;

/// The year at the start of `b` and where its digits end: four digits, or with `expanded`, the
/// ISO 8601 expanded form [`Timestamp`]'s `Display` writes for years outside 0000–9999 (a sign,
/// then 4 to 9 digits). A signed year inside 0000–9999 is refused, so each instant has one text.
#[allow(clippy::arithmetic_side_effects)] // at most 9 digits
fn year_at(b: &[u8], expanded: bool) -> Option<(i64, usize)> {
    let digits = |from: usize, len: usize| -> Option<i64> {
        b.get(from..from + len)?.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    match b.first() {
        Some(&sign @ (b'+' | b'-')) if expanded => {
            let len = b.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
            if !(4..=MAX_EXPANDED_DIGITS).contains(&len) {
                return None;
            }
            let magnitude = digits(1, len)?;
            let year = if sign == b'-' { -magnitude } else { magnitude };
            (!(0..=9999).contains(&year)).then_some((year, 1 + len))
        }
        _ => Some((digits(0, 4)?, 4)),
    }
}

/// Reads the wall-clock part at the start of `b`; seconds are optional, a fraction only follows
/// seconds. Fractions beyond milliseconds are truncated toward the past. With `expanded`, the
/// year may be an expanded one (see [`year_at`]).
#[allow(clippy::arithmetic_side_effects)] // fields of at most 4 digits, positions within the text, and a day number of at most 9-digit years in 128-bit milliseconds
fn parse_wall(text: &[u8], expanded: bool) -> Option<Wall> {
    let (year, year_end) = year_at(text, expanded)?;
    // The rest of the layout is fixed relative to the end of the year: read it as if the year
    // had four digits, and shift `end` back.
    let shift = year_end - 4;
    let b = text.get(shift..)?;
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let sep = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":")) {
        return None;
    }
    let month = u8::try_from(num(5..7)?).ok()?;
    let day = u8::try_from(num(8..10)?).ok()?;
    let (hour, minute) = (num(11..13)?, num(14..16)?);
    let mut pos = 16;
    let (mut second, mut millis, mut seconds) = (0, 0, false);
    if sep(pos, b":") {
        second = num(17..19)?;
        pos = 19;
        seconds = true;
        if sep(pos, b".,") {
            pos += 1;
            let start = pos;
            while b.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
            if pos == start {
                return None;
            }
            let kept = (pos - start).min(3);
            millis = num(start..start + kept)? * 10i64.pow(3 - kept as u32);
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if !(1..=12).contains(&month) || !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(Wall {
        millis: i128::from(days) * i128::from(MS_PER_DAY)
            + i128::from((hour * 3600 + minute * 60 + second) * MS_PER_SECOND + millis),
        seconds,
        end: pos + shift,
    })
}

#[allow(clippy::arithmetic_side_effects)] // offsets below a day, on 128-bit milliseconds
fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let wall = parse_wall(b, true)?;
    if !wall.seconds {
        return None;
    }
    let pos = wall.end;
    let offset_minutes = match b.get(pos..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), ..] if b.len() == pos + 6 && b.get(pos + 3) == Some(&b':') => {
            let (oh, om) = (num(pos + 1..pos + 3)?, num(pos + 4..pos + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let minutes = oh * 60 + om;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let millis = wall.millis - i128::from(offset_minutes * MS_PER_MINUTE);
    i64::try_from(millis).ok().map(Timestamp)
}

/// Milliseconds since 1970-01-01T00:00 on a wall clock for a local time without offset,
/// `YYYY-MM-DD HH:MM[:SS[.fraction]]` (`T` may stand for the space), or `None`.
pub(crate) fn parse_local(text: &str) -> Option<i64> {
    let wall = parse_wall(text.as_bytes(), false)?;
    (wall.end == text.len())
        .then(|| i64::try_from(wall.millis).ok())
        .flatten()
}

/// Whether `text` is a whole number of Unix seconds: digits with an optional sign.
fn is_unix_seconds(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Unix seconds (`is_unix_seconds`), or `None` when `text` is not in that form.
fn parse_unix_seconds(text: &str) -> Option<Result<Timestamp>> {
    if !is_unix_seconds(text) {
        return None;
    }
    Some(match text.parse::<i64>() {
        Ok(seconds) => Timestamp::from_unix_seconds(seconds),
        Err(_) => Err(Error::Parse {
            field: "timestamp".into(),
            value: text.into(),
            expected: "Unix seconds or an RFC 3339 timestamp".into(),
        }),
    })
}

/// What a time field accepts, for messages: with or without a calendar to read local times.
const INSTANT_FORMS: &str =
    "Unix seconds or an RFC 3339 timestamp such as 2025-03-04T08:15:00+07:00";
const TIME_FORMS: &str = "Unix seconds, an RFC 3339 timestamp such as \
    2025-03-04T08:15:00+07:00 or a local time such as 2025-03-04 08:15";

impl Timestamp {
    /// Parses a time that fixes an instant on its own: whole Unix seconds (`1741050900`,
    /// `-86400`, an optional sign then digits) or RFC 3339 (`2025-03-04T08:15:00+07:00`, see
    /// [`FromStr`]). A local time without an offset (`2025-03-04 08:15`) is refused, saying that
    /// it needs a calendar: read it with [`Calendar::parse_time`](crate::Calendar::parse_time).
    ///
    /// ```
    /// use layanan::Timestamp;
    ///
    /// let t = Timestamp::parse_instant("1741050900")?;
    /// assert_eq!(t, Timestamp::parse_instant("2025-03-04T08:15:00+07:00")?);
    /// assert_eq!(
    ///     Timestamp::parse_instant("2025-03-04 08:15").unwrap_err().to_string(),
    ///     "timestamp: cannot parse `2025-03-04 08:15` as Unix seconds or an RFC 3339 \
    ///      timestamp: a local time needs a calendar to give its UTC offset"
    /// );
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] for seconds whose milliseconds overflow `i64`;
    /// [`Error::Parse`] naming the field `timestamp` otherwise.
    pub fn parse_instant(text: &str) -> Result<Self> {
        if let Some(seconds) = parse_unix_seconds(text) {
            return seconds;
        }
        if let Some(at) = parse_rfc3339(text) {
            return Ok(at);
        }
        let expected = if parse_local(text).is_some() {
            "Unix seconds or an RFC 3339 timestamp: a local time needs a calendar to give its \
             UTC offset"
        } else {
            INSTANT_FORMS
        };
        Err(Error::Parse {
            field: "timestamp".into(),
            value: text.into(),
            expected: expected.into(),
        })
    }

    /// Reads `text` as [`parse_instant`](Self::parse_instant) does, and a local time
    /// `YYYY-MM-DD HH:MM[:SS[.fraction]]` (or with `T` for the space) as the wall clock
    /// `offset_minutes` east of UTC.
    pub(crate) fn parse_at_offset(text: &str, offset_minutes: i32) -> Result<Self> {
        if let Some(seconds) = parse_unix_seconds(text) {
            return seconds;
        }
        if let Some(at) = parse_rfc3339(text) {
            return Ok(at);
        }
        let parse_error = || Error::Parse {
            field: "timestamp".into(),
            value: text.into(),
            expected: TIME_FORMS.into(),
        };
        let local = parse_local(text).ok_or_else(parse_error)?;
        i64::from(offset_minutes)
            .checked_mul(MS_PER_MINUTE)
            .and_then(|shift| local.checked_sub(shift))
            .map(Self)
            .ok_or_else(parse_error)
    }
}

/// A non-negative length of time, in milliseconds.
///
/// ```
/// use layanan::TimeSpan;
///
/// let wait = TimeSpan::from_minutes(90);
/// assert_eq!(wait.as_minutes(), 90.0);
/// assert_eq!(wait.to_string(), "1h 30m");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct TimeSpan(u64);

impl TimeSpan {
    /// A span of `millis` milliseconds.
    pub const fn from_millis(millis: u64) -> Self {
        Self(millis)
    }

    /// A span of `seconds` seconds.
    #[allow(clippy::arithmetic_side_effects)] // u32 × 1000 fits u64
    pub const fn from_seconds(seconds: u32) -> Self {
        Self(seconds as u64 * 1_000)
    }

    /// A span of `minutes` minutes.
    #[allow(clippy::arithmetic_side_effects)] // u32 × 60 000 fits u64
    pub const fn from_minutes(minutes: u32) -> Self {
        Self(minutes as u64 * 60_000)
    }

    /// A span of `hours` hours.
    #[allow(clippy::arithmetic_side_effects)] // u32 × 3 600 000 fits u64
    pub const fn from_hours(hours: u32) -> Self {
        Self(hours as u64 * 3_600_000)
    }

    /// The span in milliseconds.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// The span in (fractional) minutes.
    pub fn as_minutes(self) -> f64 {
        self.0 as f64 / 60_000.0
    }
}

impl fmt::Display for TimeSpan {
    /// Hours, minutes and seconds, leaving out leading zero parts: `45s`, `12m 05s`, `1h 30m`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0 / 1_000;
        let (h, m, s) = (seconds / 3_600, seconds / 60 % 60, seconds % 60);
        match (h, m, s) {
            (0, 0, s) => write!(f, "{s}s"),
            (0, m, 0) => write!(f, "{m}m"),
            (0, m, s) => write!(f, "{m}m {s:02}s"),
            (h, m, 0) => write!(f, "{h}h {m:02}m"),
            (h, m, s) => write!(f, "{h}h {m:02}m {s:02}s"),
        }
    }
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(missing_docs)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub(crate) const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Monday is 0, Sunday 6.
    pub const fn index(self) -> u8 {
        self as u8
    }

    /// This day's bit in a set of weekdays.
    pub(crate) const fn bit(self) -> u8 {
        1 << self.index()
    }
}

/// A civil (proleptic Gregorian) date, years 0000–9999.
///
/// ```
/// use layanan::{Date, Weekday};
///
/// let d = Date::new(2025, 8, 17)?; // Hari Kemerdekaan
/// assert_eq!(d.weekday(), Weekday::Sunday);
/// assert_eq!(d.to_string(), "2025-08-17");
/// assert_eq!("2025-08-17".parse::<Date>()?, d);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Date {
    year: i16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date `year-month-day`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for a year outside 0–9999, a month outside 1–12 or a day the month
    /// does not have.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self> {
        let range = |field: &str, value: i64, max: i64| Error::OutOfRange {
            field: field.into(),
            value,
            min: if field == "year" { 0 } else { 1 },
            max,
        };
        let year16 = i16::try_from(year)
            .ok()
            .filter(|y| (0..=9999).contains(y))
            .ok_or_else(|| range("year", year.into(), 9999))?;
        if !(1..=12).contains(&month) {
            return Err(range("month", month.into(), 12));
        }
        let last = days_in_month(year.into(), month);
        if !(1..=last).contains(&day) {
            return Err(range("day", day.into(), last.into()));
        }
        Ok(Self {
            year: year16,
            month,
            day,
        })
    }

    /// The year.
    pub const fn year(self) -> i32 {
        self.year as i32
    }

    /// The month, 1–12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        weekday_of(self.days_since_epoch())
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(self.year.into(), self.month, self.day)
    }

    /// The date `days` days after 1970-01-01, if within years 0000–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        // 0000-01-01 is day −719 528 and 9999-12-31 day 2 932 896; checking first keeps any i64
        // away from the arithmetic of `civil_from_days`.
        if !(-719_528..=2_932_896).contains(&days) {
            return None;
        }
        let (year, month, day) = civil_from_days(days);
        let year = i16::try_from(year).ok()?;
        Some(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Parses `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Self> {
        let err = || Error::Parse {
            field: "date".into(),
            value: text.into(),
            expected: "a date such as 2025-08-17".into(),
        };
        let b = text.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| {
            b.get(range)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        };
        if b.len() != 10
            || b.get(4) != Some(&b'-')
            || b.get(7) != Some(&b'-')
            || !(digits_at(0..4) && digits_at(5..7) && digits_at(8..10))
        {
            return Err(err());
        }
        let part = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u16>().ok());
        let (y, m, d) = (
            part(0..4).ok_or_else(err)?,
            part(5..7).ok_or_else(err)?,
            part(8..10).ok_or_else(err)?,
        );
        let m = u8::try_from(m).map_err(|_| err())?;
        let d = u8::try_from(d).map_err(|_| err())?;
        Date::new(y.into(), m, d)
    }
}

impl TryFrom<String> for Date {
    type Error = Error;
    fn try_from(text: String) -> Result<Self> {
        text.parse()
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(crate) fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[allow(clippy::arithmetic_side_effects)] // day numbers of years 0000–9999
pub(crate) fn weekday_of(days_since_epoch: i64) -> Weekday {
    // 1970-01-01 was a Thursday (index 3).
    match (days_since_epoch + 3).rem_euclid(7) {
        0 => Weekday::Monday,
        1 => Weekday::Tuesday,
        2 => Weekday::Wednesday,
        3 => Weekday::Thursday,
        4 => Weekday::Friday,
        5 => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the era-based algorithm popularised by
/// Howard Hinnant: exact for every `i64` year the callers pass, which stay far below overflow).
#[allow(clippy::arithmetic_side_effects)] // |year| < 10^9 (Date's 0000–9999, or an expanded year of at most 9 digits), months 1–12, days 1–31
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]; valid for every day count an `i64` of milliseconds yields.
#[allow(clippy::arithmetic_side_effects)] // |days| < 1.1·10^11 (i64 milliseconds): no overflow
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_four_centuries() {
        for days in -146_097..146_097 * 2 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn extreme_instants_display() {
        assert_eq!(
            Timestamp(i64::MAX).to_string(),
            "+292278994-08-17T07:12:55.807Z"
        );
        assert_eq!(
            Timestamp(i64::MIN).to_string(),
            "-292275055-05-16T16:47:04.192Z"
        );
    }
}
