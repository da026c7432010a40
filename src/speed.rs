//! Fast: was each visit finished within its service's published standard?
//!
//! The speed score is the share of judged visits **on time**: finished within the standard.
//! A visit still open at the report's `as_of` instant is **late** once its deadline has passed,
//! and **pending** before: counted and reported, but left out of the share, since it may yet be
//! on time. Nothing unfinished is dropped silently.

use std::fmt;
use std::sync::Arc;

use crate::durations::Durations;
use crate::error::{Error, Result};
use crate::model::{
    Completion, Interaction, ServiceStandard, Standards, TimeSpan, Timeliness, Timestamp,
};
use crate::stats::{Level, QuantileType};
use crate::summary::{Coverage, Share, Summary};
use crate::tally::{Merge, Tally, bump, counts, report_time, room};
use crate::visit::{Rules, Visit};
use crate::wire::versioned;

counts! {
    /// What a speed tally counts.
    pub(crate) struct SpeedCounts {
        visits,
        /// Visits with a finish time.
        finished,
        /// Visits of a service without a published completion time: never judged.
        no_standard,
        /// Finished within the standard.
        on_time,
        /// Finished after the deadline.
        finished_late,
        /// Started, of a service with a waiting target.
        wait_judged,
        /// Started within the waiting target.
        wait_within,
    }
}

versioned! {
/// Collects the times of visits and judges each against its service's standard.
///
/// * wait = started − arrived, service = finished − started, turnaround = finished − arrived;
///   services with a standard in working days (permits) are summarised in working days from
///   arrival to finish instead, so days-long permits do not swamp counter services' minutes;
/// * a visit is **on time** when it finished by its deadline: arrival plus the completion
///   time, or, for `N` working days, by the end of the `N`-th working day after the day it
///   arrived ([`Calendar::due_by`](crate::Calendar::due_by), on its unit's calendar);
/// * an unfinished visit is **late** at `as_of` when its deadline has passed, **pending**
///   otherwise;
/// * the waiting target, where a service has one, is judged the same way on the start of
///   service.
///
/// Visits of a service without a published completion time are counted as such, never judged.
/// Exact quantiles need the times themselves, so the tally keeps them (8 bytes a visit per
/// measure, plus the deadline of each open visit); everything else is counts. The standards
/// are the tally's own: tallies judged by other standards do not merge.
///
/// ```
/// use layanan::{Completion, Interaction, Money, ServiceStandard, SpeedOptions, SpeedTally, Standards, Tally, TimeSpan};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
///     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))].into_iter().collect();
/// let at = |s: &str| s.parse::<layanan::Timestamp>();
/// let mut tally = SpeedTally::new(standards);
/// for (arrive, finish) in [("08:00", Some("08:40")), ("08:05", Some("09:30")), ("09:00", None)] {
///     let mut visit = Interaction::builder("ktp-el", "kel-sukamaju", at(&format!("2025-03-04T{arrive}:00+07:00"))?);
///     if let Some(finish) = finish {
///         visit = visit.finished_at(at(&format!("2025-03-04T{finish}:00+07:00"))?);
///     }
///     tally.push(&visit.build()?)?;
/// }
/// // As of 09:30 the open visit (due at 10:00) is pending: 1 of 2 judged visits on time.
/// let report = tally.report()?;
/// assert_eq!((report.on_time, report.late, report.pending), (1, 1, 1));
/// assert_eq!(report.on_time_share.map(|s| s.rate()), Some(0.5));
/// // As of 11:00 it is late too.
/// let later = SpeedOptions::default().as_of(at("2025-03-04T11:00:00+07:00")?);
/// let report = tally.report_with(&later)?;
/// assert_eq!((report.on_time, report.late, report.pending), (1, 2, 0));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedTally (format 2) {
    standards: Arc<Standards>,
    counts: SpeedCounts,
    /// Milliseconds from arrival to start, of started visits.
    wait: Durations,
    /// Milliseconds from start to finish, of services not measured in working days.
    service: Durations,
    /// Milliseconds from arrival to finish, of services not measured in working days.
    turnaround: Durations,
    /// Working days from arrival to finish, of services with a working-day standard.
    working_days: Vec<u32>,
    /// The deadline (last on-time instant, Unix milliseconds) of each unfinished visit of a
    /// service with a completion standard.
    open: Vec<i64>,
    /// The waiting deadline of each visit neither started nor finished, of a service with a
    /// waiting target.
    open_wait: Vec<i64>,
    /// The latest time recorded in any visit: the default `as_of`.
    latest: Option<Timestamp>,
}
}

impl Default for SpeedTally {
    /// A tally without standards: every visit is counted and timed, none judged.
    fn default() -> Self {
        Self::new(Standards::default())
    }
}

/// Settings of a speed report.
///
/// ```
/// use layanan::{Level, SpeedOptions, TimeSpan};
///
/// let options = SpeedOptions::default()
///     .level(Level::new(0.9)?)
///     .as_of("2025-12-31T16:00:00+07:00".parse()?)
///     .apdex_threshold(TimeSpan::from_minutes(20));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SpeedOptions {
    /// Confidence level of the intervals.
    pub level: Level,
    /// Quantile definition (Hyndman–Fan type 7 unless set).
    pub quantile_type: QuantileType,
    /// The instant open visits are judged at; the latest time in the data when `None`.
    pub as_of: Option<Timestamp>,
    /// Apdex's satisfaction threshold T on the turnaround (Apdex is computed only with one: it
    /// is a satisfaction target, not the legal standard).
    pub apdex_threshold: Option<TimeSpan>,
}

impl SpeedOptions {
    /// With a confidence level.
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// With a quantile definition.
    pub fn quantile_type(mut self, kind: QuantileType) -> Self {
        self.quantile_type = kind;
        self
    }

    /// Judging open visits as of `at`.
    pub fn as_of(mut self, at: Timestamp) -> Self {
        self.as_of = Some(at);
        self
    }

    /// With Apdex at satisfaction threshold `t`.
    pub fn apdex_threshold(mut self, t: TimeSpan) -> Self {
        self.apdex_threshold = Some(t);
        self
    }
}

/// Apdex of the turnaround: `(satisfied + tolerating / 2) / n`, satisfied within T,
/// tolerating within 4T.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Apdex {
    /// The satisfaction threshold T.
    pub threshold: TimeSpan,
    /// Visits within T.
    pub satisfied: u64,
    /// Visits within 4T but not T.
    pub tolerating: u64,
    /// Finished visits timed in minutes.
    pub n: u64,
    /// The score, 0–1.
    pub score: f64,
    /// `None` when counted from every duration; else the relative error of the sketch the
    /// durations were kept in: a visit that close to T or 4T may be counted on the wrong side.
    pub relative_error: Option<f64>,
}

/// The speed of a set of visits, judged as of an instant.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SpeedReport {
    /// The instant open visits were judged at.
    pub as_of: Timestamp,
    /// Visits counted.
    pub visits: u64,
    /// Visits finished.
    pub finished: u64,
    /// Visits not finished (at the time of the data).
    pub unfinished: u64,
    /// Visits of services without a published completion time: not judged.
    pub no_standard: u64,
    /// Visits finished within the standard.
    pub on_time: u64,
    /// Visits finished late, and open visits past their deadline at `as_of`.
    pub late: u64,
    /// Of the late ones, those still open at `as_of`.
    pub late_unfinished: u64,
    /// Open visits not yet due at `as_of`: not judged yet.
    pub pending: u64,
    /// `on_time` of `on_time + late`, with Wilson's interval: the speed score.
    pub on_time_share: Option<Share>,
    /// Visits judged (on time or late) of all visits.
    pub coverage: Coverage,
    /// Waiting time (arrival to start), minutes.
    pub wait: Option<Summary>,
    /// Service time (start to finish), minutes, of services not measured in working days.
    pub service: Option<Summary>,
    /// Turnaround (arrival to finish), minutes, of services not measured in working days.
    pub turnaround: Option<Summary>,
    /// Turnaround in working days, of services with a working-day standard.
    pub working_days: Option<Summary>,
    /// Visits started within their waiting target, of those started or open past it.
    pub within_wait_target: Option<Share>,
    /// Visits neither started nor finished, not yet past their waiting target.
    pub wait_pending: u64,
    /// Apdex, when a threshold was given.
    pub apdex: Option<Apdex>,
}

/// What [`SpeedTally::check`](Tally::check) decides about one visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeedVerdict {
    /// Against the completion standard, if the service has one.
    pub(crate) completion: Option<(Completion, Timeliness)>,
    /// Working days taken, for a finished visit of a working-day standard.
    working_days: Option<u32>,
    /// Against the waiting target, if the service has one and the wait is known or open.
    wait: Option<Timeliness>,
    latest: Timestamp,
}

/// How `visit` stands against its service's completion standard on its unit's calendar.
pub(crate) fn timeliness(
    rules: &Rules<'_>,
    visit: &Visit<'_>,
) -> Result<Option<(Completion, Timeliness)>> {
    let Some(limit) = rules.standard.and_then(ServiceStandard::completion) else {
        return Ok(None);
    };
    let judged = rules.calendar.judge(visit.arrived, visit.finished, limit)?;
    Ok(Some((limit, judged)))
}

impl SpeedTally {
    /// An empty tally judging visits against `standards`.
    pub fn new(standards: impl Into<Arc<Standards>>) -> Self {
        Self {
            standards: standards.into(),
            counts: SpeedCounts::default(),
            wait: Durations::default(),
            service: Durations::default(),
            turnaround: Durations::default(),
            working_days: Vec::new(),
            open: Vec::new(),
            open_wait: Vec::new(),
            latest: None,
        }
    }

    /// Keeps the wait, service and turnaround times in a mergeable sketch of relative error
    /// `accuracy` instead of one by one: the tally's size then grows with the logarithm of
    /// the longest duration rather than with the visits (a few kilobytes at 1 %), for
    /// shards stored or shipped by the million. Counts, on-time shares, n, mean, standard
    /// deviation and maximum stay exact; each quantile is within `accuracy` of the exact one
    /// (relative), and reports mark them `≈`; Apdex counts a visit within `accuracy` of T or
    /// 4T by its bucket. Tallies merge only with tallies kept the same way. Durations already
    /// counted move into the sketch.
    ///
    /// ```
    /// use layanan::{Interaction, SpeedTally, Standards, Tally, Timestamp};
    ///
    /// let mut tally = SpeedTally::new(Standards::default()).with_duration_sketch(0.01)?;
    /// let arrived = Timestamp::from_unix_seconds(1_741_050_000)?;
    /// for minutes in [4, 9, 12, 30, 61] {
    ///     let finished = Timestamp::from_unix_seconds(1_741_050_000 + 60 * minutes)?;
    ///     tally.push(&Interaction::builder("ktp-el", "kel-sukamaju", arrived).finished_at(finished).build()?)?;
    /// }
    /// let turnaround = tally.report()?.turnaround.expect("five finished visits");
    /// assert_eq!((turnaround.n, turnaround.max), (5, 61.0));
    /// assert!((turnaround.median - 12.0).abs() <= 12.0 * 0.01);
    /// assert_eq!(turnaround.relative_error, Some(0.01));
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless 0.0001 ≤ `accuracy` ≤ 0.2.
    pub fn with_duration_sketch(mut self, accuracy: f64) -> Result<Self> {
        self.wait = self.wait.sketched(accuracy)?;
        self.service = self.service.sketched(accuracy)?;
        self.turnaround = self.turnaround.sketched(accuracy)?;
        Ok(self)
    }

    /// Judges a visit by `rules` (its service's standard, its unit's calendar): what
    /// [`count`](Self::count) adds. Changes nothing.
    pub(crate) fn judge(&self, rules: &Rules<'_>, visit: &Visit<'_>) -> Result<SpeedVerdict> {
        // Every other count is at most `visits`: with room for one more visit, none overflows.
        room(self.counts.visits, "speed tally count")?;
        let completion = timeliness(rules, visit)?;
        let working_days = match (completion, visit.finished) {
            (Some((Completion::WorkingDays(_), _)), Some(finished)) => Some(
                rules
                    .calendar
                    .working_days_between(visit.arrived, finished)?,
            ),
            _ => None,
        };
        let target = rules.standard.and_then(ServiceStandard::max_wait);
        let wait = match (target, visit.finished) {
            // Finished with no start recorded: its wait is unknown.
            (Some(_), Some(_)) if visit.started.is_none() => None,
            (Some(target), _) => Some(rules.calendar.judge(
                visit.arrived,
                visit.started,
                Completion::Within(target),
            )?),
            (None, _) => None,
        };
        Ok(SpeedVerdict {
            completion,
            working_days,
            wait,
            latest: visit.latest(),
        })
    }

    /// Counts a visit [`judge`](Self::judge) accepted.
    pub(crate) fn count(&mut self, visit: &Visit<'_>, v: SpeedVerdict) {
        let c = &mut self.counts;
        bump(&mut c.visits);
        self.latest = Some(later(self.latest, v.latest));
        if let Some(wait) = visit.wait() {
            self.wait.push(wait.as_millis());
        }
        match v.wait {
            Some(Timeliness::OnTime) => {
                bump(&mut c.wait_judged);
                bump(&mut c.wait_within);
            }
            Some(Timeliness::Late) => bump(&mut c.wait_judged),
            Some(Timeliness::Open { due }) => self.open_wait.push(due.unix_millis()),
            None => {}
        }
        let in_days = matches!(v.completion, Some((Completion::WorkingDays(_), _)));
        if visit.finished.is_some() {
            bump(&mut c.finished);
            if !in_days {
                if let Some(service) = visit.service_time() {
                    self.service.push(service.as_millis());
                }
                if let Some(turnaround) = visit.turnaround() {
                    self.turnaround.push(turnaround.as_millis());
                }
            }
        }
        if let Some(days) = v.working_days {
            self.working_days.push(days);
        }
        match v.completion {
            None => bump(&mut c.no_standard),
            Some((_, Timeliness::OnTime)) => bump(&mut c.on_time),
            Some((_, Timeliness::Late)) => bump(&mut c.finished_late),
            Some((_, Timeliness::Open { due })) => self.open.push(due.unix_millis()),
        }
    }

    /// `(finished on time, finished late, still open)` of visits with a completion standard.
    #[cfg(feature = "serde")]
    pub(crate) fn decided(&self) -> [u64; 3] {
        [
            self.counts.on_time,
            self.counts.finished_late,
            self.open.len() as u64,
        ]
    }

    /// The turnaround of every finished visit of a service whose standard is in minutes (or
    /// which has none), in minutes, in the order counted: the distribution behind the
    /// report's summary, for a histogram.
    pub fn turnaround_minutes(&self) -> impl Iterator<Item = f64> + '_ {
        self.turnaround.values().map(|ms| ms / 60_000.0)
    }

    /// The standards, shared.
    pub(crate) fn shared_standards(&self) -> &Arc<Standards> {
        &self.standards
    }

    /// The standards visits are judged against.
    pub fn standards(&self) -> &Standards {
        &self.standards
    }

    /// Visits counted.
    pub fn visits(&self) -> u64 {
        self.counts.visits
    }

    /// The latest time recorded in any visit (arrival, start or finish).
    pub fn latest(&self) -> Option<Timestamp> {
        self.latest
    }

    /// Pushing and merging keep these relations; a tally read back from tampered data may not.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // sums of u64 counts in u128 cannot overflow
    fn validate(&self) -> Result<()> {
        let c = &self.counts;
        let n = u128::from;
        let len = |v: usize| v as u128;
        for durations in [&self.wait, &self.service, &self.turnaround] {
            durations.validate()?;
        }
        let same_kept = self.wait.check_merge(&self.service).is_ok()
            && self.wait.check_merge(&self.turnaround).is_ok();
        let judged_finished = n(c.on_time) + n(c.finished_late);
        let consistent = c.finished <= c.visits
            && judged_finished <= n(c.finished)
            && len(self.open.len()) <= n(c.visits - c.finished)
            && judged_finished + len(self.open.len()) + n(c.no_standard) == n(c.visits)
            && c.wait_within <= c.wait_judged
            && same_kept
            && n(c.wait_judged) <= n(self.wait.len())
            && len(self.open_wait.len()) <= n(c.visits - c.finished)
            && self.wait.len() <= c.visits
            && self.service.len() <= c.finished
            && n(self.turnaround.len()) + len(self.working_days.len()) <= n(c.finished)
            && len(self.working_days.len()) <= judged_finished
            && (c.visits == 0) == self.latest.is_none();
        if consistent {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "speed tally".into(),
                reason: "its counts contradict each other".into(),
            })
        }
    }
}

/// The later of two instants.
fn later(a: Option<Timestamp>, b: Timestamp) -> Timestamp {
    a.map_or(b, |a| a.max(b))
}

impl Merge for SpeedTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.standards
            .check_same(&other.standards, "speed tallies")?;
        self.wait.check_merge(&other.wait)?;
        self.counts
            .checked_add(&other.counts)
            .map(drop)
            .ok_or_else(|| Error::Overflow {
                field: "speed tally count".into(),
            })
    }

    fn merge_checked(&mut self, other: &Self) {
        if let Some(sum) = self.counts.checked_add(&other.counts) {
            self.counts = sum;
        }
        self.wait.merge(&other.wait);
        self.service.merge(&other.service);
        self.turnaround.merge(&other.turnaround);
        self.working_days.extend_from_slice(&other.working_days);
        self.open.extend_from_slice(&other.open);
        self.open_wait.extend_from_slice(&other.open_wait);
        if let Some(theirs) = other.latest {
            self.latest = Some(later(self.latest, theirs));
        }
    }
}

impl Tally for SpeedTally {
    type Record = Interaction;
    type Checked = SpeedVerdict;
    type Options = SpeedOptions;
    type Report = SpeedReport;

    /// Judges `visit` against its service's standard, on its unit's calendar.
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] when working days cannot be counted for its dates;
    /// [`Error::Overflow`] past `u64::MAX` visits.
    fn check(&self, visit: &Interaction) -> Result<SpeedVerdict> {
        let rules = self.standards.rules(visit.service(), visit.unit());
        self.judge(&rules, &visit.visit())
    }

    fn commit(&mut self, visit: &Interaction, verdict: SpeedVerdict) {
        self.count(&visit.visit(), verdict);
    }

    fn latest(&self) -> Option<Timestamp> {
        self.latest
    }

    fn options_as_of(options: &SpeedOptions, at: Timestamp) -> SpeedOptions {
        SpeedOptions {
            as_of: options.as_of.or(Some(at)),
            ..*options
        }
    }

    /// The report as of `options.as_of` (the latest time in the data by default).
    ///
    /// # Errors
    /// [`Error::NoData`] when no visit was counted; [`Error::AsOfBeforeData`] for an `as_of`
    /// before the latest time in the data.
    fn report_with(&self, options: &SpeedOptions) -> Result<SpeedReport> {
        let c = &self.counts;
        let as_of = report_time(self.latest, c.visits > 0, "visits", options.as_of)?;
        let at = as_of.unix_millis();
        let past_due = |deadlines: &[i64]| deadlines.iter().filter(|&&due| at > due).count() as u64;
        let late_unfinished = past_due(&self.open);
        // Each count below is bounded by `visits` (see `validate`): the sums cannot overflow.
        let late = c.finished_late.saturating_add(late_unfinished);
        let judged = c.on_time.saturating_add(late);
        let level = options.level;
        let kind = options.quantile_type;
        let wait_late_open = past_due(&self.open_wait);
        let wait_judged = c.wait_judged.saturating_add(wait_late_open);
        Ok(SpeedReport {
            as_of,
            visits: c.visits,
            finished: c.finished,
            unfinished: c.visits.saturating_sub(c.finished),
            no_standard: c.no_standard,
            on_time: c.on_time,
            late,
            late_unfinished,
            pending: (self.open.len() as u64).saturating_sub(late_unfinished),
            on_time_share: Share::new(c.on_time, judged, level)?,
            coverage: Coverage::new(judged, c.visits),
            wait: self.wait.summary_minutes(kind)?,
            service: self.service.summary_minutes(kind)?,
            turnaround: self.turnaround.summary_minutes(kind)?,
            working_days: Summary::of(
                &self
                    .working_days
                    .iter()
                    .map(|&d| f64::from(d))
                    .collect::<Vec<_>>(),
                kind,
            )?,
            within_wait_target: Share::new(c.wait_within, wait_judged, level)?,
            wait_pending: (self.open_wait.len() as u64).saturating_sub(wait_late_open),
            apdex: options
                .apdex_threshold
                .and_then(|t| apdex(&self.turnaround, t)),
        })
    }
}

/// Apdex of `turnaround` milliseconds at threshold `t`; `None` without finished visits.
fn apdex(turnaround: &Durations, t: TimeSpan) -> Option<Apdex> {
    let n = turnaround.len();
    if n == 0 {
        return None;
    }
    let t_ms = t.as_millis();
    let satisfied = turnaround.at_most(t_ms);
    let tolerating = turnaround
        .at_most(t_ms.saturating_mul(4))
        .saturating_sub(satisfied);
    Some(Apdex {
        threshold: t,
        satisfied,
        tolerating,
        n,
        score: (satisfied as f64 + tolerating as f64 / 2.0) / n as f64,
        relative_error: turnaround.relative_error(),
    })
}

impl fmt::Display for SpeedReport {
    /// The speed section of a report: the share on time with what it counts, then the times.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.on_time_share {
            Some(share) => write!(f, "on time {share}")?,
            None => f.write_str("on time —")?,
        }
        writeln!(
            f,
            " · late {} ({} still open past the deadline) · pending {} (open, not yet due) · {} · as of {}",
            self.late, self.late_unfinished, self.pending, self.coverage, self.as_of
        )?;
        if self.no_standard > 0 {
            let visits = if self.no_standard == 1 {
                "visit"
            } else {
                "visits"
            };
            writeln!(
                f,
                "  {} {visits} of services without a published completion time (not judged)",
                self.no_standard
            )?;
        }
        if let Some(share) = &self.within_wait_target {
            writeln!(f, "  started within the waiting target {share}")?;
        }
        for (label, summary) in [
            ("wait, minutes", &self.wait),
            ("service, minutes", &self.service),
            ("turnaround, minutes", &self.turnaround),
            ("turnaround, working days", &self.working_days),
        ] {
            if let Some(summary) = summary {
                writeln!(f, "  {label:<25} {summary}")?;
            }
        }
        if let Some(a) = &self.apdex {
            let about = if a.relative_error.is_some() {
                "≈"
            } else {
                ""
            };
            writeln!(
                f,
                "  Apdex {about}{:.2} at T = {} (n {})",
                a.score, a.threshold, a.n
            )?;
        }
        Ok(())
    }
}
