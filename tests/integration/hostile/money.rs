//! Money inputs: negative amounts, amounts near and past `u64::MAX`, sums that overflow.

use super::{in_range, rejects, rejects_saying};
use crate::support::at;
use layanan::prelude::*;
use layanan::{CostTally, Error, Interaction, Money, ServiceStandard, Standards};

fn negative(field: &str, value: i64) -> Error {
    Error::NegativeMoney {
        field: field.into(),
        value,
    }
}

fn overflow(field: &str) -> Error {
    Error::Overflow {
        field: field.into(),
    }
}

#[test]
fn negative_amounts() {
    rejects_saying(
        "M01: paid -500",
        Money::try_from_i64("paid", -500),
        negative("paid", -500),
        "paid is negative: -500",
    );
    rejects_saying(
        "M02: official fee i64::MIN",
        Money::try_from_i64("official_fee", i64::MIN),
        negative("official_fee", i64::MIN),
        "official_fee is negative: -9223372036854775808",
    );
    rejects(
        "M03: the text -15000",
        Money::parse_field("paid", "-15000"),
        negative("paid", -15000),
    );
    rejects_saying(
        "M04: the text -1",
        "-1".parse::<Money>(),
        negative("money", -1),
        "money is negative: -1",
    );
}

#[test]
fn amounts_past_u64_max() {
    rejects_saying(
        "M05: u64::MAX + 1",
        "18446744073709551616".parse::<Money>(),
        overflow("money"),
        "money overflows",
    );
    rejects_saying(
        "M06: 23 nines",
        Money::parse_field("paid", "99999999999999999999999"),
        overflow("paid"),
        "paid overflows",
    );
    // A negative amount too large for i64 is still reported, as an overflow.
    rejects(
        "M07: i64::MIN - 1",
        Money::parse_field("paid", "-9223372036854775809"),
        overflow("paid"),
    );
    // u64::MAX itself fits, and adding one to it is refused, not wrapped.
    let max = Money::new(u64::MAX);
    assert_eq!("18446744073709551615".parse::<Money>(), Ok(max));
    assert_eq!(max.checked_add(Money::new(1)), None, "M08: u64::MAX + Rp 1");
    assert_eq!(
        Money::ZERO.checked_sub(Money::new(1)),
        None,
        "M09: Rp 0 - Rp 1"
    );
}

#[test]
fn texts_that_are_not_money() {
    // Indonesian printing is read: `Rp 15.000` and `15.000` are fifteen thousand rupiah.
    for (label, text) in [
        ("M10: money `Rp 15.000`", "Rp 15.000"),
        ("M11: money with a thousands dot", "15.000"),
    ] {
        assert_eq!(
            Money::parse_field("paid", text),
            Ok(Money::new(15_000)),
            "{label}"
        );
    }
    let whole = "a whole amount of money such as 15000, 15.000 or Rp 15.000";
    for (label, text) in [
        ("M12: money with a decimal comma", "1,5"),
        ("M13: empty money", ""),
        ("M14: money `-`", "-"),
        ("M15: money `abc`", "abc"),
        ("M16: money with a plus sign", "+5"),
        ("M22: a dot that groups no thousands", "15.00"),
        ("M23: a decimal point", "1.5"),
        ("M24: a thousands comma", "15,000"),
        ("M25: a group of four digits", "1.5000"),
        ("M26: only the currency", "Rp"),
    ] {
        rejects_saying(
            label,
            Money::parse_field("paid", text),
            Error::Parse {
                field: "paid".into(),
                value: text.into(),
                expected: whole.into(),
            },
            &format!("paid: cannot parse `{text}` as {whole}"),
        );
    }
}

fn standards(tariff: u64) -> Standards {
    [ServiceStandard::new("izin", Money::new(tariff)).unwrap()]
        .into_iter()
        .collect()
}

fn paying(paid: u64) -> Interaction {
    Interaction::builder("izin", "kel-sukamaju", at("2025-03-04T08:00:00+07:00"))
        .paid(Money::new(paid))
        .build()
        .unwrap()
}

/// Each visit fits, and so does their sum: totals are 128-bit and exact, never wrapped nor
/// refused.
#[test]
fn cost_sums_past_u64_max_are_exact() {
    let free = standards(0);
    let mut tally = CostTally::new(free.clone());
    for _ in 0..2 {
        tally.push(&paying(u64::MAX)).unwrap();
    }
    let label = "M17: two overcharges of u64::MAX on a free service";
    let report = tally.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(
        report.excess_total.units(),
        2 * u128::from(u64::MAX),
        "{label}"
    );
    let mut tally = CostTally::new(standards(u64::MAX));
    for _ in 0..2 {
        tally.push(&paying(0)).unwrap();
    }
    let label = "M18: two waivers of a tariff of u64::MAX";
    let report = tally.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(
        report.waived_total.units(),
        2 * u128::from(u64::MAX),
        "{label}"
    );
    // Merged halves sum the same way.
    let mut half = CostTally::new(free);
    half.push(&paying(u64::MAX)).unwrap();
    let mut other = half.clone();
    other.merge(&half).unwrap();
    let label = "M19: two halves each overcharged u64::MAX, merged";
    let report = other.report().unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(
        report.excess_total.units(),
        2 * u128::from(u64::MAX),
        "{label}"
    );
    assert_eq!(report.excess_median, Some(Money::new(u64::MAX)), "{label}");
}

/// One visit at the limits is a valid visit with a score, not NaN.
#[test]
fn cost_at_the_limits() {
    let label = "M20: one visit paying u64::MAX on a free service";
    let mut tally = CostTally::new(standards(0));
    tally.push(&paying(u64::MAX)).unwrap();
    let report = tally.report().unwrap();
    assert_eq!(report.excess_total, Money::new(u64::MAX).into(), "{label}");
    in_range(
        label,
        report.not_overcharged.expect("judged").rate(),
        0.0..=0.0,
    );
    in_range(
        label,
        report.excess_mean.expect("overcharged"),
        1.8e19..=1.9e19,
    );

    let label = "M21: one visit paying exactly a tariff of u64::MAX";
    let mut tally = CostTally::new(standards(u64::MAX));
    tally.push(&paying(u64::MAX)).unwrap();
    in_range(
        label,
        tally
            .report()
            .unwrap()
            .not_overcharged
            .expect("judged")
            .rate(),
        1.0..=1.0,
    );
}
