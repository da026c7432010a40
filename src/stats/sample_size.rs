//! How many questionnaires a survey needs.

use super::error::{Error, Result};

/// Krejcie & Morgan's (1970) required sample size for a population of `population`, with
/// χ² = 3.841 (1 degree of freedom at 95 %), P = 0.5 and a margin of d = 0.05:
///
/// `S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P))`, rounded to the nearest whole respondent.
///
/// This reproduces the published table that PermenPANRB 14/2017 refers to.
///
/// ```
/// use layanan::stats::krejcie_morgan;
///
/// assert_eq!(krejcie_morgan(100)?, 80);
/// assert_eq!(krejcie_morgan(1_000)?, 278);
/// assert_eq!(krejcie_morgan(1_000_000)?, 384);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::OutOfRange`] for a population of 0.
pub fn krejcie_morgan(population: u64) -> Result<u64> {
    check_population(population)?;
    const CHI2: f64 = 3.841;
    const PQ: f64 = 0.25;
    const D2: f64 = 0.0025;
    let n = population as f64;
    let s = CHI2 * n * PQ / (D2 * (n - 1.0) + CHI2 * PQ);
    Ok(s.round() as u64)
}

/// Slovin's sample size `n = N / (1 + N·e²)` for a margin of error `e`, rounded up.
///
/// ```
/// use layanan::stats::slovin;
///
/// assert_eq!(slovin(1_000, 0.05)?, 286); // 285.71…
/// assert_eq!(slovin(1_000, 0.10)?, 91); // 90.90…
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::OutOfRange`] for a population of 0; [`Error::InvalidProbability`] unless
/// `0 < margin < 1`.
pub fn slovin(population: u64, margin: f64) -> Result<u64> {
    check_population(population)?;
    if !(margin.is_finite() && margin > 0.0 && margin < 1.0) {
        return Err(Error::InvalidProbability {
            field: "margin of error".into(),
            value: margin,
        });
    }
    let n = population as f64;
    Ok(ceil_whole(n / (1.0 + n * margin * margin)))
}

fn check_population(population: u64) -> Result<()> {
    if population == 0 {
        return Err(Error::OutOfRange {
            field: "population".into(),
            value: 0,
            min: 1,
            max: i64::MAX,
        });
    }
    Ok(())
}

/// Cochran's sample size for estimating a proportion near `p` within `±margin` at `level`:
/// `n₀ = z²·p(1−p)/e²`, and with a population `N` the finite-population correction
/// `n = n₀ / (1 + (n₀ − 1)/N)`, computed as `N / (1 + (N − 1)/n₀)` so that a margin too fine for
/// `n₀` to be a finite number asks for the whole population; rounded up, and at least 1.
///
/// ```
/// use layanan::{Level, stats::cochran};
///
/// // The classic 385 for ±5 % at 95 % with p = 0.5.
/// assert_eq!(cochran(Level::default(), 0.5, 0.05, None)?, 385);
/// assert_eq!(cochran(Level::default(), 0.5, 0.05, Some(1_000))?, 278);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidProbability`] unless `0 < p < 1` and `0 < margin < 1`;
/// [`Error::OutOfRange`] for a population of 0; [`Error::Overflow`] without a population when
/// `n₀` is past `u64::MAX` (a margin of 1e-200: `cochran(0.95, 0.5, 1e-200, None)` used to
/// answer `u64::MAX`, and 0 with a population of 1,000, which is now 1,000).
pub fn cochran(level: super::Level, p: f64, margin: f64, population: Option<u64>) -> Result<u64> {
    super::dist::check_probability("expected proportion", p)?;
    super::dist::check_probability("margin of error", margin)?;
    let z = super::dist::normal_upper_quantile(level.tail())?;
    // (z/e)² rather than z²/e²: e² underflows long before z/e overflows.
    let ratio = z / margin;
    let n0 = ratio * ratio * p * (1.0 - p);
    let n = match population {
        Some(population) => {
            check_population(population)?;
            let big = population as f64;
            // = n₀/(1 + (n₀ − 1)/N); n₀ = ∞ gives N.
            (big / (1.0 + (big - 1.0) / n0)).min(big)
        }
        None => n0,
    };
    // A sample no larger than u64::MAX (2^64 is the first f64 past it).
    if n.is_nan() || n >= 18_446_744_073_709_551_616.0 {
        return Err(Error::Overflow {
            field: "Cochran sample size".into(),
        });
    }
    Ok(ceil_whole(n).max(1))
}

/// Rounds up, treating values within 1e-9 of a whole number as that number.
fn ceil_whole(x: f64) -> u64 {
    let nearest = x.round();
    if (x - nearest).abs() < 1e-9 * nearest.max(1.0) {
        nearest as u64
    } else {
        x.ceil() as u64
    }
}
