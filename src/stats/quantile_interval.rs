//! Distribution-free confidence intervals for a quantile, between two order statistics.

use statrs::function::beta;

use super::dist;
use super::error::{Error, Result};
use super::interval::{IntervalMethod, Level};
use super::open_interval::OpenInterval;
use super::quantile::{QuantileType, Sorted};

/// `P(B ≤ k)` and `P(B > k)` for `B ~ Binomial(n, p)`, each from its own incomplete beta:
/// `P(B ≤ k) = I_{1−p}(n − k, k + 1)`, `P(B > k) = I_p(k + 1, n − k)` for `k < n`.
fn binomial_cdf_sf(k: u64, n: u64, p: f64) -> (f64, f64) {
    if k >= n {
        return (1.0, 0.0);
    }
    #[allow(clippy::arithmetic_side_effects)] // k < n
    let (a, b) = ((k + 1) as f64, (n - k) as f64);
    let cdf = beta::checked_beta_reg(b, a, 1.0 - p).unwrap_or(f64::NAN);
    let sf = beta::checked_beta_reg(a, b, p).unwrap_or(f64::NAN);
    (cdf, sf)
}

/// The smallest `k` in `0..=n` with `accept(k)`, for an `accept` false then true.
#[allow(clippy::arithmetic_side_effects)] // lo < hi ≤ n, so mid < hi and mid + 1 ≤ hi
fn first(n: u64, accept: impl Fn(u64) -> bool) -> u64 {
    let (mut lo, mut hi) = (0u64, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if accept(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The 1-based ranks `(l, u)` of the order statistics bounding the `p`-quantile of `n` values
/// at `level`, `None` for a side no order statistic bounds: `l` is the smallest `k` with
/// `P(B ≤ k) ≥ α/2` and `u − 1` the smallest `k` with `P(B > k) ≤ α/2`, `B ~ Binomial(n, p)`
/// the number of values below the population quantile, `α = 1 − level`. Then
/// `P(x₍ₗ₎ ≤ ξ_p ≤ x₍ᵤ₎) ≥ level` for continuous data, and `l` is `None` when it would be 0, `u`
/// when it would exceed `n`. These are the order statistics of scipy's
/// `quantile_test(x, p=p).confidence_interval(level)` (≥ 1.11), whose NaN marks an open side.
///
/// For data kept as a histogram or a sketch that can give its order statistics.
///
/// ```
/// use layanan::{Level, stats::quantile_interval_ranks};
///
/// // The median of 100 waits lies between the 40th and the 61st at 95 %.
/// assert_eq!(quantile_interval_ranks(100, 0.5, Level::default())?, (Some(40), Some(61)));
/// // Five waits bound a p90 from neither side.
/// assert_eq!(quantile_interval_ranks(5, 0.9, Level::default())?, (Some(3), None));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for `n` = 0; [`Error::InvalidProbability`] unless `0 < p < 1`.
pub fn quantile_interval_ranks(n: u64, p: f64, level: Level) -> Result<(Option<u64>, Option<u64>)> {
    if n == 0 {
        return Err(Error::InsufficientData {
            what: "quantile interval".into(),
            needed: 1,
            got: 0,
        });
    }
    dist::check_probability("quantile probability", p)?;
    let tail = level.tail();
    let l = first(n, |k| binomial_cdf_sf(k, n, p).0 >= tail);
    let u = first(n, |k| binomial_cdf_sf(k, n, p).1 <= tail);
    let lower = (l >= 1).then_some(l);
    let upper = (u < n).then(|| u.saturating_add(1));
    Ok((lower, upper))
}

/// A distribution-free interval for the `p`-quantile (median, p90 …) of the population a sample
/// of waits comes from: between the order statistics of [`quantile_interval_ranks`], with the
/// sample quantile of [`QuantileType::Linear`] as the estimate. "90 % of citizens wait less than
/// X minutes" carries its uncertainty without assuming any distribution. The coverage is at least
/// `level` for continuous data (ties make it conservative). A side that too few values cannot
/// bound is open (`None`), stated rather than guessed: a p90 needs at least 36 values for a
/// 95 % upper bound.
///
/// ```
/// use layanan::{Level, stats::quantile_interval};
///
/// let waits: Vec<f64> = (1..=60).map(|i| f64::from(i) * 1.5).collect();
/// let p90 = quantile_interval(&waits, 0.9, Level::default())?;
/// assert_eq!((p90.lower(), p90.upper()), (Some(73.5), Some(88.5))); // x₍₄₉₎ and x₍₅₉₎
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for no values; [`Error::NotFinite`] for NaN or ±∞;
/// [`Error::InvalidProbability`] unless `0 < p < 1`.
pub fn quantile_interval(data: &[f64], p: f64, level: Level) -> Result<OpenInterval> {
    let sorted = Sorted::new(data)?;
    let values = sorted.as_slice();
    let (l, u) = quantile_interval_ranks(values.len() as u64, p, level)?;
    // 1-based ranks within 1..=n, so the index k − 1 exists.
    let at = |k: u64| {
        usize::try_from(k)
            .ok()
            .and_then(|k| k.checked_sub(1))
            .and_then(|i| values.get(i).copied())
    };
    OpenInterval::new(
        sorted.quantile(p, QuantileType::Linear)?,
        l.and_then(at),
        u.and_then(at),
        level,
        IntervalMethod::OrderStatistics,
    )
}
