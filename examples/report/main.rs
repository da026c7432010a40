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
//! * `--interactions FILE` — visits (`id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid[,u1..u9,empathy,recommend]`)
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
//! * `--help` — this list
//!
//! After the scores, "where to act" lists the units significantly below the rest on the IKM and
//! on each promise (Benjamini–Hochberg adjusted p-values, with the difference and its
//! interval), and the trend of each across months.
//!
//! With no file given, the embedded sample data in `examples/data/` is used. Bad input ends with a
//! message naming the file, line and column, and exit status 1.

mod city;
mod escape;
mod input;
mod json;
mod text;

use std::process::ExitCode;

use layanan::{
    Calendar, CompareOptions, Compatibility, Complaint, ComplaintTargets, Completion, Instrument,
    Interaction, NrrRounding, RatingScale, SkmOptions, SkmResponse, Standards, Timestamp, Weight,
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
    help: bool,
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
                let at = input::parse_time(&v).map_err(|e| format!("--as-of: {e}"))?;
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
            "--json" => parsed.json = true,
            "-h" | "--help" => parsed.help = true,
            other => {
                return Err(format!(
                    "unknown argument `{}`\n{USAGE}",
                    escape::show(other)
                ));
            }
        }
    }
    parsed.instrument_2004 = instrument.unwrap_or(false);
    Ok(parsed)
}

const USAGE: &str = "usage: report [--skm FILE] [--interactions FILE] [--standards FILE] \
[--complaints FILE] [--holidays FILE] [--complaint-target 5wd] [--complaint-response 3wd] \
[--complaint-category NAME=TARGET]… [--as-of TIME] [--population N] [--instrument 2017|2004] \
[--printed-weight W] [--nrr-rounding round|truncate] [--json] [--help]";

/// Everything read from the inputs.
struct Data {
    source: String,
    /// Whether this is the embedded sample city.
    embedded: bool,
    responses: Vec<SkmResponse>,
    interactions: Vec<Interaction>,
    standards: Standards,
    complaints: Vec<Complaint>,
    calendar: Calendar,
}

fn read_file(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", escape::show(path)))
}

type File = Option<(String, Vec<u8>)>;

fn load(args: &Args, instrument: &Instrument) -> Result<Data, String> {
    let embedded = args.skm.is_none()
        && args.interactions.is_none()
        && args.standards.is_none()
        && args.complaints.is_none()
        && args.holidays.is_none();
    if embedded && args.instrument_2004 {
        return Err("the embedded sample uses the 2017 instrument; pass --skm FILE".into());
    }
    let sample = |name: &str, text: &str| -> File {
        Some((format!("examples/data/{name}"), text.as_bytes().to_vec()))
    };
    let read = |p: &Option<String>| -> Result<File, String> {
        p.as_ref()
            .map(|p| Ok((p.clone(), read_file(p)?)))
            .transpose()
    };
    let (source, skm, interactions, standards, complaints, holidays) = if embedded {
        (
            "embedded sample city (examples/data)".to_string(),
            sample("skm.csv", SAMPLE_SKM),
            sample("interactions.csv", SAMPLE_INTERACTIONS),
            sample("standards.csv", SAMPLE_STANDARDS),
            sample("complaints.csv", SAMPLE_COMPLAINTS),
            sample("holidays.csv", SAMPLE_HOLIDAYS),
        )
    } else {
        (
            "files given on the command line".to_string(),
            read(&args.skm)?,
            read(&args.interactions)?,
            read(&args.standards)?,
            read(&args.complaints)?,
            read(&args.holidays)?,
        )
    };
    let holidays = match &holidays {
        Some((name, bytes)) => input::read_holidays(name, bytes).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    // The one calendar of the report: complaints count working days on it too.
    let calendar = Calendar::wib().with_holidays(holidays);
    let responses = match &skm {
        Some((name, bytes)) => {
            input::read_skm(name, bytes, instrument).map_err(|e| e.to_string())?
        }
        None => Vec::new(),
    };
    let interactions = match &interactions {
        Some((name, bytes)) => {
            input::read_interactions(name, bytes, instrument, RatingScale::FIVE_POINT, &calendar)
                .map_err(|e| e.to_string())?
        }
        None => Vec::new(),
    };
    let standards = match &standards {
        Some((name, bytes)) => input::read_standards(name, bytes).map_err(|e| e.to_string())?,
        None => Standards::new(),
    }
    .with_calendar(calendar.clone());
    let complaints = match &complaints {
        Some((name, bytes)) => {
            input::read_complaints(name, bytes, &calendar).map_err(|e| e.to_string())?
        }
        None => Vec::new(),
    };
    Ok(Data {
        source,
        embedded,
        responses,
        interactions,
        standards,
        complaints,
        calendar,
    })
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
    let data = load(&args, &instrument)?;
    if data.responses.is_empty() && data.interactions.is_empty() && data.complaints.is_empty() {
        return Err(
            "nothing to score: no questionnaire, visit or complaint was read (the files are empty or hold only a header)"
                .into(),
        );
    }
    let settings = city::Settings {
        instrument,
        standards: data.standards,
        calendar: data.calendar,
        skm_options: skm_options(&args),
        targets: targets(&args, data.embedded)?,
        as_of: args.as_of,
        compare: CompareOptions::default(),
    };
    let report = city::score(
        data.source.clone(),
        &data.responses,
        &data.interactions,
        &data.complaints,
        &settings,
    )?;
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
