//! The functions on Apache Ballista: a scheduler and an executor started in this process with
//! the functions registered on them run the same SQL as the DataFusion tests, and give the
//! same rows as DataFusion in-process (and, for the SKM index, as the library). Without the
//! functions on the cluster the query fails; the cluster judges visits by its own settings.
//!
//! Run with `cargo test -p layanan-datafusion --features ballista --test ballista`.

use std::sync::Arc;
use std::time::Duration;

use ballista::prelude::SessionContextExt;
use ballista_core::serde::BallistaCodec;
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use ballista_core::utils::default_config_producer;
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::compute::{cast, concat_batches};
use datafusion::arrow::datatypes::{DataType, UInt64Type};
use datafusion::error::Result;
use datafusion::prelude::{SessionConfig, SessionContext};
use layanan::Tally;
use layanan_datafusion::Settings;

mod common;

use common::{VISIT_ARGS, register_tables, skm_by_unit, standards};

/// Four target partitions and batches of 37 rows: every aggregate is partial on several tasks,
/// its states shuffled between Ballista's stages and merged.
fn config() -> SessionConfig {
    SessionConfig::new()
        .with_target_partitions(4)
        .with_batch_size(37)
}

/// DataFusion in-process, the functions judging visits by `settings`.
async fn in_process(settings: Settings) -> Result<SessionContext> {
    let ctx = SessionContext::new_with_config(config());
    layanan_datafusion::register_with(&ctx, settings);
    register_tables(&ctx).await?;
    Ok(ctx)
}

/// The rows of a query, as one batch; a query that has not answered in two minutes fails.
async fn query(ctx: &SessionContext, sql: &str) -> Result<RecordBatch> {
    let run = async {
        let df = ctx.sql(sql).await?;
        let schema = Arc::new(df.schema().as_arrow().clone());
        let batches = df.collect().await?;
        Ok(concat_batches(&schema, &batches)?)
    };
    tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .unwrap_or_else(|_| panic!("no answer in two minutes: {sql}"))
}

const ANSWERS: &str = "u1, u2, u3, u4, u5, u6, u7, u8, u9";

/// The queries of the DataFusion tests, one row per unit, ordered by unit.
fn queries() -> Vec<(&'static str, String)> {
    vec![
        (
            "skm_ikm by unit",
            format!("SELECT unit, skm_ikm({ANSWERS}) AS s FROM skm GROUP BY unit ORDER BY unit"),
        ),
        (
            "nps by unit",
            "SELECT unit, nps(recommend) AS s FROM visits GROUP BY unit ORDER BY unit".to_owned(),
        ),
        (
            "visit_scores by unit",
            format!(
                "SELECT unit, visit_scores({VISIT_ARGS}) AS s FROM visits GROUP BY unit ORDER BY unit"
            ),
        ),
        (
            "skm states per service rolled up by unit",
            format!(
                "SELECT unit, skm_ikm_of(state) AS s FROM \
                 (SELECT unit, service, skm_state({ANSWERS}) AS state FROM skm GROUP BY unit, service) \
                 GROUP BY unit ORDER BY unit"
            ),
        ),
        (
            "visit states per service rolled up by unit",
            format!(
                "SELECT unit, visit_report(visit_merge(state)) AS s FROM \
                 (SELECT unit, service, visit_state({VISIT_ARGS}) AS state FROM visits GROUP BY unit, service) \
                 GROUP BY unit ORDER BY unit"
            ),
        ),
    ]
}

/// The same rows, column by column.
#[track_caller]
fn assert_same(got: &RecordBatch, expected: &RecordBatch, what: &str) {
    assert_eq!(got.num_rows(), expected.num_rows(), "{what}: rows");
    assert!(got.num_rows() >= 5, "{what}: the sample has several units");
    assert_eq!(got.num_columns(), expected.num_columns(), "{what}: columns");
    for (i, field) in expected.schema().fields().iter().enumerate() {
        assert_eq!(
            got.column(i).as_ref(),
            expected.column(i).as_ref(),
            "{what}: column {}",
            field.name()
        );
    }
}

/// The first query (`skm_ikm` by unit) fails on `ctx` within two minutes, its error naming
/// `skm_ikm`: `who` (printed with the error) does not know the function.
async fn assert_skm_ikm_unknown(ctx: &SessionContext, who: &str) {
    let sql = &queries()[0].1;
    let run = async { ctx.sql(sql).await?.collect().await };
    let err = tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .expect("an answer in two minutes")
        .err()
        .unwrap_or_else(|| panic!("{who} does not know skm_ikm, yet the query ran"));
    let message = err.to_string();
    println!("{who}: {message}");
    assert!(message.contains("skm_ikm"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_ballista_the_functions_give_the_in_process_rows() -> Result<()> {
    let settings = Settings::new(standards());
    let cluster = layanan_datafusion::ballista::standalone(settings.clone(), config()).await?;
    register_tables(&cluster).await?;
    let local = in_process(settings).await?;

    // Ballista's plan: partial tallies in one stage, shuffled by unit to the next, merged.
    let plan = query(&cluster, &format!("EXPLAIN {}", queries()[0].1)).await?;
    let plan = cast(plan.column(1), &DataType::Utf8)?;
    let plan: Vec<&str> = plan.as_string::<i32>().iter().flatten().collect();
    let stages = plan.join("\n");
    assert!(stages.contains("ShuffleWriterExec"), "{stages}");
    assert!(stages.contains("UnresolvedShuffleExec"), "{stages}");
    assert!(stages.contains("AggregateExec: mode=Partial"), "{stages}");
    assert!(
        stages.contains("AggregateExec: mode=FinalPartitioned"),
        "{stages}"
    );

    for (what, sql) in queries() {
        let got = query(&cluster, &sql).await?;
        let expected = query(&local, &sql).await?;
        assert_same(&got, &expected, what);
    }

    // And the index is the library's.
    let (_, sql) = &queries()[0];
    let got = query(&cluster, sql).await?;
    let units = cast(got.column(0), &DataType::Utf8)?;
    let units = units.as_string::<i32>();
    let s = got.column(1).as_struct();
    let respondents = s
        .column_by_name("respondents")
        .expect("respondents")
        .as_primitive::<UInt64Type>();
    let ikm = s
        .column_by_name("ikm_rounded")
        .expect("ikm_rounded")
        .as_primitive::<datafusion::arrow::datatypes::Float64Type>();
    let expected = skm_by_unit();
    assert_eq!(units.len(), expected.len());
    for (row, (unit, tally)) in expected.iter().enumerate() {
        let report = tally.report().expect("report");
        assert_eq!(units.value(row), unit);
        assert_eq!(respondents.value(row), report.respondents, "{unit}");
        assert!(ikm.is_valid(row), "{unit}");
        assert_eq!(ikm.value(row), report.ikm_rounded, "{unit}");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stock_cluster_without_the_functions_fails_the_query() -> Result<()> {
    // Ballista's own scheduler and executor; the functions on the client only.
    let ctx = SessionContext::standalone().await?;
    layanan_datafusion::register_with_standards(&ctx, standards());
    register_tables(&ctx).await?;
    assert_skm_ikm_unknown(&ctx, "a stock cluster").await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stock_executor_fails_the_query() -> Result<()> {
    // A scheduler with the functions (it plans the query), Ballista's own executor (it runs
    // the tasks).
    let settings = Settings::new(standards());
    let builder = layanan_datafusion::ballista::session_builder(settings.clone());
    let address = ballista_scheduler::standalone::new_standalone_scheduler_with_builder(
        Arc::new(builder),
        Arc::new(default_config_producer),
        BallistaCodec::default(),
    )
    .await
    .expect("a scheduler");
    let url = format!("http://localhost:{}", address.port());
    let scheduler = loop {
        match SchedulerGrpcClient::connect(url.clone()).await {
            Ok(scheduler) => break scheduler,
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    ballista_executor::new_standalone_executor(scheduler, 2, BallistaCodec::default())
        .await
        .expect("an executor");
    let ctx = layanan_datafusion::ballista::remote(
        &format!("df://localhost:{}", address.port()),
        settings,
    )
    .await?;
    register_tables(&ctx).await?;
    assert_skm_ikm_unknown(&ctx, "a stock executor").await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cluster_judges_visits_by_its_own_settings() -> Result<()> {
    // The cluster registered with no standards, the client with the sample's: the plan carries
    // the function's name only, so the visits are judged as the cluster's functions judge them.
    let cluster = layanan_datafusion::ballista::standalone(Settings::default(), config()).await?;
    layanan_datafusion::register_with_standards(&cluster, standards());
    register_tables(&cluster).await?;
    let sql = &queries()[2].1;
    let got = query(&cluster, sql).await?;
    let no_standards = query(&in_process(Settings::default()).await?, sql).await?;
    let with_standards = query(&in_process(Settings::new(standards())).await?, sql).await?;
    assert_same(&got, &no_standards, "the cluster's settings");
    assert_ne!(
        got.column(1).as_ref(),
        with_standards.column(1).as_ref(),
        "the client's standards are not the ones used"
    );
    Ok(())
}
