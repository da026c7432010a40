//! Visit logs read into batches of columns, for the columnar path ([`crate::columns`]).

use std::fmt;
use std::io;

use super::field::AnswerRow;
use super::interactions::{Fields, Layout};
use super::options::ReadOptions;
use super::records::Records;
use crate::columns::{VisitColumns, VisitNames};
use crate::error::Result;

/// Reads a visit log (the columns of [`InteractionReader`](super::InteractionReader)) into
/// batches of [`VisitColumns`], units and services coded in the reader's [`VisitNames`]. The
/// fields are read and checked exactly as `InteractionReader` reads them, with the same errors;
/// nothing is allocated per visit but the names met for the first time.
///
/// Empathy ratings are kept as their value on the [empathy
/// scale](ReadOptions::with_empathy_scale): the scorecard tallying the batches must rate on
/// the same scale.
///
/// ```
/// use layanan::columns::{VisitCells, VisitColumns};
/// use layanan::read::{ReadOptions, VisitBatches};
/// use layanan::{Scorecard, Standards, Tally};
///
/// let file = "\
/// service,unit,arrived_at,started_at,finished_at,official_fee,paid,recommend
/// ktp-el,kel-a,1741050900,1741051200,1741053000,0,0,10
/// ktp-el,kel-b,1741050900,,,0,,3
/// ";
/// let mut reader = VisitBatches::new(file.as_bytes(), &ReadOptions::new())?;
/// let mut cells = VisitCells::new(Scorecard::new(Standards::new()));
/// let mut batch = VisitColumns::default();
/// while reader.read_batch(&mut batch, 65_536)? > 0 {
///     cells.push_columns(reader.names(), &batch)?;
/// }
/// let report = cells.breakdown()?.report()?;
/// assert_eq!(report.overall.and_then(|r| r.nps).map(|n| n.n), Some(2));
/// # Ok::<(), layanan::Error>(())
/// ```
pub struct VisitBatches<R> {
    records: Records<R>,
    layout: Option<Layout>,
    answers: AnswerRow,
    names: VisitNames,
    /// The line of each visit of the last batch.
    lines: Vec<u64>,
}

impl<R: io::Read> VisitBatches<R> {
    /// Reads the header of `source`; rows are read by [`read_batch`](Self::read_batch).
    ///
    /// # Errors
    /// As [`InteractionReader::new`](super::InteractionReader::new).
    pub fn new(source: R, options: &ReadOptions) -> Result<Self> {
        let (records, layout) = Layout::open(source, options)?;
        Ok(Self {
            records,
            layout,
            answers: AnswerRow::new(options.instrument()),
            names: VisitNames::default(),
            lines: Vec::new(),
        })
    }

    /// Empties `batch` and reads up to `max` visits into it: the number read, 0 at the end of
    /// the file. The optional columns are filled when the file has them.
    ///
    /// # Errors
    /// The first bad row's [`Error::InFile`](crate::Error::InFile), as `InteractionReader`
    /// gives it; `batch` then holds the visits read before it.
    pub fn read_batch(&mut self, batch: &mut VisitColumns, max: usize) -> Result<usize> {
        batch.clear();
        self.lines.clear();
        let Some(layout) = &self.layout else {
            return Ok(0);
        };
        let reading = layout.reading();
        let columns = layout.columns();
        let has_answers = columns.has_answers();
        while batch.len() < max {
            let Some(row) = self.records.next_row() else {
                break;
            };
            let row = row?;
            let Fields {
                service,
                unit,
                arrived,
                started,
                finished,
                official_fee,
                paid,
                empathy,
                recommend,
                ..
            } = reading.fields(&row, &mut self.answers)?;
            let unit = self.names.units.code(unit).map_err(|e| row.row_error(e))?;
            let service = self
                .names
                .services
                .code(service)
                .map_err(|e| row.row_error(e))?;
            batch.unit.push(unit);
            batch.service.push(service);
            batch.arrived.push(arrived);
            batch.started.push(started);
            batch.finished.push(finished);
            batch.official_fee.push(official_fee);
            batch.paid.push(paid);
            if has_answers {
                batch.answers.extend(self.answers.values());
            }
            if columns.empathy.is_some() {
                batch.empathy.push(empathy.map(|r| r.value()));
            }
            if columns.recommend.is_some() {
                batch.recommend.push(recommend);
            }
            self.lines.push(row.line());
        }
        Ok(batch.len())
    }
}

impl<R> VisitBatches<R> {
    /// The names the batches' codes stand for (every name met so far).
    pub fn names(&self) -> &VisitNames {
        &self.names
    }

    /// The file's name, as errors show it.
    pub fn file_name(&self) -> &str {
        self.records.file()
    }

    /// The line where the row last read begins (0 before the first).
    pub fn line(&self) -> u64 {
        self.records.line()
    }

    /// The line where visit `row` (from 0) of the last batch begins: where to place an
    /// [`Error::AtRow`](crate::Error::AtRow) the cells gave for it.
    pub fn line_of(&self, row: usize) -> Option<u64> {
        self.lines.get(row).copied()
    }
}

impl<R> fmt::Debug for VisitBatches<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VisitBatches")
            .field("file", &self.records.file())
            .field("units", &self.names.units.len())
            .field("services", &self.names.services.len())
            .finish_non_exhaustive()
    }
}
