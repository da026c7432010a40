//! The published SKM report — *Laporan Hasil Survei Kepuasan Masyarakat* — as one
//! self-contained HTML document, and its charts as SVG (feature `html`).
//!
//! A [`Document`] is assembled from the library's reports: the SKM report, the respondents'
//! profile, the groups' IKMs, trends, comparisons, the visits' scorecards, suggestions. Every
//! section is optional and numbered in the order of a published report:
//!
//! 1. cover: agency, period, instrument, method, respondents, sample adequacy;
//! 2. respondent profile: tables and bars;
//! 3. per-element results: the official table and the elements against the grade bands;
//! 4. the IKM with its interval and grade, per unit and per service, and a funnel plot;
//! 5. trends per period with intervals, and the trend test in words;
//! 6. where to act: the lowest elements and the units below the rest (adjusted p-values);
//! 7. speed, cost and courtesy against the published standards;
//! 8. suggestions (*saran dan masukan*);
//! 9. a follow-up plan (*rencana tindak lanjut*) pre-filled with the lowest elements;
//! 10. the method.
//!
//! The document has no script and loads nothing: CSS and SVG are inline, it prints on A4
//! (sections start on a new page, table rows never split). Every text from the data is
//! escaped, and control or invisible characters are written out ([`escape`]). It is
//! well-formed XML as well as HTML. Indonesian by default, English with [`Lang::En`].
//!
//! ```
//! # #[cfg(feature = "html")] {
//! use layanan::html::{Cover, Document, Lang};
//! use layanan::{Instrument, SkmTally, Tally};
//!
//! let skm = Instrument::permenpanrb_14_2017();
//! let mut tally = SkmTally::new(skm.clone());
//! for row in [[4, 3, 3, 4, 3, 3, 4, 3, 2], [3, 3, 2, 4, 4, 3, 4, 3, 3]] {
//!     tally.push_answers(&skm.answers_from_row(&row)?)?;
//! }
//! let report = tally.report()?;
//! let cover = Cover::new("Kelurahan Sukamaju", "Januari–Juni 2025");
//! let html = Document::new(Lang::Id, cover).skm(&report).render()?;
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("Persyaratan"));
//! # }
//! # Ok::<(), layanan::Error>(())
//! ```

pub mod chart;
mod escape;
mod sections;
mod words;

pub use escape::escape;
pub use words::Lang;

use crate::compare::{Comparison, PeriodComparison};
use crate::error::Result;
use crate::model::Mutu;
use crate::scorecard::ScorecardReport;
use crate::skm::{ProfileReport, SkmReport};
use crate::stats::Interval;

/// The cover's facts that no report holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// The agency or unit surveyed.
    pub agency: String,
    /// The period covered, as it should read (e.g. `Januari–Juni 2025`).
    pub period: String,
    /// How the survey was run (e.g. `kuesioner tertulis di loket`); empty to leave it out.
    pub method: String,
}

impl Cover {
    /// A cover for `agency` over `period`, the method left out.
    pub fn new(agency: impl Into<String>, period: impl Into<String>) -> Self {
        Self {
            agency: agency.into(),
            period: period.into(),
            method: String::new(),
        }
    }

    /// With how the survey was run.
    pub fn with_method(mut self, method: impl Into<String>) -> Self {
        self.method = method.into();
        self
    }
}

/// One unit's (or service's) IKM as the document lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupScore {
    /// The unit or service.
    pub name: String,
    /// Its respondents.
    pub respondents: u64,
    /// Its IKM, 25–100.
    pub ikm: f64,
    /// The IKM rounded as graded.
    pub ikm_rounded: f64,
    /// The IKM's interval, when it has one.
    pub interval: Option<Interval>,
    /// Its grade.
    pub mutu: Mutu,
}

impl GroupScore {
    /// The group `name` scored by `report`.
    pub fn of(name: impl Into<String>, report: &SkmReport) -> Self {
        Self {
            name: name.into(),
            respondents: report.respondents,
            ikm: report.ikm,
            ikm_rounded: report.ikm_rounded,
            interval: report.interval,
            mutu: report.mutu,
        }
    }
}

/// One service's completion times in minutes, with its published standard.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletionTimes {
    /// The service.
    pub service: String,
    /// Its completion standard, in minutes.
    pub standard_minutes: f64,
    /// The finished visits' turnaround, in minutes.
    pub minutes: Vec<f64>,
}

/// The report document, section by section; [`render`](Self::render) writes it.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    lang: Lang,
    cover: Cover,
    as_of: Option<String>,
    skm: Option<&'a SkmReport>,
    profile: Option<&'a ProfileReport>,
    units: Vec<GroupScore>,
    services: Vec<GroupScore>,
    trends: Vec<(String, &'a PeriodComparison)>,
    findings: Vec<(String, &'a Comparison)>,
    visits: Vec<(String, &'a ScorecardReport)>,
    completion: Vec<CompletionTimes>,
    saran: Vec<(String, Vec<String>)>,
}

impl<'a> Document<'a> {
    /// An empty document in `lang` with its cover.
    pub fn new(lang: Lang, cover: Cover) -> Self {
        Self {
            lang,
            cover,
            as_of: None,
            skm: None,
            profile: None,
            units: Vec::new(),
            services: Vec::new(),
            trends: Vec::new(),
            findings: Vec::new(),
            visits: Vec::new(),
            completion: Vec::new(),
            saran: Vec::new(),
        }
    }

    /// The instant open cases were judged at, as it should read (e.g. `2025-12-31 13:28 WIB`).
    pub fn as_of(mut self, at: impl Into<String>) -> Self {
        self.as_of = Some(at.into());
        self
    }

    /// The survey's report: the cover's respondents, the per-element results, the IKM, the
    /// lowest elements, the follow-up plan and the method.
    pub fn skm(mut self, report: &'a SkmReport) -> Self {
        self.skm = Some(report);
        self
    }

    /// The respondents' profile.
    pub fn profile(mut self, profile: &'a ProfileReport) -> Self {
        self.profile = Some(profile);
        self
    }

    /// The IKM of each unit (drawn in the funnel plot).
    pub fn units(mut self, units: impl IntoIterator<Item = GroupScore>) -> Self {
        self.units = units.into_iter().collect();
        self
    }

    /// The IKM of each service.
    pub fn services(mut self, services: impl IntoIterator<Item = GroupScore>) -> Self {
        self.services = services.into_iter().collect();
        self
    }

    /// A score per period, titled (the IKM, or a promise's share).
    pub fn trend(mut self, title: impl Into<String>, periods: &'a PeriodComparison) -> Self {
        self.trends.push((title.into(), periods));
        self
    }

    /// The units compared with the rest on one score, titled.
    pub fn finding(mut self, title: impl Into<String>, comparison: &'a Comparison) -> Self {
        self.findings.push((title.into(), comparison));
        self
    }

    /// The visits' scores per unit: speed, cost, courtesy, promises.
    pub fn visits(
        mut self,
        units: impl IntoIterator<Item = (String, &'a ScorecardReport)>,
    ) -> Self {
        self.visits = units.into_iter().collect();
        self
    }

    /// A service's completion times against its standard.
    pub fn completion_times(mut self, times: CompletionTimes) -> Self {
        self.completion.push(times);
        self
    }

    /// Suggestions per unit, as written.
    pub fn saran(mut self, unit: impl Into<String>, suggestions: Vec<String>) -> Self {
        self.saran.push((unit.into(), suggestions));
        self
    }

    /// The document.
    ///
    /// # Errors
    /// [`Error::Chart`](crate::Error::Chart) if a chart cannot be drawn.
    pub fn render(&self) -> Result<String> {
        sections::render(self)
    }
}
