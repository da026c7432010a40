//! Working days and reporting periods in a fixed UTC offset.

use std::fmt;

use super::standard::Completion;
use super::time::{Date, Timestamp, Weekday, weekday_of};
use crate::error::{Error, Result};

const MS_PER_DAY: i64 = 86_400_000;

/// The first day number a [`Date`] can hold: 0000-01-01.
const FIRST_DAY: i64 = -719_528;

/// The last day number a [`Date`] can hold: 9999-12-31.
const LAST_DAY: i64 = 2_932_896;

/// A fixed UTC offset, the weekend and a list of public holidays.
///
/// Enough to answer "how many working days (hari kerja) did this permit take?" and "which month,
/// triwulan or semester does this visit belong to?" anywhere in Indonesia, which has no daylight
/// saving: WIB is UTC+7, WITA UTC+8, WIT UTC+9.
///
/// ```
/// use layanan::{Calendar, Date, Timestamp};
///
/// let holidays = [Date::new(2025, 8, 17)?, Date::new(2025, 8, 18)?];
/// let cal = Calendar::wib().with_holidays(holidays);
/// let submitted: Timestamp = "2025-08-15T10:00:00+07:00".parse()?; // Friday
/// let issued: Timestamp = "2025-08-20T09:00:00+07:00".parse()?; // Wednesday
/// // Saturday and Sunday are weekend, Monday the 18th a holiday: Tuesday and Wednesday count.
/// assert_eq!(cal.working_days_between(submitted, issued)?, 2);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CalendarParts", into = "CalendarParts")
)]
pub struct Calendar {
    offset_minutes: i32,
    /// Bit `i` set when the weekday with index `i` (Monday 0) is off.
    weekend: u8,
    /// Sorted, without duplicates.
    holidays: Vec<Date>,
}

impl Default for Calendar {
    /// WIB (UTC+7), Saturday–Sunday weekend, no holidays.
    fn default() -> Self {
        Self::wib()
    }
}

impl Calendar {
    /// A calendar at `offset_minutes` east of UTC, weekend Saturday and Sunday, no holidays.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for an offset beyond ±18 hours.
    pub fn new(offset_minutes: i32) -> Result<Self> {
        if !(-18 * 60..=18 * 60).contains(&offset_minutes) {
            return Err(Error::OutOfRange {
                field: "utc offset minutes".into(),
                value: offset_minutes.into(),
                min: -18 * 60,
                max: 18 * 60,
            });
        }
        let weekend = Weekday::Saturday.bit() | Weekday::Sunday.bit();
        Ok(Self {
            offset_minutes,
            weekend,
            holidays: Vec::new(),
        })
    }

    #[allow(clippy::arithmetic_side_effects)] // hours is 7, 8 or 9
    fn fixed(hours: i32) -> Self {
        let weekend = Weekday::Saturday.bit() | Weekday::Sunday.bit();
        Self {
            offset_minutes: hours * 60,
            weekend,
            holidays: Vec::new(),
        }
    }

    /// Waktu Indonesia Barat, UTC+7 (Sumatra, Java, West and Central Kalimantan).
    pub fn wib() -> Self {
        Self::fixed(7)
    }

    /// Waktu Indonesia Tengah, UTC+8 (Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi).
    pub fn wita() -> Self {
        Self::fixed(8)
    }

    /// Waktu Indonesia Timur, UTC+9 (Maluku, Papua).
    pub fn wit() -> Self {
        Self::fixed(9)
    }

    /// The same calendar with `days` as the weekend instead (an empty list: every day works).
    ///
    /// # Errors
    /// [`Error::Empty`] when all seven days are weekend: every span would count 0 working days
    /// and meet any standard in working days.
    pub fn with_weekend(mut self, days: impl IntoIterator<Item = Weekday>) -> Result<Self> {
        let weekend = days.into_iter().fold(0, |bits, day| bits | day.bit());
        if weekend.count_ones() >= 7 {
            return Err(Error::Empty {
                field: "working days of the week".into(),
            });
        }
        self.weekend = weekend;
        Ok(self)
    }

    /// The same calendar with `dates` added to its holidays (duplicates are ignored).
    pub fn with_holidays(mut self, dates: impl IntoIterator<Item = Date>) -> Self {
        self.holidays.extend(dates);
        self.holidays.sort_unstable();
        self.holidays.dedup();
        self
    }

    /// Minutes east of UTC.
    pub fn offset_minutes(&self) -> i32 {
        self.offset_minutes
    }

    /// The weekend days, Monday first.
    pub fn weekend(&self) -> Vec<Weekday> {
        Weekday::ALL
            .into_iter()
            .filter(|d| self.is_weekend(*d))
            .collect()
    }

    /// Whether `day` is a weekend day.
    pub fn is_weekend(&self, day: Weekday) -> bool {
        self.weekend & day.bit() != 0
    }

    /// The holidays, sorted.
    pub fn holidays(&self) -> &[Date] {
        &self.holidays
    }

    /// The local date of an instant.
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] outside years 0000–9999.
    pub fn local_date(&self, at: Timestamp) -> Result<Date> {
        let local = at.shifted(self.offset_minutes)?;
        Date::from_days_since_epoch(local.div_euclid(MS_PER_DAY)).ok_or_else(|| {
            Error::TimeOutOfRange {
                field: "local date".into(),
                value: at.to_string(),
            }
        })
    }

    /// `at` on this calendar's wall clock, as a person reads it: `2025-12-31 13:28 WIB`
    /// (or `UTC+05:30` for a zone without an Indonesian name).
    ///
    /// ```
    /// use layanan::Calendar;
    ///
    /// let at = "2025-12-31T06:28:00Z".parse()?;
    /// assert_eq!(Calendar::wib().local_time(at)?, "2025-12-31 13:28 WIB");
    /// assert_eq!(Calendar::wit().local_time(at)?, "2025-12-31 15:28 WIT");
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] outside years 0000–9999.
    #[allow(clippy::arithmetic_side_effects)] // a millisecond of the day, divided by constants
    pub fn local_time(&self, at: Timestamp) -> Result<String> {
        let date = self.local_date(at)?;
        let ms = self.shifted_millis(at)?.rem_euclid(MS_PER_DAY);
        let (hours, minutes) = (ms / 3_600_000, ms / 60_000 % 60);
        Ok(format!("{date} {hours:02}:{minutes:02} {}", self.zone()))
    }

    /// `WIB`, `WITA`, `WIT`, or `UTC±hh:mm`.
    #[allow(clippy::arithmetic_side_effects)] // minutes within ±18 hours
    fn zone(&self) -> String {
        match self.offset_minutes {
            420 => "WIB".into(),
            480 => "WITA".into(),
            540 => "WIT".into(),
            m => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }

    /// Milliseconds of `at` on this calendar's wall clock.
    fn shifted_millis(&self, at: Timestamp) -> Result<i64> {
        at.shifted(self.offset_minutes)
    }

    /// Checks that `at` has a local date in years 0000–9999, as [`local_date`](Self::local_date)
    /// does (with its errors), without working the date out.
    pub(crate) fn check_local_date(&self, at: Timestamp) -> Result<()> {
        let day = at.shifted(self.offset_minutes)?.div_euclid(MS_PER_DAY);
        if (FIRST_DAY..=LAST_DAY).contains(&day) {
            Ok(())
        } else {
            Err(Error::TimeOutOfRange {
                field: "local date".into(),
                value: at.to_string(),
            })
        }
    }

    /// Parses a time written in any of the forms a data file may hold, local times read on this
    /// calendar's wall clock:
    ///
    /// * whole Unix seconds: an optional sign, then digits (`1741050900`);
    /// * RFC 3339, with its own offset (`2025-03-04T08:15:00+07:00`, `2025-03-04T01:15:00Z`);
    /// * a local time without offset, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` (a fraction of a
    ///   second may follow; `T` may stand for the space), read at this calendar's UTC offset.
    ///
    /// The instant returned has a local date on this calendar (years 0000–9999), so working
    /// days and periods can be counted from it.
    ///
    /// ```
    /// use layanan::{Calendar, Timestamp};
    ///
    /// let t: Timestamp = "2025-03-04T08:15:00+07:00".parse()?;
    /// assert_eq!(Calendar::wib().parse_time("2025-03-04 08:15")?, t);
    /// assert_eq!(Calendar::wib().parse_time("2025-03-04 08:15:00")?, t);
    /// assert_eq!(Calendar::wita().parse_time("2025-03-04 09:15")?, t); // an hour ahead of WIB
    /// assert_eq!(Calendar::wit().parse_time("1741050900")?, t); // Unix seconds carry no zone
    /// assert_eq!(Calendar::wit().parse_time("2025-03-04T01:15:00Z")?, t);
    /// assert!(Calendar::wib().parse_time("2025-03-04 24:00").is_err());
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] naming the field `timestamp` for text in none of these forms;
    /// [`Error::TimeOutOfRange`] for Unix seconds whose milliseconds overflow `i64`, or an
    /// instant without a local date in years 0000–9999.
    pub fn parse_time(&self, text: &str) -> Result<Timestamp> {
        let at = Timestamp::parse_at_offset(text, self.offset_minutes)?;
        self.check_local_date(at)?;
        Ok(at)
    }

    /// Whether `date` is neither a weekend day nor a holiday.
    pub fn is_working_day(&self, date: Date) -> bool {
        !self.is_weekend(date.weekday()) && self.holidays.binary_search(&date).is_err()
    }

    /// Working days elapsed from `from` to `to`: the working days after `from`'s local date, up to
    /// and including `to`'s. Finished the same day is 0; submitted on a Friday and finished the
    /// next Monday is 1.
    ///
    /// Constant time in the length of the span (plus a binary search in the holidays).
    ///
    /// # Errors
    /// [`Error::FinishedBeforeStarted`] when `to` is before `from`; [`Error::TimeOutOfRange`]
    /// outside years 0000–9999.
    #[allow(clippy::arithmetic_side_effects)] // day numbers of years 0000–9999 are below 3 million in size
    pub fn working_days_between(&self, from: Timestamp, to: Timestamp) -> Result<u32> {
        if to < from {
            return Err(Error::FinishedBeforeStarted {
                started: from,
                finished: to,
            });
        }
        let first = self.local_date(from)?.days_since_epoch() + 1;
        let last = self.local_date(to)?.days_since_epoch();
        let count = self.working_days_in(first, last);
        // At most 10,000 years of days: always fits.
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// The last instant at which something started at `from` still meets `limit`: `from` plus
    /// the span for a clock-time limit; for `N` working days, the end of the local day before
    /// the `(N + 1)`-th working day after `from`'s local date. Finishing at or before it is on
    /// time, exactly when [`working_days_between`](Self::working_days_between) is at most `N`.
    ///
    /// A deadline past year 9999 (or past the `i64` milliseconds) is the latest instant there
    /// is: never missed.
    ///
    /// ```
    /// use layanan::{Calendar, Completion, Date, Timestamp};
    ///
    /// let cal = Calendar::wib().with_holidays([Date::new(2025, 8, 18)?]);
    /// let filed: Timestamp = "2025-08-15T10:00:00+07:00".parse()?; // Friday
    /// // Two working days: Tuesday the 19th and Wednesday the 20th (Monday is a holiday).
    /// let due = cal.due_by(filed, Completion::WorkingDays(2))?;
    /// assert_eq!(due, "2025-08-20T23:59:59.999+07:00".parse()?);
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] when `from` is outside years 0000–9999.
    #[allow(clippy::arithmetic_side_effects)] // day numbers are within ±3 million; n + 1 in i64
    pub fn due_by(&self, from: Timestamp, limit: Completion) -> Result<Timestamp> {
        let never = Timestamp::from_unix_millis(i64::MAX);
        let days = match limit {
            Completion::Within(span) => {
                let due = i64::try_from(span.as_millis())
                    .ok()
                    .and_then(|ms| from.unix_millis().checked_add(ms));
                return Ok(due.map_or(never, Timestamp::from_unix_millis));
            }
            Completion::WorkingDays(days) => i64::from(days),
        };
        let first = self.local_date(from)?.days_since_epoch() + 1;
        // The smallest day `d` with `days + 1` working days in `first..=d`, by bisection on the
        // closed-form count (it only grows with `d`).
        if self.working_days_in(first, LAST_DAY) <= days {
            return Ok(never);
        }
        // A week and twice the days holds them but for long holiday runs: widen until it
        // does, so the bisection spans days, not the calendar's whole range.
        let (mut lo, mut hi) = (first, first.saturating_add(2 * days + 7).min(LAST_DAY));
        while self.working_days_in(first, hi) <= days {
            lo = hi + 1;
            hi = first.saturating_add(2 * (hi - first + 1)).min(LAST_DAY);
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.working_days_in(first, mid) > days {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // Local midnight of that day, in UTC, minus one millisecond.
        let offset = i64::from(self.offset_minutes) * 60_000;
        Ok(Timestamp::from_unix_millis(lo * MS_PER_DAY - offset - 1))
    }

    /// Whether something started at `from` and done at `done` met `limit`, or, not done, when
    /// it falls due.
    ///
    /// # Errors
    /// As [`due_by`](Self::due_by).
    pub(crate) fn judge(
        &self,
        from: Timestamp,
        done: Option<Timestamp>,
        limit: Completion,
    ) -> Result<Timeliness> {
        let due = self.due_by(from, limit)?;
        Ok(match done {
            Some(at) if at <= due => Timeliness::OnTime,
            Some(_) => Timeliness::Late,
            None => Timeliness::Open { due },
        })
    }

    /// Working days among the day numbers `first..=last` (days since the epoch).
    #[allow(clippy::arithmetic_side_effects)] // day numbers of years 0000–9999 are below 3 million in size; holidays ≤ days
    fn working_days_in(&self, first: i64, last: i64) -> i64 {
        if last < first {
            return 0;
        }
        let days = last - first + 1;
        let per_week = 7 - i64::from(self.weekend.count_ones());
        let mut count = days / 7 * per_week;
        for day in first + days / 7 * 7..=last {
            if !self.is_weekend(weekday_of(day)) {
                count += 1;
            }
        }
        let lo = self
            .holidays
            .partition_point(|h| h.days_since_epoch() < first);
        let hi = self
            .holidays
            .partition_point(|h| h.days_since_epoch() <= last);
        let holidays_on_weekdays = self
            .holidays
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .filter(|h| !self.is_weekend(h.weekday()))
            .count() as i64;
        count - holidays_on_weekdays
    }

    /// The reporting period of `granularity` that contains the local date of `at`.
    ///
    /// ```
    /// use layanan::{Calendar, Granularity, Period};
    ///
    /// // 30 June 16:30 UTC is 23:30 in Jakarta (WIB) but already 1 July in Jayapura (WIT).
    /// let at = "2025-06-30T16:30:00Z".parse()?;
    /// assert_eq!(Calendar::wib().period(at, Granularity::Semester)?, Period::Semester { year: 2025, semester: 1 });
    /// assert_eq!(Calendar::wit().period(at, Granularity::Semester)?, Period::Semester { year: 2025, semester: 2 });
    /// assert_eq!(Calendar::wit().period(at, Granularity::Triwulan)?.to_string(), "2025-Q3");
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] outside years 0000–9999.
    #[allow(clippy::arithmetic_side_effects)] // month is 1–12
    pub fn period(&self, at: Timestamp, granularity: Granularity) -> Result<Period> {
        let date = self.local_date(at)?;
        let year = date.year();
        Ok(match granularity {
            Granularity::Day => Period::Day(date),
            Granularity::Month => Period::Month {
                year,
                month: date.month(),
            },
            Granularity::Triwulan => Period::Triwulan {
                year,
                quarter: (date.month() - 1) / 3 + 1,
            },
            Granularity::Semester => Period::Semester {
                year,
                semester: (date.month() - 1) / 6 + 1,
            },
            Granularity::Year => Period::Year(year),
        })
    }
}

impl Calendar {
    /// The zone with its offset, `WIB (UTC+07:00)`.
    #[allow(clippy::arithmetic_side_effects)] // minutes within ±18 hours
    fn zone_and_offset(&self) -> String {
        let zone = match self.offset_minutes {
            420 => "WIB ",
            480 => "WITA ",
            540 => "WIT ",
            _ => "",
        };
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let minutes = self.offset_minutes.unsigned_abs();
        format!("{zone}(UTC{sign}{:02}:{:02})", minutes / 60, minutes % 60)
    }

    /// The weekend days, `Saturday Sunday` (or `none`).
    fn weekend_words(&self) -> String {
        let days: Vec<String> = self.weekend().iter().map(|d| format!("{d:?}")).collect();
        if days.is_empty() {
            "none".into()
        } else {
            days.join(" ")
        }
    }

    /// The first way `other` differs, in words — the offsets, the weekends, or the first date
    /// that is a holiday on one only — or `None` when they are equal (what a refused merge
    /// names).
    pub(crate) fn difference(&self, other: &Calendar) -> Option<String> {
        if self.offset_minutes != other.offset_minutes {
            return Some(format!(
                "their UTC offsets differ ({} vs {})",
                self.zone_and_offset(),
                other.zone_and_offset()
            ));
        }
        if self.weekend != other.weekend {
            return Some(format!(
                "their weekends differ ({} vs {})",
                self.weekend_words(),
                other.weekend_words()
            ));
        }
        // Both lists are sorted: the first date in one only is the first where they part.
        let first_apart = self
            .holidays
            .iter()
            .zip(&other.holidays)
            .find(|(a, b)| a != b)
            .map(|(a, b)| (*a).min(*b))
            .or_else(|| {
                let shared = self.holidays.len().min(other.holidays.len());
                self.holidays
                    .get(shared)
                    .or_else(|| other.holidays.get(shared))
                    .copied()
            })?;
        let whose = if self.holidays.binary_search(&first_apart).is_ok() {
            "the first"
        } else {
            "the second"
        };
        Some(format!(
            "their holidays differ ({first_apart} is a holiday on {whose} only)"
        ))
    }
}

impl fmt::Display for Calendar {
    /// `WIB (UTC+07:00), weekend Saturday Sunday, 15 holidays`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, weekend {}, {} holidays",
            self.zone_and_offset(),
            self.weekend_words(),
            self.holidays.len()
        )
    }
}

/// Whether a promise with a deadline was kept: done in time, done late, or not done yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timeliness {
    /// Done by the deadline.
    OnTime,
    /// Done after it.
    Late,
    /// Not done: late once an as-of instant passes `due`, pending before.
    Open {
        /// The last instant that is still on time.
        due: Timestamp,
    },
}

/// The calendars of a set of units: one by default, and the units that keep their own (another
/// time zone, local holidays).
///
/// ```
/// use layanan::{Calendar, Calendars};
///
/// let calendars = Calendars::new(Calendar::wib()).with_unit("kec-denpasar", Calendar::wita());
/// assert_eq!(calendars.for_unit("kec-denpasar"), &Calendar::wita());
/// assert_eq!(calendars.for_unit("kel-sukamaju"), &Calendar::wib());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CalendarsParts", into = "CalendarsParts")
)]
pub struct Calendars {
    default: Calendar,
    by_unit: std::collections::BTreeMap<String, Calendar>,
}

impl Calendars {
    /// `default` for every unit.
    pub fn new(default: Calendar) -> Self {
        Self {
            default,
            by_unit: std::collections::BTreeMap::new(),
        }
    }

    /// With `unit` on its own `calendar`.
    pub fn with_unit(mut self, unit: impl Into<String>, calendar: Calendar) -> Self {
        self.by_unit.insert(unit.into(), calendar);
        self
    }

    /// With another default calendar.
    pub fn with_default(mut self, calendar: Calendar) -> Self {
        self.default = calendar;
        self
    }

    /// The default calendar.
    pub fn default_calendar(&self) -> &Calendar {
        &self.default
    }

    /// The calendar of `unit`: its own, or the default.
    pub fn for_unit(&self, unit: &str) -> &Calendar {
        self.by_unit.get(unit).unwrap_or(&self.default)
    }

    /// Units with a calendar of their own.
    pub fn units(&self) -> impl Iterator<Item = (&str, &Calendar)> {
        self.by_unit.iter().map(|(u, c)| (u.as_str(), c))
    }

    /// The first way `other` differs, in words, or `None` when equal: the default calendar, or
    /// the first unit whose calendar differs, and how.
    pub(crate) fn difference(&self, other: &Calendars) -> Option<String> {
        if let Some(how) = self.default.difference(&other.default) {
            return Some(format!("their default calendars differ: {how}"));
        }
        let units = self.by_unit.keys().chain(other.by_unit.keys());
        for unit in units {
            let (ours, theirs) = (self.by_unit.get(unit), other.by_unit.get(unit));
            if ours == theirs {
                continue;
            }
            let how = self
                .for_unit(unit)
                .difference(other.for_unit(unit))
                .unwrap_or_else(|| {
                    // The same calendar, given to the unit on one side and by default on the
                    // other: the judgments agree, but the settings are not the same.
                    let side = if ours.is_some() { "first" } else { "second" };
                    format!("the {side} gives it its own calendar, equal to the default")
                });
            return Some(format!("the calendar of unit `{unit}` differs: {how}"));
        }
        None
    }
}

impl From<Calendar> for Calendars {
    fn from(calendar: Calendar) -> Self {
        Calendars::new(calendar)
    }
}

/// The serialised form of [`Calendars`]: units as `[unit, calendar]` pairs.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct CalendarsParts {
    #[serde(default)]
    default: Calendar,
    #[serde(default)]
    by_unit: Vec<(String, Calendar)>,
}

#[cfg(feature = "serde")]
impl TryFrom<CalendarsParts> for Calendars {
    type Error = Error;
    /// Refuses a unit given twice: which calendar was meant cannot be known.
    fn try_from(parts: CalendarsParts) -> Result<Self> {
        let mut calendars = Calendars::new(parts.default);
        for (unit, calendar) in parts.by_unit {
            if calendars.by_unit.contains_key(&unit) {
                return Err(Error::Duplicate {
                    field: "unit calendar".into(),
                    value: unit,
                });
            }
            calendars.by_unit.insert(unit, calendar);
        }
        Ok(calendars)
    }
}

#[cfg(feature = "serde")]
impl From<Calendars> for CalendarsParts {
    fn from(c: Calendars) -> Self {
        CalendarsParts {
            default: c.default,
            by_unit: c.by_unit.into_iter().collect(),
        }
    }
}

/// How finely to bucket time for reporting, finest first (the order sorts them so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Granularity {
    /// One local calendar day.
    Day,
    /// One calendar month.
    Month,
    /// A quarter (triwulan): January–March, April–June, July–September, October–December.
    Triwulan,
    /// A half year (semester): January–June, July–December.
    Semester,
    /// A calendar year.
    Year,
}

/// A reporting period; periods of one granularity sort chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Period {
    /// A day.
    Day(Date),
    /// A month, 1–12.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u8,
    },
    /// A quarter, 1–4.
    Triwulan {
        /// The year.
        year: i32,
        /// The quarter, 1–4.
        quarter: u8,
    },
    /// A half year, 1–2.
    Semester {
        /// The year.
        year: i32,
        /// The semester, 1–2.
        semester: u8,
    },
    /// A year.
    Year(i32),
}

impl fmt::Display for Granularity {
    /// `day`, `month`, `triwulan`, `semester`, `year`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Granularity::Day => "day",
            Granularity::Month => "month",
            Granularity::Triwulan => "triwulan",
            Granularity::Semester => "semester",
            Granularity::Year => "year",
        })
    }
}

impl fmt::Display for Period {
    /// `2025-03-04`, `2025-03`, `2025-Q1`, `2025-S1`, `2025`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Day(d) => write!(f, "{d}"),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Triwulan { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Semester { year, semester } => write!(f, "{year:04}-S{semester}"),
            Period::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// The serialised form of a [`Calendar`], validated on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct CalendarParts {
    offset_minutes: i32,
    weekend: Vec<Weekday>,
    holidays: Vec<Date>,
}

#[cfg(feature = "serde")]
impl TryFrom<CalendarParts> for Calendar {
    type Error = Error;
    fn try_from(parts: CalendarParts) -> Result<Self> {
        Ok(Calendar::new(parts.offset_minutes)?
            .with_weekend(parts.weekend)?
            .with_holidays(parts.holidays))
    }
}

#[cfg(feature = "serde")]
impl From<Calendar> for CalendarParts {
    fn from(cal: Calendar) -> Self {
        CalendarParts {
            offset_minutes: cal.offset_minutes,
            weekend: cal.weekend(),
            holidays: cal.holidays,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `from`'s deadline of `days` working days: finishing at it is on time, a millisecond
    /// later is not.
    fn assert_due_by_is_tight(cal: &Calendar, from: Timestamp, days: u32) -> Timestamp {
        let due = cal.due_by(from, Completion::WorkingDays(days)).unwrap();
        let on_time = |t: i64| {
            cal.working_days_between(from, Timestamp::from_unix_millis(t))
                .unwrap()
                <= days
        };
        assert!(on_time(due.unix_millis()), "{from} {days}");
        assert!(!on_time(due.unix_millis() + 1), "{from} {days}");
        due
    }

    /// A deadline is on time exactly when the working days taken are within the limit.
    #[test]
    fn due_by_agrees_with_working_days_between() {
        let cal = Calendar::wita().with_holidays([
            Date::new(2024, 12, 25).unwrap(),
            Date::new(2024, 12, 26).unwrap(),
            Date::new(2025, 1, 1).unwrap(),
        ]);
        let start = "2024-12-20T07:30:00+08:00".parse::<Timestamp>().unwrap();
        for hours in (0..24 * 6).step_by(5) {
            let from = Timestamp::from_unix_millis(start.unix_millis() + hours * 3_600_000);
            for days in 0..12 {
                assert_due_by_is_tight(&cal, from, days);
            }
        }
        let far = cal
            .due_by(start, Completion::WorkingDays(u32::MAX))
            .unwrap();
        assert_eq!(far.unix_millis(), i64::MAX);
    }

    /// A holiday run longer than the first guess of the search (a week and twice the days).
    #[test]
    fn due_by_crosses_long_holiday_runs() {
        let first = Date::new(2025, 3, 3).unwrap().days_since_epoch();
        let holidays = (first..first + 75).map(|d| Date::from_days_since_epoch(d).unwrap());
        let cal = Calendar::wib().with_holidays(holidays);
        let from = "2025-03-01T09:00:00+07:00".parse::<Timestamp>().unwrap();
        for days in 0..4 {
            let due = assert_due_by_is_tight(&cal, from, days);
            assert!(cal.local_date(due).unwrap().days_since_epoch() >= first + 75);
        }
    }

    /// Counting day by day is the obvious definition; the closed form must agree with it.
    #[test]
    fn closed_form_matches_day_by_day_count() {
        let cal = Calendar::wita().with_holidays([
            Date::new(2024, 12, 25).unwrap(),
            Date::new(2025, 1, 1).unwrap(),
        ]);
        let base = Date::new(2024, 12, 1).unwrap().days_since_epoch();
        for first in base..base + 20 {
            for last in first - 2..first + 60 {
                let slow = (first..=last)
                    .filter(|d| cal.is_working_day(Date::from_days_since_epoch(*d).unwrap()))
                    .count() as i64;
                assert_eq!(cal.working_days_in(first, last), slow, "{first}..={last}");
            }
        }
    }
}
