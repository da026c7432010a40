//! A file's header checked against the columns its format has.

use csv::ByteRecord;

use crate::error::{Error, Result};

/// The columns of a file format, in the order its documentation lists them.
#[derive(Debug, Clone)]
pub(crate) struct Schema {
    columns: Vec<(String, bool)>,
}

impl Schema {
    /// No columns yet.
    pub(crate) fn new() -> Self {
        Self {
            columns: Vec::new(),
        }
    }

    /// With `names` as columns every header must have.
    pub(crate) fn required<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.columns
            .extend(names.into_iter().map(|n| (n.into(), true)));
        self
    }

    /// With `names` as columns a header may have.
    pub(crate) fn optional<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.columns
            .extend(names.into_iter().map(|n| (n.into(), false)));
        self
    }

    /// `a, b, c, and optionally d, e`: what a header may name, for messages.
    fn expected(&self) -> String {
        let list = |required: bool| {
            self.columns
                .iter()
                .filter(|(_, r)| *r == required)
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (required, optional) = (list(true), list(false));
        match (required.is_empty(), optional.is_empty()) {
            (_, true) => required,
            (true, false) => format!("optionally {optional}"),
            (false, false) => format!("{required}, and optionally {optional}"),
        }
    }
}

/// The `n` answer columns `u1`…`un`.
pub(crate) fn answer_columns(n: usize) -> impl Iterator<Item = String> {
    (1..=n).map(|i| format!("u{i}"))
}

/// A checked header: which schema column each of the file's columns is.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// The schema's column names, as the schema spells them (lowercase).
    schema: Vec<String>,
    /// For each of the file's columns, its index in `schema`.
    file_to_schema: Vec<usize>,
    /// The header's line.
    line: u64,
    /// The file's name.
    file: String,
    /// What a header may name, for messages.
    expected: String,
}

impl Header {
    /// Checks the header `record`, on `line` of `file`, against `schema`: names are trimmed and
    /// compared without regard to ASCII case; a UTF-8 byte-order mark before the first is
    /// dropped. An empty header (an empty file) is accepted and has no columns.
    ///
    /// # Errors
    /// [`Error::InFile`] around [`Error::Parse`] for a name that is not UTF-8,
    /// [`Error::UnknownColumn`], [`Error::Duplicate`] for a column named twice, or
    /// [`Error::MissingColumn`] for the first required column not named.
    pub(crate) fn read(
        record: &ByteRecord,
        schema: &Schema,
        file: &str,
        line: u64,
    ) -> Result<Self> {
        let at = |column: Option<usize>, field: Option<&str>, source: Error| Error::InFile {
            file: file.to_owned(),
            line,
            column,
            field: field.map(str::to_owned),
            source: Box::new(source),
        };
        let mut file_to_schema = Vec::with_capacity(record.len());
        let mut seen = vec![false; schema.columns.len()];
        for (i, raw) in record.iter().enumerate() {
            let column = i.checked_add(1);
            let raw = if i == 0 {
                raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw)
            } else {
                raw
            };
            let name = std::str::from_utf8(raw.trim_ascii()).map_err(|_| {
                at(
                    column,
                    None,
                    Error::Parse {
                        field: "column name".into(),
                        value: raw.escape_ascii().to_string(),
                        expected: "UTF-8 text".into(),
                    },
                )
            })?;
            let index = schema
                .columns
                .iter()
                .position(|(known, _)| known.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    at(
                        column,
                        None,
                        Error::UnknownColumn {
                            column: name.to_owned(),
                            expected: schema.expected(),
                        },
                    )
                })?;
            if let Some(seen) = seen.get_mut(index) {
                if *seen {
                    let known = schema.columns.get(index).map(|(n, _)| n.as_str());
                    return Err(at(
                        column,
                        known,
                        Error::Duplicate {
                            field: "column".into(),
                            value: known.unwrap_or(name).to_owned(),
                        },
                    ));
                }
                *seen = true;
            }
            file_to_schema.push(index);
        }
        if !file_to_schema.is_empty()
            && let Some((missing, _)) = schema
                .columns
                .iter()
                .zip(&seen)
                .find(|((_, required), seen)| *required && !**seen)
                .map(|(column, _)| column)
        {
            return Err(at(
                None,
                None,
                Error::MissingColumn {
                    column: missing.clone(),
                    expected: schema.expected(),
                },
            ));
        }
        Ok(Self {
            schema: schema.columns.iter().map(|(n, _)| n.clone()).collect(),
            file_to_schema,
            line,
            file: file.to_owned(),
            expected: schema.expected(),
        })
    }

    /// The number of columns.
    pub(crate) fn width(&self) -> usize {
        self.file_to_schema.len()
    }

    /// Whether the header has no column: the file was empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.file_to_schema.is_empty()
    }

    /// The file's name, as errors show it.
    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    /// The file's column (from 0) named `name` in the schema, if the header has it.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let index = self.schema.iter().position(|n| n == name)?;
        self.file_to_schema.iter().position(|i| *i == index)
    }

    /// The file's column (from 0) named `name` in the schema, which the header must have.
    ///
    /// # Errors
    /// [`Error::InFile`] around [`Error::MissingColumn`] (which [`read`](Self::read) has
    /// already returned for a non-empty header).
    pub(crate) fn required(&self, name: &str) -> Result<usize> {
        self.find(name).ok_or_else(|| Error::InFile {
            file: self.file.clone(),
            line: self.line,
            column: None,
            field: None,
            source: Box::new(Error::MissingColumn {
                column: name.to_owned(),
                expected: self.expected.clone(),
            }),
        })
    }

    /// The schema's name of the file's column `column` (from 0).
    pub(crate) fn name(&self, column: usize) -> Option<&str> {
        let index = *self.file_to_schema.get(column)?;
        self.schema.get(index).map(String::as_str)
    }
}
