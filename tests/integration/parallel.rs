//! Parallel scoring (feature `rayon`) gives the sequential result: counts exactly, floating
//! sums within 1e-12 relative.

use layanan::{
    Completion, Instrument, Interaction, Money, Scorecard, ServiceStandard, SkmTally, Standards,
    TimeSpan, Timestamp,
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

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

#[test]
fn par_score_equals_the_sequential_scorecard() {
    let (visits, standards) = visits();
    let parallel = Scorecard::par_score(&visits, standards.clone()).unwrap();
    let sequential = Scorecard::score(&visits, standards).unwrap();
    let (p, s) = (parallel.report().unwrap(), sequential.report().unwrap());
    assert_eq!(p.unknown_services, s.unknown_services);
    assert_eq!(p.by_unit.len(), 32);
    for (name, (pg, sg)) in std::iter::once(("overall", (&p.overall, &s.overall))).chain(
        p.by_unit
            .iter()
            .map(|(k, v)| (k.as_str(), (v, &s.by_unit[k]))),
    ) {
        // Counts and order statistics: exactly equal.
        assert_eq!(pg.speed, sg.speed, "{name}");
        assert_eq!(pg.cost, sg.cost, "{name}");
        assert_eq!(pg.nps, sg.nps, "{name}");
        assert_eq!(pg.skm, sg.skm, "{name}");
        // Floating sums: within 1e-12.
        let (pe, se) = (pg.empathy.as_ref().unwrap(), sg.empathy.as_ref().unwrap());
        let (pc, sc) = (pe.score.unwrap(), se.score.unwrap());
        assert!(close(pc.estimate(), sc.estimate()), "{name}");
        assert!(
            close(pc.lower(), sc.lower()) && close(pc.upper(), sc.upper()),
            "{name}"
        );
        let (px, sx) = (
            pg.excellence.as_ref().unwrap(),
            sg.excellence.as_ref().unwrap(),
        );
        assert!(close(px.index.estimate(), sx.index.estimate()), "{name}");
    }
}

#[test]
fn par_skm_tally_equals_the_sequential_tally_exactly() {
    let (visits, _) = visits();
    let skm = Instrument::permenpanrb_14_2017();
    let answers: Vec<_> = visits.iter().filter_map(|v| v.skm().cloned()).collect();
    let mut sequential = SkmTally::new(skm.clone());
    for a in &answers {
        sequential.push_answers(a).unwrap();
    }
    assert_eq!(
        SkmTally::par_from_answers(skm, &answers).unwrap(),
        sequential
    );
}
