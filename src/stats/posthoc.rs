//! Post-hoc tests: which pairs of groups differ, after a test across all of them said some do.

use super::adjust::holm;
use super::anova::{check_groups, common_centre, group_summary};
use super::dist;
use super::error::{Error, Result};
use super::rank::group_rank_sums;
use super::studentized_range;

/// Which post-hoc test produced a [`PairwiseComparison`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PosthocMethod {
    /// Games–Howell: Welch's t for each pair, referred to the studentized range.
    GamesHowell,
    /// Dunn's z test of mean ranks, tie-corrected, Holm-adjusted.
    Dunn,
}

/// One pair of groups compared by a post-hoc test, `first < second` (positions in the input).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PairwiseComparison {
    /// The test.
    pub method: PosthocMethod,
    /// Position of the first group.
    pub first: usize,
    /// Position of the second group.
    pub second: usize,
    /// First minus second: of the means (Games–Howell) or of the mean ranks (Dunn).
    pub difference: f64,
    /// The standard error of the difference.
    pub standard_error: f64,
    /// `difference / standard_error`: Welch's t (Games–Howell) or Dunn's z.
    pub statistic: f64,
    /// Degrees of freedom (Welch–Satterthwaite, Games–Howell only).
    pub df: Option<f64>,
    /// The pair's own p-value: for Games–Howell already the studentized-range p over all `k`
    /// groups; for Dunn the unadjusted two-sided normal p.
    pub p_value: f64,
    /// The p-value controlling the family-wise error over all pairs: for Games–Howell the same
    /// as `p_value`; for Dunn Holm's adjustment over the `k(k − 1)/2` pairs.
    pub p_adjusted: f64,
}

/// Every pair `(i, j)`, `i < j`, in row order: (0, 1), (0, 2), …, (1, 2), …
fn pairs(k: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..k).flat_map(move |i| (i.saturating_add(1)..k).map(move |j| (i, j)))
}

/// Games–Howell's pairwise comparison of means, for groups whose variances and sizes differ
/// (the post-hoc companion of [`welch_anova`](super::welch_anova)). For each pair,
/// `t = (x̄ᵢ − x̄ⱼ)/√(sᵢ²/nᵢ + sⱼ²/nⱼ)` with Welch–Satterthwaite degrees of freedom `ν`, and
/// `p = P(Q > √2·|t|)` for the studentized range `Q` of `k` means with `ν` degrees of freedom
/// ([`studentized_range_sf`](super::studentized_range_sf)). As pingouin's
/// `pairwise_gameshowell`; the p-values are more accurate than its (scipy's studentized range
/// is accurate to about 1e-11 absolute).
///
/// ```
/// use layanan::stats::games_howell;
///
/// let offices = [
///     vec![32.0, 28.0, 35.0, 30.0],
///     vec![41.0, 45.0, 39.0, 44.0, 42.0, 60.0],
///     vec![29.0, 31.0, 27.0],
/// ];
/// let pairs = games_howell(&offices)?;
/// assert_eq!(pairs.len(), 3);
/// let (a, b) = (&pairs[0], &pairs[2]); // offices 0–1, then 1–2
/// assert!((a.first, a.second, b.first, b.second) == (0, 1, 1, 2));
/// assert!(a.difference < 0.0 && a.p_adjusted < 0.05);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 groups or a group below 2 values;
/// [`Error::NotFinite`] for NaN or ±∞; [`Error::ZeroVariance`] when both groups of a pair are
/// constant; [`Error::Overflow`] when a statistic overflows `f64`.
pub fn games_howell<G: AsRef<[f64]>>(groups: &[G]) -> Result<Vec<PairwiseComparison>> {
    const WHAT: &str = "Games–Howell test";
    check_groups(WHAT, groups, 2)?;
    // (mean − centre, s²/n, n − 1) of each group.
    let centre = common_centre(groups);
    let parts: Vec<(f64, f64, f64)> = groups
        .iter()
        .map(|g| {
            let (n, mean, squares) = group_summary(g.as_ref(), centre);
            (mean, squares / (n - 1.0) / n, n - 1.0)
        })
        .collect();
    let k = parts.len() as f64;
    let mut out = Vec::new();
    for (i, j) in pairs(parts.len()) {
        let (Some(&(mi, vi, di)), Some(&(mj, vj, dj))) = (parts.get(i), parts.get(j)) else {
            continue;
        };
        let se2 = vi + vj;
        if se2 <= 0.0 {
            return Err(Error::ZeroVariance {
                what: format!("{WHAT} (groups {i} and {j} both constant)"),
            });
        }
        let difference = mi - mj;
        let standard_error = se2.sqrt();
        let statistic = difference / standard_error;
        let df = se2 * se2 / (vi * vi / di + vj * vj / dj);
        if !(statistic.is_finite() && df.is_finite()) {
            return Err(Error::Overflow {
                field: format!("{WHAT} statistic (groups {i} and {j})"),
            });
        }
        let p = studentized_range::studentized_range_sf(
            std::f64::consts::SQRT_2 * statistic.abs(),
            k,
            df,
        )?;
        out.push(PairwiseComparison {
            method: PosthocMethod::GamesHowell,
            first: i,
            second: j,
            difference,
            standard_error,
            statistic,
            df: Some(df),
            p_value: p,
            p_adjusted: p,
        });
    }
    Ok(out)
}

/// Dunn's (1964) pairwise comparison of mean ranks, the post-hoc companion of
/// [`kruskal_wallis`](super::kruskal_wallis). All values are ranked together (ties share their
/// mean rank); for each pair `z = (R̄ᵢ − R̄ⱼ)/√((N(N+1)/12 − Σ(t³ − t)/(12(N − 1)))·(1/nᵢ + 1/nⱼ))`,
/// `p = 2·P(Z > |z|)`, and Holm's adjustment runs over all `k(k − 1)/2` pairs. As
/// scikit-posthocs' `posthoc_dunn(..., p_adjust='holm')`.
///
/// ```
/// use layanan::stats::dunn;
///
/// // Courtesy ratings (1–5) at three counters.
/// let counters = [
///     vec![4.0, 5.0, 4.0, 5.0, 5.0, 4.0],
///     vec![2.0, 3.0, 2.0, 3.0, 2.0],
///     vec![4.0, 3.0, 4.0, 4.0, 3.0, 4.0],
/// ];
/// let pairs = dunn(&counters)?;
/// let first_second = &pairs[0];
/// assert!(first_second.statistic > 0.0 && first_second.p_adjusted < 0.01);
/// assert!(pairs.iter().all(|p| p.p_adjusted >= p.p_value));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 groups or an empty group; [`Error::NotFinite`]
/// for NaN or ±∞; [`Error::ZeroVariance`] when every value is tied.
pub fn dunn<G: AsRef<[f64]>>(groups: &[G]) -> Result<Vec<PairwiseComparison>> {
    const WHAT: &str = "Dunn's test";
    check_groups(WHAT, groups, 1)?;
    let (sums, ties, n) = group_rank_sums(groups);
    let mean_ranks: Vec<(f64, f64)> = sums.iter().map(|&(sum, len)| (sum / len, len)).collect();
    let variance = n * (n + 1.0) / 12.0 - ties / (12.0 * (n - 1.0));
    if variance <= 0.0 {
        return Err(Error::ZeroVariance {
            what: format!("{WHAT} (every value tied)"),
        });
    }
    let mut out = Vec::new();
    for (i, j) in pairs(mean_ranks.len()) {
        let (Some(&(ri, ni)), Some(&(rj, nj))) = (mean_ranks.get(i), mean_ranks.get(j)) else {
            continue;
        };
        let difference = ri - rj;
        let standard_error = (variance * (1.0 / ni + 1.0 / nj)).sqrt();
        let statistic = difference / standard_error;
        let p_value = (2.0 * dist::normal_sf(statistic.abs())).min(1.0);
        out.push(PairwiseComparison {
            method: PosthocMethod::Dunn,
            first: i,
            second: j,
            difference,
            standard_error,
            statistic,
            df: None,
            p_value,
            p_adjusted: p_value,
        });
    }
    let raw: Vec<f64> = out.iter().map(|c| c.p_value).collect();
    for (c, adjusted) in out.iter_mut().zip(holm(&raw)?) {
        c.p_adjusted = adjusted;
    }
    Ok(out)
}
