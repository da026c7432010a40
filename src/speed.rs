//! Fast: waiting, service and turnaround times against each service's published standard.

use crate::error::{Error, Result};
use crate::model::{Completion, Interaction, Standards};
use crate::stats::checked_on_read;
use crate::stats::{Interval, Level, QuantileType};
use crate::summary::{Share, Summary};

checked_on_read! {
/// Collects the times of visits and how they compare with their services' standards.
///
/// Exact quantiles need the times themselves, so the tally keeps them (8 bytes a visit per
/// measure); everything else is counts. Merging concatenates and adds, so the tally of two
/// halves merged is the tally of the whole.
///
/// * wait = started − arrived, service = finished − started, turnaround = finished − arrived, in
///   minutes; services with a working-day standard (permits) are summarised in working days from
///   arrival to finish instead, so days-long permits do not swamp counter services' minutes;
/// * a visit is within standard when its turnaround is at most the completion time (or, for a
///   standard in working days, when the working days from arrival to finish are at most it);
/// * Apdex with T = the standard: satisfied ≤ T, tolerating ≤ 4T, `(S + T/2)/n`.
///
/// Visits of a service without a published standard are counted as such, never judged.
///
/// Read back with `serde`, it is checked: a state that pushing and merging cannot reach (counts
/// that contradict each other, a time or value out of range) is refused with
/// [`Error::Inconsistent`](crate::Error::Inconsistent).
///
/// ```
/// use layanan::{Completion, Interaction, Money, ServiceStandard, SpeedTally, Standards, TimeSpan};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?
///     .with_completion(Completion::Within(TimeSpan::from_minutes(60)))].into_iter().collect();
/// let at = |s: &str| s.parse::<layanan::Timestamp>();
/// let mut tally = SpeedTally::default();
/// for (arrive, start, finish) in [("08:00", "08:10", "08:40"), ("08:05", "08:50", "09:30")] {
///     let visit = Interaction::builder("ktp-el", "kel-sukamaju", at(&format!("2025-03-04T{arrive}:00+07:00"))?)
///         .started_at(at(&format!("2025-03-04T{start}:00+07:00"))?)
///         .finished_at(at(&format!("2025-03-04T{finish}:00+07:00"))?)
///         .build()?;
///     tally.push(&visit, &standards)?;
/// }
/// let report = tally.report()?;
/// let within = report.within_standard.expect("judged");
/// assert_eq!((within.count, within.of), (1, 2)); // 40 min yes, 85 min no
/// assert_eq!(report.score, Some(50.0));
/// assert_eq!(report.turnaround.expect("finished").median, 62.5);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpeedTally {
    visits: u64,
    unfinished: u64,
    no_standard: u64,
    /// Minutes.
    wait: Vec<f64>,
    /// Minutes.
    service: Vec<f64>,
    /// Minutes.
    turnaround: Vec<f64>,
    /// Turnaround in working days, for services with a working-day standard.
    working_days: Vec<f64>,
    judged: u64,
    within: u64,
    satisfied: u64,
    tolerating: u64,
    wait_judged: u64,
    wait_within: u64,
}
}

/// Settings of a speed report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SpeedOptions {
    /// Confidence level of the intervals.
    pub level: Level,
    /// Quantile definition (Hyndman–Fan type 7 unless set).
    pub quantile_type: QuantileType,
}

/// The speed of a set of visits.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SpeedReport {
    /// Visits counted.
    pub visits: u64,
    /// Visits not finished (no finish time).
    pub unfinished: u64,
    /// Visits of services without a published completion standard.
    pub no_standard: u64,
    /// Waiting time (arrival to start), minutes.
    pub wait: Option<Summary>,
    /// Service time (start to finish), minutes, of services not measured in working days.
    pub service: Option<Summary>,
    /// Turnaround (arrival to finish), minutes, of services not measured in working days.
    pub turnaround: Option<Summary>,
    /// Turnaround in working days, for services with a working-day standard.
    pub working_days: Option<Summary>,
    /// Finished visits within their completion standard.
    pub within_standard: Option<Share>,
    /// Visits started within their waiting-time target.
    pub within_wait_target: Option<Share>,
    /// Apdex with T = the completion standard, 0–1.
    pub apdex: Option<f64>,
    /// Speed score 0–100: share within standard × 100.
    pub score: Option<f64>,
    /// The score's interval (Wilson, × 100).
    pub score_interval: Option<Interval>,
}

fn minutes(span: crate::model::TimeSpan) -> f64 {
    span.as_minutes()
}

fn bump(slot: &mut u64) -> Result<()> {
    *slot = slot.checked_add(1).ok_or_else(|| Error::Overflow {
        field: "speed tally count".into(),
    })?;
    Ok(())
}

impl SpeedTally {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one visit, judged against its service's standard in `standards`.
    ///
    /// # Errors
    /// [`Error::TimeOutOfRange`] when working days cannot be counted for its dates;
    /// [`Error::Overflow`] past `u64::MAX` visits. The tally is then unchanged.
    pub fn push(&mut self, visit: &Interaction, standards: &Standards) -> Result<()> {
        let standard = standards.find(visit.service());
        let completion = standard.and_then(|s| s.completion());
        // Judge first, since counting working days can fail: a visit that cannot be judged
        // leaves the tally as it was. `(taken, allowed, working days)` in the standard's unit.
        let verdict = match (completion, visit.turnaround(), visit.finished_at()) {
            (Some(Completion::Within(limit)), Some(turnaround), _) => {
                Some((minutes(turnaround), minutes(limit), None))
            }
            (Some(Completion::WorkingDays(days)), _, Some(finished)) => {
                let taken = standards
                    .calendar()
                    .working_days_between(visit.arrived_at(), finished)?;
                Some((f64::from(taken), f64::from(days), Some(taken)))
            }
            _ => None,
        };
        // Every other count is at most `visits`: once this bump succeeds, none can overflow.
        bump(&mut self.visits)?;
        if let Some(wait) = visit.wait() {
            self.wait.push(minutes(wait));
            if let Some(target) = standard.and_then(|s| s.max_wait()) {
                bump(&mut self.wait_judged)?;
                if wait <= target {
                    bump(&mut self.wait_within)?;
                }
            }
        }
        // Services measured in working days (permits) would swamp minute statistics of counter
        // services: their times are summarised in working days instead.
        let in_days = matches!(completion, Some(Completion::WorkingDays(_)));
        if let Some(service) = visit.service_time().filter(|_| !in_days) {
            self.service.push(minutes(service));
        }
        let Some(turnaround) = visit.turnaround() else {
            return bump(&mut self.unfinished);
        };
        if !in_days {
            self.turnaround.push(minutes(turnaround));
        }
        let Some((taken, allowed, working_days)) = verdict else {
            return bump(&mut self.no_standard);
        };
        if let Some(days) = working_days {
            self.working_days.push(f64::from(days));
        }
        bump(&mut self.judged)?;
        if taken <= allowed {
            bump(&mut self.within)?;
            bump(&mut self.satisfied)?;
        } else if taken <= 4.0 * allowed {
            bump(&mut self.tolerating)?;
        }
        Ok(())
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::Overflow`] past `u64::MAX`; `self` is then unchanged.
    pub fn merge(&mut self, other: &SpeedTally) -> Result<()> {
        let counts = self.merged_counts(other)?;
        [
            self.visits,
            self.unfinished,
            self.no_standard,
            self.judged,
            self.within,
            self.satisfied,
            self.tolerating,
            self.wait_judged,
            self.wait_within,
        ] = counts;
        self.wait.extend_from_slice(&other.wait);
        self.service.extend_from_slice(&other.service);
        self.turnaround.extend_from_slice(&other.turnaround);
        self.working_days.extend_from_slice(&other.working_days);
        Ok(())
    }

    /// Whether [`merge`](Self::merge) would succeed, without merging.
    pub(crate) fn check_merge(&self, other: &SpeedTally) -> Result<()> {
        self.merged_counts(other).map(drop)
    }

    fn merged_counts(&self, other: &SpeedTally) -> Result<[u64; 9]> {
        let add = |a: u64, b: u64| {
            a.checked_add(b).ok_or_else(|| Error::Overflow {
                field: "speed tally count".into(),
            })
        };
        let counts = [
            add(self.visits, other.visits)?,
            add(self.unfinished, other.unfinished)?,
            add(self.no_standard, other.no_standard)?,
            add(self.judged, other.judged)?,
            add(self.within, other.within)?,
            add(self.satisfied, other.satisfied)?,
            add(self.tolerating, other.tolerating)?,
            add(self.wait_judged, other.wait_judged)?,
            add(self.wait_within, other.wait_within)?,
        ];
        Ok(counts)
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
        let len = |v: &Vec<f64>| v.len() as u128;
        let visits = n(self.visits);
        let counts_agree = self.within <= self.judged
            && n(self.satisfied) + n(self.tolerating) <= n(self.judged)
            && self.satisfied == self.within
            && self.wait_within <= self.wait_judged
            && n(self.wait_judged) <= len(&self.wait)
            && n(self.judged) + n(self.no_standard) + n(self.unfinished) <= visits
            && len(&self.working_days) <= n(self.judged);
        let times = [
            &self.wait,
            &self.service,
            &self.turnaround,
            &self.working_days,
        ];
        let times_agree = times
            .iter()
            .all(|v| len(v) <= visits && v.iter().all(|t| t.is_finite() && *t >= 0.0));
        if counts_agree && times_agree {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "speed tally".into(),
                reason: "its counts contradict each other, or a time is negative or not finite"
                    .into(),
            })
        }
    }

    /// The report at 95 % with type-7 quantiles.
    ///
    /// # Errors
    /// As [`report_with`](Self::report_with).
    pub fn report(&self) -> Result<SpeedReport> {
        self.report_with(&SpeedOptions::default())
    }

    /// The report with the given options. Parts without data are `None`.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when no visit was counted.
    pub fn report_with(&self, options: &SpeedOptions) -> Result<SpeedReport> {
        if self.visits == 0 {
            return Err(Error::InsufficientData {
                what: "speed report".into(),
                needed: 1,
                got: 0,
            });
        }
        let kind = options.quantile_type;
        let within_standard = Share::new(self.within, self.judged, options.level)?;
        let apdex = (self.judged > 0)
            .then(|| (self.satisfied as f64 + self.tolerating as f64 / 2.0) / self.judged as f64);
        Ok(SpeedReport {
            visits: self.visits,
            unfinished: self.unfinished,
            no_standard: self.no_standard,
            wait: Summary::of(&self.wait, kind)?,
            service: Summary::of(&self.service, kind)?,
            turnaround: Summary::of(&self.turnaround, kind)?,
            working_days: Summary::of(&self.working_days, kind)?,
            within_wait_target: Share::new(self.wait_within, self.wait_judged, options.level)?,
            apdex,
            score: within_standard.map(|s| 100.0 * s.rate()),
            score_interval: within_standard.map(|s| s.interval.scaled(100.0)),
            within_standard,
        })
    }
}
