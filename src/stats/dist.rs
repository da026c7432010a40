//! The only door to `statrs`: validated arguments in, plain `f64` out.
//!
//! `statrs` is 0.x and several of its inverse CDFs panic outside (0, 1), so every probability is
//! checked here first. Quantiles are polished with Newton steps on the survival function, which
//! `statrs` computes accurately from the regularised incomplete beta, so upper-tail quantiles stay
//! accurate to about 1e-13 relative where the inverse alone is not.

use statrs::distribution::{Continuous, ContinuousCDF, FisherSnedecor, StudentsT};

use crate::error::{Error, Result};

fn check_tail(field: &str, p: f64) -> Result<()> {
    if p.is_finite() && p > 0.0 && p < 1.0 {
        Ok(())
    } else {
        Err(Error::InvalidProbability {
            field: field.into(),
            value: p,
        })
    }
}

fn check_df(field: &str, df: f64) -> Result<()> {
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
    Ok(())
}

/// Newton's method on `sf(x) = tail`, from a starting guess; stops when the step is negligible.
fn polish(mut x: f64, tail: f64, sf: impl Fn(f64) -> f64, pdf: impl Fn(f64) -> f64) -> f64 {
    for _ in 0..8 {
        let density = pdf(x);
        if !(density.is_finite() && density > 0.0) {
            break;
        }
        let step = (sf(x) - tail) / density;
        if !step.is_finite() {
            break;
        }
        x += step;
        if step.abs() <= 1e-15 * x.abs().max(1e-300) {
            break;
        }
    }
    x
}

/// The `q` with `P(T > q) = tail` for Student's t with `df` degrees of freedom.
pub(crate) fn t_upper_quantile(tail: f64, df: f64) -> Result<f64> {
    check_tail("tail probability", tail)?;
    check_df("degrees of freedom", df)?;
    let dist = StudentsT::new(0.0, 1.0, df).map_err(|_| Error::NotFinite {
        field: "degrees of freedom".into(),
        value: df,
    })?;
    // inverse_cdf(tail) is the lower quantile; the distribution is symmetric.
    let start = -dist.inverse_cdf(tail);
    Ok(polish(start, tail, |x| dist.sf(x), |x| dist.pdf(x)))
}

/// The `q` with `P(F > q) = tail` for Fisher's F with `(d1, d2)` degrees of freedom.
pub(crate) fn f_upper_quantile(tail: f64, d1: f64, d2: f64) -> Result<f64> {
    check_tail("tail probability", tail)?;
    check_df("numerator degrees of freedom", d1)?;
    check_df("denominator degrees of freedom", d2)?;
    let dist = FisherSnedecor::new(d1, d2).map_err(|_| Error::NotFinite {
        field: "degrees of freedom".into(),
        value: d1,
    })?;
    if d1.max(d2) > F_APPROXIMATION_DF {
        return Ok(paulson_f(normal_upper_quantile(tail)?, d1, d2));
    }
    let start = dist.inverse_cdf(1.0 - tail);
    Ok(polish(start, tail, |x| dist.sf(x), |x| dist.pdf(x)))
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

/// The `q` with `P(Z > q) = tail` for the standard normal.
fn normal_upper_quantile(tail: f64) -> Result<f64> {
    let dist = statrs::distribution::Normal::standard();
    let start = -dist.inverse_cdf(tail);
    Ok(polish(start, tail, |x| dist.sf(x), |x| dist.pdf(x)))
}
