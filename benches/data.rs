//! Deterministic benchmark data, shared by `benches/scoring.rs` and `examples/bench_report.rs`
//! (included with `#[path]`): 32 units, five services with published standards and one
//! without, unix-second times, SKM answers on about 30 % of visits, empathy and NPS on some.
//! Every service's standard is in minutes, so the pandas peer computes the same report.
#![allow(dead_code)]

use std::io::{self, BufRead, Write};

use layanan::columns::{VisitCells, VisitColumns, VisitNames};
use layanan::read::{InteractionReader, ReadOptions, VisitBatches};
use layanan::{
    Breakdown, Completion, Instrument, Interaction, Money, RatingScale, Scorecard, ServiceStandard,
    SkmAnswers, Standards, Tally, TimeSpan, Timestamp,
};

/// Units visits are grouped by.
pub const UNITS: usize = 32;

/// `(service, max wait minutes, completion minutes, tariff)`; the last has no standard.
pub const SERVICES: [(&str, u32, u32, u64); 6] = [
    ("ktp-el", 30, 60, 0),
    ("kartu-keluarga", 30, 60, 0),
    ("surat-pindah", 30, 60, 0),
    ("surat-keterangan", 15, 30, 0),
    ("pemeriksaan-umum", 45, 60, 10_000),
    ("legalisir", 0, 0, 0),
];

/// One generated visit, before it becomes an [`Interaction`] or a CSV line.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub id: u64,
    pub service: usize,
    pub unit: usize,
    /// Unix seconds.
    pub arrived: i64,
    /// Seconds from arrival to start, and from start to finish (`None`: not finished).
    pub wait: i64,
    pub service_time: Option<i64>,
    pub official_fee: u64,
    pub paid: Option<u64>,
    pub skm: Option<[u8; 9]>,
    pub empathy: Option<u8>,
    pub recommend: Option<u8>,
}

/// A small linear congruential stream: the same numbers on every machine.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// `n` visits from a fixed seed.
pub fn rows(n: usize) -> Vec<Row> {
    let mut rng = Lcg::new(0x2025);
    let start = 1_735_779_600; // 2025-01-02T08:00:00+07:00
    (0..n)
        .map(|i| {
            let service = rng.below(SERVICES.len() as u64) as usize;
            let tariff = SERVICES[service].3;
            let paid = match rng.below(100) {
                0..=4 => None,
                5..=9 => Some(tariff + 5_000 * (1 + rng.below(4))),
                _ => Some(tariff),
            };
            let skm = (rng.below(10) < 3).then(|| {
                let mut a = [0u8; 9];
                for x in &mut a {
                    *x = 1 + rng.below(4) as u8;
                }
                a
            });
            Row {
                id: i as u64 + 1,
                service,
                unit: rng.below(UNITS as u64) as usize,
                arrived: start + (i as i64 / 64) * 60,
                wait: 60 * rng.below(60) as i64,
                service_time: (rng.below(50) != 0).then(|| 60 * (1 + rng.below(60)) as i64),
                official_fee: tariff,
                paid,
                skm,
                empathy: (rng.below(4) == 0).then(|| 1 + rng.below(5) as u8),
                recommend: (rng.below(5) == 0).then(|| rng.below(11) as u8),
            }
        })
        .collect()
}

/// The services' published standards.
pub fn standards() -> Standards {
    SERVICES
        .iter()
        .filter(|s| s.2 > 0)
        .map(|&(name, wait, completion, tariff)| {
            ServiceStandard::new(name, Money::new(tariff))
                .expect("valid standard")
                .with_completion(Completion::Within(TimeSpan::from_minutes(completion)))
                .with_max_wait(TimeSpan::from_minutes(wait))
        })
        .collect()
}

/// Unit names.
pub fn unit_name(unit: usize) -> String {
    format!("unit-{unit:02}")
}

/// The visits as interactions.
pub fn interactions(rows: &[Row]) -> Vec<Interaction> {
    let instrument = Instrument::permenpanrb_14_2017();
    let scale = RatingScale::new(1, 5).expect("scale");
    let units: Vec<String> = (0..UNITS).map(unit_name).collect();
    rows.iter()
        .map(|r| {
            let arrived = Timestamp::from_unix_seconds(r.arrived).expect("time");
            let started = Timestamp::from_unix_seconds(r.arrived + r.wait).expect("time");
            let mut b =
                Interaction::builder(SERVICES[r.service].0, units[r.unit].as_str(), arrived)
                    .started_at(started)
                    .official_fee(Money::new(r.official_fee));
            if let Some(s) = r.service_time {
                b = b.finished_at(
                    Timestamp::from_unix_seconds(r.arrived + r.wait + s).expect("time"),
                );
            }
            if let Some(p) = r.paid {
                b = b.paid(Money::new(p));
            }
            if let Some(a) = r.skm {
                let values = a.map(|x| Some(i64::from(x)));
                b = b.skm(SkmAnswers::from_values(&instrument, &values).expect("answers"));
            }
            if let Some(e) = r.empathy {
                b = b.empathy(scale.rating(i64::from(e)).expect("rating"));
            }
            if let Some(n) = r.recommend {
                b = b.recommend(i64::from(n));
            }
            b.build().expect("valid visit")
        })
        .collect()
}

/// The CSV header: times in unix seconds, blanks for missing values.
pub const HEADER: &str = "id,service,unit,arrived_at,started_at,finished_at,official_fee,paid,u1,u2,u3,u4,u5,u6,u7,u8,u9,empathy,recommend";

/// Writes the visits as CSV.
pub fn write_csv(rows: &[Row], out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    writeln!(out, "{HEADER}")?;
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    for r in rows {
        let started = r.arrived + r.wait;
        write!(
            out,
            "{},{},{},{},{},{},{},{}",
            r.id,
            SERVICES[r.service].0,
            unit_name(r.unit),
            r.arrived,
            started,
            opt(r.service_time.map(|s| (started + s) as u64)),
            r.official_fee,
            opt(r.paid),
        )?;
        for i in 0..9 {
            write!(out, ",{}", opt(r.skm.map(|a| u64::from(a[i]))))?;
        }
        writeln!(
            out,
            ",{},{}",
            opt(r.empathy.map(u64::from)),
            opt(r.recommend.map(u64::from))
        )?;
    }
    out.flush()
}

/// Writes `n` generated visits to `path` unless a file of that name is already there.
pub fn ensure_csv(path: &std::path::Path, n: usize) -> io::Result<()> {
    let fresh = std::fs::File::open(path)
        .map(|f| io::BufReader::new(f).lines().count() == n + 1)
        .unwrap_or(false);
    if !fresh {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_csv(&rows(n), std::fs::File::create(path)?)?;
    }
    Ok(())
}

type Failure = Box<dyn std::error::Error>;

/// Reads the CSV with the library's batch reader and scores it on the columnar path: every
/// score overall, per unit and per service.
pub fn score_csv(path: &std::path::Path) -> Result<Breakdown<Scorecard>, Failure> {
    let options = ReadOptions::new().with_file_name(path.display().to_string());
    let mut reader = VisitBatches::new(std::fs::File::open(path)?, &options)?;
    let mut cells = VisitCells::new(Scorecard::new(standards()));
    let mut batch = VisitColumns::default();
    while reader.read_batch(&mut batch, BATCH)? > 0 {
        cells.push_columns(reader.names(), &batch)?;
    }
    Ok(cells.breakdown()?)
}

/// [`score_csv`] with one thread reading rows and `threads` others reading their fields and
/// tallying them (`VisitBatches::tally_into`).
pub fn score_csv_threads(
    path: &std::path::Path,
    threads: std::num::NonZeroUsize,
) -> Result<Breakdown<Scorecard>, Failure> {
    let options = ReadOptions::new().with_file_name(path.display().to_string());
    let reader = VisitBatches::new(std::fs::File::open(path)?, &options)?;
    let mut cells = VisitCells::new(Scorecard::new(standards()));
    reader.tally_into(&mut cells, threads, &mut |_| {})?;
    Ok(cells.breakdown()?)
}

/// Reads the CSV with the library's row reader and scores it on the row path.
pub fn score_csv_rows(path: &std::path::Path) -> Result<Breakdown<Scorecard>, Failure> {
    let options = ReadOptions::new().with_file_name(path.display().to_string());
    let mut card = Breakdown::new(Scorecard::new(standards()));
    for visit in InteractionReader::new(std::fs::File::open(path)?, &options)? {
        card.push(&visit?)?;
    }
    Ok(card)
}

/// Visits read and tallied at a time.
pub const BATCH: usize = 65_536;

/// The visits as one batch of columns.
pub fn columns(rows: &[Row]) -> (VisitNames, VisitColumns) {
    let mut names = VisitNames::default();
    let mut batch = VisitColumns::default();
    let time = |seconds: i64| Timestamp::from_unix_seconds(seconds).expect("time");
    for r in rows {
        batch
            .unit
            .push(names.units.code(&unit_name(r.unit)).expect("unit"));
        batch
            .service
            .push(names.services.code(SERVICES[r.service].0).expect("service"));
        batch.arrived.push(time(r.arrived));
        batch.started.push(Some(time(r.arrived + r.wait)));
        batch
            .finished
            .push(r.service_time.map(|s| time(r.arrived + r.wait + s)));
        batch.official_fee.push(Some(Money::new(r.official_fee)));
        batch.paid.push(r.paid.map(Money::new));
        match r.skm {
            Some(a) => batch.answers.extend(a.map(Some)),
            None => batch.answers.extend([None; 9]),
        }
        batch.empathy.push(r.empathy);
        batch.recommend.push(r.recommend);
    }
    (names, batch)
}

/// Reads every entry of every column (the baseline of the columnar groups).
pub fn scan_columns(batch: &VisitColumns) -> u64 {
    let ms = |t: Option<Timestamp>| t.map_or(0, |t| t.unix_millis() as u64);
    let money = |m: Option<Money>| m.map_or(0, Money::units);
    let small = |v: &[Option<u8>]| v.iter().map(|x| u64::from(x.unwrap_or(0))).sum::<u64>();
    let mut sum = 0u64;
    for i in 0..batch.len() {
        sum = sum
            .wrapping_add(u64::from(batch.unit[i]) + u64::from(batch.service[i]))
            .wrapping_add(batch.arrived[i].unix_millis() as u64)
            .wrapping_add(ms(batch.started[i]))
            .wrapping_add(ms(batch.finished[i]))
            .wrapping_add(money(batch.official_fee[i]))
            .wrapping_add(money(batch.paid[i]));
    }
    sum.wrapping_add(small(&batch.answers))
        .wrapping_add(small(&batch.empathy))
        .wrapping_add(small(&batch.recommend))
}

/// Every score of a batch, overall, per unit and per service, on the columnar path.
pub fn score_columns(names: &VisitNames, batch: &VisitColumns) -> Breakdown<Scorecard> {
    let mut cells = VisitCells::new(Scorecard::new(standards()));
    cells.push_columns(names, batch).expect("push");
    cells.breakdown().expect("breakdown")
}
