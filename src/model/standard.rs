//! Published service standards (standar pelayanan, UU 25/2009).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::calendar::{Calendar, Calendars};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
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

/// The official tariff of a service (biaya/tarif in its published standard).
///
/// * [`Tariff::Fixed`] — one amount for every visit; Rp 0 is a free service, the common case
///   for civil registration.
/// * [`Tariff::Assessed`] — the fee is assessed per case (a building permit's retribution
///   depends on the building): each visit's own assessed fee ([`Interaction::official_fee`])
///   is the bar, and a published ceiling, when there is one, caps it.
///
/// Text forms ([`FromStr`]): `0`, `15000`, `15.000`, `Rp 15.000`, `assessed`,
/// `assessed<=2500000` (the ceiling may also be written `Rp 2.500.000`). A blank tariff is an
/// error, never "free": an empty cell in a standards file is a gap in the data, not a promise.
///
/// ```
/// use layanan::{Money, Tariff};
///
/// assert_eq!("Rp 15.000".parse::<Tariff>()?, Tariff::Fixed(Money::new(15_000)));
/// assert_eq!("assessed<=2500000".parse::<Tariff>()?, Tariff::Assessed { ceiling: Some(Money::new(2_500_000)) });
/// assert!(Tariff::Fixed(Money::ZERO).is_free());
/// assert!("".parse::<Tariff>().is_err());
/// // The bar a visit is judged against: the fixed amount, or the visit's assessed fee capped by the ceiling.
/// assert_eq!(Tariff::Fixed(Money::new(10_000)).bar(Some(Money::new(99_000))), Some(Money::new(10_000)));
/// let assessed = Tariff::Assessed { ceiling: Some(Money::new(50_000)) };
/// assert_eq!(assessed.bar(Some(Money::new(30_000))), Some(Money::new(30_000)));
/// assert_eq!(assessed.bar(Some(Money::new(80_000))), Some(Money::new(50_000)));
/// assert_eq!(assessed.bar(None), None); // no assessed fee recorded: cannot be judged
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// [`Interaction::official_fee`]: crate::Interaction::official_fee
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Tariff {
    /// The same amount for every visit; [`Money::ZERO`] for a free service.
    Fixed(Money),
    /// Assessed per case: the visit's assessed fee is the bar, capped by `ceiling` when one is
    /// published.
    Assessed {
        /// The published maximum, if any.
        ceiling: Option<Money>,
    },
}

impl Tariff {
    /// A free service: a fixed tariff of Rp 0.
    pub const FREE: Tariff = Tariff::Fixed(Money::ZERO);

    /// Whether the service is free (a fixed tariff of 0).
    pub const fn is_free(self) -> bool {
        matches!(self, Tariff::Fixed(m) if m.is_zero())
    }

    /// The most a visit may be charged: the fixed amount, or the visit's `assessed` fee capped by
    /// the ceiling; `None` for an assessed tariff when the visit has no assessed fee recorded.
    pub fn bar(self, assessed: Option<Money>) -> Option<Money> {
        match self {
            Tariff::Fixed(amount) => Some(amount),
            Tariff::Assessed { ceiling } => {
                let fee = assessed?;
                Some(ceiling.map_or(fee, |c| fee.min(c)))
            }
        }
    }
}

impl From<Money> for Tariff {
    /// A fixed tariff.
    fn from(amount: Money) -> Self {
        Tariff::Fixed(amount)
    }
}

impl FromStr for Tariff {
    type Err = Error;

    /// `0`, `15000`, `15.000`, `Rp 15.000`, `assessed` or `assessed<=N`; see [`Tariff`].
    fn from_str(text: &str) -> Result<Self> {
        let t = text.trim();
        if t.is_empty() {
            return Err(Error::Empty {
                field: "tariff".into(),
            });
        }
        match t.strip_prefix("assessed") {
            Some("") => Ok(Tariff::Assessed { ceiling: None }),
            Some(rest) => {
                let ceiling = rest
                    .trim_start()
                    .strip_prefix("<=")
                    .ok_or_else(|| Error::Parse {
                        field: "tariff".into(),
                        value: text.into(),
                        expected: "an amount such as 15000, `assessed` or `assessed<=N`".into(),
                    })?;
                Ok(Tariff::Assessed {
                    ceiling: Some(Money::parse_field("tariff ceiling", ceiling)?),
                })
            }
            None => Money::parse_field("tariff", t).map(Tariff::Fixed),
        }
    }
}

impl fmt::Display for Tariff {
    /// The text form [`FromStr`] reads back: `15000`, `assessed`, `assessed<=2500000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tariff::Fixed(m) => write!(f, "{}", m.units()),
            Tariff::Assessed { ceiling: None } => f.write_str("assessed"),
            Tariff::Assessed { ceiling: Some(c) } => write!(f, "assessed<={}", c.units()),
        }
    }
}

/// What a service promises: its tariff, its completion time and, optionally, a waiting target.
///
/// ```
/// use layanan::{Completion, Money, ServiceStandard, Tariff, TimeSpan};
///
/// let ktp = ServiceStandard::new("ktp-el", Money::ZERO)?
///     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
///     .with_max_wait(TimeSpan::from_minutes(30));
/// assert_eq!(ktp.service(), "ktp-el");
/// assert!(ktp.tariff().is_free());
/// let pbg = ServiceStandard::new("pbg", Tariff::Assessed { ceiling: None })?
///     .with_completion(Completion::WorkingDays(14));
/// assert_eq!(pbg.tariff().bar(Some(Money::new(1_500_000))), Some(Money::new(1_500_000)));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "StandardParts", into = "StandardParts")
)]
pub struct ServiceStandard {
    service: String,
    tariff: Tariff,
    completion: Option<Completion>,
    max_wait: Option<TimeSpan>,
}

impl ServiceStandard {
    /// The standard of `service` with its official `tariff`: a [`Tariff`], or a [`Money`]
    /// amount for a fixed one (often [`Money::ZERO`]).
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank service name.
    pub fn new(service: impl Into<String>, tariff: impl Into<Tariff>) -> Result<Self> {
        let service = service.into();
        if service.trim().is_empty() {
            return Err(Error::Empty {
                field: "service".into(),
            });
        }
        Ok(Self {
            service,
            tariff: tariff.into(),
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
    pub fn tariff(&self) -> Tariff {
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

/// The standards of all services, looked up by name, and the calendars working days are
/// counted on.
///
/// One calendar serves by default; a unit in another time zone or with its own local holidays
/// gets its own ([`with_unit_calendar`](Self::with_unit_calendar)), so the offices of a province
/// that spans WIB and WITA are judged each on its own clock and their tallies still merge.
/// Likewise a unit that publishes its own standard for a service (its own tariff or completion
/// time) has it judge its visits ([`with_unit_standard`](Self::with_unit_standard)): give every
/// office the one set of standards, and their tallies merge. Tallies judged by standards that
/// differ refuse to merge, naming the service, unit or calendar and both values.
///
/// ```
/// use layanan::{Calendar, Error, Money, ServiceStandard, Standards};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?].into_iter().collect();
/// assert!(standards.get("ktp-el").is_ok());
/// assert_eq!(
///     standards.get("paspor").unwrap_err(),
///     Error::UnknownService { service: "paspor".into() }
/// );
/// let standards = standards.with_unit_calendar("kec-denpasar", Calendar::wita());
/// assert_eq!(standards.calendar_for("kec-denpasar"), &Calendar::wita());
/// assert_eq!(standards.calendar_for("kel-sukamaju"), &Calendar::wib());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "StandardsParts", into = "StandardsParts")
)]
pub struct Standards {
    by_service: BTreeMap<String, ServiceStandard>,
    /// Units' own standards, by unit then service: they judge that unit's visits instead of
    /// the province-wide one.
    by_unit: BTreeMap<String, BTreeMap<String, ServiceStandard>>,
    calendars: Calendars,
}

impl Standards {
    /// No standards, working days counted on [`Calendar::default`] (WIB, Saturday–Sunday off).
    pub fn new() -> Self {
        Self::default()
    }

    /// The same standards, with working days counted on `calendar` (for every unit without a
    /// calendar of its own).
    pub fn with_calendar(mut self, calendar: Calendar) -> Self {
        self.calendars = self.calendars.with_default(calendar);
        self
    }

    /// The same standards, with `unit`'s working days counted on `calendar`.
    pub fn with_unit_calendar(mut self, unit: impl Into<String>, calendar: Calendar) -> Self {
        self.calendars = self.calendars.with_unit(unit, calendar);
        self
    }

    /// The same standards, with working days counted on `calendars`.
    pub fn with_calendars(mut self, calendars: Calendars) -> Self {
        self.calendars = calendars;
        self
    }

    /// The default calendar.
    pub fn calendar(&self) -> &Calendar {
        self.calendars.default_calendar()
    }

    /// The calendar of `unit`: its own, or the default.
    pub fn calendar_for(&self, unit: &str) -> &Calendar {
        self.calendars.for_unit(unit)
    }

    /// Every calendar, by unit.
    pub fn calendars(&self) -> &Calendars {
        &self.calendars
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
    pub fn find(&self, service: &str) -> Option<&ServiceStandard> {
        self.by_service.get(service)
    }

    /// The same standards, with `unit` publishing its own `standard` for its service: that
    /// unit's visits to the service are judged by it, every other unit's by the province-wide
    /// one (a regency with its own tariff, or its own completion time). Replaces the unit's
    /// earlier standard for the service.
    ///
    /// ```
    /// use layanan::{Money, ServiceStandard, Standards};
    ///
    /// let province = Standards::from(vec![ServiceStandard::new("ktp-el", Money::ZERO)?])
    ///     .with_unit_standard("kab-b", ServiceStandard::new("ktp-el", Money::new(5_000))?);
    /// assert_eq!(province.find_for("ktp-el", "kab-b").map(|s| s.tariff().to_string()), Some("5000".into()));
    /// assert_eq!(province.find_for("ktp-el", "kab-a").map(|s| s.tariff().to_string()), Some("0".into()));
    /// # Ok::<(), layanan::Error>(())
    /// ```
    pub fn with_unit_standard(
        mut self,
        unit: impl Into<String>,
        standard: ServiceStandard,
    ) -> Self {
        self.by_unit
            .entry(unit.into())
            .or_default()
            .insert(standard.service.clone(), standard);
        self
    }

    /// The standard a visit to `unit` for `service` is judged by: the unit's own, else the
    /// province-wide one, if either is published.
    pub fn find_for(&self, service: &str, unit: &str) -> Option<&ServiceStandard> {
        self.unit_standard(unit, service)
            .or_else(|| self.by_service.get(service))
    }

    /// `unit`'s own standard for `service`, if it publishes one.
    fn unit_standard(&self, unit: &str, service: &str) -> Option<&ServiceStandard> {
        self.by_unit.get(unit).and_then(|own| own.get(service))
    }

    /// `unit`'s own standards, by service name, if it publishes any.
    pub(crate) fn own_standards(&self, unit: &str) -> Option<&BTreeMap<String, ServiceStandard>> {
        self.by_unit.get(unit)
    }

    /// The units' own standards, by unit then service name.
    pub fn unit_standards(&self) -> impl Iterator<Item = (&str, &ServiceStandard)> {
        self.by_unit
            .iter()
            .flat_map(|(unit, own)| own.values().map(move |s| (unit.as_str(), s)))
    }

    /// All province-wide standards, by service name (the units' own are
    /// [`unit_standards`](Self::unit_standards)).
    pub fn iter(&self) -> impl Iterator<Item = &ServiceStandard> {
        self.by_service.values()
    }

    /// The number of services with a province-wide standard.
    pub fn len(&self) -> usize {
        self.by_service.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_service.is_empty()
    }

    /// [`Error::MergeMismatch`] naming the first difference, unless `other` equals `self`
    /// (tallies of `what` judged by them may merge).
    pub(crate) fn check_same(&self, other: &Standards, what: &str) -> Result<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        match self.difference(other) {
            None => Ok(()),
            Some(difference) => Err(Error::MergeMismatch {
                what: what.into(),
                difference,
            }),
        }
    }

    /// The first way `other` differs from `self`, in words, or `None` when they are equal (what
    /// a refused merge names).
    pub(crate) fn difference(&self, other: &Standards) -> Option<String> {
        if self == other {
            return None;
        }
        let services = self.by_service.keys().chain(other.by_service.keys());
        for service in services {
            match (self.find(service), other.find(service)) {
                (Some(a), Some(b)) if a != b => {
                    return Some(format!(
                        "the standard of service `{service}` differs ({})",
                        values(a, b)
                    ));
                }
                (Some(_), None) | (None, Some(_)) => {
                    return Some(format!(
                        "only one of them has a standard for service `{service}`"
                    ));
                }
                _ => {}
            }
        }
        let units = self.by_unit.keys().chain(other.by_unit.keys());
        for unit in units {
            let empty = BTreeMap::new();
            let ours = self.by_unit.get(unit).unwrap_or(&empty);
            let theirs = other.by_unit.get(unit).unwrap_or(&empty);
            for service in ours.keys().chain(theirs.keys()) {
                match (ours.get(service), theirs.get(service)) {
                    (Some(a), Some(b)) if a != b => {
                        return Some(format!(
                            "the standard of service `{service}` at unit `{unit}` differs ({})",
                            values(a, b)
                        ));
                    }
                    (Some(_), None) | (None, Some(_)) => {
                        return Some(format!(
                            "only one of them has a standard of its own for service `{service}` at unit `{unit}`"
                        ));
                    }
                    _ => {}
                }
            }
        }
        if let Some(difference) = self.calendars.difference(&other.calendars) {
            return Some(difference);
        }
        Some("their standards differ".into())
    }
}

/// Both standards' settings side by side, for a message.
fn values(a: &ServiceStandard, b: &ServiceStandard) -> String {
    format!(
        "tariff {} vs {}, completion {} vs {}, waiting target {} vs {}",
        a.tariff,
        b.tariff,
        show(a.completion),
        show(b.completion),
        show(a.max_wait),
        show(b.max_wait)
    )
}

/// An optional setting in a message: its value, or `none`.
fn show<T: fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| v.to_string())
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
    /// The province-wide standards by service name (the calendars and the units' own
    /// standards are left behind).
    fn from(standards: Standards) -> Self {
        standards.by_service.into_values().collect()
    }
}

/// The serialised form of [`Standards`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct StandardsParts {
    #[serde(default)]
    calendars: Calendars,
    services: Vec<ServiceStandard>,
    /// Units' own standards, by unit (absent when none).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    units: BTreeMap<String, Vec<ServiceStandard>>,
}

#[cfg(feature = "serde")]
impl TryFrom<StandardsParts> for Standards {
    type Error = Error;
    /// Refuses a service given twice: which standard was meant cannot be known.
    fn try_from(parts: StandardsParts) -> Result<Self> {
        let mut standards = Standards::new().with_calendars(parts.calendars);
        for standard in parts.services {
            if standards.by_service.contains_key(&standard.service) {
                return Err(Error::Duplicate {
                    field: "service".into(),
                    value: standard.service,
                });
            }
            standards.insert(standard);
        }
        for (unit, own) in parts.units {
            for standard in own {
                if standards.unit_standard(&unit, &standard.service).is_some() {
                    return Err(Error::Duplicate {
                        field: format!("unit `{unit}`'s service"),
                        value: standard.service,
                    });
                }
                standards = standards.with_unit_standard(unit.clone(), standard);
            }
        }
        Ok(standards)
    }
}

#[cfg(feature = "serde")]
impl From<Standards> for StandardsParts {
    fn from(standards: Standards) -> Self {
        StandardsParts {
            calendars: standards.calendars,
            services: standards.by_service.into_values().collect(),
            units: standards
                .by_unit
                .into_iter()
                .map(|(unit, own)| (unit, own.into_values().collect()))
                .collect(),
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct StandardParts {
    service: String,
    tariff: Tariff,
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
