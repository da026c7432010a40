//! Sample quantiles, the nine definitions of Hyndman & Fan (1996).

use super::error::{Error, Result};

/// `lo + (hi − lo)·g` for `0 ≤ g ≤ 1`, from the nearer end (as numpy does, so either end is
/// exact). Between finite values whose difference overflows (±f64::MAX) it weighs the ends
/// instead, which cannot overflow.
pub(crate) fn lerp(lo: f64, hi: f64, g: f64) -> f64 {
    let diff = hi - lo;
    if g == 0.0 || lo == hi {
        lo
    } else if !diff.is_finite() {
        lo * (1.0 - g) + hi * g
    } else if g < 0.5 {
        lo + diff * g
    } else {
        hi - diff * (1.0 - g)
    }
}

/// Which of Hyndman & Fan's nine sample-quantile definitions to use.
///
/// The names are numpy's (`numpy.quantile(method=…)`); R's `quantile(type = k)` uses the numbers.
/// [`Linear`](Self::Linear) (type 7) is the default of numpy, R and spreadsheets' `PERCENTILE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum QuantileType {
    /// Type 1: the inverse of the empirical distribution function.
    InvertedCdf,
    /// Type 2: as type 1, averaging at discontinuities.
    AveragedInvertedCdf,
    /// Type 3: the nearest even order statistic (SAS definition 2).
    ClosestObservation,
    /// Type 4: linear interpolation of the empirical CDF.
    InterpolatedInvertedCdf,
    /// Type 5: piecewise linear with knots at the midpoints (hydrologists' choice).
    Hazen,
    /// Type 6: `p(n+1)` (Minitab, SPSS).
    Weibull,
    /// Type 7: `1 + p(n−1)` (numpy, R, spreadsheets).
    #[default]
    Linear,
    /// Type 8: approximately median-unbiased whatever the distribution.
    MedianUnbiased,
    /// Type 9: approximately unbiased for normal data.
    NormalUnbiased,
}

impl QuantileType {
    /// Hyndman & Fan's number, 1–9.
    #[allow(clippy::arithmetic_side_effects)] // discriminants are 0–8
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The type with Hyndman & Fan's number `k`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 1–9.
    pub fn from_number(k: u8) -> Result<Self> {
        use QuantileType::*;
        [
            InvertedCdf,
            AveragedInvertedCdf,
            ClosestObservation,
            InterpolatedInvertedCdf,
            Hazen,
            Weibull,
            Linear,
            MedianUnbiased,
            NormalUnbiased,
        ]
        .get(usize::from(k).wrapping_sub(1))
        .copied()
        .ok_or(Error::OutOfRange {
            field: "quantile type".into(),
            value: k.into(),
            min: 1,
            max: 9,
        })
    }
}

/// A sorted copy of a sample, ready to answer many quantiles after one sort.
///
/// ```
/// use layanan::stats::{QuantileType, Sorted};
///
/// let waits = Sorted::new(&[12.0, 7.5, 30.0, 18.0, 9.0, 45.0])?;
/// assert_eq!(waits.median(), 15.0);
/// assert_eq!(waits.quantile(0.9, QuantileType::Linear)?, 37.5);
/// assert_eq!(waits.quantile(0.9, QuantileType::InvertedCdf)?, 45.0);
/// let [p90, p95] = waits.quantiles([0.9, 0.95], QuantileType::default())?;
/// assert!(p90 <= p95);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Sorted {
    values: Vec<f64>,
}

impl Sorted {
    /// Copies and sorts `data`; the input is left untouched.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when empty; [`Error::NotFinite`] for NaN or ±∞.
    pub fn new(data: &[f64]) -> Result<Self> {
        Self::from_vec(data.to_vec())
    }

    /// Sorts `values` in place and keeps them.
    ///
    /// # Errors
    /// As [`new`](Self::new).
    pub fn from_vec(mut values: Vec<f64>) -> Result<Self> {
        if values.is_empty() {
            return Err(Error::InsufficientData {
                what: "quantile".into(),
                needed: 1,
                got: 0,
            });
        }
        if let Some(bad) = values.iter().find(|x| !x.is_finite()) {
            return Err(Error::NotFinite {
                field: "observation".into(),
                value: *bad,
            });
        }
        values.sort_unstable_by(f64::total_cmp);
        Ok(Self { values })
    }

    /// The sorted values.
    pub fn as_slice(&self) -> &[f64] {
        &self.values
    }

    /// The number of values (at least 1).
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Always false: a `Sorted` holds at least one value.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The median (type 7, which for the median is every type's usual answer).
    pub fn median(&self) -> f64 {
        self.at(0.5, QuantileType::Linear)
    }

    /// The `p`-quantile, `0 ≤ p ≤ 1`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for `p` outside [0, 1] or NaN.
    pub fn quantile(&self, p: f64, kind: QuantileType) -> Result<f64> {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::InvalidValue {
                field: "quantile probability".into(),
                value: p,
                expected: "between 0 and 1".into(),
            });
        }
        Ok(self.at(p, kind))
    }

    /// Several quantiles at once.
    ///
    /// # Errors
    /// As [`quantile`](Self::quantile).
    pub fn quantiles<const N: usize>(&self, ps: [f64; N], kind: QuantileType) -> Result<[f64; N]> {
        let mut out = [0.0; N];
        for (slot, p) in out.iter_mut().zip(ps) {
            *slot = self.quantile(p, kind)?;
        }
        Ok(out)
    }

    /// The 1-based order statistic `x_k`, clamped to the sample.
    fn x(&self, k: f64) -> f64 {
        let i = order_index(k, self.values.len());
        self.values.get(i).copied().unwrap_or(f64::NAN)
    }

    fn at(&self, p: f64, kind: QuantileType) -> f64 {
        quantile_at(self.values.len(), p, kind, &mut |k| self.x(k))
    }
}

/// The 0-based index of the 1-based order statistic `x_k` of `n` values, clamped to them.
fn order_index(k: f64, n: usize) -> usize {
    if k < 1.0 {
        0
    } else if k >= n as f64 {
        n.saturating_sub(1)
    } else {
        (k as usize).saturating_sub(1) // k ≥ 1 here
    }
}

/// Hyndman & Fan's quantile `p` of `n` values whose 1-based order statistic `x_k` is `x(k)`:
/// `Q(p) = (1 − γ)·x_j + γ·x_{j+1}`, with `j = ⌊np + m⌋` and `γ` from `g = np + m − j`.
fn quantile_at(n: usize, p: f64, kind: QuantileType, x: &mut dyn FnMut(f64) -> f64) -> f64 {
    use QuantileType::*;
    let n = n as f64;
    let mut discontinuous = |m: f64, gamma: &dyn Fn(f64, f64) -> f64| {
        let h = n * p + m;
        let j = h.floor();
        let g = h - j;
        let gamma = gamma(g, j);
        if gamma == 0.0 {
            x(j)
        } else if gamma == 1.0 {
            x(j + 1.0)
        } else {
            let lo = x(j);
            f64::midpoint(lo, x(j + 1.0))
        }
    };
    match kind {
        InvertedCdf => discontinuous(0.0, &|g, _| if g > 0.0 { 1.0 } else { 0.0 }),
        AveragedInvertedCdf => discontinuous(0.0, &|g, _| if g > 0.0 { 1.0 } else { 0.5 }),
        ClosestObservation => discontinuous(-0.5, &|g, j| {
            if g == 0.0 && j % 2.0 == 0.0 { 0.0 } else { 1.0 }
        }),
        _ => {
            let (alpha, beta) = match kind {
                InterpolatedInvertedCdf => (0.0, 1.0),
                Hazen => (0.5, 0.5),
                Weibull => (0.0, 0.0),
                MedianUnbiased => (1.0 / 3.0, 1.0 / 3.0),
                NormalUnbiased => (3.0 / 8.0, 3.0 / 8.0),
                _ => (1.0, 1.0), // Linear
            };
            // h = (n + 1 − α − β)·p + α, the 1-based position.
            let h = (n + 1.0 - alpha - beta) * p + alpha;
            let j = h.floor();
            let g = h - j;
            let lo = x(j);
            lerp(lo, x(j + 1.0), g)
        }
    }
}

/// Order statistics of a slice, selected in place and asked for in any order: each is selected
/// only between the nearest positions already selected around it (every value left of a
/// selected position is at most its value, every value right of it at least), so asking for a
/// few neighbouring ranks costs little more than asking for one.
pub(crate) struct OrderStatistics<'a> {
    values: &'a mut [f64],
    /// Positions already holding their sorted value, increasing.
    fixed: Vec<usize>,
}

impl<'a> OrderStatistics<'a> {
    /// The order statistics of `values` (reordered as they are asked for).
    pub(crate) fn new(values: &'a mut [f64]) -> Self {
        Self {
            values,
            fixed: Vec::new(),
        }
    }

    /// How many values there are.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// The `i`-th smallest value (from 0); NaN past the last.
    #[allow(clippy::arithmetic_side_effects)] // from ≤ i < to ≤ len
    pub(crate) fn nth(&mut self, i: usize) -> f64 {
        let slot = match self.fixed.binary_search(&i) {
            Ok(_) => return self.values.get(i).copied().unwrap_or(f64::NAN),
            Err(slot) => slot,
        };
        let from = match slot.checked_sub(1).and_then(|s| self.fixed.get(s)) {
            Some(&before) => before + 1,
            None => 0,
        };
        let to = self.fixed.get(slot).copied().unwrap_or(self.values.len());
        let Some(block) = self.values.get_mut(from..to).filter(|_| i < to) else {
            return f64::NAN;
        };
        let x = *block.select_nth_unstable_by(i - from, f64::total_cmp).1;
        self.fixed.insert(slot, i);
        x
    }

    /// The quantiles `ps` (definition `kind`), as [`select_quantiles`] gives them.
    ///
    /// # Errors
    /// As [`select_quantiles`].
    pub(crate) fn quantiles<const N: usize>(
        &mut self,
        ps: [f64; N],
        kind: QuantileType,
    ) -> Result<[f64; N]> {
        if self.values.is_empty() {
            return Err(Error::InsufficientData {
                what: "quantile".into(),
                needed: 1,
                got: 0,
            });
        }
        if let Some(bad) = self.values.iter().find(|v| !v.is_finite()) {
            return Err(Error::NotFinite {
                field: "observation".into(),
                value: *bad,
            });
        }
        if let Some(p) = ps.into_iter().find(|p| !(0.0..=1.0).contains(p)) {
            return Err(Error::InvalidValue {
                field: "quantile probability".into(),
                value: p,
                expected: "between 0 and 1".into(),
            });
        }
        let n = self.len();
        Ok(ps.map(|p| quantile_at(n, p, kind, &mut |k| self.nth(order_index(k, n)))))
    }
}

/// Quantile `p` (definition `kind`) of `n` values whose `i`-th smallest (from 0) is
/// `order_statistic(i)`: for data kept in a form that can give its order statistics but not
/// its values (a histogram, a sketch).
///
/// ```
/// use layanan::stats::{QuantileType, order_statistic_quantile};
///
/// // 1, 2, 2, 2, 5 kept as counts: the median of type 7 is the 3rd smallest.
/// let counts = [(1.0, 1), (2.0, 3), (5.0, 1)];
/// let mut nth = |i: u64| {
///     let mut seen = 0;
///     counts.iter().find(|&&(_, c)| { seen += c; i < seen }).map_or(f64::NAN, |&(v, _)| v)
/// };
/// assert_eq!(order_statistic_quantile(5, 0.5, QuantileType::Linear, &mut nth)?, 2.0);
/// let p90 = order_statistic_quantile(5, 0.9, QuantileType::Linear, &mut nth)?;
/// assert!((p90 - 3.8).abs() < 1e-12); // 2 + 0.6 × (5 − 2)
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for `n` = 0, [`Error::InvalidValue`] for `p` outside 0–1.
pub fn order_statistic_quantile(
    n: u64,
    p: f64,
    kind: QuantileType,
    order_statistic: &mut dyn FnMut(u64) -> f64,
) -> Result<f64> {
    if n == 0 {
        return Err(Error::InsufficientData {
            what: "quantile".into(),
            needed: 1,
            got: 0,
        });
    }
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::InvalidValue {
            field: "quantile probability".into(),
            value: p,
            expected: "between 0 and 1".into(),
        });
    }
    let count = usize::try_from(n).unwrap_or(usize::MAX);
    Ok(quantile_at(count, p, kind, &mut |k| {
        order_statistic(order_index(k, count) as u64)
    }))
}

/// The quantiles `ps` of `values` by selection instead of sorting (linear time each), with the
/// numbers [`Sorted::quantiles`] gives. `values` are reordered.
///
/// ```
/// use layanan::stats::{QuantileType, Sorted, select_quantiles};
///
/// let mut values = vec![7.0, 1.0, 4.0, 10.0, 2.0, 8.0];
/// let sorted = Sorted::new(&values)?;
/// let ps = [0.5, 0.9, 0.95];
/// let by_selection = select_quantiles(&mut values, ps, QuantileType::Linear)?;
/// assert_eq!(by_selection, sorted.quantiles(ps, QuantileType::Linear)?);
/// # Ok::<(), layanan::stats::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for no values, [`Error::NotFinite`] for a NaN or infinite one,
/// [`Error::InvalidValue`] for a probability outside 0–1.
pub fn select_quantiles<const N: usize>(
    values: &mut [f64],
    ps: [f64; N],
    kind: QuantileType,
) -> Result<[f64; N]> {
    OrderStatistics::new(values).quantiles(ps, kind)
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Sorted {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct Raw {
            values: Vec<f64>,
        }
        let raw = Raw::deserialize(d)?;
        Sorted::from_vec(raw.values).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::OrderStatistics;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the order ranks are asked in, each is the value sorting would put there.
        #[test]
        fn order_statistics_in_any_order_are_the_sorted_values(
            values in prop::collection::vec(-50i32..50, 1..300),
            asks in prop::collection::vec(0usize..400, 1..20),
        ) {
            let mut sorted: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            let mut scratch = sorted.clone();
            sorted.sort_by(f64::total_cmp);
            let mut order = OrderStatistics::new(&mut scratch);
            for i in asks {
                let got = order.nth(i);
                match sorted.get(i) {
                    Some(want) => prop_assert_eq!(got, *want),
                    None => prop_assert!(got.is_nan()),
                }
            }
        }
    }
}
