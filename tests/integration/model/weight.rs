//! Element weights as exact fractions.

use super::*;

// =============================================================================================
// Weight
// =============================================================================================

#[test]
fn weight_parse_and_display() {
    for (text, (n, d), shown) in [
        ("1/9", (1, 9), "1/9"),
        (" 1 / 9 ", (1, 9), "1/9"),
        ("2/18", (1, 9), "1/9"),
        ("1/14", (1, 14), "1/14"),
        ("0.111", (111, 1000), "0.111"),
        ("0.11", (11, 100), "0.11"),
        ("0.071", (71, 1000), "0.071"),
        ("1", (1, 1), "1"),
        ("1.0", (1, 1), "1"),
        ("1/1", (1, 1), "1"),
        ("0.5", (1, 2), "1/2"),
        ("0.25", (1, 4), "1/4"),
        ("0.1", (1, 10), "0.1"),
        ("0.10", (1, 10), "0.1"),
        ("0.05", (1, 20), "1/20"),
        ("0.001", (1, 1000), "0.001"),
        ("0.000000001", (1, 1_000_000_000), "0.000000001"),
        ("0.123456789", (123_456_789, 1_000_000_000), "0.123456789"),
        ("3/10", (3, 10), "0.3"),
    ] {
        let w: Weight = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((w.numerator(), w.denominator()), (n, d), "{text}");
        assert_eq!(w, Weight::new(n, d).unwrap());
        assert_eq!(w.to_string(), shown, "{text}");
        assert_eq!(shown.parse::<Weight>().unwrap(), w);
    }
    assert!((Weight::new(1, 9).unwrap().to_f64() - 1.0 / 9.0).abs() < 1e-16);
    assert_eq!(Weight::equal_share(9).unwrap(), Weight::new(1, 9).unwrap());
    assert_eq!(
        Weight::equal_share(14).unwrap(),
        Weight::new(1, 14).unwrap()
    );
    assert_eq!(Weight::equal_share(1).unwrap(), Weight::new(1, 1).unwrap());
    assert_eq!(
        Weight::new(u32::MAX, u32::MAX).unwrap(),
        Weight::new(1, 1).unwrap()
    );
}

/// Weights order by value: 1/3 < 1/2 and 0.111 < 1/9 = 0.1111…
#[test]
fn weights_order_by_value() {
    let half = Weight::new(1, 2).unwrap();
    let third = Weight::new(1, 3).unwrap();
    let printed: Weight = "0.111".parse().unwrap();
    let ninth = Weight::new(1, 9).unwrap();
    assert!(third < half);
    assert!(printed < ninth);
}

proptest! {
    #[test]
    fn weights_display_then_parse(d in 1u32.., n_frac in 0.0f64..1.0) {
        let n = ((f64::from(d) * n_frac) as u32).max(1);
        let w = Weight::new(n, d).unwrap();
        prop_assert_eq!(w.to_string().parse::<Weight>().unwrap(), w);
        prop_assert!(w.to_f64() > 0.0 && w.to_f64() <= 1.0);
    }
}
