//! Comparison over units and periods: `compare_groups` against statsmodels/scipy reference rows
//! (`tests/fixtures/compare_reference.json`, group `compare_groups`; tolerance 1e-10 relative,
//! with an absolute floor of 1e-14 for bounds built as `estimate ± half-width`), hand-worked
//! cases, errors, and a seeded simulation of the false-discovery rate.

use layanan::stats::{Moments, TestMethod, Xoshiro256PlusPlus};
use layanan::{
    Adjustment, CompareOptions, Error, GroupTally, Interval, Level, NoTrend, Verdict,
    compare_groups, compare_periods,
};
use serde_json::Value;

use crate::support::reference::{REL, assert_rel, group};

/// `|got − want| ≤ 1e-10·|want| + floor`.
#[track_caller]
fn close(what: &str, got: f64, want: f64, floor: f64) {
    assert_rel(what, got, want, REL, floor);
}

#[track_caller]
fn close_interval(what: &str, got: &Interval, want: &Value) {
    let w: Vec<f64> = want
        .as_array()
        .expect("[estimate, lower, upper]")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    let floor = 1e-14 * w[0].abs().max(1.0);
    close(&format!("{what} estimate"), got.estimate(), w[0], 0.0);
    close(&format!("{what} lower"), got.lower(), w[1], floor);
    close(&format!("{what} upper"), got.upper(), w[2], floor);
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Below => "below",
        Verdict::Above => "above",
        Verdict::NotDistinguishable => "not distinguishable",
        Verdict::TooSmall => "too small",
        other => panic!("a verdict this test does not know: {other:?}"),
    }
}

#[test]
fn compare_groups_matches_statsmodels_and_scipy() {
    let cases = group("compare_reference.json", "compare_groups");
    assert_eq!(cases.len(), 3);
    let mut rows_checked = 0;
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let rows = case["rows"].as_array().expect("rows");
        let tallies: Vec<(String, GroupTally)> = if let Some(groups) = case["groups"].as_array() {
            groups
                .iter()
                .map(|g| {
                    (
                        g[0].as_str().expect("name").to_owned(),
                        GroupTally::rate(g[1].as_u64().expect("x"), g[2].as_u64().expect("n")),
                    )
                })
                .collect()
        } else {
            rows.iter()
                .map(|r| {
                    let group = r["group"].as_str().expect("group");
                    let data: Vec<f64> = case["data"][group]
                        .as_array()
                        .expect("data")
                        .iter()
                        .map(|v| v.as_f64().expect("number"))
                        .collect();
                    (
                        group.to_owned(),
                        GroupTally::Mean(Moments::from_slice(&data).expect("moments")),
                    )
                })
                .collect()
        };
        let cmp = compare_groups(tallies, CompareOptions::default()).expect(name);
        close(
            &format!("{name}: prior mean"),
            cmp.prior_mean.expect("prior"),
            case["prior_mean"].as_f64().expect("prior"),
            0.0,
        );
        assert_eq!(cmp.groups.len(), rows.len());
        for (got, want) in cmp.groups.iter().zip(rows) {
            let what = format!("{name}/{}", got.group);
            assert_eq!(got.group, want["group"].as_str().expect("group"));
            assert_eq!(got.n, want["n"].as_u64().expect("n"), "{what}");
            close_interval(
                &format!("{what}: estimate"),
                &got.estimate,
                &want["estimate"],
            );
            assert_eq!(
                verdict_name(got.verdict),
                want["verdict"].as_str().expect("verdict"),
                "{what}"
            );
            match want["p"].as_f64() {
                None => {
                    assert!(got.test.is_none() && got.difference.is_none(), "{what}");
                    assert!(got.effect.is_none() && got.detectable.is_none(), "{what}");
                    assert!(got.p_holm.is_none() && got.p_bh.is_none() && got.rank.is_none());
                }
                Some(p) => {
                    let test = got.test.expect("tested");
                    let method = match want["method"].as_str().expect("method") {
                        "z" => TestMethod::TwoProportionZ,
                        "fisher" => TestMethod::FisherExact,
                        _ => TestMethod::WelchT,
                    };
                    assert_eq!(test.method, method, "{what}");
                    close(&format!("{what}: p"), test.p_value, p, 0.0);
                    close_interval(
                        &format!("{what}: difference"),
                        &got.difference.expect("difference"),
                        &want["difference"],
                    );
                    close(
                        &format!("{what}: Holm"),
                        got.p_holm.expect("holm"),
                        want["p_holm"].as_f64().expect("holm"),
                        0.0,
                    );
                    close(
                        &format!("{what}: BH"),
                        got.p_bh.expect("bh"),
                        want["p_bh"].as_f64().expect("bh"),
                        0.0,
                    );
                    close(
                        &format!("{what}: shrunken"),
                        got.shrunken.expect("shrunken").estimate(),
                        want["shrunken"].as_f64().expect("shrunken"),
                        0.0,
                    );
                    assert_eq!(
                        got.rank,
                        want["rank"].as_u64().map(|r| r as usize),
                        "{what}"
                    );
                    close_interval(
                        &format!("{what}: effect"),
                        &got.effect.expect("effect"),
                        &want["effect"],
                    );
                    close(
                        &format!("{what}: detectable"),
                        got.detectable.expect("detectable"),
                        want["detectable"].as_f64().expect("detectable"),
                        0.0,
                    );
                }
            }
            rows_checked += 1;
        }
    }
    assert_eq!(rows_checked, 17);
}

/// Hand-worked: two groups of 50, 40 and 30 successes. Each against the other: pooled
/// p̄ = 0.7, z = 0.2/√(0.21·0.04) = 2.182178902359924, p = 2·(1 − Φ(z)) = 0.0290963
/// for both; Holm doubles it, BH keeps it.
#[test]
fn two_groups_by_hand() {
    let cmp = compare_groups(
        [
            ("a", GroupTally::rate(40, 50)),
            ("b", GroupTally::rate(30, 50)),
        ],
        CompareOptions::default(),
    )
    .expect("compare");
    let (a, b) = (&cmp.groups[0], &cmp.groups[1]);
    let z = 0.2 / (0.21f64 * 0.04).sqrt();
    assert!((a.test.expect("test").statistic - z).abs() < 1e-12);
    assert!((b.test.expect("test").statistic + z).abs() < 1e-12);
    let p = a.test.expect("test").p_value;
    assert!((p - 0.029096331741252188).abs() < 1e-15, "{p}"); // scipy: 2·norm.sf(z)
    assert!((a.p_holm.expect("holm") - 2.0 * p).abs() < 1e-15);
    assert!((a.p_bh.expect("bh") - p).abs() < 1e-15);
    assert_eq!(a.verdict, Verdict::Above);
    assert_eq!(b.verdict, Verdict::Below);
    // Holm at 0.05: 0.058 is not significant.
    let holm = compare_groups(
        [
            ("a", GroupTally::rate(40, 50)),
            ("b", GroupTally::rate(30, 50)),
        ],
        CompareOptions::default().with_adjustment(Adjustment::Holm),
    )
    .expect("compare");
    assert_eq!(holm.groups[1].verdict, Verdict::NotDistinguishable);
    assert_eq!(holm.ranking()[0].group, "a");
    assert_eq!(holm.below().count(), 0);
}

#[test]
fn small_groups_are_never_ranked_and_shrinkage_pulls_them_in() {
    let cmp = compare_groups(
        [
            ("big-good", GroupTally::rate(90, 100)),
            ("big-bad", GroupTally::rate(60, 100)),
            ("tiny-perfect", GroupTally::rate(3, 3)),
        ],
        CompareOptions::default(),
    )
    .expect("compare");
    let tiny = &cmp.groups[2];
    assert_eq!(tiny.verdict, Verdict::TooSmall);
    assert_eq!((tiny.rank, tiny.shrunken, tiny.test), (None, None, None));
    assert_eq!(cmp.ranking().len(), 2);
    // The tiny group still counts in "the rest": big-good against 63 of 103.
    let rest = 63.0 / 103.0;
    let diff = cmp.groups[0].difference.expect("difference").estimate();
    assert!((diff - (0.9 - rest)).abs() < 1e-15);
    // With a lower minimum it is ranked, but its 3/3 does not put it first by much: shrunken.
    let low = compare_groups(
        [
            ("big-good", GroupTally::rate(90, 100)),
            ("big-bad", GroupTally::rate(60, 100)),
            ("tiny-perfect", GroupTally::rate(3, 3)),
        ],
        CompareOptions::default().with_min_n(2),
    )
    .expect("compare");
    let shrunk = low.groups[2].shrunken.expect("shrunken").estimate();
    assert!(shrunk < 1.0 && shrunk > low.prior_mean.expect("prior"));
}

#[test]
fn periods_change_and_trend() {
    let months = [
        ("2025-01", GroupTally::rate(140, 200)),
        ("2025-02", GroupTally::rate(150, 200)),
        ("2025-03", GroupTally::rate(149, 200)),
        ("2025-04", GroupTally::rate(165, 200)),
    ];
    let trend = compare_periods(months.clone(), Level::default()).expect("periods");
    assert!(trend.periods[0].change.is_none());
    // February minus January: 0.75 − 0.70, Newcombe's interval, pooled z test.
    let feb = &trend.periods[1];
    assert!((feb.change.expect("change").estimate() - 0.05).abs() < 1e-15);
    assert_eq!(feb.test.expect("test").method, TestMethod::TwoProportionZ);
    let mk = trend.trend.expect("four periods");
    assert_eq!(mk.s, 4); // 5 pairs up, 1 down
    assert!((mk.variance - 4.0 * 3.0 * 13.0 / 18.0).abs() < 1e-12);
    assert!(trend.slope.is_some());
    // Three periods: no trend test.
    let three = compare_periods(months.into_iter().take(3), Level::default()).expect("periods");
    assert!(three.trend.is_none() && three.slope.is_none());
    assert!(trend.to_string().contains("Sen's slope"));
    // The trend allowing for autocorrelation is Hamed–Rao's test of the same estimates.
    let series: Vec<f64> = trend
        .periods
        .iter()
        .map(|p| p.estimate.estimate())
        .collect();
    assert_eq!(
        trend.trend_autocorrelated,
        Some(layanan::stats::mann_kendall_hamed_rao(&series, 0.05).expect("Hamed–Rao"))
    );
    assert!(trend.to_string().contains("Hamed–Rao"));
    assert!(three.trend_autocorrelated.is_none());
}

/// Issue 15, item 17: a series without a trend test says why — too few periods, too many for
/// the test, or every period the same — in its report and its table (six tied months and
/// 12,000 months once both said "needs four periods or more", or "every period has the same
/// estimate").
#[test]
fn a_missing_trend_gives_its_real_reason() {
    let rate = |i: usize, successes: u64| (format!("p{i}"), GroupTally::rate(successes, 50));
    let three = compare_periods((0..3).map(|i| rate(i, 40)), Level::default()).unwrap();
    assert_eq!(
        three.no_trend(),
        Some(NoTrend::TooFewPeriods { periods: 3 })
    );
    assert!(
        three
            .to_string()
            .contains("Trend: none: a trend test needs four periods or more, and there are 3"),
        "{three}"
    );
    let tied = compare_periods((0..6).map(|i| rate(i, 40)), Level::default()).unwrap();
    assert_eq!(tied.no_trend(), Some(NoTrend::Constant));
    assert!(
        tied.to_string()
            .contains("Trend: none: every period has the same estimate"),
        "{tied}"
    );
    // Ties in part are a trend test with ties, not a missing one.
    let some_ties = [40, 40, 41, 41, 40, 40];
    let some = compare_periods(
        some_ties.iter().enumerate().map(|(i, &s)| rate(i, s)),
        Level::default(),
    )
    .unwrap();
    assert!(some.trend.is_some() && some.no_trend().is_none());
    let many = layanan::stats::MAX_TREND_LENGTH + 1;
    let long = compare_periods(
        (0..many).map(|i| rate(i, 30 + (i % 7) as u64)),
        Level::default(),
    )
    .unwrap();
    assert_eq!(
        long.no_trend(),
        Some(NoTrend::TooManyPeriods {
            periods: many,
            max: layanan::stats::MAX_TREND_LENGTH
        })
    );
    assert!(
        long.to_string().contains(
            "Trend: none: 10001 periods are more than the trend test takes (10000): \
             aggregate them into longer periods"
        ),
        "the last line of the table"
    );
}

#[test]
fn means_with_welch() {
    let a = Moments::from_slice(&[80.0, 82.0, 85.0, 79.0, 90.0]).expect("a");
    let b = Moments::from_slice(&[70.0, 72.0, 68.0, 75.0]).expect("b");
    let cmp = compare_groups(
        [("a", GroupTally::Mean(a)), ("b", GroupTally::Mean(b))],
        CompareOptions::default().with_min_n(2),
    )
    .expect("compare");
    // As welch_t_test on the raw data.
    let raw = layanan::stats::welch_t_test(
        &[80.0, 82.0, 85.0, 79.0, 90.0],
        &[70.0, 72.0, 68.0, 75.0],
        layanan::stats::Alternative::TwoSided,
    )
    .expect("welch");
    let test = cmp.groups[0].test.expect("test");
    assert!((test.statistic - raw.statistic).abs() < 1e-12);
    assert!((test.p_value - raw.p_value).abs() < 1e-14);
    assert_eq!(cmp.groups[0].verdict, Verdict::Above);
}

#[test]
fn errors_are_values() {
    let none: [(&str, GroupTally); 0] = [];
    assert!(matches!(
        compare_groups(none, CompareOptions::default()),
        Err(Error::InsufficientData { .. })
    ));
    let mixed = [
        ("a", GroupTally::rate(1, 2)),
        (
            "b",
            GroupTally::Mean(Moments::from_slice(&[1.0, 2.0]).expect("m")),
        ),
    ];
    assert_eq!(
        compare_groups(mixed.clone(), CompareOptions::default()).unwrap_err(),
        Error::Inconsistent {
            what: "comparison".into(),
            reason: "groups of different kinds (a rate, a mean, an IKM) cannot be compared".into()
        }
    );
    assert!(matches!(
        compare_periods(mixed, Level::default()),
        Err(Error::Inconsistent { .. })
    ));
    assert!(matches!(
        compare_groups([("a", GroupTally::rate(3, 2))], CompareOptions::default()),
        Err(Error::Stats(layanan::stats::Error::OutOfRange { .. }))
    ));
    assert!(matches!(
        CompareOptions::default().with_alpha(1.5),
        Err(Error::InvalidProbability { .. })
    ));
    // Constant groups of means: no test, no ranking, no panic.
    let flat = Moments::from_slice(&[5.0; 40]).expect("m");
    let cmp = compare_groups(
        [("a", GroupTally::Mean(flat)), ("b", GroupTally::Mean(flat))],
        CompareOptions::default(),
    )
    .expect("compare");
    assert!(
        cmp.groups
            .iter()
            .all(|g| g.test.is_none() && g.rank.is_none())
    );
    assert!(
        cmp.groups
            .iter()
            .all(|g| g.verdict == Verdict::NotDistinguishable)
    );
}

fn uniform(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn successes(rng: &mut Xoshiro256PlusPlus, n: u64, p: f64) -> u64 {
    (0..n).filter(|_| uniform(rng) < p).count() as u64
}

/// Ten units drawn from the same rate: under the complete null the false-discovery rate is the
/// chance that any unit is flagged, which Benjamini–Hochberg keeps at or below alpha. Over 400
/// seeded runs the observed rate must stay within three binomial standard errors of 0.05.
/// A unit with a real shortfall (0.6 against 0.8, 150 visits) is flagged in almost every run.
#[test]
fn simulation_false_discoveries_and_power() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(20_261_128);
    let runs = 400;
    let (mut any_flagged, mut shortfall_flagged) = (0u32, 0u32);
    for _ in 0..runs {
        let null: Vec<(String, GroupTally)> = (0..10)
            .map(|u| {
                let n = 60 + 10 * u;
                (
                    format!("u{u}"),
                    GroupTally::rate(successes(&mut rng, n, 0.8), n),
                )
            })
            .collect();
        let cmp = compare_groups(null, CompareOptions::default()).expect("compare");
        if cmp
            .groups
            .iter()
            .any(|g| matches!(g.verdict, Verdict::Below | Verdict::Above))
        {
            any_flagged += 1;
        }
        let mut groups: Vec<(String, GroupTally)> = (0..9)
            .map(|u| {
                (
                    format!("u{u}"),
                    GroupTally::rate(successes(&mut rng, 150, 0.8), 150),
                )
            })
            .collect();
        groups.push((
            "short".into(),
            GroupTally::rate(successes(&mut rng, 150, 0.6), 150),
        ));
        let cmp = compare_groups(groups, CompareOptions::default()).expect("compare");
        if cmp.groups[9].verdict == Verdict::Below {
            shortfall_flagged += 1;
        }
    }
    let rate = f64::from(any_flagged) / f64::from(runs);
    eprintln!(
        "null runs with a flag: {any_flagged}/{runs}; shortfall flagged: {shortfall_flagged}/{runs}"
    );
    let se = (0.05f64 * 0.95 / f64::from(runs)).sqrt();
    assert!(rate <= 0.05 + 3.0 * se, "false-discovery rate {rate}");
    assert!(
        f64::from(shortfall_flagged) / f64::from(runs) >= 0.95,
        "shortfall flagged in {shortfall_flagged} of {runs}"
    );
}

fn normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    // Box–Muller; 1 − u keeps the logarithm finite.
    let (u, v) = (1.0 - uniform(rng), uniform(rng));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// The same for means (Welch t against the rest): eight units of ratings N(75, 15²), 300 runs.
#[test]
fn simulation_false_discoveries_for_means() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    let runs = 300;
    let mut any_flagged = 0u32;
    for _ in 0..runs {
        let groups: Vec<(String, GroupTally)> = (0..8)
            .map(|u| {
                let mut m = Moments::new();
                for _ in 0..(30 + 5 * u) {
                    m.push(75.0 + 15.0 * normal(&mut rng)).expect("finite");
                }
                (format!("u{u}"), GroupTally::Mean(m))
            })
            .collect();
        let cmp = compare_groups(groups, CompareOptions::default()).expect("compare");
        if cmp
            .groups
            .iter()
            .any(|g| g.verdict != Verdict::NotDistinguishable)
        {
            any_flagged += 1;
        }
    }
    let rate = f64::from(any_flagged) / f64::from(runs);
    let se = (0.05f64 * 0.95 / f64::from(runs)).sqrt();
    eprintln!("means: null runs with a flag: {any_flagged}/{runs}");
    assert!(rate <= 0.05 + 3.0 * se, "false-discovery rate {rate}");
}

/// IKMs are compared like the other scores: each unit against the rest (the other units'
/// questionnaires merged) with Welch–Satterthwaite on the two IKMs' standard errors and
/// `min nᵢ − 1` degrees of freedom, adjusted p-values and verdicts; period on period too.
#[test]
fn ikm_groups_are_compared_with_their_design_variance() {
    use layanan::stats::{Estimate, welch_from_estimates};
    use layanan::{Instrument, Merge, SkmTally, Tally};
    let skm = Instrument::permenpanrb_14_2017();
    // 40 questionnaires per unit, from a unit's own pattern of answers.
    let unit = |low: i64, high: i64| {
        let mut tally = SkmTally::new(skm.clone());
        for r in 0..40i64 {
            let row: Vec<i64> = (0..9)
                .map(|e| if (r + e) % 3 == 0 { low } else { high })
                .collect();
            tally
                .push_answers(&skm.answers_from_row(&row).unwrap())
                .unwrap();
        }
        tally
    };
    let (a, b, c) = (unit(3, 4), unit(3, 4), unit(1, 2));
    let groups = [
        ("kel-a", GroupTally::ikm(a.clone())),
        ("kel-b", GroupTally::ikm(b.clone())),
        ("kel-c", GroupTally::ikm(c.clone())),
    ];
    let cmp = compare_groups(groups.clone(), CompareOptions::default()).unwrap();
    assert_eq!(cmp.groups[2].verdict, Verdict::Below);
    assert_eq!(cmp.groups[2].n, 40);
    // kel-c against kel-a and kel-b merged, by hand from the two reports.
    let mut rest = a.clone();
    rest.merge(&b).unwrap();
    let estimate = |t: &SkmTally| {
        let r = t.report().unwrap();
        Estimate {
            value: r.ikm,
            standard_error: r.standard_error.unwrap(),
            df: r.df.unwrap(),
        }
    };
    let (ci, test) = welch_from_estimates(estimate(&c), estimate(&rest), Level::default()).unwrap();
    assert_eq!(cmp.groups[2].difference, Some(ci));
    assert_eq!(cmp.groups[2].test, Some(test));
    // The IKM's effect is its difference in points; what the survey could detect comes from
    // the two design standard errors: 2.8015817870135793 of them (scipy: the x with
    // Φ(x − z₀.₉₇₅) + Φ(−x − z₀.₉₇₅) = 0.8).
    assert_eq!(cmp.groups[2].effect, None);
    let se = estimate(&c)
        .standard_error
        .hypot(estimate(&rest).standard_error);
    let detectable = cmp.groups[2].detectable.unwrap();
    assert!(
        (detectable - 2.8015817870135793 * se).abs() <= 1e-12 * detectable,
        "{detectable} vs {}",
        2.8015817870135793 * se
    );
    assert_eq!(
        cmp.groups[2].estimate,
        c.report().unwrap().interval.unwrap()
    );
    // Ranked by shrunken IKMs: c last.
    assert_eq!(
        cmp.ranking().last().map(|g| g.group.as_str()),
        Some("kel-c")
    );
    // Period on period: the change from a good month to a bad one is significant.
    let trend = compare_periods(
        [
            ("2025-01", GroupTally::ikm(a)),
            ("2025-02", GroupTally::ikm(c)),
        ],
        Level::default(),
    )
    .unwrap();
    assert!(trend.periods[1].test.unwrap().p_value < 1e-6);
    assert!(trend.periods[1].change.unwrap().upper() < 0.0);
    // An index mixed with a rate is refused.
    assert!(matches!(
        compare_groups(
            [("a", GroupTally::ikm(b)), ("b", GroupTally::rate(1, 2))],
            CompareOptions::default()
        ),
        Err(Error::Inconsistent { .. })
    ));
}
