//! Customer-experience metrics: Net Promoter Score, CSAT and Customer Effort Score.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::{Interaction, RECOMMEND_MAX, Rating, RatingScale};
use crate::stats::checked_on_read;
use crate::stats::{Interval, IntervalMethod, Level, Moments};
use crate::summary::{Share, total};

/// The name in this module's overflow errors.
const TALLY: &str = "customer-experience tally";

fn overflow() -> Error {
    Error::Overflow {
        field: TALLY.into(),
    }
}

fn add_counts<const N: usize>(a: &mut [u64; N], b: &[u64; N]) -> Result<()> {
    let mut sum = *a;
    for (x, y) in sum.iter_mut().zip(b) {
        *x = x.checked_add(*y).ok_or_else(overflow)?;
    }
    *a = sum;
    Ok(())
}

/// Counts answers to "how likely are you to recommend this office?" (0–10).
///
/// Promoters answer 9–10, passives 7–8, detractors 0–6; NPS = 100·(p − d), its standard error
/// `100·√((p + d − (p − d)²)/n)` and a normal interval, clipped to [−100, 100].
///
/// ```
/// use layanan::NpsTally;
///
/// let mut nps = NpsTally::default();
/// for score in [10, 9, 9, 8, 7, 6, 3, 10] {
///     nps.push_score(score)?;
/// }
/// let report = nps.report()?;
/// assert_eq!((report.promoters, report.passives, report.detractors), (4, 2, 2));
/// assert_eq!(report.nps, 25.0); // 100 × (4 − 2) / 8
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NpsTally {
    counts: [u64; 11],
}

/// The Net Promoter Score of a set of answers.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NpsReport {
    /// Answers counted.
    pub n: u64,
    /// Answers of 9–10.
    pub promoters: u64,
    /// Answers of 7–8.
    pub passives: u64,
    /// Answers of 0–6.
    pub detractors: u64,
    /// 100 × (promoters − detractors) / n, −100 to 100.
    pub nps: f64,
    /// Its standard error.
    pub standard_error: f64,
    /// Normal interval, clipped to [−100, 100].
    pub interval: Interval,
}

impl NpsTally {
    /// Adds one answer, 0–10.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 0–10; [`Error::Overflow`].
    pub fn push_score(&mut self, score: i64) -> Result<()> {
        let slot = usize::try_from(score)
            .ok()
            .and_then(|i| self.counts.get_mut(i))
            .ok_or_else(|| Error::OutOfRange {
                field: "recommend".into(),
                value: score,
                min: 0,
                max: RECOMMEND_MAX.into(),
            })?;
        *slot = slot.checked_add(1).ok_or_else(overflow)?;
        Ok(())
    }

    /// Adds a visit's recommend score, if it has one.
    ///
    /// # Errors
    /// [`Error::Overflow`].
    pub fn push(&mut self, visit: &Interaction) -> Result<()> {
        match visit.recommend() {
            Some(score) => self.push_score(score.into()),
            None => Ok(()),
        }
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::Overflow`]; `self` is then unchanged.
    pub fn merge(&mut self, other: &NpsTally) -> Result<()> {
        add_counts(&mut self.counts, &other.counts)
    }

    /// How many answered each score 0–10.
    pub fn counts(&self) -> [u64; 11] {
        self.counts
    }

    /// The NPS at 95 %.
    ///
    /// # Errors
    /// As [`report_with`](Self::report_with).
    pub fn report(&self) -> Result<NpsReport> {
        self.report_with(Level::default())
    }

    /// The NPS with an interval at `level`.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] without answers; [`Error::Overflow`] when the counts add up
    /// past `u64::MAX`.
    pub fn report_with(&self, level: Level) -> Result<NpsReport> {
        let sum = |range: std::ops::RangeInclusive<usize>| -> Result<u64> {
            total(self.counts.get(range).unwrap_or_default(), TALLY)
        };
        let (detractors, passives, promoters) = (sum(0..=6)?, sum(7..=8)?, sum(9..=10)?);
        let n = total(&[detractors, passives, promoters], TALLY)?;
        if n == 0 {
            return Err(Error::InsufficientData {
                what: "net promoter score".into(),
                needed: 1,
                got: 0,
            });
        }
        let (p, d) = (promoters as f64 / n as f64, detractors as f64 / n as f64);
        let nps = 100.0 * (p - d);
        let standard_error = 100.0 * ((p + d - (p - d) * (p - d)).max(0.0) / n as f64).sqrt();
        let z = crate::stats::normal_upper_quantile(level.tail())?;
        Ok(NpsReport {
            n,
            promoters,
            passives,
            detractors,
            nps,
            standard_error,
            interval: Interval::from_bounds(
                nps,
                (nps - z * standard_error).max(-100.0),
                (nps + z * standard_error).min(100.0),
                level,
                IntervalMethod::Normal,
            )?,
        })
    }
}

impl fmt::Display for NpsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "NPS {:+.1} {:.1} (n {}: {} promoters, {} passives, {} detractors)",
            self.nps, self.interval, self.n, self.promoters, self.passives, self.detractors
        )
    }
}

/// Customer satisfaction on a 1–5 scale: the top-2-box share (4 or 5), with Wilson's interval.
///
/// ```
/// use layanan::CsatTally;
///
/// let mut csat = CsatTally::default();
/// for rating in [5, 4, 4, 3, 5, 2] {
///     csat.push_rating(rating)?;
/// }
/// let top2 = csat.report()?;
/// assert_eq!((top2.count, top2.of), (4, 6));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CsatTally {
    counts: [u64; 5],
}

impl CsatTally {
    /// Adds one rating, 1–5.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 1–5; [`Error::Overflow`].
    pub fn push_rating(&mut self, rating: i64) -> Result<()> {
        let slot = usize::try_from(rating)
            .ok()
            .and_then(|r| r.checked_sub(1))
            .and_then(|i| self.counts.get_mut(i))
            .ok_or_else(|| Error::OutOfRange {
                field: "satisfaction rating".into(),
                value: rating,
                min: 1,
                max: 5,
            })?;
        *slot = slot.checked_add(1).ok_or_else(overflow)?;
        Ok(())
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::Overflow`]; `self` is then unchanged.
    pub fn merge(&mut self, other: &CsatTally) -> Result<()> {
        add_counts(&mut self.counts, &other.counts)
    }

    /// How many rated 1, 2, 3, 4, 5.
    pub fn counts(&self) -> [u64; 5] {
        self.counts
    }

    /// The top-2-box share at 95 %.
    ///
    /// # Errors
    /// As [`report_with`](Self::report_with).
    pub fn report(&self) -> Result<Share> {
        self.report_with(Level::default())
    }

    /// The top-2-box share (ratings 4 and 5 of 5) at `level`.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] without ratings; [`Error::Overflow`] when the counts add up
    /// past `u64::MAX`.
    pub fn report_with(&self, level: Level) -> Result<Share> {
        let n = total(&self.counts, TALLY)?;
        let top2 = total(self.counts.get(3..).unwrap_or_default(), TALLY)?;
        Share::new(top2, n, level)?.ok_or_else(|| Error::InsufficientData {
            what: "CSAT".into(),
            needed: 1,
            got: 0,
        })
    }
}

checked_on_read! {
/// Customer Effort Score: the mean answer to "how easy was it?" on a declared scale (commonly
/// 1–7, higher = easier), with Student's t interval.
///
/// Read back with `serde`, it is checked: a state that pushing and merging cannot reach (counts
/// that contradict each other, a time or value out of range) is refused with
/// [`Error::Inconsistent`](crate::Error::Inconsistent).
///
/// ```
/// use layanan::{CesTally, RatingScale};
///
/// let mut ces = CesTally::new(RatingScale::new(1, 7)?);
/// for r in [6, 7, 5, 6] {
///     ces.push_rating(r)?;
/// }
/// assert_eq!(ces.report()?.estimate(), 6.0);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CesTally {
    scale: RatingScale,
    moments: Moments,
}
}

impl CesTally {
    /// An empty tally on `scale`.
    pub fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            moments: Moments::new(),
        }
    }

    /// Adds one rating on the tally's scale.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside the scale.
    pub fn push_rating(&mut self, rating: i64) -> Result<()> {
        let rating: Rating = self.scale.rating(rating)?;
        Ok(self.moments.push(f64::from(rating.value()))?)
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::MergeMismatch`] for tallies on different scales.
    pub fn merge(&mut self, other: &CesTally) -> Result<()> {
        if self.scale != other.scale {
            return Err(Error::MergeMismatch {
                reason: "effort scores on different scales".into(),
            });
        }
        Ok(self.moments.merge(&other.moments)?)
    }

    /// Pushing and merging keep the ratings on the scale; a tally deserialised from tampered
    /// data may not.
    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        let (low, high) = (f64::from(self.scale.min()), f64::from(self.scale.max()));
        Ok(self.moments.check_within("effort scores", low, high)?)
    }

    /// The mean effort score with Student's t interval at 95 %.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] below 2 ratings.
    pub fn report(&self) -> Result<Interval> {
        Ok(self.moments.mean_interval(Level::default())?)
    }
}
