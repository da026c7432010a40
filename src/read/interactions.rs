//! Visit logs: `service,unit,arrived_at,started_at,finished_at,official_fee,paid`, then
//! optional `id`, `channel`, `u1…uN`, `empathy`, `recommend`.

use std::fmt;
use std::io;

use super::field::{AnswerRow, Clock, whole_number};
use super::header::{Header, Schema, answer_columns};
use super::options::ReadOptions;
use super::records::{Records, Row};
use crate::error::{Error, Result};
use crate::model::{
    Instrument, Interaction, Money, Rating, RatingScale, Timestamp, check_recommend, check_times,
};

/// Reads visits, one [`Interaction`] per row.
///
/// Columns (in any order, names in any case): `service`, `unit`, `arrived_at`, `started_at`,
/// `finished_at`, `official_fee`, `paid`; optionally `id`, `channel` (counter, online …), any of
/// the instrument's answer columns `u1`…`u9` (SKM answers 1–4 given for the visit), `empathy` (a
/// rating on the [empathy scale](ReadOptions::with_empathy_scale), 1–5 by default) and
/// `recommend` (0–10).
///
/// `service`, `unit` and `arrived_at` must not be blank; every other field may be: a blank
/// `finished_at` is a visit not finished (judged at the report's as-of instant), a blank `paid`
/// a payment not recorded, a blank answer not answered. Money is whole rupiah: `15000`,
/// `15.000` or `Rp 15.000` ([`Money::parse_field`]). The instants must be in order (arrived ≤
/// started ≤ finished).
///
/// ```
/// use layanan::read::{InteractionReader, ReadOptions};
/// use layanan::{Calendar, Money, TimeSpan};
///
/// let file = "\
/// id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid,empathy,recommend
/// 1,ktp-el,kel-sukamaju,counter,2025-03-04 08:15,2025-03-04 08:32,2025-03-04 08:50,0,Rp 20.000,2,3
/// 2,pbg,dpmptsp,online,2025-03-04T09:00:00+07:00,,,1.500.000,,,
/// ";
/// let options = ReadOptions::new().with_calendar(Calendar::wib());
/// let visits = InteractionReader::new(file.as_bytes(), &options)?.collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(visits[0].wait(), Some(TimeSpan::from_minutes(17)));
/// assert_eq!(visits[0].paid(), Some(Money::new(20_000)));
/// assert_eq!(visits[0].empathy().map(|r| r.value()), Some(2));
/// assert_eq!(visits[1].finished_at(), None); // not finished
/// assert_eq!(visits[1].official_fee(), Some(Money::new(1_500_000)));
///
/// let early = "\
/// id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid
/// 3,ktp-el,kel-sukamaju,counter,2025-03-04 08:15,2025-03-04 08:32,2025-03-04 08:20,0,0
/// ";
/// let err = InteractionReader::new(early.as_bytes(), &options)?.next().unwrap().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "interactions, line 2, column 7 (finished_at): finished_at 2025-03-04T01:20:00Z is \
///      before started_at 2025-03-04T01:32:00Z"
/// );
/// # Ok::<(), layanan::Error>(())
/// ```
pub struct InteractionReader<R> {
    records: Records<R>,
    layout: Option<Layout>,
    answers: AnswerRow,
}

/// How a visit log's rows are read: where each field is, and how times, answers and ratings
/// are read. `None` for a file without rows.
pub(super) struct Layout {
    columns: Columns,
    instrument: Instrument,
    clock: Clock,
    empathy_scale: RatingScale,
}

impl Layout {
    /// Reads and checks the header of `source`.
    ///
    /// # Errors
    /// As [`SkmReader::new`](super::SkmReader::new).
    pub(super) fn open<R: io::Read>(
        source: R,
        options: &ReadOptions,
    ) -> Result<(Records<R>, Option<Layout>)> {
        let instrument = options.instrument().clone();
        let schema = Schema::new()
            .required(REQUIRED)
            .optional(["id", "channel"])
            .optional(answer_columns(instrument.len()))
            .optional(["empathy", "recommend"]);
        let records = Records::open(source, options.name_or("interactions"), &schema)?;
        if records.header().is_empty() {
            return Ok((records, None));
        }
        let layout = Layout {
            columns: Columns::find(records.header(), &instrument)?,
            clock: Clock::new(options.calendar())?,
            empathy_scale: options.empathy_scale(),
            instrument,
        };
        Ok((records, Some(layout)))
    }

    /// What reading a row needs.
    pub(super) fn reading(&self) -> Reading<'_> {
        Reading {
            columns: &self.columns,
            instrument: &self.instrument,
            clock: &self.clock,
            empathy_scale: self.empathy_scale,
        }
    }

    /// The instrument answers are read with.
    pub(super) fn instrument(&self) -> &Instrument {
        &self.instrument
    }

    /// Where each field is.
    pub(super) fn columns(&self) -> &Columns {
        &self.columns
    }
}

/// Where each field is in the file (columns from 0).
pub(super) struct Columns {
    id: Option<usize>,
    service: usize,
    unit: usize,
    channel: Option<usize>,
    arrived_at: usize,
    started_at: usize,
    finished_at: usize,
    official_fee: usize,
    paid: usize,
    /// One per element; `None` when the header lacks its column.
    answers: Vec<Option<usize>>,
    pub(super) empathy: Option<usize>,
    pub(super) recommend: Option<usize>,
}

const REQUIRED: [&str; 7] = [
    "service",
    "unit",
    "arrived_at",
    "started_at",
    "finished_at",
    "official_fee",
    "paid",
];

impl Columns {
    /// Whether the file has any answer column.
    pub(super) fn has_answers(&self) -> bool {
        self.answers.iter().any(Option::is_some)
    }

    fn find(header: &Header, instrument: &Instrument) -> Result<Self> {
        let answers: Vec<Option<usize>> = answer_columns(instrument.len())
            .map(|name| header.find(&name))
            .collect();
        Ok(Self {
            id: header.find("id"),
            service: header.required("service")?,
            unit: header.required("unit")?,
            channel: header.find("channel"),
            arrived_at: header.required("arrived_at")?,
            started_at: header.required("started_at")?,
            finished_at: header.required("finished_at")?,
            official_fee: header.required("official_fee")?,
            paid: header.required("paid")?,
            answers,
            empathy: header.find("empathy"),
            recommend: header.find("recommend"),
        })
    }
}

impl<R: io::Read> InteractionReader<R> {
    /// Reads the header of `source`; rows are read as the iterator is advanced.
    ///
    /// An empty file, or one with only a header, yields no visit.
    ///
    /// # Errors
    /// As [`SkmReader::new`](super::SkmReader::new).
    pub fn new(source: R, options: &ReadOptions) -> Result<Self> {
        let (records, layout) = Layout::open(source, options)?;
        Ok(Self {
            records,
            layout,
            answers: AnswerRow::new(options.instrument()),
        })
    }
}

impl<R> InteractionReader<R> {
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

impl<R: io::Read> Iterator for InteractionReader<R> {
    type Item = Result<Interaction>;

    /// The next visit, or the error of its row ([`Error::InFile`], naming line and column);
    /// reading goes on after a bad row, and ends after a failure to read the file.
    fn next(&mut self) -> Option<Self::Item> {
        let Self {
            records,
            layout,
            answers,
        } = self;
        let reading = layout.as_ref()?.reading();
        Some(
            records
                .next_row()?
                .and_then(|row| reading.interaction(&row, answers)),
        )
    }
}

impl<R: io::Read> std::iter::FusedIterator for InteractionReader<R> {}

/// What reading one row needs.
pub(super) struct Reading<'a> {
    columns: &'a Columns,
    instrument: &'a Instrument,
    clock: &'a Clock,
    empathy_scale: RatingScale,
}

/// One row's fields, read and checked as a visit's.
pub(super) struct Fields<'r> {
    pub(super) id: Option<&'r str>,
    pub(super) service: &'r str,
    pub(super) unit: &'r str,
    pub(super) channel: Option<&'r str>,
    pub(super) arrived: Timestamp,
    pub(super) started: Option<Timestamp>,
    pub(super) finished: Option<Timestamp>,
    pub(super) official_fee: Option<Money>,
    pub(super) paid: Option<Money>,
    pub(super) empathy: Option<Rating>,
    pub(super) recommend: Option<u8>,
    /// Whether any SKM answer was given (the answers are in the row's `AnswerRow`).
    pub(super) answered: bool,
}

impl Reading<'_> {
    /// Reads `row`'s fields, its answers into `answers`, and checks them as a visit's: times in
    /// order, answers 1–4, the rating on its scale, recommend 0–10. Each error names its
    /// column.
    pub(super) fn fields<'r>(&self, row: &Row<'r>, answers: &mut AnswerRow) -> Result<Fields<'r>> {
        let c = self.columns;
        let time = |column: usize| row.parse(Some(column), |t| self.clock.time(t));
        let money =
            |column: usize| row.parse(Some(column), |t| Money::parse_field(row.name(column), t));
        let text = |column: Option<usize>| column.map_or(Ok(None), |c| row.text(c));
        let id = text(c.id)?;
        let service = row.required(c.service)?;
        let unit = row.required(c.unit)?;
        let channel = text(c.channel)?;
        let arrived = row.parse_required(c.arrived_at, |t| self.clock.time(t))?;
        let started = time(c.started_at)?;
        let finished = time(c.finished_at)?;
        check_times(arrived, started, finished).map_err(|e| {
            let column = match &e {
                Error::StartedBeforeArrived { .. } => c.started_at,
                _ => c.finished_at,
            };
            row.error(column, e)
        })?;
        let official_fee = money(c.official_fee)?;
        let paid = money(c.paid)?;
        for (i, column) in c.answers.iter().enumerate() {
            let (name, text) = match *column {
                Some(column) => (row.name(column), row.text(column)?),
                None => ("", None),
            };
            answers.set(i, name, text).map_err(|e| match *column {
                Some(column) => row.error(column, e),
                None => row.row_error(e),
            })?;
        }
        let answered = !answers.is_blank();
        if answered {
            answers.check(self.instrument).map_err(|(element, e)| {
                match element.and_then(|i| c.answers.get(i).copied().flatten()) {
                    Some(column) => row.error(column, e),
                    None => row.row_error(e),
                }
            })?;
        }
        let mut empathy = None;
        if let Some(column) = c.empathy
            && let Some(value) = row.parse(Some(column), |t| whole_number("empathy", t))?
        {
            empathy = Some(
                self.empathy_scale
                    .rating(value)
                    .map_err(|e| row.error(column, e))?,
            );
        }
        let mut recommend = None;
        if let Some(column) = c.recommend
            && let Some(score) = row.parse(Some(column), |t| whole_number("recommend", t))?
        {
            recommend = Some(check_recommend(score).map_err(|e| row.error(column, e))?);
        }
        Ok(Fields {
            id,
            service,
            unit,
            channel,
            arrived,
            started,
            finished,
            official_fee,
            paid,
            empathy,
            recommend,
            answered,
        })
    }

    fn interaction(&self, row: &Row<'_>, answers: &mut AnswerRow) -> Result<Interaction> {
        let f = self.fields(row, answers)?;
        let mut visit = Interaction::builder(f.service, f.unit, f.arrived);
        if let Some(id) = f.id {
            visit = visit.id(id);
        }
        if let Some(channel) = f.channel {
            visit = visit.channel(channel);
        }
        if let Some(at) = f.started {
            visit = visit.started_at(at);
        }
        if let Some(at) = f.finished {
            visit = visit.finished_at(at);
        }
        if let Some(fee) = f.official_fee {
            visit = visit.official_fee(fee);
        }
        if let Some(paid) = f.paid {
            visit = visit.paid(paid);
        }
        if f.answered {
            // Checked above: building cannot fail.
            let skm = answers
                .answers(self.instrument)
                .map_err(|(_, e)| row.row_error(e))?;
            visit = visit.skm(skm);
        }
        if let Some(rating) = f.empathy {
            visit = visit.empathy(rating);
        }
        if let Some(score) = f.recommend {
            visit = visit.recommend(i64::from(score));
        }
        // Every field was checked above.
        visit.build().map_err(|e| row.row_error(e))
    }
}

impl<R> fmt::Debug for InteractionReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InteractionReader")
            .field("file", &self.records.file())
            .field(
                "instrument",
                &self.layout.as_ref().map(|l| l.instrument.name()),
            )
            .finish_non_exhaustive()
    }
}
