//! Tests on means and proportions: Welch's and Student's t, the one-sample t, the two-proportion z.

use std::fmt;

use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level, finite};
use super::moments::Moments;

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

/// `(n, mean, variance)` of a sample of at least 2 values.
fn sample(name: &str, data: &[f64]) -> Result<(f64, f64, f64)> {
    summary(name, &Moments::from_slice(data)?)
}

/// `(n, mean, variance)` of moments of at least 2 values.
fn summary(name: &str, m: &Moments) -> Result<(f64, f64, f64)> {
    if m.count() < 2 {
        return Err(Error::InsufficientData {
            what: format!("t test ({name})"),
            needed: 2,
            got: m.count(),
        });
    }
    Ok((m.count() as f64, m.mean()?, m.variance()?))
}

/// Zero variance: `which` says what is constant ("both samples constant", "a constant sample").
fn zero_spread(test: &str, which: &str) -> Error {
    Error::ZeroVariance {
        what: format!("{test} test ({which})"),
    }
}

/// `(difference, standard error, Welch–Satterthwaite df)` from each sample's
/// `(n, mean, variance)`.
fn welch_parts(
    (na, ma, va): (f64, f64, f64),
    (nb, mb, vb): (f64, f64, f64),
) -> Result<(f64, f64, f64)> {
    satterthwaite((ma, va / na, na - 1.0), (mb, vb / nb, nb - 1.0))
}

/// `(difference, standard error, Welch–Satterthwaite df)` of two independent estimates given
/// as `(estimate, squared standard error, df)`.
fn satterthwaite(
    (ma, qa, dfa): (f64, f64, f64),
    (mb, qb, dfb): (f64, f64, f64),
) -> Result<(f64, f64, f64)> {
    let se2 = qa + qb;
    if se2 <= 0.0 {
        return Err(zero_spread("Welch t", "both samples constant"));
    }
    let df = se2 * se2 / (qa * qa / dfa + qb * qb / dfb);
    Ok((ma - mb, se2.sqrt(), df))
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
        Ok((e.value, e.standard_error * e.standard_error, e.df))
    };
    let parts = satterthwaite(part("first", a)?, part("second", b)?)?;
    Ok((
        welch_ci(parts, level)?,
        welch_test(parts, Alternative::TwoSided)?,
    ))
}

fn welch_test((diff, se, df): (f64, f64, f64), alternative: Alternative) -> Result<TestResult> {
    let t = diff / se;
    Ok(TestResult {
        method: TestMethod::WelchT,
        statistic: t,
        df: Some(df),
        p_value: symmetric_p(t, alternative, |x| dist::t_sf(x, df))?,
        alternative,
    })
}

fn welch_ci((diff, se, df): (f64, f64, f64), level: Level) -> Result<Interval> {
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
    let parts = welch_parts(sample("first sample", a)?, sample("second sample", b)?)?;
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
    let parts = welch_parts(sample("first sample", a)?, sample("second sample", b)?)?;
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
    let parts = welch_parts(summary("first sample", a)?, summary("second sample", b)?)?;
    Ok((
        welch_ci(parts, level)?,
        welch_test(parts, Alternative::TwoSided)?,
    ))
}

/// `(n, mean, Σ(x − mean)²)` of a sample of at least one value.
fn pooled_part(name: &str, data: &[f64]) -> Result<(f64, f64, f64)> {
    let m = Moments::from_slice(data)?;
    let n = m.count();
    if n < 1 {
        return Err(Error::InsufficientData {
            what: format!("t test ({name})"),
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
    let (na, ma, ssa) = pooled_part("first sample", a)?;
    let (nb, mb, ssb) = pooled_part("second sample", b)?;
    if na + nb < 3.0 {
        return Err(Error::InsufficientData {
            what: "Student t test (both samples together)".into(),
            needed: 3,
            got: (na + nb) as u64,
        });
    }
    let df = na + nb - 2.0;
    let pooled = (ssa + ssb) / df;
    if pooled <= 0.0 {
        return Err(zero_spread("Student t", "both samples constant"));
    }
    let t = (ma - mb) / (pooled * (1.0 / na + 1.0 / nb)).sqrt();
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
    let (n, mean, var) = sample("sample", data)?;
    if var <= 0.0 {
        return Err(zero_spread("one-sample t", "a constant sample"));
    }
    let df = n - 1.0;
    let t = (mean - mu) / (var / n).sqrt();
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
