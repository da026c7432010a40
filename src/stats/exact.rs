//! Fisher's exact test of a 2×2 table, its mid-p variant and the conditional odds ratio.

use super::error::{Error, Result};
use super::hypothesis::{Alternative, TestMethod, TestResult};
use super::interval::{IntervalMethod, Level};
use super::open_interval::OpenInterval;
use super::root;

/// One probability per possible table: beyond this many, use the z test.
const MAX_TABLES: u64 = 10_000_000;

/// A 2×2 table `[[x₁, n₁ − x₁], [x₂, n₂ − x₂]]` with its margins fixed: `x₁` ranges over
/// `lo..=hi` with hypergeometric log-probabilities `logs[a − lo]` (up to a constant).
struct Table {
    x1: u64,
    lo: u64,
    logs: Vec<f64>,
}

impl Table {
    #[allow(clippy::arithmetic_side_effects)] // x ≤ n (checked), so x₁ + x₂ ≤ n₁ + n₂ (checked), lo ≤ x₁ ≤ hi
    fn new(
        what: &str,
        successes1: u64,
        trials1: u64,
        successes2: u64,
        trials2: u64,
    ) -> Result<Self> {
        for (x, n) in [(successes1, trials1), (successes2, trials2)] {
            super::proportion::check_counts(what, x, n)?;
        }
        let total = trials1
            .checked_add(trials2)
            .ok_or_else(|| Error::Overflow {
                field: "trials".into(),
            })?;
        let k = successes1 + successes2; // ≤ total
        let n1 = trials1;
        let lo = k.saturating_sub(trials2);
        let hi = k.min(n1);
        if hi - lo >= MAX_TABLES {
            return Err(Error::NotApplicable {
                method: what.into(),
                reason: format!(
                    "{} possible tables are too many to enumerate (at most {MAX_TABLES}); use the z test",
                    u128::from(hi - lo) + 1
                ),
            });
        }
        // log P(a) − log P(lo), by the ratio recursion, summed with Neumaier's compensation: a
        // plain running sum of thousands of logs rounds at every step (5.8e-12 relative on a p of
        // 2e-45 over 5,501 tables), the compensated one only in each term's own logarithm.
        let mut logs = Vec::with_capacity(usize::try_from(hi - lo + 1).unwrap_or(0));
        let (mut log, mut compensation) = (0.0_f64, 0.0_f64);
        logs.push(log);
        for a in lo..hi {
            let (af, kf, nf, tf) = (a as f64, k as f64, n1 as f64, total as f64);
            let term = ((kf - af) * (nf - af)).ln() - ((af + 1.0) * (tf - kf - nf + af + 1.0)).ln();
            let next = log + term;
            compensation += if log.abs() >= term.abs() {
                (log - next) + term
            } else {
                (term - next) + log
            };
            log = next;
            logs.push(log + compensation);
        }
        Ok(Self {
            x1: successes1,
            lo,
            logs,
        })
    }

    /// The index of the observed table.
    #[allow(clippy::arithmetic_side_effects)] // lo ≤ x₁
    fn observed_at(&self) -> usize {
        usize::try_from(self.x1 - self.lo).unwrap_or(usize::MAX)
    }

    /// The probabilities under independence, scaled so the largest is 1 (they sum to `Σ`).
    fn probabilities(&self) -> Vec<f64> {
        let max = self.logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        self.logs.iter().map(|l| (l - max).exp()).collect()
    }

    /// `(P(X ≤ x₁), P(X ≥ x₁), E[X] − lo)` under the noncentral hypergeometric distribution with
    /// odds ratio `e^θ`.
    fn noncentral(&self, theta: f64) -> (f64, f64, f64) {
        let weight = |(i, l): (usize, &f64)| l + theta * i as f64;
        let max = self
            .logs
            .iter()
            .enumerate()
            .map(weight)
            .fold(f64::NEG_INFINITY, f64::max);
        let at = self.observed_at();
        let (mut total, mut below, mut above, mut first) = (0.0, 0.0, 0.0, 0.0);
        for (i, l) in self.logs.iter().enumerate() {
            let p = (weight((i, l)) - max).exp();
            total += p;
            first += p * i as f64;
            if i <= at {
                below += p;
            }
            if i >= at {
                above += p;
            }
        }
        (below / total, above / total, first / total)
    }
}

/// Fisher's exact test of two proportions `x₁/n₁` and `x₂/n₂`, i.e. of the 2×2 table
/// `[[x₁, n₁ − x₁], [x₂, n₂ − x₂]]` with its margins fixed.
///
/// Under independence `x₁` is hypergeometric: `P(a) = C(K, a)·C(N − K, n₁ − a) / C(N, n₁)` with
/// `K = x₁ + x₂`, `N = n₁ + n₂`. The two-sided p-value sums `P(a)` over the tables no more
/// likely than the one observed, `P(a) ≤ P(x₁)·(1 + 10⁻⁷)`; `Less` sums `a ≤ x₁`, `Greater`
/// `a ≥ x₁`. The probabilities come from the ratio
/// `P(a + 1)/P(a) = (K − a)(n₁ − a)/((a + 1)(N − K − n₁ + a + 1))`, so no factorial is formed.
///
/// **Ties**: the tolerance is R's (`fisher.test`, `relErr = 1 + 10⁻⁷`), not scipy's `10⁻¹⁴`.
/// The recursion rounds each of its steps, so over thousands of tables a table exactly as
/// likely as the observed one (the mirror image under equal margins, `P(a) = P(K − a)`) can
/// come out a few ulps apart from it, and must still count; `10⁻⁷` is far above that rounding
/// and far below any true difference between two tables' probabilities in the tables tried
/// (none within `10⁻⁷` of each other but unequal among 3·10⁵ random tables of up to 800
/// trials), so the two conventions give the same p-values in practice.
///
/// The statistic reported is the sample odds ratio `x₁(n₂ − x₂)/((n₁ − x₁)x₂)`, as scipy's;
/// when a cell is 0, where that ratio is 0, ∞ or NaN, it is the Haldane–Anscombe estimate with
/// ½ added to every cell, so the statistic is always a finite number. The p-values are checked
/// against scipy's `fisher_exact`, and where a table ties the observed one against exact
/// rational arithmetic (`tests/fixtures/stats_reference.json`, group `fisher_ties`).
///
/// ```
/// use layanan::stats::{Alternative, fisher_exact};
///
/// // 2 of 9 overcharged at one counter, 9 of 11 at another.
/// let test = fisher_exact(2, 9, 9, 11, Alternative::TwoSided)?;
/// assert!((test.p_value - 0.02155275065491784).abs() < 1e-12); // scipy
/// assert!((test.statistic - 2.0 * 2.0 / (7.0 * 9.0)).abs() < 1e-15); // odds ratio 4/63
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for a group with no trials; [`Error::OutOfRange`] for more
/// successes than trials; [`Error::Overflow`] when the trials add past `u64::MAX`;
/// [`Error::NotApplicable`] above ten million possible tables (the z test then applies).
#[allow(clippy::arithmetic_side_effects)] // x ≤ n (checked)
pub fn fisher_exact(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    alternative: Alternative,
) -> Result<TestResult> {
    let table = Table::new(
        "Fisher's exact test",
        successes1,
        trials1,
        successes2,
        trials2,
    )?;
    let probs = table.probabilities();
    let observed_at = table.observed_at();
    let observed = probs.get(observed_at).copied().unwrap_or(0.0);
    let sum: f64 = probs.iter().sum();
    let p = match alternative {
        Alternative::TwoSided => {
            let threshold = observed * (1.0 + 1e-7);
            probs.iter().filter(|&&q| q <= threshold).sum::<f64>()
        }
        Alternative::Less => probs.iter().take(observed_at + 1).sum::<f64>(),
        Alternative::Greater => probs.iter().skip(observed_at).sum::<f64>(),
    } / sum;
    let (a, b, c, d) = (
        successes1 as f64,
        (trials1 - successes1) as f64,
        successes2 as f64,
        (trials2 - successes2) as f64,
    );
    let statistic = if [a, b, c, d].contains(&0.0) {
        ((a + 0.5) * (d + 0.5)) / ((b + 0.5) * (c + 0.5))
    } else {
        (a * d) / (b * c)
    };
    Ok(TestResult {
        method: TestMethod::FisherExact,
        statistic,
        df: None,
        p_value: p.min(1.0),
        alternative,
    })
}

/// Fisher's test of a 2×2 table with the mid-p-value (Lancaster 1961): the tables beyond the
/// observed one count fully, those as likely as it (itself included) count half. `Less`:
/// `P(X < x₁) + ½P(X = x₁)`; `Greater`: `P(X > x₁) + ½P(X = x₁)`; two-sided: the tables less
/// likely than the observed one plus half of those as likely (within the relative tolerance
/// 10⁻⁷ of [`fisher_exact`], whose two-sided set is the union of both). Less conservative than
/// Fisher's p-value, whose size is often far below α for small tables; it is not an exact test.
/// Checked against exact rational arithmetic (and scipy's `hypergeom` for the one-sided ones).
/// The statistic is [`fisher_exact`]'s odds ratio.
///
/// ```
/// use layanan::stats::{Alternative, fisher_exact, fisher_mid_p};
///
/// let exact = fisher_exact(2, 9, 9, 11, Alternative::TwoSided)?;
/// let mid = fisher_mid_p(2, 9, 9, 11, Alternative::TwoSided)?;
/// assert!(mid.p_value < exact.p_value);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`fisher_exact`].
pub fn fisher_mid_p(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    alternative: Alternative,
) -> Result<TestResult> {
    let exact = fisher_exact(successes1, trials1, successes2, trials2, alternative)?;
    let table = Table::new(
        "Fisher's mid-p test",
        successes1,
        trials1,
        successes2,
        trials2,
    )?;
    let probs = table.probabilities();
    let at = table.observed_at();
    let observed = probs.get(at).copied().unwrap_or(0.0);
    let sum: f64 = probs.iter().sum();
    let (beyond, same) = match alternative {
        Alternative::TwoSided => {
            let (high, low) = (observed * (1.0 + 1e-7), observed / (1.0 + 1e-7));
            probs.iter().fold((0.0, 0.0), |(beyond, same), &q| {
                if q < low {
                    (beyond + q, same)
                } else if q <= high {
                    (beyond, same + q)
                } else {
                    (beyond, same)
                }
            })
        }
        Alternative::Less => (probs.iter().take(at).sum::<f64>(), observed),
        Alternative::Greater => (probs.iter().skip(at).skip(1).sum::<f64>(), observed),
    };
    Ok(TestResult {
        method: TestMethod::FisherMidP,
        p_value: ((beyond + 0.5 * same) / sum).min(1.0),
        ..exact
    })
}

/// The conditional maximum-likelihood odds ratio of `[[x₁, n₁ − x₁], [x₂, n₂ − x₂]]` and its
/// exact interval, as R's `fisher.test` computes them. Given the margins, `x₁` follows the
/// noncentral hypergeometric distribution `P(a; ψ) ∝ C(n₁, a)·C(n₂, K − a)·ψᵃ`; the estimate is
/// the `ψ` whose mean is `x₁` (0 when `x₁` is the smallest possible, +∞ when it is the largest),
/// and the limits are the `ψ` with `P(X ≥ x₁; ψ) = α/2` and `P(X ≤ x₁; ψ) = α/2` (0 and open at
/// those ends). R solves with `uniroot` at its default tolerance (~1e-4 relative); these are
/// solved to about 1e-14 and checked against the 50-digit definition in mpmath and against
/// scipy's `contingency.odds_ratio(kind="conditional")`.
///
/// It differs from the sample odds ratio ([`odds_ratio`](super::odds_ratio)), shrinking it
/// towards 1, and its interval is the one consistent with [`fisher_exact`].
///
/// ```
/// use layanan::{Level, stats::fisher_odds_ratio};
///
/// let or = fisher_odds_ratio(2, 9, 9, 11, Level::default())?;
/// assert!(or.estimate() < 4.0 / 63.0 * 1.5 && or.estimate() > 0.0);
/// assert!(or.upper().is_some_and(|u| u < 1.0)); // consistent with p = 0.022 < 0.05
/// // Every event in the first group: no upper limit.
/// let open = fisher_odds_ratio(5, 5, 0, 6, Level::default())?;
/// assert_eq!((open.estimate(), open.upper()), (f64::INFINITY, None));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`fisher_exact`]; [`Error::NotApplicable`] when only one table has these margins (no
/// events, or no non-events, at all), where the odds ratio is undefined (R reports 0).
#[allow(clippy::arithmetic_side_effects)] // lo ≤ x₁ ≤ hi, and the support has at least 2 tables
pub fn fisher_odds_ratio(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    level: Level,
) -> Result<OpenInterval> {
    let what = "the conditional odds ratio";
    let table = Table::new(what, successes1, trials1, successes2, trials2)?;
    let last = table.logs.len() - 1;
    if last == 0 {
        return Err(Error::NotApplicable {
            method: what.into(),
            reason: "only one table has these margins (no events or no non-events at all)".into(),
        });
    }
    let at = table.observed_at();
    let failed = |target: &str| Error::NotApplicable {
        method: what.into(),
        reason: format!("no odds ratio found for the {target}"),
    };
    // Solve g(θ) = 0 for an increasing g, from the Haldane–Anscombe log odds ratio.
    let start = {
        let (a, b, c, d) = (
            successes1 as f64 + 0.5,
            (trials1 - successes1) as f64 + 0.5,
            successes2 as f64 + 0.5,
            (trials2 - successes2) as f64 + 0.5,
        );
        ((a * d) / (b * c)).ln()
    };
    let solve = |g: &mut dyn FnMut(f64) -> f64, target: &str| -> Result<f64> {
        let (lo, hi) = root::bracket(g, start, 1.0, true).ok_or_else(|| failed(target))?;
        root::bracketed(g, lo, hi).ok_or_else(|| failed(target))
    };
    let tail = level.tail();
    let estimate = if at == 0 {
        0.0
    } else if at == last {
        f64::INFINITY
    } else {
        let x = at as f64;
        solve(&mut |t| table.noncentral(t).2 - x, "estimate")?.exp()
    };
    let lower = if at == 0 {
        0.0
    } else {
        solve(&mut |t| table.noncentral(t).1 - tail, "lower limit")?.exp()
    };
    let upper = if at == last {
        None
    } else {
        Some(solve(&mut |t| tail - table.noncentral(t).0, "upper limit")?.exp())
    };
    OpenInterval::new(
        estimate,
        Some(lower),
        upper,
        level,
        IntervalMethod::ConditionalExact,
    )
}
