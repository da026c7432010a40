//! The statistics module's error catalogue: every invalid input is answered by a typed error,
//! checked here with its exact variant, context and message (messages are part of the API:
//! lowercase, no trailing period).
//!
//! `Error` derives `PartialEq`, and NaN is not equal to itself, so errors carrying a NaN are
//! checked field by field with [`check_nan`].

use layanan::stats::{
    Alternative, Crosshair, Deletion, ErlangC, MannWhitneyMethod, Moments, ProportionMethod,
    QuantileType, Replicates, Sorted, benjamini_hochberg, chi_square_independence, cochran,
    cronbach_alpha, customer_satisfaction_index, holm, importance_performance, item_analysis,
    kruskal_wallis, mann_whitney_u, mean_of, newcombe_interval, one_sample_t_test, pearson,
    proportion_interval, spearman, student_t_test, two_proportion_z_test, welch_interval,
    welch_t_test,
};
use layanan::{Error, Interval, Level};

/// Asserts the exact error and its exact message.
#[track_caller]
fn check<T: std::fmt::Debug>(result: Result<T, Error>, expected: Error, message: &str) {
    let err = result.expect_err("expected an error");
    assert_eq!(err, expected);
    assert_eq!(err.to_string(), message);
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

fn insufficient(what: &str, needed: u64, got: u64) -> Error {
    Error::InsufficientData {
        what: what.into(),
        needed,
        got,
    }
}

fn not_finite(field: &str, value: f64) -> Error {
    Error::NotFinite {
        field: field.into(),
        value,
    }
}

fn between_zero_and_one(field: &str, value: f64) -> Error {
    Error::InvalidValue {
        field: field.into(),
        value,
        expected: "between 0 and 1".into(),
    }
}

fn invalid_probability(field: &str, value: f64) -> Error {
    Error::InvalidProbability {
        field: field.into(),
        value,
    }
}

fn level() -> Level {
    Level::default()
}

const ALTERNATIVES: [Alternative; 3] = [
    Alternative::TwoSided,
    Alternative::Less,
    Alternative::Greater,
];

const METHODS: [ProportionMethod; 3] = [
    ProportionMethod::Wilson,
    ProportionMethod::ClopperPearson,
    ProportionMethod::AgrestiCoull,
];

// ---------------------------------------------------------------------------------------------
// Empty and too-small samples
// ---------------------------------------------------------------------------------------------

#[test]
fn moments_of_an_empty_or_too_small_sample() {
    let empty = Moments::new();
    let message = "mean needs at least 1 observation, got 0";
    check(empty.mean(), insufficient("mean", 1, 0), message);
    check(
        empty.min(),
        insufficient("minimum", 1, 0),
        "minimum needs at least 1 observation, got 0",
    );
    check(
        empty.max(),
        insufficient("maximum", 1, 0),
        "maximum needs at least 1 observation, got 0",
    );
    let one = Moments::from_slice(&[3.5]).unwrap();
    check(
        one.variance(),
        insufficient("variance", 2, 1),
        "variance needs at least 2 observations, got 1",
    );
    check(
        one.sd(),
        insufficient("variance", 2, 1),
        "variance needs at least 2 observations, got 1",
    );
    check(
        one.sem(),
        insufficient("standard error", 2, 1),
        "standard error needs at least 2 observations, got 1",
    );
    check(
        one.mean_interval(level()),
        insufficient("mean interval", 2, 1),
        "mean interval needs at least 2 observations, got 1",
    );
    let two = Moments::from_slice(&[1.0, 4.0]).unwrap();
    check(
        two.skewness(),
        insufficient("skewness", 3, 2),
        "skewness needs at least 3 observations, got 2",
    );
    let three = Moments::from_slice(&[2.0, 2.0, 5.0]).unwrap();
    check(
        three.kurtosis(),
        insufficient("kurtosis", 4, 3),
        "kurtosis needs at least 4 observations, got 3",
    );
}

#[test]
fn quantiles_of_an_empty_sample() {
    let message = "quantile needs at least 1 observation, got 0";
    check(Sorted::new(&[]), insufficient("quantile", 1, 0), message);
    check(
        Sorted::from_vec(Vec::new()),
        insufficient("quantile", 1, 0),
        message,
    );
}

#[test]
fn t_tests_with_empty_or_single_value_samples() {
    let b = [1.0, 2.0, 3.0];
    for alternative in ALTERNATIVES {
        // Welch needs a variance in each sample.
        for a in [&[][..], &[3.0][..]] {
            let got = a.len() as u64;
            let message = format!("t test (first sample) needs at least 2 observations, got {got}");
            check(
                welch_t_test(a, &b, alternative),
                insufficient("t test (first sample)", 2, got),
                &message,
            );
            check(
                welch_t_test(&b, a, alternative),
                insufficient("t test (second sample)", 2, got),
                &message.replace("first", "second"),
            );
        }
        // Student pools the variance: a single value is fine, an empty sample is not …
        check(
            student_t_test(&[], &b, alternative),
            insufficient("t test (first sample)", 1, 0),
            "t test (first sample) needs at least 1 observation, got 0",
        );
        check(
            student_t_test(&b, &[], alternative),
            insufficient("t test (second sample)", 1, 0),
            "t test (second sample) needs at least 1 observation, got 0",
        );
        // … and two values in all leave no degrees of freedom.
        check(
            student_t_test(&[3.0], &[1.0], alternative),
            insufficient("Student t test (both samples together)", 3, 2),
            "Student t test (both samples together) needs at least 3 observations, got 2",
        );
        for data in [&[][..], &[3.5][..]] {
            let got = data.len() as u64;
            check(
                one_sample_t_test(data, 0.0, alternative),
                insufficient("t test (sample)", 2, got),
                &format!("t test (sample) needs at least 2 observations, got {got}"),
            );
        }
    }
    check(
        welch_interval(&[3.0], &b, level()),
        insufficient("t test (first sample)", 2, 1),
        "t test (first sample) needs at least 2 observations, got 1",
    );
}

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
        insufficient("Kruskal–Wallis test (every value tied)", 2, 1),
        "Kruskal–Wallis test (every value tied) needs at least 2 observations, got 1",
    );
}

#[test]
fn proportions_with_no_trials() {
    for method in METHODS {
        check(
            proportion_interval(0, 0, level(), method),
            insufficient("proportion", 1, 0),
            "proportion needs at least 1 observation, got 0",
        );
    }
    check(
        newcombe_interval(0, 0, 1, 5, level()),
        insufficient("proportion", 1, 0),
        "proportion needs at least 1 observation, got 0",
    );
    check(
        newcombe_interval(1, 5, 0, 0, level()),
        insufficient("proportion", 1, 0),
        "proportion needs at least 1 observation, got 0",
    );
    for alternative in ALTERNATIVES {
        for (x1, n1, x2, n2) in [(0, 0, 1, 5), (3, 10, 0, 0)] {
            check(
                two_proportion_z_test(x1, n1, x2, n2, alternative),
                insufficient("two-proportion z test", 1, 0),
                "two-proportion z test needs at least 1 observation, got 0",
            );
        }
    }
}

#[test]
fn correlations_with_fewer_than_three_pairs() {
    for alternative in ALTERNATIVES {
        for test in [pearson, spearman] {
            for (x, y) in [(&[][..], &[][..]), (&[1.0, 2.0][..], &[2.0, 1.0][..])] {
                let got = x.len() as u64;
                check(
                    test(x, y, alternative),
                    insufficient("correlation test", 3, got),
                    &format!("correlation test needs at least 3 observations, got {got}"),
                );
            }
        }
    }
}

#[test]
fn adjusting_no_p_values() {
    for adjust in [holm, benjamini_hochberg] {
        check(
            adjust(&[]),
            insufficient("p-value adjustment", 1, 0),
            "p-value adjustment needs at least 1 observation, got 0",
        );
    }
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
// NaN and infinities
// ---------------------------------------------------------------------------------------------

#[test]
fn nan_and_infinite_observations() {
    for bad in [f64::INFINITY, f64::NEG_INFINITY] {
        let message = format!("observation must be finite, got {bad}");
        let mut m = Moments::new();
        check(m.push(bad), not_finite("observation", bad), &message);
        assert_eq!(m.count(), 0, "a refused value is not counted");
        check(
            Moments::from_slice(&[1.0, bad]),
            not_finite("observation", bad),
            &message,
        );
        check(
            Sorted::new(&[1.0, bad]),
            not_finite("observation", bad),
            &message,
        );
        check(
            welch_t_test(&[1.0, bad], &[1.0, 2.0], Alternative::TwoSided),
            not_finite("observation", bad),
            &message,
        );
        check(
            student_t_test(&[1.0, 2.0], &[bad], Alternative::TwoSided),
            not_finite("observation", bad),
            &message,
        );
        check(
            one_sample_t_test(&[1.0, bad, 2.0], 0.0, Alternative::TwoSided),
            not_finite("observation", bad),
            &message,
        );
        check(
            pearson(&[1.0, 2.0, 3.0], &[1.0, bad, 2.0], Alternative::TwoSided),
            not_finite("observation", bad),
            &message,
        );
        check(
            spearman(&[bad, 2.0, 3.0], &[1.0, 3.0, 2.0], Alternative::TwoSided),
            not_finite("observation", bad),
            &message,
        );
        check(
            Replicates::resample(&[1.0, bad, 3.0], mean_of, 1_000, 1),
            not_finite("observation", bad),
            &message,
        );
        check(
            mann_whitney_u(
                &[1.0, bad],
                &[2.0],
                Alternative::TwoSided,
                MannWhitneyMethod::Auto,
            ),
            not_finite("Mann–Whitney first sample observation", bad),
            &format!("Mann–Whitney first sample observation must be finite, got {bad}"),
        );
        check(
            mann_whitney_u(
                &[1.0],
                &[bad],
                Alternative::TwoSided,
                MannWhitneyMethod::Auto,
            ),
            not_finite("Mann–Whitney second sample observation", bad),
            &format!("Mann–Whitney second sample observation must be finite, got {bad}"),
        );
        check(
            kruskal_wallis(&[vec![1.0], vec![2.0, bad]]),
            not_finite("Kruskal–Wallis group observation", bad),
            &format!("Kruskal–Wallis group observation must be finite, got {bad}"),
        );
        check(
            cronbach_alpha(
                &[[Some(1.0), Some(bad)], [Some(2.0), Some(3.0)]],
                Deletion::Listwise,
                level(),
            ),
            not_finite("item score", bad),
            &format!("item score must be finite, got {bad}"),
        );
        check(
            importance_performance(&[(4.0, bad)], Crosshair::GrandMeans),
            not_finite("importance or performance", bad),
            &format!("importance or performance must be finite, got {bad}"),
        );
        check(
            one_sample_t_test(&[1.0, 2.0], bad, Alternative::TwoSided),
            not_finite("hypothesised mean", bad),
            &format!("hypothesised mean must be finite, got {bad}"),
        );
        check(
            Interval::student_t(bad, 1.0, 5.0, level()),
            not_finite("estimate", bad),
            &format!("estimate must be finite, got {bad}"),
        );
        check(
            Interval::student_t(0.0, bad, 5.0, level()),
            not_finite("standard error", bad),
            &format!("standard error must be finite, got {bad}"),
        );
        check(
            Interval::student_t(0.0, 1.0, bad, level()),
            not_finite("degrees of freedom", bad),
            &format!("degrees of freedom must be finite, got {bad}"),
        );
    }
}

#[test]
fn nan_observations() {
    let nan = f64::NAN;
    let v = NanVariant::NotFinite;
    let msg = "observation must be finite, got NaN";
    check_nan(Moments::new().push(nan), v, "observation", msg);
    check_nan(Moments::from_slice(&[nan]), v, "observation", msg);
    check_nan(Sorted::new(&[2.0, nan]), v, "observation", msg);
    check_nan(
        welch_t_test(&[1.0, 2.0], &[nan, 1.0], Alternative::Less),
        v,
        "observation",
        msg,
    );
    check_nan(
        pearson(&[1.0, nan, 3.0], &[1.0, 2.0, 3.0], Alternative::Greater),
        v,
        "observation",
        msg,
    );
    check_nan(
        Replicates::resample(&[nan, 1.0], mean_of, 1_000, 7),
        v,
        "observation",
        msg,
    );
    check_nan(
        mann_whitney_u(
            &[nan],
            &[1.0],
            Alternative::TwoSided,
            MannWhitneyMethod::Exact,
        ),
        v,
        "Mann–Whitney first sample observation",
        "Mann–Whitney first sample observation must be finite, got NaN",
    );
    check_nan(
        kruskal_wallis(&[vec![nan], vec![1.0]]),
        v,
        "Kruskal–Wallis group observation",
        "Kruskal–Wallis group observation must be finite, got NaN",
    );
    check_nan(
        item_analysis(&[[Some(nan), Some(1.0)], [Some(2.0), None]]),
        v,
        "item score",
        "item score must be finite, got NaN",
    );
    // Collected through `FromIterator`: counted, and every statistic refuses.
    let m: Moments = [1.0, nan, 2.0, f64::INFINITY].into_iter().collect();
    assert_eq!(m.count(), 2);
    let field = "2 of 4 observations";
    let msg = "2 of 4 observations must be finite, got NaN";
    check_nan(m.mean(), v, field, msg);
    check_nan(m.variance(), v, field, msg);
    check_nan(m.min(), v, field, msg);
    check_nan(m.skewness(), v, field, msg);
    check_nan(m.mean_interval(level()), v, field, msg);
    // … and merging passes the refusal on.
    let mut clean = Moments::from_slice(&[1.0, 2.0, 3.0]).unwrap();
    clean.merge(&m).unwrap();
    check_nan(
        clean.mean(),
        v,
        "2 of 7 observations",
        "2 of 7 observations must be finite, got NaN",
    );
}

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
    // A statistic that answers NaN.
    check_nan(
        Replicates::resample(&[1.0, 2.0, 3.0], |_| f64::NAN, 100, 1),
        NanVariant::NotFinite,
        "bootstrap estimate",
        "bootstrap estimate must be finite, got NaN",
    );
}

// ---------------------------------------------------------------------------------------------
// Levels and probabilities
// ---------------------------------------------------------------------------------------------

#[test]
fn levels_zero_one_and_nan() {
    for value in [0.0, 1.0, -0.05, 1.5, f64::INFINITY, f64::NEG_INFINITY] {
        check(
            Level::new(value),
            invalid_probability("confidence level", value),
            &format!("confidence level must be strictly between 0 and 1, got {value}"),
        );
    }
    check_nan(
        Level::new(f64::NAN),
        NanVariant::InvalidProbability,
        "confidence level",
        "confidence level must be strictly between 0 and 1, got NaN",
    );
}

#[test]
fn quantile_p_outside_zero_one_and_types_zero_and_ten() {
    let sorted = Sorted::new(&[3.0, 1.0, 2.0]).unwrap();
    for kind in [QuantileType::InvertedCdf, QuantileType::Linear] {
        for p in [
            -0.1,
            1.5,
            -f64::MIN_POSITIVE,
            1.0 + f64::EPSILON,
            f64::INFINITY,
        ] {
            check(
                sorted.quantile(p, kind),
                between_zero_and_one("quantile probability", p),
                &format!("quantile probability must be between 0 and 1, got {p}"),
            );
        }
        check_nan(
            sorted.quantile(f64::NAN, kind),
            NanVariant::InvalidValue,
            "quantile probability",
            "quantile probability must be between 0 and 1, got NaN",
        );
        check(
            sorted.quantiles([0.5, 2.0], kind),
            between_zero_and_one("quantile probability", 2.0),
            "quantile probability must be between 0 and 1, got 2",
        );
        // The closed ends are fine.
        assert_eq!(sorted.quantile(0.0, kind).unwrap(), 1.0);
        assert_eq!(sorted.quantile(1.0, kind).unwrap(), 3.0);
    }
    for (number, value) in [(0u8, 0i64), (10, 10), (255, 255)] {
        check(
            QuantileType::from_number(number),
            Error::OutOfRange {
                field: "quantile type".into(),
                value,
                min: 1,
                max: 9,
            },
            &format!("quantile type must be between 1 and 9, got {value}"),
        );
    }
}

#[test]
fn p_values_outside_zero_one_in_holm_and_benjamini_hochberg() {
    for adjust in [holm, benjamini_hochberg] {
        for bad in [1.5, -0.1, f64::INFINITY] {
            check(
                adjust(&[0.2, bad, 0.01]),
                between_zero_and_one("p-value", bad),
                &format!("p-value must be between 0 and 1, got {bad}"),
            );
        }
        check_nan(
            adjust(&[f64::NAN]),
            NanVariant::InvalidValue,
            "p-value",
            "p-value must be between 0 and 1, got NaN",
        );
        assert_eq!(adjust(&[0.0, 1.0]).unwrap().len(), 2);
    }
}

#[test]
fn sample_size_probabilities_and_population() {
    for p in [0.0, 1.0, -0.5, f64::INFINITY] {
        check(
            cochran(level(), p, 0.05, None),
            invalid_probability("expected proportion", p),
            &format!("expected proportion must be strictly between 0 and 1, got {p}"),
        );
    }
    for margin in [0.0, 1.0, 2.0] {
        check(
            cochran(level(), 0.5, margin, None),
            invalid_probability("margin of error", margin),
            &format!("margin of error must be strictly between 0 and 1, got {margin}"),
        );
    }
    check(
        cochran(level(), 0.5, 0.05, Some(0)),
        Error::OutOfRange {
            field: "population".into(),
            value: 0,
            min: 1,
            max: i64::MAX,
        },
        &format!("population must be between 1 and {}, got 0", i64::MAX),
    );
}

// ---------------------------------------------------------------------------------------------
// Zero variance where it matters
// ---------------------------------------------------------------------------------------------

#[test]
fn zero_variance_in_t_tests_correlation_and_z_test() {
    for alternative in ALTERNATIVES {
        check(
            welch_t_test(&[2.0, 2.0, 2.0], &[5.0, 5.0], alternative),
            insufficient("Welch t (both samples constant: zero variance)", 2, 1),
            "Welch t (both samples constant: zero variance) needs at least 2 observations, got 1",
        );
        check(
            student_t_test(&[2.0, 2.0, 2.0], &[5.0, 5.0], alternative),
            insufficient("Student t (both samples constant: zero variance)", 2, 1),
            "Student t (both samples constant: zero variance) needs at least 2 observations, \
             got 1",
        );
        check(
            student_t_test(&[2.0], &[5.0, 5.0], alternative),
            insufficient("Student t (both samples constant: zero variance)", 2, 1),
            "Student t (both samples constant: zero variance) needs at least 2 observations, \
             got 1",
        );
        check(
            one_sample_t_test(&[7.25; 10], 7.0, alternative),
            insufficient("one-sample t (the sample constant: zero variance)", 2, 1),
            "one-sample t (the sample constant: zero variance) needs at least 2 observations, \
             got 1",
        );
        for test in [pearson, spearman] {
            check(
                test(&[1.0, 1.0, 1.0, 1.0], &[1.0, 2.0, 3.0, 5.0], alternative),
                insufficient("correlation (a constant sample)", 2, 1),
                "correlation (a constant sample) needs at least 2 observations, got 1",
            );
            check(
                test(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0], alternative),
                insufficient("correlation (a constant sample)", 2, 1),
                "correlation (a constant sample) needs at least 2 observations, got 1",
            );
        }
        for (x1, n1, x2, n2) in [(0, 10, 0, 20), (10, 10, 20, 20)] {
            check(
                two_proportion_z_test(x1, n1, x2, n2, alternative),
                insufficient(
                    "two-proportion z (both samples constant: zero variance)",
                    2,
                    1,
                ),
                "two-proportion z (both samples constant: zero variance) needs at least 2 \
                 observations, got 1",
            );
        }
    }
    let constant = Moments::from_slice(&[4.0; 6]).unwrap();
    check(
        constant.skewness(),
        insufficient("skewness (all observations equal)", 2, 1),
        "skewness (all observations equal) needs at least 2 observations, got 1",
    );
    check(
        constant.kurtosis(),
        insufficient("kurtosis (all observations equal)", 2, 1),
        "kurtosis (all observations equal) needs at least 2 observations, got 1",
    );
}

// ---------------------------------------------------------------------------------------------
// Counts, pairs and tables that contradict themselves
// ---------------------------------------------------------------------------------------------

#[test]
fn more_successes_than_trials() {
    let expected = Error::OutOfRange {
        field: "successes".into(),
        value: 5,
        min: 0,
        max: 4,
    };
    let message = "successes must be between 0 and 4, got 5";
    for method in METHODS {
        check(
            proportion_interval(5, 4, level(), method),
            expected.clone(),
            message,
        );
    }
    check(
        newcombe_interval(5, 4, 1, 3, level()),
        expected.clone(),
        message,
    );
    check(
        newcombe_interval(1, 3, 5, 4, level()),
        expected.clone(),
        message,
    );
    for alternative in ALTERNATIVES {
        check(
            two_proportion_z_test(5, 4, 1, 3, alternative),
            expected.clone(),
            message,
        );
        check(
            two_proportion_z_test(1, 3, 5, 4, alternative),
            expected.clone(),
            message,
        );
    }
}

#[test]
fn unequal_paired_lengths() {
    for alternative in ALTERNATIVES {
        for test in [pearson, spearman] {
            check(
                test(&[1.0, 2.0, 3.0], &[1.0, 2.0], alternative),
                Error::Inconsistent {
                    what: "paired samples".into(),
                    reason: "3 x values but 2 y values".into(),
                },
                "inconsistent paired samples: 3 x values but 2 y values",
            );
        }
    }
}

#[test]
fn ragged_tables_and_item_matrices() {
    check(
        chi_square_independence(&[vec![1u64, 2], vec![3]]),
        Error::Inconsistent {
            what: "contingency table".into(),
            reason: "a row of 1 counts among rows of 2".into(),
        },
        "inconsistent contingency table: a row of 1 counts among rows of 2",
    );
    check(
        chi_square_independence(&[vec![1u64, 2], vec![3, 4], vec![5, 6, 7]]),
        Error::Inconsistent {
            what: "contingency table".into(),
            reason: "a row of 3 counts among rows of 2".into(),
        },
        "inconsistent contingency table: a row of 3 counts among rows of 2",
    );
    let ragged = vec![
        vec![Some(1.0), Some(2.0), Some(3.0)],
        vec![Some(2.0), Some(3.0)],
    ];
    let expected = Error::Inconsistent {
        what: "item matrix".into(),
        reason: "a row of 2 items among rows of 3".into(),
    };
    let message = "inconsistent item matrix: a row of 2 items among rows of 3";
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
// Intervals, Erlang C and the importance–performance crosshair
// ---------------------------------------------------------------------------------------------

#[test]
fn interval_parameters() {
    check(
        Interval::student_t(1.0, -0.5, 4.0, level()),
        Error::InvalidValue {
            field: "standard error".into(),
            value: -0.5,
            expected: "zero or positive".into(),
        },
        "standard error must be zero or positive, got -0.5",
    );
    for df in [0.0, -3.0] {
        check(
            Interval::student_t(1.0, 0.5, df, level()),
            Error::InvalidValue {
                field: "degrees of freedom".into(),
                value: df,
                expected: "positive".into(),
            },
            &format!("degrees of freedom must be positive, got {df}"),
        );
    }
    check_nan(
        Interval::student_t(1.0, 0.5, f64::NAN, level()),
        NanVariant::NotFinite,
        "degrees of freedom",
        "degrees of freedom must be finite, got NaN",
    );
}

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
        check(
            ErlangC::new(value, 5.0, 3),
            Error::InvalidValue {
                field: "arrivals per hour".into(),
                value,
                expected: "positive".into(),
            },
            &format!("arrivals per hour must be positive, got {value}"),
        );
        check(
            ErlangC::new(30.0, value, 3),
            Error::InvalidValue {
                field: "mean service minutes".into(),
                value,
                expected: "positive".into(),
            },
            &format!("mean service minutes must be positive, got {value}"),
        );
        check(
            ErlangC::servers_for(value, 5.0, 0.8, 20.0),
            Error::InvalidValue {
                field: "arrivals per hour".into(),
                value,
                expected: "positive".into(),
            },
            &format!("arrivals per hour must be positive, got {value}"),
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
        check(
            customer_satisfaction_index(&[(5.0, 4.0)], scale),
            Error::InvalidValue {
                field: "scale maximum".into(),
                value: scale,
                expected: "positive".into(),
            },
            &format!("scale maximum must be positive, got {scale}"),
        );
    }
}
