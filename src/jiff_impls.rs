//! Conversions to and from `jiff` (feature `jiff`).

use crate::error::{Error, Result};
use crate::{TimeSpan, Timestamp};

const NANOS_PER_MILLI: i128 = 1_000_000;

impl From<jiff::Timestamp> for Timestamp {
    /// Exact to the millisecond; finer digits are truncated toward the past.
    fn from(t: jiff::Timestamp) -> Self {
        // jiff's range (years −9999 to 9999) is far inside i64 milliseconds.
        let millis = t.as_nanosecond().div_euclid(NANOS_PER_MILLI);
        Timestamp::from_unix_millis(i64::try_from(millis).unwrap_or(i64::MAX))
    }
}

impl TryFrom<Timestamp> for jiff::Timestamp {
    type Error = Error;

    /// `jiff` covers the years −9999 to 9999; instants beyond are an error.
    #[allow(clippy::arithmetic_side_effects)] // |ms| < 2^63, so ms × 10^6 < 2^83 fits i128
    fn try_from(t: Timestamp) -> Result<Self> {
        jiff::Timestamp::from_nanosecond(i128::from(t.unix_millis()) * NANOS_PER_MILLI).map_err(
            |_| Error::TimeOutOfRange {
                field: "jiff timestamp".into(),
                value: t.unix_millis().to_string(),
            },
        )
    }
}

impl TryFrom<jiff::SignedDuration> for TimeSpan {
    type Error = Error;

    /// Finer digits than milliseconds are truncated. Negative durations are an error (a span is
    /// never negative), and so are those longer than `u64::MAX` milliseconds.
    fn try_from(d: jiff::SignedDuration) -> Result<Self> {
        let millis = d.as_nanos().div_euclid(NANOS_PER_MILLI);
        if d.is_negative() {
            return Err(Error::OutOfRange {
                field: "time span milliseconds".into(),
                value: i64::try_from(millis).unwrap_or(i64::MIN),
                min: 0,
                max: i64::MAX,
            });
        }
        u64::try_from(millis)
            .map(TimeSpan::from_millis)
            .map_err(|_| Error::Overflow {
                field: "time span milliseconds".into(),
            })
    }
}

impl TryFrom<TimeSpan> for jiff::SignedDuration {
    type Error = Error;

    /// Spans longer than `i64::MAX` milliseconds do not fit.
    fn try_from(s: TimeSpan) -> Result<Self> {
        i64::try_from(s.as_millis())
            .map(jiff::SignedDuration::from_millis)
            .map_err(|_| Error::Overflow {
                field: "jiff duration".into(),
            })
    }
}
