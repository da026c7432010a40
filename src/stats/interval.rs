//! Confidence levels and intervals.

use std::fmt;

use super::dist;
use super::error::{Error, Result};
use super::read_check::checked_on_read;

/// A confidence level strictly between 0 and 1 (for example 0.95).
///
/// ```
/// use layanan::Level;
///
/// assert_eq!(Level::default().get(), 0.95);
/// assert!(Level::new(0.99).is_ok());
/// assert_eq!(
///     Level::new(1.0).unwrap_err().to_string(),
///     "confidence level must be strictly between 0 and 1, got 1"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "f64", into = "f64"))]
pub struct Level(f64);

impl Level {
    /// The level `p`.
    ///
    /// # Errors
    /// [`Error::InvalidProbability`] unless `0 < p < 1`.
    pub fn new(p: f64) -> Result<Self> {
        if p.is_finite() && p > 0.0 && p < 1.0 {
            Ok(Self(p))
        } else {
            Err(Error::InvalidProbability {
                field: "confidence level".into(),
                value: p,
            })
        }
    }

    /// The level as a number.
    pub const fn get(self) -> f64 {
        self.0
    }

    /// The probability in each tail of a two-sided interval, `(1 − level) / 2`.
    pub fn tail(self) -> f64 {
        (1.0 - self.0) / 2.0
    }
}

impl Default for Level {
    /// 95 %.
    fn default() -> Self {
        Self(0.95)
    }
}

impl TryFrom<f64> for Level {
    type Error = Error;
    fn try_from(p: f64) -> Result<Self> {
        Level::new(p)
    }
}

impl From<Level> for f64 {
    fn from(level: Level) -> f64 {
        level.0
    }
}

/// How an interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum IntervalMethod {
    /// Student's t: estimate ± t(1 − α/2, df) · standard error.
    StudentT,
    /// Welch's t for a difference of two means, Welch–Satterthwaite degrees of freedom.
    Welch,
    /// Wilson's score interval for a proportion.
    Wilson,
    /// Clopper–Pearson's exact interval for a proportion, from Beta quantiles.
    ClopperPearson,
    /// Agresti–Coull's adjusted Wald interval for a proportion, clipped to [0, 1].
    AgrestiCoull,
    /// Newcombe's hybrid score interval for a difference of two proportions.
    Newcombe,
    /// Bootstrap percentile interval.
    BootstrapPercentile,
    /// Bootstrap bias-corrected and accelerated (BCa) interval.
    BootstrapBca,
    /// Feldt's F-based interval for Cronbach's α.
    Feldt,
    /// A normal (z) interval: estimate ± z(1 − α/2) · standard error.
    Normal,
    /// The distribution-free interval for Sen's slope, from order statistics of the pairwise
    /// slopes (Gilbert 1987).
    SenSlope,
    /// An equal-tailed posterior interval (empirical Bayes).
    Posterior,
    /// Inverting the noncentral t distribution for its noncentrality (Cohen's d, Hedges' g).
    NoncentralT,
    /// Fisher's z transformation: `tanh(atanh(r) ± z·se)` (the rank-biserial correlation).
    FisherZ,
    /// Wald's interval: estimate ± z(1 − α/2) · its standard error under the alternative.
    Wald,
    /// Katz's log interval for a risk ratio: `exp(ln RR ± z·se(ln RR))`.
    KatzLog,
    /// Woolf's logit interval for an odds ratio: `exp(ln OR ± z·√Σ 1/cell)`.
    Woolf,
    /// The exact conditional interval of an odds ratio, from the noncentral hypergeometric
    /// distribution (R's `fisher.test`).
    ConditionalExact,
    /// Jeffreys' interval for a proportion: equal-tailed quantiles of Beta(x + ½, n − x + ½).
    Jeffreys,
    /// A distribution-free interval for a quantile between two order statistics, from the
    /// binomial distribution of how many values fall below it.
    OrderStatistics,
}

impl IntervalMethod {
    /// Whether intervals of this method hold their estimate by construction: all but the
    /// bootstrap's (whose replicates may all lie on one side of it), Feldt's, the Beta
    /// posterior's and Jeffreys' (whose estimate is not their median: at a low level the
    /// interval shrinks to the median and can leave it out; with no success Jeffreys' lower
    /// bound is above the estimate 0, as statsmodels gives it).
    pub const fn contains_estimate(self) -> bool {
        !matches!(
            self,
            Self::BootstrapPercentile
                | Self::BootstrapBca
                | Self::Feldt
                | Self::Posterior
                | Self::Jeffreys
        )
    }
}

checked_on_read! {
/// A two-sided confidence interval around an estimate.
///
/// Its numbers are finite and `lower ≤ upper`; for every method that holds its estimate by
/// construction ([`IntervalMethod::contains_estimate`]) also `lower ≤ estimate ≤ upper`, the
/// bounds being held around the estimate against rounding when built. Read back with `serde`,
/// an interval that breaks either is refused with [`Error::Inconsistent`].
///
/// ```
/// use layanan::{Interval, Level};
///
/// // Mean 3.2, standard error 0.5, 4 degrees of freedom.
/// let ci = Interval::student_t(3.2, 0.5, 4.0, Level::default())?;
/// assert!((ci.lower() - 1.8117).abs() < 1e-4);
/// assert!((ci.upper() - 4.5883).abs() < 1e-4);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    estimate: f64,
    lower: f64,
    upper: f64,
    level: Level,
    method: IntervalMethod,
}
}

impl Interval {
    /// `estimate ± t(1 − α/2, df) · standard_error`.
    ///
    /// # Errors
    /// [`Error::NotFinite`] for a non-finite estimate, standard error or degrees of freedom;
    /// [`Error::InvalidValue`] for a negative standard error or degrees of freedom that are not
    /// positive; [`Error::Overflow`] when a bound overflows `f64`.
    pub fn student_t(estimate: f64, standard_error: f64, df: f64, level: Level) -> Result<Self> {
        finite("estimate", estimate)?;
        finite("standard error", standard_error)?;
        if standard_error < 0.0 {
            return Err(Error::InvalidValue {
                field: "standard error".into(),
                value: standard_error,
                expected: "zero or positive".into(),
            });
        }
        let t = dist::t_upper_quantile(level.tail(), df)?;
        let half = t * standard_error;
        Self::from_bounds(
            estimate,
            estimate - half,
            estimate + half,
            level,
            IntervalMethod::StudentT,
        )
    }

    /// [`Error::Overflow`] for a non-finite number, [`Error::Inconsistent`] for `lower > upper`.
    /// For a method that contains its estimate mathematically, bounds a rounding away from it
    /// are moved onto it.
    pub(crate) fn from_bounds(
        estimate: f64,
        lower: f64,
        upper: f64,
        level: Level,
        method: IntervalMethod,
    ) -> Result<Self> {
        let (lower, upper) = if method.contains_estimate() && lower <= upper {
            (lower.min(estimate), upper.max(estimate))
        } else {
            (lower, upper)
        };
        let interval = Self {
            estimate,
            lower,
            upper,
            level,
            method,
        };
        interval.check()?;
        Ok(interval)
    }

    /// Every interval has finite numbers and `lower ≤ upper`: built from finite inputs whose
    /// arithmetic overflowed, or read back from elsewhere, it is an error.
    fn check(&self) -> Result<()> {
        if ![self.estimate, self.lower, self.upper]
            .iter()
            .all(|x| x.is_finite())
        {
            return Err(Error::Overflow {
                field: "confidence interval".into(),
            });
        }
        let outside = self.method.contains_estimate()
            && !(self.lower <= self.estimate && self.estimate <= self.upper);
        if self.lower > self.upper || outside {
            return Err(Error::Inconsistent {
                what: "interval".into(),
                reason: format!(
                    "estimate {}, bounds [{}, {}]",
                    self.estimate, self.lower, self.upper
                ),
            });
        }
        Ok(())
    }

    /// The point estimate.
    pub const fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The lower bound.
    pub const fn lower(&self) -> f64 {
        self.lower
    }

    /// The upper bound.
    pub const fn upper(&self) -> f64 {
        self.upper
    }

    /// The confidence level.
    pub const fn level(&self) -> Level {
        self.level
    }

    /// How it was computed.
    pub const fn method(&self) -> IntervalMethod {
        self.method
    }

    /// Upper minus lower bound.
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }

    /// The same interval with its bounds held within `[min, max]`, the values the quantity can
    /// take: a t interval of a mean of ratings 1–4 over a handful of answers can reach past 4,
    /// which no mean can.
    pub(crate) fn clamped(self, min: f64, max: f64) -> Self {
        Self {
            lower: self.lower.clamp(min, max),
            upper: self.upper.clamp(min, max),
            ..self
        }
    }

    /// The same interval with every number multiplied by `factor > 0` (e.g. an index 1–4 to
    /// the 25–100 scale).
    pub(crate) fn scaled(self, factor: f64) -> Self {
        Self {
            estimate: self.estimate * factor,
            lower: self.lower * factor,
            upper: self.upper * factor,
            ..self
        }
    }
}

impl fmt::Display for Interval {
    /// `[lower, upper]` with the formatter's precision (2 decimals by default).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        write!(f, "[{:.p$}, {:.p$}]", self.lower, self.upper)
    }
}

pub(crate) fn finite(field: &str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::NotFinite {
            field: field.into(),
            value,
        })
    }
}

/// `value` when finite and positive.
pub(crate) fn positive(field: &str, value: f64) -> Result<f64> {
    finite(field, value)?;
    if value > 0.0 {
        Ok(value)
    } else {
        Err(Error::InvalidValue {
            field: field.into(),
            value,
            expected: "positive".into(),
        })
    }
}
