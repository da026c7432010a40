//! A refused merge names the setting that differs and both values (issue 15, item 19): the
//! standards (a service's tariff, completion, waiting target; a service on one side only), the
//! instruments (name, elements, wording, weights, grade bands), the calendars (zone, weekend,
//! the first holiday on one side only, a unit's own calendar), the complaint targets and the
//! periods cells keep. Each refusal leaves the tally as it was.

use layanan::columns::VisitCells;
use layanan::prelude::*;
use layanan::{
    ByPeriod, Calendar, Calendars, ComplaintTally, ComplaintTargets, Completion, CostTally, Date,
    Element, EmpathyTally, Error, GradeBands, Granularity, Instrument, Money, RatingScale,
    Scorecard, ServiceStandard, SkmTally, SpeedTally, Standards, TimeSpan, Weight,
};

/// The merge's refusal as text, checking it is a `MergeMismatch` and that `ours` is unchanged.
fn refusal<T: Merge + Clone + PartialEq + std::fmt::Debug>(ours: &T, theirs: &T) -> String {
    let mut merged = ours.clone();
    let err = merged.merge(theirs).expect_err("the merge is refused");
    assert!(matches!(err, Error::MergeMismatch { .. }), "{err:?}");
    assert_eq!(&merged, ours, "a refused merge changes nothing");
    err.to_string()
}

/// The refusal of merging `theirs` into `ours`, for tallies without an equality.
fn refused<T: Merge>(ours: &T, theirs: &T) -> String {
    let err = ours.check_merge(theirs).expect_err("the merge is refused");
    assert!(matches!(err, Error::MergeMismatch { .. }), "{err:?}");
    err.to_string()
}

fn ktp() -> ServiceStandard {
    ServiceStandard::new("ktp-el", Money::new(10_000))
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
        .with_max_wait(TimeSpan::from_minutes(30))
}

fn standards(calendar: Calendar) -> Standards {
    Standards::from(vec![ktp()]).with_calendar(calendar)
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// A scorecard of `a` and one of `b`, both against `standards`, merge into the scorecard of
/// both visits.
#[track_caller]
fn assert_offices_merge(standards: &Standards, a: &layanan::Interaction, b: &layanan::Interaction) {
    let office = |visits: &[&layanan::Interaction]| {
        let mut card = Scorecard::new(standards.clone());
        for v in visits {
            card.push(v).unwrap();
        }
        card
    };
    let mut merged = office(&[a]);
    merged.merge(&office(&[b])).unwrap();
    assert_eq!(merged, office(&[a, b]));
}

#[test]
fn standards_name_the_service_and_both_values() {
    let ours = SpeedTally::new(standards(Calendar::wib()));
    let dearer = Standards::from(vec![
        ServiceStandard::new("ktp-el", Money::new(15_000))
            .unwrap()
            .with_completion(Completion::WorkingDays(2)),
    ]);
    assert_eq!(
        refusal(&ours, &SpeedTally::new(dearer)),
        "cannot merge speed tallies: the standard of service `ktp-el` differs (tariff 10000 vs \
         15000, completion 60m vs 2wd, waiting target 30m vs none)"
    );
    let more = Standards::from(vec![
        ktp(),
        ServiceStandard::new("kk", Money::ZERO).unwrap(),
    ]);
    assert_eq!(
        refusal(
            &CostTally::new(standards(Calendar::wib())),
            &CostTally::new(more)
        ),
        "cannot merge cost tallies: only one of them has a standard for service `kk`"
    );
}

#[test]
fn calendars_name_the_zone_weekend_or_holiday() {
    let ours = SpeedTally::new(standards(Calendar::wib()));
    assert_eq!(
        refusal(&ours, &SpeedTally::new(standards(Calendar::wita()))),
        "cannot merge speed tallies: their default calendars differ: their UTC offsets differ \
         (WIB (UTC+07:00) vs WITA (UTC+08:00))"
    );
    let friday = Calendar::wib()
        .with_weekend([layanan::Weekday::Friday, layanan::Weekday::Saturday])
        .unwrap();
    assert_eq!(
        refusal(&ours, &SpeedTally::new(standards(friday))),
        "cannot merge speed tallies: their default calendars differ: their weekends differ \
         (Saturday Sunday vs Friday Saturday)"
    );

    // Holidays: the first date on one list only is named, and whose list has it.
    let holidays = |dates: &[Date]| Calendar::wib().with_holidays(dates.iter().copied());
    let a = SpeedTally::new(standards(holidays(&[date(2025, 1, 1), date(2025, 3, 31)])));
    let b = SpeedTally::new(standards(holidays(&[date(2025, 1, 1), date(2025, 4, 1)])));
    assert_eq!(
        refusal(&a, &b),
        "cannot merge speed tallies: their default calendars differ: their holidays differ \
         (2025-03-31 is a holiday on the first only)"
    );
    let c = SpeedTally::new(standards(holidays(&[date(2025, 1, 1)])));
    assert_eq!(
        refusal(&c, &a),
        "cannot merge speed tallies: their default calendars differ: their holidays differ \
         (2025-03-31 is a holiday on the second only)"
    );

    // A unit's own calendar.
    let province = |wita_unit: &str| {
        Standards::from(vec![ktp()]).with_unit_calendar(wita_unit, Calendar::wita())
    };
    assert_eq!(
        refusal(
            &SpeedTally::new(province("kab-b")),
            &SpeedTally::new(province("kab-c"))
        ),
        "cannot merge speed tallies: the calendar of unit `kab-b` differs: their UTC offsets \
         differ (WITA (UTC+08:00) vs WIB (UTC+07:00))"
    );
    // The default's calendar given to a unit by name is a setting of its own.
    let named = Standards::from(vec![ktp()]).with_unit_calendar("kab-a", Calendar::wib());
    assert_eq!(
        refusal(
            &SpeedTally::new(named),
            &SpeedTally::new(standards(Calendar::wib()))
        ),
        "cannot merge speed tallies: the calendar of unit `kab-a` differs: the first gives it \
         its own calendar, equal to the default"
    );
}

#[test]
fn instruments_name_what_differs() {
    let new = Instrument::permenpanrb_14_2017();
    let skm = |instrument: &Instrument| SkmTally::new(instrument.clone());
    assert_eq!(
        refusal(&skm(&new), &skm(&Instrument::kepmenpan_25_2004())),
        "cannot merge SKM tallies: their instruments differ (`PermenPANRB 14/2017` vs \
         `KepMenPAN 25/2004`)"
    );
    let parking = Element::new("parkir", "Parkir", "parking").unwrap();
    let longer = new.clone().with_element(parking.clone()).unwrap();
    assert_eq!(
        refusal(&skm(&new), &skm(&longer)),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` have different \
         elements (9 vs 10 elements)"
    );
    let toilets = Element::new("toilet", "Toilet", "toilets").unwrap();
    let other = new.clone().with_element(toilets).unwrap();
    assert_eq!(
        refusal(&skm(&longer), &skm(&other)),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` have different \
         elements (`parkir` vs `toilet` in the same place)"
    );
    let reworded = new
        .clone()
        .with_element(Element::new("parkir", "Tempat parkir", "parking").unwrap())
        .unwrap();
    assert_eq!(
        refusal(&skm(&longer), &skm(&reworded)),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` give element \
         `parkir` another name (`Parkir` vs `Tempat parkir`)"
    );
    let relabelled = new
        .clone()
        .with_element(parking.with_labels(["a", "b", "c", "d"]))
        .unwrap();
    assert_eq!(
        refusal(&skm(&longer), &skm(&relabelled)),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` give element \
         `parkir` another answer labels (`1/2/3/4` vs `a/b/c/d`)"
    );
    // The first element weighs 3/20, the second 1/20, the others 2/20 each.
    let keys: Vec<&str> = longer.elements().iter().map(Element::key).collect();
    let weights: Vec<(&str, Weight)> = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let twentieths = match i {
                0 => 3,
                1 => 1,
                _ => 2,
            };
            (*key, Weight::new(twentieths, 20).unwrap())
        })
        .collect();
    let heavier = longer.clone().with_weights(&weights).unwrap();
    assert_eq!(
        refusal(&skm(&longer), &skm(&heavier)),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` weight element \
         `persyaratan` differently (0.1 vs 3/20)"
    );
    let banded = new
        .clone()
        .with_bands(GradeBands::KEPMENPAN_25_2004)
        .expect("the 2004 bands are valid");
    assert_eq!(
        refusal(&skm(&new), &skm(&banded)),
        "cannot merge SKM tallies: their instruments named `PermenPANRB 14/2017` grade with \
         different bands (A from 88.31, B from 76.61, C from 65.00 vs A from 81.26, B from \
         62.51, C from 43.76)"
    );
    // The empathy tally and the scorecard name the same.
    let five = RatingScale::FIVE_POINT;
    assert_eq!(
        refusal(
            &EmpathyTally::new(five, new.clone()),
            &EmpathyTally::new(five, banded.clone())
        ),
        "cannot merge empathy tallies: their instruments named `PermenPANRB 14/2017` grade with \
         different bands (A from 88.31, B from 76.61, C from 65.00 vs A from 81.26, B from \
         62.51, C from 43.76)"
    );
    let card = |instrument: &Instrument| {
        Scorecard::with_settings(standards(Calendar::wib()), instrument.clone(), five)
    };
    assert!(refusal(&card(&new), &card(&longer)).contains("(9 vs 10 elements)"));
}

#[test]
fn complaint_targets_name_the_target_and_both_values() {
    let tally = |targets: ComplaintTargets| ComplaintTally::new(targets, Calendar::wib());
    let ours = tally(ComplaintTargets::default());
    assert_eq!(
        refusal(
            &ours,
            &tally(ComplaintTargets::default().with_first_response(Completion::WorkingDays(2)))
        ),
        "cannot merge complaint tallies: their first-response targets differ (3wd vs 2wd)"
    );
    assert_eq!(
        refusal(
            &ours,
            &tally(ComplaintTargets::default().with_resolution(Completion::WorkingDays(3)))
        ),
        "cannot merge complaint tallies: their resolution targets differ (5wd vs 3wd)"
    );
    let fees = ComplaintTargets::default()
        .with_category("pungli", Completion::WorkingDays(1))
        .unwrap();
    assert_eq!(
        refusal(&ours, &tally(fees)),
        "cannot merge complaint tallies: their resolution targets for category `pungli` differ \
         (none vs 1wd)"
    );
    // And the calendars, as the standards name them.
    let wita = ComplaintTally::new(
        ComplaintTargets::default(),
        Calendars::new(Calendar::wib()).with_unit("kab-b", Calendar::wita()),
    );
    assert_eq!(
        refusal(&ours, &wita),
        "cannot merge complaint tallies: the calendar of unit `kab-b` differs: their UTC \
         offsets differ (WIB (UTC+07:00) vs WITA (UTC+08:00))"
    );
}

#[test]
fn cells_name_their_periods() {
    let empty = Scorecard::new(standards(Calendar::wib()));
    let months = VisitCells::by_period(
        empty.clone(),
        ByPeriod::new(Calendar::wib(), Granularity::Month),
    );
    let quarters = VisitCells::by_period(
        empty.clone(),
        ByPeriod::new(Calendar::wib(), Granularity::Triwulan),
    );
    assert_eq!(
        refused(&months, &quarters),
        "cannot merge visit cells: they keep periods of a month and of a triwulan"
    );
    let wita_months = VisitCells::by_period(
        empty.clone(),
        ByPeriod::new(Calendar::wita(), Granularity::Month),
    );
    assert_eq!(
        refused(&months, &wita_months),
        "cannot merge visit cells: their periods are read on different calendars: their UTC \
         offsets differ (WIB (UTC+07:00) vs WITA (UTC+08:00))"
    );
    assert_eq!(
        refused(&months, &VisitCells::new(empty)),
        "cannot merge visit cells: the first keeps a cell per month, the second none"
    );
}

/// Offices in two zones, each keeping its own holidays, merge when they tally against the
/// province's standards: one `Standards` whose calendars are per unit. Each visit is judged on
/// its unit's calendar, and the merge of the offices' tallies is the tally of the whole.
#[test]
fn offices_in_two_zones_merge_against_the_provinces_standards() {
    use layanan::{Interaction, Timestamp};
    let at = |text: &str| text.parse::<Timestamp>().unwrap();
    let kk = ServiceStandard::new("kk", Money::ZERO)
        .unwrap()
        .with_completion(Completion::WorkingDays(1));
    // kab-a keeps WIB (the default); kab-b is in WITA with a holiday of its own on Tuesday.
    let kab_b = Calendar::wita().with_holidays([date(2025, 3, 11)]);
    let province = Standards::from(vec![kk.clone()]).with_unit_calendar("kab-b", kab_b.clone());
    // Friday 23:30 WIB is Saturday 00:30 WITA; both finish on Tuesday 11 March.
    let visit = |unit: &str| {
        Interaction::builder("kk", unit, at("2025-03-07T16:30:00Z"))
            .started_at(at("2025-03-07T16:30:00Z"))
            .finished_at(at("2025-03-11T03:00:00Z"))
            .build()
            .unwrap()
    };
    let (a, b) = (visit("kab-a"), visit("kab-b"));

    assert_offices_merge(&province, &a, &b);

    // kab-b's visit is judged on its own calendar, not on WIB.
    let speed = |standards: Standards, v: &layanan::Interaction| {
        let mut tally = SpeedTally::new(standards);
        tally.push(v).unwrap();
        let r = tally.report().unwrap();
        (r.on_time, r.late, r.working_days.map(|s| s.mean))
    };
    let on_wita = speed(
        Standards::from(vec![kk.clone()]).with_calendar(kab_b.clone()),
        &b,
    );
    let on_wib = speed(Standards::from(vec![kk.clone()]), &b);
    assert_ne!(
        on_wita, on_wib,
        "the zone and the holiday change the judgment"
    );
    assert_eq!(speed(province.clone(), &b), on_wita);
    assert_eq!(speed(province.clone(), &a), on_wib);
}

/// A unit may publish its own standard for a service (issue 15, item 19): a province's
/// standards carry it beside the province-wide one, every tally judges that unit's visits by
/// it and the others' by the province's, and offices tallying against those standards merge.
#[test]
fn a_units_own_standard_judges_its_visits_only() {
    use layanan::{CostTally, Interaction, Timestamp};
    let at = |text: &str| text.parse::<Timestamp>().unwrap();
    // Province-wide: ktp-el free within 60 minutes. kab-b's own: Rp 5.000 within 30 minutes.
    let province_ktp = ServiceStandard::new("ktp-el", Money::ZERO)
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(60)));
    let kab_b_ktp = ServiceStandard::new("ktp-el", Money::new(5_000))
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(30)));
    let province = Standards::from(vec![province_ktp.clone()])
        .with_unit_standard("kab-b", kab_b_ktp.clone())
        .with_unit_calendar("kab-b", Calendar::wita());
    assert_eq!(province.find_for("ktp-el", "kab-a"), Some(&province_ktp));
    assert_eq!(province.find_for("ktp-el", "kab-b"), Some(&kab_b_ktp));
    assert_eq!(province.find_for("kk", "kab-b"), None);
    assert_eq!(province.find("ktp-el"), Some(&province_ktp));
    assert_eq!(province.len(), 1, "the province-wide standards");
    assert_eq!(
        province.unit_standards().collect::<Vec<_>>(),
        [("kab-b", &kab_b_ktp)]
    );

    // 45 minutes, Rp 5.000 paid: late and overcharged at kab-a, late and charged right at kab-b.
    let visit = |unit: &str| {
        Interaction::builder("ktp-el", unit, at("2025-03-04T01:00:00Z"))
            .started_at(at("2025-03-04T01:00:00Z"))
            .finished_at(at("2025-03-04T01:45:00Z"))
            .paid(Money::new(5_000))
            .build()
            .unwrap()
    };
    let (a, b) = (visit("kab-a"), visit("kab-b"));
    let judged = |v: &Interaction| {
        let mut speed = SpeedTally::new(province.clone());
        speed.push(v).unwrap();
        let mut cost = CostTally::new(province.clone());
        cost.push(v).unwrap();
        let (s, c) = (speed.report().unwrap(), cost.report().unwrap());
        (s.on_time, s.late, c.overcharged.unwrap().count)
    };
    assert_eq!(judged(&a), (1, 0, 1));
    assert_eq!(judged(&b), (0, 1, 0));

    // Offices in two zones, one with standards of its own, merge against the province's.
    assert_offices_merge(&province, &a, &b);

    // Standards that differ in a unit's own standard refuse to merge, naming it.
    let other = Standards::from(vec![province_ktp.clone()])
        .with_unit_standard("kab-b", province_ktp.clone())
        .with_unit_calendar("kab-b", Calendar::wita());
    assert_eq!(
        refusal(&SpeedTally::new(province.clone()), &SpeedTally::new(other)),
        "cannot merge speed tallies: the standard of service `ktp-el` at unit `kab-b` differs \
         (tariff 5000 vs 0, completion 30m vs 60m, waiting target none vs none)"
    );
    let without = Standards::from(vec![province_ktp]).with_unit_calendar("kab-b", Calendar::wita());
    assert_eq!(
        refusal(
            &SpeedTally::new(province.clone()),
            &SpeedTally::new(without)
        ),
        "cannot merge speed tallies: only one of them has a standard of its own for service \
         `ktp-el` at unit `kab-b`"
    );
}

/// The serialised standards carry the units' own standards, and read back equal; standards
/// without any serialise as before (no `units` field), and a unit's service given twice is
/// refused.
#[cfg(feature = "serde")]
#[test]
fn units_own_standards_round_trip() {
    let ktp = ServiceStandard::new("ktp-el", Money::ZERO).unwrap();
    let plain = Standards::from(vec![ktp.clone()]);
    let json = serde_json::to_string(&plain).unwrap();
    assert!(!json.contains("units"), "{json}");
    let own = plain.with_unit_standard(
        "kab-b",
        ServiceStandard::new("ktp-el", Money::new(5)).unwrap(),
    );
    let json = serde_json::to_string(&own).unwrap();
    assert_eq!(serde_json::from_str::<Standards>(&json).unwrap(), own);
    let twice = json.replace(
        r#"[{"service":"ktp-el","tariff":{"Fixed":5},"completion":null,"max_wait":null}]"#,
        r#"[{"service":"ktp-el","tariff":{"Fixed":5},"completion":null,"max_wait":null},{"service":"ktp-el","tariff":{"Fixed":6},"completion":null,"max_wait":null}]"#,
    );
    assert_ne!(twice, json, "{json}");
    let err = serde_json::from_str::<Standards>(&twice)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unit `kab-b`'s service `ktp-el` is given more than once"),
        "{err}"
    );
}
