//! Exact arithmetic for the index, so a NIK on a rounding edge is graded as the regulation says.
//!
//! A NIK like 76.605 is not representable in binary floating point, and summing weighted NRRs
//! in `f64` lands on either side of it (for NRRs of 15321/5000, the sum gives 76.604999999999976):
//! rounding that would grade the unit C instead of B. The index is a sum of fractions of integer
//! counts, so it is computed as an exact fraction and rounded with integers. Should the fraction
//! outgrow 128 bits (elements answered by many different, coprime numbers of respondents), the
//! `f64` value is rounded instead, treating anything within 1e-9 of a half as the half.

use crate::model::{GradeBands, Mutu, Weight};
use crate::stats::Ratio;

/// How NRRs are rounded before weighting, to reproduce a printed report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum NrrRounding {
    /// Exact NRRs (the regulation's formula).
    #[default]
    Exact,
    /// Rounded half-up to this many decimals (spreadsheets' `ROUND`).
    Round(u8),
    /// Truncated to this many decimals (spreadsheets' `TRUNC`/`ROUNDDOWN`).
    Truncate(u8),
}

/// The NRR `sum / n` as an exact fraction, rounded as asked. `n > 0`.
pub(crate) fn nrr(sum: u64, n: u64, rounding: NrrRounding) -> Option<Ratio> {
    round_ratio(Ratio::new(u128::from(sum), u128::from(n))?, rounding)
}

/// `Σ wᵢ·NRRᵢ` exactly, or `None` on overflow.
pub(crate) fn weighted_sum(parts: impl IntoIterator<Item = (Weight, Ratio)>) -> Option<Ratio> {
    parts.into_iter().try_fold(Ratio::ZERO, |acc, (w, nrr)| {
        acc.checked_add(Ratio::from(w).checked_mul(nrr)?)
    })
}

/// `round_half_up(25 · index, 2)` in hundredths: `⌊(5000·num + den) / (2·den)⌋`.
#[allow(clippy::arithmetic_side_effects)] // a Ratio's denominator is positive
pub(crate) fn nik_hundredths(index: Ratio) -> Option<u32> {
    let numerator = index.num.checked_mul(5000)?.checked_add(index.den)?;
    let value = numerator / index.den.checked_mul(2)?;
    u32::try_from(value).ok()
}

/// `round_half_up(x, 2)` in hundredths for a float, counting values within 1e-9 (relative) below
/// a half as the half: the fallback when exact arithmetic overflows.
pub(crate) fn hundredths_of_f64(x: f64) -> u32 {
    let scaled = x * 100.0;
    let nudged = scaled + 0.5 + 1e-9 * scaled.abs().max(1.0);
    // NIKs lie in 25–100, far inside u32.
    nudged.floor().clamp(0.0, f64::from(u32::MAX)) as u32
}

pub(crate) fn to_f64(r: Ratio) -> f64 {
    r.num as f64 / r.den as f64
}

/// An index (1–4): an exact fraction, or a float where the fraction outgrew 128 bits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Index {
    Exact(Ratio),
    Float(f64),
}

/// The index as a float.
pub(crate) fn to_f64_or(index: Index) -> f64 {
    match index {
        Index::Exact(r) => to_f64(r),
        Index::Float(x) => x,
    }
}

impl Index {
    /// `round_half_up(25 · index, 2)` in hundredths: the NIK as printed and graded.
    pub(crate) fn hundredths(self) -> u32 {
        match self {
            Index::Exact(r) => {
                nik_hundredths(r).unwrap_or_else(|| hundredths_of_f64(25.0 * to_f64(r)))
            }
            Index::Float(x) => hundredths_of_f64(25.0 * x),
        }
    }

    /// The index rounded as `rounding` (exactly where it is a fraction).
    pub(crate) fn rounded(self, rounding: NrrRounding) -> Index {
        match (self, rounding) {
            (index, NrrRounding::Exact) => index,
            (Index::Exact(r), _) => round_ratio(r, rounding).map_or_else(
                || Index::Float(round_f64(to_f64(r), rounding)),
                Index::Exact,
            ),
            (Index::Float(x), _) => Index::Float(round_f64(x, rounding)),
        }
    }

    /// The grade read off the index column: the index rounded half up to `decimals`, against
    /// each NIK band divided by 25 and rounded up to those decimals (81.26 / 25 = 3.2504 is
    /// 3.26 at 2 decimals, 3.2504 at 4).
    #[allow(clippy::arithmetic_side_effects)] // decimals ≤ 12 keep 10^d · 10 000 inside u128
    pub(crate) fn graded_on_index(self, bands: GradeBands, decimals: u8) -> Mutu {
        let d = decimals.min(12);
        let scale = 10u128.pow(u32::from(d));
        let units = match self {
            Index::Exact(r) => {
                round_ratio(r, NrrRounding::Round(d)).map(|q| q.num * (scale / q.den.max(1)))
            }
            Index::Float(_) => None,
        }
        .unwrap_or_else(|| {
            (round_f64(to_f64_or(self), NrrRounding::Round(d)) * scale as f64).round() as u128
        });
        // A band from NIK hundredths h starts at the index h / 2500, rounded up to d decimals.
        let from = |h: u32| (u128::from(h) * scale).div_ceil(2500);
        if units >= from(bands.a_from) {
            Mutu::A
        } else if units >= from(bands.b_from) {
            Mutu::B
        } else if units >= from(bands.c_from) {
            Mutu::C
        } else {
            Mutu::D
        }
    }
}

/// `r` rounded half up or truncated to its decimals, exactly.
#[allow(clippy::arithmetic_side_effects)] // a Ratio's denominator is positive; products checked
fn round_ratio(r: Ratio, rounding: NrrRounding) -> Option<Ratio> {
    match rounding {
        NrrRounding::Exact => Some(r),
        NrrRounding::Round(d) => {
            let scale = 10u128.checked_pow(d.into())?;
            let twice = r
                .num
                .checked_mul(scale)?
                .checked_mul(2)?
                .checked_add(r.den)?;
            Ratio::new(twice / r.den.checked_mul(2)?, scale)
        }
        NrrRounding::Truncate(d) => {
            let scale = 10u128.checked_pow(d.into())?;
            Ratio::new(r.num.checked_mul(scale)? / r.den, scale)
        }
    }
}

pub(crate) fn round_f64(x: f64, rounding: NrrRounding) -> f64 {
    match rounding {
        NrrRounding::Exact => x,
        NrrRounding::Round(d) => {
            let s = 10f64.powi(d.into());
            (x * s + 0.5).floor() / s
        }
        NrrRounding::Truncate(d) => {
            let s = 10f64.powi(d.into());
            (x * s).floor() / s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_modes() {
        // 10 / 3 = 3.333…; 20 / 3 = 6.666…
        assert_eq!(nrr(10, 3, NrrRounding::Round(2)), Ratio::new(333, 100));
        assert_eq!(nrr(20, 3, NrrRounding::Round(2)), Ratio::new(667, 100));
        assert_eq!(nrr(20, 3, NrrRounding::Truncate(2)), Ratio::new(666, 100));
        // 3.125 rounds half-up to 3.13.
        assert_eq!(nrr(25, 8, NrrRounding::Round(2)), Ratio::new(313, 100));
    }

    #[test]
    fn nik_edges_round_half_up() {
        // index 3.0642 → NIK 76.605 → 76.61
        let idx = Ratio::new(30642, 10000).unwrap();
        assert_eq!(nik_hundredths(idx), Some(7661));
        assert_eq!(hundredths_of_f64(76.605), 7661);
        assert_eq!(hundredths_of_f64(64.994), 6499);
    }
}
