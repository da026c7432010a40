//! Pleasant: were staff courteous, and are complaints handled? One definition per source,
//! never substituted for another.
//!
//! * **Direct ratings** of the staff's empathy, on the tally's declared scale (1–5 unless
//!   set): the share of ratings in the top two boxes (4–5 of 5), with Wilson's interval.
//! * **SKM answers** on staff behaviour / courtesy (U7 *Perilaku Pelaksana*, or *Kesopanan
//!   dan Keramahan* in the 2004 instrument) and on complaint handling (U9 *Penanganan
//!   Pengaduan*): each element's NRR, and its score on the SKM's own 25–100 scale (NRR × 25)
//!   graded with the instrument's bands, exactly as the SKM table grades it.
//!
//! Both are reported side by side where both exist. Which one a visit's "courteous" promise is
//! judged on is [`PromiseTally`](crate::PromiseTally)'s rule, stated there.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::{
    COURTESY_KEYS, Element, Instrument, Interaction, Mutu, Rating, RatingScale, SKM_SCALE_MAX,
};
use crate::skm::exact;
use crate::stats::{Interval, Level, Moments};
use crate::summary::Share;
use crate::tally::{Merge, Tally, room};
use crate::visit::Visit;
use crate::wire::versioned;

versioned! {
/// Counts direct empathy ratings, the SKM answers on courtesy and complaint handling, and
/// SERVQUAL gaps.
///
/// The tally owns the ratings' scale and the SKM instrument whose courtesy and
/// complaint-handling elements and grade bands it uses; a rating on another scale is refused,
/// and tallies of other settings do not merge.
///
/// ```
/// use layanan::{EmpathyTally, Interaction, Mutu, RatingScale, Tally, Timestamp, Instrument};
///
/// let five = RatingScale::new(1, 5)?;
/// let skm = Instrument::permenpanrb_14_2017();
/// let mut tally = EmpathyTally::default();
/// for (r, courtesy) in [(5, 4), (4, 3), (4, 4), (2, 2)] {
///     let visit = Interaction::builder("ktp-el", "kel-sukamaju", Timestamp::from_unix_millis(0))
///         .empathy(five.rating(r)?)
///         .skm(skm.answers().set("perilaku", courtesy)?.build())
///         .build()?;
///     tally.push(&visit)?;
/// }
/// let report = tally.report()?;
/// let top_two = report.ratings.expect("rated").top_two;
/// assert_eq!((top_two.count, top_two.of), (3, 4)); // 5, 4, 4 of 5
/// let courtesy = report.courtesy.expect("answered");
/// assert_eq!(courtesy.nrr, 3.25); // (4 + 3 + 4 + 2) / 4
/// assert_eq!((courtesy.score, courtesy.mutu), (81.25, Mutu::B)); // 3.25 × 25
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EmpathyTally (format 1) {
    scale: RatingScale,
    instrument: Instrument,
    /// How many rated each value of the scale, lowest first.
    ratings: Vec<u64>,
    /// How many answered 1, 2, 3, 4 on courtesy.
    courtesy: [u64; 4],
    /// How many answered 1, 2, 3, 4 on complaint handling.
    complaint_handling: [u64; 4],
    /// SERVQUAL perception − expectation.
    gaps: Moments,
}
}

impl Default for EmpathyTally {
    /// Ratings on 1–5, SKM answers of PermenPANRB 14/2017.
    fn default() -> Self {
        Self::new(RatingScale::FIVE_POINT, Instrument::permenpanrb_14_2017())
    }
}

/// The courtesy or complaint-handling element of the SKM: its answers, NRR and score on the
/// SKM scale.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SkmElementScore {
    /// The element's key (`perilaku`, `kesopanan`, `pengaduan`).
    pub key: String,
    /// Its Indonesian name.
    pub name: String,
    /// Answers counted.
    pub n: u64,
    /// How many answered 1, 2, 3, 4.
    pub counts: [u64; 4],
    /// The mean answer, 1–4.
    pub nrr: f64,
    /// The NRR's Student t interval (`None` below 2 answers).
    pub nrr_interval: Option<Interval>,
    /// NRR × 25, on the SKM's 25–100 scale.
    pub score: f64,
    /// The score's interval (`None` below 2 answers).
    pub score_interval: Option<Interval>,
    /// The grade of the score rounded half up to 2 decimals, with the instrument's bands.
    pub mutu: Mutu,
}

/// Direct empathy ratings.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RatingsReport {
    /// The scale they were given on.
    pub scale: RatingScale,
    /// Ratings counted.
    pub n: u64,
    /// How many gave each value, lowest first.
    pub counts: Vec<u64>,
    /// Ratings in the top two boxes (4–5 of 5), with Wilson's interval.
    pub top_two: Share,
    /// The mean rating.
    pub mean: f64,
    /// The mean's Student t interval, held within the scale (`None` below 2 ratings).
    pub mean_interval: Option<Interval>,
}

/// What a set of visits says about empathy, one source per field.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct EmpathyReport {
    /// Direct ratings, if any.
    pub ratings: Option<RatingsReport>,
    /// SKM answers on courtesy, if any.
    pub courtesy: Option<SkmElementScore>,
    /// SKM answers on complaint handling, if any.
    pub complaint_handling: Option<SkmElementScore>,
    /// Mean SERVQUAL gap (perception − expectation); negative is a shortfall. `None` without
    /// a pair.
    pub servqual_gap: Option<f64>,
    /// The gap's Student t interval (`None` below 2 pairs).
    pub servqual_gap_interval: Option<Interval>,
}

/// Settings of an empathy report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct EmpathyOptions {
    /// Confidence level of the intervals.
    pub level: Level,
}

impl EmpathyOptions {
    /// With a confidence level.
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }
}

/// What [`EmpathyTally::check`](Tally::check) reads from one visit: indices into the counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmpathyAnswers {
    rating: Option<usize>,
    courtesy: Option<usize>,
    complaint_handling: Option<usize>,
}

/// Where a visit's courtesy was judged from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum CourtesySource {
    /// The visit's direct empathy rating: courteous when in the top two boxes of its scale.
    Rating,
    /// The visit's SKM answer on staff behaviour (or courtesy): courteous when 3 or 4 of 4.
    SkmAnswer,
}

/// Whether a visit's citizen found the staff courteous, and from which source: the direct
/// rating where the visit has one, else the SKM courtesy answer; `None` when neither.
pub(crate) fn courteous(visit: &Visit<'_>) -> Option<(bool, CourtesySource)> {
    if let Some(r) = visit.empathy {
        let top_two = r.value() >= r.scale().max().saturating_sub(1);
        return Some((top_two, CourtesySource::Rating));
    }
    let answers = visit.skm?;
    let answer = COURTESY_KEYS.into_iter().find_map(|k| answers.get(k))?;
    Some((answer >= 3, CourtesySource::SkmAnswer))
}

fn overflow() -> Error {
    Error::Overflow {
        field: "empathy tally count".into(),
    }
}

impl EmpathyTally {
    /// Reads a visit's empathy rating and its SKM answers on courtesy and complaint handling:
    /// what [`count`](Self::count) adds. Changes nothing.
    pub(crate) fn judge(&self, visit: &Visit<'_>) -> Result<EmpathyAnswers> {
        room(self.largest_count(), "empathy tally count")?;
        let rating = match visit.empathy {
            Some(r) if r.scale() != self.scale => {
                return Err(Error::ScaleMismatch {
                    field: "empathy".into(),
                    expected: self.scale,
                    got: r.scale(),
                });
            }
            Some(r) => Some(usize::from(r.value().abs_diff(self.scale.min()))),
            None => None,
        };
        let answer = |position: Option<usize>| {
            let value = visit.skm?.at(&self.instrument, position?)?;
            Some(usize::from(value).saturating_sub(1))
        };
        Ok(EmpathyAnswers {
            rating,
            courtesy: answer(self.instrument.courtesy_position()),
            complaint_handling: answer(self.instrument.complaint_handling_position()),
        })
    }

    /// Counts what [`judge`](Self::judge) read.
    pub(crate) fn count(&mut self, answers: EmpathyAnswers) {
        let bump_at = |counts: &mut [u64], i: Option<usize>| {
            if let Some(slot) = i.and_then(|i| counts.get_mut(i)) {
                *slot = slot.saturating_add(1);
            }
        };
        bump_at(&mut self.ratings, answers.rating);
        bump_at(&mut self.courtesy, answers.courtesy);
        bump_at(&mut self.complaint_handling, answers.complaint_handling);
    }

    /// An empty tally of ratings on `scale`, reading SKM answers of `instrument`.
    pub fn new(scale: RatingScale, instrument: Instrument) -> Self {
        let values = usize::from(scale.max().abs_diff(scale.min())).saturating_add(1);
        Self {
            scale,
            instrument,
            ratings: vec![0; values],
            courtesy: [0; 4],
            complaint_handling: [0; 4],
            gaps: Moments::new(),
        }
    }

    /// The scale of direct ratings.
    pub fn scale(&self) -> RatingScale {
        self.scale
    }

    /// The key of the element at `position` of the instrument.
    fn key_at(&self, position: Option<usize>) -> Option<&str> {
        position
            .and_then(|i| self.instrument.elements().get(i))
            .map(Element::key)
    }

    /// Adds one SERVQUAL pair on the empathy dimension: what the citizen perceived and what they
    /// expected, on the same scale.
    ///
    /// # Errors
    /// [`Error::ScaleMismatch`] when the two ratings use different scales; [`Error::Overflow`].
    pub fn push_servqual(&mut self, perception: Rating, expectation: Rating) -> Result<()> {
        if perception.scale() != expectation.scale() {
            return Err(Error::ScaleMismatch {
                field: "SERVQUAL expectation".into(),
                expected: perception.scale(),
                got: expectation.scale(),
            });
        }
        let mut gaps = self.gaps;
        gaps.push(f64::from(perception.value()) - f64::from(expectation.value()))?;
        self.gaps = gaps;
        Ok(())
    }

    /// The instrument whose SKM answers it reads.
    pub fn instrument(&self) -> &Instrument {
        &self.instrument
    }

    /// The most visits any one source counted (ratings, courtesy or complaint-handling
    /// answers), in 128 bits: each visit adds at most one to each.
    #[cfg(feature = "serde")]
    pub(crate) fn largest_count_total(&self) -> u128 {
        let sum = |counts: &[u64]| counts.iter().map(|&c| u128::from(c)).sum::<u128>();
        sum(&self.ratings)
            .max(sum(&self.courtesy))
            .max(sum(&self.complaint_handling))
    }

    /// `(ratings, courtesy answers)` counted.
    #[cfg(feature = "serde")]
    pub(crate) fn rated(&self) -> [u128; 2] {
        let sum = |counts: &[u64]| counts.iter().map(|&c| u128::from(c)).sum::<u128>();
        [sum(&self.ratings), sum(&self.courtesy)]
    }

    /// The most any count holds.
    fn largest_count(&self) -> u64 {
        self.ratings
            .iter()
            .chain(&self.courtesy)
            .chain(&self.complaint_handling)
            .copied()
            .max()
            .unwrap_or(0)
    }

    /// Pushing and merging keep these relations; a tally read back from tampered data may not.
    #[cfg(feature = "serde")]
    fn validate(&self) -> Result<()> {
        let values = usize::from(self.scale.max().abs_diff(self.scale.min())).saturating_add(1);
        if self.ratings.len() != values {
            return Err(Error::Inconsistent {
                what: "empathy tally".into(),
                reason: format!(
                    "{} rating counts for a scale of {values} values",
                    self.ratings.len()
                ),
            });
        }
        self.gaps
            .check_within("SERVQUAL gaps", f64::NEG_INFINITY, f64::INFINITY)
            .map_err(Error::from)
    }
}

/// Adds `b` to `a` value by value, or `None` on overflow.
fn sum_counts(a: &[u64], b: &[u64]) -> Option<Vec<u64>> {
    a.iter().zip(b).map(|(x, y)| x.checked_add(*y)).collect()
}

impl Merge for EmpathyTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        if self.scale != other.scale {
            return Err(Error::MergeMismatch {
                what: "empathy tallies".into(),
                difference: format!(
                    "their rating scales differ ({} vs {})",
                    self.scale, other.scale
                ),
            });
        }
        self.instrument
            .check_same(&other.instrument, "empathy tallies")?;
        sum_counts(&self.ratings, &other.ratings).ok_or_else(overflow)?;
        sum_counts(&self.courtesy, &other.courtesy).ok_or_else(overflow)?;
        sum_counts(&self.complaint_handling, &other.complaint_handling).ok_or_else(overflow)?;
        self.gaps.check_merge(&other.gaps)
    }

    fn merge_checked(&mut self, other: &Self) {
        let add = |a: &mut [u64], b: &[u64]| {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.saturating_add(*y);
            }
        };
        add(&mut self.ratings, &other.ratings);
        add(&mut self.courtesy, &other.courtesy);
        add(&mut self.complaint_handling, &other.complaint_handling);
        self.gaps.merge_checked(&other.gaps);
    }
}

impl Tally for EmpathyTally {
    type Record = Interaction;
    type Checked = EmpathyAnswers;
    type Options = EmpathyOptions;
    type Report = EmpathyReport;

    /// Reads a visit's empathy rating and its SKM answers on courtesy and complaint handling.
    ///
    /// # Errors
    /// [`Error::ScaleMismatch`] for a rating on another scale than the tally's;
    /// [`Error::Overflow`].
    fn check(&self, visit: &Interaction) -> Result<EmpathyAnswers> {
        self.judge(&visit.visit())
    }

    fn commit(&mut self, _: &Interaction, answers: EmpathyAnswers) {
        self.count(answers);
    }

    /// Each source's report; a source without data is `None`.
    ///
    /// # Errors
    /// [`Error::NoData`] when nothing at all was counted; [`Error::Overflow`] when (read back)
    /// counts add up past `u64::MAX`.
    fn report_with(&self, options: &EmpathyOptions) -> Result<EmpathyReport> {
        let level = options.level;
        let element = |key: Option<&str>, counts: &[u64; 4]| -> Result<Option<SkmElementScore>> {
            match key {
                Some(key) => self.element_score(key, counts, level),
                None => Ok(None),
            }
        };
        let report = EmpathyReport {
            ratings: self.ratings_report(level)?,
            courtesy: element(
                self.key_at(self.instrument.courtesy_position()),
                &self.courtesy,
            )?,
            complaint_handling: element(
                self.key_at(self.instrument.complaint_handling_position()),
                &self.complaint_handling,
            )?,
            servqual_gap: (self.gaps.count() >= 1)
                .then(|| self.gaps.mean())
                .transpose()?,
            servqual_gap_interval: (self.gaps.count() >= 2)
                .then(|| self.gaps.mean_interval(level))
                .transpose()?,
        };
        if report.ratings.is_none()
            && report.courtesy.is_none()
            && report.complaint_handling.is_none()
            && self.gaps.count() == 0
        {
            return Err(Error::NoData {
                what: "empathy ratings or SKM answers on courtesy".into(),
            });
        }
        Ok(report)
    }
}

/// Count-weighted sums of `values`: `(n, Σx, Σx²)` in floating point from exact counts.
fn sums(values: impl Iterator<Item = f64>, counts: &[u64]) -> Result<(u64, f64, f64)> {
    let n = counts
        .iter()
        .try_fold(0u64, |n, &c| n.checked_add(c))
        .ok_or_else(overflow)?;
    let (mut sum, mut squares) = (0.0, 0.0);
    for (v, &c) in values.zip(counts) {
        sum += v * c as f64;
        squares += v * v * c as f64;
    }
    Ok((n, sum, squares))
}

/// The mean's Student t interval from `(n, Σx, Σx²)` of values in `[min, max]`, held within
/// that range; `None` below 2 values.
fn mean_interval(
    (n, sum, squares): (u64, f64, f64),
    (min, max): (f64, f64),
    level: Level,
) -> Result<Option<Interval>> {
    if n < 2 {
        return Ok(None);
    }
    let nf = n as f64;
    let mean = sum / nf;
    let variance = ((squares - sum * sum / nf) / (nf - 1.0)).max(0.0);
    Ok(Some(
        Interval::student_t(mean, (variance / nf).sqrt(), nf - 1.0, level)?.clamped(min, max),
    ))
}

impl EmpathyTally {
    fn ratings_report(&self, level: Level) -> Result<Option<RatingsReport>> {
        let low = self.scale.min();
        let values = (0..self.ratings.len()).map(|i| f64::from(low) + i as f64);
        let (n, sum, squares) = sums(values, &self.ratings)?;
        if n == 0 {
            return Ok(None);
        }
        // The top two boxes: the highest two values of the scale.
        let top: u64 = self
            .ratings
            .iter()
            .rev()
            .take(2)
            .try_fold(0u64, |t, &c| t.checked_add(c))
            .ok_or_else(overflow)?;
        let top_two = Share::new(top, n, level)?.ok_or_else(overflow)?;
        Ok(Some(RatingsReport {
            scale: self.scale,
            n,
            counts: self.ratings.clone(),
            top_two,
            // Held within the scale, as its interval is.
            mean: (sum / n as f64).clamp(f64::from(low), f64::from(self.scale.max())),
            mean_interval: mean_interval(
                (n, sum, squares),
                (f64::from(low), f64::from(self.scale.max())),
                level,
            )?,
        }))
    }

    fn element_score(
        &self,
        key: &str,
        counts: &[u64; 4],
        level: Level,
    ) -> Result<Option<SkmElementScore>> {
        let values = (1..=SKM_SCALE_MAX).map(f64::from);
        let (n, sum, squares) = sums(values, counts)?;
        if n == 0 {
            return Ok(None);
        }
        let nrr = sum / n as f64;
        let exact_sum = (1..=SKM_SCALE_MAX)
            .zip(counts)
            .try_fold(0u64, |s, (v, &c)| {
                s.checked_add(u64::from(v).checked_mul(c)?)
            });
        let hundredths = exact_sum
            .and_then(|s| exact::nrr(s, n, exact::NrrRounding::Exact))
            .and_then(exact::nik_hundredths)
            .unwrap_or_else(|| exact::hundredths_of_f64(25.0 * nrr));
        let nrr_interval =
            mean_interval((n, sum, squares), (1.0, f64::from(SKM_SCALE_MAX)), level)?;
        let name = self
            .instrument
            .position(key)
            .ok()
            .and_then(|i| self.instrument.elements().get(i))
            .map_or_else(|| key.to_owned(), |e| e.name().to_owned());
        Ok(Some(SkmElementScore {
            key: key.to_owned(),
            name,
            n,
            counts: *counts,
            nrr,
            score: 25.0 * nrr,
            score_interval: nrr_interval.map(|ci| ci.scaled(25.0)),
            nrr_interval,
            mutu: self.instrument.bands().grade(hundredths),
        }))
    }
}

impl fmt::Display for EmpathyReport {
    /// The empathy section of a report, one line per source.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(r) = &self.ratings {
            write!(
                f,
                "staff rated {}–{} of {} (top two boxes) {}",
                r.scale.max().saturating_sub(1),
                r.scale.max(),
                r.scale.max(),
                r.top_two
            )?;
            write!(f, " · mean rating {:.2}", r.mean)?;
            if let Some(ci) = r.mean_interval {
                write!(f, " {ci:.2}")?;
            }
            writeln!(f)?;
        }
        for (label, score) in [
            ("courtesy (SKM)", &self.courtesy),
            ("complaint handling (SKM)", &self.complaint_handling),
        ] {
            if let Some(s) = score {
                write!(
                    f,
                    "{label} NRR {:.2} → {:.2} on 25–100, mutu {} (n {})",
                    s.nrr, s.score, s.mutu, s.n
                )?;
                if let Some(ci) = s.score_interval {
                    write!(f, " {ci:.2}")?;
                }
                writeln!(f)?;
            }
        }
        if let Some(gap) = self.servqual_gap {
            write!(f, "SERVQUAL gap {gap:+.2}")?;
            if let Some(ci) = self.servqual_gap_interval {
                write!(f, " {ci:.2}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}
