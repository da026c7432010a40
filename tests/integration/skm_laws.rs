//! The SKM tally on random questionnaires (answers 1–4 or blank, on the 2017 and the 2004
//! instrument): the report's rounding agrees with an independent exact computation. Tallies of
//! different instruments do not merge; with `serde`, a tampered tally is rejected. The merge,
//! order and round-trip laws are in `laws`.
//!
//! The number of random cases per property is `LAYANAN_PROPTEST_CASES` (default 256).

use layanan::prelude::*;
use layanan::{Element, Error, Instrument, SkmReport, SkmTally, Weight};
use proptest::prelude::*;

use crate::support::{proptest_cases, skm_tally_of_rows};

type Row = Vec<Option<i64>>;

fn report(t: &SkmTally) -> Result<SkmReport, Error> {
    t.report()
}

/// One of the two built-in instruments.
fn instrument() -> impl Strategy<Value = Instrument> {
    prop_oneof![
        3 => Just(Instrument::permenpanrb_14_2017()),
        1 => Just(Instrument::kepmenpan_25_2004()),
    ]
}

/// Questionnaires for an instrument: each answer 1–4, or blank one time in eight.
fn survey() -> impl Strategy<Value = (Instrument, Vec<Row>)> {
    instrument().prop_flat_map(|instrument| {
        let k = instrument.len();
        let row = prop::collection::vec(prop::option::weighted(0.875, 1i64..=4), k);
        (Just(instrument), prop::collection::vec(row, 0..40))
    })
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `round_half_up(100 · num/den)` in integers: `⌊(200·num + den) / (2·den)⌋`.
fn hundredths(num: u128, den: u128) -> u32 {
    u32::try_from((200 * num + den) / (2 * den)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

    /// NRRs leave blanks out, and the printed IKM and the grades are the exact half-up rounding
    /// of `25 · Σ NRRᵢ / k`, computed here independently in integers.
    #[test]
    fn report_agrees_with_exact_integer_arithmetic((instrument, rows) in survey()) {
        let k = instrument.len();
        let bands = instrument.bands();
        let mut n = vec![0u128; k];
        let mut sum = vec![0u128; k];
        for row in &rows {
            for (i, v) in row.iter().enumerate() {
                if let Some(v) = v {
                    n[i] += 1;
                    sum[i] += *v as u128;
                }
            }
        }
        let got = report(&skm_tally_of_rows(&instrument, &rows));
        // Blank questionnaires are no respondents; with none left there is nothing to report,
        // and an element nobody answered has no NRR.
        if n.iter().all(|&x| x == 0) {
            let is_empty = matches!(got, Err(Error::NoData { .. }));
            prop_assert!(is_empty, "{:?}", got);
            return Ok(());
        }
        if n.contains(&0) {
            let is_insufficient = matches!(got, Err(Error::InsufficientData { .. }));
            prop_assert!(is_insufficient, "{:?}", got);
            return Ok(());
        }
        let report = got.unwrap();
        // Σ S_i/n_i = Σ S_i·(L/n_i) / L with L = lcm(n_i); NIK = 25·that/k.
        let lcm = n.iter().fold(1u128, |l, &x| l / gcd(l, x) * x);
        let num: u128 = 25 * (0..k).map(|i| sum[i] * (lcm / n[i])).sum::<u128>();
        let den = k as u128 * lcm;
        let h = hundredths(num, den);
        prop_assert_eq!(report.ikm_rounded, f64::from(h) / 100.0);
        prop_assert_eq!(report.mutu, bands.grade(h));
        prop_assert!((report.ikm - num as f64 / den as f64).abs() <= 1e-12 * 100.0);
        for (i, e) in report.elements.iter().enumerate() {
            prop_assert_eq!(u128::from(e.n), n[i]);
            prop_assert_eq!(e.nrr, sum[i] as f64 / n[i] as f64);
            prop_assert_eq!(e.mutu, bands.grade(hundredths(25 * sum[i], n[i])));
        }
        // The elements to follow up run from the lowest NRR to the highest.
        let nrr_of = |key: &str| report.elements.iter().find(|e| e.key == key).unwrap().nrr;
        prop_assert!(report.follow_up.windows(2).all(|p| nrr_of(&p[0]) <= nrr_of(&p[1])));
    }
}

#[test]
fn merging_tallies_of_different_instruments_is_an_error() {
    let new = Instrument::permenpanrb_14_2017();
    let old = Instrument::kepmenpan_25_2004();
    let mut a = skm_tally_of_rows(&new, &[vec![Some(4); 9]]);
    let before = a.clone();
    let b = skm_tally_of_rows(&old, &[vec![Some(3); 14]]);
    let err = a.merge(&b).unwrap_err();
    assert_eq!(
        err,
        Error::MergeMismatch {
            what: "SKM tallies".into(),
            difference: "their instruments differ (`PermenPANRB 14/2017` vs `KepMenPAN 25/2004`)"
                .into()
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot merge SKM tallies: their instruments differ (`PermenPANRB 14/2017` vs \
         `KepMenPAN 25/2004`)"
    );
    // A failed merge leaves the tally as it was.
    assert_eq!(a, before);

    // One element more, or the same elements weighted differently, is another instrument.
    let parkir = Element::new("parkir", "Parkir", "parking").unwrap();
    let ten = new.clone().with_element(parkir).unwrap();
    let err = a.merge(&SkmTally::new(ten)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` have \
         different elements (9 vs 10 elements)"
    );
    let keys: Vec<String> = new.elements().iter().map(|e| e.key().to_string()).collect();
    let mut weights: Vec<(&str, Weight)> = keys
        .iter()
        .map(|k| (k.as_str(), Weight::new(1, 10).unwrap()))
        .collect();
    weights[0].1 = Weight::new(1, 5).unwrap();
    let reweighted = new.clone().with_weights(&weights).unwrap();
    let err = a.merge(&SkmTally::new(reweighted)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` weight \
         element `persyaratan` differently (1/9 vs 1/5)"
    );
    assert_eq!(a, before);
}

#[cfg(feature = "serde")]
mod serde_laws {
    use super::*;
    use layanan::SkmAnswers;
    use serde_json::{Value, json};

    /// A national-scale tally (3e15 questionnaires: three answer rows, each given 1e15 times)
    /// still reports: the Feldt interval's F quantile at ~1e15 degrees of freedom used to hang
    /// inside `statrs`.
    #[test]
    fn a_huge_tally_reports() {
        let skm = Instrument::permenpanrb_14_2017();
        let mut tally = SkmTally::new(skm.clone());
        for row in [
            [4, 3, 3, 4, 3, 4, 4, 3, 4],
            [3, 3, 2, 4, 3, 3, 3, 3, 2],
            [2, 2, 2, 3, 2, 2, 2, 2, 1],
        ] {
            tally
                .push_answers(&skm.answers_from_row(&row).unwrap())
                .unwrap();
        }
        let mut json = serde_json::to_value(&tally).unwrap();
        // Every count and sum times 1e15: the tally of each row given 1e15 times.
        fn scale(v: &mut Value) {
            match v {
                Value::Number(n) => *v = json!(n.as_u64().unwrap() * 1_000_000_000_000_000),
                Value::Array(items) => items.iter_mut().for_each(scale),
                _ => {}
            }
        }
        for field in [
            "responses",
            "counts",
            "pair_n",
            "pair_sum",
            "pair_product",
            "complete",
            "complete_sum",
            "complete_product",
        ] {
            scale(&mut json[field]);
        }
        let huge: SkmTally = serde_json::from_value(json).unwrap();
        let report = huge.report().unwrap();
        assert_eq!(report.respondents, 3_000_000_000_000_000);
        let pairwise = report.alpha_pairwise.expect("pairwise alpha");
        let ci = pairwise.interval().expect("Feldt interval");
        // With n that large the interval collapses onto α.
        assert!((ci.lower() - pairwise.alpha()).abs() < 1e-6);
        assert!((ci.upper() - pairwise.alpha()).abs() < 1e-6);
    }

    fn rows() -> Vec<Row> {
        crate::support::three_questionnaires_with_blanks()
    }

    /// The serialised form counts every questionnaire in the pair matrices and holds the
    /// whole symmetric complete-questionnaire matrix, whatever the tally keeps in memory.
    #[test]
    fn the_serialised_matrices_count_every_questionnaire() {
        let v = tally_json();
        let at = |m: &str, i: usize, j: usize| v[m][i * 9 + j].as_u64().unwrap();
        // prosedur × persyaratan: answered by rows 1 and 3 (row 2 left persyaratan blank).
        assert_eq!(at("pair_n", 1, 0), 2);
        assert_eq!(at("pair_n", 1, 1), 3);
        assert_eq!(at("pair_sum", 1, 0), 3 + 4);
        assert_eq!(at("pair_product", 1, 0), 3 * 4 + 4 * 2);
        assert_eq!(at("pair_product", 1, 2), 3 * 3 + 3 * 2 + 4 * 3);
        for i in 0..9 {
            for j in 0..9 {
                assert_eq!(at("complete_product", i, j), at("complete_product", j, i));
            }
        }
        assert_eq!(at("complete_product", 8, 0), 4 * 4 + 2 * 2);

        // An asymmetric complete-questionnaire matrix is caught, not half-read.
        let mut v = tally_json();
        v["complete_product"][9] = json!(21);
        rejected(
            v,
            "complete-questionnaire sums of elements `persyaratan` and `prosedur`",
        );
    }

    fn tally_json() -> Value {
        let instrument = Instrument::permenpanrb_14_2017();
        serde_json::to_value(skm_tally_of_rows(&instrument, &rows())).unwrap()
    }

    #[track_caller]
    fn rejected(value: Value, message: &str) {
        let err = serde_json::from_value::<SkmTally>(value).unwrap_err();
        assert!(
            err.to_string().contains(message),
            "`{err}` does not contain `{message}`"
        );
    }

    #[test]
    fn an_untouched_tally_is_accepted() {
        let back: SkmTally = serde_json::from_value(tally_json()).unwrap();
        assert_eq!(
            back,
            skm_tally_of_rows(&Instrument::permenpanrb_14_2017(), &rows())
        );
        assert_eq!(tally_json()["version"], json!(2));
    }

    #[test]
    fn a_tampered_tally_is_rejected() {
        // An answer 4 added to U1's counts without its sums.
        let mut v = tally_json();
        v["counts"][0][3] = json!(v["counts"][0][3].as_u64().unwrap() + 1);
        rejected(
            v,
            "inconsistent SKM tally: answer counts of element `persyaratan` disagree with its sums",
        );

        // Counts moved from answer 4 to answer 1: the same n, another sum.
        let mut v = tally_json();
        assert_eq!(v["counts"][1], json!([0, 0, 2, 1]));
        v["counts"][1] = json!([1, 0, 2, 0]);
        rejected(
            v,
            "inconsistent SKM tally: answer counts of element `prosedur` disagree with its sums",
        );

        // Fewer questionnaires than answers to an element.
        let mut v = tally_json();
        v["responses"] = json!(2);
        rejected(
            v,
            "inconsistent SKM tally: answer counts of element `prosedur` disagree with its sums",
        );

        // More complete questionnaires than questionnaires.
        let mut v = tally_json();
        v["complete"] = json!(4);
        rejected(
            v,
            "inconsistent SKM tally: 4 complete questionnaires out of 3",
        );

        // A matrix of the wrong size.
        let mut v = tally_json();
        v["pair_n"].as_array_mut().unwrap().pop();
        rejected(
            v,
            "inconsistent SKM tally: matrix sizes do not match the 9 elements of `PermenPANRB 14/2017`",
        );

        // Another format version.
        let mut v = tally_json();
        v["version"] = json!(1);
        rejected(
            v,
            "inconsistent SKM tally: format version 1 (this build reads 2)",
        );

        // An instrument whose weights do not add up.
        let mut v = tally_json();
        v["instrument"]["weights"][0] = json!("1/10");
        rejected(v, "weights must sum to 1, got 89/90");
    }

    #[test]
    fn answers_out_of_scale_or_repeated_are_rejected() {
        for (text, message) in [
            (
                r#"{"persyaratan": 5}"#,
                "answer 5 to element `persyaratan` is out of scale 1..=4",
            ),
            (
                r#"{"persyaratan": 0}"#,
                "answer 0 to element `persyaratan` is out of scale 1..=4",
            ),
            (
                r#"{"waktu": -1}"#,
                "answer -1 to element `waktu` is out of scale 1..=4",
            ),
            (
                r#"{"persyaratan": 4, "persyaratan": 3}"#,
                "element `persyaratan` is given more than once",
            ),
        ] {
            let err = serde_json::from_str::<SkmAnswers>(text).unwrap_err();
            assert!(
                err.to_string().contains(message),
                "{text}: `{err}` does not contain `{message}`"
            );
        }
    }

    #[test]
    fn answers_from_json_are_matched_by_key() {
        let skm = Instrument::permenpanrb_14_2017();
        // Keys in any order; missing and null are blank.
        let answers: SkmAnswers =
            serde_json::from_str(r#"{"pengaduan": 2, "persyaratan": 4, "waktu": null}"#).unwrap();
        assert_eq!(answers.get("persyaratan"), Some(4));
        assert_eq!(answers.get("waktu"), None);
        let mut t = SkmTally::new(skm.clone());
        t.push_answers(&answers).unwrap();
        assert_eq!(t.answer_counts("persyaratan").unwrap(), [0, 0, 0, 1]);
        assert_eq!(t.answer_counts("pengaduan").unwrap(), [0, 1, 0, 0]);
        assert_eq!(t.answer_counts("waktu").unwrap(), [0, 0, 0, 0]);
        assert_eq!(t.complete_responses(), 0);

        // Serialised answers come back equal and tally the same.
        let original = SkmAnswers::from_values(&skm, &rows()[1]).unwrap();
        let back: SkmAnswers =
            serde_json::from_str(&serde_json::to_string(&original).unwrap()).unwrap();
        assert_eq!(back, original);
        assert_eq!(skm_tally_of_rows(&skm, &rows()[1..2]), {
            let mut t = SkmTally::new(skm.clone());
            t.push_answers(&back).unwrap();
            t
        });

        // An element the instrument does not have.
        let stray: SkmAnswers = serde_json::from_str(r#"{"parkir": 3}"#).unwrap();
        let err = SkmTally::new(skm).push_answers(&stray).unwrap_err();
        assert_eq!(
            err.to_string(),
            "instrument `PermenPANRB 14/2017` has no element `parkir`"
        );
    }
}

/// A tally keeps its first 32 questionnaires as answered and sums after that: a small group
/// costs what it has seen. Wherever a survey is split, the tallies of the parts merged (kept
/// either way) equal the tally of the whole, report the same numbers, and, with `serde`, read
/// back equal.
#[test]
fn kept_answers_and_sums_agree_across_the_threshold() {
    let skm = Instrument::permenpanrb_14_2017();
    let mut seed = 7u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    let rows: Vec<Row> = (0..80)
        .map(|_| {
            (0..9)
                .map(|_| (next(8) > 0).then(|| 1 + next(4) as i64))
                .collect()
        })
        .collect();
    for n in [1, 2, 31, 32, 33, 40, 64, 65, 80] {
        let whole = skm_tally_of_rows(&skm, &rows[..n]);
        let want = format!("{:?}", report(&whole));
        for cut in [0, 1, n / 2, n.saturating_sub(1), n] {
            let mut merged = skm_tally_of_rows(&skm, &rows[..cut]);
            merged
                .merge(&skm_tally_of_rows(&skm, &rows[cut..n]))
                .unwrap();
            assert_eq!(merged, whole, "{n} questionnaires cut at {cut}");
            assert_eq!(format!("{:?}", report(&merged)), want, "{n} cut at {cut}");
            assert_eq!(merged.complete_responses(), whole.complete_responses());
            assert_eq!(
                merged.answer_counts("waktu").unwrap(),
                whole.answer_counts("waktu").unwrap()
            );
        }
        #[cfg(feature = "serde")]
        {
            let back: SkmTally =
                serde_json::from_str(&serde_json::to_string(&whole).unwrap()).unwrap();
            assert_eq!(back, whole, "{n} questionnaires read back");
            assert_eq!(format!("{:?}", report(&back)), want, "{n} read back");
            let mut more = back.clone();
            more.merge(&skm_tally_of_rows(&skm, &rows[..3])).unwrap();
            let mut again = whole.clone();
            again.merge(&skm_tally_of_rows(&skm, &rows[..3])).unwrap();
            assert_eq!(more, again, "{n}: sums merged with kept answers");
        }
    }
}
