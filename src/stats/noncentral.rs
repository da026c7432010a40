//! The noncentral t distribution: its cdf and survival function, and the noncentrality that
//! puts an observed t at a given tail probability (the inversion behind the interval of
//! Cohen's d).
//!
//! For `t ≥ 0`, with `x = t²/(t² + ν)` and Poisson weights of `λ = δ²/2`,
//! `Pⱼ = e^{−λ}λʲ/j!` and `Qⱼ = δ·e^{−λ}λʲ/(√2·Γ(j + 3/2))` (Lenth 1989, AS 243):
//!
//! * `F(t) = Φ(−δ) + ½ Σⱼ [Pⱼ·I_x(j + ½, ν/2) + Qⱼ·I_x(j + 1, ν/2)]`,
//! * `1 − F(t) = ½ Σⱼ [Pⱼ·I_{1−x}(ν/2, j + ½) + Qⱼ·I_{1−x}(ν/2, j + 1)]`,
//!
//! the second because `Σ Pⱼ = 1` and `Σ Qⱼ = 2Φ(δ) − 1`. For `δ ≥ 0` every term of both sums is
//! positive, so the smaller tail is computed without cancellation and the larger is its
//! complement; the sums run from the Poisson mode outward until what is left is below 1e-17 of
//! the sum. Negative `t` reflect: `F(t; ν, δ) = 1 − F(−t; ν, −δ)`.
//!
//! Known limit: after reflection, the tail on the side opposite the noncentrality (`P(T < −c)`
//! for `δ > 0`, e.g. a power's far tail) is a sum of terms of both signs, accurate to ~1e-15
//! absolute, not relatively: 1.18e-7 comes out right to 9 digits, 1e-25 as noise below 1e-14.

use statrs::function::{beta, gamma};

use super::dist;
use super::error::{Error, Result};
use super::root;

/// Relative size of the neglected terms.
const EPS: f64 = 1e-17;

/// At most this many terms on each side of the Poisson mode (reached only for `|δ|` in the
/// tens of thousands, far beyond any t a sample gives).
const MAX_TERMS: u64 = 1_000_000;

/// `I_x(a, b)`; NaN where statrs refuses (never for the arguments used here).
fn ibeta(a: f64, b: f64, x: f64) -> f64 {
    beta::checked_beta_reg(a, b, x).unwrap_or(f64::NAN)
}

/// `(lower, upper) = (F(t), 1 − F(t))` for `t ≥ 0`; one of them from its own series (the one
/// asked for by `upper_wanted`), the other as its complement.
fn tails_nonnegative(t: f64, df: f64, delta: f64, upper_wanted: bool) -> (f64, f64) {
    let t2 = t * t;
    // x and 1 − x, each formed directly so neither loses digits when the other is near 1.
    let (x, cx) = (t2 / (t2 + df), df / (t2 + df));
    let half_df = df / 2.0;
    let lambda = delta * delta / 2.0;
    let ln_lambda = lambda.ln();
    let p_weight = |j: f64| {
        if lambda == 0.0 {
            if j == 0.0 { 1.0 } else { 0.0 }
        } else {
            (-lambda + j * ln_lambda - gamma::ln_gamma(j + 1.0)).exp()
        }
    };
    let q_weight = |j: f64| {
        if lambda == 0.0 {
            0.0
        } else {
            delta / std::f64::consts::SQRT_2
                * (-lambda + j * ln_lambda - gamma::ln_gamma(j + 1.5)).exp()
        }
    };
    // One term of the chosen series.
    // Its value, its weights' size and its parts' size (they differ in sign for δ < 0).
    let term = |j: f64| -> (f64, f64, f64) {
        let (p, q) = (p_weight(j), q_weight(j));
        let (a, b) = if upper_wanted {
            (ibeta(half_df, j + 0.5, cx), ibeta(half_df, j + 1.0, cx))
        } else {
            (ibeta(j + 0.5, half_df, x), ibeta(j + 1.0, half_df, x))
        };
        (p * a + q * b, p + q.abs(), p * a + (q * b).abs())
    };
    let mode = lambda.floor();
    let mut sum = 0.0;
    // Upward from the mode. The weights fall geometrically (ratio λ/(j + 1)); the beta factor
    // rises towards 1 in the upper series, so the bound there is the weight itself.
    let mut j = mode;
    for _ in 0..MAX_TERMS {
        let (value, weight, size) = term(j);
        sum += value;
        let ratio = lambda / (j + 1.0);
        let bound = if upper_wanted { weight } else { size };
        let rest = if ratio < 1.0 {
            bound * ratio / (1.0 - ratio)
        } else {
            f64::INFINITY
        };
        if rest <= EPS * sum.abs() || (weight == 0.0 && j > mode) {
            break;
        }
        j += 1.0;
    }
    // Downward from below the mode: the weights fall (ratio j/λ); the beta factor falls too in
    // the upper series and rises towards 1 in the lower one.
    let mut j = mode - 1.0;
    for _ in 0..MAX_TERMS {
        if j < 0.0 {
            break;
        }
        let (value, weight, size) = term(j);
        sum += value;
        let bound = if upper_wanted { size } else { weight };
        // At most j terms remain, each no larger than this bound.
        if bound * j <= EPS * sum.abs() || weight == 0.0 {
            break;
        }
        j -= 1.0;
    }
    if upper_wanted {
        let upper = (0.5 * sum).clamp(0.0, 1.0);
        (1.0 - upper, upper)
    } else {
        let lower = (dist::normal_sf(delta) + 0.5 * sum).clamp(0.0, 1.0);
        (lower, 1.0 - lower)
    }
}

fn check(t: f64, df: f64, delta: f64) -> Result<()> {
    for (field, value) in [("t statistic", t), ("noncentrality", delta)] {
        if !value.is_finite() {
            return Err(Error::NotFinite {
                field: field.into(),
                value,
            });
        }
    }
    if df.is_nan() || df <= 0.0 || df.is_infinite() {
        return Err(Error::InvalidValue {
            field: "degrees of freedom".into(),
            value: df,
            expected: "positive and finite".into(),
        });
    }
    Ok(())
}

/// `(F(t), 1 − F(t))` for `t ≥ 0`. For `δ ≥ 0` both series have positive terms only, so the
/// smaller tail (roughly: the upper one when `δ < t`) comes from its own series and the larger
/// is its complement, each then accurate to ~1e-16 absolute and the smaller one relatively too
/// (a power of 1 − 1e-14 is not lost in the incomplete betas' rounding near 1). For `δ < 0` the
/// `Q` terms are negative in both series; the tail asked for is summed.
fn tails(t: f64, df: f64, delta: f64, upper_asked: bool) -> (f64, f64) {
    if delta >= 0.0 {
        tails_nonnegative(t, df, delta, delta < t)
    } else {
        tails_nonnegative(t, df, delta, upper_asked)
    }
}

/// `P(T ≤ t)` for the noncentral t with `df` degrees of freedom and noncentrality `delta`.
pub(crate) fn nct_cdf(t: f64, df: f64, delta: f64) -> Result<f64> {
    check(t, df, delta)?;
    Ok(if t >= 0.0 {
        tails(t, df, delta, false).0
    } else {
        tails(-t, df, -delta, true).1
    })
}

/// `P(T > t)` for the noncentral t.
pub(crate) fn nct_sf(t: f64, df: f64, delta: f64) -> Result<f64> {
    check(t, df, delta)?;
    Ok(if t >= 0.0 {
        tails(t, df, delta, true).1
    } else {
        tails(-t, df, -delta, false).0
    })
}

/// The noncentrality `δ` with `P(T ≤ t; df, δ) = p`, `0 < p < 1` (the cdf falls as `δ` grows,
/// so there is exactly one). The confidence limits of a noncentrality: `[δ(1 − α/2), δ(α/2)]`.
pub(crate) fn ncp_for_cdf(t: f64, df: f64, p: f64) -> Result<f64> {
    check(t, df, 0.0)?;
    dist::check_probability("tail probability", p)?;
    // Solve on whichever tail is the smaller probability, where it is computed directly.
    let mut f = |delta: f64| -> f64 {
        if p <= 0.5 {
            nct_cdf(t, df, delta).map_or(f64::NAN, |c| c - p)
        } else {
            nct_sf(t, df, delta).map_or(f64::NAN, |s| (1.0 - p) - s)
        }
    };
    let failed = || Error::NotApplicable {
        method: "the noncentral t interval".into(),
        reason: format!("no noncentrality puts t = {t} (df {df}) at probability {p}"),
    };
    let (lo, hi) = root::bracket(&mut f, t, 1.0 + t.abs() * 0.1, false).ok_or_else(failed)?;
    root::bracketed(&mut f, lo, hi).ok_or_else(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_case_is_students_t() {
        for (t, df) in [(0.5, 3.0), (2.0, 10.0), (-1.3, 7.5), (4.0, 1.0)] {
            let want = 1.0 - dist::t_sf(t, df).unwrap();
            let got = nct_cdf(t, df, 0.0).unwrap();
            assert!((got - want).abs() < 1e-15, "{t} {df}: {got} {want}");
        }
    }

    #[test]
    fn tails_add_to_one_and_reflect() {
        for (t, df, d) in [
            (1.0, 5.0, 2.0),
            (3.0, 20.0, 1.0),
            (-2.0, 4.0, 0.5),
            (0.0, 9.0, -1.0),
        ] {
            let (c, s) = (nct_cdf(t, df, d).unwrap(), nct_sf(t, df, d).unwrap());
            assert!((c + s - 1.0).abs() < 1e-14);
            let mirrored = nct_sf(-t, df, -d).unwrap();
            assert!((c - mirrored).abs() < 1e-14);
        }
    }

    #[test]
    fn the_inverse_inverts() {
        for (t, df, p) in [
            (2.5, 18.0, 0.025),
            (2.5, 18.0, 0.975),
            (-0.3, 3.0, 0.1),
            (12.0, 4.0, 0.5),
        ] {
            let delta = ncp_for_cdf(t, df, p).unwrap();
            let back = nct_cdf(t, df, delta).unwrap();
            assert!((back - p).abs() < 1e-13, "{t} {df} {p}: {delta} {back}");
        }
    }
}
