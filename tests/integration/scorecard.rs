//! The one-pass scorecard and the service excellence index.
//!
//! * A scorecard over a small dataset (11 visits, 3 units, 2 services with standards and one
//!   without) gives, for every unit and service, exactly the reports of tallies built separately
//!   from that group's visits; unknown services are listed with their counts.
//! * Scorecards against different standards refuse to merge (the merge laws are in `laws`).
//! * The excellence index by hand, with default and custom weights, its interval from
//!   `Σ wᵢ²·seᵢ²`, clipping and the weakest dimension.
//!
//! [`support`] holds the helpers the other modules of this area share (`speed`, `cost`,
//! `empathy`, `cx`).

use layanan::prelude::*;
use layanan::stats::QuantileType;
use layanan::{
    Completion, Component, CostTally, Dimension, EmpathyTally, Error, ExcellenceIndex,
    ExcellenceWeights, GroupReport, Instrument, Interaction, Level, Money, NpsTally, RatingScale,
    Scorecard, ScorecardOptions, ServiceStandard, SkmOptions, SkmTally, SpeedOptions, SpeedTally,
    Standards, TimeSpan, Weight,
};
use support::{QUANTILE_TOL, Z95, assert_close, assert_debug_close, at};



// ---------------------------------------------------------------------------------------------
// The scorecard on a hand-made dataset.
// ---------------------------------------------------------------------------------------------

/// `ktp-el`: 60 minutes, wait at most 30, free. `kk`: 3 working days, free. `legalisir` has no
/// standard.
fn standards() -> Standards {
    [
        ServiceStandard::new("ktp-el", Money::ZERO)
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(30)),
        ServiceStandard::new("kk", Money::ZERO)
            .unwrap()
            .with_completion(Completion::WorkingDays(3)),
    ]
    .into_iter()
    .collect()
}

/// One row of the dataset: unit, service, arrival (WIB), wait and service minutes, paid,
/// empathy on 1–5, recommend, SKM answers to perilaku and pengaduan.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<u32>,
    Option<u32>,
    Option<u64>,
    Option<i64>,
    Option<i64>,
    Option<(i64, i64)>,
);

/// Eleven visits over three units; `kk` visits take days.
#[rustfmt::skip]
const ROWS: [Row; 11] = [
    // unit    service      arrived (WIB)       wait      service              paid           empathy  recommend  SKM U7, U9
    ("kel-a", "ktp-el",    "2025-03-03T08:00", Some(10), Some(20),            Some(0),       Some(5), Some(10),  Some((4, 4))),
    ("kel-a", "ktp-el",    "2025-03-03T08:30", Some(40), Some(30),            Some(20_000),  Some(2), Some(3),   Some((2, 1))),
    ("kel-a", "kk",        "2025-03-03T09:00", Some(5),  Some(3 * 24 * 60),   Some(0),       Some(4), Some(9),   None),
    ("kel-a", "legalisir", "2025-03-04T10:00", Some(15), Some(15),            Some(5_000),   None,    Some(8),   None),
    ("kel-b", "ktp-el",    "2025-03-04T08:00", Some(25), Some(30),            Some(0),       Some(4), Some(9),   Some((3, 3))),
    ("kel-b", "ktp-el",    "2025-03-04T08:10", Some(5),  Some(200),           Some(0),       Some(3), Some(7),   Some((3, 2))),
    ("kel-b", "kk",        "2025-03-07T14:00", Some(0),  Some(6 * 24 * 60),   Some(50_000),  Some(1), Some(0),   None),
    ("kel-c", "ktp-el",    "2025-03-05T08:00", Some(20), None,                None,          None,    None,      None),
    ("kel-c", "kk",        "2025-03-05T09:00", Some(10), Some(2 * 24 * 60),   Some(0),       Some(5), Some(10),  Some((4, 3))),
    ("kel-c", "ktp-el",    "2025-03-05T11:00", Some(30), Some(25),            Some(0),       Some(4), Some(6),   Some((4, 4))),
    ("kel-c", "legalisir", "2025-03-06T10:00", Some(5),  Some(10),            None,          Some(5), None,      None),
];

fn dataset() -> Vec<Interaction> {
    let skm = Instrument::permenpanrb_14_2017();
    let five = RatingScale::new(1, 5).unwrap();
    ROWS.iter()
        .enumerate()
        .map(
            |(i, &(unit, service, arrived, wait, minutes, paid, empathy, recommend, answers))| {
                let arrived = at(&format!("{arrived}:00+07:00"));
                let mut b = Interaction::builder(service, unit, arrived).id(format!("v{i}"));
                let mut clock = arrived;
                if let Some(w) = wait {
                    clock = support::plus_minutes(arrived, f64::from(w));
                    b = b.started_at(clock);
                }
                if let Some(m) = minutes {
                    b = b.finished_at(support::plus_minutes(clock, f64::from(m)));
                }
                if let Some(p) = paid {
                    b = b.paid(Money::new(p));
                }
                if let Some(e) = empathy {
                    b = b.empathy(five.rating(e).unwrap());
                }
                if let Some(r) = recommend {
                    b = b.recommend(r);
                }
                if let Some((perilaku, pengaduan)) = answers {
                    // U1…U9 in printed order: perilaku is U7, pengaduan U9; waktu (U3) always 3.
                    let row = [4, 3, 3, 4, 3, 3, perilaku, 3, pengaduan].map(Some);
                    b = b.skm(layanan::SkmAnswers::from_values(&skm, &row).unwrap());
                }
                b.build().unwrap()
            },
        )
        .collect()
}

/// The reports of tallies built separately from `visits`, as a [`GroupReport`] would hold them.
struct Separate {
    visits: u64,
    speed: Option<layanan::SpeedReport>,
    cost: Option<layanan::CostReport>,
    empathy: Option<layanan::EmpathyReport>,
    nps: Option<layanan::NpsReport>,
    skm: Option<layanan::SkmReport>,
}

fn separately<'a>(
    visits: impl IntoIterator<Item = &'a Interaction>,
    standards: &Standards,
    options: &ScorecardOptions,
) -> Separate {
    let mut speed = SpeedTally::new();
    let mut cost = CostTally::new();
    let mut empathy = EmpathyTally::new();
    let mut nps = NpsTally::default();
    let mut skm = SkmTally::new(Instrument::permenpanrb_14_2017());
    for v in visits {
        speed.push(v, standards).unwrap();
        cost.push(v, standards).unwrap();
        empathy.push(v).unwrap();
        nps.push(v).unwrap();
        if let Some(a) = v.skm() {
            skm.push_answers(a).unwrap();
        }
    }
    let level = options.level;
    let none_if_empty = |e: Error| match e {
        Error::InsufficientData { .. } => (),
        other => panic!("unexpected {other}"),
    };
    Separate {
        visits: speed.visits(),
        speed: speed
            .report_with(&SpeedOptions {
                level,
                quantile_type: options.quantile_type,
            })
            .map_err(none_if_empty)
            .ok(),
        cost: cost.report_with(level).map_err(none_if_empty).ok(),
        empathy: empathy.report_with(level).map_err(none_if_empty).ok(),
        nps: nps.report_with(level).map_err(none_if_empty).ok(),
        skm: skm
            .report_with(&SkmOptions::default().with_level(level))
            .map_err(none_if_empty)
            .ok(),
    }
}

/// The excellence index from a group's reports, as the design defines it: speed = share within
/// standard × 100 and cost = (1 − overcharge rate) × 100, each with the binomial standard error
/// `100·√(q(1 − q)/n)`; empathy = its score and standard error.
fn expected_excellence(g: &Separate, options: &ScorecardOptions) -> Option<ExcellenceIndex> {
    let within = g.speed.as_ref()?.within_standard?;
    let over = g.cost.as_ref()?.overcharged?;
    let empathy = g.empathy.as_ref()?;
    let share = |q: f64, n: u64| {
        Component::new(100.0 * q, 100.0 * (q * (1.0 - q) / n as f64).sqrt()).unwrap()
    };
    let e = Component::new(empathy.score?.estimate(), empathy.score_standard_error?).unwrap();
    Some(
        ExcellenceIndex::combine(
            share(within.rate(), within.of),
            e,
            share(1.0 - over.rate(), over.of),
            options.weights,
            options.level,
        )
        .unwrap(),
    )
}

#[track_caller]
fn assert_group_matches(got: &GroupReport, want: &Separate, options: &ScorecardOptions) {
    assert_eq!(got.visits, want.visits);
    assert_eq!(got.speed, want.speed);
    assert_eq!(got.cost, want.cost);
    assert_eq!(got.empathy, want.empathy);
    assert_eq!(got.nps, want.nps);
    assert_eq!(got.skm, want.skm);
    let excellence = expected_excellence(want, options);
    assert_eq!(got.excellence.is_some(), excellence.is_some());
    if let (Some(got), Some(want)) = (&got.excellence, &excellence) {
        assert_debug_close(got, want, 1e-12, 1e-10);
    }
}

#[test]
fn one_pass_equals_tallies_built_per_group() {
    let visits = dataset();
    let standards = standards();
    let card = Scorecard::score(&visits, standards.clone()).unwrap();
    for options in [
        ScorecardOptions::default(),
        ScorecardOptions::default()
            .with_level(Level::new(0.9).unwrap())
            .with_weights(
                ExcellenceWeights::new(
                    Weight::new(1, 2).unwrap(),
                    Weight::new(1, 4).unwrap(),
                    Weight::new(1, 4).unwrap(),
                )
                .unwrap(),
            ),
        {
            let mut o = ScorecardOptions::default();
            o.quantile_type = QuantileType::Hazen;
            o
        },
    ] {
        let report = card.report_with(&options).unwrap();
        assert_group_matches(
            &report.overall,
            &separately(&visits, &standards, &options),
            &options,
        );
        let units: Vec<&str> = report.by_unit.keys().map(String::as_str).collect();
        assert_eq!(units, ["kel-a", "kel-b", "kel-c"]);
        for (unit, group) in &report.by_unit {
            let mine = visits.iter().filter(|v| v.unit() == unit);
            assert_group_matches(group, &separately(mine, &standards, &options), &options);
        }
        let services: Vec<&str> = report.by_service.keys().map(String::as_str).collect();
        assert_eq!(services, ["kk", "ktp-el", "legalisir"]);
        for (service, group) in &report.by_service {
            let mine = visits.iter().filter(|v| v.service() == service);
            assert_group_matches(group, &separately(mine, &standards, &options), &options);
        }
        assert_eq!(
            report.unknown_services.iter().collect::<Vec<_>>(),
            [(&"legalisir".to_string(), &2)]
        );
    }
    // The tallies the scorecard exposes are those same tallies.
    assert_eq!(card.units().count(), 3);
    assert_eq!(card.services().count(), 3);
    assert_eq!(card.overall().speed.visits(), 11);
    assert_eq!(card.unknown_services().get("legalisir"), Some(&2));
}

/// A few numbers of the dataset by hand, so the comparison above is not between two wrong
/// answers.
///
/// kel-a: ktp-el turnarounds 30 (within 60) and 70 (not); kk arrived Monday 09:05 started,
/// finished 3 × 24 h later on Thursday: working days Tue, Wed, Thu = 3 ≤ 3, within; legalisir is
/// not judged. Within 2/3. Paid 0, 20 000 (free service charged), 0, 5 000 (legalisir: no
/// tariff, no official fee: not judged): overcharged 1/3.
/// kel-b: kk arrived Friday 14:00, finished 6 × 24 h later on Thursday 14:00: working days Mon,
/// Tue, Wed, Thu = 4 > 3 (≤ 12: tolerating); ktp-el 55 (within) and 205 (> 60, ≤ 240:
/// tolerating); Apdex (1 + 2/2)/3 = 2/3.
#[test]
fn dataset_by_hand() {
    let card = Scorecard::score(&dataset(), standards()).unwrap();
    let report = card.report().unwrap();
    let a = &report.by_unit["kel-a"];
    let speed = a.speed.as_ref().unwrap();
    let within = speed.within_standard.unwrap();
    assert_eq!((within.count, within.of, speed.no_standard), (2, 3, 1));
    assert_eq!(speed.working_days.unwrap().max, 3.0);
    let cost = a.cost.as_ref().unwrap();
    let over = cost.overcharged.unwrap();
    assert_eq!((over.count, over.of, cost.not_judged), (1, 3, 1));
    assert_eq!(cost.excess_total, Money::new(20_000));

    let b = report.by_unit["kel-b"].speed.as_ref().unwrap();
    let within = b.within_standard.unwrap();
    assert_eq!((within.count, within.of), (1, 3));
    assert_eq!(b.working_days.unwrap().max, 4.0);
    assert_close(b.apdex.unwrap(), 2.0 / 3.0, 1e-15);

    // kel-c has an unfinished visit: counted, not judged.
    let c = report.by_unit["kel-c"].speed.as_ref().unwrap();
    assert_eq!((c.visits, c.unfinished), (4, 1));

    // Overall NPS: recommend 10, 3, 9, 8, 9, 7, 0, 10, 6 → promoters 4 (10, 9, 9, 10),
    // passives 2 (8, 7), detractors 3 (3, 0, 6): 100 × (4 − 3)/9 = 11.11.
    let nps = report.overall.nps.unwrap();
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (4, 2, 3));
    assert_close(nps.nps, 100.0 / 9.0, 1e-15);
    // SKM answers on six visits; waktu (U3) answered 3 by all: NRR 3. Perilaku (U7): 4, 2,
    // 3, 3, 4, 4 → 20/6.
    let skm = report.overall.skm.as_ref().unwrap();
    assert_eq!(skm.respondents, 6);
    assert_eq!(skm.elements[2].nrr, 3.0);
    assert_close(skm.elements[6].nrr, 20.0 / 6.0, 1e-15);
    // Every group with speed, cost and empathy scores has an index; kel-c's cost: paid 0 on
    // every judged visit, overcharge rate 0, cost score 100.
    let excellence = report.by_unit["kel-c"].excellence.as_ref().unwrap();
    assert_eq!(excellence.components[2], (Dimension::Cost, 100.0));
}

#[test]
fn merging_scorecards_of_different_standards_is_rejected() {
    let visits = dataset();
    let mut a = Scorecard::score(&visits[..4], standards()).unwrap();
    let before = a.clone();
    let mut other = standards();
    other.insert(ServiceStandard::new("legalisir", Money::new(10_000)).unwrap());
    let b = Scorecard::score(&visits[4..], other).unwrap();
    let err = a.merge(&b).unwrap_err();
    assert_eq!(
        err,
        Error::MergeMismatch {
            reason: "scorecards judged against different standards or instruments".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot merge: scorecards judged against different standards or instruments"
    );
    assert_eq!(a, before, "a rejected merge leaves the scorecard unchanged");

    // The same services on another calendar are other standards too: working days differ.
    let wita = standards().with_calendar(layanan::Calendar::wita());
    let c = Scorecard::score(&visits[4..], wita).unwrap();
    assert!(matches!(a.merge(&c), Err(Error::MergeMismatch { .. })));

    // And another instrument.
    let d = Scorecard::with_instrument(standards(), Instrument::kepmenpan_25_2004());
    assert!(matches!(a.merge(&d), Err(Error::MergeMismatch { .. })));
}

/// A visit the scorecard rejects (SKM answers of another instrument) must not be half counted:
/// overall, unit and service tallies stay consistent with each other.
#[test]
fn rejected_visit_leaves_the_scorecard_unchanged() {
    let visits = dataset();
    let mut card = Scorecard::score(&visits, standards()).unwrap();
    let before = card.clone();
    let old = Instrument::kepmenpan_25_2004();
    let bad = Interaction::builder("legalisir", "kel-d", at("2025-03-06T10:00:00+07:00"))
        .finished_at(at("2025-03-06T10:20:00+07:00"))
        .paid(Money::new(1_000))
        .recommend(9)
        .skm(old.answers().set("kesopanan", 4).unwrap().build())
        .build()
        .unwrap();
    let err = card.push(&bad).unwrap_err();
    assert!(matches!(err, Error::UnknownElement { .. }), "{err}");
    assert_eq!(card, before);

    // A permit whose dates cannot be counted in working days (past year 9999).
    let far = layanan::Timestamp::from_unix_millis(300_000_000_000_000);
    let bad = Interaction::builder("kk", "kel-d", far)
        .finished_at(far)
        .paid(Money::ZERO)
        .build()
        .unwrap();
    let err = card.push(&bad).unwrap_err();
    assert!(matches!(err, Error::TimeOutOfRange { .. }), "{err}");
    assert_eq!(card, before);
}

// ---------------------------------------------------------------------------------------------
// The excellence index.
// ---------------------------------------------------------------------------------------------

fn third_each() -> ExcellenceWeights {
    ExcellenceWeights::default()
}

fn half_quarter_quarter() -> ExcellenceWeights {
    ExcellenceWeights::new(
        Weight::new(1, 2).unwrap(),
        Weight::new(1, 4).unwrap(),
        Weight::new(1, 4).unwrap(),
    )
    .unwrap()
}

/// Speed 60 (se 4), empathy 75 (se 3), cost 90 (se 2).
///
/// Default weights: (60 + 75 + 90)/3 = 75; Var = (16 + 9 + 4)/9 = 29/9, se = 1.7950549,
/// half-width 1.959964 × 1.7950549 = 3.5182430: [71.481757, 78.518243].
/// Weights 1/2, 1/4, 1/4: 30 + 18.75 + 22.5 = 71.25; Var = 16/4 + 9/16 + 4/16 = 4.8125,
/// se = 2.1937411, half-width 4.2996535: [66.950346, 75.549654].
#[test]
fn excellence_by_hand() {
    let parts = || {
        (
            Component::new(60.0, 4.0).unwrap(),
            Component::new(75.0, 3.0).unwrap(),
            Component::new(90.0, 2.0).unwrap(),
        )
    };
    let (s, e, c) = parts();
    let x = ExcellenceIndex::combine(s, e, c, third_each(), Level::default()).unwrap();
    assert_close(x.index.estimate(), 75.0, 1e-14);
    let half = Z95 * (29.0f64 / 9.0).sqrt();
    assert_close(x.index.lower(), 75.0 - half, QUANTILE_TOL);
    assert_close(x.index.upper(), 75.0 + half, QUANTILE_TOL);
    assert_close(x.index.lower(), 71.481757, 1e-8);
    assert_close(x.index.upper(), 78.518243, 1e-8);
    assert_eq!(x.weakest, Dimension::Speed);
    assert_eq!(
        x.components,
        [
            (Dimension::Speed, 60.0),
            (Dimension::Empathy, 75.0),
            (Dimension::Cost, 90.0)
        ]
    );
    assert_eq!(x.weights, third_each());
    assert_eq!(x.index.method(), layanan::stats::IntervalMethod::Normal);

    let (s, e, c) = parts();
    let x = ExcellenceIndex::combine(s, e, c, half_quarter_quarter(), Level::default()).unwrap();
    assert_close(x.index.estimate(), 71.25, 1e-14);
    let half = Z95 * 4.8125f64.sqrt();
    assert_close(x.index.lower(), 71.25 - half, QUANTILE_TOL);
    assert_close(x.index.upper(), 71.25 + half, QUANTILE_TOL);
    assert_close(x.index.lower(), 66.950346, 1e-8);
    assert_close(x.index.upper(), 75.549654, 1e-8);
    assert_eq!(x.weakest, Dimension::Speed);

    // Empathy weakest; with zero standard errors the interval is the point.
    let x = ExcellenceIndex::combine(
        Component::new(80.0, 0.0).unwrap(),
        Component::new(40.0, 0.0).unwrap(),
        Component::new(100.0, 0.0).unwrap(),
        third_each(),
        Level::default(),
    )
    .unwrap();
    assert_close(x.index.estimate(), 220.0 / 3.0, 1e-14);
    assert_eq!(x.index.lower(), x.index.estimate());
    assert_eq!(x.index.upper(), x.index.estimate());
    assert_eq!(x.weakest, Dimension::Empathy);

    // Cost weakest, at 90 % (z = 1.6448536).
    let x = ExcellenceIndex::combine(
        Component::new(80.0, 1.0).unwrap(),
        Component::new(70.0, 1.0).unwrap(),
        Component::new(50.0, 1.0).unwrap(),
        half_quarter_quarter(),
        Level::new(0.9).unwrap(),
    )
    .unwrap();
    // 40 + 17.5 + 12.5 = 70; se = √(1/4 + 1/16 + 1/16) = √0.375.
    assert_close(x.index.estimate(), 70.0, 1e-14);
    assert_close(
        x.index.upper() - 70.0,
        1.6448536269514722 * 0.375f64.sqrt(),
        QUANTILE_TOL,
    );
    assert_eq!(x.weakest, Dimension::Cost);
}

/// 99, 98, 100 with se 5 each: estimate 99, se 5/√3 = 2.8867513, half-width 5.6579287: the upper
/// bound 104.66 is clipped to 100, the lower stays 93.342071. 1, 2, 0: the lower bound clips to 0.
#[test]
fn excellence_interval_is_clipped_to_0_100() {
    let x = ExcellenceIndex::combine(
        Component::new(99.0, 5.0).unwrap(),
        Component::new(98.0, 5.0).unwrap(),
        Component::new(100.0, 5.0).unwrap(),
        third_each(),
        Level::default(),
    )
    .unwrap();
    assert_close(x.index.estimate(), 99.0, 1e-14);
    assert_eq!(x.index.upper(), 100.0);
    assert_close(
        x.index.lower(),
        99.0 - Z95 * 5.0 / 3f64.sqrt(),
        QUANTILE_TOL,
    );
    assert_close(x.index.lower(), 93.342071, 1e-8);
    assert_eq!(x.weakest, Dimension::Empathy);

    let x = ExcellenceIndex::combine(
        Component::new(1.0, 5.0).unwrap(),
        Component::new(2.0, 5.0).unwrap(),
        Component::new(0.0, 5.0).unwrap(),
        third_each(),
        Level::default(),
    )
    .unwrap();
    assert_close(x.index.estimate(), 1.0, 1e-14);
    assert_eq!(x.index.lower(), 0.0);
    assert_close(x.index.upper(), 1.0 + Z95 * 5.0 / 3f64.sqrt(), QUANTILE_TOL);
    assert_eq!(x.weakest, Dimension::Cost);
}

#[test]
fn excellence_weights_must_sum_to_one() {
    // 1/2 + 1/2 + 1/4 = 5/4.
    let err = ExcellenceWeights::new(
        Weight::new(1, 2).unwrap(),
        Weight::new(1, 2).unwrap(),
        Weight::new(1, 4).unwrap(),
    )
    .unwrap_err();
    assert_eq!(err, Error::WeightsDoNotSumToOne { sum: "5/4".into() });
    assert_eq!(err.to_string(), "weights must sum to 1, got 5/4");
    // 1/3 + 1/3 + 1/4 = 11/12; decimals that only nearly sum to 1 are refused too.
    let err = ExcellenceWeights::new(
        Weight::new(1, 3).unwrap(),
        Weight::new(1, 3).unwrap(),
        Weight::new(1, 4).unwrap(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "weights must sum to 1, got 11/12");
    let w = |s: &str| s.parse::<Weight>().unwrap();
    let err = ExcellenceWeights::new(w("0.333"), w("0.333"), w("0.333")).unwrap_err();
    assert_eq!(err.to_string(), "weights must sum to 1, got 999/1000");
    // Exact thirds are the default.
    assert_eq!(
        ExcellenceWeights::new(w("1/3"), w("1/3"), w("1/3")).unwrap(),
        ExcellenceWeights::default()
    );
}

#[test]
fn component_rejects_bad_scores_and_errors() {
    let err = Component::new(101.0, 1.0).unwrap_err();
    assert_eq!(
        err,
        Error::InvalidValue {
            field: "score".into(),
            value: 101.0,
            expected: "between 0 and 100".into()
        }
    );
    assert_eq!(err.to_string(), "score must be between 0 and 100, got 101");
    assert_eq!(
        Component::new(-0.5, 1.0).unwrap_err().to_string(),
        "score must be between 0 and 100, got -0.5"
    );
    let err = Component::new(50.0, -1.0).unwrap_err();
    assert_eq!(
        err,
        Error::InvalidValue {
            field: "standard error".into(),
            value: -1.0,
            expected: "zero or positive".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "standard error must be zero or positive, got -1"
    );
    assert_eq!(
        Component::new(f64::NAN, 1.0).unwrap_err().to_string(),
        "score must be finite, got NaN"
    );
    assert_eq!(
        Component::new(50.0, f64::INFINITY).unwrap_err().to_string(),
        "standard error must be finite, got inf"
    );
    // The ends of the range are scores.
    assert!(Component::new(0.0, 0.0).is_ok());
    assert!(Component::new(100.0, 0.0).is_ok());
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::support::json::{rejects, round_trip};
    use super::*;
    use serde_json::json;

    /// Tallies read back from tampered JSON are refused, so they never report nonsense numbers.
    #[test]
    fn tampered_tallies_are_refused() {
        let visits = dataset();
        let card = Scorecard::score(&visits, standards()).unwrap();
        let overall = card.overall();

        let mut speed = serde_json::to_value(&overall.speed).unwrap();
        speed["within"] = json!(speed["judged"].as_u64().unwrap() + 1);
        rejects::<layanan::SpeedTally>(speed, "inconsistent speed tally");

        let mut cost = serde_json::to_value(&overall.cost).unwrap();
        cost["excess_total"] = json!(1);
        rejects::<layanan::CostTally>(cost, "inconsistent cost tally");

        let mut moments =
            serde_json::to_value(layanan::stats::Moments::from_slice(&[1.0, 2.0, 4.0]).unwrap())
                .unwrap();
        moments["m2"] = json!(-3.0);
        rejects::<layanan::stats::Moments>(moments, "inconsistent moments");
    }

    #[test]
    fn scorecard_format_is_versioned_and_checked() {
        let card = Scorecard::score(&dataset(), standards()).unwrap();
        let json = serde_json::to_value(&card).unwrap();
        assert_eq!(json["version"], serde_json::json!(1));
        let mut future = json.clone();
        future["version"] = serde_json::json!(2);
        rejects::<Scorecard>(
            future,
            "inconsistent scorecard: format version 2 (this build reads 1)",
        );
        // Drop one unit: its visits no longer add up to the overall count.
        let mut missing = json.clone();
        let first = missing["by_unit"]
            .as_object()
            .unwrap()
            .keys()
            .next()
            .unwrap()
            .clone();
        missing["by_unit"].as_object_mut().unwrap().remove(&first);
        rejects::<Scorecard>(missing, "visits overall but");
    }

    #[test]
    fn scorecard_and_its_reports() {
        let visits = dataset();
        let card = Scorecard::score(&visits, standards()).unwrap();
        let report = card.report().unwrap();
        round_trip(&report);
        round_trip(&report.overall);
        round_trip(card.overall());
        round_trip(&ScorecardOptions::default().with_weights(half_quarter_quarter()));
    }

    #[test]
    fn excellence_types() {
        let x = ExcellenceIndex::combine(
            Component::new(60.0, 4.0).unwrap(),
            Component::new(75.0, 3.0).unwrap(),
            Component::new(90.0, 2.0).unwrap(),
            half_quarter_quarter(),
            Level::default(),
        )
        .unwrap();
        round_trip(&x);
        round_trip(&Component::new(60.0, 4.0).unwrap());
        assert_eq!(round_trip(&Dimension::Empathy), json!("Empathy"));
        let weights = round_trip(&half_quarter_quarter());
        assert_eq!(weights, json!(["1/2", "1/4", "1/4"]));
        round_trip(&ExcellenceWeights::default());
    }

    #[test]
    fn weights_not_summing_to_one_are_rejected() {
        rejects::<ExcellenceWeights>(
            json!(["1/2", "1/2", "1/4"]),
            "weights must sum to 1, got 5/4",
        );
        rejects::<ExcellenceWeights>(
            json!(["0.333", "0.333", "0.333"]),
            "weights must sum to 1, got 999/1000",
        );
        rejects::<ExcellenceIndex>(
            json!({
                "index": {"estimate": 1.0, "lower": 0.0, "upper": 2.0, "level": 0.95, "method": "Normal"},
                "components": [],
                "weakest": "Speed",
                "weights": ["1/2", "1/2", "1/2"],
            }),
            "weights must sum to 1, got 3/2",
        );
    }
}
