//! The interchange forms (feature `serde`): every model type and report round-trips, and what
//! its constructors refuse is refused when read.

use super::calendar::holidays_2025;
use super::*;
use layanan::prelude::*;
use layanan::stats::{CronbachAlpha, IntervalMethod};
use layanan::{
    Compatibility, Element, ElementScore, GradeBands, Instrument, InteractionBuilder, Interval,
    Level, Mutu, NrrRounding, PrintedIndex, Rating, SampleAdequacy, SkmAnswers, SkmOptions,
    SkmReport, SkmResponse, SkmTally,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::support::json::{rejects, round_trip};
use crate::support::{skm_row, skm_tally_of_rows};

/// Like [`round_trip`] but through JSON text only. A `serde_json::Value` keeps object keys
/// sorted, which reorders [`SkmAnswers`]; see `answers_survey_a_value_round_trip`.
#[track_caller]
fn round_trip_text<T>(value: &T) -> Value
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(&back, value);
    serde_json::to_value(value).unwrap()
}

/// Like [`round_trip`] for types holding floats: serde_json without its `float_roundtrip`
/// feature may parse a float one ulp off, so numbers are compared to 1e-15 relative.
#[track_caller]
fn round_trip_close<T>(value: &T) -> Value
where
    T: Serialize + DeserializeOwned + std::fmt::Debug,
{
    let json = serde_json::to_value(value).unwrap();
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_close(&serde_json::to_value(&back).unwrap(), &json, "");
    let back: T = serde_json::from_value(json.clone()).unwrap();
    assert_close(&serde_json::to_value(&back).unwrap(), &json, "");
    json
}

#[track_caller]
fn assert_close(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!(
                (x - y).abs() <= 1e-15 * x.abs().max(y.abs()),
                "{path}: {x} != {y}"
            );
        }
        (Value::Array(xs), Value::Array(ys)) => {
            assert_eq!(xs.len(), ys.len(), "{path}");
            for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
                assert_close(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(xs), Value::Object(ys)) => {
            assert_eq!(
                xs.keys().collect::<Vec<_>>(),
                ys.keys().collect::<Vec<_>>(),
                "{path}"
            );
            for (k, x) in xs {
                assert_close(x, &ys[k], &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

fn report() -> SkmReport {
    let skm = Instrument::permenpanrb_14_2017();
    let rows = [
        "4 3 3 4 3 4 4 3 3",
        "3 3 2 4 3 3 3 3 -",
        "4 4 3 4 4 4 4 3 2",
        "2 3 3 3 4 3 4 2 3",
    ]
    .map(skm_row);
    let tally = skm_tally_of_rows(&skm, &rows);
    let options = SkmOptions::default()
        .with_level(Level::new(0.9).unwrap())
        .with_printed(
            Compatibility::printed_weight("0.111".parse().unwrap()).with_nrr(NrrRounding::Round(2)),
        )
        .with_population(100);
    tally.report_with(&options).unwrap()
}

#[test]
fn time_types() {
    let t = ts("2025-03-04T08:15:00.123+07:00");
    assert_eq!(round_trip(&t), json!(1_741_050_900_123i64));
    round_trip(&Timestamp::from_unix_millis(i64::MIN));
    round_trip(&Timestamp::from_unix_millis(i64::MAX));
    assert_eq!(round_trip(&TimeSpan::from_minutes(90)), json!(5_400_000));
    round_trip(&TimeSpan::from_millis(u64::MAX));
    assert_eq!(round_trip(&date(2025, 8, 17)), json!("2025-08-17"));
    assert_eq!(round_trip(&date(0, 1, 1)), json!("0000-01-01"));
    assert_eq!(round_trip(&Weekday::Sunday), json!("Sunday"));
    rejects::<Date>(json!("2025-02-30"), "day must be between 1 and 28, got 30");
    rejects::<Date>(
        json!("2025-13-01"),
        "month must be between 1 and 12, got 13",
    );
    rejects::<Date>(json!("17/08/2025"), "date: cannot parse `17/08/2025`");
    rejects::<Date>(json!(20_317), "invalid type");
    rejects::<TimeSpan>(json!(-1), "invalid value");
}

#[test]
fn calendars() {
    for cal in [
        Calendar::wib(),
        Calendar::wita().with_holidays(holidays_2025()),
        Calendar::wit().with_weekend([Weekday::Friday]).unwrap(),
        Calendar::new(-210).unwrap().with_weekend([]).unwrap(),
    ] {
        round_trip(&cal);
    }
    let json = round_trip(&Calendar::wib().with_holidays([date(2025, 8, 17)]));
    assert_eq!(
        json,
        json!({"offset_minutes": 420, "weekend": ["Saturday", "Sunday"], "holidays": ["2025-08-17"]})
    );
    rejects::<Calendar>(
        json!({"offset_minutes": 2000, "weekend": [], "holidays": []}),
        "utc offset minutes must be between -1080 and 1080, got 2000",
    );
    rejects::<Calendar>(
        json!({"offset_minutes": 420, "weekend": [], "holidays": ["2025-02-29"]}),
        "day must be between 1 and 28, got 29",
    );
    rejects::<Calendar>(
        json!({"offset_minutes": 420, "weekend": ["Caturday"], "holidays": []}),
        "unknown variant",
    );
    // Unsorted, repeated holidays are normalised on the way in.
    let cal: Calendar = serde_json::from_value(json!({
        "offset_minutes": 480, "weekend": ["Sunday", "Saturday", "Sunday"],
        "holidays": ["2025-12-25", "2025-01-01", "2025-12-25"]
    }))
    .unwrap();
    assert_eq!(
        cal,
        Calendar::wita().with_holidays([date(2025, 1, 1), date(2025, 12, 25)])
    );
}

#[test]
fn periods_and_granularities() {
    for period in [
        Period::Day(date(2025, 3, 4)),
        Period::Month {
            year: 2025,
            month: 3,
        },
        Period::Triwulan {
            year: 2025,
            quarter: 1,
        },
        Period::Semester {
            year: 2025,
            semester: 2,
        },
        Period::Year(2025),
    ] {
        round_trip(&period);
    }
    assert_eq!(round_trip(&Period::Year(2025)), json!({"Year": 2025}));
    assert_eq!(
        round_trip(&Period::Day(date(2025, 3, 4))),
        json!({"Day": "2025-03-04"})
    );
    for g in [
        Granularity::Day,
        Granularity::Month,
        Granularity::Triwulan,
        Granularity::Semester,
        Granularity::Year,
    ] {
        round_trip(&g);
    }
    assert_eq!(round_trip(&Granularity::Triwulan), json!("Triwulan"));
    rejects::<Period>(json!({"Day": "2025-02-29"}), "day must be between 1 and 28");
}

#[test]
fn money_and_standards() {
    assert_eq!(round_trip(&Money::new(15_000)), json!(15_000));
    round_trip(&Money::new(u64::MAX));
    rejects::<Money>(json!(-1), "invalid value");
    for c in [
        Completion::Within(TimeSpan::from_minutes(90)),
        Completion::WorkingDays(14),
    ] {
        round_trip(&c);
    }
    let ktp = ServiceStandard::new("ktp-el", Money::ZERO)
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
        .with_max_wait(TimeSpan::from_minutes(30));
    let json = round_trip(&ktp);
    assert_eq!(json["service"], json!("ktp-el"));
    round_trip(&ServiceStandard::new("akta", Money::new(1)).unwrap());
    let standards: Standards = [
        ktp.clone(),
        ServiceStandard::new("paspor", Money::new(350_000))
            .unwrap()
            .with_completion(Completion::WorkingDays(4)),
    ]
    .into_iter()
    .collect();
    let json = round_trip(&standards);
    assert!(json["services"].is_array());
    assert_eq!(json["calendars"]["default"]["offset_minutes"], json!(420));
    round_trip(&Standards::new());
    let mut blank = serde_json::to_value(&ktp).unwrap();
    blank["service"] = json!("  ");
    rejects::<ServiceStandard>(blank.clone(), "service must not be empty");
    rejects::<Standards>(json!({ "services": [blank] }), "service must not be empty");
    let mut negative = serde_json::to_value(&ktp).unwrap();
    negative["tariff"] = json!({ "Fixed": -5 });
    rejects::<ServiceStandard>(negative, "invalid value");
}

#[test]
fn ratings() {
    let five = RatingScale::new(1, 5).unwrap();
    assert_eq!(round_trip(&five), json!([1, 5]));
    let rating = five.rating(4).unwrap();
    assert_eq!(round_trip(&rating), json!({"value": 4, "scale": [1, 5]}));
    rejects::<RatingScale>(
        json!([5, 5]),
        "rating scale max must be between 6 and 255, got 5",
    );
    rejects::<Rating>(
        json!({"value": 6, "scale": [1, 5]}),
        "rating must be between 1 and 5, got 6",
    );
    rejects::<Rating>(
        json!({"value": -1, "scale": [1, 5]}),
        "rating must be between 1 and 5, got -1",
    );
    rejects::<Rating>(
        json!({"value": 3, "scale": [5, 1]}),
        "rating scale max must be between 6 and 255, got 1",
    );
}

fn visit() -> Interaction {
    let skm = Instrument::permenpanrb_14_2017();
    Interaction::builder("ktp-el", "kel-sukamaju", ts("2025-03-04T08:15:00+07:00"))
        .id("A-001")
        .channel("loket")
        .started_at(ts("2025-03-04T08:32:00+07:00"))
        .finished_at(ts("2025-03-04T08:50:00+07:00"))
        .official_fee(Money::ZERO)
        .paid(Money::new(20_000))
        .skm(skm.answers().set("perilaku", 4).unwrap().build())
        .empathy(RatingScale::new(1, 5).unwrap().rating(5).unwrap())
        .recommend(9)
        .build()
        .unwrap()
}

#[test]
fn interactions() {
    let json = round_trip_text(&visit());
    assert_eq!(json["arrived_at"], json!(1_741_050_900_000i64));
    assert_eq!(json["recommend"], json!(9));
    let bare = Interaction::builder("ktp-el", "u", Timestamp::from_unix_millis(0))
        .build()
        .unwrap();
    round_trip(&bare); // no answers: the Value route works
    // Optional fields may be left out entirely.
    let minimal: Interaction =
        serde_json::from_value(json!({"service": "ktp-el", "unit": "u", "arrived_at": 0})).unwrap();
    assert_eq!(minimal, bare);
    // The builder itself round-trips too.
    let builder: InteractionBuilder = visit().into();
    round_trip_text(&builder);

    let mut finished_early = json.clone();
    finished_early["finished_at"] = json!(1_741_050_900_000i64 + 60_000);
    rejects::<Interaction>(
        finished_early,
        "finished_at 2025-03-04T01:16:00Z is before started_at 2025-03-04T01:32:00Z",
    );
    let mut started_early = json.clone();
    started_early["started_at"] = json!(0);
    rejects::<Interaction>(
        started_early,
        "started_at 1970-01-01T00:00:00Z is before arrived_at 2025-03-04T01:15:00Z",
    );
    let mut no_start = json.clone();
    no_start["started_at"] = Value::Null;
    no_start["finished_at"] = json!(0);
    rejects::<Interaction>(
        no_start,
        "finished_at 1970-01-01T00:00:00Z is before started_at 2025-03-04T01:15:00Z",
    );
    let mut blank = json.clone();
    blank["service"] = json!(" ");
    rejects::<Interaction>(blank, "service must not be empty");
    let mut blank = json.clone();
    blank["unit"] = json!("");
    rejects::<Interaction>(blank, "unit must not be empty");
    let mut recommend = json.clone();
    recommend["recommend"] = json!(11);
    rejects::<Interaction>(recommend, "recommend must be between 0 and 10, got 11");
    let mut empathy = json.clone();
    empathy["empathy"] = json!({"value": 6, "scale": [1, 5]});
    rejects::<Interaction>(empathy, "rating must be between 1 and 5, got 6");
    let mut skm = json.clone();
    skm["skm"] = json!({"perilaku": 5});
    rejects::<Interaction>(skm, "answer 5 to element `perilaku` is out of scale 1..=4");
    let mut paid = json;
    paid["paid"] = json!(-20_000);
    rejects::<Interaction>(paid, "invalid value");
    rejects::<Interaction>(
        json!({"service": "ktp-el", "unit": "u"}),
        "missing field `arrived_at`",
    );
}

#[test]
fn instruments_and_elements() {
    let skm = Instrument::permenpanrb_14_2017();
    let json = round_trip(&skm);
    assert_eq!(json["name"], json!("PermenPANRB 14/2017"));
    assert_eq!(json["weights"][0], json!("1/9"));
    assert_eq!(json["elements"].as_array().unwrap().len(), 9);
    let old = Instrument::kepmenpan_25_2004();
    let json = round_trip(&old);
    assert_eq!(json["weights"][13], json!("1/14"));
    assert_eq!(
        json["bands"],
        json!({"a_from": 8126, "b_from": 6251, "c_from": 4376})
    );

    // A custom instrument: an extra element, reweighted, with other bands.
    let parkir = Element::new("parkir", "Parkir", "parking")
        .unwrap()
        .with_labels(["tidak ada", "sempit", "cukup", "luas"]);
    let extended = skm.clone().with_element(parkir.clone()).unwrap();
    let keys: Vec<String> = extended
        .elements()
        .iter()
        .map(|e| e.key().to_string())
        .collect();
    let mut weights: Vec<(&str, Weight)> = keys
        .iter()
        .map(|k| (k.as_str(), Weight::new(1, 12).unwrap()))
        .collect();
    weights[0].1 = Weight::new(1, 4).unwrap();
    let custom = extended
        .with_weights(&weights)
        .unwrap()
        .with_bands(GradeBands {
            a_from: 9000,
            b_from: 8000,
            c_from: 7000,
        })
        .unwrap();
    round_trip(&custom);
    let tiny = Instrument::new("satu", vec![Element::new("a", "A", "a").unwrap()]).unwrap();
    round_trip(&tiny);
    assert_eq!(
        round_trip(&parkir)["labels"],
        json!(["tidak ada", "sempit", "cukup", "luas"])
    );
    round_trip(&GradeBands::PERMENPANRB_14_2017);
    for m in [Mutu::A, Mutu::B, Mutu::C, Mutu::D] {
        round_trip(&m);
    }
    assert_eq!(round_trip(&Weight::new(1, 9).unwrap()), json!("1/9"));
    assert_eq!(round_trip(&Weight::new(111, 1000).unwrap()), json!("0.111"));
    assert_eq!(round_trip(&Weight::new(1, 1).unwrap()), json!("1"));

    let base = serde_json::to_value(&skm).unwrap();
    let mut uneven = base.clone();
    uneven["weights"][0] = json!("1/5");
    rejects::<Instrument>(uneven, "weights must sum to 1, got 49/45");
    let mut printed = base.clone();
    for w in printed["weights"].as_array_mut().unwrap() {
        *w = json!("0.111");
    }
    rejects::<Instrument>(printed, "weights must sum to 1, got 999/1000");
    let mut short = base.clone();
    short["weights"].as_array_mut().unwrap().pop();
    rejects::<Instrument>(short, "inconsistent instrument: 8 weights for 9 elements");
    let mut duplicate = base.clone();
    duplicate["elements"][1]["key"] = json!("persyaratan");
    rejects::<Instrument>(duplicate, "element `persyaratan` is given more than once");
    let mut nameless = base.clone();
    nameless["name"] = json!("");
    rejects::<Instrument>(nameless, "instrument name must not be empty");
    let mut empty = base.clone();
    empty["elements"] = json!([]);
    empty["weights"] = json!([]);
    rejects::<Instrument>(empty, "instrument elements must not be empty");
    let mut bad_weight = base.clone();
    bad_weight["weights"][0] = json!("0/9");
    rejects::<Instrument>(bad_weight, "invalid weight 0/9: a weight must be positive");
    let mut blank_key = base;
    blank_key["elements"][0]["key"] = json!(" ");
    rejects::<Instrument>(blank_key, "element key must not be empty");
    rejects::<Element>(
        json!({"key": "", "name": "A", "english": "a", "labels": ["1", "2", "3", "4"]}),
        "element key must not be empty",
    );
    rejects::<Element>(
        json!({"key": "a", "name": "A", "english": "a", "labels": ["1", "2", "3"]}),
        "invalid length 3",
    );
    rejects::<Weight>(
        json!("10/9"),
        "invalid weight 10/9: a weight cannot exceed 1",
    );
    rejects::<Weight>(json!("abc"), "weight: cannot parse `abc`");
    rejects::<Weight>(json!(0.5), "invalid type");
}

/// JSON objects are unordered, and a `serde_json::Value` (like many JSON tools) sorts their
/// keys: answers are equal by key, whatever the order.
#[test]
fn answers_survive_a_value_round_trip() {
    let skm = Instrument::permenpanrb_14_2017();
    let answers = skm.answers_from_row(&[4, 3, 3, 4, 3, 3, 4, 3, 2]).unwrap();
    let back: SkmAnswers = serde_json::from_value(serde_json::to_value(&answers).unwrap()).unwrap();
    assert_eq!(back, answers);
    let reordered: SkmAnswers = serde_json::from_str(
        r#"{"pengaduan":2,"persyaratan":4,"prosedur":3,"waktu":3,"biaya":4,"produk":3,
            "kompetensi":3,"perilaku":4,"sarana":3}"#,
    )
    .unwrap();
    assert_eq!(reordered, answers);
}

/// Issue 15, item 13: a questionnaire of 80,000 keys, the last one repeated, is refused in
/// linear time (the duplicate check once compared every key with every other: 7.6 s).
#[test]
fn answers_with_many_keys_are_checked_for_duplicates_in_linear_time() {
    let mut text = String::from("{");
    for i in 0..80_000 {
        text.push_str(&format!("\"e{i}\": 3, "));
    }
    text.push_str("\"e79999\": 4}");
    let result = crate::hostile::within("80,000 keys and a duplicate", 5, move || {
        serde_json::from_str::<SkmAnswers>(&text).map_err(|e| e.to_string())
    });
    let err = result.unwrap_err();
    assert!(
        err.starts_with("element `e79999` is given more than once at line 1 column "),
        "{err}"
    );
}

#[test]
fn answers_responses_and_respondents() {
    let skm = Instrument::permenpanrb_14_2017();
    let answers = SkmAnswers::from_values(
        &skm,
        &[
            Some(4),
            Some(3),
            None,
            Some(4),
            Some(3),
            Some(3),
            Some(4),
            Some(3),
            Some(2),
        ],
    )
    .unwrap();
    let json = round_trip_text(&answers);
    assert_eq!(json["persyaratan"], json!(4));
    assert_eq!(json["waktu"], Value::Null);
    assert_eq!(json.as_object().unwrap().len(), 9);
    round_trip_text(&skm.answers().build());
    round_trip_text(
        &Instrument::kepmenpan_25_2004()
            .answers_from_row(&[3; 14])
            .unwrap(),
    );
    // A deserialised questionnaire tallies like the original.
    let back: SkmAnswers = serde_json::from_value(json).unwrap();
    let mut a = SkmTally::new(skm.clone());
    let mut b = SkmTally::new(skm.clone());
    a.push_answers(&answers).unwrap();
    b.push_answers(&back).unwrap();
    assert_eq!(a, b);
    rejects::<SkmAnswers>(
        json!({"waktu": 5}),
        "answer 5 to element `waktu` is out of scale 1..=4",
    );
    rejects::<SkmAnswers>(
        json!({"waktu": 0}),
        "answer 0 to element `waktu` is out of scale 1..=4",
    );
    rejects::<SkmAnswers>(json!([1, 2, 3]), "invalid type");
    let duplicated = serde_json::from_str::<SkmAnswers>(r#"{"waktu": 3, "waktu": 4}"#);
    assert!(
        duplicated
            .unwrap_err()
            .to_string()
            .contains("element `waktu` is given more than once")
    );

    let respondent = Respondent::default()
        .with_gender(Gender::Perempuan)
        .with_age(34)
        .unwrap()
        .with_education(Education::S1)
        .with_occupation(Occupation::Wirausaha);
    let json = round_trip(&respondent);
    assert_eq!(json["age"], json!(34));
    round_trip(&Respondent::default());
    rejects::<Respondent>(
        json!({"gender": null, "age": 150, "education": null, "occupation": null}),
        "age must be between 0 and 120, got 150",
    );
    rejects::<Respondent>(
        json!({"gender": "X", "age": null, "education": null, "occupation": null}),
        "unknown variant",
    );
    for band in [AgeBand::Under20, AgeBand::From60] {
        round_trip(&band);
    }
    for g in [Gender::LakiLaki, Gender::Perempuan] {
        round_trip(&g);
    }
    for e in [Education::Sd, Education::S3] {
        round_trip(&e);
    }
    for o in [Occupation::Pns, Occupation::Lainnya] {
        round_trip(&o);
    }

    let response = SkmResponse::new(answers)
        .with_respondent(respondent)
        .with_service("ktp-el")
        .unwrap()
        .with_unit("kel-sukamaju")
        .unwrap()
        .with_submitted_at(ts("2025-03-04T09:00:00+07:00"));
    let json = round_trip_text(&response);
    round_trip_text(&SkmResponse::new(skm.answers().build()));
    let minimal: SkmResponse = serde_json::from_value(json!({"answers": {"waktu": 3}})).unwrap();
    assert_eq!(minimal.answers().get("waktu"), Some(3));
    assert_eq!(minimal.service(), None);
    let mut blank = json.clone();
    blank["service"] = json!(" ");
    rejects::<SkmResponse>(blank, "must not be empty");
    let mut blank = json.clone();
    blank["unit"] = json!("");
    rejects::<SkmResponse>(blank, "must not be empty");
    let mut old = json;
    old["respondent"]["age"] = json!(-3);
    rejects::<SkmResponse>(old, "age must be between 0 and 120, got -3");
}

#[test]
fn statistics_types() {
    let level = Level::new(0.99).unwrap();
    assert_eq!(round_trip(&level), json!(0.99));
    round_trip(&Level::default());
    rejects::<Level>(
        json!(1.5),
        "confidence level must be strictly between 0 and 1, got 1.5",
    );
    rejects::<Level>(
        json!(0.0),
        "confidence level must be strictly between 0 and 1, got 0",
    );
    rejects::<Level>(
        json!(1),
        "confidence level must be strictly between 0 and 1, got 1",
    );
    let ci = Interval::student_t(3.2, 0.5, 4.0, level).unwrap();
    let json = round_trip_close(&ci);
    assert_eq!(json["method"], json!("StudentT"));
    let mut tampered = json;
    tampered["level"] = json!(1.5);
    rejects::<Interval>(
        tampered,
        "confidence level must be strictly between 0 and 1",
    );
    round_trip(&IntervalMethod::Feldt);
}

#[test]
fn skm_options_and_reports() {
    for nrr in [
        NrrRounding::Exact,
        NrrRounding::Round(2),
        NrrRounding::Truncate(3),
    ] {
        round_trip(&nrr);
        round_trip(&Compatibility::nrr_only(nrr));
    }
    round_trip(&Compatibility::default());
    round_trip(&Compatibility::printed_weight(
        Weight::new(11, 100).unwrap(),
    ));
    let options = SkmOptions::default()
        .with_level(Level::new(0.9).unwrap())
        .with_printed(Compatibility::printed_weight(
            Weight::new(111, 1000).unwrap(),
        ))
        .with_population(1_000);
    round_trip(&options);
    round_trip(&SkmOptions::default());
    let mut bad = serde_json::to_value(options).unwrap();
    bad["level"] = json!(1.5);
    rejects::<SkmOptions>(
        bad,
        "confidence level must be strictly between 0 and 1, got 1.5",
    );
    let mut bad = serde_json::to_value(options).unwrap();
    bad["compatibility"]["weight"] = json!("2");
    rejects::<SkmOptions>(bad, "invalid weight 2/1: a weight cannot exceed 1");

    let report = report();
    let json = round_trip_close(&report);
    assert_eq!(json["mutu"], json!(report.mutu));
    assert!(report.printed.is_some() && report.sample.is_some() && report.alpha.is_some());
    let element: &ElementScore = &report.elements[0];
    round_trip_close(element);
    let printed: PrintedIndex = report.printed.unwrap();
    round_trip_close(&printed);
    let sample: SampleAdequacy = report.sample.unwrap();
    round_trip(&sample);
    let alpha: CronbachAlpha = report.alpha.unwrap();
    round_trip_close(&alpha);
    let mut tampered = serde_json::to_value(&report).unwrap();
    tampered["elements"][0]["weight"] = json!("0/9");
    rejects::<SkmReport>(tampered, "invalid weight 0/9");
}

#[test]
fn tallies() {
    let skm = Instrument::permenpanrb_14_2017();
    let mut tally = SkmTally::new(skm.clone());
    round_trip(&tally);
    for row in [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 2, 4, 3, 4, 3, 3, 2]] {
        tally
            .push_answers(&skm.answers_from_row(&row).unwrap())
            .unwrap();
    }
    tally
        .push_answers(&skm.answers().set("waktu", 1).unwrap().build())
        .unwrap();
    let json = round_trip(&tally);
    assert_eq!(json["version"], json!(2));
    assert_eq!(json["responses"], json!(3));
    // A tally shipped as JSON merges like the original.
    let shipped: SkmTally = serde_json::from_value(json).unwrap();
    let mut a = tally.clone();
    let mut b = tally.clone();
    a.merge(&tally).unwrap();
    b.merge(&shipped).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.report().unwrap(), b.report().unwrap());
    round_trip(&SkmTally::new(Instrument::kepmenpan_25_2004()));

    let mut tampered = serde_json::to_value(&tally).unwrap();
    tampered["counts"][2][0] = json!(5);
    rejects::<SkmTally>(
        tampered,
        "inconsistent SKM tally: answer counts of element `waktu` disagree with its sums",
    );
    let mut tampered = serde_json::to_value(&tally).unwrap();
    tampered["instrument"]["weights"][0] = json!("1/5");
    rejects::<SkmTally>(tampered, "weights must sum to 1, got 49/45");
}
