//! Mean, variance, skewness and kurtosis in one pass, mergeable.

use super::error::{Error, Result};
use super::interval::{Interval, Level};
use super::read_check::checked_on_read;

/// A statistic of finite observations can still overflow (the variance of ±1e300): an error,
/// never ±∞ or NaN.
fn no_overflow(what: &str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::Overflow {
            field: format!("{what} of these observations"),
        })
    }
}

/// `x·2^e`, in steps that stay within the normal range (`2^±1000`).
#[allow(clippy::arithmetic_side_effects)] // |e| ≤ 4·2200 (four times the span of exponents of f64), stepped down by 1000
pub(crate) fn scale2(mut x: f64, mut e: i32) -> f64 {
    let power = |e: i32| f64::from_bits(u64::from((e + 1023).unsigned_abs()) << 52);
    while e > 1000 {
        x *= power(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= power(-1000);
        e += 1000;
    }
    x * power(e)
}

/// `⌊log₂ h⌋` for a positive finite `h`, subnormals included.
#[allow(clippy::arithmetic_side_effects)] // a biased exponent below 2048, leading zeros below 64
pub(crate) fn floor_log2(h: f64) -> i32 {
    let bits = h.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        let mantissa = bits & ((1 << 52) - 1);
        63 - mantissa.leading_zeros() as i32 - 1074
    } else {
        biased - 1023
    }
}

/// The power of two `k` the central sums are kept in units of: 0 for a range in
/// `[2⁻²⁰¹, 2¹⁹⁹)` (or no range), else `⌊log₂ range⌋ + 1`, so every deviation divided by `2^k`
/// is at most 1 and its fourth power neither underflows nor overflows.
#[allow(clippy::arithmetic_side_effects)] // floor_log2 lies in [−1074, 1023]
fn scale_exponent(min: f64, max: f64) -> i32 {
    // Half the range, which cannot overflow.
    let half = max / 2.0 - min / 2.0;
    if !(half > 0.0 && half.is_finite()) {
        return 0;
    }
    let k = floor_log2(half) + 2;
    if (-200..=200).contains(&k) { 0 } else { k }
}

fn overflow() -> Error {
    Error::Overflow {
        field: "moments count".into(),
    }
}

checked_on_read! {
/// Running moments of a sample: count, mean, central sums of powers 2–4, minimum and maximum.
///
/// Values are taken relative to the first one seen (a shift that keeps data like `1e9 + noise`
/// accurate: differences of means are formed from the shifts and the shifted means, so a Welch
/// or one-sample t of `1e9` plus noise of `1e-4` keeps its digits), updated with Welford's method
/// extended to the third and fourth powers (Pébay 2008), and merged with Chan's pairwise
/// formulas, so tallying two halves and merging agrees with tallying the whole to about 1e-15
/// relative.
///
/// Data whose range lies outside `[2⁻²⁰¹, 2¹⁹⁹)` keep their central sums in units of a power
/// of two near the range (rescaled exactly when the range grows), so deviations are never
/// squared into underflow or overflow: data near 1e-300 have their true standard deviation (not
/// 0), and data near 1e300 their standard deviation, skewness and kurtosis, though their
/// variance overflows `f64`.
///
/// NaN and infinities are never dropped silently: [`push`](Self::push) refuses them, and
/// values collected through [`FromIterator`]/[`Extend`] are counted so that every statistic
/// then answers [`Error::NotFinite`].
///
/// Read back with `serde`, it is checked: a state that pushing and merging cannot reach (counts
/// that contradict each other, a time or value out of range) is refused with
/// [`Error::Inconsistent`].
///
/// ```
/// use layanan::stats::Moments;
///
/// let waits = [12.0, 7.5, 30.0, 18.0, 9.0];
/// let m: Moments = waits.iter().copied().collect();
/// assert_eq!(m.count(), 5);
/// assert!((m.mean()? - 15.3).abs() < 1e-12);
/// assert!((m.variance()? - 83.7).abs() < 1e-12);
///
/// // Merge the tallies of two threads.
/// let mut left: Moments = waits[..2].iter().copied().collect();
/// let right: Moments = waits[2..].iter().copied().collect();
/// left.merge(&right)?;
/// assert!((left.mean()? - 15.3).abs() < 1e-12);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Moments {
    n: u64,
    /// The shift K (the first value seen).
    shift: f64,
    /// Mean of `x − K`.
    mean: f64,
    /// `Σ(x − x̄)^p / S^p` for p = 2, 3, 4, with `S = 2^k`, `k = scale_exponent(min, max)`.
    m2: f64,
    m3: f64,
    m4: f64,
    min: f64,
    max: f64,
    /// Non-finite values collected through `Extend`.
    rejected: u64,
}
}

impl Moments {
    /// No observations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one observation.
    ///
    /// # Errors
    /// [`Error::NotFinite`] for NaN or ±∞; [`Error::Overflow`] past `u64::MAX` observations.
    /// The moments are then left unchanged.
    pub fn push(&mut self, x: f64) -> Result<()> {
        if !x.is_finite() {
            return Err(Error::NotFinite {
                field: "observation".into(),
                value: x,
            });
        }
        let count = self.n.checked_add(1).ok_or_else(overflow)?;
        if self.n == 0 {
            self.shift = x;
            self.min = x;
            self.max = x;
        }
        let before = scale_exponent(self.min, self.max);
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        let k = scale_exponent(self.min, self.max);
        self.rescale(before, k);
        let n1 = self.n as f64;
        self.n = count;
        let n = self.n as f64;
        let raw = (x - self.shift) - self.mean;
        let delta = scale2(raw, k.saturating_neg());
        let delta_n = delta / n;
        let delta_n2 = delta_n * delta_n;
        let term1 = delta * delta_n * n1;
        self.mean += if k == 0 { delta_n } else { scale2(delta_n, k) };
        self.m4 += term1 * delta_n2 * (n * n - 3.0 * n + 3.0) + 6.0 * delta_n2 * self.m2
            - 4.0 * delta_n * self.m3;
        self.m3 += term1 * delta_n * (n - 2.0) - 3.0 * delta_n * self.m2;
        self.m2 += term1;
        Ok(())
    }

    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// [`Error::Overflow`] past `u64::MAX` observations; `self` is then unchanged.
    pub fn merge(&mut self, other: &Moments) -> Result<()> {
        let count = self.n.checked_add(other.n).ok_or_else(overflow)?;
        let rejected = self
            .rejected
            .checked_add(other.rejected)
            .ok_or_else(overflow)?;
        self.rejected = rejected;
        if other.n == 0 {
            return Ok(());
        }
        if self.n == 0 {
            *self = *other;
            self.rejected = rejected;
            return Ok(());
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        // Both sides' sums in the units of the merged range.
        let (min, max) = (self.min.min(other.min), self.max.max(other.max));
        let k = scale_exponent(min, max);
        self.rescale(scale_exponent(self.min, self.max), k);
        let mut theirs = *other;
        theirs.rescale(scale_exponent(other.min, other.max), k);
        // The other side's mean, relative to our shift.
        let other_mean = (other.shift - self.shift) + other.mean;
        let raw = other_mean - self.mean;
        let delta = scale2(raw, k.saturating_neg());
        let delta2 = delta * delta;
        let (m2a, m3a) = (self.m2, self.m3);
        let m2 = m2a + theirs.m2 + delta2 * na * nb / n;
        let m3 = m3a
            + theirs.m3
            + delta * delta2 * na * nb * (na - nb) / (n * n)
            + 3.0 * delta * (na * theirs.m2 - nb * m2a) / n;
        let m4 = self.m4
            + theirs.m4
            + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
            + 6.0 * delta2 * (na * na * theirs.m2 + nb * nb * m2a) / (n * n)
            + 4.0 * delta * (na * theirs.m3 - nb * m3a) / n;
        self.mean += raw * nb / n;
        self.m2 = m2;
        self.m3 = m3;
        self.m4 = m4;
        self.n = count;
        self.min = min;
        self.max = max;
        Ok(())
    }

    /// Central sums kept in units of `2^from` moved to units of `2^to` (exact but for
    /// underflow of terms far below the others).
    #[allow(clippy::arithmetic_side_effects)] // exponents within ±1100 (scale_exponent), times at most 4
    fn rescale(&mut self, from: i32, to: i32) {
        if from == to {
            return;
        }
        let step = from - to;
        self.m2 = scale2(self.m2, 2 * step);
        self.m3 = scale2(self.m3, 3 * step);
        self.m4 = scale2(self.m4, 4 * step);
    }

    /// The number of (finite) observations.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// Pushing and merging keep these; moments deserialised from tampered data may not.
    #[cfg(feature = "serde")]
    fn check(&self) -> Result<()> {
        let sums = [
            self.shift, self.mean, self.m2, self.m3, self.m4, self.min, self.max,
        ];
        // The shift is the first value pushed, so it lies in [min, max] exactly; the mean does
        // up to rounding, for which a millionth of the range is ample.
        let slack = 1e-6 * (self.max - self.min);
        let mean = self.shift + self.mean;
        let within = |x: f64| self.min - slack <= x && x <= self.max + slack;
        let sane = sums.iter().all(|v| v.is_finite())
            && self.m2 >= 0.0
            && self.m4 >= 0.0
            && (self.n == 0
                || (self.min <= self.max
                    && (self.min..=self.max).contains(&self.shift)
                    && within(mean)));
        if sane {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "moments".into(),
                reason: "negative or non-finite central sums, or a first value, mean, minimum \
                         and maximum out of order"
                    .into(),
            })
        }
    }

    /// For tallies that hold moments of values known to lie in `[low, high]`: whether these
    /// could have come from pushing such values.
    #[cfg(feature = "serde")]
    pub(crate) fn check_within(&self, what: &str, low: f64, high: f64) -> Result<()> {
        self.check()?;
        if self.rejected == 0 && (self.n == 0 || (low <= self.min && self.max <= high)) {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: what.into(),
                reason: format!("non-finite values, or values outside [{low}, {high}]"),
            })
        }
    }

    #[allow(clippy::arithmetic_side_effects)] // two u64 added in u128
    fn need(&self, what: &str, needed: u64) -> Result<f64> {
        if self.rejected > 0 {
            return Err(Error::NotFinite {
                field: format!(
                    "{} of {} observations",
                    self.rejected,
                    u128::from(self.rejected) + u128::from(self.n)
                ),
                value: f64::NAN,
            });
        }
        if self.n < needed {
            return Err(Error::InsufficientData {
                what: what.into(),
                needed,
                got: self.n,
            });
        }
        Ok(self.n as f64)
    }

    /// The mean.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when empty; [`Error::NotFinite`] when non-finite values were
    /// collected; [`Error::Overflow`] when the mean overflows `f64`.
    pub fn mean(&self) -> Result<f64> {
        self.need("mean", 1)?;
        // The mean lies between the least and the greatest value; keeping it there stops
        // rounding (or moments read back within their slack) from putting it outside. Not
        // `clamp`, which panics on bounds out of order.
        no_overflow("mean", self.shift + self.mean).map(|m| m.max(self.min).min(self.max))
    }

    /// The sample variance (denominator `n − 1`), correctly rounded: for a spread below about
    /// 1e-154 it underflows toward 0, where [`sd`](Self::sd) keeps its precision.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] below 2 observations; [`Error::NotFinite`];
    /// [`Error::Overflow`] when the variance overflows `f64` (a spread near 1e154 and beyond).
    pub fn variance(&self) -> Result<f64> {
        let n = self.need("variance", 2)?;
        let (m2, k) = self.central_squares();
        no_overflow("variance", scale2(m2 / (n - 1.0), k.saturating_mul(2)))
    }

    /// The sample standard deviation, from the scaled sum of squares: finite and accurate for
    /// any finite data whose range does not overflow (data near 1e-300 or 1e300 included).
    ///
    /// # Errors
    /// [`Error::InsufficientData`] below 2 observations; [`Error::NotFinite`];
    /// [`Error::Overflow`] when it overflows `f64` (observations of opposite signs near
    /// `f64::MAX`).
    pub fn sd(&self) -> Result<f64> {
        let n = self.need("variance", 2)?;
        let (m2, k) = self.central_squares();
        no_overflow("standard deviation", scale2((m2 / (n - 1.0)).sqrt(), k))
    }

    /// The standard error of the mean, `sd / √n`.
    ///
    /// # Errors
    /// As [`sd`](Self::sd).
    pub fn sem(&self) -> Result<f64> {
        let n = self.need("standard error", 2)?;
        let (m2, k) = self.central_squares();
        no_overflow("standard error", scale2((m2 / (n - 1.0) / n).sqrt(), k))
    }

    /// `(s, k)` with `Σ(x − x̄)² = s·2^{2k}`: the sum of squares in the units it is kept in.
    pub(crate) fn central_squares(&self) -> (f64, i32) {
        (self.m2, scale_exponent(self.min, self.max))
    }

    /// `mean − c`, formed as `(K − c) + mean(x − K)` from the shift `K`: exact to the last digit
    /// of the difference when `c` is near the data (Sterbenz), where the rounded mean would
    /// lose the digits below its own ulp (data of 1e9 ± 1e-4).
    pub(crate) fn mean_minus(&self, c: f64) -> f64 {
        (self.shift - c) + self.mean
    }

    /// `mean(self) − mean(other)`, formed from the shifts and the shifted means, as
    /// [`mean_minus`](Self::mean_minus).
    pub(crate) fn mean_difference(&self, other: &Moments) -> f64 {
        (self.shift - other.shift) + (self.mean - other.mean)
    }

    /// The smallest observation.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when empty; [`Error::NotFinite`].
    pub fn min(&self) -> Result<f64> {
        self.need("minimum", 1)?;
        Ok(self.min)
    }

    /// The largest observation.
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when empty; [`Error::NotFinite`].
    pub fn max(&self) -> Result<f64> {
        self.need("maximum", 1)?;
        Ok(self.max)
    }

    /// The adjusted Fisher–Pearson skewness `G₁ = g₁·√(n(n−1))/(n−2)` (as scipy's
    /// `skew(bias=False)` and spreadsheets' `SKEW`).
    ///
    /// ```
    /// use layanan::stats::Moments;
    ///
    /// let minutes: Moments =
    ///     [12.0, 7.5, 30.0, 18.0, 9.0, 45.0, 14.0, 11.0, 22.0, 16.0].into_iter().collect();
    /// // scipy.stats.skew(bias=False) and kurtosis(bias=False)
    /// assert!((minutes.skewness()? - 1.5994023034793914).abs() < 1e-12);
    /// assert!((minutes.kurtosis()? - 2.510217997664464).abs() < 1e-12);
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InsufficientData`] below 3 observations; [`Error::ZeroVariance`] when all are
    /// equal;
    /// [`Error::NotFinite`]; [`Error::Overflow`].
    pub fn skewness(&self) -> Result<f64> {
        let n = self.need("skewness", 3)?;
        self.nonzero_spread("skewness")?;
        let g1 = (self.m3 / n) / (self.m2 / n).powf(1.5);
        no_overflow("skewness", g1 * (n * (n - 1.0)).sqrt() / (n - 2.0))
    }

    /// The adjusted excess kurtosis `G₂ = ((n+1)·g₂ + 6)·(n−1)/((n−2)(n−3))` (as scipy's
    /// `kurtosis(bias=False)` and spreadsheets' `KURT`).
    ///
    /// # Errors
    /// [`Error::InsufficientData`] below 4 observations; [`Error::ZeroVariance`] when all are
    /// equal;
    /// [`Error::NotFinite`]; [`Error::Overflow`].
    pub fn kurtosis(&self) -> Result<f64> {
        let n = self.need("kurtosis", 4)?;
        self.nonzero_spread("kurtosis")?;
        let g2 = (self.m4 / n) / ((self.m2 / n) * (self.m2 / n)) - 3.0;
        no_overflow(
            "kurtosis",
            ((n + 1.0) * g2 + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0)),
        )
    }

    /// The biased skewness `g₁ = m₃/m₂^{3/2}` (moments over `n`), `None` below 2 values or
    /// without spread.
    pub(crate) fn biased_skewness(&self) -> Option<f64> {
        let n = self.need("skewness", 2).ok()?;
        (self.m2 > 0.0).then(|| (self.m3 / n) / (self.m2 / n).powf(1.5))
    }

    fn nonzero_spread(&self, what: &str) -> Result<()> {
        if self.m2 > 0.0 {
            Ok(())
        } else {
            Err(Error::ZeroVariance {
                what: format!("{what} (all observations equal)"),
            })
        }
    }

    /// Student's t interval for the mean.
    ///
    /// ```
    /// use layanan::{Level, stats::Moments};
    ///
    /// let m: Moments = [3.0, 4.0, 4.0, 2.0, 3.0].into_iter().collect();
    /// let ci = m.mean_interval(Level::default())?;
    /// assert!((ci.lower() - 2.1611).abs() < 1e-4 && (ci.upper() - 4.2389).abs() < 1e-4);
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`variance`](Self::variance).
    pub fn mean_interval(&self, level: Level) -> Result<Interval> {
        let n = self.need("mean interval", 2)?;
        Interval::student_t(self.mean()?, self.sem()?, n - 1.0, level)
    }

    /// Moments of a slice.
    ///
    /// # Errors
    /// [`Error::NotFinite`] at the first NaN or infinity.
    pub fn from_slice(data: &[f64]) -> Result<Self> {
        let mut m = Self::new();
        for &x in data {
            m.push(x)?;
        }
        Ok(m)
    }
}

impl Extend<f64> for Moments {
    /// Adds every value; non-finite ones are counted and make every statistic an error.
    fn extend<I: IntoIterator<Item = f64>>(&mut self, iter: I) {
        for x in iter {
            if self.push(x).is_err() {
                // Saturates only after 2^64 values, which no iterator yields in practice.
                self.rejected = self.rejected.saturating_add(1);
            }
        }
    }
}

impl FromIterator<f64> for Moments {
    fn from_iter<I: IntoIterator<Item = f64>>(iter: I) -> Self {
        let mut m = Moments::new();
        m.extend(iter);
        m
    }
}
