//! Covariances from integer sums, and the check that a matrix could be a covariance matrix.

/// `(n·Σxy − Σx·Σy) / (n(n−1))`, exact in integers until the final division.
#[allow(clippy::arithmetic_side_effects)] // n ≥ 2, checked just below
pub(crate) fn covariance(n: u64, sum_x: u64, sum_y: u64, sum_xy: u64) -> Option<f64> {
    if n < 2 {
        return None;
    }
    let exact = || -> Option<f64> {
        let num = i128::from(n)
            .checked_mul(i128::from(sum_xy))?
            .checked_sub(i128::from(sum_x).checked_mul(i128::from(sum_y))?)?;
        let den = i128::from(n).checked_mul(i128::from(n) - 1)?;
        Some(num as f64 / den as f64)
    };
    Some(exact().unwrap_or_else(|| {
        let nf = n as f64;
        (sum_xy as f64 - sum_x as f64 * sum_y as f64 / nf) / (nf - 1.0)
    }))
}

/// Whether the symmetric `k × k` matrix `a` (row-major) is positive semi-definite, up to
/// rounding: Cholesky, where a pivot within rounding of 0 (a rank-deficient but valid matrix,
/// such as two variables that always move together) must leave its column at 0 too. A slice
/// that is not `k × k` is not.
#[allow(clippy::arithmetic_side_effects)] // indices below k·k = a.len() (checked first)
pub(crate) fn positive_semidefinite(a: &[f64], k: usize) -> bool {
    if k.checked_mul(k) != Some(a.len()) {
        return false;
    }
    let at = |m: &[f64], i: usize, j: usize| m.get(i * k + j).copied().unwrap_or(f64::NAN);
    let scale = (0..k).map(|i| at(a, i, i).abs()).fold(0.0, f64::max);
    let tolerance = 1e-9 * scale;
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        let dot = |l: &[f64], i: usize| (0..j).map(|m| at(l, i, m) * at(l, j, m)).sum::<f64>();
        let pivot = at(a, j, j) - dot(&l, j);
        // (NaN, from sums past f64, is not PSD either.)
        if pivot.is_nan() || pivot < -tolerance {
            return false;
        }
        let root = pivot.max(0.0).sqrt();
        for i in j + 1..k {
            let rest = at(a, i, j) - dot(&l, i);
            let value = if pivot > tolerance {
                rest / root
            } else if rest.abs() <= 1e-6 * scale {
                0.0
            } else {
                return false;
            };
            if let Some(slot) = l.get_mut(i * k + j) {
                *slot = value;
            }
        }
        if let Some(slot) = l.get_mut(j * k + j) {
            *slot = root;
        }
    }
    true
}
