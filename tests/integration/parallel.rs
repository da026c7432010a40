//! Parallel scoring (feature `rayon`) gives the sequential result: counts exactly, floating
//! sums within 1e-12 relative.

use layanan::prelude::*;
use layanan::{
    Breakdown, Completion, Instrument, Interaction, Money, Scorecard, ServiceStandard, SkmResponse,
    SkmTally, Standards, TimeSpan, Timestamp, par_tally,
};

/// 50,000 deterministic visits over 32 units and 3 services (several rayon chunks).
fn visits() -> (Vec<Interaction>, Standards) {
    let standards: Standards = [
        ServiceStandard::new("ktp", Money::ZERO)
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(60))),
        ServiceStandard::new("izin", Money::new(50_000))
            .unwrap()
            .with_completion(Completion::WorkingDays(3)),
    ]
    .into_iter()
    .collect();
    let skm = Instrument::permenpanrb_14_2017();
    let scale = layanan::RatingScale::new(1, 5).unwrap();
    let mut state: u64 = 7;
    let mut next = move |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    let start = Timestamp::from_unix_seconds(1_735_700_000).unwrap();
    let visits = (0..50_000u64)
        .map(|i| {
            let service = ["ktp", "izin", "legalisir"][next(3) as usize];
            let arrived = Timestamp::from_unix_millis(start.unix_millis() + (i as i64) * 600_000);
            let wait = next(90) as i64 * 60_000;
            let took = if service == "izin" {
                next(8) as i64 * 86_400_000
            } else {
                next(120) as i64 * 60_000
            };
            let started = Timestamp::from_unix_millis(arrived.unix_millis() + wait);
            let mut b = Interaction::builder(service, format!("unit-{:02}", next(32)), arrived)
                .started_at(started)
                .finished_at(Timestamp::from_unix_millis(started.unix_millis() + took))
                .official_fee(Money::ZERO)
                .paid(Money::new(if next(20) == 0 { 25_000 } else { 0 }))
                .empathy(scale.rating(1 + next(5) as i64).unwrap())
                .recommend(next(11) as i64);
            if next(3) == 0 {
                let row: Vec<i64> = (0..9).map(|_| 1 + next(4) as i64).collect();
                b = b.skm(skm.answers_from_row(&row).unwrap());
            }
            b.build().unwrap()
        })
        .collect();
    (visits, standards)
}

#[test]
fn par_tally_equals_the_sequential_scorecard() {
    let (visits, standards) = visits();
    let parallel = par_tally(Breakdown::new(Scorecard::new(standards.clone())), &visits).unwrap();
    let mut sequential = Breakdown::new(Scorecard::new(standards));
    sequential.push_all(&visits).unwrap();
    let (p, s) = (parallel.report().unwrap(), sequential.report().unwrap());
    assert_eq!(p.by_unit.len(), 32);
    let groups = std::iter::once(("overall".to_string(), (p.overall, s.overall))).chain(
        p.by_unit
            .into_iter()
            .zip(s.by_unit)
            .map(|((k, pv), (_, sv))| (k, (pv, sv))),
    );
    for (name, (pg, sg)) in groups {
        // Counts, order statistics and exact sums: equal; means of stored times within 1e-12.
        let (pg, sg) = (pg.unwrap(), sg.unwrap());
        assert_eq!(pg.cost, sg.cost, "{name}");
        assert_eq!(pg.nps, sg.nps, "{name}");
        assert_eq!(pg.skm, sg.skm, "{name}");
        assert_eq!(pg.empathy, sg.empathy, "{name}");
        assert_eq!(pg.promises, sg.promises, "{name}");
        crate::support::assert_debug_close(&pg.speed, &sg.speed, 1e-12, 0.0);
    }
}

#[test]
fn par_skm_tally_equals_the_sequential_tally_exactly() {
    let (visits, _) = visits();
    let skm = Instrument::permenpanrb_14_2017();
    let responses: Vec<SkmResponse> = visits
        .iter()
        .filter_map(|v| v.skm().cloned().map(SkmResponse::new))
        .collect();
    let mut sequential = SkmTally::new(skm.clone());
    sequential.push_all(&responses).unwrap();
    assert_eq!(
        par_tally(SkmTally::new(skm), &responses).unwrap(),
        sequential
    );
}
