//! Erlang C: how many counters a front office needs.

use super::error::{Error, Result};
use super::interval::{finite, positive};
use super::read_check::checked_on_read;

/// The offered load `A = λ·s` in erlangs, and `s`, from checked inputs.
fn load(arrivals_per_hour: f64, mean_service_minutes: f64) -> Result<(f64, f64)> {
    let lambda = positive("arrivals per hour", arrivals_per_hour)? / 60.0;
    let s = positive("mean service minutes", mean_service_minutes)?;
    Ok((lambda * s, s))
}

/// `Bₖ` from `Bₖ₋₁`: the numerically stable Erlang B recursion.
fn erlang_b_step(traffic: f64, b: f64, k: u32) -> f64 {
    traffic * b / (f64::from(k) + traffic * b)
}

/// A waiting-time threshold: finite and not negative.
pub(crate) fn check_threshold(threshold_seconds: f64) -> Result<f64> {
    finite("threshold seconds", threshold_seconds)?;
    if threshold_seconds < 0.0 {
        return Err(Error::InvalidValue {
            field: "threshold seconds".into(),
            value: threshold_seconds,
            expected: "zero or positive".into(),
        });
    }
    Ok(threshold_seconds)
}

checked_on_read! {
/// An M/M/N queue (Erlang C): citizens arrive at random at `arrivals_per_hour`, each served in
/// `mean_service_minutes` on average by one of `servers` counters.
///
/// With offered load `A = λ·s` (erlangs), the probability of waiting is Erlang's C formula,
/// computed through the numerically stable Erlang B recursion `B₀ = 1`,
/// `Bₖ = A·Bₖ₋₁/(k + A·Bₖ₋₁)`, `C = N·B/(N − A(1 − B))`.
///
/// ```
/// use layanan::stats::ErlangC;
///
/// // 60 arrivals an hour, 5 minutes each (A = 5 erlangs), 7 counters.
/// let q = ErlangC::new(60.0, 5.0, 7)?;
/// assert!((q.traffic() - 5.0).abs() < 1e-12);
/// assert!((q.probability_of_waiting() - 0.3241).abs() < 1e-4);
/// // How many counters serve 80 % within 2 minutes?
/// let n = ErlangC::servers_for(60.0, 5.0, 0.8, 120.0)?;
/// assert!(ErlangC::new(60.0, 5.0, n)?.service_level(120.0)? >= 0.8);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErlangC {
    traffic: f64,
    service_minutes: f64,
    servers: u32,
    p_wait: f64,
}
}

impl ErlangC {
    /// The most counters modelled. Computing C takes one step per counter; no front office has
    /// this many, and the bound keeps [`servers_for`](Self::servers_for) quick on any load.
    pub const MAX_SERVERS: u32 = 100_000;

    /// The queue with these arrivals, service time and counters.
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::InvalidValue`] for a rate or time that is not finite and
    /// positive; [`Error::OutOfRange`] above [`MAX_SERVERS`](Self::MAX_SERVERS) counters;
    /// [`Error::UnstableQueue`] when the load needs more counters (`A ≥ N`): the queue grows
    /// without bound.
    pub fn new(arrivals_per_hour: f64, mean_service_minutes: f64, servers: u32) -> Result<Self> {
        let (traffic, s) = load(arrivals_per_hour, mean_service_minutes)?;
        if servers > Self::MAX_SERVERS {
            return Err(Error::OutOfRange {
                field: "servers".into(),
                value: servers.into(),
                min: 1,
                max: Self::MAX_SERVERS.into(),
            });
        }
        if traffic >= f64::from(servers) {
            return Err(Error::UnstableQueue { traffic, servers });
        }
        let b = (1..=servers).fold(1.0, |b, k| erlang_b_step(traffic, b, k));
        Ok(Self::from_erlang_b(traffic, s, servers, b))
    }

    /// What [`new`](Self::new) ensures; a queue read back from elsewhere may not have it.
    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        let (traffic, s) = (self.traffic, self.service_minutes);
        let positive = |x: f64| x.is_finite() && x > 0.0;
        let stable = positive(traffic)
            && positive(s)
            && self.servers <= Self::MAX_SERVERS
            && traffic < f64::from(self.servers)
            && (0.0..=1.0).contains(&self.p_wait);
        if stable {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "Erlang C queue".into(),
                reason: format!(
                    "load {traffic}, service {s} minutes, {} servers, P(wait) {}",
                    self.servers, self.p_wait
                ),
            })
        }
    }

    /// The queue whose Erlang B blocking probability for `servers` is `b`, with `A < N`.
    fn from_erlang_b(traffic: f64, service_minutes: f64, servers: u32, b: f64) -> Self {
        let n = f64::from(servers);
        Self {
            traffic,
            service_minutes,
            servers,
            p_wait: n * b / (n - traffic * (1.0 - b)),
        }
    }

    /// The offered load `A` in erlangs.
    pub fn traffic(&self) -> f64 {
        self.traffic
    }

    /// The number of counters.
    pub fn servers(&self) -> u32 {
        self.servers
    }

    /// Counter occupancy `A/N`.
    pub fn occupancy(&self) -> f64 {
        self.traffic / f64::from(self.servers)
    }

    /// The probability that an arrival waits at all (Erlang C).
    pub fn probability_of_waiting(&self) -> f64 {
        self.p_wait
    }

    /// The share served within `threshold_seconds`: `1 − C·e^{−(N−A)·t/s}`.
    ///
    /// # Errors
    /// [`Error::NotFinite`] or [`Error::InvalidValue`] for a non-finite or negative threshold.
    pub fn service_level(&self, threshold_seconds: f64) -> Result<f64> {
        let t = check_threshold(threshold_seconds)? / 60.0;
        let rate = (f64::from(self.servers) - self.traffic) / self.service_minutes;
        Ok(1.0 - self.p_wait * (-rate * t).exp())
    }

    /// The average speed of answer (mean wait over all arrivals), in minutes: `C·s/(N − A)`.
    pub fn average_wait_minutes(&self) -> f64 {
        self.p_wait * self.service_minutes / (f64::from(self.servers) - self.traffic)
    }

    /// The fewest counters for which at least `target` of arrivals wait no more than
    /// `threshold_seconds`.
    ///
    /// The Erlang B recursion runs once, counter by counter, so the search costs one step per
    /// counter of the answer.
    ///
    /// # Errors
    /// As [`new`](Self::new) and [`service_level`](Self::service_level);
    /// [`Error::InvalidProbability`] unless `0 < target < 1`; [`Error::Overflow`] when more than
    /// [`MAX_SERVERS`](Self::MAX_SERVERS) counters would be needed.
    pub fn servers_for(
        arrivals_per_hour: f64,
        mean_service_minutes: f64,
        target: f64,
        threshold_seconds: f64,
    ) -> Result<u32> {
        super::dist::check_probability("service-level target", target)?;
        let (traffic, s) = load(arrivals_per_hour, mean_service_minutes)?;
        check_threshold(threshold_seconds)?;
        let mut b = 1.0;
        for servers in 1..=Self::MAX_SERVERS {
            b = erlang_b_step(traffic, b, servers);
            // Below the load the queue is unstable; above it the service level rises with
            // each counter.
            if f64::from(servers) > traffic
                && Self::from_erlang_b(traffic, s, servers, b).service_level(threshold_seconds)?
                    >= target
            {
                return Ok(servers);
            }
        }
        Err(Error::Overflow {
            field: "number of servers".into(),
        })
    }
}
