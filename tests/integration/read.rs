//! The CSV readers of `layanan::read` (feature `csv`): each file format read from small
//! in-memory files, the file-level edge cases (BOM, CRLF, quoting, empty files), every malformed
//! input of the bad-input catalogue that concerns files, with its exact error and message, and
//! streaming from a reader that counts the bytes it hands out.

mod batches;
mod complaints;
mod files;
mod holidays;
mod interactions;
mod samples;
mod skm;
mod standards;
mod streaming;
mod time_and_money;

use layanan::Error;

/// The error `source` at `line` of `file`, in no column.
pub(crate) fn in_file(file: &str, line: u64, source: Error) -> Error {
    Error::InFile {
        file: file.into(),
        line,
        column: None,
        field: None,
        source: Box::new(source),
    }
}

/// The error `source` at `line` of `file`, in `column` (from 1) named `field`.
pub(crate) fn at(file: &str, line: u64, column: usize, field: &str, source: Error) -> Error {
    Error::InFile {
        file: file.into(),
        line,
        column: Some(column),
        field: Some(field.into()),
        source: Box::new(source),
    }
}

/// The error `source` at `line` of `file`, in `column` (from 1) without a name (a header's
/// column that is not one of the format's).
pub(crate) fn at_column(file: &str, line: u64, column: usize, source: Error) -> Error {
    Error::InFile {
        file: file.into(),
        line,
        column: Some(column),
        field: None,
        source: Box::new(source),
    }
}

/// Asserts that `result` is exactly `expected`, and says `message`.
#[track_caller]
pub(crate) fn fails<T: std::fmt::Debug>(
    label: &str,
    result: Result<T, Error>,
    expected: Error,
    message: &str,
) {
    match result {
        Ok(value) => panic!("{label}: accepted, giving {value:?}; expected {expected:?}"),
        Err(err) => {
            assert_eq!(err, expected, "{label}");
            assert_eq!(err.to_string(), message, "{label}");
        }
    }
}

/// The first item of an iterator of results: the first record, or its error.
#[track_caller]
pub(crate) fn first<T>(mut items: impl Iterator<Item = Result<T, Error>>) -> Result<T, Error> {
    items.next().expect("the file has a row")
}

/// Every record, or the first error.
pub(crate) fn all<T>(items: impl Iterator<Item = Result<T, Error>>) -> Result<Vec<T>, Error> {
    items.collect()
}

/// An `Error::Parse`.
pub(crate) fn parse_error(field: &str, value: &str, expected: &str) -> Error {
    Error::Parse {
        field: field.into(),
        value: value.into(),
        expected: expected.into(),
    }
}

/// What a time accepts without a calendar.
pub(crate) const INSTANT: &str =
    "Unix seconds or an RFC 3339 timestamp such as 2025-03-04T08:15:00+07:00";
/// What a time accepts with a calendar.
pub(crate) const TIME: &str = "Unix seconds, an RFC 3339 timestamp such as \
    2025-03-04T08:15:00+07:00 or a local time such as 2025-03-04 08:15";
/// What money accepts.
pub(crate) const MONEY: &str = "a whole amount of money such as 15000, 15.000 or Rp 15.000";

#[test]
fn errors_and_readers_are_send_sync_clone_and_comparable() {
    fn send_sync<T: Send + Sync>() {}
    fn clone_eq<T: Clone + PartialEq + std::fmt::Debug>() {}
    send_sync::<Error>();
    clone_eq::<Error>();
    send_sync::<layanan::read::ReadOptions>();
    clone_eq::<layanan::read::ReadOptions>();
    send_sync::<layanan::read::SkmReader<&[u8]>>();
    send_sync::<layanan::read::InteractionReader<std::fs::File>>();
    send_sync::<layanan::read::StandardReader<&[u8]>>();
    send_sync::<layanan::read::ComplaintReader<&[u8]>>();
    send_sync::<layanan::read::HolidayReader<&[u8]>>();
}
