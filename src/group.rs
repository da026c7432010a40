//! Any tally, grouped by typed keys: unit, service, channel, period, respondent profile, or a
//! tuple of them for combinations.
//!
//! A [`Key`] reads a group's key from a record; [`Grouped<K, T>`](Grouped) keeps one tally `T`
//! per key and is itself a [`Tally`], so groups nest, compose and merge like any tally.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::num::NonZeroUsize;

use crate::error::{Error, Result};
use crate::model::{
    AgeBand, Calendar, Complaint, Education, Gender, Granularity, Interaction, Occupation, Period,
    SkmResponse, Timestamp,
};
use crate::tally::{Merge, Tally};

/// Reads the key of a record's group.
///
/// A key may hold settings (the calendar and granularity of [`ByPeriod`]): two
/// [`Grouped`] tallies merge only when their keys are equal.
pub trait Key<R: ?Sized>: Clone + PartialEq + Debug {
    /// The key's value: a unit's name, a period, a tuple of them …
    type Value: Ord + Clone + Debug;

    /// The key of `record`'s group.
    ///
    /// # Errors
    /// [`Error::Missing`] when the record lacks what the key reads (a questionnaire without a
    /// unit, grouped by unit); [`Error::TimeOutOfRange`] for a period out of range.
    fn key(&self, record: &R) -> Result<Self::Value>;
}

/// Groups by unit (office).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByUnit;

/// Groups by service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByService;

/// Groups by channel (counter, online …); visits without a channel form the group `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByChannel;

/// Groups by reporting period (day, month, triwulan, semester, year) of a record's time on a
/// calendar: a visit's arrival, a questionnaire's submission, a complaint's filing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByPeriod {
    calendar: Calendar,
    granularity: Granularity,
}

impl ByPeriod {
    /// Periods of `granularity` on `calendar`'s local dates.
    pub fn new(calendar: Calendar, granularity: Granularity) -> Self {
        Self {
            calendar,
            granularity,
        }
    }

    /// The calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The granularity.
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }
}

/// Groups questionnaires by the respondent's gender (`None` when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByGender;

/// Groups questionnaires by the respondent's age band (`None` when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByAgeBand;

/// Groups questionnaires by the respondent's education (`None` when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByEducation;

/// Groups questionnaires by the respondent's occupation (`None` when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByOccupation;

/// Groups complaints by category (`None` when not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByCategory;

impl Key<Complaint> for ByCategory {
    type Value = Option<String>;
    fn key(&self, complaint: &Complaint) -> Result<Option<String>> {
        Ok(complaint.category().map(str::to_owned))
    }
}

/// A grouping filled by hand, with [`Grouped::group_mut`]: for records that carry no key of
/// their own (ratings of a survey grouped by the unit it was run for). Pushing through the
/// grouping itself is refused, since there is nothing to read the key from.
///
/// ```
/// use layanan::{ByHand, CesTally, Grouped, RatingScale, Tally};
///
/// let seven = RatingScale::new(1, 7)?;
/// let mut ces = Grouped::new(ByHand::<String>::new(), CesTally::new(seven));
/// ces.group_mut("kel-a".into()).push(&seven.rating(6)?)?;
/// assert!(ces.push(&seven.rating(5)?).is_err());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ByHand<V> {
    #[cfg_attr(feature = "serde", serde(skip))]
    value: std::marker::PhantomData<V>,
}

impl<V> ByHand<V> {
    /// A grouping by keys of type `V`, filled by hand.
    pub fn new() -> Self {
        Self {
            value: std::marker::PhantomData,
        }
    }
}

impl<R: ?Sized, V: Ord + Clone + Debug> Key<R> for ByHand<V> {
    type Value = V;
    fn key(&self, _: &R) -> Result<V> {
        Err(Error::Missing {
            field: "group key (this grouping is filled by hand, with group_mut)".into(),
        })
    }
}

fn required(field: &str, value: Option<&str>) -> Result<String> {
    value.map(str::to_owned).ok_or_else(|| Error::Missing {
        field: field.into(),
    })
}

impl Key<Interaction> for ByUnit {
    type Value = String;
    fn key(&self, visit: &Interaction) -> Result<String> {
        Ok(visit.unit().to_owned())
    }
}

impl Key<SkmResponse> for ByUnit {
    type Value = String;
    fn key(&self, response: &SkmResponse) -> Result<String> {
        required("unit", response.unit())
    }
}

impl Key<Complaint> for ByUnit {
    type Value = String;
    fn key(&self, complaint: &Complaint) -> Result<String> {
        Ok(complaint.unit().to_owned())
    }
}

impl Key<Interaction> for ByService {
    type Value = String;
    fn key(&self, visit: &Interaction) -> Result<String> {
        Ok(visit.service().to_owned())
    }
}

impl Key<SkmResponse> for ByService {
    type Value = String;
    fn key(&self, response: &SkmResponse) -> Result<String> {
        required("service", response.service())
    }
}

impl Key<Complaint> for ByService {
    type Value = String;
    fn key(&self, complaint: &Complaint) -> Result<String> {
        required("service", complaint.service())
    }
}

impl Key<Interaction> for ByChannel {
    type Value = Option<String>;
    fn key(&self, visit: &Interaction) -> Result<Option<String>> {
        Ok(visit.channel().map(str::to_owned))
    }
}

impl Key<Interaction> for ByPeriod {
    type Value = Period;
    fn key(&self, visit: &Interaction) -> Result<Period> {
        self.calendar.period(visit.arrived_at(), self.granularity)
    }
}

impl Key<SkmResponse> for ByPeriod {
    type Value = Period;
    fn key(&self, response: &SkmResponse) -> Result<Period> {
        let at = response.submitted_at().ok_or_else(|| Error::Missing {
            field: "submitted_at".into(),
        })?;
        self.calendar.period(at, self.granularity)
    }
}

impl Key<Complaint> for ByPeriod {
    type Value = Period;
    fn key(&self, complaint: &Complaint) -> Result<Period> {
        self.calendar.period(complaint.filed_at(), self.granularity)
    }
}

impl Key<SkmResponse> for ByGender {
    type Value = Option<Gender>;
    fn key(&self, response: &SkmResponse) -> Result<Option<Gender>> {
        Ok(response.respondent().gender())
    }
}

impl Key<SkmResponse> for ByAgeBand {
    type Value = Option<AgeBand>;
    fn key(&self, response: &SkmResponse) -> Result<Option<AgeBand>> {
        Ok(response.respondent().age_band())
    }
}

impl Key<SkmResponse> for ByEducation {
    type Value = Option<Education>;
    fn key(&self, response: &SkmResponse) -> Result<Option<Education>> {
        Ok(response.respondent().education())
    }
}

impl Key<SkmResponse> for ByOccupation {
    type Value = Option<Occupation>;
    fn key(&self, response: &SkmResponse) -> Result<Option<Occupation>> {
        Ok(response.respondent().occupation())
    }
}

macro_rules! tuple_key {
    ($($k:ident . $i:tt),+) => {
        /// A combination of keys: the tuple of their values.
        impl<R: ?Sized, $($k: Key<R>),+> Key<R> for ($($k,)+) {
            type Value = ($($k::Value,)+);
            fn key(&self, record: &R) -> Result<Self::Value> {
                Ok(($(self.$i.key(record)?,)+))
            }
        }
    };
}

tuple_key!(A.0, B.1);
tuple_key!(A.0, B.1, C.2);
tuple_key!(A.0, B.1, C.2, D.3);

/// One tally per group, the groups read from each record by a [`Key`]; itself a [`Tally`].
///
/// NPS by unit and triwulan:
///
/// ```
/// use layanan::{ByPeriod, ByUnit, Calendar, Granularity, Grouped, Interaction, NpsTally, Period, Tally, Timestamp};
///
/// let by = (ByUnit, ByPeriod::new(Calendar::wib(), Granularity::Triwulan));
/// let mut nps = Grouped::new(by, NpsTally::default());
/// for (unit, at, score) in [
///     ("kel-a", "2025-03-31T10:00:00+07:00", 10),
///     ("kel-a", "2025-04-01T10:00:00+07:00", 3),
///     ("kel-b", "2025-03-15T10:00:00+07:00", 9),
/// ] {
///     let visit = Interaction::builder("ktp-el", unit, at.parse::<Timestamp>()?).recommend(score).build()?;
///     nps.push(&visit)?;
/// }
/// let q1 = Period::Triwulan { year: 2025, quarter: 1 };
/// assert_eq!(nps.len(), 3);
/// assert_eq!(nps.get(&("kel-a".to_string(), q1)).map(|t| t.counts()[10]), Some(1));
/// for (key, report) in nps.report()? {
///     println!("{key:?}: {}", report.map_or("no answers".into(), |r| r.to_string()));
/// }
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// A record the key or the group's tally refuses changes nothing. Merging merges group by
/// group, all or nothing, and refuses groups of another key or tallies of other settings even
/// when no key is shared. [`roll_up`](Self::roll_up) and [`total`](Self::total) merge groups
/// into coarser ones: tally the finest cells once, report every coarser grouping from them.
///
/// With `serde`, the groups are written as a list of `[key, tally]` pairs, so any key works in
/// JSON too (a map's keys would have to be strings), and a key given twice is refused.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(bound(
        serialize = "K: serde::Serialize, K::Value: serde::Serialize, T: serde::Serialize",
        deserialize = "K: serde::Deserialize<'de>, K::Value: serde::Deserialize<'de>, T: serde::Deserialize<'de>"
    ))
)]
pub struct Grouped<K: Key<T::Record>, T: Tally> {
    key: K,
    empty: T,
    #[cfg_attr(feature = "serde", serde(with = "pairs"))]
    groups: BTreeMap<K::Value, T>,
}

/// A map written as a list of `[key, value]` pairs.
#[cfg(feature = "serde")]
mod pairs {
    use std::collections::BTreeMap;

    use serde::de::{Deserialize, Deserializer, Error};
    use serde::ser::{Serialize, Serializer};

    pub(super) fn serialize<K, T, S>(map: &BTreeMap<K, T>, serializer: S) -> Result<S::Ok, S::Error>
    where
        K: Serialize,
        T: Serialize,
        S: Serializer,
    {
        serializer.collect_seq(map.iter())
    }

    pub(super) fn deserialize<'de, K, T, D>(deserializer: D) -> Result<BTreeMap<K, T>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        let pairs = Vec::<(K, T)>::deserialize(deserializer)?;
        let count = pairs.len();
        let map: BTreeMap<K, T> = pairs.into_iter().collect();
        if map.len() == count {
            Ok(map)
        } else {
            Err(D::Error::custom(
                "inconsistent grouped tally: a key is given more than once",
            ))
        }
    }
}

impl<K: Key<T::Record>, T: Tally + Clone> Grouped<K, T> {
    /// No groups yet; each new group starts as a copy of `empty`, which sets what every group
    /// is judged by.
    pub fn new(key: K, empty: T) -> Self {
        Self {
            key,
            empty,
            groups: BTreeMap::new(),
        }
    }

    /// The key.
    pub fn key(&self) -> &K {
        &self.key
    }

    /// The empty tally each new group starts from.
    pub fn empty(&self) -> &T {
        &self.empty
    }

    /// The tally of the group `value`, created empty on first use (for keys computed by hand).
    pub fn group_mut(&mut self, value: K::Value) -> &mut T {
        let empty = &self.empty;
        self.groups.entry(value).or_insert_with(|| empty.clone())
    }

    /// The tally of group `value`, if any record had it.
    pub fn get(&self, value: &K::Value) -> Option<&T> {
        self.groups.get(value)
    }

    /// Groups in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K::Value, &T)> {
        self.groups.iter()
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no record was grouped yet.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The groups, consumed.
    pub fn into_map(self) -> BTreeMap<K::Value, T> {
        self.groups
    }

    /// All groups merged into one tally: the tally of every record.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the counts of all groups together pass their limits.
    pub fn total(&self) -> Result<T> {
        let mut total = self.empty.clone();
        for tally in self.groups.values() {
            total.merge(tally)?;
        }
        Ok(total)
    }

    /// The groups merged into coarser ones: `coarser` maps each key to its coarser key (the
    /// unit of a `(unit, service)` cell, the year of a month …).
    ///
    /// ```
    /// use layanan::{ByService, ByUnit, Grouped, Interaction, NpsTally, Tally, Timestamp};
    ///
    /// let mut cells = Grouped::new((ByUnit, ByService), NpsTally::default());
    /// for (unit, service, score) in [("kel-a", "ktp-el", 10), ("kel-a", "akta", 4), ("kel-b", "ktp-el", 9)] {
    ///     cells.push(&Interaction::builder(service, unit, Timestamp::from_unix_millis(0)).recommend(score).build()?)?;
    /// }
    /// let by_unit = cells.roll_up(|(unit, _)| unit.clone())?;
    /// assert_eq!(by_unit["kel-a"].report()?.nps, 0.0); // one promoter, one detractor
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Overflow`] when merged counts pass their limits.
    pub fn roll_up<V: Ord>(&self, coarser: impl Fn(&K::Value) -> V) -> Result<BTreeMap<V, T>> {
        let mut rolled: BTreeMap<V, T> = BTreeMap::new();
        for (key, tally) in &self.groups {
            match rolled.entry(coarser(key)) {
                std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().merge(tally)?,
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(tally.clone());
                }
            }
        }
        Ok(rolled)
    }
}

impl<K: Key<T::Record>, T: Tally + Clone> Merge for Grouped<K, T> {
    fn check_merge(&self, other: &Self) -> Result<()> {
        if self.key != other.key {
            return Err(Error::MergeMismatch {
                what: "grouped tallies".into(),
                difference: format!(
                    "they are grouped by different keys ({:?} vs {:?})",
                    self.key, other.key
                ),
            });
        }
        // The empty tallies merge exactly when their settings agree, even if no key is shared.
        self.empty.check_merge(&other.empty)?;
        for (key, theirs) in &other.groups {
            if let Some(ours) = self.groups.get(key) {
                ours.check_merge(theirs)?;
            }
        }
        Ok(())
    }

    fn merge_checked(&mut self, other: &Self) {
        for (key, theirs) in &other.groups {
            match self.groups.get_mut(key) {
                Some(ours) => ours.merge_checked(theirs),
                None => {
                    self.groups.insert(key.clone(), theirs.clone());
                }
            }
        }
    }
}

impl<K: Key<T::Record>, T: Tally + Clone> Tally for Grouped<K, T> {
    type Record = T::Record;
    type Checked = (K::Value, T::Checked);
    type Options = T::Options;
    /// Per group in key order, its report, or `None` when the group has nothing to report
    /// (questionnaires all left blank, visits none of which could be judged …).
    type Report = Vec<(K::Value, Option<T::Report>)>;

    /// The record's key, checked by its group's tally (or a new group's).
    fn check(&self, record: &T::Record) -> Result<Self::Checked> {
        let key = self.key.key(record)?;
        let checked = self.groups.get(&key).unwrap_or(&self.empty).check(record)?;
        Ok((key, checked))
    }

    fn commit(&mut self, record: &T::Record, (key, checked): Self::Checked) {
        self.group_mut(key).commit(record, checked);
    }

    /// Every group's report, each judged as of the same instant: `options`' own, or else the
    /// latest time in any group's data.
    fn report_with(&self, options: &T::Options) -> Result<Self::Report> {
        let options = self.settled_options(options);
        self.groups
            .iter()
            .map(|(key, tally)| {
                Ok((
                    key.clone(),
                    crate::tally::part(tally.report_with(&options))?,
                ))
            })
            .collect()
    }

    fn latest(&self) -> Option<Timestamp> {
        self.groups.values().filter_map(Tally::latest).max()
    }

    fn options_as_of(options: &T::Options, at: Timestamp) -> T::Options {
        T::options_as_of(options, at)
    }
}

/// A tally's report overall, per unit and per service, from one tally per `(unit, service)`
/// cell: each record is tallied once, and every grouping is a roll-up of cells by the exact
/// merge.
///
/// ```
/// use layanan::{Breakdown, Interaction, NpsTally, Tally, Timestamp};
///
/// let mut nps = Breakdown::new(NpsTally::default());
/// for (unit, service, score) in [("kel-a", "ktp-el", 10), ("kel-a", "akta", 3), ("kel-b", "ktp-el", 9)] {
///     nps.push(&Interaction::builder(service, unit, Timestamp::from_unix_millis(0)).recommend(score).build()?)?;
/// }
/// let report = nps.report()?;
/// assert_eq!(report.overall.map(|r| r.n), Some(3));
/// assert_eq!(report.by_unit.len(), 2);
/// assert_eq!(report.by_service[1].0, "ktp-el");
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(bound(
        serialize = "T: serde::Serialize",
        deserialize = "T: serde::Deserialize<'de>"
    ))
)]
pub struct Breakdown<T>
where
    T: Tally,
    ByUnit: Key<T::Record, Value = String>,
    ByService: Key<T::Record, Value = String>,
{
    cells: Grouped<(ByUnit, ByService), T>,
}

/// A report overall, per unit and per service; a group with nothing to report is `None`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct BreakdownReport<R> {
    /// Every record.
    pub overall: Option<R>,
    /// Per unit, by name.
    pub by_unit: Vec<(String, Option<R>)>,
    /// Per service, by name.
    pub by_service: Vec<(String, Option<R>)>,
}

impl<R: std::fmt::Display> std::fmt::Display for BreakdownReport<R> {
    /// Overall, then each unit and each service: `unit kel-a: …`, every further line of a
    /// group's report indented by two spaces; a group with nothing to report says so.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let overall = std::iter::once(("overall", String::new(), self.overall.as_ref()));
        let units = self
            .by_unit
            .iter()
            .map(|(name, r)| ("unit ", crate::visible(name).into_owned(), r.as_ref()));
        let services = self
            .by_service
            .iter()
            .map(|(name, r)| ("service ", crate::visible(name).into_owned(), r.as_ref()));
        for (kind, name, report) in overall.chain(units).chain(services) {
            write!(f, "{kind}{name}: ")?;
            match report {
                None => writeln!(f, "nothing to report")?,
                Some(report) => {
                    let text = report.to_string();
                    let mut lines = text.lines();
                    writeln!(f, "{}", lines.next().unwrap_or_default())?;
                    for line in lines {
                        writeln!(f, "  {line}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl<T> Breakdown<T>
where
    T: Tally + Clone,
    ByUnit: Key<T::Record, Value = String>,
    ByService: Key<T::Record, Value = String>,
{
    /// No records yet; every cell starts as a copy of `empty`.
    pub fn new(empty: T) -> Self {
        Self {
            cells: Grouped::new((ByUnit, ByService), empty),
        }
    }

    /// A breakdown of these cells.
    pub(crate) fn from_cells(cells: Grouped<(ByUnit, ByService), T>) -> Self {
        Self { cells }
    }

    /// The cells: one tally per `(unit, service)`.
    pub fn cells(&self) -> &Grouped<(ByUnit, ByService), T> {
        &self.cells
    }

    /// Every record in one tally.
    ///
    /// # Errors
    /// [`Error::Overflow`] when merged counts pass their limits.
    pub fn overall(&self) -> Result<T> {
        self.cells.total()
    }

    /// The report of [`report_with`](Tally::report_with), its groups rolled up and reported
    /// on up to `threads` threads (the caller's among them): for large breakdowns, where each
    /// group's report selects quantiles from its stored durations. Every roll-up is held at
    /// once, so memory holds three copies of the stored durations besides the cells.
    ///
    /// ```
    /// use std::num::NonZeroUsize;
    /// use layanan::{Breakdown, Interaction, Scorecard, Standards, Tally, Timestamp};
    ///
    /// let mut card = Breakdown::new(Scorecard::new(Standards::new()));
    /// for (i, unit) in ["kel-a", "kel-b", "kel-a"].into_iter().enumerate() {
    ///     let arrived = Timestamp::from_unix_seconds(1_741_050_900 + 60 * i as i64)?;
    ///     card.push(&Interaction::builder("ktp-el", unit, arrived).recommend(9).build()?)?;
    /// }
    /// let threads = NonZeroUsize::new(2).ok_or("no threads")?;
    /// let report = card.report_threads(&Default::default(), threads)?;
    /// assert_eq!(report, card.report()?);
    /// assert_eq!(report.by_unit.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`report_with`](Tally::report_with).
    pub fn report_threads(
        &self,
        options: &T::Options,
        threads: NonZeroUsize,
    ) -> Result<BreakdownReport<T::Report>>
    where
        T: Send + Sync,
        T::Options: Sync,
        T::Report: Send,
    {
        #[derive(Clone, Copy)]
        enum Part {
            Overall,
            Unit,
            Service,
        }
        let options = &self.cells.settled_options(options);
        let parts = [Part::Overall, Part::Unit, Part::Service];
        let rolled = crate::threads::map(&parts, threads, |part| -> Result<Vec<(String, T)>> {
            Ok(match part {
                Part::Overall => vec![(String::new(), self.overall()?)],
                Part::Unit => self.by_unit()?.into_iter().collect(),
                Part::Service => self.by_service()?.into_iter().collect(),
            })
        });
        let mut groups = Vec::new();
        for (part, tallies) in parts.into_iter().zip(rolled) {
            groups.extend(
                tallies?
                    .into_iter()
                    .map(|(name, tally)| (part, name, tally)),
            );
        }
        let reports = crate::threads::map(&groups, threads, |(_, _, tally)| {
            crate::tally::part(tally.report_with(options))
        });
        let mut report = BreakdownReport {
            overall: None,
            by_unit: Vec::new(),
            by_service: Vec::new(),
        };
        for ((part, name, _), group) in groups.into_iter().zip(reports) {
            let group = group?;
            match part {
                Part::Overall => report.overall = group,
                Part::Unit => report.by_unit.push((name, group)),
                Part::Service => report.by_service.push((name, group)),
            }
        }
        Ok(report)
    }

    /// One tally per unit.
    ///
    /// # Errors
    /// [`Error::Overflow`] when merged counts pass their limits.
    pub fn by_unit(&self) -> Result<BTreeMap<String, T>> {
        self.cells.roll_up(|(unit, _)| unit.clone())
    }

    /// One tally per service.
    ///
    /// # Errors
    /// [`Error::Overflow`] when merged counts pass their limits.
    pub fn by_service(&self) -> Result<BTreeMap<String, T>> {
        self.cells.roll_up(|(_, service)| service.clone())
    }
}

impl<T> Merge for Breakdown<T>
where
    T: Tally + Clone,
    ByUnit: Key<T::Record, Value = String>,
    ByService: Key<T::Record, Value = String>,
{
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.cells.check_merge(&other.cells)
    }

    fn merge_checked(&mut self, other: &Self) {
        self.cells.merge_checked(&other.cells);
    }
}

impl<T> Tally for Breakdown<T>
where
    T: Tally + Clone,
    ByUnit: Key<T::Record, Value = String>,
    ByService: Key<T::Record, Value = String>,
{
    type Record = T::Record;
    type Checked = <Grouped<(ByUnit, ByService), T> as Tally>::Checked;
    type Options = T::Options;
    type Report = BreakdownReport<T::Report>;

    fn check(&self, record: &T::Record) -> Result<Self::Checked> {
        self.cells.check(record)
    }

    fn commit(&mut self, record: &T::Record, checked: Self::Checked) {
        self.cells.commit(record, checked);
    }

    /// The overall, unit and service reports, every one judged as of the same instant:
    /// `options`' own, or else the latest time in the data.
    fn report_with(&self, options: &T::Options) -> Result<Self::Report> {
        let options = &self.cells.settled_options(options);
        let each = |groups: BTreeMap<String, T>| -> Result<Vec<(String, Option<T::Report>)>> {
            groups
                .into_iter()
                .map(|(key, tally)| Ok((key, crate::tally::part(tally.report_with(options))?)))
                .collect()
        };
        Ok(BreakdownReport {
            overall: crate::tally::part(self.overall()?.report_with(options))?,
            by_unit: each(self.by_unit()?)?,
            by_service: each(self.by_service()?)?,
        })
    }

    fn latest(&self) -> Option<Timestamp> {
        self.cells.latest()
    }

    fn options_as_of(options: &T::Options, at: Timestamp) -> T::Options {
        T::options_as_of(options, at)
    }
}
