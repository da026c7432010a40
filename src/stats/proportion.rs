//! Intervals for proportions and their differences.

use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level};

/// How to compute a proportion's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ProportionMethod {
    /// Wilson's score interval (the default: good coverage, never outside [0, 1]).
    #[default]
    Wilson,
    /// Clopper–Pearson's exact interval: conservative, from Beta quantiles.
    ClopperPearson,
    /// Agresti–Coull: the Wald interval around the Wilson centre, clipped to [0, 1].
    AgrestiCoull,
    /// Jeffreys: the equal-tailed quantiles of Beta(x + ½, n − x + ½), the posterior under
    /// Jeffreys' prior (statsmodels' `jeffreys`, not modified at 0 or n).
    Jeffreys,
}

/// `successes` of `trials` make sense: some trials, no more successes than trials.
pub(crate) fn check_counts(what: &str, successes: u64, trials: u64) -> Result<()> {
    if trials == 0 {
        return Err(Error::InsufficientData {
            what: what.into(),
            needed: 1,
            got: 0,
        });
    }
    if successes > trials {
        return Err(Error::OutOfRange {
            field: "successes".into(),
            value: i64::try_from(successes).unwrap_or(i64::MAX),
            min: 0,
            max: i64::try_from(trials).unwrap_or(i64::MAX),
        });
    }
    Ok(())
}

/// An interval for the proportion `successes / trials`.
///
/// * Wilson: `(x + z²/2)/(n + z²) ± z/(n + z²)·√(x(n−x)/n + z²/4)`, exactly 0 at `x = 0` and 1
///   at `x = n`;
/// * Clopper–Pearson: `[B(α/2; x, n−x+1), B(1−α/2; x+1, n−x)]`, 0 at `x = 0` and 1 at `x = n`;
/// * Agresti–Coull: `p̃ ± z·√(p̃(1−p̃)/ñ)` with `ñ = n + z²`, `p̃ = (x + z²/2)/ñ`, clipped.
///
/// Checked against statsmodels' `proportion_confint` (methods `wilson`, `beta`,
/// `agresti_coull`).
///
/// ```
/// use layanan::{Level, stats::{ProportionMethod, proportion_interval}};
///
/// // 45 of 50 visits served within the standard.
/// let ci = proportion_interval(45, 50, Level::default(), ProportionMethod::Wilson)?;
/// assert_eq!(ci.estimate(), 0.9);
/// assert!((ci.lower() - 0.7864).abs() < 1e-4 && (ci.upper() - 0.9565).abs() < 1e-4);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for no trials; [`Error::OutOfRange`] for more successes than
/// trials.
pub fn proportion_interval(
    successes: u64,
    trials: u64,
    level: Level,
    method: ProportionMethod,
) -> Result<Interval> {
    check_counts("proportion", successes, trials)?;
    let (x, n) = (successes as f64, trials as f64);
    let p = x / n;
    let z = dist::normal_upper_quantile(level.tail())?;
    let z2 = z * z;
    let (lower, upper, kind) = match method {
        ProportionMethod::Wilson => {
            let centre = (x + z2 / 2.0) / (n + z2);
            let half = z / (n + z2) * (x * (n - x) / n + z2 / 4.0).sqrt();
            // At x = 0 the centre equals the half-width, and at x = n centre + half = 1, but for
            // rounding, which could leave the estimate just outside: those bounds are exact.
            let lower = if successes == 0 {
                0.0
            } else {
                (centre - half).max(0.0)
            };
            let upper = if successes == trials {
                1.0
            } else {
                (centre + half).min(1.0)
            };
            (lower, upper, IntervalMethod::Wilson)
        }
        ProportionMethod::ClopperPearson => {
            let tail = level.tail();
            let lower = if successes == 0 {
                0.0
            } else {
                dist::beta_quantile(tail, 1.0 - tail, x, n - x + 1.0)?
            };
            let upper = if successes == trials {
                1.0
            } else {
                dist::beta_quantile(1.0 - tail, tail, x + 1.0, n - x)?
            };
            (lower, upper, IntervalMethod::ClopperPearson)
        }
        ProportionMethod::AgrestiCoull => {
            let n_tilde = n + z2;
            let p_tilde = (x + z2 / 2.0) / n_tilde;
            let half = z * (p_tilde * (1.0 - p_tilde) / n_tilde).sqrt();
            (
                (p_tilde - half).max(0.0),
                (p_tilde + half).min(1.0),
                IntervalMethod::AgrestiCoull,
            )
        }
        ProportionMethod::Jeffreys => (
            dist::beta_quantile(level.tail(), 1.0 - level.tail(), x + 0.5, n - x + 0.5)?,
            dist::beta_quantile(1.0 - level.tail(), level.tail(), x + 0.5, n - x + 0.5)?,
            IntervalMethod::Jeffreys,
        ),
    };
    Interval::from_bounds(p, lower, upper, level, kind)
}

/// Newcombe's hybrid score interval for `p₁ − p₂` (Newcombe 1998, method 10), built from the
/// two Wilson intervals `[l₁, u₁]`, `[l₂, u₂]`:
/// `[d − √((p₁−l₁)² + (u₂−p₂)²), d + √((u₁−p₁)² + (p₂−l₂)²)]`.
///
/// Checked against statsmodels' `confint_proportions_2indep(method="newcomb")`.
///
/// ```
/// use layanan::{Level, stats::newcombe_interval};
///
/// // Overcharged: 12 of 80 visits in one office, 3 of 90 in another.
/// let ci = newcombe_interval(12, 80, 3, 90, Level::default())?;
/// assert!(ci.lower() > 0.0); // the difference is real
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`proportion_interval`], for either group.
pub fn newcombe_interval(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    level: Level,
) -> Result<Interval> {
    let a = proportion_interval(successes1, trials1, level, ProportionMethod::Wilson)?;
    let b = proportion_interval(successes2, trials2, level, ProportionMethod::Wilson)?;
    let (p1, p2) = (a.estimate(), b.estimate());
    let d = p1 - p2;
    let lower = d - ((p1 - a.lower()).powi(2) + (b.upper() - p2).powi(2)).sqrt();
    let upper = d + ((a.upper() - p1).powi(2) + (p2 - b.lower()).powi(2)).sqrt();
    Interval::from_bounds(d, lower, upper, level, IntervalMethod::Newcombe)
}
