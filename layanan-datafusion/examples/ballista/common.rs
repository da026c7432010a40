//! What the Ballista examples share: their command line, and the settings the functions judge
//! visits by, read with the library's readers.

use std::collections::BTreeMap;
use std::error::Error;
use std::fs::File;

use layanan::read::{HolidayReader, ReadOptions, StandardReader};
use layanan::{Calendar, Date, Standards, Timestamp};
use layanan_datafusion::Settings;

/// A boxed error: these are programs, their errors are printed.
pub type Failure = Box<dyn Error + Send + Sync>;

/// `--name value` pairs of the command line, refusing a name not in `known`.
pub struct Args(BTreeMap<String, Vec<String>>);

impl Args {
    /// The process's arguments; `usage` is printed for `--help`.
    pub fn parse(known: &[&str], usage: &str) -> Result<Self, Failure> {
        let mut args = std::env::args().skip(1);
        let mut pairs = BTreeMap::new();
        while let Some(name) = args.next() {
            if name == "--help" || name == "-h" {
                println!("{usage}");
                std::process::exit(0);
            }
            let Some(key) = name.strip_prefix("--").filter(|k| known.contains(k)) else {
                return Err(format!("unknown argument {name}\n\n{usage}").into());
            };
            let value = args.next().ok_or(format!("{name} needs a value"))?;
            pairs
                .entry(key.to_owned())
                .or_insert_with(Vec::new)
                .push(value);
        }
        Ok(Self(pairs))
    }

    /// The value of `--name`, if given (the last, if given more than once).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.all(name).last().map(String::as_str)
    }

    /// Every value of `--name`, in order.
    pub fn all(&self, name: &str) -> &[String] {
        self.0.get(name).map_or(&[], Vec::as_slice)
    }

    /// The value of `--name`, or `default`.
    pub fn or(&self, name: &str, default: &str) -> String {
        self.get(name).unwrap_or(default).to_owned()
    }

    /// The value of `--name` as a number, or `default`.
    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, Failure> {
        match self.get(name) {
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{name}: {v} is not a number").into()),
            None => Ok(default),
        }
    }

    /// The settings: `--standards FILE` (the library's standards CSV) on the calendar of
    /// `--zone` (wib, wita, wit; default wib) with `--holidays FILE`, and `--as-of` (RFC 3339)
    /// to judge open visits at a fixed instant. No standards: only NPS and empathy scored.
    pub fn settings(&self) -> Result<Settings, Failure> {
        let mut calendar = match self.get("zone").unwrap_or("wib") {
            "wib" => Calendar::wib(),
            "wita" => Calendar::wita(),
            "wit" => Calendar::wit(),
            other => return Err(format!("--zone: {other} is not wib, wita or wit").into()),
        };
        if let Some(path) = self.get("holidays") {
            let holidays: Vec<Date> = HolidayReader::new(File::open(path)?, &ReadOptions::new())?
                .collect::<layanan::Result<_>>()?;
            calendar = calendar.with_holidays(holidays);
        }
        let standards = match self.get("standards") {
            Some(path) => {
                let options = ReadOptions::new().with_calendar(calendar.clone());
                StandardReader::new(File::open(path)?, &options)?
                    .collect::<layanan::Result<Standards>>()?
                    .with_calendar(calendar)
            }
            None => Standards::new(),
        };
        let settings = Settings::new(standards);
        Ok(match self.get("as-of") {
            Some(at) => settings.with_as_of(at.parse::<Timestamp>()?),
            None => settings,
        })
    }
}

/// The arguments giving the settings, and their usage.
pub const SETTINGS: [&str; 4] = ["standards", "holidays", "zone", "as-of"];

/// Their usage text.
pub const SETTINGS_USAGE: &str = "  --standards FILE   service standards (the library's CSV); none: only NPS and empathy scored
  --holidays FILE    holidays of the standards' calendar (CSV: date,kind)
  --zone ZONE        the standards' calendar: wib (default), wita or wit
  --as-of INSTANT    judge open visits as of this RFC 3339 instant (default: each group's latest time)

Every executor and the scheduler must be given the same settings: a query's plan carries
the functions' names only, and each process judges with its own.";
