//! The streaming core every reader shares: one `csv` reader, one reused record, the checked
//! header, and each row's fields as trimmed `&str` with errors placed at their line and column.

use std::io;

use csv::ByteRecord;

use super::header::{Header, Schema};
use super::lines::{Lines, line_breaks};
use crate::error::{Error, Result};

/// Rows of one file, read one at a time into the same buffer.
pub(crate) struct Records<R> {
    csv: csv::Reader<Lines<R>>,
    record: ByteRecord,
    header: Header,
    /// The line where the row last read begins; 0 before the first.
    line: u64,
    /// Set at the end of the file, and after an error reading it: nothing more is yielded.
    done: bool,
}

impl<R: io::Read> Records<R> {
    /// Reads and checks the header of `source`, a file called `file` in format `schema`.
    ///
    /// # Errors
    /// As [`Header::read`], or [`Error::InFile`] around [`Error::Io`].
    pub(crate) fn open(source: R, file: String, schema: &Schema) -> Result<Self> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Lines::new(source));
        let mut record = ByteRecord::new();
        let header = loop {
            match csv.read_byte_record(&mut record) {
                Ok(true) if is_blank(&record) => {}
                Ok(true) => {
                    let line = record_line(&mut csv, &record);
                    break Header::read(&record, schema, &file, line)?;
                }
                Ok(false) => break Header::read(&ByteRecord::new(), schema, &file, 1)?,
                Err(err) => {
                    let line = line_reached(&mut csv);
                    return Err(read_error(&file, line, err));
                }
            }
        };
        let done = header.is_empty();
        Ok(Self {
            csv,
            record,
            header,
            line: 0,
            done,
        })
    }

    /// The next row, or `None` at the end of the file; after a failure to read, `None` for
    /// good. A row of the wrong width is an error and reading goes on with the next one; a line
    /// that is blank but for spaces is skipped.
    pub(crate) fn next_row(&mut self) -> Option<Result<Row<'_>>> {
        let Self {
            csv,
            record,
            header,
            line,
            done,
        } = self;
        match read_row(csv, header, line, done, record)? {
            Ok(line) => Some(Ok(Row::new(record, line, header))),
            Err(e) => Some(Err(e)),
        }
    }

    /// [`next_row`](Self::next_row) into `record` instead of the reader's own: the row's line.
    pub(crate) fn next_into(&mut self, record: &mut ByteRecord) -> Option<Result<u64>> {
        let Self {
            csv,
            header,
            line,
            done,
            ..
        } = self;
        read_row(csv, header, line, done, record)
    }
}

/// Reads the next row of `csv` into `record`, as [`Records::next_row`] describes: its line.
fn read_row<R: io::Read>(
    csv: &mut csv::Reader<Lines<R>>,
    header: &Header,
    last_line: &mut u64,
    done: &mut bool,
    record: &mut ByteRecord,
) -> Option<Result<u64>> {
    loop {
        if *done {
            return None;
        }
        match csv.read_byte_record(record) {
            Ok(true) if is_blank(record) => {}
            Ok(true) => {
                let line = record_line(csv, record);
                *last_line = line;
                let (expected, found) = (header.width(), record.len());
                if expected != found {
                    let row = Row::new(record, line, header);
                    return Some(Err(row.row_error(Error::FieldCount {
                        expected: u64::try_from(expected).unwrap_or(u64::MAX),
                        found: u64::try_from(found).unwrap_or(u64::MAX),
                    })));
                }
                return Some(Ok(line));
            }
            Ok(false) => {
                *done = true;
            }
            Err(err) => {
                *done = true;
                let line = line_reached(csv);
                return Some(Err(read_error(header.file(), line, err)));
            }
        }
    }
}

/// Whether a record is a line blank but for spaces (one field, blank once trimmed): `csv`
/// skips empty lines itself, not those.
fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && record.iter().all(|field| field.trim_ascii().is_empty())
}

/// The line where `record`, just read, begins.
fn record_line<R: io::Read>(csv: &mut csv::Reader<Lines<R>>, record: &ByteRecord) -> u64 {
    let end = csv.position().byte();
    let fields = record.as_slice();
    let inside = line_breaks(fields);
    let field_ends_in_break = matches!(fields.last(), Some(b'\n' | b'\r'));
    csv.get_mut().record_line(end, inside, field_ends_in_break)
}

/// The line the parser has reached.
fn line_reached<R: io::Read>(csv: &mut csv::Reader<Lines<R>>) -> u64 {
    let end = csv.position().byte();
    csv.get_mut().line_at(end)
}

impl<R> Records<R> {
    /// The checked header.
    pub(crate) fn header(&self) -> &Header {
        &self.header
    }

    /// The file's name, as errors show it.
    pub(crate) fn file(&self) -> &str {
        self.header.file()
    }

    /// The line where the row last read begins; 0 before the first.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }
}

/// A failure of the `csv` reader as an [`Error::InFile`] around [`Error::Io`]: with byte
/// records read flexibly, reading is all that can fail.
fn read_error(file: &str, line: u64, err: csv::Error) -> Error {
    let source = match err.into_kind() {
        csv::ErrorKind::Io(io) => Error::from(io),
        other => Error::Io {
            kind: io::ErrorKind::InvalidData,
            message: format!("{other:?}"),
        },
    };
    Error::InFile {
        file: file.to_owned(),
        line,
        column: None,
        field: None,
        source: Box::new(source),
    }
}

/// One row: its fields by the file's column numbers (from 0), trimmed, with errors placed.
pub(crate) struct Row<'a> {
    record: &'a ByteRecord,
    /// Every field's bytes as text, when they are all UTF-8: checked once for the row rather
    /// than once a field.
    text: Option<&'a str>,
    line: u64,
    header: &'a Header,
}

impl<'a> Row<'a> {
    /// `record`, read from line `line` of a file with `header`.
    pub(crate) fn new(record: &'a ByteRecord, line: u64, header: &'a Header) -> Self {
        Self {
            record,
            text: std::str::from_utf8(record.as_slice()).ok(),
            line,
            header,
        }
    }

    /// The row's line (where it starts).
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// `source` placed at `column` of this row.
    pub(crate) fn error(&self, column: usize, source: Error) -> Error {
        Error::InFile {
            file: self.header.file().to_owned(),
            line: self.line,
            column: column.checked_add(1),
            field: self.header.name(column).map(str::to_owned),
            source: Box::new(source),
        }
    }

    /// `source` placed at this row, in no column.
    pub(crate) fn row_error(&self, source: Error) -> Error {
        Error::InFile {
            file: self.header.file().to_owned(),
            line: self.line,
            column: None,
            field: None,
            source: Box::new(source),
        }
    }

    /// The trimmed text of `column`, `None` when blank.
    ///
    /// # Errors
    /// [`Error::Parse`] (placed) when the field is not UTF-8.
    pub(crate) fn text(&self, column: usize) -> Result<Option<&'a str>> {
        if let Some(field) = self
            .text
            .zip(self.record.range(column))
            .and_then(|(text, range)| text.get(range))
        {
            let field = field.trim_ascii();
            return Ok((!field.is_empty()).then_some(field));
        }
        let raw = self.record.get(column).unwrap_or_default().trim_ascii();
        if raw.is_empty() {
            return Ok(None);
        }
        std::str::from_utf8(raw).map(Some).map_err(|_| {
            let field = self.header.name(column).unwrap_or("field").to_owned();
            self.error(
                column,
                Error::Parse {
                    field,
                    value: raw.escape_ascii().to_string(),
                    expected: "UTF-8 text".into(),
                },
            )
        })
    }

    /// The text of an optional column: `None` when the header lacks it or the field is blank.
    pub(crate) fn optional(&self, column: Option<usize>) -> Result<Option<&'a str>> {
        column.map_or(Ok(None), |c| self.text(c))
    }

    /// The text of a field that must not be blank.
    ///
    /// # Errors
    /// [`Error::Missing`] (placed) when blank.
    pub(crate) fn required(&self, column: usize) -> Result<&'a str> {
        self.text(column)?.ok_or_else(|| {
            let field = self.header.name(column).unwrap_or("field").to_owned();
            self.error(column, Error::Missing { field })
        })
    }

    /// The field of an optional `column` read by `parse`, its error placed at the column.
    pub(crate) fn parse<T>(
        &self,
        column: Option<usize>,
        parse: impl FnOnce(&'a str) -> Result<T>,
    ) -> Result<Option<T>> {
        let Some(column) = column else {
            return Ok(None);
        };
        self.text(column)?
            .map(|text| parse(text).map_err(|e| self.error(column, e)))
            .transpose()
    }

    /// The required field of `column` read by `parse`, its error placed at the column.
    pub(crate) fn parse_required<T>(
        &self,
        column: usize,
        parse: impl FnOnce(&'a str) -> Result<T>,
    ) -> Result<T> {
        let text = self.required(column)?;
        parse(text).map_err(|e| self.error(column, e))
    }

    /// The schema's name of `column`.
    pub(crate) fn name(&self, column: usize) -> &'a str {
        self.header.name(column).unwrap_or("field")
    }
}
