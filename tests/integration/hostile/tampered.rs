//! Tampered data: tallies and checked values read back from JSON that `push`, `merge` or their
//! constructors could never produce are refused when read, not when reported.
//!
//! Each case starts from the JSON of a real tally, which must read back equal, then changes one
//! thing that `push` and `merge` could never produce and expects the exact error message.

use layanan::prelude::*;
use layanan::stats::Moments;
use layanan::{
    Calendar, Complaint, ComplaintTally, ComplaintTargets, Completion, CostTally, EmpathyTally,
    Interaction, Money, PromiseTally, RatingScale, ServiceStandard, SpeedTally, Standards,
    TimeSpan, Timestamp,
};
use layanan::{CesTally, CsatTally, NpsTally};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const SPEED: &str = "inconsistent speed tally: its counts contradict each other";
const COST: &str = "inconsistent cost tally: its counts contradict each other";
const PROMISES: &str = "inconsistent promise tally: its counts contradict each other";
const MOMENTS: &str = "inconsistent moments: negative or non-finite central sums, or a first \
                       value, mean, minimum and maximum out of order";
const COMPLAINTS: &str = "inconsistent complaint tally: its counts contradict each other";

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

fn tallied<T: Tally<Record = Interaction>>(mut tally: T) -> T {
    tally.push_all(&visits()).unwrap();
    tally
}

#[test]
fn speed_tally() {
    let json = json_of(&tallied(SpeedTally::new(standards())));
    // As of the data's end, 2 visits on time, 2 late (one of them in working days), 1 open,
    // 1 of a service without a completion standard.
    assert_eq!(json["counts"]["on_time"], json!(2));
    assert_eq!(json["counts"]["finished_late"], json!(2));
    assert_eq!(json["open"].as_array().map(Vec::len), Some(1));
    for (label, field, value) in [
        ("D01: SpeedTally with on_time = 5", "on_time", 5),
        ("D02: SpeedTally with finished = 1", "finished", 1),
        ("D03: SpeedTally with finished_late = 4", "finished_late", 4),
        ("D04: SpeedTally with wait_within = 9", "wait_within", 9),
        ("D05: SpeedTally with wait_judged = 7", "wait_judged", 7),
        ("D06: SpeedTally with visits = 3", "visits", 3),
        ("D07: SpeedTally with no_standard = 6", "no_standard", 6),
    ] {
        refused::<SpeedTally>(label, &json, |j| j["counts"][field] = json!(value), SPEED);
    }
    refused::<SpeedTally>(
        "D08: SpeedTally with two open visits",
        &json,
        |j| j["open"] = json!([0, 1]),
        SPEED,
    );
    refused::<SpeedTally>(
        "D09: SpeedTally with no latest time",
        &json,
        |j| j["latest"] = json!(null),
        SPEED,
    );
    refused::<SpeedTally>(
        "D10: SpeedTally with turnaround = seven values",
        &json,
        |j| j["turnaround"] = json!({ "Exact": [1, 2, 3, 4, 5, 6, 7] }),
        SPEED,
    );
    refused::<SpeedTally>(
        "D44: SpeedTally of another format version",
        &json,
        |j| j["version"] = json!(0),
        "inconsistent SpeedTally: format version 0 (this build reads 2)",
    );
}

#[test]
fn cost_tally() {
    let json = json_of(&tallied(CostTally::new(standards())));
    assert_eq!(json["counts"]["overcharged"], json!(1));
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
    for (label, field, value) in [
        ("D13: CostTally with exact = 6", "exact", 6),
        (
            "D14: CostTally with free_violations = 2",
            "free_violations",
            2,
        ),
        ("D15: CostTally with free = 6", "free", 6),
        (
            "D16: CostTally with fee_above_tariff = 7",
            "fee_above_tariff",
            7,
        ),
        ("D45: CostTally with no_standard = 0", "no_standard", 0),
    ] {
        refused::<CostTally>(label, &json, |j| j["counts"][field] = json!(value), COST);
    }
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
            j["counts"]["underpaid"] = json!(0);
            j["counts"]["exact"] = json!(3);
        },
        COST,
    );
    refused::<CostTally>(
        "D46: CostTally judged against standards with a service given twice",
        &json,
        |j| {
            let first = j["standards"]["services"][0].clone();
            j["standards"]["services"]
                .as_array_mut()
                .unwrap()
                .push(first);
        },
        "service `akta` is given more than once",
    );
}

#[test]
fn promise_tally() {
    let json = json_of(&tallied(PromiseTally::new(standards())));
    for (label, field, value) in [
        ("D47: PromiseTally with all_kept = 6", "all_kept", 6),
        ("D48: PromiseTally with on_time_kept = 6", "on_time_kept", 6),
        (
            "D49: PromiseTally with charged_measured = 9",
            "charged_measured",
            9,
        ),
        (
            "D50: PromiseTally with courtesy_from_skm = 1",
            "courtesy_from_skm",
            1,
        ),
    ] {
        refused::<PromiseTally>(
            label,
            &json,
            |j| j["counts"][field] = json!(value),
            PROMISES,
        );
    }
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
    let five = RatingScale::FIVE_POINT;
    let mut tally = EmpathyTally::default();
    for r in [5, 3, 1] {
        let visit = Interaction::builder("ktp-el", "kel-a", at("03T08:00"))
            .empathy(five.rating(r).unwrap())
            .build()
            .unwrap();
        tally.push(&visit).unwrap();
    }
    tally
        .push_servqual(five.rating(3).unwrap(), five.rating(5).unwrap())
        .unwrap();
    let json = json_of(&tally);
    refused::<EmpathyTally>(
        "D22: EmpathyTally with six rating counts on a five-point scale",
        &json,
        |j| j["ratings"] = json!([1, 0, 1, 0, 1, 0]),
        "inconsistent empathy tally: 6 rating counts for a scale of 5 values",
    );
    refused::<EmpathyTally>(
        "D23: EmpathyTally with four courtesy counts made three",
        &json,
        |j| j["courtesy"] = json!([0, 0, 0]),
        "invalid length 3, expected an array of length 4",
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
    let mut tally = ComplaintTally::new(ComplaintTargets::default(), Calendar::wib());
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
    assert_eq!(json["counts"]["filed"], json!(3));
    for (label, field, value) in [
        (
            "D27: ComplaintTally with resolved_on_time = 4",
            "resolved_on_time",
            4,
        ),
        (
            "D28: ComplaintTally with responded_on_time = 4",
            "responded_on_time",
            4,
        ),
        ("D29: ComplaintTally with filed = 2", "filed", 2),
    ] {
        refused::<ComplaintTally>(
            label,
            &json,
            |j| j["counts"][field] = json!(value),
            COMPLAINTS,
        );
    }
    refused::<ComplaintTally>(
        "D30: ComplaintTally with response = [1]",
        &json,
        |j| j["response"] = json!([1]),
        COMPLAINTS,
    );
    refused::<ComplaintTally>(
        "D31: ComplaintTally with an open resolution more",
        &json,
        |j| j["open_resolution"].as_array_mut().unwrap().push(json!(0)),
        COMPLAINTS,
    );
}

#[test]
fn effort_tally() {
    let seven = RatingScale::new(1, 7).unwrap();
    let mut ces = CesTally::new(seven);
    for r in [6, 7, 5] {
        ces.push(&seven.rating(r).unwrap()).unwrap();
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
    csat.push(&RatingScale::FIVE_POINT.rating(4).unwrap())
        .unwrap();
    let mut json = json_of(&csat);
    json["counts"] = json!([1, 2]);
    let err = serde_json::from_value::<CsatTally>(json).unwrap_err();
    assert_eq!(
        err.to_string(),
        "inconsistent CSAT tally: 2 counts for a scale of 5 values"
    );
}

/// Values with private fields read back only what their constructors accept.
#[test]
fn intervals() {
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

/// Found by fuzzing: a promise tally that kept every promise on its judged visits and yet broke
/// one, and a scorecard whose promises part disagrees with the speed and cost parts it was fed
/// with, are refused; so are options that their builders refuse.
#[test]
fn promises_and_options_that_contradict_themselves() {
    let json = json_of(&tallied(PromiseTally::new(standards())));
    let count = |field: &str| json["counts"][field].as_u64().unwrap();
    let (judged, all_kept) = (count("judged"), count("all_kept"));
    let measured = count("on_time_measured");
    assert!(all_kept < judged && measured > 0, "{json}");
    refused::<PromiseTally>(
        "D51: PromiseTally whose visits kept every promise, yet more broke the on-time one",
        &json,
        |j| {
            // Every judged visit kept every promise, and one was late all the same.
            j["counts"]["all_kept"] = json!(judged);
            j["counts"]["on_time_kept"] = json!(measured - 1);
        },
        PROMISES,
    );

    let card = tallied(layanan::Scorecard::new(standards()));
    let json = json_of(&card);
    let kept = json["promises"]["counts"]["on_time_kept"].as_u64().unwrap();
    refused::<layanan::Scorecard>(
        "D52: a scorecard whose promises part counts a late visit on time",
        &json,
        |j| {
            j["promises"]["counts"]["on_time_kept"] = json!(kept + 1);
        },
        "inconsistent scorecard: its promises part disagrees with its speed, cost or empathy part",
    );

    let options = json_of(&layanan::ScorecardOptions::default());
    refused::<layanan::ScorecardOptions>(
        "D53: scorecard options with an on-time target of 195 %",
        &options,
        |j| j["targets"]["on_time"] = json!(1.95),
        "target for `on time` must be a share between 0 and 1, got 1.95",
    );
    let compare = json_of(&layanan::CompareOptions::default());
    refused::<layanan::CompareOptions>(
        "D54: comparison options with alpha 7",
        &compare,
        |j| j["alpha"] = json!(7.0),
        "alpha must be strictly between 0 and 1, got 7",
    );
    refused::<layanan::CompareOptions>(
        "D55: comparison options that test groups of none",
        &compare,
        |j| j["min_n"] = json!(0),
        "min_n must be at least 2, got 0",
    );
    let targets = json_of(
        &ComplaintTargets::default()
            .with_category("berat", Completion::WorkingDays(60))
            .unwrap(),
    );
    refused::<ComplaintTargets>(
        "D56: complaint targets with a blank category",
        &targets,
        |j| j["by_category"] = json!({"  ": {"WorkingDays": 60}}),
        "complaint category must not be empty",
    );
}

/// `json` with `edit` applied is refused with an error that contains every one of `parts`.
#[track_caller]
fn refused_saying<T: DeserializeOwned + std::fmt::Debug>(
    label: &str,
    json: &Value,
    edit: impl FnOnce(&mut Value),
    parts: &[&str],
) {
    let mut tampered = json.clone();
    edit(&mut tampered);
    assert_ne!(&tampered, json, "{label}: the edit changed nothing");
    let err = serde_json::from_value::<T>(tampered)
        .expect_err(label)
        .to_string();
    for part in parts {
        assert!(err.contains(part), "{label}: `{err}` does not say `{part}`");
    }
}

/// Issue 15, item 10: grade bands {0, 0, 0} graded an IKM of 38.89 A, through
/// `Instrument::with_bands` and through a tally read back. Bands must rise inside 25–100.
#[test]
fn grade_bands_that_do_not_rise_inside_the_scale() {
    use layanan::{GradeBands, Instrument, Mutu, SkmTally};
    let zero = GradeBands {
        a_from: 0,
        b_from: 0,
        c_from: 0,
    };
    let skm = Instrument::permenpanrb_14_2017();
    for (a, b, c) in [
        (0, 0, 0),
        (9000, 9000, 7000),
        (8000, 9000, 7000),
        (10_001, 8000, 7000),
        (9000, 8000, 2500),
    ] {
        let err = GradeBands::new(a, b, c).unwrap_err().to_string();
        assert!(
            err.contains("inconsistent grade bands")
                && err.contains(&format!("A from {a}, B from {b}, C from {c}")),
            "{err}"
        );
        let bands = GradeBands {
            a_from: a,
            b_from: b,
            c_from: c,
        };
        assert!(skm.clone().with_bands(bands).is_err(), "{a} {b} {c}");
    }
    // The tightest bands allowed: C from 25.01, A at 100.00.
    assert!(GradeBands::new(10_000, 2502, 2501).is_ok());
    assert!(
        skm.clone()
            .with_bands(GradeBands::KEPMENPAN_25_2004)
            .is_ok()
    );

    // Answers of 1 and 2 (an IKM of 38.89 on 2017's bands, graded D) read back with bands
    // {0, 0, 0} would be graded A: the tally is refused instead.
    let mut tally = SkmTally::new(skm.clone());
    for row in [[1, 2, 2, 1, 2, 1, 2, 2, 1], [2, 1, 2, 1, 1, 2, 1, 2, 2]] {
        tally
            .push_answers(&skm.answers_from_row(&row).unwrap())
            .unwrap();
    }
    let report = tally.report().unwrap();
    assert_eq!(report.ikm_rounded, 38.89);
    assert_eq!(report.mutu, Mutu::D);
    let json = json_of(&tally);
    refused_saying::<SkmTally>(
        "an SKM tally whose instrument has bands {0, 0, 0}",
        &json,
        |j| j["instrument"]["bands"] = serde_json::to_value(zero).unwrap(),
        &["inconsistent grade bands", "A from 0, B from 0, C from 0"],
    );
    refused_saying::<GradeBands>(
        "bands whose B starts above A",
        &serde_json::to_value(GradeBands::PERMENPANRB_14_2017).unwrap(),
        |j| j["b_from"] = json!(9500),
        &["inconsistent grade bands", "B from 9500"],
    );
}

/// Issue 15, item 11: report types read back unchecked — a share of 10 out of 2, an SKM report
/// with an IKM of 225 or an α of 5, an interval whose estimate lies outside its bounds.
#[test]
fn reports_that_no_tally_gives() {
    use layanan::stats::CronbachAlpha;
    use layanan::{Instrument, Interval, Level, SkmReport, SkmTally};

    // A share, from a speed report.
    let report = tallied(SpeedTally::new(standards())).report().unwrap();
    let share = report.on_time_share.expect("visits judged on time");
    let json = json_of(&share);
    refused_saying::<layanan::Share>(
        "a share of 10 out of 2",
        &json,
        |j| {
            j["count"] = json!(10);
            j["of"] = json!(2);
        },
        &["inconsistent share", "10 out of 2"],
    );
    refused_saying::<layanan::Share>(
        "a share whose interval is not its Wilson interval",
        &json,
        |j| j["interval"]["lower"] = json!(0.0),
        &["inconsistent share", "not its Wilson interval"],
    );

    // An SKM report.
    let skm = Instrument::permenpanrb_14_2017();
    let mut tally = SkmTally::new(skm.clone());
    for row in [
        [4, 3, 3, 4, 3, 4, 3, 3, 4],
        [3, 3, 2, 3, 3, 3, 4, 3, 3],
        [4, 4, 3, 4, 4, 4, 3, 4, 4],
        [2, 3, 2, 3, 2, 3, 2, 2, 3],
    ] {
        tally
            .push_answers(&skm.answers_from_row(&row).unwrap())
            .unwrap();
    }
    let report = tally.report().unwrap();
    assert!(report.alpha.is_some());
    let json = json_of(&report);
    refused_saying::<SkmReport>(
        "an SKM report with an IKM of 225",
        &json,
        |j| {
            j["ikm"] = json!(225.0);
            j["ikm_rounded"] = json!(225.0);
        },
        &["inconsistent SKM report", "IKM 225"],
    );
    refused_saying::<SkmReport>(
        "an SKM report with a Cronbach's α of 5",
        &json,
        |j| j["alpha"]["alpha"] = json!(5.0),
        &["inconsistent Cronbach's alpha", "alpha 5"],
    );
    refused_saying::<SkmReport>(
        "an SKM report graded A at an IKM of 80",
        &json,
        |j| j["mutu"] = json!("A"),
        &["inconsistent SKM report", "grades"],
    );
    refused_saying::<SkmReport>(
        "an SKM element whose answers do not add up",
        &json,
        |j| j["elements"][0]["n"] = json!(7),
        &[
            "inconsistent SKM element score",
            "persyaratan",
            "do not add up",
        ],
    );
    let alpha = json_of(&report.alpha.unwrap());
    refused_saying::<CronbachAlpha>(
        "Cronbach's α of 1.2",
        &alpha,
        |j| j["alpha"] = json!(1.2),
        &["inconsistent Cronbach's alpha", "alpha 1.2"],
    );

    // An interval whose estimate lies outside its bounds (a method that holds it by
    // construction); the bootstrap's may leave it out, and reads back.
    let interval = Interval::student_t(3.2, 0.5, 4.0, Level::default()).unwrap();
    let json = json_of(&interval);
    refused_saying::<Interval>(
        "a t interval whose estimate lies above it",
        &json,
        |j| j["estimate"] = json!(9.0),
        &["inconsistent interval", "estimate 9"],
    );
}
