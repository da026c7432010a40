//! Internal consistency of a questionnaire: Cronbach's α.

use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level};
use super::matrix::positive_semidefinite;
use super::read_check::checked_on_read;

checked_on_read! {
/// Cronbach's α of a set of items, raw and standardised, with Feldt's interval.
///
/// * raw: `α = k/(k−1) · (1 − Σ σᵢ² / Σᵢⱼ σᵢⱼ)` from the item covariance matrix;
/// * standardised: `k·r̄ / (1 + (k−1)·r̄)`, `r̄` the mean inter-item correlation (with pairwise
///   deletion, each correlation over the rows answering both items, as pandas' `corr`);
/// * Feldt (1965): `[1 − (1−α)·F(α/2; n−1, (n−1)(k−1)), 1 − (1−α)·F(1−α/2; n−1, (n−1)(k−1))]`
///   with `F(p; ·)` the upper-`p` quantile, `n` the rows α was computed from: the complete rows
///   with listwise deletion, all rows with pairwise deletion. pingouin takes all rows in both
///   modes, so its listwise interval differs from this one when a row has a blank (it counts
///   rows that α never saw); with pairwise deletion, or without blanks, the two agree.
///
/// Both forms are at most 1 for a covariance (or correlation) matrix that is positive
/// semi-definite, as any matrix of complete data is. Pairwise covariances need not be: each
/// comes from other rows, and together they can describe no set of answers at all, which is
/// how pairwise α used to exceed 1 (1.075 on an ordinary SKM file with blanks). Such a matrix
/// has no α: [`cronbach_alpha`] refuses it and an SKM report leaves its pairwise α out.
///
/// Read back with `serde`, it is checked: α (and its standardised form) finite and at most 1,
/// at least 2 items and 2 respondents, and Feldt's interval (if any) around this α, within 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CronbachAlpha {
    alpha: f64,
    standardized: Option<f64>,
    interval: Option<Interval>,
    respondents: u64,
    items: usize,
}
}

impl CronbachAlpha {
    /// What construction guarantees; deserialised values could say anything (an α of 5).
    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        let at_most_one = |v: f64| v.is_finite() && v <= 1.0;
        let interval_fits = self.interval.is_none_or(|i| {
            i.method() == IntervalMethod::Feldt && i.estimate() == self.alpha && i.upper() <= 1.0
        });
        if at_most_one(self.alpha)
            && self.standardized.is_none_or(at_most_one)
            && self.items >= 2
            && self.respondents >= 2
            && interval_fits
        {
            return Ok(());
        }
        Err(Error::Inconsistent {
            what: "Cronbach's alpha".into(),
            reason: format!(
                "alpha {}, standardised {:?}, {} items, {} respondents, interval {:?}: alpha is \
                 at most 1, of 2 items and 2 respondents or more, and Feldt's interval is \
                 around it",
                self.alpha, self.standardized, self.items, self.respondents, self.interval
            ),
        })
    }

    /// Raw α.
    pub const fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Standardised α; `None` when an item has zero variance, and with pairwise deletion when
    /// the pairwise correlations are not positive semi-definite (or, in an SKM report, when a
    /// questionnaire has a blank, since a tally keeps no pairwise-complete variances).
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

    /// α from a `k × k` covariance matrix (row-major) of complete rows, estimated on `n`
    /// respondents, the standardised form from the correlations it implies; `None` when
    /// undefined (fewer than 2 items or respondents, zero total variance, non-finite entries).
    pub(crate) fn from_covariance(cov: &[f64], k: usize, n: u64, level: Level) -> Option<Self> {
        Self::from_parts(cov, Correlations::OfCovariance, k, n, level)
    }

    /// α from pairwise covariances: `None` when the matrix is not positive semi-definite (see
    /// the type's docs), else as [`from_covariance`](Self::from_covariance), the standardised
    /// form from `correlations` when given (and itself positive semi-definite).
    pub(crate) fn from_pairwise(
        cov: &[f64],
        correlations: Option<&[f64]>,
        k: usize,
        n: u64,
        level: Level,
    ) -> Option<Self> {
        if !positive_semidefinite(cov, k) {
            return None;
        }
        let correlations = match correlations {
            Some(r) => Correlations::Given(r),
            None => Correlations::Unknown,
        };
        Self::from_parts(cov, correlations, k, n, level)
    }

    #[allow(clippy::arithmetic_side_effects)] // k × k = cov.len() (checked first), so every index i·k + j is below it
    fn from_parts(
        cov: &[f64],
        correlations: Correlations<'_>,
        k: usize,
        n: u64,
        level: Level,
    ) -> Option<Self> {
        if k < 2
            || n < 2
            || k.checked_mul(k) != Some(cov.len())
            || cov.iter().any(|c| !c.is_finite())
        {
            return None;
        }
        let at = |i: usize, j: usize| cov.get(i * k + j).copied().unwrap_or(f64::NAN);
        let total: f64 = cov.iter().sum();
        let trace: f64 = (0..k).map(|i| at(i, i)).sum();
        if total <= 0.0 {
            return None;
        }
        let kf = k as f64;
        // At most 1 for a positive semi-definite matrix (Σᵢⱼσᵢⱼ ≤ k·Σσᵢ²); held there against
        // rounding, which can leave 1 + 1e-16 for items that always move together.
        let alpha = (kf / (kf - 1.0) * (1.0 - trace / total)).min(1.0);
        let mean_correlation = |r: &dyn Fn(usize, usize) -> f64| {
            let mut sum_r = 0.0;
            for i in 0..k {
                for j in 0..k {
                    if i != j {
                        sum_r += r(i, j);
                    }
                }
            }
            sum_r / (kf * (kf - 1.0))
        };
        let r_bar = match correlations {
            Correlations::OfCovariance => (0..k)
                .all(|i| at(i, i) > 0.0)
                .then(|| mean_correlation(&|i, j| at(i, j) / (at(i, i) * at(j, j)).sqrt())),
            Correlations::Given(r) => (r.len() == cov.len()
                && r.iter().all(|v| v.is_finite())
                && positive_semidefinite(r, k))
            .then(|| mean_correlation(&|i, j| r.get(i * k + j).copied().unwrap_or(f64::NAN))),
            Correlations::Unknown => None,
        };
        let standardized = r_bar
            .map(|r_bar| (kf * r_bar / (1.0 + (kf - 1.0) * r_bar)).min(1.0))
            .filter(|s| s.is_finite());
        let d1 = n as f64 - 1.0;
        let d2 = d1 * (kf - 1.0);
        let interval = match (
            dist::f_upper_quantile(level.tail(), d1, d2),
            dist::f_lower_quantile(level.tail(), d1, d2),
        ) {
            // Undefined (None) when the quantiles fail or the bounds do not make an interval.
            (Ok(f_hi), Ok(f_lo)) => Interval::from_bounds(
                alpha,
                1.0 - (1.0 - alpha) * f_hi,
                1.0 - (1.0 - alpha) * f_lo,
                level,
                IntervalMethod::Feldt,
            )
            .ok(),
            _ => None,
        };
        alpha.is_finite().then_some(Self {
            alpha,
            standardized,
            interval,
            respondents: n,
            items: k,
        })
    }
}

/// Where the standardised α takes its correlations from.
#[derive(Clone, Copy)]
enum Correlations<'a> {
    /// The covariance matrix's own: `σᵢⱼ/√(σᵢᵢσⱼⱼ)` (complete rows).
    OfCovariance,
    /// A correlation matrix of its own (pairwise deletion: each over the rows answering both).
    Given(&'a [f64]),
    /// None at hand (a tally keeps no pairwise-complete variances).
    Unknown,
}

/// How to treat questionnaires with blank items when estimating reliability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Deletion {
    /// Use complete rows only (Feldt's interval at n = complete rows).
    #[default]
    Listwise,
    /// Each covariance from the rows answering both items (Feldt's interval at n = all rows, as
    /// pingouin).
    Pairwise,
}

/// One item's contribution to a scale.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ItemAnalysis {
    /// The item's position.
    pub item: usize,
    /// Cronbach's α of the other items; higher than the scale's α means the item weakens it.
    pub alpha_if_deleted: Option<f64>,
    /// Pearson's r of the item with the sum of the other items (corrected item–total r).
    pub corrected_item_total: Option<f64>,
}

/// The most items [`cronbach_alpha`] and [`item_analysis`] take: they build the `k × k`
/// covariance matrix, so memory grows with the square of the item count.
pub const MAX_ITEMS: usize = 1_000;

pub(super) fn check_rows<R: AsRef<[Option<f64>]>>(rows: &[R]) -> Result<usize> {
    let k = rows.first().map_or(0, |r| r.as_ref().len());
    if k < 2 {
        return Err(Error::InsufficientData {
            what: "Cronbach's alpha (items)".into(),
            needed: 2,
            got: k as u64,
        });
    }
    if k > MAX_ITEMS {
        return Err(Error::OutOfRange {
            field: "items".into(),
            value: i64::try_from(k).unwrap_or(i64::MAX),
            min: 2,
            max: MAX_ITEMS as i64,
        });
    }
    for row in rows {
        let row = row.as_ref();
        if row.len() != k {
            return Err(Error::LengthMismatch {
                what: "item matrix row".into(),
                expected: k,
                got: row.len(),
            });
        }
        if let Some(bad) = row.iter().flatten().find(|x| !x.is_finite()) {
            return Err(Error::NotFinite {
                field: "item score".into(),
                value: *bad,
            });
        }
    }
    Ok(k)
}

/// The `k × k` covariance matrix, the n Feldt's interval uses, and with pairwise deletion the
/// pairwise correlations (NaN where a pair has no spread).
#[allow(clippy::arithmetic_side_effects)] // k ≤ MAX_ITEMS (checked by check_rows); k > 0 as a divisor
pub(super) fn covariance_matrix<R: AsRef<[Option<f64>]>>(
    rows: &[R],
    k: usize,
    deletion: Deletion,
) -> Option<(Vec<f64>, u64, Option<Vec<f64>>)> {
    let mut cov = vec![0.0; k * k];
    match deletion {
        Deletion::Listwise => {
            let complete: Vec<Vec<f64>> = rows
                .iter()
                .filter_map(|r| r.as_ref().iter().copied().collect::<Option<Vec<f64>>>())
                .collect();
            let n = complete.len();
            if n < 2 {
                return None;
            }
            let means: Vec<f64> = (0..k)
                .map(|i| complete.iter().filter_map(|r| r.get(i)).sum::<f64>() / n as f64)
                .collect();
            for (cell, c) in cov.iter_mut().enumerate() {
                let (i, j) = (cell / k, cell % k);
                let (mi, mj) = (means.get(i)?, means.get(j)?);
                let s: f64 = complete
                    .iter()
                    .map(|r| (r.get(i).unwrap_or(mi) - mi) * (r.get(j).unwrap_or(mj) - mj))
                    .sum();
                *c = s / (n as f64 - 1.0);
            }
            Some((cov, n as u64, None))
        }
        Deletion::Pairwise => {
            let mut correlations = vec![f64::NAN; k * k];
            for (cell, (c, r)) in cov.iter_mut().zip(correlations.iter_mut()).enumerate() {
                let (i, j) = (cell / k, cell % k);
                let pairs: Vec<(f64, f64)> = rows
                    .iter()
                    .filter_map(|r| Some(((*r.as_ref().get(i)?)?, (*r.as_ref().get(j)?)?)))
                    .collect();
                let n = pairs.len() as f64;
                if pairs.len() < 2 {
                    if i == j {
                        return None;
                    }
                    continue; // left out of the total, as pandas/pingouin do
                }
                let (mx, my) = (
                    pairs.iter().map(|p| p.0).sum::<f64>() / n,
                    pairs.iter().map(|p| p.1).sum::<f64>() / n,
                );
                let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
                for (x, y) in &pairs {
                    let (dx, dy) = (x - mx, y - my);
                    sxy += dx * dy;
                    sxx += dx * dx;
                    syy += dy * dy;
                }
                *c = sxy / (n - 1.0);
                if i == j {
                    *r = 1.0;
                } else if sxx > 0.0 && syy > 0.0 {
                    *r = sxy / (sxx * syy).sqrt();
                }
            }
            Some((cov, rows.len() as u64, Some(correlations)))
        }
    }
}

/// Cronbach's α of an item matrix (one row per respondent, `None` for a blank).
///
/// ```
/// use layanan::{Level, stats::{Deletion, cronbach_alpha}};
///
/// let rows = [
///     [Some(4.0), Some(4.0), Some(3.0)],
///     [Some(3.0), Some(3.0), Some(3.0)],
///     [Some(2.0), Some(3.0), Some(2.0)],
///     [Some(4.0), None, Some(4.0)],
///     [Some(1.0), Some(2.0), Some(1.0)],
/// ];
/// let alpha = cronbach_alpha(&rows, Deletion::Listwise, Level::default())?;
/// assert_eq!(alpha.respondents(), 4);
/// assert!(alpha.alpha() > 0.9);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 items or usable rows, or zero total variance;
/// [`Error::OutOfRange`] above [`MAX_ITEMS`] items; [`Error::LengthMismatch`] for rows of
/// different lengths; [`Error::NotFinite`]; [`Error::NotApplicable`] with pairwise deletion
/// when the pairwise covariance matrix is not positive semi-definite (see [`CronbachAlpha`]).
pub fn cronbach_alpha<R: AsRef<[Option<f64>]>>(
    rows: &[R],
    deletion: Deletion,
    level: Level,
) -> Result<CronbachAlpha> {
    let k = check_rows(rows)?;
    let undefined = || Error::InsufficientData {
        what: "Cronbach's alpha (usable rows with some variance)".into(),
        needed: 2,
        got: rows.len() as u64,
    };
    let (cov, n, correlations) = covariance_matrix(rows, k, deletion).ok_or_else(undefined)?;
    match correlations {
        None => CronbachAlpha::from_covariance(&cov, k, n, level).ok_or_else(undefined),
        Some(correlations) => {
            if !positive_semidefinite(&cov, k) {
                return Err(Error::NotApplicable {
                    method: "Cronbach's alpha with pairwise deletion".into(),
                    reason: "the pairwise covariances are those of no set of answers (their \
                             matrix is not positive semi-definite), and α from them can exceed 1; \
                             use listwise deletion"
                        .into(),
                });
            }
            CronbachAlpha::from_pairwise(&cov, Some(&correlations), k, n, level)
                .ok_or_else(undefined)
        }
    }
}

/// α if each item were deleted, and each item's corrected item–total correlation, on complete
/// rows.
///
/// ```
/// use layanan::stats::item_analysis;
///
/// let rows = [
///     [Some(4.0), Some(4.0), Some(1.0)],
///     [Some(3.0), Some(3.0), Some(4.0)],
///     [Some(2.0), Some(2.0), Some(2.0)],
///     [Some(1.0), Some(2.0), Some(3.0)],
/// ];
/// let items = item_analysis(&rows)?;
/// // The third item runs against the other two.
/// assert!(items[2].corrected_item_total.expect("varies") < 0.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`cronbach_alpha`].
#[allow(clippy::arithmetic_side_effects)] // 2 ≤ k ≤ MAX_ITEMS (checked by check_rows)
pub fn item_analysis<R: AsRef<[Option<f64>]>>(rows: &[R]) -> Result<Vec<ItemAnalysis>> {
    let k = check_rows(rows)?;
    let (cov, n, _) =
        covariance_matrix(rows, k, Deletion::Listwise).ok_or_else(|| Error::InsufficientData {
            what: "item analysis (complete rows)".into(),
            needed: 2,
            got: 0,
        })?;
    let at = |i: usize, j: usize| cov.get(i * k + j).copied().unwrap_or(f64::NAN);
    let level = Level::default();
    Ok((0..k)
        .map(|item| {
            let others: Vec<usize> = (0..k).filter(|&j| j != item).collect();
            let sub: Vec<f64> = others
                .iter()
                .flat_map(|&i| others.iter().map(move |&j| (i, j)))
                .map(|(i, j)| at(i, j))
                .collect();
            let alpha_if_deleted =
                CronbachAlpha::from_covariance(&sub, k - 1, n, level).map(|a| a.alpha());
            let cov_with_rest: f64 = others.iter().map(|&j| at(item, j)).sum();
            let var_rest: f64 = sub.iter().sum();
            let var_item = at(item, item);
            let corrected_item_total = (var_item > 0.0 && var_rest > 0.0)
                .then(|| cov_with_rest / (var_item * var_rest).sqrt());
            ItemAnalysis {
                item,
                alpha_if_deleted,
                corrected_item_total,
            }
        })
        .collect())
}
