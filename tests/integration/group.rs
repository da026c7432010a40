//! `Grouped` and `Breakdown`: any tally by typed keys, filled in one pass (their merge laws are
//! in `laws`).

use layanan::prelude::*;
use layanan::{
    Breakdown, ByCategory, ByChannel, ByGender, ByHand, ByPeriod, ByUnit, Calendar, CesTally,
    Complaint, CostTally, Error, Gender, Granularity, Grouped, Instrument, Interaction, Money,
    NpsTally, Period, RatingScale, Respondent, ServiceStandard, SkmResponse, SkmTally, Standards,
    Timestamp,
};

use crate::support::at;

fn visits() -> Vec<Interaction> {
    [
        ("kel-a", "counter", "2025-03-31T17:30:00Z", 0), // 00:30 on 1 April in WIB
        ("kel-a", "online", "2025-03-31T10:00:00+07:00", 20_000),
        ("kel-b", "counter", "2025-04-02T10:00:00+07:00", 0),
        ("kel-b", "counter", "2025-06-30T10:00:00+07:00", 15_000),
        ("kel-a", "counter", "2025-07-01T10:00:00+07:00", 0),
    ]
    .into_iter()
    .map(|(unit, channel, t, paid)| {
        Interaction::builder("ktp", unit, at(t))
            .channel(channel)
            .paid(Money::new(paid))
            .build()
            .unwrap()
    })
    .collect()
}

fn standards() -> Standards {
    [ServiceStandard::new("ktp", Money::ZERO).unwrap()]
        .into_iter()
        .collect()
}

type By = (ByUnit, ByChannel, ByPeriod);

fn grouped(visits: &[Interaction]) -> Grouped<By, CostTally> {
    let by = (
        ByUnit,
        ByChannel,
        ByPeriod::new(Calendar::wib(), Granularity::Triwulan),
    );
    let mut groups = Grouped::new(by, CostTally::new(standards()));
    groups.push_all(visits).unwrap();
    groups
}

fn q(quarter: u8) -> Period {
    Period::Triwulan {
        year: 2025,
        quarter,
    }
}

#[test]
fn groups_by_a_combination_of_keys() {
    let groups = grouped(&visits());
    let counter = || Some("counter".to_string());
    let keys: Vec<_> = groups.iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(
        keys,
        [
            ("kel-a".into(), counter(), q(2)), // 31 March 17:30 UTC is 1 April in WIB
            ("kel-a".into(), counter(), q(3)),
            ("kel-a".into(), Some("online".into()), q(1)),
            ("kel-b".into(), counter(), q(2)),
        ]
    );
    let b = groups.get(&("kel-b".into(), counter(), q(2))).unwrap();
    let report = b.report().unwrap();
    assert_eq!(report.visits, 2);
    assert_eq!(report.overcharged.unwrap().count, 1);
    // The grouped report: one per group, in key order.
    let reports = groups.report().unwrap();
    assert_eq!(reports.len(), 4);
    assert_eq!(reports[3].1.as_ref().map(|r| r.visits), Some(2));
    // Roll-ups: by unit, and the total.
    let by_unit = groups.roll_up(|(unit, _, _)| unit.clone()).unwrap();
    assert_eq!(by_unit["kel-a"].visits(), 3);
    assert_eq!(groups.total().unwrap().visits(), 5);
}

/// A visit without a channel is the group `None`; a questionnaire without a unit cannot be
/// grouped by unit, and is refused naming the field; profile keys group by the respondent.
#[test]
fn what_a_key_reads_and_refuses() {
    let mut by_channel = Grouped::new(ByChannel, NpsTally::default());
    let plain = Interaction::builder("ktp", "kel-a", Timestamp::from_unix_millis(0))
        .recommend(9)
        .build()
        .unwrap();
    by_channel.push(&plain).unwrap();
    assert!(by_channel.get(&None).is_some());

    let skm = Instrument::permenpanrb_14_2017();
    let answers = skm.answers_from_row(&[4, 4, 3, 4, 3, 4, 4, 3, 3]).unwrap();
    let mut by_unit = Grouped::new(ByUnit, SkmTally::new(skm.clone()));
    let err = by_unit
        .push(&SkmResponse::new(answers.clone()))
        .unwrap_err();
    assert_eq!(
        err,
        Error::Missing {
            field: "unit".into()
        }
    );
    assert!(by_unit.is_empty());

    let mut by_gender = Grouped::new(ByGender, SkmTally::new(skm));
    let woman = SkmResponse::new(answers.clone())
        .with_respondent(Respondent::default().with_gender(Gender::Perempuan));
    by_gender.push(&woman).unwrap();
    by_gender.push(&SkmResponse::new(answers)).unwrap();
    let keys: Vec<_> = by_gender.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, [None, Some(Gender::Perempuan)]);

    let mut by_category = Grouped::new(ByCategory, layanan::ComplaintTally::default());
    let filed = at("2025-03-03T09:00:00+07:00");
    by_category
        .push(
            &Complaint::filed("kel-a", filed)
                .unwrap()
                .in_category("berat")
                .unwrap(),
        )
        .unwrap();
    assert!(by_category.get(&Some("berat".into())).is_some());
}

/// A failed merge leaves every group as it was, and tallies of other settings do not merge
/// even when they share no key; nor do groups by other keys.
#[test]
fn a_failed_merge_changes_nothing() {
    let five = RatingScale::FIVE_POINT;
    let seven = RatingScale::new(1, 7).unwrap();
    // CES keyed by hand (a rating has no unit).
    let mut ours = Grouped::new(ByHand::<String>::new(), CesTally::new(five));
    ours.group_mut("kel-a".into())
        .push(&five.rating(4).unwrap())
        .unwrap();
    ours.group_mut("kel-b".into())
        .push(&five.rating(2).unwrap())
        .unwrap();
    let before = ours.clone();

    let mut theirs = Grouped::new(ByHand::<String>::new(), CesTally::new(seven));
    theirs
        .group_mut("kel-c".into())
        .push(&seven.rating(7).unwrap())
        .unwrap();
    let mismatch = Error::MergeMismatch {
        what: "effort tallies".into(),
        difference: "their rating scales differ (1..=5 vs 1..=7)".into(),
    };
    assert_eq!(ours.merge(&theirs), Err(mismatch.clone()));
    assert_eq!(ours, before);

    // Same settings for the empty tallies, yet one group was made on another scale: "kel-a"
    // would merge, "kel-b" not; nothing changes.
    let mut mixed = Grouped::new(ByHand::<String>::new(), CesTally::new(five));
    mixed
        .group_mut("kel-a".into())
        .push(&five.rating(5).unwrap())
        .unwrap();
    *mixed.group_mut("kel-b".into()) = theirs.get(&"kel-c".into()).unwrap().clone();
    assert_eq!(ours.merge(&mixed), Err(mismatch));
    assert_eq!(ours, before);

    // Another grouping.
    let quarters = Grouped::new(
        ByPeriod::new(Calendar::wib(), Granularity::Triwulan),
        NpsTally::default(),
    );
    let mut months = Grouped::new(
        ByPeriod::new(Calendar::wib(), Granularity::Month),
        NpsTally::default(),
    );
    let err = months.merge(&quarters).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot merge grouped tallies: they are grouped by different keys"),
        "{err}"
    );
}

/// A record the key or the group refuses changes no group.
#[test]
fn a_refused_record_changes_nothing() {
    let mut groups = grouped(&visits());
    let before = groups.clone();
    let far = Interaction::builder("ktp", "kel-z", Timestamp::from_unix_millis(i64::MAX))
        .build()
        .unwrap();
    assert!(matches!(
        groups.push(&far),
        Err(Error::TimeOutOfRange { .. })
    ));
    assert_eq!(groups, before);
}

/// The breakdown's overall, unit and service reports are those of tallies built from each
/// group's visits alone.
#[test]
fn breakdown_equals_separate_tallies() {
    let mut all = visits();
    all.push(
        Interaction::builder("akta", "kel-b", at("2025-05-05T10:00:00+07:00"))
            .paid(Money::new(5_000))
            .build()
            .unwrap(),
    );
    let mut breakdown = Breakdown::new(CostTally::new(standards()));
    breakdown.push_all(&all).unwrap();
    let report = breakdown.report().unwrap();
    let alone = |keep: &dyn Fn(&Interaction) -> bool| {
        let mut t = CostTally::new(standards());
        t.push_all(all.iter().filter(|v| keep(v))).unwrap();
        t.report().unwrap()
    };
    assert_eq!(report.overall, Some(alone(&|_| true)));
    for (unit, r) in &report.by_unit {
        assert_eq!(r.as_ref(), Some(&alone(&|v| v.unit() == unit)));
    }
    for (service, r) in &report.by_service {
        assert_eq!(r.as_ref(), Some(&alone(&|v| v.service() == service)));
    }
    let units: Vec<&str> = report.by_unit.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(units, ["kel-a", "kel-b"]);
    assert_eq!(breakdown.cells().len(), 3);
}

/// A breakdown prints as a table: overall, then each unit and each service, a group with
/// nothing to report marked so (issue 15, item 23).
#[test]
fn a_breakdown_report_prints() {
    let mut by = Breakdown::new(NpsTally::default());
    let visit = |unit: &str, service: &str, score: i64| {
        Interaction::builder(service, unit, at("2025-03-03T08:00:00Z"))
            .recommend(score)
            .build()
            .unwrap()
    };
    by.push(&visit("kel-a", "ktp-el", 10)).unwrap();
    by.push(&visit("kel-b", "ktp-el", 3)).unwrap();
    let report = by.report().unwrap();
    let text = report.to_string();
    let overall = report.overall.as_ref().unwrap().to_string();
    let unit_a = report.by_unit[0].1.as_ref().unwrap().to_string();
    assert_eq!(
        text.lines().next(),
        Some(format!("overall: {overall}").as_str()),
        "{text}"
    );
    assert!(text.contains(&format!("unit kel-a: {unit_a}")), "{text}");
    assert!(text.contains("service ktp-el: "), "{text}");
    // Every line of a group's report is indented under its name.
    assert!(
        text.lines()
            .skip(1)
            .all(|l| !l.starts_with(' ') || l.starts_with("  "))
    );
}
