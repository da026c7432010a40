//! Readers stream: the first record comes before the input is exhausted, and a large input is
//! read whole without being held.

use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

use layanan::read::{InteractionReader, ReadOptions, SkmReader};
use layanan::{Calendar, SkmTally};

/// An input generated as it is read (never held whole), counting the bytes handed out.
struct Generated {
    header: Vec<u8>,
    row: Box<dyn Fn(usize) -> String>,
    rows: usize,
    next: usize,
    pending: Vec<u8>,
    handed: Rc<Cell<usize>>,
}

impl Generated {
    fn new(header: &str, rows: usize, row: impl Fn(usize) -> String + 'static) -> Self {
        Self {
            header: header.as_bytes().to_vec(),
            row: Box::new(row),
            rows,
            next: 0,
            pending: Vec::new(),
            handed: Rc::new(Cell::new(0)),
        }
    }

    /// The total size of the input.
    fn len(&self) -> usize {
        self.header.len() + (0..self.rows).map(|i| (self.row)(i).len()).sum::<usize>()
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.header.is_empty() {
            self.pending.append(&mut self.header);
        }
        while self.pending.len() < buf.len() && self.next < self.rows {
            self.pending
                .extend_from_slice((self.row)(self.next).as_bytes());
            self.next += 1;
        }
        let n = self.pending.len().min(buf.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.handed.set(self.handed.get() + n);
        Ok(n)
    }
}

fn skm_row(i: usize) -> String {
    let a = |k: usize| (i + k) % 4 + 1;
    format!(
        "svc-{},unit-{},{},{},{},{},{},{},{},{},{},{}\n",
        i % 8,
        i % 7,
        1_735_689_600 + i as u64 * 60,
        a(0),
        a(1),
        a(2),
        a(3),
        a(0),
        a(1),
        a(2),
        a(3),
        if i.is_multiple_of(10) {
            String::new()
        } else {
            a(1).to_string()
        },
    )
}

#[test]
fn the_first_record_comes_before_the_input_is_exhausted() {
    let rows = 200_000;
    let header = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";
    let total = Generated::new(header, rows, skm_row).len();
    assert!(total > 8_000_000, "a large input: {total} bytes");
    let input = Generated::new(header, rows, skm_row);
    let handed = Rc::clone(&input.handed);
    let mut reader = SkmReader::new(input, &ReadOptions::new()).unwrap();
    let first = reader.next().unwrap().unwrap();
    assert_eq!(first.service(), Some("svc-0"));
    assert!(
        handed.get() <= 64 * 1024,
        "the first record after {} of {total} bytes",
        handed.get()
    );
    // The rest, tallied as it is read.
    let skm = layanan::Instrument::permenpanrb_14_2017();
    let mut tally = SkmTally::new(skm);
    tally.push_answers(first.answers()).unwrap();
    let mut count = 1;
    for response in reader {
        tally.push_answers(response.unwrap().answers()).unwrap();
        count += 1;
    }
    assert_eq!(count, rows);
    assert_eq!(handed.get(), total, "the whole input read once");
    let answered: u64 = tally.answer_counts("pengaduan").unwrap().iter().sum();
    assert_eq!(answered, rows as u64 - rows as u64 / 10);
}

#[test]
fn visits_stream_too() {
    let rows = 50_000;
    let header = "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid\n";
    let row = |i: usize| {
        let minute = i % 600;
        format!(
            "{i},svc-{},unit-{},counter,2025-03-04 {:02}:{:02},,2025-03-04 {:02}:{:02}:30,0,Rp 1.000\n",
            i % 8,
            i % 7,
            7 + minute / 60,
            minute % 60,
            7 + minute / 60,
            minute % 60,
        )
    };
    let input = Generated::new(header, rows, row);
    let handed = Rc::clone(&input.handed);
    let options = ReadOptions::new().with_calendar(Calendar::wib());
    let mut reader = InteractionReader::new(input, &options).unwrap();
    let first = reader.next().unwrap().unwrap();
    assert_eq!(first.id(), Some("0"));
    assert!(handed.get() <= 64 * 1024, "{} bytes", handed.get());
    assert_eq!(reader.filter(|v| v.is_ok()).count(), rows - 1);
}
