//! Durations a speed tally keeps for its quantiles: every one exactly (the default), or in a
//! mergeable sketch of bounded size whose quantiles are within a stated relative error — for
//! shards shipped between machines, where storing every duration is too much.
//!
//! The sketch counts each duration in a logarithmic bucket: bucket `k` holds the durations in
//! `(γ^(k−1), γ^k]` milliseconds, `γ = (1 + α)/(1 − α)`, and stands for `2γ^k/(γ + 1)`, within
//! `α` of everything in it (the DDSketch construction of Masson, Rim and Lee, 2019). Counts,
//! the sum, the sum of squares, the minimum and the maximum are integers, so a merge is exact
//! and order-free, and n, mean, standard deviation and maximum stay exact; each quantile —
//! an interpolation between two order statistics, each within `α` — is within `α` of the
//! exact one. It is written here rather than taken from a crate because the crates keep a
//! floating sum (merges that depend on their order) and a serialised form that cannot be
//! checked when read; here a tampered sketch is refused.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::stats::{QuantileType, order_statistic_quantile};
use crate::summary::{Summary, quantile_bounds};

/// The finest relative error a sketch may keep: below it, keep the durations exactly.
const FINEST: u32 = 100; // parts per million: 0.01 %
/// The coarsest.
const COARSEST: u32 = 200_000; // 20 %

/// Durations in milliseconds, kept exactly or in a sketch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum Durations {
    /// Every duration.
    Exact(Vec<u64>),
    /// Counts in logarithmic buckets.
    Sketch(Sketch),
}

/// A relative-error sketch of durations in milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Sketch {
    /// The relative error α, in parts per million.
    ppm: u32,
    /// Durations of 0 ms.
    zeros: u64,
    /// Bucket `k` → how many durations fell in it.
    buckets: BTreeMap<i32, u64>,
    /// Durations counted.
    n: u64,
    /// Their sum, in milliseconds (in decimal text when serialised: JSON numbers stop at
    /// 64 bits).
    #[cfg_attr(feature = "serde", serde(with = "wide"))]
    sum: u128,
    /// Their sum of squares, while it fits.
    #[cfg_attr(feature = "serde", serde(with = "wide_or_none"))]
    squares: Option<u128>,
    /// The smallest and largest, when any.
    min: u64,
    max: u64,
}

impl Default for Durations {
    fn default() -> Self {
        Durations::Exact(Vec::new())
    }
}

impl Durations {
    /// A sketch of relative error `accuracy` (e.g. 0.01 for 1 %), holding these durations.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless 0.0001 ≤ `accuracy` ≤ 0.2.
    pub(crate) fn sketched(&self, accuracy: f64) -> Result<Durations> {
        let ppm = (accuracy * 1e6).round();
        if !(accuracy.is_finite() && ppm >= f64::from(FINEST) && ppm <= f64::from(COARSEST)) {
            return Err(Error::InvalidValue {
                field: "quantile sketch accuracy".into(),
                value: accuracy,
                expected: "between 0.0001 and 0.2".into(),
            });
        }
        let mut sketch = Sketch {
            ppm: ppm as u32,
            zeros: 0,
            buckets: BTreeMap::new(),
            n: 0,
            sum: 0,
            squares: Some(0),
            min: u64::MAX,
            max: 0,
        };
        match self {
            Durations::Exact(v) => v.iter().for_each(|&ms| sketch.add(ms, 1)),
            // Re-sketching a sketch would blur it twice.
            Durations::Sketch(s) if s.ppm == sketch.ppm => return Ok(self.clone()),
            Durations::Sketch(_) => {
                return Err(Error::InvalidValue {
                    field: "quantile sketch accuracy".into(),
                    value: accuracy,
                    expected: "the accuracy the durations are already sketched at".into(),
                });
            }
        }
        Ok(Durations::Sketch(sketch))
    }

    /// The relative error of the quantiles, `None` when exact.
    pub(crate) fn relative_error(&self) -> Option<f64> {
        match self {
            Durations::Exact(_) => None,
            Durations::Sketch(s) => Some(s.alpha()),
        }
    }

    /// Counts a duration.
    pub(crate) fn push(&mut self, ms: u64) {
        match self {
            Durations::Exact(v) => v.push(ms),
            Durations::Sketch(s) => s.add(ms, 1),
        }
    }

    /// How many durations.
    pub(crate) fn len(&self) -> u64 {
        match self {
            Durations::Exact(v) => v.len() as u64,
            Durations::Sketch(s) => s.n,
        }
    }

    /// Whether two can merge: both exact, or sketches of the same error.
    pub(crate) fn check_merge(&self, other: &Self) -> Result<()> {
        match (self, other) {
            (Durations::Exact(_), Durations::Exact(_)) => Ok(()),
            (Durations::Sketch(a), Durations::Sketch(b)) if a.ppm == b.ppm => Ok(()),
            _ => Err(Error::MergeMismatch {
                what: "speed tallies".into(),
                difference: format!(
                    "their durations are kept {} and {}",
                    self.kept(),
                    other.kept()
                ),
            }),
        }
    }

    fn kept(&self) -> String {
        match self {
            Durations::Exact(_) => "exactly".into(),
            Durations::Sketch(s) => format!("in a sketch of {} relative error", s.alpha()),
        }
    }

    /// Adds `other`'s durations ([`check_merge`](Self::check_merge) passed).
    pub(crate) fn merge(&mut self, other: &Self) {
        match (self, other) {
            (Durations::Exact(a), Durations::Exact(b)) => a.extend_from_slice(b),
            (Durations::Sketch(a), Durations::Sketch(b)) => a.merge(b),
            _ => {}
        }
    }

    /// Each duration in milliseconds (a sketch: each bucket's value, as many times as it
    /// counts).
    pub(crate) fn values(&self) -> Box<dyn Iterator<Item = f64> + '_> {
        match self {
            Durations::Exact(v) => Box::new(v.iter().map(|&ms| ms as f64)),
            Durations::Sketch(s) => Box::new(
                std::iter::repeat_n(0.0, usize::try_from(s.zeros).unwrap_or(usize::MAX)).chain(
                    s.buckets.iter().flat_map(|(&k, &c)| {
                        std::iter::repeat_n(s.value(k), usize::try_from(c).unwrap_or(usize::MAX))
                    }),
                ),
            ),
        }
    }

    /// How many durations are at most `ms` (a sketch: whose bucket's value is).
    pub(crate) fn at_most(&self, ms: u64) -> u64 {
        match self {
            Durations::Exact(v) => v.iter().filter(|&&x| x <= ms).count() as u64,
            Durations::Sketch(s) => s.buckets.iter().fold(s.zeros, |t, (&k, &c)| {
                if s.value(k) <= ms as f64 {
                    t.saturating_add(c)
                } else {
                    t
                }
            }),
        }
    }

    /// The summary in minutes; `None` when empty.
    pub(crate) fn summary_minutes(&self, kind: QuantileType) -> Result<Option<Summary>> {
        match self {
            Durations::Exact(v) => Summary::of_minutes(v, kind),
            Durations::Sketch(s) => s.summary(kind),
        }
    }

    /// A sketch read back agrees with itself.
    #[cfg(feature = "serde")]
    pub(crate) fn validate(&self) -> Result<()> {
        match self {
            Durations::Exact(_) => Ok(()),
            Durations::Sketch(s) => s.validate(),
        }
    }
}

impl Sketch {
    fn alpha(&self) -> f64 {
        f64::from(self.ppm) / 1e6
    }

    fn gamma(&self) -> f64 {
        let a = self.alpha();
        (1.0 + a) / (1.0 - a)
    }

    /// The bucket of `ms` ≥ 1.
    fn key(&self, ms: u64) -> i32 {
        let k = ((ms as f64).ln() / self.gamma().ln()).ceil();
        // Durations below 2^64 ms need at most a few hundred thousand buckets at 0.01 %.
        k.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
    }

    /// The value bucket `k` stands for, in milliseconds, within the sketch's bounds (not
    /// rounded: rounding could take it past α of a short duration).
    fn value(&self, k: i32) -> f64 {
        let g = self.gamma();
        let v = 2.0 * g.powi(k) / (g + 1.0);
        v.clamp(self.min.min(self.max) as f64, self.max as f64)
    }

    fn add(&mut self, ms: u64, count: u64) {
        if ms == 0 {
            self.zeros = self.zeros.saturating_add(count);
        } else {
            let slot = self.buckets.entry(self.key(ms)).or_insert(0);
            *slot = slot.saturating_add(count);
        }
        self.n = self.n.saturating_add(count);
        let (ms, c) = (u128::from(ms), u128::from(count));
        self.sum = self.sum.saturating_add(ms.saturating_mul(c));
        self.squares = self
            .squares
            .and_then(|s| s.checked_add(ms.checked_mul(ms)?.checked_mul(c)?));
        self.min = self.min.min(ms as u64);
        self.max = self.max.max(ms as u64);
    }

    fn merge(&mut self, other: &Sketch) {
        self.zeros = self.zeros.saturating_add(other.zeros);
        for (&k, &c) in &other.buckets {
            let slot = self.buckets.entry(k).or_insert(0);
            *slot = slot.saturating_add(c);
        }
        self.n = self.n.saturating_add(other.n);
        self.sum = self.sum.saturating_add(other.sum);
        self.squares = self
            .squares
            .zip(other.squares)
            .and_then(|(a, b)| a.checked_add(b));
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }

    /// The `i`-th smallest duration (from 0), as its bucket's value.
    fn order_statistic(&self, i: u64) -> f64 {
        if i < self.zeros {
            return 0.0;
        }
        let mut seen = self.zeros;
        for (&k, &c) in &self.buckets {
            seen = seen.saturating_add(c);
            if i < seen {
                return self.value(k);
            }
        }
        self.max as f64
    }

    fn summary(&self, kind: QuantileType) -> Result<Option<Summary>> {
        if self.n == 0 {
            return Ok(None);
        }
        let minutes = |ms: f64| ms / 60_000.0;
        let n = self.n as f64;
        let mean = self.sum as f64 / n;
        let sd = match self.squares {
            Some(squares) if self.n >= 2 => {
                let n128 = u128::from(self.n);
                // n·Σx² − (Σx)² ≥ 0, exact in 128 bits when it fits.
                n128.checked_mul(squares)
                    .and_then(|a| a.checked_sub(self.sum.checked_mul(self.sum)?))
                    .map(|spread| (spread as f64 / (n * (n - 1.0))).sqrt())
            }
            _ => None,
        };
        let quantile =
            |p: f64| order_statistic_quantile(self.n, p, kind, &mut |i| self.order_statistic(i));
        let [median, p90, p95] = [quantile(0.5)?, quantile(0.9)?, quantile(0.95)?];
        let mut rank = |k: u64| minutes(self.order_statistic(k.saturating_sub(1)));
        let median_interval = quantile_bounds(self.n, 0.5, minutes(median), &mut rank)?;
        let p90_interval = quantile_bounds(self.n, 0.9, minutes(p90), &mut rank)?;
        Ok(Some(Summary {
            n: self.n,
            mean: minutes(mean),
            sd: sd.map(minutes),
            median: minutes(median),
            p90: minutes(p90),
            p95: minutes(p95),
            max: minutes(self.max as f64),
            quantile_type: kind,
            relative_error: Some(self.alpha()),
            median_interval: Some(median_interval),
            p90_interval: Some(p90_interval),
        }))
    }

    /// Counts that add up, bounds in order, a known error.
    #[cfg(feature = "serde")]
    fn validate(&self) -> Result<()> {
        let counted = self.buckets.values().fold(u128::from(self.zeros), |t, &c| {
            t.saturating_add(u128::from(c))
        });
        let consistent = (FINEST..=COARSEST).contains(&self.ppm)
            && counted == u128::from(self.n)
            && (self.n == 0
                || (self.min <= self.max
                    && self.sum >= u128::from(self.min).saturating_mul(u128::from(self.n))
                    && self.sum <= u128::from(self.max).saturating_mul(u128::from(self.n))
                    && self.squares.is_none_or(|q| {
                        // Σx² ≤ max·Σx, and n·Σx² ≥ (Σx)² (Cauchy–Schwarz) when it fits.
                        q <= u128::from(self.max).saturating_mul(self.sum)
                            && u128::from(self.n)
                                .checked_mul(q)
                                .zip(self.sum.checked_mul(self.sum))
                                .is_none_or(|(nq, s2)| nq >= s2)
                    })));
        if consistent {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "duration sketch".into(),
                reason: "its counts and bounds contradict each other".into(),
            })
        }
    }
}

/// A `u128` as decimal text.
#[cfg(feature = "serde")]
mod wide {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub(super) fn serialize<S: Serializer>(value: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|_| D::Error::custom(format!("`{text}` is not a whole number")))
    }
}

/// An optional `u128` as decimal text.
#[cfg(feature = "serde")]
mod wide_or_none {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub(super) fn serialize<S: Serializer>(value: &Option<u128>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u128>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| {
                text.parse()
                    .map_err(|_| D::Error::custom(format!("`{text}` is not a whole number")))
            })
            .transpose()
    }
}
