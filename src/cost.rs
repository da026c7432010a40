//! Cheap: did each visit pay no more than the official tariff?
//!
//! The cost score is the share of judged visits **not overcharged**: paid at most the bar set
//! by the service's published tariff. Overcharging (paying more) is the pungli signal; paying
//! less (a waiver) is reported apart and is never a violation of the citizen's promise.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::model::{Interaction, Money, MoneySum, ServiceStandard, Standards, Tariff};
use crate::stats::Level;
use crate::summary::{Coverage, Share};
use crate::tally::{Merge, Tally, bump, counts, room};
use crate::visit::{Rules, Visit};
use crate::wire::versioned;

counts! {
    /// What a cost tally counts.
    pub(crate) struct CostCounts {
        visits,
        /// Visits of a service without a published standard: not judged.
        no_standard,
        /// Visits without a recorded payment: not judged.
        no_payment,
        /// Visits of an assessed-tariff service without the visit's assessed fee: not judged.
        no_assessed_fee,
        /// Paid exactly the bar.
        exact,
        /// Paid more than the bar.
        overcharged,
        /// Paid less than the bar (waived).
        underpaid,
        /// Judged visits of free services.
        free,
        /// Judged visits of free services that paid anything.
        free_violations,
        /// Visits of a fixed-tariff service whose recorded official fee exceeds the tariff.
        fee_above_tariff,
        /// Visits whose assessed fee exceeds the published ceiling.
        assessed_above_ceiling,
    }
}

versioned! {
/// Judges payments against tariffs.
///
/// Each visit is judged against its service's published [`Tariff`]: the fixed amount (Rp 0 for
/// a free service), or, for a fee assessed per case, the visit's own assessed fee
/// ([`Interaction::official_fee`]) capped by the published ceiling. A visit is not judged when
/// its service has no published standard, when no payment is recorded, or when an assessed
/// tariff meets a visit without its assessed fee; each is counted, and the report's coverage
/// says how many visits the score speaks for.
///
/// * **correctly charged**: paid exactly the bar;
/// * **overcharged**: paid more (the excess is summed, 128-bit, and its median kept exact);
/// * **waived**: paid less (reported, never a violation);
/// * **free service charged**: paid anything for a free service;
/// * also counted: a recorded official fee above a fixed tariff, an assessed fee above its
///   ceiling.
///
/// ```
/// use layanan::{CostTally, Interaction, Money, ServiceStandard, Standards, Tally, Tariff, Timestamp};
///
/// let standards: Standards = [
///     ServiceStandard::new("ktp-el", Money::ZERO)?,
///     ServiceStandard::new("pbg", Tariff::Assessed { ceiling: None })?,
/// ].into_iter().collect();
/// let mut tally = CostTally::new(standards);
/// let visit = |service: &str, fee: Option<u64>, paid: u64| {
///     let mut b = Interaction::builder(service, "kel-a", Timestamp::from_unix_millis(0)).paid(Money::new(paid));
///     if let Some(fee) = fee {
///         b = b.official_fee(Money::new(fee));
///     }
///     b.build()
/// };
/// tally.push(&visit("ktp-el", None, 0)?)?;
/// tally.push(&visit("ktp-el", None, 20_000)?)?; // pungli on a free service
/// tally.push(&visit("pbg", Some(1_500_000), 1_500_000)?)?; // paid exactly its assessed fee
/// tally.push(&visit("pbg", None, 900_000)?)?; // no assessed fee recorded: not judged
/// let report = tally.report()?;
/// assert_eq!(report.overcharged.map(|s| (s.count, s.of)), Some((1, 3)));
/// assert_eq!(report.free_service_violations.map(|s| s.count), Some(1));
/// assert_eq!(report.excess_total, Money::new(20_000).into());
/// assert_eq!((report.coverage.judged, report.coverage.of), (3, 4));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CostTally (format 1) {
    standards: Arc<Standards>,
    counts: CostCounts,
    excess_total: MoneySum,
    waived_total: MoneySum,
    /// The excess of each overcharged visit (for its median).
    excess: Vec<u64>,
}
}

impl Default for CostTally {
    /// A tally without standards: every visit is counted, none judged.
    fn default() -> Self {
        Self::new(Standards::default())
    }
}

/// Settings of a cost report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CostOptions {
    /// Confidence level of the intervals.
    pub level: Level,
}

impl CostOptions {
    /// With a confidence level.
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }
}

/// What a set of visits paid.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CostReport {
    /// Visits counted.
    pub visits: u64,
    /// Visits judged of all visits.
    pub coverage: Coverage,
    /// Visits of services without a published standard.
    pub no_standard: u64,
    /// Visits without a recorded payment.
    pub no_payment: u64,
    /// Visits of assessed-fee services without their assessed fee recorded.
    pub no_assessed_fee: u64,
    /// Judged visits that paid no more than the bar: the cost score.
    pub not_overcharged: Option<Share>,
    /// Judged visits that paid exactly the bar.
    pub correctly_charged: Option<Share>,
    /// Judged visits that paid more than the bar.
    pub overcharged: Option<Share>,
    /// Judged visits that paid less than the bar (waivers; not violations).
    pub waived: Option<Share>,
    /// Judged visits of free services that paid anything.
    pub free_service_violations: Option<Share>,
    /// Visits whose recorded official fee was above the service's fixed tariff.
    pub fee_above_tariff: u64,
    /// Visits whose assessed fee was above the published ceiling.
    pub assessed_above_ceiling: u64,
    /// Total paid above the bars.
    pub excess_total: MoneySum,
    /// Mean excess per overcharged visit, in smallest units.
    pub excess_mean: Option<f64>,
    /// Median excess per overcharged visit (the middle two averaged, rounded half up to a
    /// whole unit).
    pub excess_median: Option<Money>,
    /// Total waived below the bars.
    pub waived_total: MoneySum,
}

/// What [`CostTally::check`](Tally::check) decides about one visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CostVerdict {
    /// No published standard.
    NoStandard,
    /// Not judged: no payment, or no assessed fee.
    NotJudged {
        /// Whether the payment is what is missing (else the assessed fee).
        no_payment: bool,
        /// Whether the recorded fee exceeds the fixed tariff.
        fee_above_tariff: bool,
        /// Whether the assessed fee exceeds the ceiling.
        above_ceiling: bool,
    },
    /// Judged against `bar`.
    Judged {
        /// What was paid.
        paid: Money,
        /// The most the visit could be charged.
        bar: Money,
        /// Whether the service is free.
        free: bool,
        /// Whether the recorded fee exceeds the fixed tariff.
        fee_above_tariff: bool,
        /// Whether the assessed fee exceeds the ceiling.
        above_ceiling: bool,
    },
}

/// How `visit`'s payment stands against its service's tariff.
pub(crate) fn verdict(rules: &Rules<'_>, visit: &Visit<'_>) -> CostVerdict {
    let Some(tariff) = rules.standard.map(ServiceStandard::tariff) else {
        return CostVerdict::NoStandard;
    };
    let fee = visit.official_fee;
    let fee_above_tariff = matches!((tariff, fee), (Tariff::Fixed(t), Some(f)) if f > t);
    let above_ceiling = matches!(
        (tariff, fee),
        (Tariff::Assessed { ceiling: Some(c) }, Some(f)) if f > c
    );
    match (tariff.bar(fee), visit.paid) {
        (Some(bar), Some(paid)) => CostVerdict::Judged {
            paid,
            bar,
            free: tariff.is_free(),
            fee_above_tariff,
            above_ceiling,
        },
        (_, paid) => CostVerdict::NotJudged {
            no_payment: paid.is_none(),
            fee_above_tariff,
            above_ceiling,
        },
    }
}

impl CostVerdict {
    /// Whether the visit was overcharged, if it was judged.
    pub(crate) fn overcharged(self) -> Option<bool> {
        match self {
            CostVerdict::Judged { paid, bar, .. } => Some(paid > bar),
            _ => None,
        }
    }
}

fn overflow() -> Error {
    Error::Overflow {
        field: "cost tally".into(),
    }
}

impl CostTally {
    /// `(judged, not overcharged)`.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // each at most `visits`, summed in u128
    pub(crate) fn judged(&self) -> [u128; 2] {
        let c = &self.counts;
        let n = u128::from;
        [
            n(c.exact) + n(c.overcharged) + n(c.underpaid),
            n(c.exact) + n(c.underpaid),
        ]
    }

    /// Judges a visit's payment by `rules` (its service's tariff): what
    /// [`count`](Self::count) adds. Changes nothing.
    pub(crate) fn judge(&self, rules: &Rules<'_>, visit: &Visit<'_>) -> Result<CostVerdict> {
        // Every count is at most `visits`, and each total a sum of at most `visits` amounts
        // below 2^64 (in 128 bits): with room for one more visit, nothing overflows.
        room(self.counts.visits, "cost tally count")?;
        Ok(verdict(rules, visit))
    }

    /// Counts a visit [`judge`](Self::judge) accepted.
    pub(crate) fn count(&mut self, verdict: CostVerdict) {
        let c = &mut self.counts;
        bump(&mut c.visits);
        let (fee_above, above_ceiling) = match verdict {
            CostVerdict::NoStandard => {
                bump(&mut c.no_standard);
                (false, false)
            }
            CostVerdict::NotJudged {
                no_payment,
                fee_above_tariff,
                above_ceiling,
            } => {
                bump(if no_payment {
                    &mut c.no_payment
                } else {
                    &mut c.no_assessed_fee
                });
                (fee_above_tariff, above_ceiling)
            }
            CostVerdict::Judged {
                paid,
                bar,
                free,
                fee_above_tariff,
                above_ceiling,
            } => {
                if free {
                    bump(&mut c.free);
                }
                match paid.cmp(&bar) {
                    Ordering::Equal => bump(&mut c.exact),
                    Ordering::Greater => {
                        bump(&mut c.overcharged);
                        if free {
                            bump(&mut c.free_violations);
                        }
                        let excess = paid.units().abs_diff(bar.units());
                        self.excess.push(excess);
                        if let Ok(sum) = self.excess_total.checked_add(Money::new(excess)) {
                            self.excess_total = sum;
                        }
                    }
                    Ordering::Less => {
                        bump(&mut c.underpaid);
                        let waived = Money::new(bar.units().abs_diff(paid.units()));
                        if let Ok(sum) = self.waived_total.checked_add(waived) {
                            self.waived_total = sum;
                        }
                    }
                }
                (fee_above_tariff, above_ceiling)
            }
        };
        if fee_above {
            bump(&mut c.fee_above_tariff);
        }
        if above_ceiling {
            bump(&mut c.assessed_above_ceiling);
        }
    }

    /// An empty tally judging visits against `standards`.
    pub fn new(standards: impl Into<Arc<Standards>>) -> Self {
        Self {
            standards: standards.into(),
            counts: CostCounts::default(),
            excess_total: MoneySum::ZERO,
            waived_total: MoneySum::ZERO,
            excess: Vec::new(),
        }
    }

    /// The standards visits are judged against.
    pub fn standards(&self) -> &Standards {
        &self.standards
    }

    /// Visits counted.
    pub fn visits(&self) -> u64 {
        self.counts.visits
    }

    /// Pushing and merging keep these relations; a tally read back from tampered data may not.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // sums of u64 counts in u128 cannot overflow
    fn validate(&self) -> Result<()> {
        let c = &self.counts;
        let n = u128::from;
        let judged = n(c.exact) + n(c.overcharged) + n(c.underpaid);
        let consistent = judged + n(c.no_standard) + n(c.no_payment) + n(c.no_assessed_fee)
            == n(c.visits)
            && c.free_violations <= c.free
            && c.free_violations <= c.overcharged
            && n(c.free) <= judged
            && c.fee_above_tariff <= c.visits
            && c.assessed_above_ceiling <= c.visits
            && n(c.underpaid) <= self.waived_total.units()
            && (c.underpaid > 0 || self.waived_total == MoneySum::ZERO)
            && self.excess.len() as u128 == n(c.overcharged)
            && self.excess.iter().all(|&e| e > 0)
            && self.excess.iter().map(|&e| u128::from(e)).sum::<u128>()
                == self.excess_total.units();
        if consistent {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "cost tally".into(),
                reason: "its counts contradict each other".into(),
            })
        }
    }
}

impl Merge for CostTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.standards
            .check_same(&other.standards, "cost tallies")?;
        self.counts
            .checked_add(&other.counts)
            .ok_or_else(overflow)?;
        self.excess_total
            .checked_sum(other.excess_total)
            .and(self.waived_total.checked_sum(other.waived_total))
            .map(drop)
            .ok_or_else(overflow)
    }

    fn merge_checked(&mut self, other: &Self) {
        if let Some(sum) = self.counts.checked_add(&other.counts) {
            self.counts = sum;
        }
        if let Some(sum) = self.excess_total.checked_sum(other.excess_total) {
            self.excess_total = sum;
        }
        if let Some(sum) = self.waived_total.checked_sum(other.waived_total) {
            self.waived_total = sum;
        }
        self.excess.extend_from_slice(&other.excess);
    }
}

impl Tally for CostTally {
    type Record = Interaction;
    type Checked = CostVerdict;
    type Options = CostOptions;
    type Report = CostReport;

    /// Judges `visit`'s payment against its service's tariff.
    ///
    /// # Errors
    /// [`Error::Overflow`] past `u64::MAX` visits.
    fn check(&self, visit: &Interaction) -> Result<CostVerdict> {
        // Every count is at most `visits`, and each total a sum of at most `visits` amounts
        // below 2^64 (in 128 bits): with room for one more visit, nothing overflows.
        let rules = self.standards.rules(visit.service(), visit.unit());
        self.judge(&rules, &visit.visit())
    }

    fn commit(&mut self, _: &Interaction, verdict: CostVerdict) {
        self.count(verdict);
    }

    /// The report.
    ///
    /// # Errors
    /// [`Error::NoData`] when no visit was counted.
    fn report_with(&self, options: &CostOptions) -> Result<CostReport> {
        let c = &self.counts;
        if c.visits == 0 {
            return Err(Error::NoData {
                what: "visits".into(),
            });
        }
        let level = options.level;
        // Bounded by `visits` (pushes and merges keep it; `validate` checks it on read).
        let judged = c
            .exact
            .saturating_add(c.overcharged)
            .saturating_add(c.underpaid);
        let share = |count: u64, of: u64| Share::new(count, of, level);
        Ok(CostReport {
            visits: c.visits,
            coverage: Coverage::new(judged, c.visits),
            no_standard: c.no_standard,
            no_payment: c.no_payment,
            no_assessed_fee: c.no_assessed_fee,
            not_overcharged: share(judged.saturating_sub(c.overcharged), judged)?,
            correctly_charged: share(c.exact, judged)?,
            overcharged: share(c.overcharged, judged)?,
            waived: share(c.underpaid, judged)?,
            free_service_violations: share(c.free_violations, c.free)?,
            fee_above_tariff: c.fee_above_tariff,
            assessed_above_ceiling: c.assessed_above_ceiling,
            excess_total: self.excess_total,
            excess_mean: (c.overcharged > 0)
                .then(|| self.excess_total.units() as f64 / c.overcharged as f64),
            excess_median: median(&self.excess),
            waived_total: self.waived_total,
        })
    }
}

/// The median of whole amounts, exactly: the middle one, or the middle two averaged and
/// rounded half up.
fn median(values: &[u64]) -> Option<Money> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    // `mid < len` since `len ≥ 1`.
    let mid = sorted.len() / 2;
    let (lower_half, upper, _) = sorted.select_nth_unstable(mid);
    let upper = *upper;
    if values.len() % 2 == 1 {
        return Some(Money::new(upper));
    }
    let lower = lower_half.iter().copied().max()?;
    // (lower + upper + 1) / 2 in 128 bits: rounding half up cannot overflow.
    let sum = u128::from(lower)
        .saturating_add(u128::from(upper))
        .saturating_add(1);
    u64::try_from(sum / 2).ok().map(Money::new)
}

impl fmt::Display for CostReport {
    /// The cost section of a report: overcharges first, with what they count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let share = |s: &Option<Share>| s.map_or_else(|| "—".to_owned(), |s| s.to_string());
        writeln!(
            f,
            "overcharged {} · not overcharged {} · {}",
            share(&self.overcharged),
            share(&self.not_overcharged),
            self.coverage
        )?;
        writeln!(
            f,
            "  free services charged {} · waived {} · correctly charged {}",
            share(&self.free_service_violations),
            share(&self.waived),
            share(&self.correctly_charged)
        )?;
        match self.excess_median {
            Some(median) => writeln!(
                f,
                "  excess paid {} in all, median {median} per overcharged visit",
                self.excess_total
            )?,
            None => writeln!(f, "  no excess paid")?,
        }
        if self.waived_total > MoneySum::ZERO {
            writeln!(f, "  waived {} in all", self.waived_total)?;
        }
        let not_judged = [
            (self.no_standard, "of services without a published standard"),
            (self.no_payment, "without a recorded payment"),
            (self.no_assessed_fee, "without their assessed fee"),
            (
                self.fee_above_tariff,
                "stating an official fee above the tariff",
            ),
            (
                self.assessed_above_ceiling,
                "assessed above the published ceiling",
            ),
        ];
        for (count, what) in not_judged {
            if count > 0 {
                let visits = if count == 1 { "visit" } else { "visits" };
                writeln!(f, "  {count} {visits} {what} (not judged)")?;
            }
        }
        Ok(())
    }
}
