//! Money: whole amounts, their text forms and arithmetic.

use super::*;

// =============================================================================================
// Money
// =============================================================================================

#[test]
fn money_parse() {
    assert_eq!("15000".parse::<Money>().unwrap(), Money::new(15_000));
    assert_eq!(" 15000 ".parse::<Money>().unwrap(), Money::new(15_000));
    assert_eq!("0".parse::<Money>().unwrap(), Money::ZERO);
    assert_eq!("-0".parse::<Money>().unwrap(), Money::ZERO);
    assert_eq!("007".parse::<Money>().unwrap(), Money::new(7));
    assert_eq!(
        "18446744073709551615".parse::<Money>().unwrap(),
        Money::new(u64::MAX)
    );
    assert_eq!(
        Money::parse_field("paid", "20000").unwrap(),
        Money::new(20_000)
    );
    assert_eq!(Money::try_from_i64("paid", 0).unwrap(), Money::ZERO);
    assert_eq!(
        Money::try_from_i64("paid", i64::MAX).unwrap().units(),
        i64::MAX as u64
    );
}

#[test]
fn money_display_groups_thousands() {
    for (units, text) in [
        (0, "Rp 0"),
        (5, "Rp 5"),
        (999, "Rp 999"),
        (1_000, "Rp 1.000"),
        (15_000, "Rp 15.000"),
        (100_000, "Rp 100.000"),
        (1_500_000, "Rp 1.500.000"),
        (u64::MAX, "Rp 18.446.744.073.709.551.615"),
    ] {
        assert_eq!(Money::new(units).to_string(), text);
    }
    // Width and alignment are honoured.
    assert_eq!(format!("{:>12}", Money::new(15_000)), "   Rp 15.000");
    assert_eq!(format!("{:<12}|", Money::new(15_000)), "Rp 15.000   |");
}

#[test]
fn money_arithmetic_is_checked() {
    let fee = Money::new(15_000);
    let paid = Money::new(20_000);
    assert_eq!(paid.checked_sub(fee), Some(Money::new(5_000)));
    assert_eq!(fee.checked_sub(paid), None);
    assert_eq!(fee.checked_sub(fee), Some(Money::ZERO));
    assert_eq!(fee.checked_add(paid), Some(Money::new(35_000)));
    assert_eq!(Money::new(u64::MAX).checked_add(Money::new(1)), None);
    assert_eq!(
        Money::new(u64::MAX).checked_add(Money::ZERO),
        Some(Money::new(u64::MAX))
    );
    assert!(Money::ZERO.is_zero());
    assert!(Money::default().is_zero());
    assert!(!fee.is_zero());
    assert_eq!(fee.units(), 15_000);
    assert!(fee < paid);
}

proptest! {
    #[test]
    fn money_parses_its_units(units in any::<u64>()) {
        prop_assert_eq!(units.to_string().parse::<Money>().unwrap(), Money::new(units));
        // Display strips the grouping dots back to the digits.
        let shown = Money::new(units).to_string();
        let digits: String = shown.trim_start_matches("Rp ").chars().filter(|c| *c != '.').collect();
        prop_assert_eq!(digits, units.to_string());
    }
}
