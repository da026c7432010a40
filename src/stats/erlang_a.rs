//! Erlang A: a queue whose citizens give up and leave.

use super::error::{Error, Result};
use super::interval::positive;
use super::queue::check_threshold;

/// The most queue states kept: when waiting citizens are very patient and the counters far too
/// few, the queue holds more than this many before abandonment balances arrivals.
const MAX_STATES: usize = 2_000_000;

/// The most work one service-level computation does (queue states × uniformization steps).
const MAX_WORK: f64 = 2e9;

/// An M/M/N+M queue (Erlang A, Palm 1943): citizens arrive at random at `arrivals_per_hour`,
/// each served in `mean_service_minutes` on average by one of `servers` counters, and one who
/// waits gives up after an exponential patience of `mean_patience_minutes` on average.
///
/// Unlike Erlang C ([`ErlangC`](super::ErlangC)) the queue is stable with any number of
/// counters, and it answers the question a front office asks: how many leave without being
/// served. With `λ` arrivals, service rate `μ` and abandonment rate `θ` a minute, the number
/// in the office is a birth–death process with deaths `kμ` up to `N` and `Nμ + (k − N)θ`
/// beyond; its stationary distribution `π` is summed in logarithms until its terms no longer
/// count (at most two million states). Then
///
/// * P(wait) `= Σ_{k≥N} πₖ`;
/// * P(abandon) `= θ·E[queue]/λ`, with `E[queue] = Σ_{k>N} (k − N)·πₖ`;
/// * the share served within `t`: an arrival finding `j` waiting ahead reaches a counter after
///   the line ahead of it shrinks `j + 1` times, at rates `Nμ + mθ` (`m = j … 0`), unless its own
///   patience runs out first; that probability is computed for every `j` at once by
///   uniformization, and weighted by `π`.
///
/// The numbers are checked against a 40-digit evaluation of the same model (the stationary
/// distribution from its product form, cross-checked with a solve of the generator; the
/// service level from matrix exponentials of the tagged citizen's chain).
///
/// ```
/// use layanan::stats::ErlangA;
///
/// // 60 arrivals an hour, 5 minutes each, 6 counters; citizens wait 10 minutes on average
/// // before giving up.
/// let q = ErlangA::new(60.0, 5.0, 10.0, 6)?;
/// assert!(q.probability_of_abandonment() < q.probability_of_waiting());
/// let served = q.served_within(120.0)?; // the share served within 2 minutes
/// assert!(served > 0.0 && served < 1.0 - q.probability_of_abandonment());
/// // Counters for 80 % served within 2 minutes with at most 3 % leaving:
/// let n = ErlangA::servers_for(60.0, 5.0, 10.0, 0.8, 120.0, 0.03)?;
/// let q = ErlangA::new(60.0, 5.0, 10.0, n)?;
/// assert!(q.served_within(120.0)? >= 0.8 && q.probability_of_abandonment() <= 0.03);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ErlangA {
    /// Arrivals a minute.
    lambda: f64,
    /// Services a minute per counter.
    mu: f64,
    /// Abandonments a minute per waiting citizen.
    theta: f64,
    servers: u32,
    /// The stationary distribution of the number in the office, truncated where it no longer
    /// counts.
    pi: Vec<f64>,
}

impl ErlangA {
    /// The most counters modelled, as for Erlang C.
    pub const MAX_SERVERS: u32 = 100_000;

    /// The queue with these arrivals, service time, patience and counters.
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::InvalidValue`] for a rate or time that is not finite and
    /// positive; [`Error::OutOfRange`] for no counter or more than
    /// [`MAX_SERVERS`](Self::MAX_SERVERS); [`Error::NotApplicable`] when the queue would hold
    /// more than two million citizens before abandonment balances arrivals.
    pub fn new(
        arrivals_per_hour: f64,
        mean_service_minutes: f64,
        mean_patience_minutes: f64,
        servers: u32,
    ) -> Result<Self> {
        let lambda = positive("arrivals per hour", arrivals_per_hour)? / 60.0;
        let mu = 1.0 / positive("mean service minutes", mean_service_minutes)?;
        let theta = 1.0 / positive("mean patience minutes", mean_patience_minutes)?;
        if !(1..=Self::MAX_SERVERS).contains(&servers) {
            return Err(Error::OutOfRange {
                field: "servers".into(),
                value: servers.into(),
                min: 1,
                max: Self::MAX_SERVERS.into(),
            });
        }
        let pi = stationary(lambda, mu, theta, servers)?;
        Ok(Self {
            lambda,
            mu,
            theta,
            servers,
            pi,
        })
    }

    /// The number of counters.
    pub fn servers(&self) -> u32 {
        self.servers
    }

    /// The offered load `λ/μ` in erlangs.
    pub fn traffic(&self) -> f64 {
        self.lambda / self.mu
    }

    /// The probability that an arrival waits at all: every counter busy.
    pub fn probability_of_waiting(&self) -> f64 {
        self.pi.iter().skip(self.servers as usize).sum()
    }

    /// The mean number waiting.
    pub fn mean_queue(&self) -> f64 {
        self.pi
            .iter()
            .skip(self.servers as usize)
            .enumerate()
            .map(|(j, p)| j as f64 * p)
            .sum()
    }

    /// The share of arrivals who give up and leave: `θ·E[queue]/λ`.
    pub fn probability_of_abandonment(&self) -> f64 {
        (self.theta * self.mean_queue() / self.lambda).clamp(0.0, 1.0)
    }

    /// The mean time in the queue over all arrivals (served or not), in minutes (Little's law).
    pub fn average_wait_minutes(&self) -> f64 {
        self.mean_queue() / self.lambda
    }

    /// The share of all arrivals served within `threshold_seconds` of arriving (those who give
    /// up count as not served).
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::InvalidValue`] for a non-finite or negative threshold;
    /// [`Error::NotApplicable`] when the threshold is so long against the queue's rates that
    /// the computation would take more than two billion steps.
    pub fn served_within(&self, threshold_seconds: f64) -> Result<f64> {
        check_threshold(threshold_seconds)?;
        let n = self.servers as usize;
        let at_once: f64 = self.pi.iter().take(n).sum();
        let waiting = self.pi.get(n..).unwrap_or_default();
        if waiting.is_empty() || threshold_seconds == 0.0 {
            return Ok(at_once.clamp(0.0, 1.0));
        }
        let reached = reach_within(
            waiting.len(),
            f64::from(self.servers) * self.mu,
            self.theta,
            threshold_seconds / 60.0,
        )?;
        let queued: f64 = waiting.iter().zip(&reached).map(|(p, u)| p * u).sum();
        Ok((at_once + queued).clamp(0.0, 1.0))
    }

    /// The fewest counters for which at least `target` of arrivals are served within
    /// `threshold_seconds` and at most `max_abandonment` of them give up. Both improve with
    /// every counter, so the search is a bisection.
    ///
    /// # Errors
    /// As [`new`](Self::new) and [`served_within`](Self::served_within);
    /// [`Error::InvalidProbability`] unless `0 < target < 1` and `0 < max_abandonment < 1`;
    /// [`Error::Overflow`] when more than [`MAX_SERVERS`](Self::MAX_SERVERS) counters would be
    /// needed.
    pub fn servers_for(
        arrivals_per_hour: f64,
        mean_service_minutes: f64,
        mean_patience_minutes: f64,
        target: f64,
        threshold_seconds: f64,
        max_abandonment: f64,
    ) -> Result<u32> {
        super::dist::check_probability("service-level target", target)?;
        super::dist::check_probability("abandonment ceiling", max_abandonment)?;
        let meets = |servers: u32| -> Result<bool> {
            let q = Self::new(
                arrivals_per_hour,
                mean_service_minutes,
                mean_patience_minutes,
                servers,
            )?;
            Ok(q.probability_of_abandonment() <= max_abandonment
                && q.served_within(threshold_seconds)? >= target)
        };
        // Double until enough, then bisect between the last two tries (low < mid < high).
        let (mut low, mut high) = (0u32, 1u32);
        while !meets(high)? {
            if high >= Self::MAX_SERVERS {
                return Err(Error::Overflow {
                    field: "number of servers".into(),
                });
            }
            low = high;
            high = high.saturating_mul(2).min(Self::MAX_SERVERS);
        }
        // `high` meets the targets and `low` (0, or a tried count) does not.
        while high.saturating_sub(low) > 1 {
            let mid = low.saturating_add(high.saturating_sub(low) / 2);
            if meets(mid)? {
                high = mid;
            } else {
                low = mid;
            }
        }
        Ok(high)
    }
}

/// The stationary distribution of the number in the office, from the product form in
/// logarithms, truncated where the terms stop counting.
#[allow(clippy::arithmetic_side_effects)] // k ≤ MAX_STATES; k − n only where k > n
fn stationary(lambda: f64, mu: f64, theta: f64, servers: u32) -> Result<Vec<f64>> {
    let n = servers as usize;
    let mut logs = vec![0.0_f64];
    let mut log = 0.0_f64;
    let mut max = 0.0_f64;
    for k in 1.. {
        if k > MAX_STATES {
            return Err(Error::NotApplicable {
                method: "Erlang A".into(),
                reason: format!(
                    "the queue would hold more than {MAX_STATES} citizens before abandonment \
                     balances arrivals; give a shorter patience or more counters"
                ),
            });
        }
        let death = if k <= n {
            k as f64 * mu
        } else {
            n as f64 * mu + (k - n) as f64 * theta
        };
        let ratio = lambda / death;
        log += ratio.ln();
        max = max.max(log);
        logs.push(log);
        // Past the servers, once the terms fall (ratio < 1) they fall faster and faster: stop
        // when one is below 1e-40 of the largest.
        if k >= n && ratio < 1.0 && log < max - 92.0 {
            break;
        }
    }
    let terms: Vec<f64> = logs.iter().map(|l| (l - max).exp()).collect();
    let total: f64 = terms.iter().sum();
    Ok(terms.into_iter().map(|t| t / total).collect())
}

/// For `m = 0 … states − 1` citizens waiting ahead, the probability of reaching a counter
/// within `t` minutes before giving up: the line ahead shrinks at `advance + m·theta`, the
/// citizen leaves at `theta`. Uniformization at the fastest rate, for every `m` at once.
fn reach_within(states: usize, advance: f64, theta: f64, t: f64) -> Result<Vec<f64>> {
    let top = advance + states as f64 * theta; // ≥ advance + m·θ + θ for every m < states
    let mean = top * t;
    let steps = (mean + 12.0 * mean.sqrt() + 40.0).ceil();
    if steps * states as f64 > MAX_WORK {
        return Err(Error::NotApplicable {
            method: "Erlang A service level".into(),
            reason: format!(
                "{steps} steps over {states} queue states: the threshold is too long against \
                 the queue's rates"
            ),
        });
    }
    let mut now = vec![0.0_f64; states];
    let mut next = vec![0.0_f64; states];
    let mut result = vec![0.0_f64; states];
    // Poisson(mean) weights by the log recursion w_s = w_{s−1}·mean/s.
    let mut log_weight = -mean;
    let log_mean = mean.ln();
    let mut s = 0.0_f64;
    while s <= steps {
        let weight = log_weight.exp();
        for (r, u) in result.iter_mut().zip(&now) {
            *r += weight * u;
        }
        // One uniformized step: from m, advance (to m − 1, or a counter from 0), leave, or stay.
        let mut ahead = 1.0; // reaching a counter from "0 ahead" is reaching service
        for (m, (u, fresh)) in now.iter().zip(next.iter_mut()).enumerate() {
            let rate = advance + m as f64 * theta;
            *fresh = rate / top * ahead + (1.0 - (rate + theta) / top) * u;
            ahead = *u;
        }
        std::mem::swap(&mut now, &mut next);
        s += 1.0;
        log_weight += log_mean - s.ln();
    }
    Ok(result.into_iter().map(|u| u.clamp(0.0, 1.0)).collect())
}
