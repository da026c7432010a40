//! `visit_scores` and `nps`: per unit, the library's scorecard of the same visits, whatever
//! the plan and whatever form the times come in.

use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Int64Array, RecordBatch, StringArray, StructArray,
    TimestampMillisecondArray, TimestampNanosecondArray,
};
use datafusion::arrow::datatypes::{Decimal128Type, Field, Schema, TimestampMillisecondType};
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::prelude::ParquetReadOptions;
use layanan::{Interaction, NpsTally, Scorecard, Share, Tally, Timestamp};

use super::common::VISIT_ARGS;
use super::{
    assert_each_unit, close, context, count, float, keyed, nested, query, standards, visits,
};

/// The library's scorecard of the sample visits, per unit.
pub(crate) fn cards_by_unit() -> BTreeMap<String, Scorecard> {
    let standards = standards();
    let mut cards: BTreeMap<String, Scorecard> = BTreeMap::new();
    for v in visits() {
        cards
            .entry(v.unit().to_owned())
            .or_insert_with(|| Scorecard::new(standards.clone()))
            .push(&v)
            .expect("counted");
    }
    cards
}

#[track_caller]
fn assert_share(s: &StructArray, prefix: &str, row: usize, share: Option<Share>, what: &str) {
    let what = format!("{what}, {prefix}");
    close(
        float(s, &format!("{prefix}_share"), row),
        share.map(|s| s.rate()),
        &what,
    );
    close(
        float(s, &format!("{prefix}_lower"), row),
        share.map(|s| s.interval.lower()),
        &what,
    );
    close(
        float(s, &format!("{prefix}_upper"), row),
        share.map(|s| s.interval.upper()),
        &what,
    );
}

/// The struct at `row` is the library's report of `card`.
#[track_caller]
pub(crate) fn assert_card(s: &StructArray, row: usize, card: &Scorecard, what: &str) {
    let report = card.report().expect("report");
    assert_eq!(count(s, "visits", row), Some(report.visits), "{what}");
    let speed_report = report.speed.as_ref().expect("speed");
    let as_of = s
        .column_by_name("as_of")
        .expect("as_of")
        .as_primitive::<TimestampMillisecondType>()
        .value(row);
    assert_eq!(as_of, speed_report.as_of.unix_millis(), "{what}");

    let speed = nested(s, "speed");
    let judged = speed_report.on_time_share.map_or(0, |s| s.of);
    assert!(judged > 0, "{what}: the sample judges speed");
    assert_eq!(count(speed, "judged", row), Some(judged), "{what}");
    assert_eq!(
        count(speed, "on_time", row),
        Some(speed_report.on_time),
        "{what}"
    );
    assert_eq!(count(speed, "late", row), Some(speed_report.late), "{what}");
    assert_eq!(
        count(speed, "pending", row),
        Some(speed_report.pending),
        "{what}"
    );
    assert_eq!(
        count(speed, "no_standard", row),
        Some(speed_report.no_standard),
        "{what}"
    );
    assert_share(speed, "on_time", row, speed_report.on_time_share, what);

    let cost = nested(s, "cost");
    match &report.cost {
        Some(c) => {
            assert_eq!(
                count(cost, "judged", row),
                Some(c.not_overcharged.map_or(0, |s| s.of)),
                "{what}"
            );
            assert_eq!(
                count(cost, "overcharged", row),
                Some(c.overcharged.map_or(0, |s| s.count)),
                "{what}"
            );
            assert_share(cost, "not_overcharged", row, c.not_overcharged, what);
            let excess = cost
                .column_by_name("excess_total")
                .expect("excess")
                .as_primitive::<Decimal128Type>()
                .value(row);
            assert_eq!(
                u128::try_from(excess).ok(),
                Some(c.excess_total.units()),
                "{what}"
            );
        }
        None => assert!(cost.is_null(row), "{what}"),
    }

    let promises = nested(s, "promises");
    let p = report.promises.as_ref().expect("promises");
    assert_eq!(count(promises, "judged", row), Some(p.judged), "{what}");
    assert_eq!(
        count(promises, "all_kept", row),
        Some(p.all_kept.map_or(0, |s| s.count)),
        "{what}"
    );
    assert_eq!(count(promises, "pending", row), Some(p.pending), "{what}");
    assert_share(promises, "all_kept", row, p.all_kept, what);

    let empathy = nested(s, "empathy");
    match report.empathy.as_ref().and_then(|e| e.ratings.as_ref()) {
        Some(r) => {
            assert_eq!(count(empathy, "rated", row), Some(r.n), "{what}");
            assert_eq!(
                count(empathy, "top_two", row),
                Some(r.top_two.count),
                "{what}"
            );
            assert_share(empathy, "top_two", row, Some(r.top_two), what);
        }
        None => assert!(empathy.is_null(row), "{what}"),
    }

    let nps = nested(s, "nps");
    match &report.nps {
        Some(n) => {
            assert_eq!(count(nps, "n", row), Some(n.n), "{what}");
            assert_eq!(count(nps, "promoters", row), Some(n.promoters), "{what}");
            assert_eq!(count(nps, "passives", row), Some(n.passives), "{what}");
            assert_eq!(count(nps, "detractors", row), Some(n.detractors), "{what}");
            close(float(nps, "nps", row), Some(n.nps), what);
            close(
                float(nps, "nps_lower", row),
                Some(n.nps_interval.lower()),
                what,
            );
            close(
                float(nps, "nps_upper", row),
                Some(n.nps_interval.upper()),
                what,
            );
        }
        None => assert!(nps.is_null(row), "{what}"),
    }
}

/// Every unit of `batch` (columns `unit` and `s`) is the library's scorecard.
#[track_caller]
fn assert_units(batch: &RecordBatch, expected: &BTreeMap<String, Scorecard>, what: &str) {
    assert_each_unit(batch, expected, what, assert_card);
}

#[tokio::test]
async fn visit_scores_by_unit_are_the_librarys_in_every_plan() -> Result<()> {
    let expected = cards_by_unit();
    assert!(expected.len() >= 5, "the sample has several units");
    let sql = format!("SELECT unit, visit_scores({VISIT_ARGS}) AS s FROM visits GROUP BY unit");
    let dir = tempfile::tempdir()?;
    let parquet = dir.path().join("visits.parquet");
    let parquet = parquet.to_string_lossy();
    context(1)
        .await?
        .sql(&format!("COPY visits TO '{parquet}' STORED AS PARQUET"))
        .await?
        .collect()
        .await?;
    for partitions in [1, 2, 16] {
        let ctx = context(partitions).await?;
        let batch = query(&ctx, &sql).await?;
        assert_units(&batch, &expected, &format!("csv, {partitions} partitions"));
        ctx.register_parquet(
            "visits_parquet",
            parquet.as_ref(),
            ParquetReadOptions::default(),
        )
        .await?;
        let batch = query(&ctx, &sql.replace("FROM visits", "FROM visits_parquet")).await?;
        assert_units(
            &batch,
            &expected,
            &format!("parquet, {partitions} partitions"),
        );
        // Input sorted by a column other than the group's: another plan, the same scores.
        let spread = format!(
            "SELECT unit, visit_scores({VISIT_ARGS}) AS s FROM \
             (SELECT * FROM visits ORDER BY id DESC) GROUP BY unit"
        );
        let batch = query(&ctx, &spread).await?;
        assert_units(
            &batch,
            &expected,
            &format!("sorted, {partitions} partitions"),
        );
    }
    Ok(())
}

#[tokio::test]
async fn nps_by_unit_is_the_librarys() -> Result<()> {
    let mut expected: BTreeMap<String, NpsTally> = BTreeMap::new();
    for v in visits() {
        expected
            .entry(v.unit().to_owned())
            .or_default()
            .push(&v)
            .expect("counted");
    }
    for partitions in [1, 16] {
        let ctx = context(partitions).await?;
        let batch = query(
            &ctx,
            "SELECT unit, nps(recommend) AS s FROM visits GROUP BY unit",
        )
        .await?;
        let got = keyed(&batch, "unit", "s");
        assert_eq!(got.len(), expected.len());
        for (unit, (s, row)) in &got {
            let what = format!("{partitions} partitions, {unit}");
            match expected[unit].report() {
                Ok(n) => {
                    assert_eq!(count(s, "n", *row), Some(n.n), "{what}");
                    assert_eq!(count(s, "promoters", *row), Some(n.promoters), "{what}");
                    assert_eq!(count(s, "passives", *row), Some(n.passives), "{what}");
                    assert_eq!(count(s, "detractors", *row), Some(n.detractors), "{what}");
                    close(float(s, "nps", *row), Some(n.nps), &what);
                    close(
                        float(s, "nps_lower", *row),
                        Some(n.nps_interval.lower()),
                        &what,
                    );
                    close(
                        float(s, "nps_upper", *row),
                        Some(n.nps_interval.upper()),
                        &what,
                    );
                }
                Err(_) => {
                    assert_eq!(count(s, "n", *row), Some(0), "{what}");
                    assert_eq!(float(s, "nps", *row), None, "{what}");
                }
            }
        }
    }
    Ok(())
}

/// Local wall time on WIB (UTC+7) as `2025-03-04 08:15:00`.
fn wib_text(t: Timestamp) -> String {
    let shifted = Timestamp::from_unix_millis(t.unix_millis() + 7 * 3_600_000);
    shifted.to_string().replace('T', " ").replace('Z', "")
}

#[tokio::test]
async fn times_as_timestamps_seconds_or_text_give_the_same_scores() -> Result<()> {
    let sample: Vec<Interaction> = visits().into_iter().take(400).collect();
    let mut card = Scorecard::new(standards());
    card.push_all(&sample).expect("counted");

    type Column = fn(Option<Timestamp>) -> Option<i64>;
    let millis: Column = |t| t.map(Timestamp::unix_millis);
    let times = |f: &dyn Fn(&Interaction) -> Option<Timestamp>| -> Vec<Option<Timestamp>> {
        sample.iter().map(f).collect()
    };
    let arrived = times(&|v| Some(v.arrived_at()));
    let started = times(&|v| v.started_at());
    let finished = times(&|v| v.finished_at());
    type Form<'a> = Box<dyn Fn(&[Option<Timestamp>]) -> ArrayRef + 'a>;
    let forms: Vec<(&str, Form)> = vec![
        (
            "milliseconds at +07:00",
            Box::new(|ts| {
                let a: TimestampMillisecondArray = ts.iter().map(|t| millis(*t)).collect();
                Arc::new(a.with_timezone("+07:00"))
            }),
        ),
        (
            "nanoseconds without a zone",
            Box::new(|ts| {
                let a: TimestampNanosecondArray = ts
                    .iter()
                    .map(|t| millis(*t).map(|m| m * 1_000_000))
                    .collect();
                Arc::new(a)
            }),
        ),
        (
            "unix seconds",
            Box::new(|ts| {
                let a: Int64Array = ts.iter().map(|t| millis(*t).map(|m| m / 1000)).collect();
                Arc::new(a)
            }),
        ),
        (
            "RFC 3339 text",
            Box::new(|ts| {
                let a: StringArray = ts.iter().map(|t| t.map(|t| t.to_string())).collect();
                Arc::new(a)
            }),
        ),
        (
            "local text on the unit's calendar",
            Box::new(|ts| {
                let a: StringArray = ts.iter().map(|t| t.map(wib_text)).collect();
                Arc::new(a)
            }),
        ),
    ];
    let names = |f: &dyn Fn(&Interaction) -> String| -> ArrayRef {
        Arc::new(sample.iter().map(|v| Some(f(v))).collect::<StringArray>())
    };
    let money_text = |f: &dyn Fn(&Interaction) -> Option<layanan::Money>| -> ArrayRef {
        Arc::new(
            sample
                .iter()
                .map(|v| f(v).map(|m| m.to_string()))
                .collect::<StringArray>(),
        )
    };
    let small = |f: &dyn Fn(&Interaction) -> Option<i64>| -> ArrayRef {
        Arc::new(sample.iter().map(f).collect::<Int64Array>())
    };
    for (form, column) in &forms {
        let columns: Vec<(&str, ArrayRef)> = vec![
            ("service", names(&|v| v.service().to_owned())),
            ("unit", names(&|v| v.unit().to_owned())),
            ("arrived_at", column(&arrived)),
            ("started_at", column(&started)),
            ("finished_at", column(&finished)),
            ("official_fee", money_text(&|v| v.official_fee())),
            ("paid", money_text(&|v| v.paid())),
            ("recommend", small(&|v| v.recommend().map(i64::from))),
            (
                "empathy",
                small(&|v| v.empathy().map(|r| i64::from(r.value()))),
            ),
        ];
        let schema = Schema::new(
            columns
                .iter()
                .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
                .collect::<Vec<_>>(),
        );
        let batch = RecordBatch::try_new(
            Arc::new(schema.clone()),
            columns.into_iter().map(|(_, a)| a).collect(),
        )?;
        for partitions in [1, 4] {
            let ctx = context(partitions).await?;
            let table = MemTable::try_new(Arc::new(schema.clone()), vec![vec![batch.clone()]])?;
            ctx.register_table("t", Arc::new(table))?;
            let got = query(
                &ctx,
                &format!("SELECT visit_scores({VISIT_ARGS}) AS s FROM t"),
            )
            .await?;
            assert_card(
                got.column(0).as_struct(),
                0,
                &card,
                &format!("{form}, {partitions} partitions"),
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn fewer_arguments_score_fewer_parts() -> Result<()> {
    let ctx = context(2).await?;
    let batch = query(
        &ctx,
        "SELECT visit_scores(service, unit, arrived_at, started_at, finished_at, official_fee, paid) AS s FROM visits",
    )
    .await?;
    let s = batch.column(0).as_struct();
    assert_eq!(count(s, "visits", 0), Some(2400));
    assert!(nested(s, "nps").is_null(0), "no recommend column given");
    assert!(nested(s, "empathy").is_null(0), "no empathy column given");
    assert!(count(nested(s, "speed"), "judged", 0).unwrap_or(0) > 0);
    let err = ctx
        .sql("SELECT visit_scores(service, unit, arrived_at) FROM visits")
        .await
        .expect_err("too few arguments");
    assert!(err.to_string().contains("takes 7 to 9 arguments"), "{err}");
    Ok(())
}

#[tokio::test]
async fn a_visit_the_library_refuses_fails_the_query() -> Result<()> {
    let ctx = context(2).await?;
    let cases = [
        // Finished before it started.
        (
            "SELECT visit_scores(service, unit, arrived_at, finished_at, started_at, official_fee, paid) FROM visits",
            "before",
        ),
        (
            "SELECT visit_scores(service, NULL, arrived_at, started_at, finished_at, official_fee, paid) FROM visits",
            "unit is required",
        ),
        (
            "SELECT visit_scores(service, unit, arrived_at, started_at, finished_at, official_fee, paid - 100000) FROM visits",
            "paid is negative",
        ),
        (
            "SELECT visit_scores(service, unit, arrived_at, started_at, finished_at, official_fee, paid, recommend + 300) FROM visits",
            "recommend must be between 0 and 10",
        ),
    ];
    for (sql, reason) in cases {
        let err = ctx.sql(sql).await?.collect().await.expect_err(sql);
        let message = err.to_string();
        assert!(message.contains("visit_scores"), "{message}");
        assert!(message.contains(reason), "{sql}: {message}");
    }
    Ok(())
}
