//! Pearson's and Spearman's correlations with their p-values.

use super::dist;
use super::error::{Error, Result};
use super::hypothesis::{Alternative, TestMethod, TestResult, symmetric_p};
use super::rank::ranks;

fn check_pairs(x: &[f64], y: &[f64]) -> Result<()> {
    if x.len() != y.len() {
        return Err(Error::LengthMismatch {
            what: "y (one value per x)".into(),
            expected: x.len(),
            got: y.len(),
        });
    }
    if let Some(bad) = x.iter().chain(y).find(|v| !v.is_finite()) {
        return Err(Error::NotFinite {
            field: "observation".into(),
            value: *bad,
        });
    }
    if x.len() < 3 {
        return Err(Error::InsufficientData {
            what: "correlation test".into(),
            needed: 3,
            got: x.len() as u64,
        });
    }
    Ok(())
}

/// `r` and its p-value from `t = r·√((n−2)/(1−r²))` with `n − 2` degrees of freedom.
fn correlation(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    method: TestMethod,
) -> Result<TestResult> {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return Err(Error::ZeroVariance {
            what: "correlation (a constant sample)".into(),
        });
    }
    // One square root of the product where it is a normal number: `√(s·s) = s` exactly in
    // binary floating point, so identical rankings (sxy = sxx = syy) give r = ±1 exactly;
    // two roots multiplied could round to just above `s` (ρ = 0.9999999999999998).
    let product = sxx * syy;
    let norm = if product.is_normal() {
        product.sqrt()
    } else {
        sxx.sqrt() * syy.sqrt()
    };
    let r = (sxy / norm).clamp(-1.0, 1.0);
    let df = n - 2.0;
    let p_value = if r.abs() == 1.0 {
        // A perfect correlation: t is infinite.
        match alternative {
            Alternative::TwoSided => 0.0,
            Alternative::Greater => {
                if r > 0.0 {
                    0.0
                } else {
                    1.0
                }
            }
            Alternative::Less => {
                if r < 0.0 {
                    0.0
                } else {
                    1.0
                }
            }
        }
    } else {
        let t = r * (df / ((1.0 - r) * (1.0 + r))).sqrt();
        symmetric_p(t, alternative, |v| dist::t_sf(v, df))?
    };
    Ok(TestResult {
        method,
        statistic: r,
        df: Some(df),
        p_value,
        alternative,
    })
}

/// Pearson's correlation `r` of paired samples, with the p-value of `r = 0` from Student's t
/// with `n − 2` degrees of freedom (identical to scipy's `pearsonr`, which uses the equivalent
/// Beta distribution).
///
/// ```
/// use layanan::stats::{Alternative, pearson};
///
/// let wait = [5.0, 12.0, 20.0, 31.0, 44.0, 60.0];
/// let rating = [5.0, 5.0, 4.0, 3.0, 3.0, 1.0];
/// let test = pearson(&wait, &rating, Alternative::Less)?;
/// assert!(test.statistic < -0.9 && test.p_value < 0.01);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`] for samples of different lengths; [`Error::InsufficientData`]
/// below 3 pairs; [`Error::ZeroVariance`] for a constant sample; [`Error::NotFinite`].
pub fn pearson(x: &[f64], y: &[f64], alternative: Alternative) -> Result<TestResult> {
    check_pairs(x, y)?;
    correlation(x, y, alternative, TestMethod::Pearson)
}

/// Spearman's rank correlation ρ: Pearson's r of the average ranks, p-value from Student's t
/// with `n − 2` degrees of freedom (scipy's `spearmanr`).
///
/// ```
/// use layanan::stats::{Alternative, spearman};
///
/// let wait = [5.0, 12.0, 20.0, 31.0, 44.0, 60.0];
/// let rating = [5.0, 5.0, 4.0, 3.0, 3.0, 1.0]; // ties share their mean rank
/// let test = spearman(&wait, &rating, Alternative::Less)?;
/// assert!((test.statistic - -0.9710083124552245).abs() < 1e-12); // scipy.stats.spearmanr
/// assert!((test.p_value - 0.0006242964515988385).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`pearson`].
pub fn spearman(x: &[f64], y: &[f64], alternative: Alternative) -> Result<TestResult> {
    check_pairs(x, y)?;
    let (rx, _) = ranks(x);
    let (ry, _) = ranks(y);
    correlation(&rx, &ry, alternative, TestMethod::Spearman)
}
