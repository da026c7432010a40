//! Every public deserialisable type read from arbitrary JSON.
//!
//! The first byte selects the type, the rest is the JSON document. A selector rather than
//! trying every type on every input: a document that reads as one type almost never reads as
//! another, so trying all of them would spend most of each run on quick rejections, and with a
//! selector libFuzzer's coverage feedback and corpus stay per type.
//!
//! What must hold for a value that deserialises:
//! - it serialises, reads back equal, and serialises again to the same bytes;
//! - a tally's report is `Ok` or a typed `Err` (a panic is a crash), and an `Ok` report has
//!   every score finite and in its range (see `layanan_fuzz::check_*`).

#![no_main]

use layanan::{
    AgeBand, Calendar, CesTally, CompareOptions, Compatibility, Complaint, ComplaintReport,
    ComplaintTally, Completion, CostReport, CostTally, CsatTally, Date, Education, Element,
    EmpathyReport, EmpathyTally, ExcellenceIndex, ExcellenceWeights, Gender, Granularity, Grouped,
    Instrument, Interaction, Interval, Level, Money, NpsReport, NpsTally, NrrRounding, Occupation,
    Period, Rating, RatingScale, Respondent, Scorecard, ScorecardOptions, ScorecardReport,
    ServiceStandard, Share, SkmAnswers, SkmOptions, SkmReport, SkmResponse, SkmTally, SpeedOptions,
    SpeedReport, SpeedTally, Standards, Summary, Tallies, TimeSpan, Timestamp, Weekday, Weight,
    stats::Moments,
};
use layanan_fuzz::{
    check_complaints, check_cost, check_empathy, check_group, check_interval, check_nps,
    check_scorecard, check_share, check_skm, check_speed, round_trip,
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
    // Keep this order: the committed seeds start with their type's index.
    types!(selector, json;
        Timestamp => |v| { if let Ok(back) = v.to_string().parse::<Timestamp>() { assert_eq!(back, v, "{v}") } },
        TimeSpan => |v| { assert!(v.as_minutes().is_finite()) },
        Date => |v| { let _ = v.weekday(); let back: Date = v.to_string().parse().expect("a date's text reads back"); assert_eq!(back, v) },
        Calendar => |v| { let _ = v.working_days_between(Timestamp::from_unix_millis(0), Timestamp::from_unix_millis(86_400_000 * 30)); },
        Money => |v| { let _ = v.to_string(); },
        Weight => |v| { let w = v.to_f64(); assert!(w.is_finite() && w > 0.0 && w <= 1.0, "weight {w}"); assert_eq!(v.to_string().parse::<Weight>().ok(), Some(v)) },
        ServiceStandard => |v| { assert!(!v.service().trim().is_empty()) },
        Standards => |v| { for s in v.iter() { assert!(v.get(s.service()).is_ok()) } },
        Instrument => |v| { let _ = SkmTally::new(v).report(); },
        Element => |v| { assert!(!v.key().is_empty()) },
        SkmAnswers => |v| { assert!(v.answered() <= v.iter().count()) },
        Respondent => |v| { let _ = v.age_band(); },
        SkmResponse => |v| { let _ = v.answers(); },
        Interaction => |v| { let _ = (v.wait(), v.service_time(), v.turnaround()); },
        Rating => |v| { let _ = v; },
        RatingScale => |v| { assert!(v.min() < v.max()) },
        Complaint => |v| { let _ = v.is_resolved(); },
        Completion => |v| { let back: Completion = v.to_string().parse().expect("a completion's text reads back"); assert_eq!(back, v) },
        SkmTally => |v| { if let Ok(r) = v.report() { check_skm(&r) } },
        SpeedTally => |v| { if let Ok(r) = v.report() { check_speed(&r) } },
        CostTally => |v| { if let Ok(r) = v.report() { check_cost(&r) } },
        EmpathyTally => |v| { if let Ok(r) = v.report() { check_empathy(&r) } },
        ComplaintTally => |v| { if let Ok(r) = v.report() { check_complaints(&r) } },
        NpsTally => |v| { if let Ok(r) = v.report() { check_nps(&r) } },
        CsatTally => |v| { if let Ok(r) = v.report() { check_share("CSAT", &r) } },
        CesTally => |v| { ces(&v) },
        Moments => |v| { moments(&v) },
        Tallies => |v| { if let Ok(r) = v.report(&ScorecardOptions::default()) { check_group(&r) } },
        Scorecard => |v| { if let Ok(r) = v.report() { check_scorecard(&r) } },
        Grouped<String, SkmTally> => |v| { if let Ok(r) = v.total().and_then(|t| t.report()) { check_skm(&r) } },
        Grouped<String, SpeedTally> => |v| { if let Ok(r) = v.total().and_then(|t| t.report()) { check_speed(&r) } },
        Grouped<String, NpsTally> => |v| { if let Ok(r) = v.total().and_then(|t| t.report()) { check_nps(&r) } },
        ExcellenceWeights => |v| { let _ = v; },
        Level => |v| { assert!(v.get() > 0.0 && v.get() < 1.0) },
        SkmOptions => |v| { let _ = v; },
        SpeedOptions => |v| { let _ = v; },
        ScorecardOptions => |v| { let _ = v; },
        CompareOptions => |v| { let _ = v; },
        Compatibility => |v| { let _ = v; },
        NrrRounding => |v| { let _ = v; },
        Weekday => |v| { let _ = v; },
        Granularity => |v| { let _ = v; },
        Period => |v| { let _ = v.to_string(); },
        Gender => |v| { let _ = v; },
        Education => |v| { let _ = v; },
        Occupation => |v| { let _ = v; },
        AgeBand => |v| { let _ = v; },
        Interval => |v| { let _ = v; },
        Share => |v| { let _ = v; },
        Summary => |v| { let _ = v; },
        SkmReport => |v| { let _ = v.to_string(); },
        SpeedReport => |v| { let _ = v; },
        CostReport => |v| { let _ = v; },
        EmpathyReport => |v| { let _ = v; },
        ComplaintReport => |v| { let _ = v; },
        NpsReport => |v| { let _ = v.to_string(); },
        ExcellenceIndex => |v| { let _ = v; },
        ScorecardReport => |v| { let _ = v; },
    );
});

/// A deserialised accumulator: what it gives is finite and consistent, the mean between the
/// smallest and the largest value (up to rounding).
fn moments(m: &Moments) {
    if let Ok(mean) = m.mean() {
        assert!(mean.is_finite(), "mean {mean}");
        if let (Ok(min), Ok(max)) = (m.min(), m.max()) {
            assert!(min <= max, "min {min} > max {max}");
            // Up to rounding: a millionth of the range, the slack the library allows.
            let slack = 1e-6 * (max - min);
            assert!(
                min - slack <= mean && mean <= max + slack,
                "mean {mean} outside [{min}, {max}]"
            );
        }
    }
    if let Ok(v) = m.variance() {
        assert!(v.is_finite() && v >= 0.0, "variance {v}");
    }
}

/// The mean effort score lies on the tally's scale (read from its serialised form, the only
/// place the scale shows).
fn ces(tally: &CesTally) {
    let Ok(r) = tally.report() else {
        return;
    };
    check_interval("CES", &r, None);
    let json = serde_json::to_value(tally).expect("serialises");
    let bound = |i: usize| json["scale"][i].as_f64().expect("a scale is two numbers");
    let (lo, hi) = (bound(0), bound(1));
    let mean = r.estimate();
    assert!(
        lo <= mean && mean <= hi,
        "CES {mean} outside its scale {lo}..={hi}"
    );
}
