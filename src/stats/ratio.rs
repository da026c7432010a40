//! Exact non-negative fractions: sums of weights and index roundings decided without floating
//! point.

use std::fmt;

/// The greatest common divisor (Euclid); `gcd(0, 0)` is 0.
#[allow(clippy::arithmetic_side_effects)] // b ≠ 0 is the loop's guard
pub(crate) fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// An exact non-negative fraction in lowest terms with checked arithmetic (`None` past `u128`),
/// for sums and roundings that floating point would get wrong at the last digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ratio {
    pub(crate) num: u128,
    pub(crate) den: u128,
}

#[allow(clippy::arithmetic_side_effects)] // divisors are gcds made at least 1 or checked non-zero; products are checked
impl Ratio {
    pub(crate) const ZERO: Ratio = Ratio { num: 0, den: 1 };

    pub(crate) fn new(num: u128, den: u128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    pub(crate) fn checked_add(self, other: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, other.den).max(1);
        let den = (self.den / g).checked_mul(other.den)?;
        let num = self
            .num
            .checked_mul(other.den / g)?
            .checked_add(other.num.checked_mul(self.den / g)?)?;
        Ratio::new(num, den)
    }

    pub(crate) fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        // Cross-reduce first to keep the products small.
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Ratio::new(num, den)
    }

    /// `self / other`; `None` for a zero divisor or past `u128`.
    pub(crate) fn checked_div(self, other: Ratio) -> Option<Ratio> {
        if other.num == 0 {
            return None;
        }
        self.checked_mul(Ratio {
            num: other.den,
            den: other.num,
        })
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}
