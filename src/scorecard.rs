//! Every score of a set of visits in one tally: a composition of the speed, cost, empathy,
//! promises, NPS and SKM tallies, fed the same visits.

use std::fmt;
use std::sync::Arc;

use crate::cost::{CostOptions, CostReport, CostTally, CostVerdict};
use crate::cx::{LevelOptions, NpsReport, NpsTally};
use crate::empathy::{EmpathyAnswers, EmpathyOptions, EmpathyReport, EmpathyTally};
use crate::error::Result;
use crate::model::{Instrument, Interaction, RatingScale, Standards, TimeSpan, Timestamp};
use crate::promises::{
    PromiseOptions, PromiseReport, PromiseTally, PromiseTargets, PromiseVerdict,
};
use crate::skm::{SkmOptions, SkmReport, SkmTally};
use crate::speed::{SpeedOptions, SpeedReport, SpeedTally, SpeedVerdict};
use crate::stats::{Level, QuantileType};
use crate::tally::{Merge, Tally, part};
use crate::visit::{Rules, Visit};

/// The SKM answers given with visits, tallied as questionnaires.
#[derive(Debug, Clone, PartialEq)]
struct VisitAnswers(SkmTally);

impl VisitAnswers {
    /// Whether a visit has answers to count (checked they can be).
    fn judge(&self, visit: &Visit<'_>) -> Result<bool> {
        match visit.skm {
            Some(answers) => self.0.check_answers(answers).map(|()| true),
            None => Ok(false),
        }
    }

    fn count(&mut self, visit: &Visit<'_>, answered: bool) {
        if let Some(answers) = visit.skm.filter(|_| answered) {
            self.0.commit_answers(answers);
        }
    }
}

impl Merge for VisitAnswers {
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.0.check_merge(&other.0)
    }

    fn merge_checked(&mut self, other: &Self) {
        self.0.merge_checked(&other.0);
    }
}

impl Tally for VisitAnswers {
    type Record = Interaction;
    type Checked = bool;
    type Options = SkmOptions;
    type Report = SkmReport;

    fn check(&self, visit: &Interaction) -> Result<bool> {
        self.judge(&visit.visit())
    }

    fn commit(&mut self, visit: &Interaction, answered: bool) {
        self.count(&visit.visit(), answered);
    }

    /// The index of the answers given with the visits. Visit logs often carry a few
    /// elements only: a group in which an element was never answered has no index, like a
    /// group with no answers at all.
    fn report_with(&self, options: &SkmOptions) -> Result<SkmReport> {
        match self.0.report_with(options) {
            Err(crate::Error::InsufficientData { what, .. })
                if what.starts_with("NRR of element") =>
            {
                Err(crate::Error::NoData {
                    what: format!("SKM index ({what}: nobody answered it)"),
                })
            }
            other => other,
        }
    }
}

/// The parts, side by side: a tuple is a tally, so checking, committing and merging are the
/// parts' own, all or nothing.
type Parts = (
    SpeedTally,
    CostTally,
    EmpathyTally,
    PromiseTally,
    NpsTally,
    VisitAnswers,
);

/// What every part of a scorecard makes of one visit.
pub(crate) type Judged = (
    SpeedVerdict,
    CostVerdict,
    EmpathyAnswers,
    PromiseVerdict,
    Option<usize>,
    bool,
);

/// Every score of a set of visits: speed, cost, empathy, promises kept, NPS, and the SKM index
/// of answers given with the visits.
///
/// A composition of the parts' tallies, fed the same visits: a visit any part refuses changes
/// none, and merging merges every part or none. Group it like any tally: the scorecard by
/// month is a [`Grouped`](crate::Grouped) of scorecards.
///
/// ```
/// use layanan::{ByPeriod, Calendar, Completion, Granularity, Grouped, Interaction, Money, Scorecard, ServiceStandard, Standards, Tally, TimeSpan, Timestamp};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
///     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))].into_iter().collect();
/// let at = |s: &str| s.parse::<Timestamp>();
/// let by_month = ByPeriod::new(Calendar::wib(), Granularity::Month);
/// let mut card = Grouped::new(by_month, Scorecard::new(standards));
/// for (arrived, minutes, paid) in [("2025-03-04T08:00:00+07:00", 40, 0), ("2025-04-01T08:00:00+07:00", 90, 25_000)] {
///     let arrived = at(arrived)?;
///     let visit = Interaction::builder("ktp-el", "kel-a", arrived)
///         .finished_at(Timestamp::from_unix_millis(arrived.unix_millis() + minutes * 60_000))
///         .paid(Money::new(paid))
///         .build()?;
///     card.push(&visit)?;
/// }
/// for (month, report) in card.report()? {
///     let report = report.expect("visits");
///     let promises = report.promises.expect("judged");
///     println!("{month}: {}", promises.all_kept.expect("judged"));
/// }
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ScorecardParts", into = "ScorecardParts")
)]
pub struct Scorecard {
    parts: Parts,
}

/// The serialised form of a [`Scorecard`]: versioned, its parts checked against each other
/// on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ScorecardParts {
    version: u32,
    speed: SpeedTally,
    cost: CostTally,
    empathy: EmpathyTally,
    promises: PromiseTally,
    nps: NpsTally,
    skm: SkmTally,
}

/// The version of the serialised scorecard format.
#[cfg(feature = "serde")]
const SCORECARD_FORMAT: u32 = 2;

#[cfg(feature = "serde")]
impl TryFrom<ScorecardParts> for Scorecard {
    type Error = crate::Error;
    /// Refuses parts that did not count the same visits: one push feeds every part, so the
    /// visit counts agree and no part counts more answers than there were visits.
    #[allow(clippy::arithmetic_side_effects)] // two u64 summed in u128
    fn try_from(p: ScorecardParts) -> Result<Self> {
        let inconsistent = |reason: String| crate::Error::Inconsistent {
            what: "scorecard".into(),
            reason,
        };
        if p.version != SCORECARD_FORMAT {
            return Err(inconsistent(format!(
                "format version {} (this build reads {SCORECARD_FORMAT})",
                p.version
            )));
        }
        let visits = p.speed.visits();
        if p.cost.visits() != visits || p.promises.visits() != visits {
            return Err(inconsistent(format!(
                "the speed part counted {visits} visits, the cost part {} and the promises part {}",
                p.cost.visits(),
                p.promises.visits()
            )));
        }
        let answers = p.nps.counts().iter().map(|&c| u128::from(c)).sum::<u128>();
        let questionnaires =
            u128::from(p.skm.responses()).saturating_add(u128::from(p.skm.blank_questionnaires()));
        let rated = p.empathy.largest_count_total();
        if answers > u128::from(visits)
            || questionnaires > u128::from(visits)
            || rated > u128::from(visits)
        {
            return Err(inconsistent(format!(
                "more answers than its {visits} visits"
            )));
        }
        // The promises part decides on time, charged and courteous as the speed, cost and
        // empathy parts count them: every rating, and a courtesy answer where there is none.
        let [
            on_time_measured,
            on_time_kept,
            open,
            charged_measured,
            charged_kept,
            from_rating,
            from_skm,
        ] = p.promises.decided();
        let [on_time, late, speed_open] = p.speed.decided();
        let [judged, not_overcharged] = p.cost.judged();
        let [ratings, courtesy_answers] = p.empathy.rated();
        if on_time_kept != on_time
            || u128::from(on_time_measured) != u128::from(on_time) + u128::from(late)
            || open != speed_open
            || u128::from(charged_measured) != judged
            || u128::from(charged_kept) != not_overcharged
            || u128::from(from_rating) != ratings
            || u128::from(from_skm) > courtesy_answers
        {
            return Err(inconsistent(
                "its promises part disagrees with its speed, cost or empathy part".into(),
            ));
        }
        let standards = p.speed.standards();
        if p.cost.standards() != standards || p.promises.standards() != standards {
            return Err(inconsistent(
                "its parts are judged against different standards".into(),
            ));
        }
        if p.empathy.instrument() != p.skm.instrument() {
            return Err(inconsistent(
                "its parts read SKM answers with different instruments".into(),
            ));
        }
        Ok(Scorecard {
            parts: (
                p.speed,
                p.cost,
                p.empathy,
                p.promises,
                p.nps,
                VisitAnswers(p.skm),
            ),
        })
    }
}

#[cfg(feature = "serde")]
impl From<Scorecard> for ScorecardParts {
    fn from(card: Scorecard) -> Self {
        let (speed, cost, empathy, promises, nps, VisitAnswers(skm)) = card.parts;
        ScorecardParts {
            version: SCORECARD_FORMAT,
            speed,
            cost,
            empathy,
            promises,
            nps,
            skm,
        }
    }
}

impl Default for Scorecard {
    /// No standards, the 2017 SKM instrument, empathy ratings on 1–5.
    fn default() -> Self {
        Self::new(Standards::default())
    }
}

/// Settings of a scorecard's report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ScorecardOptions {
    /// Confidence level of every interval.
    pub level: Level,
    /// Quantile definition for times.
    pub quantile_type: QuantileType,
    /// The instant open visits are judged at; each part's latest time in the data when `None`.
    pub as_of: Option<Timestamp>,
    /// The promises' targets.
    pub targets: PromiseTargets,
    /// Apdex's satisfaction threshold, if Apdex is wanted.
    pub apdex_threshold: Option<TimeSpan>,
}

impl ScorecardOptions {
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

    /// With other promise targets.
    pub fn targets(mut self, targets: PromiseTargets) -> Self {
        self.targets = targets;
        self
    }

    /// With Apdex at satisfaction threshold `t`.
    pub fn apdex_threshold(mut self, t: TimeSpan) -> Self {
        self.apdex_threshold = Some(t);
        self
    }

    /// With a quantile definition.
    pub fn quantile_type(mut self, kind: QuantileType) -> Self {
        self.quantile_type = kind;
        self
    }
}

/// Every score of a set of visits; a part without data is `None`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ScorecardReport {
    /// Visits counted.
    pub visits: u64,
    /// Fast: on time against the published completion times.
    pub speed: Option<SpeedReport>,
    /// Cheap: not overcharged against the published tariffs.
    pub cost: Option<CostReport>,
    /// Pleasant: direct ratings and the SKM answers on courtesy and complaint handling.
    pub empathy: Option<EmpathyReport>,
    /// Every promise measured on a visit kept, and the weakest promise.
    pub promises: Option<PromiseReport>,
    /// Would they recommend the office.
    pub nps: Option<NpsReport>,
    /// The SKM index of answers given with the visits (`None` when none were given, or when
    /// an element was never answered: [`Scorecard::skm`] then tells which).
    pub skm: Option<SkmReport>,
}

impl Scorecard {
    /// An empty scorecard judging visits against `standards`, reading SKM answers with the
    /// PermenPANRB 14/2017 instrument and empathy ratings on 1–5.
    pub fn new(standards: Standards) -> Self {
        Self::with_settings(
            standards,
            Instrument::permenpanrb_14_2017(),
            RatingScale::FIVE_POINT,
        )
    }

    /// An empty scorecard with every setting given.
    pub fn with_settings(
        standards: Standards,
        instrument: Instrument,
        rating_scale: RatingScale,
    ) -> Self {
        let standards = Arc::new(standards);
        Self {
            parts: (
                SpeedTally::new(Arc::clone(&standards)),
                CostTally::new(Arc::clone(&standards)),
                EmpathyTally::new(rating_scale, instrument.clone()),
                PromiseTally::new(standards),
                NpsTally::default(),
                VisitAnswers(SkmTally::new(instrument)),
            ),
        }
    }

    /// Keeps the speed part's durations in a sketch of relative error `accuracy`: see
    /// [`SpeedTally::with_duration_sketch`].
    ///
    /// # Errors
    /// [`Error::InvalidValue`](crate::Error::InvalidValue) unless 0.0001 ≤ `accuracy` ≤ 0.2.
    pub fn with_duration_sketch(mut self, accuracy: f64) -> Result<Self> {
        let (speed, ..) = &mut self.parts;
        *speed = std::mem::take(speed).with_duration_sketch(accuracy)?;
        Ok(self)
    }

    /// Judges a visit by `rules` for every part: what [`count`](Self::count) adds. Changes
    /// nothing (the first part's error, as [`Tally::check`]).
    pub(crate) fn judge(&self, rules: &Rules<'_>, visit: &Visit<'_>) -> Result<Judged> {
        let (speed, cost, empathy, promises, nps, skm) = &self.parts;
        let on_time = speed.judge(rules, visit)?;
        let charged = cost.judge(rules, visit)?;
        // The promises are judged from the speed and cost parts' verdicts, not again.
        let kept = promises.judge_with(on_time.completion.map(|(_, t)| t), charged, visit)?;
        Ok((
            on_time,
            charged,
            empathy.judge(visit)?,
            kept,
            nps.judge(visit)?,
            skm.judge(visit)?,
        ))
    }

    /// Counts a visit [`judge`](Self::judge) accepted, in every part.
    pub(crate) fn count(&mut self, visit: &Visit<'_>, checked: Judged) {
        let (speed, cost, empathy, promises, nps, skm) = &mut self.parts;
        let (s, c, e, p, n, a) = checked;
        speed.count(visit, s);
        cost.count(c);
        empathy.count(e);
        promises.count(p);
        nps.count(n);
        skm.count(visit, a);
    }

    /// The standards visits are judged against.
    pub fn standards(&self) -> &Standards {
        self.parts.0.standards()
    }

    /// The standards, shared.
    pub(crate) fn shared_standards(&self) -> &Arc<Standards> {
        self.parts.0.shared_standards()
    }

    /// Visits counted.
    pub fn visits(&self) -> u64 {
        self.parts.0.visits()
    }

    /// The speed tally.
    pub fn speed(&self) -> &SpeedTally {
        &self.parts.0
    }

    /// The cost tally.
    pub fn cost(&self) -> &CostTally {
        &self.parts.1
    }

    /// The empathy tally.
    pub fn empathy(&self) -> &EmpathyTally {
        &self.parts.2
    }

    /// The promises tally.
    pub fn promises(&self) -> &PromiseTally {
        &self.parts.3
    }

    /// The NPS tally.
    pub fn nps(&self) -> &NpsTally {
        &self.parts.4
    }

    /// The SKM answers given with the visits.
    pub fn skm(&self) -> &SkmTally {
        &self.parts.5.0
    }
}

impl Merge for Scorecard {
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.parts.check_merge(&other.parts)
    }

    fn merge_checked(&mut self, other: &Self) {
        self.parts.merge_checked(&other.parts);
    }
}

impl Tally for Scorecard {
    type Record = Interaction;
    type Checked = Judged;
    type Options = ScorecardOptions;
    type Report = ScorecardReport;

    /// Checks `visit` with every part.
    ///
    /// # Errors
    /// The first part's error: [`Error::UnknownElement`](crate::Error::UnknownElement) for SKM
    /// answers of another instrument, [`Error::ScaleMismatch`](crate::Error::ScaleMismatch)
    /// for a rating on another scale, [`Error::TimeOutOfRange`](crate::Error::TimeOutOfRange),
    /// [`Error::Overflow`](crate::Error::Overflow).
    fn check(&self, visit: &Interaction) -> Result<Self::Checked> {
        let rules = self.standards().rules(visit.service(), visit.unit());
        self.judge(&rules, &visit.visit())
    }

    fn commit(&mut self, visit: &Interaction, checked: Self::Checked) {
        self.count(&visit.visit(), checked);
    }

    fn latest(&self) -> Option<Timestamp> {
        self.parts.0.latest()
    }

    fn options_as_of(options: &ScorecardOptions, at: Timestamp) -> ScorecardOptions {
        ScorecardOptions {
            as_of: options.as_of.or(Some(at)),
            ..*options
        }
    }

    /// Every part's report; a part without data is `None`. Open visits are judged as of
    /// `options.as_of`, or else the latest time in the data (the same for every part: they
    /// saw the same visits).
    ///
    /// # Errors
    /// [`Error::NoData`](crate::Error::NoData) when no visit was counted; a part's error.
    fn report_with(&self, options: &ScorecardOptions) -> Result<ScorecardReport> {
        let (speed, cost, empathy, promises, nps, skm) = &self.parts;
        let level = options.level;
        let mut speed_options = SpeedOptions::default()
            .level(level)
            .quantile_type(options.quantile_type);
        speed_options.as_of = options.as_of;
        speed_options.apdex_threshold = options.apdex_threshold;
        let mut promise_options = PromiseOptions::default()
            .level(level)
            .targets(options.targets);
        promise_options.as_of = options.as_of;
        let speed = speed.report_with(&speed_options)?;
        Ok(ScorecardReport {
            visits: speed.visits,
            speed: Some(speed),
            cost: part(cost.report_with(&CostOptions::default().level(level)))?,
            empathy: part(empathy.report_with(&EmpathyOptions::default().level(level)))?,
            promises: part(promises.report_with(&promise_options))?,
            nps: part(nps.report_with(&LevelOptions::default().level(level)))?,
            skm: part(skm.report_with(&SkmOptions::default().with_level(level)))?,
        })
    }
}

impl fmt::Display for ScorecardReport {
    /// Every section, with what each score counts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} visits", self.visits)?;
        if let Some(s) = &self.speed {
            write!(f, "Speed     {s}")?;
        }
        if let Some(c) = &self.cost {
            write!(f, "Cost      {c}")?;
        }
        if let Some(e) = &self.empathy {
            for line in e.to_string().lines() {
                writeln!(f, "Empathy   {line}")?;
            }
        }
        if let Some(n) = &self.nps {
            writeln!(f, "NPS       {n}")?;
        }
        if let Some(p) = &self.promises {
            write!(f, "Promises  {p}")?;
        }
        Ok(())
    }
}
