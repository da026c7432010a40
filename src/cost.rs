//! Cheap: what citizens paid against the official tariff.

use crate::error::{Error, Result};
use crate::model::{Interaction, Money, Standards};
use crate::stats::checked_on_read;
use crate::stats::{Interval, Level, QuantileType, Sorted};
use crate::summary::Share;

checked_on_read! {
/// Counts payments against tariffs: exact payments, overcharges (the pungli signal), free
/// services that were charged, and waivers (paid below the tariff, reported apart and never
/// counted as a violation).
///
/// The tariff is the service's published standard when there is one, else the official fee
/// recorded on the visit; a visit with neither, or without a payment recorded, is counted as
/// not judged. Sums are 128-bit, so they cannot overflow.
///
/// Read back with `serde`, it is checked: a state that pushing and merging cannot reach (counts
/// that contradict each other, a time or value out of range) is refused with
/// [`Error::Inconsistent`](crate::Error::Inconsistent).
///
/// ```
/// use layanan::{CostTally, Interaction, Money, ServiceStandard, Standards, Timestamp};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?].into_iter().collect();
/// let mut tally = CostTally::default();
/// for paid in [0, 0, 20_000, 0] {
///     let visit = Interaction::builder("ktp-el", "kel-cibeureum", Timestamp::from_unix_millis(0))
///         .paid(Money::new(paid))
///         .build()?;
///     tally.push(&visit, &standards)?;
/// }
/// let report = tally.report()?;
/// assert_eq!(report.overcharged.expect("judged").count, 1);
/// assert_eq!(report.free_service_violations.expect("free").count, 1);
/// assert_eq!(report.excess_total, Money::new(20_000));
/// assert_eq!(report.score, Some(75.0));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostTally {
    visits: u64,
    not_judged: u64,
    judged: u64,
    exact: u64,
    overcharged: u64,
    underpaid: u64,
    free: u64,
    free_violations: u64,
    fee_above_tariff: u64,
    excess_total: u128,
    waived_total: u128,
    /// The excess of each overcharged visit (for its median).
    excess: Vec<u64>,
}
}

/// What a set of visits paid.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CostReport {
    /// Visits counted.
    pub visits: u64,
    /// Visits without a tariff or a recorded payment.
    pub not_judged: u64,
    /// Visits that paid exactly the tariff.
    pub compliant: Option<Share>,
    /// Visits that paid more than the tariff.
    pub overcharged: Option<Share>,
    /// Visits to free services (tariff 0) that paid anything.
    pub free_service_violations: Option<Share>,
    /// Visits that paid less than the tariff (waivers; not violations).
    pub underpaid: Option<Share>,
    /// Visits whose recorded official fee was above the published tariff.
    pub fee_above_tariff: u64,
    /// Total paid above tariffs.
    pub excess_total: Money,
    /// Mean excess per overcharged visit, in smallest units.
    pub excess_mean: Option<f64>,
    /// Median excess per overcharged visit.
    pub excess_median: Option<f64>,
    /// Total waived below tariffs.
    pub waived_total: Money,
    /// Cost score 0–100: (1 − overcharge rate) × 100.
    pub score: Option<f64>,
    /// The score's interval (from the overcharge rate's Wilson interval).
    pub score_interval: Option<Interval>,
}

fn overflow() -> Error {
    Error::Overflow {
        field: "cost tally".into(),
    }
}

fn bump(slot: &mut u64) -> Result<()> {
    *slot = slot.checked_add(1).ok_or_else(overflow)?;
    Ok(())
}

fn to_money(total: u128, field: &str) -> Result<Money> {
    u64::try_from(total)
        .map(Money::new)
        .map_err(|_| Error::Overflow {
            field: field.into(),
        })
}

impl CostTally {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one visit.
    ///
    /// # Errors
    /// [`Error::Overflow`] past `u64::MAX` visits.
    pub fn push(&mut self, visit: &Interaction, standards: &Standards) -> Result<()> {
        bump(&mut self.visits)?;
        let published = standards.find(visit.service()).map(|s| s.tariff());
        // A stated fee above the published tariff counts whether or not a payment was recorded.
        if let (Some(published), Some(stated)) = (published, visit.official_fee())
            && stated > published
        {
            bump(&mut self.fee_above_tariff)?;
        }
        let (Some(tariff), Some(paid)) = (published.or(visit.official_fee()), visit.paid()) else {
            return bump(&mut self.not_judged);
        };
        bump(&mut self.judged)?;
        if tariff.is_zero() {
            bump(&mut self.free)?;
            if !paid.is_zero() {
                bump(&mut self.free_violations)?;
            }
        }
        match paid.cmp(&tariff) {
            std::cmp::Ordering::Equal => bump(&mut self.exact)?,
            std::cmp::Ordering::Greater => {
                let excess = paid.units().abs_diff(tariff.units());
                bump(&mut self.overcharged)?;
                // Fewer than 2^64 visits of less than 2^64 each: 128 bits never saturate.
                self.excess_total = self.excess_total.saturating_add(u128::from(excess));
                self.excess.push(excess);
            }
            std::cmp::Ordering::Less => {
                bump(&mut self.underpaid)?;
                let waived = u128::from(tariff.units().abs_diff(paid.units()));
                self.waived_total = self.waived_total.saturating_add(waived);
            }
        }
        Ok(())
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::Overflow`]; `self` is then unchanged.
    pub fn merge(&mut self, other: &CostTally) -> Result<()> {
        let (counts, excess_total, waived_total) = self.merged_counts(other)?;
        [
            self.visits,
            self.not_judged,
            self.judged,
            self.exact,
            self.overcharged,
            self.underpaid,
            self.free,
            self.free_violations,
            self.fee_above_tariff,
        ] = counts;
        self.excess_total = excess_total;
        self.waived_total = waived_total;
        self.excess.extend_from_slice(&other.excess);
        Ok(())
    }

    /// Whether [`merge`](Self::merge) would succeed, without merging.
    pub(crate) fn check_merge(&self, other: &CostTally) -> Result<()> {
        self.merged_counts(other).map(drop)
    }

    fn merged_counts(&self, other: &CostTally) -> Result<([u64; 9], u128, u128)> {
        let add = |a: u64, b: u64| a.checked_add(b).ok_or_else(overflow);
        let counts = [
            add(self.visits, other.visits)?,
            add(self.not_judged, other.not_judged)?,
            add(self.judged, other.judged)?,
            add(self.exact, other.exact)?,
            add(self.overcharged, other.overcharged)?,
            add(self.underpaid, other.underpaid)?,
            add(self.free, other.free)?,
            add(self.free_violations, other.free_violations)?,
            add(self.fee_above_tariff, other.fee_above_tariff)?,
        ];
        let excess_total = self
            .excess_total
            .checked_add(other.excess_total)
            .ok_or_else(overflow)?;
        let waived_total = self
            .waived_total
            .checked_add(other.waived_total)
            .ok_or_else(overflow)?;
        Ok((counts, excess_total, waived_total))
    }

    /// Visits counted.
    pub fn visits(&self) -> u64 {
        self.visits
    }

    /// Pushing and merging keep these relations; a tally deserialised from tampered data may not.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // sums of three u64 in u128 cannot overflow
    fn check(&self) -> Result<()> {
        let n = u128::from;
        let consistent = n(self.exact) + n(self.overcharged) + n(self.underpaid) == n(self.judged)
            && n(self.judged) + n(self.not_judged) == n(self.visits)
            && self.free_violations <= self.free
            && self.free_violations <= self.overcharged
            && self.free <= self.judged
            && self.fee_above_tariff <= self.visits
            && n(self.underpaid) <= self.waived_total
            && (self.underpaid > 0 || self.waived_total == 0)
            && self.excess.len() as u128 == n(self.overcharged)
            && self.excess.iter().all(|&e| e > 0)
            && self.excess.iter().map(|&e| u128::from(e)).sum::<u128>() == self.excess_total;
        if consistent {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "cost tally".into(),
                reason: "its counts contradict each other".into(),
            })
        }
    }

    /// The report at 95 %.
    ///
    /// # Errors
    /// As [`report_with`](Self::report_with).
    pub fn report(&self) -> Result<CostReport> {
        self.report_with(Level::default())
    }

    /// The report at `level`.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when no visit was counted; [`Error::Overflow`] when a total
    /// exceeds `u64::MAX` smallest units.
    pub fn report_with(&self, level: Level) -> Result<CostReport> {
        if self.visits == 0 {
            return Err(Error::InsufficientData {
                what: "cost report".into(),
                needed: 1,
                got: 0,
            });
        }
        let overcharged = Share::new(self.overcharged, self.judged, level)?;
        let excess: Vec<f64> = self.excess.iter().map(|&e| e as f64).collect();
        let excess_median = if excess.is_empty() {
            None
        } else {
            Some(Sorted::from_vec(excess)?.quantile(0.5, QuantileType::Linear)?)
        };
        Ok(CostReport {
            visits: self.visits,
            not_judged: self.not_judged,
            compliant: Share::new(self.exact, self.judged, level)?,
            free_service_violations: Share::new(self.free_violations, self.free, level)?,
            underpaid: Share::new(self.underpaid, self.judged, level)?,
            fee_above_tariff: self.fee_above_tariff,
            excess_total: to_money(self.excess_total, "total excess")?,
            excess_mean: (self.overcharged > 0)
                .then(|| self.excess_total as f64 / self.overcharged as f64),
            excess_median,
            waived_total: to_money(self.waived_total, "total waived")?,
            score: overcharged.map(|s| 100.0 * (1.0 - s.rate())),
            score_interval: overcharged
                .map(|s| {
                    Interval::from_bounds(
                        100.0 * (1.0 - s.rate()),
                        100.0 * (1.0 - s.interval.upper()),
                        100.0 * (1.0 - s.interval.lower()),
                        level,
                        s.interval.method(),
                    )
                })
                .transpose()?,
            overcharged,
        })
    }
}
