//! The streaming core every reader shares: one `csv` reader, one reused record, the checked
//! header, and each row's fields as trimmed `&str` with errors placed at their line and column.

use std::io;

use csv::ByteRecord;

use super::header::{Header, Schema};
use crate::error::{Error, Result};

/// Rows of one file, read one at a time into the same buffer.
pub(crate) struct Records<R> {
    csv: csv::Reader<R>,
    record: ByteRecord,
    header: Header,
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
            .has_headers(true)
            .flexible(false)
            .from_reader(source);
        let header = match csv.byte_headers() {
            Ok(record) => Header::read(record, schema, &file)?,
            Err(err) => return Err(csv_error(&file, 1, err)),
        };
        let done = header.is_empty();
        Ok(Self {
            csv,
            record: ByteRecord::new(),
            header,
            done,
        })
    }

    /// The next row, or `None` at the end of the file; after an I/O error, `None` for good.
    /// A row of the wrong width is an error and reading goes on with the next one.
    pub(crate) fn next_row(&mut self) -> Option<Result<Row<'_>>> {
        if self.done {
            return None;
        }
        match self.csv.read_byte_record(&mut self.record) {
            Ok(true) => Some(Ok(Row {
                line: self
                    .record
                    .position()
                    .map_or_else(|| self.csv.position().line(), csv::Position::line),
                record: &self.record,
                header: &self.header,
            })),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(err) => {
                let line = self.csv.position().line();
                if !matches!(err.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    self.done = true;
                }
                Some(Err(csv_error(self.header.file(), line, err)))
            }
        }
    }
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
}

/// A `csv` error as an [`Error::InFile`]: a row of the wrong width ([`Error::FieldCount`]) or a
/// failure to read ([`Error::Io`]).
fn csv_error(file: &str, line: u64, err: csv::Error) -> Error {
    let line = err.position().map_or(line, csv::Position::line);
    let source = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::FieldCount {
            expected: *expected_len,
            found: *len,
        },
        // Byte records are never decoded, nor deserialised, nor seeked by these readers.
        _ => match err.into_kind() {
            csv::ErrorKind::Io(io) => Error::from(io),
            other => Error::Io {
                kind: io::ErrorKind::InvalidData,
                message: format!("{other:?}"),
            },
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
    line: u64,
    header: &'a Header,
}

impl<'a> Row<'a> {
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
