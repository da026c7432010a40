//! The SKM tally on random questionnaires: answers 1–4 or blank, on the 2017 and the 2004
//! instruments and on custom ones (an extra element, other weights, three elements of its own).
//! Integer counts: every law holds exactly. The respondents' profile on random profiles.

use layanan::skm::ProfileTally;
use layanan::{
    Element, Gender, Instrument, Occupation, Respondent, SkmAnswers, SkmResponse, SkmTally, Weight,
};
use proptest::prelude::*;

use super::{Exact, case, config, laws};

/// The built-in instruments and three custom ones.
fn instrument() -> impl Strategy<Value = Instrument> {
    let skm = Instrument::permenpanrb_14_2017();
    let parkir = Element::new("parkir", "Parkir", "parking").unwrap();
    let with_parking = skm.clone().with_element(parkir).unwrap();
    let keys: Vec<String> = skm.elements().iter().map(|e| e.key().to_string()).collect();
    // Requirements count double: 1/5, the other eight 1/10.
    let weights: Vec<(&str, Weight)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                k.as_str(),
                Weight::new(1, if i == 0 { 5 } else { 10 }).unwrap(),
            )
        })
        .collect();
    let reweighted = skm.clone().with_weights(&weights).unwrap();
    let small = Instrument::new(
        "Survei loket",
        ["antrean", "keramahan", "kejelasan"]
            .into_iter()
            .map(|k| Element::new(k, k, k).unwrap())
            .collect(),
    )
    .unwrap();
    prop_oneof![
        3 => Just(skm),
        1 => Just(Instrument::kepmenpan_25_2004()),
        1 => Just(with_parking),
        1 => Just(reweighted),
        1 => Just(small),
    ]
}

/// An instrument and questionnaires for it: mostly answered (blank one time in eight) or
/// mostly blank (answered three times in ten), so that elements answered by nobody and
/// questionnaires left entirely blank occur.
fn survey() -> impl Strategy<Value = (Instrument, Vec<SkmResponse>)> {
    instrument().prop_flat_map(|instrument| {
        let k = instrument.len();
        let row = prop_oneof![
            4 => prop::collection::vec(prop::option::weighted(0.875, 1i64..=4), k),
            1 => prop::collection::vec(prop::option::weighted(0.3, 1i64..=4), k),
        ];
        let answers = {
            let instrument = instrument.clone();
            row.prop_map(move |row| {
                SkmResponse::new(SkmAnswers::from_values(&instrument, &row).unwrap())
            })
        };
        (Just(instrument), prop::collection::vec(answers, 0..40))
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn skm_tally_laws(
        (instrument, case) in survey()
            .prop_flat_map(|(instrument, rows)| (Just(instrument), case(Just(rows))))
    ) {
        let laws = laws(SkmTally::new(instrument.clone()))
            .exact(Exact::Counts)
            .batch("SkmTally::push_answers", true, |records: &[SkmResponse]| {
                let mut tally = SkmTally::new(instrument.clone());
                for r in records {
                    tally.push_answers(r.answers()).unwrap();
                }
                tally
            });
        #[cfg(feature = "rayon")]
        let laws = laws.batch("par_tally", true, |records: &[SkmResponse]| {
            layanan::par_tally(SkmTally::new(instrument.clone()), records).unwrap()
        });
        laws.check(&case)?;
    }

    #[test]
    fn profile_tally_laws(case in case(prop::collection::vec(profiled(), 0..40))) {
        laws(ProfileTally::default()).exact(Exact::Counts).check(&case)?;
    }
}

/// A questionnaire, left blank half the time, from a respondent who states some of their
/// profile.
fn profiled() -> impl Strategy<Value = SkmResponse> {
    (
        any::<bool>(),
        prop::option::of(any::<bool>()),
        prop::option::of(0i64..=120),
        prop::option::of(0usize..6),
    )
        .prop_map(|(blank, gender, age, occupation)| {
            let skm = Instrument::permenpanrb_14_2017();
            let answers = if blank {
                skm.answers().build()
            } else {
                skm.answers().set("waktu", 3).unwrap().build()
            };
            let mut who = Respondent::default();
            if let Some(female) = gender {
                who = who.with_gender(if female {
                    Gender::Perempuan
                } else {
                    Gender::LakiLaki
                });
            }
            if let Some(age) = age {
                who = who.with_age(age).unwrap();
            }
            if let Some(i) = occupation {
                let all = ["PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "LAINNYA"];
                who = who.with_occupation(all[i].parse::<Occupation>().unwrap());
            }
            SkmResponse::new(answers).with_respondent(who)
        })
}
