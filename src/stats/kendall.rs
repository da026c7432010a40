//! Kendall's rank correlation τ-b, with scipy's exact and asymptotic p-values, and the exact
//! small-sample p-value of the Mann–Kendall trend test (the same null distribution).

use statrs::function::factorial::ln_factorial;

use super::dist;
use super::error::{Error, Result};
use super::hypothesis::{Alternative, symmetric_p};
use super::trend::MAX_TREND_LENGTH;

/// Up to this many pairs without ties, [`kendall_tau_b`] computes its p-value exactly (as
/// scipy's `method='auto'`); `33! < 2¹²⁸`, so the permutation counts are exact integers.
pub const MAX_EXACT_KENDALL: usize = 33;

/// What [`kendall_tau_b`] found.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct KendallTau {
    /// τ-b, between −1 and 1.
    pub tau: f64,
    /// `S`: concordant minus discordant pairs.
    pub s: i64,
    /// Whether `p_value` is exact (no ties and at most [`MAX_EXACT_KENDALL`] pairs, or `S` at
    /// its extreme) rather than from the tie-corrected normal approximation.
    pub exact: bool,
    /// The p-value for `alternative`.
    pub p_value: f64,
    /// The alternative tested: `Greater` is a positive association.
    pub alternative: Alternative,
}

/// `(concordant − discordant, discordant)` over all pairs of pairs (ties in either count as
/// neither; the values are finite, so `partial_cmp` always answers, and `−0 = 0`).
#[allow(clippy::arithmetic_side_effects)] // at most MAX_TREND_LENGTH values: < 5·10⁷ pairs
fn pair_counts(x: &[f64], y: &[f64]) -> (i64, i64) {
    let mut s = 0_i64;
    let mut discordant = 0_i64;
    for (i, (xi, yi)) in x.iter().zip(y).enumerate() {
        for (xj, yj) in x.iter().zip(y).skip(i + 1) {
            let order = |a: &f64, b: &f64| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal);
            let (dx, dy) = (order(xj, xi), order(yj, yi));
            if dx.is_eq() || dy.is_eq() {
                continue;
            }
            if dx == dy {
                s += 1;
            } else {
                s -= 1;
                discordant += 1;
            }
        }
    }
    (s, discordant)
}

/// `(Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5))` over the groups of `t` tied values.
fn tie_sums(values: &[f64]) -> (f64, f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut sums = (0.0, 0.0, 0.0);
    let mut add = |t: f64| {
        sums.0 += t * (t - 1.0) / 2.0;
        sums.1 += t * (t - 1.0) * (t - 2.0);
        sums.2 += t * (t - 1.0) * (2.0 * t + 5.0);
    };
    let mut run = 1.0;
    for pair in sorted.windows(2) {
        if let [a, b] = pair {
            if a == b {
                run += 1.0;
            } else {
                add(run);
                run = 1.0;
            }
        }
    }
    add(run);
    sums
}

/// `P(D ≤ c)` for the number `D` of inversions of a random permutation of `n` items (Kendall's
/// null distribution of the discordant pairs), from the exact Mahonian counts for
/// `n ≤ MAX_EXACT_KENDALL`, and for `c ≤ 1` at any `n` (`1/n!` and `1/(n − 1)!`).
#[allow(clippy::arithmetic_side_effects)] // n ≤ 33: counts below 33! < 2¹²⁸
fn inversions_cdf(n: usize, c: i64) -> f64 {
    let total = n.saturating_mul(n.saturating_sub(1)) / 2;
    if c < 0 {
        return 0.0;
    }
    let c = c as usize;
    if c >= total {
        return 1.0;
    }
    if n > MAX_EXACT_KENDALL {
        // Only reached with c ≤ 1 or c ≥ total − 2 (`S` at its extreme, see `kendall_tau_b`):
        // P(D ≤ c) = (1 + c(n − 1))/n! for c ≤ 1, and the mirror image at the other end.
        let ln_all = ln_factorial(n as u64);
        return if c <= 1 {
            ((1.0 + c as f64 * (n as f64 - 1.0)).ln() - ln_all).exp()
        } else {
            let mirrored = total - c - 1;
            1.0 - ((1.0 + mirrored.min(1) as f64 * (n as f64 - 1.0)).ln() - ln_all).exp()
        };
    }
    // counts[i] = permutations of the first m items with i inversions, m = 1..=n.
    let mut counts = vec![0_u128; total + 1];
    if let Some(first) = counts.first_mut() {
        *first = 1;
    }
    for m in 2..=n {
        // New item placed at one of m positions adds 0..m−1 inversions: a sliding-window sum.
        let mut next = vec![0_u128; total + 1];
        let mut window = 0_u128;
        for (i, slot) in next.iter_mut().enumerate() {
            window += counts.get(i).copied().unwrap_or(0);
            if i >= m {
                window -= counts.get(i - m).copied().unwrap_or(0);
            }
            *slot = window;
        }
        counts = next;
    }
    let all: u128 = (1..=n as u128).product();
    let below: u128 = counts.iter().take(c + 1).sum();
    below as f64 / all as f64
}

/// The exact p-value of `discordant` inversions among `n` untied pairs.
#[allow(clippy::arithmetic_side_effects)] // discordant ≤ total < 2⁶³
fn exact_p(n: usize, discordant: i64, alternative: Alternative) -> f64 {
    let total = (n.saturating_mul(n.saturating_sub(1)) / 2) as i64;
    // P(D ≤ d) and P(D ≥ d) = P(D ≤ total − d) by symmetry.
    let lower = || inversions_cdf(n, discordant);
    let upper = || inversions_cdf(n, total - discordant);
    match alternative {
        Alternative::Greater => lower(),
        Alternative::Less => upper(),
        Alternative::TwoSided => {
            let smaller = discordant.min(total - discordant);
            (2.0 * inversions_cdf(n, smaller)).min(1.0)
        }
    }
}

fn check_pairs(what: &str, x: &[f64], y: &[f64]) -> Result<()> {
    if x.len() != y.len() {
        return Err(Error::LengthMismatch {
            what: format!("{what} y (one value per x)"),
            expected: x.len(),
            got: y.len(),
        });
    }
    if x.len() < 2 {
        return Err(Error::InsufficientData {
            what: what.into(),
            needed: 2,
            got: x.len() as u64,
        });
    }
    if x.len() > MAX_TREND_LENGTH {
        return Err(Error::NotApplicable {
            method: what.into(),
            reason: format!(
                "{} pairs are more than {MAX_TREND_LENGTH}; every pair of pairs is compared",
                x.len()
            ),
        });
    }
    for (name, values) in [("x", x), ("y", y)] {
        if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
            return Err(Error::NotFinite {
                field: format!("{what} {name} observation"),
                value: *bad,
            });
        }
    }
    Ok(())
}

/// Kendall's τ-b between `x` and `y` (paired by position) and its p-value, as scipy's
/// `kendalltau(x, y, method='auto')`:
///
/// * `τ_b = S/√((n₀ − n₁)(n₀ − n₂))`, `S` = concordant − discordant pairs, `n₀ = n(n−1)/2`,
///   `n₁`, `n₂` the pairs tied in `x`, in `y`;
/// * without ties and with `n ≤` [`MAX_EXACT_KENDALL`] (or `S` at its extreme), the exact
///   p-value from the permutation distribution;
/// * otherwise `z = S/√Var(S)` with the tie-corrected
///   `Var(S) = [v₀ − v₁ − v₂]/18 + 2n₁n₂/(n(n−1)) + t₁t₂/(9n(n−1)(n−2))`
///   (`v = Σ t(t−1)(2t+5)`, `t = Σ t(t−1)(t−2)` over tie groups) and a normal p-value.
///
/// Ordinal answers (1–5) are full of ties, which τ-b accounts for.
///
/// ```
/// use layanan::stats::{Alternative, kendall_tau_b};
///
/// // Waiting time (minutes) and the satisfaction score given, per visit.
/// let wait = [5.0, 12.0, 20.0, 8.0, 30.0, 15.0, 25.0];
/// let score = [5.0, 4.0, 3.0, 4.0, 1.0, 4.0, 2.0];
/// let k = kendall_tau_b(&wait, &score, Alternative::TwoSided)?;
/// assert!(k.tau < -0.8 && !k.exact); // ties in the scores: normal approximation
/// assert!(k.p_value < 0.05);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`] when `y` is not as long as `x`; [`Error::InsufficientData`] below
/// 2 pairs; [`Error::NotFinite`] for NaN or ±∞; [`Error::ZeroVariance`] when all of `x` or all
/// of `y` are tied; [`Error::NotApplicable`] above [`MAX_TREND_LENGTH`] pairs.
pub fn kendall_tau_b(x: &[f64], y: &[f64], alternative: Alternative) -> Result<KendallTau> {
    const WHAT: &str = "Kendall's tau";
    check_pairs(WHAT, x, y)?;
    let n = x.len();
    let nf = n as f64;
    let total = nf * (nf - 1.0) / 2.0;
    let (x_ties, x0, x1) = tie_sums(x);
    let (y_ties, y0, y1) = tie_sums(y);
    for (name, ties) in [("x", x_ties), ("y", y_ties)] {
        if ties >= total {
            return Err(Error::ZeroVariance {
                what: format!("{WHAT} (every {name} tied)"),
            });
        }
    }
    let (s, discordant) = pair_counts(x, y);
    let tau = (s as f64 / (total - x_ties).sqrt() / (total - y_ties).sqrt()).clamp(-1.0, 1.0);
    let no_ties = x_ties == 0.0 && y_ties == 0.0;
    #[allow(clippy::arithmetic_side_effects)] // discordant ≤ total < 5·10⁷
    let extreme = discordant.min(total as i64 - discordant) <= 1;
    let exact = no_ties && (n <= MAX_EXACT_KENDALL || extreme);
    let p_value = if exact {
        exact_p(n, discordant, alternative)
    } else {
        let m = nf * (nf - 1.0);
        let variance = (m * (2.0 * nf + 5.0) - x1 - y1) / 18.0
            + 2.0 * x_ties * y_ties / m
            + x0 * y0 / (9.0 * m * (nf - 2.0));
        symmetric_p(s as f64 / variance.sqrt(), alternative, |z| {
            Ok(dist::normal_sf(z))
        })?
    };
    Ok(KendallTau {
        tau,
        s,
        exact,
        p_value,
        alternative,
    })
}

/// The exact p-value of the Mann–Kendall trend test for a short series without ties: the
/// probability, over all orderings of the values, of an `S` at least as extreme
/// (`Greater`: an upward trend). Exact where [`mann_kendall`](super::mann_kendall)'s normal
/// approximation is rough (below about 10 periods). The same as scipy's
/// `kendalltau(range(n), series, method='exact')`.
///
/// ```
/// use layanan::stats::{Alternative, mann_kendall_exact_p};
///
/// // Five quarters, each better than the last: 1 ordering in 5! = 120.
/// let p = mann_kendall_exact_p(&[61.0, 64.0, 70.0, 71.0, 75.0], Alternative::Greater)?;
/// assert!((p - 1.0 / 120.0).abs() < 1e-15);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] below 2 values; [`Error::NotFinite`] for NaN or ±∞;
/// [`Error::NotApplicable`] for tied values (no exact null distribution) or more than
/// [`MAX_EXACT_KENDALL`] values (use [`mann_kendall`](super::mann_kendall)).
pub fn mann_kendall_exact_p(series: &[f64], alternative: Alternative) -> Result<f64> {
    const WHAT: &str = "exact Mann–Kendall test";
    let times: Vec<f64> = (0..series.len()).map(|i| i as f64).collect();
    check_pairs(WHAT, &times, series)?;
    if series.len() > MAX_EXACT_KENDALL {
        return Err(Error::NotApplicable {
            method: WHAT.into(),
            reason: format!(
                "{} values are more than {MAX_EXACT_KENDALL}; use the normal approximation",
                series.len()
            ),
        });
    }
    if tie_sums(series).0 > 0.0 {
        return Err(Error::NotApplicable {
            method: WHAT.into(),
            reason: "tied values have no exact permutation distribution".into(),
        });
    }
    let (_, discordant) = pair_counts(&times, series);
    Ok(exact_p(series.len(), discordant, alternative))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Mahonian counts for n = 4: 1, 3, 5, 6, 5, 3, 1 (of 24).
    #[test]
    fn inversion_counts_for_four() {
        let cdf: Vec<f64> = (0..=6).map(|c| inversions_cdf(4, c) * 24.0).collect();
        let want = [1.0, 4.0, 9.0, 15.0, 20.0, 23.0, 24.0];
        for (got, want) in cdf.iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{cdf:?}");
        }
    }
}
