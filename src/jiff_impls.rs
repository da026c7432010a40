//! Conversions to and from `jiff` (feature `jiff`).

use crate::error::{Error, Result};
use crate::{TimeSpan, Timestamp};

impl From<jiff::Timestamp> for Timestamp {
    /// Exact to the millisecond; finer digits are truncated toward the past.
    fn from(t: jiff::Timestamp) -> Self {
        Timestamp::from_unix_millis(t.as_millisecond())
    }
}

impl TryFrom<Timestamp> for jiff::Timestamp {
    type Error = Error;

    /// `jiff` covers the years −9999 to 9999; instants beyond are an error.
    fn try_from(t: Timestamp) -> Result<Self> {
        jiff::Timestamp::from_millisecond(t.unix_millis()).map_err(|_| Error::TimeOutOfRange {
            field: "jiff timestamp".into(),
            value: t.unix_millis().to_string(),
        })
    }
}

impl TryFrom<jiff::SignedDuration> for TimeSpan {
    type Error = Error;

    /// Negative durations are an error: a span is never negative.
    fn try_from(d: jiff::SignedDuration) -> Result<Self> {
        u64::try_from(d.as_millis())
            .map(TimeSpan::from_millis)
            .map_err(|_| Error::OutOfRange {
                field: "time span milliseconds".into(),
                value: i64::try_from(d.as_millis()).unwrap_or(i64::MIN),
                min: 0,
                max: i64::MAX,
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
