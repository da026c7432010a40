//! Rank tests: Mann–Whitney U and Kruskal–Wallis H.

use super::dist;
use super::error::{Error, Result};
use super::hypothesis::{Alternative, TestMethod, TestResult};

/// The groups pooled and ranked together ([`ranks`]): each group's rank sum and size, in the
/// order given, with `Σ (t³ − t)` over the pooled ties and the pooled size.
#[allow(clippy::arithmetic_side_effects)] // offsets within the pooled sample
pub(super) fn group_rank_sums<G: AsRef<[f64]>>(groups: &[G]) -> (Vec<(f64, f64)>, f64, f64) {
    let pooled: Vec<f64> = groups
        .iter()
        .flat_map(|g| g.as_ref().iter().copied())
        .collect();
    let (ranks, ties) = ranks(&pooled);
    let mut offset = 0;
    let mut sums = Vec::with_capacity(groups.len());
    for g in groups {
        let len = g.as_ref().len();
        let sum: f64 = ranks
            .get(offset..offset + len)
            .unwrap_or_default()
            .iter()
            .sum();
        sums.push((sum, len as f64));
        offset += len;
    }
    (sums, ties, pooled.len() as f64)
}

/// Average ranks (1-based; ties share the mean of their ranks) of `values`, and `Σ (t³ − t)`
/// over groups of `t` tied values.
#[allow(clippy::arithmetic_side_effects)] // positions within values.len()
pub(crate) fn ranks(values: &[f64]) -> (Vec<f64>, f64) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let value = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    order.sort_by(|&a, &b| value(a).total_cmp(&value(b)));
    let mut ranks = vec![0.0; values.len()];
    let mut ties = 0.0;
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        let first = order.get(start).map_or(f64::NAN, |&i| value(i));
        while end < order.len() && order.get(end).map(|&i| value(i)) == Some(first) {
            end += 1;
        }
        // Ranks start+1 ..= end share their mean.
        let mean_rank = (start + 1 + end) as f64 / 2.0;
        for &i in order.get(start..end).unwrap_or_default() {
            if let Some(r) = ranks.get_mut(i) {
                *r = mean_rank;
            }
        }
        let t = (end - start) as f64;
        ties += t * t * t - t;
        start = end;
    }
    (ranks, ties)
}

fn check_sample(name: &str, data: &[f64], needed: u64) -> Result<()> {
    if let Some(bad) = data.iter().find(|x| !x.is_finite()) {
        return Err(Error::NotFinite {
            field: format!("{name} observation"),
            value: *bad,
        });
    }
    if (data.len() as u64) < needed {
        return Err(Error::InsufficientData {
            what: name.into(),
            needed,
            got: data.len() as u64,
        });
    }
    Ok(())
}

/// How to compute the Mann–Whitney p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MannWhitneyMethod {
    /// Exact when there are no ties and either sample has at most 8 values, else asymptotic
    /// (scipy's `auto`).
    #[default]
    Auto,
    /// The exact permutation distribution of U (no ties allowed).
    Exact,
    /// The tie-corrected normal approximation with continuity correction.
    Asymptotic,
}

/// The Mann–Whitney U test (Wilcoxon rank-sum) of whether `a` tends to be larger or smaller
/// than `b`. The statistic is `U₁ = R₁ − n₁(n₁+1)/2` of the first sample, as scipy's
/// `mannwhitneyu`.
///
/// Asymptotic: `z = (U − n₁n₂/2 − ½)/σ` with `σ² = n₁n₂/12·((n+1) − Σ(t³−t)/(n(n−1)))`, `U` being
/// `U₁` for "greater", `U₂` for "less" and the larger of the two for two-sided (p doubled).
/// Exact: the distribution of U counted as the coefficients of the Gaussian binomial
/// `[n₁+n₂ choose n₁]_q`.
///
/// ```
/// use layanan::stats::{Alternative, MannWhitneyMethod, mann_whitney_u};
///
/// // Courtesy ratings (1–5) in two offices.
/// let a = [4.0, 5.0, 4.0, 3.0, 5.0, 4.0, 5.0];
/// let b = [2.0, 3.0, 3.0, 4.0, 2.0, 3.0];
/// let test = mann_whitney_u(&a, &b, Alternative::Greater, MannWhitneyMethod::Auto)?;
/// assert_eq!(test.statistic, 38.0);
/// assert!(test.p_value < 0.01);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// When every value is tied, U is `n₁n₂/2` under every permutation and the p-value is 1 for
/// every alternative (as scipy's).
///
/// # Errors
/// [`Error::InsufficientData`] for an empty sample; [`Error::NotFinite`]; [`Error::OutOfRange`]
/// when the exact method is asked for with ties or samples too large to count exactly.
pub fn mann_whitney_u(
    a: &[f64],
    b: &[f64],
    alternative: Alternative,
    method: MannWhitneyMethod,
) -> Result<TestResult> {
    check_sample("Mann–Whitney first sample", a, 1)?;
    check_sample("Mann–Whitney second sample", b, 1)?;
    let (n1, n2) = (a.len(), b.len());
    let pooled: Vec<f64> = a.iter().chain(b).copied().collect();
    let (ranks, ties) = ranks(&pooled);
    let r1: f64 = ranks.iter().take(n1).sum();
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u1 = r1 - f1 * (f1 + 1.0) / 2.0;
    let u2 = f1 * f2 - u1;
    let u = match alternative {
        Alternative::Greater => u1,
        Alternative::Less => u2,
        Alternative::TwoSided => u1.max(u2),
    };
    let exact = match method {
        MannWhitneyMethod::Exact => {
            if ties > 0.0 {
                return Err(Error::NotApplicable {
                    method: "the exact Mann–Whitney test".into(),
                    reason: "the samples share tied values (use the asymptotic method)".into(),
                });
            }
            true
        }
        MannWhitneyMethod::Auto => ties == 0.0 && n1.min(n2) <= 8,
        MannWhitneyMethod::Asymptotic => false,
    };
    let (p, test) = if exact {
        let counts = u_distribution(n1, n2)?;
        let total: f64 = counts.iter().sum();
        // P(U ≥ u): sum the upper tail.
        let from = u.round() as usize;
        let upper: f64 = counts.get(from..).unwrap_or_default().iter().sum::<f64>() / total;
        (upper, TestMethod::MannWhitneyExact)
    } else {
        let n = f1 + f2;
        let var = f1 * f2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
        // Every value tied: U is n₁n₂/2 under every permutation, so p = 1 (as scipy).
        let p = if var > 0.0 {
            dist::normal_sf((u - f1 * f2 / 2.0 - 0.5) / var.sqrt())
        } else {
            1.0
        };
        (p, TestMethod::MannWhitneyAsymptotic)
    };
    let p_value = match alternative {
        Alternative::TwoSided => (2.0 * p).min(1.0),
        _ => p,
    };
    Ok(TestResult {
        method: test,
        statistic: u1,
        df: None,
        p_value,
        alternative,
    })
}

/// Counts of each value of U for samples of `m` and `n` without ties: the coefficients of
/// `∏ᵢ₌₁ᵐ (1 − q^{n+i}) / (1 − q^i)`, computed exactly in `i128` (hence the size limit).
#[allow(clippy::arithmetic_side_effects)] // C(m + n, min(m, n)) fits i128 (checked first) and bounds every coefficient; m·n is about the larger sample's size times the (small) smaller one's
fn u_distribution(m: usize, n: usize) -> Result<Vec<f64>> {
    let too_large = || Error::NotApplicable {
        method: "the exact Mann–Whitney test".into(),
        reason: format!(
            "samples of {m} and {n} are too large to count exactly (use the asymptotic method)"
        ),
    };
    // The largest count is at most C(m + n, m); it must fit i128.
    let small = m.min(n) as i128;
    let mut binom: i128 = 1;
    for i in 0..small {
        binom = binom
            .checked_mul((m + n) as i128 - i)
            .ok_or_else(too_large)?
            / (i + 1);
    }
    let len = m * n + 1;
    let mut poly = vec![0i128; len];
    if let Some(first) = poly.first_mut() {
        *first = 1;
    }
    for i in 1..=m {
        // × (1 − q^{n+i})
        let k = n + i;
        for j in (k..len).rev() {
            let lower = poly.get(j - k).copied().unwrap_or(0);
            if let Some(c) = poly.get_mut(j) {
                *c -= lower;
            }
        }
        // ÷ (1 − q^i): b[j] = a[j] + b[j − i]
        for j in i..len {
            let lower = poly.get(j - i).copied().unwrap_or(0);
            if let Some(c) = poly.get_mut(j) {
                *c += lower;
            }
        }
    }
    Ok(poly.into_iter().map(|c| c as f64).collect())
}

/// The Kruskal–Wallis H test that several groups come from one distribution:
/// `H = (12/(N(N+1))·Σ Rᵢ²/nᵢ − 3(N+1)) / (1 − Σ(t³−t)/(N³−N))`, referred to χ² with `k − 1`
/// degrees of freedom. As scipy's `kruskal`.
///
/// ```
/// use layanan::stats::kruskal_wallis;
///
/// let units = [vec![4.0, 4.0, 3.0, 5.0], vec![2.0, 3.0, 2.0, 3.0], vec![4.0, 5.0, 5.0, 4.0]];
/// let test = kruskal_wallis(&units)?;
/// assert_eq!(test.df, Some(2.0));
/// assert!(test.p_value < 0.05);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 groups or an empty group;
/// [`Error::ZeroVariance`] when every value is tied; [`Error::NotFinite`].
#[allow(clippy::arithmetic_side_effects)] // at least 2 groups (checked)
pub fn kruskal_wallis<G: AsRef<[f64]>>(groups: &[G]) -> Result<TestResult> {
    if groups.len() < 2 {
        return Err(Error::InsufficientData {
            what: "Kruskal–Wallis test (groups)".into(),
            needed: 2,
            got: groups.len() as u64,
        });
    }
    for g in groups {
        check_sample("Kruskal–Wallis group", g.as_ref(), 1)?;
    }
    let (sums, ties, n) = group_rank_sums(groups);
    let sum: f64 = sums.iter().map(|&(r, len)| r * r / len).sum();
    let correction = 1.0 - ties / (n * n * n - n);
    if correction <= 0.0 {
        return Err(Error::ZeroVariance {
            what: "Kruskal–Wallis test (every value tied)".into(),
        });
    }
    let h = (12.0 / (n * (n + 1.0)) * sum - 3.0 * (n + 1.0)) / correction;
    let df = (groups.len() - 1) as f64;
    Ok(TestResult {
        method: TestMethod::KruskalWallis,
        statistic: h,
        df: Some(df),
        p_value: dist::chi2_sf(h, df)?,
        alternative: Alternative::TwoSided,
    })
}
