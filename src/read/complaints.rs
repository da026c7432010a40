//! Complaint registers: `unit,service,filed_at,first_response_at,resolved_at[,category]`.

use std::fmt;
use std::io;

use super::field::Clock;
use super::header::{Header, Schema};
use super::options::ReadOptions;
use super::records::{Records, Row};
use crate::error::Result;
use crate::model::Complaint;

/// Reads complaints (pengaduan), one [`Complaint`] per row.
///
/// Columns (in any order, names in any case): `unit`, `service`, `filed_at`,
/// `first_response_at`, `resolved_at`, and optionally `category` (which may set its own
/// resolution target, e.g. `ringan`, `sedang`, `berat`).
///
/// `unit` and `filed_at` must not be blank; a blank `first_response_at` or `resolved_at` is
/// *not yet*. The times must be in order: answered and resolved no earlier than filed, resolved
/// no earlier than first answered.
///
/// ```
/// use layanan::read::{ComplaintReader, ReadOptions};
/// use layanan::Calendar;
///
/// let file = "\
/// unit,service,filed_at,first_response_at,resolved_at,category
/// kel-mekarsari,ktp-el,2025-03-03 09:00,2025-03-03 15:00,2025-03-06 10:00,ringan
/// kel-mekarsari,,2025-03-04 11:30,,,
/// ";
/// let options = ReadOptions::new().with_calendar(Calendar::wib());
/// let complaints = ComplaintReader::new(file.as_bytes(), &options)?.collect::<Result<Vec<_>, _>>()?;
/// assert!(complaints[0].is_resolved());
/// assert_eq!(complaints[0].category(), Some("ringan"));
/// assert_eq!(complaints[1].first_response(), None); // not answered yet
///
/// let early = "\
/// unit,service,filed_at,first_response_at,resolved_at
/// kel-mekarsari,ktp-el,2025-03-03 09:00,,2025-03-03 08:00
/// ";
/// let err = ComplaintReader::new(early.as_bytes(), &options)?.next().unwrap().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "complaints, line 2, column 5 (resolved_at): finished_at 2025-03-03T01:00:00Z is before \
///      started_at 2025-03-03T02:00:00Z"
/// );
/// # Ok::<(), layanan::Error>(())
/// ```
pub struct ComplaintReader<R> {
    records: Records<R>,
    columns: Option<Columns>,
    clock: Clock,
}

/// Where each field is in the file (columns from 0).
struct Columns {
    unit: usize,
    service: usize,
    filed_at: usize,
    first_response_at: usize,
    resolved_at: usize,
    category: Option<usize>,
}

impl Columns {
    fn find(header: &Header) -> Result<Self> {
        Ok(Self {
            unit: header.required("unit")?,
            service: header.required("service")?,
            filed_at: header.required("filed_at")?,
            first_response_at: header.required("first_response_at")?,
            resolved_at: header.required("resolved_at")?,
            category: header.find("category"),
        })
    }
}

impl<R: io::Read> ComplaintReader<R> {
    /// Reads the header of `source`; rows are read as the iterator is advanced.
    ///
    /// An empty file, or one with only a header, yields no complaint.
    ///
    /// # Errors
    /// As [`SkmReader::new`](super::SkmReader::new).
    pub fn new(source: R, options: &ReadOptions) -> Result<Self> {
        let schema = Schema::new()
            .required([
                "unit",
                "service",
                "filed_at",
                "first_response_at",
                "resolved_at",
            ])
            .optional(["category"]);
        let records = Records::open(source, options.name_or("complaints"), &schema)?;
        let columns = if records.header().is_empty() {
            None
        } else {
            Some(Columns::find(records.header())?)
        };
        Ok(Self {
            records,
            columns,
            clock: Clock::new(options.calendar())?,
        })
    }
}

impl<R> ComplaintReader<R> {
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

impl<R: io::Read> Iterator for ComplaintReader<R> {
    type Item = Result<Complaint>;

    /// The next complaint, or the error of its row ([`Error::InFile`](crate::Error::InFile),
    /// naming line and column); reading goes on after a bad row, and ends after a failure to
    /// read the file.
    fn next(&mut self) -> Option<Self::Item> {
        let Self {
            records,
            columns,
            clock,
        } = self;
        let columns = columns.as_ref()?;
        Some(
            records
                .next_row()?
                .and_then(|row| complaint(&row, columns, clock)),
        )
    }
}

impl<R: io::Read> std::iter::FusedIterator for ComplaintReader<R> {}

fn complaint(row: &Row<'_>, c: &Columns, clock: &Clock) -> Result<Complaint> {
    let time = |column: usize| row.parse(Some(column), |t| clock.time(t));
    let unit = row.required(c.unit)?;
    let filed = row.parse_required(c.filed_at, |t| clock.time(t))?;
    let mut complaint = Complaint::filed(unit, filed).map_err(|e| row.error(c.unit, e))?;
    if let Some(service) = row.text(c.service)? {
        complaint = complaint
            .about_service(service)
            .map_err(|e| row.error(c.service, e))?;
    }
    if let Some(at) = time(c.first_response_at)? {
        complaint = complaint
            .first_response_at(at)
            .map_err(|e| row.error(c.first_response_at, e))?;
    }
    if let Some(at) = time(c.resolved_at)? {
        complaint = complaint
            .resolved_at(at)
            .map_err(|e| row.error(c.resolved_at, e))?;
    }
    if let Some(category) = row.optional(c.category)? {
        complaint = complaint
            .in_category(category)
            .map_err(|e| row.error(c.category.unwrap_or_default(), e))?;
    }
    Ok(complaint)
}

impl<R> fmt::Debug for ComplaintReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComplaintReader")
            .field("file", &self.records.file())
            .finish_non_exhaustive()
    }
}
