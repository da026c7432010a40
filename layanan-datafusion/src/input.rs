//! What the functions read: argument types accepted (and what they are cast to), and the
//! columns read into the library's values.

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{
    DataType, Int64Type, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use datafusion::common::{Result, exec_err, plan_err};
use layanan::columns::{VisitColumns, VisitNames};
use layanan::{Error, Money, RECOMMEND_MAX, Standards, Timestamp};

use crate::library;

/// The kind of one argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arg {
    /// A name (service, unit): any string type, read as `Utf8`.
    Name,
    /// An instant: a timestamp of any unit and zone, whole Unix seconds (any integer type), or
    /// text (Unix seconds, RFC 3339, or a local time on the unit's calendar).
    Instant,
    /// Whole rupiah: any integer type, or text (`15000`, `15.000`, `Rp 15.000`).
    Money,
    /// A small integer (an answer, a score): any integer type, read as `Int64`.
    Integer,
    /// A state: any binary type, read as `Binary`.
    State,
}

fn is_integer(t: &DataType) -> bool {
    t.is_integer() || *t == DataType::Null
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// The type `t` is read as for an argument of kind `arg`, or `None` when it cannot be.
fn coerce_one(arg: Arg, t: &DataType) -> Option<DataType> {
    match arg {
        Arg::Name if is_text(t) || *t == DataType::Null => Some(DataType::Utf8),
        Arg::Name => match t {
            DataType::Dictionary(_, value) if is_text(value) => Some(DataType::Utf8),
            _ => None,
        },
        Arg::Instant => match t {
            DataType::Timestamp(..) => Some(t.clone()),
            _ if is_integer(t) => Some(DataType::Int64),
            _ if is_text(t) => Some(DataType::Utf8),
            _ => None,
        },
        Arg::Money if is_integer(t) => Some(DataType::Int64),
        Arg::Money if is_text(t) => Some(DataType::Utf8),
        Arg::Integer if is_integer(t) => Some(DataType::Int64),
        Arg::State => match t {
            DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
            | DataType::FixedSizeBinary(_)
            | DataType::Null => Some(DataType::Binary),
            _ => None,
        },
        _ => None,
    }
}

fn describe(arg: Arg) -> &'static str {
    match arg {
        Arg::Name => "text",
        Arg::Instant => "a timestamp, Unix seconds or text",
        Arg::Money => "whole rupiah as an integer or text",
        Arg::Integer => "an integer",
        Arg::State => "a state (binary)",
    }
}

/// The types `types` are read as, for a function taking `args` (the first `required` of
/// them required, the rest optional in order).
pub(crate) fn coerce(
    name: &str,
    types: &[DataType],
    args: &[(&str, Arg)],
    required: usize,
) -> Result<Vec<DataType>> {
    if types.len() < required || types.len() > args.len() {
        let names: Vec<&str> = args.iter().map(|(n, _)| *n).collect();
        let count = if required == args.len() {
            format!("{required}")
        } else {
            format!("{required} to {}", args.len())
        };
        return plan_err!(
            "{name} takes {count} arguments ({}), got {}",
            names.join(", "),
            types.len()
        );
    }
    types
        .iter()
        .zip(args)
        .map(|(t, (arg_name, arg))| match coerce_one(*arg, t) {
            Some(t) => Ok(t),
            None => plan_err!(
                "{name}: argument `{arg_name}` must be {}, got {t}",
                describe(*arg)
            ),
        })
        .collect()
}

/// The values of an `Int64` column (NULL as `None`).
pub(crate) fn integers(array: &ArrayRef) -> Result<impl Iterator<Item = Option<i64>> + '_> {
    match array.data_type() {
        DataType::Int64 => Ok(array.as_primitive::<Int64Type>().iter()),
        other => exec_err!("expected an Int64 column, got {other}"),
    }
}

/// The rows of a `Binary` column.
pub(crate) fn binaries(array: &ArrayRef) -> Result<impl Iterator<Item = Option<&[u8]>> + '_> {
    match array.data_type() {
        DataType::Binary => Ok(array.as_binary::<i32>().iter()),
        other => exec_err!("expected a Binary column, got {other}"),
    }
}

/// Reads one column of instants: the value of `row`.
#[derive(Debug)]
enum Instants<'a> {
    Seconds(&'a datafusion::arrow::array::Int64Array),
    Text(&'a datafusion::arrow::array::StringArray),
    Stamp(&'a ArrayRef, TimeUnit),
}

impl<'a> Instants<'a> {
    fn new(array: &'a ArrayRef) -> Result<Self> {
        Ok(match array.data_type() {
            DataType::Int64 => Instants::Seconds(array.as_primitive::<Int64Type>()),
            DataType::Utf8 => Instants::Text(array.as_string::<i32>()),
            DataType::Timestamp(unit, _) => Instants::Stamp(array, *unit),
            other => return exec_err!("expected a timestamp, an integer or text, got {other}"),
        })
    }

    /// The instant at `row`, `None` for NULL; text is read on `calendar`'s clock when it has
    /// no offset.
    fn at(&self, row: usize, calendar: &layanan::Calendar) -> layanan::Result<Option<Timestamp>> {
        let millis = |v: i64, per_ms: i64| Timestamp::from_unix_millis(v.div_euclid(per_ms));
        Ok(match self {
            Instants::Seconds(a) => match a.is_valid(row) {
                true => Some(Timestamp::from_unix_seconds(a.value(row))?),
                false => None,
            },
            Instants::Text(a) => match a.is_valid(row) {
                true => Some(calendar.parse_time(a.value(row))?),
                false => None,
            },
            Instants::Stamp(a, unit) => {
                if a.is_null(row) {
                    return Ok(None);
                }
                Some(match unit {
                    TimeUnit::Second => Timestamp::from_unix_seconds(
                        a.as_primitive::<TimestampSecondType>().value(row),
                    )?,
                    TimeUnit::Millisecond => Timestamp::from_unix_millis(
                        a.as_primitive::<TimestampMillisecondType>().value(row),
                    ),
                    TimeUnit::Microsecond => millis(
                        a.as_primitive::<TimestampMicrosecondType>().value(row),
                        1_000,
                    ),
                    TimeUnit::Nanosecond => millis(
                        a.as_primitive::<TimestampNanosecondType>().value(row),
                        1_000_000,
                    ),
                })
            }
        })
    }
}

/// Reads one column of money.
#[derive(Debug)]
enum Amounts<'a> {
    Units(&'a datafusion::arrow::array::Int64Array),
    Text(&'a datafusion::arrow::array::StringArray),
}

impl<'a> Amounts<'a> {
    fn new(array: &'a ArrayRef) -> Result<Self> {
        Ok(match array.data_type() {
            DataType::Int64 => Amounts::Units(array.as_primitive::<Int64Type>()),
            DataType::Utf8 => Amounts::Text(array.as_string::<i32>()),
            other => return exec_err!("expected an integer or text, got {other}"),
        })
    }

    fn at(&self, row: usize, field: &str) -> layanan::Result<Option<Money>> {
        Ok(match self {
            Amounts::Units(a) => match a.is_valid(row) {
                true => Some(Money::try_from_i64(field, a.value(row))?),
                false => None,
            },
            Amounts::Text(a) => match a.is_valid(row) {
                true => Some(Money::parse_field(field, a.value(row))?),
                false => None,
            },
        })
    }
}

/// A small integer column (recommend, empathy) as the `u8` the columns keep; a value outside
/// `u8` is refused here with the range the library accepts.
fn small(value: Option<i64>, field: &str, min: i64, max: i64) -> layanan::Result<Option<u8>> {
    match value {
        None => Ok(None),
        Some(v) => u8::try_from(v).map(Some).map_err(|_| Error::OutOfRange {
            field: field.into(),
            value: v,
            min,
            max,
        }),
    }
}

/// The names of the visit arguments, in order.
pub(crate) const VISIT_ARGS: [(&str, Arg); 9] = [
    ("service", Arg::Name),
    ("unit", Arg::Name),
    ("arrived_at", Arg::Instant),
    ("started_at", Arg::Instant),
    ("finished_at", Arg::Instant),
    ("official_fee", Arg::Money),
    ("paid", Arg::Money),
    ("recommend", Arg::Integer),
    ("empathy", Arg::Integer),
];

/// The required visit arguments: through `paid`.
pub(crate) const VISIT_REQUIRED: usize = 7;

/// A batch of visit arguments as the library's columns, with the names their codes stand
/// for. `service`, `unit` and `arrived_at` must not be NULL.
pub(crate) fn visit_columns(
    values: &[ArrayRef],
    standards: &Standards,
    empathy_max: u8,
    name: &str,
) -> Result<(VisitNames, VisitColumns)> {
    let [
        service,
        unit,
        arrived,
        started,
        finished,
        fee,
        paid,
        rest @ ..,
    ] = values
    else {
        return exec_err!("{name}: expected at least {VISIT_REQUIRED} columns");
    };
    let (Some(service), Some(unit)) = (service.as_string_opt::<i32>(), unit.as_string_opt::<i32>())
    else {
        return exec_err!("{name}: service and unit must be Utf8");
    };
    let recommend: Option<Vec<Option<i64>>> = match rest.first() {
        Some(a) => Some(integers(a)?.collect()),
        None => None,
    };
    let empathy: Option<Vec<Option<i64>>> = match rest.get(1) {
        Some(a) => Some(integers(a)?.collect()),
        None => None,
    };
    let [arrived, started, finished] = [
        Instants::new(arrived)?,
        Instants::new(started)?,
        Instants::new(finished)?,
    ];
    let (fee, paid) = (Amounts::new(fee)?, Amounts::new(paid)?);
    let mut names = VisitNames::default();
    let mut batch = VisitColumns::default();
    let fail = |e: Error| library(e, name);
    let missing = |column: &str| Error::Missing {
        field: column.into(),
    };
    for row in 0..service.len() {
        let unit_name = unit.is_valid(row).then(|| unit.value(row));
        let service_name = service.is_valid(row).then(|| service.value(row));
        let (Some(unit_name), Some(service_name)) = (unit_name, service_name) else {
            let column = if unit.is_valid(row) {
                "service"
            } else {
                "unit"
            };
            return Err(fail(missing(column)));
        };
        let calendar = standards.calendar_for(unit_name);
        let arrived_at = arrived
            .at(row, calendar)
            .and_then(|t| t.ok_or_else(|| missing("arrived_at")))
            .map_err(fail)?;
        batch.unit.push(names.units.code(unit_name).map_err(fail)?);
        batch
            .service
            .push(names.services.code(service_name).map_err(fail)?);
        batch.arrived.push(arrived_at);
        batch.started.push(started.at(row, calendar).map_err(fail)?);
        batch
            .finished
            .push(finished.at(row, calendar).map_err(fail)?);
        batch
            .official_fee
            .push(fee.at(row, "official_fee").map_err(fail)?);
        batch.paid.push(paid.at(row, "paid").map_err(fail)?);
        if let Some(values) = &recommend {
            let v = values.get(row).copied().flatten();
            let max = i64::from(RECOMMEND_MAX);
            batch
                .recommend
                .push(small(v, "recommend", 0, max).map_err(fail)?);
        }
        if let Some(values) = &empathy {
            let v = values.get(row).copied().flatten();
            let max = i64::from(empathy_max);
            batch
                .empathy
                .push(small(v, "empathy", 1, max).map_err(fail)?);
        }
    }
    Ok((names, batch))
}
