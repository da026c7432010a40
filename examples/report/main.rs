//! The main job: score a city's front offices from its CSV exports.
//!
//! ```text
//! cargo run --release --example report                      # the embedded sample city
//! cargo run --release --example report -- --skm skm.csv --population 5000
//! cargo run --release --features serde --example report -- --json
//! ```
//!
//! Options:
//!
//! * `--skm FILE` — SKM questionnaires (`service,unit,submitted_at,u1,…,u9[,gender,age,education,occupation,saran]`)
//! * `--interactions FILE` — visits (`service,unit,arrived_at,started_at,finished_at,official_fee,paid[,id,channel,u1..u9,empathy,recommend]`)
//! * `--standards FILE` — service standards (`service,max_wait_minutes,completion,tariff`)
//! * `--complaints FILE` — complaints (`unit,service,filed_at,first_response_at,resolved_at[,category]`)
//! * `--holidays FILE` — days offices are closed besides weekends (`date[,kind]`), for working days
//! * `--complaint-target T` — default resolution target for complaints, e.g. `5wd` (default) or `48h`
//! * `--complaint-response T` — first-response target for complaints (default `3wd`)
//! * `--complaint-category NAME=T` — a resolution target for one category (repeatable; the
//!   embedded sample city's are `ringan=5wd`, `sedang=14wd`, `berat=60wd`)
//! * `--as-of TIME` — judge open visits and complaints as of this instant (default: the latest time in the data)
//! * `--population N` — check the SKM sample against Krejcie–Morgan for N service users
//! * `--instrument 2017|2004` — PermenPANRB 14/2017 (9 elements, default) or KepMenPAN 25/2004 (14)
//! * `--printed-weight W` — also compute the index as a printout weighting every element by W (e.g. 0.111)
//! * `--nrr-rounding round|truncate` — with the printout, NRRs rounded/truncated to 2 decimals first
//! * `--json` — the report as JSON (needs `--features serde`)
//! * `--html FILE` — also write the published report (Laporan Hasil SKM) as one HTML file
//!   (needs `--features html`); `--lang en` for English (Indonesian by default)
//! * `--help` — this list
//!
//! Every flag but `--complaint-category` is given at most once: a second `--skm` is refused
//! rather than silently replacing the first. An unknown flag, a value that does not parse, or
//! nothing to score (no file holds a row) ends with a message and exit status 1.
//!
//! After the scores, "where to act" lists the units significantly below the rest on the IKM and
//! on each promise (Benjamini–Hochberg adjusted p-values, with the difference and its
//! interval), and the trend of each across months.
//!
//! With no file given, the embedded sample data in `examples/data/` is used. Files stream through
//! the library's readers (`layanan::read`) into the tallies: no questionnaire, visit or
//! complaint is held after it is counted, and a long file shows its progress on stderr. Bad
//! input ends with a message naming the file, line and column, and exit status 1.

mod city;
mod escape;
mod html;
mod json;
mod text;

use std::fs::File;
use std::io::Read;
use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::time::Instant;

use layanan::read::{
    ComplaintReader, HolidayReader, ReadOptions, SkmReader, StandardReader, VisitBatches,
};
use layanan::{
    Calendar, CompareOptions, Compatibility, ComplaintTargets, Completion, Date, Instrument,
    NrrRounding, RatingScale, SkmOptions, Standards, Timestamp, Weight,
};

const SAMPLE_SKM: &str = include_str!("../data/skm.csv");
const SAMPLE_INTERACTIONS: &str = include_str!("../data/interactions.csv");
const SAMPLE_STANDARDS: &str = include_str!("../data/standards.csv");
const SAMPLE_COMPLAINTS: &str = include_str!("../data/complaints.csv");
const SAMPLE_HOLIDAYS: &str = include_str!("../data/holidays.csv");

/// What the command line asked for.
#[derive(Debug, Default)]
struct Args {
    skm: Option<String>,
    interactions: Option<String>,
    standards: Option<String>,
    complaints: Option<String>,
    holidays: Option<String>,
    complaint_target: Option<Completion>,
    complaint_response: Option<Completion>,
    complaint_categories: Vec<(String, Completion)>,
    as_of: Option<Timestamp>,
    population: Option<u64>,
    instrument_2004: bool,
    printed_weight: Option<Weight>,
    nrr_rounding: Option<NrrRounding>,
    json: bool,
    html: Option<String>,
    lang: Option<Lang>,
    help: bool,
}

/// The language of the HTML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

/// `slot` set to `value`, refusing a flag given twice: the second would silently win.
fn once<T>(slot: &mut Option<T>, flag: &str, value: T) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("{flag} is given more than once"));
    }
    *slot = Some(value);
    Ok(())
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut instrument: Option<bool> = None;
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--skm" => once(&mut parsed.skm, "--skm", value("--skm")?)?,
            "--interactions" => once(
                &mut parsed.interactions,
                "--interactions",
                value("--interactions")?,
            )?,
            "--standards" => once(&mut parsed.standards, "--standards", value("--standards")?)?,
            "--complaints" => once(
                &mut parsed.complaints,
                "--complaints",
                value("--complaints")?,
            )?,
            "--holidays" => once(&mut parsed.holidays, "--holidays", value("--holidays")?)?,
            "--complaint-target" => {
                let t = value("--complaint-target")?;
                let target = t.parse().map_err(|e| format!("--complaint-target: {e}"))?;
                once(&mut parsed.complaint_target, "--complaint-target", target)?;
            }
            "--complaint-response" => {
                let t = value("--complaint-response")?;
                let target = t
                    .parse()
                    .map_err(|e| format!("--complaint-response: {e}"))?;
                once(
                    &mut parsed.complaint_response,
                    "--complaint-response",
                    target,
                )?;
            }
            "--complaint-category" => {
                let v = value("--complaint-category")?;
                let (name, target) = v.split_once('=').ok_or_else(|| {
                    format!("--complaint-category takes NAME=TARGET such as berat=60wd, got `{v}`")
                })?;
                let target = target
                    .parse()
                    .map_err(|e| format!("--complaint-category: {e}"))?;
                parsed
                    .complaint_categories
                    .push((name.trim().to_string(), target));
            }
            "--as-of" => {
                let v = value("--as-of")?;
                // Local times are read in WIB, the report's calendar.
                let at = Calendar::wib()
                    .parse_time(&v)
                    .map_err(|e| format!("--as-of: {e}"))?;
                once(&mut parsed.as_of, "--as-of", at)?;
            }
            "--population" => {
                let v = value("--population")?;
                let n = v.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("--population must be a positive whole number, got `{v}`")
                })?;
                once(&mut parsed.population, "--population", n)?;
            }
            "--instrument" => {
                let is_2004 = match value("--instrument")?.as_str() {
                    "2017" => false,
                    "2004" => true,
                    other => {
                        return Err(format!("--instrument must be 2017 or 2004, got `{other}`"));
                    }
                };
                once(&mut instrument, "--instrument", is_2004)?;
            }
            "--printed-weight" => {
                let w = value("--printed-weight")?;
                let weight = w.parse().map_err(|e| format!("--printed-weight: {e}"))?;
                once(&mut parsed.printed_weight, "--printed-weight", weight)?;
            }
            "--nrr-rounding" => {
                let rounding = match value("--nrr-rounding")?.as_str() {
                    "round" => NrrRounding::Round(2),
                    "truncate" => NrrRounding::Truncate(2),
                    "exact" => NrrRounding::Exact,
                    other => {
                        return Err(format!(
                            "--nrr-rounding must be round, truncate or exact, got `{other}`"
                        ));
                    }
                };
                once(&mut parsed.nrr_rounding, "--nrr-rounding", rounding)?;
            }
            "--json" => {
                if parsed.json {
                    return Err("--json is given more than once".into());
                }
                parsed.json = true;
            }
            "--html" => once(&mut parsed.html, "--html", value("--html")?)?,
            "--lang" => {
                let lang = match value("--lang")?.as_str() {
                    "id" => Lang::Id,
                    "en" => Lang::En,
                    other => return Err(format!("--lang must be id or en, got `{other}`")),
                };
                once(&mut parsed.lang, "--lang", lang)?;
            }
            "-h" | "--help" => parsed.help = true,
            other => {
                return Err(format!(
                    "unknown argument `{}`\n{USAGE}",
                    escape::show(other)
                ));
            }
        }
    }
    if parsed.lang.is_some() && parsed.html.is_none() {
        return Err("--lang is the language of the HTML document: give --html FILE too".into());
    }
    parsed.instrument_2004 = instrument.unwrap_or(false);
    Ok(parsed)
}

const USAGE: &str = "usage: report [--skm FILE] [--interactions FILE] [--standards FILE] \
[--complaints FILE] [--holidays FILE] [--complaint-target 5wd] [--complaint-response 3wd] \
[--complaint-category NAME=TARGET]… [--as-of TIME] [--population N] [--instrument 2017|2004] \
[--printed-weight W] [--nrr-rounding round|truncate] [--json] [--html FILE [--lang id|en]] [--help]";

/// Where the CSV files come from: the command line, or the embedded sample city.
struct Sources {
    description: String,
    embedded: bool,
    skm: Option<Input>,
    interactions: Option<Input>,
    standards: Option<Input>,
    complaints: Option<Input>,
    holidays: Option<Input>,
}

/// One CSV file, named as errors show it, read as it streams past.
struct Input {
    name: String,
    reader: Box<dyn Read>,
}

impl Input {
    fn embedded(name: &str, text: &'static str) -> Option<Input> {
        Some(Input {
            name: format!("examples/data/{name}"),
            reader: Box::new(text.as_bytes()),
        })
    }

    fn file(path: &Option<String>) -> Result<Option<Input>, String> {
        let Some(path) = path else { return Ok(None) };
        let file = File::open(path).map_err(|e| format!("{}: {e}", escape::show(path)))?;
        Ok(Some(Input {
            name: path.clone(),
            reader: Box::new(file),
        }))
    }

    fn options(&self, instrument: &Instrument, calendar: &Calendar) -> ReadOptions {
        ReadOptions::new()
            .with_file_name(self.name.clone())
            .with_instrument(instrument.clone())
            .with_calendar(calendar.clone())
            .with_empathy_scale(RatingScale::FIVE_POINT)
    }
}

fn sources(args: &Args) -> Result<Sources, String> {
    let embedded = args.skm.is_none()
        && args.interactions.is_none()
        && args.standards.is_none()
        && args.complaints.is_none()
        && args.holidays.is_none();
    if embedded && args.instrument_2004 {
        return Err("the embedded sample uses the 2017 instrument; pass --skm FILE".into());
    }
    if embedded {
        return Ok(Sources {
            description: "embedded sample city (examples/data)".into(),
            embedded,
            skm: Input::embedded("skm.csv", SAMPLE_SKM),
            interactions: Input::embedded("interactions.csv", SAMPLE_INTERACTIONS),
            standards: Input::embedded("standards.csv", SAMPLE_STANDARDS),
            complaints: Input::embedded("complaints.csv", SAMPLE_COMPLAINTS),
            holidays: Input::embedded("holidays.csv", SAMPLE_HOLIDAYS),
        });
    }
    Ok(Sources {
        description: "files given on the command line".into(),
        embedded,
        skm: Input::file(&args.skm)?,
        interactions: Input::file(&args.interactions)?,
        standards: Input::file(&args.standards)?,
        complaints: Input::file(&args.complaints)?,
        holidays: Input::file(&args.holidays)?,
    })
}

/// Streams the records of one file into `push`: a record the tallies refuse is placed at its
/// line. Long files show their progress on stderr.
fn stream<I, T>(
    mut rows: I,
    line: impl Fn(&I) -> u64,
    file: &str,
    mut push: impl FnMut(&T) -> layanan::Result<()>,
) -> Result<(), String>
where
    I: Iterator<Item = layanan::Result<T>>,
{
    let mut progress = Progress::new(file);
    while let Some(row) = rows.next() {
        let record = row.map_err(|e| e.to_string())?;
        push(&record).map_err(|e| {
            layanan::Error::InFile {
                file: file.to_string(),
                line: line(&rows),
                column: None,
                field: None,
                source: Box::new(e),
            }
            .to_string()
        })?;
        progress.tick();
    }
    progress.finish();
    Ok(())
}

/// Rows read so far, shown on stderr once a file has taken more than a second.
struct Progress<'a> {
    file: &'a str,
    rows: u64,
    started: Instant,
    shown: Option<Instant>,
}

impl<'a> Progress<'a> {
    fn new(file: &'a str) -> Self {
        Self {
            file,
            rows: 0,
            started: Instant::now(),
            shown: None,
        }
    }

    fn tick(&mut self) {
        self.rows += 1;
        // The clock is read once every 64k rows: reading it per row would cost more than the row.
        if self.rows.is_multiple_of(65_536) {
            self.show();
        }
    }

    fn set(&mut self, rows: u64) {
        self.rows = rows;
        self.show();
    }

    /// Shows the rows read, at most once a second.
    fn show(&mut self) {
        let now = Instant::now();
        let last = self.shown.unwrap_or(self.started);
        if now.duration_since(last).as_secs_f64() >= 1.0 {
            eprintln!("{}: {} rows read…", escape::show(self.file), self.rows);
            self.shown = Some(now);
        }
    }

    fn finish(&self) {
        if self.shown.is_some() {
            eprintln!(
                "{}: {} rows in {:.1} s",
                escape::show(self.file),
                self.rows,
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}

/// Reads the small files (holidays, standards), then streams the large ones into the tallies.
fn tally(
    sources: Sources,
    instrument: &Instrument,
    args: &Args,
) -> Result<(city::Settings, city::Tallies), String> {
    let text = |e: layanan::Error| e.to_string();
    let wib = Calendar::wib();
    let holidays: Vec<Date> = match sources.holidays {
        Some(input) => {
            let options = input.options(instrument, &wib);
            HolidayReader::new(input.reader, &options)
                .map_err(text)?
                .collect::<layanan::Result<_>>()
                .map_err(text)?
        }
        None => Vec::new(),
    };
    // The one calendar of the report: complaints count working days on it too.
    let calendar = wib.with_holidays(holidays);
    let standards = match sources.standards {
        Some(input) => {
            let options = input.options(instrument, &calendar);
            StandardReader::new(input.reader, &options)
                .map_err(text)?
                .collect::<layanan::Result<Standards>>()
                .map_err(text)?
        }
        None => Standards::new(),
    }
    .with_calendar(calendar.clone());
    let settings = city::Settings {
        instrument: instrument.clone(),
        standards,
        calendar: calendar.clone(),
        skm_options: skm_options(args),
        targets: targets(args, sources.embedded)?,
        as_of: args.as_of,
        compare: CompareOptions::default(),
        completion_times: args.html.is_some(),
    };
    let mut tallies = city::Tallies::new(&settings);
    if let Some(input) = sources.skm {
        let options = input.options(instrument, &calendar);
        let rows = SkmReader::new(input.reader, &options).map_err(text)?;
        stream(rows, SkmReader::line, &input.name, |r| {
            tallies.push_response(r)
        })?;
    }
    if let Some(input) = sources.interactions {
        // Visits take the columnar path: this thread reads the rows, the others read their
        // fields and tally them into cells.
        let options = input.options(instrument, &calendar);
        let reader = VisitBatches::new(input.reader, &options).map_err(text)?;
        let threads = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
        let mut progress = Progress::new(&input.name);
        tallies
            .tally_visits(reader, threads, &mut |rows| progress.set(rows))
            .map_err(text)?;
        progress.finish();
    }
    if let Some(input) = sources.complaints {
        let options = input.options(instrument, &calendar);
        let rows = ComplaintReader::new(input.reader, &options).map_err(text)?;
        stream(rows, ComplaintReader::line, &input.name, |c| {
            tallies.push_complaint(c)
        })?;
    }
    Ok((settings, tallies))
}

fn skm_options(args: &Args) -> SkmOptions {
    let mut options = SkmOptions::default();
    if let Some(n) = args.population {
        options = options.with_population(n);
    }
    match (args.printed_weight, args.nrr_rounding) {
        (Some(w), rounding) => {
            options = options.with_printed(
                Compatibility::printed_weight(w).with_nrr(rounding.unwrap_or_default()),
            );
        }
        (None, Some(rounding)) => {
            options = options.with_printed(Compatibility::nrr_only(rounding));
        }
        (None, None) => {}
    }
    options
}

/// The sample city's complaint categories and their resolution targets.
const SAMPLE_CATEGORIES: [(&str, Completion); 3] = [
    ("ringan", Completion::WorkingDays(5)),
    ("sedang", Completion::WorkingDays(14)),
    ("berat", Completion::WorkingDays(60)),
];

fn targets(args: &Args, embedded: bool) -> Result<ComplaintTargets, String> {
    let mut targets = ComplaintTargets::default();
    if embedded && args.complaint_categories.is_empty() {
        for (name, t) in SAMPLE_CATEGORIES {
            targets = targets.with_category(name, t).map_err(|e| e.to_string())?;
        }
    }
    if let Some(t) = args.complaint_target {
        targets = targets.with_resolution(t);
    }
    if let Some(t) = args.complaint_response {
        targets = targets.with_first_response(t);
    }
    for (name, t) in &args.complaint_categories {
        targets = targets
            .with_category(name.clone(), *t)
            .map_err(|e| format!("--complaint-category: {e}"))?;
    }
    Ok(targets)
}

fn run() -> Result<(), String> {
    let args = parse_args(std::env::args().skip(1))?;
    if args.help {
        println!("{USAGE}");
        return Ok(());
    }
    let instrument = if args.instrument_2004 {
        Instrument::kepmenpan_25_2004()
    } else {
        Instrument::permenpanrb_14_2017()
    };
    let sources = sources(&args)?;
    let description = sources.description.clone();
    let (settings, tallies) = tally(sources, &instrument, &args)?;
    if tallies.is_empty() {
        return Err(
            "nothing to score: no questionnaire, visit or complaint was read (the files are empty or hold only a header)"
                .into(),
        );
    }
    let report = city::score(description, &tallies, &settings)?;
    if let Some(path) = &args.html {
        let document = html::html(&report, args.lang.unwrap_or(Lang::Id))?;
        std::fs::write(path, document).map_err(|e| format!("{}: {e}", escape::show(path)))?;
        eprintln!("wrote {}", escape::show(path));
    }
    if args.json {
        println!("{}", json::json(&report)?);
    } else {
        print!("{}", text::text(&report));
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Messages quote the data: print them as text, never as terminal control.
            let shown: Vec<String> = message.lines().map(escape::show).collect();
            eprintln!("error: {}", shown.join("\n"));
            ExitCode::FAILURE
        }
    }
}
