//! The scorecard: every score of a set of visits, a composition of the parts' tallies.
//!
//! * Over a small dataset (11 visits, 3 units, 2 services with standards and one without),
//!   the scorecard overall, per unit and per service (a `Breakdown` of scorecards) gives
//!   exactly the reports of the parts' tallies built separately from each group's visits,
//!   every group judged as of the same instant.
//! * A few of those numbers by hand.
//! * Scorecards against different standards or instruments refuse to merge, naming what
//!   differs; a visit any part refuses changes no part. The merge laws are in `laws`.

use layanan::prelude::*;
use layanan::stats::QuantileType;
use layanan::{
    Breakdown, Completion, CostOptions, CostTally, EmpathyOptions, EmpathyTally, Error, Instrument,
    Interaction, Level, LevelOptions, Money, MoneySum, NpsTally, PromiseOptions, PromiseTally,
    RatingScale, Scorecard, ScorecardOptions, ScorecardReport, ServiceStandard, SkmOptions,
    SkmTally, SpeedOptions, SpeedTally, Standards, TimeSpan, Timestamp,
};

use crate::support::{assert_close, at, plus_minutes};

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
    let five = RatingScale::FIVE_POINT;
    ROWS.iter()
        .enumerate()
        .map(
            |(i, &(unit, service, arrived, wait, minutes, paid, empathy, recommend, answers))| {
                let arrived = at(&format!("{arrived}:00+07:00"));
                let mut b = Interaction::builder(service, unit, arrived).id(format!("v{i}"));
                let mut clock = arrived;
                if let Some(w) = wait {
                    clock = plus_minutes(arrived, f64::from(w));
                    b = b.started_at(clock);
                }
                if let Some(m) = minutes {
                    b = b.finished_at(plus_minutes(clock, f64::from(m)));
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

/// The reports of the parts' tallies built separately from `visits`, judged as of `as_of`,
/// checked against one group's scorecard report.
#[track_caller]
fn assert_matches_separate<'a>(
    got: &ScorecardReport,
    visits: impl IntoIterator<Item = &'a Interaction>,
    as_of: Timestamp,
    options: &ScorecardOptions,
) {
    let standards = standards();
    let mut speed = SpeedTally::new(standards.clone());
    let mut cost = CostTally::new(standards.clone());
    let mut empathy = EmpathyTally::default();
    let mut promises = PromiseTally::new(standards);
    let mut nps = NpsTally::default();
    let mut skm = SkmTally::new(Instrument::permenpanrb_14_2017());
    for v in visits {
        speed.push(v).unwrap();
        cost.push(v).unwrap();
        empathy.push(v).unwrap();
        promises.push(v).unwrap();
        nps.push(v).unwrap();
        if let Some(a) = v.skm() {
            skm.push_answers(a).unwrap();
        }
    }
    let level = options.level;
    fn part<R>(r: layanan::Result<R>) -> Option<R> {
        match r {
            Ok(r) => Some(r),
            Err(Error::NoData { .. }) => None,
            Err(e) => panic!("unexpected {e}"),
        }
    }
    let speed_options = SpeedOptions::default()
        .level(level)
        .quantile_type(options.quantile_type)
        .as_of(as_of);
    assert_eq!(got.speed, part(speed.report_with(&speed_options)));
    assert_eq!(got.visits, speed.visits());
    assert_eq!(
        got.cost,
        part(cost.report_with(&CostOptions::default().level(level)))
    );
    assert_eq!(
        got.empathy,
        part(empathy.report_with(&EmpathyOptions::default().level(level)))
    );
    assert_eq!(
        got.promises,
        part(promises.report_with(&PromiseOptions::default().level(level).as_of(as_of)))
    );
    assert_eq!(
        got.nps,
        part(nps.report_with(&LevelOptions::default().level(level)))
    );
    assert_eq!(
        got.skm,
        part(skm.report_with(&SkmOptions::default().with_level(level)))
    );
}

/// The latest time in the dataset: kel-b's permit finished Thursday 13 March 14:00.
fn data_end() -> Timestamp {
    at("2025-03-13T14:00:00+07:00")
}

#[test]
fn breakdown_equals_the_parts_built_per_group() {
    let visits = dataset();
    let mut card = Breakdown::new(Scorecard::new(standards()));
    card.push_all(&visits).unwrap();
    for options in [
        ScorecardOptions::default(),
        ScorecardOptions::default().level(Level::new(0.9).unwrap()),
        ScorecardOptions::default().quantile_type(QuantileType::Hazen),
    ] {
        let report = card.report_with(&options).unwrap();
        assert_matches_separate(
            report.overall.as_ref().unwrap(),
            &visits,
            data_end(),
            &options,
        );
        let units: Vec<&str> = report.by_unit.iter().map(|(u, _)| u.as_str()).collect();
        assert_eq!(units, ["kel-a", "kel-b", "kel-c"]);
        for (unit, group) in &report.by_unit {
            let mine = visits.iter().filter(|v| v.unit() == unit);
            assert_matches_separate(group.as_ref().unwrap(), mine, data_end(), &options);
        }
        let services: Vec<&str> = report.by_service.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(services, ["kk", "ktp-el", "legalisir"]);
        for (service, group) in &report.by_service {
            let mine = visits.iter().filter(|v| v.service() == service);
            assert_matches_separate(group.as_ref().unwrap(), mine, data_end(), &options);
        }
    }
}

/// A few numbers of the dataset by hand, so the comparison above is not between two wrong
/// answers. As of the data's end, Thursday 13 March 14:00:
///
/// kel-a: ktp-el turnarounds 30 (on time) and 70 (late); kk arrived Monday 09:00, started 09:05
/// and finished 3 × 24 h later on Thursday: working days Tue, Wed, Thu = 3 ≤ 3, on time;
/// legalisir has no standard. On time 2/3. Paid 0, 20 000 (free service charged), 0, 5 000
/// (legalisir: no standard, not judged): overcharged 1/3, coverage 3/4.
/// kel-b: kk arrived Friday 14:00, finished 6 × 24 h later on Thursday 14:00: working days
/// Mon, Tue, Wed, Thu = 4 > 3, late; ktp-el 55 (on time) and 205 (late). On time 1/3.
/// kel-c: the unfinished ktp-el visit (arrived Wed 08:00, due 09:00) is late at the data's end.
#[test]
fn dataset_by_hand() {
    let mut card = Breakdown::new(Scorecard::new(standards()));
    card.push_all(&dataset()).unwrap();
    let report = card.report().unwrap();
    let unit = |name: &str| {
        report
            .by_unit
            .iter()
            .find(|(u, _)| u == name)
            .and_then(|(_, r)| r.clone())
            .unwrap()
    };
    let a = unit("kel-a");
    let speed = a.speed.as_ref().unwrap();
    assert_eq!(speed.as_of, data_end());
    let on_time = speed.on_time_share.unwrap();
    assert_eq!((on_time.count, on_time.of, speed.no_standard), (2, 3, 1));
    assert_eq!(speed.working_days.unwrap().max, 3.0);
    let cost = a.cost.as_ref().unwrap();
    let over = cost.overcharged.unwrap();
    assert_eq!((over.count, over.of, cost.no_standard), (1, 3, 1));
    assert_eq!(cost.excess_total, MoneySum::from(Money::new(20_000)));

    let b = unit("kel-b");
    let on_time = b.speed.as_ref().unwrap().on_time_share.unwrap();
    assert_eq!((on_time.count, on_time.of), (1, 3));
    assert_eq!(b.speed.as_ref().unwrap().working_days.unwrap().max, 4.0);

    let c = unit("kel-c");
    let speed = c.speed.as_ref().unwrap();
    assert_eq!(
        (speed.visits, speed.unfinished, speed.late_unfinished),
        (4, 1, 1)
    );

    let overall = report.overall.unwrap();
    // Overall NPS: recommend 10, 3, 9, 8, 9, 7, 0, 10, 6 → promoters 4 (10, 9, 9, 10),
    // passives 2 (8, 7), detractors 3 (3, 0, 6): 100 × (4 − 3)/9 = 11.11.
    let nps = overall.nps.unwrap();
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (4, 2, 3));
    assert_close(nps.nps, 100.0 / 9.0, 1e-15);
    // SKM answers on six visits; waktu (U3) answered 3 by all: NRR 3. Perilaku (U7): 4, 2,
    // 3, 3, 4, 4 → 20/6.
    let skm = overall.skm.as_ref().unwrap();
    assert_eq!(skm.respondents, 6);
    assert_eq!(skm.elements[2].nrr, 3.0);
    assert_close(skm.elements[6].nrr, 20.0 / 6.0, 1e-15);
    // The empathy part sees the same courtesy answers on the SKM scale: 20/6 × 25 = 83.33.
    let courtesy = overall.empathy.as_ref().unwrap().courtesy.clone().unwrap();
    assert_close(courtesy.score, 25.0 * 20.0 / 6.0, 1e-14);
}

#[test]
fn merging_scorecards_of_different_settings_is_rejected() {
    let visits = dataset();
    let score = |visits: &[Interaction], standards: Standards| {
        let mut card = Scorecard::new(standards);
        card.push_all(visits).unwrap();
        card
    };
    let mut a = score(&visits[..4], standards());
    let before = a.clone();
    let mut other = standards();
    other.insert(ServiceStandard::new("legalisir", Money::new(10_000)).unwrap());
    let b = score(&visits[4..], other);
    let err = a.merge(&b).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge speed tallies: only one of them has a standard for service `legalisir`"
    );
    assert_eq!(a, before, "a rejected merge leaves the scorecard unchanged");

    // The same services on another calendar are other standards too: working days differ.
    let wita = standards().with_calendar(layanan::Calendar::wita());
    let c = score(&visits[4..], wita);
    assert!(matches!(a.merge(&c), Err(Error::MergeMismatch { .. })));

    // And another instrument.
    let d = Scorecard::with_settings(
        standards(),
        Instrument::kepmenpan_25_2004(),
        RatingScale::FIVE_POINT,
    );
    let err = a.merge(&d).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot merge empathy tallies: their instruments differ"),
        "{err}"
    );
    assert_eq!(a, before);
}

/// A visit any part rejects (SKM answers of another instrument, dates past year 9999) changes
/// no part: the parts stay consistent with each other.
#[test]
fn rejected_visit_leaves_the_scorecard_unchanged() {
    let visits = dataset();
    let mut card = Scorecard::new(standards());
    card.push_all(&visits).unwrap();
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
    let far = Timestamp::from_unix_millis(300_000_000_000_000);
    let bad = Interaction::builder("kk", "kel-d", far)
        .finished_at(far)
        .paid(Money::ZERO)
        .build()
        .unwrap();
    let err = card.push(&bad).unwrap_err();
    assert!(matches!(err, Error::TimeOutOfRange { .. }), "{err}");
    assert_eq!(card, before);

    // A rating on another scale than the empathy tally's.
    let bad = Interaction::builder("ktp-el", "kel-d", at("2025-03-06T10:00:00+07:00"))
        .empathy(RatingScale::new(0, 10).unwrap().rating(9).unwrap())
        .build()
        .unwrap();
    assert!(matches!(card.push(&bad), Err(Error::ScaleMismatch { .. })));
    assert_eq!(card, before);
    assert_eq!(card.visits(), 11);
}

/// An empty scorecard has nothing to report; a scorecard of visits with no score data still
/// reports its speed part (counts) and leaves the others `None`.
#[test]
fn parts_without_data_are_none() {
    assert!(matches!(
        Scorecard::default().report(),
        Err(Error::NoData { .. })
    ));
    let mut card = Scorecard::default();
    card.push(
        &Interaction::builder("ktp-el", "kel-a", at("2025-03-06T10:00:00+07:00"))
            .build()
            .unwrap(),
    )
    .unwrap();
    let report = card.report().unwrap();
    assert_eq!(report.visits, 1);
    assert!(report.speed.is_some());
    assert_eq!(report.cost.map(|c| c.coverage.judged), Some(0));
    assert_eq!(report.empathy, None);
    assert_eq!(report.nps, None);
    assert_eq!(report.skm, None);
}
