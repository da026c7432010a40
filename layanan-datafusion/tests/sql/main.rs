//! The functions in SQL over the sample data (`examples/data`), against the library
//! in-process on the same rows.

#[path = "../common/mod.rs"]
mod common;
mod skm;
mod states;
mod visits;

use std::collections::BTreeMap;
use std::fs::File;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, RecordBatch, StructArray};
use datafusion::arrow::compute::{cast, concat_batches};
use datafusion::arrow::datatypes::{DataType, Float64Type, UInt64Type};
use datafusion::error::Result;
use datafusion::prelude::{SessionConfig, SessionContext};
use layanan::Interaction;
use layanan::read::{InteractionReader, ReadOptions};
use layanan_datafusion::Settings;

use common::{calendar, data, questionnaires, register_tables, standards};

/// The sample's visits, read by the library, without the SKM answers some carry (the SQL
/// functions are not given them).
fn visits() -> Vec<Interaction> {
    let options = ReadOptions::new().with_calendar(calendar());
    let file = File::open(data("interactions.csv")).expect("interactions.csv");
    InteractionReader::new(file, &options)
        .expect("header")
        .map(|v| {
            let v = v.expect("visit");
            let mut b = Interaction::builder(v.service(), v.unit(), v.arrived_at());
            if let Some(t) = v.started_at() {
                b = b.started_at(t);
            }
            if let Some(t) = v.finished_at() {
                b = b.finished_at(t);
            }
            if let Some(m) = v.official_fee() {
                b = b.official_fee(m);
            }
            if let Some(m) = v.paid() {
                b = b.paid(m);
            }
            if let Some(r) = v.empathy() {
                b = b.empathy(r);
            }
            if let Some(s) = v.recommend() {
                b = b.recommend(i64::from(s));
            }
            b.build().expect("visit")
        })
        .collect()
}

/// A context with `partitions` target partitions and small batches (so every aggregate sees
/// many batches and merges partial states), the functions registered against the sample's
/// standards, and the sample's files as tables `skm` and `visits`.
async fn context(partitions: usize) -> Result<SessionContext> {
    context_with(partitions, Settings::new(standards())).await
}

/// [`context`], the visits judged by `settings`.
async fn context_with(partitions: usize, settings: Settings) -> Result<SessionContext> {
    let config = SessionConfig::new()
        .with_target_partitions(partitions)
        .with_batch_size(37);
    let ctx = SessionContext::new_with_config(config);
    layanan_datafusion::register_with(&ctx, settings);
    register_tables(&ctx).await?;
    Ok(ctx)
}

/// The rows of a query, as one batch.
async fn query(ctx: &SessionContext, sql: &str) -> Result<RecordBatch> {
    let df = ctx.sql(sql).await?;
    let schema = df.schema().as_arrow().clone();
    let batches = df.collect().await?;
    Ok(concat_batches(&std::sync::Arc::new(schema), &batches)?)
}

/// Column `name` of `batch` as text.
fn texts(batch: &RecordBatch, name: &str) -> Vec<String> {
    let column = batch.column_by_name(name).expect("column");
    let column = cast(column, &DataType::Utf8).expect("text");
    column
        .as_string::<i32>()
        .iter()
        .map(|v| v.expect("not null").to_owned())
        .collect()
}

/// Rows of `batch` keyed by column `key`, the struct column `value` of each.
fn keyed(batch: &RecordBatch, key: &str, value: &str) -> BTreeMap<String, (StructArray, usize)> {
    let structs = batch
        .column_by_name(value)
        .expect("column")
        .as_struct()
        .clone();
    texts(batch, key)
        .into_iter()
        .enumerate()
        .map(|(row, k)| (k, (structs.clone(), row)))
        .collect()
}

/// Field `name` of a struct column.
fn member<'a>(s: &'a StructArray, name: &str) -> &'a ArrayRef {
    s.column_by_name(name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

/// A count field at `row` (NULL as `None`).
fn count(s: &StructArray, name: &str, row: usize) -> Option<u64> {
    let a = member(s, name).as_primitive::<UInt64Type>();
    a.is_valid(row).then(|| a.value(row))
}

/// A float field at `row` (NULL as `None`).
fn float(s: &StructArray, name: &str, row: usize) -> Option<f64> {
    let a = member(s, name).as_primitive::<Float64Type>();
    a.is_valid(row).then(|| a.value(row))
}

/// A text field at `row`.
fn text(s: &StructArray, name: &str, row: usize) -> Option<String> {
    let a = member(s, name).as_string::<i32>();
    a.is_valid(row).then(|| a.value(row).to_owned())
}

/// Every unit of `batch` (columns `unit` and `s`) is in `expected` and the other way round,
/// and `check` accepts the struct of each against the expected value of its unit.
#[track_caller]
fn assert_each_unit<T>(
    batch: &RecordBatch,
    expected: &BTreeMap<String, T>,
    what: &str,
    check: impl Fn(&StructArray, usize, &T, &str),
) {
    let got = keyed(batch, "unit", "s");
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "{what}"
    );
    for (unit, (s, row)) in &got {
        check(s, *row, &expected[unit], &format!("{what}, {unit}"));
    }
}

/// A nested struct field.
fn nested<'a>(s: &'a StructArray, name: &str) -> &'a StructArray {
    member(s, name).as_struct()
}

/// `a` and `b` equal, or within 1e-12 relative.
#[track_caller]
fn close(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(x), Some(y)) => {
            let scale = x.abs().max(y.abs()).max(f64::MIN_POSITIVE);
            assert!(
                x == y || (x - y).abs() / scale <= 1e-12,
                "{what}: {x} vs {y}"
            );
        }
        (None, None) => {}
        _ => panic!("{what}: {a:?} vs {b:?}"),
    }
}
