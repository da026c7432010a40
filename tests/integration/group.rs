//! `Grouped`: any tally by any key, filled in one pass (its merge laws are in `laws`).

use layanan::prelude::*;
use layanan::{
    Calendar, CesTally, CostTally, Error, Granularity, Grouped, Interaction, Money, Period,
    RatingScale, ServiceStandard, Standards, Timestamp,
};

fn visits() -> Vec<Interaction> {
    let at = |s: &str| s.parse::<Timestamp>().unwrap();
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

type Key = (String, String, Period);

fn grouped(visits: &[Interaction]) -> Grouped<Key, CostTally> {
    let calendar = Calendar::wib();
    let standards = standards();
    let mut groups = Grouped::new(CostTally::new());
    for v in visits {
        let quarter = calendar
            .period(v.arrived_at(), Granularity::Triwulan)
            .unwrap();
        let key = (
            v.unit().to_string(),
            v.channel().unwrap_or("-").to_string(),
            quarter,
        );
        groups.group_mut(key).push(v, &standards).unwrap();
    }
    groups
}

#[test]
fn groups_by_a_combination_of_keys() {
    let groups = grouped(&visits());
    let q = |quarter| Period::Triwulan {
        year: 2025,
        quarter,
    };
    let keys: Vec<&Key> = groups.iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        [
            &("kel-a".into(), "counter".into(), q(2)), // 31 March 17:30 UTC is 1 April in WIB
            &("kel-a".into(), "counter".into(), q(3)),
            &("kel-a".into(), "online".into(), q(1)),
            &("kel-b".into(), "counter".into(), q(2)),
        ]
    );
    let b = groups
        .get(&("kel-b".into(), "counter".into(), q(2)))
        .unwrap();
    let report = b.report().unwrap();
    assert_eq!(report.visits, 2);
    assert_eq!(report.overcharged.unwrap().count, 1);
}

/// A merge that fails on one group leaves every group as it was, and tallies of other settings
/// do not merge even when they share no key.
#[test]
fn a_failed_merge_changes_nothing() {
    let ours_scale = RatingScale::new(1, 5).unwrap();
    let mut ours = Grouped::new(CesTally::new(ours_scale));
    ours.group_mut("kel-a").push_rating(4).unwrap();
    ours.group_mut("kel-b").push_rating(2).unwrap();
    let before = ours.clone();

    let mut theirs = Grouped::new(CesTally::new(RatingScale::new(1, 7).unwrap()));
    theirs.group_mut("kel-c").push_rating(7).unwrap();
    let mismatch = Error::MergeMismatch {
        reason: "effort scores on different scales".into(),
    };
    assert_eq!(ours.merge(&theirs), Err(mismatch.clone()));
    assert_eq!(ours, before);

    // Same settings for the empty tallies, yet one group was made on another scale: "kel-a"
    // merges first, then "kel-b" fails, and "kel-a" must not stay merged.
    let mut mixed = Grouped::new(CesTally::new(ours_scale));
    mixed.group_mut("kel-a").push_rating(5).unwrap();
    *mixed.group_mut("kel-b") = theirs.get(&"kel-c").unwrap().clone();
    assert_eq!(ours.merge(&mixed), Err(mismatch));
    assert_eq!(ours, before);
}
