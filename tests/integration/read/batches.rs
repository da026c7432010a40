//! `VisitBatches` against `InteractionReader`: the sample city read in batches of any size and
//! tallied on the columnar path gives the report of the visits read one by one; each bad row is
//! refused with the same error; files without rows give no batch.

use layanan::columns::{VisitCells, VisitColumns};
use layanan::prelude::*;
use layanan::read::{HolidayReader, InteractionReader, ReadOptions, StandardReader, VisitBatches};
use layanan::{Breakdown, Calendar, Date, Error, Scorecard, Standards};
use std::num::NonZeroUsize;

use crate::support::debug_close;

fn sample(name: &str) -> String {
    let path = format!("{}/examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn options(name: &str) -> ReadOptions {
    ReadOptions::new()
        .with_file_name(name)
        .with_calendar(Calendar::wib())
}

/// The sample city's standards on its holiday calendar.
fn standards() -> Standards {
    let holidays = sample("holidays.csv");
    let holidays: Vec<Date> = HolidayReader::new(holidays.as_bytes(), &options("holidays.csv"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let text = sample("standards.csv");
    StandardReader::new(text.as_bytes(), &options("standards.csv"))
        .unwrap()
        .collect::<Result<Standards, _>>()
        .unwrap()
        .with_calendar(Calendar::wib().with_holidays(holidays))
}

/// Every visit of `text` read in batches of `size` into cells.
fn cells(text: &str, size: usize) -> Result<VisitCells, Error> {
    let mut reader = VisitBatches::new(text.as_bytes(), &options("visits.csv"))?;
    let mut cells = VisitCells::new(Scorecard::new(standards()));
    let mut batch = VisitColumns::default();
    while reader.read_batch(&mut batch, size)? > 0 {
        cells.push_columns(reader.names(), &batch)?;
    }
    Ok(cells)
}

#[test]
fn the_sample_city_in_batches_gives_the_report_of_its_rows() {
    let text = sample("interactions.csv");
    let visits = InteractionReader::new(text.as_bytes(), &options("visits.csv"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let mut rows = Breakdown::new(Scorecard::new(standards()));
    rows.push_all(&visits).unwrap();
    let want = rows.report().unwrap();
    for size in [1, 7, 1000, 65_536] {
        let got = cells(&text, size)
            .unwrap()
            .breakdown()
            .unwrap()
            .report()
            .unwrap();
        if let Err(diff) = debug_close(&got, &want, 1e-12, 1e-12) {
            panic!("batches of {size}: {diff}");
        }
    }
}

/// Every visit of `text` read and tallied on `threads` threads.
fn cells_on_threads(text: &str, threads: usize) -> Result<VisitCells, Error> {
    let reader = VisitBatches::new(text.as_bytes(), &options("visits.csv"))?;
    let mut cells = VisitCells::new(Scorecard::new(standards()));
    let mut seen = Vec::new();
    let visits = reader.tally_into(
        &mut cells,
        NonZeroUsize::new(threads).unwrap(),
        &mut |rows| seen.push(rows),
    )?;
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "progress goes up: {seen:?}"
    );
    assert_eq!(Some(&visits), seen.last(), "every visit read was tallied");
    Ok(cells)
}

#[test]
fn threads_give_the_numbers_of_one_pass() {
    // The sample city twelve times over: 28,800 visits, more than one batch of rows.
    let text = sample("interactions.csv");
    let (header, rows) = text.split_once('\n').unwrap();
    let big = format!("{header}\n{}", rows.repeat(12));
    let want = cells(&big, 65_536)
        .unwrap()
        .breakdown()
        .unwrap()
        .report()
        .unwrap();
    for threads in [1, 2, 3] {
        let got = cells_on_threads(&big, threads).unwrap();
        let got = got.breakdown().unwrap().report().unwrap();
        if let Err(diff) = debug_close(&got, &want, 1e-12, 1e-12) {
            panic!("{threads} threads: {diff}");
        }
    }
}

#[test]
fn bad_rows_are_refused_as_the_row_reader_refuses_them() {
    let header = "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid,\
                  u1,u2,u3,u4,u5,u6,u7,u8,u9,empathy,recommend\n";
    let good = "1,ktp-el,kel-a,loket,2025-03-04 08:00,2025-03-04 08:10,2025-03-04 08:40,0,0,\
                4,4,4,4,4,4,4,4,4,5,9\n";
    for bad in [
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,2025-03-04 07:10,,0,0,,,,,,,,,,,",
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,,2025-03-04 07:00,0,0,,,,,,,,,,,",
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,,,0,0,4,5,,,,,,,,,",
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,,,0,0,4,x,,,,,,,,,",
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,,,0,0,,,,,,,,,,6,",
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,,,0,0,,,,,,,,,,,11",
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,,,0,-5,,,,,,,,,,,",
        "2,ktp-el,,loket,2025-03-04 08:00,,,0,0,,,,,,,,,,,",
        "2,ktp-el,kel-a,loket,2025-03-04 25:00,,,0,0,,,,,,,,,,,",
        "2,ktp-el,kel-a,loket,2025-03-04 08:00,,,0,0,,,",
    ] {
        let text = format!("{header}{good}{bad}\n");
        let want = InteractionReader::new(text.as_bytes(), &options("visits.csv"))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert!(
            matches!(want, Error::InFile { line: 3, .. }),
            "{bad}: {want}"
        );
        for size in [1, 10] {
            let got = cells(&text, size).err();
            assert_eq!(got.as_ref(), Some(&want), "{bad} in batches of {size}");
        }
        // On threads, the first bad row of a long file, whichever thread meets it.
        let (head, tail) = text.split_at(header.len() + good.len());
        let long = format!("{head}{}{tail}{}", good.repeat(40_000), good.repeat(40_000));
        let got = cells_on_threads(&long, 2).err();
        match (&got, &want) {
            (
                Some(Error::InFile { line, source, .. }),
                Error::InFile {
                    source: expected, ..
                },
            ) => {
                assert_eq!((*line, source), (40_003, expected), "{bad} on threads");
            }
            _ => panic!("{bad} on threads: {got:?}"),
        }
    }
}

#[test]
fn files_without_rows_give_no_batch() {
    for text in [
        "",
        "service,unit,arrived_at,started_at,finished_at,official_fee,paid\n",
    ] {
        let mut reader = VisitBatches::new(text.as_bytes(), &ReadOptions::new()).unwrap();
        let mut batch = VisitColumns::default();
        assert_eq!(reader.read_batch(&mut batch, 100).unwrap(), 0, "{text:?}");
        assert!(batch.is_empty());
    }
}
