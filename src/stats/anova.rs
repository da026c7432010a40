//! One-way analysis of variance across several groups: the classic F test and Welch's.

use statrs::function::beta;

use super::error::{Error, Result};

/// Which one-way ANOVA produced an [`Anova`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum AnovaMethod {
    /// Fisher's F with the pooled within-group variance (equal variances assumed).
    Classic,
    /// Welch's F for unequal variances.
    Welch,
}

/// What a one-way ANOVA found: `F` with `(df_between, df_within)` degrees of freedom.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Anova {
    /// The test.
    pub method: AnovaMethod,
    /// The F statistic.
    pub statistic: f64,
    /// Numerator degrees of freedom, `k − 1`.
    pub df_between: f64,
    /// Denominator degrees of freedom: `N − k` (classic) or Welch's fractional df.
    pub df_within: f64,
    /// `P(F > statistic)`, computed from the upper tail.
    pub p_value: f64,
}

/// `P(F > x)` for Fisher's F with `(d1, d2)` degrees of freedom, as the regularised incomplete
/// beta `I_{d2/(d2 + d1·x)}(d2/2, d1/2)` with the argument formed directly (no `1 − …`
/// cancellation in the upper tail).
pub(crate) fn f_sf(x: f64, d1: f64, d2: f64) -> Result<f64> {
    for (field, df) in [
        ("numerator degrees of freedom", d1),
        ("denominator degrees of freedom", d2),
    ] {
        if !(df.is_finite() && df > 0.0) {
            return Err(Error::InvalidValue {
                field: field.into(),
                value: df,
                expected: "finite and positive".into(),
            });
        }
    }
    if x.is_nan() {
        return Err(Error::NotFinite {
            field: "F statistic".into(),
            value: x,
        });
    }
    if x <= 0.0 {
        return Ok(1.0);
    }
    if x == f64::INFINITY {
        return Ok(0.0);
    }
    Ok(beta::beta_reg(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * x)))
}

/// Checks `groups` for a test of `what`: at least 2 groups, each of at least `min_size` finite
/// values.
pub(crate) fn check_groups<G: AsRef<[f64]>>(what: &str, groups: &[G], min_size: u64) -> Result<()> {
    if groups.len() < 2 {
        return Err(Error::InsufficientData {
            what: format!("{what} (groups)"),
            needed: 2,
            got: groups.len() as u64,
        });
    }
    for (i, g) in groups.iter().enumerate() {
        let g = g.as_ref();
        if let Some(bad) = g.iter().find(|x| !x.is_finite()) {
            return Err(Error::NotFinite {
                field: format!("{what} group {i} observation"),
                value: *bad,
            });
        }
        if (g.len() as u64) < min_size {
            return Err(Error::InsufficientData {
                what: format!("{what} (group {i})"),
                needed: min_size,
                got: g.len() as u64,
            });
        }
    }
    Ok(())
}

/// A value near the data that every group is centred on before its mean is taken, so that
/// differences of means keep their precision when the data sit far from 0 (1e9 ± 1): the
/// mean of all values (scaled down first when their sum would overflow).
pub(crate) fn common_centre<G: AsRef<[f64]>>(groups: &[G]) -> f64 {
    let n = groups.iter().map(|g| g.as_ref().len()).sum::<usize>() as f64;
    let values = || groups.iter().flat_map(|g| g.as_ref().iter().copied());
    let plain = values().sum::<f64>() / n;
    if plain.is_finite() {
        plain
    } else {
        values().map(|x| x / n).sum()
    }
}

/// `(n, mean − centre, Σ(x − mean)²)` of a non-empty group, by two passes over `x − centre`
/// (no cancellation).
pub(crate) fn group_summary(g: &[f64], centre: f64) -> (f64, f64, f64) {
    let n = g.len() as f64;
    let shifted = g.iter().map(|x| x - centre).sum::<f64>() / n;
    let squares = g
        .iter()
        .map(|x| {
            let d = (x - centre) - shifted;
            d * d
        })
        .sum();
    (n, shifted, squares)
}

fn overflow(what: &str) -> Error {
    Error::Overflow {
        field: format!("{what} statistic"),
    }
}

/// The classic one-way ANOVA: do `k` groups share one mean, assuming one common variance?
/// `F = [Σ nᵢ(x̄ᵢ − x̄)²/(k − 1)] / [ΣΣ(x − x̄ᵢ)²/(N − k)]` with `(k − 1, N − k)` degrees of
/// freedom. As scipy's `f_oneway`. Prefer [`welch_anova`] unless the variances are known to be
/// equal. Groups of one value are allowed (they add to the between-group sum only).
///
/// ```
/// use layanan::stats::one_way_anova;
///
/// // Minutes to issue a permit at three offices.
/// let offices = [
///     vec![32.0, 28.0, 35.0, 30.0],
///     vec![41.0, 45.0, 39.0, 44.0, 42.0],
///     vec![29.0, 31.0, 27.0],
/// ];
/// let anova = one_way_anova(&offices)?;
/// assert_eq!((anova.df_between, anova.df_within), (2.0, 9.0));
/// assert!(anova.p_value < 1e-4);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 groups, an empty group, or no more values than
/// groups (no within-group degrees of freedom); [`Error::NotFinite`] for NaN or ±∞;
/// [`Error::ZeroVariance`] when every group is constant; [`Error::Overflow`] when the sums of
/// squares overflow `f64`.
pub fn one_way_anova<G: AsRef<[f64]>>(groups: &[G]) -> Result<Anova> {
    const WHAT: &str = "one-way ANOVA";
    check_groups(WHAT, groups, 1)?;
    let centre = common_centre(groups);
    let parts: Vec<(f64, f64, f64)> = groups
        .iter()
        .map(|g| group_summary(g.as_ref(), centre))
        .collect();
    let total: f64 = parts.iter().map(|p| p.0).sum();
    let k = parts.len() as f64;
    if total <= k {
        return Err(Error::InsufficientData {
            what: format!("{WHAT} (values in all groups, more than the {k} groups)"),
            needed: (parts.len() as u64).saturating_add(1),
            got: total as u64,
        });
    }
    let grand = parts.iter().map(|(n, m, _)| n / total * m).sum::<f64>();
    let between: f64 = parts
        .iter()
        .map(|(n, m, _)| n * (m - grand) * (m - grand))
        .sum();
    let within: f64 = parts.iter().map(|p| p.2).sum();
    if !(between.is_finite() && within.is_finite()) {
        return Err(overflow(WHAT));
    }
    if within <= 0.0 {
        return Err(Error::ZeroVariance {
            what: format!("{WHAT} (every group constant)"),
        });
    }
    let (d1, d2) = (k - 1.0, total - k);
    let statistic = (between / d1) / (within / d2);
    Ok(Anova {
        method: AnovaMethod::Classic,
        statistic,
        df_between: d1,
        df_within: d2,
        p_value: f_sf(statistic, d1, d2)?,
    })
}

/// Welch's one-way ANOVA: do `k` groups share one mean, without assuming equal variances?
/// With weights `wᵢ = nᵢ/sᵢ²`, `W = Σwᵢ`, the weighted mean `x̃ = Σwᵢx̄ᵢ/W` and
/// `Λ = Σ(1 − wᵢ/W)²/(nᵢ − 1)`:
/// `F = [Σwᵢ(x̄ᵢ − x̃)²/(k − 1)] / [1 + 2(k − 2)Λ/(k² − 1)]` with `(k − 1, (k² − 1)/(3Λ))`
/// degrees of freedom (Welch 1951). As scipy's `f_oneway(equal_var=False)` and pingouin's
/// `welch_anova`.
///
/// ```
/// use layanan::stats::welch_anova;
///
/// let offices = [
///     vec![32.0, 28.0, 35.0, 30.0],
///     vec![41.0, 45.0, 39.0, 44.0, 42.0, 60.0],
///     vec![29.0, 31.0, 27.0],
/// ];
/// let anova = welch_anova(&offices)?;
/// assert_eq!(anova.df_between, 2.0);
/// assert!(anova.df_within < 10.0); // fractional, from the group variances
/// assert!(anova.p_value < 0.01);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 groups or a group below 2 values;
/// [`Error::NotFinite`] for NaN or ±∞; [`Error::ZeroVariance`] for a constant group (its weight
/// `n/s²` is infinite); [`Error::Overflow`] when the statistic overflows `f64`.
pub fn welch_anova<G: AsRef<[f64]>>(groups: &[G]) -> Result<Anova> {
    const WHAT: &str = "Welch's ANOVA";
    check_groups(WHAT, groups, 2)?;
    let centre = common_centre(groups);
    let mut parts = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let (n, mean, squares) = group_summary(g.as_ref(), centre);
        if squares <= 0.0 {
            return Err(Error::ZeroVariance {
                what: format!("{WHAT} (group {i} constant)"),
            });
        }
        // weight n/s² = n(n − 1)/Σ(x − x̄)²
        parts.push((n, mean, n * (n - 1.0) / squares));
    }
    let k = parts.len() as f64;
    let total_weight: f64 = parts.iter().map(|p| p.2).sum();
    let centre = parts
        .iter()
        .map(|(_, m, w)| w / total_weight * m)
        .sum::<f64>();
    let between = parts
        .iter()
        .map(|(_, m, w)| w * (m - centre) * (m - centre))
        .sum::<f64>()
        / (k - 1.0);
    let lambda: f64 = parts
        .iter()
        .map(|(n, _, w)| {
            let share = 1.0 - w / total_weight;
            share * share / (n - 1.0)
        })
        .sum();
    let statistic = between / (1.0 + 2.0 * (k - 2.0) * lambda / (k * k - 1.0));
    if !statistic.is_finite() {
        return Err(overflow(WHAT));
    }
    let (d1, d2) = (k - 1.0, (k * k - 1.0) / (3.0 * lambda));
    Ok(Anova {
        method: AnovaMethod::Welch,
        statistic,
        df_between: d1,
        df_within: d2,
        p_value: f_sf(statistic, d1, d2)?,
    })
}
