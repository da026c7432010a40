//! Empathy: direct ratings, SKM answers on courtesy and complaint handling, SERVQUAL gaps —
//! one definition per source, reported side by side.
//!
//! Hand-worked cases (arithmetic in the comments): the top-two-box share of ratings on 1–5 and
//! 0–10 with Wilson's interval; the SKM courtesy (perilaku, or kesopanan in 2004) and
//! complaint-handling (pengaduan) elements as NRR × 25 with their t intervals and grades; the
//! SERVQUAL gap; ratings on another scale refused; JSON forms and tampered tallies. The tally
//! laws are in `laws`.

use layanan::prelude::*;
use layanan::{
    EmpathyTally, Error, Instrument, Interaction, Mutu, Rating, RatingScale, SkmAnswers, Timestamp,
};

use crate::support::{QUANTILE_TOL, assert_close, assert_wilson_share};

/// `t(0.975, df)` for df = 1, 2, 3, 4 (tables; scipy.stats.t.ppf).
const T975: [f64; 4] = [
    12.706204736174698,
    4.302652729749464,
    3.182446305284263,
    2.7764451051977934,
];

fn rated(rating: Rating) -> Interaction {
    Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0))
        .empathy(rating)
        .build()
        .unwrap()
}

fn answered(answers: SkmAnswers) -> Interaction {
    Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0))
        .skm(answers)
        .build()
        .unwrap()
}

/// 2017 answers to perilaku (U7) and pengaduan (U9), either possibly blank.
fn skm_2017(perilaku: Option<i64>, pengaduan: Option<i64>) -> SkmAnswers {
    let skm = Instrument::permenpanrb_14_2017();
    let mut b = skm.answers();
    if let Some(v) = perilaku {
        b = b.set("perilaku", v).unwrap();
    }
    if let Some(v) = pengaduan {
        b = b.set("pengaduan", v).unwrap();
    }
    b.build()
}

fn tally_of<'a>(
    tally: EmpathyTally,
    visits: impl IntoIterator<Item = &'a Interaction>,
) -> EmpathyTally {
    let mut tally = tally;
    for v in visits {
        tally.push(v).unwrap();
    }
    tally
}

/// Ratings 5, 4, 4, 2, 1 on 1–5: the top two boxes (4 and 5) hold 3 of 5, Wilson's interval;
/// mean 16/5 = 3.2, s² = (3.24 + 0.64 + 0.64 + 1.44 + 4.84)/4 = 2.7, se = √(2.7/5), t(0.975, 4).
#[test]
fn top_two_boxes_on_five_points() {
    let five = RatingScale::FIVE_POINT;
    let visits: Vec<Interaction> = [5, 4, 4, 2, 1]
        .into_iter()
        .map(|r| rated(five.rating(r).unwrap()))
        .collect();
    let report = tally_of(EmpathyTally::default(), &visits).report().unwrap();
    let ratings = report.ratings.unwrap();
    assert_eq!(ratings.scale, five);
    assert_eq!(ratings.n, 5);
    assert_eq!(ratings.counts, [1, 1, 0, 2, 1]);
    assert_wilson_share(&ratings.top_two, 3, 5);
    assert_close(ratings.mean, 3.2, 1e-15);
    let mean = ratings.mean_interval.unwrap();
    assert_close(mean.estimate(), 3.2, 1e-15);
    let half = T975[3] * (2.7f64 / 5.0).sqrt();
    assert_close(mean.estimate() - mean.lower(), half, QUANTILE_TOL);
    // 3.2 + 2.34 is past the scale: the interval is held at its top.
    assert_eq!(mean.upper(), 5.0);
    // No SKM answers: those sources are absent, not zero.
    assert_eq!((report.courtesy, report.complaint_handling), (None, None));
}

/// On 0–10 the top two boxes are 9 and 10: ratings 10, 9, 8, 3 → 2 of 4.
#[test]
fn top_two_boxes_on_eleven_points() {
    let scale = RatingScale::new(0, 10).unwrap();
    let visits: Vec<Interaction> = [10, 9, 8, 3]
        .into_iter()
        .map(|r| rated(scale.rating(r).unwrap()))
        .collect();
    let tally = tally_of(
        EmpathyTally::new(scale, Instrument::permenpanrb_14_2017()),
        &visits,
    );
    let ratings = tally.report().unwrap().ratings.unwrap();
    assert_eq!((ratings.top_two.count, ratings.top_two.of), (2, 4));
    assert_eq!(ratings.counts.len(), 11);
}

/// A rating on another scale than the tally's is refused, naming both; the tally is unchanged.
#[test]
fn ratings_on_another_scale_are_refused() {
    let mut tally = EmpathyTally::default();
    let seven = RatingScale::new(1, 7).unwrap();
    let err = tally.push(&rated(seven.rating(6).unwrap())).unwrap_err();
    assert_eq!(
        err,
        Error::ScaleMismatch {
            field: "empathy".into(),
            expected: RatingScale::FIVE_POINT,
            got: seven,
        }
    );
    assert_eq!(err.to_string(), "empathy is on scale 1..=7, expected 1..=5");
    assert_eq!(tally, EmpathyTally::default());
}

/// Courtesy (perilaku) 4, 3, 3, 2: NRR 12/4 = 3, × 25 = 75.00, grade C (65.00–76.60);
/// s² = (1 + 0 + 0 + 1)/3 = 2/3, se = √(2/3 / 4), ± t(0.975, 3). Complaint handling
/// (pengaduan) 4, 4: NRR 4, × 25 = 100, A; one blank. Direct ratings absent.
///
/// The same answers score the same whatever else the visits carry: a direct rating beside
/// them does not replace them.
#[test]
fn skm_courtesy_and_complaint_handling_on_the_skm_scale() {
    let visits = [
        answered(skm_2017(Some(4), Some(4))),
        answered(skm_2017(Some(3), None)),
        answered(skm_2017(Some(3), Some(4))),
        answered(skm_2017(Some(2), None)),
    ];
    let report = tally_of(EmpathyTally::default(), &visits).report().unwrap();
    assert_eq!(report.ratings, None);
    let courtesy = report.courtesy.clone().unwrap();
    assert_eq!(courtesy.key, "perilaku");
    assert_eq!(courtesy.name, "Perilaku Pelaksana");
    assert_eq!((courtesy.n, courtesy.counts), (4, [0, 1, 2, 1]));
    assert_eq!(
        (courtesy.nrr, courtesy.score, courtesy.mutu),
        (3.0, 75.0, Mutu::C)
    );
    let ci = courtesy.score_interval.unwrap();
    assert_close(
        ci.estimate() - ci.lower(),
        25.0 * T975[2] * (2.0f64 / 3.0 / 4.0).sqrt(),
        QUANTILE_TOL,
    );
    // 75 + 32.5 is past the SKM scale: held at 100.
    assert_eq!(ci.upper(), 100.0);
    let handling = report.complaint_handling.clone().unwrap();
    assert_eq!(handling.key, "pengaduan");
    assert_eq!((handling.n, handling.nrr, handling.score), (2, 4.0, 100.0));
    assert_eq!(handling.mutu, Mutu::A);

    let five = RatingScale::FIVE_POINT;
    let mut with_ratings = visits.to_vec();
    with_ratings.push(rated(five.rating(1).unwrap()));
    with_ratings.push(rated(five.rating(2).unwrap()));
    let both = tally_of(EmpathyTally::default(), &with_ratings)
        .report()
        .unwrap();
    assert_eq!(both.courtesy, report.courtesy);
    assert_eq!(both.complaint_handling, report.complaint_handling);
    assert_eq!(both.ratings.unwrap().top_two.count, 0);
}

/// A courtesy NRR of 3.0644 is 76.61 on the SKM scale: graded B exactly as the SKM table grades
/// it (the band starts at 76.61). 5 000 answers: 1 322 fours and 2 678 threes and 1 000 twos
/// give 15 322/5 000 = 3.0644.
#[test]
fn the_skm_scale_grades_on_band_edges_as_the_index_does() {
    let mut tally = EmpathyTally::default();
    for (answer, n) in [(4, 1_322), (3, 2_678), (2, 1_000)] {
        let visit = answered(skm_2017(Some(answer), None));
        for _ in 0..n {
            tally.push(&visit).unwrap();
        }
    }
    let courtesy = tally.report().unwrap().courtesy.unwrap();
    assert_close(courtesy.nrr, 3.0644, 1e-15);
    assert_eq!(courtesy.mutu, Mutu::B);
}

/// KepMenPAN 25/2004 asks about courtesy as `kesopanan`; it has no complaint-handling element.
#[test]
fn kesopanan_of_the_2004_instrument_counts_as_courtesy() {
    let old = Instrument::kepmenpan_25_2004();
    let visits = [
        answered(old.answers().set("kesopanan", 4).unwrap().build()),
        answered(old.answers().set("kesopanan", 2).unwrap().build()),
    ];
    let tally = tally_of(EmpathyTally::new(RatingScale::FIVE_POINT, old), &visits);
    let report = tally.report().unwrap();
    let courtesy = report.courtesy.unwrap();
    assert_eq!(
        (courtesy.key.as_str(), courtesy.nrr, courtesy.score),
        ("kesopanan", 3.0, 75.0)
    );
    // 75.00 on the 2004 bands (62.51–81.25) is B.
    assert_eq!(courtesy.mutu, Mutu::B);
    assert_eq!(report.complaint_handling, None);
}

/// With a single SKM answer there is an NRR but no interval.
#[test]
fn one_answer_has_no_interval() {
    let report = tally_of(
        EmpathyTally::default(),
        [&answered(skm_2017(Some(4), None))],
    )
    .report()
    .unwrap();
    let courtesy = report.courtesy.unwrap();
    assert_eq!((courtesy.n, courtesy.score), (1, 100.0));
    assert_eq!(
        (courtesy.nrr_interval, courtesy.score_interval),
        (None, None)
    );
}

/// SERVQUAL on 1–7: (perceived, expected) = (5, 6), (4, 6), (6, 5), (7, 7): gaps −1, −2, 1, 0,
/// mean −0.5; squared deviations 0.25 + 2.25 + 2.25 + 0.25 = 5, s² = 5/3, se = √(5/12);
/// ± t(0.975, 3).
#[test]
fn servqual_gap_by_hand() {
    let seven = RatingScale::new(1, 7).unwrap();
    let mut tally = EmpathyTally::default();
    for (p, e) in [(5, 6), (4, 6), (6, 5), (7, 7)] {
        tally
            .push_servqual(seven.rating(p).unwrap(), seven.rating(e).unwrap())
            .unwrap();
    }
    let report = tally.report().unwrap();
    assert_close(report.servqual_gap.unwrap(), -0.5, 1e-15);
    let gap = report.servqual_gap_interval.unwrap();
    assert_close(gap.estimate(), -0.5, 1e-15);
    assert_close(
        gap.upper() - gap.estimate(),
        T975[2] * (5.0f64 / 12.0).sqrt(),
        QUANTILE_TOL,
    );
    // Perception and expectation on different scales are refused.
    let err = tally
        .push_servqual(
            seven.rating(5).unwrap(),
            RatingScale::FIVE_POINT.rating(5).unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "SERVQUAL expectation is on scale 1..=5, expected 1..=7"
    );
}

#[test]
fn empty_tally_has_nothing_to_report() {
    let err = EmpathyTally::default().report().unwrap_err();
    assert_eq!(
        err.to_string(),
        "no empathy ratings or SKM answers on courtesy to report"
    );
    // Visits carrying neither leave it empty too.
    let plain = Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0))
        .build()
        .unwrap();
    assert!(matches!(
        tally_of(EmpathyTally::default(), [&plain]).report(),
        Err(Error::NoData { .. })
    ));
}

/// Tallies of other scales or instruments do not merge, naming what differs.
#[test]
fn tallies_of_other_settings_do_not_merge() {
    let mut five = EmpathyTally::default();
    let seven = EmpathyTally::new(
        RatingScale::new(1, 7).unwrap(),
        Instrument::permenpanrb_14_2017(),
    );
    assert_eq!(
        five.merge(&seven).unwrap_err().to_string(),
        "cannot merge empathy tallies: their rating scales differ (1..=5 vs 1..=7)"
    );
    let old = EmpathyTally::new(RatingScale::FIVE_POINT, Instrument::kepmenpan_25_2004());
    assert_eq!(
        five.merge(&old).unwrap_err().to_string(),
        "cannot merge empathy tallies: their instruments differ (`PermenPANRB 14/2017` vs \
         `KepMenPAN 25/2004`)"
    );
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::support::json::round_trip;
    use serde_json::json;

    #[test]
    fn empathy_reports_round_trip() {
        let five = RatingScale::FIVE_POINT;
        let visits = vec![
            answered(skm_2017(Some(4), Some(2))),
            answered(skm_2017(Some(3), None)),
            rated(five.rating(4).unwrap()),
            rated(five.rating(2).unwrap()),
        ];
        let mut tally = tally_of(EmpathyTally::default(), &visits);
        tally
            .push_servqual(five.rating(3).unwrap(), five.rating(4).unwrap())
            .unwrap();
        tally
            .push_servqual(five.rating(5).unwrap(), five.rating(4).unwrap())
            .unwrap();
        round_trip(&tally.report().unwrap());
        round_trip(&tally);
    }

    /// Tallies travel between workers as JSON, so their counts are user data: a report on
    /// counts that pass `u64::MAX` together (a state merging can reach) is an error, never a
    /// panic; rating counts that do not match the scale are refused on read.
    #[test]
    fn tampered_counts_are_an_error_not_a_panic() {
        let mut json = serde_json::to_value(tally_of(
            EmpathyTally::default(),
            [&answered(skm_2017(Some(4), Some(3)))],
        ))
        .unwrap();
        json["courtesy"] = json!([u64::MAX, 0, 0, 1]);
        let tally: EmpathyTally = serde_json::from_value(json.clone()).unwrap();
        let result = tally.report();
        assert!(matches!(result, Err(Error::Overflow { .. })), "{result:?}");
        json["ratings"] = json!([0, 0, 1]);
        let err = serde_json::from_value::<EmpathyTally>(json).unwrap_err();
        assert!(
            err.to_string()
                .contains("3 rating counts for a scale of 5 values"),
            "{err}"
        );
    }
}

/// Every score has one shape (issue 15, item 22): the estimate is always there once something
/// was counted (`f64`, or a `Share` for a proportion), and its interval stands beside it as
/// `…_interval`, `None` below 2 observations. One rating, one effort rating, one SERVQUAL pair:
/// each has its value and no interval.
#[test]
fn one_observation_has_its_score_and_no_interval() {
    let five = RatingScale::FIVE_POINT;
    let report = tally_of(EmpathyTally::default(), [&rated(five.rating(4).unwrap())])
        .report()
        .unwrap();
    let ratings = report.ratings.unwrap();
    assert_eq!(
        (ratings.n, ratings.mean, ratings.mean_interval),
        (1, 4.0, None)
    );

    let mut gap = EmpathyTally::default();
    gap.push_servqual(five.rating(3).unwrap(), five.rating(5).unwrap())
        .unwrap();
    let report = gap.report().unwrap();
    assert_eq!(
        (report.servqual_gap, report.servqual_gap_interval),
        (Some(-2.0), None)
    );

    let mut ces = layanan::CesTally::new(five);
    ces.push(&five.rating(2).unwrap()).unwrap();
    let report = ces.report().unwrap();
    assert_eq!(
        (report.n, report.mean, report.mean_interval),
        (1, 2.0, None)
    );

    // From two on, the interval is around the same estimate.
    ces.push(&five.rating(3).unwrap()).unwrap();
    let report = ces.report().unwrap();
    let interval = report.mean_interval.unwrap();
    assert_eq!((report.mean, interval.estimate()), (2.5, 2.5));
}
