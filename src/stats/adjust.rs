//! Adjusting p-values for many comparisons.

use super::error::{Error, Result};

fn check(p_values: &[f64]) -> Result<Vec<usize>> {
    if p_values.is_empty() {
        return Err(Error::InsufficientData {
            what: "p-value adjustment".into(),
            needed: 1,
            got: 0,
        });
    }
    if let Some(bad) = p_values.iter().find(|p| !(0.0..=1.0).contains(*p)) {
        return Err(Error::InvalidValue {
            field: "p-value".into(),
            value: *bad,
            expected: "between 0 and 1".into(),
        });
    }
    let mut order: Vec<usize> = (0..p_values.len()).collect();
    order.sort_by(|&a, &b| {
        let p = |i: usize| p_values.get(i).copied().unwrap_or(1.0);
        p(a).total_cmp(&p(b))
    });
    Ok(order)
}

/// Which way a stepwise adjustment runs.
#[derive(Clone, Copy)]
enum Step {
    /// From the smallest p-value up, each adjusted value the running maximum.
    Down,
    /// From the largest p-value down, each adjusted value the running minimum.
    Up,
}

/// A stepwise adjustment in input order: `raw(rank, p)` of each p-value (rank 0 for the
/// smallest), capped at 1, then made monotone in the order of the p-values as `step` says.
fn stepwise(p_values: &[f64], step: Step, raw: impl Fn(f64, f64) -> f64) -> Result<Vec<f64>> {
    let order = check(p_values)?;
    let mut adjusted = vec![0.0; p_values.len()];
    let mut ranked: Vec<(usize, usize)> = order.into_iter().enumerate().collect();
    let mut running: f64 = match step {
        Step::Down => 0.0,
        Step::Up => {
            ranked.reverse();
            1.0
        }
    };
    for (rank, i) in ranked {
        let p = p_values.get(i).copied().unwrap_or(1.0);
        let value = raw(rank as f64, p).min(1.0);
        running = match step {
            Step::Down => running.max(value),
            Step::Up => running.min(value),
        };
        if let Some(slot) = adjusted.get_mut(i) {
            *slot = running;
        }
    }
    Ok(adjusted)
}

/// Holm's step-down adjustment (family-wise error rate): the `i`-th smallest p-value becomes
/// `max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎)`. Adjusted values are returned in input order.
///
/// ```
/// use layanan::stats::holm;
///
/// let adjusted = holm(&[0.01, 0.04, 0.03])?;
/// let expected = [0.03, 0.06, 0.06];
/// assert!(adjusted.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-15));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a value outside [0, 1] or NaN;
/// [`Error::InsufficientData`] for no p-values.
pub fn holm(p_values: &[f64]) -> Result<Vec<f64>> {
    let m = p_values.len() as f64;
    stepwise(p_values, Step::Down, |rank, p| (m - rank) * p)
}

/// Benjamini–Hochberg's step-up adjustment (false-discovery rate): the `i`-th smallest p-value
/// becomes `min over j ≥ i of min(1, m·p₍ⱼ₎/j)`. Adjusted values are returned in input order.
///
/// ```
/// use layanan::stats::benjamini_hochberg;
///
/// let adjusted = benjamini_hochberg(&[0.01, 0.04, 0.03])?;
/// let expected = [0.03, 0.04, 0.04];
/// assert!(adjusted.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-15));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a value outside [0, 1] or NaN;
/// [`Error::InsufficientData`] for no p-values.
pub fn benjamini_hochberg(p_values: &[f64]) -> Result<Vec<f64>> {
    let m = p_values.len() as f64;
    // p/(j/m) rather than m·p/j, as statsmodels: never below p after rounding.
    stepwise(p_values, Step::Up, |rank, p| p / ((rank + 1.0) / m))
}

/// Bonferroni's single-step adjustment (family-wise error rate): `min(1, m·p)`. Holm's
/// ([`holm`]) is never larger and controls the same error rate; Bonferroni's is the one to
/// quote when each comparison stands alone. As statsmodels' `multipletests(method="bonferroni")`.
///
/// ```
/// use layanan::stats::bonferroni;
///
/// assert_eq!(bonferroni(&[0.01, 0.04, 0.5])?, [0.03, 0.12, 1.0]);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a value outside [0, 1] or NaN;
/// [`Error::InsufficientData`] for no p-values.
pub fn bonferroni(p_values: &[f64]) -> Result<Vec<f64>> {
    check(p_values)?;
    let m = p_values.len() as f64;
    Ok(p_values.iter().map(|p| (p * m).min(1.0)).collect())
}

/// Hochberg's step-up adjustment (family-wise error rate, for independent or positively
/// dependent tests): the `i`-th smallest p-value becomes `min over j ≥ i of min(1, (m − j + 1)·p₍ⱼ₎)`.
/// Never larger than [`holm`]. As statsmodels' `multipletests(method="simes-hochberg")`.
/// Adjusted values are returned in input order.
///
/// ```
/// use layanan::stats::hochberg;
///
/// let adjusted = hochberg(&[0.01, 0.04, 0.03])?;
/// let expected = [0.03, 0.04, 0.04];
/// assert!(adjusted.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-15));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a value outside [0, 1] or NaN;
/// [`Error::InsufficientData`] for no p-values.
pub fn hochberg(p_values: &[f64]) -> Result<Vec<f64>> {
    let m = p_values.len() as f64;
    stepwise(p_values, Step::Up, |rank, p| (m - rank) * p)
}

/// Benjamini–Yekutieli's step-up adjustment (false-discovery rate under any dependence): the
/// `i`-th smallest p-value becomes `min over j ≥ i of min(1, c(m)·m·p₍ⱼ₎/j)` with
/// `c(m) = Σₖ₌₁ᵐ 1/k`, i.e. [`benjamini_hochberg`] times `c(m)` before the running minimum. As
/// statsmodels' `multipletests(method="fdr_by")`. Adjusted values are returned in input order.
///
/// ```
/// use layanan::stats::benjamini_yekutieli;
///
/// let adjusted = benjamini_yekutieli(&[0.01, 0.04, 0.03])?;
/// let c = 1.0 + 1.0 / 2.0 + 1.0 / 3.0;
/// let expected = [0.03 * c, 0.04 * c, 0.04 * c];
/// assert!(adjusted.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-15));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a value outside [0, 1] or NaN;
/// [`Error::InsufficientData`] for no p-values.
pub fn benjamini_yekutieli(p_values: &[f64]) -> Result<Vec<f64>> {
    let m = p_values.len() as f64;
    let c: f64 = (1..=p_values.len()).map(|k| 1.0 / k as f64).sum();
    // p/((j/m)/c), as statsmodels.
    stepwise(p_values, Step::Up, |rank, p| p / ((rank + 1.0) / m / c))
}
