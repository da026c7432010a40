//! The exact small-sample p-value of Spearman's rank correlation.

use super::error::{Error, Result};
use super::hypothesis::Alternative;
use super::rank::ranks;

/// The most pairs [`spearman_exact_p`] takes: its permutation distribution is built over all
/// `2ⁿ` subsets of ranks, and `12! < 2⁶⁴` keeps the counts exact.
pub const MAX_EXACT_SPEARMAN: usize = 12;

/// `counts[d]` = permutations `π` of `0..n` with `Σ (i − π(i))² = d`, by dynamic programming
/// over the set of ranks already used (position `i` = how many are used).
#[allow(clippy::arithmetic_side_effects)] // n ≤ 12: sums ≤ 572, counts ≤ 12! < 2⁶⁴
fn squared_difference_counts(n: usize) -> Vec<u64> {
    let max = (n * n * n - n) / 3;
    let full = (1_usize << n) - 1;
    let mut table = vec![vec![0_u64; max + 1]; full + 1];
    if let Some(first) = table.first_mut().and_then(|row| row.first_mut()) {
        *first = 1;
    }
    for mask in 0..full {
        let position = mask.count_ones() as usize;
        let Some(row) = table.get(mask).cloned() else {
            continue;
        };
        for rank in (0..n).filter(|r| mask & (1 << r) == 0) {
            let step = position.abs_diff(rank).pow(2);
            let Some(next) = table.get_mut(mask | (1 << rank)) else {
                continue;
            };
            for (d, &count) in row.iter().enumerate().filter(|(_, c)| **c > 0) {
                if let Some(slot) = next.get_mut(d + step) {
                    *slot += count;
                }
            }
        }
    }
    table.get(full).cloned().unwrap_or_default()
}

/// The exact permutation p-value of Spearman's ρ between `x` and `y` without ties: the
/// probability, over all `n!` pairings, of a ρ at least as extreme (`Greater`: a positive
/// association). For `n ≤` [`MAX_EXACT_SPEARMAN`], where [`spearman`](super::spearman)'s
/// t approximation can be off by a factor of two. The same as scipy's
/// `permutation_test((x,), spearman_rho, permutation_type='pairings', n_resamples=inf)`.
///
/// ```
/// use layanan::stats::{Alternative, spearman_exact_p};
///
/// // Four counters ranked the same by two surveys: 1 pairing in 4! = 24.
/// let p = spearman_exact_p(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 25.0, 40.0], Alternative::Greater)?;
/// assert!((p - 1.0 / 24.0).abs() < 1e-15);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`] when `y` is not as long as `x`; [`Error::InsufficientData`] below
/// 2 pairs; [`Error::NotFinite`] for NaN or ±∞; [`Error::NotApplicable`] for tied values (no
/// exact null distribution here) or more than [`MAX_EXACT_SPEARMAN`] pairs.
#[allow(clippy::arithmetic_side_effects)] // n ≤ 12: sums ≤ 572
pub fn spearman_exact_p(x: &[f64], y: &[f64], alternative: Alternative) -> Result<f64> {
    const WHAT: &str = "exact Spearman test";
    if x.len() != y.len() {
        return Err(Error::LengthMismatch {
            what: format!("{WHAT} y (one value per x)"),
            expected: x.len(),
            got: y.len(),
        });
    }
    if x.len() < 2 {
        return Err(Error::InsufficientData {
            what: WHAT.into(),
            needed: 2,
            got: x.len() as u64,
        });
    }
    for (name, values) in [("x", x), ("y", y)] {
        if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
            return Err(Error::NotFinite {
                field: format!("{WHAT} {name} observation"),
                value: *bad,
            });
        }
    }
    if x.len() > MAX_EXACT_SPEARMAN {
        return Err(Error::NotApplicable {
            method: WHAT.into(),
            reason: format!(
                "{} pairs are more than {MAX_EXACT_SPEARMAN}; use the t approximation",
                x.len()
            ),
        });
    }
    let (rx, x_ties) = ranks(x);
    let (ry, y_ties) = ranks(y);
    if x_ties > 0.0 || y_ties > 0.0 {
        return Err(Error::NotApplicable {
            method: WHAT.into(),
            reason: "tied values have no exact permutation distribution here".into(),
        });
    }
    // Ranks are whole numbers 1..=n without ties, so Σd² is an exact integer.
    let observed = rx
        .iter()
        .zip(&ry)
        .map(|(a, b)| (a - b) * (a - b))
        .sum::<f64>() as usize;
    let counts = squared_difference_counts(x.len());
    let all: u64 = counts.iter().sum();
    // A small Σd² is a positive association.
    let at_most =
        |d: usize| counts.iter().take(d.saturating_add(1)).sum::<u64>() as f64 / all as f64;
    let at_least = |d: usize| counts.iter().skip(d).sum::<u64>() as f64 / all as f64;
    Ok(match alternative {
        Alternative::Greater => at_most(observed),
        Alternative::Less => at_least(observed),
        Alternative::TwoSided => (2.0 * at_most(observed).min(at_least(observed))).min(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// n = 3: the 6 permutations have Σd² = 0, 2, 2, 6, 6, 8.
    #[test]
    fn counts_for_three() {
        let counts = squared_difference_counts(3);
        assert_eq!(counts, vec![1, 0, 2, 0, 0, 0, 2, 0, 1]);
        assert_eq!(
            squared_difference_counts(12).iter().sum::<u64>(),
            479_001_600
        );
    }
}
