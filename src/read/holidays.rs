//! Holiday lists: `date[,kind]`.

use std::fmt;
use std::io;

use super::header::Schema;
use super::options::ReadOptions;
use super::records::Records;
use crate::error::Result;
use crate::model::Date;

/// Reads the days offices are closed besides weekends, one [`Date`] per row, for
/// [`Calendar::with_holidays`](crate::Calendar::with_holidays).
///
/// Columns (names in any case): `date` (`YYYY-MM-DD`, not blank) and optionally `kind` (free
/// text such as `libur nasional` or `cuti bersama`, read and not kept).
///
/// ```
/// use layanan::read::{HolidayReader, ReadOptions};
/// use layanan::{Calendar, Date};
///
/// let file = "date,kind\n2025-08-17,libur nasional\n2025-08-18,cuti bersama\n";
/// let holidays = HolidayReader::new(file.as_bytes(), &ReadOptions::new())?;
/// let calendar = Calendar::wib().with_holidays(holidays.collect::<Result<Vec<_>, _>>()?);
/// assert!(!calendar.is_working_day(Date::new(2025, 8, 18)?));
///
/// let bad = "date\n2025-02-30\n";
/// let err = HolidayReader::new(bad.as_bytes(), &ReadOptions::new())?.next().unwrap().unwrap_err();
/// assert_eq!(err.to_string(), "holidays, line 2, column 1 (date): day must be between 1 and 28, got 30");
/// # Ok::<(), layanan::Error>(())
/// ```
pub struct HolidayReader<R> {
    records: Records<R>,
    /// The `date` and `kind` columns (from 0); `None` for an empty file.
    columns: Option<(usize, Option<usize>)>,
}

impl<R: io::Read> HolidayReader<R> {
    /// Reads the header of `source`; rows are read as the iterator is advanced.
    ///
    /// An empty file, or one with only a header, yields no date.
    ///
    /// # Errors
    /// As [`SkmReader::new`](super::SkmReader::new).
    pub fn new(source: R, options: &ReadOptions) -> Result<Self> {
        let schema = Schema::new().required(["date"]).optional(["kind"]);
        let records = Records::open(source, options.name_or("holidays"), &schema)?;
        let header = records.header();
        let columns = if header.is_empty() {
            None
        } else {
            Some((header.required("date")?, header.find("kind")))
        };
        Ok(Self { records, columns })
    }
}

impl<R> HolidayReader<R> {
    /// The file's name, as errors show it.
    pub fn file_name(&self) -> &str {
        self.records.file()
    }

    /// The line where the row last yielded begins (0 before the first): where to place an
    /// error met after reading, such as a tally refusing the record
    /// ([`Error::InFile`](crate::Error::InFile) with this line).
    pub fn line(&self) -> u64 {
        self.records.line()
    }
}

impl<R: io::Read> Iterator for HolidayReader<R> {
    type Item = Result<Date>;

    /// The next date, or the error of its row ([`Error::InFile`](crate::Error::InFile), naming
    /// line and column); reading goes on after a bad row, and ends after a failure to read the
    /// file.
    fn next(&mut self) -> Option<Self::Item> {
        let (date, kind) = self.columns?;
        Some(self.records.next_row()?.and_then(|row| {
            row.optional(kind)?;
            row.parse_required(date, str::parse::<Date>)
        }))
    }
}

impl<R: io::Read> std::iter::FusedIterator for HolidayReader<R> {}

impl<R> fmt::Debug for HolidayReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HolidayReader")
            .field("file", &self.records.file())
            .finish_non_exhaustive()
    }
}
