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
//! * `--skm FILE` — SKM questionnaires (`service,unit,submitted_at,u1,…,u9[,gender,age,education,occupation]`)
//! * `--interactions FILE` — visits (`id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid[,u1..u9,empathy,recommend]`)
//! * `--standards FILE` — service standards (`service,max_wait_minutes,completion,tariff`)
//! * `--complaints FILE` — complaints (`unit,service,filed_at,first_response_at,resolved_at`)
//! * `--holidays FILE` — days offices are closed besides weekends (`date[,kind]`), for working days
//! * `--complaint-target T` — resolution target for complaints, e.g. `5wd` (default) or `48h`
//! * `--population N` — check the SKM sample against Krejcie–Morgan for N service users
//! * `--instrument 2017|2004` — PermenPANRB 14/2017 (9 elements, default) or KepMenPAN 25/2004 (14)
//! * `--printed-weight W` — also compute the index as a printout weighting every element by W (e.g. 0.111)
//! * `--nrr-rounding round|truncate` — with the printout, NRRs rounded/truncated to 2 decimals first
//! * `--json` — the report as JSON (needs `--features serde`)
//!
//! After the scores, "where to act" lists the units significantly below the rest on speed, cost
//! and empathy (Benjamini–Hochberg adjusted p-values) and the trend of each across months.
//!
//! With no file given, the embedded sample data in `examples/data/` is used. Bad input ends with a
//! message naming the file, line and column, and exit status 1.

mod act;
mod input;
mod render;
mod scores;

use std::collections::BTreeMap;
use std::process::ExitCode;

use layanan::{
    Calendar, Compatibility, Complaint, ComplaintTally, Completion, Instrument, Interaction,
    NrrRounding, RatingScale, Scorecard, ScorecardReport, SkmOptions, SkmResponse, SkmTally,
    Standards, Weight,
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
    population: Option<u64>,
    instrument_2004: bool,
    printed_weight: Option<Weight>,
    nrr_rounding: Option<NrrRounding>,
    json: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args::default();
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--skm" => parsed.skm = Some(value("--skm")?),
            "--interactions" => parsed.interactions = Some(value("--interactions")?),
            "--standards" => parsed.standards = Some(value("--standards")?),
            "--complaints" => parsed.complaints = Some(value("--complaints")?),
            "--holidays" => parsed.holidays = Some(value("--holidays")?),
            "--complaint-target" => {
                let t = value("--complaint-target")?;
                parsed.complaint_target =
                    Some(t.parse().map_err(|e| format!("--complaint-target: {e}"))?);
            }
            "--population" => {
                let v = value("--population")?;
                let n = v.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("--population must be a positive whole number, got `{v}`")
                })?;
                parsed.population = Some(n);
            }
            "--instrument" => match value("--instrument")?.as_str() {
                "2017" => parsed.instrument_2004 = false,
                "2004" => parsed.instrument_2004 = true,
                other => return Err(format!("--instrument must be 2017 or 2004, got `{other}`")),
            },
            "--printed-weight" => {
                let w = value("--printed-weight")?;
                parsed.printed_weight =
                    Some(w.parse().map_err(|e| format!("--printed-weight: {e}"))?);
            }
            "--nrr-rounding" => {
                parsed.nrr_rounding = Some(match value("--nrr-rounding")?.as_str() {
                    "round" => NrrRounding::Round(2),
                    "truncate" => NrrRounding::Truncate(2),
                    "exact" => NrrRounding::Exact,
                    other => {
                        return Err(format!(
                            "--nrr-rounding must be round, truncate or exact, got `{other}`"
                        ));
                    }
                });
            }
            "--json" => parsed.json = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

const USAGE: &str = "usage: report [--skm FILE] [--interactions FILE] [--standards FILE] \
[--complaints FILE] [--holidays FILE] [--complaint-target 5wd] [--population N] [--instrument 2017|2004] [--printed-weight W] [--nrr-rounding round|truncate] [--json]";

/// Everything read from the inputs.
struct Data {
    source: String,
    instrument: Instrument,
    responses: Vec<SkmResponse>,
    interactions: Vec<Interaction>,
    standards: Option<Standards>,
    complaints: Vec<Complaint>,
}

fn read_file(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn load(args: &Args) -> Result<Data, String> {
    let instrument = if args.instrument_2004 {
        Instrument::kepmenpan_25_2004()
    } else {
        Instrument::permenpanrb_14_2017()
    };
    let empathy_scale = RatingScale::new(1, 5).map_err(|e| e.to_string())?;
    let embedded = args.skm.is_none()
        && args.interactions.is_none()
        && args.standards.is_none()
        && args.complaints.is_none()
        && args.holidays.is_none();
    if embedded && args.instrument_2004 {
        return Err("the embedded sample uses the 2017 instrument; pass --skm FILE".into());
    }
    let (source, skm, interactions, standards, complaints, holidays) = if embedded {
        (
            "embedded sample city (examples/data)".to_string(),
            Some((
                "examples/data/skm.csv".to_string(),
                SAMPLE_SKM.as_bytes().to_vec(),
            )),
            Some((
                "examples/data/interactions.csv".to_string(),
                SAMPLE_INTERACTIONS.as_bytes().to_vec(),
            )),
            Some((
                "examples/data/standards.csv".to_string(),
                SAMPLE_STANDARDS.as_bytes().to_vec(),
            )),
            Some((
                "examples/data/complaints.csv".to_string(),
                SAMPLE_COMPLAINTS.as_bytes().to_vec(),
            )),
            Some((
                "examples/data/holidays.csv".to_string(),
                SAMPLE_HOLIDAYS.as_bytes().to_vec(),
            )),
        )
    } else {
        let read = |p: &Option<String>| -> Result<Option<(String, Vec<u8>)>, String> {
            p.as_ref()
                .map(|p| Ok((p.clone(), read_file(p)?)))
                .transpose()
        };
        (
            "files given on the command line".to_string(),
            read(&args.skm)?,
            read(&args.interactions)?,
            read(&args.standards)?,
            read(&args.complaints)?,
            read(&args.holidays)?,
        )
    };
    let responses = match &skm {
        Some((name, bytes)) => {
            input::read_skm(name, bytes, &instrument).map_err(|e| e.to_string())?
        }
        None => Vec::new(),
    };
    let holidays = match &holidays {
        Some((name, bytes)) => input::read_holidays(name, bytes).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    let calendar = Calendar::wib().with_holidays(holidays);
    let interactions = match &interactions {
        Some((name, bytes)) => {
            input::read_interactions(name, bytes, &instrument, empathy_scale, &calendar)
                .map_err(|e| e.to_string())?
        }
        None => Vec::new(),
    };
    let standards = match &standards {
        Some((name, bytes)) => Some(
            input::read_standards(name, bytes)
                .map_err(|e| e.to_string())?
                .with_calendar(calendar.clone()),
        ),
        None => None,
    };
    let complaints = match &complaints {
        Some((name, bytes)) => {
            input::read_complaints(name, bytes, &calendar).map_err(|e| e.to_string())?
        }
        None => Vec::new(),
    };
    Ok(Data {
        source,
        instrument,
        responses,
        interactions,
        standards,
        complaints,
    })
}

/// Everything computed from the data.
pub struct Results {
    pub skm: SkmTallies,
    pub scorecard: Option<ScorecardReport>,
    pub complaints: Option<ComplaintTallies>,
}

/// SKM tallies overall, per unit and per service, in one pass.
pub struct SkmTallies {
    pub overall: SkmTally,
    pub by_unit: BTreeMap<String, SkmTally>,
    pub by_service: BTreeMap<String, SkmTally>,
}

fn tally_skm(data: &Data) -> Result<SkmTallies, String> {
    let empty = SkmTally::new(data.instrument.clone());
    let mut tallies = SkmTallies {
        overall: empty.clone(),
        by_unit: BTreeMap::new(),
        by_service: BTreeMap::new(),
    };
    for response in &data.responses {
        tallies.overall.push(response).map_err(|e| e.to_string())?;
        let unit = response.unit().unwrap_or("(unknown unit)");
        let service = response.service().unwrap_or("(unknown service)");
        for (groups, key) in [
            (&mut tallies.by_unit, unit),
            (&mut tallies.by_service, service),
        ] {
            groups
                .entry(key.to_string())
                .or_insert_with(|| empty.clone())
                .push(response)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(tallies)
}

/// Complaint tallies overall and per unit.
pub struct ComplaintTallies {
    pub overall: ComplaintTally,
    pub by_unit: BTreeMap<String, ComplaintTally>,
}

fn tally_complaints(data: &Data, args: &Args) -> Result<Option<ComplaintTallies>, String> {
    if data.complaints.is_empty() {
        return Ok(None);
    }
    let target = args.complaint_target.unwrap_or(Completion::WorkingDays(5));
    let calendar = data
        .standards
        .as_ref()
        .map(|s| s.calendar().clone())
        .unwrap_or_default();
    let empty = ComplaintTally::new(target, calendar);
    let mut tallies = ComplaintTallies {
        overall: empty.clone(),
        by_unit: BTreeMap::new(),
    };
    for complaint in &data.complaints {
        tallies.overall.push(complaint).map_err(|e| e.to_string())?;
        tallies
            .by_unit
            .entry(complaint.unit().to_string())
            .or_insert_with(|| empty.clone())
            .push(complaint)
            .map_err(|e| e.to_string())?;
    }
    Ok(Some(tallies))
}

/// Speed, cost, empathy, CX and the excellence index of the interactions.
fn score_interactions(data: &Data) -> Result<Option<ScorecardReport>, String> {
    if data.interactions.is_empty() {
        return Ok(None);
    }
    let standards = data.standards.clone().unwrap_or_default();
    let mut card = Scorecard::with_instrument(standards, data.instrument.clone());
    for visit in &data.interactions {
        card.push(visit).map_err(|e| e.to_string())?;
    }
    card.report().map(Some).map_err(|e| e.to_string())
}

fn options(args: &Args) -> SkmOptions {
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

fn run() -> Result<(), String> {
    let args = parse_args(std::env::args().skip(1))?;
    let data = load(&args)?;
    let results = Results {
        skm: tally_skm(&data)?,
        scorecard: score_interactions(&data)?,
        complaints: tally_complaints(&data, &args)?,
    };
    let options = options(&args);
    if args.json {
        println!("{}", render::json(&data, &results, &options)?);
    } else {
        print!("{}", render::text(&data, &results, &options));
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
