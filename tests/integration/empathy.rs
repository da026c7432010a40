//! Empathy: direct ratings, SKM answers on courtesy and complaint handling, SERVQUAL gaps, and
//! complaints.
//!
//! Hand-worked cases (arithmetic in the comments): ratings on 1–5 and 0–10 rescaled to 0–100
//! with Student's t interval; the fallback to SKM answers (perilaku and pengaduan of PermenPANRB
//! 14/2017, kesopanan of KepMenPAN 25/2004) below 2 ratings; the SERVQUAL gap; complaints
//! filed, responded, resolved, within a working-day target and a time target, with their
//! medians; JSON forms and tampered tallies. The tally laws are in `laws`.

use layanan::prelude::*;
use layanan::stats::{Moments, ProportionMethod, QuantileType, proportion_interval};
use layanan::{
    Calendar, Complaint, ComplaintTally, Completion, Date, EmpathySource, EmpathyTally, Error,
    Instrument, Interaction, Level, Rating, RatingScale, SkmAnswers, TimeSpan, Timestamp,
};

use crate::support::{QUANTILE_TOL, assert_close, at};

/// `t(0.975, df)` for df = 1, 2, 4, 6 (tables; scipy.stats.t.ppf).
const T975: [(f64, f64); 4] = [
    (1.0, 12.706204736174707),
    (2.0, 4.302652729911275),
    (4.0, 2.7764451051977987),
    (6.0, 2.4469118511449692),
];

fn t975(df: f64) -> f64 {
    T975.iter().find(|(d, _)| *d == df).expect("tabulated").1
}

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
    let mut b = skm.answers().set("persyaratan", 3).unwrap();
    if let Some(v) = perilaku {
        b = b.set("perilaku", v).unwrap();
    }
    if let Some(v) = pengaduan {
        b = b.set("pengaduan", v).unwrap();
    }
    b.build()
}

fn tally_of<'a>(visits: impl IntoIterator<Item = &'a Interaction>) -> EmpathyTally {
    let mut tally = EmpathyTally::new();
    for v in visits {
        tally.push(v).unwrap();
    }
    tally
}

/// Ratings 5, 4, 4, 2 on 1–5: (r − 1)/4 × 100 = 100, 75, 75, 25. Ratings 10, 7, 3 on 0–10:
/// r/10 × 100 = 100, 70, 30. Mean 475/7 = 67.857143; Σx² = 37 675, SS = 37 675 − 475²/7 =
/// 5 442.857, s² = 907.1429, se = √(907.1429/7) = 11.383841; t(0.975, 6) = 2.4469119:
/// ± 27.855 → [40.002, 95.713].
#[test]
fn ratings_on_two_scales_rescaled_by_hand() {
    let five = RatingScale::new(1, 5).unwrap();
    let ten = RatingScale::new(0, 10).unwrap();
    let ratings: Vec<Rating> = [5, 4, 4, 2]
        .map(|r| five.rating(r).unwrap())
        .into_iter()
        .chain([10, 7, 3].map(|r| ten.rating(r).unwrap()))
        .collect();
    let tally = tally_of(&ratings.iter().copied().map(rated).collect::<Vec<_>>());
    let report = tally.report().unwrap();
    assert_eq!(report.ratings, 7);
    assert_eq!(report.score_source, Some(EmpathySource::Ratings));
    let score = report.score.unwrap();
    assert_close(score.estimate(), 475.0 / 7.0, 1e-14);
    let ss = 37_675.0 - 475.0 * 475.0 / 7.0;
    let se = (ss / 6.0 / 7.0f64).sqrt();
    assert_close(report.score_standard_error.unwrap(), se, 1e-13);
    assert_close(se, 11.383841, 1e-7);
    assert_close(score.lower(), 475.0 / 7.0 - t975(6.0) * se, QUANTILE_TOL);
    assert_close(score.upper(), 475.0 / 7.0 + t975(6.0) * se, QUANTILE_TOL);
    assert_close(score.lower(), 40.002, 1e-4);
    assert_close(score.upper(), 95.713, 1e-4);

    // The interval is `Moments::mean_interval` of the rescaled values, pushed in the same order.
    let rescaled: Moments = ratings
        .iter()
        .map(|r| {
            let (lo, hi) = (r.scale().min(), r.scale().max());
            f64::from(r.value() - lo) / f64::from(hi - lo) * 100.0
        })
        .collect();
    assert_eq!(score, rescaled.mean_interval(Level::default()).unwrap());
    assert_eq!(report.score_standard_error, Some(rescaled.sem().unwrap()));
    // And equal, to rounding, to the hand values 100, 75, 75, 25, 100, 70, 30.
    let by_hand: Moments = [100.0, 75.0, 75.0, 25.0, 100.0, 70.0, 30.0]
        .into_iter()
        .collect();
    let hand = by_hand.mean_interval(Level::default()).unwrap();
    assert_close(score.lower(), hand.lower(), 1e-13);
    assert_close(score.upper(), hand.upper(), 1e-13);

    // The ends of a scale are 0 and 100, whatever the scale.
    for (lo, hi) in [(1u8, 5u8), (0, 10), (1, 7), (0, 1)] {
        let scale = RatingScale::new(lo, hi).unwrap();
        let t = tally_of(&[
            rated(scale.rating(lo.into()).unwrap()),
            rated(scale.rating(hi.into()).unwrap()),
        ]);
        assert_eq!(t.report().unwrap().score.unwrap().estimate(), 50.0);
    }
}

/// One rating is too few (fewer than 2): the score falls back to the SKM answers on perilaku
/// (4, 3, 3) and pengaduan (2, 4), pooled: 4 3 3 2 4, mean 16/5 = 3.2, rescaled (3.2 − 1)/3 ×
/// 100 = 73.333. s² = (0.64 + 0.04 + 0.04 + 1.44 + 0.64)/4 = 0.7, se = √(0.7/5) = 0.3741657,
/// rescaled × 100/3 = 12.472191; t(0.975, 4) = 2.7764451: ± 34.628.
///
/// Courtesy NRR 4 3 3: 10/3, s² = 1/3, se = 1/3, ± t(0.975, 2)/3. Complaint handling 2 4: 3,
/// s² = 2, se = 1, ± t(0.975, 1).
#[test]
fn fewer_than_two_ratings_fall_back_to_skm_answers() {
    let five = RatingScale::new(1, 5).unwrap();
    let visits = [
        answered(skm_2017(Some(4), Some(2))),
        answered(skm_2017(Some(3), None)),
        answered(skm_2017(Some(3), Some(4))),
        rated(five.rating(5).unwrap()),
    ];
    let report = tally_of(&visits).report().unwrap();
    assert_eq!(report.ratings, 1);
    assert_eq!(report.score_source, Some(EmpathySource::SkmAnswers));
    assert_eq!(
        (report.courtesy_answers, report.complaint_handling_answers),
        (3, 2)
    );
    let score = report.score.unwrap();
    let mean = 16.0 / 5.0;
    let se = (0.7f64 / 5.0).sqrt();
    assert_close(score.estimate(), (mean - 1.0) * 100.0 / 3.0, 1e-14);
    assert_close(score.estimate(), 73.333333333, 1e-10);
    assert_close(
        report.score_standard_error.unwrap(),
        se * 100.0 / 3.0,
        1e-13,
    );
    assert_close(
        score.lower(),
        (mean - t975(4.0) * se - 1.0) * 100.0 / 3.0,
        QUANTILE_TOL,
    );
    assert_close(
        score.upper(),
        (mean + t975(4.0) * se - 1.0) * 100.0 / 3.0,
        QUANTILE_TOL,
    );
    // The same as the t interval of the rescaled answers 100, 66.7, 66.7, 33.3, 100.
    let rescaled: Moments = [4.0, 3.0, 3.0, 2.0, 4.0]
        .into_iter()
        .map(|x: f64| (x - 1.0) * 100.0 / 3.0)
        .collect();
    let direct = rescaled.mean_interval(Level::default()).unwrap();
    assert_close(score.lower(), direct.lower(), 1e-12);
    assert_close(score.upper(), direct.upper(), 1e-12);

    let courtesy = report.courtesy_nrr.unwrap();
    assert_close(courtesy.estimate(), 10.0 / 3.0, 1e-15);
    assert_close(
        courtesy.upper() - courtesy.estimate(),
        t975(2.0) / 3.0,
        QUANTILE_TOL,
    );
    let handling = report.complaint_handling_nrr.unwrap();
    assert_eq!(handling.estimate(), 3.0);
    assert_close(handling.upper(), 3.0 + t975(1.0), QUANTILE_TOL);

    // Two ratings are enough: the SKM answers no longer make the score.
    let mut with_two = visits.to_vec();
    with_two.push(rated(five.rating(3).unwrap()));
    let report = tally_of(&with_two).report().unwrap();
    assert_eq!(report.score_source, Some(EmpathySource::Ratings));
    assert_eq!(report.score.unwrap().estimate(), 75.0); // (100 + 50)/2
    assert_eq!(report.courtesy_answers, 3, "SKM answers are still reported");
}

/// KepMenPAN 25/2004 asks about courtesy as `kesopanan`: answers 4 and 2 → courtesy NRR 3,
/// score (3 − 1)/3 × 100 = 66.667, se = √(2/2)·100/3 = 33.333.
#[test]
fn kesopanan_of_the_2004_instrument_counts_as_courtesy() {
    let old = Instrument::kepmenpan_25_2004();
    let visits: Vec<Interaction> = [4, 2]
        .into_iter()
        .map(|v| answered(old.answers().set("kesopanan", v).unwrap().build()))
        .collect();
    let report = tally_of(&visits).report().unwrap();
    assert_eq!(report.courtesy_answers, 2);
    assert_eq!(report.complaint_handling_answers, 0);
    assert_eq!(report.complaint_handling_nrr, None);
    assert_eq!(report.courtesy_nrr.unwrap().estimate(), 3.0);
    assert_eq!(report.score_source, Some(EmpathySource::SkmAnswers));
    assert_close(report.score.unwrap().estimate(), 200.0 / 3.0, 1e-14);
    assert_close(report.score_standard_error.unwrap(), 100.0 / 3.0, 1e-14);
    // The other elements of the questionnaire are not empathy.
    let other = answered(old.answers().set("kecepatan", 1).unwrap().build());
    let err = tally_of([&other]).report().unwrap_err();
    assert_eq!(
        err.to_string(),
        "empathy report needs at least 1 observation, got 0"
    );
}

/// With a single SKM answer and no ratings, there is something to report but no score.
#[test]
fn too_little_for_a_score() {
    let report = tally_of([&answered(skm_2017(Some(4), None))])
        .report()
        .unwrap();
    assert_eq!(report.courtesy_answers, 1);
    assert_eq!(report.courtesy_nrr, None);
    assert_eq!(report.score, None);
    assert_eq!(report.score_standard_error, None);
    assert_eq!(report.score_source, None);
    let err = EmpathyTally::new().report().unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientData {
            what: "empathy report".into(),
            needed: 1,
            got: 0
        }
    );
    assert_eq!(
        err.to_string(),
        "empathy report needs at least 1 observation, got 0"
    );
}

/// SERVQUAL on 1–7: (perceived, expected) = (5, 6), (4, 6), (6, 5), (7, 7): gaps −1, −2, 1, 0,
/// mean −0.5; squared deviations 0.25 + 2.25 + 2.25 + 0.25 = 5, s² = 5/3, se = √(5/12) =
/// 0.6454972; ± t(0.975, 3) = 3.1824463 → ± 2.0542.
#[test]
fn servqual_gap_by_hand() {
    let seven = RatingScale::new(1, 7).unwrap();
    let mut tally = EmpathyTally::new();
    for (p, e) in [(5, 6), (4, 6), (6, 5), (7, 7)] {
        tally
            .push_servqual(seven.rating(p).unwrap(), seven.rating(e).unwrap())
            .unwrap();
    }
    let report = tally.report().unwrap();
    let gap = report.servqual_gap.unwrap();
    assert_close(gap.estimate(), -0.5, 1e-15);
    let moments: Moments = [-1.0, -2.0, 1.0, 0.0].into_iter().collect();
    assert_eq!(gap, moments.mean_interval(Level::default()).unwrap());
    assert_close(
        gap.upper() - gap.estimate(),
        3.182446305284263 * (5.0f64 / 12.0).sqrt(),
        QUANTILE_TOL,
    );
    // Gaps alone make no empathy score.
    assert_eq!(report.score, None);
    assert_eq!(report.ratings, 0);

    // Perception and expectation on different scales cannot be subtracted.
    let five = RatingScale::new(1, 5).unwrap();
    let before = tally.clone();
    let err = tally
        .push_servqual(seven.rating(6).unwrap(), five.rating(5).unwrap())
        .unwrap_err();
    assert_eq!(
        err,
        Error::MergeMismatch {
            reason: "SERVQUAL perception and expectation on different scales".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot merge: SERVQUAL perception and expectation on different scales"
    );
    assert_eq!(tally, before);

    // One gap: no interval.
    let mut one = EmpathyTally::new();
    one.push_servqual(five.rating(3).unwrap(), five.rating(4).unwrap())
        .unwrap();
    assert_eq!(one.report().unwrap().servqual_gap, None);
}

// ---------------------------------------------------------------------------------------------
// Complaints.
// ---------------------------------------------------------------------------------------------

/// Four complaints (WIB):
///
/// | # | filed | first response | resolved | hours to respond | hours to resolve | working days |
/// |---|---|---|---|---|---|---|
/// | 1 | Mon 3 Mar 09:00 | Mon 15:00 | Wed 5 Mar 09:00 | 6 | 48 | Tue, Wed = 2 |
/// | 2 | Mon 3 Mar 09:00 | Tue 09:00 | Fri 7 Mar 09:00 | 24 | 96 | 4 |
/// | 3 | Fri 7 Mar 16:00 | — | Tue 11 Mar 10:00 | — | 90 | Mon, Tue = 2 |
/// | 4 | Mon 3 Mar 09:00 | Mon 10:00 | open | 1 | — | — |
fn complaints() -> Vec<Complaint> {
    let t = |s: &str| at(&format!("2025-03-{s}:00+07:00"));
    vec![
        Complaint::filed("kel-a", t("03T09:00"))
            .unwrap()
            .first_response_at(t("03T15:00"))
            .unwrap()
            .resolved_at(t("05T09:00"))
            .unwrap(),
        Complaint::filed("kel-a", t("03T09:00"))
            .unwrap()
            .first_response_at(t("04T09:00"))
            .unwrap()
            .resolved_at(t("07T09:00"))
            .unwrap(),
        Complaint::filed("kel-b", t("07T16:00"))
            .unwrap()
            .about_service("ktp-el")
            .unwrap()
            .resolved_at(t("11T10:00"))
            .unwrap(),
        Complaint::filed("kel-b", t("03T09:00"))
            .unwrap()
            .first_response_at(t("03T10:00"))
            .unwrap(),
    ]
}

fn complaint_tally(target: Completion, calendar: Calendar, list: &[Complaint]) -> ComplaintTally {
    let mut tally = ComplaintTally::new(target, calendar);
    for c in list {
        tally.push(c).unwrap();
    }
    tally
}

/// Target 2 working days: complaints 1 and 3 are within (2 ≤ 2), 2 is late (4), 4 is open and
/// so not on time: 2 of 4. Hours to respond 6, 24, 1: mean 31/3, median 6, p90 (type 7,
/// h = 1.8) 6 + 0.8·18 = 20.4, max 24. Hours to resolve 48, 96, 90: mean 78, squared
/// deviations 900 + 324 + 144 = 1368, sd = √684; median 90, p90 (h = 1.8) 90 + 0.8·6 = 94.8,
/// p95 (h = 1.9) 95.4, max 96.
#[test]
fn complaints_against_a_working_day_target() {
    let tally = complaint_tally(Completion::WorkingDays(2), Calendar::wib(), &complaints());
    let report = tally.report().unwrap();
    assert_eq!(
        (
            report.filed,
            report.responded,
            report.resolved,
            report.unresolved
        ),
        (4, 3, 3, 1)
    );
    let within = report.resolved_within_target.unwrap();
    assert_eq!((within.count, within.of), (2, 4));
    assert_eq!(
        within.interval,
        proportion_interval(2, 4, Level::default(), ProportionMethod::Wilson).unwrap()
    );
    let respond = report.first_response_hours.unwrap();
    assert_eq!((respond.n, respond.median, respond.max), (3, 6.0, 24.0));
    assert_close(respond.mean, 31.0 / 3.0, 1e-14);
    assert_close(respond.p90, 20.4, 1e-14);
    let resolve = report.resolution_hours.unwrap();
    assert_eq!((resolve.n, resolve.median, resolve.max), (3, 90.0, 96.0));
    assert_close(resolve.mean, 78.0, 1e-14);
    assert_close(resolve.sd.unwrap(), 684f64.sqrt(), 1e-14);
    assert_close(resolve.p90, 94.8, 1e-14);
    assert_close(resolve.p95, 95.4, 1e-14);
    assert_eq!(resolve.quantile_type, QuantileType::Linear);

    // With Tuesday 4 March a holiday: 1 takes 1 working day (Wed), 2 takes 3 (Wed, Thu, Fri):
    // against a 1-day target only complaint 1 is on time.
    let holiday = Calendar::wib().with_holidays([Date::new(2025, 3, 4).unwrap()]);
    let report = complaint_tally(Completion::WorkingDays(1), holiday, &complaints())
        .report()
        .unwrap();
    assert_eq!(report.resolved_within_target.unwrap().count, 1);
}

/// Target 72 hours: 48 is within, 96 and 90 are not: 1 of 4. Target 90 hours: 48 and 90 (the
/// boundary is inclusive): 2 of 4.
#[test]
fn complaints_against_a_time_target() {
    let report = complaint_tally(
        Completion::Within(TimeSpan::from_hours(72)),
        Calendar::wib(),
        &complaints(),
    )
    .report()
    .unwrap();
    let within = report.resolved_within_target.unwrap();
    assert_eq!((within.count, within.of), (1, 4));
    // 48 ≤ 90 and 90 ≤ 90: 2 of 4.
    let report = complaint_tally(
        Completion::Within(TimeSpan::from_hours(90)),
        Calendar::wib(),
        &complaints(),
    )
    .report()
    .unwrap();
    assert_eq!(report.resolved_within_target.unwrap().count, 2);
    // The calendar does not matter for a time target.
    let report_wit = complaint_tally(
        Completion::Within(TimeSpan::from_hours(90)),
        Calendar::wit(),
        &complaints(),
    )
    .report()
    .unwrap();
    assert_eq!(report_wit, report);
}

#[test]
fn complaint_times_must_not_precede_the_filing() {
    let filed = at("2025-03-03T09:00:00+07:00");
    let early = Timestamp::from_unix_millis(filed.unix_millis() - 1);
    let err = Complaint::filed("kel-a", filed)
        .unwrap()
        .resolved_at(early)
        .unwrap_err();
    assert_eq!(
        err,
        Error::FinishedBeforeStarted {
            started: filed,
            finished: early
        }
    );
    assert_eq!(
        err.to_string(),
        "finished_at 2025-03-03T01:59:59.999Z is before started_at 2025-03-03T02:00:00Z"
    );
    let err = Complaint::filed("kel-a", filed)
        .unwrap()
        .first_response_at(at("2025-03-02T09:00:00+07:00"))
        .unwrap_err();
    assert!(matches!(err, Error::FinishedBeforeStarted { .. }));
    // At the very moment of filing is fine.
    let c = Complaint::filed("kel-a", filed)
        .unwrap()
        .first_response_at(filed)
        .unwrap()
        .resolved_at(filed)
        .unwrap();
    assert!(c.is_resolved());
    assert_eq!(c.first_response(), Some(filed));
    assert_eq!(c.unit(), "kel-a");
    assert_eq!(c.service(), None);
    assert_eq!(
        Complaint::filed(" ", filed).unwrap_err().to_string(),
        "unit must not be empty"
    );
}

#[test]
fn complaint_tallies_with_different_targets_do_not_merge() {
    let list = complaints();
    let mut a = complaint_tally(Completion::WorkingDays(2), Calendar::wib(), &list[..2]);
    let before = a.clone();
    let b = complaint_tally(Completion::WorkingDays(3), Calendar::wib(), &list[2..]);
    let err = a.merge(&b).unwrap_err();
    assert_eq!(
        err,
        Error::MergeMismatch {
            reason: "complaint tallies with different targets or calendars".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot merge: complaint tallies with different targets or calendars"
    );
    assert_eq!(a, before);
    let c = complaint_tally(Completion::WorkingDays(2), Calendar::wita(), &list[2..]);
    assert!(matches!(a.merge(&c), Err(Error::MergeMismatch { .. })));
    let d = complaint_tally(
        Completion::Within(TimeSpan::from_hours(48)),
        Calendar::wib(),
        &list[2..],
    );
    assert!(matches!(a.merge(&d), Err(Error::MergeMismatch { .. })));
    // Same target and calendar: fine.
    let e = complaint_tally(Completion::WorkingDays(2), Calendar::wib(), &list[2..]);
    a.merge(&e).unwrap();
    assert_eq!(
        a,
        complaint_tally(Completion::WorkingDays(2), Calendar::wib(), &list)
    );
}

#[test]
fn empty_complaint_tally_has_insufficient_data() {
    let err = ComplaintTally::new(Completion::WorkingDays(5), Calendar::wib())
        .report()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "complaint report needs at least 1 observation, got 0"
    );
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::laws::complaints::calendar;
    use crate::support::json::{rejects, round_trip};
    use serde_json::json;

    #[test]
    fn empathy_reports_round_trip() {
        let five = RatingScale::new(1, 5).unwrap();
        let mut visits = vec![
            answered(skm_2017(Some(4), Some(2))),
            answered(skm_2017(Some(3), None)),
            rated(five.rating(4).unwrap()),
            rated(five.rating(2).unwrap()),
        ];
        let mut tally = tally_of(&visits);
        tally
            .push_servqual(five.rating(3).unwrap(), five.rating(4).unwrap())
            .unwrap();
        tally
            .push_servqual(five.rating(5).unwrap(), five.rating(4).unwrap())
            .unwrap();
        round_trip(&tally.report().unwrap());
        // The SKM fallback too.
        visits.truncate(2);
        round_trip(&tally_of(&visits).report().unwrap());
        assert_eq!(round_trip(&EmpathySource::SkmAnswers), json!("SkmAnswers"));
    }

    #[test]
    fn complaints_and_their_report_round_trip() {
        for c in complaints() {
            round_trip(&c);
        }
        let tally = complaint_tally(Completion::WorkingDays(2), calendar(), &complaints());
        round_trip(&tally.report().unwrap());
    }

    /// Tallies travel between workers as JSON, so their counts are user data: a report on
    /// counts that pass `u64::MAX` together (a state merging can reach) is an error, never a
    /// panic.
    #[test]
    fn tampered_counts_are_an_error_not_a_panic() {
        let mut json =
            serde_json::to_value(tally_of([&answered(skm_2017(Some(4), Some(3)))])).unwrap();
        json["courtesy"] = json!([u64::MAX, 0, 0, 1]);
        let tally: EmpathyTally = serde_json::from_value(json).unwrap();
        let result = tally.report();
        assert!(matches!(result, Err(Error::Overflow { .. })), "{result:?}");
    }

    #[test]
    fn complaint_resolved_before_filing_is_rejected() {
        let mut json = serde_json::to_value(&complaints()[0]).unwrap();
        let filed = json["filed_at"].as_i64().unwrap();
        json["resolved_at"] = json!(filed - 1);
        rejects::<Complaint>(json.clone(), "is before started_at");
        let mut responded = serde_json::to_value(&complaints()[3]).unwrap();
        responded["first_response_at"] = json!(filed - 3_600_000);
        rejects::<Complaint>(responded, "is before started_at");
        json["resolved_at"] = json!(filed);
        json["unit"] = json!("");
        rejects::<Complaint>(json, "unit must not be empty");
    }
}
