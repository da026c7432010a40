//! Monotonic trend in an equally spaced series: the Mann–Kendall test and Sen's slope.

use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level, finite};

/// What the Mann–Kendall test found in a series (see [`mann_kendall`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MannKendall {
    /// Length of the series.
    pub n: u64,
    /// Kendall's score `S = Σ_{i<j} sign(xⱼ − xᵢ)`.
    pub s: i64,
    /// The tie-corrected variance of `S` under no trend.
    pub variance: f64,
    /// The continuity-corrected normal score.
    pub z: f64,
    /// The two-sided p-value `2·(1 − Φ(|z|))`, computed from the upper tail.
    pub p_value: f64,
    /// Kendall's tau as pymannkendall reports it: `S / (n(n − 1)/2)`.
    pub tau: f64,
}

/// The longest series [`mann_kendall`] and [`sens_slope`] take. Both compare every pair of
/// values, so time (and for Sen's slope, memory) grows with the square of the length; at this
/// bound Sen's slope holds 50 million slopes (400 MB). Ten thousand periods is 27 years of days:
/// aggregate longer series into longer periods.
pub const MAX_TREND_LENGTH: usize = 10_000;

fn check_series(what: &str, series: &[f64], needed: u64) -> Result<()> {
    if (series.len() as u64) < needed {
        return Err(Error::InsufficientData {
            what: what.into(),
            needed,
            got: series.len() as u64,
        });
    }
    if series.len() > MAX_TREND_LENGTH {
        return Err(Error::NotApplicable {
            method: what.into(),
            reason: format!(
                "{} values are more than {MAX_TREND_LENGTH}; aggregate the series into longer periods",
                series.len()
            ),
        });
    }
    for &x in series {
        finite(what, x)?;
    }
    Ok(())
}

/// `n(n−1)(2n+5)/18 − Σₜ t(t−1)(2t+5)/18` over the groups of `t` tied values.
fn tie_corrected_variance(series: &[f64]) -> f64 {
    let mut sorted = series.to_vec();
    sorted.sort_by(f64::total_cmp);
    let term = |t: f64| t * (t - 1.0) * (2.0 * t + 5.0);
    let mut ties = 0.0;
    let mut run = 1.0;
    for pair in sorted.windows(2) {
        if let [a, b] = pair {
            if a == b {
                run += 1.0;
            } else {
                ties += term(run);
                run = 1.0;
            }
        }
    }
    ties += term(run);
    (term(series.len() as f64) - ties) / 18.0
}

/// The Mann–Kendall test of a monotonic trend in a series observed at equally spaced times
/// (months, triwulan …), oldest first.
///
/// * `S = Σ_{i<j} sign(xⱼ − xᵢ)`;
/// * `Var(S) = [n(n−1)(2n+5) − Σₜ t(t−1)(2t+5)] / 18`, the sum over groups of `t` tied values;
/// * `Z = (S − 1)/√Var(S)` if `S > 0`, `0` if `S = 0`, `(S + 1)/√Var(S)` if `S < 0`;
/// * `p = 2·(1 − Φ(|Z|))`, two-sided; `τ = S / (n(n−1)/2)`.
///
/// Checked against `pymannkendall.original_test` (`tests/fixtures/compare_reference.json`).
/// The normal approximation is usual from `n ≥ 4`; with fewer points no p-value can fall
/// below 0.05 anyway.
///
/// ```
/// use layanan::stats::mann_kendall;
///
/// // Share of visits served within standard, month by month.
/// let monthly = [71.0, 74.0, 73.0, 78.0, 80.0, 79.0, 84.0, 86.0];
/// let mk = mann_kendall(&monthly)?;
/// assert_eq!(mk.s, 24); // 26 pairs up, 2 down
/// assert!((mk.variance - 65.33333333333333).abs() < 1e-12); // 8·7·21/18
/// assert!((mk.z - 23.0 / 65.33333333333333f64.sqrt()).abs() < 1e-12);
/// assert!(mk.p_value < 0.01);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] below 2 values; [`Error::ZeroVariance`] when every value is the
/// same; [`Error::NotFinite`] for NaN or ±∞; [`Error::NotApplicable`] above [`MAX_TREND_LENGTH`]
/// values.
#[allow(clippy::arithmetic_side_effects)] // at most MAX_TREND_LENGTH values: |S| < 5·10^7
pub fn mann_kendall(series: &[f64]) -> Result<MannKendall> {
    check_series("Mann–Kendall test", series, 2)?;
    let mut s: i64 = 0;
    for (i, a) in series.iter().enumerate() {
        for b in series.iter().skip(i + 1) {
            s += match b.partial_cmp(a) {
                Some(std::cmp::Ordering::Greater) => 1,
                Some(std::cmp::Ordering::Less) => -1,
                _ => 0,
            };
        }
    }
    let variance = tie_corrected_variance(series);
    if variance <= 0.0 {
        return Err(Error::ZeroVariance {
            what: "Mann–Kendall test (all values tied)".into(),
        });
    }
    let n = series.len() as f64;
    Ok(from_score(
        series.len() as u64,
        s,
        variance,
        n * (n - 1.0) / 2.0,
    ))
}

/// The continuity-corrected normal test of a Kendall score `s` with variance `variance` over
/// `pairs` compared pairs.
fn from_score(n: u64, s: i64, variance: f64, pairs: f64) -> MannKendall {
    let sd = variance.sqrt();
    let z = match s {
        s if s > 0 => (s as f64 - 1.0) / sd,
        s if s < 0 => (s as f64 + 1.0) / sd,
        _ => 0.0,
    };
    MannKendall {
        n,
        s,
        variance,
        z,
        p_value: (2.0 * dist::normal_sf(z.abs())).min(1.0),
        tau: s as f64 / pairs,
    }
}

/// The Mann–Kendall test with Hamed and Rao's (1998) correction for autocorrelation: monthly
/// service data is rarely independent from one month to the next, and positive
/// autocorrelation makes the plain test find trends that are not there.
///
/// The series is detrended by Sen's slope (`xᵢ − i·β`, `i = 1…n`), ranked (ties averaged),
/// and the autocorrelations `ρₖ` of the ranks (`Σ (Rᵢ − R̄)(Rᵢ₊ₖ − R̄) / Σ (Rᵢ − R̄)²`) taken
/// at every lag `k = 1 … n − 1`; those outside `±z(1 − α/2)/√n` are significant and enter
/// the correction `n/n* = 1 + 2/(n(n−1)(n−2)) · Σ (n−k)(n−k−1)(n−k−2)·ρₖ`, which multiplies
/// the tie-corrected variance of `S`. `S` and τ are the plain test's; `z` and `p` use the
/// corrected variance. Checked against `pymannkendall.hamed_rao_modification_test` (all lags,
/// the same `alpha`).
///
/// ```
/// use layanan::stats::{mann_kendall, mann_kendall_hamed_rao};
///
/// // A slow drift with a seasonal wave: neighbouring months alike.
/// let series: Vec<f64> = (0..36)
///     .map(|i| 70.0 + 0.2 * f64::from(i) + 4.0 * (f64::from(i) * 0.5).sin())
///     .collect();
/// let plain = mann_kendall(&series)?;
/// let corrected = mann_kendall_hamed_rao(&series, 0.05)?;
/// assert_eq!(corrected.s, plain.s);
/// assert!(corrected.variance != plain.variance);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`mann_kendall`], from 3 values; [`Error::InvalidProbability`] unless `0 < alpha < 1`;
/// [`Error::NotApplicable`] when the correction leaves no positive variance (a series too
/// short for its autocorrelations).
#[allow(clippy::arithmetic_side_effects)] // indices below n ≤ MAX_TREND_LENGTH
pub fn mann_kendall_hamed_rao(series: &[f64], alpha: f64) -> Result<MannKendall> {
    const WHAT: &str = "Hamed–Rao Mann–Kendall test";
    check_series(WHAT, series, 3)?;
    dist::check_probability("alpha", alpha)?;
    let plain = mann_kendall(series)?;
    let slope = sens_slope(series, Level::default())?.slope.estimate();
    let detrended: Vec<f64> = series
        .iter()
        .enumerate()
        .map(|(i, x)| x - (i + 1) as f64 * slope)
        .collect();
    let (ranks, _) = super::rank::ranks(&detrended);
    let n = ranks.len();
    let mean = ranks.iter().sum::<f64>() / n as f64;
    let centred: Vec<f64> = ranks.iter().map(|r| r - mean).collect();
    let lag0: f64 = centred.iter().map(|c| c * c).sum();
    let band = dist::normal_upper_quantile(alpha / 2.0)? / (n as f64).sqrt();
    let nf = n as f64;
    let mut sum = 0.0;
    if lag0 > 0.0 {
        for k in 1..n {
            let rho = centred
                .iter()
                .zip(centred.iter().skip(k))
                .map(|(a, b)| a * b)
                .sum::<f64>()
                / lag0;
            if rho.abs() > band {
                let m = (n - k) as f64;
                sum += m * (m - 1.0) * (m - 2.0) * rho;
            }
        }
    }
    let factor = 1.0 + 2.0 / (nf * (nf - 1.0) * (nf - 2.0)) * sum;
    let variance = plain.variance * factor;
    if !(variance > 0.0 && variance.is_finite()) {
        return Err(Error::NotApplicable {
            method: WHAT.into(),
            reason: format!(
                "the autocorrelation correction {factor} leaves no positive variance ({n} values)"
            ),
        });
    }
    Ok(from_score(
        plain.n,
        plain.s,
        variance,
        nf * (nf - 1.0) / 2.0,
    ))
}

/// The seasonal Mann–Kendall test (Hirsch, Slack and Smith 1982): a monotonic trend across
/// years that compares each season (month, quarter) only with itself, so Lebaran, school terms
/// and the end of the fiscal year do not pass for a trend. `series` is equally spaced and
/// oldest first; value `i` belongs to season `i mod period`.
///
/// `S = Σ Sₛ` and `Var(S) = Σ Var(Sₛ)` over the seasons (each the tie-corrected Mann–Kendall
/// score and variance of that season's values), `z` continuity-corrected and `p` two-sided as
/// in [`mann_kendall`], `τ = S / Σ nₛ(nₛ − 1)/2`. A last, incomplete year counts in the
/// seasons it reaches. Checked against `pymannkendall.seasonal_test` on whole years (which
/// drops an incomplete last year) and against the sum of per-season `original_test` scores
/// otherwise.
///
/// ```
/// use layanan::stats::seasonal_mann_kendall;
///
/// // Three years of monthly on-time shares: a Lebaran dip every year, a slow rise.
/// let series: Vec<f64> = (0..36)
///     .map(|i| 80.0 + 0.3 * f64::from(i) - if i % 12 == 3 { 15.0 } else { 0.0 })
///     .collect();
/// let mk = seasonal_mann_kendall(&series, 12)?;
/// assert_eq!(mk.s, 36); // every season rises in each of its 3 pairs
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a period below 2; [`Error::InsufficientData`] when no season has
/// two values; [`Error::ZeroVariance`] when every season is constant; as [`mann_kendall`] for
/// non-finite values and length.
#[allow(clippy::arithmetic_side_effects)] // at most MAX_TREND_LENGTH values: |S| < 5·10^7
pub fn seasonal_mann_kendall(series: &[f64], period: usize) -> Result<MannKendall> {
    const WHAT: &str = "seasonal Mann–Kendall test";
    if period < 2 {
        return Err(Error::InvalidValue {
            field: "seasonal period".into(),
            value: period as f64,
            expected: "at least 2".into(),
        });
    }
    check_series(WHAT, series, 2)?;
    let (mut s, mut variance, mut pairs) = (0i64, 0.0, 0.0);
    for season in 0..period {
        let values: Vec<f64> = series
            .iter()
            .skip(season)
            .step_by(period)
            .copied()
            .collect();
        if values.len() < 2 {
            continue;
        }
        for (i, a) in values.iter().enumerate() {
            for b in values.iter().skip(i + 1) {
                s += match b.partial_cmp(a) {
                    Some(std::cmp::Ordering::Greater) => 1,
                    Some(std::cmp::Ordering::Less) => -1,
                    _ => 0,
                };
            }
        }
        let m = values.len() as f64;
        variance += tie_corrected_variance(&values);
        pairs += m * (m - 1.0) / 2.0;
    }
    if pairs == 0.0 {
        return Err(Error::InsufficientData {
            what: format!("{WHAT} (a season with two values; period {period})"),
            needed: (period + 1) as u64,
            got: series.len() as u64,
        });
    }
    if variance <= 0.0 {
        return Err(Error::ZeroVariance {
            what: format!("{WHAT} (every season constant)"),
        });
    }
    Ok(from_score(series.len() as u64, s, variance, pairs))
}

/// Sen's slope of a series (see [`sens_slope`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SenSlope {
    /// The slope per time step with its interval: the median of the pairwise slopes.
    pub slope: Interval,
    /// The intercept at time 0 (the first value): `median(x) − median(t)·slope`.
    pub intercept: f64,
}

/// The order statistic of rank `rank` (1-based, fractional ranks interpolated linearly,
/// clamped to `1..=len`) of a sorted, non-empty slice.
fn order_statistic(sorted: &[f64], rank: f64) -> f64 {
    let last = sorted.len().saturating_sub(1);
    let r = (rank - 1.0).clamp(0.0, last as f64);
    let below = r.floor() as usize;
    let frac = r - below as f64;
    let lo = sorted.get(below).copied().unwrap_or(f64::NAN);
    let hi = sorted
        .get(below.saturating_add(1).min(last))
        .copied()
        .unwrap_or(lo);
    super::quantile::lerp(lo, hi, frac)
}

fn median_sorted(sorted: &[f64]) -> f64 {
    order_statistic(sorted, (sorted.len() as f64 + 1.0) / 2.0)
}

/// Sen's (Theil–Sen) slope of a series at equally spaced times `0, 1, …, n − 1`, with
/// Gilbert's (1987) distribution-free interval.
///
/// * slope: the median of the `N = n(n−1)/2` slopes `(xⱼ − xᵢ)/(j − i)`, `i < j`;
/// * intercept: `median(x) − median(0, …, n−1)·slope` (Conover), as pymannkendall;
/// * interval: with `C = z(1−α/2)·√Var(S)` (the tie-corrected Mann–Kendall variance),
///   `M₁ = (N − C)/2`, `M₂ = (N + C)/2`, the bounds are the `M₁`-th and `(M₂ + 1)`-th smallest
///   slopes (1-based), interpolated linearly between neighbours when the rank is fractional
///   and clamped to the smallest and largest slope.
///
/// The slope and intercept are checked against `pymannkendall.sens_slope`; the interval against
/// an independent numpy implementation of the formula above. Time and memory are `O(n²)`: meant
/// for series of periods (tens to a few thousand points), not raw observations.
///
/// ```
/// use layanan::{Level, stats::sens_slope};
///
/// let monthly = [71.0, 74.0, 73.0, 78.0, 80.0, 79.0, 84.0, 86.0];
/// let sen = sens_slope(&monthly, Level::default())?;
/// assert_eq!(sen.slope.estimate(), 2.0); // two points a month
/// assert!(sen.slope.lower() > 0.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] below 2 values; [`Error::NotFinite`] for NaN or ±∞;
/// [`Error::NotApplicable`] above [`MAX_TREND_LENGTH`] values; [`Error::Overflow`] when a slope
/// or the intercept overflows `f64` (values near ±f64::MAX).
#[allow(clippy::arithmetic_side_effects)] // at most MAX_TREND_LENGTH values
pub fn sens_slope(series: &[f64], level: Level) -> Result<SenSlope> {
    check_series("Sen's slope", series, 2)?;
    let mut slopes = Vec::with_capacity(series.len() * (series.len() - 1) / 2);
    for (i, a) in series.iter().enumerate() {
        for (step, b) in series.iter().skip(i + 1).enumerate() {
            let run = step as f64 + 1.0;
            let slope = (b - a) / run;
            // b − a overflows only between values near ±f64::MAX; the slope itself may fit.
            slopes.push(if slope.is_finite() {
                slope
            } else {
                b / run - a / run
            });
        }
    }
    let overflow = || Error::Overflow {
        field: "Sen's slope of this series".into(),
    };
    if slopes.iter().any(|s| !s.is_finite()) {
        return Err(overflow());
    }
    slopes.sort_by(f64::total_cmp);
    let slope = median_sorted(&slopes);
    let mut sorted = series.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = series.len() as f64;
    let intercept = median_sorted(&sorted) - (n - 1.0) / 2.0 * slope;
    if !intercept.is_finite() {
        return Err(overflow());
    }
    let big_n = slopes.len() as f64;
    let c = dist::normal_upper_quantile(level.tail())? * tie_corrected_variance(series).sqrt();
    let lower = order_statistic(&slopes, (big_n - c) / 2.0);
    let upper = order_statistic(&slopes, (big_n + c) / 2.0 + 1.0);
    Ok(SenSlope {
        slope: Interval::from_bounds(slope, lower, upper, level, IntervalMethod::SenSlope)?,
        intercept,
    })
}
