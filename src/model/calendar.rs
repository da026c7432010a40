//! Working days and reporting periods in a fixed UTC offset.

use std::fmt;

use super::time::{Date, Timestamp, Weekday, weekday_of};
use crate::error::{Error, Result};

const MS_PER_DAY: i64 = 86_400_000;

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
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// How finely to bucket time for reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
