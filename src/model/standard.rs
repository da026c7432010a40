//! Published service standards (standar pelayanan, UU 25/2009).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::calendar::Calendar;
use super::money::Money;
use super::time::TimeSpan;
use crate::error::{Error, Result};

/// How long a service may take from arrival to completion.
///
/// ```
/// use layanan::{Completion, TimeSpan};
///
/// assert_eq!("90m".parse::<Completion>()?, Completion::Within(TimeSpan::from_minutes(90)));
/// assert_eq!("14wd".parse::<Completion>()?, Completion::WorkingDays(14));
/// assert_eq!(Completion::WorkingDays(14).to_string(), "14wd");
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Completion {
    /// Clock time, for counter services (`90m`, `2h`).
    Within(TimeSpan),
    /// Working days (hari kerja), for permits and documents (`14wd`); see
    /// [`Calendar::working_days_between`](crate::Calendar::working_days_between).
    WorkingDays(u32),
}

impl FromStr for Completion {
    type Err = Error;

    /// `N` followed by `wd` (working days), `h` (hours), `m` (minutes), `s` (seconds) or `ms`
    /// (milliseconds).
    fn from_str(text: &str) -> Result<Self> {
        let err = || Error::Parse {
            field: "completion".into(),
            value: text.into(),
            expected: "working days, hours, minutes or seconds such as 14wd, 2h, 90m or 45s".into(),
        };
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).ok_or_else(err)?;
        let (number, unit) = t.split_at(split);
        let n: u64 = number.parse().map_err(|_| err())?;
        let small = || u32::try_from(n).map_err(|_| err());
        match unit {
            "wd" | "hk" => Ok(Completion::WorkingDays(small()?)),
            "h" => Ok(Completion::Within(TimeSpan::from_hours(small()?))),
            "m" | "min" => Ok(Completion::Within(TimeSpan::from_minutes(small()?))),
            "s" => Ok(Completion::Within(TimeSpan::from_seconds(small()?))),
            "ms" => Ok(Completion::Within(TimeSpan::from_millis(n))),
            _ => Err(err()),
        }
    }
}

impl fmt::Display for Completion {
    /// The shortest form [`FromStr`] reads back: `14wd`, `90m`, `45s` or `1500ms`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Completion::WorkingDays(n) => write!(f, "{n}wd"),
            Completion::Within(span) => {
                let ms = span.as_millis();
                if ms % 60_000 == 0 {
                    write!(f, "{}m", ms / 60_000)
                } else if ms % 1_000 == 0 {
                    write!(f, "{}s", ms / 1_000)
                } else {
                    write!(f, "{ms}ms")
                }
            }
        }
    }
}

/// What a service promises: its tariff, its completion time and, optionally, a waiting target.
///
/// ```
/// use layanan::{Completion, Money, ServiceStandard, TimeSpan};
///
/// let ktp = ServiceStandard::new("ktp-el", Money::ZERO)?
///     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
///     .with_max_wait(TimeSpan::from_minutes(30));
/// assert_eq!(ktp.service(), "ktp-el");
/// assert!(ktp.tariff().is_zero());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "StandardParts", into = "StandardParts")
)]
pub struct ServiceStandard {
    service: String,
    tariff: Money,
    completion: Option<Completion>,
    max_wait: Option<TimeSpan>,
}

impl ServiceStandard {
    /// The standard of `service` with its official `tariff` (often [`Money::ZERO`]).
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank service name.
    pub fn new(service: impl Into<String>, tariff: Money) -> Result<Self> {
        let service = service.into();
        if service.trim().is_empty() {
            return Err(Error::Empty {
                field: "service".into(),
            });
        }
        Ok(Self {
            service,
            tariff,
            completion: None,
            max_wait: None,
        })
    }

    /// With a completion time.
    pub fn with_completion(mut self, completion: Completion) -> Self {
        self.completion = Some(completion);
        self
    }

    /// With a waiting-time target (arrival to start of service).
    pub fn with_max_wait(mut self, max_wait: TimeSpan) -> Self {
        self.max_wait = Some(max_wait);
        self
    }

    /// The service's name.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The official tariff.
    pub fn tariff(&self) -> Money {
        self.tariff
    }

    /// The published completion time, if any.
    pub fn completion(&self) -> Option<Completion> {
        self.completion
    }

    /// The waiting-time target, if any.
    pub fn max_wait(&self) -> Option<TimeSpan> {
        self.max_wait
    }
}

/// The standards of all services, looked up by name.
///
/// ```
/// use layanan::{Error, Money, ServiceStandard, Standards};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?].into_iter().collect();
/// assert!(standards.get("ktp-el").is_ok());
/// assert_eq!(
///     standards.get("paspor").unwrap_err(),
///     Error::UnknownService { service: "paspor".into() }
/// );
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(from = "StandardsParts", into = "StandardsParts")
)]
pub struct Standards {
    by_service: BTreeMap<String, ServiceStandard>,
    calendar: Calendar,
}

impl Standards {
    /// No standards, working days counted on [`Calendar::default`] (WIB, Saturday–Sunday off).
    pub fn new() -> Self {
        Self::default()
    }

    /// The same standards, with working days counted on `calendar`.
    pub fn with_calendar(mut self, calendar: Calendar) -> Self {
        self.calendar = calendar;
        self
    }

    /// The calendar on which working-day standards are counted.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Adds (or replaces) the standard of its service.
    pub fn insert(&mut self, standard: ServiceStandard) {
        self.by_service.insert(standard.service.clone(), standard);
    }

    /// The standard of `service`.
    ///
    /// # Errors
    /// [`Error::UnknownService`] when none is published.
    pub fn get(&self, service: &str) -> Result<&ServiceStandard> {
        self.find(service).ok_or_else(|| Error::UnknownService {
            service: service.into(),
        })
    }

    /// The standard of `service`, if published: [`get`](Self::get) without building an error
    /// (tallies look a service up once per visit, and most lookups of unknown services are
    /// expected).
    pub(crate) fn find(&self, service: &str) -> Option<&ServiceStandard> {
        self.by_service.get(service)
    }

    /// All standards, by service name.
    pub fn iter(&self) -> impl Iterator<Item = &ServiceStandard> {
        self.by_service.values()
    }

    /// The number of services with a standard.
    pub fn len(&self) -> usize {
        self.by_service.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_service.is_empty()
    }
}

impl FromIterator<ServiceStandard> for Standards {
    fn from_iter<I: IntoIterator<Item = ServiceStandard>>(iter: I) -> Self {
        let mut standards = Standards::new();
        standards.extend(iter);
        standards
    }
}

impl Extend<ServiceStandard> for Standards {
    fn extend<I: IntoIterator<Item = ServiceStandard>>(&mut self, iter: I) {
        for standard in iter {
            self.insert(standard);
        }
    }
}

impl From<Vec<ServiceStandard>> for Standards {
    fn from(list: Vec<ServiceStandard>) -> Self {
        list.into_iter().collect()
    }
}

impl From<Standards> for Vec<ServiceStandard> {
    /// The standards by service name (the calendar is left behind).
    fn from(standards: Standards) -> Self {
        standards.by_service.into_values().collect()
    }
}

/// The serialised form of [`Standards`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct StandardsParts {
    #[serde(default)]
    calendar: Calendar,
    services: Vec<ServiceStandard>,
}

#[cfg(feature = "serde")]
impl From<StandardsParts> for Standards {
    fn from(parts: StandardsParts) -> Self {
        Standards::from(parts.services).with_calendar(parts.calendar)
    }
}

#[cfg(feature = "serde")]
impl From<Standards> for StandardsParts {
    fn from(standards: Standards) -> Self {
        StandardsParts {
            calendar: standards.calendar,
            services: standards.by_service.into_values().collect(),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct StandardParts {
    service: String,
    tariff: Money,
    completion: Option<Completion>,
    max_wait: Option<TimeSpan>,
}

#[cfg(feature = "serde")]
impl TryFrom<StandardParts> for ServiceStandard {
    type Error = Error;
    fn try_from(p: StandardParts) -> Result<Self> {
        let mut s = ServiceStandard::new(p.service, p.tariff)?;
        s.completion = p.completion;
        s.max_wait = p.max_wait;
        Ok(s)
    }
}

#[cfg(feature = "serde")]
impl From<ServiceStandard> for StandardParts {
    fn from(s: ServiceStandard) -> Self {
        StandardParts {
            service: s.service,
            tariff: s.tariff,
            completion: s.completion,
            max_wait: s.max_wait,
        }
    }
}
