//! Customer-experience metrics: Net Promoter Score, CSAT and Customer Effort Score.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::{Interaction, RECOMMEND_MAX, Rating, RatingScale};
use crate::stats::{Interval, IntervalMethod, Level, Moments};
use crate::summary::{Share, total};
use crate::tally::{Merge, Tally, room};
use crate::visit::Visit;
use crate::wire::versioned;

/// The name in this module's overflow errors.
const TALLY: &str = "customer-experience tally";

fn overflow() -> Error {
    Error::Overflow {
        field: TALLY.into(),
    }
}

/// Settings of a report that has only a confidence level.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LevelOptions {
    /// Confidence level of the intervals.
    pub level: Level,
}

impl LevelOptions {
    /// With a confidence level.
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }
}

/// Counts by value, merged value by value.
fn merge_counts(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x = x.saturating_add(*y);
    }
}

fn check_counts(a: &[u64], b: &[u64]) -> Result<()> {
    for (x, y) in a.iter().zip(b) {
        x.checked_add(*y).ok_or_else(overflow)?;
    }
    Ok(())
}

versioned! {
/// Counts answers to "how likely are you to recommend this office?" (0–10), one per visit.
///
/// Promoters answer 9–10, passives 7–8, detractors 0–6; NPS = 100·(p − d), its standard error
/// `100·√((p + d − (p − d)²)/n)` and a normal interval, clipped to [−100, 100].
///
/// ```
/// use layanan::{Interaction, NpsTally, Tally, Timestamp};
///
/// let mut nps = NpsTally::default();
/// for score in [10, 9, 9, 8, 7, 6, 3, 10] {
///     nps.push(&Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0)).recommend(score).build()?)?;
/// }
/// nps.push_score(10)?; // a bare answer, from a survey outside the visit log
/// let report = nps.report()?;
/// assert_eq!((report.promoters, report.passives, report.detractors), (5, 2, 2));
/// assert!((report.nps - 100.0 * 3.0 / 9.0).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct NpsTally (format 1) {
    counts: [u64; 11],
}
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
    /// Its normal interval, clipped to [−100, 100] (from one answer on: a share's standard
    /// error needs no second answer).
    pub nps_interval: Interval,
}

impl NpsTally {
    /// A visit's recommend score, if it has one: the slot [`count`](Self::count) adds to.
    /// Changes nothing.
    pub(crate) fn judge(&self, visit: &Visit<'_>) -> Result<Option<usize>> {
        let Some(score) = visit.recommend else {
            return Ok(None);
        };
        let slot = usize::from(score);
        room(self.counts.get(slot).copied().unwrap_or(0), TALLY)?;
        Ok(Some(slot))
    }

    /// Counts what [`judge`](Self::judge) read.
    pub(crate) fn count(&mut self, slot: Option<usize>) {
        if let Some(count) = slot.and_then(|i| self.counts.get_mut(i)) {
            *count = count.saturating_add(1);
        }
    }

    /// Adds one bare answer, 0–10 (the same operation as [`Tally::push`] on a visit that has
    /// one).
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

    /// How many answered each score 0–10.
    pub fn counts(&self) -> [u64; 11] {
        self.counts
    }

    #[cfg(feature = "serde")]
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

impl Merge for NpsTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        check_counts(&self.counts, &other.counts)
    }

    fn merge_checked(&mut self, other: &Self) {
        merge_counts(&mut self.counts, &other.counts);
    }
}

impl Tally for NpsTally {
    type Record = Interaction;
    /// The answer's slot, if the visit has one.
    type Checked = Option<usize>;
    type Options = LevelOptions;
    type Report = NpsReport;

    /// Reads a visit's recommend score, if it has one.
    ///
    /// # Errors
    /// [`Error::Overflow`].
    fn check(&self, visit: &Interaction) -> Result<Option<usize>> {
        self.judge(&visit.visit())
    }

    fn commit(&mut self, _: &Interaction, slot: Option<usize>) {
        self.count(slot);
    }

    /// The NPS with an interval at `options.level`.
    ///
    /// # Errors
    /// [`Error::NoData`] without answers; [`Error::Overflow`] when the counts add up past
    /// `u64::MAX`.
    fn report_with(&self, options: &LevelOptions) -> Result<NpsReport> {
        let sum = |range: std::ops::RangeInclusive<usize>| -> Result<u64> {
            total(self.counts.get(range).unwrap_or_default(), TALLY)
        };
        let (detractors, passives, promoters) = (sum(0..=6)?, sum(7..=8)?, sum(9..=10)?);
        let n = total(&[detractors, passives, promoters], TALLY)?;
        if n == 0 {
            return Err(Error::NoData {
                what: "recommend answers".into(),
            });
        }
        let level = options.level;
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
            nps_interval: Interval::from_bounds(
                nps,
                (nps - z * standard_error).max(-100.0),
                (nps + z * standard_error).min(100.0),
                level,
                IntervalMethod::Normal,
            )?,
        })
    }
}

impl fmt::Display for CsatReport {
    /// `CSAT 3/4 = 75.0% [30.1, 95.4] rated 4–5 of 5 (counts 1–5: 0 1 0 2 1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let top = self.scale.max();
        write!(
            f,
            "CSAT {} rated {}–{top} of {top} (counts {}–{top}:",
            self.top_two,
            top.saturating_sub(1),
            self.scale.min()
        )?;
        for count in &self.counts {
            write!(f, " {count}")?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for CesReport {
    /// `CES mean 5.40 [3.52, 7.00] on 1..=7 (n 5)`; one rating has no interval.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CES mean {:.2}", self.mean)?;
        if let Some(ci) = self.mean_interval {
            write!(f, " {ci:.2}")?;
        }
        write!(f, " on {} (n {})", self.scale, self.n)
    }
}

impl fmt::Display for NpsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "NPS {:+.1} {:.1} (n {}: {} promoters, {} passives, {} detractors)",
            self.nps, self.nps_interval, self.n, self.promoters, self.passives, self.detractors
        )
    }
}

versioned! {
/// Customer satisfaction: the share of ratings in the top two boxes of the scale (4–5 of 5 on
/// the default 1–5 scale), with Wilson's interval.
///
/// ```
/// use layanan::{CsatTally, RatingScale, Tally};
///
/// let five = RatingScale::FIVE_POINT;
/// let mut csat = CsatTally::default();
/// for rating in [5, 4, 4, 3, 5, 2] {
///     csat.push(&five.rating(rating)?)?;
/// }
/// let report = csat.report()?;
/// assert_eq!((report.top_two.count, report.top_two.of), (4, 6));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CsatTally (format 1) {
    scale: RatingScale,
    /// How many gave each value of the scale, lowest first.
    counts: Vec<u64>,
}
}

impl Default for CsatTally {
    /// Ratings on 1–5.
    fn default() -> Self {
        Self::new(RatingScale::FIVE_POINT)
    }
}

/// Customer satisfaction of a set of ratings.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CsatReport {
    /// The scale.
    pub scale: RatingScale,
    /// How many gave each value, lowest first.
    pub counts: Vec<u64>,
    /// Ratings in the top two boxes, with Wilson's interval.
    pub top_two: Share,
}

impl CsatTally {
    /// An empty tally of ratings on `scale`.
    pub fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            counts: vec![0; scale.len()],
        }
    }

    /// How many gave each value of the scale, lowest first.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    #[cfg(feature = "serde")]
    fn validate(&self) -> Result<()> {
        if self.counts.len() == self.scale.len() {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "CSAT tally".into(),
                reason: format!(
                    "{} counts for a scale of {} values",
                    self.counts.len(),
                    self.scale.len()
                ),
            })
        }
    }
}

/// The index of `rating` in counts on `scale`, or the error naming both scales.
fn slot(scale: RatingScale, rating: &Rating, field: &str) -> Result<usize> {
    if rating.scale() != scale {
        return Err(Error::ScaleMismatch {
            field: field.into(),
            expected: scale,
            got: rating.scale(),
        });
    }
    Ok(usize::from(rating.value().abs_diff(scale.min())))
}

fn scales_agree(what: &str, a: RatingScale, b: RatingScale) -> Result<()> {
    if a == b {
        Ok(())
    } else {
        Err(Error::MergeMismatch {
            what: what.into(),
            difference: format!("their rating scales differ ({a} vs {b})"),
        })
    }
}

impl Merge for CsatTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        scales_agree("CSAT tallies", self.scale, other.scale)?;
        check_counts(&self.counts, &other.counts)
    }

    fn merge_checked(&mut self, other: &Self) {
        merge_counts(&mut self.counts, &other.counts);
    }
}

impl Tally for CsatTally {
    type Record = Rating;
    type Checked = usize;
    type Options = LevelOptions;
    type Report = CsatReport;

    /// # Errors
    /// [`Error::ScaleMismatch`] for a rating on another scale; [`Error::Overflow`].
    fn check(&self, rating: &Rating) -> Result<usize> {
        let i = slot(self.scale, rating, "satisfaction rating")?;
        room(self.counts.get(i).copied().unwrap_or(0), TALLY)?;
        Ok(i)
    }

    fn commit(&mut self, _: &Rating, i: usize) {
        if let Some(count) = self.counts.get_mut(i) {
            *count = count.saturating_add(1);
        }
    }

    /// # Errors
    /// [`Error::NoData`] without ratings; [`Error::Overflow`] when the counts add up past
    /// `u64::MAX`.
    fn report_with(&self, options: &LevelOptions) -> Result<CsatReport> {
        let n = total(&self.counts, TALLY)?;
        let top_two = total(
            self.counts
                .get(self.counts.len().saturating_sub(2)..)
                .unwrap_or_default(),
            TALLY,
        )?;
        let top_two = Share::new(top_two, n, options.level)?.ok_or_else(|| Error::NoData {
            what: "satisfaction ratings".into(),
        })?;
        Ok(CsatReport {
            scale: self.scale,
            counts: self.counts.clone(),
            top_two,
        })
    }
}

versioned! {
/// Customer Effort Score: the mean answer to "how easy was it?" on a declared scale (commonly
/// 1–7, higher = easier), with Student's t interval.
///
/// ```
/// use layanan::{CesTally, RatingScale, Tally};
///
/// let seven = RatingScale::new(1, 7)?;
/// let mut ces = CesTally::new(seven);
/// for r in [6, 7, 5, 6] {
///     ces.push(&seven.rating(r)?)?;
/// }
/// assert_eq!(ces.report()?.mean, 6.0);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CesTally (format 1) {
    scale: RatingScale,
    moments: Moments,
}
}

/// The Customer Effort Score of a set of ratings.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CesReport {
    /// The scale.
    pub scale: RatingScale,
    /// Ratings counted.
    pub n: u64,
    /// The mean rating.
    pub mean: f64,
    /// The mean's Student t interval, held within the scale (`None` below 2 ratings).
    pub mean_interval: Option<Interval>,
}

impl CesTally {
    /// An empty tally on `scale`.
    pub fn new(scale: RatingScale) -> Self {
        Self {
            scale,
            moments: Moments::new(),
        }
    }

    /// Ratings on the tally's scale must stay on it; a tally read back from tampered data may
    /// not.
    #[cfg(feature = "serde")]
    fn validate(&self) -> Result<()> {
        let (low, high) = (f64::from(self.scale.min()), f64::from(self.scale.max()));
        self.moments
            .check_within("effort scores", low, high)
            .map_err(Error::from)
    }
}

impl Merge for CesTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        scales_agree("effort tallies", self.scale, other.scale)?;
        self.moments.check_merge(&other.moments)
    }

    fn merge_checked(&mut self, other: &Self) {
        self.moments.merge_checked(&other.moments);
    }
}

impl Tally for CesTally {
    type Record = Rating;
    type Checked = ();
    type Options = LevelOptions;
    type Report = CesReport;

    /// # Errors
    /// [`Error::ScaleMismatch`] for a rating on another scale; [`Error::Overflow`].
    fn check(&self, rating: &Rating) -> Result<()> {
        slot(self.scale, rating, "effort rating")?;
        room(self.moments.count(), TALLY)
    }

    fn commit(&mut self, rating: &Rating, (): ()) {
        // Checked: a finite value, and room for one more.
        let _ = self.moments.push(f64::from(rating.value()));
    }

    /// # Errors
    /// [`Error::NoData`] without ratings.
    fn report_with(&self, options: &LevelOptions) -> Result<CesReport> {
        let n = self.moments.count();
        if n == 0 {
            return Err(Error::NoData {
                what: "effort ratings".into(),
            });
        }
        Ok(CesReport {
            scale: self.scale,
            n,
            mean: self.moments.mean()?,
            // Held within the scale: no mean of its ratings lies outside it.
            mean_interval: (n >= 2)
                .then(|| self.moments.mean_interval(options.level))
                .transpose()?
                .map(|i| i.clamped(f64::from(self.scale.min()), f64::from(self.scale.max()))),
        })
    }
}
