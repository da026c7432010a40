//! # layanan-datafusion — the SKM index and visit scores in SQL
//!
//! [`layanan`]'s tallies as [Apache DataFusion](https://datafusion.apache.org) aggregate
//! functions. Every number comes from the library itself: rows go into its tallies, partial
//! aggregates travel between partitions as the tallies' own validated states and merge
//! exactly, and the report is the library's report. So `GROUP BY unit` in SQL gives the same
//! index, the same counts and the same intervals as the library in-process, whatever the plan
//! (one partition or sixteen, input repartitioned or not).
//!
//! ```
//! use datafusion::prelude::*;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! let ctx = SessionContext::new();
//! layanan_datafusion::register(&ctx);
//! ctx.sql(
//!     "CREATE TABLE skm (unit TEXT, u1 INT, u2 INT, u3 INT, u4 INT, u5 INT, u6 INT, u7 INT, u8 INT, u9 INT) AS VALUES
//!      ('kel-a', 4, 3, 3, 4, 3, 4, 4, 3, 3),
//!      ('kel-a', 3, 3, 2, 4, 3, 3, 3, 3, NULL),
//!      ('kel-a', 4, 4, 3, 4, 4, 4, 4, 3, 2)",
//! )
//! .await?;
//! let batches = ctx
//!     .sql(
//!         "SELECT unit, s['ikm_rounded'] AS ikm, s['mutu'] AS mutu, s['respondents'] AS n
//!          FROM (SELECT unit, skm_ikm(u1, u2, u3, u4, u5, u6, u7, u8, u9) AS s FROM skm GROUP BY unit)",
//!     )
//!     .await?
//!     .collect()
//!     .await?;
//! let table = datafusion::arrow::util::pretty::pretty_format_batches(&batches)?.to_string();
//! assert!(table.contains("| kel-a | 82.87 | B    | 3 |"), "{table}");
//! # Ok(())
//! # }
//! ```
//!
//! ## Functions
//!
//! | function | reads | gives |
//! |---|---|---|
//! | `skm_ikm(u1, …, u9)` | answers 1–4 (NULL: blank) of the PermenPANRB 14/2017 instrument | the index: [`report::skm_fields`] |
//! | `skm_ikm_2004(u1, …, u14)` | answers of the KepMenPAN 25/2004 instrument | the same |
//! | `skm_state(u1, …, u9)`, `skm_state_2004(u1, …, u14)` | answers | the tally as a state (`BINARY`) |
//! | `skm_merge(state)` | states | the merged state |
//! | `skm_ikm_of(state)` | states | the index of the merged states |
//! | `skm_report(state)` (scalar) | one state | its index |
//! | `nps(recommend)` | scores 0–10 (NULL: no answer) | [`report::nps_fields`] |
//! | `nps_state(recommend)`, `nps_merge(state)`, `nps_of(state)`, `nps_report(state)` | | as for the SKM |
//! | `visit_scores(service, unit, arrived_at, started_at, finished_at, official_fee, paid [, recommend [, empathy]])` | visits | speed, cost, promises kept, empathy, NPS: [`report::visit_fields`] |
//! | `visit_state(…)`, `visit_merge(state)`, `visit_scores_of(state)`, `visit_report(state)` | | as for the SKM |
//!
//! Visits are judged against the service standards given at registration
//! ([`register_with_standards`], [`register_with`]); [`register`] registers them with none,
//! so only the NPS and the empathy ratings of visits are scored.
//!
//! Arguments: answers and scores are any integer type; names any string type; instants a
//! timestamp of any unit (a time zone is honoured; one without is read as UTC, which is what
//! Arrow's CSV reader makes of times written with an offset), whole Unix seconds (any integer
//! type), or text (Unix seconds, RFC 3339, or a local time read on the unit's calendar from the
//! standards); money whole rupiah, an integer or text (`15000`, `15.000`, `Rp 15.000`). A
//! value the library refuses (an answer of 5, a visit finished before it started, a negative
//! payment, a NULL service, unit or arrival) fails the query with the library's message.
//!
//! ## States
//!
//! `*_state` gives a group's tally as bytes ([`state`]): keep them in a table (Parquet,
//! anything that stores `BINARY`) and roll them up later with `*_merge` or `*_of`, in SQL, in
//! any grouping coarser than the one they were made in. The merge is the library's, exact:
//! the index of merged states is the index of all their rows. A state is read back through
//! the library's validation, so a tampered or truncated one fails the query; states of
//! different instruments or standards refuse to merge.
//!
//! ```sql
//! CREATE TABLE daily AS
//!   SELECT unit, day, skm_state(u1, u2, u3, u4, u5, u6, u7, u8, u9) AS state
//!   FROM skm GROUP BY unit, day;
//! SELECT unit, skm_ikm_of(state) FROM daily GROUP BY unit;   -- = skm_ikm over all rows
//! ```
//!
//! ## Distributed
//!
//! With the feature `ballista`, the module `ballista` puts the functions on an Apache Ballista
//! 55 cluster: on its executors' registries and its scheduler's sessions, where a query's plan
//! finds them by name (a stock Ballista executor or scheduler does not know them).

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::common::{DataFusionError, Result};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::{AggregateUDF, ScalarUDF};
use datafusion::prelude::SessionContext;
use layanan::{Instrument, NpsTally, Scorecard, ScorecardOptions, SkmTally, Standards, Timestamp};

#[cfg(feature = "ballista")]
pub mod ballista;
mod functions;
mod input;
pub mod report;
pub mod state;

use functions::{Input, Output, ReportFunction, TallyFunction};

/// What the visit functions judge by: the service standards (with their calendars), the
/// instant open visits are judged at, and how durations are kept.
#[derive(Debug, Clone)]
pub struct Settings {
    /// An empty scorecard judging by the standards: every group starts as a copy.
    empty: Scorecard,
    as_of: Option<Timestamp>,
    /// The relative accuracy of the duration sketch, when durations are sketched.
    sketch: Option<f64>,
}

impl Settings {
    /// Visits judged against `standards`; open visits as of the latest time in each group's
    /// data.
    pub fn new(standards: Standards) -> Self {
        Self {
            empty: Scorecard::new(standards),
            as_of: None,
            sketch: None,
        }
    }

    /// Keeps each group's durations in a mergeable sketch of relative error `accuracy`
    /// instead of every duration ([`Scorecard::with_duration_sketch`]): a visit state then
    /// stays a few kilobytes however many visits its group holds, and the speed quantiles are
    /// within `accuracy` of the exact ones (marked ≈ in the library's reports); every count,
    /// share and mean stays exact. States kept exactly and sketched refuse to merge.
    ///
    /// # Errors
    /// The library's [`layanan::Error::InvalidValue`] unless 0.0001 ≤ `accuracy` ≤ 0.2.
    ///
    /// ```
    /// use layanan_datafusion::Settings;
    /// let settings = Settings::new(layanan::Standards::new()).with_duration_sketch(0.01)?;
    /// assert_eq!(settings.duration_sketch(), Some(0.01));
    /// assert!(Settings::default().with_duration_sketch(0.5).is_err());
    /// # Ok::<(), layanan::Error>(())
    /// ```
    pub fn with_duration_sketch(mut self, accuracy: f64) -> layanan::Result<Self> {
        self.empty = self.empty.with_duration_sketch(accuracy)?;
        self.sketch = Some(accuracy);
        Ok(self)
    }

    /// The sketch's relative accuracy, when durations are sketched.
    pub fn duration_sketch(&self) -> Option<f64> {
        self.sketch
    }

    /// Open visits judged as of `at` in every group (a group with a time later than `at` is
    /// an error, as in the library).
    pub fn with_as_of(mut self, at: Timestamp) -> Self {
        self.as_of = Some(at);
        self
    }

    /// The standards.
    pub fn standards(&self) -> &Standards {
        self.empty.standards()
    }

    /// The instant open visits are judged at, if fixed.
    pub fn as_of(&self) -> Option<Timestamp> {
        self.as_of
    }

    /// An empty scorecard judging by these settings.
    pub(crate) fn empty_scorecard(&self) -> Scorecard {
        self.empty.clone()
    }

    /// The options of a scorecard's report.
    pub(crate) fn report_options(&self) -> ScorecardOptions {
        match self.as_of {
            Some(at) => ScorecardOptions::default().as_of(at),
            None => ScorecardOptions::default(),
        }
    }
}

impl Default for Settings {
    /// No standards.
    fn default() -> Self {
        Self::new(Standards::new())
    }
}

impl PartialEq for Settings {
    fn eq(&self, other: &Self) -> bool {
        self.standards() == other.standards()
            && self.as_of == other.as_of
            && self.sketch.map(f64::to_bits) == other.sketch.map(f64::to_bits)
    }
}

impl Eq for Settings {}

impl Hash for Settings {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.standards().hash(state);
        self.as_of.hash(state);
        self.sketch.map(f64::to_bits).hash(state);
    }
}

/// Every aggregate function, judging visits by `settings`.
pub fn aggregate_functions(settings: Settings) -> Vec<AggregateUDF> {
    let settings = Arc::new(settings);
    let s = || Arc::clone(&settings);
    let y2017 = || Input::Answers(Instrument::permenpanrb_14_2017());
    let y2004 = || Input::Answers(Instrument::kepmenpan_25_2004());
    let skm = |name, input, output| {
        AggregateUDF::from(TallyFunction::<SkmTally>::new(name, input, output, s()))
    };
    let nps = |name, input, output| {
        AggregateUDF::from(TallyFunction::<NpsTally>::new(name, input, output, s()))
    };
    let visits = |name, input, output| {
        AggregateUDF::from(TallyFunction::<Scorecard>::new(name, input, output, s()))
    };
    vec![
        skm("skm_ikm", y2017(), Output::Report),
        skm("skm_ikm_2004", y2004(), Output::Report),
        skm("skm_state", y2017(), Output::State),
        skm("skm_state_2004", y2004(), Output::State),
        skm("skm_merge", Input::States, Output::State),
        skm("skm_ikm_of", Input::States, Output::Report),
        nps("nps", Input::Scores, Output::Report),
        nps("nps_state", Input::Scores, Output::State),
        nps("nps_merge", Input::States, Output::State),
        nps("nps_of", Input::States, Output::Report),
        visits("visit_scores", Input::Visits, Output::Report),
        visits("visit_state", Input::Visits, Output::State),
        visits("visit_merge", Input::States, Output::State),
        visits("visit_scores_of", Input::States, Output::Report),
    ]
}

/// Every scalar function (the report of one state), judging visits by `settings`.
pub fn scalar_functions(settings: Settings) -> Vec<ScalarUDF> {
    let settings = Arc::new(settings);
    vec![
        ScalarUDF::from(ReportFunction::<SkmTally>::new(
            "skm_report",
            Arc::clone(&settings),
        )),
        ScalarUDF::from(ReportFunction::<NpsTally>::new(
            "nps_report",
            Arc::clone(&settings),
        )),
        ScalarUDF::from(ReportFunction::<Scorecard>::new("visit_report", settings)),
    ]
}

/// Registers every function on `ctx`, with no service standards.
pub fn register(ctx: &SessionContext) {
    register_with(ctx, Settings::default());
}

/// Registers every function on `ctx`, judging visits against `standards`.
pub fn register_with_standards(ctx: &SessionContext, standards: Standards) {
    register_with(ctx, Settings::new(standards));
}

/// Registers every function on `ctx`, judging visits by `settings`.
pub fn register_with(ctx: &SessionContext, settings: Settings) {
    for f in aggregate_functions(settings.clone()) {
        ctx.register_udaf(f);
    }
    for f in scalar_functions(settings) {
        ctx.register_udf(f);
    }
}

/// Registers every function on a registry (a `SessionState`, or a registry an executor
/// decodes plans with), judging visits by `settings`.
///
/// # Errors
/// The registry's.
pub fn register_on(registry: &mut dyn FunctionRegistry, settings: Settings) -> Result<()> {
    for f in aggregate_functions(settings.clone()) {
        registry.register_udaf(Arc::new(f))?;
    }
    for f in scalar_functions(settings) {
        registry.register_udf(Arc::new(f))?;
    }
    Ok(())
}

/// A library error as the query's, naming the function.
pub(crate) fn library(e: layanan::Error, function: &str) -> DataFusionError {
    DataFusionError::External(Box::new(e)).context(function)
}

/// A refused state as the query's error, naming the function.
pub(crate) fn refused(e: state::StateError, function: &str) -> DataFusionError {
    DataFusionError::External(Box::new(e)).context(function)
}
