//! Pleasant: courtesy, empathy and complaint handling.

use crate::error::{Error, Result};
use crate::model::{Calendar, Complaint, Completion, Interaction, Rating, SKM_SCALE_MAX};
use crate::stats::checked_on_read;
use crate::stats::{Interval, Level, Moments, QuantileType};
use crate::summary::{Share, Summary, total};

/// The SKM elements that speak to empathy, by key: staff behaviour (courtesy) and complaint
/// handling in PermenPANRB 14/2017, courtesy in KepMenPAN 25/2004.
const EMPATHY_ELEMENTS: [&str; 3] = ["perilaku", "pengaduan", "kesopanan"];

checked_on_read! {
/// Collects what says whether staff were pleasant: direct empathy ratings (on any declared
/// scale), the SKM answers on staff behaviour and complaint handling, and SERVQUAL gaps.
///
/// The empathy score (0–100) is the mean of the direct ratings rescaled as
/// `(rating − min)/(max − min) × 100`, with Student's t interval; without direct ratings it is
/// the SKM answers rescaled the same way (`(answer − 1)/3 × 100`).
///
/// Read back with `serde`, it is checked: a state that pushing and merging cannot reach (counts
/// that contradict each other, a time or value out of range) is refused with
/// [`Error::Inconsistent`](crate::Error::Inconsistent).
///
/// ```
/// use layanan::{EmpathyTally, Interaction, RatingScale, Timestamp};
///
/// let five = RatingScale::new(1, 5)?;
/// let mut tally = EmpathyTally::default();
/// for r in [5, 4, 4, 2] {
///     let visit = Interaction::builder("ktp-el", "kel-sukamaju", Timestamp::from_unix_millis(0))
///         .empathy(five.rating(r)?)
///         .build()?;
///     tally.push(&visit)?;
/// }
/// let report = tally.report()?;
/// // (4 + 3 + 3 + 1) / 4 / 4 × 100 = 68.75
/// assert_eq!(report.score.expect("rated").estimate(), 68.75);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmpathyTally {
    /// Direct ratings rescaled to 0–100.
    ratings: Moments,
    /// Answer counts 1–4 to staff behaviour / courtesy.
    courtesy: [u64; 4],
    /// Answer counts 1–4 to complaint handling.
    complaint_handling: [u64; 4],
    /// SERVQUAL perception − expectation.
    gaps: Moments,
}
}

/// What a set of visits says about empathy.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct EmpathyReport {
    /// Direct ratings counted.
    pub ratings: u64,
    /// Mean SKM answer (1–4) on staff behaviour / courtesy, with its t interval.
    pub courtesy_nrr: Option<Interval>,
    /// Answers on courtesy.
    pub courtesy_answers: u64,
    /// Mean SKM answer (1–4) on complaint handling, with its t interval.
    pub complaint_handling_nrr: Option<Interval>,
    /// Answers on complaint handling.
    pub complaint_handling_answers: u64,
    /// Mean SERVQUAL gap (perception − expectation) with its t interval; negative is a shortfall.
    pub servqual_gap: Option<Interval>,
    /// Empathy score 0–100 with Student's t interval.
    pub score: Option<Interval>,
    /// The score's standard error.
    pub score_standard_error: Option<f64>,
    /// Where the score comes from.
    pub score_source: Option<EmpathySource>,
}

/// What an empathy score was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum EmpathySource {
    /// Direct empathy ratings.
    Ratings,
    /// SKM answers on staff behaviour and complaint handling.
    SkmAnswers,
}

/// The name in this module's overflow errors.
const TALLY: &str = "empathy tally";

fn overflow() -> Error {
    Error::Overflow {
        field: TALLY.into(),
    }
}

/// Mean with its t interval and standard error, of answers 1–4 given as counts; `None` below 2
/// answers.
fn counts_interval(counts: &[u64; 4], level: Level) -> Result<Option<(Interval, f64)>> {
    let n = total(counts, TALLY)?;
    if n < 2 {
        return Ok(None);
    }
    // Exact sums from the counts, then the usual t interval.
    let (mut sum, mut squares) = (0.0, 0.0);
    for (v, &c) in (1..=SKM_SCALE_MAX).zip(counts) {
        let (v, c) = (f64::from(v), c as f64);
        sum += v * c;
        squares += v * v * c;
    }
    let nf = n as f64;
    let mean = sum / nf;
    let variance = ((squares - sum * sum / nf) / (nf - 1.0)).max(0.0);
    let se = (variance / nf).sqrt();
    Ok(Some((Interval::student_t(mean, se, nf - 1.0, level)?, se)))
}

impl EmpathyTally {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a visit's empathy rating and SKM answers on courtesy and complaint handling.
    ///
    /// # Errors
    /// [`Error::Overflow`].
    pub fn push(&mut self, visit: &Interaction) -> Result<()> {
        if let Some(rating) = visit.empathy() {
            self.push_rating(rating)?;
        }
        if let Some(answers) = visit.skm() {
            for key in EMPATHY_ELEMENTS {
                if let Some(answer) = answers.get(key) {
                    let counts = if key == "pengaduan" {
                        &mut self.complaint_handling
                    } else {
                        &mut self.courtesy
                    };
                    if let Some(slot) = counts.get_mut(usize::from(answer).wrapping_sub(1)) {
                        *slot = slot.checked_add(1).ok_or_else(overflow)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds one direct rating, rescaled to 0–100 on its own scale.
    ///
    /// # Errors
    /// None in practice (a [`Rating`] is valid by construction).
    pub fn push_rating(&mut self, rating: Rating) -> Result<()> {
        let scale = rating.scale();
        let (low, high) = (f64::from(scale.min()), f64::from(scale.max()));
        self.ratings
            .push((f64::from(rating.value()) - low) / (high - low) * 100.0)
            .map_err(Error::from)
    }

    /// Adds one SERVQUAL pair on the empathy dimension: what the citizen perceived and what they
    /// expected, on the same scale.
    ///
    /// # Errors
    /// [`Error::MergeMismatch`] when the two ratings use different scales.
    pub fn push_servqual(&mut self, perception: Rating, expectation: Rating) -> Result<()> {
        if perception.scale() != expectation.scale() {
            return Err(Error::MergeMismatch {
                reason: "SERVQUAL perception and expectation on different scales".into(),
            });
        }
        self.gaps
            .push(f64::from(perception.value()) - f64::from(expectation.value()))
            .map_err(Error::from)
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::Overflow`]; `self` is then unchanged.
    pub fn merge(&mut self, other: &EmpathyTally) -> Result<()> {
        let mut courtesy = self.courtesy;
        let mut handling = self.complaint_handling;
        for (a, b) in courtesy
            .iter_mut()
            .zip(&other.courtesy)
            .chain(handling.iter_mut().zip(&other.complaint_handling))
        {
            *a = a.checked_add(*b).ok_or_else(overflow)?;
        }
        let (mut ratings, mut gaps) = (self.ratings, self.gaps);
        ratings.merge(&other.ratings)?;
        gaps.merge(&other.gaps)?;
        (self.courtesy, self.complaint_handling) = (courtesy, handling);
        (self.ratings, self.gaps) = (ratings, gaps);
        Ok(())
    }

    /// Pushing and merging keep these relations; a tally deserialised from tampered data may not.
    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        self.ratings.check_within("empathy ratings", 0.0, 100.0)?;
        self.gaps
            .check_within("SERVQUAL gaps", f64::NEG_INFINITY, f64::INFINITY)
            .map_err(Error::from)
    }

    /// The report at 95 %.
    ///
    /// # Errors
    /// As [`report_with`](Self::report_with).
    pub fn report(&self) -> Result<EmpathyReport> {
        self.report_with(Level::default())
    }

    /// The report at `level`; parts with fewer than 2 observations are `None`.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when nothing at all was counted; [`Error::Overflow`] when
    /// (deserialised) answer counts add up past `u64::MAX`.
    pub fn report_with(&self, level: Level) -> Result<EmpathyReport> {
        let courtesy_answers = total(&self.courtesy, TALLY)?;
        let handling_answers = total(&self.complaint_handling, TALLY)?;
        if self.ratings.count() == 0
            && courtesy_answers == 0
            && handling_answers == 0
            && self.gaps.count() == 0
        {
            return Err(Error::InsufficientData {
                what: "empathy report".into(),
                needed: 1,
                got: 0,
            });
        }
        let (score, score_standard_error, score_source) = if self.ratings.count() >= 2 {
            (
                Some(self.ratings.mean_interval(level)?),
                Some(self.ratings.sem()?),
                Some(EmpathySource::Ratings),
            )
        } else {
            let mut both = self.courtesy;
            for (a, b) in both.iter_mut().zip(&self.complaint_handling) {
                *a = a.saturating_add(*b);
            }
            // Answers 1–4 rescaled: (x − 1)/3 × 100 = (x − 1) × 100/3.
            let rescale = |x: f64| (x - 1.0) * 100.0 / 3.0;
            let skm = counts_interval(&both, level)?;
            (
                skm.map(|(ci, _)| {
                    Interval::from_bounds(
                        rescale(ci.estimate()),
                        rescale(ci.lower()),
                        rescale(ci.upper()),
                        level,
                        ci.method(),
                    )
                })
                .transpose()?,
                skm.map(|(_, se)| se * 100.0 / 3.0),
                skm.map(|_| EmpathySource::SkmAnswers),
            )
        };
        Ok(EmpathyReport {
            ratings: self.ratings.count(),
            courtesy_nrr: counts_interval(&self.courtesy, level)?.map(|(ci, _)| ci),
            courtesy_answers,
            complaint_handling_nrr: counts_interval(&self.complaint_handling, level)?
                .map(|(ci, _)| ci),
            complaint_handling_answers: handling_answers,
            servqual_gap: self.gaps.mean_interval(level).ok(),
            score,
            score_standard_error,
            score_source,
        })
    }
}

checked_on_read! {
/// Counts complaints: filed, answered, resolved, resolved within a target, and how long
/// resolution took (exact median).
///
/// Read back with `serde`, it is checked: a state that pushing and merging cannot reach (counts
/// that contradict each other, a time or value out of range) is refused with
/// [`Error::Inconsistent`](crate::Error::Inconsistent).
///
/// ```
/// use layanan::{Calendar, Complaint, ComplaintTally, Completion, Timestamp};
///
/// let at = |s: &str| s.parse::<Timestamp>();
/// let mut tally = ComplaintTally::new(Completion::WorkingDays(5), Calendar::wib());
/// let filed = at("2025-03-03T09:00:00+07:00")?; // Monday
/// tally.push(&Complaint::filed("kel-a", filed)?.resolved_at(at("2025-03-05T09:00:00+07:00")?)?)?;
/// tally.push(&Complaint::filed("kel-a", filed)?.resolved_at(at("2025-03-14T09:00:00+07:00")?)?)?;
/// tally.push(&Complaint::filed("kel-a", filed)?)?; // still open
/// let report = tally.report()?;
/// assert_eq!(report.filed, 3);
/// assert_eq!(report.unresolved, 1);
/// let on_time = report.resolved_within_target.expect("filed");
/// assert_eq!((on_time.count, on_time.of), (1, 3));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintTally {
    target: Completion,
    calendar: Calendar,
    filed: u64,
    responded: u64,
    resolved: u64,
    within_target: u64,
    /// Hours to first response.
    response_hours: Vec<f64>,
    /// Hours to resolution.
    resolution_hours: Vec<f64>,
}
}

/// How complaints were handled.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ComplaintReport {
    /// Complaints filed.
    pub filed: u64,
    /// Complaints answered at least once.
    pub responded: u64,
    /// Complaints resolved.
    pub resolved: u64,
    /// Complaints not (yet) resolved.
    pub unresolved: u64,
    /// Complaints resolved within the target, of all filed (an open one is not on time).
    pub resolved_within_target: Option<Share>,
    /// Hours to first response.
    pub first_response_hours: Option<Summary>,
    /// Hours to resolution.
    pub resolution_hours: Option<Summary>,
}

impl ComplaintTally {
    /// An empty tally judging resolution against `target`, working days counted on `calendar`.
    pub fn new(target: Completion, calendar: Calendar) -> Self {
        Self {
            target,
            calendar,
            filed: 0,
            responded: 0,
            resolved: 0,
            within_target: 0,
            response_hours: Vec::new(),
            resolution_hours: Vec::new(),
        }
    }

    /// Adds one complaint.
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] when working days cannot be counted; [`Error::Overflow`].
    pub fn push(&mut self, complaint: &Complaint) -> Result<()> {
        let bump = |slot: &mut u64| -> Result<()> {
            *slot = slot.checked_add(1).ok_or_else(overflow)?;
            Ok(())
        };
        let filed = complaint.filed_at();
        let within = match complaint.resolution() {
            Some(resolved) => match self.target {
                Completion::Within(limit) => resolved.since(filed).is_some_and(|t| t <= limit),
                Completion::WorkingDays(days) => {
                    self.calendar.working_days_between(filed, resolved)? <= days
                }
            },
            None => false,
        };
        bump(&mut self.filed)?;
        if let Some(span) = complaint.first_response().and_then(|r| r.since(filed)) {
            bump(&mut self.responded)?;
            self.response_hours.push(span.as_minutes() / 60.0);
        }
        if let Some(span) = complaint.resolution().and_then(|r| r.since(filed)) {
            bump(&mut self.resolved)?;
            self.resolution_hours.push(span.as_minutes() / 60.0);
        }
        if within {
            bump(&mut self.within_target)?;
        }
        Ok(())
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::MergeMismatch`] for another target or calendar; [`Error::Overflow`].
    pub fn merge(&mut self, other: &ComplaintTally) -> Result<()> {
        if self.target != other.target || self.calendar != other.calendar {
            return Err(Error::MergeMismatch {
                reason: "complaint tallies with different targets or calendars".into(),
            });
        }
        let add = |a: u64, b: u64| a.checked_add(b).ok_or_else(overflow);
        let counts = [
            add(self.filed, other.filed)?,
            add(self.responded, other.responded)?,
            add(self.resolved, other.resolved)?,
            add(self.within_target, other.within_target)?,
        ];
        [
            self.filed,
            self.responded,
            self.resolved,
            self.within_target,
        ] = counts;
        self.response_hours.extend_from_slice(&other.response_hours);
        self.resolution_hours
            .extend_from_slice(&other.resolution_hours);
        Ok(())
    }

    /// Pushing and merging keep these relations; a tally deserialised from tampered data may not.
    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        let hours_agree = |hours: &[f64], count: u64| {
            hours.len() as u128 == u128::from(count)
                && hours.iter().all(|h| h.is_finite() && *h >= 0.0)
        };
        let consistent = self.responded <= self.filed
            && self.resolved <= self.filed
            && self.within_target <= self.resolved
            && hours_agree(&self.response_hours, self.responded)
            && hours_agree(&self.resolution_hours, self.resolved);
        if consistent {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "complaint tally".into(),
                reason: "its counts contradict each other, or a time is negative or not finite"
                    .into(),
            })
        }
    }

    /// The report at 95 %.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when no complaint was counted.
    pub fn report(&self) -> Result<ComplaintReport> {
        if self.filed == 0 {
            return Err(Error::InsufficientData {
                what: "complaint report".into(),
                needed: 1,
                got: 0,
            });
        }
        Ok(ComplaintReport {
            filed: self.filed,
            responded: self.responded,
            resolved: self.resolved,
            // resolved ≤ filed: push and merge keep it, and deserialising checks it.
            unresolved: self.filed.saturating_sub(self.resolved),
            resolved_within_target: Share::new(self.within_target, self.filed, Level::default())?,
            first_response_hours: Summary::of(&self.response_hours, QuantileType::Linear)?,
            resolution_hours: Summary::of(&self.resolution_hours, QuantileType::Linear)?,
        })
    }
}
