//! Bounded work: inputs that would exhaust memory or time, or overflow a count, are refused
//! with a typed error at the documented limit, and the limit itself is accepted.

use layanan::stats::{
    self, Alternative, Deletion, ErlangC, MAX_ITEMS, MAX_TREND_LENGTH, fisher_exact, mann_kendall,
    sens_slope,
};
use layanan::{Date, Element, Error, Instrument, Level};

use super::rejects_saying;

fn elements(k: usize) -> Vec<Element> {
    (0..k)
        .map(|i| Element::new(format!("u{i}"), format!("Unsur {i}"), format!("Item {i}")).unwrap())
        .collect()
}

/// A tally keeps k × k pair counts, so an instrument has at most 100 elements.
#[test]
fn instruments_have_at_most_100_elements() {
    assert_eq!(Instrument::MAX_ELEMENTS, 100);
    assert_eq!(Instrument::new("wide", elements(100)).unwrap().len(), 100);
    rejects_saying(
        "L01: an instrument of 101 elements",
        Instrument::new("too wide", elements(101)),
        Error::OutOfRange {
            field: "instrument elements".into(),
            value: 101,
            min: 1,
            max: 100,
        },
        "instrument elements must be between 1 and 100, got 101",
    );
    let full = Instrument::new("wide", elements(100)).unwrap();
    let extra = Element::new("u100", "Unsur 100", "Item 100").unwrap();
    assert!(
        matches!(
            full.with_element(extra),
            Err(Error::OutOfRange { value: 101, .. })
        ),
        "L12: a 101st element added to an instrument of 100"
    );
}

/// Both trend methods compare every pair of values.
#[test]
fn trend_series_have_at_most_10_000_values() {
    assert_eq!(MAX_TREND_LENGTH, 10_000);
    let long: Vec<f64> = (0..=MAX_TREND_LENGTH).map(|i| i as f64).collect();
    let reason = "10001 values are more than 10000; aggregate the series into longer periods";
    rejects_saying(
        "L02: a Mann–Kendall test of 10,001 values",
        mann_kendall(&long),
        stats::Error::NotApplicable {
            method: "Mann–Kendall test".into(),
            reason: reason.into(),
        },
        &format!("Mann–Kendall test does not apply: {reason}"),
    );
    rejects_saying(
        "L03: Sen's slope of 10,001 values",
        sens_slope(&long, Level::default()),
        stats::Error::NotApplicable {
            method: "Sen's slope".into(),
            reason: reason.into(),
        },
        &format!("Sen's slope does not apply: {reason}"),
    );
    // At the limit the test runs (50 million comparisons; Sen's slope would hold as many).
    let at_limit = long.get(..MAX_TREND_LENGTH).unwrap();
    assert_eq!(mann_kendall(at_limit).unwrap().n, 10_000);
}

/// Cronbach's α builds the k × k covariance matrix.
#[test]
fn reliability_takes_at_most_1000_items() {
    assert_eq!(MAX_ITEMS, 1_000);
    let rows = vec![vec![Some(1.0); MAX_ITEMS + 1]; 2];
    let expected = stats::Error::OutOfRange {
        field: "items".into(),
        value: 1001,
        min: 2,
        max: 1000,
    };
    let message = "items must be between 2 and 1000, got 1001";
    rejects_saying(
        "L04: Cronbach's alpha of 1,001 items",
        stats::cronbach_alpha(&rows, Deletion::Listwise, Level::default()),
        expected.clone(),
        message,
    );
    rejects_saying(
        "L05: item analysis of 1,001 items",
        stats::item_analysis(&rows),
        expected,
        message,
    );
}

/// One probability per possible table: ten million at most.
#[test]
fn fisher_enumerates_at_most_ten_million_tables() {
    rejects_saying(
        "L06: Fisher's exact test of 10^12 possible tables",
        fisher_exact(500_000_000_000, 1_000_000_000_000, 500_000_000_000, 1_000_000_000_000, Alternative::TwoSided),
        stats::Error::NotApplicable {
            method: "Fisher's exact test".into(),
            reason: "1000000000001 possible tables are too many to enumerate (at most 10000000); use the z test".into(),
        },
        "Fisher's exact test does not apply: 1000000000001 possible tables are too many to enumerate (at most 10000000); use the z test",
    );
    rejects_saying(
        "L07: Fisher's exact test whose trials add past u64::MAX",
        fisher_exact(0, u64::MAX, 0, 1, Alternative::TwoSided),
        stats::Error::Overflow {
            field: "trials".into(),
        },
        "trials overflows",
    );
    // Just under the bound it runs: 9,999,999 tables (a = 0 … 9,999,998).
    let p = fisher_exact(
        4_999_999,
        9_999_998,
        5_000_000,
        10_000_000,
        Alternative::TwoSided,
    )
    .unwrap()
    .p_value;
    assert!(p > 0.5 && p <= 1.0, "{p}");
}

/// Computing Erlang C takes a step per counter; the search for the counters needed is one pass.
#[test]
fn erlang_c_models_at_most_100_000_counters() {
    assert_eq!(ErlangC::MAX_SERVERS, 100_000);
    rejects_saying(
        "L08: an Erlang C queue of 100,001 counters",
        ErlangC::new(60.0, 5.0, 100_001),
        stats::Error::OutOfRange {
            field: "servers".into(),
            value: 100_001,
            min: 1,
            max: 100_000,
        },
        "servers must be between 1 and 100000, got 100001",
    );
    assert!(
        ErlangC::new(60.0, 5.0, 100_000)
            .unwrap()
            .probability_of_waiting()
            < 1e-12
    );
    // Loads beyond the bound, up to infinity, end in an error after one pass.
    for arrivals in [6.0e6, 1.0e300] {
        rejects_saying(
            "L09: the counters for a load beyond 100,000 erlangs",
            ErlangC::servers_for(arrivals, 1.0e300, 0.8, 20.0),
            stats::Error::Overflow {
                field: "number of servers".into(),
            },
            "number of servers overflows",
        );
    }
    // A large load that fits: 90,000 erlangs.
    let n = ErlangC::servers_for(5.4e6, 1.0, 0.8, 20.0).unwrap();
    assert!((90_001..90_500).contains(&n), "{n}");
}

/// Dates cover years 0000–9999; any other day number is `None`, never an overflow (the tally
/// fuzz target found the overflow, building holidays from raw day counts).
#[test]
fn day_numbers_outside_the_calendar() {
    let near_max = [i64::MAX - 719_468, i64::MAX - 719_469];
    for days in [i64::MIN, i64::MIN + 1, -719_529, 2_932_897, i64::MAX]
        .into_iter()
        .chain(near_max)
    {
        assert_eq!(
            Date::from_days_since_epoch(days),
            None,
            "L13: day number {days}, outside 0000–9999"
        );
    }
    assert_eq!(
        Date::from_days_since_epoch(-719_528).unwrap().to_string(),
        "0000-01-01"
    );
    assert_eq!(
        Date::from_days_since_epoch(2_932_896).unwrap().to_string(),
        "9999-12-31"
    );
}

/// A count read back at `u64::MAX` cannot be pushed or merged past it.
#[cfg(feature = "serde")]
#[test]
fn moments_counts_stop_at_u64_max() {
    use layanan::stats::Moments;
    let mut json = serde_json::to_value(Moments::from_slice(&[1.0, 2.0]).unwrap()).unwrap();
    json["n"] = serde_json::json!(u64::MAX);
    let mut full: Moments = serde_json::from_value(json).unwrap();
    let before = full;
    let overflow = stats::Error::Overflow {
        field: "moments count".into(),
    };
    rejects_saying(
        "L10: pushing onto moments of u64::MAX observations",
        full.push(3.0),
        overflow.clone(),
        "moments count overflows",
    );
    rejects_saying(
        "L11: merging into moments of u64::MAX observations",
        full.merge(&Moments::from_slice(&[1.0]).unwrap()),
        overflow,
        "moments count overflows",
    );
    assert_eq!(full, before);
}
