//! Tally inputs: reports on empty tallies and groups, unknown services, out-of-range scores,
//! merges that mismatch, and degenerate but valid data (one visit, identical answers).

use super::{in_range, rejects, rejects_saying};
use crate::support::at;
use layanan::prelude::*;
use layanan::{
    ByUnit, Calendar, CesTally, CompareOptions, ComplaintTally, ComplaintTargets, Completion,
    CostTally, CsatTally, EmpathyTally, Error, GroupTally, Grouped, Instrument, Interaction, Money,
    NpsTally, RatingScale, Scorecard, ServiceStandard, SkmAnswers, SkmOptions, SkmTally,
    SpeedTally, Standards, TimeSpan, Weight, compare_groups, compare_periods,
};

fn skm() -> Instrument {
    Instrument::permenpanrb_14_2017()
}

fn insufficient(what: &str, needed: u64, got: u64) -> Error {
    Error::InsufficientData {
        what: what.into(),
        needed,
        got,
    }
}

/// Too little data for a statistic, as a tally passes it on.
fn too_few_for_stats(what: &str, needed: u64, got: u64) -> Error {
    Error::Stats(crate::stats_errors::insufficient(what, needed, got))
}

fn ktp_within_an_hour() -> Standards {
    [ServiceStandard::new("ktp-el", Money::ZERO)
        .unwrap()
        .with_completion(Completion::Within(TimeSpan::from_minutes(60)))]
    .into_iter()
    .collect()
}

fn one_visit(service: &str) -> Interaction {
    Interaction::builder(service, "kel-sukamaju", at("2025-03-04T08:00:00+07:00"))
        .started_at(at("2025-03-04T08:10:00+07:00"))
        .finished_at(at("2025-03-04T08:40:00+07:00"))
        .paid(Money::ZERO)
        .empathy(RatingScale::new(1, 5).unwrap().rating(4).unwrap())
        .recommend(9)
        .skm(skm().answers_from_row(&[3; 9]).unwrap())
        .build()
        .unwrap()
}

fn no_data(what: &str) -> Error {
    Error::NoData { what: what.into() }
}

#[test]
fn reports_on_empty_tallies() {
    let label = "G01: an empty SKM tally";
    let nothing = no_data("answered questionnaires");
    let message = "no answered questionnaires to report";
    rejects_saying(
        label,
        SkmTally::new(skm()).report(),
        nothing.clone(),
        message,
    );
    rejects(label, SkmTally::default().report(), nothing.clone());
    rejects(
        label,
        SkmTally::new(Instrument::kepmenpan_25_2004()).report_with(&SkmOptions::default()),
        nothing.clone(),
    );
    // Blank questionnaires are not respondents: a tally of only blank ones has none.
    let mut blank = SkmTally::new(skm());
    blank.push_answers(&skm().answers().build()).unwrap();
    rejects(label, blank.report(), nothing);
    for (label, result, expected) in [
        (
            "G02: an empty speed tally",
            SpeedTally::default().report().map(drop),
            no_data("visits"),
        ),
        (
            "G03: an empty cost tally",
            CostTally::default().report().map(drop),
            no_data("visits"),
        ),
        (
            "G04: an empty empathy tally",
            EmpathyTally::default().report().map(drop),
            no_data("empathy ratings or SKM answers on courtesy"),
        ),
        (
            "G05: an empty NPS tally",
            NpsTally::default().report().map(drop),
            no_data("recommend answers"),
        ),
        (
            "G06: an empty CSAT tally",
            CsatTally::default().report().map(drop),
            no_data("satisfaction ratings"),
        ),
        (
            "G07: an empty CES tally",
            CesTally::new(RatingScale::new(1, 7).unwrap())
                .report()
                .map(drop),
            no_data("effort ratings"),
        ),
        (
            "G08: an empty complaint tally",
            ComplaintTally::default().report().map(drop),
            no_data("complaints"),
        ),
        (
            "G09: an empty scorecard",
            Scorecard::new(ktp_within_an_hour()).report().map(drop),
            no_data("visits"),
        ),
    ] {
        rejects(label, result, expected);
    }
}

#[test]
fn empty_groups() {
    // Everything answered except complaint handling.
    let mut row = [Some(3); 9];
    row[8] = None;
    let mut tally = SkmTally::new(skm());
    tally
        .push_answers(&SkmAnswers::from_values(&skm(), &row).unwrap())
        .unwrap();
    rejects_saying(
        "G10: an element nobody answered",
        tally.report(),
        insufficient("NRR of element `pengaduan`", 1, 0),
        "NRR of element `pengaduan` needs at least 1 observation, got 0",
    );
    let label = "G11: no groups at all";
    let grouped = Grouped::new(ByUnit, SkmTally::new(skm()));
    let total = grouped.total().unwrap_or_else(|e| panic!("{label}: {e}"));
    rejects(label, total.report(), no_data("answered questionnaires"));
    assert_eq!(grouped.report(), Ok(Vec::new()), "{label}");
    rejects(
        label,
        compare_groups(
            Vec::<(String, GroupTally)>::new(),
            CompareOptions::default(),
        ),
        insufficient("comparison (groups)", 1, 0),
    );
    rejects(
        label,
        compare_periods(Vec::<(String, GroupTally)>::new(), Default::default()),
        insufficient("period comparison (periods)", 1, 0),
    );
    let empty = GroupTally::Rate {
        successes: 0,
        trials: 0,
    };
    let some = GroupTally::Rate {
        successes: 3,
        trials: 5,
    };
    // Refused as a whole, although groups below `min_n` are otherwise reported as too small.
    rejects(
        "G12: a group with no trials among others",
        compare_groups([("a", empty), ("b", some)], CompareOptions::default()),
        too_few_for_stats("proportion", 1, 0),
    );
}

#[test]
fn unknown_services() {
    let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO).unwrap()]
        .into_iter()
        .collect();
    rejects_saying(
        "G13: a service with no standard",
        standards.get("paspor"),
        Error::UnknownService {
            service: "paspor".into(),
        },
        "unknown service `paspor`: no standard is published for it",
    );
    rejects(
        "G14: any service against no standards",
        Standards::new().get("ktp-el"),
        Error::UnknownService {
            service: "ktp-el".into(),
        },
    );
    // A visit to an unknown service is counted, not judged: no share, and the coverage says so.
    let label = "G15: a visit to an unknown service, scored";
    let mut card = Scorecard::new(ktp_within_an_hour());
    card.push(&one_visit("paspor"))
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let report = card.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    let speed = report.speed.expect("one visit");
    assert_eq!(
        (
            speed.no_standard,
            speed.on_time_share,
            speed.coverage.judged
        ),
        (1, None, 0),
        "{label}"
    );
    let cost = report.cost.expect("one visit");
    assert_eq!(
        (cost.no_standard, cost.not_overcharged),
        (1, None),
        "{label}"
    );
}

#[test]
fn scores_out_of_range() {
    let arrived = at("2025-03-04T08:15:00+07:00");
    for (label, value) in [
        ("G16: recommend 11", 11),
        ("G17: recommend -1", -1),
        ("G18: recommend 255", 255),
        ("G19: recommend i64::MAX", i64::MAX),
    ] {
        let expected = Error::OutOfRange {
            field: "recommend".into(),
            value,
            min: 0,
            max: 10,
        };
        rejects_saying(
            label,
            Interaction::builder("ktp-el", "kel-sukamaju", arrived)
                .recommend(value)
                .build(),
            expected.clone(),
            &format!("recommend must be between 0 and 10, got {value}"),
        );
        rejects(label, NpsTally::default().push_score(value), expected);
    }
    let five = RatingScale::FIVE_POINT;
    for (label, value) in [("G20: CSAT rating 0", 0), ("G21: CSAT rating 6", 6)] {
        rejects(
            label,
            five.rating(value)
                .and_then(|r| CsatTally::default().push(&r)),
            Error::OutOfRange {
                field: "rating".into(),
                value,
                min: 1,
                max: 5,
            },
        );
    }
    let seven = RatingScale::new(1, 7).unwrap();
    rejects(
        "G22: CES rating 6 of 7 in a tally on a 1–5 scale",
        CesTally::new(five).push(&seven.rating(6).unwrap()),
        Error::ScaleMismatch {
            field: "effort rating".into(),
            expected: five,
            got: seven,
        },
    );
}

#[test]
fn merges_that_mismatch() {
    let mut new = SkmTally::new(skm());
    let mut old = SkmTally::new(Instrument::kepmenpan_25_2004());
    let label = "G23: SKM tallies of the 2017 and 2004 instruments";
    rejects_saying(
        label,
        new.merge(&old),
        mismatch(
            "SKM tallies",
            "their instruments differ (`PermenPANRB 14/2017` vs `KepMenPAN 25/2004`)",
        ),
        "cannot merge SKM tallies: their instruments differ (`PermenPANRB 14/2017` vs \
         `KepMenPAN 25/2004`)",
    );
    rejects(
        label,
        old.merge(&new),
        mismatch(
            "SKM tallies",
            "their instruments differ (`KepMenPAN 25/2004` vs `PermenPANRB 14/2017`)",
        ),
    );
    // Same name and elements, other weights: the indices differ, so the tallies do not merge.
    let instrument = skm();
    let mut weights: Vec<(&str, Weight)> = instrument
        .elements()
        .iter()
        .map(|e| (e.key(), Weight::new(1, 10).unwrap()))
        .collect();
    weights[0].1 = Weight::new(1, 5).unwrap();
    let reweighted = skm().with_weights(&weights).unwrap();
    rejects(
        "G24: SKM tallies of one instrument weighted two ways",
        new.merge(&SkmTally::new(reweighted)),
        mismatch(
            "SKM tallies",
            "their instruments named `PermenPANRB 14/2017` weight element `persyaratan` \
             differently (1/9 vs 1/5)",
        ),
    );
    let mut card = Scorecard::new(ktp_within_an_hour());
    rejects(
        "G25: scorecards against different standards",
        card.merge(&Scorecard::new(Standards::new())),
        mismatch(
            "speed tallies",
            "only one of them has a standard for service `ktp-el`",
        ),
    );
    let mut ces = CesTally::new(RatingScale::new(1, 7).unwrap());
    rejects(
        "G26: effort scores on 1–7 and 1–5 scales",
        ces.merge(&CesTally::new(RatingScale::FIVE_POINT)),
        mismatch(
            "effort tallies",
            "their rating scales differ (1..=7 vs 1..=5)",
        ),
    );
    let mut complaints = ComplaintTally::default();
    rejects(
        "G27: complaint tallies with different targets",
        complaints.merge(&ComplaintTally::new(
            ComplaintTargets::default().with_resolution(Completion::WorkingDays(3)),
            Calendar::wib(),
        )),
        mismatch(
            "complaint tallies",
            "their resolution targets differ (5wd vs 3wd)",
        ),
    );
}

fn mismatch(what: &str, difference: &str) -> Error {
    Error::MergeMismatch {
        what: what.into(),
        difference: difference.into(),
    }
}

/// Accepted but degenerate: one visit, one answer. Every score is a number in range or absent,
/// never NaN.
#[test]
fn degenerate_but_valid_tallies() {
    let label = "G28: a single visit, scored";
    let mut card = Scorecard::new(ktp_within_an_hour());
    card.push(&one_visit("ktp-el"))
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let report = card.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    let share = |s: Option<layanan::Share>| s.expect("judged").rate();
    in_range(
        label,
        share(report.speed.as_ref().and_then(|s| s.on_time_share)),
        0.0..=1.0,
    );
    in_range(
        label,
        share(report.cost.as_ref().and_then(|c| c.not_overcharged)),
        0.0..=1.0,
    );
    in_range(
        label,
        share(report.promises.as_ref().and_then(|p| p.all_kept)),
        0.0..=1.0,
    );
    in_range(
        label,
        report.nps.as_ref().expect("answered").nps,
        -100.0..=100.0,
    );
    if let Some(skm) = &report.skm {
        in_range(label, skm.ikm, 25.0..=100.0);
    }
    let label = "G29: a single CES rating";
    let seven = RatingScale::new(1, 7).unwrap();
    let mut ces = CesTally::new(seven);
    ces.push(&seven.rating(4).unwrap()).unwrap();
    let report = ces.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(
        (report.n, report.mean, report.mean_interval),
        (1, 4.0, None),
        "{label}"
    );
    let label = "G30: one NPS answer of 10";
    let mut nps = NpsTally::default();
    nps.push_score(10).unwrap();
    let report = nps.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    in_range(label, report.nps, 100.0..=100.0);
    in_range(label, report.nps_interval.lower(), -100.0..=100.0);
}

/// Two groups that never succeed: the comparison says nothing is different, with a finite
/// statistic (Haldane–Anscombe's odds ratio of the table with ½ added, here 1), never NaN.
#[test]
fn comparing_groups_that_never_succeed() {
    let label = "G31: two groups of 40 visits, none within the standard";
    let never = GroupTally::Rate {
        successes: 0,
        trials: 40,
    };
    let cmp = compare_groups(
        [("a", never.clone()), ("b", never)],
        CompareOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{label}: {e}"));
    for g in &cmp.groups {
        let test = g.test.as_ref().unwrap_or_else(|| panic!("{label}: tested"));
        // a: 0 of 40 against b: 0 of 40: (0.5 · 40.5) / (40.5 · 0.5) = 1.
        assert_eq!((test.statistic, test.p_value), (1.0, 1.0), "{label}");
        assert_eq!(g.verdict, layanan::Verdict::NotDistinguishable, "{label}");
    }
}
