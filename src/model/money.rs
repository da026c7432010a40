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
    /// Accepts plain digits (`15000`), digits grouped by thousands with dots as Indonesian
    /// prints them (`15.000`, `1.500.000`), either after `Rp` (`Rp 15.000`, `Rp15000`,
    /// `Rp. 15.000`), and a leading `-` (rejected as negative). Anything else is refused rather
    /// than guessed: a comma, a decimal part, or dots that do not group thousands (`15.00`
    /// could be fifteen or fifteen hundred).
    ///
    /// ```
    /// use layanan::Money;
    ///
    /// for text in ["15000", "15.000", "Rp 15.000", "Rp15000", "Rp. 15.000"] {
    ///     assert_eq!(Money::parse_field("paid", text)?, Money::new(15_000));
    /// }
    /// for text in ["15.00", "15,000", "Rp", "1.5", "15000.", ""] {
    ///     assert!(Money::parse_field("paid", text).is_err(), "{text}");
    /// }
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::NegativeMoney`], [`Error::Overflow`] or [`Error::Parse`], naming `field`.
    pub fn parse_field(field: &str, text: &str) -> Result<Self> {
        let parse_error = || Error::Parse {
            field: field.into(),
            value: text.into(),
            expected: "a whole amount of money such as 15000, 15.000 or Rp 15.000".into(),
        };
        let trimmed = text.trim();
        let (negative, unsigned) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let amount = unsigned.strip_prefix("Rp").map_or(unsigned, |rest| {
            rest.strip_prefix('.').unwrap_or(rest).trim_start()
        });
        let overflow = || Error::Overflow {
            field: field.into(),
        };
        let magnitude = ungroup(amount).ok_or_else(parse_error)?;
        if negative {
            return match magnitude {
                Some(0) => Ok(Money::ZERO),
                Some(units) => match 0i64.checked_sub_unsigned(units) {
                    Some(value) => Err(Error::NegativeMoney {
                        field: field.into(),
                        value,
                    }),
                    None => Err(overflow()),
                },
                None => Err(overflow()),
            };
        }
        magnitude.map(Money).ok_or_else(overflow)
    }
}

/// The amount written `15000` or `15.000` (dots grouping thousands): `None` for anything else,
/// `Some(None)` when it does not fit a `u64`. Reads the text in place, without allocating.
fn ungroup(text: &str) -> Option<Option<u64>> {
    let mut groups = text.split('.');
    let first = groups.next()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !digits(first) {
        return None;
    }
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 || !digits(group) {
            return None;
        }
        grouped = true;
    }
    // A grouped amount starts with one to three digits and no leading zero (`0.500` is not a
    // thousands grouping).
    if grouped && (first.len() > 3 || (first.starts_with('0'))) {
        return None;
    }
    Some(
        text.chars()
            .filter_map(|c| c.to_digit(10))
            .try_fold(0u64, |units, digit| {
                units.checked_mul(10)?.checked_add(u64::from(digit))
            }),
    )
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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&rupiah(u128::from(self.0)))
    }
}

/// A sum of amounts: 128 bits, so adding up to `u64::MAX` amounts of up to `Money`'s maximum
/// each cannot overflow (what a tally's totals of excess or waived money are).
///
/// ```
/// use layanan::{Money, MoneySum};
///
/// let total = MoneySum::ZERO.checked_add(Money::new(u64::MAX))?.checked_add(Money::new(u64::MAX))?;
/// assert_eq!(total.units(), 2 * u128::from(u64::MAX));
/// assert_eq!(MoneySum::from(Money::new(1_500_000)).to_string(), "Rp 1.500.000");
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct MoneySum(u128);

impl MoneySum {
    /// Nothing.
    pub const ZERO: MoneySum = MoneySum(0);

    /// The sum in smallest units.
    pub const fn units(self) -> u128 {
        self.0
    }

    /// `self + amount`.
    ///
    /// # Errors
    /// [`Error::Overflow`] past `u128::MAX` (more than `2^64` amounts).
    pub fn checked_add(self, amount: Money) -> Result<Self> {
        self.0
            .checked_add(u128::from(amount.0))
            .map(MoneySum)
            .ok_or_else(|| Error::Overflow {
                field: "sum of money".into(),
            })
    }

    /// `self + other`, `None` past `u128::MAX`.
    pub(crate) fn checked_sum(self, other: MoneySum) -> Option<Self> {
        self.0.checked_add(other.0).map(MoneySum)
    }
}

impl From<Money> for MoneySum {
    fn from(m: Money) -> Self {
        MoneySum(u128::from(m.0))
    }
}

impl fmt::Display for MoneySum {
    /// `Rp 1.500.000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&rupiah(self.0))
    }
}

/// `Rp 1.500.000`: thousands grouped by dots, as Indonesian prints rupiah.
#[allow(clippy::arithmetic_side_effects)] // lengths of a 39-digit string
fn rupiah(units: u128) -> String {
    let digits = units.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    grouped.push_str("Rp ");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    grouped
}
