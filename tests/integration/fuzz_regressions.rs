//! Inputs the fuzz targets (`fuzz/`) found, each with what went wrong.

use layanan::Date;

/// `fuzz/fuzz_targets/tally.rs` built holidays from raw day counts: a count near `i64::MAX`
/// overflowed inside `Date::from_days_since_epoch` (a panic with overflow checks, a wrapped
/// and possibly wrong date without) instead of giving `None`.
#[test]
fn date_from_extreme_day_counts_is_none() {
    for days in [
        i64::MAX,
        i64::MAX - 719_468,
        i64::MAX - 719_469,
        i64::MIN,
        i64::MIN + 1,
    ] {
        assert_eq!(Date::from_days_since_epoch(days), None, "{days}");
    }
    assert_eq!(
        Date::from_days_since_epoch(-719_528),
        Date::new(0, 1, 1).ok()
    );
    assert_eq!(
        Date::from_days_since_epoch(2_932_896),
        Date::new(9999, 12, 31).ok()
    );
}
