//! SKM questionnaire exports: `service,unit,submitted_at,u1,…,uN` plus optional
//! `gender,age,education,occupation,saran`.

use std::fmt;
use std::io;

use super::field::{AnswerRow, Clock, whole_number};
use super::header::{Header, Schema, answer_columns};
use super::options::ReadOptions;
use super::records::{Records, Row};
use crate::error::Result;
use crate::model::{Instrument, Respondent, SkmResponse};

/// Reads SKM questionnaires, one [`SkmResponse`] per row.
///
/// Columns (in any order, names in any case): `service`, `unit`, `submitted_at` and one answer
/// column per element of the [instrument](ReadOptions::with_instrument), `u1`…`u9` for
/// PermenPANRB 14/2017 and `u1`…`u14` for KepMenPAN 25/2004, in the instrument's printed order;
/// optionally `gender` (`L`/`P`, `laki-laki`/`perempuan`, `male`/`female`, `m`/`f`), `age`
/// (0–120), `education` (`SD`, `SMP`/`SLTP`, `SMA`/`SLTA`/`SMK`, `D3`/`D1`/`D2`/`D4`/`Diploma`,
/// `S1`, `S2`, `S3`), `occupation` (`PNS`/`ASN`, `TNI`, `POLRI`, `SWASTA`,
/// `WIRAUSAHA`/`wiraswasta`, `LAINNYA`/`lain-lain`/`other`), all case-insensitive, and `saran`
/// (free text).
///
/// `service` and `unit` must not be blank; every other field may be. A blank answer is *not
/// answered*; a row with no answer at all is read as a blank questionnaire (which an
/// [`SkmTally`](crate::SkmTally) counts as blank, not as a respondent).
///
/// ```
/// use layanan::read::{ReadOptions, SkmReader};
/// use layanan::{Calendar, Gender};
///
/// let file = "\
/// service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age
/// ktp-el,kel-sukamaju,2025-03-04 10:00,4,3,3,4,3,4,4,3,,P,34
/// ktp-el,kel-sukamaju,1741057200,3,3,2,4,4,3,4,3,2,,
/// ";
/// let options = ReadOptions::new().with_file_name("skm.csv").with_calendar(Calendar::wib());
/// let responses = SkmReader::new(file.as_bytes(), &options)?.collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(responses.len(), 2);
/// assert_eq!(responses[0].answers().get("pengaduan"), None); // u9 blank: not answered
/// assert_eq!(responses[0].respondent().gender(), Some(Gender::Perempuan));
/// assert_eq!(responses[0].submitted_at(), responses[1].submitted_at()); // 10:00 WIB
///
/// let bad = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\nktp-el,kel-sukamaju,,4,4,4,4,5,4,4,4,4\n";
/// let err = SkmReader::new(bad.as_bytes(), &options)?.next().unwrap().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "skm.csv, line 2, column 8 (u5): answer 5 to element `produk` is out of scale 1..=4"
/// );
/// # Ok::<(), layanan::Error>(())
/// ```
pub struct SkmReader<R> {
    records: Records<R>,
    columns: Option<Columns>,
    instrument: Instrument,
    clock: Clock,
    answers: AnswerRow,
}

/// Where each field is in the file (columns from 0).
struct Columns {
    service: usize,
    unit: usize,
    submitted_at: usize,
    answers: Vec<usize>,
    gender: Option<usize>,
    age: Option<usize>,
    education: Option<usize>,
    occupation: Option<usize>,
    saran: Option<usize>,
}

impl Columns {
    fn find(header: &Header, instrument: &Instrument) -> Result<Self> {
        Ok(Self {
            service: header.required("service")?,
            unit: header.required("unit")?,
            submitted_at: header.required("submitted_at")?,
            answers: answer_columns(instrument.len())
                .map(|name| header.required(&name))
                .collect::<Result<_>>()?,
            gender: header.find("gender"),
            age: header.find("age"),
            education: header.find("education"),
            occupation: header.find("occupation"),
            saran: header.find("saran"),
        })
    }
}

impl<R: io::Read> SkmReader<R> {
    /// Reads the header of `source`; rows are read as the iterator is advanced.
    ///
    /// An empty file, or one with only a header, yields no response.
    ///
    /// # Errors
    /// [`Error::InFile`](crate::Error::InFile) around
    /// [`Error::UnknownColumn`](crate::Error::UnknownColumn),
    /// [`Error::MissingColumn`](crate::Error::MissingColumn),
    /// [`Error::Duplicate`](crate::Error::Duplicate) (a column named twice),
    /// [`Error::Parse`](crate::Error::Parse) (a name that is not UTF-8) or
    /// [`Error::Io`](crate::Error::Io).
    pub fn new(source: R, options: &ReadOptions) -> Result<Self> {
        let instrument = options.instrument().clone();
        let schema = Schema::new()
            .required(["service", "unit", "submitted_at"])
            .required(answer_columns(instrument.len()))
            .optional(["gender", "age", "education", "occupation", "saran"]);
        let records = Records::open(source, options.name_or("SKM responses"), &schema)?;
        let columns = if records.header().is_empty() {
            None
        } else {
            Some(Columns::find(records.header(), &instrument)?)
        };
        Ok(Self {
            records,
            columns,
            answers: AnswerRow::new(&instrument),
            instrument,
            clock: Clock::new(options.calendar())?,
        })
    }
}

impl<R> SkmReader<R> {
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

impl<R: io::Read> Iterator for SkmReader<R> {
    type Item = Result<SkmResponse>;

    /// The next questionnaire, or the error of its row ([`Error::InFile`](crate::Error::InFile),
    /// naming line and column); reading goes on after a bad row, and ends after a failure to
    /// read the file.
    fn next(&mut self) -> Option<Self::Item> {
        let Self {
            records,
            columns,
            instrument,
            clock,
            answers,
        } = self;
        let columns = columns.as_ref()?;
        Some(
            records
                .next_row()?
                .and_then(|row| response(&row, columns, instrument, clock, answers)),
        )
    }
}

impl<R: io::Read> std::iter::FusedIterator for SkmReader<R> {}

fn response(
    row: &Row<'_>,
    columns: &Columns,
    instrument: &Instrument,
    clock: &Clock,
    answers: &mut AnswerRow,
) -> Result<SkmResponse> {
    let service = row.required(columns.service)?;
    let unit = row.required(columns.unit)?;
    let submitted_at = row.parse(Some(columns.submitted_at), |t| clock.time(t))?;
    for (i, &column) in columns.answers.iter().enumerate() {
        answers
            .set(i, row.name(column), row.text(column)?)
            .map_err(|e| row.error(column, e))?;
    }
    let answers = if answers.is_blank() {
        instrument.answers().build()
    } else {
        answers.answers(instrument).map_err(|(element, e)| {
            match element.and_then(|i| columns.answers.get(i)) {
                Some(&column) => row.error(column, e),
                None => row.row_error(e),
            }
        })?
    };
    let mut respondent = Respondent::default();
    if let Some(gender) = row.parse(columns.gender, str::parse)? {
        respondent = respondent.with_gender(gender);
    }
    if let Some(age) = columns.age
        && let Some(years) = row.parse(Some(age), |t| whole_number("age", t))?
    {
        respondent = respondent.with_age(years).map_err(|e| row.error(age, e))?;
    }
    if let Some(education) = row.parse(columns.education, str::parse)? {
        respondent = respondent.with_education(education);
    }
    if let Some(occupation) = row.parse(columns.occupation, str::parse)? {
        respondent = respondent.with_occupation(occupation);
    }
    let mut response = SkmResponse::new(answers)
        .with_respondent(respondent)
        .with_service(service)
        .map_err(|e| row.error(columns.service, e))?
        .with_unit(unit)
        .map_err(|e| row.error(columns.unit, e))?;
    if let Some(at) = submitted_at {
        response = response.with_submitted_at(at);
    }
    if let Some(saran) = row.optional(columns.saran)? {
        response = response.with_saran(saran);
    }
    Ok(response)
}

impl<R> fmt::Debug for SkmReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SkmReader")
            .field("file", &self.records.file())
            .field("instrument", &self.instrument.name())
            .finish_non_exhaustive()
    }
}
