//! Internal consistency of a questionnaire: Cronbach's α.

use super::dist;
use super::interval::{Interval, IntervalMethod, Level};

/// Cronbach's α of a set of items, raw and standardised, with Feldt's interval.
///
/// * raw: `α = k/(k−1) · (1 − Σ σᵢ² / Σᵢⱼ σᵢⱼ)` from the item covariance matrix;
/// * standardised: `k·r̄ / (1 + (k−1)·r̄)`, `r̄` the mean inter-item correlation;
/// * Feldt (1965): `[1 − (1−α)·F(α/2; n−1, (n−1)(k−1)), 1 − (1−α)·F(1−α/2; n−1, (n−1)(k−1))]`
///   with `F(p; ·)` the upper-`p` quantile, as pingouin computes it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CronbachAlpha {
    alpha: f64,
    standardized: Option<f64>,
    interval: Option<Interval>,
    respondents: u64,
    items: usize,
}

impl CronbachAlpha {
    /// Raw α.
    pub const fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Standardised α; `None` when an item has zero variance.
    pub const fn standardized(&self) -> Option<f64> {
        self.standardized
    }

    /// Feldt's interval for α; `None` when it cannot be computed.
    pub const fn interval(&self) -> Option<Interval> {
        self.interval
    }

    /// The number of respondents α was computed from.
    pub const fn respondents(&self) -> u64 {
        self.respondents
    }

    /// The number of items.
    pub const fn items(&self) -> usize {
        self.items
    }

    /// α from a `k × k` covariance matrix (row-major) estimated on `n` respondents; `None` when
    /// undefined (fewer than 2 items or respondents, zero total variance, non-finite entries).
    pub(crate) fn from_covariance(cov: &[f64], k: usize, n: u64, level: Level) -> Option<Self> {
        if k < 2 || n < 2 || cov.len() != k * k || cov.iter().any(|c| !c.is_finite()) {
            return None;
        }
        let at = |i: usize, j: usize| cov.get(i * k + j).copied().unwrap_or(f64::NAN);
        let total: f64 = cov.iter().sum();
        let trace: f64 = (0..k).map(|i| at(i, i)).sum();
        if total <= 0.0 {
            return None;
        }
        let kf = k as f64;
        let alpha = kf / (kf - 1.0) * (1.0 - trace / total);
        let standardized = if (0..k).all(|i| at(i, i) > 0.0) {
            let mut sum_r = 0.0;
            for i in 0..k {
                for j in 0..k {
                    if i != j {
                        sum_r += at(i, j) / (at(i, i) * at(j, j)).sqrt();
                    }
                }
            }
            let r_bar = sum_r / (kf * (kf - 1.0));
            Some(kf * r_bar / (1.0 + (kf - 1.0) * r_bar))
        } else {
            None
        };
        let d1 = n as f64 - 1.0;
        let d2 = d1 * (kf - 1.0);
        let interval = match (
            dist::f_upper_quantile(level.tail(), d1, d2),
            dist::f_upper_quantile(1.0 - level.tail(), d1, d2),
        ) {
            (Ok(f_hi), Ok(f_lo)) => Some(Interval::from_bounds(
                alpha,
                1.0 - (1.0 - alpha) * f_hi,
                1.0 - (1.0 - alpha) * f_lo,
                level,
                IntervalMethod::Feldt,
            )),
            _ => None,
        };
        alpha.is_finite().then_some(Self {
            alpha,
            standardized: standardized.filter(|s| s.is_finite()),
            interval,
            respondents: n,
            items: k,
        })
    }
}
