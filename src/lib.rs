//! # layanan — is the front office fast, pleasant and cheap?
//!
//! `layanan` ("service" in Indonesian) turns what happens at a public-service front office into
//! scores people can act on, each with its uncertainty: whether citizens were served **fast**
//! (within each service's published standard), **pleasantly** (courtesy, empathy, complaints
//! handled) and **cheaply** (no more than the official tariff), and Indonesia's satisfaction
//! index, the **Survei Kepuasan Masyarakat** (SKM) of PermenPANRB 14/2017, exactly as the
//! regulation defines it.
//!
//! This page is the tutorial: a survey, the one shape every tally has, visits judged against
//! their standards, groups compared, files read. The [cookbook](#cookbook) lists runnable
//! programs for each task.
//!
//! ## 1. Scoring a survey
//!
//! Questionnaires go into a [`SkmTally`]; the tally gives a [`SkmReport`].
//!
//! ```
//! use layanan::prelude::*; // the Tally and Merge traits: push, merge, report
//! use layanan::{Instrument, Mutu, SkmAnswers, SkmTally};
//!
//! let skm = Instrument::permenpanrb_14_2017();
//! let mut tally = SkmTally::new(skm.clone());
//!
//! // One questionnaire per row, answers 1–4 in the questionnaire's order U1…U9.
//! let rows = [
//!     [Some(4), Some(3), Some(3), Some(4), Some(3), Some(4), Some(4), Some(3), Some(3)],
//!     [Some(3), Some(3), Some(2), Some(4), Some(3), Some(3), Some(3), Some(3), None], // U9 blank
//!     [Some(4), Some(4), Some(3), Some(4), Some(4), Some(4), Some(4), Some(3), Some(2)],
//! ];
//! for row in rows {
//!     tally.push_answers(&SkmAnswers::from_values(&skm, &row)?)?;
//! }
//!
//! let report = tally.report()?;
//! // U9 was answered twice: its NRR is (3 + 2) / 2; the blank is not scored 0.
//! assert_eq!(report.elements[8].n, 2);
//! assert_eq!(report.elements[8].nrr, 2.5);
//! assert_eq!(report.ikm_rounded, 82.87); // index 3.3148
//! assert_eq!(report.mutu, Mutu::B);
//! println!("{report}"); // the official results table
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! ## 2. One shape: push, merge, report
//!
//! Every tally in the crate is a [`Tally`]: [`push`](Tally::push) records into it,
//! [`merge`](Merge::merge) it with another of its kind, read a [`report`](Tally::report) from
//! it. A push is all or nothing (a record refused changes nothing), and a merge is exact: the
//! tally of two parts merged is the tally of the whole. So a tally can run over a stream, over
//! threads ([`par_tally`] with `rayon`), or over shards on other machines (with `serde`), and
//! give the same report as one pass. The [`tally`] module lists every tally with its record and
//! report, and shows how to write one of your own.
//!
//! ```
//! use layanan::prelude::*;
//! use layanan::{Interaction, NpsTally, Timestamp};
//!
//! let visit = |score| {
//!     Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0)).recommend(score).build()
//! };
//! let (mut morning, mut afternoon) = (NpsTally::default(), NpsTally::default());
//! morning.push(&visit(10)?)?;
//! afternoon.push_all(&[visit(3)?, visit(9)?])?;
//! morning.merge(&afternoon)?;
//! let nps = morning.report()?;
//! assert_eq!((nps.n, nps.promoters, nps.detractors), (3, 2, 1));
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! ## 3. Visits: fast, pleasant, cheap
//!
//! A visit ([`Interaction`]) is judged against its service's published standard
//! ([`ServiceStandard`]: completion time in minutes or working days, waiting target, tariff).
//! A [`Scorecard`] tallies every score of the visits at once; a [`Breakdown`] keeps it per
//! unit and per service as well:
//!
//! * **speed** ([`SpeedReport`]): visits finished within the standard, late, and still open but
//!   not yet due (*pending*, never counted as late); wait, service and turnaround times with
//!   exact quantiles;
//! * **cost** ([`CostReport`]): visits charged no more than the tariff (a waiver is not a
//!   violation), overcharges, money taken on free services, the excess paid;
//! * **empathy** ([`EmpathyReport`]): the share of top-two ratings, or the SKM answers on
//!   courtesy and complaint handling; complaints have their own [`ComplaintTally`];
//! * **promises kept** ([`PromiseReport`]): the share of visits that kept every promise judged,
//!   each promise against its target, and the weakest one named only when the intervals say
//!   so;
//! * **NPS**, and the **SKM index** of answers given with the visits.
//!
//! Every report says how much of the data it covers ([`Coverage`]), and visits still open are
//! judged as of one instant: the latest time in the data, or the one you give.
//!
//! ```
//! use layanan::prelude::*;
//! use layanan::{Breakdown, Completion, Interaction, Money, Scorecard, ScorecardOptions};
//! use layanan::{ServiceStandard, Standards, TimeSpan, Timestamp};
//!
//! let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
//!     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))]
//! .into_iter()
//! .collect();
//! let at = |s: &str| s.parse::<Timestamp>();
//! let visits = [
//!     Interaction::builder("ktp-el", "kel-sukamaju", at("2025-03-04T08:00:00+07:00")?)
//!         .finished_at(at("2025-03-04T08:40:00+07:00")?)
//!         .paid(Money::ZERO)
//!         .recommend(9)
//!         .build()?,
//!     Interaction::builder("ktp-el", "kel-cibeureum", at("2025-03-04T08:00:00+07:00")?)
//!         .finished_at(at("2025-03-04T09:30:00+07:00")?) // 90 minutes of 60
//!         .paid(Money::new(25_000)) // pungli: money taken for a free service
//!         .recommend(3)
//!         .build()?,
//!     Interaction::builder("ktp-el", "kel-cibeureum", at("2025-03-04T10:00:00+07:00")?)
//!         .build()?, // still open
//! ];
//! let mut card = Breakdown::new(Scorecard::new(standards));
//! card.push_all(&visits)?;
//!
//! let options = ScorecardOptions::default().as_of(at("2025-03-04T10:30:00+07:00")?);
//! let report = card.report_with(&options)?;
//! let (unit, cibeureum) = &report.by_unit[0]; // units sorted by name
//! assert_eq!(unit, "kel-cibeureum");
//! let cibeureum = cibeureum.as_ref().expect("visits");
//! let speed = cibeureum.speed.as_ref().expect("standards");
//! assert_eq!((speed.on_time, speed.late, speed.pending), (0, 1, 1)); // open 30 of 60 minutes
//! let cost = cibeureum.cost.as_ref().expect("payments");
//! assert_eq!(cost.overcharged.map(|s| (s.count, s.of)), Some((1, 1)));
//! let overall = report.overall.expect("visits");
//! println!("{overall}");
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! ## 4. Groups, periods, and what is significant
//!
//! Any tally can be kept per group with [`Grouped`] and a key: [`ByUnit`], [`ByService`],
//! [`ByChannel`], [`ByPeriod`] (day, week, month, quarter, year on a calendar), a respondent's
//! [`ByGender`], [`ByAgeBand`], [`ByEducation`], [`ByOccupation`], or a tuple of keys.
//! [`compare_groups`] then says which units differ from the rest (with adjusted p-values and a
//! ranking that does not reward tiny samples), and [`compare_periods`] gives the change from
//! period to period and the trend.
//!
//! ```
//! use layanan::prelude::*;
//! use layanan::{ByUnit, CompareOptions, Completion, GroupTally, Grouped, Interaction, Money};
//! use layanan::{ServiceStandard, SpeedTally, Standards, TimeSpan, Timestamp, Verdict};
//! use std::sync::Arc;
//!
//! let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
//!     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))]
//! .into_iter()
//! .collect();
//! let mut speed = Grouped::new(ByUnit, SpeedTally::new(Arc::new(standards)));
//! // Five offices, 200 visits each; kel-c serves one in three late.
//! for (unit, late_every) in [("kel-a", 10), ("kel-b", 9), ("kel-c", 3), ("kel-d", 11), ("kel-e", 10)] {
//!     for i in 0..200 {
//!         let arrived = Timestamp::from_unix_millis(i * 3_600_000);
//!         let minutes = if i % late_every == 0 { 90 } else { 30 };
//!         let finished = Timestamp::from_unix_millis(arrived.unix_millis() + minutes * 60_000);
//!         speed.push(&Interaction::builder("ktp-el", unit, arrived).finished_at(finished).build()?)?;
//!     }
//! }
//! let on_time = speed.report()?.into_iter().filter_map(|(unit, report)| {
//!     let share = report?.on_time_share?;
//!     Some((unit, GroupTally::rate(share.count, share.of)))
//! });
//! let comparison = layanan::compare_groups(on_time, CompareOptions::default())?;
//! assert_eq!(comparison.groups[2].group, "kel-c");
//! assert_eq!(comparison.groups[2].verdict, Verdict::Below);
//! println!("{comparison}");
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! ## 5. Reading files
//!
//! With the `csv` feature, the `read` module streams the interchange CSV files
//! (questionnaires, visits, standards, complaints, holidays) one row at a time, with errors
//! that name the file, line, column and value. Without it, the model parses each field the same
//! way ([`Calendar::parse_time`], [`Money::parse_field`], the `FromStr` of each category), for
//! rows that arrive already split.
//!
//! Large visit logs take the [`columns`] path: `read::VisitBatches` reads the file into batches
//! of columns (one thread splitting rows, the others parsing fields) and
//! [`columns::VisitCells`] tallies each visit once into its (unit, service) cell, with the
//! same numbers as pushing [`Interaction`]s: a million visits in about half a second.
//!
//! ```
//! # #[cfg(feature = "csv")] {
//! use layanan::prelude::*;
//! use layanan::read::{ReadOptions, SkmReader};
//! use layanan::{Calendar, Instrument, SkmTally};
//!
//! let file = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n\
//!             ktp-el,kel-sukamaju,2025-03-04 09:10,4,3,3,4,3,4,4,3,3\n\
//!             ktp-el,kel-sukamaju,2025-03-04 10:02,3,3,2,4,3,3,3,3,\n";
//! let options = ReadOptions::new().with_file_name("skm.csv").with_calendar(Calendar::wib());
//! let mut tally = SkmTally::new(Instrument::permenpanrb_14_2017());
//! for response in SkmReader::new(file.as_bytes(), &options)? {
//!     tally.push(&response?)?;
//! }
//! assert_eq!(tally.responses(), 2);
//! # }
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! ## Cookbook
//!
//! Runnable programs in `examples/`, each printing what it computes:
//!
//! | task | run |
//! |---|---|
//! | score an SKM survey and print the official table | `cargo run --example survey` |
//! | every score of a set of visits, per unit | `cargo run --example scorecard` |
//! | which units differ from the rest | `cargo run --example compare_units` |
//! | the index month by month, and its trend | `cargo run --example trend` |
//! | tally shards apart, ship them as JSON, merge | `cargo run --features serde --example shards` |
//! | the whole city report on the embedded sample data | `cargo run --release --example report` |
//!
//! ## What the index is
//!
//! For each element, `NRR = Σ answers / n` over the questionnaires that answered it. The index is
//! `Σ wᵢ·NRRᵢ` with `wᵢ = 1/9`, and the IKM (NIK) is `index × 25`, on 25–100. The grade is decided
//! on the IKM rounded half-up to 2 decimals: A 88.31–100, B 76.61–88.30, C 65.00–76.60,
//! D 25.00–64.99. `layanan` computes the index as an exact fraction, so an IKM of exactly 76.605
//! is graded B, as the regulation says, and not C as floating point would have it. A
//! questionnaire with no answer at all is not a respondent.
//!
//! Printed reports often differ in the last digits: they weight by 0.111 instead of 1/9, or round
//! NRRs first. [`SkmOptions::with_printed`] reproduces such a printout beside the exact value.
//!
//! Beyond the regulation, each report gives a confidence interval per element and for the IKM
//! (which accounts for the correlation between the answers of one respondent, and for a finite
//! population when its size is given), Cronbach's α of the questionnaire, the elements to
//! improve first, and whether the sample reached the Krejcie–Morgan size
//! ([`stats::krejcie_morgan`]).
//!
//! ## Modules
//!
//! | where | what |
//! |---|---|
//! | [`Error`] | the crate's error: every bad input is a value naming the field and the value ([`stats::Error`] inside `Error::Stats`) |
//! | [`model`] | plain, validated data: what happened ([`Interaction`], [`SkmResponse`], [`Complaint`]) and what was promised ([`ServiceStandard`], [`Tariff`], [`Calendar`], [`Instrument`]) |
//! | [`tally`] | the [`Tally`] and [`Merge`] traits every tally implements |
//! | [`skm`] | the SKM index |
//! | [`speed`], [`cost`], [`empathy`], [`complaints`] | fast, cheap, pleasant |
//! | [`promises`] | the share of visits that kept every promise, and the weakest promise |
//! | [`cx`] | NPS, CSAT, CES |
//! | [`scorecard`] | every score of a set of visits in one tally |
//! | [`group`] | any tally by any key, and per unit and service ([`Breakdown`]) |
//! | [`columns`] | visits as batches of columns, tallied into (unit, service) cells: the fast path for large files |
//! | [`compare`] | each unit against the rest, change and trend over periods |
//! | `read` (feature `csv`) | streaming readers of the CSV files, errors with file, line and column |
//! | [`stats`] | statistics on plain numbers: moments, quantiles, intervals, tests, multiple-testing adjustment, reliability, bootstrap, sample size, Erlang C |
//!
//! ## Statistical conventions
//!
//! * Intervals are two-sided at 95 % unless a [`Level`] says otherwise; shares have Wilson
//!   intervals.
//! * Every score in a report has one shape. A proportion (on time, not overcharged, top two
//!   boxes, promises kept) is a [`Share`]: its count, out of how many, and the rate with its
//!   Wilson interval. Any other score is its value as an `f64` — present whenever something
//!   was counted, even once — with its interval beside it in a field named after it,
//!   `…_interval: Option<Interval>`, `None` below 2 observations (an NRR and `nrr_interval`,
//!   a courtesy score and `score_interval`, a mean rating and `mean_interval`, the SERVQUAL
//!   gap and `servqual_gap_interval`). A score that is absent (`None`) was not measured; it is
//!   never 0 in disguise.
//! * Standard deviations use `n − 1`.
//! * An element's NRR interval is Student's t with `n − 1` degrees of freedom. The IKM's variance
//!   is `Σᵢⱼ wᵢwⱼ·nᵢⱼ·cᵢⱼ/(nᵢnⱼ)`, with `cᵢⱼ` the covariance over the `nᵢⱼ` respondents who answered
//!   both elements; its t interval uses `min nᵢ − 1` degrees of freedom. Without blanks this is
//!   exactly the t interval of the respondents' own weighted scores.
//! * Cronbach's α is given with listwise deletion (complete questionnaires) and with pairwise
//!   covariances; Feldt's interval uses the F distribution.
//! * Rounding is half-up, decided exactly on fractions of integer counts.
//! * Every number is checked in the test suite against scipy, statsmodels, pandas and pingouin
//!   (`tests/fixtures/`), and against hand-worked examples from the regulation.
//! * No statistic is ±∞ or NaN for finite input: what overflows `f64` is
//!   [`stats::Error::Overflow`].
//! * Work is bounded, each limit a typed error beyond it and a documented constant:
//!   [`Instrument::MAX_ELEMENTS`], [`stats::MAX_ITEMS`], [`stats::MAX_TREND_LENGTH`],
//!   [`stats::ErlangC::MAX_SERVERS`], [`stats::Replicates::MAX_RESAMPLES`].
//!
//! ## Crate features
//!
//! No feature is on by default.
//!
//! * **`serde`** — `Serialize` and `Deserialize` for every public data type, tallies and reports
//!   included. Validated types deserialise through their constructors, so invalid data cannot
//!   be smuggled in; a tally's serialised form is versioned, so a worker can tally a shard and a
//!   coordinator merge it.
//! * **`jiff`** — conversions between [`Timestamp`] and `jiff::Timestamp`, and between
//!   [`TimeSpan`] and `jiff::SignedDuration`.
//! * **`rayon`** — `par_tally` splits the records, tallies each part on its own core and
//!   merges: the same report as one pass (counts exactly, floating sums within about 1e-12).
//! * **`csv`** — the `read` module: streaming readers of the interchange CSV files
//!   (SKM questionnaires, visits, service standards, complaints, holidays) from any `io::Read`,
//!   one row at a time in one reused buffer, with errors that name the file, line, column and
//!   value (``skm.csv, line 2, column 8 (u5): answer 5 to element `produk` is out of scale
//!   1..=4``). Times may be Unix seconds, RFC 3339 or local times on a calendar's clock, money
//!   `15000`, `15.000` or `Rp 15.000`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
// Library code never panics on user data (tests may). Integer arithmetic is checked, or allowed
// locally where a comment shows why it cannot overflow.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod columns;
pub mod compare;
pub mod complaints;
pub mod cost;
pub mod cx;
mod durations;
pub mod empathy;
mod error;
pub mod group;
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub mod html;
#[cfg(feature = "jiff")]
mod jiff_impls;
pub mod model;
#[cfg(feature = "rayon")]
mod parallel;
pub mod promises;
#[cfg(feature = "csv")]
#[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
pub mod read;
pub mod scorecard;
pub mod skm;
pub mod speed;
pub mod stats;
mod summary;
mod table;
pub mod tally;
mod threads;
mod visible;
mod visit;
mod wire;

pub use compare::{
    Adjustment, CompareOptions, Comparison, DETECTION_POWER, GroupComparison, GroupTally, Measure,
    NoTrend, PeriodComparison, PeriodScore, Verdict, compare_groups, compare_periods,
};
pub use complaints::{ComplaintOptions, ComplaintReport, ComplaintTally, ComplaintTargets};
pub use cost::{CostOptions, CostReport, CostTally};
pub use cx::{CesReport, CesTally, CsatReport, CsatTally, LevelOptions, NpsReport, NpsTally};
pub use empathy::{EmpathyOptions, EmpathyReport, EmpathyTally};
pub use error::{Error, Result};
pub use group::{
    Breakdown, BreakdownReport, ByAgeBand, ByCategory, ByChannel, ByEducation, ByGender, ByHand,
    ByOccupation, ByPeriod, ByService, ByUnit, Grouped, Key,
};
pub use model::{
    AgeBand, Calendar, Calendars, Complaint, Completion, Date, Education, Element, Gender,
    GradeBands, Granularity, Instrument, Interaction, InteractionBuilder, MAX_AGE, Money, MoneySum,
    Mutu, Occupation, Period, RECOMMEND_MAX, Rating, RatingScale, Respondent, SKM_SCALE_MAX,
    ServiceStandard, SkmAnswers, SkmAnswersBuilder, SkmResponse, Standards, Tariff, TimeSpan,
    Timestamp, Weekday, Weight,
};
#[cfg(feature = "rayon")]
pub use parallel::par_tally;
pub use promises::{Promise, PromiseOptions, PromiseReport, PromiseTally, PromiseTargets, Weakest};
pub use scorecard::{Scorecard, ScorecardOptions, ScorecardReport};
pub use skm::{
    Compatibility, ElementScore, NrrRounding, PrintedIndex, SampleAdequacy, SkmOptions, SkmReport,
    SkmTally,
};
pub use speed::{SpeedOptions, SpeedReport, SpeedTally};
pub use stats::{Interval, Level};
pub use summary::{Coverage, Share, Summary};
pub use tally::{Merge, Tally};
pub use visible::visible;

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Enums that will grow are `#[non_exhaustive]`: a match without a wildcard does not compile
/// (issue 15, item 23), so adding a verdict, a granularity or a completion kind is not a
/// breaking change.
///
/// ```compile_fail
/// fn name(v: layanan::Verdict) -> &'static str {
///     match v {
///         layanan::Verdict::Below => "below",
///         layanan::Verdict::Above => "above",
///         layanan::Verdict::NotDistinguishable => "not distinguishable",
///         layanan::Verdict::TooSmall => "too small",
///     }
/// }
/// ```
///
/// ```compile_fail
/// fn days(c: layanan::Completion) -> u32 {
///     match c {
///         layanan::Completion::WorkingDays(n) => n,
///         layanan::Completion::Within(_) => 0,
///     }
/// }
/// ```
///
/// ```compile_fail
/// fn fine(g: layanan::Granularity) -> bool {
///     match g {
///         layanan::Granularity::Day => true,
///         layanan::Granularity::Month
///         | layanan::Granularity::Triwulan
///         | layanan::Granularity::Semester
///         | layanan::Granularity::Year => false,
///     }
/// }
/// ```
///
/// With a wildcard, the same match compiles:
///
/// ```
/// fn fine(g: layanan::Granularity) -> bool {
///     match g {
///         layanan::Granularity::Day => true,
///         _ => false,
///     }
/// }
/// assert!(fine(layanan::Granularity::Day));
/// ```
///
/// Ordering traits are derived only where an order means something (times, money, dates,
/// periods, grades, the regulation's categories): a rounding rule, a sample-size check, a
/// visit, an instrument or a calendar has none.
///
/// ```compile_fail
/// fn ordered<T: Ord>() {}
/// ordered::<layanan::NrrRounding>();
/// ```
///
/// ```compile_fail
/// fn ordered<T: PartialOrd>() {}
/// ordered::<layanan::SampleAdequacy>();
/// ```
///
/// ```compile_fail
/// fn ordered<T: PartialOrd>() {}
/// ordered::<layanan::Interaction>();
/// ```
///
/// ```compile_fail
/// fn ordered<T: PartialOrd>() {}
/// ordered::<layanan::Instrument>();
/// ```
///
/// ```compile_fail
/// fn ordered<T: PartialOrd>() {}
/// ordered::<layanan::Calendar>();
/// ```
///
/// ```
/// fn ordered<T: Ord>() {}
/// ordered::<layanan::Period>();
/// ordered::<layanan::Mutu>();
/// ordered::<layanan::Money>();
/// ```
#[cfg(doctest)]
pub struct ApiShapeDoctests;

/// The traits a tally's methods come from, to import in one line: `use layanan::prelude::*;`.
pub mod prelude {
    pub use crate::group::Key;
    pub use crate::tally::{Merge, Tally};
}
