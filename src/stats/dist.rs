//! The only door to `statrs`: validated arguments in, plain `f64` out.
//!
//! `statrs` is 0.x and several of its inverse CDFs panic outside (0, 1), so every probability is
//! checked here first. Quantiles are polished with Newton steps on the survival function, which
//! `statrs` computes from the regularised incomplete beta and gamma functions, so upper-tail
//! quantiles stay accurate where the inverse alone is not. Student's t at very large degrees of
//! freedom uses the Cornish–Fisher expansion around the normal quantile, where the incomplete beta
//! loses precision.

use statrs::distribution::{
    Beta, ChiSquared, Continuous, ContinuousCDF, FisherSnedecor, Normal, StudentsT,
};

use crate::error::{Error, Result};

/// Degrees of freedom from which Student's t is computed by expansion around the normal.
const T_EXPANSION_DF: f64 = 1e5;

pub(crate) fn check_probability(field: &str, p: f64) -> Result<f64> {
    if p.is_finite() && p > 0.0 && p < 1.0 {
        Ok(p)
    } else {
        Err(Error::InvalidProbability {
            field: field.into(),
            value: p,
        })
    }
}

fn check_df(field: &str, df: f64) -> Result<f64> {
    if !df.is_finite() {
        return Err(Error::NotFinite {
            field: field.into(),
            value: df,
        });
    }
    if df <= 0.0 {
        return Err(Error::InvalidValue {
            field: field.into(),
            value: df,
            expected: "positive".into(),
        });
    }
    Ok(df)
}

fn check_finite(field: &str, x: f64) -> Result<f64> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(Error::NotFinite {
            field: field.into(),
            value: x,
        })
    }
}

/// Newton's method on `sf(x) = tail`, from a starting guess, kept inside `(lo, hi)`.
fn polish(
    mut x: f64,
    tail: f64,
    (lo, hi): (f64, f64),
    sf: impl Fn(f64) -> f64,
    pdf: impl Fn(f64) -> f64,
) -> f64 {
    for _ in 0..12 {
        let density = pdf(x);
        if !(density.is_finite() && density > 0.0) {
            break;
        }
        let step = (sf(x) - tail) / density;
        if !step.is_finite() {
            break;
        }
        let mut next = x + step;
        // Stay in the support: fall back to halving the distance to the violated bound.
        if next <= lo {
            next = (x + lo) / 2.0;
        } else if next >= hi {
            next = (x + hi) / 2.0;
        }
        let moved = (next - x).abs();
        x = next;
        if moved <= 4.0 * f64::EPSILON * x.abs().max(f64::MIN_POSITIVE) {
            break;
        }
    }
    x
}

// ---------------------------------------------------------------- normal

/// `P(Z ≤ x)`.
pub(crate) fn normal_cdf(x: f64) -> f64 {
    Normal::standard().cdf(x)
}

/// `P(Z > x)`, accurate in the far upper tail.
pub(crate) fn normal_sf(x: f64) -> f64 {
    Normal::standard().sf(x)
}

/// The `q` with `P(Z > q) = tail`.
pub(crate) fn normal_upper_quantile(tail: f64) -> Result<f64> {
    check_probability("tail probability", tail)?;
    let dist = Normal::standard();
    let start = -dist.inverse_cdf(tail);
    Ok(polish(
        start,
        tail,
        (f64::NEG_INFINITY, f64::INFINITY),
        |x| dist.sf(x),
        |x| dist.pdf(x),
    ))
}

// ---------------------------------------------------------------- Student t

fn students_t(df: f64) -> Result<StudentsT> {
    check_df("degrees of freedom", df)?;
    StudentsT::new(0.0, 1.0, df).map_err(|_| Error::InvalidValue {
        field: "degrees of freedom".into(),
        value: df,
        expected: "positive".into(),
    })
}

/// `P(T > x)` for Student's t with `df` degrees of freedom.
pub(crate) fn t_sf(x: f64, df: f64) -> Result<f64> {
    check_finite("t statistic", x)?;
    Ok(students_t(df)?.sf(x))
}

/// The `q` with `P(T > q) = tail` for Student's t with `df` degrees of freedom.
pub(crate) fn t_upper_quantile(tail: f64, df: f64) -> Result<f64> {
    check_probability("tail probability", tail)?;
    let dist = students_t(df)?;
    if df >= T_EXPANSION_DF {
        return Ok(cornish_fisher_t(normal_upper_quantile(tail)?, df));
    }
    // inverse_cdf(tail) is the lower quantile; the distribution is symmetric.
    let start = -dist.inverse_cdf(tail);
    Ok(polish(
        start,
        tail,
        (f64::NEG_INFINITY, f64::INFINITY),
        |x| dist.sf(x),
        |x| dist.pdf(x),
    ))
}

/// Student's t quantile from the normal quantile `z` (Cornish–Fisher, terms to ν⁻⁴; the error
/// at ν ≥ 1e5 is far below `f64` resolution).
fn cornish_fisher_t(z: f64, df: f64) -> f64 {
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

// ---------------------------------------------------------------- χ², F, Beta

/// `P(X > x)` for χ² with `df` degrees of freedom.
pub(crate) fn chi2_sf(x: f64, df: f64) -> Result<f64> {
    check_finite("chi-square statistic", x)?;
    check_df("degrees of freedom", df)?;
    if x <= 0.0 {
        return Ok(1.0);
    }
    let dist = ChiSquared::new(df).map_err(|_| Error::InvalidValue {
        field: "degrees of freedom".into(),
        value: df,
        expected: "positive".into(),
    })?;
    Ok(dist.sf(x))
}

fn fisher(d1: f64, d2: f64) -> Result<FisherSnedecor> {
    check_df("numerator degrees of freedom", d1)?;
    check_df("denominator degrees of freedom", d2)?;
    FisherSnedecor::new(d1, d2).map_err(|_| Error::InvalidValue {
        field: "degrees of freedom".into(),
        value: d1,
        expected: "positive".into(),
    })
}

/// The `q` with `P(F > q) = tail` for Fisher's F with `(d1, d2)` degrees of freedom.
pub(crate) fn f_upper_quantile(tail: f64, d1: f64, d2: f64) -> Result<f64> {
    check_probability("tail probability", tail)?;
    let dist = fisher(d1, d2)?;
    if d1.max(d2) > F_APPROXIMATION_DF {
        return Ok(paulson_f(normal_upper_quantile(tail)?, d1, d2));
    }
    let start = dist.inverse_cdf(1.0 - tail);
    Ok(polish(
        start,
        tail,
        (0.0, f64::INFINITY),
        |x| dist.sf(x),
        |x| dist.pdf(x),
    ))
}

/// Degrees of freedom beyond which `statrs`' F inverse does not terminate in reasonable time;
/// Paulson's approximation is then accurate far beyond what an interval needs.
const F_APPROXIMATION_DF: f64 = 1e7;

/// The upper quantile of F(d1, d2) from the normal upper quantile `z` by Paulson's (1942)
/// cube-root approximation: `((1−b)y − (1−a)) / √(b·y² + a) = z`, `y = F^{1/3}`,
/// `a = 2/(9d1)`, `b = 2/(9d2)`, solved as a quadratic in `y`.
fn paulson_f(z: f64, d1: f64, d2: f64) -> f64 {
    let (a, b) = (2.0 / (9.0 * d1), 2.0 / (9.0 * d2));
    let (p, q) = (1.0 - a, 1.0 - b);
    let quad = q * q - z * z * b;
    let half_linear = p * q;
    let constant = p * p - z * z * a;
    let root = (half_linear * half_linear - quad * constant)
        .max(0.0)
        .sqrt();
    let y = (half_linear + z.signum() * root) / quad;
    y * y * y
}

/// The `p`-quantile of Beta(a, b).
pub(crate) fn beta_quantile(p: f64, a: f64, b: f64) -> Result<f64> {
    check_probability("probability", p)?;
    check_df("beta shape a", a)?;
    check_df("beta shape b", b)?;
    let dist = Beta::new(a, b).map_err(|_| Error::InvalidValue {
        field: "beta shape".into(),
        value: a,
        expected: "positive".into(),
    })?;
    let start = dist
        .inverse_cdf(p)
        .clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON);
    // Solve sf(x) = 1 − p through the cdf to keep the lower tail accurate.
    Ok(polish(
        start,
        -p,
        (0.0, 1.0),
        |x| -dist.cdf(x),
        |x| dist.pdf(x),
    ))
}
