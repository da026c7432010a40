//! Every public deserialisable type read from arbitrary JSON.
//!
//! The first byte selects the type, the rest is the JSON document. A selector rather than
//! trying every type on every input: a document that reads as one type almost never reads as
//! another, so trying all of them would spend most of each run on quick rejections, and with a
//! selector libFuzzer's coverage feedback and corpus stay per type.
//!
//! What must hold for a value that deserialises:
//! - it serialises, reads back equal, and serialises again to the same bytes;
//! - a tally's report is `Ok` or a typed `Err` (a panic is a crash), and an `Ok` report is in
//!   range and consistent (see `layanan_fuzz::check_*`); so is the report of the tally merged
//!   with itself, when that merge is accepted;
//! - groups to compare give a comparison that is `Ok` or a typed `Err`, in range when `Ok`;
//! - what a value promises of itself holds (times in order, a weight in (0, 1], a deadline
//!   that is the last on-time instant …), and its text form reads back where it has one.

#![no_main]

use layanan::compare::{
    Adjustment, Comparison, GroupComparison, GroupTally, Measure, PeriodComparison, PeriodScore,
    Verdict,
};
use layanan::cost::{CostOptions, CostReport, CostTally};
use layanan::cx::{CesReport, CesTally, CsatReport, CsatTally, LevelOptions, NpsReport, NpsTally};
use layanan::empathy::{
    CourtesySource, EmpathyOptions, EmpathyReport, EmpathyTally, RatingsReport, SkmElementScore,
};
use layanan::prelude::*;
use layanan::promises::{
    Promise, PromiseOptions, PromiseReport, PromiseScore, PromiseTally, PromiseTargets, Weakest,
};
use layanan::skm::{
    Compatibility, ElementScore, NrrRounding, PrintedIndex, SampleAdequacy, SkmOptions, SkmReport,
    SkmTally,
};
use layanan::speed::{Apdex, SpeedOptions, SpeedReport, SpeedTally};
use layanan::stats::{
    Alternative, BetaBinomialShrinkage, CronbachAlpha, Crosshair, Deletion, ErlangC, Estimate,
    Interval, IntervalMethod, ItemAnalysis, Level, MannKendall, MannWhitneyMethod, Moments,
    NormalShrinkage, ProportionMethod, Quadrant, QuantileType, SenSlope, Shrunken, Sorted,
    TestMethod, TestResult, Xoshiro256PlusPlus,
};
use layanan::{
    AgeBand, Breakdown, BreakdownReport, ByAgeBand, ByCategory, ByChannel, ByEducation, ByGender,
    ByHand, ByOccupation, ByPeriod, ByService, ByUnit, Calendar, Calendars, CompareOptions,
    Complaint, ComplaintOptions, ComplaintReport, ComplaintTally, ComplaintTargets, Completion,
    Coverage, Date, Education, Element, Gender, GradeBands, Granularity, Grouped, Instrument,
    Interaction, InteractionBuilder, MAX_AGE, Money, MoneySum, Mutu, Occupation, Period, Rating,
    RatingScale, Respondent, Scorecard, ScorecardOptions, ScorecardReport, ServiceStandard, Share,
    SkmAnswers, SkmResponse, Standards, Summary, Tariff, TimeSpan, Timestamp, Weekday, Weight,
    compare_groups, compare_periods,
};
use layanan_fuzz::{
    check_breakdown, check_ces, check_comparison, check_complaints, check_cost, check_csat,
    check_empathy, check_grouped, check_nps, check_periods, check_promises, check_scorecard,
    check_scorecard_agree, check_skm, check_speed, round_trip,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

/// The value read from `json`, `None` when it does not read (a typed error is fine).
fn read<T>(json: &[u8]) -> Option<T>
where
    T: serde::Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_slice(json).ok()?;
    round_trip(&value);
    Some(value)
}

/// Runs `$then` on the value when the document reads as `$ty`.
macro_rules! types {
    ($selector:expr, $json:expr; $($ty:ty => |$v:ident| $then:expr),+ $(,)?) => {{
        let table: &[fn(&[u8])] = &[$(|json| {
            if let Some($v) = read::<$ty>(json) {
                $then;
            }
        }),+];
        table[usize::from($selector) % table.len()]($json);
    }};
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, json)) = data.split_first() else {
        return;
    };
    // Keep this order: the committed seeds start with their type's index (the README lists
    // the indices).
    types!(selector, json;
        // 0–30: the model.
        Timestamp => |v| { if v.to_string().starts_with(|c: char| c.is_ascii_digit()) { text(&v) } },
        TimeSpan => |v| assert!(v.as_minutes().is_finite()),
        Date => |v| { let _ = v.weekday(); text(&v) },
        Weekday => |v| { let _ = v.index(); },
        Calendar => |v| calendar(&v),
        Calendars => |v| calendar(v.default_calendar()),
        Granularity => |v| { let _ = v; },
        Period => |v| { let _ = v.to_string(); },
        Money => |v| { let _ = v.to_string(); },
        MoneySum => |v| { let _ = v.to_string(); },
        Weight => |v| { let w = v.to_f64(); assert!(w > 0.0 && w <= 1.0, "weight {w}"); text(&v) },
        Completion => |v| text(&v),
        Tariff => |v| { let _ = (v.to_string(), v.bar(Some(Money::new(1_000)))); },
        ServiceStandard => |v| assert!(!v.service().trim().is_empty()),
        Standards => |v| { for s in v.iter() { assert!(v.get(s.service()).is_ok()) } },
        Element => |v| assert!(!v.key().is_empty()),
        Mutu => |v| { let _ = (v.to_string(), v.kinerja()); },
        GradeBands => |v| { let _ = (v.grade(2_500), v.grade(10_000)); },
        Instrument => |v| instrument(&v),
        SkmAnswers => |v| assert!(v.answered() <= v.iter().count()),
        Gender => |v| { let _ = v.to_string(); },
        Education => |v| { let _ = v.to_string(); },
        Occupation => |v| { let _ = v.to_string(); },
        AgeBand => |v| { let _ = v.to_string(); },
        Respondent => |v| { assert!(v.age().is_none_or(|a| a <= MAX_AGE)); assert_eq!(v.age().is_some(), v.age_band().is_some()) },
        SkmResponse => |v| { let _ = (v.answers(), v.respondent(), v.unit(), v.service()); },
        RatingScale => |v| assert!(v.min() < v.max() && v.len() >= 2, "scale {v}"),
        Rating => |v| assert!((v.scale().min()..=v.scale().max()).contains(&v.value())),
        Interaction => |v| interaction(&v),
        InteractionBuilder => |v| { if let Ok(i) = v.build() { interaction(&i) } },
        Complaint => |v| complaint(&v),
        // 31–47: tallies, grouped and broken down.
        SkmTally => |v| tally(&v, check_skm),
        SpeedTally => |v| tally(&v, check_speed),
        CostTally => |v| tally(&v, check_cost),
        EmpathyTally => |v| tally(&v, check_empathy),
        PromiseTally => |v| tally(&v, check_promises),
        ComplaintTally => |v| tally(&v, check_complaints),
        NpsTally => |v| tally(&v, check_nps),
        CsatTally => |v| tally(&v, check_csat),
        CesTally => |v| tally(&v, check_ces),
        Scorecard => |v| tally(&v, |r| {
            check_scorecard(r);
            check_scorecard_agree(r);
        }),
        Grouped<(ByUnit, ByPeriod), SkmTally> => |v| tally(&v, |r| check_grouped(r, check_skm)),
        Grouped<ByPeriod, Scorecard> => |v| tally(&v, |r| check_grouped(r, check_scorecard)),
        Grouped<ByChannel, NpsTally> => |v| tally(&v, |r| check_grouped(r, check_nps)),
        Grouped<ByCategory, ComplaintTally> => |v| tally(&v, |r| check_grouped(r, check_complaints)),
        Grouped<ByHand<String>, CesTally> => |v| tally(&v, |r| check_grouped(r, check_ces)),
        Breakdown<Scorecard> => |v| tally(&v, |r| check_breakdown(r, check_scorecard, |r| r.visits)),
        Breakdown<SkmTally> => |v| tally(&v, |r| check_breakdown(r, check_skm, |r| r.respondents)),
        // 48–57: group keys.
        ByUnit => |v| { let _ = v; },
        ByService => |v| { let _ = v; },
        ByChannel => |v| { let _ = v; },
        ByPeriod => |v| calendar(v.calendar()),
        ByGender => |v| { let _ = v; },
        ByAgeBand => |v| { let _ = v; },
        ByEducation => |v| { let _ = v; },
        ByOccupation => |v| { let _ = v; },
        ByCategory => |v| { let _ = v; },
        ByHand<String> => |v| { let _ = v; },
        // 58–73: options.
        SkmOptions => |v| { let _ = (v.level(), v.population(), v.compatibility()); },
        Compatibility => |v| { let _ = (v.weight(), v.nrr(), v.index()); },
        NrrRounding => |v| { let _ = v; },
        SpeedOptions => |v| { let _ = v; },
        CostOptions => |v| { let _ = v; },
        EmpathyOptions => |v| { let _ = v; },
        PromiseOptions => |v| targets(&v.targets),
        PromiseTargets => |v| targets(&v),
        ComplaintOptions => |v| { let _ = v; },
        ComplaintTargets => |v| { let _ = (v.resolution_for(Some("berat")), v.categories().count()); },
        LevelOptions => |v| { let _ = v; },
        ScorecardOptions => |v| targets(&v.targets),
        CompareOptions => |v| { let _ = (v.level(), v.alpha(), v.min_n()); },
        Adjustment => |v| { let _ = v.to_string(); },
        Level => |v| assert!(v.get() > 0.0 && v.get() < 1.0, "level {}", v.get()),
        QuantileType => |v| assert_eq!(QuantileType::from_number(v.number()).ok(), Some(v)),
        // 74–97: reports.
        SkmReport => |v| { let _ = v.to_string(); },
        ElementScore => |v| { let _ = v; },
        PrintedIndex => |v| { let _ = v; },
        SampleAdequacy => |v| { let _ = v; },
        SpeedReport => |v| { let _ = v.to_string(); },
        Apdex => |v| { let _ = v; },
        CostReport => |v| { let _ = v.to_string(); },
        EmpathyReport => |v| { let _ = v.to_string(); },
        RatingsReport => |v| { let _ = v; },
        SkmElementScore => |v| { let _ = v; },
        CourtesySource => |v| { let _ = v; },
        PromiseReport => |v| { let _ = v.to_string(); },
        PromiseScore => |v| { let _ = v; },
        Promise => |v| { let _ = (v.to_string(), v.broken_label()); },
        Weakest => |v| { let _ = v.to_string(); },
        ComplaintReport => |v| { let _ = v.to_string(); },
        NpsReport => |v| { let _ = v.to_string(); },
        CsatReport => |v| { let _ = v; },
        CesReport => |v| { let _ = v; },
        ScorecardReport => |v| { let _ = v.to_string(); },
        BreakdownReport<ScorecardReport> => |v| { let _ = v; },
        Share => |v| { let _ = v.to_string(); },
        Coverage => |v| { let _ = (v.to_string(), v.is_low()); },
        Summary => |v| { let _ = v.to_string(); },
        // 98–105: comparisons, and groups to compare.
        GroupTally => |v| { let _ = (v.n(), v.measure()); },
        Measure => |v| { let _ = v; },
        Verdict => |v| { let _ = v.to_string(); },
        GroupComparison => |v| { let _ = v; },
        Comparison => |v| { let _ = (v.to_string(), v.ranking(), v.below().count()); },
        PeriodScore => |v| { let _ = v; },
        PeriodComparison => |v| { let _ = v.to_string(); },
        (CompareOptions, Vec<(String, GroupTally)>) => |v| compare(v),
        // 106–127: statistics.
        Interval => |v| { let _ = (v.to_string(), v.width()); },
        IntervalMethod => |v| { let _ = v; },
        Moments => |v| moments(&v),
        Sorted => |v| sorted(&v),
        ErlangC => |v| erlang_c(&v),
        CronbachAlpha => |v| { let _ = (v.alpha(), v.interval()); },
        TestResult => |v| { let _ = v.to_string(); },
        TestMethod => |v| { let _ = v; },
        Alternative => |v| { let _ = v; },
        Estimate => |v| { let _ = v; },
        MannKendall => |v| { let _ = v; },
        SenSlope => |v| { let _ = v; },
        Shrunken => |v| { let _ = v; },
        BetaBinomialShrinkage => |v| { let _ = v; },
        NormalShrinkage => |v| { let _ = v; },
        ProportionMethod => |v| { let _ = v; },
        MannWhitneyMethod => |v| { let _ = v; },
        Deletion => |v| { let _ = v; },
        ItemAnalysis => |v| { let _ = v; },
        Quadrant => |v| { let _ = v; },
        Crosshair => |v| { let _ = v; },
        Xoshiro256PlusPlus => |v| { let mut rng = v; let _ = rng.next_u64(); },
    );
});

/// A value whose text form reads back as the same value (for a timestamp, one in years
/// 0000–9999: RFC 3339 has no other).
fn text<T>(v: &T)
where
    T: std::fmt::Display + std::str::FromStr + PartialEq + std::fmt::Debug,
    T::Err: std::fmt::Debug,
{
    let shown = v.to_string();
    match shown.parse::<T>() {
        Ok(back) => assert_eq!(&back, v, "{shown} reads back as another value"),
        Err(e) => panic!("{shown} does not read back: {e:?}"),
    }
}

/// The report, and the report of the tally merged with itself (every count doubled), are
/// `Ok` or a typed `Err`, and checked when `Ok`.
fn tally<T: Tally + Clone>(t: &T, check: impl Fn(&T::Report)) {
    if let Ok(r) = t.report() {
        check(&r);
    }
    let mut twice = t.clone();
    if twice.merge(t).is_ok()
        && let Ok(r) = twice.report()
    {
        check(&r);
    }
}

/// A deadline in working days is the last on-time instant: the working days counted up to it
/// are at most the limit, one millisecond later they are more.
fn calendar(c: &Calendar) {
    for from in [0, 1_741_050_000_000, -62_000_000_000_000] {
        let from = Timestamp::from_unix_millis(from);
        for days in [0, 1, 5, 60] {
            let Ok(due) = c.due_by(from, Completion::WorkingDays(days)) else {
                continue;
            };
            assert!(due >= from, "due {due} before {from}");
            if let Ok(counted) = c.working_days_between(from, due) {
                assert!(
                    counted <= days,
                    "{counted} working days by the deadline of {days}"
                );
            }
            let next = Timestamp::from_unix_millis(due.unix_millis().saturating_add(1));
            if next > due
                && let Ok(counted) = c.working_days_between(from, next)
            {
                assert!(
                    counted > days,
                    "{counted} working days past the deadline of {days}"
                );
            }
        }
    }
}

/// Weights summing to 1; a tally of the instrument with no answers has nothing to report.
fn instrument(v: &Instrument) {
    assert!(!v.is_empty() && v.len() <= Instrument::MAX_ELEMENTS);
    assert_eq!(v.weights().len(), v.len(), "a weight per element");
    let sum: f64 = v.weights().iter().map(|w| w.to_f64()).sum();
    assert!((sum - 1.0).abs() < 1e-9, "weights sum to {sum}");
    assert!(SkmTally::new(v.clone()).report().is_err());
}

/// Arrived ≤ started ≤ finished, and the spans between them.
fn interaction(v: &Interaction) {
    let arrived = v.arrived_at();
    if let Some(started) = v.started_at() {
        assert!(started >= arrived, "started before arrival");
        assert_eq!(v.wait(), started.since(arrived));
    }
    if let Some(finished) = v.finished_at() {
        assert!(
            finished >= v.started_at().unwrap_or(arrived),
            "finished before start"
        );
        assert_eq!(v.turnaround(), finished.since(arrived));
    }
    assert!(v.recommend().is_none_or(|r| r <= 10));
    assert!(!v.service().trim().is_empty() && !v.unit().trim().is_empty());
}

/// Filed ≤ first response ≤ resolution.
fn complaint(v: &Complaint) {
    if let Some(at) = v.first_response() {
        assert!(at >= v.filed_at(), "answered before filing");
    }
    if let Some(at) = v.resolution() {
        assert!(at >= v.first_response().unwrap_or(v.filed_at()));
        assert!(v.is_resolved());
    }
    assert!(!v.unit().trim().is_empty());
}

/// Promise targets are shares, 0–1.
fn targets(t: &PromiseTargets) {
    for p in Promise::ALL {
        assert!((0.0..=1.0).contains(&t.of(p)), "target {p}: {}", t.of(p));
    }
}

/// The groups compared with each other, and as periods one after another.
fn compare((options, groups): (CompareOptions, Vec<(String, GroupTally)>)) {
    if let Ok(c) = compare_groups(groups.clone(), options) {
        check_comparison(&c);
        let _ = c.to_string();
    }
    if let Ok(c) = compare_periods(groups, options.level()) {
        check_periods(&c);
        let _ = c.to_string();
    }
}

/// A deserialised accumulator: what it gives is finite and consistent, the mean between the
/// smallest and the largest value (up to rounding).
fn moments(m: &Moments) {
    if let Ok(mean) = m.mean() {
        assert!(mean.is_finite(), "mean {mean}");
        if let (Ok(min), Ok(max)) = (m.min(), m.max()) {
            assert!(min <= max, "min {min} > max {max}");
            assert!(
                min <= mean && mean <= max,
                "mean {mean} outside [{min}, {max}]"
            );
        }
    }
    if let Ok(v) = m.variance() {
        assert!(v.is_finite() && v >= 0.0, "variance {v}");
    }
    if let Ok(ci) = m.mean_interval(Level::default()) {
        layanan_fuzz::check_interval("mean", &ci, None);
    }
}

/// Sorted values give ordered quantiles within their range.
fn sorted(s: &Sorted) {
    let values = s.as_slice();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "not sorted");
    let (Some(&lo), Some(&hi)) = (values.first(), values.last()) else {
        return;
    };
    for number in 1..=9 {
        let kind = QuantileType::from_number(number).expect("1–9");
        let mut previous = lo;
        for p in [0.0, 0.1, 0.5, 0.9, 1.0] {
            if let Ok(q) = s.quantile(p, kind) {
                assert!(
                    lo <= q && q <= hi,
                    "quantile {p} = {q} outside [{lo}, {hi}]"
                );
                assert!(previous <= q, "quantile {p} = {q} below an earlier one");
                previous = q;
            }
        }
    }
}

/// What a stable queue gives is finite: probabilities 0–1, a non-negative wait.
fn erlang_c(q: &ErlangC) {
    let p = q.probability_of_waiting();
    assert!((0.0..=1.0).contains(&p), "P(wait) {p}");
    let occupancy = q.occupancy();
    assert!((0.0..1.0).contains(&occupancy), "occupancy {occupancy}");
    let wait = q.average_wait_minutes();
    assert!(wait.is_finite() && wait >= 0.0, "average wait {wait}");
    for seconds in [0.0, 20.0, 600.0] {
        if let Ok(level) = q.service_level(seconds) {
            assert!(
                (0.0..=1.0).contains(&level),
                "service level {level} at {seconds} s"
            );
        }
    }
}
