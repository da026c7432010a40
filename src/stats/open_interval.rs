//! Confidence intervals that may be open on one side.

use std::fmt;

use super::error::{Error, Result};
use super::interval::{IntervalMethod, Level};
use super::read_check::checked_on_read;

checked_on_read! {
/// A confidence interval one of whose ends the data may not bound: the order-statistic interval
/// of a p90 from 20 waits has no upper end at 95 % (no order statistic is high enough), and the
/// exact interval of an odds ratio has none when every event fell in the first group. `None` is
/// such an open end, stated rather than filled with an infinity or the sample's extreme.
///
/// ```
/// use layanan::{Level, stats::quantile_interval};
///
/// let waits = [12.0, 7.5, 30.0, 18.0, 9.0, 45.0, 21.0, 16.0, 11.0, 25.0];
/// let p90 = quantile_interval(&waits, 0.9, Level::default())?;
/// assert_eq!(p90.lower(), Some(21.0));
/// assert_eq!(p90.upper(), None); // ten waits cannot bound a p90 from above at 95 %
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpenInterval {
    estimate: f64,
    lower: Option<f64>,
    upper: Option<f64>,
    level: Level,
    method: IntervalMethod,
}
}

impl OpenInterval {
    /// [`Error::Overflow`] for a non-finite number (the estimate may be +∞ only when the upper
    /// end is open), [`Error::Inconsistent`] for `lower > upper`.
    pub(crate) fn new(
        estimate: f64,
        lower: Option<f64>,
        upper: Option<f64>,
        level: Level,
        method: IntervalMethod,
    ) -> Result<Self> {
        let interval = Self {
            estimate,
            lower,
            upper,
            level,
            method,
        };
        interval.check()?;
        Ok(interval)
    }

    fn check(&self) -> Result<()> {
        let estimate_ok =
            self.estimate.is_finite() || (self.estimate == f64::INFINITY && self.upper.is_none());
        let bounds_ok =
            self.lower.is_none_or(f64::is_finite) && self.upper.is_none_or(f64::is_finite);
        if !(estimate_ok && bounds_ok) {
            return Err(Error::Overflow {
                field: "confidence interval".into(),
            });
        }
        if let (Some(lower), Some(upper)) = (self.lower, self.upper)
            && lower > upper
        {
            return Err(Error::Inconsistent {
                what: "interval".into(),
                reason: format!("estimate {}, bounds [{lower}, {upper}]", self.estimate),
            });
        }
        Ok(())
    }

    /// The point estimate (+∞ only for an odds ratio whose upper end is open).
    pub const fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The lower end, `None` when the data do not bound it.
    pub const fn lower(&self) -> Option<f64> {
        self.lower
    }

    /// The upper end, `None` when the data do not bound it.
    pub const fn upper(&self) -> Option<f64> {
        self.upper
    }

    /// The confidence level.
    pub const fn level(&self) -> Level {
        self.level
    }

    /// How it was computed.
    pub const fn method(&self) -> IntervalMethod {
        self.method
    }
}

impl fmt::Display for OpenInterval {
    /// `[lower, upper]` with the formatter's precision (2 decimals by default), `−∞` or `∞`
    /// at an open end.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision().unwrap_or(2);
        match self.lower {
            Some(l) => write!(f, "[{l:.p$}, ")?,
            None => write!(f, "(−∞, ")?,
        }
        match self.upper {
            Some(u) => write!(f, "{u:.p$}]"),
            None => write!(f, "∞)"),
        }
    }
}
