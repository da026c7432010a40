//! Published service standards: `service,max_wait_minutes,completion,tariff`.

use std::collections::HashMap;
use std::fmt;
use std::io;

use super::field::whole_number;
use super::header::{Header, Schema};
use super::options::ReadOptions;
use super::records::{Records, Row};
use crate::error::{Error, Result};
use crate::model::{Completion, ServiceStandard, Standards, Tariff, TimeSpan};

/// Reads service standards, one [`ServiceStandard`] per row; collect them into
/// [`Standards`](crate::Standards).
///
/// Columns (in any order, names in any case): `service`, `max_wait_minutes` (a waiting target
/// in whole minutes, blank for none), `completion` (`90m`, `2h`, `14wd` …, see
/// [`Completion`]; blank for none) and `tariff` ([`Tariff`]: `0`, `15000`, `15.000`,
/// `Rp 15.000`, `assessed` or `assessed<=N`).
///
/// A blank `tariff` is an error naming its line and column, never "free": an empty cell is a
/// gap in the data, not a promise. A service listed twice is an error naming both lines.
///
/// An optional `unit` column names a unit that publishes its own standard for the service
/// (blank: the province-wide standard); [`standards`](Self::standards) reads such a file
/// into [`Standards::with_unit_standard`](crate::Standards::with_unit_standard). Read one by
/// one, a row with a unit is refused, never taken for the province-wide standard.
///
/// ```
/// use layanan::read::{ReadOptions, StandardReader};
/// use layanan::{Completion, Money, Standards, Tariff};
///
/// let file = "\
/// service,max_wait_minutes,completion,tariff
/// ktp-el,30,60m,0
/// pbg,,14wd,assessed<=Rp 2.500.000
/// ";
/// let options = ReadOptions::new().with_file_name("standards.csv");
/// let standards: Standards = StandardReader::new(file.as_bytes(), &options)?.collect::<Result<_, _>>()?;
/// assert!(standards.get("ktp-el")?.tariff().is_free());
/// assert_eq!(standards.get("pbg")?.completion(), Some(Completion::WorkingDays(14)));
/// assert_eq!(
///     standards.get("pbg")?.tariff(),
///     Tariff::Assessed { ceiling: Some(Money::new(2_500_000)) }
/// );
///
/// let twice = "service,max_wait_minutes,completion,tariff\nktp-el,30,60m,0\nktp-el,20,90m,0\n";
/// let err = StandardReader::new(twice.as_bytes(), &options)?
///     .collect::<Result<Standards, _>>()
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "standards.csv, line 3, column 1 (service): service `ktp-el` is given more than once, \
///      first on line 2"
/// );
/// let blank = "service,max_wait_minutes,completion,tariff\nktp-el,30,60m,\n";
/// let err = StandardReader::new(blank.as_bytes(), &options)?.next().unwrap().unwrap_err();
/// assert_eq!(err.to_string(), "standards.csv, line 2, column 4 (tariff): tariff is required");
/// # Ok::<(), layanan::Error>(())
/// ```
pub struct StandardReader<R> {
    records: Records<R>,
    columns: Option<Columns>,
    /// The (unit, service) pairs read so far, with their lines (the unit blank for the
    /// province-wide standards).
    seen: HashMap<(String, String), u64>,
}

/// Where each field is in the file (columns from 0).
struct Columns {
    service: usize,
    max_wait_minutes: usize,
    completion: usize,
    tariff: usize,
    unit: Option<usize>,
}

impl Columns {
    fn find(header: &Header) -> Result<Self> {
        Ok(Self {
            service: header.required("service")?,
            max_wait_minutes: header.required("max_wait_minutes")?,
            completion: header.required("completion")?,
            tariff: header.required("tariff")?,
            unit: header.find("unit"),
        })
    }
}

impl<R: io::Read> StandardReader<R> {
    /// Reads the header of `source`; rows are read as the iterator is advanced.
    ///
    /// An empty file, or one with only a header, yields no standard.
    ///
    /// # Errors
    /// As [`SkmReader::new`](super::SkmReader::new).
    pub fn new(source: R, options: &ReadOptions) -> Result<Self> {
        let schema = Schema::new()
            .required(["service", "max_wait_minutes", "completion", "tariff"])
            .optional(["unit"]);
        let records = Records::open(source, options.name_or("standards"), &schema)?;
        let columns = if records.header().is_empty() {
            None
        } else {
            Some(Columns::find(records.header())?)
        };
        Ok(Self {
            records,
            columns,
            seen: HashMap::new(),
        })
    }
}

impl<R: io::Read> StandardReader<R> {
    /// Every row into [`Standards`]: a row with a `unit` as that unit's own standard for its
    /// service, the others as the province-wide standards.
    ///
    /// ```
    /// use layanan::read::{ReadOptions, StandardReader};
    ///
    /// let file = "\
    /// service,max_wait_minutes,completion,tariff,unit
    /// ktp-el,30,60m,0,
    /// ktp-el,30,30m,5000,kab-b
    /// ";
    /// let standards = StandardReader::new(file.as_bytes(), &ReadOptions::new())?.standards()?;
    /// assert!(standards.get("ktp-el")?.tariff().is_free());
    /// let own = standards.find_for("ktp-el", "kab-b").expect("kab-b's own");
    /// assert_eq!(own.tariff().to_string(), "5000");
    ///
    /// // Read one by one, kab-b's row is refused: it is not the province's standard.
    /// let err = StandardReader::new(file.as_bytes(), &ReadOptions::new())?
    ///     .collect::<Result<Vec<_>, _>>()
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("standards, line 3, column 5 (unit): "), "{err}");
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// The first row's error, as the iterator gives it; a unit's service given twice is
    /// [`Error::Repeated`] naming the unit.
    pub fn standards(mut self) -> Result<Standards> {
        let mut standards = Standards::new();
        let Some(columns) = self.columns.take() else {
            return Ok(standards);
        };
        while let Some(row) = self.records.next_row() {
            let (unit, standard) = standard(&row?, &columns, &mut self.seen)?;
            standards = match unit {
                Some(unit) => standards.with_unit_standard(unit, standard),
                None => {
                    standards.insert(standard);
                    standards
                }
            };
        }
        Ok(standards)
    }
}

impl<R> StandardReader<R> {
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

impl<R: io::Read> Iterator for StandardReader<R> {
    type Item = Result<ServiceStandard>;

    /// The next standard, or the error of its row ([`Error::InFile`], naming line and column);
    /// reading goes on after a bad row, and ends after a failure to read the file.
    fn next(&mut self) -> Option<Self::Item> {
        let Self {
            records,
            columns,
            seen,
        } = self;
        let columns = columns.as_ref()?;
        Some(records.next_row()?.and_then(|row| {
            match (standard(&row, columns, seen)?, columns.unit) {
                ((None, standard), _) => Ok(standard),
                ((Some(unit), _), column) => Err(row.error(
                    column.unwrap_or(columns.service),
                    Error::Inconsistent {
                        what: "standard".into(),
                        reason: format!(
                            "unit `{unit}` publishes its own: read the file with \
                             StandardReader::standards, which keeps it for that unit"
                        ),
                    },
                )),
            }
        }))
    }
}

impl<R: io::Read> std::iter::FusedIterator for StandardReader<R> {}

/// A row's standard, with the unit that publishes it as its own (`None`: province-wide).
fn standard(
    row: &Row<'_>,
    c: &Columns,
    seen: &mut HashMap<(String, String), u64>,
) -> Result<(Option<String>, ServiceStandard)> {
    let service = row.required(c.service)?;
    let unit = row
        .optional(c.unit)?
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let key = (unit.unwrap_or_default().to_owned(), service.to_owned());
    if let Some(&first_line) = seen.get(&key) {
        return Err(row.error(
            c.service,
            Error::Repeated {
                field: unit.map_or_else(|| "service".into(), |u| format!("unit `{u}`'s service")),
                value: service.to_owned(),
                first_line,
            },
        ));
    }
    let tariff = row.parse_required(c.tariff, str::parse::<Tariff>)?;
    let completion = row.parse(Some(c.completion), str::parse::<Completion>)?;
    let max_wait = row.parse(Some(c.max_wait_minutes), |text| {
        let minutes = whole_number("max_wait_minutes", text)?;
        u32::try_from(minutes).map_err(|_| Error::OutOfRange {
            field: "max_wait_minutes".into(),
            value: minutes,
            min: 0,
            max: u32::MAX.into(),
        })
    })?;
    let mut standard =
        ServiceStandard::new(service, tariff).map_err(|e| row.error(c.service, e))?;
    if let Some(completion) = completion {
        standard = standard.with_completion(completion);
    }
    if let Some(minutes) = max_wait {
        standard = standard.with_max_wait(TimeSpan::from_minutes(minutes));
    }
    seen.insert(key, row.line());
    Ok((unit.map(str::to_owned), standard))
}

impl<R> fmt::Debug for StandardReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandardReader")
            .field("file", &self.records.file())
            .finish_non_exhaustive()
    }
}
