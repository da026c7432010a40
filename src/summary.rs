//! The building blocks of score reports: a share with its interval, and a distribution summary.

use std::fmt;

use crate::error::{Error, Result};
use crate::stats::{
    Interval, Level, Moments, ProportionMethod, QuantileType, Sorted, proportion_interval,
};

/// `count` of `of` (for example visits served within the standard), with Wilson's interval.
///
/// Printed as a percentage with the counts it comes from: `45/50 = 90.0% [78.6, 95.7]`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Share {
    /// How many.
    pub count: u64,
    /// Out of how many.
    pub of: u64,
    /// The share `count / of` and its Wilson interval.
    pub interval: Interval,
}

impl Share {
    /// `count` of `of`, `None` when `of` is 0.
    pub(crate) fn new(count: u64, of: u64, level: Level) -> Result<Option<Self>> {
        if of == 0 {
            return Ok(None);
        }
        let interval = proportion_interval(count, of, level, ProportionMethod::Wilson)?;
        Ok(Some(Self {
            count,
            of,
            interval,
        }))
    }

    /// The share, 0–1.
    pub fn rate(&self) -> f64 {
        self.interval.estimate()
    }
}

impl fmt::Display for Share {
    /// `45/50 = 90.0% [78.6, 95.7]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} = {:.1}% [{:.1}, {:.1}]",
            self.count,
            self.of,
            100.0 * self.rate(),
            100.0 * self.interval.lower(),
            100.0 * self.interval.upper()
        )
    }
}

/// How much of what was counted a score judges: `judged` of `of` (visits judged against a
/// standard of all visits counted). A score that judges less than half of what it counted is
/// flagged as low coverage: it may not speak for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Coverage {
    /// How many were judged.
    pub judged: u64,
    /// Out of how many counted.
    pub of: u64,
}

impl Coverage {
    /// `judged` of `of`.
    pub(crate) const fn new(judged: u64, of: u64) -> Self {
        Self { judged, of }
    }

    /// The share judged, 0–1 (0 when nothing was counted).
    pub fn share(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.judged as f64 / self.of as f64
        }
    }

    /// Whether less than half was judged (`2·judged < of`).
    pub fn is_low(&self) -> bool {
        self.judged < self.of.saturating_sub(self.judged)
    }
}

impl fmt::Display for Coverage {
    /// `judged 45 of 50 (90%)`, with `, low coverage` below half.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "judged {} of {} ({:.0}%{})",
            self.judged,
            self.of,
            100.0 * self.share(),
            if self.is_low() { ", low coverage" } else { "" }
        )
    }
}

/// Mean, spread and upper quantiles of a sample (durations in minutes or working days, amounts
/// of money …).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Summary {
    /// Number of values.
    pub n: u64,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation; `None` below 2 values.
    pub sd: Option<f64>,
    /// Median.
    pub median: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest value.
    pub max: f64,
    /// The quantile definition used.
    pub quantile_type: QuantileType,
}

impl Summary {
    /// The summary of `values` (left unsorted), `None` when empty.
    pub(crate) fn of(values: &[f64], kind: QuantileType) -> Result<Option<Self>> {
        if values.is_empty() {
            return Ok(None);
        }
        let moments = Moments::from_slice(values)?;
        let sorted = Sorted::new(values)?;
        let [median, p90, p95] = sorted.quantiles([0.5, 0.9, 0.95], kind)?;
        Ok(Some(Self {
            n: moments.count(),
            mean: moments.mean()?,
            sd: moments.sd().ok(),
            median,
            p90,
            p95,
            max: moments.max()?,
            quantile_type: kind,
        }))
    }
}

impl Summary {
    /// The summary of durations given in milliseconds, in minutes; `None` when empty.
    pub(crate) fn of_minutes(millis: &[u64], kind: QuantileType) -> Result<Option<Self>> {
        let minutes: Vec<f64> = millis.iter().map(|&ms| ms as f64 / 60_000.0).collect();
        Self::of(&minutes, kind)
    }
}

impl fmt::Display for Summary {
    /// `n 120  mean 23.4  median 18.0  p90 45.0  p95 61.5  max 120.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "n {}  mean {:.1}  median {:.1}  p90 {:.1}  p95 {:.1}  max {:.1}",
            self.n, self.mean, self.median, self.p90, self.p95, self.max
        )
    }
}

/// The total of `counts`; [`Error::Overflow`] naming `tally` past `u64::MAX` (merging, or a
/// tally read from elsewhere, can hold counts whose sum does not fit).
pub(crate) fn total(counts: &[u64], tally: &str) -> Result<u64> {
    counts
        .iter()
        .try_fold(0u64, |sum, &c| sum.checked_add(c))
        .ok_or_else(|| Error::Overflow {
            field: tally.into(),
        })
}
