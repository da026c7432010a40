//! Complaints (pengaduan) handled as SP4N-LAPOR! counts them: a first response within a target
//! (3 working days by default) and a resolution within a target per category, judged as of an
//! instant: a complaint still open past its deadline is late, one not yet due is pending.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{Error, Result};
use crate::model::{Calendars, Complaint, Completion, Timeliness, Timestamp};
use crate::stats::{Level, QuantileType};
use crate::summary::{Coverage, Share, Summary};
use crate::tally::{Merge, Tally, bump, counts, report_time, room};
use crate::wire::versioned;

/// How fast complaints must be answered and resolved.
///
/// Defaults: a first response within 3 working days and a resolution within 5; categories
/// (an optional column of the complaints file, such as `ringan`, `sedang`, `berat`) may each
/// have their own resolution target, and a complaint of any other category, or of none, gets
/// the default.
///
/// ```
/// use layanan::{ComplaintTargets, Completion};
///
/// let targets = ComplaintTargets::default()
///     .with_category("ringan", Completion::WorkingDays(5))?
///     .with_category("sedang", Completion::WorkingDays(14))?
///     .with_category("berat", Completion::WorkingDays(60))?;
/// assert_eq!(targets.resolution_for(Some("berat")), Completion::WorkingDays(60));
/// assert_eq!(targets.resolution_for(None), Completion::WorkingDays(5));
/// assert_eq!(targets.first_response(), Completion::WorkingDays(3));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TargetParts", into = "TargetParts")
)]
pub struct ComplaintTargets {
    first_response: Completion,
    resolution: Completion,
    by_category: BTreeMap<String, Completion>,
}

/// The serialised form of [`ComplaintTargets`], each category read through
/// [`ComplaintTargets::with_category`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct TargetParts {
    first_response: Completion,
    resolution: Completion,
    by_category: BTreeMap<String, Completion>,
}

#[cfg(feature = "serde")]
impl TryFrom<TargetParts> for ComplaintTargets {
    type Error = Error;
    fn try_from(p: TargetParts) -> Result<Self> {
        let mut targets = ComplaintTargets::default()
            .with_first_response(p.first_response)
            .with_resolution(p.resolution);
        for (category, target) in p.by_category {
            targets = targets.with_category(category, target)?;
        }
        Ok(targets)
    }
}

#[cfg(feature = "serde")]
impl From<ComplaintTargets> for TargetParts {
    fn from(t: ComplaintTargets) -> Self {
        TargetParts {
            first_response: t.first_response,
            resolution: t.resolution,
            by_category: t.by_category,
        }
    }
}

impl Default for ComplaintTargets {
    /// First response within 3 working days, resolution within 5.
    fn default() -> Self {
        Self {
            first_response: Completion::WorkingDays(3),
            resolution: Completion::WorkingDays(5),
            by_category: BTreeMap::new(),
        }
    }
}

impl ComplaintTargets {
    /// With a first-response target.
    pub fn with_first_response(mut self, target: Completion) -> Self {
        self.first_response = target;
        self
    }

    /// With a default resolution target.
    pub fn with_resolution(mut self, target: Completion) -> Self {
        self.resolution = target;
        self
    }

    /// With a resolution target for complaints of `category`.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank category.
    pub fn with_category(
        mut self,
        category: impl Into<String>,
        target: Completion,
    ) -> Result<Self> {
        let category = category.into();
        if category.trim().is_empty() {
            return Err(Error::Empty {
                field: "complaint category".into(),
            });
        }
        self.by_category.insert(category, target);
        Ok(self)
    }

    /// The first-response target.
    pub fn first_response(&self) -> Completion {
        self.first_response
    }

    /// The default resolution target.
    pub fn resolution(&self) -> Completion {
        self.resolution
    }

    /// The resolution target of a complaint of `category`.
    pub fn resolution_for(&self, category: Option<&str>) -> Completion {
        category
            .and_then(|c| self.by_category.get(c))
            .copied()
            .unwrap_or(self.resolution)
    }

    /// Categories with a target of their own.
    pub fn categories(&self) -> impl Iterator<Item = (&str, Completion)> {
        self.by_category.iter().map(|(c, t)| (c.as_str(), *t))
    }

    /// The first target `other` sets otherwise, in words, or `None` when they are equal (what
    /// a refused merge names).
    fn difference(&self, other: &ComplaintTargets) -> Option<String> {
        if self.first_response != other.first_response {
            return Some(format!(
                "their first-response targets differ ({} vs {})",
                self.first_response, other.first_response
            ));
        }
        if self.resolution != other.resolution {
            return Some(format!(
                "their resolution targets differ ({} vs {})",
                self.resolution, other.resolution
            ));
        }
        let categories = self.by_category.keys().chain(other.by_category.keys());
        for category in categories {
            let (ours, theirs) = (
                self.by_category.get(category),
                other.by_category.get(category),
            );
            if ours != theirs {
                let show = |t: Option<&Completion>| t.map_or("none".into(), |t| t.to_string());
                return Some(format!(
                    "their resolution targets for category `{}` differ ({} vs {})",
                    category,
                    show(ours),
                    show(theirs)
                ));
            }
        }
        None
    }
}

counts! {
    /// What a complaint tally counts.
    pub(crate) struct ComplaintCounts {
        filed,
        /// First answered (or resolved) by the first-response deadline.
        responded_on_time,
        /// First answered after it.
        responded_late,
        /// Resolved by the resolution deadline.
        resolved_on_time,
        /// Resolved after it.
        resolved_late,
    }
}

versioned! {
/// Counts complaints and judges their handling against [`ComplaintTargets`], working days
/// counted on each unit's calendar.
///
/// ```
/// use layanan::{Calendar, Complaint, ComplaintOptions, ComplaintTally, ComplaintTargets, Tally, Timestamp};
///
/// let at = |s: &str| s.parse::<Timestamp>();
/// let mut tally = ComplaintTally::new(ComplaintTargets::default(), Calendar::wib());
/// let filed = at("2025-03-03T09:00:00+07:00")?; // Monday
/// tally.push(&Complaint::filed("kel-a", filed)?.resolved_at(at("2025-03-05T09:00:00+07:00")?)?)?;
/// tally.push(&Complaint::filed("kel-a", filed)?.resolved_at(at("2025-03-14T09:00:00+07:00")?)?)?;
/// tally.push(&Complaint::filed("kel-a", at("2025-03-13T09:00:00+07:00")?)?)?; // still open
/// // As of the 14th, the open one is not yet due (5 working days): pending, not late.
/// let report = tally.report()?;
/// let on_time = report.resolved_within_target.expect("judged");
/// assert_eq!((on_time.count, on_time.of, report.resolution_pending), (1, 2, 1));
/// // A month later it is late.
/// let later = ComplaintOptions::default().as_of(at("2025-04-14T09:00:00+07:00")?);
/// let report = tally.report_with(&later)?;
/// let on_time = report.resolved_within_target.expect("judged");
/// assert_eq!((on_time.count, on_time.of, report.resolution_pending), (1, 3, 0));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintTally (format 1) {
    targets: ComplaintTargets,
    calendars: Calendars,
    counts: ComplaintCounts,
    /// First-response deadlines of complaints not yet answered.
    open_response: Vec<i64>,
    /// Resolution deadlines of complaints not yet resolved.
    open_resolution: Vec<i64>,
    /// Milliseconds to the first response.
    response: Vec<u64>,
    /// Milliseconds to resolution.
    resolution: Vec<u64>,
    /// The latest time recorded: the default `as_of`.
    latest: Option<Timestamp>,
}
}

impl Default for ComplaintTally {
    /// Default targets on the WIB calendar.
    fn default() -> Self {
        Self::new(ComplaintTargets::default(), Calendars::default())
    }
}

/// Settings of a complaint report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ComplaintOptions {
    /// Confidence level of the intervals.
    pub level: Level,
    /// The instant open complaints are judged at; the latest time in the data when `None`.
    pub as_of: Option<Timestamp>,
}

impl ComplaintOptions {
    /// With a confidence level.
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Judging open complaints as of `at`.
    pub fn as_of(mut self, at: Timestamp) -> Self {
        self.as_of = Some(at);
        self
    }
}

/// How complaints were handled, as of an instant.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ComplaintReport {
    /// The instant open complaints were judged at.
    pub as_of: Timestamp,
    /// The targets judged against.
    pub targets: ComplaintTargets,
    /// Complaints filed.
    pub filed: u64,
    /// Complaints answered (a resolution answers).
    pub responded: u64,
    /// Complaints resolved.
    pub resolved: u64,
    /// Complaints not resolved.
    pub unresolved: u64,
    /// First responses within target, of complaints answered or open past the deadline.
    pub responded_within_target: Option<Share>,
    /// Unanswered complaints not yet due for a first response.
    pub response_pending: u64,
    /// Resolutions within target, of complaints resolved or open past the deadline.
    pub resolved_within_target: Option<Share>,
    /// Unresolved complaints not yet due.
    pub resolution_pending: u64,
    /// Complaints judged on resolution of all filed.
    pub coverage: Coverage,
    /// Hours to the first response.
    pub first_response_hours: Option<Summary>,
    /// Hours to resolution.
    pub resolution_hours: Option<Summary>,
}

/// What [`ComplaintTally::check`](Tally::check) decides about one complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintVerdict {
    response: Timeliness,
    resolution: Timeliness,
    latest: Timestamp,
}

impl ComplaintTally {
    /// An empty tally judging against `targets`, working days counted on `calendars` (one
    /// [`Calendar`](crate::Calendar), or [`Calendars`] per unit).
    pub fn new(targets: ComplaintTargets, calendars: impl Into<Calendars>) -> Self {
        Self {
            targets,
            calendars: calendars.into(),
            counts: ComplaintCounts::default(),
            open_response: Vec::new(),
            open_resolution: Vec::new(),
            response: Vec::new(),
            resolution: Vec::new(),
            latest: None,
        }
    }

    /// The targets.
    pub fn targets(&self) -> &ComplaintTargets {
        &self.targets
    }

    /// Complaints counted.
    pub fn filed(&self) -> u64 {
        self.counts.filed
    }

    /// Pushing and merging keep these relations; a tally read back from tampered data may not.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // sums of u64 counts in u128 cannot overflow
    fn validate(&self) -> Result<()> {
        let c = &self.counts;
        let n = u128::from;
        let len = |v: usize| v as u128;
        let responded = n(c.responded_on_time) + n(c.responded_late);
        let resolved = n(c.resolved_on_time) + n(c.resolved_late);
        let consistent = responded + len(self.open_response.len()) == n(c.filed)
            && resolved + len(self.open_resolution.len()) == n(c.filed)
            && resolved <= responded
            && len(self.response.len()) == responded
            && len(self.resolution.len()) == resolved
            && (c.filed == 0) == self.latest.is_none();
        if consistent {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "complaint tally".into(),
                reason: "its counts contradict each other".into(),
            })
        }
    }
}

impl Merge for ComplaintTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        if let Some(difference) = self.targets.difference(&other.targets) {
            return Err(Error::MergeMismatch {
                what: "complaint tallies".into(),
                difference,
            });
        }
        if let Some(difference) = self.calendars.difference(&other.calendars) {
            return Err(Error::MergeMismatch {
                what: "complaint tallies".into(),
                difference,
            });
        }
        self.counts
            .checked_add(&other.counts)
            .map(drop)
            .ok_or_else(|| Error::Overflow {
                field: "complaint tally count".into(),
            })
    }

    fn merge_checked(&mut self, other: &Self) {
        if let Some(sum) = self.counts.checked_add(&other.counts) {
            self.counts = sum;
        }
        self.open_response.extend_from_slice(&other.open_response);
        self.open_resolution
            .extend_from_slice(&other.open_resolution);
        self.response.extend_from_slice(&other.response);
        self.resolution.extend_from_slice(&other.resolution);
        self.latest = match (self.latest, other.latest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

impl Tally for ComplaintTally {
    type Record = Complaint;
    type Checked = ComplaintVerdict;
    type Options = ComplaintOptions;
    type Report = ComplaintReport;

    /// Judges a complaint's first response and resolution against their targets.
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] when working days cannot be counted; [`Error::Overflow`].
    fn check(&self, complaint: &Complaint) -> Result<ComplaintVerdict> {
        room(self.counts.filed, "complaint tally count")?;
        let calendar = self.calendars.for_unit(complaint.unit());
        let filed = complaint.filed_at();
        Ok(ComplaintVerdict {
            response: calendar.judge(
                filed,
                complaint.first_response(),
                self.targets.first_response,
            )?,
            resolution: calendar.judge(
                filed,
                complaint.resolution(),
                self.targets.resolution_for(complaint.category()),
            )?,
            latest: [complaint.first_response(), complaint.resolution()]
                .into_iter()
                .flatten()
                .fold(filed, Timestamp::max),
        })
    }

    fn commit(&mut self, complaint: &Complaint, v: ComplaintVerdict) {
        let c = &mut self.counts;
        bump(&mut c.filed);
        self.latest = Some(self.latest.map_or(v.latest, |l| l.max(v.latest)));
        let filed = complaint.filed_at();
        let span = |at: Option<Timestamp>| at.and_then(|t| t.since(filed)).map(|s| s.as_millis());
        match v.response {
            Timeliness::OnTime => bump(&mut c.responded_on_time),
            Timeliness::Late => bump(&mut c.responded_late),
            Timeliness::Open { due } => self.open_response.push(due.unix_millis()),
        }
        self.response.extend(span(complaint.first_response()));
        match v.resolution {
            Timeliness::OnTime => bump(&mut c.resolved_on_time),
            Timeliness::Late => bump(&mut c.resolved_late),
            Timeliness::Open { due } => self.open_resolution.push(due.unix_millis()),
        }
        self.resolution.extend(span(complaint.resolution()));
    }

    fn latest(&self) -> Option<Timestamp> {
        self.latest
    }

    fn options_as_of(options: &ComplaintOptions, at: Timestamp) -> ComplaintOptions {
        ComplaintOptions {
            as_of: options.as_of.or(Some(at)),
            ..*options
        }
    }

    /// The report as of `options.as_of` (the latest time in the data by default).
    ///
    /// # Errors
    /// [`Error::NoData`] when no complaint was counted; [`Error::AsOfBeforeData`].
    fn report_with(&self, options: &ComplaintOptions) -> Result<ComplaintReport> {
        let c = &self.counts;
        let as_of = report_time(self.latest, c.filed > 0, "complaints", options.as_of)?;
        let at = as_of.unix_millis();
        let past_due = |v: &[i64]| v.iter().filter(|&&due| at > due).count() as u64;
        let level = options.level;
        // Every count is bounded by `filed` (see `validate`): the sums cannot overflow.
        let responded = c.responded_on_time.saturating_add(c.responded_late);
        let resolved = c.resolved_on_time.saturating_add(c.resolved_late);
        let response_late_open = past_due(&self.open_response);
        let resolution_late_open = past_due(&self.open_resolution);
        let resolution_judged = resolved.saturating_add(resolution_late_open);
        let hours = |ms: &[u64]| -> Result<Option<Summary>> {
            let h: Vec<f64> = ms.iter().map(|&m| m as f64 / 3_600_000.0).collect();
            Summary::of(&h, QuantileType::Linear)
        };
        Ok(ComplaintReport {
            as_of,
            targets: self.targets.clone(),
            filed: c.filed,
            responded,
            resolved,
            unresolved: c.filed.saturating_sub(resolved),
            responded_within_target: Share::new(
                c.responded_on_time,
                responded.saturating_add(response_late_open),
                level,
            )?,
            response_pending: (self.open_response.len() as u64).saturating_sub(response_late_open),
            resolved_within_target: Share::new(c.resolved_on_time, resolution_judged, level)?,
            resolution_pending: (self.open_resolution.len() as u64)
                .saturating_sub(resolution_late_open),
            coverage: Coverage::new(resolution_judged, c.filed),
            first_response_hours: hours(&self.response)?,
            resolution_hours: hours(&self.resolution)?,
        })
    }
}

impl fmt::Display for ComplaintReport {
    /// The complaints section of a report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let share = |s: &Option<Share>| s.map_or_else(|| "—".to_owned(), |s| s.to_string());
        writeln!(
            f,
            "filed {} · resolved {} · unresolved {} · as of {}",
            self.filed, self.resolved, self.unresolved, self.as_of
        )?;
        writeln!(
            f,
            "  first response within {}: {} · pending {}",
            self.targets.first_response(),
            share(&self.responded_within_target),
            self.response_pending
        )?;
        writeln!(
            f,
            "  resolved within {}: {} · pending {} · {}",
            self.targets.resolution(),
            share(&self.resolved_within_target),
            self.resolution_pending,
            self.coverage
        )
    }
}
