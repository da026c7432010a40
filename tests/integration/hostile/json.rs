//! JSON inputs (feature `serde`): malformed JSON, and well-formed JSON that is invalid.
//!
//! Through serde a `layanan::Error` reaches the caller as the `serde_json::Error` of category
//! `Data` whose message is the error's message (and, read from text, its line and column), so
//! the expected `Error` value is compared through its message.

use super::rejects_saying;
use layanan::prelude::*;
use layanan::{
    CostTally, Error, Instrument, Interaction, Level, NpsTally, Scorecard, SkmAnswers, SkmTally,
    Standards, Weight,
};
use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::{Value, json};
use std::fmt::Debug;

fn skm() -> Instrument {
    Instrument::permenpanrb_14_2017()
}

/// Text that is not JSON, or not of the expected shape: its category and message, with line
/// and column.
#[track_caller]
fn malformed<T: DeserializeOwned + Debug>(
    label: &str,
    text: &str,
    category: Category,
    message: &str,
) {
    let err = serde_json::from_str::<T>(text).expect_err(label);
    assert_eq!(err.classify(), category, "{label}: {err}");
    assert_eq!(err.to_string(), message, "{label}");
}

/// Well-formed JSON text that the type's constructor refuses with `expected`, at `line` and
/// `column` where serde_json knows them (it does not for errors raised once a whole struct has
/// been read).
#[track_caller]
fn invalid_text<T: DeserializeOwned + Debug>(
    label: &str,
    text: &str,
    expected: Error,
    position: Option<(usize, usize)>,
) {
    let err = serde_json::from_str::<T>(text).expect_err(label);
    assert_eq!(err.classify(), Category::Data, "{label}: {err}");
    let message = match position {
        Some((line, column)) => format!("{expected} at line {line} column {column}"),
        None => expected.to_string(),
    };
    assert_eq!(err.to_string(), message, "{label}");
}

/// A well-formed JSON value that the type refuses with `expected`.
#[track_caller]
fn invalid<T: DeserializeOwned + Debug>(label: &str, json: Value, expected: Error) {
    let err = serde_json::from_value::<T>(json).expect_err(label);
    assert_eq!(err.classify(), Category::Data, "{label}: {err}");
    assert_eq!(err.to_string(), expected.to_string(), "{label}");
}

fn inconsistent(what: &str, reason: &str) -> Error {
    Error::Inconsistent {
        what: what.into(),
        reason: reason.into(),
    }
}

#[test]
fn text_that_is_not_json() {
    malformed::<SkmAnswers>(
        "J01: an object cut short",
        r#"{"waktu": 3"#,
        Category::Eof,
        "EOF while parsing an object at line 1 column 11",
    );
    malformed::<SkmAnswers>(
        "J02: a trailing comma",
        r#"{"waktu": 3,}"#,
        Category::Syntax,
        "trailing comma at line 1 column 13",
    );
    malformed::<SkmTally>(
        "J03: a CSV line instead of JSON",
        "s1,unit-a,4,4,4",
        Category::Syntax,
        "expected value at line 1 column 1",
    );
    malformed::<SkmTally>(
        "J04: empty text",
        "",
        Category::Eof,
        "EOF while parsing a value at line 1 column 0",
    );
    malformed::<SkmAnswers>(
        "J05: an answer as a string",
        r#"{"waktu": "3"}"#,
        Category::Data,
        r#"invalid type: string "3", expected i64 at line 1 column 13"#,
    );
    malformed::<Level>(
        "J06: a level as text",
        r#""95%""#,
        Category::Data,
        r#"invalid type: string "95%", expected f64 at line 1 column 5"#,
    );
}

#[test]
fn answers_and_weights_that_break_the_rules() {
    invalid_text::<SkmAnswers>(
        "J07: an answer of -1 in JSON",
        r#"{"waktu": -1}"#,
        Error::RatingOutOfScale {
            element: "waktu".into(),
            value: -1,
            max: 4,
        },
        Some((1, 13)),
    );
    invalid_text::<SkmAnswers>(
        "J08: an answer of 255 in JSON",
        r#"{"biaya": 255}"#,
        Error::RatingOutOfScale {
            element: "biaya".into(),
            value: 255,
            max: 4,
        },
        Some((1, 14)),
    );
    invalid_text::<SkmAnswers>(
        "J09: the same element answered twice in JSON",
        r#"{"waktu": 3, "waktu": 4}"#,
        Error::DuplicateElement {
            element: "waktu".into(),
        },
        Some((1, 24)),
    );
    let mut instrument = serde_json::to_value(skm()).unwrap();
    instrument["weights"] = json!(vec!["1/10"; 9]);
    invalid::<Instrument>(
        "J10: an instrument weighted 1/10 nine times",
        instrument,
        Error::WeightsDoNotSumToOne { sum: "9/10".into() },
    );
    let mut instrument = serde_json::to_value(skm()).unwrap();
    instrument["weights"].as_array_mut().unwrap().pop();
    invalid::<Instrument>(
        "J11: an instrument with 8 weights for 9 elements",
        instrument,
        inconsistent("instrument", "8 weights for 9 elements"),
    );
    invalid::<Weight>(
        "J12: a weight of 0/9 in JSON",
        json!("0/9"),
        Error::InvalidWeight {
            value: "0/9".into(),
            reason: "a weight must be positive".into(),
        },
    );
    invalid::<Level>(
        "J13: a level of 1.5 in JSON",
        json!(1.5),
        Error::InvalidProbability {
            field: "confidence level".into(),
            value: 1.5,
        },
    );
}

#[test]
fn visits_that_finish_before_they_start() {
    let text = r#"{"service": "ktp-el", "unit": "u", "arrived_at": 0, "finished_at": -9223372036854775808}"#;
    invalid_text::<Interaction>(
        "J14: a visit finished at the first millisecond, arrived at 1970",
        text,
        Error::FinishedBeforeStarted {
            started: layanan::Timestamp::from_unix_millis(0),
            finished: layanan::Timestamp::from_unix_millis(i64::MIN),
        },
        None,
    );
}

fn tally_json() -> Value {
    let instrument = skm();
    let mut tally = SkmTally::new(instrument.clone());
    for row in [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 2, 4, 3, 4, 3, 3, 2]] {
        tally
            .push_answers(&instrument.answers_from_row(&row).unwrap())
            .unwrap();
    }
    serde_json::to_value(&tally).unwrap()
}

/// SKM tallies travel between workers as JSON; a tampered one is refused when read.
#[test]
fn tampered_skm_tallies() {
    // Sanity: the untampered form is accepted.
    assert!(serde_json::from_value::<SkmTally>(tally_json()).is_ok());
    let sums = "answer counts of element `persyaratan` disagree with its sums";
    for (label, field, value, reason) in [
        // One more "4" for persyaratan without the matching sums.
        (
            "J15: an SKM tally with one count raised",
            "counts",
            json!(null),
            sums,
        ),
        (
            "J16: an SKM tally with a pair sum changed",
            "pair_sum",
            json!(null),
            "answer counts of element `prosedur` disagree with its sums",
        ),
        (
            "J17: an SKM tally with more complete questionnaires than questionnaires",
            "complete",
            json!(3),
            "3 complete questionnaires out of 2",
        ),
        (
            "J18: an SKM tally with fewer questionnaires than answers",
            "responses",
            json!(1),
            sums,
        ),
        (
            "J19: an SKM tally of format version 1",
            "version",
            json!(1),
            "format version 1 (this build reads 2)",
        ),
        (
            "J20: an SKM tally of the 2017 instrument relabelled 2004",
            "instrument",
            serde_json::to_value(Instrument::kepmenpan_25_2004()).unwrap(),
            "matrix sizes do not match the 14 elements of `KepMenPAN 25/2004`",
        ),
        (
            "J21: an SKM tally with a row of its pair matrix missing",
            "pair_n",
            json!(null),
            "matrix sizes do not match the 9 elements of `PermenPANRB 14/2017`",
        ),
    ] {
        let mut json = tally_json();
        match field {
            "counts" => json["counts"][0][3] = json!(2),
            "pair_sum" => json["pair_sum"][10] = json!(999),
            "pair_n" => {
                json["pair_n"].as_array_mut().unwrap().pop();
            }
            "responses" => {
                json["responses"] = value;
                json["complete"] = json!(1);
            }
            _ => json[field] = value,
        }
        invalid::<SkmTally>(label, json, inconsistent("SKM tally", reason));
    }
}

/// A tally counts at most `u64::MAX / 16` questionnaires (so sums of products of answers up to
/// 4 × 4 fit `u64`) and cannot take one more. Reaching that count by pushing is out of the
/// question; a deserialised tally gets there at once, and one beyond it is refused.
#[test]
fn skm_tallies_at_their_limit() {
    const MAX_RESPONSES: u64 = u64::MAX / 16;
    let instrument = skm();
    let mut json: Value = serde_json::to_value(SkmTally::new(instrument.clone())).unwrap();
    json["responses"] = json!(MAX_RESPONSES + 1);
    invalid::<SkmTally>(
        "J22: an SKM tally of u64::MAX / 16 + 1 questionnaires",
        json.clone(),
        inconsistent(
            "SKM tally",
            "1152921504606846976 questionnaires, more than a tally can count (1152921504606846975)",
        ),
    );
    // Questionnaires counted as answered need answers: a million respondents and no answer
    // is no tally pushing could make.
    json["responses"] = json!(1_000_000);
    invalid::<SkmTally>(
        "J30: an SKM tally of a million respondents and no answer",
        json.clone(),
        inconsistent(
            "SKM tally",
            "1000000 questionnaires counted as answered, but 0 answers",
        ),
    );
    // Blank questionnaires carry no answer: a tally of u64::MAX of them is consistent, and
    // one more is an overflow, by merging or by pushing.
    json["responses"] = json!(0);
    json["blank"] = json!(u64::MAX);
    let mut full: SkmTally = serde_json::from_value(json).unwrap();
    assert_eq!(full.blank_questionnaires(), u64::MAX);
    let before = full.clone();
    let mut one = SkmTally::new(instrument.clone());
    one.push_answers(&instrument.answers().build()).unwrap();
    let overflow = Error::Overflow {
        field: "SKM tally count".into(),
    };
    rejects_saying(
        "J23: a full SKM tally merged with one more questionnaire",
        full.merge(&one),
        overflow.clone(),
        "SKM tally count overflows",
    );
    // A failed merge leaves the tally untouched.
    assert_eq!(full, before);
    rejects_saying(
        "J24: one more questionnaire pushed into a full SKM tally",
        full.push_answers(&instrument.answers().build()),
        overflow,
        "SKM tally count overflows",
    );
    assert_eq!(full, before);
}

/// Tampered counts read back without complaint are caught when reported or merged.
#[test]
fn tampered_visit_tallies() {
    let mut nps = serde_json::to_value(NpsTally::default()).unwrap();
    nps["counts"] = json!([u64::MAX, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    let nps: NpsTally = serde_json::from_value(nps).unwrap();
    rejects_saying(
        "J25: NPS counts that add up past u64::MAX",
        nps.report(),
        Error::Overflow {
            field: "customer-experience tally".into(),
        },
        "customer-experience tally overflows",
    );
    let mut twice = nps.clone();
    rejects_saying(
        "J26: an NPS tally of u64::MAX detractors merged with itself",
        twice.merge(&nps),
        Error::Overflow {
            field: "customer-experience tally".into(),
        },
        "customer-experience tally overflows",
    );
    let mut cost = serde_json::to_value(CostTally::default()).unwrap();
    cost["counts"]["visits"] = json!(1);
    invalid::<CostTally>(
        "J27: a cost tally with a judged visit neither exact, over nor under",
        cost,
        inconsistent("cost tally", "its counts contradict each other"),
    );
    let visit = Interaction::builder(
        "ktp-el",
        "kel-sukamaju",
        layanan::Timestamp::from_unix_millis(0),
    )
    .build()
    .unwrap();
    let mut one = Scorecard::new(Standards::new());
    one.push(&visit).unwrap();
    let mut card = serde_json::to_value(&one).unwrap();
    card["cost"]["counts"]["visits"] = json!(2);
    card["cost"]["counts"]["no_standard"] = json!(2);
    invalid::<Scorecard>(
        "J28: a scorecard whose cost part counted a visit more",
        card,
        inconsistent(
            "scorecard",
            "the speed part counted 1 visits, the cost part 2 and the promises part 1",
        ),
    );
    let mut card = serde_json::to_value(&one).unwrap();
    card["nps"]["counts"][10] = json!(5);
    invalid::<Scorecard>(
        "J31: a scorecard with more recommend answers than visits",
        card,
        inconsistent("scorecard", "more answers than its 1 visits"),
    );
    let mut card = serde_json::to_value(Scorecard::new(Standards::new())).unwrap();
    card["version"] = json!(0);
    invalid::<Scorecard>(
        "J29: a scorecard of format version 0",
        card,
        inconsistent("scorecard", "format version 0 (this build reads 2)"),
    );
}
