//! `skm_ikm`: the index per unit equals the library's, over CSV and Parquet, whatever the plan.

use std::collections::BTreeMap;

use datafusion::arrow::array::{AsArray, RecordBatch, StructArray};
use datafusion::arrow::datatypes::Float64Type;
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::Partitioning;
use datafusion::prelude::{ParquetReadOptions, SessionContext, col};
use layanan::{Instrument, SkmAnswers, SkmTally, Tally};

use super::common::skm_by_unit;
use super::{assert_each_unit, close, context, count, float, query, questionnaires, text};

/// `u1, u2, …, uk`.
pub(crate) fn answers(k: usize) -> String {
    (1..=k)
        .map(|i| format!("u{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The struct at `row` is the library's report of `tally`: counts exactly, statistics within
/// 1e-12 relative.
#[track_caller]
pub(crate) fn assert_skm(s: &StructArray, row: usize, tally: &SkmTally, what: &str) {
    let report = tally.report().expect("report");
    assert_eq!(
        text(s, "instrument", row).as_deref(),
        Some(report.instrument.as_str()),
        "{what}"
    );
    assert_eq!(
        count(s, "respondents", row),
        Some(report.respondents),
        "{what}"
    );
    assert_eq!(
        count(s, "blank_questionnaires", row),
        Some(report.blank_questionnaires),
        "{what}"
    );
    assert_eq!(
        count(s, "complete_responses", row),
        Some(report.complete_responses),
        "{what}"
    );
    close(float(s, "index", row), Some(report.index), what);
    close(float(s, "ikm", row), Some(report.ikm), what);
    // Graded on the rounded IKM: exactly the library's.
    assert_eq!(
        float(s, "ikm_rounded", row),
        Some(report.ikm_rounded),
        "{what}"
    );
    close(
        float(s, "ikm_lower", row),
        report.interval.map(|i| i.lower()),
        what,
    );
    close(
        float(s, "ikm_upper", row),
        report.interval.map(|i| i.upper()),
        what,
    );
    assert_eq!(
        text(s, "mutu", row),
        Some(report.mutu.to_string()),
        "{what}"
    );
    assert_eq!(
        text(s, "kinerja", row).as_deref(),
        Some(report.mutu.kinerja()),
        "{what}"
    );
    let nrr = s.column_by_name("nrr").expect("nrr").as_list::<i32>();
    let nrr = nrr.value(row);
    let nrr = nrr.as_primitive::<Float64Type>();
    assert_eq!(nrr.len(), report.elements.len(), "{what}");
    for (i, element) in report.elements.iter().enumerate() {
        close(Some(nrr.value(i)), Some(element.nrr), what);
    }
    assert_eq!(text(s, "unavailable", row), None, "{what}");
}

/// Every unit of `batch` (columns `unit` and `s`) is the library's.
#[track_caller]
fn assert_units(batch: &RecordBatch, expected: &BTreeMap<String, SkmTally>, what: &str) {
    assert_each_unit(batch, expected, what, assert_skm);
}

fn by_unit_sql(table: &str) -> String {
    format!(
        "SELECT unit, skm_ikm({}) AS s FROM {table} GROUP BY unit",
        answers(9)
    )
}

#[tokio::test]
async fn skm_ikm_by_unit_over_csv_is_the_librarys_in_every_plan() -> Result<()> {
    let expected = skm_by_unit();
    assert!(expected.len() >= 5, "the sample has several units");
    for partitions in [1, 2, 16] {
        let ctx = context(partitions).await?;
        let batch = query(&ctx, &by_unit_sql("skm")).await?;
        assert_units(&batch, &expected, &format!("csv, {partitions} partitions"));
        if partitions > 1 {
            // Partial tallies per partition, shipped as states and merged by unit.
            let plan = query(&ctx, &format!("EXPLAIN {}", by_unit_sql("skm"))).await?;
            let plan = super::texts(&plan, "plan").join("\n");
            assert!(plan.contains("AggregateExec: mode=Partial"), "{plan}");
            assert!(
                plan.contains("AggregateExec: mode=FinalPartitioned"),
                "{plan}"
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn skm_ikm_by_unit_over_parquet_is_the_librarys_in_every_plan() -> Result<()> {
    let expected = skm_by_unit();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("skm.parquet");
    let path = path.to_string_lossy();
    let writer = context(1).await?;
    writer
        .sql(&format!("COPY skm TO '{path}' STORED AS PARQUET"))
        .await?
        .collect()
        .await?;
    for partitions in [1, 2, 16] {
        let ctx = context(partitions).await?;
        ctx.register_parquet("skm_parquet", path.as_ref(), ParquetReadOptions::default())
            .await?;
        let batch = query(&ctx, &by_unit_sql("skm_parquet")).await?;
        assert_units(
            &batch,
            &expected,
            &format!("parquet, {partitions} partitions"),
        );
    }
    Ok(())
}

/// The aggregate over input repartitioned by `partitioning`, with the DataFrame API.
async fn repartitioned(ctx: &SessionContext, partitioning: Partitioning) -> Result<RecordBatch> {
    let skm_ikm = ctx.udaf("skm_ikm")?;
    let args = (1..=9).map(|i| col(format!("u{i}"))).collect();
    let df = ctx
        .table("skm")
        .await?
        .repartition(partitioning)?
        .aggregate(vec![col("unit")], vec![skm_ikm.call(args).alias("s")])?;
    let schema = df.schema().as_arrow().clone();
    let batches = df.collect().await?;
    Ok(datafusion::arrow::compute::concat_batches(
        &std::sync::Arc::new(schema),
        &batches,
    )?)
}

#[tokio::test]
async fn skm_ikm_over_repartitioned_input_is_the_librarys() -> Result<()> {
    let expected = skm_by_unit();
    for partitions in [2, 16] {
        let ctx = context(partitions).await?;
        for n in [3, 16] {
            let batch = repartitioned(&ctx, Partitioning::RoundRobinBatch(n)).await?;
            assert_units(
                &batch,
                &expected,
                &format!("round robin into {n}, {partitions} partitions"),
            );
            // By a column other than the group's: every unit is split across partitions and
            // its partial tallies merged.
            let hash = Partitioning::Hash(vec![col("submitted_at")], n);
            let batch = repartitioned(&ctx, hash).await?;
            assert_units(
                &batch,
                &expected,
                &format!("hash of submitted_at into {n}, {partitions} partitions"),
            );
            let hash = Partitioning::Hash(vec![col("unit")], n);
            let batch = repartitioned(&ctx, hash).await?;
            assert_units(
                &batch,
                &expected,
                &format!("hash of unit into {n}, {partitions} partitions"),
            );
        }
    }
    Ok(())
}

#[tokio::test]
async fn skm_ikm_of_the_whole_table_and_of_no_row() -> Result<()> {
    let mut all = SkmTally::new(Instrument::permenpanrb_14_2017());
    for q in questionnaires() {
        all.push(&q).expect("counted");
    }
    for partitions in [1, 16] {
        let ctx = context(partitions).await?;
        let sql = format!("SELECT skm_ikm({}) AS s FROM skm", answers(9));
        let batch = query(&ctx, &sql).await?;
        assert_skm(batch.column(0).as_struct(), 0, &all, "whole table");

        let sql = format!("SELECT skm_ikm({}) AS s FROM skm WHERE u1 > 4", answers(9));
        let batch = query(&ctx, &sql).await?;
        let s = batch.column(0).as_struct();
        assert_eq!(count(s, "respondents", 0), Some(0));
        assert_eq!(float(s, "ikm", 0), None);
        assert_eq!(text(s, "mutu", 0), None);
        assert_eq!(
            text(s, "unavailable", 0).as_deref(),
            Some("no answered questionnaires to report")
        );
    }
    Ok(())
}

#[tokio::test]
async fn blank_answers_and_blank_questionnaires() -> Result<()> {
    let ctx = context(4).await?;
    ctx.sql(
        "CREATE TABLE q (u1 INT, u2 INT, u3 INT, u4 INT, u5 INT, u6 INT, u7 INT, u8 INT, u9 INT) AS VALUES
         (4, 3, 3, 4, 3, 4, 4, 3, 3),
         (3, 3, 2, 4, 3, 3, 3, 3, NULL),
         (4, 4, 3, 4, 4, 4, 4, 3, 2),
         (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
    )
    .await?;
    let batch = query(&ctx, &format!("SELECT skm_ikm({}) AS s FROM q", answers(9))).await?;
    let s = batch.column(0).as_struct();
    // The crate docs' example: U9 answered twice, its NRR (3 + 2) / 2; the blank
    // questionnaire is no respondent.
    assert_eq!(count(s, "respondents", 0), Some(3));
    assert_eq!(count(s, "blank_questionnaires", 0), Some(1));
    assert_eq!(float(s, "ikm_rounded", 0), Some(82.87));
    assert_eq!(text(s, "mutu", 0).as_deref(), Some("B"));
    let nrr = s
        .column_by_name("nrr")
        .expect("nrr")
        .as_list::<i32>()
        .value(0);
    assert_eq!(nrr.as_primitive::<Float64Type>().value(8), 2.5);
    Ok(())
}

#[tokio::test]
async fn skm_ikm_2004_reads_fourteen_elements() -> Result<()> {
    let ctx = context(2).await?;
    let rows = [
        [4, 3, 3, 4, 3, 4, 4, 3, 3, 2, 3, 4, 4, 3],
        [3, 3, 2, 4, 3, 3, 3, 3, 2, 3, 3, 3, 4, 4],
        [4, 4, 3, 4, 4, 4, 4, 3, 2, 4, 4, 3, 3, 3],
    ];
    let values = rows
        .iter()
        .map(|r| {
            let r: Vec<String> = r.iter().map(i64::to_string).collect();
            format!("({})", r.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let columns = (1..=14)
        .map(|i| format!("u{i} INT"))
        .collect::<Vec<_>>()
        .join(", ");
    ctx.sql(&format!("CREATE TABLE q ({columns}) AS VALUES {values}"))
        .await?;
    let batch = query(
        &ctx,
        &format!("SELECT skm_ikm_2004({}) AS s FROM q", answers(14)),
    )
    .await?;
    let instrument = Instrument::kepmenpan_25_2004();
    let mut tally = SkmTally::new(instrument.clone());
    for r in rows {
        let values: Vec<Option<i64>> = r.iter().copied().map(Some).collect();
        tally
            .push_answers(&SkmAnswers::from_values(&instrument, &values).expect("answers"))
            .expect("counted");
    }
    assert_skm(batch.column(0).as_struct(), 0, &tally, "2004");
    // Nine answers are not the 2004 questionnaire.
    let nine = ctx
        .sql(&format!("SELECT skm_ikm_2004({}) FROM q", answers(9)))
        .await;
    assert!(nine.is_err());
    Ok(())
}

#[tokio::test]
async fn an_answer_out_of_scale_fails_the_query() -> Result<()> {
    let ctx = context(2).await?;
    let sql = format!(
        "SELECT skm_ikm({}) FROM (SELECT 5 AS u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM skm)",
        answers(9)
    );
    let err = ctx.sql(&sql).await?.collect().await.expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("skm_ikm"), "{message}");
    assert!(
        message.contains("answer 5 to element") && message.contains("out of scale 1..=4"),
        "{message}"
    );
    Ok(())
}
