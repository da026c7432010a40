//! Money in whole smallest units.

use std::fmt;

use crate::error::{Error, Result};

/// An amount of money in whole smallest units (for rupiah: whole rupiah), never negative.
///
/// Integer arithmetic keeps tariffs exact; sums use checked or 128-bit arithmetic so they cannot
/// wrap. `Display` groups thousands the Indonesian way.
///
/// ```
/// use layanan::Money;
///
/// let fee = Money::new(15_000);
/// assert_eq!(fee.to_string(), "Rp 15.000");
/// assert_eq!("15000".parse::<Money>()?, fee);
/// assert!(Money::try_from_i64("paid", -1).is_err());
/// assert!(Money::new(u64::MAX).checked_add(Money::new(1)).is_none());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Money(u64);

impl Money {
    /// Nothing to pay.
    pub const ZERO: Money = Money(0);

    /// `units` smallest units.
    pub const fn new(units: u64) -> Self {
        Self(units)
    }

    /// A signed amount, rejected when negative.
    ///
    /// # Errors
    /// [`Error::NegativeMoney`] naming `field`.
    pub fn try_from_i64(field: &str, units: i64) -> Result<Self> {
        u64::try_from(units)
            .map(Self)
            .map_err(|_| Error::NegativeMoney {
                field: field.into(),
                value: units,
            })
    }

    /// The amount in smallest units.
    pub const fn units(self) -> u64 {
        self.0
    }

    /// Whether the amount is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// `self − other` when `other ≤ self`, else `None` (money is never negative).
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Parses a whole amount in smallest units, with the field named in the error.
    ///
    /// Accepts plain digits with an optional leading `-` (rejected as negative); no thousands
    /// separators, decimals or currency signs, which differ between exports and would be guessed.
    ///
    /// # Errors
    /// [`Error::NegativeMoney`], [`Error::Overflow`] or [`Error::Parse`], naming `field`.
    pub fn parse_field(field: &str, text: &str) -> Result<Self> {
        let trimmed = text.trim();
        let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::Parse {
                field: field.into(),
                value: text.into(),
                expected: "a whole amount of money such as 15000".into(),
            });
        }
        if trimmed.starts_with('-') {
            return match trimmed.parse::<i64>() {
                Ok(0) => Ok(Money::ZERO),
                Ok(value) => Err(Error::NegativeMoney {
                    field: field.into(),
                    value,
                }),
                Err(_) => Err(Error::Overflow {
                    field: field.into(),
                }),
            };
        }
        digits.parse().map(Money).map_err(|_| Error::Overflow {
            field: field.into(),
        })
    }
}

impl std::str::FromStr for Money {
    type Err = Error;

    /// Like [`Money::parse_field`] with the field called `money`.
    fn from_str(text: &str) -> Result<Self> {
        Money::parse_field("money", text)
    }
}

impl fmt::Display for Money {
    /// `Rp 1.500.000`.
    #[allow(clippy::arithmetic_side_effects)] // lengths of a 20-digit string
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 3);
        grouped.push_str("Rp ");
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        f.pad(&grouped)
    }
}
