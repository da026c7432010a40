//! Planning: the power of comparing two units, the questionnaires each needs, and the smallest
//! difference a survey of a given size could detect.

use super::dist;
use super::error::{Error, Result};
use super::hypothesis::Alternative;
use super::interval::finite;
use super::noncentral;
use super::root;

/// A sample size per group, from [`sample_size_two_means`] or [`sample_size_two_proportions`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SampleSize {
    /// The smallest whole number per group (at least 2) whose power reaches the target.
    pub per_group: u64,
    /// The fractional size at which the power equals the target exactly (statsmodels'
    /// `solve_power` answer); 2 when two per group already exceed it.
    pub fractional: f64,
    /// The power achieved with `per_group` in each group.
    pub power: f64,
}

/// A significance level strictly between 0 and 1.
fn check_alpha(alpha: f64) -> Result<f64> {
    dist::check_probability("significance level", alpha)
}

/// A group size of at least 2.
fn check_n(field: &str, n: u64) -> Result<f64> {
    if n < 2 {
        return Err(Error::InsufficientData {
            what: format!("power ({field})"),
            needed: 2,
            got: n,
        });
    }
    Ok(n as f64)
}

/// A target power above what the test has with no difference at all.
fn check_power(power: f64, alpha: f64) -> Result<f64> {
    dist::check_probability("power", power)?;
    if power <= alpha {
        return Err(Error::InvalidValue {
            field: "power".into(),
            value: power,
            expected: format!("greater than the significance level {alpha}"),
        });
    }
    Ok(power)
}

/// The power of Student's two-sample t test with `n₁` and `n₂` per group at a standardized
/// difference `d` (`effect_size`), as statsmodels' `TTestIndPower().power(effect_size, n₁,
/// alpha, ratio = n₂/n₁, alternative)`: with `ν = n₁ + n₂ − 2`, `δ = d·√(n₁n₂/(n₁ + n₂))` and
/// `c = t(1 − α/2, ν)`, the noncentral t probability `P(T > c) + P(T < −c)` (two-sided),
/// `P(T > t(1 − α, ν))` (`Greater`) or `P(T < −t(1 − α, ν))` (`Less`).
///
/// ```
/// use layanan::stats::{Alternative, power_two_means};
///
/// // Two kelurahan of 100 respondents each, a difference of half a standard deviation.
/// let power = power_two_means(0.5, 100, 100, 0.05, Alternative::TwoSided)?;
/// assert!((power - 0.9404).abs() < 1e-4);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotFinite`] for a non-finite effect size; [`Error::InsufficientData`] for a group
/// below 2; [`Error::InvalidProbability`] unless `0 < alpha < 1`.
pub fn power_two_means(
    effect_size: f64,
    n1: u64,
    n2: u64,
    alpha: f64,
    alternative: Alternative,
) -> Result<f64> {
    finite("effect size", effect_size)?;
    let (a, b) = (check_n("first group", n1)?, check_n("second group", n2)?);
    t_power(effect_size, a, b, check_alpha(alpha)?, alternative)
}

/// [`power_two_means`] for fractional group sizes (`n ≥ 2`).
fn t_power(d: f64, n1: f64, n2: f64, alpha: f64, alternative: Alternative) -> Result<f64> {
    let df = n1 + n2 - 2.0;
    let delta = d * (n1 * n2 / (n1 + n2)).sqrt();
    let tail = match alternative {
        Alternative::TwoSided => alpha / 2.0,
        _ => alpha,
    };
    let crit = dist::t_upper_quantile(tail, df)?;
    let upper = || noncentral::nct_sf(crit, df, delta);
    let lower = || noncentral::nct_cdf(-crit, df, delta);
    // The tail opposite the noncentrality is known to ~1e-15 absolute only (module
    // `noncentral`), so a power of 1 − 1e-20 may add up to a hair above 1.
    Ok(match alternative {
        Alternative::TwoSided => (upper()? + lower()?).min(1.0),
        Alternative::Greater => upper()?,
        Alternative::Less => lower()?,
    })
}

/// The power of the two-sample z test of proportions `p₁` and `p₂` on Cohen's `h = 2·asin√p₁ −
/// 2·asin√p₂` scale, as statsmodels' `NormalIndPower().power(proportion_effectsize(p₁, p₂), n₁,
/// alpha, ratio = n₂/n₁, alternative)`: with `m = n₁n₂/(n₁ + n₂)` and `z = z(1 − α/2)`,
/// `Φ(h√m − z) + Φ(−h√m − z)` (two-sided), `Φ(h√m − z(1 − α))` (`Greater`) or
/// `Φ(−h√m − z(1 − α))` (`Less`). The arcsine transformation makes the variance free of `p`.
///
/// ```
/// use layanan::stats::{Alternative, power_two_proportions};
///
/// // 80 % against 70 % satisfied, 200 respondents each.
/// let power = power_two_proportions(0.8, 0.7, 200, 200, 0.05, Alternative::TwoSided)?;
/// assert!(power > 0.5 && power < 0.7);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a proportion outside [0, 1] or NaN; otherwise as
/// [`power_two_means`].
pub fn power_two_proportions(
    p1: f64,
    p2: f64,
    n1: u64,
    n2: u64,
    alpha: f64,
    alternative: Alternative,
) -> Result<f64> {
    let h = cohens_h(p1, p2)?;
    let (a, b) = (check_n("first group", n1)?, check_n("second group", n2)?);
    z_power(h, a, b, check_alpha(alpha)?, alternative)
}

/// Cohen's `h = 2·asin√p₁ − 2·asin√p₂` (statsmodels' `proportion_effectsize`).
fn cohens_h(p1: f64, p2: f64) -> Result<f64> {
    for (field, p) in [("first proportion", p1), ("second proportion", p2)] {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::InvalidValue {
                field: field.into(),
                value: p,
                expected: "between 0 and 1".into(),
            });
        }
    }
    Ok(2.0 * p1.sqrt().asin() - 2.0 * p2.sqrt().asin())
}

fn z_power(h: f64, n1: f64, n2: f64, alpha: f64, alternative: Alternative) -> Result<f64> {
    let shift = h * (n1 * n2 / (n1 + n2)).sqrt();
    let tail = match alternative {
        Alternative::TwoSided => alpha / 2.0,
        _ => alpha,
    };
    let crit = dist::normal_upper_quantile(tail)?;
    let upper = dist::normal_sf(crit - shift);
    let lower = dist::normal_cdf(-crit - shift);
    Ok(match alternative {
        Alternative::TwoSided => upper + lower,
        Alternative::Greater => upper,
        Alternative::Less => lower,
    })
}

/// The equal group size at which `power(n, n)` reaches `target`, `power` rising with `n`.
fn solve_size(target: f64, power: &dyn Fn(f64) -> Result<f64>) -> Result<SampleSize> {
    let at_two = power(2.0)?;
    let fractional = if at_two >= target {
        2.0
    } else {
        let mut f = |n: f64| power(n).map_or(f64::NAN, |p| p - target);
        let failed = || Error::NotApplicable {
            method: "sample size".into(),
            reason: format!("no group size reaches a power of {target}"),
        };
        let (lo, hi) = root::bracket(&mut f, 4.0, 2.0, true).ok_or_else(failed)?;
        root::bracketed(&mut f, lo.max(2.0), hi).ok_or_else(failed)?
    };
    // The smallest whole size reaching the target (the fractional one may sit a rounding error
    // above a whole number).
    let mut per_group = fractional.ceil().max(2.0);
    if per_group > 2.0 && power(per_group - 1.0)? >= target {
        per_group -= 1.0;
    }
    if !(per_group.is_finite() && per_group < u64::MAX as f64) {
        return Err(Error::Overflow {
            field: "sample size".into(),
        });
    }
    Ok(SampleSize {
        per_group: per_group as u64,
        fractional,
        power: power(per_group)?,
    })
}

/// The effect size the power is computed for: its magnitude for two-sided tests, and refused
/// when a one-sided test looks the other way.
fn directed(effect: f64, alternative: Alternative) -> Result<f64> {
    let wrong_way = match alternative {
        Alternative::TwoSided => effect == 0.0,
        Alternative::Greater => effect <= 0.0,
        Alternative::Less => effect >= 0.0,
    };
    if wrong_way {
        return Err(Error::InvalidValue {
            field: "effect size".into(),
            value: effect,
            expected: match alternative {
                Alternative::TwoSided => "non-zero",
                Alternative::Greater => "positive for the alternative `Greater`",
                Alternative::Less => "negative for the alternative `Less`",
            }
            .into(),
        });
    }
    Ok(effect)
}

/// The number of respondents per group for Student's two-sample t test to detect a
/// standardized difference `effect_size` with the given power: the `n` solving
/// [`power_two_means`]`(d, n, n) = power`, as statsmodels' `TTestIndPower().solve_power(
/// effect_size, nobs1=None, alpha, power, ratio=1, alternative)`, rounded up.
///
/// ```
/// use layanan::stats::{Alternative, sample_size_two_means};
///
/// let size = sample_size_two_means(0.5, 0.05, 0.8, Alternative::TwoSided)?;
/// assert_eq!(size.per_group, 64); // statsmodels: 63.77
/// assert!(size.power >= 0.8);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for an effect size of 0 (or of the wrong sign for a one-sided
/// test), or a power not above `alpha`; [`Error::InvalidProbability`] for `alpha` or `power`
/// outside (0, 1); [`Error::NotFinite`].
pub fn sample_size_two_means(
    effect_size: f64,
    alpha: f64,
    power: f64,
    alternative: Alternative,
) -> Result<SampleSize> {
    finite("effect size", effect_size)?;
    let alpha = check_alpha(alpha)?;
    let target = check_power(power, alpha)?;
    let d = directed(effect_size, alternative)?;
    solve_size(target, &|n| t_power(d, n, n, alpha, alternative))
}

/// The number of respondents per group for the z test of two proportions `p₁` and `p₂` to
/// reach the given power, on Cohen's `h` as [`power_two_proportions`]: statsmodels'
/// `NormalIndPower().solve_power(proportion_effectsize(p₁, p₂), nobs1=None, alpha, power,
/// ratio=1, alternative)`, rounded up.
///
/// ```
/// use layanan::stats::{Alternative, sample_size_two_proportions};
///
/// // To tell 80 % from 70 % satisfied with 80 % power:
/// let size = sample_size_two_proportions(0.8, 0.7, 0.05, 0.8, Alternative::TwoSided)?;
/// assert_eq!(size.per_group, 292); // statsmodels: 291.69
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`sample_size_two_means`], and [`Error::InvalidValue`] for a proportion outside [0, 1].
pub fn sample_size_two_proportions(
    p1: f64,
    p2: f64,
    alpha: f64,
    power: f64,
    alternative: Alternative,
) -> Result<SampleSize> {
    let h = cohens_h(p1, p2)?;
    let alpha = check_alpha(alpha)?;
    let target = check_power(power, alpha)?;
    let h = directed(h, alternative)?;
    solve_size(target, &|n| z_power(h, n, n, alpha, alternative))
}

/// The smallest difference between two group means that a survey of `n₁` and `n₂` respondents
/// detects with the given power by Student's t test, in the units of `sd` (IKM points with the
/// respondents' standard deviation of the IKM scale): `sd·d` with `d > 0` solving
/// [`power_two_means`]`(d, n₁, n₂) = power`, as statsmodels' `TTestIndPower().solve_power(
/// effect_size=None, nobs1=n₁, alpha, power, ratio=n₂/n₁, alternative)`. A difference that was
/// not significant and is below this says little: the survey could not have seen it. For `Less`
/// the same magnitude is returned (the difference to detect is `−sd·d`).
///
/// ```
/// use layanan::stats::{Alternative, minimum_detectable_difference};
///
/// // 120 and 95 questionnaires, IKM points with a standard deviation of 9:
/// let mdd = minimum_detectable_difference(120, 95, 9.0, 0.05, 0.8, Alternative::TwoSided)?;
/// assert!(mdd > 3.0 && mdd < 4.0); // differences under ~3.5 points could not be seen
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for a group below 2; [`Error::InvalidValue`] for a standard
/// deviation that is not positive or a power not above `alpha`; [`Error::InvalidProbability`];
/// [`Error::NotFinite`].
pub fn minimum_detectable_difference(
    n1: u64,
    n2: u64,
    sd: f64,
    alpha: f64,
    power: f64,
    alternative: Alternative,
) -> Result<f64> {
    let sd = super::interval::positive("standard deviation", sd)?;
    let (a, b) = (check_n("first group", n1)?, check_n("second group", n2)?);
    let alpha = check_alpha(alpha)?;
    let target = check_power(power, alpha)?;
    let sign = if alternative == Alternative::Less {
        -1.0
    } else {
        1.0
    };
    // On the log scale, where the power rises with ln d over the whole line (a two-sided
    // test's power is symmetric in d, so d itself must stay positive).
    let mut f = |ln_d: f64| {
        t_power(sign * ln_d.exp(), a, b, alpha, alternative).map_or(f64::NAN, |p| p - target)
    };
    let failed = || Error::NotApplicable {
        method: "minimum detectable difference".into(),
        reason: format!("no difference reaches a power of {target}"),
    };
    let start = (2.8 * (1.0 / a + 1.0 / b).sqrt()).ln();
    let (lo, hi) = root::bracket(&mut f, start, 0.5, true).ok_or_else(failed)?;
    let ln_d = root::bracketed(&mut f, lo, hi).ok_or_else(failed)?;
    Ok(sd * ln_d.exp())
}

/// The smallest difference between two estimates that a z test detects with the given power,
/// from the standard error of their difference `se = √(se₁² + se₂²)`: for survey indices such
/// as the IKM whose standard errors come from the design (each unit's
/// [`Estimate::standard_error`](super::Estimate)) rather than from `sd/√n`. It is `se·x` with
/// `x` solving `Φ(x − z(1 − α/2)) + Φ(−x − z(1 − α/2)) = power` (two-sided) or
/// `x = z(1 − α) + z(power)` (one-sided; for `Less` the same magnitude is returned), i.e.
/// statsmodels' `NormalIndPower().solve_power(effect_size=None, nobs1=2, alpha, power,
/// ratio=1, alternative)·se`. A difference that was not significant and lies below this one
/// says little: the survey could only have detected differences above it.
///
/// ```
/// use layanan::stats::{Alternative, minimum_detectable_difference_from_se};
///
/// // Two kelurahan's IKM with design standard errors of 1.2 and 1.5 points:
/// let se = (1.2f64.powi(2) + 1.5f64.powi(2)).sqrt();
/// let mdd = minimum_detectable_difference_from_se(se, 0.05, 0.8, Alternative::TwoSided)?;
/// assert!((mdd - 2.8016 * se).abs() < 1e-3 * se); // (1.96 + 0.84)·se
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidValue`] for a standard error that is not positive, or a power not above
/// `alpha`; [`Error::InvalidProbability`] for `alpha` or `power` outside (0, 1);
/// [`Error::NotFinite`].
pub fn minimum_detectable_difference_from_se(
    standard_error: f64,
    alpha: f64,
    power: f64,
    alternative: Alternative,
) -> Result<f64> {
    let se = super::interval::positive("standard error of the difference", standard_error)?;
    let alpha = check_alpha(alpha)?;
    let target = check_power(power, alpha)?;
    let z_power = dist::normal_upper_quantile(1.0 - target)?;
    let x = match alternative {
        Alternative::Greater | Alternative::Less => dist::normal_upper_quantile(alpha)? + z_power,
        Alternative::TwoSided => {
            let crit = dist::normal_upper_quantile(alpha / 2.0)?;
            // Increasing in x ≥ 0: alpha − power < 0 at 0, and above 0 past the one-sided
            // answer (by 1, clear of the rounding of the two quantiles).
            let mut f = |x: f64| dist::normal_sf(crit - x) + dist::normal_cdf(-crit - x) - target;
            root::bracketed(&mut f, 0.0, crit + z_power + 1.0).ok_or_else(|| {
                Error::NotApplicable {
                    method: "minimum detectable difference".into(),
                    reason: format!("no difference reaches a power of {target}"),
                }
            })?
        }
    };
    Ok(se * x)
}
