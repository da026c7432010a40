//! Every `Error` variant, triggered through the public API, with its exact value and message.
//!
//! Each test builds the error the way a user would meet it (a constructor, a parser, a builder, a
//! tally), then checks both the variant with all its context and the message word for word:
//! messages are part of the API (lowercase, no trailing period).
//!
//! The hostile inputs of issue #7 (out-of-scale answers, times out of order or out of range,
//! money, NaN, levels, empty tallies, unknown services, merges, tampered JSON) are checked, with
//! the messages of their variants, in the `hostile` catalogue; this module keeps the variants
//! and messages the catalogue does not reach.

use layanan::prelude::*;
use layanan::stats::{self, CronbachAlpha, IntervalMethod};
use layanan::{
    AgeBand, Calendar, CompareOptions, Compatibility, Complaint, Completion, Date, Education,
    Element, ElementScore, Error, Gender, GradeBands, Granularity, Instrument, Interaction,
    InteractionBuilder, Interval, Level, Money, Mutu, NrrRounding, Occupation, Period,
    PrintedIndex, Rating, RatingScale, Respondent, SampleAdequacy, ServiceStandard, SkmAnswers,
    SkmAnswersBuilder, SkmOptions, SkmReport, SkmResponse, SkmTally, Standards, TimeSpan,
    Timestamp, Weekday, Weight,
};

use crate::support::SKM_2017_KEYS;

/// Asserts the exact error and its exact message.
#[track_caller]
fn check<T: std::fmt::Debug>(result: Result<T, Error>, expected: Error, message: &str) {
    let err = result.expect_err("expected an error");
    assert_eq!(err, expected);
    assert_eq!(err.to_string(), message);
}

fn ts(text: &str) -> Timestamp {
    text.parse().expect("valid timestamp")
}

fn skm() -> Instrument {
    Instrument::permenpanrb_14_2017()
}

// ---------------------------------------------------------------------------------------------
// Trait guarantees
// ---------------------------------------------------------------------------------------------

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn every_public_type_is_send_and_sync() {
    assert_send_sync::<Error>();
    assert_send_sync::<layanan::Result<()>>();
    assert_send_sync::<stats::Error>();
    assert_send_sync::<stats::Result<()>>();
    assert_send_sync::<AgeBand>();
    assert_send_sync::<Calendar>();
    assert_send_sync::<Completion>();
    assert_send_sync::<Date>();
    assert_send_sync::<Education>();
    assert_send_sync::<Element>();
    assert_send_sync::<Gender>();
    assert_send_sync::<GradeBands>();
    assert_send_sync::<Granularity>();
    assert_send_sync::<Instrument>();
    assert_send_sync::<Interaction>();
    assert_send_sync::<InteractionBuilder>();
    assert_send_sync::<Money>();
    assert_send_sync::<Mutu>();
    assert_send_sync::<Occupation>();
    assert_send_sync::<Period>();
    assert_send_sync::<Rating>();
    assert_send_sync::<RatingScale>();
    assert_send_sync::<Respondent>();
    assert_send_sync::<ServiceStandard>();
    assert_send_sync::<SkmAnswers>();
    assert_send_sync::<SkmAnswersBuilder<'static>>();
    assert_send_sync::<SkmResponse>();
    assert_send_sync::<Standards>();
    assert_send_sync::<TimeSpan>();
    assert_send_sync::<Timestamp>();
    assert_send_sync::<Weekday>();
    assert_send_sync::<Weight>();
    assert_send_sync::<Compatibility>();
    assert_send_sync::<ElementScore>();
    assert_send_sync::<NrrRounding>();
    assert_send_sync::<PrintedIndex>();
    assert_send_sync::<SampleAdequacy>();
    assert_send_sync::<SkmOptions>();
    assert_send_sync::<SkmReport>();
    assert_send_sync::<SkmTally>();
    assert_send_sync::<Interval>();
    assert_send_sync::<Level>();
    // `layanan::stats`
    assert_send_sync::<stats::Interval>();
    assert_send_sync::<stats::Level>();
    assert_send_sync::<IntervalMethod>();
    assert_send_sync::<CronbachAlpha>();
}

fn assert_error_traits<T: Clone + PartialEq + std::error::Error + Send + Sync + 'static>() {}

#[test]
fn error_is_clone_partial_eq_and_std_error() {
    assert_error_traits::<Error>();
    assert_error_traits::<stats::Error>();
    let message = "confidence level must be strictly between 0 and 1, got 2";
    let err = Level::new(2.0).unwrap_err();
    let copy = err.clone();
    assert_eq!(err, copy);
    // Usable as a boxed std error, e.g. behind `?` in an application.
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(copy);
    assert_eq!(boxed.to_string(), message);
    assert!(boxed.source().is_none());
    // Debug is implemented and names the variant.
    assert!(format!("{err:?}").starts_with("InvalidProbability"));

    // The crate's error wraps it (`?` converts), message and all.
    let wrapped: Error = err.clone().into();
    assert_eq!(wrapped, Error::Stats(err));
    assert_eq!(wrapped.clone(), wrapped);
    assert_eq!(wrapped.to_string(), message);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(wrapped.clone());
    assert!(boxed.source().is_none());
    assert!(format!("{wrapped:?}").starts_with("Stats(InvalidProbability"));
}

fn assert_eq_hash<T: Eq + std::hash::Hash>() {}
fn assert_ord<T: Ord>() {}

/// DESIGN §2: `Eq, Hash` where a type holds no floats, `Ord` only where an order means
/// something (a span of 60 minutes against 14 working days, or a scale against a scale, does
/// not).
#[test]
fn float_free_types_are_eq_and_hash() {
    assert_eq_hash::<AgeBand>();
    assert_eq_hash::<Calendar>();
    assert_eq_hash::<layanan::Calendars>();
    assert_eq_hash::<layanan::Tariff>();
    assert_eq_hash::<layanan::MoneySum>();
    assert_eq_hash::<layanan::Coverage>();
    assert_eq_hash::<layanan::ComplaintTargets>();
    assert_eq_hash::<layanan::NpsTally>();
    assert_eq_hash::<layanan::CsatTally>();
    assert_eq_hash::<Completion>();
    assert_eq_hash::<Date>();
    assert_eq_hash::<Education>();
    assert_eq_hash::<Element>();
    assert_eq_hash::<Gender>();
    assert_eq_hash::<GradeBands>();
    assert_eq_hash::<Granularity>();
    assert_eq_hash::<Instrument>();
    assert_eq_hash::<Interaction>();
    assert_eq_hash::<Money>();
    assert_eq_hash::<Mutu>();
    assert_eq_hash::<Occupation>();
    assert_eq_hash::<Period>();
    assert_eq_hash::<Rating>();
    assert_eq_hash::<RatingScale>();
    assert_eq_hash::<Respondent>();
    assert_eq_hash::<ServiceStandard>();
    assert_eq_hash::<SkmAnswers>();
    assert_eq_hash::<SkmResponse>();
    assert_eq_hash::<Standards>();
    assert_eq_hash::<TimeSpan>();
    assert_eq_hash::<Timestamp>();
    assert_eq_hash::<Weekday>();
    assert_eq_hash::<Weight>();
    assert_eq_hash::<Compatibility>();
    assert_eq_hash::<NrrRounding>();
    assert_eq_hash::<SampleAdequacy>();
    assert_eq_hash::<SkmTally>();
    assert_eq_hash::<IntervalMethod>();

    assert_ord::<AgeBand>();
    assert_ord::<Date>();
    assert_ord::<Education>();
    assert_ord::<Gender>();
    assert_ord::<Granularity>();
    assert_ord::<Money>();
    assert_ord::<Mutu>();
    assert_ord::<Occupation>();
    assert_ord::<Period>();
    assert_ord::<TimeSpan>();
    assert_ord::<Timestamp>();
    assert_ord::<Weekday>();
    assert_ord::<Weight>();
}

// ---------------------------------------------------------------------------------------------
// OutOfRange (answers, ages, scores, dates, offsets and populations: `hostile`)
// ---------------------------------------------------------------------------------------------

#[test]
fn out_of_range_rating_scale_and_rating() {
    check(
        RatingScale::new(5, 5),
        Error::OutOfRange {
            field: "rating scale max".into(),
            value: 5,
            min: 6,
            max: 255,
        },
        "rating scale max must be between 6 and 255, got 5",
    );
    check(
        RatingScale::new(5, 1),
        Error::OutOfRange {
            field: "rating scale max".into(),
            value: 1,
            min: 6,
            max: 255,
        },
        "rating scale max must be between 6 and 255, got 1",
    );
    let five = RatingScale::new(1, 5).unwrap();
    for value in [6, 0, -1, 1000] {
        check(
            five.rating(value),
            Error::OutOfRange {
                field: "rating".into(),
                value,
                min: 1,
                max: 5,
            },
            &format!("rating must be between 1 and 5, got {value}"),
        );
    }
}

/// A scale cannot start at 255 (no `max` above it fits a `u8`): the error names the minimum.
#[test]
fn out_of_range_rating_scale_at_the_top_states_a_possible_range() {
    let err = RatingScale::new(255, 255).unwrap_err();
    match &err {
        Error::OutOfRange { min, max, .. } => assert!(min <= max, "{err}"),
        other => panic!("unexpected {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Overflow (money and tally sums: `hostile::money`, `hostile::json`)
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "jiff")]
#[test]
fn overflow_converting_a_span_to_jiff() {
    check(
        jiff::SignedDuration::try_from(TimeSpan::from_millis(u64::MAX)),
        Error::Overflow {
            field: "jiff duration".into(),
        },
        "jiff duration overflows",
    );
}

// ---------------------------------------------------------------------------------------------
// TimeOutOfRange (the i64 limits and years 0000–9999: `hostile::time`)
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "jiff")]
#[test]
fn time_out_of_range_converting_to_jiff() {
    check(
        jiff::Timestamp::try_from(Timestamp::from_unix_millis(i64::MAX)),
        Error::TimeOutOfRange {
            field: "jiff timestamp".into(),
            value: "9223372036854775807".into(),
        },
        "jiff timestamp is out of the supported time range: 9223372036854775807",
    );
}

// ---------------------------------------------------------------------------------------------
// Parse
// ---------------------------------------------------------------------------------------------

#[test]
fn parse_weight() {
    let expected = "a fraction such as 1/9 or a decimal such as 0.111";
    for text in [
        "abc",
        "",
        ".5",
        "1/",
        "/9",
        "0.1234567891",
        "-1/9",
        "1/9/9",
        "½",
    ] {
        check(
            text.parse::<Weight>(),
            Error::Parse {
                field: "weight".into(),
                value: text.into(),
                expected: expected.into(),
            },
            &format!("weight: cannot parse `{text}` as {expected}"),
        );
    }
}

#[test]
fn parse_date() {
    let expected = "a date such as 2025-08-17";
    for text in [
        "2025/08/17",
        "17-08-2025",
        "2025-8-17",
        "",
        "yesterday",
        "2025-08-17T00:00:00Z",
    ] {
        check(
            text.parse::<Date>(),
            Error::Parse {
                field: "date".into(),
                value: text.into(),
                expected: expected.into(),
            },
            &format!("date: cannot parse `{text}` as {expected}"),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Instruments: DuplicateElement, Missing
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_element_in_an_instrument() {
    let e = |key: &str| Element::new(key, key, key).unwrap();
    check(
        Instrument::new("survei", vec![e("a"), e("b"), e("a")]),
        Error::DuplicateElement {
            element: "a".into(),
        },
        "element `a` is given more than once",
    );
    check(
        skm().with_element(e("biaya")),
        Error::DuplicateElement {
            element: "biaya".into(),
        },
        "element `biaya` is given more than once",
    );
}

#[test]
fn duplicate_element_in_weights() {
    let ninth = Weight::new(1, 9).unwrap();
    let mut weights: Vec<(&str, Weight)> = SKM_2017_KEYS.iter().map(|k| (*k, ninth)).collect();
    weights.push(("sarana", ninth));
    check(
        skm().with_weights(&weights),
        Error::DuplicateElement {
            element: "sarana".into(),
        },
        "element `sarana` is given more than once",
    );
}

#[test]
fn missing_weight() {
    let ninth = Weight::new(1, 9).unwrap();
    let weights: Vec<(&str, Weight)> = SKM_2017_KEYS[..8].iter().map(|k| (*k, ninth)).collect();
    check(
        skm().with_weights(&weights),
        Error::Missing {
            field: "weight of element `pengaduan`".into(),
        },
        "weight of element `pengaduan` is required",
    );
    // The first element left out is named.
    check(
        skm().with_weights(&[]),
        Error::Missing {
            field: "weight of element `persyaratan`".into(),
        },
        "weight of element `persyaratan` is required",
    );
}

// ---------------------------------------------------------------------------------------------
// Empty, UnknownCategory
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_names() {
    let arrived = ts("2025-03-04T08:15:00+07:00");
    for blank in ["", "   ", "\t\n"] {
        check(
            Interaction::builder(blank, "kel-sukamaju", arrived).build(),
            Error::Empty {
                field: "service".into(),
            },
            "service must not be empty",
        );
        check(
            Interaction::builder("ktp-el", blank, arrived).build(),
            Error::Empty {
                field: "unit".into(),
            },
            "unit must not be empty",
        );
        check(
            Instrument::new(blank, vec![Element::new("a", "A", "a").unwrap()]),
            Error::Empty {
                field: "instrument name".into(),
            },
            "instrument name must not be empty",
        );
        check(
            Element::new(blank, "Nama", "name"),
            Error::Empty {
                field: "element key".into(),
            },
            "element key must not be empty",
        );
        check(
            ServiceStandard::new(blank, Money::ZERO),
            Error::Empty {
                field: "service".into(),
            },
            "service must not be empty",
        );
        let answers = skm().answers().build();
        check(
            SkmResponse::new(answers.clone()).with_service(blank),
            Error::Empty {
                field: "service".into(),
            },
            "service must not be empty",
        );
        check(
            SkmResponse::new(answers).with_unit(blank),
            Error::Empty {
                field: "unit".into(),
            },
            "unit must not be empty",
        );
    }
    check(
        Instrument::new("survei", Vec::new()),
        Error::Empty {
            field: "instrument elements".into(),
        },
        "instrument elements must not be empty",
    );
}

#[test]
fn unknown_category() {
    check(
        "SMA2".parse::<Education>(),
        Error::UnknownCategory {
            field: "education".into(),
            value: "SMA2".into(),
            expected: "SD, SMP, SMA, D3, S1, S2, S3".into(),
        },
        "education: unknown value `SMA2`, expected one of SD, SMP, SMA, D3, S1, S2, S3",
    );
    check(
        "X".parse::<Gender>(),
        Error::UnknownCategory {
            field: "gender".into(),
            value: "X".into(),
            expected: "L, P".into(),
        },
        "gender: unknown value `X`, expected one of L, P",
    );
    check(
        "petani".parse::<Occupation>(),
        Error::UnknownCategory {
            field: "occupation".into(),
            value: "petani".into(),
            expected: "PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA".into(),
        },
        "occupation: unknown value `petani`, expected one of PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA",
    );
    // The value is reported as given, untrimmed.
    check(
        " ".parse::<Gender>(),
        Error::UnknownCategory {
            field: "gender".into(),
            value: " ".into(),
            expected: "L, P".into(),
        },
        "gender: unknown value ` `, expected one of L, P",
    );
}

/// Every variant of `Error` is produced by at least one test above or in the `hostile`
/// catalogue, through the public API.
/// This match (no wildcard except for `#[non_exhaustive]`) lists them, so a new variant shows up
/// here as a reminder to add a test for it.
#[test]
fn every_variant_is_listed() {
    fn name(err: &Error) -> &'static str {
        match err {
            Error::RatingOutOfScale { .. } => "RatingOutOfScale",
            Error::OutOfRange { .. } => "OutOfRange",
            Error::InsufficientData { .. } => "InsufficientData",
            Error::StartedBeforeArrived { .. } => "StartedBeforeArrived",
            Error::FinishedBeforeStarted { .. } => "FinishedBeforeStarted",
            Error::NegativeMoney { .. } => "NegativeMoney",
            Error::Overflow { .. } => "Overflow",
            Error::TimeOutOfRange { .. } => "TimeOutOfRange",
            Error::Parse { .. } => "Parse",
            Error::InvalidProbability { .. } => "InvalidProbability",
            Error::UnknownElement { .. } => "UnknownElement",
            Error::DuplicateElement { .. } => "DuplicateElement",
            Error::InstrumentMismatch { .. } => "InstrumentMismatch",
            Error::WeightsDoNotSumToOne { .. } => "WeightsDoNotSumToOne",
            Error::InvalidWeight { .. } => "InvalidWeight",
            Error::UnknownService { .. } => "UnknownService",
            Error::Missing { .. } => "Missing",
            Error::Empty { .. } => "Empty",
            Error::UnknownCategory { .. } => "UnknownCategory",
            Error::MergeMismatch { .. } => "MergeMismatch",
            Error::Inconsistent { .. } => "Inconsistent",
            Error::InvalidValue { .. } => "InvalidValue",
            Error::Stats(_) => "Stats",
            Error::NoData { .. } => "NoData",
            Error::AsOfBeforeData { .. } => "AsOfBeforeData",
            Error::Duplicate { .. } => "Duplicate",
            Error::ResolvedBeforeResponse { .. } => "ResolvedBeforeResponse",
            Error::ScaleMismatch { .. } => "ScaleMismatch",
            _ => "a variant added after this test",
        }
    }
    let arrived = ts("2025-03-04T08:15:00+07:00");
    let mut produced: Vec<&str> = vec![
        name(&skm().answers_from_row(&[5; 9]).unwrap_err()),
        name(&Date::new(2025, 13, 1).unwrap_err()),
        name(&SkmTally::default().report().unwrap_err()),
        name(&{
            let mut one = SkmTally::default();
            one.push_answers(&skm().answers().set("waktu", 1).unwrap().build())
                .unwrap();
            one.report().unwrap_err()
        }),
        name(
            &Interaction::builder("s", "u", arrived)
                .started_at(Timestamp::from_unix_millis(0))
                .build()
                .unwrap_err(),
        ),
        name(
            &Interaction::builder("s", "u", arrived)
                .finished_at(Timestamp::from_unix_millis(0))
                .build()
                .unwrap_err(),
        ),
        name(&Money::try_from_i64("paid", -1).unwrap_err()),
        name(&"18446744073709551616".parse::<Money>().unwrap_err()),
        name(&Timestamp::from_unix_seconds(i64::MAX).unwrap_err()),
        name(&"yesterday".parse::<Timestamp>().unwrap_err()),
        name(
            &layanan::stats::Moments::new()
                .push(f64::NAN)
                .unwrap_err()
                .into(),
        ),
        name(&CompareOptions::default().with_alpha(1.0).unwrap_err()),
        name(&skm().position("parkir").unwrap_err()),
        name(
            &skm()
                .answers()
                .set("waktu", 1)
                .unwrap()
                .set("waktu", 1)
                .unwrap_err(),
        ),
        name(&skm().answers_from_row(&[1; 8]).unwrap_err()),
        name(
            &skm()
                .with_weights(
                    &SKM_2017_KEYS
                        .iter()
                        .map(|k| (*k, Weight::new(1, 10).unwrap()))
                        .collect::<Vec<_>>(),
                )
                .unwrap_err(),
        ),
        name(&Weight::new(1, 0).unwrap_err()),
        name(&Standards::new().get("x").unwrap_err()),
        name(&skm().with_weights(&[]).unwrap_err()),
        name(&Instrument::new("", Vec::new()).unwrap_err()),
        name(&"X".parse::<Gender>().unwrap_err()),
        name(
            &SkmTally::default()
                .merge(&SkmTally::new(Instrument::kepmenpan_25_2004()))
                .unwrap_err(),
        ),
        name(
            &layanan::PromiseTargets::default()
                .with(layanan::Promise::OnTime, 1.5)
                .unwrap_err(),
        ),
        name(&layanan::SpeedTally::default().report().unwrap_err()),
        name(
            &Complaint::filed("kel-a", arrived)
                .unwrap()
                .resolved_at(arrived)
                .unwrap()
                .first_response_at(Timestamp::from_unix_millis(arrived.unix_millis() + 1))
                .unwrap_err(),
        ),
        name(
            &layanan::CsatTally::default()
                .push(&RatingScale::new(0, 10).unwrap().rating(3).unwrap())
                .unwrap_err(),
        ),
        name(&{
            let mut speed = layanan::SpeedTally::default();
            speed
                .push(&Interaction::builder("s", "u", arrived).build().unwrap())
                .unwrap();
            speed
                .report_with(
                    &layanan::SpeedOptions::default().as_of(Timestamp::from_unix_millis(0)),
                )
                .unwrap_err()
        }),
    ];
    #[cfg(feature = "serde")]
    {
        let mut json = serde_json::to_value(skm()).unwrap();
        json["weights"].as_array_mut().unwrap().pop();
        // Through serde the error is a string; the variant is recognised by its message.
        let err = serde_json::from_value::<Instrument>(json).unwrap_err();
        assert!(err.to_string().starts_with("inconsistent instrument"));
    }
    #[cfg(feature = "serde")]
    {
        // A service given twice in a standards file: `Duplicate`, also only through serde.
        let twice = serde_json::json!({
            "services": [
                { "service": "ktp", "tariff": { "Fixed": 0 }, "completion": null, "max_wait": null },
                { "service": "ktp", "tariff": { "Fixed": 0 }, "completion": null, "max_wait": null },
            ]
        });
        let err = serde_json::from_value::<Standards>(twice).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("service `ktp` is given more than once"),
            "{err}"
        );
    }
    // Every variant but `Inconsistent` and `Duplicate`, which only deserialising produces
    // (checked above).
    let expected = 26;
    produced.sort_unstable();
    produced.dedup();
    assert_eq!(produced.len(), expected, "{produced:?}");
    assert!(!produced.contains(&"a variant added after this test"));
}
