//! Readers for the interchange CSV files (DESIGN §7), with errors that say file, line and column.

use std::collections::HashMap;
use std::fmt;

use layanan::{
    Calendar, Complaint, Completion, Date, Instrument, Interaction, Money, RatingScale, Respondent,
    ServiceStandard, SkmAnswers, SkmResponse, Standards, Tariff, TimeSpan, Timestamp,
};

/// What went wrong where.
#[derive(Debug)]
pub struct InputError {
    file: String,
    line: Option<u64>,
    column: Option<String>,
    message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for InputError {}

/// One CSV file: its header, checked against the columns a schema allows, and its rows.
struct Table<'a> {
    file: &'a str,
    columns: HashMap<String, usize>,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// The current row, able to say where a bad field is.
struct Row<'t> {
    table: &'t Table<'t>,
    line: u64,
    record: &'t csv::StringRecord,
}

impl<'a> Table<'a> {
    fn read(
        file: &'a str,
        text: &[u8],
        required: &[&str],
        optional: &[&str],
    ) -> Result<Self, InputError> {
        let err = |line: Option<u64>, message: String| InputError {
            file: file.into(),
            line,
            column: None,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| err(Some(1), e.to_string()))?
            .iter()
            .map(str::to_ascii_lowercase)
            .collect();
        let mut columns = HashMap::new();
        for (i, name) in headers.iter().enumerate() {
            if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
                return Err(err(
                    Some(1),
                    format!(
                        "unknown column `{name}`; expected {}",
                        required
                            .iter()
                            .chain(optional)
                            .copied()
                            .collect::<Vec<_>>()
                            .join(",")
                    ),
                ));
            }
            if columns.insert(name.clone(), i).is_some() {
                return Err(err(Some(1), format!("column `{name}` appears twice")));
            }
        }
        if let Some(missing) = required.iter().find(|c| !columns.contains_key(**c)) {
            return Err(err(Some(1), format!("missing column `{missing}`")));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(csv::Position::line);
                match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => err(line, format!("expected {expected_len} fields, found {len}")),
                    csv::ErrorKind::Utf8 { err: utf8, .. } => {
                        let field = utf8.field();
                        let name = headers.get(field).map_or("?", String::as_str);
                        InputError {
                            file: file.into(),
                            line,
                            column: Some(format!("{} ({name})", field + 1)),
                            message: "not valid UTF-8".into(),
                        }
                    }
                    _ => err(line, e.to_string()),
                }
            })?;
            let line = record.position().map_or(0, csv::Position::line);
            rows.push((line, record));
        }
        Ok(Self {
            file,
            columns,
            rows,
        })
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }
}

impl Row<'_> {
    /// The trimmed field of `column`, `None` when the column is absent or the field blank.
    fn get(&self, column: &str) -> Option<&str> {
        let i = *self.table.columns.get(column)?;
        self.record.get(i).filter(|s| !s.is_empty())
    }

    fn error(&self, column: &str, message: impl fmt::Display) -> InputError {
        let number = self.table.columns.get(column).map_or(0, |i| i + 1);
        InputError {
            file: self.table.file.into(),
            line: Some(self.line),
            column: Some(format!("{number} ({column})")),
            message: message.to_string(),
        }
    }

    fn required(&self, column: &str) -> Result<&str, InputError> {
        self.get(column)
            .ok_or_else(|| self.error(column, format!("{column} is required")))
    }

    /// Parses a field with a `layanan` parser, placing its error at this row and column.
    fn parse<T>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> layanan::Result<T>,
    ) -> Result<Option<T>, InputError> {
        self.get(column)
            .map(|text| parse(text).map_err(|e| self.error(column, e)))
            .transpose()
    }

    fn integer(&self, column: &str) -> Result<Option<i64>, InputError> {
        self.get(column)
            .map(|text| {
                text.parse::<i64>().map_err(|_| {
                    self.error(column, format!("cannot parse `{text}` as a whole number"))
                })
            })
            .transpose()
    }

    fn time(&self, column: &str) -> Result<Option<Timestamp>, InputError> {
        self.parse(column, parse_time)
    }

    /// A time that also has a local date on `calendar` (years 0000–9999 in its time zone), so
    /// that working days and periods can be counted from it later.
    fn local_time(
        &self,
        column: &str,
        calendar: &Calendar,
    ) -> Result<Option<Timestamp>, InputError> {
        let time = self.time(column)?;
        if let Some(at) = time {
            calendar.local_date(at).map_err(|e| self.error(column, e))?;
        }
        Ok(time)
    }

    /// SKM answers from columns `u1`…`uk`, in the instrument's order.
    fn answers(&self, instrument: &Instrument) -> Result<Option<SkmAnswers>, InputError> {
        let mut values = Vec::with_capacity(instrument.len());
        for i in 1..=instrument.len() {
            values.push(self.integer(&format!("u{i}"))?);
        }
        if values.iter().all(Option::is_none) {
            return Ok(None);
        }
        SkmAnswers::from_values(instrument, &values)
            .map(Some)
            .map_err(|e| {
                // Point at the offending column.
                let column = match &e {
                    layanan::Error::RatingOutOfScale { element, .. } => instrument
                        .position(element)
                        .map_or_else(|_| "u?".to_string(), |i| format!("u{}", i + 1)),
                    _ => "u1".to_string(),
                };
                self.error(&column, e)
            })
    }
}

/// Unix seconds or RFC 3339.
pub fn parse_time(text: &str) -> layanan::Result<Timestamp> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = text.parse::<i64>().map_err(|_| layanan::Error::Parse {
            field: "timestamp".into(),
            value: text.into(),
            expected: "Unix seconds or an RFC 3339 timestamp".into(),
        })?;
        return Timestamp::from_unix_seconds(seconds);
    }
    text.parse()
}

fn answer_columns(k: usize) -> Vec<String> {
    (1..=k).map(|i| format!("u{i}")).collect()
}

/// Reads an SKM questionnaire export: `service,unit,submitted_at,u1,…,uk` plus optional
/// `gender,age,education,occupation`.
pub fn read_skm(
    file: &str,
    text: &[u8],
    instrument: &Instrument,
) -> Result<Vec<SkmResponse>, InputError> {
    let answers = answer_columns(instrument.len());
    let mut required = vec!["service", "unit", "submitted_at"];
    required.extend(answers.iter().map(String::as_str));
    let optional = ["gender", "age", "education", "occupation", "saran"];
    let table = Table::read(file, text, &required, &optional)?;
    let mut responses = Vec::with_capacity(table.rows.len());
    for row in table.rows() {
        let answers = match row.answers(instrument)? {
            Some(a) => a,
            None => instrument.answers().build(),
        };
        let mut respondent = Respondent::default();
        if let Some(g) = row.parse("gender", str::parse)? {
            respondent = respondent.with_gender(g);
        }
        if let Some(age) = row.integer("age")? {
            respondent = respondent.with_age(age).map_err(|e| row.error("age", e))?;
        }
        if let Some(e) = row.parse("education", str::parse)? {
            respondent = respondent.with_education(e);
        }
        if let Some(o) = row.parse("occupation", str::parse)? {
            respondent = respondent.with_occupation(o);
        }
        let mut response = SkmResponse::new(answers)
            .with_respondent(respondent)
            .with_service(row.required("service")?)
            .map_err(|e| row.error("service", e))?
            .with_unit(row.required("unit")?)
            .map_err(|e| row.error("unit", e))?;
        if let Some(at) = row.time("submitted_at")? {
            response = response.with_submitted_at(at);
        }
        if let Some(saran) = row.get("saran") {
            response = response.with_saran(saran);
        }
        responses.push(response);
    }
    Ok(responses)
}

/// Reads a standards file: `service,max_wait_minutes,completion,tariff`.
pub fn read_standards(file: &str, text: &[u8]) -> Result<Standards, InputError> {
    let required = ["service", "max_wait_minutes", "completion", "tariff"];
    let table = Table::read(file, text, &required, &[])?;
    let mut standards = Standards::new();
    for row in table.rows() {
        let service = row.required("service")?;
        if standards.get(service).is_ok() {
            return Err(row.error("service", format!("service `{service}` is listed twice")));
        }
        // A blank tariff is a gap in the file, not a free service.
        let tariff = row
            .parse("tariff", str::parse::<Tariff>)?
            .ok_or_else(|| row.error("tariff", "tariff is required (0 for a free service)"))?;
        let mut standard =
            ServiceStandard::new(service, tariff).map_err(|e| row.error("service", e))?;
        if let Some(c) = row.parse("completion", str::parse::<Completion>)? {
            standard = standard.with_completion(c);
        }
        if let Some(minutes) = row.integer("max_wait_minutes")? {
            let minutes = u32::try_from(minutes).map_err(|_| {
                row.error(
                    "max_wait_minutes",
                    format!(
                        "max_wait_minutes must be between 0 and {}, got {minutes}",
                        u32::MAX
                    ),
                )
            })?;
            standard = standard.with_max_wait(TimeSpan::from_minutes(minutes));
        }
        standards.insert(standard);
    }
    Ok(standards)
}

/// Reads an interactions file: `id,service,unit,channel,arrived_at,started_at,finished_at,
/// official_fee,paid` then optional `u1..u9`, `empathy` (on `empathy_scale`), `recommend`.
/// Times must have a local date on `calendar`.
pub fn read_interactions(
    file: &str,
    text: &[u8],
    instrument: &Instrument,
    empathy_scale: RatingScale,
    calendar: &Calendar,
) -> Result<Vec<Interaction>, InputError> {
    let required = [
        "id",
        "service",
        "unit",
        "channel",
        "arrived_at",
        "started_at",
        "finished_at",
        "official_fee",
        "paid",
    ];
    let answers = answer_columns(instrument.len());
    let mut optional: Vec<&str> = answers.iter().map(String::as_str).collect();
    optional.extend(["empathy", "recommend"]);
    let table = Table::read(file, text, &required, &optional)?;
    let mut interactions = Vec::with_capacity(table.rows.len());
    for row in table.rows() {
        let arrived = row
            .local_time("arrived_at", calendar)?
            .ok_or_else(|| row.error("arrived_at", "arrived_at is required"))?;
        let mut builder =
            Interaction::builder(row.required("service")?, row.required("unit")?, arrived);
        if let Some(id) = row.get("id") {
            builder = builder.id(id);
        }
        if let Some(channel) = row.get("channel") {
            builder = builder.channel(channel);
        }
        if let Some(at) = row.local_time("started_at", calendar)? {
            builder = builder.started_at(at);
        }
        if let Some(at) = row.local_time("finished_at", calendar)? {
            builder = builder.finished_at(at);
        }
        if let Some(fee) = row.parse("official_fee", |t| Money::parse_field("official_fee", t))? {
            builder = builder.official_fee(fee);
        }
        if let Some(paid) = row.parse("paid", |t| Money::parse_field("paid", t))? {
            builder = builder.paid(paid);
        }
        if let Some(answers) = row.answers(instrument)? {
            builder = builder.skm(answers);
        }
        if let Some(value) = row.integer("empathy")? {
            let rating = empathy_scale
                .rating(value)
                .map_err(|e| row.error("empathy", e))?;
            builder = builder.empathy(rating);
        }
        if let Some(score) = row.integer("recommend")? {
            builder = builder.recommend(score);
        }
        let interaction = builder.build().map_err(|e| {
            let column = match e {
                layanan::Error::StartedBeforeArrived { .. } => "started_at",
                layanan::Error::FinishedBeforeStarted { .. } => "finished_at",
                layanan::Error::OutOfRange { .. } => "recommend",
                layanan::Error::Empty { ref field } if field == "unit" => "unit",
                _ => "service",
            };
            row.error(column, e)
        })?;
        interactions.push(interaction);
    }
    Ok(interactions)
}

/// Reads a complaints file: `unit,service,filed_at,first_response_at,resolved_at[,category]`.
/// Times must have a local date on `calendar`.
pub fn read_complaints(
    file: &str,
    text: &[u8],
    calendar: &Calendar,
) -> Result<Vec<Complaint>, InputError> {
    let required = ["unit", "filed_at"];
    let optional = ["service", "first_response_at", "resolved_at", "category"];
    let table = Table::read(file, text, &required, &optional)?;
    let mut complaints = Vec::with_capacity(table.rows.len());
    for row in table.rows() {
        let filed = row
            .local_time("filed_at", calendar)?
            .ok_or_else(|| row.error("filed_at", "filed_at is required"))?;
        let mut complaint =
            Complaint::filed(row.required("unit")?, filed).map_err(|e| row.error("unit", e))?;
        if let Some(service) = row.get("service") {
            complaint = complaint
                .about_service(service)
                .map_err(|e| row.error("service", e))?;
        }
        if let Some(at) = row.local_time("first_response_at", calendar)? {
            complaint = complaint
                .first_response_at(at)
                .map_err(|e| row.error("first_response_at", e))?;
        }
        if let Some(at) = row.local_time("resolved_at", calendar)? {
            complaint = complaint
                .resolved_at(at)
                .map_err(|e| row.error("resolved_at", e))?;
        }
        if let Some(category) = row.get("category") {
            complaint = complaint
                .in_category(category)
                .map_err(|e| row.error("category", e))?;
        }
        complaints.push(complaint);
    }
    Ok(complaints)
}

/// Reads a holidays file: `date` (YYYY-MM-DD), optionally `kind`.
pub fn read_holidays(file: &str, text: &[u8]) -> Result<Vec<Date>, InputError> {
    let table = Table::read(file, text, &["date"], &["kind"])?;
    table
        .rows()
        .map(|row| {
            row.parse("date", str::parse::<Date>)?
                .ok_or_else(|| row.error("date", "date is required"))
        })
        .collect()
}
