//! Survey inputs: SKM answers, instruments, weights, respondents.

use super::{in_range, rejects, rejects_saying};
use layanan::prelude::*;
use layanan::{Element, Error, Instrument, Respondent, SkmAnswers, SkmTally, Weight};

fn skm() -> Instrument {
    Instrument::permenpanrb_14_2017()
}

fn out_of_scale(element: &str, value: i64) -> Error {
    Error::RatingOutOfScale {
        element: element.into(),
        value,
        max: 4,
    }
}

/// Each answer outside 1..=4 is refused through every door: a row of optional answers, a row of
/// answers, the builder.
#[test]
fn answers_out_of_scale() {
    for (label, value) in [
        ("S01: answer 0", 0),
        ("S02: answer 5", 5),
        ("S03: answer -1", -1),
        ("S04: answer 255", 255),
        ("S05: answer i64::MIN", i64::MIN),
        ("S06: answer i64::MAX", i64::MAX),
    ] {
        let message = format!("answer {value} to element `persyaratan` is out of scale 1..=4");
        let mut row = [Some(3); 9];
        row[0] = Some(value);
        rejects_saying(
            label,
            SkmAnswers::from_values(&skm(), &row),
            out_of_scale("persyaratan", value),
            &message,
        );
        let mut row = [3; 9];
        row[0] = value;
        rejects(
            label,
            skm().answers_from_row(&row),
            out_of_scale("persyaratan", value),
        );
        rejects_saying(
            label,
            skm().answers().set("waktu", value),
            out_of_scale("waktu", value),
            &format!("answer {value} to element `waktu` is out of scale 1..=4"),
        );
    }
}

#[test]
fn out_of_scale_answers_name_the_first_offender() {
    let row = [
        Some(1),
        Some(2),
        Some(3),
        Some(4),
        None,
        Some(4),
        Some(3),
        Some(0),
        Some(9),
    ];
    rejects_saying(
        "S07: answers 0 and 9 to the last two elements",
        SkmAnswers::from_values(&skm(), &row),
        out_of_scale("sarana", 0),
        "answer 0 to element `sarana` is out of scale 1..=4",
    );
    rejects_saying(
        "S08: answer 5 to the last element",
        skm().answers_from_row(&[4, 4, 4, 4, 4, 4, 4, 4, 5]),
        out_of_scale("pengaduan", 5),
        "answer 5 to element `pengaduan` is out of scale 1..=4",
    );
    // The 2004 instrument uses the same scale.
    rejects_saying(
        "S09: answer 5 on the 2004 instrument",
        Instrument::kepmenpan_25_2004().answers().set("keamanan", 5),
        out_of_scale("keamanan", 5),
        "answer 5 to element `keamanan` is out of scale 1..=4",
    );
}

#[test]
fn rows_of_the_wrong_length() {
    let mismatch = |expected: &str, expected_len, got_len| Error::InstrumentMismatch {
        expected: expected.into(),
        expected_len,
        got: "a row of answers".into(),
        got_len,
    };
    rejects_saying(
        "S10: a row of 8 answers",
        SkmAnswers::from_values(&skm(), &[Some(3); 8]),
        mismatch("PermenPANRB 14/2017", 9, 8),
        "expected answers for instrument `PermenPANRB 14/2017` (9 elements), got `a row of answers` (8 elements)",
    );
    rejects_saying(
        "S11: a row of 9 answers for the 14 elements of 2004",
        Instrument::kepmenpan_25_2004().answers_from_row(&[3; 9]),
        mismatch("KepMenPAN 25/2004", 14, 9),
        "expected answers for instrument `KepMenPAN 25/2004` (14 elements), got `a row of answers` (9 elements)",
    );
    rejects(
        "S12: an empty row",
        skm().answers_from_row(&[]),
        mismatch("PermenPANRB 14/2017", 9, 0),
    );
    rejects(
        "S13: a row of 10 answers",
        skm().answers_from_row(&[3; 10]),
        mismatch("PermenPANRB 14/2017", 9, 10),
    );
}

#[test]
fn duplicate_and_unknown_elements() {
    rejects_saying(
        "S14: the same element answered twice",
        skm()
            .answers()
            .set("waktu", 3)
            .and_then(|b| b.set("waktu", 3)),
        Error::DuplicateElement {
            element: "waktu".into(),
        },
        "element `waktu` is given more than once",
    );
    let label = "S15: an element the instrument does not have";
    let unknown = Error::UnknownElement {
        instrument: "PermenPANRB 14/2017".into(),
        element: "parkir".into(),
    };
    let message = "instrument `PermenPANRB 14/2017` has no element `parkir`";
    rejects_saying(label, skm().position("parkir"), unknown.clone(), message);
    rejects(label, skm().answers().set("parkir", 3), unknown.clone());
    rejects(
        label,
        SkmTally::new(skm()).answer_counts("parkir"),
        unknown.clone(),
    );
    rejects(
        label,
        skm().with_weights(&[("parkir", Weight::new(1, 9).unwrap())]),
        unknown,
    );
    rejects(
        "S16: an element key in the wrong case",
        skm().position("Persyaratan"),
        Error::UnknownElement {
            instrument: "PermenPANRB 14/2017".into(),
            element: "Persyaratan".into(),
        },
    );
    // The 2004 questionnaire asks about elements the 2017 one does not have.
    let old = Instrument::kepmenpan_25_2004();
    let answers = old.answers().set("prosedur", 3).unwrap().build();
    let mut tally = SkmTally::new(skm());
    rejects(
        "S17: answers of the 2004 instrument pushed into a 2017 tally",
        tally.push_answers(&answers),
        Error::UnknownElement {
            instrument: "PermenPANRB 14/2017".into(),
            element: "kejelasan_petugas".into(),
        },
    );
    assert_eq!(tally.responses(), 0);
}

#[test]
fn weights_that_do_not_sum_to_one() {
    let instrument = skm();
    let each = |w: Weight| -> Vec<(&str, Weight)> {
        instrument.elements().iter().map(|e| (e.key(), w)).collect()
    };
    rejects_saying(
        "S18: nine weights of 1/10",
        skm().with_weights(&each(Weight::new(1, 10).unwrap())),
        Error::WeightsDoNotSumToOne { sum: "9/10".into() },
        "weights must sum to 1, got 9/10",
    );
    // The printed 0.111 does not make 1: 9 × 0.111 = 0.999.
    rejects(
        "S19: nine printed weights of 0.111",
        skm().with_weights(&each("0.111".parse().unwrap())),
        Error::WeightsDoNotSumToOne {
            sum: "999/1000".into(),
        },
    );
    // Nor does the printed 1/14 of 0.071.
    let old = Instrument::kepmenpan_25_2004();
    let keys: Vec<String> = old.elements().iter().map(|e| e.key().to_string()).collect();
    let printed: Weight = "0.071".parse().unwrap();
    let weights: Vec<(&str, Weight)> = keys.iter().map(|k| (k.as_str(), printed)).collect();
    rejects(
        "S20: fourteen printed weights of 0.071",
        old.with_weights(&weights),
        Error::WeightsDoNotSumToOne {
            sum: "497/500".into(),
        },
    );
    let nine = skm();
    let tenths: Vec<(&str, Weight)> = nine
        .elements()
        .iter()
        .map(|e| (e.key(), Weight::new(1, 10).unwrap()))
        .collect();
    rejects(
        "S21: nine weights of 1/10",
        skm().with_weights(&tenths),
        Error::WeightsDoNotSumToOne { sum: "9/10".into() },
    );
    // Five weights 1/p with distinct primes p just below 2^32: their exact sum has a denominator
    // of about 2^160, beyond 128 bits.
    let primes = [
        4_294_967_291u32,
        4_294_967_279,
        4_294_967_231,
        4_294_967_197,
        4_294_967_189,
    ];
    let elements: Vec<Element> = (0..5)
        .map(|i| Element::new(format!("u{i}"), format!("Unsur {i}"), "item").unwrap())
        .collect();
    let instrument = Instrument::new("lima unsur", elements).unwrap();
    let keys = ["u0", "u1", "u2", "u3", "u4"];
    let weights: Vec<(&str, Weight)> = keys
        .iter()
        .zip(primes)
        .map(|(k, p)| (*k, Weight::new(1, p).unwrap()))
        .collect();
    rejects_saying(
        "S22: weights whose exact sum overflows 128 bits",
        instrument.with_weights(&weights),
        Error::Overflow {
            field: "sum of weights".into(),
        },
        "sum of weights overflows",
    );
}

/// A weight is a fraction in (0, 1]: 0, above 1 and a zero denominator are refused, built or
/// parsed.
#[test]
fn weights_of_zero_above_one_or_over_zero() {
    let invalid = |value: &str, reason: &str| Error::InvalidWeight {
        value: value.into(),
        reason: reason.into(),
    };
    let positive = "a weight must be positive";
    let at_most_one = "a weight cannot exceed 1";
    let label = "S23: weight 0/9";
    rejects_saying(
        label,
        Weight::new(0, 9),
        invalid("0/9", positive),
        "invalid weight 0/9: a weight must be positive",
    );
    rejects(label, "0/9".parse::<Weight>(), invalid("0/9", positive));
    rejects(
        "S24: weight 0",
        "0".parse::<Weight>(),
        invalid("0/1", positive),
    );
    let label = "S25: weight 10/9";
    rejects_saying(
        label,
        Weight::new(10, 9),
        invalid("10/9", at_most_one),
        "invalid weight 10/9: a weight cannot exceed 1",
    );
    rejects(
        label,
        "10/9".parse::<Weight>(),
        invalid("10/9", at_most_one),
    );
    rejects(
        "S26: weight 1.5",
        "1.5".parse::<Weight>(),
        invalid("15/10", at_most_one),
    );
    let label = "S27: weight 1/0";
    let over_zero = invalid("1/0", "the denominator is zero");
    rejects_saying(
        label,
        Weight::new(1, 0),
        over_zero.clone(),
        "invalid weight 1/0: the denominator is zero",
    );
    rejects(label, "1/0".parse::<Weight>(), over_zero.clone());
    rejects(
        "S28: an equal share of no elements",
        Weight::equal_share(0),
        over_zero,
    );
}

#[test]
fn respondents_of_impossible_ages() {
    for (label, value) in [
        ("S29: age 150", 150),
        ("S30: age 121", 121),
        ("S31: age -1", -1),
        ("S32: age 256", 256),
    ] {
        rejects_saying(
            label,
            Respondent::default().with_age(value),
            Error::OutOfRange {
                field: "age".into(),
                value,
                min: 0,
                max: 120,
            },
            &format!("age must be between 0 and 120, got {value}"),
        );
    }
}

/// Accepted but degenerate: one questionnaire, every answer the same. The index is a number on
/// 25–100 or a typed error, never NaN.
#[test]
fn degenerate_but_valid_surveys() {
    for (label, value, ikm) in [
        ("S33: one questionnaire, every answer 1", 1, 25.0),
        ("S34: one questionnaire, every answer 4", 4, 100.0),
    ] {
        let mut tally = SkmTally::new(skm());
        tally
            .push_answers(&skm().answers_from_row(&[value; 9]).unwrap())
            .unwrap();
        let report = tally.report().unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(report.ikm_rounded, ikm, "{label}");
        in_range(label, report.ikm_rounded, 25.0..=100.0);
        for e in &report.elements {
            in_range(label, e.nrr, 1.0..=4.0);
        }
    }
    let label = "S35: a hundred identical questionnaires (zero variance)";
    let mut tally = SkmTally::new(skm());
    let answers = skm().answers_from_row(&[3; 9]).unwrap();
    for _ in 0..100 {
        tally.push_answers(&answers).unwrap();
    }
    let report = tally.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(report.ikm_rounded, 75.0, "{label}");
    for e in &report.elements {
        in_range(label, e.nrr, 1.0..=4.0);
    }
}

/// A printed weight of 1 per element would make a printed IKM of 225, graded A: a printed
/// weight must be 1/k as a printout shows it (0.11 or 0.111 for nine elements).
#[test]
fn printed_weight_of_one() {
    let mut tally = SkmTally::new(skm());
    tally
        .push_answers(&skm().answers_from_row(&[4; 9]).unwrap())
        .unwrap();
    let printed = |w: Weight| {
        tally.report_with(
            &layanan::SkmOptions::default().with_printed(layanan::Compatibility::printed_weight(w)),
        )
    };
    rejects_saying(
        "S36: a printed weight of 1 for each of nine elements",
        printed(Weight::new(1, 1).unwrap()),
        Error::InvalidWeight {
            value: "1".into(),
            reason: "a printed weight stands for 1/9, rounded or truncated to its decimals".into(),
        },
        "invalid weight 1: a printed weight stands for 1/9, rounded or truncated to its decimals",
    );
    // What printouts show is accepted: 0.1, 0.11, 0.111, 0.1111 and 1/9 itself.
    for (num, den) in [(1, 10), (11, 100), (111, 1000), (1111, 10_000), (1, 9)] {
        let report = printed(Weight::new(num, den).unwrap()).unwrap();
        in_range("S36", report.printed.unwrap().ikm, 25.0..=100.0);
    }
    // 0.12 is neither 1/9 rounded (0.11) nor truncated.
    assert!(printed(Weight::new(12, 100).unwrap()).is_err());
}
