//! `Grouped`: any tally by any key, filled in one pass (its merge laws are in `laws`).

use layanan::{
    Calendar, CostTally, Granularity, Grouped, Interaction, Money, Period, ServiceStandard,
    Standards, Timestamp,
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
