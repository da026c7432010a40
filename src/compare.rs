//! Comparison over units and periods: which units differ from the rest, a ranking that does not
//! reward tiny samples, and the trend across periods.

use std::fmt;

use crate::error::{Error, Result};
use crate::skm::{SkmOptions, SkmTally};
use crate::stats::{
    self, Alternative, Estimate, Interval, IntervalMethod, Level, MannKendall, Moments,
    ProportionMethod, SenSlope, TestResult,
};
use crate::table::Table;
use crate::tally::{Merge, Tally};

/// One group's tally: a rate, a mean, or an SKM index.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum GroupTally {
    /// `successes` of `trials` (for example visits served within the standard).
    Rate {
        /// Successes.
        successes: u64,
        /// Trials.
        trials: u64,
    },
    /// The moments of a measurement (for example ratings on 0–100).
    Mean(Moments),
    /// A group's SKM questionnaires, compared on the IKM (25–100) with its design variance:
    /// the difference to the rest with Welch–Satterthwaite degrees of freedom from each IKM's
    /// standard error and `min nᵢ − 1`. The rest's IKM is that of the other groups'
    /// questionnaires merged. A group whose IKM has no interval (an element answered fewer
    /// than twice) shows the whole scale, 25–100, as its interval, and is not tested.
    Ikm(Box<SkmTally>),
}

impl GroupTally {
    /// A rate `successes / trials`.
    pub const fn rate(successes: u64, trials: u64) -> Self {
        Self::Rate { successes, trials }
    }

    /// The SKM index of `tally`'s questionnaires.
    pub fn ikm(tally: SkmTally) -> Self {
        Self::Ikm(Box::new(tally))
    }

    /// The number of observations (respondents, for an IKM).
    pub fn n(&self) -> u64 {
        match self {
            Self::Rate { trials, .. } => *trials,
            Self::Mean(m) => m.count(),
            Self::Ikm(t) => t.responses(),
        }
    }

    /// `self` and `other` paired by kind, for the methods that treat two groups together.
    fn pair<'a>(&'a self, other: &'a Self) -> Pair<'a> {
        match (self, other) {
            (
                &Self::Rate {
                    successes: x1,
                    trials: n1,
                },
                &Self::Rate {
                    successes: x2,
                    trials: n2,
                },
            ) => Pair::Rates { x1, n1, x2, n2 },
            (Self::Mean(a), Self::Mean(b)) => Pair::Means(a, b),
            (Self::Ikm(a), Self::Ikm(b)) => Pair::Indices(a, b),
            _ => Pair::Mixed,
        }
    }

    /// The tallies added up: both must be of the same kind.
    fn merged(&self, other: &Self) -> Result<Self> {
        match self.pair(other) {
            Pair::Rates { x1, n1, x2, n2 } => Ok(Self::Rate {
                successes: x1.checked_add(x2).ok_or_else(|| overflow("successes"))?,
                trials: n1.checked_add(n2).ok_or_else(|| overflow("trials"))?,
            }),
            Pair::Means(a, b) => {
                let mut m = *a;
                m.merge(b)?;
                Ok(Self::Mean(m))
            }
            Pair::Indices(a, b) => {
                let mut t = a.clone();
                t.merge(b)?;
                Ok(Self::ikm(t))
            }
            Pair::Mixed => Err(mixed()),
        }
    }

    fn interval(&self, level: Level) -> Result<Interval> {
        match self {
            Self::Rate { successes, trials } => Ok(stats::proportion_interval(
                *successes,
                *trials,
                level,
                ProportionMethod::Wilson,
            )?),
            Self::Mean(m) => Ok(m.mean_interval(level)?),
            Self::Ikm(t) => match ikm_estimate(t, level)? {
                (_, Some((interval, _))) => Ok(interval),
                (ikm, None) => Ok(Interval::from_bounds(
                    ikm,
                    25.0,
                    100.0,
                    level,
                    IntervalMethod::StudentT,
                )?),
            },
        }
    }

    /// The estimate and its variance, for shrinkage: `(estimate, variance of the estimate)`.
    fn estimate_and_variance(&self, level: Level) -> Result<Option<(f64, f64)>> {
        match self {
            Self::Rate { .. } => Ok(None),
            Self::Mean(m) => Ok(Some((m.mean()?, m.variance()? / m.count() as f64))),
            Self::Ikm(t) => Ok(match ikm_estimate(t, level)? {
                (ikm, Some((_, e))) => Some((ikm, e.standard_error * e.standard_error)),
                (_, None) => None,
            }),
        }
    }

    /// The effect size of `self` against `other` with its interval: the risk ratio (Katz)
    /// for rates, Hedges' g (noncentral t) for means, none for indices (their difference in
    /// points, on the IKM's fixed scale, is the effect). `None` where it cannot be formed
    /// (both groups constant, a rate of 0 in the rest …).
    fn effect(&self, other: &Self, level: Level) -> Option<Interval> {
        match self.pair(other) {
            Pair::Rates { x1, n1, x2, n2 } => stats::risk_ratio(x1, n1, x2, n2, level).ok(),
            Pair::Means(a, b) => stats::hedges_g_from_moments(a, b, level).ok(),
            Pair::Indices(..) | Pair::Mixed => None,
        }
    }

    /// The smallest difference from `other` a two-sided test at `alpha` detects with
    /// [`DETECTION_POWER`], from the standard error of the difference: under no difference
    /// for rates (the pooled share), Welch's for means, the two design standard errors for
    /// indices. `None` when that standard error is 0 (every visit a success, say).
    fn detectable(&self, other: &Self, alpha: f64, level: Level) -> Result<Option<f64>> {
        let se = match self.pair(other) {
            Pair::Rates { x1, n1, x2, n2 } => {
                let (n1, n2) = (n1 as f64, n2 as f64);
                let pooled = (x1 as f64 + x2 as f64) / (n1 + n2);
                (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt()
            }
            Pair::Means(a, b) => {
                let part = |m: &Moments| -> Result<f64> { Ok(m.variance()? / m.count() as f64) };
                match (part(a), part(b)) {
                    (Ok(x), Ok(y)) => (x + y).sqrt(),
                    _ => return Ok(None),
                }
            }
            Pair::Indices(a, b) => match (ikm_estimate(a, level)?.1, ikm_estimate(b, level)?.1) {
                (Some((_, x)), Some((_, y))) => x.standard_error.hypot(y.standard_error),
                _ => return Ok(None),
            },
            Pair::Mixed => return Err(mixed()),
        };
        if !(se > 0.0 && se.is_finite()) {
            return Ok(None);
        }
        Ok(Some(stats::minimum_detectable_difference_from_se(
            se,
            alpha,
            DETECTION_POWER,
            Alternative::TwoSided,
        )?))
    }

    /// `(difference interval, test)` of `self − other`.
    fn versus(&self, other: &Self, level: Level) -> Result<(Interval, TestResult)> {
        match self.pair(other) {
            Pair::Rates { x1, n1, x2, n2 } => {
                let ci = stats::newcombe_interval(x1, n1, x2, n2, level)?;
                let (k, n) = (x1 as f64 + x2 as f64, n1 as f64 + n2 as f64);
                let smallest = [n1 as f64, n2 as f64]
                    .into_iter()
                    .flat_map(|row| [row * k / n, row * (n - k) / n])
                    .fold(f64::INFINITY, f64::min);
                let test = if smallest < 5.0 {
                    stats::fisher_exact(x1, n1, x2, n2, Alternative::TwoSided)?
                } else {
                    stats::two_proportion_z_test(x1, n1, x2, n2, Alternative::TwoSided)?
                };
                Ok((ci, test))
            }
            Pair::Means(a, b) => Ok(stats::welch_from_moments(a, b, level)?),
            Pair::Indices(a, b) => {
                let estimate = |t: &SkmTally| -> Result<Estimate> {
                    ikm_estimate(t, level)?.1.map(|(_, e)| e).ok_or_else(|| {
                        Error::InsufficientData {
                            what: "IKM interval (each element answered at least twice)".into(),
                            needed: 2,
                            got: 1,
                        }
                    })
                };
                Ok(stats::welch_from_estimates(
                    estimate(a)?,
                    estimate(b)?,
                    level,
                )?)
            }
            Pair::Mixed => Err(mixed()),
        }
    }
}

/// Two groups' tallies, paired by kind ([`GroupTally::pair`]).
enum Pair<'a> {
    /// Two rates: `x1` of `n1` against `x2` of `n2`.
    Rates { x1: u64, n1: u64, x2: u64, n2: u64 },
    /// Two means' moments.
    Means(&'a Moments, &'a Moments),
    /// Two groups' SKM questionnaires.
    Indices(&'a SkmTally, &'a SkmTally),
    /// Tallies of different kinds, which no comparison takes.
    Mixed,
}

/// The power at which [`GroupComparison::detectable`] is stated: a difference that large is
/// found significant in 80 % of surveys like this one.
pub const DETECTION_POWER: f64 = 0.8;

/// What a comparison compares, which says how its numbers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Measure {
    /// Shares `successes / trials`, 0–1 (shown as percentages; differences in points).
    Rate,
    /// Means of a measurement, in its own unit.
    Mean,
    /// SKM indices (IKM), 25–100.
    Ikm,
}

impl GroupTally {
    /// What this tally measures.
    pub fn measure(&self) -> Measure {
        match self {
            Self::Rate { .. } => Measure::Rate,
            Self::Mean(_) => Measure::Mean,
            Self::Ikm(_) => Measure::Ikm,
        }
    }
}

impl Measure {
    /// A value as people read it: `84.0%` for a rate, `81.72` for a mean or an IKM.
    fn value(self, x: f64) -> String {
        match self {
            Self::Rate => format!("{:.1}%", 100.0 * x),
            Self::Mean | Self::Ikm => format!("{x:.2}"),
        }
    }

    /// An interval as people read it: `84.0% [82.5, 85.5]`.
    fn interval(self, i: &Interval) -> String {
        match self {
            Self::Rate => format!(
                "{:.1}% [{:.1}, {:.1}]",
                100.0 * i.estimate(),
                100.0 * i.lower(),
                100.0 * i.upper()
            ),
            Self::Mean | Self::Ikm => {
                format!("{:.2} [{:.2}, {:.2}]", i.estimate(), i.lower(), i.upper())
            }
        }
    }

    /// What [`GroupComparison::effect`] measures, as a short name: `RR`, `g`.
    fn effect_name(self) -> Option<&'static str> {
        match self {
            Self::Rate => Some("RR"),
            Self::Mean => Some("g"),
            Self::Ikm => None,
        }
    }

    /// An effect with its interval: `RR 0.71 [0.60, 0.84]`, `g -0.45 [-0.70, -0.20]`.
    fn effect(self, e: &Interval) -> String {
        let name = self.effect_name().unwrap_or("effect");
        format!(
            "{name} {:.2} [{:.2}, {:.2}]",
            e.estimate(),
            e.lower(),
            e.upper()
        )
    }

    /// A detectable difference: `±4.2 pts` for rates, `±1.23` otherwise.
    fn detectable(self, d: f64) -> String {
        match self {
            Self::Rate => format!("±{:.1} pts", 100.0 * d),
            Self::Mean | Self::Ikm => format!("±{d:.2}"),
        }
    }

    /// A difference with its interval: `+3.1 pts [+1.2, +5.0]` for rates (percentage points),
    /// `+1.25 [+0.40, +2.10]` otherwise.
    fn difference(self, d: &Interval) -> String {
        match self {
            Self::Rate => format!(
                "{:+.1} pts [{:+.1}, {:+.1}]",
                100.0 * d.estimate(),
                100.0 * d.lower(),
                100.0 * d.upper()
            ),
            Self::Mean | Self::Ikm => format!(
                "{:+.2} [{:+.2}, {:+.2}]",
                d.estimate(),
                d.lower(),
                d.upper()
            ),
        }
    }
}

/// A p-value as people read it: four decimals, or `<0.0001`.
fn p_value(p: Option<f64>) -> String {
    match p {
        None => "—".to_owned(),
        Some(p) if p < 1e-4 => "<0.0001".to_owned(),
        Some(p) => format!("{p:.4}"),
    }
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Holm => "Holm",
            Self::BenjaminiHochberg => "Benjamini–Hochberg",
        })
    }
}

/// A group's IKM, with its interval and estimate where the report has them (every element
/// answered at least twice).
fn ikm_estimate(tally: &SkmTally, level: Level) -> Result<(f64, Option<(Interval, Estimate)>)> {
    let report = tally.report_with(&SkmOptions::default().with_level(level))?;
    let spread = match (report.interval, report.standard_error, report.df) {
        (Some(interval), Some(se), Some(df)) => Some((
            interval,
            Estimate {
                value: report.ikm,
                standard_error: se,
                df,
            },
        )),
        _ => None,
    };
    Ok((report.ikm, spread))
}

/// Rates and means mixed in one comparison.
fn mixed() -> Error {
    Error::Inconsistent {
        what: "comparison".into(),
        reason: "groups of different kinds (a rate, a mean, an IKM) cannot be compared".into(),
    }
}

fn overflow(field: &str) -> Error {
    Error::Overflow {
        field: field.into(),
    }
}

/// Which adjusted p-value decides a [`Verdict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Adjustment {
    /// Holm (family-wise error rate).
    Holm,
    /// Benjamini–Hochberg (false-discovery rate).
    #[default]
    BenjaminiHochberg,
}

/// How to compare: confidence level, significance level, adjustment and minimum group size.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "OptionParts", into = "OptionParts")
)]
pub struct CompareOptions {
    level: Level,
    alpha: f64,
    adjustment: Adjustment,
    min_n: u64,
}

/// The serialised form of [`CompareOptions`], checked as its builder checks.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct OptionParts {
    level: Level,
    alpha: f64,
    adjustment: Adjustment,
    min_n: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<OptionParts> for CompareOptions {
    type Error = Error;
    fn try_from(p: OptionParts) -> Result<Self> {
        if p.min_n < 2 {
            return Err(Error::InvalidValue {
                field: "min_n".into(),
                value: p.min_n as f64,
                expected: "at least 2".into(),
            });
        }
        Ok(CompareOptions::default()
            .with_level(p.level)
            .with_alpha(p.alpha)?
            .with_adjustment(p.adjustment)
            .with_min_n(p.min_n))
    }
}

#[cfg(feature = "serde")]
impl From<CompareOptions> for OptionParts {
    fn from(o: CompareOptions) -> Self {
        OptionParts {
            level: o.level,
            alpha: o.alpha,
            adjustment: o.adjustment,
            min_n: o.min_n,
        }
    }
}

impl Default for CompareOptions {
    /// 95 % intervals, `alpha = 0.05` on Benjamini–Hochberg adjusted p-values, `min_n = 30`.
    fn default() -> Self {
        Self {
            level: Level::default(),
            alpha: 0.05,
            adjustment: Adjustment::BenjaminiHochberg,
            min_n: 30,
        }
    }
}

impl CompareOptions {
    /// The confidence level of every interval.
    pub fn with_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// The significance level the adjusted p-values are judged at.
    ///
    /// # Errors
    /// [`Error::InvalidProbability`] unless `0 < alpha < 1`.
    pub fn with_alpha(mut self, alpha: f64) -> Result<Self> {
        if !(alpha.is_finite() && alpha > 0.0 && alpha < 1.0) {
            return Err(Error::InvalidProbability {
                field: "alpha".into(),
                value: alpha,
            });
        }
        self.alpha = alpha;
        Ok(self)
    }

    /// Which adjusted p-value decides the verdict.
    pub fn with_adjustment(mut self, adjustment: Adjustment) -> Self {
        self.adjustment = adjustment;
        self
    }

    /// The smallest group that is tested and ranked (at least 2).
    pub fn with_min_n(mut self, min_n: u64) -> Self {
        self.min_n = min_n.max(2);
        self
    }

    /// The confidence level.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The significance level.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// The adjustment deciding verdicts.
    pub fn adjustment(&self) -> Adjustment {
        self.adjustment
    }

    /// The minimum group size.
    pub fn min_n(&self) -> u64 {
        self.min_n
    }
}

/// How a group stands against the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Verdict {
    /// Significantly below the rest (adjusted p < alpha, lower estimate). For a score where
    /// higher is better, these are the units to act on.
    Below,
    /// Significantly above the rest.
    Above,
    /// Not distinguishable from the rest at this alpha (or no test was possible).
    NotDistinguishable,
    /// Fewer observations than the minimum: not tested, not ranked.
    TooSmall,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Below => "below",
            Self::Above => "above",
            Self::NotDistinguishable => "not distinguishable",
            Self::TooSmall => "too small",
        })
    }
}

/// One group against the rest.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GroupComparison {
    /// The group's name.
    pub group: String,
    /// Its number of observations.
    pub n: u64,
    /// Its estimate (rate or mean) with its interval.
    pub estimate: Interval,
    /// The group minus the rest, with Newcombe's or Welch's interval (`None` when too small or
    /// not computable, e.g. both constant).
    pub difference: Option<Interval>,
    /// The test against the rest.
    pub test: Option<TestResult>,
    /// How large the difference is, beyond its sign and its p-value: the group's risk ratio
    /// to the rest (Katz's interval) for rates, Hedges' g against the rest (noncentral-t
    /// interval) for means; `None` for indices (the difference in IKM points is the effect),
    /// for groups not tested, and where it cannot be formed (a rest with no success, both
    /// groups constant).
    pub effect: Option<Interval>,
    /// The smallest difference to the rest this comparison could detect: a two-sided test
    /// at `alpha` finds a true difference this large with [`DETECTION_POWER`] (80 %). A group
    /// [`Verdict::NotDistinguishable`] from the rest may still differ from it by less: the
    /// survey could only have detected differences above this (a share, 0–1, for rates; the
    /// measure's unit otherwise). `None` for groups not tested, or when the difference has no
    /// spread to measure it by (every visit a success).
    pub detectable: Option<f64>,
    /// Holm-adjusted p-value across the tested groups.
    pub p_holm: Option<f64>,
    /// Benjamini–Hochberg-adjusted p-value across the tested groups.
    pub p_bh: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// The empirical-Bayes shrunken estimate with its posterior interval.
    pub shrunken: Option<Interval>,
    /// Rank by shrunken estimate, 1 = highest (`None` for too-small groups).
    pub rank: Option<usize>,
}

/// Every group against the rest (see [`compare_groups`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Comparison {
    /// The options used.
    pub options: CompareOptions,
    /// Per group, in input order.
    pub groups: Vec<GroupComparison>,
    /// What the groups measure.
    pub measure: Measure,
    /// The prior mean the shrunken estimates are pulled toward (`None` when fewer than two
    /// groups can be ranked, or the prior cannot be fitted, e.g. a constant group of means).
    pub prior_mean: Option<f64>,
}

impl Comparison {
    /// The ranked groups, best (highest shrunken estimate) first.
    pub fn ranking(&self) -> Vec<&GroupComparison> {
        let mut ranked: Vec<&GroupComparison> =
            self.groups.iter().filter(|g| g.rank.is_some()).collect();
        ranked.sort_by_key(|g| g.rank);
        ranked
    }

    /// The groups significantly below the rest.
    pub fn below(&self) -> impl Iterator<Item = &GroupComparison> {
        self.groups.iter().filter(|g| g.verdict == Verdict::Below)
    }
}

impl fmt::Display for Comparison {
    /// A table of the groups, each against the rest, then how to read it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.measure;
        let level = 100.0 * self.options.level.get();
        let mut table = Table::new(&[
            "group",
            "n",
            &format!("estimate [{level:.0}% CI]"),
            "difference to the rest",
            "effect",
            "detectable",
            "p",
            "p Holm",
            "p BH",
            "rank",
            "verdict",
        ])
        .words(10);
        for g in &self.groups {
            table.row(vec![
                g.group.clone(),
                g.n.to_string(),
                m.interval(&g.estimate),
                g.difference
                    .map_or_else(|| "—".to_owned(), |d| m.difference(&d)),
                g.effect.map_or_else(|| "—".to_owned(), |e| m.effect(&e)),
                g.detectable
                    .map_or_else(|| "—".to_owned(), |d| m.detectable(d)),
                p_value(g.test.map(|t| t.p_value)),
                p_value(g.p_holm),
                p_value(g.p_bh),
                g.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
                g.verdict.to_string(),
            ]);
        }
        table.write(f)?;
        writeln!(
            f,
            "Verdicts at alpha {} on {}-adjusted p-values; groups under {} are too small to test \
             or rank; ranks by shrunken estimates{}. Effect: {}; detectable: the smallest \
             difference to the rest a two-sided test at alpha {} finds with {:.0}% power (a \
             group not distinguishable may still differ by less).",
            self.options.alpha,
            self.options.adjustment,
            self.options.min_n,
            self.prior_mean
                .map_or_else(String::new, |p| format!(" (pulled toward {})", m.value(p))),
            match m {
                Measure::Rate => "the risk ratio to the rest (RR, Katz's interval)",
                Measure::Mean => "Hedges' g against the rest (noncentral-t interval)",
                Measure::Ikm => "the difference in IKM points",
            },
            self.options.alpha,
            100.0 * DETECTION_POWER
        )
    }
}

/// Compares every group with the rest, adjusts for multiple testing and ranks by shrunken
/// estimates.
///
/// Inputs are plain tallies per group: `(successes, trials)` for a rate (a share within the
/// standard, a share not overcharged …), or a [`Moments`] for a mean (a rating, a wait).
///
/// **Each group against the rest.** For group `g` and the union `r` of all the other groups
/// (too-small groups included: their data are real):
///
/// * rates: the group's Wilson interval; the difference `p_g − p_r` with Newcombe's hybrid score
///   interval; the p-value of the pooled two-proportion z test, or of **Fisher's exact test**
///   when any expected cell count `n·K/N` of the 2×2 table is below 5;
/// * means: the group's Student t interval; the difference `x̄_g − x̄_r` with Welch's interval;
///   the p-value of Welch's t test (Welch–Satterthwaite degrees of freedom);
/// * across the groups with at least `min_n` observations: Holm and Benjamini–Hochberg adjusted
///   p-values, and a [`Verdict`] from the adjusted p-value chosen in [`CompareOptions`]
///   (Benjamini–Hochberg by default) at the stated `alpha`. Groups below `min_n` are
///   [`Verdict::TooSmall`], take no part in the adjustment and are never ranked.
///
/// **Ranking** uses empirical-Bayes shrunken estimates fitted across the ranked groups:
/// [`beta_binomial_shrinkage`](crate::stats::beta_binomial_shrinkage) for rates,
/// [`normal_shrinkage`](crate::stats::normal_shrinkage) (DerSimonian–Laird) for means; rank 1
/// is the highest shrunken estimate.
///
/// **Periods** ([`compare_periods`]): a score per period, the change from the previous period
/// (same interval and test as above, the later period minus the earlier), and, over four or more
/// periods, the Mann–Kendall trend of the per-period estimates with Sen's slope.
///
/// ```
/// use layanan::{CompareOptions, GroupTally, Verdict, compare_groups};
///
/// // Visits served within standard, per office.
/// let offices = [
///     ("kel-a", GroupTally::rate(180, 200)),
///     ("kel-b", GroupTally::rate(176, 200)),
///     ("kel-c", GroupTally::rate(120, 200)), // a real shortfall
///     ("kel-d", GroupTally::rate(185, 200)),
///     ("kel-e", GroupTally::rate(5, 5)),     // perfect, but only five visits
/// ];
/// let cmp = compare_groups(offices, CompareOptions::default())?;
/// assert_eq!(cmp.groups[2].verdict, Verdict::Below);
/// assert_eq!(cmp.groups[4].verdict, Verdict::TooSmall);
/// assert_eq!(cmp.groups[4].rank, None); // never ranked
/// assert_eq!(cmp.ranking()[0].group, "kel-d");
/// println!("{cmp}");
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for no groups or a group with no observations;
/// [`Error::Inconsistent`] when groups are of different kinds (rates, means, IKMs);
/// [`Error::OutOfRange`] for more successes than trials.
pub fn compare_groups<K: Into<String>>(
    groups: impl IntoIterator<Item = (K, GroupTally)>,
    options: CompareOptions,
) -> Result<Comparison> {
    let groups: Vec<(String, GroupTally)> =
        groups.into_iter().map(|(k, t)| (k.into(), t)).collect();
    let Some(((_, first), rest)) = groups.split_first() else {
        return Err(Error::InsufficientData {
            what: "comparison (groups)".into(),
            needed: 1,
            got: 0,
        });
    };
    // Rates, means and indices cannot be mixed.
    let mut all = first.clone();
    for (_, t) in rest {
        all = all.merged(t)?;
    }
    debug_assert_eq!(all.n(), groups.iter().map(|(_, t)| t.n()).sum::<u64>());
    let level = options.level;
    let mut out = Vec::with_capacity(groups.len());
    for (i, (name, tally)) in groups.iter().enumerate() {
        let estimate = tally.interval(level)?;
        let mut row = GroupComparison {
            group: name.clone(),
            n: tally.n(),
            estimate,
            difference: None,
            test: None,
            effect: None,
            detectable: None,
            p_holm: None,
            p_bh: None,
            verdict: Verdict::TooSmall,
            shrunken: None,
            rank: None,
        };
        if tally.n() >= options.min_n {
            row.verdict = Verdict::NotDistinguishable;
            let mut others: Option<GroupTally> = None;
            for (_, t) in groups.iter().enumerate().filter(|(j, _)| *j != i) {
                let t = &t.1;
                others = Some(match others {
                    None => t.clone(),
                    Some(o) => o.merged(t)?,
                });
            }
            if let Some(others) = others.filter(|o| o.n() > 0)
                && let Ok((ci, test)) = tally.versus(&others, level)
            {
                row.difference = Some(ci);
                row.test = Some(test);
                row.effect = tally.effect(&others, level);
                row.detectable = tally.detectable(&others, options.alpha, level)?;
            }
        }
        out.push(row);
    }
    // Multiple testing across the tested groups.
    let tested: Vec<usize> = (0..out.len())
        .filter(|&i| out.get(i).and_then(|g| g.test).is_some())
        .collect();
    let raw: Vec<f64> = tested
        .iter()
        .filter_map(|&i| out.get(i).and_then(|g| g.test).map(|t| t.p_value))
        .collect();
    if !raw.is_empty() {
        let holm = stats::holm(&raw)?;
        let bh = stats::benjamini_hochberg(&raw)?;
        for ((&i, h), b) in tested.iter().zip(holm).zip(bh) {
            if let Some(g) = out.get_mut(i) {
                g.p_holm = Some(h);
                g.p_bh = Some(b);
                let adjusted = match options.adjustment {
                    Adjustment::Holm => h,
                    Adjustment::BenjaminiHochberg => b,
                };
                if adjusted < options.alpha {
                    let diff = g.difference.map_or(0.0, |d| d.estimate());
                    g.verdict = if diff < 0.0 {
                        Verdict::Below
                    } else {
                        Verdict::Above
                    };
                }
            }
        }
    }
    // Shrinkage and ranking across the groups large enough (and, for indices, with an
    // interval).
    let mut eligible: Vec<usize> = Vec::with_capacity(groups.len());
    let mut normal: Vec<(f64, f64)> = Vec::with_capacity(groups.len());
    let mut counts: Vec<(u64, u64)> = Vec::with_capacity(groups.len());
    for (i, (_, t)) in groups.iter().enumerate() {
        if t.n() < options.min_n {
            continue;
        }
        match t {
            GroupTally::Rate { successes, trials } => counts.push((*successes, *trials)),
            _ => match t.estimate_and_variance(level)? {
                Some(pair) => normal.push(pair),
                None => continue,
            },
        }
        eligible.push(i);
    }
    let mut prior_mean = None;
    if eligible.len() >= 2 {
        let shrunk: Option<(f64, Vec<Interval>)> = if let GroupTally::Rate { .. } = first {
            stats::beta_binomial_shrinkage(&counts, level)
                .ok()
                .map(|s| (s.prior_mean, s.groups.iter().map(|g| g.estimate).collect()))
        } else {
            let (means, variances): (Vec<f64>, Vec<f64>) = normal.into_iter().unzip();
            stats::normal_shrinkage(&means, &variances, level)
                .ok()
                .map(|s| (s.prior_mean, s.groups.iter().map(|g| g.estimate).collect()))
        };
        if let Some((mean, estimates)) = shrunk {
            prior_mean = Some(mean);
            let mut order: Vec<(usize, Interval)> =
                eligible.iter().copied().zip(estimates).collect();
            order.sort_by(|(i, a), (j, b)| {
                b.estimate().total_cmp(&a.estimate()).then_with(|| i.cmp(j))
            });
            for (rank, (i, est)) in (1..).zip(order) {
                if let Some(g) = out.get_mut(i) {
                    g.shrunken = Some(est);
                    g.rank = Some(rank);
                }
            }
        }
    }
    Ok(Comparison {
        measure: first.measure(),
        options,
        groups: out,
        prior_mean,
    })
}

/// One period's score and its change from the previous period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PeriodScore {
    /// The period's label (e.g. `2025-03`).
    pub period: String,
    /// Its number of observations.
    pub n: u64,
    /// Its estimate with its interval.
    pub estimate: Interval,
    /// This period minus the previous one, with Newcombe's or Welch's interval.
    pub change: Option<Interval>,
    /// The test of the change (two-proportion z / Fisher's exact, or Welch's t).
    pub test: Option<TestResult>,
}

/// Scores over periods and their trend (see [`compare_periods`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PeriodComparison {
    /// What the periods measure.
    pub measure: Measure,
    /// Per period, in the order given (oldest first).
    pub periods: Vec<PeriodScore>,
    /// The Mann–Kendall test of the per-period estimates (four periods or more); when `None`,
    /// [`no_trend`](Self::no_trend) says why.
    pub trend: Option<MannKendall>,
    /// The same test with Hamed and Rao's correction for autocorrelation
    /// ([`mann_kendall_hamed_rao`](crate::stats::mann_kendall_hamed_rao), α 0.05): month after
    /// month, service scores tend to resemble their neighbours, which makes the plain test
    /// find trends that are not there. When the two disagree on significance, this one is the
    /// safer reading. `None` with [`trend`](Self::trend), or when the correction leaves no
    /// variance.
    #[cfg_attr(feature = "serde", serde(default))]
    pub trend_autocorrelated: Option<MannKendall>,
    /// Sen's slope per period with its interval (four periods or more).
    pub slope: Option<SenSlope>,
}

impl fmt::Display for PeriodComparison {
    /// A table of the periods with each change from the one before, then the trend.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.measure;
        let level = self
            .periods
            .first()
            .map_or(95.0, |p| 100.0 * p.estimate.level().get());
        let mut table = Table::new(&[
            "period",
            "n",
            &format!("estimate [{level:.0}% CI]"),
            "change from the previous",
            "p",
        ]);
        for p in &self.periods {
            table.row(vec![
                p.period.clone(),
                p.n.to_string(),
                m.interval(&p.estimate),
                p.change
                    .map_or_else(|| "—".to_owned(), |d| m.difference(&d)),
                p_value(p.test.map(|t| t.p_value)),
            ]);
        }
        table.write(f)?;
        if self.periods.len() > 2 {
            writeln!(f, "p: each change's own test, not adjusted across periods.")?;
        }
        match (&self.trend, &self.slope) {
            (Some(mk), Some(sen)) => {
                let per_period = match m {
                    Measure::Rate => format!(
                        "{:+.2} pts [{:+.2}, {:+.2}]",
                        100.0 * sen.slope.estimate(),
                        100.0 * sen.slope.lower(),
                        100.0 * sen.slope.upper()
                    ),
                    Measure::Mean | Measure::Ikm => format!(
                        "{:+.3} [{:+.3}, {:+.3}]",
                        sen.slope.estimate(),
                        sen.slope.lower(),
                        sen.slope.upper()
                    ),
                };
                let corrected = self.trend_autocorrelated.map_or_else(String::new, |hr| {
                    format!(
                        " (allowing for autocorrelation, Hamed–Rao: p = {})",
                        p_value(Some(hr.p_value))
                    )
                });
                writeln!(
                    f,
                    "Trend: Mann–Kendall S = {}, tau = {:.3}, p = {}{corrected}; Sen's slope {per_period} per period",
                    mk.s,
                    mk.tau,
                    p_value(Some(mk.p_value)),
                )
            }
            _ => match self.no_trend() {
                Some(reason) => writeln!(f, "Trend: none: {reason}"),
                None => Ok(()),
            },
        }
    }
}

/// Why a [`PeriodComparison`] has no trend test ([`PeriodComparison::no_trend`]).
///
/// ```
/// use layanan::{GroupTally, Level, NoTrend, compare_periods};
///
/// let tied = (1..=6).map(|m| (format!("2025-{m:02}"), GroupTally::rate(2, 4)));
/// let periods = compare_periods(tied, Level::default())?;
/// assert_eq!(periods.no_trend(), Some(NoTrend::Constant));
/// assert_eq!(
///     NoTrend::Constant.to_string(),
///     "every period has the same estimate: there is no trend to test"
/// );
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum NoTrend {
    /// Fewer than four periods: the test needs four or more.
    TooFewPeriods {
        /// The periods there are.
        periods: usize,
    },
    /// More periods than the test takes ([`stats::MAX_TREND_LENGTH`]): aggregate them into
    /// longer ones.
    TooManyPeriods {
        /// The periods there are.
        periods: usize,
        /// The most the test takes.
        max: usize,
    },
    /// Every period has the same estimate: there is nothing to test.
    Constant,
    /// None of the above, yet no trend: a comparison read back without its trend.
    NotComputed,
}

impl fmt::Display for NoTrend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoTrend::TooFewPeriods { periods } => write!(
                f,
                "a trend test needs four periods or more, and there are {periods}"
            ),
            NoTrend::TooManyPeriods { periods, max } => write!(
                f,
                "{periods} periods are more than the trend test takes ({max}): aggregate them \
                 into longer periods"
            ),
            NoTrend::Constant => {
                f.write_str("every period has the same estimate: there is no trend to test")
            }
            NoTrend::NotComputed => f.write_str("the trend test was not computed"),
        }
    }
}

impl PeriodComparison {
    /// Why there is no trend test, or `None` when there is one.
    pub fn no_trend(&self) -> Option<NoTrend> {
        if self.trend.is_some() && self.slope.is_some() {
            return None;
        }
        let periods = self.periods.len();
        let first = self.periods.first().map(|p| p.estimate.estimate());
        Some(if periods < 4 {
            NoTrend::TooFewPeriods { periods }
        } else if periods > stats::MAX_TREND_LENGTH {
            NoTrend::TooManyPeriods {
                periods,
                max: stats::MAX_TREND_LENGTH,
            }
        } else if self
            .periods
            .iter()
            .all(|p| Some(p.estimate.estimate()) == first)
        {
            NoTrend::Constant
        } else {
            NoTrend::NotComputed
        })
    }
}

/// Scores per period (oldest first), the change from each period to the next, and the
/// Mann–Kendall trend with Sen's slope over four or more periods (tests and intervals as in
/// [`compare_groups`]). A change that cannot be tested (e.g. two constant periods of means)
/// is left `None`; the trend is `None` below four periods, above
/// [`stats::MAX_TREND_LENGTH`] periods, and when every period has the same estimate:
/// [`PeriodComparison::no_trend`] says which.
///
/// ```
/// use layanan::{GroupTally, Level, compare_periods};
///
/// let months = [
///     ("2025-01", GroupTally::rate(140, 200)),
///     ("2025-02", GroupTally::rate(150, 200)),
///     ("2025-03", GroupTally::rate(149, 200)),
///     ("2025-04", GroupTally::rate(165, 200)),
///     ("2025-05", GroupTally::rate(172, 200)),
/// ];
/// let trend = compare_periods(months, Level::default())?;
/// assert_eq!(trend.trend.map(|mk| mk.s), Some(8)); // 9 pairs up, 1 down
/// assert!(trend.slope.is_some_and(|s| s.slope.estimate() > 0.0));
/// println!("{trend}");
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for no periods or a period with no observations;
/// [`Error::Inconsistent`] when groups are of different kinds (rates, means, IKMs).
pub fn compare_periods<K: Into<String>>(
    periods: impl IntoIterator<Item = (K, GroupTally)>,
    level: Level,
) -> Result<PeriodComparison> {
    let periods: Vec<(String, GroupTally)> =
        periods.into_iter().map(|(k, t)| (k.into(), t)).collect();
    if periods.is_empty() {
        return Err(Error::InsufficientData {
            what: "period comparison (periods)".into(),
            needed: 1,
            got: 0,
        });
    }
    let mut out: Vec<PeriodScore> = Vec::with_capacity(periods.len());
    let mut previous: Option<&GroupTally> = None;
    for (name, tally) in &periods {
        let estimate = tally.interval(level)?;
        let (change, test) = match previous {
            Some(prev) => {
                if std::mem::discriminant(prev) != std::mem::discriminant(tally) {
                    return Err(mixed());
                }
                match tally.versus(prev, level) {
                    Ok((ci, test)) => (Some(ci), Some(test)),
                    Err(_) => (None, None),
                }
            }
            None => (None, None),
        };
        out.push(PeriodScore {
            period: name.clone(),
            n: tally.n(),
            estimate,
            change,
            test,
        });
        previous = Some(tally);
    }
    let (trend, trend_autocorrelated, slope) = if out.len() >= 4 {
        let series: Vec<f64> = out.iter().map(|p| p.estimate.estimate()).collect();
        match stats::mann_kendall(&series) {
            Ok(mk) => (
                Some(mk),
                stats::mann_kendall_hamed_rao(&series, 0.05).ok(),
                Some(stats::sens_slope(&series, level)?),
            ),
            Err(_) => (None, None, None),
        }
    } else {
        (None, None, None)
    };
    Ok(PeriodComparison {
        measure: periods.first().map_or(Measure::Rate, |(_, t)| t.measure()),
        periods: out,
        trend,
        trend_autocorrelated,
        slope,
    })
}
