//! The exact binomial test.

use statrs::function::{beta, gamma};

use super::dist;
use super::error::Result;
use super::hypothesis::{Alternative, TestMethod, TestResult};
use super::interval::{Interval, IntervalMethod, Level};
use super::proportion::{ProportionMethod, check_counts, proportion_interval};

/// `P(X ≤ k)` for `X ~ Binomial(n, p)`, from the incomplete beta `I_{1−p}(n − k, k + 1)`.
pub(crate) fn binomial_cdf(k: u64, n: u64, p: f64) -> f64 {
    if k >= n {
        return 1.0;
    }
    #[allow(clippy::arithmetic_side_effects)] // k < n
    let (a, b) = ((n - k) as f64, (k + 1) as f64);
    beta::checked_beta_reg(a, b, 1.0 - p).unwrap_or(f64::NAN)
}

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`, from the incomplete beta `I_p(k, n − k + 1)`.
pub(crate) fn binomial_at_least(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    #[allow(clippy::arithmetic_side_effects)] // 1 ≤ k ≤ n
    let (a, b) = (k as f64, (n - k + 1) as f64);
    beta::checked_beta_reg(a, b, p).unwrap_or(f64::NAN)
}

/// `ln P(X = k)`.
fn ln_pmf(k: f64, n: f64, p: f64) -> f64 {
    gamma::ln_gamma(n + 1.0) - gamma::ln_gamma(k + 1.0) - gamma::ln_gamma(n - k + 1.0)
        + k * p.ln()
        + (n - k) * (-p).ln_1p()
}

/// The exact binomial test of `successes` in `trials` against the proportion `p`, as scipy's
/// `binomtest`, with the Clopper–Pearson interval for the proportion.
///
/// `Less`: `P(X ≤ x)`; `Greater`: `P(X ≥ x)`; two-sided: the probability of every outcome no
/// more likely than the one observed (`P(X = j) ≤ P(X = x)·(1 + 10⁻⁷)`, found by bisection on
/// the other side of the mode), 1 when `x = np`. The tails come from the incomplete beta
/// function. The interval follows the alternative, as scipy's `proportion_ci(method="exact")`:
/// two-sided Clopper–Pearson for `TwoSided`, `[0, upper]` for `Less` and `[lower, 1]` for
/// `Greater` with `1 − level` in the one tail. The statistic is `x/n`.
///
/// ```
/// use layanan::{Level, stats::{Alternative, binomial_test}};
///
/// // 14 of 20 visits on time against a promise of 90 %.
/// let (test, ci) = binomial_test(14, 20, 0.9, Alternative::Less, Level::default())?;
/// assert!(test.p_value < 0.05);
/// assert_eq!(ci.lower(), 0.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`](super::Error::InsufficientData) for no trials;
/// [`Error::OutOfRange`](super::Error::OutOfRange) for more successes than trials;
/// [`Error::InvalidProbability`](super::Error::InvalidProbability) unless `0 < p < 1`.
pub fn binomial_test(
    successes: u64,
    trials: u64,
    p: f64,
    alternative: Alternative,
    level: Level,
) -> Result<(TestResult, Interval)> {
    check_counts("binomial test", successes, trials)?;
    dist::check_probability("hypothesised proportion", p)?;
    let (k, n) = (successes, trials);
    let (kf, nf) = (k as f64, n as f64);
    let p_value = match alternative {
        Alternative::Less => binomial_cdf(k, n, p),
        Alternative::Greater => binomial_at_least(k, n, p),
        Alternative::TwoSided => two_sided(k, n, p),
    }
    .min(1.0);
    let test = TestResult {
        method: TestMethod::BinomialExact,
        statistic: kf / nf,
        df: None,
        p_value,
        alternative,
    };
    let interval = match alternative {
        Alternative::TwoSided => {
            proportion_interval(k, n, level, ProportionMethod::ClopperPearson)?
        }
        Alternative::Less => {
            let upper = if k == n {
                1.0
            } else {
                dist::beta_quantile(level.get(), 1.0 - level.get(), kf + 1.0, nf - kf)?
            };
            Interval::from_bounds(kf / nf, 0.0, upper, level, IntervalMethod::ClopperPearson)?
        }
        Alternative::Greater => {
            let lower = if k == 0 {
                0.0
            } else {
                dist::beta_quantile(1.0 - level.get(), level.get(), kf, nf - kf + 1.0)?
            };
            Interval::from_bounds(kf / nf, lower, 1.0, level, IntervalMethod::ClopperPearson)?
        }
    };
    Ok((test, interval))
}

/// The two-sided p-value: the observed tail plus the tail beyond the first outcome, on the
/// other side of the mode, no more likely than the observed one.
#[allow(clippy::arithmetic_side_effects)] // bisection within 0..=n
fn two_sided(k: u64, n: u64, p: f64) -> f64 {
    let (kf, nf) = (k as f64, n as f64);
    let mean = p * nf;
    if kf == mean {
        return 1.0;
    }
    let threshold = ln_pmf(kf, nf, p) + 1e-7_f64.ln_1p();
    let likely = |j: u64| ln_pmf(j as f64, nf, p) > threshold;
    if kf < mean {
        // The first j ≥ ⌈np⌉ less likely than the observed outcome: the pmf falls from there.
        let (mut lo, mut hi) = (mean.ceil() as u64, n.saturating_add(1));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if likely(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        binomial_cdf(k, n, p) + binomial_at_least(lo, n, p)
    } else {
        // The count of j ≤ ⌊np⌋ no more likely than the observed outcome: the pmf rises there.
        let (mut lo, mut hi) = (0u64, (mean.floor() as u64).saturating_add(1));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if likely(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let below = if lo == 0 {
            0.0
        } else {
            binomial_cdf(lo - 1, n, p)
        };
        below + binomial_at_least(k, n, p)
    }
}
