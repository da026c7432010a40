//! The functions at scale: questionnaires and visits generated on the fly (a streaming table,
//! not a file), aggregated per unit into states, the states rolled up into the whole index;
//! throughput per core, peak memory and state sizes.
//!
//! ```sh
//! cargo run --release -p layanan-datafusion --example scale -- --rows 100000000
//! cargo run --release -p layanan-datafusion --example scale -- --rows 10000000 --units 5000 --exact
//! ```
//!
//! Options: `--rows N` rows of each table (default 10,000,000), `--units N` distinct units
//! (default 500), `--partitions N` (default: the machine's cores), `--exact` to keep every
//! duration instead of a 1 % sketch, `--only skm|visits`. Progress goes to stderr.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use datafusion::arrow::array::{
    Array, ArrayRef, BinaryArray, Int8Builder, Int64Builder, RecordBatch, StringBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::catalog::streaming::StreamingTable;
use datafusion::datasource::MemTable;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::physical_plan::SendableRecordBatchStream;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::streaming::PartitionStream;
use datafusion::prelude::{SessionConfig, SessionContext};
use layanan::read::{HolidayReader, ReadOptions, StandardReader};
use layanan::{Calendar, Date, Standards};
use layanan_datafusion::Settings;

/// Rows per generated batch.
const BATCH: usize = 8192;
/// 2025-01-01 00:00 WIB, in Unix seconds: the generated year starts here.
const YEAR_START: i64 = 1_735_664_400;

#[derive(Debug, Clone)]
struct Options {
    rows: u64,
    units: usize,
    partitions: usize,
    exact: bool,
    only: Option<String>,
}

fn options() -> std::result::Result<Options, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut o = Options {
        rows: 10_000_000,
        units: 500,
        partitions: cores,
        exact: false,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |name: &str, v: String| {
            v.replace('_', "")
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(format!(
                    "{name}: expected a positive whole number, got `{v}`"
                ))
        };
        match flag.as_str() {
            "--rows" => o.rows = number("--rows", value("--rows")?)?,
            "--units" => o.units = number("--units", value("--units")?)? as usize,
            "--partitions" => {
                o.partitions = number("--partitions", value("--partitions")?)? as usize
            }
            "--exact" => o.exact = true,
            "--only" => match value("--only")?.as_str() {
                v @ ("skm" | "visits") => o.only = Some(v.into()),
                v => return Err(format!("--only: expected skm or visits, got `{v}`")),
            },
            "--help" | "-h" => {
                return Err(
                    "usage: scale [--rows N] [--units N] [--partitions N] [--exact] \
                            [--only skm|visits]"
                        .into(),
                );
            }
            other => return Err(format!("unknown option `{other}` (try --help)")),
        }
    }
    Ok(o)
}

/// A small, fast, reproducible generator (SplitMix64).
#[derive(Debug, Clone)]
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

/// What a partition generates.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Table {
    Skm,
    Visits,
}

/// One partition's share of a generated table.
#[derive(Debug)]
struct Generated {
    table: Table,
    schema: SchemaRef,
    units: Arc<Vec<String>>,
    rows: u64,
    seed: u64,
    made: Arc<AtomicU64>,
}

impl PartitionStream for Generated {
    fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    fn execute(&self, _ctx: Arc<TaskContext>) -> SendableRecordBatchStream {
        let (table, schema, units) = (
            self.table,
            Arc::clone(&self.schema),
            Arc::clone(&self.units),
        );
        let made = Arc::clone(&self.made);
        let mut random = Random(self.seed);
        let mut left = self.rows;
        let batches = std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            let n = left.min(BATCH as u64) as usize;
            left -= n as u64;
            made.fetch_add(n as u64, Ordering::Relaxed);
            Some(match table {
                Table::Skm => skm_batch(&schema, &units, &mut random, n),
                Table::Visits => visit_batch(&schema, &units, &mut random, n),
            })
        });
        Box::pin(RecordBatchStreamAdapter::new(
            Arc::clone(&self.schema),
            futures::stream::iter(batches),
        ))
    }
}

fn skm_schema() -> SchemaRef {
    let mut fields = vec![Field::new("unit", DataType::Utf8, false)];
    fields.extend((1..=9).map(|i| Field::new(format!("u{i}"), DataType::Int8, true)));
    Arc::new(Schema::new(fields))
}

fn visit_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("service", DataType::Utf8, false),
        Field::new("unit", DataType::Utf8, false),
        Field::new("arrived_at", DataType::Int64, false),
        Field::new("started_at", DataType::Int64, true),
        Field::new("finished_at", DataType::Int64, true),
        Field::new("official_fee", DataType::Int64, true),
        Field::new("paid", DataType::Int64, true),
        Field::new("recommend", DataType::Int8, true),
        Field::new("empathy", DataType::Int8, true),
    ]))
}

/// Questionnaires: answers leaning to 3, each unit a little better or worse, 3 % blanks.
fn skm_batch(
    schema: &SchemaRef,
    units: &[String],
    r: &mut Random,
    n: usize,
) -> Result<RecordBatch> {
    let mut unit = StringBuilder::with_capacity(n, n * 8);
    let mut answers: Vec<Int8Builder> = (0..9).map(|_| Int8Builder::with_capacity(n)).collect();
    for _ in 0..n {
        let u = r.below(units.len() as u64) as usize;
        unit.append_value(&units[u]);
        let lean = (u % 5) as u64 * 40; // 0–160 per mille towards 4
        for a in &mut answers {
            if r.chance(30) {
                a.append_null();
                continue;
            }
            let x = r.below(1000);
            let answer = match x {
                x if x < 40 => 1,
                x if x < 250 - lean / 2 => 2,
                x if x < 750 - lean => 3,
                _ => 4,
            };
            a.append_value(answer);
        }
    }
    let mut columns: Vec<ArrayRef> = vec![Arc::new(unit.finish())];
    columns.extend(answers.iter_mut().map(|a| Arc::new(a.finish()) as ArrayRef));
    Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
}

/// The sample standards' services: (name, counter service?, fee, assessed?).
const SERVICES: [(&str, bool, i64, bool); 8] = [
    ("ktp-el", true, 0, false),
    ("kartu-keluarga", true, 0, false),
    ("surat-pindah", true, 0, false),
    ("surat-keterangan", true, 0, false),
    ("pemeriksaan-umum", true, 10_000, false),
    ("akta-kelahiran", false, 0, false),
    ("izin-usaha", false, 0, false),
    ("pbg", false, 0, true),
];

/// Visits on working days of 2025, 08:00–15:00 WIB: counter services served in minutes,
/// permits in days; 0.3 % still open, 2 % charged above the tariff, 30 % answered the
/// recommendation question and 20 % rated the staff.
fn visit_batch(
    schema: &SchemaRef,
    units: &[String],
    r: &mut Random,
    n: usize,
) -> Result<RecordBatch> {
    let mut service = StringBuilder::with_capacity(n, n * 12);
    let mut unit = StringBuilder::with_capacity(n, n * 8);
    let [mut arrived, mut started, mut finished, mut fee, mut paid] =
        std::array::from_fn(|_| Int64Builder::with_capacity(n));
    let [mut recommend, mut empathy] = std::array::from_fn(|_| Int8Builder::with_capacity(n));
    for _ in 0..n {
        let (name, counter, tariff, assessed) = SERVICES[r.below(SERVICES.len() as u64) as usize];
        service.append_value(name);
        unit.append_value(&units[r.below(units.len() as u64) as usize]);
        let mut day = r.below(365) as i64;
        let weekday = (day + 2) % 7; // 2025-01-01 was a Wednesday; 0 is Monday
        if weekday >= 5 {
            day = (day + 7 - weekday).min(364);
        }
        let at = YEAR_START + day * 86_400 + 8 * 3600 + r.below(7 * 3600) as i64;
        let start = at + 60 * r.below(45) as i64;
        let service_time = if counter {
            60 * (3 + r.below(70) as i64)
        } else {
            3600 * (2 + r.below(24 * 12) as i64)
        };
        arrived.append_value(at);
        started.append_value(start);
        if r.chance(3) {
            finished.append_null();
        } else {
            finished.append_value(start + service_time);
        }
        let charged = if assessed {
            100_000 * (1 + r.below(25) as i64)
        } else {
            tariff
        };
        fee.append_value(charged);
        paid.append_value(if r.chance(20) {
            charged + 50_000
        } else {
            charged
        });
        if r.chance(300) {
            recommend.append_value(r.below(11) as i8);
        } else {
            recommend.append_null();
        }
        if r.chance(200) {
            empathy.append_value(1 + r.below(5) as i8);
        } else {
            empathy.append_null();
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(service.finish()),
        Arc::new(unit.finish()),
        Arc::new(arrived.finish()),
        Arc::new(started.finish()),
        Arc::new(finished.finish()),
        Arc::new(fee.finish()),
        Arc::new(paid.finish()),
        Arc::new(recommend.finish()),
        Arc::new(empathy.finish()),
    ];
    Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
}

/// The sample data's standards and holidays (`examples/data` of the repository).
fn standards() -> Result<Standards> {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let library = |e: layanan::Error| DataFusionError::External(Box::new(e));
    let holidays: Vec<Date> = HolidayReader::new(
        std::fs::File::open(data.join("holidays.csv"))?,
        &ReadOptions::new(),
    )
    .map_err(library)?
    .collect::<layanan::Result<_>>()
    .map_err(library)?;
    let calendar = Calendar::wib().with_holidays(holidays);
    let options = ReadOptions::new().with_calendar(calendar.clone());
    let standards: Standards =
        StandardReader::new(std::fs::File::open(data.join("standards.csv"))?, &options)
            .map_err(library)?
            .collect::<layanan::Result<_>>()
            .map_err(library)?;
    Ok(standards.with_calendar(calendar))
}

/// Peak resident memory of this process, from `/proc` (Linux).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        })
        .map_or("n/a".into(), |kb| format!("{} MB", kb / 1024))
}

/// Prints progress to stderr every two seconds until stopped.
fn progress(
    made: Arc<AtomicU64>,
    total: u64,
    what: &'static str,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let start = Instant::now();
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
            if start.elapsed().as_millis() % 2000 < 200 {
                let n = made.load(Ordering::Relaxed);
                eprintln!(
                    "  {what}: {:.1}M of {:.1}M rows ({:.0}%), {:.1} s",
                    n as f64 / 1e6,
                    total as f64 / 1e6,
                    100.0 * n as f64 / total as f64,
                    start.elapsed().as_secs_f64()
                );
            }
        }
    })
}

/// One run: states per unit from `rows` generated rows, then their roll-up.
async fn run(o: &Options, table: Table, settings: &Settings, out: &mut String) -> Result<()> {
    let (what, schema, state_sql, rollup) = match table {
        Table::Skm => (
            "questionnaires",
            skm_schema(),
            "SELECT unit, skm_state(u1, u2, u3, u4, u5, u6, u7, u8, u9) AS state FROM t GROUP BY unit",
            "SELECT s['respondents'] AS respondents, s['ikm_rounded'] AS ikm, s['mutu'] AS mutu, \
             round(s['ikm_lower'], 3) AS lower, round(s['ikm_upper'], 3) AS upper \
             FROM (SELECT skm_ikm_of(state) AS s FROM states)",
        ),
        Table::Visits => (
            "visits",
            visit_schema(),
            "SELECT unit, visit_state(service, unit, arrived_at, started_at, finished_at, \
             official_fee, paid, recommend, empathy) AS state FROM t GROUP BY unit",
            "SELECT v['visits'] AS visits, round(v['speed']['on_time_share'], 4) AS on_time, \
             v['cost']['overcharged'] AS overcharged, round(v['promises']['all_kept_share'], 4) AS all_kept, \
             round(v['nps']['nps'], 2) AS nps \
             FROM (SELECT visit_scores_of(state) AS v FROM states)",
        ),
    };
    let config = SessionConfig::new().with_target_partitions(o.partitions);
    let ctx = SessionContext::new_with_config(config);
    layanan_datafusion::register_with(&ctx, settings.clone());
    let made = Arc::new(AtomicU64::new(0));
    let units: Arc<Vec<String>> = Arc::new((0..o.units).map(|i| format!("kel-{i:05}")).collect());
    let partitions: Vec<Arc<dyn PartitionStream>> = (0..o.partitions as u64)
        .map(|p| {
            let rows = o.rows / o.partitions as u64 + u64::from(p < o.rows % o.partitions as u64);
            Arc::new(Generated {
                table,
                schema: Arc::clone(&schema),
                units: Arc::clone(&units),
                rows,
                seed: p.wrapping_mul(0x5851_F42D_4C95_7F2D) ^ table as u64,
                made: Arc::clone(&made),
            }) as Arc<dyn PartitionStream>
        })
        .collect();
    ctx.register_table(
        "t",
        Arc::new(StreamingTable::try_new(Arc::clone(&schema), partitions)?),
    )?;

    eprintln!(
        "{what}: {} rows, {} units, {} partitions",
        o.rows, o.units, o.partitions
    );
    // The baseline: the same rows generated and counted per unit, no tally.
    eprintln!("  baseline: COUNT(*) per unit over the same rows");
    let start = Instant::now();
    ctx.sql("SELECT unit, COUNT(*) FROM t GROUP BY unit")
        .await?
        .collect()
        .await?;
    let baseline = start.elapsed().as_secs_f64();
    made.store(0, Ordering::Relaxed);
    let stop = Arc::new(AtomicBool::new(false));
    let ticker = progress(Arc::clone(&made), o.rows, what, Arc::clone(&stop));
    let start = Instant::now();
    let states = ctx.sql(state_sql).await?.collect().await;
    let seconds = start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let _ = ticker.join();
    let states = states?;

    let sizes: Vec<usize> = states
        .iter()
        .filter_map(|b| b.column(1).as_any().downcast_ref::<BinaryArray>())
        .flat_map(|a| (0..a.len()).map(|i| a.value(i).len()))
        .collect();
    let total: usize = sizes.iter().sum();
    let rows_per_second = o.rows as f64 / seconds;
    let cores = o
        .partitions
        .min(std::thread::available_parallelism().map_or(1, |n| n.get()));

    let rolled = Instant::now();
    let schema = states.first().map(RecordBatch::schema).unwrap_or_else(|| {
        Arc::new(Schema::new(vec![
            Field::new("unit", DataType::Utf8, false),
            Field::new("state", DataType::Binary, true),
        ]))
    });
    ctx.register_table("states", Arc::new(MemTable::try_new(schema, vec![states])?))?;
    let whole = ctx.sql(rollup).await?.collect().await?;
    let rollup_seconds = rolled.elapsed().as_secs_f64();

    let _ = writeln!(out, "\n{what}: {} rows in {} units", o.rows, o.units);
    let _ = writeln!(
        out,
        "  states per unit: {seconds:.2} s, {:.2} M rows/s, {:.2} M rows/s per core ({cores} cores)",
        rows_per_second / 1e6,
        rows_per_second / 1e6 / cores as f64
    );
    let _ = writeln!(
        out,
        "  baseline, the same rows generated and counted per unit: {baseline:.2} s (the states \
         take {:.1}× as long)",
        seconds / baseline
    );
    let _ = writeln!(
        out,
        "  state sizes: {} states, {:.1} kB each on average ({} B – {} B), {:.1} MB in all",
        sizes.len(),
        total as f64 / sizes.len().max(1) as f64 / 1e3,
        sizes.iter().min().copied().unwrap_or(0),
        sizes.iter().max().copied().unwrap_or(0),
        total as f64 / 1e6
    );
    let _ = writeln!(
        out,
        "  roll-up of the states: {rollup_seconds:.3} s; peak memory so far {}",
        peak_memory()
    );
    let _ = writeln!(out, "{}", pretty_format_batches(&whole)?);
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let o = match options() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(2);
        }
    };
    let mut settings = Settings::new(standards()?);
    if !o.exact {
        settings = settings
            .with_duration_sketch(0.01)
            .map_err(|e| DataFusionError::External(Box::new(e)))?;
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "durations kept {}",
        if o.exact {
            "exactly"
        } else {
            "in a 1 % sketch"
        }
    );
    for table in [Table::Skm, Table::Visits] {
        let name = if table == Table::Skm { "skm" } else { "visits" };
        if o.only.as_deref().is_none_or(|only| only == name) {
            run(&o, table, &settings, &mut out).await?;
        }
    }
    let _ = writeln!(out, "\npeak memory: {}", peak_memory());
    print!("{out}");
    Ok(())
}
