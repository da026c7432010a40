//! The service excellence index: fast, pleasant and cheap in one number.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::Weight;
use crate::stats::{
    Interval, IntervalMethod, Level, Ratio, checked_on_read, normal_upper_quantile,
};

/// One of the three things citizens ask of a front office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Dimension {
    /// Served within the published standard time.
    Speed,
    /// Courteous, empathetic, complaints handled.
    Empathy,
    /// No more than the official tariff.
    Cost,
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Dimension::Speed => "speed",
            Dimension::Empathy => "empathy",
            Dimension::Cost => "cost",
        })
    }
}

checked_on_read! {
/// A dimension's score (0–100) and its standard error, checked when built and when read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Component {
    score: f64,
    standard_error: f64,
}
}

impl Component {
    /// A score with its standard error.
    ///
    /// # Errors
    /// [`Error::OutOfRange`]-like [`Error::InvalidValue`] for a score outside 0–100 or a
    /// negative standard error; [`Error::Stats`] wrapping
    /// [`NotFinite`](crate::stats::Error::NotFinite) for NaN or ±∞.
    pub fn new(score: f64, standard_error: f64) -> Result<Self> {
        crate::stats::finite_number("score", score)?;
        crate::stats::finite_number("standard error", standard_error)?;
        if !(0.0..=100.0).contains(&score) {
            return Err(Error::InvalidValue {
                field: "score".into(),
                value: score,
                expected: "between 0 and 100".into(),
            });
        }
        if standard_error < 0.0 {
            return Err(Error::InvalidValue {
                field: "standard error".into(),
                value: standard_error,
                expected: "zero or positive".into(),
            });
        }
        Ok(Self {
            score,
            standard_error,
        })
    }

    /// The score, 0–100.
    pub const fn score(&self) -> f64 {
        self.score
    }

    /// Its standard error.
    pub const fn standard_error(&self) -> f64 {
        self.standard_error
    }

    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        Self::new(self.score, self.standard_error).map(drop)
    }

    /// A share `count / of` as a 0–100 score with its binomial standard error.
    pub(crate) fn from_share(rate: f64, of: u64) -> Self {
        Self {
            score: 100.0 * rate,
            standard_error: 100.0 * (rate * (1.0 - rate) / of as f64).sqrt(),
        }
    }
}

/// The weights of speed, empathy and cost; they must sum to exactly 1.
///
/// ```
/// use layanan::{ExcellenceWeights, Weight};
///
/// let equal = ExcellenceWeights::default(); // 1/3 each
/// let speed_first = ExcellenceWeights::new(Weight::new(1, 2)?, Weight::new(1, 4)?, Weight::new(1, 4)?)?;
/// assert!(ExcellenceWeights::new(Weight::new(1, 2)?, Weight::new(1, 2)?, Weight::new(1, 4)?).is_err());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "[Weight; 3]", into = "[Weight; 3]")
)]
pub struct ExcellenceWeights {
    speed: Weight,
    empathy: Weight,
    cost: Weight,
}

impl Default for ExcellenceWeights {
    /// 1/3 each.
    fn default() -> Self {
        let third = Weight::unit_fraction(3);
        Self {
            speed: third,
            empathy: third,
            cost: third,
        }
    }
}

impl ExcellenceWeights {
    /// The weights of speed, empathy and cost.
    ///
    /// # Errors
    /// [`Error::WeightsDoNotSumToOne`].
    pub fn new(speed: Weight, empathy: Weight, cost: Weight) -> Result<Self> {
        let sum = [speed, empathy, cost]
            .iter()
            .try_fold(Ratio::ZERO, |acc, w| acc.checked_add((*w).into()))
            .ok_or_else(|| Error::Overflow {
                field: "sum of weights".into(),
            })?;
        if sum != (Ratio { num: 1, den: 1 }) {
            return Err(Error::WeightsDoNotSumToOne {
                sum: sum.to_string(),
            });
        }
        Ok(Self {
            speed,
            empathy,
            cost,
        })
    }

    fn of(&self, d: Dimension) -> f64 {
        match d {
            Dimension::Speed => self.speed.to_f64(),
            Dimension::Empathy => self.empathy.to_f64(),
            Dimension::Cost => self.cost.to_f64(),
        }
    }
}

impl TryFrom<[Weight; 3]> for ExcellenceWeights {
    type Error = Error;
    fn try_from([s, e, c]: [Weight; 3]) -> Result<Self> {
        ExcellenceWeights::new(s, e, c)
    }
}

impl From<ExcellenceWeights> for [Weight; 3] {
    fn from(w: ExcellenceWeights) -> Self {
        [w.speed, w.empathy, w.cost]
    }
}

/// The service excellence index: the weighted mean of the speed, empathy and cost scores, with
/// a normal interval from the components' standard errors (taken as independent:
/// `Var = Σ wᵢ²·seᵢ²`), clipped to 0–100, and the weakest dimension named.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ExcellenceIndex {
    /// The index and its interval, 0–100.
    pub index: Interval,
    /// Each dimension's score.
    pub components: Vec<(Dimension, f64)>,
    /// The dimension with the lowest score.
    pub weakest: Dimension,
    /// The weights used.
    pub weights: ExcellenceWeights,
}

impl ExcellenceIndex {
    /// Combines the three dimensions.
    ///
    /// ```
    /// use layanan::{Component, Dimension, ExcellenceIndex, ExcellenceWeights, Level};
    ///
    /// let index = ExcellenceIndex::combine(
    ///     Component::new(80.0, 3.0)?, // speed
    ///     Component::new(70.0, 2.0)?, // empathy
    ///     Component::new(96.0, 1.0)?, // cost
    ///     ExcellenceWeights::default(),
    ///     Level::default(),
    /// )?;
    /// assert!((index.index.estimate() - 82.0).abs() < 1e-12);
    /// assert_eq!(index.weakest, Dimension::Empathy);
    /// // se = √(9 + 4 + 1)/3 = 1.2472; half-width 1.96 × se = 2.4445
    /// assert!((index.index.upper() - 84.4445).abs() < 1e-4);
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// None for valid components; the level is valid by construction.
    pub fn combine(
        speed: Component,
        empathy: Component,
        cost: Component,
        weights: ExcellenceWeights,
        level: Level,
    ) -> Result<Self> {
        let parts = [
            (Dimension::Speed, speed),
            (Dimension::Empathy, empathy),
            (Dimension::Cost, cost),
        ];
        let estimate: f64 = parts.iter().map(|(d, c)| weights.of(*d) * c.score).sum();
        let variance: f64 = parts
            .iter()
            .map(|(d, c)| (weights.of(*d) * c.standard_error).powi(2))
            .sum();
        let z = normal_upper_quantile(level.tail())?;
        let half = z * variance.sqrt();
        let weakest = parts
            .iter()
            .min_by(|a, b| a.1.score.total_cmp(&b.1.score))
            .map_or(Dimension::Speed, |(d, _)| *d);
        Ok(Self {
            index: Interval::from_bounds(
                estimate,
                (estimate - half).max(0.0),
                (estimate + half).min(100.0),
                level,
                IntervalMethod::Normal,
            )?,
            components: parts.iter().map(|(d, c)| (*d, c.score)).collect(),
            weakest,
            weights,
        })
    }
}
