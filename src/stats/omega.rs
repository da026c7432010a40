//! McDonald's ω: reliability from a one-factor model.

use super::error::{Error, Result};
use super::matrix::positive_semidefinite;
use super::reliability::{Deletion, check_rows, covariance_matrix};

/// The most items [`mcdonald_omega`] takes: each fit step decomposes the `k × k` correlation
/// matrix (Jacobi rotations, `O(k³)`).
pub const MAX_OMEGA_ITEMS: usize = 200;

/// McDonald's ω of a set of items from a one-factor model (see [`mcdonald_omega`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Omega {
    /// `ω = (Σλ)² / ((Σλ)² + Σψ)`.
    pub omega: f64,
    /// Each item's standardised loading `λᵢ` on the common factor (signed so `Σλ > 0`).
    pub loadings: Vec<f64>,
    /// Each item's unique variance `ψᵢ = 1 − λᵢ²` (standardised).
    pub uniquenesses: Vec<f64>,
    /// The respondents the correlations come from (complete rows, or all with pairwise
    /// deletion).
    pub respondents: u64,
}

/// McDonald's ω (total, one factor) of an item matrix (one row per respondent, `None` for a
/// blank): the share of the standardised sum score's variance that one common factor explains.
/// Unlike Cronbach's α it does not assume every item measures the factor equally well
/// (τ-equivalence); with equal loadings the two agree.
///
/// The factor is fitted by unweighted least squares (minres) on the item correlation matrix
/// `R`: loadings `λ` minimising `Σ_{i≠j} (rᵢⱼ − λᵢλⱼ)²`, found by Newton steps on that sum
/// (halved until it falls) where its Hessian is positive definite and principal-axis steps
/// elsewhere (the leading eigenpair of `R` with communalities `λᵢ²` on its diagonal), until no
/// loading moves by 1e-13; a loading driven beyond 1 is a Heywood case. Weak factors (nearly
/// uncorrelated items) take tens of steps, not thousands. Then `ψᵢ = 1 − λᵢ²` and
/// `ω = (Σλ)² / ((Σλ)² + Σψ)`. Checked against an independent least-squares fit (scipy's
/// `least_squares` on the off-diagonal residuals) and `factor_analyzer`'s minres loadings.
///
/// ```
/// use layanan::stats::{Deletion, mcdonald_omega};
///
/// let answers = [
///     [4, 4, 3, 4], [3, 3, 3, 2], [2, 3, 2, 3], [4, 3, 4, 3], [1, 2, 2, 2],
///     [3, 4, 3, 3], [2, 2, 3, 2], [4, 4, 4, 3], [3, 2, 3, 3], [2, 2, 1, 2],
/// ];
/// let rows: Vec<Vec<Option<f64>>> = answers
///     .iter()
///     .map(|r| r.iter().map(|&a| Some(f64::from(a))).collect())
///     .collect();
/// let omega = mcdonald_omega(&rows, Deletion::Listwise)?;
/// assert!((omega.omega - 0.8817054037498172).abs() < 1e-10); // scipy least squares
/// assert_eq!(omega.loadings.len(), 4);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`cronbach_alpha`](super::cronbach_alpha) for the items (fewer than 2, rows of different
/// lengths, non-finite values, fewer than 2 usable rows, a non-positive-semi-definite pairwise
/// matrix); [`Error::OutOfRange`] above [`MAX_OMEGA_ITEMS`] items; [`Error::ZeroVariance`] for
/// an item that never varies; [`Error::NotApplicable`] when the fit has an item loading beyond
/// 1 (a Heywood case: no one-factor model fits) or does not converge in 2,000 steps.
pub fn mcdonald_omega<R: AsRef<[Option<f64>]>>(rows: &[R], deletion: Deletion) -> Result<Omega> {
    let k = check_rows(rows)?;
    if k > MAX_OMEGA_ITEMS {
        return Err(Error::OutOfRange {
            field: "items".into(),
            value: k as i64,
            min: 2,
            max: MAX_OMEGA_ITEMS as i64,
        });
    }
    let (cov, n, _) =
        covariance_matrix(rows, k, deletion).ok_or_else(|| Error::InsufficientData {
            what: "McDonald's omega (usable rows)".into(),
            needed: 2,
            got: rows.len() as u64,
        })?;
    if deletion == Deletion::Pairwise && !positive_semidefinite(&cov, k) {
        return Err(Error::NotApplicable {
            method: "McDonald's omega with pairwise deletion".into(),
            reason: "the pairwise covariances are those of no set of answers (their matrix is \
                     not positive semi-definite); use listwise deletion"
                .into(),
        });
    }
    let loadings = one_factor(&correlations(&cov, k)?, k)?;
    let uniquenesses: Vec<f64> = loadings.iter().map(|l| 1.0 - l * l).collect();
    let common = loadings.iter().sum::<f64>().powi(2);
    let unique: f64 = uniquenesses.iter().sum();
    Ok(Omega {
        omega: common / (common + unique),
        loadings,
        uniquenesses,
        respondents: n,
    })
}

/// ω of a `k × k` covariance matrix (of complete answers), for reports that keep sums rather
/// than rows.
pub(crate) fn omega_of_covariance(cov: &[f64], k: usize) -> Result<f64> {
    if !(2..=MAX_OMEGA_ITEMS).contains(&k) || k.checked_mul(k) != Some(cov.len()) {
        return Err(Error::OutOfRange {
            field: "items".into(),
            value: k as i64,
            min: 2,
            max: MAX_OMEGA_ITEMS as i64,
        });
    }
    let loadings = one_factor(&correlations(cov, k)?, k)?;
    let common = loadings.iter().sum::<f64>().powi(2);
    let unique: f64 = loadings.iter().map(|l| 1.0 - l * l).sum();
    Ok(common / (common + unique))
}

/// The correlation matrix of a covariance matrix.
#[allow(clippy::arithmetic_side_effects)] // indices below k·k
fn correlations(cov: &[f64], k: usize) -> Result<Vec<f64>> {
    let sd: Vec<f64> = (0..k)
        .map(|i| cov.get(i * k + i).copied().unwrap_or(0.0).sqrt())
        .collect();
    if let Some(item) = sd.iter().position(|s| s.is_nan() || *s <= 0.0) {
        return Err(Error::ZeroVariance {
            what: format!("McDonald's omega (item {} never varies)", item + 1),
        });
    }
    Ok((0..k * k)
        .map(|cell| {
            let (i, j) = (cell / k, cell % k);
            if i == j {
                1.0
            } else {
                cov.get(cell).copied().unwrap_or(0.0)
                    / (sd.get(i).copied().unwrap_or(1.0) * sd.get(j).copied().unwrap_or(1.0))
            }
        })
        .collect())
}

/// The most fit steps [`one_factor`] takes before it gives up.
const MAX_FIT_STEPS: usize = 2_000;

/// Minres loadings of one factor. Principal-axis steps always make progress but converge
/// linearly, and slowly when the common factor is weak (thousands of steps on nearly
/// uncorrelated items); Newton steps on the least-squares objective converge quadratically
/// near the fit. Each step is Newton's (shortened until it lowers the objective) when its
/// Hessian is positive definite, a principal-axis step otherwise; both have the same fixed
/// points.
#[allow(clippy::arithmetic_side_effects)] // indices below k·k
fn one_factor(r: &[f64], k: usize) -> Result<Vec<f64>> {
    // Start from the largest absolute correlation of each item (a simple, always-valid SMC
    // substitute).
    let start: Vec<f64> = (0..k)
        .map(|i| {
            (0..k)
                .filter(|&j| j != i)
                .map(|j| r.get(i * k + j).copied().unwrap_or(0.0).abs())
                .fold(0.0, f64::max)
        })
        .collect();
    let mut loadings = principal_axis_step(r, k, &start);
    // Steps in a row that moved a loading beyond 1 further out.
    let mut heading_out = 0;
    for _ in 0..MAX_FIT_STEPS {
        let current = misfit(r, k, &loadings);
        let next = newton_step(r, k, &loadings, current).unwrap_or_else(|| {
            let communality: Vec<f64> = loadings.iter().map(|l| l * l).collect();
            principal_axis_step(r, k, &communality)
        });
        let moved = next
            .iter()
            .zip(&loadings)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let outward = next
            .iter()
            .zip(&loadings)
            .position(|(a, b)| a.abs() > 1.0 && a.abs() > b.abs());
        heading_out = if outward.is_some() {
            heading_out + 1
        } else {
            0
        };
        loadings = next;
        if let Some(item) = outward.filter(|_| heading_out >= HEADING_OUT) {
            // The misfit keeps falling as the loading grows: the fit is a Heywood case,
            // often with no finite minimum at all.
            return Err(heywood(item, &loadings));
        }
        if moved <= 1e-13 {
            if loadings.iter().sum::<f64>() < 0.0 {
                loadings.iter_mut().for_each(|l| *l = -*l);
            }
            if let Some(item) = loadings.iter().position(|l| l.abs() > 1.0) {
                return Err(heywood(item, &loadings));
            }
            return Ok(loadings);
        }
    }
    Err(Error::NotApplicable {
        method: "McDonald's omega".into(),
        reason: format!("the one-factor fit did not converge in {MAX_FIT_STEPS} steps"),
    })
}

/// Steps in a row that move a loading beyond 1 further out, after which the fit is taken for
/// a Heywood case (a transient overshoot comes back sooner).
const HEADING_OUT: usize = 10;

/// The error for a fit with `item` loading beyond 1.
fn heywood(item: usize, loadings: &[f64]) -> Error {
    Error::NotApplicable {
        method: "McDonald's omega".into(),
        reason: format!(
            "item {} loads {:.4} on the common factor, beyond 1 (a Heywood case): no \
             one-factor model fits these items",
            item.saturating_add(1),
            loadings.get(item).copied().unwrap_or(f64::NAN).abs()
        ),
    }
}

/// The minres objective `Σ_{i≠j} (rᵢⱼ − λᵢλⱼ)²` (each pair once).
#[allow(clippy::arithmetic_side_effects)] // indices below k·k
fn misfit(r: &[f64], k: usize, loadings: &[f64]) -> f64 {
    let mut sum = 0.0;
    for (i, li) in loadings.iter().enumerate() {
        for (j, lj) in loadings.iter().enumerate().skip(i + 1) {
            let e = r.get(i * k + j).copied().unwrap_or(0.0) - li * lj;
            sum += e * e;
        }
    }
    sum
}

/// One principal-axis step: the leading eigenpair of `R` with `communality` on its diagonal,
/// scaled to loadings (signed so they sum to a positive number).
#[allow(clippy::arithmetic_side_effects)] // indices below k·k
fn principal_axis_step(r: &[f64], k: usize, communality: &[f64]) -> Vec<f64> {
    let mut reduced = r.to_vec();
    for (i, h) in communality.iter().enumerate() {
        if let Some(d) = reduced.get_mut(i * k + i) {
            *d = *h;
        }
    }
    let (value, vector) = leading_eigenpair(&reduced, k);
    let scale = value.max(0.0).sqrt();
    let sign = if vector.iter().sum::<f64>() < 0.0 {
        -1.0
    } else {
        1.0
    };
    vector.iter().map(|v| sign * scale * v).collect()
}

/// The loadings after one Newton step on the minres objective, halved until the objective
/// (`current` before the step) does not grow, or `None` where the Hessian is not positive
/// definite (the step would not head for a minimum) or no fraction of it helps. Up to a
/// common factor, the gradient is `gᵢ = −Σ_{j≠i} (rᵢⱼ − λᵢλⱼ) λⱼ` and the Hessian
/// `Hᵢᵢ = Σ_{j≠i} λⱼ²`, `Hᵢⱼ = 2λᵢλⱼ − rᵢⱼ`.
#[allow(clippy::arithmetic_side_effects)] // indices below k·k
fn newton_step(r: &[f64], k: usize, loadings: &[f64], current: f64) -> Option<Vec<f64>> {
    let squares: f64 = loadings.iter().map(|l| l * l).sum();
    let mut hessian = vec![0.0; k * k];
    let mut gradient = vec![0.0; k];
    for (i, li) in loadings.iter().enumerate() {
        let mut g = 0.0;
        for (j, lj) in loadings.iter().enumerate() {
            let h = if i == j {
                squares - li * li
            } else {
                let rij = r.get(i * k + j).copied().unwrap_or(0.0);
                g -= (rij - li * lj) * lj;
                2.0 * li * lj - rij
            };
            *hessian.get_mut(i * k + j)? = h;
        }
        *gradient.get_mut(i)? = g;
    }
    let step = cholesky_solve(&mut hessian, k, &gradient)?;
    let mut fraction = 1.0;
    for _ in 0..40 {
        let next: Vec<f64> = loadings
            .iter()
            .zip(&step)
            .map(|(l, s)| l - fraction * s)
            .collect();
        if misfit(r, k, &next) <= current + 4.0 * f64::EPSILON * current {
            return Some(next);
        }
        fraction /= 2.0;
    }
    None
}

/// Solves `A x = b` for a symmetric positive-definite `A` (overwritten by its Cholesky
/// factor), or `None` when `A` is not positive definite.
#[allow(clippy::arithmetic_side_effects)] // indices below k·k
fn cholesky_solve(a: &mut [f64], k: usize, b: &[f64]) -> Option<Vec<f64>> {
    for j in 0..k {
        let mut d = *a.get(j * k + j)?;
        for m in 0..j {
            d -= a.get(j * k + m)?.powi(2);
        }
        if d.is_nan() || d <= 0.0 || d.is_infinite() {
            return None;
        }
        let d = d.sqrt();
        *a.get_mut(j * k + j)? = d;
        for i in j + 1..k {
            let mut s = *a.get(i * k + j)?;
            for m in 0..j {
                s -= a.get(i * k + m)? * a.get(j * k + m)?;
            }
            *a.get_mut(i * k + j)? = s / d;
        }
    }
    // L y = b, then Lᵀ x = y.
    let mut x = b.to_vec();
    for i in 0..k {
        let mut s = *x.get(i)?;
        for m in 0..i {
            s -= a.get(i * k + m)? * x.get(m)?;
        }
        *x.get_mut(i)? = s / a.get(i * k + i)?;
    }
    for i in (0..k).rev() {
        let mut s = *x.get(i)?;
        for m in i + 1..k {
            s -= a.get(m * k + i)? * x.get(m)?;
        }
        *x.get_mut(i)? = s / a.get(i * k + i)?;
    }
    Some(x)
}

/// The largest eigenvalue of a symmetric matrix and its unit eigenvector, by cyclic Jacobi
/// rotations.
#[allow(clippy::arithmetic_side_effects)] // indices below k·k
fn leading_eigenpair(matrix: &[f64], k: usize) -> (f64, Vec<f64>) {
    let mut a = matrix.to_vec();
    let mut v: Vec<f64> = (0..k * k)
        .map(|c| if c / k == c % k { 1.0 } else { 0.0 })
        .collect();
    let at = |m: &[f64], i: usize, j: usize| m.get(i * k + j).copied().unwrap_or(0.0);
    for _ in 0..100 {
        let off: f64 = (0..k * k)
            .filter(|c| c / k != c % k)
            .map(|c| a.get(c).copied().unwrap_or(0.0).powi(2))
            .sum();
        let total: f64 = a.iter().map(|x| x * x).sum();
        // Rounding keeps off-diagonal entries near ε·|a|, a sum of squares near k²ε²·total:
        // asking for less made every call run all its sweeps.
        if off <= (4.0 * k as f64 * f64::EPSILON).powi(2) * total {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                let apq = at(&a, p, q);
                if apq == 0.0 {
                    continue;
                }
                let (app, aqq) = (at(&a, p, p), at(&a, q, q));
                let theta = (aqq - app) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for i in 0..k {
                    let (aip, aiq) = (at(&a, i, p), at(&a, i, q));
                    if let Some(x) = a.get_mut(i * k + p) {
                        *x = c * aip - s * aiq;
                    }
                    if let Some(x) = a.get_mut(i * k + q) {
                        *x = s * aip + c * aiq;
                    }
                }
                for j in 0..k {
                    let (apj, aqj) = (at(&a, p, j), at(&a, q, j));
                    if let Some(x) = a.get_mut(p * k + j) {
                        *x = c * apj - s * aqj;
                    }
                    if let Some(x) = a.get_mut(q * k + j) {
                        *x = s * apj + c * aqj;
                    }
                }
                for i in 0..k {
                    let (vip, viq) = (at(&v, i, p), at(&v, i, q));
                    if let Some(x) = v.get_mut(i * k + p) {
                        *x = c * vip - s * viq;
                    }
                    if let Some(x) = v.get_mut(i * k + q) {
                        *x = s * vip + c * viq;
                    }
                }
            }
        }
    }
    let best = (0..k)
        .max_by(|&i, &j| at(&a, i, i).total_cmp(&at(&a, j, j)))
        .unwrap_or(0);
    (
        at(&a, best, best),
        (0..k).map(|i| at(&v, i, best)).collect(),
    )
}
