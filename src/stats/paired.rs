//! Paired data, the same units measured twice: the paired t test, Wilcoxon's signed-rank test
//! and McNemar's test.

use super::binomial::binomial_cdf;
use super::dist;
use super::error::{Error, Result};
use super::hypothesis::{Alternative, TestMethod, TestResult, symmetric_p};
use super::interval::{Interval, Level};
use super::moments::Moments;
use super::rank::ranks;

/// The differences `a − b` of two paired samples of equal length.
fn differences(what: &str, a: &[f64], b: &[f64]) -> Result<Vec<f64>> {
    if a.len() != b.len() {
        return Err(Error::LengthMismatch {
            what: format!("{what}: second sample (paired with the first)"),
            expected: a.len(),
            got: b.len(),
        });
    }
    for (name, data) in [("first", a), ("second", b)] {
        if let Some(bad) = data.iter().find(|x| !x.is_finite()) {
            return Err(Error::NotFinite {
                field: format!("{what} {name} sample observation"),
                value: *bad,
            });
        }
    }
    Ok(a.iter().zip(b).map(|(x, y)| x - y).collect())
}

/// `(n, mean, standard error)` of the differences, at least 2 and not all equal.
fn paired_parts(a: &[f64], b: &[f64]) -> Result<(f64, f64, f64)> {
    let d = differences("paired t test", a, b)?;
    let m = Moments::from_slice(&d)?;
    if m.count() < 2 {
        return Err(Error::InsufficientData {
            what: "paired t test (pairs)".into(),
            needed: 2,
            got: m.count(),
        });
    }
    let var = m.variance()?;
    if var <= 0.0 {
        return Err(Error::ZeroVariance {
            what: "paired t test (every difference equal)".into(),
        });
    }
    let n = m.count() as f64;
    Ok((n, m.mean()?, (var / n).sqrt()))
}

/// The paired t test of `mean(a − b)`: the one-sample t test of the differences,
/// `t = d̄/(s_d/√n)` with `n − 1` degrees of freedom, as scipy's `ttest_rel`.
///
/// ```
/// use layanan::stats::{Alternative, paired_t_test};
///
/// // The same eight counters' mean waits before and after a queue system.
/// let before = [34.0, 41.0, 28.0, 55.0, 47.0, 39.0, 36.0, 44.0];
/// let after = [30.0, 35.0, 29.0, 42.0, 40.0, 33.0, 35.0, 37.0];
/// let test = paired_t_test(&before, &after, Alternative::Greater)?;
/// assert_eq!(test.df, Some(7.0));
/// assert!(test.p_value < 0.01);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`] for samples of different lengths; [`Error::InsufficientData`]
/// below 2 pairs; [`Error::ZeroVariance`] when every difference is the same;
/// [`Error::NotFinite`].
pub fn paired_t_test(a: &[f64], b: &[f64], alternative: Alternative) -> Result<TestResult> {
    let (n, mean, se) = paired_parts(a, b)?;
    let (t, df) = (mean / se, n - 1.0);
    Ok(TestResult {
        method: TestMethod::PairedT,
        statistic: t,
        df: Some(df),
        p_value: symmetric_p(t, alternative, |x| dist::t_sf(x, df))?,
        alternative,
    })
}

/// The two-sided interval for `mean(a − b)`, `d̄ ± t(1 − α/2, n − 1)·s_d/√n`, as scipy's
/// `ttest_rel(...).confidence_interval(level)`.
///
/// ```
/// use layanan::{Level, stats::paired_t_interval};
///
/// let before = [34.0, 41.0, 28.0, 55.0, 47.0, 39.0, 36.0, 44.0];
/// let after = [30.0, 35.0, 29.0, 42.0, 40.0, 33.0, 35.0, 37.0];
/// let ci = paired_t_interval(&before, &after, Level::default())?;
/// assert_eq!(ci.estimate(), 5.375);
/// assert!(ci.lower() > 0.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`paired_t_test`].
pub fn paired_t_interval(a: &[f64], b: &[f64], level: Level) -> Result<Interval> {
    let (n, mean, se) = paired_parts(a, b)?;
    Interval::student_t(mean, se, n - 1.0, level)
}

/// What Wilcoxon's signed-rank test does with pairs whose difference is 0 (scipy's
/// `zero_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ZeroMethod {
    /// Drop them before ranking (Wilcoxon's own; the default of scipy and R).
    #[default]
    Wilcox,
    /// Rank them with the others, then leave their ranks out of both sums (Pratt 1959): more
    /// sensible when many units did not change, since dropping them overstates the change.
    Pratt,
    /// Rank them with the others and split their ranks equally between the two sums.
    ZSplit,
}

/// How to compute Wilcoxon's p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum WilcoxonMethod {
    /// As scipy's `method="auto"`: exact for at most 50 pairs with no ties and no zeros; exact
    /// conditional on the ranks for at most 13 pairs otherwise (scipy enumerates every sign
    /// flip there); else the normal approximation *with* continuity correction.
    #[default]
    Auto,
    /// The exact distribution of the statistic over the `2ⁿ` equally likely signs of the
    /// non-zero differences, given their (possibly tied) ranks: the textbook exact distribution
    /// without ties, the permutation distribution with them. At most 500 non-zero differences.
    Exact,
    /// The normal approximation with the tie correction, and the continuity correction of ½
    /// towards the mean when asked (scipy's `correction=True`; its default is `False`, R's
    /// `TRUE`).
    Asymptotic {
        /// Move the statistic ½ towards its mean.
        continuity_correction: bool,
    },
}

/// The largest number of non-zero differences whose exact distribution is computed (its
/// support has n(n + 1) + 1 points, built in n steps).
const MAX_EXACT: usize = 500;

/// Wilcoxon's signed-rank test that the differences `a − b` of paired samples are symmetric
/// about 0, as scipy's `wilcoxon(a, b, zero_method, correction, alternative, method)`.
///
/// The absolute differences are ranked (ties share their mean rank); the statistic is
/// `R⁺ = Σ ranks of the positive differences` (scipy reports `min(R⁺, R⁻)` for two-sided; `R⁺`
/// is reported here for every alternative, so `Greater` means large `R⁺`). Zeros are handled by
/// `zero_method`. The normal approximation uses `E[R⁺] = n(n+1)/4` and
/// `Var[R⁺] = (n(n+1)(2n+1) − Σ(t³ − t)/2)/24` over the ranked differences (Pratt: less the
/// zeros' `n₀(n₀+1)/4` and `n₀(n₀+1)(2n₀+1)/24`, and their tie group left out). The exact
/// distribution is computed on doubled ranks, which are whole numbers even when ties halve them.
///
/// ```
/// use layanan::stats::{Alternative, WilcoxonMethod, ZeroMethod, wilcoxon_signed_rank};
///
/// let before = [34.0, 41.0, 28.0, 55.0, 47.0, 39.0, 36.0, 44.0];
/// let after = [30.0, 35.0, 29.0, 42.0, 40.0, 33.0, 35.0, 37.0];
/// let test = wilcoxon_signed_rank(
///     &before, &after, Alternative::TwoSided, ZeroMethod::Wilcox, WilcoxonMethod::Auto,
/// )?;
/// // Differences 4, 6, −1, 13, 7, 6, 1, 7: the ±1 tie for the lowest rank, 1.5 each.
/// assert_eq!(test.statistic, 34.5); // R⁺ = 36 − 1.5
/// // Ties, 8 pairs: exact over the 2⁸ sign flips, 2·P(R⁺ ≥ 34.5) = 2·3/256 (scipy).
/// assert!((test.p_value - 6.0 / 256.0).abs() < 1e-15);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`]; [`Error::NotFinite`]; [`Error::InsufficientData`] when no
/// difference is ranked (none, or only zeros dropped by [`ZeroMethod::Wilcox`]);
/// [`Error::ZeroVariance`] for the normal approximation when every ranked difference is 0
/// (Pratt, ZSplit); [`Error::NotApplicable`] for the exact method beyond 500 non-zero
/// differences.
pub fn wilcoxon_signed_rank(
    a: &[f64],
    b: &[f64],
    alternative: Alternative,
    zero_method: ZeroMethod,
    method: WilcoxonMethod,
) -> Result<TestResult> {
    let d = differences("Wilcoxon signed-rank test", a, b)?;
    let zeros = d.iter().filter(|&&x| x == 0.0).count();
    // The ranked differences: all of them, or the non-zero ones for Wilcox.
    let ranked: Vec<f64> = match zero_method {
        ZeroMethod::Wilcox => d.iter().copied().filter(|&x| x != 0.0).collect(),
        ZeroMethod::Pratt | ZeroMethod::ZSplit => d.clone(),
    };
    if ranked.is_empty() {
        return Err(Error::InsufficientData {
            what: "Wilcoxon signed-rank test (non-zero differences)".into(),
            needed: 1,
            got: 0,
        });
    }
    let magnitudes: Vec<f64> = ranked.iter().map(|x| x.abs()).collect();
    let (r, ties) = ranks(&magnitudes);
    let mut r_plus = 0.0;
    let mut zero_ranks = 0.0;
    for (&x, &rank) in ranked.iter().zip(&r) {
        if x > 0.0 {
            r_plus += rank;
        } else if x == 0.0 {
            zero_ranks += rank;
        }
    }
    if zero_method == ZeroMethod::ZSplit {
        r_plus += zero_ranks / 2.0;
    }
    let has_ties = ties > 0.0;
    let exact = match method {
        WilcoxonMethod::Exact => true,
        WilcoxonMethod::Asymptotic { .. } => false,
        WilcoxonMethod::Auto => d.len() <= 50 && ((!has_ties && zeros == 0) || d.len() <= 13),
    };
    let continuity = match method {
        WilcoxonMethod::Asymptotic {
            continuity_correction,
        } => continuity_correction,
        _ => true,
    };
    let (p_value, test) = if exact {
        // Doubled ranks of the non-zero differences: whole numbers.
        let doubled: Vec<u64> = ranked
            .iter()
            .zip(&r)
            .filter(|&(&x, _)| x != 0.0)
            .map(|(_, &rank)| (2.0 * rank).round() as u64)
            .collect();
        let offset = if zero_method == ZeroMethod::ZSplit {
            zero_ranks / 2.0
        } else {
            0.0
        };
        let observed = (2.0 * (r_plus - offset)).round() as u64;
        let (below, above) = exact_tails(&doubled, observed)?;
        let p = match alternative {
            Alternative::Less => below,
            Alternative::Greater => above,
            Alternative::TwoSided => 2.0 * below.min(above),
        };
        (p, TestMethod::WilcoxonExact)
    } else {
        let n = ranked.len() as f64;
        let mut mean = n * (n + 1.0) / 4.0;
        let mut var = n * (n + 1.0) * (2.0 * n + 1.0);
        let mut tie_term = ties;
        if zero_method == ZeroMethod::Pratt && zeros > 0 {
            let z = zeros as f64;
            mean -= z * (z + 1.0) / 4.0;
            var -= z * (z + 1.0) * (2.0 * z + 1.0);
            // The zeros' tie group is not a tie among the ranks that count.
            tie_term -= z * z * z - z;
        }
        let se = ((var - tie_term / 2.0) / 24.0).sqrt();
        if se.is_nan() || se <= 0.0 {
            return Err(Error::ZeroVariance {
                what: "Wilcoxon signed-rank test (every ranked difference is zero)".into(),
            });
        }
        let mut z = (r_plus - mean) / se;
        if continuity {
            let sign = match alternative {
                Alternative::Greater => 1.0,
                Alternative::Less => -1.0,
                Alternative::TwoSided => {
                    if z == 0.0 {
                        0.0
                    } else {
                        z.signum()
                    }
                }
            };
            z -= sign * 0.5 / se;
        }
        (
            symmetric_p(z, alternative, |x| Ok(dist::normal_sf(x)))?,
            TestMethod::WilcoxonAsymptotic,
        )
    };
    Ok(TestResult {
        method: test,
        statistic: r_plus,
        df: None,
        p_value: p_value.min(1.0),
        alternative,
    })
}

/// `(P(S ≤ s), P(S ≥ s))` for `S = Σ εᵢ·wᵢ`, `εᵢ` independent fair 0/1 coins: the distribution
/// of doubled `R⁺` given the doubled ranks `w`, built one rank at a time by halving.
fn exact_tails(weights: &[u64], observed: u64) -> Result<(f64, f64)> {
    if weights.len() > MAX_EXACT {
        return Err(Error::NotApplicable {
            method: "the exact Wilcoxon signed-rank test".into(),
            reason: format!(
                "{} non-zero differences are too many to count exactly (at most {MAX_EXACT}); \
                 use the normal approximation",
                weights.len()
            ),
        });
    }
    // Every weight is at most 2n ≤ 1000, so the total fits comfortably.
    let total: u64 = weights.iter().sum();
    let len = usize::try_from(total).unwrap_or(0).saturating_add(1);
    let mut probs = vec![0.0_f64; len];
    if let Some(first) = probs.first_mut() {
        *first = 1.0;
    }
    let mut reached = 0usize;
    for &w in weights {
        let w = usize::try_from(w).unwrap_or(usize::MAX);
        reached = reached.saturating_add(w).min(len.saturating_sub(1));
        for s in (0..=reached).rev() {
            let without = probs.get(s).copied().unwrap_or(0.0);
            let with = s
                .checked_sub(w)
                .and_then(|from| probs.get(from))
                .copied()
                .unwrap_or(0.0);
            if let Some(slot) = probs.get_mut(s) {
                *slot = 0.5 * (without + with);
            }
        }
    }
    let at = usize::try_from(observed).unwrap_or(usize::MAX);
    let below: f64 = probs.iter().take(at.saturating_add(1)).sum();
    let above: f64 = probs.iter().skip(at).sum();
    Ok((below.min(1.0), above.min(1.0)))
}

/// McNemar's test variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum McNemarMethod {
    /// The exact binomial test of the discordant pairs (statsmodels' default `exact=True`).
    #[default]
    Exact,
    /// Pearson's χ² with one degree of freedom, `(b − c)²/(b + c)`, or with the continuity
    /// correction `(|b − c| − 1)²/(b + c)`.
    ChiSquare {
        /// Subtract 1 from `|b − c|` (never below 0).
        continuity_correction: bool,
    },
}

/// McNemar's test that a paired yes/no answer changed as often one way as the other, from the
/// 2×2 table of pairs `[[yes→yes, yes→no], [no→yes, no→no]]`: only the discordant cells
/// `b = table[0][1]` and `c = table[1][0]` count. Always two-sided, as statsmodels'
/// `mcnemar(table, exact, correction)`.
///
/// * exact: statistic `min(b, c)`, `p = min(1, 2·P(X ≤ min(b, c)))`, `X ~ Binomial(b + c, ½)`
///   (1 when there is no discordant pair);
/// * χ²: statistic `(|b − c| − k)²/(b + c)`, `k` = 1 with the correction (0 without), referred to
///   χ² with 1 degree of freedom. With the correction `|b − c| − 1` is held at 0 when `b = c`
///   (as the Yates correction of [`chi_square_independence`](super::chi_square_independence)):
///   statsmodels and R square −1 there and report `1/(b + c)` instead of 0.
///
/// ```
/// use layanan::stats::{McNemarMethod, mcnemar};
///
/// // Satisfied before and after a reform: 9 turned satisfied, 2 turned dissatisfied.
/// let table = [[40, 2], [9, 19]];
/// let test = mcnemar(table, McNemarMethod::Exact)?;
/// assert_eq!(test.statistic, 2.0);
/// assert!((test.p_value - 134.0 / 2048.0).abs() < 1e-13); // 2·P(X ≤ 2), X ~ Bin(11, ½)
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::Overflow`] when `b + c` passes `u64::MAX`; [`Error::InsufficientData`] for the χ²
/// variant without discordant pairs (`0/0`).
pub fn mcnemar(table: [[u64; 2]; 2], method: McNemarMethod) -> Result<TestResult> {
    let [[_, b], [c, _]] = table;
    let discordant = b.checked_add(c).ok_or_else(|| Error::Overflow {
        field: "discordant pairs".into(),
    })?;
    match method {
        McNemarMethod::Exact => {
            let smaller = b.min(c);
            let p = if discordant == 0 {
                1.0
            } else {
                2.0 * binomial_cdf(smaller, discordant, 0.5)
            };
            Ok(TestResult {
                method: TestMethod::McNemarExact,
                statistic: smaller as f64,
                df: None,
                p_value: p.min(1.0),
                alternative: Alternative::TwoSided,
            })
        }
        McNemarMethod::ChiSquare {
            continuity_correction,
        } => {
            if discordant == 0 {
                return Err(Error::InsufficientData {
                    what: "McNemar's chi-square test (discordant pairs)".into(),
                    needed: 1,
                    got: 0,
                });
            }
            let diff = b.abs_diff(c) as f64;
            let diff = if continuity_correction {
                (diff - 1.0).max(0.0)
            } else {
                diff
            };
            let statistic = diff * diff / discordant as f64;
            Ok(TestResult {
                method: TestMethod::McNemarChiSquare,
                statistic,
                df: Some(1.0),
                p_value: dist::chi2_sf(statistic, 1.0)?,
                alternative: Alternative::TwoSided,
            })
        }
    }
}
