//! The building blocks of score reports: a share with its interval, and a distribution summary.

use std::fmt;

use crate::error::{Error, Result};
use crate::stats::{
    Interval, IntervalMethod, Level, Moments, OpenInterval, OrderStatistics, ProportionMethod,
    QuantileType, checked_on_read, proportion_interval, quantile_interval_ranks,
};

checked_on_read! {
/// `count` of `of` (for example visits served within the standard), with Wilson's interval.
///
/// Printed as a percentage with the counts it comes from: `45/50 = 90.0% [78.6, 95.7]`.
///
/// Read back with `serde`, it is checked: `count ≤ of`, `of ≥ 1`, and the interval is Wilson's
/// for `count/of` at its level (to 1e-9, for numbers that went through decimal text).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Share {
    /// How many.
    pub count: u64,
    /// Out of how many.
    pub of: u64,
    /// The share `count / of` and its Wilson interval.
    pub interval: Interval,
}
}

impl Share {
    /// What [`Share::new`] guarantees: a share of 10 out of 2, or an interval that is not this
    /// share's, is refused.
    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        let inconsistent = |reason: String| Error::Inconsistent {
            what: "share".into(),
            reason,
        };
        if self.of == 0 || self.count > self.of {
            return Err(inconsistent(format!(
                "{} out of {}: a share counts at most what it is out of, and of at least one",
                self.count, self.of
            )));
        }
        let want = proportion_interval(
            self.count,
            self.of,
            self.interval.level(),
            ProportionMethod::Wilson,
        )?;
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9;
        if self.interval.method() != want.method()
            || !close(self.interval.estimate(), want.estimate())
            || !close(self.interval.lower(), want.lower())
            || !close(self.interval.upper(), want.upper())
        {
            return Err(inconsistent(format!(
                "{} out of {} with the interval {:?}: not its Wilson interval {want:?}",
                self.count, self.of, self.interval
            )));
        }
        Ok(())
    }

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
    /// `None` when the quantiles are exact; else the relative error they are within (kept in
    /// a sketch): n, mean, standard deviation and maximum stay exact.
    pub relative_error: Option<f64>,
    /// The population median's distribution-free 95 % interval, between two order statistics
    /// ([`quantile_interval_ranks`](crate::stats::quantile_interval_ranks)): no distribution
    /// assumed; an end too few values can bound is open (`None`). From a sketch, its ends are
    /// the sketch's order statistics, within `relative_error`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub median_interval: Option<OpenInterval>,
    /// The 90th percentile's interval, the same way: "90 % of citizens wait less than X" with
    /// its uncertainty. Its upper end needs at least 36 values at 95 %.
    #[cfg_attr(feature = "serde", serde(default))]
    pub p90_interval: Option<OpenInterval>,
}

/// The 95 % distribution-free interval of the `p`-quantile of `n` values around `estimate`,
/// its ends read by `order_statistic` (a 1-based rank in `1..=n`).
pub(crate) fn quantile_bounds(
    n: u64,
    p: f64,
    estimate: f64,
    order_statistic: &mut dyn FnMut(u64) -> f64,
) -> Result<OpenInterval> {
    let level = Level::default();
    let (lower, upper) = quantile_interval_ranks(n, p, level)?;
    let lower = lower.map(&mut *order_statistic);
    let upper = upper.map(&mut *order_statistic);
    Ok(OpenInterval::new(
        estimate,
        lower,
        upper,
        level,
        IntervalMethod::OrderStatistics,
    )?)
}

/// The median and p90 intervals from the order statistics the quantiles were selected from.
fn quantile_intervals(
    values: &mut OrderStatistics<'_>,
    median: f64,
    p90: f64,
) -> Result<(Option<OpenInterval>, Option<OpenInterval>)> {
    let n = values.len() as u64;
    // 1-based ranks, kept within the values.
    let mut rank = |k: u64| {
        let last = values.len().saturating_sub(1);
        values.nth(usize::try_from(k.saturating_sub(1)).map_or(last, |i| i.min(last)))
    };
    Ok((
        Some(quantile_bounds(n, 0.5, median, &mut rank)?),
        Some(quantile_bounds(n, 0.9, p90, &mut rank)?),
    ))
}

impl Summary {
    /// The summary of `values` (left unsorted), `None` when empty.
    pub(crate) fn of(values: &[f64], kind: QuantileType) -> Result<Option<Self>> {
        if values.is_empty() {
            return Ok(None);
        }
        let moments = Moments::from_slice(values)?;
        let mut scratch = values.to_vec();
        let mut order = OrderStatistics::new(&mut scratch);
        let [median, p90, p95] = order.quantiles([0.5, 0.9, 0.95], kind)?;
        let (median_interval, p90_interval) = quantile_intervals(&mut order, median, p90)?;
        Ok(Some(Self {
            n: moments.count(),
            mean: moments.mean()?,
            sd: moments.sd().ok(),
            median,
            p90,
            p95,
            max: moments.max()?,
            quantile_type: kind,
            relative_error: None,
            median_interval,
            p90_interval,
        }))
    }

    /// The summary of durations given in milliseconds, in minutes; `None` when empty. The mean
    /// and standard deviation come from exact integer sums (in 128 bits), the quantiles from
    /// selection: linear in the number of durations.
    pub(crate) fn of_minutes(millis: &[u64], kind: QuantileType) -> Result<Option<Self>> {
        let Some(&max) = millis.iter().max() else {
            return Ok(None);
        };
        let Some((mean, sd)) = exact_mean_sd(millis) else {
            // Sums past 128 bits (durations of many thousand years): floating moments.
            let minutes: Vec<f64> = millis.iter().map(|&ms| ms as f64 / 60_000.0).collect();
            return Self::of(&minutes, kind);
        };
        let mut minutes: Vec<f64> = millis.iter().map(|&ms| ms as f64 / 60_000.0).collect();
        let mut order = OrderStatistics::new(&mut minutes);
        let [median, p90, p95] = order.quantiles([0.5, 0.9, 0.95], kind)?;
        let (median_interval, p90_interval) = quantile_intervals(&mut order, median, p90)?;
        Ok(Some(Self {
            n: millis.len() as u64,
            mean: mean / 60_000.0,
            sd: sd.map(|sd| sd / 60_000.0),
            median,
            p90,
            p95,
            max: max as f64 / 60_000.0,
            quantile_type: kind,
            relative_error: None,
            median_interval,
            p90_interval,
        }))
    }
}

/// The mean and sample standard deviation of whole numbers from their exact sums: `Σx` and
/// `n·Σx² − (Σx)²` in 128 bits. `None` when a sum does not fit.
#[allow(clippy::arithmetic_side_effects)] // n ≥ 1; every sum checked
fn exact_mean_sd(values: &[u64]) -> Option<(f64, Option<f64>)> {
    let n = values.len() as u128;
    let (mut sum, mut squares) = (0u128, 0u128);
    for &x in values {
        let x = u128::from(x);
        sum = sum.checked_add(x)?;
        squares = squares.checked_add(x.checked_mul(x)?)?;
    }
    let mean = sum as f64 / n as f64;
    if n < 2 {
        return Some((mean, None));
    }
    // n·Σx² ≥ (Σx)² (Cauchy–Schwarz): the difference is exact and not negative.
    let spread = n.checked_mul(squares)?.checked_sub(sum.checked_mul(sum)?)?;
    let variance = spread as f64 / (n as f64 * (n - 1) as f64);
    Some((mean, Some(variance.sqrt())))
}

impl fmt::Display for Summary {
    /// `n 120  mean 23.4  median 18.0 [15.0, 21.5]  p90 45.0 [39.0, 58.0]  p95 61.5  max
    /// 120.0` (95 % intervals, `…` for an open end); quantiles from a sketch are marked `≈`
    /// with their relative error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let about = if self.relative_error.is_some() {
            "≈"
        } else {
            ""
        };
        let bounds = |i: Option<OpenInterval>| match i {
            Some(i) if i.lower().is_some() || i.upper().is_some() => {
                let end = |x: Option<f64>| x.map_or_else(|| "…".to_owned(), |x| format!("{x:.1}"));
                format!(" [{}, {}]", end(i.lower()), end(i.upper()))
            }
            _ => String::new(),
        };
        write!(
            f,
            "n {}  mean {:.1}  median {about}{:.1}{}  p90 {about}{:.1}{}  p95 {about}{:.1}  max {:.1}",
            self.n,
            self.mean,
            self.median,
            bounds(self.median_interval),
            self.p90,
            bounds(self.p90_interval),
            self.p95,
            self.max
        )?;
        if let Some(e) = self.relative_error {
            write!(f, "  (quantiles within {:.2}%)", 100.0 * e)?;
        }
        Ok(())
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
