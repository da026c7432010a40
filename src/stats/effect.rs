//! Effect sizes with their intervals: how big a difference is, not only whether it is real.

use super::contingency::Table;
use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level};
use super::moments::Moments;
use super::noncentral;
use super::proportion::{check_counts, newcombe_interval};
use super::rank::ranks;

/// `(n, mean, Σ(x − mean)²)` of a sample of at least one value.
fn part(name: &str, data: &[f64]) -> Result<(f64, f64, f64)> {
    if data.is_empty() {
        return Err(Error::InsufficientData {
            what: name.into(),
            needed: 1,
            got: 0,
        });
    }
    let m = Moments::from_slice(data).map_err(|e| match e {
        Error::NotFinite { value, .. } => Error::NotFinite {
            field: format!("{name} observation"),
            value,
        },
        other => other,
    })?;
    moments_part(name, &m)
}

/// `(n, mean, Σ(x − mean)²)` of a sample's moments (at least one value).
fn moments_part(name: &str, m: &Moments) -> Result<(f64, f64, f64)> {
    let n = m.count();
    if n == 0 {
        return Err(Error::InsufficientData {
            what: name.into(),
            needed: 1,
            got: 0,
        });
    }
    let squares = if n >= 2 {
        m.variance()? * (n as f64 - 1.0)
    } else {
        0.0
    };
    Ok((n as f64, m.mean()?, squares))
}

/// `(d, Student's t, df, √(1/n₁ + 1/n₂))` of two samples' `(n, mean, Σ(x − mean)²)`.
fn standardized(
    (na, ma, ssa): (f64, f64, f64),
    (nb, mb, ssb): (f64, f64, f64),
) -> Result<(f64, f64, f64, f64)> {
    if na + nb < 3.0 {
        return Err(Error::InsufficientData {
            what: "standardized difference (both samples together)".into(),
            needed: 3,
            got: (na + nb) as u64,
        });
    }
    let df = na + nb - 2.0;
    let pooled = (ssa + ssb) / df;
    if pooled <= 0.0 {
        return Err(Error::ZeroVariance {
            what: "standardized difference (both samples constant)".into(),
        });
    }
    let d = (ma - mb) / pooled.sqrt();
    let scale = (1.0 / na + 1.0 / nb).sqrt();
    Ok((d, d / scale, df, scale))
}

/// The noncentral t interval of `d`: the noncentralities `δ` putting the observed t at the
/// upper and lower `α/2` points, times `√(1/n₁ + 1/n₂)`.
fn d_interval(a: (f64, f64, f64), b: (f64, f64, f64), level: Level) -> Result<(Interval, f64)> {
    let (d, t, df, scale) = standardized(a, b)?;
    let lower = noncentral::ncp_for_cdf(t, df, 1.0 - level.tail())? * scale;
    let upper = noncentral::ncp_for_cdf(t, df, level.tail())? * scale;
    Ok((
        Interval::from_bounds(d, lower, upper, level, IntervalMethod::NoncentralT)?,
        df,
    ))
}

/// [`hedges_g`] on the two samples' parts.
fn g_interval(a: (f64, f64, f64), b: (f64, f64, f64), level: Level) -> Result<Interval> {
    let total = a.0 + b.0;
    if total < 4.0 {
        // Let the other checks speak first (both samples constant).
        standardized(a, b)?;
        return Err(Error::InsufficientData {
            what: "Hedges' g (both samples together)".into(),
            needed: 4,
            got: total as u64,
        });
    }
    let (d, df) = d_interval(a, b, level)?;
    let j = hedges_j(df);
    Interval::from_bounds(
        d.estimate() * j,
        d.lower() * j,
        d.upper() * j,
        level,
        IntervalMethod::NoncentralT,
    )
}

/// Cohen's d of two independent samples, `d = (x̄ₐ − x̄_b)/s_p` with the pooled standard
/// deviation `s_p² = ((nₐ−1)sₐ² + (n_b−1)s_b²)/(nₐ + n_b − 2)`, and its interval by inverting the
/// noncentral t: Student's `t = d/√(1/nₐ + 1/n_b)` is noncentral t with `nₐ + n_b − 2` degrees
/// of freedom and noncentrality `δ = d_population/√(1/nₐ + 1/n_b)`; the limits are the `δ` at
/// which the observed t is the upper and the lower `α/2` point, rescaled. This is the interval of
/// R's `effectsize::cohens_d` and `MBESS::ci.smd` (Steiger & Fouladi 1997); pingouin's
/// `compute_esci` uses a normal approximation instead. The point estimate is pingouin's
/// `compute_effsize(eftype="cohen")`. Checked against scipy's `nct` and 40-digit mpmath.
///
/// ```
/// use layanan::{Level, stats::cohens_d};
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let d = cohens_d(&before, &after, Level::default())?;
/// assert!((d.estimate() - 2.3967892298839315).abs() < 1e-12); // pingouin
/// assert!(d.lower() > 0.5 && d.upper() < 4.5);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for an empty sample or fewer than 3 values in all;
/// [`Error::ZeroVariance`] when both samples are constant; [`Error::NotFinite`] for NaN or ±∞.
pub fn cohens_d(a: &[f64], b: &[f64], level: Level) -> Result<Interval> {
    let (pa, pb) = (part("first sample", a)?, part("second sample", b)?);
    d_interval(pa, pb, level).map(|(interval, _)| interval)
}

/// [`cohens_d`] from each sample's [`Moments`] (count, mean, variance), for samples kept as
/// tallies rather than values: the same estimate and interval.
///
/// ```
/// use layanan::{Level, stats::{Moments, cohens_d, cohens_d_from_moments}};
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let (a, b) = (Moments::from_slice(&before)?, Moments::from_slice(&after)?);
/// let from_moments = cohens_d_from_moments(&a, &b, Level::default())?;
/// let from_values = cohens_d(&before, &after, Level::default())?;
/// assert!((from_moments.estimate() - from_values.estimate()).abs() < 1e-12);
/// assert!((from_moments.lower() - from_values.lower()).abs() < 1e-10);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`cohens_d`]; [`Error::NotFinite`] for moments that collected NaN or ±∞.
pub fn cohens_d_from_moments(a: &Moments, b: &Moments, level: Level) -> Result<Interval> {
    let (pa, pb) = (
        moments_part("first sample", a)?,
        moments_part("second sample", b)?,
    );
    d_interval(pa, pb, level).map(|(interval, _)| interval)
}

/// Hedges' exact small-sample correction `J(ν) = Γ(ν/2)/(√(ν/2)·Γ((ν−1)/2))`.
fn hedges_j(df: f64) -> f64 {
    use statrs::function::gamma::ln_gamma;
    (ln_gamma(df / 2.0) - (df / 2.0).sqrt().ln() - ln_gamma((df - 1.0) / 2.0)).exp()
}

/// Hedges' g of two independent samples: Cohen's d times Hedges' (1981) exact correction
/// `J(ν) = Γ(ν/2)/(√(ν/2)·Γ((ν−1)/2))`, `ν = nₐ + n_b − 2`, with [`cohens_d`]'s noncentral t
/// interval times `J` too, as R's `effectsize::hedges_g`. (pingouin's `compute_effsize` uses the
/// approximation `J ≈ 1 − 3/(4(nₐ + n_b) − 9)`, within 1e-3 of it from 10 observations on.)
///
/// ```
/// use layanan::{Level, stats::{cohens_d, hedges_g}};
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let (d, g) = (cohens_d(&before, &after, Level::default())?, hedges_g(&before, &after, Level::default())?);
/// assert!(g.estimate() < d.estimate()); // the correction shrinks small samples' d
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`cohens_d`], and [`Error::InsufficientData`] below 4 values in all (`J(1) = 0`).
pub fn hedges_g(a: &[f64], b: &[f64], level: Level) -> Result<Interval> {
    g_interval(part("first sample", a)?, part("second sample", b)?, level)
}

/// [`hedges_g`] from each sample's [`Moments`], as [`cohens_d_from_moments`].
///
/// ```
/// use layanan::{Level, stats::{Moments, hedges_g, hedges_g_from_moments}};
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let (a, b) = (Moments::from_slice(&before)?, Moments::from_slice(&after)?);
/// let g = hedges_g_from_moments(&a, &b, Level::default())?;
/// assert!((g.estimate() - hedges_g(&before, &after, Level::default())?.estimate()).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`hedges_g`]; [`Error::NotFinite`] for moments that collected NaN or ±∞.
pub fn hedges_g_from_moments(a: &Moments, b: &Moments, level: Level) -> Result<Interval> {
    g_interval(
        moments_part("first sample", a)?,
        moments_part("second sample", b)?,
        level,
    )
}

/// `(r, n₁, n₂)`: the rank-biserial correlation of two samples.
fn rank_biserial_parts(a: &[f64], b: &[f64]) -> Result<(f64, f64, f64)> {
    for (name, data) in [("first sample", a), ("second sample", b)] {
        if let Some(bad) = data.iter().find(|x| !x.is_finite()) {
            return Err(Error::NotFinite {
                field: format!("rank-biserial {name} observation"),
                value: *bad,
            });
        }
        if data.is_empty() {
            return Err(Error::InsufficientData {
                what: format!("rank-biserial correlation ({name})"),
                needed: 1,
                got: 0,
            });
        }
    }
    let pooled: Vec<f64> = a.iter().chain(b).copied().collect();
    let (ranks, _) = ranks(&pooled);
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    let r1: f64 = ranks.iter().take(a.len()).sum();
    let u1 = r1 - n1 * (n1 + 1.0) / 2.0;
    Ok((2.0 * u1 / (n1 * n2) - 1.0, n1, n2))
}

/// The rank-biserial correlation of two independent samples, the effect size of the
/// Mann–Whitney test: `r = 2U₁/(n₁n₂) − 1 = P(a > b) − P(a < b)` over all pairs (ties count
/// half), from −1 (every `a` below every `b`) to 1. As pingouin's `mwu` (`RBC`) and R's
/// `effectsize::rank_biserial`.
///
/// ```
/// use layanan::stats::rank_biserial;
///
/// let a = [4.0, 5.0, 4.0, 3.0, 5.0, 4.0, 5.0];
/// let b = [2.0, 3.0, 3.0, 4.0, 2.0, 3.0];
/// let r = rank_biserial(&a, &b)?;
/// assert!((r - (2.0 * 38.0 / 42.0 - 1.0)).abs() < 1e-15); // U₁ = 38
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for an empty sample; [`Error::NotFinite`].
pub fn rank_biserial(a: &[f64], b: &[f64]) -> Result<f64> {
    rank_biserial_parts(a, b).map(|(r, _, _)| r)
}

/// The rank-biserial correlation with its interval by Fisher's z, as R's
/// `effectsize::rank_biserial`: `tanh(atanh(r) ± z(1 − α/2)·√((n₁ + n₂ + 1)/(3n₁n₂)))`. The
/// standard error ignores ties.
///
/// ```
/// use layanan::{Level, stats::rank_biserial_interval};
///
/// let a = [4.0, 5.0, 4.0, 3.0, 5.0, 4.0, 5.0];
/// let b = [2.0, 3.0, 3.0, 4.0, 2.0, 3.0];
/// let r = rank_biserial_interval(&a, &b, Level::default())?;
/// assert!(r.lower() > 0.0 && r.upper() < 1.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`rank_biserial`]; [`Error::NotApplicable`] for perfectly separated samples (`|r| = 1`),
/// where `atanh(r)` is infinite and Fisher's interval collapses to the point (R returns
/// `[1, 1]`, which no sample justifies).
pub fn rank_biserial_interval(a: &[f64], b: &[f64], level: Level) -> Result<Interval> {
    let (r, n1, n2) = rank_biserial_parts(a, b)?;
    if r.abs() >= 1.0 {
        return Err(Error::NotApplicable {
            method: "Fisher's z interval of the rank-biserial correlation".into(),
            reason: format!("the samples are perfectly separated (r = {r})"),
        });
    }
    let z = dist::normal_upper_quantile(level.tail())?;
    let se = ((n1 + n2 + 1.0) / (3.0 * n1 * n2)).sqrt();
    let centre = r.atanh();
    Interval::from_bounds(
        r,
        (centre - z * se).tanh(),
        (centre + z * se).tanh(),
        level,
        IntervalMethod::FisherZ,
    )
}

/// Cramér's V of an `r × c` table of counts, `V = √(χ²/(n·(min(r, c) − 1)))` with Pearson's χ²
/// *without* continuity correction (scipy's `contingency.association(method="cramer")`).
///
/// With `bias_corrected`, Bergsma's (2013) correction (R's `effectsize::cramers_v(adjust =
/// TRUE)`): `φ̃² = max(0, χ²/n − (r−1)(c−1)/(n−1))`, `r̃ = r − (r−1)²/(n−1)`,
/// `c̃ = c − (c−1)²/(n−1)`, `V = √(φ̃²/min(r̃ − 1, c̃ − 1))`: the plain V of small tables is
/// biased upwards, often far.
///
/// ```
/// use layanan::stats::cramers_v;
///
/// // Complaint channel by office.
/// let table = [[30, 12, 8], [10, 25, 15]];
/// let v = cramers_v(&table, false)?;
/// let corrected = cramers_v(&table, true)?;
/// assert!(corrected < v && v < 1.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 rows or columns, a row or column summing to 0,
/// or (corrected) fewer than 2 counts in all; [`Error::LengthMismatch`] for ragged rows;
/// [`Error::Overflow`]; [`Error::NotApplicable`] when the corrected dimensions leave nothing
/// (`min(r̃, c̃) ≤ 1`, a handful of counts).
pub fn cramers_v<R: AsRef<[u64]>>(table: &[R], bias_corrected: bool) -> Result<f64> {
    let checked = Table::new(table, "Cramér's V")?;
    let n = checked.total();
    let chi2 = checked.pearson(false);
    let (r, c) = (checked.rows() as f64, checked.cols() as f64);
    let phi2 = chi2 / n;
    if !bias_corrected {
        return Ok((phi2 / (r.min(c) - 1.0)).sqrt().min(1.0));
    }
    if n < 2.0 {
        return Err(Error::InsufficientData {
            what: "bias-corrected Cramér's V".into(),
            needed: 2,
            got: n as u64,
        });
    }
    let phi2 = (phi2 - (r - 1.0) * (c - 1.0) / (n - 1.0)).max(0.0);
    let r_tilde = r - (r - 1.0).powi(2) / (n - 1.0);
    let c_tilde = c - (c - 1.0).powi(2) / (n - 1.0);
    let dim = r_tilde.min(c_tilde) - 1.0;
    if dim <= 0.0 {
        return Err(Error::NotApplicable {
            method: "bias-corrected Cramér's V".into(),
            reason: format!("{n} counts leave no corrected dimension (min(r̃, c̃) − 1 = {dim})"),
        });
    }
    Ok((phi2 / dim).sqrt())
}

/// How to compute the interval of a risk difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RiskDifferenceMethod {
    /// Newcombe's hybrid score interval ([`newcombe_interval`]): the default, sound at 0 and
    /// 100 %.
    #[default]
    Newcombe,
    /// Wald's `d ± z·√(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂)`: the textbook one, which collapses to a point
    /// when both proportions are 0 or 1.
    Wald,
}

/// The risk difference `p₁ − p₂` of `x₁/n₁` against `x₂/n₂` with its interval: Newcombe's
/// (statsmodels' `confint_proportions_2indep(method="newcomb")`) or Wald's
/// (`method="wald"`).
///
/// ```
/// use layanan::{Level, stats::{RiskDifferenceMethod, risk_difference}};
///
/// // Overcharged: 12 of 80 visits in one office, 3 of 90 in another.
/// let rd = risk_difference(12, 80, 3, 90, Level::default(), RiskDifferenceMethod::Newcombe)?;
/// assert!((rd.estimate() - (0.15 - 3.0 / 90.0)).abs() < 1e-15);
/// assert!(rd.lower() > 0.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for a group with no trials; [`Error::OutOfRange`] for more
/// successes than trials.
pub fn risk_difference(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    level: Level,
    method: RiskDifferenceMethod,
) -> Result<Interval> {
    match method {
        RiskDifferenceMethod::Newcombe => {
            newcombe_interval(successes1, trials1, successes2, trials2, level)
        }
        RiskDifferenceMethod::Wald => {
            check_counts("risk difference", successes1, trials1)?;
            check_counts("risk difference", successes2, trials2)?;
            let (p1, p2) = (
                successes1 as f64 / trials1 as f64,
                successes2 as f64 / trials2 as f64,
            );
            let se = (p1 * (1.0 - p1) / trials1 as f64 + p2 * (1.0 - p2) / trials2 as f64).sqrt();
            let half = dist::normal_upper_quantile(level.tail())? * se;
            let d = p1 - p2;
            Interval::from_bounds(d, d - half, d + half, level, IntervalMethod::Wald)
        }
    }
}

/// The four cells `(a, b, c, d)` of `[[x₁, n₁ − x₁], [x₂, n₂ − x₂]]`, each plus ½ when any is 0
/// (statsmodels' `Table2x2(shift_zeros=True)`).
fn cells(
    what: &str,
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
) -> Result<[f64; 4]> {
    check_counts(what, successes1, trials1)?;
    check_counts(what, successes2, trials2)?;
    #[allow(clippy::arithmetic_side_effects)] // successes ≤ trials (checked)
    let cells = [
        successes1 as f64,
        (trials1 - successes1) as f64,
        successes2 as f64,
        (trials2 - successes2) as f64,
    ];
    Ok(if cells.contains(&0.0) {
        cells.map(|c| c + 0.5)
    } else {
        cells
    })
}

/// `exp(ln(estimate) ± z·se)`.
fn log_interval(estimate: f64, se: f64, level: Level, method: IntervalMethod) -> Result<Interval> {
    let half = dist::normal_upper_quantile(level.tail())? * se;
    let centre = estimate.ln();
    Interval::from_bounds(
        estimate,
        (centre - half).exp(),
        (centre + half).exp(),
        level,
        method,
    )
}

/// The risk ratio `p₁/p₂` with Katz's log interval,
/// `exp(ln RR ± z·√(1/a − 1/n₁ + 1/c − 1/n₂))` (Katz et al. 1978), `a = x₁`, `c = x₂`. When a
/// cell of the 2×2 table is 0 every cell gets ½ first (the estimate too), as statsmodels'
/// `Table2x2(shift_zeros=True).riskratio_confint()`, against which it is checked.
///
/// ```
/// use layanan::{Level, stats::risk_ratio};
///
/// let rr = risk_ratio(12, 80, 3, 90, Level::default())?;
/// assert!((rr.estimate() - 4.5).abs() < 1e-12);
/// assert!(rr.lower() > 1.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`risk_difference`].
pub fn risk_ratio(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    level: Level,
) -> Result<Interval> {
    let [a, b, c, d] = cells("risk ratio", successes1, trials1, successes2, trials2)?;
    let rr = (a / (a + b)) / (c / (c + d));
    let se = (1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d)).sqrt();
    log_interval(rr, se, level, IntervalMethod::KatzLog)
}

/// The sample odds ratio `ad/(bc)` of `[[x₁, n₁ − x₁], [x₂, n₂ − x₂]]` with Woolf's logit
/// interval `exp(ln OR ± z·√(1/a + 1/b + 1/c + 1/d))`, ½ added to every cell when one is 0 (the
/// Haldane–Anscombe estimate [`fisher_exact`](super::fisher_exact) reports too). As statsmodels'
/// `Table2x2(shift_zeros=True).oddsratio_confint()`. For the exact interval see
/// [`fisher_odds_ratio`](super::fisher_odds_ratio).
///
/// ```
/// use layanan::{Level, stats::odds_ratio};
///
/// let or = odds_ratio(12, 80, 3, 90, Level::default())?;
/// assert!((or.estimate() - 12.0 * 87.0 / (68.0 * 3.0)).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`risk_difference`].
pub fn odds_ratio(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    level: Level,
) -> Result<Interval> {
    let [a, b, c, d] = cells("odds ratio", successes1, trials1, successes2, trials2)?;
    let se = (1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d).sqrt();
    log_interval((a * d) / (b * c), se, level, IntervalMethod::Woolf)
}
