//! The statistics module's error catalogue: every invalid input is answered by a typed error,
//! checked here with its exact variant, context and message (messages are part of the API:
//! lowercase, no trailing period).
//!
//! The inputs of issue #7 (NaN and infinities, empty and one-element samples, zero variance,
//! levels, margins, probabilities and p-values of 0, 1 and outside, interval parameters) are in
//! the `hostile` catalogue (`hostile::stats`), which shares the helpers below; this module keeps
//! the refusals particular to a method.
//!
//! `Error` derives `PartialEq`, and NaN is not equal to itself, so errors carrying a NaN are
//! checked field by field with [`check_nan`].

use layanan::Level;
use layanan::stats::Error;
use layanan::stats::{
    Alternative, Crosshair, Deletion, ErlangC, MannWhitneyMethod, Moments, Replicates,
    chi_square_independence, cronbach_alpha, customer_satisfaction_index, importance_performance,
    item_analysis, kruskal_wallis, mann_kendall, mann_whitney_u, mean_of, normal_shrinkage,
    pearson, sens_slope, spearman, welch_from_moments, welch_interval, welch_t_test,
};

/// Asserts the exact error and its exact message.
#[track_caller]
fn check<T: std::fmt::Debug>(result: Result<T, Error>, expected: Error, message: &str) {
    let err = result.expect_err("expected an error");
    assert_eq!(err, expected);
    assert_eq!(err.to_string(), message);
}

/// `result` is `InvalidValue` for `field` = `value`, expected positive, with the message
/// `{field} must be positive, got {value}`.
fn check_not_positive<T: std::fmt::Debug>(result: Result<T, Error>, field: &str, value: f64) {
    check(
        result,
        Error::InvalidValue {
            field: field.into(),
            value,
            expected: "positive".into(),
        },
        &format!("{field} must be positive, got {value}"),
    );
}

/// Which variant carrying a NaN.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NanVariant {
    NotFinite,
    InvalidProbability,
    InvalidValue,
}

/// Asserts an error carrying NaN: its variant, its field and its message.
#[track_caller]
fn check_nan<T: std::fmt::Debug>(
    result: Result<T, Error>,
    variant: NanVariant,
    field: &str,
    message: &str,
) {
    let err = result.expect_err("expected an error");
    let (got_variant, got_field, value) = match &err {
        Error::NotFinite { field, value } => (NanVariant::NotFinite, field, *value),
        Error::InvalidProbability { field, value } => {
            (NanVariant::InvalidProbability, field, *value)
        }
        Error::InvalidValue { field, value, .. } => (NanVariant::InvalidValue, field, *value),
        other => panic!("expected {variant:?} with NaN, got {other:?}"),
    };
    assert_eq!(got_variant, variant, "{err:?}");
    assert_eq!(got_field, field, "{err:?}");
    assert!(value.is_nan(), "{err:?}");
    assert_eq!(err.to_string(), message);
}

pub(crate) fn insufficient(what: &str, needed: u64, got: u64) -> Error {
    Error::InsufficientData {
        what: what.into(),
        needed,
        got,
    }
}

pub(crate) fn zero_variance_in(what: &str) -> Error {
    Error::ZeroVariance { what: what.into() }
}

pub(crate) fn not_finite(field: &str, value: f64) -> Error {
    Error::NotFinite {
        field: field.into(),
        value,
    }
}

pub(crate) fn invalid_probability(field: &str, value: f64) -> Error {
    Error::InvalidProbability {
        field: field.into(),
        value,
    }
}

pub(crate) fn level() -> Level {
    Level::default()
}

pub(crate) const ALTERNATIVES: [Alternative; 3] = [
    Alternative::TwoSided,
    Alternative::Less,
    Alternative::Greater,
];

// ---------------------------------------------------------------------------------------------
// Empty and too-small samples (the others: `hostile::stats`)
// ---------------------------------------------------------------------------------------------

#[test]
fn rank_tests_with_an_empty_sample_or_group() {
    for alternative in ALTERNATIVES {
        for method in [
            MannWhitneyMethod::Auto,
            MannWhitneyMethod::Exact,
            MannWhitneyMethod::Asymptotic,
        ] {
            check(
                mann_whitney_u(&[], &[1.0, 2.0], alternative, method),
                insufficient("Mann–Whitney first sample", 1, 0),
                "Mann–Whitney first sample needs at least 1 observation, got 0",
            );
            check(
                mann_whitney_u(&[1.0, 2.0], &[], alternative, method),
                insufficient("Mann–Whitney second sample", 1, 0),
                "Mann–Whitney second sample needs at least 1 observation, got 0",
            );
        }
    }
    // A group of size 0.
    check(
        kruskal_wallis(&[vec![1.0, 2.0], vec![], vec![3.0]]),
        insufficient("Kruskal–Wallis group", 1, 0),
        "Kruskal–Wallis group needs at least 1 observation, got 0",
    );
    check(
        kruskal_wallis(&[vec![1.0, 2.0, 3.0]]),
        insufficient("Kruskal–Wallis test (groups)", 2, 1),
        "Kruskal–Wallis test (groups) needs at least 2 observations, got 1",
    );
    check(
        kruskal_wallis::<Vec<f64>>(&[]),
        insufficient("Kruskal–Wallis test (groups)", 2, 0),
        "Kruskal–Wallis test (groups) needs at least 2 observations, got 0",
    );
    // Every value tied: H is 0/0.
    check(
        kruskal_wallis(&[vec![1.0, 1.0, 1.0], vec![1.0, 1.0], vec![1.0, 1.0]]),
        zero_variance_in("Kruskal–Wallis test (every value tied)"),
        "Kruskal–Wallis test (every value tied) is undefined: zero variance",
    );
}

/// A flat series: S = 0 over a variance of 0.
#[test]
fn mann_kendall_of_a_flat_series() {
    check(
        mann_kendall(&[3.5; 6]),
        zero_variance_in("Mann–Kendall test (all values tied)"),
        "Mann–Kendall test (all values tied) is undefined: zero variance",
    );
    // Sen's slope of it is a number: zero.
    assert_eq!(
        sens_slope(&[3.5; 6], level()).unwrap().slope.estimate(),
        0.0
    );
}

#[test]
fn contingency_tables_too_small_or_with_an_empty_margin() {
    check(
        chi_square_independence(&[[3u64, 4, 5]]),
        insufficient("chi-square test (rows and columns)", 2, 1),
        "chi-square test (rows and columns) needs at least 2 observations, got 1",
    );
    check(
        chi_square_independence(&[[3u64], [4]]),
        insufficient("chi-square test (rows and columns)", 2, 1),
        "chi-square test (rows and columns) needs at least 2 observations, got 1",
    );
    check(
        chi_square_independence::<[u64; 2]>(&[]),
        insufficient("chi-square test (rows and columns)", 2, 0),
        "chi-square test (rows and columns) needs at least 2 observations, got 0",
    );
    let message = "chi-square test (a row or column with no counts) needs at least 1 \
                   observation, got 0";
    let what = "chi-square test (a row or column with no counts)";
    check(
        chi_square_independence(&[[0u64, 0], [3, 4]]),
        insufficient(what, 1, 0),
        message,
    );
    check(
        chi_square_independence(&[[0u64, 2], [0, 4]]),
        insufficient(what, 1, 0),
        message,
    );
    check(
        chi_square_independence(&[[u64::MAX, 1], [1, 1]]),
        Error::Overflow {
            field: "contingency table total".into(),
        },
        "contingency table total overflows",
    );
}

#[test]
fn reliability_with_too_few_items_or_rows() {
    let single_item = [[Some(1.0)], [Some(2.0)], [Some(3.0)]];
    for deletion in [Deletion::Listwise, Deletion::Pairwise] {
        check(
            cronbach_alpha(&single_item, deletion, level()),
            insufficient("Cronbach's alpha (items)", 2, 1),
            "Cronbach's alpha (items) needs at least 2 observations, got 1",
        );
    }
    check(
        item_analysis(&single_item),
        insufficient("Cronbach's alpha (items)", 2, 1),
        "Cronbach's alpha (items) needs at least 2 observations, got 1",
    );
    let no_rows: [[Option<f64>; 3]; 0] = [];
    check(
        cronbach_alpha(&no_rows, Deletion::Listwise, level()),
        insufficient("Cronbach's alpha (items)", 2, 0),
        "Cronbach's alpha (items) needs at least 2 observations, got 0",
    );
    let what = "Cronbach's alpha (usable rows with some variance)";
    let single_row = [[Some(1.0), Some(2.0), Some(3.0)]];
    for deletion in [Deletion::Listwise, Deletion::Pairwise] {
        check(
            cronbach_alpha(&single_row, deletion, level()),
            insufficient(what, 2, 1),
            "Cronbach's alpha (usable rows with some variance) needs at least 2 observations, \
             got 1",
        );
    }
    // Only one complete row: listwise cannot, pairwise can.
    let one_complete = [
        [Some(1.0), Some(2.0), Some(3.0)],
        [Some(2.0), None, Some(4.0)],
        [None, Some(3.0), Some(2.0)],
    ];
    check(
        cronbach_alpha(&one_complete, Deletion::Listwise, level()),
        insufficient(what, 2, 3),
        "Cronbach's alpha (usable rows with some variance) needs at least 2 observations, got 3",
    );
    check(
        item_analysis(&one_complete),
        insufficient("item analysis (complete rows)", 2, 0),
        "item analysis (complete rows) needs at least 2 observations, got 0",
    );
    // Every answer the same: zero total variance.
    let constant = [[Some(3.0), Some(3.0)], [Some(3.0), Some(3.0)]];
    check(
        cronbach_alpha(&constant, Deletion::Listwise, level()),
        insufficient(what, 2, 2),
        "Cronbach's alpha (usable rows with some variance) needs at least 2 observations, got 2",
    );
}

#[test]
fn importance_performance_with_no_items() {
    check(
        importance_performance(&[], Crosshair::GrandMeans),
        insufficient("importance-performance analysis", 1, 0),
        "importance-performance analysis needs at least 1 observation, got 0",
    );
    check(
        customer_satisfaction_index(&[], 5.0),
        insufficient("importance-performance analysis", 1, 0),
        "importance-performance analysis needs at least 1 observation, got 0",
    );
    check(
        customer_satisfaction_index(&[(0.0, 3.0), (0.0, 4.0)], 5.0),
        insufficient(
            "customer satisfaction index (positive total importance)",
            1,
            0,
        ),
        "customer satisfaction index (positive total importance) needs at least 1 observation, \
         got 0",
    );
}

// ---------------------------------------------------------------------------------------------
// NaN and infinities (observations and interval parameters: `hostile::stats`)
// ---------------------------------------------------------------------------------------------

#[test]
fn bootstrap_parts_that_are_not_finite() {
    let replicates: Vec<f64> = (0..100).map(f64::from).collect();
    let jackknife = vec![1.0, 2.0];
    check(
        Replicates::from_parts(f64::INFINITY, replicates.clone(), jackknife.clone()),
        not_finite("bootstrap estimate", f64::INFINITY),
        "bootstrap estimate must be finite, got inf",
    );
    check_nan(
        Replicates::from_parts(50.0, replicates.clone(), vec![1.0, f64::NAN]),
        NanVariant::NotFinite,
        "jackknife value",
        "jackknife value must be finite, got NaN",
    );
    let mut bad = replicates;
    bad[7] = f64::NEG_INFINITY;
    check(
        Replicates::from_parts(50.0, bad, jackknife),
        not_finite("observation", f64::NEG_INFINITY),
        "observation must be finite, got -inf",
    );
}

// ---------------------------------------------------------------------------------------------
// Pairs, tables and vectors of the wrong length
// ---------------------------------------------------------------------------------------------

fn length_mismatch(what: &str, expected: usize, got: usize) -> Error {
    Error::LengthMismatch {
        what: what.into(),
        expected,
        got,
    }
}

#[test]
fn unequal_paired_lengths() {
    for alternative in ALTERNATIVES {
        for test in [pearson, spearman] {
            check(
                test(&[1.0, 2.0, 3.0], &[1.0, 2.0], alternative),
                length_mismatch("y (one value per x)", 3, 2),
                "y (one value per x): expected 3 values, got 2",
            );
        }
    }
}

#[test]
fn one_variance_per_estimate() {
    check(
        normal_shrinkage(&[1.0, 2.0, 3.0], &[0.5, 0.5], level()),
        length_mismatch("variances (one per estimate)", 3, 2),
        "variances (one per estimate): expected 3 values, got 2",
    );
}

#[test]
fn ragged_tables_and_item_matrices() {
    check(
        chi_square_independence(&[vec![1u64, 2], vec![3]]),
        length_mismatch("contingency table row", 2, 1),
        "contingency table row: expected 2 values, got 1",
    );
    check(
        chi_square_independence(&[vec![1u64, 2], vec![3, 4], vec![5, 6, 7]]),
        length_mismatch("contingency table row", 2, 3),
        "contingency table row: expected 2 values, got 3",
    );
    let ragged = vec![
        vec![Some(1.0), Some(2.0), Some(3.0)],
        vec![Some(2.0), Some(3.0)],
    ];
    let expected = length_mismatch("item matrix row", 3, 2);
    let message = "item matrix row: expected 3 values, got 2";
    for deletion in [Deletion::Listwise, Deletion::Pairwise] {
        check(
            cronbach_alpha(&ragged, deletion, level()),
            expected.clone(),
            message,
        );
    }
    check(item_analysis(&ragged), expected, message);
}

// ---------------------------------------------------------------------------------------------
// Mann–Whitney exact with ties
// ---------------------------------------------------------------------------------------------

/// The exact distribution of U assumes no ties.
#[test]
fn mann_whitney_exact_with_ties() {
    let expected = Error::NotApplicable {
        method: "the exact Mann–Whitney test".into(),
        reason: "the samples share tied values (use the asymptotic method)".into(),
    };
    let message = "the exact Mann–Whitney test does not apply: the samples share tied values (use the asymptotic method)";
    for alternative in ALTERNATIVES {
        for (a, b) in [
            (&[1.0, 2.0][..], &[2.0, 3.0][..]),
            (&[1.0, 1.0, 4.0], &[1.0, 4.0, 5.0]),
        ] {
            check(
                mann_whitney_u(a, b, alternative, MannWhitneyMethod::Exact),
                expected.clone(),
                message,
            );
        }
        // Auto and asymptotic handle ties.
        for method in [MannWhitneyMethod::Auto, MannWhitneyMethod::Asymptotic] {
            assert!(mann_whitney_u(&[1.0, 2.0], &[2.0, 3.0], alternative, method).is_ok());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Bootstrap
// ---------------------------------------------------------------------------------------------

#[test]
fn bootstrap_with_too_few_observations_or_replicates() {
    for data in [&[][..], &[4.2][..]] {
        let got = data.len() as u64;
        check(
            Replicates::resample(data, mean_of, 2_000, 42),
            insufficient("bootstrap", 2, got),
            &format!("bootstrap needs at least 2 observations, got {got}"),
        );
    }
    for resamples in [0usize, 1, 99] {
        check(
            Replicates::resample(&[1.0, 2.0, 3.0], mean_of, resamples, 42),
            insufficient("bootstrap replicates", 100, resamples as u64),
            &format!("bootstrap replicates needs at least 100 observations, got {resamples}"),
        );
    }
    assert!(Replicates::resample(&[1.0, 2.0, 3.0], mean_of, 100, 42).is_ok());
    let replicates: Vec<f64> = (0..100).map(f64::from).collect();
    check(
        Replicates::from_parts(50.0, replicates[..99].to_vec(), vec![1.0, 2.0]),
        insufficient("bootstrap replicates", 100, 99),
        "bootstrap replicates needs at least 100 observations, got 99",
    );
    check(
        Replicates::from_parts(50.0, replicates.clone(), vec![1.0]),
        insufficient("jackknife values", 2, 1),
        "jackknife values needs at least 2 observations, got 1",
    );
    // Every replicate on one side of the estimate: no bias correction, no BCa.
    let reps = Replicates::from_parts(-1.0, replicates, vec![1.0, 2.0]).unwrap();
    let what = "BCa bias correction (replicates on both sides of the estimate)";
    let message = "BCa bias correction (replicates on both sides of the estimate) needs at least 1 \
         observation, got 0";
    check(reps.bias_correction(), insufficient(what, 1, 0), message);
    check(
        reps.bca_interval(level()),
        insufficient(what, 1, 0),
        message,
    );
    assert!(reps.percentile_interval(level()).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Erlang C and the importance–performance crosshair
// ---------------------------------------------------------------------------------------------

#[test]
fn erlang_c_unstable_load() {
    // A = N: 60/h × 10 min = 10 erlangs on 10 counters.
    check(
        ErlangC::new(60.0, 10.0, 10),
        Error::UnstableQueue {
            traffic: 10.0,
            servers: 10,
        },
        "offered load of 10 erlangs needs more than 10 servers",
    );
    // A > N.
    let traffic = 200.0 / 60.0 * 6.0;
    check(
        ErlangC::new(200.0, 6.0, 15),
        Error::UnstableQueue {
            traffic,
            servers: 15,
        },
        &format!("offered load of {traffic} erlangs needs more than 15 servers"),
    );
    // No counter at all.
    check(
        ErlangC::new(10.0, 3.0, 0),
        Error::UnstableQueue {
            traffic: 0.5,
            servers: 0,
        },
        "offered load of 0.5 erlangs needs more than 0 servers",
    );
}

#[test]
fn erlang_c_non_positive_or_non_finite_rates() {
    for value in [0.0, -1.0] {
        check_not_positive(ErlangC::new(value, 5.0, 3), "arrivals per hour", value);
        check_not_positive(ErlangC::new(30.0, value, 3), "mean service minutes", value);
        check_not_positive(
            ErlangC::servers_for(value, 5.0, 0.8, 20.0),
            "arrivals per hour",
            value,
        );
    }
    check(
        ErlangC::new(f64::INFINITY, 5.0, 3),
        not_finite("arrivals per hour", f64::INFINITY),
        "arrivals per hour must be finite, got inf",
    );
    check_nan(
        ErlangC::new(30.0, f64::NAN, 3),
        NanVariant::NotFinite,
        "mean service minutes",
        "mean service minutes must be finite, got NaN",
    );
    let q = ErlangC::new(60.0, 5.0, 7).unwrap();
    check(
        q.service_level(-1.0),
        Error::InvalidValue {
            field: "threshold seconds".into(),
            value: -1.0,
            expected: "zero or positive".into(),
        },
        "threshold seconds must be zero or positive, got -1",
    );
    check_nan(
        q.service_level(f64::NAN),
        NanVariant::NotFinite,
        "threshold seconds",
        "threshold seconds must be finite, got NaN",
    );
    for target in [0.0, 1.0] {
        check(
            ErlangC::servers_for(60.0, 5.0, target, 20.0),
            invalid_probability("service-level target", target),
            &format!("service-level target must be strictly between 0 and 1, got {target}"),
        );
    }
}

#[test]
fn importance_performance_crosshair_and_scale() {
    check(
        importance_performance(
            &[(4.0, 3.0)],
            Crosshair::At {
                importance: f64::INFINITY,
                performance: 3.0,
            },
        ),
        not_finite("crosshair importance", f64::INFINITY),
        "crosshair importance must be finite, got inf",
    );
    check(
        importance_performance(
            &[(4.0, 3.0)],
            Crosshair::At {
                importance: 3.0,
                performance: f64::NEG_INFINITY,
            },
        ),
        not_finite("crosshair performance", f64::NEG_INFINITY),
        "crosshair performance must be finite, got -inf",
    );
    for scale in [0.0, -5.0] {
        check_not_positive(
            customer_satisfaction_index(&[(5.0, 4.0)], scale),
            "scale maximum",
            scale,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Every variant
// ---------------------------------------------------------------------------------------------

/// One value of every variant, its context in lowercase: the words each message adds are
/// lowercase too, with no trailing period, and the crate's error wraps it with the same
/// message. The match (no wildcard but for `#[non_exhaustive]`) makes a new variant a
/// reminder to list it here.
#[test]
fn every_stats_message_is_lowercase_without_a_trailing_period() {
    fn name(err: &Error) -> &'static str {
        match err {
            Error::InsufficientData { .. } => "InsufficientData",
            Error::ZeroVariance { .. } => "ZeroVariance",
            Error::NotFinite { .. } => "NotFinite",
            Error::InvalidValue { .. } => "InvalidValue",
            Error::InvalidProbability { .. } => "InvalidProbability",
            Error::OutOfRange { .. } => "OutOfRange",
            Error::LengthMismatch { .. } => "LengthMismatch",
            Error::Overflow { .. } => "Overflow",
            Error::NotApplicable { .. } => "NotApplicable",
            Error::UnstableQueue { .. } => "UnstableQueue",
            Error::Inconsistent { .. } => "Inconsistent",
            _ => "a variant added after this test",
        }
    }
    let x = || String::from("x");
    let every = [
        insufficient("x", 2, 1),
        zero_variance_in("x"),
        not_finite("x", f64::NEG_INFINITY),
        Error::InvalidValue {
            field: x(),
            value: -1.5,
            expected: x(),
        },
        invalid_probability("x", 1.5),
        Error::OutOfRange {
            field: x(),
            value: 10,
            min: 1,
            max: 9,
        },
        length_mismatch("x", 3, 2),
        Error::Overflow { field: x() },
        Error::NotApplicable {
            method: x(),
            reason: x(),
        },
        Error::UnstableQueue {
            traffic: 2.5,
            servers: 2,
        },
        Error::Inconsistent {
            what: x(),
            reason: x(),
        },
    ];
    let mut names: Vec<&str> = every.iter().map(name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 11, "{names:?}");
    assert!(!names.contains(&"a variant added after this test"));
    for err in every {
        let message = err.to_string();
        assert_eq!(message, message.to_lowercase(), "{err:?}");
        assert!(!message.ends_with('.'), "{message}");
        assert_eq!(layanan::Error::from(err.clone()).to_string(), message);
        assert_eq!(
            layanan::Error::from(err.clone()),
            layanan::Error::Stats(err)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Welch from moments
// ---------------------------------------------------------------------------------------------

/// From moments, Welch refuses what it refuses from the samples, with the same errors; and
/// moments that collected a NaN.
#[test]
fn welch_from_moments_refuses_what_welch_refuses() {
    let m = |data: &[f64]| Moments::from_slice(data).unwrap();
    for (a, b) in [
        (&[3.0][..], &[1.0, 2.0, 3.0][..]),
        (&[1.0, 2.0, 3.0], &[]),
        (&[2.0, 2.0, 2.0], &[5.0, 5.0]),
    ] {
        let expected = welch_interval(a, b, level()).unwrap_err();
        assert_eq!(
            welch_t_test(a, b, Alternative::TwoSided).unwrap_err(),
            expected
        );
        let message = expected.to_string();
        check(
            welch_from_moments(&m(a), &m(b), level()),
            expected,
            &message,
        );
    }
    let collected: Moments = [1.0, 2.0, f64::NAN].into_iter().collect();
    check_nan(
        welch_from_moments(&collected, &m(&[1.0, 2.0]), level()),
        NanVariant::NotFinite,
        "1 of 3 observations",
        "1 of 3 observations must be finite, got NaN",
    );
}
