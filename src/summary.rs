//! The building blocks of score reports: a share with its interval, and a distribution summary.

use std::fmt;

use crate::error::{Error, Result};
use crate::stats::{
    Interval, Level, Moments, ProportionMethod, QuantileType, Sorted, proportion_interval,
};

/// `count` of `of` (for example visits served within the standard), with Wilson's interval.
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
