//! Scores that mean what they say: the eight ways the scores once told an official the
//! opposite of the truth (issue 11), each written from its scenario in words. (The labels of
//! the report example, the eighth, are checked in `example`.)

use layanan::prelude::*;
use layanan::{
    Calendar, Complaint, ComplaintOptions, ComplaintTally, ComplaintTargets, Completion, CostTally,
    Date, EmpathyTally, Instrument, Interaction, Money, Mutu, Promise, PromiseTally, RatingScale,
    ServiceStandard, SkmOptions, SkmTally, SpeedOptions, SpeedTally, Standards, Tariff, TimeSpan,
    Weakest,
};

use crate::support::{at, plus_minutes};

/// 1. A unit with 1 of 4 permits finished within 3 working days and 3 still open 57 working
///    days later scores 25 % on time, not 100 %: the open ones are late.
#[test]
fn open_cases_past_their_deadline_are_late() {
    let standards: Standards = [ServiceStandard::new("izin", Money::ZERO)
        .unwrap()
        .with_completion(Completion::WorkingDays(3))]
    .into_iter()
    .collect();
    let arrived = at("2025-01-06T09:00:00+07:00"); // Monday
    let mut tally = SpeedTally::new(standards);
    let done = Interaction::builder("izin", "dpmptsp", arrived)
        .finished_at(at("2025-01-08T15:00:00+07:00"))
        .build()
        .unwrap();
    tally.push(&done).unwrap();
    for _ in 0..3 {
        let open = Interaction::builder("izin", "dpmptsp", arrived)
            .build()
            .unwrap();
        tally.push(&open).unwrap();
    }
    // 57 working days after Monday 6 January 2025 (no holidays): Wednesday 26 March.
    let as_of = at("2025-03-26T12:00:00+07:00");
    let report = tally
        .report_with(&SpeedOptions::default().as_of(as_of))
        .unwrap();
    let on_time = report.on_time_share.unwrap();
    assert_eq!((on_time.count, on_time.of), (1, 4));
    assert_eq!((report.late_unfinished, report.pending), (3, 0));
}

/// 2. Complaints not yet due are pending, not late; and their calendar keeps its holidays.
///    Forty complaints filed on Monday 24 March 2025 with a 5-working-day target, judged on
///    Thursday 3 April: across Nyepi and the Lebaran days off (28 March to 7 April) they are
///    not due yet — 40 pending, none late; without the holidays they would be late.
#[test]
fn complaints_not_yet_due_are_pending() {
    let holidays: Vec<Date> = [28, 31]
        .into_iter()
        .map(|d| Date::new(2025, 3, d).unwrap())
        .chain((1..=7).map(|d| Date::new(2025, 4, d).unwrap()))
        .collect();
    let filed = at("2025-03-24T10:00:00+07:00");
    let complaints: Vec<Complaint> = (0..40)
        .map(|_| Complaint::filed("kel-a", filed).unwrap())
        .collect();
    let targets = ComplaintTargets::default().with_resolution(Completion::WorkingDays(5));
    let as_of = ComplaintOptions::default().as_of(at("2025-04-03T12:00:00+07:00"));
    let mut with_holidays =
        ComplaintTally::new(targets.clone(), Calendar::wib().with_holidays(holidays));
    with_holidays.push_all(&complaints).unwrap();
    let report = with_holidays.report_with(&as_of).unwrap();
    assert_eq!(
        (report.resolution_pending, report.resolved_within_target),
        (40, None)
    );
    let mut without = ComplaintTally::new(targets, Calendar::wib());
    without.push_all(&complaints).unwrap();
    let report = without.report_with(&as_of).unwrap();
    assert_eq!(report.resolution_pending, 0);
    assert_eq!(
        report.resolved_within_target.map(|s| (s.count, s.of)),
        Some((0, 40))
    );
}

/// 3. A building permit's fee is assessed per case: every visit paid exactly its assessed fee,
///    so nobody was overcharged and nothing was waived. A blank tariff is an error, not "free".
#[test]
fn assessed_fees_are_not_overcharges() {
    let standards: Standards =
        [ServiceStandard::new("pbg", Tariff::Assessed { ceiling: None }).unwrap()]
            .into_iter()
            .collect();
    let mut tally = CostTally::new(standards);
    for fee in [1_500_000, 250_000, 3_000_000] {
        let visit = Interaction::builder("pbg", "dpmptsp", at("2025-03-04T09:00:00+07:00"))
            .official_fee(Money::new(fee))
            .paid(Money::new(fee))
            .build()
            .unwrap();
        tally.push(&visit).unwrap();
    }
    let report = tally.report().unwrap();
    assert_eq!(report.overcharged.map(|s| s.count), Some(0));
    assert_eq!(report.waived.map(|s| s.count), Some(0));
    assert_eq!(report.excess_total.units(), 0);
    assert_eq!(
        "".parse::<Tariff>().unwrap_err().to_string(),
        "tariff must not be empty"
    );
}

/// 4. A cost score from 3 judged visits out of 10 says so: coverage 3 of 10, flagged low.
#[test]
fn coverage_is_stated() {
    let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO).unwrap()]
        .into_iter()
        .collect();
    let mut tally = CostTally::new(standards);
    for i in 0..10 {
        let mut b = Interaction::builder("ktp-el", "kel-a", at("2025-03-04T09:00:00+07:00"));
        if i < 3 {
            b = b.paid(Money::ZERO);
        }
        tally.push(&b.build().unwrap()).unwrap();
    }
    let report = tally.report().unwrap();
    assert_eq!(
        report.not_overcharged.map(|s| (s.count, s.of)),
        Some((3, 3))
    );
    assert_eq!((report.coverage.judged, report.coverage.of), (3, 10));
    assert!(report.coverage.is_low());
    assert_eq!(
        report.coverage.to_string(),
        "judged 3 of 10 (30%, low coverage)"
    );
}

/// 5. Two units with identical SKM answers on courtesy get the same courtesy score, whether or
///    not their citizens also gave direct ratings; and it is the SKM's own scale: answers
///    2, 4, 3, 3 are NRR 3 → 75.00 (C), exactly as the IKM table would print U7.
#[test]
fn empathy_never_switches_source() {
    let skm = Instrument::permenpanrb_14_2017();
    let answered = |a: i64| {
        Interaction::builder("ktp-el", "kel-a", at("2025-03-04T09:00:00+07:00"))
            .skm(skm.answers().set("perilaku", a).unwrap().build())
            .build()
            .unwrap()
    };
    let rated = |r: i64| {
        Interaction::builder("ktp-el", "kel-b", at("2025-03-04T09:00:00+07:00"))
            .empathy(RatingScale::FIVE_POINT.rating(r).unwrap())
            .build()
            .unwrap()
    };
    let answers: Vec<Interaction> = [2, 4, 3, 3].into_iter().map(answered).collect();
    let mut only_skm = EmpathyTally::default();
    only_skm.push_all(&answers).unwrap();
    let mut also_rated = EmpathyTally::default();
    also_rated.push_all(&answers).unwrap();
    also_rated.push(&rated(5)).unwrap();
    also_rated.push(&rated(1)).unwrap();
    let (a, b) = (only_skm.report().unwrap(), also_rated.report().unwrap());
    assert_eq!(a.courtesy, b.courtesy);
    let courtesy = a.courtesy.unwrap();
    assert_eq!((courtesy.score, courtesy.mutu), (75.0, Mutu::C));
    // The IKM table prints the same element at the same score.
    let mut index = SkmTally::new(skm.clone());
    for a in [2, 4, 3, 3] {
        index
            .push_answers(&skm.answers_from_row(&[3, 3, 3, 3, 3, 3, a, 3, 3]).unwrap())
            .unwrap();
    }
    let table = index.report_with(&SkmOptions::default()).unwrap();
    assert_eq!(table.elements[6].ikm, courtesy.score);
    // The direct ratings are reported beside, on their own terms.
    assert_eq!(b.ratings.unwrap().top_two.count, 1);
}

/// 6. The weakest promise is the one furthest below its target, not an artefact of scales: a
///    unit whose citizens all rated staff 4 or 5 of 5 while 6 % of visits were late is weakest
///    on time; a unit keeping every promise has no weakest; and ties are not broken toward
///    "speed".
#[test]
fn the_weakest_promise_is_not_an_artefact() {
    let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(60)))]
    .into_iter()
    .collect();
    let arrived = at("2025-03-04T08:00:00+07:00");
    let visit = |minutes: f64, rating: i64| {
        Interaction::builder("ktp-el", "kel-a", arrived)
            .finished_at(plus_minutes(arrived, minutes))
            .paid(Money::ZERO)
            .empathy(RatingScale::FIVE_POINT.rating(rating).unwrap())
            .build()
            .unwrap()
    };
    let mut tally = PromiseTally::new(standards.clone());
    for i in 0..500 {
        let late = i % 50 < 3; // 6 %
        tally
            .push(&visit(
                if late { 95.0 } else { 30.0 },
                if i % 5 == 0 { 4 } else { 5 },
            ))
            .unwrap();
    }
    let report = tally.report().unwrap();
    assert_eq!(report.weakest, Weakest::Promise(Promise::OnTime));

    let mut perfect = PromiseTally::new(standards);
    for _ in 0..50 {
        perfect.push(&visit(30.0, 5)).unwrap();
    }
    assert_eq!(perfect.report().unwrap().weakest, Weakest::None);
}

/// 7. A questionnaire with no answer is no respondent: 3 answered and 400 blank against a
///    population that needs 357 respondents is 3 of 357, not met.
#[test]
fn blank_questionnaires_are_no_respondents() {
    let skm = Instrument::permenpanrb_14_2017();
    let mut tally = SkmTally::new(skm.clone());
    for _ in 0..3 {
        tally
            .push_answers(&skm.answers_from_row(&[3; 9]).unwrap())
            .unwrap();
    }
    for _ in 0..400 {
        tally.push_answers(&skm.answers().build()).unwrap();
    }
    let report = tally
        .report_with(&SkmOptions::default().with_population(5_000))
        .unwrap();
    let sample = report.sample.unwrap();
    assert_eq!(
        (sample.respondents, sample.required, sample.met),
        (3, 357, false)
    );
    assert_eq!(report.blank_questionnaires, 400);
}
