//! Tampered data: tallies and checked values read back from JSON that `push`, `merge` or their
//! constructors could never produce are refused when read, not when reported.
//!
//! Each case starts from the JSON of a real tally, which must read back equal, then changes one
//! thing that `push` and `merge` could never produce and expects the exact error message.

use layanan::prelude::*;
use layanan::stats::Moments;
use layanan::{
    Calendar, Complaint, ComplaintTally, Completion, CostTally, EmpathyTally, Interaction, Money,
    RatingScale, ServiceStandard, SpeedTally, Standards, TimeSpan, Timestamp,
};
use layanan::{CesTally, CsatTally, NpsTally};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const SPEED: &str = "inconsistent speed tally: its counts contradict each other, or a time is negative or not finite";
const COST: &str = "inconsistent cost tally: its counts contradict each other";
const MOMENTS: &str = "inconsistent moments: negative or non-finite central sums, or a first \
                       value, mean, minimum and maximum out of order";
const COMPLAINTS: &str = "inconsistent complaint tally: its counts contradict each other, or a time is negative or not finite";

fn at(text: &str) -> Timestamp {
    format!("2025-03-{text}:00+07:00").parse().unwrap()
}

/// The JSON of `value`, after checking that it reads back equal.
fn json_of<T>(value: &T) -> Value
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_value(value).unwrap();
    let back: T = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(&back, value);
    json
}

/// `json` with `edit` applied is refused with exactly `message`.
#[track_caller]
fn refused<T: DeserializeOwned + std::fmt::Debug>(
    label: &str,
    json: &Value,
    edit: impl FnOnce(&mut Value),
    message: &str,
) {
    let mut tampered = json.clone();
    edit(&mut tampered);
    assert_ne!(&tampered, json, "{label}: the edit changed nothing");
    let err = serde_json::from_value::<T>(tampered).expect_err(label);
    assert_eq!(err.to_string(), message, "{label}");
}

fn standards() -> Standards {
    [
        ServiceStandard::new("ktp-el", Money::ZERO)
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(30)),
        ServiceStandard::new("akta", Money::new(10_000))
            .unwrap()
            .with_completion(Completion::WorkingDays(2)),
    ]
    .into_iter()
    .collect()
}

/// Visits of every kind: within and over standard, in working days, unfinished, without a
/// standard, overcharged on a free service, waived, paid exactly.
fn visits() -> Vec<Interaction> {
    let visit = |service: &str, arrive: &str, start: &str, finish: Option<&str>, paid: u64| {
        let mut b = Interaction::builder(service, "kel-a", at(arrive))
            .started_at(at(start))
            .paid(Money::new(paid));
        if let Some(finish) = finish {
            b = b.finished_at(at(finish));
        }
        b.build().unwrap()
    };
    vec![
        visit("ktp-el", "03T08:00", "03T08:10", Some("03T08:40"), 0),
        visit("ktp-el", "03T08:00", "03T08:50", Some("03T10:30"), 20_000),
        visit("ktp-el", "03T09:00", "03T09:05", None, 0),
        visit("akta", "03T09:00", "03T09:20", Some("06T15:00"), 5_000),
        visit("akta", "04T09:00", "04T09:20", Some("04T11:00"), 10_000),
        visit("legalisir", "04T10:00", "04T10:05", Some("04T10:15"), 2_000),
    ]
}

#[test]
fn speed_tally() {
    let mut tally = SpeedTally::new();
    for v in &visits() {
        tally.push(v, &standards()).unwrap();
    }
    let json = json_of(&tally);
    assert_eq!(json["judged"], json!(4));
    refused::<SpeedTally>(
        "D01: SpeedTally with within = 5",
        &json,
        |j| j["within"] = json!(5),
        SPEED,
    );
    refused::<SpeedTally>(
        "D02: SpeedTally with satisfied = 0",
        &json,
        |j| j["satisfied"] = json!(0),
        SPEED,
    );
    refused::<SpeedTally>(
        "D03: SpeedTally with tolerating = 4",
        &json,
        |j| j["tolerating"] = json!(4),
        SPEED,
    );
    refused::<SpeedTally>(
        "D04: SpeedTally with wait_within = 9",
        &json,
        |j| j["wait_within"] = json!(9),
        SPEED,
    );
    refused::<SpeedTally>(
        "D05: SpeedTally with wait_judged = 7",
        &json,
        |j| j["wait_judged"] = json!(7),
        SPEED,
    );
    refused::<SpeedTally>(
        "D06: SpeedTally with visits = 3",
        &json,
        |j| j["visits"] = json!(3),
        SPEED,
    );
    refused::<SpeedTally>(
        "D07: SpeedTally with no_standard = 6",
        &json,
        |j| j["no_standard"] = json!(6),
        SPEED,
    );
    refused::<SpeedTally>(
        "D08: SpeedTally with the first wait = -1.0",
        &json,
        |j| j["wait"][0] = json!(-1.0),
        SPEED,
    );
    refused::<SpeedTally>(
        "D09: SpeedTally with the first working_days = -0.5",
        &json,
        |j| j["working_days"][0] = json!(-0.5),
        SPEED,
    );
    refused::<SpeedTally>(
        "D10: SpeedTally with turnaround = seven values",
        &json,
        |j| j["turnaround"] = json!(vec![1.0; 7]),
        SPEED,
    );
}

#[test]
fn cost_tally() {
    let mut tally = CostTally::new();
    for v in &visits() {
        tally.push(v, &standards()).unwrap();
    }
    let json = json_of(&tally);
    assert_eq!(
        (&json["overcharged"], &json["underpaid"], &json["excess"]),
        (&json!(1), &json!(1), &json!([20_000]))
    );
    refused::<CostTally>(
        "D11: CostTally with excess_total = 1",
        &json,
        |j| j["excess_total"] = json!(1),
        COST,
    );
    refused::<CostTally>(
        "D12: CostTally with excess = [0], excess_total = 0",
        &json,
        |j| {
            j["excess"] = json!([0]);
            j["excess_total"] = json!(0);
        },
        COST,
    );
    refused::<CostTally>(
        "D13: CostTally with judged = 6",
        &json,
        |j| j["judged"] = json!(6),
        COST,
    );
    refused::<CostTally>(
        "D14: CostTally with free_violations = 2",
        &json,
        |j| j["free_violations"] = json!(2),
        COST,
    );
    refused::<CostTally>(
        "D15: CostTally with free = 6",
        &json,
        |j| j["free"] = json!(6),
        COST,
    );
    refused::<CostTally>(
        "D16: CostTally with fee_above_tariff = 7",
        &json,
        |j| j["fee_above_tariff"] = json!(7),
        COST,
    );
    refused::<CostTally>(
        "D17: CostTally with waived_total = 0",
        &json,
        |j| j["waived_total"] = json!(0),
        COST,
    );
    refused::<CostTally>(
        "D18: CostTally with underpaid = 0, exact = 3",
        &json,
        |j| {
            j["underpaid"] = json!(0);
            j["exact"] = json!(3);
        },
        COST,
    );
}

#[test]
fn moments() {
    let json = json_of(&Moments::from_slice(&[1.0, 2.0, 4.0]).unwrap());
    let message = MOMENTS;
    refused::<Moments>(
        "D19: Moments with m2 = -3.0",
        &json,
        |j| j["m2"] = json!(-3.0),
        message,
    );
    refused::<Moments>(
        "D20: Moments with m4 = -1.0",
        &json,
        |j| j["m4"] = json!(-1.0),
        message,
    );
    refused::<Moments>(
        "D21: Moments with min = 5.0",
        &json,
        |j| j["min"] = json!(5.0),
        message,
    );
    // Found by the json fuzz target: a mean far outside [min, max] was accepted.
    refused::<Moments>(
        "D39: Moments with shift = 500 (the first value, outside [1, 4])",
        &json,
        |j| j["shift"] = json!(500.0),
        message,
    );
    refused::<Moments>(
        "D40: Moments whose mean is 500 for values in [1, 4]",
        &json,
        |j| {
            j["mean"] = json!(500.0 - j["shift"].as_f64().unwrap());
        },
        message,
    );
}

#[test]
fn empathy_tally() {
    let five = RatingScale::new(1, 5).unwrap();
    let mut tally = EmpathyTally::new();
    for r in [5, 3, 1] {
        tally.push_rating(five.rating(r).unwrap()).unwrap();
    }
    tally
        .push_servqual(five.rating(3).unwrap(), five.rating(5).unwrap())
        .unwrap();
    let json = json_of(&tally);
    let ratings = "inconsistent empathy ratings: non-finite values, or values outside [0, 100]";
    refused::<EmpathyTally>(
        "D22: EmpathyTally with ratings.max = 100.5",
        &json,
        |j| j["ratings"]["max"] = json!(100.5),
        ratings,
    );
    refused::<EmpathyTally>(
        "D23: EmpathyTally with ratings.min = -1.0",
        &json,
        |j| j["ratings"]["min"] = json!(-1.0),
        ratings,
    );
    refused::<EmpathyTally>(
        "D24: EmpathyTally with ratings.rejected = 1",
        &json,
        |j| j["ratings"]["rejected"] = json!(1),
        ratings,
    );
    refused::<EmpathyTally>(
        "D25: EmpathyTally with gaps.m2 = -1.0",
        &json,
        |j| j["gaps"]["m2"] = json!(-1.0),
        MOMENTS,
    );
    refused::<EmpathyTally>(
        "D26: EmpathyTally with gaps.rejected = 2",
        &json,
        |j| j["gaps"]["rejected"] = json!(2),
        "inconsistent SERVQUAL gaps: non-finite values, or values outside [-inf, inf]",
    );
}

#[test]
fn complaint_tally() {
    let mut tally = ComplaintTally::new(Completion::WorkingDays(5), Calendar::wib());
    let filed = at("03T09:00");
    for complaint in [
        Complaint::filed("kel-a", filed)
            .unwrap()
            .first_response_at(at("03T10:00"))
            .unwrap()
            .resolved_at(at("04T09:00"))
            .unwrap(),
        Complaint::filed("kel-a", filed)
            .unwrap()
            .first_response_at(at("03T12:00"))
            .unwrap(),
        Complaint::filed("kel-a", filed).unwrap(),
    ] {
        tally.push(&complaint).unwrap();
    }
    let json = json_of(&tally);
    assert_eq!(
        (&json["filed"], &json["responded"], &json["resolved"]),
        (&json!(3), &json!(2), &json!(1))
    );
    refused::<ComplaintTally>(
        "D27: ComplaintTally with resolved = 4",
        &json,
        |j| j["resolved"] = json!(4),
        COMPLAINTS,
    );
    refused::<ComplaintTally>(
        "D28: ComplaintTally with responded = 4",
        &json,
        |j| j["responded"] = json!(4),
        COMPLAINTS,
    );
    refused::<ComplaintTally>(
        "D29: ComplaintTally with within_target = 2",
        &json,
        |j| j["within_target"] = json!(2),
        COMPLAINTS,
    );
    refused::<ComplaintTally>(
        "D30: ComplaintTally with response_hours = [1.0]",
        &json,
        |j| j["response_hours"] = json!([1.0]),
        COMPLAINTS,
    );
    refused::<ComplaintTally>(
        "D31: ComplaintTally with the first resolution_hours = -24.0",
        &json,
        |j| j["resolution_hours"][0] = json!(-24.0),
        COMPLAINTS,
    );
}

#[test]
fn effort_tally() {
    let mut ces = CesTally::new(RatingScale::new(1, 7).unwrap());
    for r in [6, 7, 5] {
        ces.push_rating(r).unwrap();
    }
    let json = json_of(&ces);
    let message = "inconsistent effort scores: non-finite values, or values outside [1, 7]";
    refused::<CesTally>(
        "D32: CesTally with moments.max = 8.0",
        &json,
        |j| j["moments"]["max"] = json!(8.0),
        message,
    );
    refused::<CesTally>(
        "D33: CesTally with scale [1, 5]",
        &json,
        |j| j["scale"] = json!([1, 5]),
        "inconsistent effort scores: non-finite values, or values outside [1, 5]",
    );
    // Found by the json fuzz target: this reported a mean effort of 500 on a 1–7 scale.
    refused::<CesTally>(
        "D41: CesTally whose moments' first value is 500",
        &json,
        |j| j["moments"]["shift"] = json!(500.0),
        MOMENTS,
    );
}

/// Any counts are a state merging can reach, so these have nothing to refuse beyond their
/// shape; a report whose total would overflow says so.
#[test]
fn count_tallies_read_any_counts() {
    let mut nps = NpsTally::default();
    nps.push_score(10).unwrap();
    let mut json = json_of(&nps);
    json["counts"][0] = json!(u64::MAX);
    let nps: NpsTally = serde_json::from_value(json).unwrap();
    assert_eq!(
        nps.report().unwrap_err().to_string(),
        "customer-experience tally overflows"
    );
    let mut csat = CsatTally::default();
    csat.push_rating(4).unwrap();
    let mut json = json_of(&csat);
    json["counts"] = json!([1, 2]);
    let err = serde_json::from_value::<CsatTally>(json).unwrap_err();
    assert!(err.to_string().starts_with("invalid length 2"), "{err}");
}

/// Values with private fields read back only what their constructors accept.
#[test]
fn intervals_and_components() {
    let interval = layanan::Interval::student_t(3.2, 0.5, 4.0, layanan::Level::default()).unwrap();
    let json = json_of(&interval);
    refused::<layanan::Interval>(
        "D34: Interval with lower = 5.0, upper = 1.0",
        &json,
        |j| {
            j["lower"] = json!(5.0);
            j["upper"] = json!(1.0);
        },
        "inconsistent interval: estimate 3.2, bounds [5, 1]",
    );
    let component = layanan::Component::new(80.0, 3.0).unwrap();
    let json = json_of(&component);
    refused::<layanan::Component>(
        "D35: Component with score = 180.0",
        &json,
        |j| j["score"] = json!(180.0),
        "score must be between 0 and 100, got 180",
    );
    refused::<layanan::Component>(
        "D36: Component with standard_error = -1.0",
        &json,
        |j| j["standard_error"] = json!(-1.0),
        "standard error must be zero or positive, got -1",
    );
}

/// A queue read back must be one `ErlangC::new` could build; a generator's all-zero state
/// (which would emit zeros forever) reads back as seed 0, as `from_state` gives it.
#[test]
fn queues_and_generators() {
    use layanan::stats::{ErlangC, Xoshiro256PlusPlus};
    let queue = ErlangC::new(60.0, 5.0, 7).unwrap();
    let json = json_of(&queue);
    refused::<ErlangC>(
        "D37: ErlangC with servers = 4",
        &json,
        |j| j["servers"] = json!(4),
        "inconsistent Erlang C queue: load 5, service 5 minutes, 4 servers, P(wait) 0.324149949173288",
    );
    refused::<ErlangC>(
        "D38: ErlangC with p_wait = 1.5",
        &json,
        |j| j["p_wait"] = json!(1.5),
        "inconsistent Erlang C queue: load 5, service 5 minutes, 7 servers, P(wait) 1.5",
    );
    let rng = Xoshiro256PlusPlus::seed_from_u64(7);
    assert_eq!(json_of(&rng).as_array().map(Vec::len), Some(4));
    let zero: Xoshiro256PlusPlus = serde_json::from_value(json!([0, 0, 0, 0])).unwrap();
    assert_eq!(zero, Xoshiro256PlusPlus::seed_from_u64(0));
}

/// Found by the json fuzz target: sums of complete questionnaires within every per-pair bound,
/// yet no answers give them, reported a Cronbach's α above 1. Nine elements answered alike by
/// three questionnaires (1s, 2s, 3s) have covariance 6 everywhere; a product sum of 15 instead
/// of 14 for one pair makes it 9, above √(6·6), which no answers can give.
#[test]
fn skm_sums_that_no_answers_give() {
    let skm = layanan::Instrument::permenpanrb_14_2017();
    let mut tally = layanan::SkmTally::new(skm.clone());
    for v in 1..=3 {
        tally
            .push_answers(&skm.answers_from_row(&[v; 9]).unwrap())
            .unwrap();
    }
    let json = json_of(&tally);
    assert_eq!(json["complete_product"][1], json!(14));
    refused::<layanan::SkmTally>(
        "D42: SkmTally whose complete questionnaires' product sum for one pair is 15, not 14",
        &json,
        |j| {
            for cell in [1, 9] {
                j["complete_product"][cell] = json!(15);
                j["pair_product"][cell] = json!(15);
            }
        },
        "inconsistent SKM tally: the complete-questionnaire sums are those of no set of \
         answers (their covariance matrix is not positive semi-definite)",
    );
    // An element everyone answered 2 has no variance, so it can covary with nothing: a
    // product sum with the next element of 13 instead of 2·(1 + 2 + 3) = 12 says it does.
    let mut tally = layanan::SkmTally::new(skm.clone());
    for v in 1..=3 {
        let mut row = [v; 9];
        row[0] = 2;
        tally
            .push_answers(&skm.answers_from_row(&row).unwrap())
            .unwrap();
    }
    let json = json_of(&tally);
    assert_eq!(json["complete_product"][1], json!(12));
    refused::<layanan::SkmTally>(
        "D43: SkmTally whose constant element covaries with another",
        &json,
        |j| {
            for cell in [1, 9] {
                j["complete_product"][cell] = json!(13);
                j["pair_product"][cell] = json!(13);
            }
        },
        "inconsistent SKM tally: the complete-questionnaire sums are those of no set of \
         answers (their covariance matrix is not positive semi-definite)",
    );
}
