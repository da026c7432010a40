//! States: stored in a table (and in Parquet), merged in a second query, equal the direct
//! aggregate; tampered states are refused.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, AsArray, BinaryArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::error::Result;
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use layanan::{Instrument, NpsTally, Scorecard, SkmTally, Tally};
use layanan_datafusion::Settings;
use layanan_datafusion::state::{self, StateError, StateKind};

use super::common::{VISIT_ARGS, skm_by_unit};
use super::skm::{answers, assert_skm};
use super::visits::{assert_card, cards_by_unit};
use super::{context, context_with, keyed, query, questionnaires};

#[tokio::test]
async fn skm_states_merged_later_equal_the_direct_index() -> Result<()> {
    let expected = skm_by_unit();
    let dir = tempfile::tempdir()?;
    let parquet = dir.path().join("skm_states.parquet");
    let parquet = parquet.to_string_lossy();
    for partitions in [1, 2, 16] {
        let ctx = context(partitions).await?;
        // Finer groups than the roll-up: unit and service.
        ctx.sql(&format!(
            "CREATE TABLE states AS SELECT unit, service, skm_state({}) AS state \
             FROM skm GROUP BY unit, service",
            answers(9)
        ))
        .await?
        .collect()
        .await?;
        let what = format!("{partitions} partitions");
        for sql in [
            "SELECT unit, skm_ikm_of(state) AS s FROM states GROUP BY unit",
            "SELECT unit, skm_report(skm_merge(state)) AS s FROM states GROUP BY unit",
            "SELECT unit, skm_report(m) AS s FROM \
             (SELECT unit, skm_merge(state) AS m FROM states GROUP BY unit)",
        ] {
            let batch = query(&ctx, sql).await?;
            for (unit, (s, row)) in keyed(&batch, "unit", "s") {
                assert_skm(&s, row, &expected[&unit], &format!("{what}, {sql}, {unit}"));
            }
        }
        // Through a Parquet file (read back as BINARY or BINARYVIEW).
        if partitions == 1 {
            ctx.sql(&format!("COPY states TO '{parquet}' STORED AS PARQUET"))
                .await?
                .collect()
                .await?;
        }
        ctx.register_parquet("stored", parquet.as_ref(), ParquetReadOptions::default())
            .await?;
        let batch = query(
            &ctx,
            "SELECT unit, skm_ikm_of(state) AS s FROM stored GROUP BY unit",
        )
        .await?;
        for (unit, (s, row)) in keyed(&batch, "unit", "s") {
            assert_skm(
                &s,
                row,
                &expected[&unit],
                &format!("{what}, parquet, {unit}"),
            );
        }
        // Every state rolled up into one: the whole table.
        let mut all = SkmTally::new(Instrument::permenpanrb_14_2017());
        for q in questionnaires() {
            all.push(&q).expect("counted");
        }
        let batch = query(&ctx, "SELECT skm_ikm_of(state) AS s FROM stored").await?;
        assert_skm(
            batch.column(0).as_struct(),
            0,
            &all,
            &format!("{what}, all"),
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_state_read_back_in_rust_is_the_librarys_tally() -> Result<()> {
    let expected = skm_by_unit();
    let ctx = context(4).await?;
    let batch = query(
        &ctx,
        &format!(
            "SELECT unit, skm_state({}) AS state FROM skm GROUP BY unit",
            answers(9)
        ),
    )
    .await?;
    let units = super::texts(&batch, "unit");
    let states = batch
        .column_by_name("state")
        .expect("state")
        .as_binary::<i32>();
    for (row, unit) in units.iter().enumerate() {
        let tally: SkmTally = state::decode(states.value(row)).expect("a state");
        assert_eq!(&tally, &expected[unit], "{unit}");
    }
    Ok(())
}

#[tokio::test]
async fn visit_and_nps_states_merged_later_equal_the_direct_scores() -> Result<()> {
    let expected = cards_by_unit();
    for partitions in [1, 16] {
        let ctx = context(partitions).await?;
        ctx.sql(&format!(
            "CREATE TABLE states AS SELECT unit, service, visit_state({VISIT_ARGS}) AS v, \
             nps_state(recommend) AS n FROM visits GROUP BY unit, service"
        ))
        .await?
        .collect()
        .await?;
        let direct = query(
            &ctx,
            "SELECT unit, nps(recommend) AS s FROM visits GROUP BY unit",
        )
        .await?;
        let direct = keyed(&direct, "unit", "s");
        for sql in [
            "SELECT unit, visit_scores_of(v) AS s, nps_of(n) AS n FROM states GROUP BY unit",
            "SELECT unit, visit_report(visit_merge(v)) AS s, nps_report(nps_merge(n)) AS n \
             FROM states GROUP BY unit",
        ] {
            let batch = query(&ctx, sql).await?;
            let nps = keyed(&batch, "unit", "n");
            for (unit, (s, row)) in keyed(&batch, "unit", "s") {
                let what = format!("{partitions} partitions, {sql}, {unit}");
                assert_card(&s, row, &expected[&unit], &what);
                let (n, n_row) = &nps[&unit];
                let (d, d_row) = &direct[&unit];
                assert_eq!(
                    datafusion::common::ScalarValue::try_from_array(n, *n_row)?,
                    datafusion::common::ScalarValue::try_from_array(d, *d_row)?,
                    "{what}"
                );
            }
        }
    }
    Ok(())
}

/// A context with a table `t` of one BINARY column `state`.
async fn with_states(states: Vec<Option<Vec<u8>>>) -> Result<SessionContext> {
    let ctx = context(2).await?;
    let array: ArrayRef = Arc::new(BinaryArray::from_iter(states));
    let schema = Arc::new(Schema::new(vec![Field::new(
        "state",
        DataType::Binary,
        true,
    )]));
    let batch = RecordBatch::try_new(Arc::clone(&schema), vec![array])?;
    ctx.register_table("t", Arc::new(MemTable::try_new(schema, vec![vec![batch]])?))?;
    Ok(ctx)
}

/// The message of the error `sql` fails with.
async fn refusal(ctx: &SessionContext, sql: &str) -> String {
    match ctx.sql(sql).await {
        Ok(df) => df.collect().await.expect_err(sql).to_string(),
        Err(e) => e.to_string(),
    }
}

fn some_tally() -> SkmTally {
    let mut tally = SkmTally::new(Instrument::permenpanrb_14_2017());
    for q in questionnaires().into_iter().take(100) {
        tally.push(&q).expect("counted");
    }
    tally
}

/// The state of `tally` with its serialised form changed by `tamper`, written in the same
/// encoding (MessagePack) as a state: what someone editing a stored state could produce.
fn tampered(tally: &SkmTally, tamper: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut value = serde_json::to_value(tally).expect("json");
    tamper(&mut value);
    let mut bytes = state::encode(tally).expect("state")[..5].to_vec();
    bytes.extend(rmp_serde::to_vec(&value).expect("msgpack"));
    bytes
}

#[tokio::test]
async fn tampered_states_are_refused_with_the_librarys_reason() -> Result<()> {
    let tally = some_tally();
    let good = state::encode(&tally).expect("state");
    // The control: the same form unchanged is read back.
    let same = tampered(&tally, |_| {});
    assert_eq!(state::decode::<SkmTally>(&same).expect("unchanged"), tally);

    let another_answer = tampered(&tally, |v| {
        let n = v["counts"][0][3].as_u64().expect("count");
        v["counts"][0][3] = (n + 1).into();
    });
    let impossible_pair = tampered(&tally, |v| {
        let p = v["pair_product"][1].as_u64().expect("product");
        v["pair_product"][1] = (p + 1).into();
    });
    let other_version = tampered(&tally, |v| v["version"] = 99.into());
    let mut truncated = good.clone();
    truncated.pop();
    let mut trailing = good.clone();
    trailing.push(0);
    let mut header = good.clone();
    header[4] = 2;
    let nps = state::encode(&NpsTally::default()).expect("state");
    let cases: [(&str, Vec<u8>, &str); 8] = [
        (
            "an answer counted without its sums",
            another_answer,
            "disagree with its sums",
        ),
        ("a cross-product changed", impossible_pair, "are impossible"),
        ("another format version", other_version, "format version 99"),
        ("truncated", truncated, "refused SKM state"),
        (
            "a byte after the tally",
            trailing,
            "1 bytes after the tally",
        ),
        ("another encoding version", header, "encoding version 2"),
        (
            "an NPS state",
            nps,
            "expected a state of kind SKM, got one of kind NPS",
        ),
        ("not a state", b"hello".to_vec(), "not a layanan state"),
    ];
    for (what, bytes, reason) in cases {
        let ctx = with_states(vec![Some(good.clone()), Some(bytes)]).await?;
        for sql in [
            "SELECT skm_ikm_of(state) FROM t",
            "SELECT skm_merge(state) FROM t",
            "SELECT skm_report(state) FROM t",
        ] {
            let message = refusal(&ctx, sql).await;
            assert!(message.contains(reason), "{what}, {sql}: {message}");
        }
    }
    // NULL states are skipped, as NULLs are by aggregates.
    let ctx = with_states(vec![Some(good.clone()), None]).await?;
    let batch = query(&ctx, "SELECT skm_ikm_of(state) AS s FROM t").await?;
    assert_skm(batch.column(0).as_struct(), 0, &tally, "with a NULL");
    Ok(())
}

#[tokio::test]
async fn states_of_different_instruments_or_standards_do_not_merge() -> Result<()> {
    let skm = state::encode(&some_tally()).expect("state");
    let other = state::encode(&SkmTally::new(Instrument::kepmenpan_25_2004())).expect("state");
    let ctx = with_states(vec![Some(skm), Some(other)]).await?;
    let message = refusal(&ctx, "SELECT skm_merge(state) FROM t").await;
    assert!(message.contains("cannot merge"), "{message}");

    let judged = state::encode(&Scorecard::new(super::standards())).expect("state");
    let unjudged = state::encode(&Scorecard::default()).expect("state");
    let ctx = with_states(vec![Some(judged), Some(unjudged)]).await?;
    let message = refusal(&ctx, "SELECT visit_merge(state) FROM t").await;
    assert!(message.contains("cannot merge"), "{message}");
    Ok(())
}

#[test]
fn every_single_byte_change_is_refused_or_read_without_panic() {
    let tally = some_tally();
    let good = state::encode(&tally).expect("state");
    assert_eq!(state::kind_of(&good), Ok(StateKind::Skm));
    let mut refused = 0;
    for i in 0..good.len() {
        for delta in [1_u8, 0x80, 0xff] {
            let mut bytes = good.clone();
            bytes[i] = bytes[i].wrapping_add(delta);
            match state::decode::<SkmTally>(&bytes) {
                Err(_) => refused += 1,
                // A change the validation cannot tell from real data (another instrument
                // name, a respondent count that stays consistent) reads back as a tally
                // that reports or refuses to, without panicking.
                Ok(read) => drop(read.report()),
            }
        }
    }
    assert!(refused > good.len(), "most changes are refused: {refused}");
    assert!(matches!(
        state::decode::<SkmTally>(&[]),
        Err(StateError::NotAState { len: 0 })
    ));
}

#[test]
fn an_skm_state_has_the_same_size_whatever_the_rows() {
    let mut all = SkmTally::new(Instrument::permenpanrb_14_2017());
    for q in questionnaires() {
        all.push(&q).expect("counted");
    }
    let small = state::encode(&some_tally()).expect("state").len();
    let large = state::encode(&all).expect("state").len();
    let nps = state::encode(&NpsTally::default()).expect("state").len();
    let visits = state::encode(&Scorecard::new(super::standards()))
        .expect("state")
        .len();
    eprintln!(
        "SKM state of 100 rows {small} bytes, of 700 {large}; NPS {nps}; empty visits {visits}"
    );
    // A few bytes more for larger counts, never more rows.
    assert!(large < small + 512, "{small} vs {large}");
    assert!(large < 4096, "{large}");
}

#[tokio::test]
async fn sketched_visit_states_give_the_same_scores_stay_small_and_do_not_mix() -> Result<()> {
    let expected = cards_by_unit();
    let sketched = Settings::new(super::standards())
        .with_duration_sketch(0.01)
        .expect("accuracy");
    let sql = format!("SELECT unit, visit_state({VISIT_ARGS}) AS v FROM visits GROUP BY unit");
    let states = |batch: &RecordBatch| -> Vec<(String, Vec<u8>)> {
        let units = super::texts(batch, "unit");
        let v = batch.column_by_name("v").expect("v").as_binary::<i32>();
        units
            .into_iter()
            .enumerate()
            .map(|(row, unit)| (unit, v.value(row).to_vec()))
            .collect()
    };
    let exact = states(&query(&context(2).await?, &sql).await?);
    for partitions in [1, 16] {
        let ctx = context_with(partitions, sketched.clone()).await?;
        // Every count and share is exact: the same scores as the library's exact scorecards.
        let batch = query(
            &ctx,
            &format!("SELECT unit, visit_scores({VISIT_ARGS}) AS s FROM visits GROUP BY unit"),
        )
        .await?;
        for (unit, (s, row)) in keyed(&batch, "unit", "s") {
            assert_card(
                &s,
                row,
                &expected[&unit],
                &format!("sketched, {partitions}, {unit}"),
            );
        }
        // The states hold a sketch, not every duration: the busiest unit's is smaller.
        let sketched_states = states(&query(&ctx, &sql).await?);
        let busiest = expected
            .iter()
            .max_by_key(|(_, card)| card.visits())
            .map(|(unit, _)| unit.clone())
            .expect("units");
        let size = |all: &[(String, Vec<u8>)]| {
            all.iter()
                .find(|(u, _)| *u == busiest)
                .map(|(_, s)| s.len())
                .expect("busiest")
        };
        assert!(
            size(&sketched_states) < size(&exact),
            "{busiest}: sketched {} B vs exact {} B",
            size(&sketched_states),
            size(&exact)
        );
        // A sketched state and an exact one do not merge: the quantiles would mean two things.
        let mixed = vec![Some(sketched_states[0].1.clone()), Some(exact[0].1.clone())];
        let ctx = with_states(mixed).await?;
        let message = refusal(&ctx, "SELECT visit_merge(state) FROM t").await;
        assert!(message.contains("cannot merge"), "{message}");
    }
    Ok(())
}
