//! Promises kept: fast, pleasant and cheap judged together, visit by visit.
//!
//! Each visit carries up to three promises to the citizen, each judged only where it was
//! measured:
//!
//! * **on time** — finished within the service's published completion time (an open visit is
//!   broken once past its deadline at `as_of`, undecided before);
//! * **charged** — paid no more than the official tariff (overcharging is a flag no other
//!   promise offsets);
//! * **courteous** — rated courteous by the citizen: the visit's direct empathy rating in the
//!   top two boxes of its scale where it has one, else its SKM answer on staff behaviour of 3
//!   or 4 out of 4 (a documented rule, decided per visit, never by counting sources).
//!
//! The composite is the share of judged visits that kept **every** promise measured on them.
//! Beside it, each promise's own share (kept of measured, the same number as the speed, cost
//! and empathy reports give) against its target, and the share of judged visits that broke it:
//! the composite's failures are the union of those. A visit with no promise measured is not
//! judged; one whose only open question is a deadline not yet reached is pending.
//!
//! The weakest promise is the one furthest below its target, decided on the intervals: when
//! its interval overlaps another candidate's, the report says the two are not
//! distinguishable rather than naming one.

use std::fmt;
use std::sync::Arc;

use crate::cost;
use crate::empathy::{self, CourtesySource};
use crate::error::{Error, Result};
use crate::model::{Interaction, Standards, Timeliness, Timestamp};
use crate::speed;
use crate::stats::{Interval, Level};
use crate::summary::{Coverage, Share};
use crate::tally::{Merge, Tally, bump, counts, report_time, room};
use crate::visit::{Rules, Visit};
use crate::wire::versioned;

/// One of the promises a visit makes to the citizen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Promise {
    /// Finished within the published completion time.
    OnTime,
    /// Charged no more than the official tariff.
    Charged,
    /// Rated courteous.
    Courteous,
}

impl Promise {
    /// The three promises, in report order.
    pub const ALL: [Promise; 3] = [Promise::OnTime, Promise::Charged, Promise::Courteous];

    /// What keeping it means, for a report.
    pub fn kept_label(self) -> &'static str {
        match self {
            Promise::OnTime => "on time",
            Promise::Charged => "not overcharged",
            Promise::Courteous => "courteous",
        }
    }

    /// What breaking it means, for a report.
    pub fn broken_label(self) -> &'static str {
        match self {
            Promise::OnTime => "late",
            Promise::Charged => "overcharged",
            Promise::Courteous => "discourteous",
        }
    }
}

impl fmt::Display for Promise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.kept_label())
    }
}

/// The share of measured visits each promise aims at.
///
/// Defaults: 95 % on time, 100 % not overcharged (every overcharge is below target), 90 %
/// courteous.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TargetShares", into = "TargetShares")
)]
pub struct PromiseTargets {
    on_time: f64,
    charged: f64,
    courteous: f64,
}

/// The serialised form of [`PromiseTargets`], read through [`PromiseTargets::with`] so a
/// target outside 0–1 cannot be smuggled in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct TargetShares {
    on_time: f64,
    charged: f64,
    courteous: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<TargetShares> for PromiseTargets {
    type Error = Error;
    fn try_from(t: TargetShares) -> Result<Self> {
        PromiseTargets::default()
            .with(Promise::OnTime, t.on_time)?
            .with(Promise::Charged, t.charged)?
            .with(Promise::Courteous, t.courteous)
    }
}

#[cfg(feature = "serde")]
impl From<PromiseTargets> for TargetShares {
    fn from(t: PromiseTargets) -> Self {
        TargetShares {
            on_time: t.on_time,
            charged: t.charged,
            courteous: t.courteous,
        }
    }
}

impl Default for PromiseTargets {
    fn default() -> Self {
        Self {
            on_time: 0.95,
            charged: 1.0,
            courteous: 0.90,
        }
    }
}

impl PromiseTargets {
    /// With `promise`'s target set to `share` (0–1).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] outside 0–1 (or not finite).
    pub fn with(mut self, promise: Promise, share: f64) -> Result<Self> {
        if !(share.is_finite() && (0.0..=1.0).contains(&share)) {
            return Err(Error::InvalidValue {
                field: format!("target for `{promise}`"),
                value: share,
                expected: "a share between 0 and 1".into(),
            });
        }
        match promise {
            Promise::OnTime => self.on_time = share,
            Promise::Charged => self.charged = share,
            Promise::Courteous => self.courteous = share,
        }
        Ok(self)
    }

    /// `promise`'s target.
    pub fn of(&self, promise: Promise) -> f64 {
        match promise {
            Promise::OnTime => self.on_time,
            Promise::Charged => self.charged,
            Promise::Courteous => self.courteous,
        }
    }
}

/// Settings of a promises report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PromiseOptions {
    /// Confidence level of the intervals.
    pub level: Level,
    /// The instant open visits are judged at; the latest time in the data when `None`.
    pub as_of: Option<Timestamp>,
    /// Each promise's target.
    pub targets: PromiseTargets,
}

impl PromiseOptions {
    /// With a confidence level.
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Judging open visits as of `at`.
    pub fn as_of(mut self, at: Timestamp) -> Self {
        self.as_of = Some(at);
        self
    }

    /// With other targets.
    pub fn targets(mut self, targets: PromiseTargets) -> Self {
        self.targets = targets;
        self
    }
}

counts! {
    /// What a promise tally counts, over visits whose promises are all decided.
    pub(crate) struct PromiseCounts {
        visits,
        /// Visits with a promise measured and every measured promise decided.
        judged,
        /// Of those, visits that kept every one.
        all_kept,
        on_time_measured,
        on_time_kept,
        charged_measured,
        charged_kept,
        courteous_measured,
        courteous_kept,
        /// Courtesy judged from a direct rating.
        courtesy_from_rating,
        /// Courtesy judged from an SKM answer.
        courtesy_from_skm,
    }
}

/// A visit whose on-time promise was still open: decided at report time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct OpenVisit {
    /// The last on-time instant.
    due: i64,
    /// The charged promise: measured and kept.
    charged: Option<bool>,
    /// The courteous promise: measured and kept.
    courteous: Option<bool>,
}

versioned! {
/// Judges every visit on the promises measured on it and counts those that kept them all.
///
/// See the [module](crate::promises) docs for the definitions. The standards are the
/// tally's own; tallies judged by other standards do not merge.
///
/// ```
/// use layanan::{Completion, Interaction, Money, Promise, PromiseTally, RatingScale, ServiceStandard, Standards, Tally, TimeSpan, Timestamp};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
///     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))].into_iter().collect();
/// let at = |s: &str| s.parse::<Timestamp>();
/// let five = RatingScale::FIVE_POINT;
/// let visit = |finish: &str, paid: u64, rating: i64| -> layanan::Result<Interaction> {
///     Interaction::builder("ktp-el", "kel-a", at("2025-03-04T08:00:00+07:00")?)
///         .finished_at(at(finish)?)
///         .paid(Money::new(paid))
///         .empathy(five.rating(rating)?)
///         .build()
/// };
/// let mut tally = PromiseTally::new(standards);
/// tally.push(&visit("2025-03-04T08:30:00+07:00", 0, 5)?)?; // every promise kept
/// tally.push(&visit("2025-03-04T08:30:00+07:00", 20_000, 5)?)?; // overcharged
/// tally.push(&visit("2025-03-04T09:30:00+07:00", 0, 2)?)?; // late and discourteous
/// let report = tally.report()?;
/// let all = report.all_kept.expect("judged");
/// assert_eq!((all.count, all.of), (1, 3));
/// let charged = report.promise(Promise::Charged).and_then(|p| p.kept).expect("measured");
/// assert_eq!((charged.count, charged.of), (2, 3));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseTally (format 1) {
    standards: Arc<Standards>,
    counts: PromiseCounts,
    open: Vec<OpenVisit>,
    /// The latest time recorded: the default `as_of`.
    latest: Option<Timestamp>,
}
}

impl Default for PromiseTally {
    /// A tally without standards: only courtesy can be measured.
    fn default() -> Self {
        Self::new(Standards::default())
    }
}

/// One promise's standing.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PromiseScore {
    /// The promise.
    pub promise: Promise,
    /// Its target share.
    pub target: f64,
    /// Visits that kept it, of those it was measured on (`None` when never measured).
    pub kept: Option<Share>,
    /// Judged visits that broke it, of all judged visits: beside the composite, whose
    /// failures are the union of these.
    pub broken_of_judged: Option<Share>,
    /// Whether the estimate is below the target.
    pub below_target: bool,
    /// Whether the whole interval is below the target.
    pub significantly_below: bool,
}

/// Which promise is furthest below its target.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Weakest {
    /// Every measured promise meets its target.
    None,
    /// This one, and its interval does not overlap any other candidate's.
    Promise(Promise),
    /// These are below target and their intervals overlap: which is furthest below cannot
    /// be told.
    NotDistinguishable(Vec<Promise>),
}

/// Promises kept by a set of visits, as of an instant.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PromiseReport {
    /// The instant open visits were judged at.
    pub as_of: Timestamp,
    /// Visits counted.
    pub visits: u64,
    /// Visits judged: some promise measured and decided.
    pub judged: u64,
    /// Visits whose only open question is a deadline not yet reached.
    pub pending: u64,
    /// Visits on which no promise was measured.
    pub not_measured: u64,
    /// Judged visits of all visits.
    pub coverage: Coverage,
    /// Judged visits that kept every promise measured on them, with Wilson's interval.
    pub all_kept: Option<Share>,
    /// Each promise's standing, in [`Promise::ALL`] order.
    pub promises: Vec<PromiseScore>,
    /// The promise furthest below its target.
    pub weakest: Weakest,
    /// Visits whose courtesy was judged from a direct rating.
    pub courtesy_from_rating: u64,
    /// Visits whose courtesy was judged from an SKM answer.
    pub courtesy_from_skm: u64,
}

impl PromiseReport {
    /// The standing of `promise`.
    pub fn promise(&self, promise: Promise) -> Option<&PromiseScore> {
        self.promises.iter().find(|p| p.promise == promise)
    }
}

/// What [`PromiseTally::check`](Tally::check) decides about one visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromiseVerdict {
    on_time: Option<Timeliness>,
    charged: Option<bool>,
    courteous: Option<(bool, CourtesySource)>,
    latest: Timestamp,
}

impl PromiseTally {
    /// Judges a visit by `rules` on each promise measured on it: what
    /// [`count`](Self::count) adds. Changes nothing.
    pub(crate) fn judge(&self, rules: &Rules<'_>, visit: &Visit<'_>) -> Result<PromiseVerdict> {
        let on_time = speed::timeliness(rules, visit)?.map(|(_, t)| t);
        self.judge_with(on_time, cost::verdict(rules, visit), visit)
    }

    /// [`judge`](Self::judge) from the visit's timeliness and cost verdict, already decided
    /// (by the scorecard's speed and cost parts).
    pub(crate) fn judge_with(
        &self,
        on_time: Option<Timeliness>,
        cost: cost::CostVerdict,
        visit: &Visit<'_>,
    ) -> Result<PromiseVerdict> {
        // Every count is at most `visits`.
        room(self.counts.visits, "promise tally count")?;
        Ok(PromiseVerdict {
            on_time,
            charged: cost.overcharged().map(|over| !over),
            courteous: empathy::courteous(visit),
            latest: visit.latest(),
        })
    }

    /// Counts a visit [`judge`](Self::judge) accepted.
    pub(crate) fn count(&mut self, v: PromiseVerdict) {
        let c = &mut self.counts;
        bump(&mut c.visits);
        self.latest = Some(self.latest.map_or(v.latest, |l| l.max(v.latest)));
        if let Some((_, source)) = v.courteous {
            bump(match source {
                CourtesySource::Rating => &mut c.courtesy_from_rating,
                CourtesySource::SkmAnswer => &mut c.courtesy_from_skm,
            });
        }
        let courteous = v.courteous.map(|(kept, _)| kept);
        let on_time = match v.on_time {
            Some(Timeliness::Open { due }) => {
                // Decided at report time, with the other promises kept here.
                self.open.push(OpenVisit {
                    due: due.unix_millis(),
                    charged: v.charged,
                    courteous,
                });
                count_measured(c, None, v.charged, courteous);
                return;
            }
            Some(Timeliness::OnTime) => Some(true),
            Some(Timeliness::Late) => Some(false),
            None => None,
        };
        count_measured(c, on_time, v.charged, courteous);
        let outcomes = [on_time, v.charged, courteous];
        if outcomes.iter().any(Option::is_some) {
            bump(&mut c.judged);
            if outcomes.iter().flatten().all(|&kept| kept) {
                bump(&mut c.all_kept);
            }
        }
    }

    /// An empty tally judging visits against `standards`.
    pub fn new(standards: impl Into<Arc<Standards>>) -> Self {
        Self {
            standards: standards.into(),
            counts: PromiseCounts::default(),
            open: Vec::new(),
            latest: None,
        }
    }

    /// The standards visits are judged against.
    pub fn standards(&self) -> &Standards {
        &self.standards
    }

    /// Visits counted.
    pub fn visits(&self) -> u64 {
        self.counts.visits
    }

    /// Pushing and merging keep these relations; a tally read back from tampered data may not.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // sums of u64 counts in u128 cannot overflow
    #[allow(clippy::arithmetic_side_effects)] // sums of three u64 in u128; kept ≤ measured checked first
    fn validate(&self) -> Result<()> {
        let c = &self.counts;
        let n = u128::from;
        let pairs = [
            (c.on_time_kept, c.on_time_measured),
            (c.charged_kept, c.charged_measured),
            (c.courteous_kept, c.courteous_measured),
        ];
        // Open visits count towards the promises decided without the clock (charged,
        // courteous), not towards `judged`; a visit that kept every promise broke none.
        let open = self.open.len() as u128;
        let broken_within = |kept: u64, measured: u64, open: u128| {
            n(c.all_kept) + n(measured) - n(kept) <= n(c.judged) + open
        };
        let consistent = c.all_kept <= c.judged
            && n(c.judged) + open <= n(c.visits)
            && pairs.iter().all(|(k, m)| k <= m && *m <= c.visits)
            && c.on_time_measured <= c.judged
            && broken_within(c.on_time_kept, c.on_time_measured, 0)
            && broken_within(c.charged_kept, c.charged_measured, open)
            && broken_within(c.courteous_kept, c.courteous_measured, open)
            && n(c.courtesy_from_rating) + n(c.courtesy_from_skm) == n(c.courteous_measured)
            && (c.visits == 0) == self.latest.is_none();
        if consistent {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "promise tally".into(),
                reason: "its counts contradict each other".into(),
            })
        }
    }
}

impl PromiseTally {
    /// `(on time measured, kept, open, charged measured, kept, courtesy from ratings, from
    /// SKM answers)`: what the speed, cost and empathy tallies fed the same visits count too.
    #[cfg(feature = "serde")]
    pub(crate) fn decided(&self) -> [u64; 7] {
        let c = &self.counts;
        [
            c.on_time_measured,
            c.on_time_kept,
            self.open.len() as u64,
            c.charged_measured,
            c.charged_kept,
            c.courtesy_from_rating,
            c.courtesy_from_skm,
        ]
    }
}

impl Merge for PromiseTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.standards
            .check_same(&other.standards, "promise tallies")?;
        self.counts
            .checked_add(&other.counts)
            .map(drop)
            .ok_or_else(|| Error::Overflow {
                field: "promise tally count".into(),
            })
    }

    fn merge_checked(&mut self, other: &Self) {
        if let Some(sum) = self.counts.checked_add(&other.counts) {
            self.counts = sum;
        }
        self.open.extend_from_slice(&other.open);
        self.latest = match (self.latest, other.latest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

impl Tally for PromiseTally {
    type Record = Interaction;
    type Checked = PromiseVerdict;
    type Options = PromiseOptions;
    type Report = PromiseReport;

    /// Judges `visit` on each promise measured on it.
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] when working days cannot be counted; [`Error::Overflow`].
    fn check(&self, visit: &Interaction) -> Result<PromiseVerdict> {
        let rules = self.standards.rules(visit.service(), visit.unit());
        self.judge(&rules, &visit.visit())
    }

    fn commit(&mut self, _: &Interaction, verdict: PromiseVerdict) {
        self.count(verdict);
    }

    fn latest(&self) -> Option<Timestamp> {
        self.latest
    }

    fn options_as_of(options: &PromiseOptions, at: Timestamp) -> PromiseOptions {
        PromiseOptions {
            as_of: options.as_of.or(Some(at)),
            ..*options
        }
    }

    /// The report as of `options.as_of` (the latest time in the data by default).
    ///
    /// # Errors
    /// [`Error::NoData`] when no visit was counted; [`Error::AsOfBeforeData`].
    fn report_with(&self, options: &PromiseOptions) -> Result<PromiseReport> {
        let c = &self.counts;
        let as_of = report_time(self.latest, c.visits > 0, "visits", options.as_of)?;
        let at = as_of.unix_millis();
        // Decide the open visits at `as_of`: past due, the on-time promise is broken; a visit
        // with a broken promise is judged (and not kept); one with nothing broken yet is
        // pending. Kept visits are therefore all among the closed ones.
        let (mut judged, mut pending, mut late_open) = (c.judged, 0u64, 0u64);
        for v in &self.open {
            let late = at > v.due;
            if late {
                late_open = late_open.saturating_add(1);
            }
            if late || [v.charged, v.courteous].contains(&Some(false)) {
                judged = judged.saturating_add(1);
            } else {
                pending = pending.saturating_add(1);
            }
        }
        // Every visit that broke a promise is judged, so a promise's breaks among judged
        // visits are all its breaks.
        let broken = [
            c.on_time_measured
                .saturating_sub(c.on_time_kept)
                .saturating_add(late_open),
            c.charged_measured.saturating_sub(c.charged_kept),
            c.courteous_measured.saturating_sub(c.courteous_kept),
        ];
        let level = options.level;
        let measured_kept = [
            (c.on_time_measured.saturating_add(late_open), c.on_time_kept),
            (c.charged_measured, c.charged_kept),
            (c.courteous_measured, c.courteous_kept),
        ];
        let mut promises = Vec::with_capacity(3);
        for (promise, ((measured, kept), broken)) in Promise::ALL
            .into_iter()
            .zip(measured_kept.into_iter().zip(broken))
        {
            let target = options.targets.of(promise);
            let kept = Share::new(kept, measured, level)?;
            promises.push(PromiseScore {
                promise,
                target,
                below_target: kept.is_some_and(|k| k.rate() < target),
                significantly_below: kept.is_some_and(|k| k.interval.upper() < target),
                kept,
                broken_of_judged: Share::new(broken, judged, level)?,
            });
        }
        let not_measured = c.visits.saturating_sub(judged).saturating_sub(pending);
        Ok(PromiseReport {
            as_of,
            visits: c.visits,
            judged,
            pending,
            not_measured,
            coverage: Coverage::new(judged, c.visits),
            all_kept: Share::new(c.all_kept, judged, level)?,
            weakest: weakest(&promises),
            promises,
            courtesy_from_rating: c.courtesy_from_rating,
            courtesy_from_skm: c.courtesy_from_skm,
        })
    }
}

/// Counts each measured promise and whether it was kept.
fn count_measured(
    c: &mut PromiseCounts,
    on_time: Option<bool>,
    charged: Option<bool>,
    courteous: Option<bool>,
) {
    for (outcome, measured, kept) in [
        (on_time, &mut c.on_time_measured, &mut c.on_time_kept),
        (charged, &mut c.charged_measured, &mut c.charged_kept),
        (courteous, &mut c.courteous_measured, &mut c.courteous_kept),
    ] {
        if let Some(k) = outcome {
            bump(measured);
            if k {
                bump(kept);
            }
        }
    }
}

/// The promise furthest below its target, decided on the intervals.
fn weakest(promises: &[PromiseScore]) -> Weakest {
    // (promise, gap interval target − share): the lower gap bound uses the share's upper bound.
    let mut below: Vec<(Promise, f64, f64, f64)> = promises
        .iter()
        .filter(|p| p.below_target)
        .filter_map(|p| {
            let k = p.kept?;
            let i: Interval = k.interval;
            Some((
                p.promise,
                p.target - i.estimate(),
                p.target - i.upper(),
                p.target - i.lower(),
            ))
        })
        .collect();
    below.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let Some(&(top, _, top_low, _)) = below.first() else {
        return Weakest::None;
    };
    let overlapping: Vec<Promise> = below
        .iter()
        .skip(1)
        .filter(|(_, _, _, high)| *high >= top_low)
        .map(|(p, ..)| *p)
        .collect();
    if overlapping.is_empty() {
        Weakest::Promise(top)
    } else {
        // In the promises' own order, not by a gap the intervals cannot tell apart.
        let mut tied: Vec<Promise> = std::iter::once(top).chain(overlapping).collect();
        tied.sort();
        Weakest::NotDistinguishable(tied)
    }
}

impl fmt::Display for Weakest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Weakest::None => f.write_str("every measured promise meets its target"),
            Weakest::Promise(p) => write!(f, "{p}"),
            Weakest::NotDistinguishable(list) => {
                let names: Vec<&str> = list.iter().map(|p| p.kept_label()).collect();
                write!(f, "not distinguishable ({})", names.join(", "))
            }
        }
    }
}

impl fmt::Display for PromiseReport {
    /// The promises section of a report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.all_kept {
            Some(s) => write!(f, "every promise kept {s}")?,
            None => f.write_str("every promise kept —")?,
        }
        writeln!(
            f,
            " · pending {} · no promise measured {} · {}",
            self.pending, self.not_measured, self.coverage
        )?;
        for p in &self.promises {
            let kept = p
                .kept
                .map_or_else(|| "not measured".to_owned(), |s| s.to_string());
            let broken = p.broken_of_judged.map_or_else(String::new, |s| {
                format!(
                    " · {} {:.1}% of judged visits",
                    p.promise.broken_label(),
                    100.0 * s.rate()
                )
            });
            writeln!(
                f,
                "  {:<16} {kept} (target {:.0}%){broken}",
                p.promise.kept_label(),
                100.0 * p.target
            )?;
        }
        writeln!(f, "  weakest promise: {}", self.weakest)
    }
}
