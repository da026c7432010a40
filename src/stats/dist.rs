//! The only door to `statrs`, and to the crate's own incomplete beta: validated arguments in,
//! plain `f64` out.
//!
//! `statrs` is 0.x and several of its inverse CDFs panic outside (0, 1), so every probability is
//! checked here first. Normal quantiles are polished with Newton steps on the survival function,
//! computed from `statrs`' regularised incomplete gamma (`statrs`' `erfc` is good to only ~1e-10
//! relative). Student's t below 10⁵ degrees of freedom, Fisher's F and the Beta distribution go
//! through [`super::beta`], the crate's own regularised incomplete beta and its inverse, accurate
//! to about 1e-14 relative at any parameters (`statrs`' loses digits from parameters of 10⁵ on,
//! and its t inverse is off by orders of magnitude below 0.3 degrees of freedom). Student's t at
//! 10⁵ degrees of freedom and more uses the Cornish–Fisher expansion around the normal quantile.

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};
use statrs::function::gamma;

use super::beta::{incomplete_beta, inverse_incomplete_beta, ln_beta};
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

/// `P(T > x)` for Student's t with `df` degrees of freedom: `½·I_w(df/2, ½)` with
/// `w = df/(df + x²)` for `x ≥ 0`, and `1 −` that below 0 (from 10⁵ degrees of freedom, statrs').
pub(crate) fn t_sf(x: f64, df: f64) -> Result<f64> {
    check_finite("t statistic", x)?;
    if df >= T_EXPANSION_DF {
        return Ok(students_t(df)?.sf(x));
    }
    check_df("degrees of freedom", df)?;
    if x == 0.0 {
        return Ok(0.5);
    }
    let square = x * x;
    // Past √f64::MAX the tail is 0 (or 1) to far below f64 resolution at any df ≥ 1e-300.
    let split = if square.is_finite() {
        let total = df + square;
        incomplete_beta(df / 2.0, 0.5, df / total, square / total)
    } else {
        incomplete_beta(df / 2.0, 0.5, 0.0, 1.0)
    };
    Ok(if x > 0.0 {
        0.5 * split.lower
    } else {
        0.5 + 0.5 * split.upper
    })
}

/// The `q` with `P(T > q) = tail` for Student's t with `df` degrees of freedom: from the inverse
/// incomplete beta, `q = √(df·(1 − w)/w)` with `I_w(df/2, ½) = 2·tail`, accurate at any `df`
/// (0.1 degrees of freedom at 0.999: 1.6429e29); the Cornish–Fisher expansion from 10⁵.
///
/// [`Error::Overflow`] when the quantile is past `f64::MAX` (tails far out at a small fraction
/// of one degree of freedom).
pub(crate) fn t_upper_quantile(tail: f64, df: f64) -> Result<f64> {
    check_probability("tail probability", tail)?;
    check_df("degrees of freedom", df)?;
    if df >= T_EXPANSION_DF {
        return Ok(cornish_fisher_t(normal_upper_quantile(tail)?, df));
    }
    if tail == 0.5 {
        return Ok(0.0);
    }
    if tail > 0.5 {
        return Ok(-t_upper_quantile(1.0 - tail, df)?);
    }
    // 2·tail is exact, and so is 1 − 2·tail from tail = ¼ on (Sterbenz).
    let a = df / 2.0;
    let (w, v) = inverse_incomplete_beta(a, 0.5, 2.0 * tail, 1.0 - 2.0 * tail);
    let q = if w > 1e-250 {
        df.sqrt() * (v / w).sqrt()
    } else {
        // w past (or near) the bottom of f64, as at a twentieth of a degree of freedom far in
        // the tail, where q still fits: there I_w(a, ½) = w^a/(a·B(a, ½))·(1 + O(w)), so
        // ln w = (ln(2·tail) + ln a + ln B(a, ½))/a and q = √(df/w) in logs.
        let ln_w = ((2.0 * tail).ln() + a.ln() + ln_beta(a, 0.5)) / a;
        (0.5 * (df.ln() - ln_w)).exp()
    };
    if q.is_finite() {
        Ok(q)
    } else {
        Err(Error::Overflow {
            field: "t quantile".into(),
        })
    }
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

/// The `q` with `P(F > q) = tail` for Fisher's F with `(d1, d2)` degrees of freedom.
pub(crate) fn f_upper_quantile(tail: f64, d1: f64, d2: f64) -> Result<f64> {
    check_probability("tail probability", tail)?;
    f_quantile(tail, 1.0 - tail, d1, d2)
}

/// The `q` with `P(F < q) = tail` for Fisher's F with `(d1, d2)` degrees of freedom.
pub(crate) fn f_lower_quantile(tail: f64, d1: f64, d2: f64) -> Result<f64> {
    check_probability("tail probability", tail)?;
    f_quantile(1.0 - tail, tail, d1, d2)
}

/// `P(F > q) = upper`, `P(F < q) = lower`: with `w = d2/(d2 + d1·q)`,
/// `P(F > q) = I_w(d2/2, d1/2)`, so `q = d2·(1 − w)/(d1·w)` from the inverse incomplete beta,
/// which gives `w` and `1 − w` each to full precision where they are small.
fn f_quantile(upper: f64, lower: f64, d1: f64, d2: f64) -> Result<f64> {
    check_df("numerator degrees of freedom", d1)?;
    check_df("denominator degrees of freedom", d2)?;
    let (w, v) = inverse_incomplete_beta(d2 / 2.0, d1 / 2.0, upper, lower);
    let q = d2 / d1 * (v / w);
    if q.is_finite() {
        Ok(q)
    } else {
        Err(Error::Overflow {
            field: "F quantile".into(),
        })
    }
}

/// The `x` with `P(X ≤ x) = p` (and `P(X > x) = q = 1 − p`) for `X ~ Beta(a, b)`. The smaller of
/// `p` and `q` must be given exactly: a bound in the upper tail is asked for by its tail.
pub(crate) fn beta_quantile(p: f64, q: f64, a: f64, b: f64) -> Result<f64> {
    check_probability("probability", p)?;
    check_probability("probability", q)?;
    check_df("beta shape a", a)?;
    check_df("beta shape b", b)?;
    // Closed forms where a shape is 1 (the Clopper–Pearson bounds next to 0 and n successes):
    // the cdf is 1 − (1 − x)^b or x^a. Logs of the exact one of p and q.
    let (ln_p, ln_q) = if p <= q {
        (p.ln(), (-p).ln_1p())
    } else {
        ((-q).ln_1p(), q.ln())
    };
    if a == 1.0 {
        return Ok(-(ln_q / b).exp_m1());
    }
    if b == 1.0 {
        return Ok((ln_p / a).exp());
    }
    Ok(inverse_incomplete_beta(a, b, p, q).0)
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

    /// Below 0.3 degrees of freedom the quantile was off by up to five orders of magnitude
    /// (0.1 df at 0.999: 3.08e20 for 1.6429e29); now within 1e-12 of 50-digit mpmath, or an
    /// overflow error where the quantile is past `f64::MAX`.
    #[test]
    fn t_quantile_at_small_df_matches_mpmath() {
        let mut worst = 0.0_f64;
        for case in group("t_quantile_small_df") {
            let got = t_upper_quantile(num(&case, "p_upper"), num(&case, "df"));
            if is_error(&case) {
                assert_eq!(
                    got,
                    Err(Error::Overflow {
                        field: "t quantile".into()
                    }),
                    "{}",
                    case["name"]
                );
            } else {
                let want = num(&case, "quantile");
                if let Ok(got) = got {
                    worst = worst.max((got - want).abs() / want);
                }
                close_within("t_quantile_small_df", &case, "quantile", got, 1e-12);
            }
        }
        eprintln!("t quantile at small df: worst relative error {worst:e}");
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

    #[test]
    fn f_quantile_matches_scipy_or_mpmath() {
        for case in group("f_quantile") {
            assert!(!is_error(&case));
            let (d1, d2) = (num(&case, "d1"), num(&case, "d2"));
            let got = f_upper_quantile(num(&case, "p_upper"), d1, d2);
            close("f_quantile", &case, "quantile", got);
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
