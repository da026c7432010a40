//! The columnar path: visits arrive in batches of columns, units and services as small integer
//! codes, and are tallied once into the finest cells — (unit, service), and period when trends
//! are asked for. Every grouping is a roll-up of cells by the exact merge. Nothing is
//! allocated and no string is compared per visit: a service's standard and a unit's calendar
//! are looked up once per code and batch.
//!
//! It gives the same numbers as pushing [`Interaction`](crate::Interaction)s into a
//! [`Breakdown`] of [`Scorecard`]s (the tests check it on random visits); it is the faster way
//! to score a large file. With the `csv` feature,
//! `read::VisitBatches` reads the interactions file into batches.
//!
//! ```
//! use layanan::columns::{VisitCells, VisitColumns, VisitNames};
//! use layanan::{Completion, Money, Scorecard, ServiceStandard, Standards, Tally, TimeSpan, Timestamp};
//!
//! let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
//!     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))]
//! .into_iter()
//! .collect();
//! let mut names = VisitNames::default();
//! let mut batch = VisitColumns::default();
//! let at = |minutes: i64| Timestamp::from_unix_millis(1_741_050_000_000 + minutes * 60_000);
//! for (unit, minutes, paid) in [("kel-a", 40, 0), ("kel-b", 90, 25_000)] {
//!     batch.unit.push(names.units.code(unit)?);
//!     batch.service.push(names.services.code("ktp-el")?);
//!     batch.arrived.push(at(0));
//!     batch.started.push(Some(at(5)));
//!     batch.finished.push(Some(at(minutes)));
//!     batch.official_fee.push(None);
//!     batch.paid.push(Some(Money::new(paid)));
//! }
//! let mut cells = VisitCells::new(Scorecard::new(standards));
//! cells.push_columns(&names, &batch)?;
//! let report = cells.breakdown()?.report()?;
//! let speed = report.overall.and_then(|r| r.speed).expect("judged");
//! assert_eq!((speed.on_time, speed.late), (1, 1));
//! # Ok::<(), layanan::Error>(())
//! ```

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The maps looked up once a visit: keys are small codes and names, hashed with foldhash (as
/// hashbrown does by default, seeded per map) rather than SipHash, several times faster here.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use crate::error::{Error, Result};
use crate::group::{Breakdown, ByPeriod, ByService, ByUnit, Grouped};
use crate::model::{
    Calendar, Instrument, Money, Period, RatingScale, SKM_SCALE_MAX, ServiceStandard, Timestamp,
    check_recommend, check_times,
};
use crate::scorecard::Scorecard;
use crate::tally::Merge;
use crate::visit::{Answers, Rules, Visit};

/// Names as small integer codes, numbered in order of first appearance.
///
/// ```
/// use layanan::columns::Names;
///
/// let mut units = Names::default();
/// assert_eq!(units.code("kel-a")?, 0);
/// assert_eq!(units.code("kel-b")?, 1);
/// assert_eq!(units.code("kel-a")?, 0);
/// assert_eq!(units.name(1), Some("kel-b"));
/// assert!(units.code("  ").is_err());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    names: Vec<String>,
    codes: FastMap<String, u32>,
}

impl Names {
    /// The code of `name`, given a new one the first time it is seen.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank name; [`Error::Overflow`] past `u32::MAX` names.
    pub fn code(&mut self, name: &str) -> Result<u32> {
        if let Some(&code) = self.codes.get(name) {
            return Ok(code);
        }
        if name.trim().is_empty() {
            return Err(Error::Empty {
                field: "name".into(),
            });
        }
        let code = u32::try_from(self.names.len()).map_err(|_| Error::Overflow {
            field: "names".into(),
        })?;
        self.names.push(name.to_owned());
        self.codes.insert(name.to_owned(), code);
        Ok(code)
    }

    /// The code of `name`, if it has one.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.codes.get(name).copied()
    }

    /// The name of `code`.
    pub fn name(&self, code: u32) -> Option<&str> {
        self.names
            .get(usize::try_from(code).ok()?)
            .map(String::as_str)
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The names a batch's codes stand for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VisitNames {
    /// Units (offices).
    pub units: Names,
    /// Services.
    pub services: Names,
}

/// A batch of visits as columns: entry `i` of every column is visit `i`.
///
/// The optional columns (`answers`, `empathy`, `recommend`) may be left empty when no visit has
/// them; every other column has one entry per visit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VisitColumns {
    /// The unit's code in [`VisitNames::units`].
    pub unit: Vec<u32>,
    /// The service's code in [`VisitNames::services`].
    pub service: Vec<u32>,
    /// When the citizen arrived.
    pub arrived: Vec<Timestamp>,
    /// When service started, if recorded.
    pub started: Vec<Option<Timestamp>>,
    /// When service finished, if it has.
    pub finished: Vec<Option<Timestamp>>,
    /// The official fee, if recorded.
    pub official_fee: Vec<Option<Money>>,
    /// What the citizen paid, if recorded.
    pub paid: Vec<Option<Money>>,
    /// SKM answers 1–4 (`None` for blank), one per element of the scorecard's instrument for
    /// each visit, in the instrument's order; a visit whose answers are all blank gave none.
    pub answers: Vec<Option<u8>>,
    /// The empathy rating, on the scorecard's rating scale.
    pub empathy: Vec<Option<u8>>,
    /// Would-you-recommend, 0–10.
    pub recommend: Vec<Option<u8>>,
}

impl VisitColumns {
    /// The number of visits.
    pub fn len(&self) -> usize {
        self.unit.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }

    /// Empties every column, keeping the memory for the next batch.
    pub fn clear(&mut self) {
        self.unit.clear();
        self.service.clear();
        self.arrived.clear();
        self.started.clear();
        self.finished.clear();
        self.official_fee.clear();
        self.paid.clear();
        self.answers.clear();
        self.empathy.clear();
        self.recommend.clear();
    }

    /// Every column has one entry per visit (the optional ones may be empty), and the answers
    /// `k` per visit.
    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS, rows ≤ usize::MAX / k checked
    fn check_lengths(&self, k: usize) -> Result<()> {
        let n = self.len();
        let mismatch = |column: &str, len: usize, expected: String| Error::Inconsistent {
            what: "visit columns".into(),
            reason: format!("column `{column}` has {len} entries for {n} visits ({expected})"),
        };
        let required = [
            ("service", self.service.len()),
            ("arrived", self.arrived.len()),
            ("started", self.started.len()),
            ("finished", self.finished.len()),
            ("official_fee", self.official_fee.len()),
            ("paid", self.paid.len()),
        ];
        for (column, len) in required {
            if len != n {
                return Err(mismatch(column, len, "one per visit".into()));
            }
        }
        for (column, len) in [
            ("empathy", self.empathy.len()),
            ("recommend", self.recommend.len()),
        ] {
            if len != 0 && len != n {
                return Err(mismatch(column, len, "one per visit, or none".into()));
            }
        }
        let answers = self.answers.len();
        if answers != 0 && n.checked_mul(k) != Some(answers) {
            return Err(mismatch(
                "answers",
                answers,
                format!("{k} per visit, or none"),
            ));
        }
        Ok(())
    }
}

/// Scorecards per (unit, service, period).
pub type PeriodCells = Grouped<(ByUnit, ByService, ByPeriod), Scorecard>;

/// A visit's place: `(unit, service, period)` codes of the cells' own names.
type Place = (u32, u32, Option<Period>);

/// Every score of visits given as columns, tallied into one [`Scorecard`] per (unit, service)
/// — and per period with [`by_period`](Self::by_period).
///
/// Batches may come from different readers with names of their own: each batch's codes are
/// translated to the cells' names once per code. Cells merge ([`Merge`]), so batches can be
/// tallied on several threads and the cells merged.
#[derive(Debug, Clone)]
pub struct VisitCells {
    empty: Scorecard,
    periods: Option<ByPeriod>,
    names: VisitNames,
    cells: FastMap<Place, Scorecard>,
}

impl VisitCells {
    /// No visit yet; every cell starts as a copy of `empty`.
    pub fn new(empty: Scorecard) -> Self {
        Self {
            empty,
            periods: None,
            names: VisitNames::default(),
            cells: FastMap::default(),
        }
    }

    /// No visit yet, with cells per period of arrival too.
    pub fn by_period(empty: Scorecard, periods: ByPeriod) -> Self {
        Self {
            periods: Some(periods),
            ..Self::new(empty)
        }
    }

    /// No visit yet, judged as these cells judge.
    #[cfg(feature = "csv")]
    pub(crate) fn empty_like(&self) -> Self {
        Self {
            empty: self.empty.clone(),
            periods: self.periods.clone(),
            names: VisitNames::default(),
            cells: FastMap::default(),
        }
    }

    /// How many cells hold visits: one per (unit, service, period) met.
    pub fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// The names of the cells' units and services.
    pub fn names(&self) -> &VisitNames {
        &self.names
    }

    /// Tallies a batch whose codes stand for `names`. Each visit is checked as
    /// [`Interaction::builder`](crate::Interaction::builder)'s `build` and the scorecard's
    /// `push` check it, then counted.
    ///
    /// # Errors
    /// [`Error::Inconsistent`] when columns differ in length (nothing is counted);
    /// [`Error::AtRow`] around the first visit refused — a code without a name, times out of
    /// order, a rating out of scale, an answer out of 1–4, or a scorecard's refusal. The visits
    /// before it stay counted; the one refused and those after it are not.
    pub fn push_columns(&mut self, names: &VisitNames, batch: &VisitColumns) -> Result<()> {
        let instrument = self.empty.skm().instrument().clone();
        batch.check_lengths(instrument.len())?;
        let standards = Arc::clone(self.empty.shared_standards());
        let scale = self.empty.empathy().scale();
        // The batch's codes in the cells' names, with their rules, found once per code.
        // A unit's calendar, and its own standards if it publishes any.
        type UnitRules<'s> = (&'s Calendar, Option<&'s BTreeMap<String, ServiceStandard>>);
        let mut units: Vec<Option<(u32, UnitRules<'_>)>> = vec![None; names.units.len()];
        let mut services: Vec<Option<(u32, Option<&ServiceStandard>)>> =
            vec![None; names.services.len()];
        for (row, (&unit, &service)) in batch.unit.iter().zip(&batch.service).enumerate() {
            let at_row = |source: Error| Error::AtRow {
                row,
                source: Box::new(source),
            };
            let (unit, (calendar, own)) = translate(
                &mut units,
                unit,
                &names.units,
                &mut self.names.units,
                "unit",
                |name| (standards.calendar_for(name), standards.own_standards(name)),
            )
            .map_err(at_row)?;
            let (service, province_wide) = translate(
                &mut services,
                service,
                &names.services,
                &mut self.names.services,
                "service",
                |name| standards.find(name),
            )
            .map_err(at_row)?;
            // The unit's own standard for the service, where it publishes one.
            let standard = match own {
                Some(own) => self
                    .names
                    .services
                    .name(service)
                    .and_then(|name| own.get(name))
                    .or(province_wide),
                None => province_wide,
            };
            let visit = visit_at(batch, row, &instrument, scale).map_err(at_row)?;
            let period = match &self.periods {
                Some(p) => Some(
                    p.calendar()
                        .period(visit.arrived, p.granularity())
                        .map_err(at_row)?,
                ),
                None => None,
            };
            let cell = match self.cells.entry((unit, service, period)) {
                Entry::Occupied(cell) => cell.into_mut(),
                Entry::Vacant(vacant) => vacant.insert(self.empty.clone()),
            };
            let rules = Rules { standard, calendar };
            let judged = cell.judge(&rules, &visit).map_err(at_row)?;
            cell.count(&visit, judged);
        }
        Ok(())
    }

    /// Every cell merged over periods: the scores overall, per unit and per service.
    ///
    /// # Errors
    /// [`Error::Overflow`] when merged counts pass their limits.
    pub fn breakdown(&self) -> Result<Breakdown<Scorecard>> {
        let mut cells = Grouped::new((ByUnit, ByService), self.empty.clone());
        for ((unit, service, _), card) in &self.cells {
            let key = (self.unit_name(*unit), self.service_name(*service));
            cells.group_mut(key).merge(card)?;
        }
        Ok(Breakdown::from_cells(cells))
    }

    /// The cells per (unit, service, period), when the cells keep periods.
    ///
    /// # Errors
    /// [`Error::Overflow`] when merged counts pass their limits.
    pub fn periods(&self) -> Result<Option<PeriodCells>> {
        let Some(periods) = &self.periods else {
            return Ok(None);
        };
        let mut cells = Grouped::new((ByUnit, ByService, periods.clone()), self.empty.clone());
        for ((unit, service, period), card) in &self.cells {
            if let Some(period) = period {
                let key = (self.unit_name(*unit), self.service_name(*service), *period);
                cells.group_mut(key).merge(card)?;
            }
        }
        Ok(Some(cells))
    }

    fn unit_name(&self, code: u32) -> String {
        self.names.units.name(code).unwrap_or_default().to_owned()
    }

    fn service_name(&self, code: u32) -> String {
        self.names
            .services
            .name(code)
            .unwrap_or_default()
            .to_owned()
    }
}

/// A batch's `code` in the cells' names, with what `rule` finds for its name: looked up the
/// first time the batch uses the code, then taken from `cache`.
fn translate<R: Copy>(
    cache: &mut [Option<(u32, R)>],
    code: u32,
    theirs: &Names,
    ours: &mut Names,
    what: &str,
    rule: impl FnOnce(&str) -> R,
) -> Result<(u32, R)> {
    let slot = usize::try_from(code).ok();
    if let Some(Some(hit)) = slot.and_then(|i| cache.get(i)) {
        return Ok(*hit);
    }
    let name = theirs.name(code).ok_or_else(|| Error::Inconsistent {
        what: "visit columns".into(),
        reason: format!("{what} code {code} has no name"),
    })?;
    let hit = (ours.code(name)?, rule(name));
    if let Some(entry) = slot.and_then(|i| cache.get_mut(i)) {
        *entry = Some(hit);
    }
    Ok(hit)
}

/// Visit `row` of `batch`, checked as the row path checks an [`Interaction`](crate::Interaction).
fn visit_at<'a>(
    batch: &'a VisitColumns,
    row: usize,
    instrument: &'a Instrument,
    scale: RatingScale,
) -> Result<Visit<'a>> {
    let get = |column: &[Option<Timestamp>]| column.get(row).copied().flatten();
    let arrived = batch
        .arrived
        .get(row)
        .copied()
        .unwrap_or(Timestamp::from_unix_millis(0));
    let started = get(&batch.started);
    let finished = get(&batch.finished);
    check_times(arrived, started, finished)?;
    let money = |column: &[Option<Money>]| column.get(row).copied().flatten();
    let empathy = match batch.empathy.get(row).copied().flatten() {
        Some(value) => Some(scale.rating(i64::from(value))?),
        None => None,
    };
    let recommend = match batch.recommend.get(row).copied().flatten() {
        Some(score) => Some(check_recommend(i64::from(score))?),
        None => None,
    };
    let k = instrument.len();
    #[allow(clippy::arithmetic_side_effects)] // lengths checked: row · k < answers.len()
    let answers = batch.answers.get(row * k..(row + 1) * k);
    let skm = match answers {
        Some(values) if values.iter().any(Option::is_some) => {
            for (value, element) in values.iter().zip(instrument.elements()) {
                if let Some(v) = *value
                    && !(1..=SKM_SCALE_MAX).contains(&v)
                {
                    return Err(Error::RatingOutOfScale {
                        element: element.key().into(),
                        value: i64::from(v),
                        max: SKM_SCALE_MAX,
                    });
                }
            }
            Some(Answers::of(instrument, values))
        }
        _ => None,
    };
    Ok(Visit {
        arrived,
        started,
        finished,
        official_fee: money(&batch.official_fee),
        paid: money(&batch.paid),
        skm,
        empathy,
        recommend,
    })
}

/// How the periods two sets of cells keep differ, in words.
fn periods_difference(ours: Option<&ByPeriod>, theirs: Option<&ByPeriod>) -> String {
    match (ours, theirs) {
        (Some(a), Some(b)) if a.granularity() != b.granularity() => format!(
            "they keep periods of a {} and of a {}",
            a.granularity(),
            b.granularity()
        ),
        (Some(a), Some(b)) => format!(
            "their periods are read on different calendars: {}",
            a.calendar()
                .difference(b.calendar())
                .unwrap_or_else(|| "their calendars differ".into())
        ),
        (Some(a), None) => format!(
            "the first keeps a cell per {}, the second none",
            a.granularity()
        ),
        (None, Some(b)) => format!(
            "the second keeps a cell per {}, the first none",
            b.granularity()
        ),
        (None, None) => "they keep different periods".into(),
    }
}

impl Merge for VisitCells {
    /// # Errors
    /// [`Error::MergeMismatch`] when the cells judge by different settings or periods;
    /// [`Error::Overflow`].
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.empty.check_merge(&other.empty)?;
        if self.periods != other.periods {
            return Err(Error::MergeMismatch {
                what: "visit cells".into(),
                difference: periods_difference(self.periods.as_ref(), other.periods.as_ref()),
            });
        }
        for ((unit, service, period), theirs) in &other.cells {
            let place = (
                self.names.units.get(&other.unit_name(*unit)),
                self.names.services.get(&other.service_name(*service)),
            );
            if let (Some(u), Some(s)) = place
                && let Some(ours) = self.cells.get(&(u, s, *period))
            {
                ours.check_merge(theirs)?;
            }
        }
        Ok(())
    }

    fn merge_checked(&mut self, other: &Self) {
        for ((unit, service, period), theirs) in &other.cells {
            let (Ok(u), Ok(s)) = (
                self.names.units.code(&other.unit_name(*unit)),
                self.names.services.code(&other.service_name(*service)),
            ) else {
                continue;
            };
            match self.cells.entry((u, s, *period)) {
                Entry::Occupied(mut ours) => ours.get_mut().merge_checked(theirs),
                Entry::Vacant(vacant) => {
                    vacant.insert(theirs.clone());
                }
            }
        }
    }
}
