//! The crate's one error type.

/// Everything that can go wrong in `layanan`: always a value, never a panic.
///
/// Every variant names the field (or element, or parameter) and the offending value, so a message
/// can be shown to whoever typed the data. Messages are lowercase without a trailing period.
/// What the statistics refuse comes as [`Error::Stats`], wrapping
/// [`stats::Error`](enum@crate::stats::Error); `?` converts it.
///
/// ```
/// use layanan::{Error, Money};
///
/// let err = Money::try_from_i64("paid", -500).unwrap_err();
/// assert_eq!(err, Error::NegativeMoney { field: "paid".into(), value: -500 });
/// assert_eq!(err.to_string(), "paid is negative: -500");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An answer outside its element's scale (SKM answers are 1 to `max`).
    #[error("answer {value} to element `{element}` is out of scale 1..={max}")]
    RatingOutOfScale {
        /// The element's key.
        element: String,
        /// The answer given.
        value: i64,
        /// The top of the scale.
        max: u8,
    },
    /// A value outside the closed range a field accepts.
    #[error("{field} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The field.
        field: String,
        /// The value given.
        value: i64,
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// Too few observations (visits, answers, groups, periods) for the score asked for.
    #[error(
        "{what} needs at least {needed} observation{}, got {got}",
        if *.needed == 1 { "" } else { "s" }
    )]
    InsufficientData {
        /// What was being computed.
        what: String,
        /// How many observations it needs.
        needed: u64,
        /// How many it had.
        got: u64,
    },
    /// A visit whose service started before the citizen arrived.
    #[error("started_at {started} is before arrived_at {arrived}")]
    StartedBeforeArrived {
        /// Arrival time.
        arrived: crate::Timestamp,
        /// Start of service.
        started: crate::Timestamp,
    },
    /// A visit that finished before it started.
    #[error("finished_at {finished} is before started_at {started}")]
    FinishedBeforeStarted {
        /// Start of service (or arrival, when no start was recorded).
        started: crate::Timestamp,
        /// End of service.
        finished: crate::Timestamp,
    },
    /// A negative amount of money.
    #[error("{field} is negative: {value}")]
    NegativeMoney {
        /// The field.
        field: String,
        /// The amount given.
        value: i64,
    },
    /// A sum or product of money, or of a count, that does not fit its integer type.
    #[error("{field} overflows")]
    Overflow {
        /// What overflowed.
        field: String,
    },
    /// A time that cannot be represented (outside the supported years 0000–9999, or a shift past
    /// the limits of `i64` milliseconds).
    #[error("{field} is out of the supported time range: {value}")]
    TimeOutOfRange {
        /// The field.
        field: String,
        /// The value given, as text.
        value: String,
    },
    /// A text field that does not parse as what it should be.
    #[error("{field}: cannot parse `{value}` as {expected}")]
    Parse {
        /// The field.
        field: String,
        /// The text given.
        value: String,
        /// What was expected, e.g. "an RFC 3339 timestamp".
        expected: String,
    },
    /// A number outside what a parameter accepts (a score outside 0–100, a negative standard
    /// error …).
    #[error("{field} must be {expected}, got {value}")]
    InvalidValue {
        /// The parameter.
        field: String,
        /// The value given.
        value: f64,
        /// What is accepted, e.g. "positive".
        expected: String,
    },
    /// A probability (such as a significance level) outside the open interval (0, 1).
    #[error("{field} must be strictly between 0 and 1, got {value}")]
    InvalidProbability {
        /// The parameter.
        field: String,
        /// The value given.
        value: f64,
    },
    /// An element key the instrument does not have.
    #[error("instrument `{instrument}` has no element `{element}`")]
    UnknownElement {
        /// The instrument's name.
        instrument: String,
        /// The key asked for.
        element: String,
    },
    /// The same element given twice.
    #[error("element `{element}` is given more than once")]
    DuplicateElement {
        /// The repeated key.
        element: String,
    },
    /// A key (a service in a standards list, a unit's calendar …) given twice where each must be
    /// unique: which one was meant cannot be known.
    #[error("{field} `{value}` is given more than once")]
    Duplicate {
        /// What the key names.
        field: String,
        /// The repeated key.
        value: String,
    },
    /// A complaint resolved before it was first answered.
    #[error("resolved_at {resolved} is before first_response_at {responded}")]
    ResolvedBeforeResponse {
        /// The first response.
        responded: crate::Timestamp,
        /// The resolution.
        resolved: crate::Timestamp,
    },
    /// Answers or a tally built for one instrument, used with another.
    #[error(
        "expected answers for instrument `{expected}` ({expected_len} elements), got `{got}` ({got_len} elements)"
    )]
    InstrumentMismatch {
        /// The instrument in use.
        expected: String,
        /// Its number of elements.
        expected_len: usize,
        /// The instrument the data belong to.
        got: String,
        /// Its number of elements.
        got_len: usize,
    },
    /// A rating on another scale than the one a tally counts.
    #[error("{field} is on scale {got}, expected {expected}")]
    ScaleMismatch {
        /// The field.
        field: String,
        /// The tally's scale.
        expected: crate::RatingScale,
        /// The rating's scale.
        got: crate::RatingScale,
    },
    /// Weights that do not add up to exactly 1.
    #[error("weights must sum to 1, got {sum}")]
    WeightsDoNotSumToOne {
        /// The sum, as an exact fraction.
        sum: String,
    },
    /// A malformed weight (zero denominator, zero or above 1).
    #[error("invalid weight {value}: {reason}")]
    InvalidWeight {
        /// The weight as given.
        value: String,
        /// Why it is rejected.
        reason: String,
    },
    /// A service with no published standard.
    #[error("unknown service `{service}`: no standard is published for it")]
    UnknownService {
        /// The service's name.
        service: String,
    },
    /// A required field that was not given.
    #[error("{field} is required")]
    Missing {
        /// The field.
        field: String,
    },
    /// A name (instrument, unit, service …) that is empty or blank.
    #[error("{field} must not be empty")]
    Empty {
        /// The field.
        field: String,
    },
    /// A category label that is not one of the accepted ones.
    #[error("{field}: unknown value `{value}`, expected one of {expected}")]
    UnknownCategory {
        /// The field.
        field: String,
        /// The value given.
        value: String,
        /// The accepted values.
        expected: String,
    },
    /// Two tallies that cannot be merged: they are judged by different settings or count
    /// different things.
    #[error("cannot merge {what}: {difference}")]
    MergeMismatch {
        /// The kind of tally.
        what: String,
        /// What differs, naming the setting.
        difference: String,
    },
    /// A tally with nothing to report: no visit, no answered questionnaire, no complaint.
    #[error("no {what} to report")]
    NoData {
        /// What is missing, e.g. "visits".
        what: String,
    },
    /// A report asked as of an instant before the latest time in the data: visits recorded as
    /// finished later would be judged as if they were still open.
    #[error("as_of {as_of} is before the latest time in the data, {latest}")]
    AsOfBeforeData {
        /// The instant asked for.
        as_of: crate::Timestamp,
        /// The latest time recorded in the tally.
        latest: crate::Timestamp,
    },
    /// A deserialised value whose parts contradict each other.
    #[error("inconsistent {what}: {reason}")]
    Inconsistent {
        /// The kind of value.
        what: String,
        /// What contradicts what.
        reason: String,
    },
    /// A statistic refused its input: the error of [`stats`](crate::stats), with its message
    /// unchanged.
    #[error(transparent)]
    Stats(#[from] crate::stats::Error),
    /// A chart of the report document that could not be drawn.
    #[error("cannot draw the {chart} chart: {reason}")]
    Chart {
        /// The chart.
        chart: String,
        /// What went wrong.
        reason: String,
    },
    /// A visit of a batch of columns ([`columns`](crate::columns)), by its index in the batch
    /// (from 0), and what is wrong with it.
    #[error("row {row}: {source}")]
    AtRow {
        /// The visit's index in its batch.
        row: usize,
        /// What is wrong.
        source: Box<Error>,
    },
    /// A bad field (or header, or row) in a file, with where it is: the file's name, the line,
    /// and the column when there is one. The message puts the place before the error of the
    /// field itself, which is also the [`source`](std::error::Error::source):
    /// ``skm.csv, line 2, column 8 (u5): answer 5 to element `produk` is out of scale 1..=4``.
    ///
    /// ```
    /// use layanan::Error;
    ///
    /// let err = Error::InFile {
    ///     file: "skm.csv".into(),
    ///     line: 2,
    ///     column: Some(8),
    ///     field: Some("u5".into()),
    ///     source: Box::new(Error::RatingOutOfScale { element: "produk".into(), value: 5, max: 4 }),
    /// };
    /// assert_eq!(
    ///     err.to_string(),
    ///     "skm.csv, line 2, column 8 (u5): answer 5 to element `produk` is out of scale 1..=4"
    /// );
    /// ```
    #[error(
        "{file}, line {line}{}: {}",
        place(*.column, .field.as_deref()),
        unprefixed(source, .field.as_deref())
    )]
    InFile {
        /// The file's name, as the caller gave it.
        file: String,
        /// The line, counted from 1 (where the row starts, for a row spanning lines).
        line: u64,
        /// The column, counted from 1, when the error is in one field.
        column: Option<usize>,
        /// The column's name, when known.
        field: Option<String>,
        /// What is wrong there.
        source: Box<Error>,
    },
    /// A file's header that names a column the file's format does not have.
    #[error("unknown column `{column}`, expected {expected}")]
    UnknownColumn {
        /// The column as named in the header.
        column: String,
        /// The columns the format has.
        expected: String,
    },
    /// A file's header without a column the file's format requires.
    #[error("missing column `{column}`, expected {expected}")]
    MissingColumn {
        /// The required column.
        column: String,
        /// The columns the format has.
        expected: String,
    },
    /// A row with more or fewer fields than the header has columns.
    #[error("expected {expected} fields, found {found}")]
    FieldCount {
        /// The header's number of columns.
        expected: u64,
        /// The row's number of fields.
        found: u64,
    },
    /// A key (a service in a standards file …) given on two lines of a file, where each must be
    /// unique.
    #[error("{field} `{value}` is given more than once, first on line {first_line}")]
    Repeated {
        /// What the key names.
        field: String,
        /// The repeated key.
        value: String,
        /// The line where it was first given.
        first_line: u64,
    },
    /// A file that could not be read (the operating system's error, kept as text so that errors
    /// stay comparable and cloneable).
    #[error("cannot read: {message}")]
    Io {
        /// The kind of error.
        kind: std::io::ErrorKind,
        /// The operating system's message.
        message: String,
    },
}

/// `source`'s message without the field name it starts with when the place already names that
/// field: `column 6 (u3): cannot parse …`, not `column 6 (u3): u3: cannot parse …`.
fn unprefixed(source: &Error, field: Option<&str>) -> String {
    let message = source.to_string();
    field
        .and_then(|f| message.strip_prefix(f))
        .and_then(|rest| rest.strip_prefix(": "))
        .map_or_else(|| message.clone(), str::to_owned)
}

/// `, column 8 (u5)`, `, column 8` or nothing: where in a line an [`Error::InFile`] is.
fn place(column: Option<usize>, field: Option<&str>) -> String {
    match (column, field) {
        (Some(column), Some(field)) => format!(", column {column} ({field})"),
        (Some(column), None) => format!(", column {column}"),
        (None, Some(field)) => format!(" ({field})"),
        (None, None) => String::new(),
    }
}

impl From<std::io::Error> for Error {
    /// [`Error::Io`], keeping the kind and the message.
    fn from(err: std::io::Error) -> Self {
        Error::Io {
            kind: err.kind(),
            message: err.to_string(),
        }
    }
}

/// `Result` with [`Error`](enum@Error) as the error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
