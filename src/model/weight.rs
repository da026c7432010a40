//! Exact element weights.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::stats::{Ratio, gcd};

/// An element's weight in the index, held as an exact fraction.
///
/// The regulation's weights are fractions (1/9, 1/14) and agencies print decimals (0.11, 0.111,
/// 0.071); keeping both exact lets the crate check that weights sum to exactly 1 and reproduce a
/// printed index to the last digit.
///
/// ```
/// use layanan::Weight;
///
/// let ninth: Weight = "1/9".parse()?;
/// assert_eq!(ninth, Weight::new(1, 9)?);
/// let printed: Weight = "0.111".parse()?;
/// assert_eq!(printed, Weight::new(111, 1000)?);
/// assert_eq!(printed.to_string(), "0.111");
/// assert!((ninth.to_f64() - 1.0 / 9.0).abs() < 1e-16);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Weight {
    numerator: u32,
    denominator: u32,
}

impl Weight {
    /// `numerator / denominator`, reduced; must lie in (0, 1].
    ///
    /// # Errors
    /// [`Error::InvalidWeight`] for a zero denominator, a zero weight or one above 1.
    #[allow(clippy::arithmetic_side_effects)] // the gcd of two non-zero values is at least 1
    pub fn new(numerator: u32, denominator: u32) -> Result<Self> {
        let invalid = |reason: &str| Error::InvalidWeight {
            value: format!("{numerator}/{denominator}"),
            reason: reason.into(),
        };
        if denominator == 0 {
            return Err(invalid("the denominator is zero"));
        }
        if numerator == 0 {
            return Err(invalid("a weight must be positive"));
        }
        if numerator > denominator {
            return Err(invalid("a weight cannot exceed 1"));
        }
        let g = gcd(numerator.into(), denominator.into()) as u32;
        Ok(Self {
            numerator: numerator / g,
            denominator: denominator / g,
        })
    }

    /// `1 / k`: the equal weight of each of `k` elements.
    ///
    /// # Errors
    /// [`Error::InvalidWeight`] when `k` is 0.
    pub fn equal_share(k: usize) -> Result<Self> {
        let k = u32::try_from(k).map_err(|_| Error::InvalidWeight {
            value: format!("1/{k}"),
            reason: "too many elements".into(),
        })?;
        Weight::new(1, k)
    }

    /// `1/k` for a `k > 0` known at the call site (built-in instruments).
    pub(crate) const fn unit_fraction(k: u32) -> Self {
        Self {
            numerator: 1,
            denominator: k,
        }
    }

    /// The numerator, in lowest terms.
    pub const fn numerator(self) -> u32 {
        self.numerator
    }

    /// The denominator, in lowest terms.
    pub const fn denominator(self) -> u32 {
        self.denominator
    }

    /// The weight as a float (for display and intervals; the index itself is computed exactly).
    pub fn to_f64(self) -> f64 {
        f64::from(self.numerator) / f64::from(self.denominator)
    }

    /// Whether this weight could be `1/k` as a report prints it: exactly `1/k`, or `1/k`
    /// rounded half-up or truncated to this weight's own decimals (0.11, 0.111 for 1/9; 0.17 or
    /// 0.16 for 1/6). A weight that is not a terminating decimal must be `1/k` itself.
    #[allow(clippy::arithmetic_side_effects)] // k > 0; num ≤ den < 2^32 so scale ≤ 10^31
    pub(crate) fn prints_one_over(self, k: u32) -> bool {
        let (num, den) = (u128::from(self.numerator), u128::from(self.denominator));
        if k == 0 {
            return false;
        }
        if self.numerator == 1 && self.denominator == k {
            return true;
        }
        // Decimals of a terminating decimal: the larger power of 2 or 5 in the denominator.
        let (mut rest, mut twos, mut fives) = (den, 0u32, 0u32);
        while rest.is_multiple_of(2) {
            rest /= 2;
            twos += 1;
        }
        while rest.is_multiple_of(5) {
            rest /= 5;
            fives += 1;
        }
        let Some(scale) = (rest == 1)
            .then(|| 10u128.checked_pow(twos.max(fives)))
            .flatten()
        else {
            return false;
        };
        let (k, printed) = (u128::from(k), num * (scale / den));
        let truncated = scale / k;
        let rounded = (2 * scale + k) / (2 * k);
        printed == truncated || printed == rounded
    }
}

impl Ord for Weight {
    /// By value: `a/b < c/d` when `a·d < c·b` (both in lowest terms, so equal values are equal).
    #[allow(clippy::arithmetic_side_effects)] // a product of two u32 fits u64
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let left = u64::from(self.numerator) * u64::from(other.denominator);
        let right = u64::from(other.numerator) * u64::from(self.denominator);
        left.cmp(&right)
    }
}

impl PartialOrd for Weight {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for Weight {
    type Err = Error;

    /// `a/b` or a decimal such as `0.111` (at most 9 decimals), or `1`.
    fn from_str(text: &str) -> Result<Self> {
        let err = || Error::Parse {
            field: "weight".into(),
            value: text.into(),
            expected: "a fraction such as 1/9 or a decimal such as 0.111".into(),
        };
        let t = text.trim();
        if let Some((n, d)) = t.split_once('/') {
            let n = n.trim().parse().map_err(|_| err())?;
            let d = d.trim().parse().map_err(|_| err())?;
            return Weight::new(n, d);
        }
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(frac) || frac.len() > 9 {
            return Err(err());
        }
        let scale = 10u32.pow(frac.len() as u32);
        let whole: u32 = whole.parse().map_err(|_| err())?;
        let frac: u32 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| err())?
        };
        let numerator = whole
            .checked_mul(scale)
            .and_then(|w| w.checked_add(frac))
            .ok_or_else(err)?;
        Weight::new(numerator, scale)
    }
}

impl fmt::Display for Weight {
    /// A decimal when the denominator is a power of ten (`0.111`), otherwise a fraction (`1/9`).
    #[allow(clippy::arithmetic_side_effects)] // at most 10 decimals of a u32; the denominator is never 0
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut decimals = 0usize;
        let mut d = self.denominator;
        while d.is_multiple_of(10) {
            d /= 10;
            decimals += 1;
        }
        if d != 1 {
            return write!(f, "{}/{}", self.numerator, self.denominator);
        }
        if decimals == 0 {
            return write!(f, "{}", self.numerator);
        }
        let whole = self.numerator / self.denominator;
        let frac = self.numerator % self.denominator;
        write!(f, "{whole}.{frac:0decimals$}")
    }
}

impl TryFrom<String> for Weight {
    type Error = Error;
    fn try_from(text: String) -> Result<Self> {
        text.parse()
    }
}

impl From<Weight> for String {
    fn from(w: Weight) -> String {
        w.to_string()
    }
}

impl From<Weight> for Ratio {
    fn from(w: Weight) -> Ratio {
        Ratio {
            num: w.numerator.into(),
            den: w.denominator.into(),
        }
    }
}
