//! Importance–performance analysis and the customer satisfaction index.

use super::error::{Error, Result};

/// Martilla & James's (1977) quadrants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Quadrant {
    /// Important and under-performing: fix these first.
    ConcentrateHere,
    /// Important and performing well.
    KeepUpTheGoodWork,
    /// Neither important nor performing well.
    LowPriority,
    /// Performing well on something that matters little.
    PossibleOverkill,
}

/// Where the quadrants are divided.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Crosshair {
    /// At the mean importance and the mean performance of the items.
    #[default]
    GrandMeans,
    /// At a given (importance, performance) point, e.g. a scale midpoint.
    At {
        /// Importance dividing high from low.
        importance: f64,
        /// Performance dividing high from low.
        performance: f64,
    },
}

fn check(items: &[(f64, f64)]) -> Result<()> {
    if items.is_empty() {
        return Err(Error::InsufficientData {
            what: "importance-performance analysis".into(),
            needed: 1,
            got: 0,
        });
    }
    if let Some(bad) = items
        .iter()
        .flat_map(|(i, p)| [i, p])
        .find(|v| !v.is_finite())
    {
        return Err(Error::NotFinite {
            field: "importance or performance".into(),
            value: *bad,
        });
    }
    Ok(())
}

/// Classifies `(importance, performance)` pairs into quadrants; a value on the crosshair counts
/// as high.
///
/// ```
/// use layanan::stats::{Crosshair, Quadrant, importance_performance};
///
/// let items = [(4.6, 2.9), (4.4, 3.6), (3.1, 2.8), (3.0, 3.7)];
/// let quadrants = importance_performance(&items, Crosshair::GrandMeans)?;
/// assert_eq!(quadrants, vec![
///     Quadrant::ConcentrateHere, Quadrant::KeepUpTheGoodWork,
///     Quadrant::LowPriority, Quadrant::PossibleOverkill,
/// ]);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for no items; [`Error::NotFinite`].
pub fn importance_performance(items: &[(f64, f64)], crosshair: Crosshair) -> Result<Vec<Quadrant>> {
    check(items)?;
    let n = items.len() as f64;
    let (ci, cp) = match crosshair {
        Crosshair::GrandMeans => (
            items.iter().map(|i| i.0).sum::<f64>() / n,
            items.iter().map(|i| i.1).sum::<f64>() / n,
        ),
        Crosshair::At {
            importance,
            performance,
        } => (
            super::interval::finite("crosshair importance", importance)?,
            super::interval::finite("crosshair performance", performance)?,
        ),
    };
    Ok(items
        .iter()
        .map(|&(i, p)| match (i >= ci, p >= cp) {
            (true, false) => Quadrant::ConcentrateHere,
            (true, true) => Quadrant::KeepUpTheGoodWork,
            (false, false) => Quadrant::LowPriority,
            (false, true) => Quadrant::PossibleOverkill,
        })
        .collect())
}

/// The customer satisfaction index used in Indonesian service studies:
/// `CSI = Σ (Iᵢ/ΣI)·Pᵢ / scale_max × 100`, performance weighted by normalised importance.
///
/// ```
/// use layanan::stats::customer_satisfaction_index;
///
/// let items = [(5.0, 4.0), (3.0, 3.0)];
/// // (5/8·4 + 3/8·3) / 5 × 100 = 72.5
/// assert!((customer_satisfaction_index(&items, 5.0)? - 72.5).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for no items or zero total importance; [`Error::NotFinite`];
/// [`Error::InvalidValue`] for a scale maximum that is not positive, a negative importance, or
/// a performance outside `0..=scale_max`.
pub fn customer_satisfaction_index(items: &[(f64, f64)], scale_max: f64) -> Result<f64> {
    check(items)?;
    super::interval::positive("scale maximum", scale_max)?;
    for &(importance, performance) in items {
        if importance < 0.0 {
            return Err(Error::InvalidValue {
                field: "importance".into(),
                value: importance,
                expected: "zero or positive".into(),
            });
        }
        if !(0.0..=scale_max).contains(&performance) {
            return Err(Error::InvalidValue {
                field: "performance".into(),
                value: performance,
                expected: format!("between 0 and the scale maximum {scale_max}"),
            });
        }
    }
    // Importances relative to the largest, so that their sum cannot overflow.
    let largest = items.iter().map(|i| i.0).fold(0.0, f64::max);
    if largest <= 0.0 {
        return Err(Error::InsufficientData {
            what: "customer satisfaction index (positive total importance)".into(),
            needed: 1,
            got: 0,
        });
    }
    let total: f64 = items.iter().map(|i| i.0 / largest).sum();
    let weighted: f64 = items.iter().map(|(i, p)| i / largest / total * p).sum();
    Ok(weighted / scale_max * 100.0)
}
