//! One pass over a whole dataset: every score, overall, per unit and per service.

use std::collections::BTreeMap;

use crate::cost::{CostReport, CostTally};
use crate::cx::{NpsReport, NpsTally};
use crate::empathy::{EmpathyReport, EmpathyTally};
use crate::error::{Error, Result};
use crate::excellence::{Component, ExcellenceIndex, ExcellenceWeights};
use crate::model::{Instrument, Interaction, Standards};
use crate::skm::{SkmOptions, SkmReport, SkmTally};
use crate::speed::{SpeedOptions, SpeedReport, SpeedTally};
use crate::stats::{self, Level};

/// Every tally of one group of visits.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Tallies {
    /// Times against standards.
    pub speed: SpeedTally,
    /// Payments against tariffs.
    pub cost: CostTally,
    /// Ratings and SKM answers on courtesy and complaint handling.
    pub empathy: EmpathyTally,
    /// Would-you-recommend scores.
    pub nps: NpsTally,
    /// SKM answers given with the visits.
    pub skm: SkmTally,
}

impl Tallies {
    fn new(instrument: &Instrument) -> Self {
        Self {
            speed: SpeedTally::new(),
            cost: CostTally::new(),
            empathy: EmpathyTally::new(),
            nps: NpsTally::default(),
            skm: SkmTally::new(instrument.clone()),
        }
    }

    /// Adds a visit to every tally, or to none: the SKM answers are checked first, and the
    /// speed tally (which can fail on dates it cannot count) leaves itself unchanged on error.
    /// The other pushes count no more than the speed tally's visits, so they cannot overflow.
    fn push(&mut self, visit: &Interaction, standards: &Standards) -> Result<()> {
        if let Some(answers) = visit.skm() {
            self.skm.check_answers(answers)?;
        }
        self.speed.push(visit, standards)?;
        self.cost.push(visit, standards)?;
        self.empathy.push(visit)?;
        self.nps.push(visit)?;
        if let Some(answers) = visit.skm() {
            self.skm.push_answers(answers)?;
        }
        Ok(())
    }

    /// Adds everything `other` counted, or nothing on error. Checks every part first rather
    /// than merging into a clone: a clone would copy the stored times, making a merge cost
    /// the size of the whole rather than of `other`.
    fn merge(&mut self, other: &Tallies) -> Result<()> {
        let (empathy, nps, skm) = self.check_merge(other)?;
        self.speed.merge(&other.speed)?;
        self.cost.merge(&other.cost)?;
        (self.empathy, self.nps, self.skm) = (empathy, nps, skm);
        Ok(())
    }

    /// Checks that a merge would succeed: the speed and cost merges by their counts, the
    /// others (counts only, small) by merging copies, which are returned.
    fn check_merge(&self, other: &Tallies) -> Result<(EmpathyTally, NpsTally, SkmTally)> {
        self.speed.check_merge(&other.speed)?;
        self.cost.check_merge(&other.cost)?;
        let mut empathy = self.empathy.clone();
        empathy.merge(&other.empathy)?;
        let mut nps = self.nps.clone();
        nps.merge(&other.nps)?;
        let mut skm = self.skm.clone();
        skm.merge(&other.skm)?;
        Ok((empathy, nps, skm))
    }

    /// Every report the data allow (parts without data are `None`), and the excellence index
    /// when speed, empathy and cost all have a score.
    ///
    /// # Errors
    /// Only for inconsistent internal state; missing data is `None`.
    pub fn report(&self, options: &ScorecardOptions) -> Result<GroupReport> {
        let level = options.level;
        let speed = optional(self.speed.report_with(&SpeedOptions {
            level,
            quantile_type: options.quantile_type,
        }))?;
        let cost = optional(self.cost.report_with(level))?;
        let empathy = optional(self.empathy.report_with(level))?;
        let nps = optional(self.nps.report_with(level))?;
        let skm = optional(
            self.skm
                .report_with(&SkmOptions::default().with_level(level)),
        )?;
        let excellence = excellence(speed.as_ref(), empathy.as_ref(), cost.as_ref(), options)?;
        Ok(GroupReport {
            visits: self.speed.visits(),
            speed,
            cost,
            empathy,
            nps,
            skm,
            excellence,
        })
    }
}

/// `Ok(None)` for a part without enough data, other errors passed on.
fn optional<T>(result: Result<T>) -> Result<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(
            Error::InsufficientData { .. } | Error::Stats(stats::Error::InsufficientData { .. }),
        ) => Ok(None),
        Err(e) => Err(e),
    }
}

fn excellence(
    speed: Option<&SpeedReport>,
    empathy: Option<&EmpathyReport>,
    cost: Option<&CostReport>,
    options: &ScorecardOptions,
) -> Result<Option<ExcellenceIndex>> {
    let speed = speed
        .and_then(|s| s.within_standard)
        .map(|s| Component::from_share(s.rate(), s.of));
    let cost = cost
        .and_then(|c| c.overcharged)
        .map(|s| Component::from_share(1.0 - s.rate(), s.of));
    let empathy = empathy.and_then(|e| {
        let score = e.score?.estimate().clamp(0.0, 100.0);
        Component::new(score, e.score_standard_error?).ok()
    });
    match (speed, empathy, cost) {
        (Some(s), Some(e), Some(c)) => {
            ExcellenceIndex::combine(s, e, c, options.weights, options.level).map(Some)
        }
        _ => Ok(None),
    }
}

/// Every score of one group.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GroupReport {
    /// Visits counted.
    pub visits: u64,
    /// Fast.
    pub speed: Option<SpeedReport>,
    /// Cheap.
    pub cost: Option<CostReport>,
    /// Pleasant.
    pub empathy: Option<EmpathyReport>,
    /// Would they recommend it.
    pub nps: Option<NpsReport>,
    /// The SKM index from answers given with the visits.
    pub skm: Option<SkmReport>,
    /// Fast, pleasant and cheap in one number.
    pub excellence: Option<ExcellenceIndex>,
}

/// Settings of a scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ScorecardOptions {
    /// Confidence level.
    pub level: Level,
    /// Quantile definition for times.
    pub quantile_type: crate::stats::QuantileType,
    /// Weights of the excellence index.
    pub weights: ExcellenceWeights,
}

impl ScorecardOptions {
    /// With a confidence level.
    pub fn with_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// With other excellence weights.
    pub fn with_weights(mut self, weights: ExcellenceWeights) -> Self {
        self.weights = weights;
        self
    }
}

/// Scores a whole dataset of visits in one pass: overall, per unit and per service.
///
/// ```
/// use layanan::{Interaction, Money, Scorecard, ServiceStandard, Standards, Timestamp};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?].into_iter().collect();
/// let visits = [
///     Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0)).paid(Money::ZERO).build()?,
///     Interaction::builder("ktp-el", "kel-b", Timestamp::from_unix_millis(0)).paid(Money::new(5_000)).build()?,
///     Interaction::builder("legalisir", "kel-b", Timestamp::from_unix_millis(0)).build()?,
/// ];
/// let card = Scorecard::score(&visits, standards)?;
/// assert_eq!(card.units().count(), 2);
/// assert_eq!(card.unknown_services().get("legalisir"), Some(&1));
/// let report = card.report()?;
/// let kel_b = &report.by_unit["kel-b"];
/// assert_eq!(kel_b.cost.as_ref().expect("paid").overcharged.expect("judged").count, 1);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ScorecardParts", into = "ScorecardParts")
)]
pub struct Scorecard {
    standards: Standards,
    instrument: Instrument,
    overall: Tallies,
    by_unit: BTreeMap<String, Tallies>,
    by_service: BTreeMap<String, Tallies>,
    unknown_services: BTreeMap<String, u64>,
}

/// A scorecard's reports.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ScorecardReport {
    /// All visits.
    pub overall: GroupReport,
    /// Per unit, by name.
    pub by_unit: BTreeMap<String, GroupReport>,
    /// Per service, by name.
    pub by_service: BTreeMap<String, GroupReport>,
    /// Services without a published standard, with their numbers of visits.
    pub unknown_services: BTreeMap<String, u64>,
}

impl Scorecard {
    /// An empty scorecard judging against `standards`, reading SKM answers with the
    /// PermenPANRB 14/2017 instrument.
    pub fn new(standards: Standards) -> Self {
        Self::with_instrument(standards, Instrument::permenpanrb_14_2017())
    }

    /// An empty scorecard reading SKM answers with `instrument`.
    pub fn with_instrument(standards: Standards, instrument: Instrument) -> Self {
        Self {
            overall: Tallies::new(&instrument),
            standards,
            instrument,
            by_unit: BTreeMap::new(),
            by_service: BTreeMap::new(),
            unknown_services: BTreeMap::new(),
        }
    }

    /// Scores every visit.
    ///
    /// # Errors
    /// The first error of [`push`](Self::push).
    pub fn score<'a>(
        visits: impl IntoIterator<Item = &'a Interaction>,
        standards: Standards,
    ) -> Result<Self> {
        let mut card = Self::new(standards);
        for visit in visits {
            card.push(visit)?;
        }
        Ok(card)
    }

    /// Adds one visit to the overall, unit and service tallies.
    ///
    /// # Errors
    /// [`Error::UnknownElement`] for SKM answers the instrument does not have;
    /// [`Error::TimeOutOfRange`]; [`Error::Overflow`]. The scorecard is then unchanged.
    pub fn push(&mut self, visit: &Interaction) -> Result<()> {
        // A visit the overall tallies reject changes nothing; one they accept, the unit and
        // service tallies (same standards, same instrument, fewer visits) accept too.
        self.overall.push(visit, &self.standards)?;
        if self.standards.find(visit.service()).is_none() {
            match self.unknown_services.get_mut(visit.service()) {
                Some(n) => *n = n.saturating_add(1),
                None => {
                    self.unknown_services.insert(visit.service().to_string(), 1);
                }
            }
        }
        // Look groups up by `&str` first: a `String` key is allocated only for a new group.
        for (groups, name) in [
            (&mut self.by_unit, visit.unit()),
            (&mut self.by_service, visit.service()),
        ] {
            match groups.get_mut(name) {
                Some(tallies) => tallies.push(visit, &self.standards)?,
                None => groups
                    .entry(name.to_string())
                    .or_insert_with(|| Tallies::new(&self.instrument))
                    .push(visit, &self.standards)?,
            }
        }
        Ok(())
    }

    /// Adds everything `other` counted (same standards and instrument), in place; on error
    /// nothing is changed.
    ///
    /// # Errors
    /// [`Error::MergeMismatch`] for other standards or instrument; [`Error::Overflow`].
    pub fn merge(&mut self, other: &Scorecard) -> Result<()> {
        if self.standards != other.standards || self.instrument != other.instrument {
            return Err(Error::MergeMismatch {
                reason: "scorecards judged against different standards or instruments".into(),
            });
        }
        // Check every merge before changing anything (see `Tallies::merge`).
        self.overall.check_merge(&other.overall)?;
        for (groups, theirs) in [
            (&self.by_unit, &other.by_unit),
            (&self.by_service, &other.by_service),
        ] {
            for (name, tallies) in theirs {
                if let Some(ours) = groups.get(name) {
                    ours.check_merge(tallies)?;
                }
            }
        }
        self.overall.merge(&other.overall)?;
        for (groups, theirs) in [
            (&mut self.by_unit, &other.by_unit),
            (&mut self.by_service, &other.by_service),
        ] {
            for (name, tallies) in theirs {
                match groups.get_mut(name) {
                    Some(ours) => ours.merge(tallies)?,
                    None => {
                        groups.insert(name.clone(), tallies.clone());
                    }
                }
            }
        }
        for (service, n) in &other.unknown_services {
            let ours = self.unknown_services.entry(service.clone()).or_default();
            *ours = ours.saturating_add(*n);
        }
        Ok(())
    }

    /// The overall tallies.
    pub fn overall(&self) -> &Tallies {
        &self.overall
    }

    /// Units and their tallies.
    pub fn units(&self) -> impl Iterator<Item = (&str, &Tallies)> {
        self.by_unit.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Services and their tallies.
    pub fn services(&self) -> impl Iterator<Item = (&str, &Tallies)> {
        self.by_service.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Services without a published standard and their numbers of visits.
    pub fn unknown_services(&self) -> &BTreeMap<String, u64> {
        &self.unknown_services
    }

    /// Every report with default options.
    ///
    /// # Errors
    /// As [`report_with`](Self::report_with).
    pub fn report(&self) -> Result<ScorecardReport> {
        self.report_with(&ScorecardOptions::default())
    }

    /// Every report.
    ///
    /// # Errors
    /// Only for inconsistent internal state.
    pub fn report_with(&self, options: &ScorecardOptions) -> Result<ScorecardReport> {
        let groups = |g: &BTreeMap<String, Tallies>| -> Result<BTreeMap<String, GroupReport>> {
            g.iter()
                .map(|(k, t)| Ok((k.clone(), t.report(options)?)))
                .collect()
        };
        Ok(ScorecardReport {
            overall: self.overall.report(options)?,
            by_unit: groups(&self.by_unit)?,
            by_service: groups(&self.by_service)?,
            unknown_services: self.unknown_services.clone(),
        })
    }
}

/// The serialised form of a [`Scorecard`]: versioned, and checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ScorecardParts {
    version: u32,
    standards: Standards,
    instrument: Instrument,
    overall: Tallies,
    by_unit: BTreeMap<String, Tallies>,
    by_service: BTreeMap<String, Tallies>,
    unknown_services: BTreeMap<String, u64>,
}

/// The version of the serialised scorecard format.
#[cfg(feature = "serde")]
const SCORECARD_FORMAT: u32 = 1;

#[cfg(feature = "serde")]
impl TryFrom<ScorecardParts> for Scorecard {
    type Error = Error;
    fn try_from(p: ScorecardParts) -> Result<Self> {
        let inconsistent = |reason: String| Error::Inconsistent {
            what: "scorecard".into(),
            reason,
        };
        if p.version != SCORECARD_FORMAT {
            return Err(inconsistent(format!(
                "format version {} (this build reads {SCORECARD_FORMAT})",
                p.version
            )));
        }
        let groups = || p.by_unit.values().chain(p.by_service.values());
        if std::iter::once(&p.overall)
            .chain(groups())
            .any(|t| t.skm.instrument() != &p.instrument)
        {
            return Err(inconsistent(
                "a group's SKM tally uses another instrument than the scorecard".into(),
            ));
        }
        // Every visit is in the overall tallies, its unit's and its service's.
        let visits = |g: &BTreeMap<String, Tallies>| -> u128 {
            g.values().map(|t| u128::from(t.speed.visits())).sum()
        };
        let overall = u128::from(p.overall.speed.visits());
        if visits(&p.by_unit) != overall || visits(&p.by_service) != overall {
            return Err(inconsistent(format!(
                "{overall} visits overall but {} by unit and {} by service",
                visits(&p.by_unit),
                visits(&p.by_service)
            )));
        }
        Ok(Scorecard {
            standards: p.standards,
            instrument: p.instrument,
            overall: p.overall,
            by_unit: p.by_unit,
            by_service: p.by_service,
            unknown_services: p.unknown_services,
        })
    }
}

#[cfg(feature = "serde")]
impl From<Scorecard> for ScorecardParts {
    fn from(c: Scorecard) -> Self {
        ScorecardParts {
            version: SCORECARD_FORMAT,
            standards: c.standards,
            instrument: c.instrument,
            overall: c.overall,
            by_unit: c.by_unit,
            by_service: c.by_service,
            unknown_services: c.unknown_services,
        }
    }
}
