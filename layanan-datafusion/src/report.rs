//! The reports as Arrow structs: their types, and the values built from the library's reports.
//!
//! Every field is nullable: a statistic the library does not give (no respondent, no visit
//! judged, an interval that needs more data) is NULL, never a made-up number.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, StructArray};
use datafusion::arrow::datatypes::{DataType, Field, Fields, TimeUnit};
use datafusion::common::{Result, ScalarValue};
use layanan::{
    Error, Interval, NpsReport, NpsTally, Scorecard, ScorecardOptions, ScorecardReport, Share,
    SkmTally, Tally,
};

use crate::library;

fn field(name: &str, data_type: DataType) -> Field {
    Field::new(name, data_type, true)
}

fn count(name: &str) -> Field {
    field(name, DataType::UInt64)
}

fn float(name: &str) -> Field {
    field(name, DataType::Float64)
}

fn text(name: &str) -> Field {
    field(name, DataType::Utf8)
}

/// A struct value of `fields` (in order) from `values`.
fn row(fields: &Fields, values: Vec<ScalarValue>) -> Result<ScalarValue> {
    let arrays = values
        .iter()
        .map(ScalarValue::to_array)
        .collect::<Result<Vec<ArrayRef>>>()?;
    let array = StructArray::try_new(fields.clone(), arrays, None)?;
    Ok(ScalarValue::Struct(Arc::new(array)))
}

/// The NULL of a struct type.
pub(crate) fn null(fields: &Fields) -> Result<ScalarValue> {
    ScalarValue::try_from(DataType::Struct(fields.clone()))
}

fn u64_value(v: u64) -> ScalarValue {
    ScalarValue::UInt64(Some(v))
}

fn f64_value(v: Option<f64>) -> ScalarValue {
    ScalarValue::Float64(v)
}

fn text_value(v: Option<String>) -> ScalarValue {
    ScalarValue::Utf8(v)
}

/// `Ok(None)` for what the library has no data to report (no respondent, an element nobody
/// answered), other errors passed on.
fn available<R>(report: layanan::Result<R>, name: &str) -> Result<(Option<R>, Option<String>)> {
    match report {
        Ok(r) => Ok((Some(r), None)),
        Err(e @ (Error::NoData { .. } | Error::InsufficientData { .. })) => {
            Ok((None, Some(e.to_string())))
        }
        Err(e) => Err(library(e, name)),
    }
}

/// The struct of `skm_ikm`, `skm_ikm_2004`, `skm_ikm_of` and `skm_report`.
pub fn skm_fields() -> Fields {
    Fields::from(vec![
        text("instrument"),
        count("respondents"),
        count("blank_questionnaires"),
        count("complete_responses"),
        float("index"),
        float("ikm"),
        float("ikm_rounded"),
        float("ikm_lower"),
        float("ikm_upper"),
        text("mutu"),
        text("kinerja"),
        field(
            "nrr",
            DataType::List(Arc::new(Field::new_list_field(DataType::Float64, true))),
        ),
        text("unavailable"),
    ])
}

/// The `skm_ikm` struct of a tally: counts always, the index and its interval when the
/// library reports them (else NULL, with the reason in `unavailable`).
pub(crate) fn skm(tally: &SkmTally, name: &str) -> Result<ScalarValue> {
    let (report, why) = available(tally.report(), name)?;
    let interval = report.as_ref().and_then(|r| r.interval);
    let nrr = report.as_ref().map(|r| {
        let values: Vec<ScalarValue> = r
            .elements
            .iter()
            .map(|e| ScalarValue::Float64(Some(e.nrr)))
            .collect();
        ScalarValue::List(ScalarValue::new_list_nullable(&values, &DataType::Float64))
    });
    let nrr = match nrr {
        Some(list) => list,
        None => ScalarValue::try_from(DataType::List(Arc::new(Field::new_list_field(
            DataType::Float64,
            true,
        ))))?,
    };
    row(
        &skm_fields(),
        vec![
            text_value(Some(tally.instrument().name().to_owned())),
            u64_value(tally.responses()),
            u64_value(tally.blank_questionnaires()),
            u64_value(tally.complete_responses()),
            f64_value(report.as_ref().map(|r| r.index)),
            f64_value(report.as_ref().map(|r| r.ikm)),
            f64_value(report.as_ref().map(|r| r.ikm_rounded)),
            f64_value(interval.map(|i| i.lower())),
            f64_value(interval.map(|i| i.upper())),
            text_value(report.as_ref().map(|r| r.mutu.to_string())),
            text_value(report.as_ref().map(|r| r.mutu.kinerja().to_owned())),
            nrr,
            text_value(why),
        ],
    )
}

/// The struct of `nps`, `nps_of` and `nps_report`.
pub fn nps_fields() -> Fields {
    Fields::from(vec![
        count("n"),
        count("promoters"),
        count("passives"),
        count("detractors"),
        float("nps"),
        float("nps_lower"),
        float("nps_upper"),
    ])
}

/// The `nps` struct of an NPS report; counts of 0 and NULL statistics without answers.
fn nps_row(report: Option<&NpsReport>) -> Result<ScalarValue> {
    row(
        &nps_fields(),
        vec![
            u64_value(report.map_or(0, |r| r.n)),
            u64_value(report.map_or(0, |r| r.promoters)),
            u64_value(report.map_or(0, |r| r.passives)),
            u64_value(report.map_or(0, |r| r.detractors)),
            f64_value(report.map(|r| r.nps)),
            f64_value(report.map(|r| r.nps_interval.lower())),
            f64_value(report.map(|r| r.nps_interval.upper())),
        ],
    )
}

/// The `nps` struct of a tally.
pub(crate) fn nps(tally: &NpsTally, name: &str) -> Result<ScalarValue> {
    let (report, _) = available(tally.report(), name)?;
    nps_row(report.as_ref())
}

fn share_fields(prefix: &str) -> [Field; 3] {
    [
        float(&format!("{prefix}_share")),
        float(&format!("{prefix}_lower")),
        float(&format!("{prefix}_upper")),
    ]
}

/// A share's rate and Wilson interval, NULL when nothing was judged.
fn share_values(share: Option<&Share>) -> [ScalarValue; 3] {
    let interval: Option<&Interval> = share.map(|s| &s.interval);
    [
        f64_value(share.map(Share::rate)),
        f64_value(interval.map(Interval::lower)),
        f64_value(interval.map(Interval::upper)),
    ]
}

fn speed_fields() -> Fields {
    let mut fields = vec![
        count("judged"),
        count("on_time"),
        count("late"),
        count("pending"),
        count("no_standard"),
    ];
    fields.extend(share_fields("on_time"));
    Fields::from(fields)
}

fn cost_fields() -> Fields {
    let mut fields = vec![count("judged"), count("overcharged")];
    fields.extend(share_fields("not_overcharged"));
    fields.push(field("excess_total", DataType::Decimal128(38, 0)));
    Fields::from(fields)
}

fn promises_fields() -> Fields {
    let mut fields = vec![count("judged"), count("all_kept"), count("pending")];
    fields.extend(share_fields("all_kept"));
    Fields::from(fields)
}

fn empathy_fields() -> Fields {
    let mut fields = vec![count("rated"), count("top_two")];
    fields.extend(share_fields("top_two"));
    Fields::from(fields)
}

/// The type of `visit_scores`' `as_of`.
fn as_of_type() -> DataType {
    DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()))
}

/// The struct of `visit_scores`, `visit_scores_of` and `visit_report`.
pub fn visit_fields() -> Fields {
    Fields::from(vec![
        count("visits"),
        field("as_of", as_of_type()),
        field("speed", DataType::Struct(speed_fields())),
        field("cost", DataType::Struct(cost_fields())),
        field("promises", DataType::Struct(promises_fields())),
        field("empathy", DataType::Struct(empathy_fields())),
        field("nps", DataType::Struct(nps_fields())),
    ])
}

fn speed_row(report: &ScorecardReport) -> Result<ScalarValue> {
    let fields = speed_fields();
    let Some(speed) = &report.speed else {
        return null(&fields);
    };
    let judged = speed.on_time_share.map_or(0, |s| s.of);
    let mut values = vec![
        u64_value(judged),
        u64_value(speed.on_time),
        u64_value(speed.late),
        u64_value(speed.pending),
        u64_value(speed.no_standard),
    ];
    values.extend(share_values(speed.on_time_share.as_ref()));
    row(&fields, values)
}

/// The largest value of `DECIMAL(38, 0)`.
const DECIMAL_38_MAX: i128 = 10_i128.pow(38) - 1;

fn cost_row(report: &ScorecardReport, name: &str) -> Result<ScalarValue> {
    let fields = cost_fields();
    let Some(cost) = &report.cost else {
        return null(&fields);
    };
    let judged = cost.not_overcharged.map_or(0, |s| s.of);
    let mut values = vec![
        u64_value(judged),
        u64_value(cost.overcharged.map_or(0, |s| s.count)),
    ];
    values.extend(share_values(cost.not_overcharged.as_ref()));
    let excess = i128::try_from(cost.excess_total.units())
        .ok()
        .filter(|&v| v <= DECIMAL_38_MAX)
        .ok_or_else(|| {
            library(
                Error::Overflow {
                    field: "excess_total (more than 38 digits)".into(),
                },
                name,
            )
        })?;
    values.push(ScalarValue::Decimal128(Some(excess), 38, 0));
    row(&fields, values)
}

fn promises_row(report: &ScorecardReport) -> Result<ScalarValue> {
    let fields = promises_fields();
    let Some(promises) = &report.promises else {
        return null(&fields);
    };
    let mut values = vec![
        u64_value(promises.judged),
        u64_value(promises.all_kept.map_or(0, |s| s.count)),
        u64_value(promises.pending),
    ];
    values.extend(share_values(promises.all_kept.as_ref()));
    row(&fields, values)
}

fn empathy_row(report: &ScorecardReport) -> Result<ScalarValue> {
    let fields = empathy_fields();
    let Some(ratings) = report.empathy.as_ref().and_then(|e| e.ratings.as_ref()) else {
        return null(&fields);
    };
    let mut values = vec![u64_value(ratings.n), u64_value(ratings.top_two.count)];
    values.extend(share_values(Some(&ratings.top_two)));
    row(&fields, values)
}

/// The `visit_scores` struct of a scorecard, open visits judged as of `options`.
pub(crate) fn visits(
    card: &Scorecard,
    options: &ScorecardOptions,
    name: &str,
) -> Result<ScalarValue> {
    let fields = visit_fields();
    let (report, _) = available(card.report_with(options), name)?;
    let Some(report) = report else {
        // No visit: a count of 0 and nothing judged.
        let mut values = vec![
            u64_value(0),
            ScalarValue::TimestampMillisecond(None, Some("UTC".into())),
        ];
        for f in fields.iter().skip(2) {
            values.push(ScalarValue::try_from(f.data_type())?);
        }
        return row(&fields, values);
    };
    let as_of = report
        .speed
        .as_ref()
        .map(|s| s.as_of.unix_millis())
        .or_else(|| report.promises.as_ref().map(|p| p.as_of.unix_millis()));
    let nps = match &report.nps {
        Some(n) => nps_row(Some(n))?,
        None => null(&nps_fields())?,
    };
    row(
        &fields,
        vec![
            u64_value(report.visits),
            ScalarValue::TimestampMillisecond(as_of, Some("UTC".into())),
            speed_row(&report)?,
            cost_row(&report, name)?,
            promises_row(&report)?,
            empathy_row(&report)?,
            nps,
        ],
    )
}
