//! Everything the report shows, computed once: the text and the JSON are two renderings of
//! this one value, so the JSON carries everything the text shows.

use std::collections::BTreeMap;

use std::num::NonZeroUsize;

use layanan::columns::VisitCells;
use layanan::prelude::*;
use layanan::read::VisitBatches;
use layanan::skm::{ProfileReport, ProfileTally};
use layanan::{
    Breakdown, ByPeriod, ByUnit, Calendar, CompareOptions, Comparison, Complaint, ComplaintOptions,
    ComplaintReport, ComplaintTally, ComplaintTargets, Completion, Granularity, GroupTally,
    Grouped, Instrument, Interval, Level, Mutu, NoTrend, Period, PeriodComparison, Promise,
    RatingScale, Scorecard, ScorecardOptions, ScorecardReport, SkmOptions, SkmReport, SkmResponse,
    SkmTally, Standards, Timestamp, compare_groups, compare_periods,
};

/// What was read.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DataCounts {
    pub questionnaires: u64,
    pub blank_questionnaires: u64,
    pub visits: u64,
    pub standards: usize,
    pub complaints: u64,
}

/// A group's SKM result: its report, or why it has none.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum SkmResult {
    Report(Box<SkmReport>),
    NoIndex {
        respondents: u64,
        blank_questionnaires: u64,
        reason: String,
    },
}

/// A group's SKM result in one line: what the per-unit and per-service tables show. Only the
/// overall result keeps its whole report, so a city of 100,000 units holds 100,000 lines, not
/// 100,000 reports.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum SkmLine {
    Scored {
        respondents: u64,
        #[cfg_attr(not(any(feature = "serde", feature = "html")), allow(dead_code))]
        ikm: f64,
        ikm_rounded: f64,
        interval: Option<Interval>,
        mutu: Mutu,
        /// The element to improve first: code, name and NRR.
        follow_up_first: Option<(String, String, f64)>,
    },
    NoIndex {
        respondents: u64,
        blank_questionnaires: u64,
        reason: String,
    },
}

impl SkmLine {
    fn of(result: SkmResult) -> Self {
        match result {
            SkmResult::Report(r) => {
                let follow_up_first = r
                    .follow_up
                    .first()
                    .and_then(|key| r.elements.iter().find(|e| &e.key == key))
                    .map(|e| (e.code.clone(), e.name.clone(), e.nrr));
                SkmLine::Scored {
                    respondents: r.respondents,
                    ikm: r.ikm,
                    ikm_rounded: r.ikm_rounded,
                    interval: r.interval,
                    mutu: r.mutu,
                    follow_up_first,
                }
            }
            SkmResult::NoIndex {
                respondents,
                blank_questionnaires,
                reason,
            } => SkmLine::NoIndex {
                respondents,
                blank_questionnaires,
                reason,
            },
        }
    }
}

/// The SKM overall, per unit and per service.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SkmSection {
    pub overall: SkmResult,
    pub by_unit: Vec<(String, SkmLine)>,
    pub by_service: Vec<(String, SkmLine)>,
}

/// Every score of the visits overall, per unit and per service, all as of one instant.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VisitSection {
    pub overall: ScorecardReport,
    pub by_unit: Vec<(String, ScorecardReport)>,
    pub by_service: Vec<(String, ScorecardReport)>,
    /// Services with visits but no published standard, with their numbers of visits.
    pub services_without_standard: Vec<(String, u64)>,
}

/// Each unit against the rest on one score.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding {
    /// What is compared, in words a reader can check ("share of judged visits on time").
    pub score: String,
    /// Whether the score is a share (printed in percent) or an index (25–100).
    pub share: bool,
    pub comparison: Comparison,
}

/// One score month by month.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Trend {
    pub score: String,
    pub share: bool,
    pub periods: PeriodComparison,
    /// Why there is no trend test, when there is none.
    pub no_trend: Option<String>,
}

/// Complaint handling overall and per unit.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ComplaintSection {
    pub overall: ComplaintReport,
    pub by_unit: Vec<(String, ComplaintReport)>,
}

/// The whole report.
#[derive(Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CityReport {
    pub source: String,
    pub data: DataCounts,
    /// The instant open visits and complaints are judged at (in the JSON; the text shows it
    /// on the calendar's clock).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub as_of: Option<Timestamp>,
    /// The same on the report's calendar, as a person reads it.
    pub as_of_local: Option<String>,
    pub skm: Option<SkmSection>,
    pub visits: Option<VisitSection>,
    pub where_to_act: Vec<Finding>,
    pub trends: Vec<Trend>,
    pub complaints: Option<ComplaintSection>,
    /// Free-text suggestions (saran) per unit.
    pub saran: Vec<(String, Vec<String>)>,
    /// Who answered the questionnaires.
    #[cfg_attr(not(any(feature = "serde", feature = "html")), allow(dead_code))]
    pub profile: Option<ProfileReport>,
    /// Per service with a standard in minutes: the standard and the finished visits'
    /// turnaround in minutes (for the HTML document's histograms; only when asked for).
    #[cfg_attr(feature = "serde", serde(skip))]
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub completion_times: Vec<(String, f64, Vec<f64>)>,
}

/// How to score.
pub struct Settings {
    pub instrument: Instrument,
    pub standards: Standards,
    pub calendar: Calendar,
    pub skm_options: SkmOptions,
    pub targets: ComplaintTargets,
    pub as_of: Option<Timestamp>,
    pub compare: CompareOptions,
    /// Whether to keep each service's completion times (for the HTML document).
    pub completion_times: bool,
}

fn err(e: layanan::Error) -> String {
    e.to_string()
}

/// An SKM tally's report, or why there is none.
fn skm_result(tally: &SkmTally, options: &SkmOptions) -> Result<SkmResult, String> {
    match tally.report_with(options) {
        Ok(r) => Ok(SkmResult::Report(Box::new(r))),
        Err(e @ (layanan::Error::NoData { .. } | layanan::Error::InsufficientData { .. })) => {
            Ok(SkmResult::NoIndex {
                respondents: tally.responses(),
                blank_questionnaires: tally.blank_questionnaires(),
                reason: e.to_string(),
            })
        }
        Err(e) => Err(err(e)),
    }
}

/// Months on the report's calendar, for trends.
fn by_month(calendar: &Calendar) -> ByPeriod {
    ByPeriod::new(calendar.clone(), Granularity::Month)
}

/// Everything the report needs, tallied as the records stream past: each record is counted
/// once, into its finest cell, and no record is kept.
pub struct Tallies {
    /// SKM questionnaires per (unit, service).
    skm: Breakdown<SkmTally>,
    /// SKM questionnaires per month of submission (those with a submission time).
    skm_months: Grouped<ByPeriod, SkmTally>,
    /// Who answered.
    profile: ProfileTally,
    /// Visits per (unit, service, month), given as batches of columns.
    visits: VisitCells,
    /// Complaints per unit.
    complaints: Grouped<ByUnit, ComplaintTally>,
    /// The latest time a complaint records.
    complaints_latest: Option<Timestamp>,
    /// Free-text suggestions (saran) per unit.
    saran: BTreeMap<String, Vec<String>>,
    questionnaires: u64,
    visit_count: u64,
    complaint_count: u64,
}

impl Tallies {
    /// Nothing tallied yet.
    pub fn new(settings: &Settings) -> Self {
        let skm = SkmTally::new(settings.instrument.clone());
        let card = Scorecard::with_settings(
            settings.standards.clone(),
            settings.instrument.clone(),
            RatingScale::FIVE_POINT,
        );
        let month = by_month(&settings.calendar);
        Self {
            skm: Breakdown::new(skm.clone()),
            skm_months: Grouped::new(month.clone(), skm),
            profile: ProfileTally::default(),
            visits: VisitCells::by_period(card, month),
            complaints: Grouped::new(
                ByUnit,
                ComplaintTally::new(settings.targets.clone(), settings.calendar.clone()),
            ),
            complaints_latest: None,
            saran: BTreeMap::new(),
            questionnaires: 0,
            visit_count: 0,
            complaint_count: 0,
        }
    }

    /// Whether anything was tallied.
    pub fn is_empty(&self) -> bool {
        self.questionnaires == 0 && self.visit_count == 0 && self.complaint_count == 0
    }

    /// Counts one SKM questionnaire.
    pub fn push_response(&mut self, response: &SkmResponse) -> layanan::Result<()> {
        // Checked before anything is counted, so a refused questionnaire changes nothing.
        let month = match response.submitted_at() {
            Some(_) => Some(self.skm_months.check(response)?),
            None => None,
        };
        let profile = self.profile.check(response)?;
        self.skm.push(response)?;
        if let Some(checked) = month {
            self.skm_months.commit(response, checked);
        }
        self.profile.commit(response, profile);
        if let Some(text) = response.saran() {
            self.saran
                .entry(response.unit().unwrap_or("").to_string())
                .or_default()
                .push(text.to_string());
        }
        self.questionnaires += 1;
        Ok(())
    }

    /// Reads and counts every visit of `reader`, on `threads` threads besides the reader's.
    pub fn tally_visits<R: std::io::Read>(
        &mut self,
        reader: VisitBatches<R>,
        threads: NonZeroUsize,
        progress: &mut dyn FnMut(u64),
    ) -> layanan::Result<()> {
        let visits = reader.tally_into(&mut self.visits, threads, progress)?;
        self.visit_count += visits;
        Ok(())
    }

    /// Counts one complaint.
    pub fn push_complaint(&mut self, complaint: &Complaint) -> layanan::Result<()> {
        self.complaints.push(complaint)?;
        let times = [
            Some(complaint.filed_at()),
            complaint.first_response(),
            complaint.resolution(),
        ];
        self.complaints_latest = self
            .complaints_latest
            .max(times.into_iter().flatten().max());
        self.complaint_count += 1;
        Ok(())
    }
}

/// The SKM section, with the tallies per unit and per month that the comparisons use.
fn skm(
    tallies: &Tallies,
    options: &SkmOptions,
) -> Result<(SkmSection, Named<String>, Named<Period>), String> {
    let each = |groups: &BTreeMap<String, SkmTally>| -> Result<Vec<(String, SkmLine)>, String> {
        groups
            .iter()
            .map(|(k, t)| Ok((k.clone(), SkmLine::of(skm_result(t, options)?))))
            .collect()
    };
    let by_unit = tallies.skm.by_unit().map_err(err)?;
    let section = SkmSection {
        overall: skm_result(&tallies.skm.overall().map_err(err)?, options)?,
        by_unit: each(&by_unit)?,
        by_service: each(&tallies.skm.by_service().map_err(err)?)?,
    };
    let months = tallies
        .skm_months
        .iter()
        .map(|(m, t)| (*m, t.clone()))
        .collect();
    Ok((section, by_unit.into_iter().collect(), months))
}

/// SKM tallies, each under its unit's name or its month.
type Named<K> = Vec<(K, SkmTally)>;

fn reports<K: Clone + Ord>(
    groups: &BTreeMap<K, Scorecard>,
    options: &ScorecardOptions,
) -> Result<Vec<(K, ScorecardReport)>, String> {
    groups
        .iter()
        .map(|(k, card)| Ok((k.clone(), card.report_with(options).map_err(err)?)))
        .collect()
}

/// A share as a comparable rate, if it was measured.
fn rate(share: Option<layanan::Share>) -> Option<GroupTally> {
    share.map(|s| GroupTally::rate(s.count, s.of))
}

type Pick = fn(&ScorecardReport) -> Option<GroupTally>;

/// The visit scores compared across units and months: what each counts, and how to read it.
const SCORES: [(&str, Pick); 4] = [
    (
        "on time (share of judged visits finished within the standard)",
        |r| rate(r.speed.as_ref()?.on_time_share),
    ),
    (
        "not overcharged (share of judged visits that paid no more than the tariff)",
        |r| rate(r.cost.as_ref()?.not_overcharged),
    ),
    ("courteous (share of rated visits rated courteous)", |r| {
        rate(r.promises.as_ref()?.promise(Promise::Courteous)?.kept)
    }),
    ("every promise kept (share of judged visits)", |r| {
        rate(r.promises.as_ref()?.all_kept)
    }),
];

const IKM: &str = "IKM (SKM index, 25–100)";

/// Units against the rest on each score.
fn where_to_act(
    units: &[(String, ScorecardReport)],
    skm_units: &[(String, SkmTally)],
    options: CompareOptions,
) -> Result<Vec<Finding>, String> {
    let mut findings = Vec::new();
    if !skm_units.is_empty() {
        let groups = skm_units
            .iter()
            .filter(|(_, t)| t.responses() > 0)
            .map(|(u, t)| (u.clone(), GroupTally::ikm(t.clone())));
        findings.push(Finding {
            score: IKM.into(),
            share: false,
            comparison: compare_groups(groups, options).map_err(err)?,
        });
    }
    for (score, pick) in SCORES {
        let groups: Vec<(String, GroupTally)> = units
            .iter()
            .filter_map(|(u, r)| Some((u.clone(), pick(r)?)))
            .filter(|(_, t)| t.n() > 0)
            .collect();
        if groups.is_empty() {
            continue;
        }
        findings.push(Finding {
            score: score.into(),
            share: true,
            comparison: compare_groups(groups, options).map_err(err)?,
        });
    }
    Ok(findings)
}

/// Why a series has no trend test: the library's reason, in months.
fn no_trend(periods: &PeriodComparison) -> Option<String> {
    Some(match periods.no_trend()? {
        NoTrend::TooFewPeriods { periods } => {
            format!("a trend test needs four months or more, and the data cover {periods}")
        }
        NoTrend::TooManyPeriods { periods, max } => {
            format!("{periods} months are more than the trend test takes ({max})")
        }
        NoTrend::Constant => "every month has the same score: there is no trend to test".into(),
        other => other.to_string(),
    })
}

fn trends(
    months: &[(Period, ScorecardReport)],
    skm_months: &[(Period, SkmTally)],
    level: Level,
) -> Result<Vec<Trend>, String> {
    let mut out = Vec::new();
    let series = |items: Vec<(String, GroupTally)>| -> Result<Option<PeriodComparison>, String> {
        if items.is_empty() {
            return Ok(None);
        }
        compare_periods(items, level).map(Some).map_err(err)
    };
    let skm = skm_months
        .iter()
        .filter(|(_, t)| t.responses() > 0)
        .map(|(p, t)| (p.to_string(), GroupTally::ikm(t.clone())))
        .collect();
    if let Some(periods) = series(skm)? {
        out.push(Trend {
            score: IKM.into(),
            share: false,
            no_trend: no_trend(&periods),
            periods,
        });
    }
    for (score, pick) in SCORES {
        let items = months
            .iter()
            .filter_map(|(p, r)| Some((p.to_string(), pick(r)?)))
            .filter(|(_, t)| t.n() > 0)
            .collect();
        if let Some(periods) = series(items)? {
            out.push(Trend {
                score: score.into(),
                share: true,
                no_trend: no_trend(&periods),
                periods,
            });
        }
    }
    Ok(out)
}

fn complaints(
    groups: &Grouped<ByUnit, ComplaintTally>,
    as_of: Option<Timestamp>,
) -> Result<Option<ComplaintSection>, String> {
    if groups.is_empty() {
        return Ok(None);
    }
    let mut options = ComplaintOptions::default();
    options.as_of = as_of;
    let overall = groups
        .total()
        .map_err(err)?
        .report_with(&options)
        .map_err(err)?;
    let by_unit = groups
        .iter()
        .map(|(unit, t)| Ok((unit.clone(), t.report_with(&options).map_err(err)?)))
        .collect::<Result<_, String>>()?;
    Ok(Some(ComplaintSection { overall, by_unit }))
}

/// The report of everything tallied.
pub fn score(source: String, tallies: &Tallies, settings: &Settings) -> Result<CityReport, String> {
    let (skm_section, skm_units, skm_months) = if tallies.questionnaires == 0 {
        (None, Vec::new(), Vec::new())
    } else {
        let (section, units, months) = skm(tallies, &settings.skm_options)?;
        (Some(section), units, months)
    };
    let cells = tallies
        .visits
        .periods()
        .map_err(err)?
        .ok_or("the visit cells keep no months")?;
    // One instant for every time-based score: the one asked for, or the latest time in the
    // visits and complaints.
    let as_of = settings
        .as_of
        .or_else(|| cells.latest().max(tallies.complaints_latest));
    let mut options = ScorecardOptions::default().level(settings.compare.level());
    options.as_of = as_of;
    let mut completion_times = Vec::new();
    let (visit_section, units, months) = if tallies.visit_count == 0 {
        (None, Vec::new(), Vec::new())
    } else {
        // Each roll-up copies the stored durations: one at a time, each dropped once reported.
        let overall = cells
            .total()
            .map_err(err)?
            .report_with(&options)
            .map_err(err)?;
        let by_unit = reports(
            &cells.roll_up(|(u, _, _)| u.clone()).map_err(err)?,
            &options,
        )?;
        let service_cells = cells.roll_up(|(_, s, _)| s.clone()).map_err(err)?;
        let by_service = reports(&service_cells, &options)?;
        if settings.completion_times {
            completion_times = service_cells
                .iter()
                .filter_map(|(service, card)| {
                    let standard = settings.standards.find(service)?.completion()?;
                    let Completion::Within(span) = standard else {
                        return None;
                    };
                    let minutes: Vec<f64> = card.speed().turnaround_minutes().collect();
                    Some((service.clone(), span.as_millis() as f64 / 60_000.0, minutes))
                })
                .filter(|(_, _, minutes)| !minutes.is_empty())
                .collect();
        }
        drop(service_cells);
        let months = reports(&cells.roll_up(|(_, _, m)| *m).map_err(err)?, &options)?;
        let services_without_standard = by_service
            .iter()
            .filter(|(s, _)| settings.standards.find(s).is_none())
            .map(|(s, r)| (s.clone(), r.visits))
            .collect();
        let section = VisitSection {
            overall,
            by_unit: by_unit.clone(),
            by_service,
            services_without_standard,
        };
        (Some(section), by_unit, months)
    };
    let data = DataCounts {
        questionnaires: tallies.questionnaires,
        blank_questionnaires: skm_units
            .iter()
            .map(|(_, t)| t.blank_questionnaires())
            .sum(),
        visits: tallies.visit_count,
        standards: settings.standards.len(),
        complaints: tallies.complaint_count,
    };
    Ok(CityReport {
        source,
        data,
        as_of,
        as_of_local: as_of
            .map(|t| settings.calendar.local_time(t))
            .transpose()
            .map_err(err)?,
        skm: skm_section,
        visits: visit_section,
        where_to_act: where_to_act(&units, &skm_units, settings.compare)?,
        trends: trends(&months, &skm_months, settings.compare.level())?,
        complaints: complaints(&tallies.complaints, as_of)?,
        saran: tallies
            .saran
            .iter()
            .map(|(u, s)| (u.clone(), s.clone()))
            .collect(),
        profile: match tallies.profile.report() {
            Ok(profile) => Some(profile),
            Err(layanan::Error::NoData { .. }) => None,
            Err(e) => return Err(err(e)),
        },
        completion_times,
    })
}
