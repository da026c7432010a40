//! Conversions to and from `jiff` (feature `jiff`).

use super::*;

#[test]
fn timestamps_round_trip() {
    for millis in [
        0,
        1,
        -1,
        MARCH_4_0115Z,
        MARCH_4_0115Z + 123,
        -62_135_596_800_000, // 0001-01-01
        253_402_128_000_000, // 9999-12-30T00:00:00, near jiff's maximum
    ] {
        let ours = Timestamp::from_unix_millis(millis);
        let theirs = jiff::Timestamp::try_from(ours).unwrap();
        assert_eq!(theirs.as_millisecond(), millis);
        assert_eq!(Timestamp::from(theirs), ours);
        // Both print the same RFC 3339.
        assert_eq!(theirs.to_string(), ours.to_string());
    }
    // Parsing agrees.
    let text = "2025-03-04T08:15:00.123+07:00";
    let theirs: jiff::Timestamp = text.parse().unwrap();
    assert_eq!(Timestamp::from(theirs), ts(text));
    // jiff's limits convert and come back (to the millisecond); for the maximum see
    // `jiffs_last_second_round_trips`.
    let min = jiff::Timestamp::MIN;
    let ours = Timestamp::from(min);
    assert_eq!(ours.unix_millis(), min.as_millisecond());
    assert_eq!(jiff::Timestamp::try_from(ours).unwrap(), min);
    let max_second = jiff::Timestamp::new(jiff::Timestamp::MAX.as_second(), 0).unwrap();
    let ours = Timestamp::from(max_second);
    assert_eq!(jiff::Timestamp::try_from(ours).unwrap(), max_second);
    assert_eq!(
        Timestamp::from(jiff::Timestamp::MAX).unix_millis(),
        jiff::Timestamp::MAX.as_millisecond()
    );
    // Finer digits are dropped.
    let fine = jiff::Timestamp::new(1_741_050_900, 123_999_999).unwrap();
    assert_eq!(
        Timestamp::from(fine),
        Timestamp::from_unix_millis(MARCH_4_0115Z + 123)
    );
}

#[test]
fn timestamps_beyond_jiff_are_rejected() {
    let past_max = jiff::Timestamp::MAX.as_millisecond() + 1;
    let before_min = jiff::Timestamp::MIN.as_millisecond() - 1;
    for millis in [i64::MAX, i64::MIN, past_max, before_min] {
        let err = jiff::Timestamp::try_from(Timestamp::from_unix_millis(millis)).unwrap_err();
        assert_eq!(
            err,
            Error::TimeOutOfRange {
                field: "jiff timestamp".into(),
                value: millis.to_string(),
            }
        );
    }
}

/// `jiff::Timestamp::MAX` is 9999-12-30T22:00:00.999999999Z: its milliseconds convert back.
#[test]
fn jiffs_last_second_round_trips() {
    let ours = Timestamp::from(jiff::Timestamp::MAX);
    let back = jiff::Timestamp::try_from(ours).unwrap();
    assert_eq!(back.as_millisecond(), jiff::Timestamp::MAX.as_millisecond());
}

/// Truncation is toward the past: half a millisecond before the epoch is millisecond −1.
#[test]
fn sub_millisecond_instants_before_the_epoch_truncate_toward_the_past() {
    let half_ms_before = jiff::Timestamp::from_nanosecond(-500_000).unwrap();
    assert_eq!(
        Timestamp::from(half_ms_before),
        Timestamp::from_unix_millis(-1)
    );
}

#[test]
fn spans_round_trip() {
    for millis in [0u64, 1, 90_000, 5_400_000, i64::MAX as u64] {
        let ours = TimeSpan::from_millis(millis);
        let theirs = jiff::SignedDuration::try_from(ours).unwrap();
        assert_eq!(theirs.as_millis(), i128::from(millis));
        assert_eq!(TimeSpan::try_from(theirs).unwrap(), ours);
    }
    assert_eq!(
        TimeSpan::try_from(jiff::SignedDuration::from_secs(5_400)).unwrap(),
        TimeSpan::from_minutes(90)
    );
    // Finer digits are dropped.
    assert_eq!(
        TimeSpan::try_from(jiff::SignedDuration::new(1, 999_999)).unwrap(),
        TimeSpan::from_millis(1_000)
    );
}

#[test]
fn out_of_range_spans_are_rejected() {
    let err = TimeSpan::try_from(jiff::SignedDuration::from_secs(-1)).unwrap_err();
    assert_eq!(
        err,
        Error::OutOfRange {
            field: "time span milliseconds".into(),
            value: -1_000,
            min: 0,
            max: i64::MAX,
        }
    );
    assert_eq!(
        err.to_string(),
        "time span milliseconds must be between 0 and 9223372036854775807, got -1000"
    );
    assert!(TimeSpan::try_from(jiff::SignedDuration::MIN).is_err());
    assert!(TimeSpan::try_from(jiff::SignedDuration::MAX).is_err());
    assert_eq!(
        jiff::SignedDuration::try_from(TimeSpan::from_millis(i64::MAX as u64 + 1)).unwrap_err(),
        Error::Overflow {
            field: "jiff duration".into()
        }
    );
}

/// Negative durations are an error, even those shorter than a millisecond.
#[test]
fn negative_sub_millisecond_durations_are_rejected() {
    assert!(TimeSpan::try_from(jiff::SignedDuration::from_nanos(-1)).is_err());
}

/// A positive duration longer than `u64::MAX` milliseconds overflows a `TimeSpan`.
#[test]
fn too_long_durations_overflow() {
    let too_long = jiff::SignedDuration::from_secs(20_000_000_000_000_000);
    assert_eq!(
        TimeSpan::try_from(too_long).unwrap_err(),
        Error::Overflow {
            field: "time span milliseconds".into()
        }
    );
}
