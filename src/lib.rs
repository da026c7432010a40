//! # layanan — is the front office fast, pleasant and cheap?
//!
//! `layanan` ("service" in Indonesian) turns what happens at a public-service front office into
//! scores people can act on, with their uncertainty: whether citizens were served **fast**
//! (within each service's published standard), **pleasantly** (courtesy, empathy, complaints
//! handled) and **cheaply** (no more than the official tariff), and Indonesia's satisfaction
//! index, the **Survei Kepuasan Masyarakat** (SKM) of PermenPANRB 14/2017, exactly as the
//! regulation defines it.
//!
//! ## Scoring a survey
//!
//! Answers go into a [`SkmTally`]; the tally gives a [`SkmReport`].
//!
//! ```
//! use layanan::{Instrument, Mutu, SkmTally};
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
//!     tally.push_answers(&layanan::SkmAnswers::from_values(&skm, &row)?)?;
//! }
//!
//! let report = tally.report()?;
//! // U9 was answered twice: its NRR is (3 + 2) / 2, the blank is not scored 0.
//! assert_eq!(report.elements[8].n, 2);
//! assert_eq!(report.elements[8].nrr, 2.5);
//! assert_eq!(report.ikm_rounded, 82.87); // index 3.3148
//! assert_eq!(report.mutu, Mutu::B);
//! println!("{report}"); // the official results table
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! Tallies are integer counts, so they **merge** exactly: tally each office, each month or each
//! thread separately and [`merge`](SkmTally::merge) them; the result is the tally of the whole.
//!
//! ## Scoring visits: fast, pleasant, cheap
//!
//! Each visit ([`Interaction`]) is judged against its service's published standard
//! ([`ServiceStandard`]: completion time in minutes or working days, waiting target, tariff).
//! A [`Scorecard`] does every score in one pass, overall, per unit and per service.
//!
//! ```
//! use layanan::{Completion, Interaction, Money, Scorecard, ServiceStandard, Standards, TimeSpan};
//!
//! let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
//!     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))]
//!     .into_iter()
//!     .collect();
//! let at = |s: &str| s.parse::<layanan::Timestamp>();
//! let visits = [
//!     Interaction::builder("ktp-el", "kel-sukamaju", at("2025-03-04T08:00:00+07:00")?)
//!         .finished_at(at("2025-03-04T08:40:00+07:00")?)
//!         .paid(Money::ZERO)
//!         .recommend(9)
//!         .build()?,
//!     Interaction::builder("ktp-el", "kel-cibeureum", at("2025-03-04T08:00:00+07:00")?)
//!         .finished_at(at("2025-03-04T09:30:00+07:00")?)
//!         .paid(Money::new(25_000)) // pungli on a free service
//!         .recommend(3)
//!         .build()?,
//! ];
//! let report = Scorecard::score(&visits, standards)?.report()?;
//! let cibeureum = &report.by_unit["kel-cibeureum"];
//! assert_eq!(cibeureum.speed.as_ref().and_then(|s| s.score), Some(0.0)); // 90 min > 60
//! assert_eq!(cibeureum.cost.as_ref().and_then(|c| c.score), Some(0.0)); // overcharged
//! assert_eq!(report.overall.nps.expect("answered").nps, 0.0); // one promoter, one detractor
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! The scores, each 0–100 with an interval: **speed** = share within standard ([`SpeedTally`]:
//! also wait, service and turnaround times with exact quantiles, Apdex, waiting targets);
//! **cost** = 1 − overcharge rate ([`CostTally`]: also free services charged, excess paid,
//! waivers); **empathy** = direct ratings rescaled to 0–100, or the SKM answers on courtesy and
//! complaint handling ([`EmpathyTally`], with SERVQUAL gaps; complaints in
//! [`ComplaintTally`]); and the **service excellence index** combining them
//! ([`ExcellenceIndex`]). [`NpsTally`], [`CsatTally`] and [`CesTally`] give the usual
//! customer-experience metrics.
//!
//! ## What the index is
//!
//! For each element, `NRR = Σ answers / n` over the questionnaires that answered it. The index is
//! `Σ wᵢ·NRRᵢ` with `wᵢ = 1/9`, and the IKM (NIK) is `index × 25`, on 25–100. The grade is decided
//! on the IKM rounded half-up to 2 decimals: A 88.31–100, B 76.61–88.30, C 65.00–76.60,
//! D 25.00–64.99. `layanan` computes the index as an exact fraction, so an IKM of exactly 76.605
//! is graded B, as the regulation says, and not C as floating point would have it.
//!
//! Printed reports often differ in the last digits: they weight by 0.111 instead of 1/9, or round
//! NRRs first. [`SkmOptions::with_printed`] reproduces such a printout beside the exact value.
//!
//! Beyond the regulation, each report gives a confidence interval per element and for the IKM
//! (which accounts for the correlation between the answers of one respondent), Cronbach's α of
//! the questionnaire, the elements to improve first, and whether the sample reached the
//! Krejcie–Morgan size ([`stats::krejcie_morgan`]).
//!
//! ## Modules
//!
//! | where | what |
//! |---|---|
//! | [`Error`] | the crate's error: every bad input is a value naming the field and the value ([`stats::Error`] inside `Error::Stats`) |
//! | model ([`Interaction`], [`Money`], [`Timestamp`], [`Calendar`], [`ServiceStandard`], [`Instrument`], [`SkmAnswers`], [`Respondent`]) | plain, validated data: what happened and what was promised |
//! | [`SkmTally`], [`SkmReport`] | the SKM index |
//! | [`SpeedTally`], [`CostTally`], [`EmpathyTally`], [`ComplaintTally`] | fast, cheap, pleasant |
//! | [`NpsTally`], [`CsatTally`], [`CesTally`] | customer-experience metrics |
//! | [`ExcellenceIndex`] | the three dimensions in one number, with the weakest named |
//! | [`Scorecard`] | every score of a dataset in one pass, overall, per unit, per service |
//! | [`Grouped`], [`Merge`] | any tally by any key (unit, channel, period, profile, or a tuple of them) |
//! | [`compare_groups`], [`compare_periods`] | each unit against the rest (adjusted p-values, shrunken rankings), change and trend over periods |
//! | `read` (feature `csv`) | streaming readers of the CSV files, errors with file, line and column |
//! | [`stats`] | statistics on plain numbers: moments, quantiles, intervals, tests, multiple-testing adjustment, reliability, bootstrap, sample size, Erlang C |
//!
//! ## Statistical conventions
//!
//! * Intervals are two-sided at 95 % unless a [`Level`] says otherwise.
//! * Standard deviations use `n − 1`.
//! * An element's NRR interval is Student's t with `n − 1` degrees of freedom. The IKM's variance
//!   is `Σᵢⱼ wᵢwⱼ·nᵢⱼ·cᵢⱼ/(nᵢnⱼ)`, with `cᵢⱼ` the covariance over the `nᵢⱼ` respondents who answered
//!   both elements; its t interval uses `min nᵢ − 1` degrees of freedom. Without blanks this is
//!   exactly the t interval of the respondents' own weighted scores.
//! * Cronbach's α is given with listwise deletion (complete questionnaires) and with pairwise
//!   covariances; Feldt's interval uses the F distribution.
//! * Rounding is half-up, decided exactly on fractions of integer counts.
//! * Every number is checked in the test suite against scipy, pandas and pingouin
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
//! * **`rayon`** — `Scorecard::par_score` and `SkmTally::par_from_answers` split the records,
//!   tally each part on its own core and merge: the same result as one pass (counts exactly,
//!   floating sums within about 1e-12), faster on many cores.
//! * **`csv`** — *reading files*: the `read` module streams the interchange CSV files (SKM
//!   questionnaires, visits, service standards, complaints, holidays) from any `io::Read` into
//!   the model's records, one row at a time in one reused buffer, with errors that name the file,
//!   line, column and value (``skm.csv, line 2, column 8 (u5): answer 5 to element `produk` is
//!   out of scale 1..=4``). Times may be Unix seconds, RFC 3339 or local times on a calendar's
//!   clock, money `15000`, `15.000` or `Rp 15.000`. The parsing of each field is the model's own
//!   ([`Calendar::parse_time`], [`Timestamp::parse_instant`], [`Money::parse_field`], the
//!   `FromStr` of each category), so rows that arrive already split are read the same way
//!   without the feature.

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

pub mod compare;
pub mod complaints;
pub mod cost;
pub mod cx;
pub mod empathy;
mod error;
pub mod group;
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
pub mod tally;
mod wire;

pub use compare::{
    Adjustment, CompareOptions, Comparison, GroupComparison, GroupTally, PeriodComparison,
    PeriodScore, Verdict, compare_groups, compare_periods,
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

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The traits a tally's methods come from, to import in one line: `use layanan::prelude::*;`.
pub mod prelude {
    pub use crate::group::Key;
    pub use crate::tally::{Merge, Tally};
}
