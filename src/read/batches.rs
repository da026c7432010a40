//! Visit logs read into batches of columns, for the columnar path ([`crate::columns`]).

use std::fmt;
use std::io;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use csv::ByteRecord;

use super::field::AnswerRow;
use super::header::Header;
use super::interactions::{Fields, Layout};
use super::options::ReadOptions;
use super::records::{Records, Row};
use crate::columns::{VisitCells, VisitColumns, VisitNames};
use crate::error::{Error, Result};
use crate::tally::Merge;

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
    /// Rows sent to the threads of [`tally_into`](Self::tally_into).
    records_sent: u64,
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
            records_sent: 0,
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
        while batch.len() < max {
            let Some(row) = self.records.next_row() else {
                break;
            };
            let row = row?;
            append(layout, &row, &mut self.answers, &mut self.names, batch)?;
            self.lines.push(row.line());
        }
        Ok(batch.len())
    }

    /// Reads every remaining visit and tallies it into `cells`: this thread reads the rows
    /// while `threads` others read their fields and tally them, each into cells of its own,
    /// merged at the end: the number of visits. The same numbers as
    /// [`read_batch`](Self::read_batch) and [`VisitCells::push_columns`] batch after batch;
    /// `progress` is told the rows read so far after each batch.
    ///
    /// # Errors
    /// The first error in the file (the bad row with the lowest line, placed as
    /// `read_batch` places it, or where the cells refused a visit); `cells` is then unchanged.
    pub fn tally_into(
        mut self,
        cells: &mut VisitCells,
        threads: NonZeroUsize,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        let Some(layout) = self.layout.take() else {
            return Ok(0);
        };
        let header = self.records.header().clone();
        let failed = AtomicBool::new(false);
        let (work, queue) = mpsc::sync_channel::<Rows>(threads.get().saturating_mul(2));
        let queue = Mutex::new(queue);
        let (give_back, spare) = mpsc::channel::<Rows>();
        let outcome = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.get())
                .map(|_| {
                    let (layout, header, queue, failed) = (&layout, &header, &queue, &failed);
                    let mut mine = cells.empty_like();
                    let give_back = give_back.clone();
                    let instrument = layout.instrument();
                    scope.spawn(move || -> Result<VisitCells> {
                        let mut answers = AnswerRow::new(instrument);
                        let mut names = VisitNames::default();
                        let mut batch = VisitColumns::default();
                        loop {
                            let next = queue.lock().map_err(|_| poisoned())?.recv();
                            let Ok(rows) = next else { break };
                            let tallied = tally_rows(
                                layout,
                                header,
                                &rows,
                                (&mut answers, &mut names, &mut batch),
                                &mut mine,
                            );
                            if let Err(e) = tallied {
                                failed.store(true, Ordering::Relaxed);
                                return Err(e);
                            }
                            // The reader may have stopped: a buffer it does not take is dropped.
                            let _ = give_back.send(rows);
                        }
                        Ok(mine)
                    })
                })
                .collect();
            drop(give_back);
            let read = self.send_rows(&work, &spare, &failed, progress);
            drop(work);
            let mut results = Vec::with_capacity(workers.len());
            for worker in workers {
                results.push(worker.join().map_err(|_| poisoned())?);
            }
            Ok::<_, Error>((read, results))
        });
        let (read, results) = outcome?;
        // The first error in the file: the reader's, or a worker's, whichever has the lowest line.
        let mut first: Option<Error> = read.err();
        let mut tallied = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(worker_cells) => tallied.push(worker_cells),
                Err(e) => {
                    if first.as_ref().is_none_or(|f| line_of(&e) < line_of(f)) {
                        first = Some(e);
                    }
                }
            }
        }
        if let Some(e) = first {
            return Err(e);
        }
        // Into empty cells, the first worker's are taken as they are rather than copied.
        let mut tallied = tallied.into_iter();
        let mut all = match tallied.next() {
            Some(first) if cells.cell_count() == 0 => first,
            Some(first) => {
                let mut all = cells.clone();
                all.merge(&first)?;
                all
            }
            None => cells.clone(),
        };
        for worker_cells in tallied {
            all.merge(&worker_cells)?;
        }
        *cells = all;
        Ok(self.records_sent)
    }

    /// Reads rows into buffers of [`BATCH`] and sends them to the workers until the end of
    /// the file, a worker's failure or the reader's own.
    fn send_rows(
        &mut self,
        work: &mpsc::SyncSender<Rows>,
        spare: &mpsc::Receiver<Rows>,
        failed: &AtomicBool,
        progress: &mut dyn FnMut(u64),
    ) -> Result<()> {
        let mut total = 0u64;
        loop {
            if failed.load(Ordering::Relaxed) {
                return Ok(());
            }
            let mut rows = spare.try_recv().unwrap_or_default();
            rows.used = 0;
            while rows.used < BATCH {
                if rows.used == rows.records.len() {
                    // Room for a typical row, so that a new buffer is not grown field by field.
                    let width = self.records.header().width();
                    rows.records.push(ByteRecord::with_capacity(128, width));
                    rows.lines.push(0);
                }
                let (Some(record), Some(line)) = (
                    rows.records.get_mut(rows.used),
                    rows.lines.get_mut(rows.used),
                ) else {
                    break;
                };
                match self.records.next_into(record) {
                    None => break,
                    Some(Ok(at)) => *line = at,
                    Some(Err(e)) => {
                        // What was read before the error still goes to the workers.
                        let _ = work.send(rows);
                        return Err(e);
                    }
                }
                rows.used = rows.used.saturating_add(1);
            }
            if rows.used == 0 {
                return Ok(());
            }
            total = total.saturating_add(rows.used as u64);
            self.records_sent = total;
            if work.send(rows).is_err() {
                return Ok(());
            }
            progress(total);
        }
    }
}

/// Rows of a file sent to a worker: raw records (buffers reused) and their lines.
#[derive(Default)]
struct Rows {
    records: Vec<ByteRecord>,
    lines: Vec<u64>,
    /// How many of the records hold rows.
    used: usize,
}

/// Rows sent to a worker at a time.
const BATCH: usize = 16_384;

/// Reads `rows`' fields into a batch and tallies it into `cells`, errors placed at their line.
fn tally_rows(
    layout: &Layout,
    header: &Header,
    rows: &Rows,
    (answers, names, batch): (&mut AnswerRow, &mut VisitNames, &mut VisitColumns),
    cells: &mut VisitCells,
) -> Result<()> {
    batch.clear();
    let used = rows.records.iter().zip(&rows.lines).take(rows.used);
    for (record, &line) in used.clone() {
        append(
            layout,
            &Row::new(record, line, header),
            answers,
            names,
            batch,
        )?;
    }
    cells.push_columns(names, batch).map_err(|e| match e {
        Error::AtRow { row, source } => {
            let line = rows.lines.get(row).copied().unwrap_or(0);
            Error::InFile {
                file: header.file().to_owned(),
                line,
                column: None,
                field: None,
                source,
            }
        }
        other => other,
    })
}

/// The line an error is placed at (past every line when it has none).
fn line_of(e: &Error) -> u64 {
    match e {
        Error::InFile { line, .. } => *line,
        _ => u64::MAX,
    }
}

fn poisoned() -> Error {
    Error::Io {
        kind: io::ErrorKind::Other,
        message: "a thread reading the file stopped".into(),
    }
}

/// Appends the visit of `row` to `batch`, coding its names in `names`.
fn append(
    layout: &Layout,
    row: &Row<'_>,
    answers: &mut AnswerRow,
    names: &mut VisitNames,
    batch: &mut VisitColumns,
) -> Result<()> {
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
    } = layout.reading().fields(row, answers)?;
    let columns = layout.columns();
    let unit = names.units.code(unit).map_err(|e| row.row_error(e))?;
    let service = names.services.code(service).map_err(|e| row.row_error(e))?;
    batch.unit.push(unit);
    batch.service.push(service);
    batch.arrived.push(arrived);
    batch.started.push(started);
    batch.finished.push(finished);
    batch.official_fee.push(official_fee);
    batch.paid.push(paid);
    if columns.has_answers() {
        batch.answers.extend(answers.values());
    }
    if columns.empathy.is_some() {
        batch.empathy.push(empathy.map(|r| r.value()));
    }
    if columns.recommend.is_some() {
        batch.recommend.push(recommend);
    }
    Ok(())
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
