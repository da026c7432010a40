//! The only door to `statrs`: validated arguments in, plain `f64` out.
//!
//! `statrs` is 0.x and several of its inverse CDFs panic outside (0, 1), so every probability is
//! checked here first. Quantiles are polished with Newton steps on the survival function,
//! computed from `statrs`' regularised incomplete beta and gamma functions (the normal tail too:
//! `statrs`' `erfc` is good to only ~1e-10 relative), so upper-tail quantiles stay accurate where
//! the inverse alone is not. Student's t at very large degrees of freedom uses the Cornish–Fisher
//! expansion around the normal quantile, where the incomplete beta loses precision. With
//! parameters of 1e5 or more (a Clopper–Pearson bound at n = 1e5, F with d2 = 1e6) `statrs`'
//! incomplete beta subtracts log-gammas of ~1e6 in its prefactor and keeps ~1e-9 relative.

use statrs::distribution::{
    Beta, ChiSquared, Continuous, ContinuousCDF, FisherSnedecor, Normal, StudentsT,
};
use statrs::function::{beta, gamma};

use super::error::{Error, Result};

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
    normal_sf(-x)
}

/// `P(Z > x)`, accurate in the far upper tail: `Q(½, x²/2)/2` for `x ≥ 0` and
/// `½ + P(½, x²/2)/2` below, from the regularised incomplete gamma functions. (statrs'
/// `erfc`, behind its `Normal::sf`, is off by up to ~1e-10 relative for arguments above ½.)
pub(crate) fn normal_sf(x: f64) -> f64 {
    let half_square = x * x / 2.0;
    // Beyond 39 the tail (< 1e-330) underflows: this also settles ±∞.
    if x.is_nan() {
        f64::NAN
    } else if half_square == 0.0 {
        0.5
    } else if x > 39.0 {
        0.0
    } else if x < -39.0 {
        1.0
    } else if x > 0.0 {
        0.5 * gamma::gamma_ur(0.5, half_square)
    } else {
        0.5 + 0.5 * gamma::gamma_lr(0.5, half_square)
    }
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
        normal_sf,
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
    // `P(F > x) = I_{d2/(d2 + d1·x)}(d2/2, d1/2)`, with the argument formed directly: statrs'
    // `sf` forms it as `1 − d1·x/(d1·x + d2)`, which cancels in the far upper tail.
    let sf = |x: f64| {
        if x <= 0.0 {
            1.0
        } else {
            beta::beta_reg(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * x))
        }
    };
    // The density in logs: statrs' `pdf` overflows to NaN for large `d2` (e.g. 1e6).
    let ln_norm = d1 / 2.0 * (d1 / d2).ln() - beta::ln_beta(d1 / 2.0, d2 / 2.0);
    let pdf = |x: f64| {
        (ln_norm + (d1 / 2.0 - 1.0) * x.ln() - (d1 + d2) / 2.0 * (d1 * x / d2).ln_1p()).exp()
    };
    Ok(polish(start, tail, (0.0, f64::INFINITY), sf, pdf))
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
/// A start for the beta quantile: bisection of the cdf on the logit scale, where 64 halvings
/// of [−746, 746] pin `x` to about 1e-16 relative near either end whatever the shapes. (statrs'
/// inverse does not return for shapes of about 1e7 and more far in a tail: a Clopper–Pearson
/// bound of 1 success in ten million trials.)
fn beta_start(dist: &Beta, p: f64) -> f64 {
    let x_of = |y: f64| 1.0 / (1.0 + (-y).exp());
    let (mut lo, mut hi) = (-746.0_f64, 746.0_f64);
    for _ in 0..64 {
        let mid = 0.5 * (lo + hi);
        if dist.cdf(x_of(mid)) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    x_of(0.5 * (lo + hi))
}

pub(crate) fn beta_quantile(p: f64, a: f64, b: f64) -> Result<f64> {
    check_probability("probability", p)?;
    check_df("beta shape a", a)?;
    check_df("beta shape b", b)?;
    let dist = Beta::new(a, b).map_err(|_| Error::InvalidValue {
        field: "beta shape".into(),
        value: a,
        expected: "positive".into(),
    })?;
    // Closed forms where a shape is 1 (the Clopper–Pearson bounds next to 0 and n successes):
    // the cdf is 1 − (1 − x)^b or x^a.
    if a == 1.0 {
        return Ok(-((-p).ln_1p() / b).exp_m1());
    }
    if b == 1.0 {
        return Ok((p.ln() / a).exp());
    }
    let start = beta_start(&dist, p).clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON);
    // Solve sf(x) = 1 − p through the cdf to keep the lower tail accurate.
    Ok(polish(
        start,
        -p,
        (0.0, 1.0),
        |x| -dist.cdf(x),
        |x| dist.pdf(x),
    ))
}

/// Every case of the four distribution groups of `tests/fixtures/stats_reference.json` (scipy,
/// or 50-digit mpmath where scipy is off), checked here because the functions are private; the
/// integration tests reach the same quantiles through the public intervals.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The relative tolerance: `|got − want| ≤ 1e-10 · max(|want|, tiny)`.
    const REL: f64 = 1e-10;

    fn group(name: &str) -> Vec<Value> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/stats_reference.json"
        );
        let text = std::fs::read_to_string(path).expect("read stats_reference.json");
        let json: Value = serde_json::from_str(&text).expect("stats_reference.json is JSON");
        let cases = json[name].as_array().expect("a group of cases").clone();
        assert!(!cases.is_empty(), "{name}: no cases");
        cases
    }

    fn num(case: &Value, key: &str) -> f64 {
        case[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{}: {key} is not a number", case["name"]))
    }

    fn is_error(case: &Value) -> bool {
        case["expected_error"].as_bool() == Some(true)
    }

    #[track_caller]
    fn close(group: &str, case: &Value, field: &str, got: Result<f64>) {
        close_within(group, case, field, got, REL);
    }

    #[track_caller]
    fn close_within(group: &str, case: &Value, field: &str, got: Result<f64>, rel: f64) {
        let want = num(case, field);
        let got = got.unwrap_or_else(|e| panic!("{group}/{}: {field}: {e}", case["name"]));
        let bound = rel * want.abs().max(f64::MIN_POSITIVE);
        assert!(
            (got - want).abs() <= bound,
            "{group}/{}: {field}: got {got:e}, want {want:e} (|diff| = {:e} > {bound:e})",
            case["name"],
            (got - want).abs()
        );
    }

    #[track_caller]
    fn refused(group: &str, case: &Value, got: Result<f64>) {
        assert!(
            got.is_err(),
            "{group}/{}: expected an error, got {got:?}",
            case["name"]
        );
    }

    #[test]
    fn t_quantile_matches_scipy() {
        for case in group("t_quantile") {
            let got = t_upper_quantile(num(&case, "p_upper"), num(&case, "df"));
            if is_error(&case) {
                refused("t_quantile", &case, got);
            } else {
                close("t_quantile", &case, "quantile", got);
            }
        }
    }

    #[test]
    fn normal_quantile_matches_scipy() {
        for case in group("normal_quantile") {
            let got = normal_upper_quantile(num(&case, "p_upper"));
            if is_error(&case) {
                refused("normal_quantile", &case, got);
            } else {
                close("normal_quantile", &case, "quantile", got);
            }
        }
    }

    /// Where `statrs`' regularised incomplete beta is itself approximate: at parameters near
    /// 5e5 (d2 = 1e6) its prefactor `exp(lnΓ(a+b) − lnΓ(a) − lnΓ(b) + …)` subtracts log-gammas
    /// of about 6e6 and keeps ~1e-9 relative, which the quantile inherits (4e-10 seen at
    /// F(4, 1e6)). Feldt's interval never gets there (d2 = (k − 1)·d1 with d1 = n − 1).
    const F_LARGE_DF_REL: f64 = 1e-9;

    #[test]
    fn f_quantile_matches_scipy_or_mpmath() {
        for case in group("f_quantile") {
            assert!(!is_error(&case));
            let (d1, d2) = (num(&case, "d1"), num(&case, "d2"));
            let got = f_upper_quantile(num(&case, "p_upper"), d1, d2);
            let rel = if d1.max(d2) >= 1e5 {
                F_LARGE_DF_REL
            } else {
                REL
            };
            close_within("f_quantile", &case, "quantile", got, rel);
        }
    }

    #[test]
    fn chi2_sf_matches_scipy() {
        for case in group("chi2_sf") {
            let got = chi2_sf(num(&case, "x"), num(&case, "df"));
            assert!(!is_error(&case));
            close("chi2_sf", &case, "sf", got);
        }
    }
}
