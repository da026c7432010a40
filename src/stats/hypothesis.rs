//! Tests on means and proportions: Welch's and Student's t, the one-sample t, the two-proportion z.

use std::fmt;

use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level, finite};
use super::moments::{Moments, floor_log2, scale2};

/// Which way a test looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Alternative {
    /// The first differs from the second (or the hypothesised value), either way.
    #[default]
    TwoSided,
    /// The first is smaller.
    Less,
    /// The first is greater.
    Greater,
}

/// Which test produced a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum TestMethod {
    /// Welch's unequal-variance t test.
    WelchT,
    /// Student's pooled-variance t test.
    StudentT,
    /// One-sample t test.
    OneSampleT,
    /// Two-proportion z test with pooled variance.
    TwoProportionZ,
    /// Mann–Whitney U, exact distribution.
    MannWhitneyExact,
    /// Mann–Whitney U, tie-corrected normal approximation with continuity correction.
    MannWhitneyAsymptotic,
    /// Kruskal–Wallis H, tie-corrected.
    KruskalWallis,
    /// Pearson's χ² test of independence (Yates-corrected for 2×2).
    ChiSquareIndependence,
    /// Pearson's correlation.
    Pearson,
    /// Spearman's rank correlation.
    Spearman,
    /// Fisher's exact test of a 2×2 table.
    FisherExact,
    /// Fisher's test of a 2×2 table with its mid-p-value.
    FisherMidP,
    /// The exact binomial test.
    BinomialExact,
    /// The paired t test (a one-sample t test of the differences).
    PairedT,
    /// Wilcoxon's signed-rank test, exact distribution (conditional on the ranks when they tie).
    WilcoxonExact,
    /// Wilcoxon's signed-rank test, tie-corrected normal approximation.
    WilcoxonAsymptotic,
    /// McNemar's test, exact binomial.
    McNemarExact,
    /// McNemar's χ² test (with or without continuity correction).
    McNemarChiSquare,
}

/// What a test found.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TestResult {
    /// The test.
    pub method: TestMethod,
    /// The test statistic (t, z, U, H, χ², r or ρ).
    pub statistic: f64,
    /// Degrees of freedom, where the test has them.
    pub df: Option<f64>,
    /// The p-value, computed from the upper tail so it stays accurate far below 1e-12.
    pub p_value: f64,
    /// The alternative tested.
    pub alternative: Alternative,
}

impl fmt::Display for TestResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: statistic {:.4}", self.method, self.statistic)?;
        if let Some(df) = self.df {
            write!(f, ", df {df:.2}")?;
        }
        write!(f, ", p = {:.4e} ({:?})", self.p_value, self.alternative)
    }
}

/// The p-value of a statistic with survival function `sf`, symmetric about 0.
pub(crate) fn symmetric_p(
    statistic: f64,
    alternative: Alternative,
    sf: impl Fn(f64) -> Result<f64>,
) -> Result<f64> {
    Ok(match alternative {
        Alternative::TwoSided => (2.0 * sf(statistic.abs())?).min(1.0),
        Alternative::Greater => sf(statistic)?,
        Alternative::Less => sf(-statistic)?,
    })
}

/// The moments of a sample of at least 2 values (see [`summary`]).
fn sample(name: &str, data: &[f64]) -> Result<(Moments, Spread)> {
    let m = Moments::from_slice(data)?;
    let spread = summary(name, &m)?;
    Ok((m, spread))
}

/// A sample's size and spread for a t test: `Σ(x − x̄)²/(n − 1) = variance·2^{2k}`, kept in
/// units of `2^k` so that data near 1e-300 (whose variance underflows) or 1e300 (whose
/// variance overflows) keep theirs.
#[derive(Debug, Clone, Copy)]
struct Spread {
    n: f64,
    variance: f64,
    k: i32,
}

/// The spread of moments of at least 2 values; their mean and standard deviation must exist.
fn summary(name: &str, m: &Moments) -> Result<Spread> {
    if m.count() < 2 {
        return Err(Error::InsufficientData {
            what: format!("t test ({name})"),
            needed: 2,
            got: m.count(),
        });
    }
    m.mean()?;
    m.sd()?;
    let n = m.count() as f64;
    let (squares, k) = m.central_squares();
    Ok(Spread {
        n,
        variance: squares / (n - 1.0),
        k,
    })
}

/// Zero variance: `which` says what is constant ("both samples constant", "a constant sample").
fn zero_spread(test: &str, which: &str) -> Error {
    Error::ZeroVariance {
        what: format!("{test} test ({which})"),
    }
}

/// What Welch's interval and test need: the difference, its standard error, `t` (formed in
/// the units the spreads are kept in, so it neither underflows nor overflows on the way) and
/// the Welch–Satterthwaite degrees of freedom.
#[derive(Debug, Clone, Copy)]
struct WelchParts {
    diff: f64,
    se: f64,
    t: f64,
    df: f64,
}

/// From two samples' moments: the difference of means formed from their shifts (see
/// [`Moments::mean_difference`]), the squared standard errors `sᵢ²/nᵢ` in a common unit.
fn welch_parts(a: &Moments, b: &Moments) -> Result<WelchParts> {
    let (sa, sb) = (summary("first sample", a)?, summary("second sample", b)?);
    let k = sa.k.max(sb.k);
    let squared = |s: Spread| scale2(s.variance / s.n, s.k.saturating_sub(k).saturating_mul(2));
    satterthwaite(
        a.mean_difference(b),
        (squared(sa), sa.n - 1.0),
        (squared(sb), sb.n - 1.0),
        k,
    )
}

/// `(qa, dfa)`, `(qb, dfb)`: squared standard errors in units of `2^{2k}` and their degrees of
/// freedom; `t = diff/√(qa + qb)`, `df = (qa + qb)²/(qa²/dfa + qb²/dfb)`.
fn satterthwaite(
    diff: f64,
    (qa, dfa): (f64, f64),
    (qb, dfb): (f64, f64),
    k: i32,
) -> Result<WelchParts> {
    let se2 = qa + qb;
    if se2 <= 0.0 {
        return Err(zero_spread("Welch t", "both samples constant"));
    }
    let root = se2.sqrt();
    let df = se2 * se2 / (qa * qa / dfa + qb * qb / dfb);
    Ok(WelchParts {
        diff,
        se: scale2(root, k),
        t: scale2(diff, k.saturating_neg()) / root,
        df,
    })
}

/// An estimate with its standard error and the degrees of freedom of its t distribution: what
/// [`welch_from_estimates`] compares (a group's IKM, whose variance comes from a design rather
/// than one sample).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Estimate {
    /// The estimate.
    pub value: f64,
    /// Its standard error.
    pub standard_error: f64,
    /// Degrees of freedom (positive).
    pub df: f64,
}

/// Welch's interval and two-sided t test of `a − b` for two independent estimates with their
/// standard errors and degrees of freedom: `t = (a − b)/√(seₐ² + se_b²)`, Welch–Satterthwaite
/// `df = (seₐ² + se_b²)² / (seₐ⁴/dfₐ + se_b⁴/df_b)`. With `se = s/√n` and `df = n − 1` these are
/// [`welch_from_moments`]'s numbers.
///
/// ```
/// use layanan::stats::{Estimate, Moments, welch_from_estimates, welch_from_moments};
/// use layanan::Level;
///
/// let (a, b) = (Moments::from_slice(&[31.0, 28.0, 35.0, 40.0])?, Moments::from_slice(&[22.0, 25.0, 19.0])?);
/// let as_estimate = |m: &Moments| -> layanan::Result<Estimate> {
///     Ok(Estimate { value: m.mean()?, standard_error: m.sem()?, df: m.count() as f64 - 1.0 })
/// };
/// let (ci, test) = welch_from_estimates(as_estimate(&a)?, as_estimate(&b)?, Level::default())?;
/// let (ci_m, test_m) = welch_from_moments(&a, &b, Level::default())?;
/// assert!((ci.upper() - ci_m.upper()).abs() < 1e-12 && (test.p_value - test_m.p_value).abs() < 1e-15);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotFinite`] for a non-finite estimate or standard error; [`Error::InvalidValue`]
/// for a negative standard error or non-positive degrees of freedom; [`Error::ZeroVariance`]
/// when both standard errors are 0.
pub fn welch_from_estimates(
    a: Estimate,
    b: Estimate,
    level: Level,
) -> Result<(Interval, TestResult)> {
    let part = |name: &str, e: Estimate| -> Result<(f64, f64, f64)> {
        finite(&format!("{name} estimate"), e.value)?;
        finite(&format!("{name} standard error"), e.standard_error)?;
        if e.standard_error < 0.0 {
            return Err(Error::InvalidValue {
                field: format!("{name} standard error"),
                value: e.standard_error,
                expected: "zero or positive".into(),
            });
        }
        // NaN fails too (infinite degrees of freedom are the normal limit).
        if e.df.is_nan() || e.df <= 0.0 {
            return Err(Error::InvalidValue {
                field: format!("{name} degrees of freedom"),
                value: e.df,
                expected: "positive".into(),
            });
        }
        Ok((e.value, e.standard_error, e.df))
    };
    let ((va, sea, dfa), (vb, seb, dfb)) = (part("first", a)?, part("second", b)?);
    // The standard errors in units of the larger one's power of two.
    let larger = sea.max(seb);
    let k = if larger > 0.0 { floor_log2(larger) } else { 0 };
    let squared = |se: f64| {
        let scaled = scale2(se, k.saturating_neg());
        scaled * scaled
    };
    let parts = satterthwaite(va - vb, (squared(sea), dfa), (squared(seb), dfb), k)?;
    Ok((
        welch_ci(parts, level)?,
        welch_test(parts, Alternative::TwoSided)?,
    ))
}

fn welch_test(parts: WelchParts, alternative: Alternative) -> Result<TestResult> {
    let WelchParts { t, df, .. } = parts;
    Ok(TestResult {
        method: TestMethod::WelchT,
        statistic: t,
        df: Some(df),
        p_value: symmetric_p(t, alternative, |x| dist::t_sf(x, df))?,
        alternative,
    })
}

fn welch_ci(parts: WelchParts, level: Level) -> Result<Interval> {
    let WelchParts { diff, se, df, .. } = parts;
    let half = dist::t_upper_quantile(level.tail(), df)? * se;
    Interval::from_bounds(diff, diff - half, diff + half, level, IntervalMethod::Welch)
}

/// Welch's t test of `mean(a) − mean(b)`: `t = (x̄ₐ − x̄_b)/√(sₐ²/nₐ + s_b²/n_b)` with
/// Welch–Satterthwaite degrees of freedom. As scipy's `ttest_ind(equal_var=False)`.
///
/// ```
/// use layanan::stats::{Alternative, welch_t_test};
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let test = welch_t_test(&before, &after, Alternative::Greater)?;
/// assert!(test.p_value < 0.01); // waits really are shorter after
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for a sample below 2 values; [`Error::ZeroVariance`] when both
/// are constant; [`Error::NotFinite`] for NaN or ±∞.
pub fn welch_t_test(a: &[f64], b: &[f64], alternative: Alternative) -> Result<TestResult> {
    let parts = welch_parts(
        &sample("first sample", a)?.0,
        &sample("second sample", b)?.0,
    )?;
    welch_test(parts, alternative)
}

/// Welch's interval for `mean(a) − mean(b)`.
///
/// ```
/// use layanan::{Level, stats::welch_interval};
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let ci = welch_interval(&before, &after, Level::default())?;
/// // scipy: ttest_ind(equal_var=False).confidence_interval(0.95)
/// assert!((ci.lower() - 4.135477201667343).abs() < 1e-10);
/// assert!((ci.upper() - 14.39785613166599).abs() < 1e-10);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`welch_t_test`]; [`Error::Overflow`] when a bound overflows `f64`.
pub fn welch_interval(a: &[f64], b: &[f64], level: Level) -> Result<Interval> {
    let parts = welch_parts(
        &sample("first sample", a)?.0,
        &sample("second sample", b)?.0,
    )?;
    welch_ci(parts, level)
}

/// Welch's interval for `mean(a) − mean(b)` and the two-sided Welch t test, from moments: the
/// same numbers as [`welch_interval`] and [`welch_t_test`] on the samples, for samples tallied
/// (and merged) as [`Moments`] rather than kept.
///
/// ```
/// use layanan::stats::{Alternative, Moments, welch_from_moments, welch_interval, welch_t_test};
/// use layanan::Level;
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let (a, b) = (Moments::from_slice(&before)?, Moments::from_slice(&after)?);
/// let (ci, test) = welch_from_moments(&a, &b, Level::default())?;
/// assert_eq!(ci, welch_interval(&before, &after, Level::default())?);
/// assert_eq!(test, welch_t_test(&before, &after, Alternative::TwoSided)?);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// As [`welch_interval`]; [`Error::NotFinite`] for moments that collected NaN or ±∞.
pub fn welch_from_moments(
    a: &Moments,
    b: &Moments,
    level: Level,
) -> Result<(Interval, TestResult)> {
    let parts = welch_parts(a, b)?;
    Ok((
        welch_ci(parts, level)?,
        welch_test(parts, Alternative::TwoSided)?,
    ))
}

/// The moments of a sample of at least one value, its size, and `Σ(x − x̄)² = squares·2^{2k}`.
fn pooled_part(name: &str, data: &[f64]) -> Result<(Moments, f64, f64, i32)> {
    let m = Moments::from_slice(data)?;
    let n = m.count();
    if n < 1 {
        return Err(Error::InsufficientData {
            what: format!("t test ({name})"),
            needed: 1,
            got: 0,
        });
    }
    m.mean()?;
    if n >= 2 {
        m.sd()?;
    }
    let (squares, k) = m.central_squares();
    Ok((m, n as f64, squares, k))
}

/// Student's pooled-variance t test (`ttest_ind(equal_var=True)`); prefer
/// [`welch_t_test`] unless the variances are known to be equal. A sample of a single value is
/// allowed: the pooled variance then comes from the other sample.
///
/// ```
/// use layanan::stats::{Alternative, student_t_test};
///
/// let before = [31.0, 28.0, 35.0, 40.0, 33.0, 29.0];
/// let after = [22.0, 25.0, 19.0, 27.0, 24.0];
/// let test = student_t_test(&before, &after, Alternative::TwoSided)?;
/// assert_eq!(test.df, Some(9.0));
/// assert!((test.statistic - 3.958167142120985).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for an empty sample or fewer than 3 values in all (no degrees of
/// freedom); [`Error::ZeroVariance`] when both are constant; [`Error::NotFinite`] for NaN or ±∞.
pub fn student_t_test(a: &[f64], b: &[f64], alternative: Alternative) -> Result<TestResult> {
    let (ma, na, ssa, ka) = pooled_part("first sample", a)?;
    let (mb, nb, ssb, kb) = pooled_part("second sample", b)?;
    if na + nb < 3.0 {
        return Err(Error::InsufficientData {
            what: "Student t test (both samples together)".into(),
            needed: 3,
            got: (na + nb) as u64,
        });
    }
    let df = na + nb - 2.0;
    // The sums of squares in a common unit 2^{2k}.
    let k = ka.max(kb);
    let common = |ss: f64, own: i32| scale2(ss, own.saturating_sub(k).saturating_mul(2));
    let pooled = (common(ssa, ka) + common(ssb, kb)) / df;
    if pooled <= 0.0 {
        return Err(zero_spread("Student t", "both samples constant"));
    }
    let t = scale2(ma.mean_difference(&mb), k.saturating_neg())
        / (pooled * (1.0 / na + 1.0 / nb)).sqrt();
    Ok(TestResult {
        method: TestMethod::StudentT,
        statistic: t,
        df: Some(df),
        p_value: symmetric_p(t, alternative, |x| dist::t_sf(x, df))?,
        alternative,
    })
}

/// One-sample t test of `mean(data) − mu` (`ttest_1samp`).
///
/// ```
/// use layanan::stats::{Alternative, one_sample_t_test};
///
/// // Is the mean wait above the 30-minute target?
/// let waits = [32.0, 41.0, 28.0, 55.0, 47.0, 39.0, 36.0];
/// let test = one_sample_t_test(&waits, 30.0, Alternative::Greater)?;
/// assert!((test.p_value - 0.015235525775040518).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] below 2 values; [`Error::ZeroVariance`] for a constant sample;
/// [`Error::NotFinite`].
pub fn one_sample_t_test(data: &[f64], mu: f64, alternative: Alternative) -> Result<TestResult> {
    super::interval::finite("hypothesised mean", mu)?;
    let (m, spread) = sample("sample", data)?;
    let Spread { n, variance, k } = spread;
    if variance <= 0.0 {
        return Err(zero_spread("one-sample t", "a constant sample"));
    }
    let df = n - 1.0;
    // mean − mu from the shift, in the units the spread is kept in.
    let t = scale2(m.mean_minus(mu), k.saturating_neg()) / (variance / n).sqrt();
    Ok(TestResult {
        method: TestMethod::OneSampleT,
        statistic: t,
        df: Some(df),
        p_value: symmetric_p(t, alternative, |x| dist::t_sf(x, df))?,
        alternative,
    })
}

/// The two-proportion z test with pooled variance:
/// `z = (p₁ − p₂)/√(p̄(1−p̄)(1/n₁ + 1/n₂))`, `p̄ = (x₁ + x₂)/(n₁ + n₂)`. As statsmodels'
/// `proportions_ztest`.
///
/// ```
/// use layanan::stats::{Alternative, two_proportion_z_test};
///
/// let test = two_proportion_z_test(12, 80, 3, 90, Alternative::TwoSided)?;
/// assert!(test.p_value < 0.01);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for an empty group; [`Error::ZeroVariance`] when every trial (or
/// none) succeeded in both groups; [`Error::OutOfRange`] for more successes than trials.
pub fn two_proportion_z_test(
    successes1: u64,
    trials1: u64,
    successes2: u64,
    trials2: u64,
    alternative: Alternative,
) -> Result<TestResult> {
    for (x, n) in [(successes1, trials1), (successes2, trials2)] {
        super::proportion::check_counts("two-proportion z test", x, n)?;
    }
    let (x1, n1, x2, n2) = (
        successes1 as f64,
        trials1 as f64,
        successes2 as f64,
        trials2 as f64,
    );
    let pooled = (x1 + x2) / (n1 + n2);
    let var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if var <= 0.0 {
        return Err(zero_spread("two-proportion z", "both samples constant"));
    }
    let z = (x1 / n1 - x2 / n2) / var.sqrt();
    Ok(TestResult {
        method: TestMethod::TwoProportionZ,
        statistic: z,
        df: None,
        p_value: symmetric_p(z, alternative, |x| Ok(dist::normal_sf(x)))?,
        alternative,
    })
}
