//! Hand-worked SKM cases from the regulation's formula (PermenPANRB 14/2017, KepMenPAN 25/2004),
//! each with its arithmetic written out.
//!
//! `NRRᵢ = Σ answers / nᵢ` over the questionnaires that answered element i (a blank is left
//! out, never scored 0); `index = Σ wᵢ·NRRᵢ`; `NIK = 25 · index`, rounded half-up to 2 decimals
//! and graded on the rounded value. Grades are always taken from a real tally and its report,
//! never from `GradeBands::grade` alone, so the exact rounding on band edges is exercised.

use layanan::prelude::*;
use layanan::stats::{self, krejcie_morgan, slovin};
use layanan::{
    Compatibility, Element, Error, Instrument, Mutu, NrrRounding, SkmAnswers, SkmOptions,
    SkmReport, SkmTally, Weight,
};

use crate::support::{SKM_2017_KEYS, skm_tally_of_rows, three_questionnaires_with_blanks};

/// A tally in which element `e` received `per_element[e][v − 1]` answers `v`. Row `r` gives
/// element `e` its `r`-th answer in the order 1, 1, …, 2, …, 4; an element with fewer answers
/// than rows is blank in the last rows.
fn tally_of(instrument: &Instrument, per_element: &[[u64; 4]]) -> SkmTally {
    assert_eq!(per_element.len(), instrument.len());
    let answers: Vec<Vec<i64>> = per_element
        .iter()
        .map(|counts| {
            (1..=4)
                .zip(counts)
                .flat_map(|(v, &c)| std::iter::repeat_n(v, c as usize))
                .collect()
        })
        .collect();
    let rows = answers.iter().map(Vec::len).max().unwrap_or(0);
    let mut tally = SkmTally::new(instrument.clone());
    for r in 0..rows {
        let row: Vec<Option<i64>> = answers.iter().map(|a| a.get(r).copied()).collect();
        tally
            .push_answers(&SkmAnswers::from_values(instrument, &row).unwrap())
            .unwrap();
    }
    tally
}

/// A tally where every element of `instrument` got the same answer counts.
fn uniform(instrument: &Instrument, counts: [u64; 4]) -> SkmTally {
    tally_of(instrument, &vec![counts; instrument.len()])
}

fn skm() -> Instrument {
    Instrument::permenpanrb_14_2017()
}

#[track_caller]
fn assert_close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-12 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
}

/// The report's rounded IKM and its grade.
#[track_caller]
fn graded(tally: &SkmTally) -> (f64, Mutu) {
    let report = tally.report().unwrap();
    (report.ikm_rounded, report.mutu)
}

// ---------------------------------------------------------------- the formula by hand

#[test]
fn blanks_are_excluded_per_element_not_scored_zero() {
    // Three questionnaires; the second left U1 (persyaratan) and U9 (pengaduan) blank.
    //
    //        U1 U2 U3 U4 U5 U6 U7 U8 U9
    //   R1    4  3  3  4  3  4  4  3  4
    //   R2    -  3  2  4  3  3  3  3  -
    //   R3    2  4  3  4  4  4  4  3  2
    //
    // U1: (4 + 2) / 2 = 3      (not (4 + 0 + 2) / 3 = 2)
    // U2: 10/3   U3: 8/3   U4: 12/3 = 4   U5: 10/3   U6: 11/3   U7: 11/3   U8: 9/3 = 3
    // U9: (4 + 2) / 2 = 3
    // Σ NRR = 3 + 10/3 + 8/3 + 4 + 10/3 + 11/3 + 11/3 + 3 + 3 = 13 + 50/3 = 89/3
    // index = 89/27 = 3.296296…; NIK = 25 · 89/27 = 2225/27 = 82.4074… → 82.41 → B
    let s = skm();
    let rows = three_questionnaires_with_blanks();
    let report = skm_tally_of_rows(&s, &rows).report().unwrap();
    assert_eq!(report.respondents, 3);
    assert_eq!(report.complete_responses, 2);
    let n: Vec<u64> = report.elements.iter().map(|e| e.n).collect();
    assert_eq!(n, [2, 3, 3, 3, 3, 3, 3, 3, 2]);
    assert_eq!(report.elements[0].counts, [0, 1, 0, 1]);
    assert_eq!(report.elements[0].nrr, 3.0);
    assert_eq!(report.elements[8].nrr, 3.0);
    assert_close(report.elements[2].nrr, 8.0 / 3.0);
    assert_close(report.index, 89.0 / 27.0);
    assert_close(report.ikm, 2225.0 / 27.0);
    assert_eq!(report.ikm_rounded, 82.41);
    assert_eq!(report.mutu, Mutu::B);
    // Lowest NRR first: U3 (waktu, 8/3); highest last: U4 (biaya, 4).
    assert_eq!(report.follow_up[0], "waktu");
    assert_eq!(report.follow_up[8], "biaya");
    // Each element's weighted NRR is NRR/9, and they add up to the index.
    assert_close(report.elements[0].weighted_nrr, 3.0 / 9.0);
    let total: f64 = report.elements.iter().map(|e| e.weighted_nrr).sum();
    assert_close(total, report.index);
    // An element's own score is 25·NRR: U3 → 25 · 8/3 = 66.67 → C; U4 → 100 → A.
    assert_eq!(report.elements[2].mutu, Mutu::C);
    assert_eq!(report.elements[3].mutu, Mutu::A);
}

#[test]
fn single_respondent() {
    // One questionnaire 3 4 2 3 3 4 3 2 3: Σ = 27, index = 27/9 = 3, NIK = 75.00 → C.
    // With one answer per element there is no standard deviation, no interval and no α —
    // but the index itself is defined, so the report is Ok.
    let s = skm();
    let report = skm_tally_of_rows(&s, &[[3, 4, 2, 3, 3, 4, 3, 2, 3].map(Some).to_vec()])
        .report()
        .unwrap();
    assert_eq!(report.respondents, 1);
    assert_eq!(report.index, 3.0);
    assert_eq!(report.ikm, 75.0);
    assert_eq!(report.ikm_rounded, 75.0);
    assert_eq!(report.mutu, Mutu::C);
    assert!(
        report
            .elements
            .iter()
            .all(|e| e.n == 1 && e.sd.is_none() && e.interval.is_none())
    );
    assert_eq!(report.interval, None);
    assert_eq!(report.alpha, None);
    assert_eq!(report.alpha_pairwise, None);
    // U2 = 4 → 100 → A; U3 = 2 → 50 → D.
    assert_eq!(report.elements[1].mutu, Mutu::A);
    assert_eq!(report.elements[2].mutu, Mutu::D);
}

#[test]
fn all_fours_is_100_grade_a_and_all_ones_is_25_grade_d() {
    // Ten respondents answering 4 everywhere: every NRR = 40/10 = 4, index = 4, NIK = 100.00.
    let report = uniform(&skm(), [0, 0, 0, 10]).report().unwrap();
    assert_eq!(report.index, 4.0);
    assert_eq!(report.ikm, 100.0);
    assert_eq!(report.ikm_rounded, 100.0);
    assert_eq!(report.mutu, Mutu::A);
    assert!(
        report
            .elements
            .iter()
            .all(|e| e.mutu == Mutu::A && e.sd == Some(0.0))
    );
    // No variation: the interval collapses on 100.
    let ci = report.interval.unwrap();
    assert_eq!((ci.lower(), ci.upper()), (100.0, 100.0));

    // Ten respondents answering 1 everywhere: index 1, NIK 25.00 → D.
    let report = uniform(&skm(), [10, 0, 0, 0]).report().unwrap();
    assert_eq!(report.ikm_rounded, 25.0);
    assert_eq!(report.mutu, Mutu::D);
}

// ------------------------------------------------------- band edges and the gaps between

// With the same counts on all 9 elements, index = NRR and NIK = 25 · NRR.

#[test]
fn nik_76_605_rounds_to_76_61_grade_b() {
    // 5000 answers per element: 4679 × 3 + 321 × 4 = 14037 + 1284 = 15321;
    // NRR = 15321/5000 = 3.0642; NIK = 25 · 3.0642 = 76.605 exactly → 76.61 → B.
    // (Summed in floating point, 9 · (1/9 · 3.0642) · 25 = 76.604999999999976, which would
    // round to 76.60 → C: the crate decides the rounding on the exact fraction.)
    let tally = uniform(&skm(), [0, 0, 4679, 321]);
    let report = tally.report().unwrap();
    assert_eq!(report.elements[0].counts, [0, 0, 4679, 321]);
    assert_close(report.index, 3.0642);
    assert_close(report.ikm, 76.605);
    assert_eq!(graded(&tally), (76.61, Mutu::B));
    assert!(report.elements.iter().all(|e| e.mutu == Mutu::B));
    let naive: f64 = (0..9)
        .map(|_| (1.0 / 9.0) * (15321.0 / 5000.0))
        .sum::<f64>()
        * 25.0;
    assert!(
        naive < 76.605,
        "the float trap this case guards against: {naive}"
    );
}

#[test]
fn nik_just_below_76_605_is_76_60_grade_c() {
    // Eight elements as above (Σ = 15321 each), one with 4680 × 3 + 320 × 4 = 15320:
    // total = 8 · 15321 + 15320 = 137888 over 9 · 5000 answers;
    // NIK = 25 · 137888 / 45000 = 137888/1800 = 76.60444… → 76.60 → C.
    let mut counts = vec![[0, 0, 4679, 321]; 9];
    counts[8] = [0, 0, 4680, 320];
    let tally = tally_of(&skm(), &counts);
    assert_close(tally.report().unwrap().ikm, 137_888.0 / 1800.0);
    assert_eq!(graded(&tally), (76.6, Mutu::C));
}

#[test]
fn nik_76_61_and_76_60_band_edges() {
    // 2500 answers: 2339 × 3 + 161 × 4 = 7017 + 644 = 7661; NRR 3.0644; NIK 76.61 → B.
    assert_eq!(
        graded(&uniform(&skm(), [0, 0, 2339, 161])),
        (76.61, Mutu::B)
    );
    // 250 answers: 234 × 3 + 16 × 4 = 702 + 64 = 766; NRR 3.064; NIK 76.60 → C.
    assert_eq!(graded(&uniform(&skm(), [0, 0, 234, 16])), (76.6, Mutu::C));
}

#[test]
fn nik_88_305_rounds_to_88_31_grade_a() {
    // 5000 answers: 2339 × 3 + 2661 × 4 = 7017 + 10644 = 17661; NRR 3.5322;
    // NIK = 88.305 exactly → 88.31 → A.
    let tally = uniform(&skm(), [0, 0, 2339, 2661]);
    assert_close(tally.report().unwrap().ikm, 88.305);
    assert_eq!(graded(&tally), (88.31, Mutu::A));
}

#[test]
fn nik_88_30_and_the_gap_below_88_305_grade_b() {
    // 5000 answers: 2340 × 3 + 2660 × 4 = 7020 + 10640 = 17660; NRR 3.532; NIK 88.30 → B.
    assert_eq!(
        graded(&uniform(&skm(), [0, 0, 2340, 2660])),
        (88.3, Mutu::B)
    );
    // In the gap: eight elements with Σ 17661, one with Σ 17660: total 158948;
    // NIK = 158948/1800 = 88.30444… → 88.30 → B.
    let mut counts = vec![[0, 0, 2339, 2661]; 9];
    counts[0] = [0, 0, 2340, 2660];
    let tally = tally_of(&skm(), &counts);
    assert_close(tally.report().unwrap().ikm, 158_948.0 / 1800.0);
    assert_eq!(graded(&tally), (88.3, Mutu::B));
}

#[test]
fn nik_88_31_band_edge_grade_a() {
    // 2500 answers: 1169 × 3 + 1331 × 4 = 3507 + 5324 = 8831; NRR 3.5324; NIK 88.31 → A.
    assert_eq!(
        graded(&uniform(&skm(), [0, 0, 1169, 1331])),
        (88.31, Mutu::A)
    );
}

#[test]
fn nik_65_00_grade_c() {
    // 5 answers: 2 × 2 + 3 × 3 = 13; NRR 2.6; NIK 65.00 → C.
    assert_eq!(graded(&uniform(&skm(), [0, 2, 3, 0])), (65.0, Mutu::C));
}

#[test]
fn nik_64_995_rounds_to_65_00_grade_c() {
    // 10000 answers: 4002 × 2 + 5998 × 3 = 8004 + 17994 = 25998; NRR 2.5998;
    // NIK = 64.995 exactly → 65.00 → C.
    let tally = uniform(&skm(), [0, 4002, 5998, 0]);
    assert_close(tally.report().unwrap().ikm, 64.995);
    assert_eq!(graded(&tally), (65.0, Mutu::C));
}

#[test]
fn nik_64_994_rounds_to_64_99_grade_d() {
    // 12500 answers: 5003 × 2 + 7497 × 3 = 10006 + 22491 = 32497; NRR 2.59976;
    // NIK = 64.994 → 64.99 → D.
    let tally = uniform(&skm(), [0, 5003, 7497, 0]);
    assert_close(tally.report().unwrap().ikm, 64.994);
    assert_eq!(graded(&tally), (64.99, Mutu::D));
}

#[test]
fn nik_64_99_band_edge_grade_d() {
    // 2500 answers: 1001 × 2 + 1499 × 3 = 2002 + 4497 = 6499; NRR 2.5996; NIK 64.99 → D.
    assert_eq!(
        graded(&uniform(&skm(), [0, 1001, 1499, 0])),
        (64.99, Mutu::D)
    );
}

#[test]
fn kepmenpan_2004_uses_its_own_bands() {
    // 14 elements, weight 1/14; bands D 25–43.75, C 43.76–62.50, B 62.51–81.25, A 81.26–100.
    let old = Instrument::kepmenpan_25_2004();
    assert_eq!(old.len(), 14);
    assert!(
        old.weights()
            .iter()
            .all(|w| *w == Weight::new(1, 14).unwrap())
    );
    let cases: [([u64; 4], f64, Mutu); 6] = [
        // 2500: 1874 × 3 + 626 × 4 = 5622 + 2504 = 8126; NRR 3.2504; NIK 81.26 → A
        // (under the 2017 bands the same 81.26 is only B).
        ([0, 0, 1874, 626], 81.26, Mutu::A),
        // 4: 3 × 3 + 1 × 4 = 13; NRR 3.25; NIK 81.25 → B.
        ([0, 0, 3, 1], 81.25, Mutu::B),
        // 2500: 1249 × 2 + 1251 × 3 = 2498 + 3753 = 6251; NRR 2.5004; NIK 62.51 → B.
        ([0, 1249, 1251, 0], 62.51, Mutu::B),
        // 2: 2 + 3 = 5; NRR 2.5; NIK 62.50 → C.
        ([0, 1, 1, 0], 62.5, Mutu::C),
        // 2500: 624 × 1 + 1876 × 2 = 624 + 3752 = 4376; NRR 1.7504; NIK 43.76 → C.
        ([624, 1876, 0, 0], 43.76, Mutu::C),
        // 4: 1 + 3 × 2 = 7; NRR 1.75; NIK 43.75 → D.
        ([1, 3, 0, 0], 43.75, Mutu::D),
    ];
    for (counts, nik, mutu) in cases {
        let report = uniform(&old, counts).report().unwrap();
        assert_eq!(report.elements.len(), 14);
        assert_eq!((report.ikm_rounded, report.mutu), (nik, mutu), "{counts:?}");
        assert!(report.elements.iter().all(|e| e.mutu == mutu), "{counts:?}");
    }
    // The same 81.26 on the 2017 instrument is B.
    assert_eq!(
        graded(&uniform(&skm(), [0, 0, 1874, 626])),
        (81.26, Mutu::B)
    );

    // A 2004 survey with different NRRs: the index is their mean over 14.
    // Two respondents, element j (0-based) answered 1 + j mod 4 by both: NRRs 1,2,3,4,1,2,3,4,
    // 1,2,3,4,1,2 → Σ = 3 · 10 + 3 = 33; index 33/14 = 2.357142…; NIK 58.92857… → 58.93 → C.
    let row: Vec<Option<i64>> = (0..14).map(|j| Some(1 + j % 4)).collect();
    let report = skm_tally_of_rows(&old, &[row.clone(), row])
        .report()
        .unwrap();
    assert_close(report.index, 33.0 / 14.0);
    assert_eq!((report.ikm_rounded, report.mutu), (58.93, Mutu::C));
}

// ------------------------------------------------------------- printed-report compatibility

fn printed(tally: &SkmTally, compatibility: Compatibility) -> (SkmReport, layanan::PrintedIndex) {
    let report = tally
        .report_with(&SkmOptions::default().with_printed(compatibility))
        .unwrap();
    let p = report.printed.expect("printed index asked for");
    assert_eq!(p.compatibility, compatibility);
    (report, p)
}

fn w(text: &str) -> Weight {
    text.parse().unwrap()
}

#[test]
fn printed_weights_cap_a_perfect_score() {
    // All 4s: exact index 9 · (1/9) · 4 = 4 → 100.00.
    // Printed 0.111: 9 · 0.111 · 4 = 0.999 · 4 = 3.996 → 99.90.
    // Printed 0.11:  9 · 0.11 · 4 = 0.99 · 4 = 3.96 → 99.00.
    let tally = uniform(&skm(), [0, 0, 0, 10]);
    assert!(tally.report().unwrap().printed.is_none());

    let (report, p) = printed(&tally, Compatibility::printed_weight(w("0.111")));
    assert_eq!(report.ikm_rounded, 100.0); // the exact value is unchanged
    assert_close(p.index, 3.996);
    assert_close(p.ikm, 99.9);
    assert_eq!((p.ikm_rounded, p.mutu), (99.9, Mutu::A));

    let (_, p) = printed(&tally, Compatibility::printed_weight(w("0.11")));
    assert_close(p.index, 3.96);
    assert_eq!((p.ikm_rounded, p.mutu), (99.0, Mutu::A));

    // KepMenPAN 25/2004 printed with 0.071: 14 · 0.071 · 4 = 0.994 · 4 = 3.976 → 99.40.
    let (report, p) = printed(
        &uniform(&Instrument::kepmenpan_25_2004(), [0, 0, 0, 3]),
        Compatibility::printed_weight(w("0.071")),
    );
    assert_eq!(report.ikm_rounded, 100.0);
    assert_eq!((p.ikm_rounded, p.mutu), (99.4, Mutu::A));
}

#[test]
fn weight_0_11_prints_a_true_a_as_b() {
    // 50 answers: 23 × 3 + 27 × 4 = 69 + 108 = 177; NRR 3.54; exact NIK 88.50 → A.
    // 0.11:  0.99 · 3.54 = 3.5046 → 87.615 → 87.62 → B.
    // 0.111: 0.999 · 3.54 = 3.53646 → 88.4115 → 88.41 → A.
    let tally = uniform(&skm(), [0, 0, 23, 27]);
    let (report, p) = printed(&tally, Compatibility::printed_weight(w("0.11")));
    assert_eq!((report.ikm_rounded, report.mutu), (88.5, Mutu::A));
    assert_close(p.index, 3.5046);
    assert_eq!((p.ikm_rounded, p.mutu), (87.62, Mutu::B));
    let (_, p) = printed(&tally, Compatibility::printed_weight(w("0.111")));
    assert_eq!((p.ikm_rounded, p.mutu), (88.41, Mutu::A));

    // Where the trap ends. 2500 answers: 1081 × 3 + 1419 × 4 = 3243 + 5676 = 8919; NRR
    // 3.5676; exact NIK 89.19 → A; 0.11: 0.99 · 89.19 = 88.2981 → 88.30 → B.
    let (report, p) = printed(
        &uniform(&skm(), [0, 0, 1081, 1419]),
        Compatibility::printed_weight(w("0.11")),
    );
    assert_eq!((report.ikm_rounded, report.mutu), (89.19, Mutu::A));
    assert_eq!((p.ikm_rounded, p.mutu), (88.3, Mutu::B));
    // 250 answers: 108 × 3 + 142 × 4 = 324 + 568 = 892; NRR 3.568; exact NIK 89.20;
    // 0.11: 0.99 · 89.20 = 88.308 → 88.31 → A again. (So the band of true A scores that 0.11
    // prints as B is 88.31–89.19.)
    let (report, p) = printed(
        &uniform(&skm(), [0, 0, 108, 142]),
        Compatibility::printed_weight(w("0.11")),
    );
    assert_eq!(report.ikm_rounded, 89.2);
    assert_close(p.ikm, 88.308);
    assert_eq!((p.ikm_rounded, p.mutu), (88.31, Mutu::A));
}

#[test]
fn nrr_rounded_or_truncated_before_weighting() {
    // 8 answers: 7 × 3 + 1 × 4 = 25; NRR 3.125; exact NIK 78.125 → 78.13 → B.
    //   Round(2):    3.13 → 25 · 3.13 = 78.25
    //   Truncate(2): 3.12 → 25 · 3.12 = 78.00
    //   0.111 and Round(2):    0.999 · 3.13 = 3.12687 → 78.17175 → 78.17
    //   0.111 and Truncate(2): 0.999 · 3.12 = 3.11688 → 77.922  → 77.92
    let tally = uniform(&skm(), [0, 0, 7, 1]);
    assert_eq!(graded(&tally), (78.13, Mutu::B));
    let cases = [
        (Compatibility::nrr_only(NrrRounding::Round(2)), 3.13, 78.25),
        (
            Compatibility::nrr_only(NrrRounding::Truncate(2)),
            3.12,
            78.0,
        ),
        (
            Compatibility::printed_weight(w("0.111")).with_nrr(NrrRounding::Round(2)),
            3.12687,
            78.17,
        ),
        (
            Compatibility::printed_weight(w("0.111")).with_nrr(NrrRounding::Truncate(2)),
            3.11688,
            77.92,
        ),
        (Compatibility::nrr_only(NrrRounding::Exact), 3.125, 78.13),
    ];
    for (c, index, nik) in cases {
        let (_, p) = printed(&tally, c);
        assert_close(p.index, index);
        assert_close(p.ikm, 25.0 * index);
        assert_eq!((p.ikm_rounded, p.mutu), (nik, Mutu::B), "{c:?}");
    }

    // Truncation can cost a grade where rounding does not. 15 answers: 14 × 3 + 1 × 4 = 46;
    // NRR 46/15 = 3.0666…; exact NIK 76.666… → 76.67 → B.
    //   Round(2):    3.07 → 76.75 → B
    //   Truncate(2): 3.06 → 76.50 → C
    let tally = uniform(&skm(), [0, 0, 14, 1]);
    assert_eq!(graded(&tally), (76.67, Mutu::B));
    let (_, p) = printed(&tally, Compatibility::nrr_only(NrrRounding::Round(2)));
    assert_eq!((p.ikm_rounded, p.mutu), (76.75, Mutu::B));
    let (_, p) = printed(&tally, Compatibility::nrr_only(NrrRounding::Truncate(2)));
    assert_eq!((p.ikm_rounded, p.mutu), (76.5, Mutu::C));

    // Either way a true A just over the edge drops to B. 400 answers: 187 × 3 + 213 × 4 =
    // 561 + 852 = 1413; NRR 3.5325; exact NIK 88.3125 → 88.31 → A; 2 decimals: 3.53 → 88.25.
    let tally = uniform(&skm(), [0, 0, 187, 213]);
    assert_eq!(graded(&tally), (88.31, Mutu::A));
    for rounding in [NrrRounding::Round(2), NrrRounding::Truncate(2)] {
        let (_, p) = printed(&tally, Compatibility::nrr_only(rounding));
        assert_eq!((p.ikm_rounded, p.mutu), (88.25, Mutu::B), "{rounding:?}");
    }
}

// ------------------------------------------------------------------ custom instruments

#[test]
fn an_extra_element_gets_equal_weights_of_one_tenth() {
    let parkir = Element::new("parkir", "Parkir", "parking").unwrap();
    let ten = skm().with_element(parkir).unwrap();
    assert_eq!(ten.len(), 10);
    assert!(
        ten.weights()
            .iter()
            .all(|w| *w == Weight::new(1, 10).unwrap())
    );
    assert_eq!(ten.bands(), skm().bands());
    // Two respondents: 4 on the nine standard elements, 1 on parking.
    // index = (9 · 4 + 1) / 10 = 37/10 = 3.7; NIK 92.50 → A.
    let mut row = vec![Some(4); 9];
    row.push(Some(1));
    let tally = skm_tally_of_rows(&ten, &[row.clone(), row]);
    let report = tally.report().unwrap();
    assert_eq!(report.elements[9].code, "U10");
    assert_eq!(report.elements[9].key, "parkir");
    assert_eq!(report.elements[9].weight, Weight::new(1, 10).unwrap());
    assert_close(report.index, 3.7);
    assert_eq!((report.ikm_rounded, report.mutu), (92.5, Mutu::A));
    assert_eq!(report.follow_up[0], "parkir");

    // Answers to the 9-element questionnaire are matched by key: parking stays blank, so its
    // NRR — and the index — is undefined.
    let mut tally = SkmTally::new(ten.clone());
    tally
        .push_answers(&skm().answers_from_row(&[4; 9]).unwrap())
        .unwrap();
    assert_eq!(tally.answer_counts("persyaratan").unwrap(), [0, 0, 0, 1]);
    assert_eq!(tally.answer_counts("parkir").unwrap(), [0, 0, 0, 0]);
    let err = tally.report().unwrap_err();
    assert_eq!(
        err.to_string(),
        "NRR of element `parkir` needs at least 1 observation, got 0"
    );
}

#[test]
fn reweighting_that_sums_to_one() {
    // Persyaratan 1/5, the other eight 1/10: 1/5 + 8/10 = 1.
    let mut weights: Vec<(&str, Weight)> = SKM_2017_KEYS
        .iter()
        .map(|k| (*k, Weight::new(1, 10).unwrap()))
        .collect();
    weights[0].1 = Weight::new(1, 5).unwrap();
    let reweighted = skm().with_weights(&weights).unwrap();
    // Two respondents: persyaratan 1 and 1 (NRR 1); the rest 3 and 4 (NRR 3.5).
    //   reweighted: 1/5 · 1 + 8/10 · 3.5 = 0.2 + 2.8 = 3.0 → NIK 75.00 → C
    //   equal 1/9:  (1 + 8 · 3.5) / 9 = 29/9 = 3.2222… → 80.555… → 80.56 → B
    let rows = [
        [1, 3, 3, 3, 3, 3, 3, 3, 3].map(Some).to_vec(),
        [1, 4, 4, 4, 4, 4, 4, 4, 4].map(Some).to_vec(),
    ];
    let report = skm_tally_of_rows(&reweighted, &rows).report().unwrap();
    assert_eq!(report.elements[0].weight, Weight::new(1, 5).unwrap());
    assert_close(report.elements[0].weighted_nrr, 0.2);
    assert_close(report.index, 3.0);
    assert_eq!((report.ikm_rounded, report.mutu), (75.0, Mutu::C));
    let equal = skm_tally_of_rows(&skm(), &rows).report().unwrap();
    assert_close(equal.index, 29.0 / 9.0);
    assert_eq!((equal.ikm_rounded, equal.mutu), (80.56, Mutu::B));

    // Printed weights in thousandths that do add up: 0.12 + 8 · 0.11 = 1.
    let mut printed_weights: Vec<(&str, Weight)> =
        SKM_2017_KEYS.iter().map(|k| (*k, w("0.11"))).collect();
    printed_weights[8].1 = w("0.12");
    let reweighted = skm().with_weights(&printed_weights).unwrap();
    assert_eq!(reweighted.weights()[8], Weight::new(3, 25).unwrap());
}

#[test]
fn weights_that_do_not_sum_to_one_are_rejected() {
    // Nine weights of 1/10 sum to 9/10.
    let tenths: Vec<(&str, Weight)> = SKM_2017_KEYS
        .iter()
        .map(|k| (*k, Weight::new(1, 10).unwrap()))
        .collect();
    let err = skm().with_weights(&tenths).unwrap_err();
    assert_eq!(err, Error::WeightsDoNotSumToOne { sum: "9/10".into() });
    assert_eq!(err.to_string(), "weights must sum to 1, got 9/10");

    // The printed 0.111 as a real weight: 9 · 0.111 = 0.999 = 999/1000.
    let thousandths: Vec<(&str, Weight)> = SKM_2017_KEYS.iter().map(|k| (*k, w("0.111"))).collect();
    let err = skm().with_weights(&thousandths).unwrap_err();
    assert_eq!(err.to_string(), "weights must sum to 1, got 999/1000");

    // One weight too many: 2/5 + 8/10 = 6/5.
    let mut heavy = tenths.clone();
    heavy[0].1 = Weight::new(2, 5).unwrap();
    assert_eq!(
        skm().with_weights(&heavy).unwrap_err(),
        Error::WeightsDoNotSumToOne { sum: "6/5".into() }
    );
}

// -------------------------------------------------------------------- too little data

#[test]
fn empty_tally_has_no_index() {
    let err = SkmTally::new(skm()).report().unwrap_err();
    assert_eq!(
        err,
        Error::NoData {
            what: "answered questionnaires".into()
        }
    );
    assert_eq!(err.to_string(), "no answered questionnaires to report");
    assert_eq!(SkmTally::default().report().unwrap_err(), err);
}

#[test]
fn an_element_nobody_answered_has_no_nrr() {
    // Two questionnaires, both with U9 (pengaduan) blank: its NRR is 0/0.
    let row: Vec<Option<i64>> = [Some(4); 8].into_iter().chain([None]).collect();
    let tally = skm_tally_of_rows(&skm(), &[row.clone(), row]);
    let err = tally.report().unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientData {
            what: "NRR of element `pengaduan`".into(),
            needed: 1,
            got: 0
        }
    );
    assert_eq!(
        err.to_string(),
        "NRR of element `pengaduan` needs at least 1 observation, got 0"
    );

    // A questionnaire returned entirely blank is no respondent: counted apart, it answers
    // nothing and leaves nothing to report.
    let tally = skm_tally_of_rows(&skm(), &[vec![None; 9]]);
    assert_eq!((tally.responses(), tally.blank_questionnaires()), (0, 1));
    assert_eq!(
        tally.report().unwrap_err().to_string(),
        "no answered questionnaires to report"
    );
}

// ------------------------------------------------------------------------ sample size

#[test]
fn population_check_met_and_not_met() {
    // N = 100: S = 3.841 · 100 · 0.25 / (0.0025 · 99 + 3.841 · 0.25)
    //            = 96.025 / (0.2475 + 0.96025) = 96.025 / 1.20775 = 79.507… → 80.
    let options = SkmOptions::default().with_population(100);
    let eighty = uniform(&skm(), [0, 0, 40, 40]);
    let sample = eighty.report_with(&options).unwrap().sample.unwrap();
    assert_eq!(
        (
            sample.population,
            sample.required,
            sample.respondents,
            sample.met
        ),
        (100, 80, 80, true)
    );
    let seventy_nine = uniform(&skm(), [0, 0, 40, 39]);
    let sample = seventy_nine.report_with(&options).unwrap().sample.unwrap();
    assert_eq!(
        (
            sample.population,
            sample.required,
            sample.respondents,
            sample.met
        ),
        (100, 80, 79, false)
    );
    // N = 1000 → 278: 80 questionnaires are far from enough.
    let sample = eighty
        .report_with(&SkmOptions::default().with_population(1000))
        .unwrap()
        .sample
        .unwrap();
    assert_eq!((sample.required, sample.met), (278, false));
    // Not asked: no check.
    assert_eq!(eighty.report().unwrap().sample, None);
    // A population of 0 is an error, not a vacuous pass.
    let err = eighty
        .report_with(&SkmOptions::default().with_population(0))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("population must be between 1 and {}, got 0", i64::MAX)
    );
}

#[test]
fn slovin_by_hand() {
    // n = N / (1 + N·e²), rounded up (a whole number stays as it is).
    // 1000 / (1 + 1000 · 0.0025) = 1000 / 3.5 = 285.71… → 286
    assert_eq!(slovin(1000, 0.05).unwrap(), 286);
    // 1000 / (1 + 10) = 90.9… → 91
    assert_eq!(slovin(1000, 0.10).unwrap(), 91);
    // 100 / (1 + 0.25) = 80 exactly → 80 (not 81 from floating-point noise)
    assert_eq!(slovin(100, 0.05).unwrap(), 80);
    // 400 / (1 + 1) = 200 exactly
    assert_eq!(slovin(400, 0.05).unwrap(), 200);
    // 10000 / 26 = 384.6… → 385
    assert_eq!(slovin(10_000, 0.05).unwrap(), 385);
    // 500 / (1 + 5) = 83.3… → 84
    assert_eq!(slovin(500, 0.10).unwrap(), 84);
    // 1 / 1.0025 = 0.9975… → 1
    assert_eq!(slovin(1, 0.05).unwrap(), 1);
    // 1_000_000 / 2501 = 399.84… → 400
    assert_eq!(slovin(1_000_000, 0.05).unwrap(), 400);
    assert!(slovin(0, 0.05).is_err());
    for margin in [0.0, 1.0, -0.05, f64::NAN, f64::INFINITY] {
        assert!(
            matches!(
                slovin(1000, margin),
                Err(stats::Error::InvalidProbability { .. })
            ),
            "{margin}"
        );
    }
}

/// The whole table of Krejcie & Morgan (1970), "Determining sample size for research
/// activities", Educational and Psychological Measurement 30, 607–610, Table 1 (90 entries,
/// N = 10 to 1,000,000), as published: the formula rounded to nearest must reproduce every row.
#[test]
fn krejcie_morgan_reproduces_the_published_table() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/krejcie_morgan.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    assert_eq!(reader.headers().unwrap(), vec!["population", "sample"]);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        let population: u64 = record[0].parse().unwrap();
        let sample: u64 = record[1].parse().unwrap();
        rows.push((population, sample));
    }
    assert_eq!(rows.len(), 90);
    assert_eq!(rows.first(), Some(&(10, 10)));
    assert_eq!(rows.last(), Some(&(1_000_000, 384)));
    assert!(rows.windows(2).all(|p| p[0].0 < p[1].0 && p[0].1 <= p[1].1));
    let wrong: Vec<_> = rows
        .iter()
        .filter(|(n, s)| krejcie_morgan(*n).unwrap() != *s)
        .map(|(n, s)| (*n, *s, krejcie_morgan(*n).unwrap()))
        .collect();
    assert!(wrong.is_empty(), "(N, published, formula): {wrong:?}");
    // Beyond the table: 1 → 1, and the size never passes 384 (χ²·P(1−P)/d² = 384.16).
    assert_eq!(krejcie_morgan(1).unwrap(), 1);
    assert_eq!(krejcie_morgan(u64::MAX).unwrap(), 384);
    assert!(krejcie_morgan(0).is_err());
}

// ------------------------------------------------ blanks, reweighting, populations, printouts

/// Blank questionnaires are counted apart: neither respondents nor part of the sample size.
/// Three answered and 400 blank against a population of 5 000 (357 required): not met.
#[test]
fn blank_questionnaires_are_not_respondents() {
    let mut rows = vec![vec![Some(3); 9]; 3];
    rows.extend(std::iter::repeat_n(vec![None; 9], 400));
    let tally = skm_tally_of_rows(&skm(), &rows);
    let report = tally
        .report_with(&SkmOptions::default().with_population(5_000))
        .unwrap();
    assert_eq!((report.respondents, report.blank_questionnaires), (3, 400));
    let sample = report.sample.unwrap();
    assert_eq!(
        (sample.required, sample.respondents, sample.met),
        (357, 3, false)
    );
}

/// Nobody answered complaint handling: refused by default; with reweighting the other eight
/// elements weigh 1/8 each (the exact 1/9 over 8/9) and the report says which was left out.
/// NRRs 4 × 7 and 3 (answers 2 and 4): index 31/8 = 3.875, IKM 96.875 → 96.88, A.
#[test]
fn unanswered_elements_can_be_reweighted() {
    let rows = [
        [4, 4, 4, 4, 4, 4, 4, 2]
            .map(Some)
            .into_iter()
            .chain([None])
            .collect(),
        [4, 4, 4, 4, 4, 4, 4, 4]
            .map(Some)
            .into_iter()
            .chain([None])
            .collect(),
    ];
    let tally = skm_tally_of_rows(&skm(), &rows);
    assert!(matches!(
        tally.report(),
        Err(Error::InsufficientData { .. })
    ));
    let report = tally
        .report_with(&SkmOptions::default().with_reweighting())
        .unwrap();
    assert_eq!(report.left_out, ["pengaduan"]);
    assert_eq!(report.elements.len(), 8);
    let eighth = Weight::new(1, 8).unwrap();
    assert!(report.elements.iter().all(|e| e.weight == eighth));
    assert_close(report.index, 3.875);
    assert_eq!((report.ikm_rounded, report.mutu), (96.88, Mutu::A));
    // Every element answered: reweighting changes nothing.
    let full = uniform(&skm(), [0, 0, 1, 1]);
    assert_eq!(
        full.report_with(&SkmOptions::default().with_reweighting())
            .unwrap(),
        full.report().unwrap()
    );
}

/// A known population narrows the IKM's interval by √((N − n)/(N − 1)): 80 of 100 →
/// √(20/99); a census (n = N) has no sampling error; fewer people than questionnaires is an
/// error.
#[test]
fn finite_population_correction() {
    let eighty = uniform(&skm(), [0, 10, 30, 40]);
    let plain = eighty.report().unwrap();
    let corrected = eighty
        .report_with(&SkmOptions::default().with_population(100))
        .unwrap();
    let factor = (20.0f64 / 99.0).sqrt();
    assert_close(corrected.finite_population_correction.unwrap(), factor);
    assert_close(
        corrected.standard_error.unwrap(),
        plain.standard_error.unwrap() * factor,
    );
    let (ci, raw) = (corrected.interval.unwrap(), plain.interval.unwrap());
    assert_close(
        ci.upper() - ci.estimate(),
        (raw.upper() - raw.estimate()) * factor,
    );
    assert_eq!(corrected.ikm, plain.ikm);
    let census = eighty
        .report_with(&SkmOptions::default().with_population(80))
        .unwrap();
    assert_eq!(census.standard_error, Some(0.0));
    let err = eighty
        .report_with(&SkmOptions::default().with_population(79))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("population must be between 80 and {}, got 79", i64::MAX)
    );
}

/// Some 2004 printouts round the index to 3 decimals before ×25: NRRs 11/3, 11/3, 10/3, 4,
/// 10/3, 11/3, 11/3, 10/3, 8/3 give the index 94/27 = 3.481481…; exactly 87.04 (B), printed
/// 3.481 × 25 = 87.025 → 87.03.
#[test]
fn a_printout_that_rounds_the_index() {
    let rows: Vec<Vec<Option<i64>>> = [
        [4, 4, 3, 4, 3, 4, 4, 3, 3],
        [3, 4, 3, 4, 4, 4, 3, 3, 2],
        [4, 3, 4, 4, 3, 3, 4, 4, 3],
    ]
    .iter()
    .map(|r| r.map(Some).to_vec())
    .collect();
    let tally = skm_tally_of_rows(&skm(), &rows);
    let printout = Compatibility::nrr_only(NrrRounding::Exact).with_index(NrrRounding::Round(3));
    let report = tally
        .report_with(&SkmOptions::default().with_printed(printout))
        .unwrap();
    assert_eq!(report.ikm_rounded, 87.04);
    let printed = report.printed.unwrap();
    assert_close(printed.index, 3.481);
    assert_eq!((printed.ikm_rounded, printed.mutu), (87.03, Mutu::B));
}

/// KepMenPAN 25/2004 grades on either column of its table. 100 respondents answering 14
/// elements, 49 of them summing 45 and 51 summing 46: index 4551/1400 = 3.250714…, NIK
/// 81.2679 → 81.27: A on the NIK column (from 81.26); on the index column at 2 decimals,
/// 3.25 is B (A from 3.26).
#[test]
fn the_2004_table_grades_on_either_column() {
    let old = Instrument::kepmenpan_25_2004();
    let low: Vec<Option<i64>> = [4, 4, 4].into_iter().chain([3; 11]).map(Some).collect();
    let high: Vec<Option<i64>> = [4, 4, 4, 4].into_iter().chain([3; 10]).map(Some).collect();
    let mut rows = vec![low; 49];
    rows.extend(vec![high; 51]);
    let tally = skm_tally_of_rows(&old, &rows);
    let report = tally.report().unwrap();
    assert_close(report.index, 4551.0 / 1400.0);
    assert_eq!((report.ikm_rounded, report.mutu), (81.27, Mutu::A));
    let on_index = Compatibility::nrr_only(NrrRounding::Exact).grade_on_index(2);
    let printed = tally
        .report_with(&SkmOptions::default().with_printed(on_index))
        .unwrap()
        .printed
        .unwrap();
    assert_eq!(printed.mutu, Mutu::B);
    // At 4 decimals the index column agrees with the NIK column (3.2507 ≥ 3.2504).
    let on_index = Compatibility::nrr_only(NrrRounding::Exact).grade_on_index(4);
    let printed = tally
        .report_with(&SkmOptions::default().with_printed(on_index))
        .unwrap()
        .printed
        .unwrap();
    assert_eq!(printed.mutu, Mutu::A);
    // And the printed weight 0.071 for 1/14, one flag away: 14 × 0.071 = 0.994 of the index.
    let printout = Compatibility::printed_weight(Weight::new(71, 1000).unwrap());
    let printed = tally
        .report_with(&SkmOptions::default().with_printed(printout))
        .unwrap()
        .printed
        .unwrap();
    assert_close(printed.index, 0.994 * 4551.0 / 1400.0);
}
