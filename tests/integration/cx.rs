//! Customer experience: Net Promoter Score, CSAT (top-2-box on 1–5) and the Customer Effort
//! Score.
//!
//! Hand-worked cases (arithmetic in the comments): NPS categories on their edges, the NPS, its
//! standard error `100·√((p + d − (p − d)²)/n)` and normal interval with z = 1.959963984540054,
//! clipping to [−100, 100]; CSAT's top-2-box share with Wilson's interval; CES's mean with
//! Student's t interval; the NPS standard error on random scores; JSON forms. The tally laws
//! are in `laws`.

use layanan::prelude::*;
use layanan::stats::{Moments, ProportionMethod, proportion_interval};
use layanan::{
    CesTally, CsatTally, Error, Interaction, Level, LevelOptions, NpsTally, Rating, RatingScale,
    Timestamp,
};
use proptest::prelude::*;

use crate::support::{QUANTILE_TOL, Z95, assert_close, proptest_cases};

fn nps_of(scores: &[i64]) -> NpsTally {
    let mut tally = NpsTally::default();
    for &s in scores {
        tally.push_score(s).unwrap();
    }
    tally
}

/// 0 and 6 are detractors, 7 and 8 passives, 9 and 10 promoters; every score 0–10 alone.
#[test]
fn nps_categories_on_their_edges() {
    for (score, category) in [
        (0, (0, 0, 1)),
        (6, (0, 0, 1)),
        (7, (0, 1, 0)),
        (8, (0, 1, 0)),
        (9, (1, 0, 0)),
        (10, (1, 0, 0)),
    ] {
        let r = nps_of(&[score]).report().unwrap();
        assert_eq!(
            (r.promoters, r.passives, r.detractors),
            category,
            "score {score}"
        );
        assert_eq!(r.n, 1);
    }
    for score in 0..=10 {
        let r = nps_of(&[score]).report().unwrap();
        let want = match score {
            0..=6 => -100.0,
            7..=8 => 0.0,
            _ => 100.0,
        };
        assert_eq!(r.nps, want, "score {score}");
        // One answer: p + d − (p − d)² = 0 whatever the category, so the SE is 0.
        assert_eq!(r.standard_error, 0.0);
        let mut counts = [0u64; 11];
        counts[score as usize] = 1;
        assert_eq!(nps_of(&[score]).counts(), counts);
    }
}

/// 10 9 9 8 7 6 0 10 9 8: promoters 5 (10, 9, 9, 10, 9), passives 3 (8, 7, 8), detractors 2
/// (6, 0); p = 0.5, d = 0.2. NPS = 100 × 0.3 = 30. SE = 100·√((0.5 + 0.2 − 0.3²)/10) =
/// 100·√0.061 = 24.698178. Interval 30 ± 1.959964 × 24.698178 = 30 ± 48.407540 =
/// [−18.407540, 78.407540].
#[test]
fn nps_by_hand() {
    let r = nps_of(&[10, 9, 9, 8, 7, 6, 0, 10, 9, 8]).report().unwrap();
    assert_eq!((r.n, r.promoters, r.passives, r.detractors), (10, 5, 3, 2));
    assert_close(r.nps, 30.0, 1e-14);
    let se = 100.0 * ((0.5 + 0.2 - 0.3f64 * 0.3) / 10.0).sqrt();
    assert_close(r.standard_error, se, 1e-14);
    assert_close(r.standard_error, 24.698178, 1e-7);
    assert_close(r.nps_interval.estimate(), 30.0, 1e-14);
    assert_close(r.nps_interval.lower(), 30.0 - Z95 * se, QUANTILE_TOL);
    assert_close(r.nps_interval.upper(), 30.0 + Z95 * se, QUANTILE_TOL);
    assert_close(r.nps_interval.lower(), -18.407540, 1e-6);
    assert_close(r.nps_interval.upper(), 78.407540, 1e-6);
    assert_eq!(
        r.nps_interval.method(),
        layanan::stats::IntervalMethod::Normal
    );
    assert_eq!(
        r.to_string(),
        "NPS +30.0 [-18.4, 78.4] (n 10: 5 promoters, 3 passives, 2 detractors)"
    );

    // At 90 %, z = 1.6448536.
    let level = Level::new(0.9).unwrap();
    let r = nps_of(&[10, 9, 9, 8, 7, 6, 0, 10, 9, 8])
        .report_with(&LevelOptions::default().level(level))
        .unwrap();
    assert_close(
        r.nps_interval.upper() - r.nps,
        1.6448536269514722 * se,
        QUANTILE_TOL,
    );
    assert_eq!(r.nps_interval.level(), level);
}

/// 10 10 10 10 0: p = 0.8, d = 0.2, NPS 60, SE = 100·√((1 − 0.36)/5) = 35.777088; 60 + 70.12
/// is clipped to 100, 60 − 70.12 = −10.121803 stays. All 10: NPS 100, SE 0, [100, 100]. All 0:
/// −100.
#[test]
fn nps_interval_is_clipped() {
    let r = nps_of(&[10, 10, 10, 10, 0]).report().unwrap();
    assert_close(r.nps, 60.0, 1e-14);
    assert_close(r.standard_error, 100.0 * (0.64f64 / 5.0).sqrt(), 1e-14);
    assert_eq!(r.nps_interval.upper(), 100.0);
    assert_close(
        r.nps_interval.lower(),
        60.0 - Z95 * r.standard_error,
        QUANTILE_TOL,
    );
    assert_close(r.nps_interval.lower(), -10.121803, 1e-6);

    let r = nps_of(&[10; 7]).report().unwrap();
    assert_eq!((r.nps, r.standard_error), (100.0, 0.0));
    assert_eq!(
        (r.nps_interval.lower(), r.nps_interval.upper()),
        (100.0, 100.0)
    );
    let r = nps_of(&[0, 3, 6]).report().unwrap();
    assert_eq!(r.nps, -100.0);
    assert_eq!(
        (r.nps_interval.lower(), r.nps_interval.upper()),
        (-100.0, -100.0)
    );
    // Many detractors and one promoter: the lower bound clips at −100.
    let r = nps_of(&[0, 0, 10]).report().unwrap();
    assert_eq!(r.nps_interval.lower(), -100.0);
}

#[test]
fn recommend_outside_0_10_is_rejected() {
    let mut tally = nps_of(&[9, 3]);
    let before = tally.clone();
    for (score, message) in [
        (11, "recommend must be between 0 and 10, got 11"),
        (-1, "recommend must be between 0 and 10, got -1"),
    ] {
        let err = tally.push_score(score).unwrap_err();
        assert_eq!(
            err,
            Error::OutOfRange {
                field: "recommend".into(),
                value: score,
                min: 0,
                max: 10
            }
        );
        assert_eq!(err.to_string(), message);
        // A visit cannot even be built with it.
        let err = Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0))
            .recommend(score)
            .build()
            .unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    assert_eq!(tally, before);
}

#[test]
fn nps_from_visits_and_empty() {
    let at = Timestamp::from_unix_millis(0);
    let mut tally = NpsTally::default();
    for r in [Some(10), None, Some(6), Some(8), None] {
        let mut b = Interaction::builder("ktp-el", "kel-a", at);
        if let Some(r) = r {
            b = b.recommend(r);
        }
        tally.push(&b.build().unwrap()).unwrap();
    }
    let r = tally.report().unwrap();
    assert_eq!((r.n, r.promoters, r.passives, r.detractors), (3, 1, 1, 1));
    assert_eq!(r.nps, 0.0);

    let err = NpsTally::default().report().unwrap_err();
    assert_eq!(
        err,
        Error::NoData {
            what: "recommend answers".into()
        }
    );
    assert_eq!(err.to_string(), "no recommend answers to report");
}

/// 5 4 4 3 5 2 1 4: top-2-box (4 or 5) 5 of 8 = 0.625. Wilson with z² = 3.841459: centre
/// (5 + 1.920729)/(8 + 3.841459) = 0.584448, half-width 1.959964/11.841459 ×
/// √(5·3/8 + 0.960365) = 0.278706: [0.305742, 0.863156].
/// A rating on `scale`.
fn on(scale: RatingScale, r: i64) -> Rating {
    scale.rating(r).unwrap()
}

#[test]
fn csat_top_two_box_by_hand() {
    let mut csat = CsatTally::default();
    for r in [5, 4, 4, 3, 5, 2, 1, 4] {
        csat.push(&on(RatingScale::FIVE_POINT, r)).unwrap();
    }
    assert_eq!(csat.counts(), [1, 1, 1, 3, 2]);
    let report = csat.report().unwrap();
    assert_eq!(report.scale, RatingScale::FIVE_POINT);
    let share = report.top_two;
    assert_eq!((share.count, share.of), (5, 8));
    assert_eq!(share.rate(), 0.625);
    assert_eq!(
        share.interval,
        proportion_interval(5, 8, Level::default(), ProportionMethod::Wilson).unwrap()
    );
    let z2 = Z95 * Z95;
    let centre = (5.0 + z2 / 2.0) / (8.0 + z2);
    let half = Z95 / (8.0 + z2) * (5.0 * 3.0 / 8.0 + z2 / 4.0).sqrt();
    assert_close(share.interval.lower(), centre - half, QUANTILE_TOL);
    assert_close(share.interval.upper(), centre + half, QUANTILE_TOL);
    assert_close(share.interval.lower(), 0.305742, 1e-5);
    assert_close(share.interval.upper(), 0.863156, 1e-5);
    assert_eq!(share.to_string(), "5/8 = 62.5% [30.6, 86.3]");
    let level = Level::new(0.8).unwrap();
    assert_eq!(
        csat.report_with(&LevelOptions::default().level(level))
            .unwrap()
            .top_two
            .interval,
        proportion_interval(5, 8, level, ProportionMethod::Wilson).unwrap()
    );
    // On 0–10 the top two boxes are 9 and 10.
    let mut eleven = CsatTally::new(RatingScale::new(0, 10).unwrap());
    for r in [10, 9, 8, 2] {
        eleven
            .push(&on(RatingScale::new(0, 10).unwrap(), r))
            .unwrap();
    }
    let top = eleven.report().unwrap().top_two;
    assert_eq!((top.count, top.of), (2, 4));
}

/// A rating off the scale cannot be built; one on another scale is refused by the tally,
/// which stays as it was.
#[test]
fn csat_rejects_ratings_of_another_scale() {
    let five = RatingScale::FIVE_POINT;
    for (rating, message) in [
        (0, "rating must be between 1 and 5, got 0"),
        (6, "rating must be between 1 and 5, got 6"),
        (-2, "rating must be between 1 and 5, got -2"),
    ] {
        let err = five.rating(rating).unwrap_err();
        assert_eq!(
            err,
            Error::OutOfRange {
                field: "rating".into(),
                value: rating,
                min: 1,
                max: 5
            }
        );
        assert_eq!(err.to_string(), message);
    }
    let mut csat = CsatTally::default();
    csat.push(&on(five, 3)).unwrap();
    let before = csat.clone();
    let seven = RatingScale::new(1, 7).unwrap();
    let err = csat.push(&on(seven, 6)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "satisfaction rating is on scale 1..=7, expected 1..=5"
    );
    assert_eq!(csat, before);
    let err = CsatTally::default().report().unwrap_err();
    assert_eq!(err.to_string(), "no satisfaction ratings to report");
}

/// 6 7 5 6 3 on 1–7: mean 27/5 = 5.4; squared deviations 0.36 + 2.56 + 0.16 + 0.36 + 5.76 =
/// 9.2, s² = 2.3, se = √(2.3/5) = 0.6782330; t(0.975, 4) = 2.7764451: ± 1.8830767 →
/// [3.516923, 7.283077].
#[test]
fn ces_by_hand() {
    let seven = RatingScale::new(1, 7).unwrap();
    let mut ces = CesTally::new(seven);
    for r in [6, 7, 5, 6, 3] {
        ces.push(&on(seven, r)).unwrap();
    }
    let report = ces.report().unwrap();
    assert_eq!((report.scale, report.n), (seven, 5));
    assert_close(report.mean, 5.4, 1e-15);
    let ci = report.mean_interval.unwrap();
    assert_close(ci.estimate(), 5.4, 1e-15);
    let se = (2.3f64 / 5.0).sqrt();
    assert_close(
        ci.estimate() - ci.lower(),
        2.7764451051977987 * se,
        QUANTILE_TOL,
    );
    assert_close(ci.lower(), 3.516923, 1e-6);
    // The t interval reaches 7.283077, past the scale: held at its top, 7.
    assert_eq!(ci.upper(), 7.0);
    let moments: Moments = [6.0, 7.0, 5.0, 6.0, 3.0].into_iter().collect();
    let t = moments.mean_interval(Level::default()).unwrap();
    assert_eq!((ci.estimate(), ci.lower()), (t.estimate(), t.lower()));
    assert_close(t.upper(), 7.283077, 1e-6);

    let before = ces.clone();
    let err = ces.push(&on(RatingScale::FIVE_POINT, 5)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "effort rating is on scale 1..=5, expected 1..=7"
    );
    assert_eq!(ces, before);

    // One rating has a mean but no interval; none has nothing to report.
    let mut one = CesTally::new(seven);
    one.push(&on(seven, 4)).unwrap();
    let report = one.report().unwrap();
    assert_eq!((report.mean, report.mean_interval), (4.0, None));
    assert_eq!(
        CesTally::new(seven).report().unwrap_err().to_string(),
        "no effort ratings to report"
    );
}

#[test]
fn ces_merge_on_different_scales_is_rejected() {
    let scale = RatingScale::new(1, 7).unwrap();
    let mut seven = CesTally::new(scale);
    seven.push(&on(scale, 6)).unwrap();
    seven.push(&on(scale, 5)).unwrap();
    let before = seven.clone();
    let mut five = CesTally::new(RatingScale::FIVE_POINT);
    five.push(&on(RatingScale::FIVE_POINT, 5)).unwrap();
    let err = seven.merge(&five).unwrap_err();
    assert_eq!(
        err,
        Error::MergeMismatch {
            what: "effort tallies".into(),
            difference: "their rating scales differ (1..=7 vs 1..=5)".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot merge effort tallies: their rating scales differ (1..=7 vs 1..=5)"
    );
    assert_eq!(seven, before);
    // Same scale: the merged tally is the tally of all ratings.
    let mut other = CesTally::new(scale);
    other.push(&on(scale, 7)).unwrap();
    seven.merge(&other).unwrap();
    let all: Moments = [6.0, 5.0, 7.0].into_iter().collect();
    let ci = seven.report().unwrap().mean_interval.unwrap();
    let want = all.mean_interval(Level::default()).unwrap();
    assert_close(ci.estimate(), want.estimate(), 1e-15);
    assert_close(ci.upper(), want.upper().min(7.0), 1e-13);
    assert_close(ci.lower(), want.lower().max(1.0), 1e-13);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

    /// NPS's standard error is the formula's, and the interval is inside [−100, 100].
    #[test]
    fn nps_standard_error_formula(scores in prop::collection::vec(0i64..=10, 1..80)) {
        let r = nps_of(&scores).report().unwrap();
        let n = scores.len() as f64;
        let p = scores.iter().filter(|&&s| s >= 9).count() as f64 / n;
        let d = scores.iter().filter(|&&s| s <= 6).count() as f64 / n;
        assert_close(r.nps, 100.0 * (p - d), 1e-12);
        let se = 100.0 * ((p + d - (p - d) * (p - d)).max(0.0) / n).sqrt();
        prop_assert!((r.standard_error - se).abs() <= 1e-12 * se.max(1.0));
        prop_assert!(-100.0 <= r.nps_interval.lower() && r.nps_interval.upper() <= 100.0);
        prop_assert!(r.nps_interval.lower() <= r.nps && r.nps <= r.nps_interval.upper());
    }
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::support::json::round_trip;

    #[test]
    fn cx_reports_round_trip_and_ces_names_its_scale() {
        round_trip(&nps_of(&[10, 9, 9, 8, 7, 6, 0, 10, 9, 8]).report().unwrap());
        let seven = RatingScale::new(1, 7).unwrap();
        let mut ces = CesTally::new(seven);
        for r in [6, 7, 5, 6, 3] {
            ces.push(&on(seven, r)).unwrap();
        }
        let json = round_trip(&ces);
        assert_eq!(json["scale"], serde_json::json!([1, 7]));
        assert_eq!(json["version"], 1);
        round_trip(&ces.report().unwrap());
    }

    /// Tallies travel between workers as JSON, so their counts are user data: counts whose
    /// total passes `u64::MAX` are an overflow error, never a panic (or a wrapped total).
    #[test]
    fn counts_summing_past_u64_max_are_an_error_not_a_panic() {
        let mut counts = [0u64; 11];
        counts[0] = 1;
        counts[10] = u64::MAX;
        let nps: NpsTally =
            serde_json::from_value(serde_json::json!({ "version": 1, "counts": counts })).unwrap();
        assert!(
            matches!(nps.report(), Err(Error::Overflow { .. })),
            "{:?}",
            nps.report()
        );
        let csat: CsatTally = serde_json::from_value(
            serde_json::json!({ "version": 1, "scale": [1, 5], "counts": [1, 0, 0, 0, u64::MAX] }),
        )
        .unwrap();
        assert!(
            matches!(csat.report(), Err(Error::Overflow { .. })),
            "{:?}",
            csat.report()
        );
    }
}

/// CSAT and CES reports print as the other reports do (issue 15, item 23): the score, its
/// interval, what it counts.
#[test]
fn csat_and_ces_reports_print() {
    let five = RatingScale::FIVE_POINT;
    let mut csat = CsatTally::new(five);
    for r in [5, 4, 4, 2] {
        csat.push(&on(five, r)).unwrap();
    }
    assert_eq!(
        csat.report().unwrap().to_string(),
        "CSAT 3/4 = 75.0% [30.1, 95.4] rated 4–5 of 5 (counts 1–5: 0 1 0 2 1)"
    );
    let mut ces = CesTally::new(five);
    ces.push(&on(five, 2)).unwrap();
    assert_eq!(
        ces.report().unwrap().to_string(),
        "CES mean 2.00 on 1..=5 (n 1)"
    );
    ces.push(&on(five, 3)).unwrap();
    let report = ces.report().unwrap();
    let ci = report.mean_interval.unwrap();
    assert_eq!(
        report.to_string(),
        format!(
            "CES mean 2.50 [{:.2}, {:.2}] on 1..=5 (n 2)",
            ci.lower(),
            ci.upper()
        )
    );
}
