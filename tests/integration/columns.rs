//! The columnar path against the row path: the same random visits pushed as `Interaction`s into
//! a `Breakdown<Scorecard>` (and a grouping by unit, service and month) and given as batches of
//! columns to `VisitCells` — split into batches whose names are coded in different orders, and
//! into cells merged from two halves — report the same numbers. Bad rows are refused with
//! their index and the error the row path gives.

use layanan::columns::{VisitCells, VisitColumns, VisitNames};
use layanan::prelude::*;
use layanan::{
    Breakdown, ByPeriod, ByService, ByUnit, Calendar, Error, Granularity, Grouped, Instrument,
    Interaction, Money, Scorecard, ScorecardOptions,
};
use proptest::prelude::*;

use crate::laws::visits::{standards, visits};
use crate::support::{at, debug_close, proptest_cases};

/// Appends `visits` to `batch`, coding their names in `names`.
fn append(visits: &[Interaction], names: &mut VisitNames, batch: &mut VisitColumns) {
    let k = Instrument::permenpanrb_14_2017().len();
    let any_answers = visits.iter().any(|v| v.skm().is_some());
    let any_empathy = visits.iter().any(|v| v.empathy().is_some());
    let any_recommend = visits.iter().any(|v| v.recommend().is_some());
    for visit in visits {
        batch.unit.push(names.units.code(visit.unit()).unwrap());
        batch
            .service
            .push(names.services.code(visit.service()).unwrap());
        batch.arrived.push(visit.arrived_at());
        batch.started.push(visit.started_at());
        batch.finished.push(visit.finished_at());
        batch.official_fee.push(visit.official_fee());
        batch.paid.push(visit.paid());
        if any_answers {
            match visit.skm() {
                Some(answers) => batch.answers.extend(answers.iter().map(|(_, v)| v)),
                None => batch.answers.extend(std::iter::repeat_n(None, k)),
            }
        }
        if any_empathy {
            batch.empathy.push(visit.empathy().map(|r| r.value()));
        }
        if any_recommend {
            batch.recommend.push(visit.recommend());
        }
    }
}

/// The judging instant: after every visit, so open ones are judged the same way on both paths.
fn options() -> ScorecardOptions {
    ScorecardOptions::default().as_of(at("2025-04-15T00:00:00Z"))
}

fn months() -> ByPeriod {
    ByPeriod::new(Calendar::wib(), Granularity::Month)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

    #[test]
    fn columns_give_the_numbers_of_rows(
        case in visits(),
        reversed in any::<bool>(),
        threads in 1usize..5,
    ) {
        let records = &case.records;
        let (i, j) = case.cuts;
        let empty = Scorecard::new(standards());

        let mut rows = Breakdown::new(empty.clone());
        rows.push_all(records).unwrap();
        let mut row_months = Grouped::new((ByUnit, ByService, months()), empty.clone());
        row_months.push_all(records).unwrap();

        // Three batches, each with names of its own; the second codes them in reverse order.
        let mut cells = VisitCells::by_period(empty.clone(), months());
        for (n, part) in [&records[..i], &records[i..j], &records[j..]].into_iter().enumerate() {
            let mut names = VisitNames::default();
            if n == 1 && reversed {
                for visit in part.iter().rev() {
                    names.units.code(visit.unit()).unwrap();
                    names.services.code(visit.service()).unwrap();
                }
            }
            let mut batch = VisitColumns::default();
            append(part, &mut names, &mut batch);
            cells.push_columns(&names, &batch).unwrap();
        }
        // The same visits, as cells tallied apart and merged.
        let mut halves = VisitCells::by_period(empty.clone(), months());
        for part in [&records[..i], &records[i..]] {
            let mut names = VisitNames::default();
            let mut batch = VisitColumns::default();
            append(part, &mut names, &mut batch);
            let mut half = VisitCells::by_period(empty.clone(), months());
            half.push_columns(&names, &batch).unwrap();
            halves.merge(&half).unwrap();
        }

        let want = rows.report_with(&options());
        // Rolled up and reported on several threads: the very same report.
        let threads = std::num::NonZeroUsize::new(threads).unwrap();
        prop_assert_eq!(&rows.report_threads(&options(), threads), &want);
        for (label, got) in [("batches", &cells), ("merged halves", &halves)] {
            let report = got.breakdown().unwrap().report_with(&options());
            prop_assert!(
                debug_close(&report, &want, 1e-12, 1e-12).is_ok(),
                "{label}: {}",
                debug_close(&report, &want, 1e-12, 1e-12).unwrap_err()
            );
            let by_month = got.periods().unwrap().expect("periods kept");
            let (a, b) = (by_month.report_with(&options()), row_months.report_with(&options()));
            prop_assert!(
                debug_close(&a, &b, 1e-12, 1e-12).is_ok(),
                "{label} by month: {}",
                debug_close(&a, &b, 1e-12, 1e-12).unwrap_err()
            );
        }
    }
}

/// One valid visit of `ktp-el` at `kel-a`, as columns.
fn one_visit(names: &mut VisitNames) -> VisitColumns {
    let mut batch = VisitColumns::default();
    batch.unit.push(names.units.code("kel-a").unwrap());
    batch.service.push(names.services.code("ktp-el").unwrap());
    batch.arrived.push(at("2025-03-04T08:00:00+07:00"));
    batch.started.push(Some(at("2025-03-04T08:10:00+07:00")));
    batch.finished.push(Some(at("2025-03-04T08:40:00+07:00")));
    batch.official_fee.push(None);
    batch.paid.push(Some(Money::ZERO));
    batch
}

/// `batch` with one more visit copied from its first, changed by `change`.
fn with_second(mut batch: VisitColumns, change: impl FnOnce(&mut VisitColumns)) -> VisitColumns {
    let copy = batch.clone();
    batch.unit.extend(copy.unit);
    batch.service.extend(copy.service);
    batch.arrived.extend(copy.arrived);
    batch.started.extend(copy.started);
    batch.finished.extend(copy.finished);
    batch.official_fee.extend(copy.official_fee);
    batch.paid.extend(copy.paid);
    change(&mut batch);
    batch
}

/// A change to a batch.
type Change = Box<dyn FnOnce(&mut VisitColumns)>;

fn at_row(row: usize, source: Error) -> Error {
    Error::AtRow {
        row,
        source: Box::new(source),
    }
}

/// A bad visit is refused with its index and the row path's error; the visits before it stay
/// counted.
#[test]
fn bad_rows_are_refused_with_their_index() {
    let (early, late) = (
        at("2025-03-04T08:00:00+07:00"),
        at("2025-03-04T07:00:00+07:00"),
    );
    let k = Instrument::permenpanrb_14_2017().len();
    let cases: Vec<(&str, Change, Error)> = vec![
        (
            "finished before it started",
            Box::new(move |b| b.finished[1] = Some(late)),
            Error::FinishedBeforeStarted {
                started: at("2025-03-04T08:10:00+07:00"),
                finished: late,
            },
        ),
        (
            "started before it arrived",
            Box::new(move |b| b.started[1] = Some(late)),
            Error::StartedBeforeArrived {
                arrived: early,
                started: late,
            },
        ),
        (
            "recommend 11",
            Box::new(|b| b.recommend = vec![Some(10), Some(11)]),
            Error::OutOfRange {
                field: "recommend".into(),
                value: 11,
                min: 0,
                max: 10,
            },
        ),
        (
            "empathy 6 on 1–5",
            Box::new(|b| b.empathy = vec![None, Some(6)]),
            layanan::RatingScale::FIVE_POINT.rating(6).unwrap_err(),
        ),
        (
            "an SKM answer of 5",
            Box::new(move |b| {
                b.answers = vec![Some(4); 2 * k];
                b.answers[k + 2] = Some(5);
            }),
            Error::RatingOutOfScale {
                element: "waktu".into(),
                value: 5,
                max: 4,
            },
        ),
        (
            "a unit code without a name",
            Box::new(|b| b.unit[1] = 7),
            Error::Inconsistent {
                what: "visit columns".into(),
                reason: "unit code 7 has no name".into(),
            },
        ),
    ];
    for (label, change, source) in cases {
        let mut names = VisitNames::default();
        let batch = with_second(one_visit(&mut names), change);
        let mut cells = VisitCells::new(Scorecard::new(standards()));
        let err = cells.push_columns(&names, &batch).unwrap_err();
        assert_eq!(err, at_row(1, source), "{label}");
        assert!(err.to_string().starts_with("row 1: "), "{label}: {err}");
        let report = cells.breakdown().unwrap().report().unwrap();
        assert_eq!(
            report.overall.map(|r| r.visits),
            Some(1),
            "{label}: the first counted"
        );
    }
}

/// Columns of different lengths are refused before anything is counted.
#[test]
fn columns_of_different_lengths_are_refused() {
    let mut names = VisitNames::default();
    let mut batch = with_second(one_visit(&mut names), |_| {});
    batch.paid.pop();
    let mut cells = VisitCells::new(Scorecard::new(standards()));
    assert_eq!(
        cells.push_columns(&names, &batch),
        Err(Error::Inconsistent {
            what: "visit columns".into(),
            reason: "column `paid` has 1 entries for 2 visits (one per visit)".into(),
        })
    );
    let mut batch = with_second(one_visit(&mut names), |_| {});
    batch.answers = vec![Some(4); 3];
    assert!(matches!(
        cells.push_columns(&names, &batch),
        Err(Error::Inconsistent { reason, .. }) if reason.contains("9 per visit, or none")
    ));
    let report = cells.breakdown().unwrap().report().unwrap();
    assert!(report.overall.is_none(), "nothing counted");
}

/// Visits whose answers are all blank gave none, as the readers read them.
#[test]
fn all_blank_answers_are_no_questionnaire() {
    let mut names = VisitNames::default();
    let mut batch = one_visit(&mut names);
    batch.answers = vec![None; 9];
    let mut cells = VisitCells::new(Scorecard::new(standards()));
    cells.push_columns(&names, &batch).unwrap();
    let card = cells.breakdown().unwrap().overall().unwrap();
    assert_eq!(
        card.skm().responses() + card.skm().blank_questionnaires(),
        0
    );
}

/// A unit's own standard (issue 15, item 19) judges that unit's visits in columns as in rows:
/// kel-b publishes Rp 5.000 within 30 minutes for ktp-el where the province says free within
/// 60; the same visits at kel-a and kel-b, as rows and as columns, give the same reports.
#[test]
fn a_units_own_standard_judges_its_columns_as_its_rows() {
    use layanan::{Completion, ServiceStandard, Standards, TimeSpan};
    let standards = Standards::from(vec![
        ServiceStandard::new("ktp-el", Money::ZERO)
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(60))),
    ])
    .with_unit_standard(
        "kel-b",
        ServiceStandard::new("ktp-el", Money::new(5_000))
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(30))),
    );
    let visits: Vec<Interaction> = ["kel-a", "kel-b", "kel-c", "kel-b"]
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let arrived = at("2025-03-04T08:00:00+07:00");
            Interaction::builder("ktp-el", *unit, arrived)
                .started_at(arrived)
                .finished_at(crate::support::plus_minutes(
                    arrived,
                    20.0 + 15.0 * i as f64,
                ))
                .paid(Money::new(5_000))
                .build()
                .unwrap()
        })
        .collect();
    let empty = Scorecard::new(standards);
    let mut rows = Breakdown::new(empty.clone());
    rows.push_all(&visits).unwrap();
    let mut names = VisitNames::default();
    let mut batch = VisitColumns::default();
    append(&visits, &mut names, &mut batch);
    let mut cells = VisitCells::new(empty);
    cells.push_columns(&names, &batch).unwrap();
    let (want, got) = (
        rows.report_with(&options()).unwrap(),
        cells.breakdown().unwrap().report_with(&options()).unwrap(),
    );
    assert_eq!(got, want);
    // kel-b: 35 and 65 minutes against 30, Rp 5.000 as its tariff — both late, none
    // overcharged; kel-a and kel-c pay Rp 5.000 for a free service.
    let unit = |name: &str| {
        want.by_unit
            .iter()
            .find(|(u, _)| u == name)
            .and_then(|(_, r)| r.clone())
            .unwrap()
    };
    let kel_b = unit("kel-b");
    let (speed, cost) = (kel_b.speed.unwrap(), kel_b.cost.unwrap());
    assert_eq!((speed.on_time, speed.late), (0, 2));
    assert_eq!(cost.overcharged.unwrap().count, 0);
    assert_eq!(unit("kel-a").cost.unwrap().overcharged.unwrap().count, 1);
}
