//! Statistics inputs: NaN and infinities, empty and one-element samples, zero variance, levels
//! and probabilities of 0, 1 and outside, p-values, sample sizes.
//!
//! The statistics module's other refusals (rank tests, contingency tables, reliability, the
//! bootstrap, Erlang C, importance–performance) are in `stats_errors`.

use super::{rejects, rejects_saying};
use crate::stats_errors::{
    ALTERNATIVES, insufficient, invalid_probability, level, not_finite, zero_variance_in,
};
use layanan::stats::Error;
use layanan::stats::{
    Alternative, Crosshair, Deletion, MannWhitneyMethod, Moments, ProportionMethod, QuantileType,
    Replicates, Sorted, benjamini_hochberg, cochran, cronbach_alpha, holm, importance_performance,
    item_analysis, krejcie_morgan, kruskal_wallis, mann_whitney_u, mean_of, newcombe_interval,
    one_sample_t_test, pearson, proportion_interval, slovin, spearman, student_t_test,
    two_proportion_z_test, welch_interval, welch_t_test,
};
use layanan::{Interval, Level};

fn between_zero_and_one(field: &str, value: f64) -> Error {
    Error::InvalidValue {
        field: field.into(),
        value,
        expected: "between 0 and 1".into(),
    }
}

const METHODS: [ProportionMethod; 3] = [
    ProportionMethod::Wilson,
    ProportionMethod::ClopperPearson,
    ProportionMethod::AgrestiCoull,
];

// ---------------------------------------------------------------------------------------------
// NaN and infinities
// ---------------------------------------------------------------------------------------------

/// +∞ and −∞ among the observations, through every statistic that takes observations.
#[test]
fn infinite_observations() {
    for (label, bad) in [
        ("X01: +inf observation", f64::INFINITY),
        ("X02: -inf observation", f64::NEG_INFINITY),
    ] {
        let message = format!("observation must be finite, got {bad}");
        let observation = not_finite("observation", bad);
        let mut m = Moments::new();
        rejects_saying(label, m.push(bad), observation.clone(), &message);
        assert_eq!(m.count(), 0, "{label}: a refused value is not counted");
        for result in [
            Moments::from_slice(&[1.0, bad]).map(drop),
            Sorted::new(&[1.0, bad]).map(drop),
            welch_t_test(&[1.0, bad], &[1.0, 2.0], Alternative::TwoSided).map(drop),
            student_t_test(&[1.0, 2.0], &[bad], Alternative::TwoSided).map(drop),
            one_sample_t_test(&[1.0, bad, 2.0], 0.0, Alternative::TwoSided).map(drop),
            pearson(&[1.0, 2.0, 3.0], &[1.0, bad, 2.0], Alternative::TwoSided).map(drop),
            spearman(&[bad, 2.0, 3.0], &[1.0, 3.0, 2.0], Alternative::TwoSided).map(drop),
            Replicates::resample(&[1.0, bad, 3.0], mean_of, 1_000, 1).map(drop),
        ] {
            rejects_saying(label, result, observation.clone(), &message);
        }
        let auto = MannWhitneyMethod::Auto;
        rejects_saying(
            label,
            mann_whitney_u(&[1.0, bad], &[2.0], Alternative::TwoSided, auto),
            not_finite("Mann–Whitney first sample observation", bad),
            &format!("Mann–Whitney first sample observation must be finite, got {bad}"),
        );
        rejects(
            label,
            mann_whitney_u(&[1.0], &[bad], Alternative::TwoSided, auto),
            not_finite("Mann–Whitney second sample observation", bad),
        );
        rejects_saying(
            label,
            kruskal_wallis(&[vec![1.0], vec![2.0, bad]]),
            not_finite("Kruskal–Wallis group observation", bad),
            &format!("Kruskal–Wallis group observation must be finite, got {bad}"),
        );
        rejects_saying(
            label,
            cronbach_alpha(
                &[[Some(1.0), Some(bad)], [Some(2.0), Some(3.0)]],
                Deletion::Listwise,
                level(),
            ),
            not_finite("item score", bad),
            &format!("item score must be finite, got {bad}"),
        );
        rejects_saying(
            label,
            importance_performance(&[(4.0, bad)], Crosshair::GrandMeans),
            not_finite("importance or performance", bad),
            &format!("importance or performance must be finite, got {bad}"),
        );
    }
}

/// NaN among the observations: refused with the NaN in the error.
#[test]
fn nan_observations() {
    let label = "X03: NaN observation";
    let nan = f64::NAN;
    let observation = not_finite("observation", nan);
    let msg = "observation must be finite, got NaN";
    for result in [
        Moments::new().push(nan).map(drop),
        Moments::from_slice(&[nan]).map(drop),
        Sorted::new(&[2.0, nan]).map(drop),
        welch_t_test(&[1.0, 2.0], &[nan, 1.0], Alternative::Less).map(drop),
        pearson(&[1.0, nan, 3.0], &[1.0, 2.0, 3.0], Alternative::Greater).map(drop),
        Replicates::resample(&[nan, 1.0], mean_of, 1_000, 7).map(drop),
    ] {
        rejects_saying(label, result, observation.clone(), msg);
    }
    let exact = MannWhitneyMethod::Exact;
    rejects_saying(
        label,
        mann_whitney_u(&[nan], &[1.0], Alternative::TwoSided, exact),
        not_finite("Mann–Whitney first sample observation", nan),
        "Mann–Whitney first sample observation must be finite, got NaN",
    );
    rejects(
        label,
        kruskal_wallis(&[vec![nan], vec![1.0]]),
        not_finite("Kruskal–Wallis group observation", nan),
    );
    rejects(
        label,
        item_analysis(&[[Some(nan), Some(1.0)], [Some(2.0), None]]),
        not_finite("item score", nan),
    );
    // A statistic that answers NaN.
    rejects_saying(
        "X04: a bootstrap statistic that answers NaN",
        Replicates::resample(&[1.0, 2.0, 3.0], |_| f64::NAN, 100, 1),
        not_finite("bootstrap estimate", nan),
        "bootstrap estimate must be finite, got NaN",
    );
}

/// Collected through `FromIterator`, NaN and ∞ are counted as refused, and every statistic
/// refuses; merging passes the refusal on.
#[test]
fn nan_and_inf_collected_into_moments() {
    let label = "X05: NaN and +inf collected into moments";
    let m: Moments = [1.0, f64::NAN, 2.0, f64::INFINITY].into_iter().collect();
    assert_eq!(m.count(), 2);
    let refused = not_finite("2 of 4 observations", f64::NAN);
    let msg = "2 of 4 observations must be finite, got NaN";
    rejects_saying(label, m.mean(), refused.clone(), msg);
    rejects(label, m.variance(), refused.clone());
    rejects(label, m.min(), refused.clone());
    rejects(label, m.skewness(), refused.clone());
    rejects(label, m.mean_interval(level()), refused);
    let mut clean = Moments::from_slice(&[1.0, 2.0, 3.0]).unwrap();
    clean.merge(&m).unwrap();
    rejects_saying(
        label,
        clean.mean(),
        not_finite("2 of 7 observations", f64::NAN),
        "2 of 7 observations must be finite, got NaN",
    );
}

#[test]
fn nan_and_inf_parameters() {
    for (label, bad) in [
        ("X06: NaN interval parameters", f64::NAN),
        ("X07: +inf interval parameters", f64::INFINITY),
        ("X08: -inf interval parameters", f64::NEG_INFINITY),
    ] {
        rejects_saying(
            label,
            Interval::student_t(bad, 1.0, 5.0, level()),
            not_finite("estimate", bad),
            &format!("estimate must be finite, got {bad}"),
        );
        rejects_saying(
            label,
            Interval::student_t(0.0, bad, 5.0, level()),
            not_finite("standard error", bad),
            &format!("standard error must be finite, got {bad}"),
        );
        rejects_saying(
            label,
            Interval::student_t(0.0, 1.0, bad, level()),
            not_finite("degrees of freedom", bad),
            &format!("degrees of freedom must be finite, got {bad}"),
        );
        rejects_saying(
            label,
            one_sample_t_test(&[1.0, 2.0], bad, Alternative::TwoSided),
            not_finite("hypothesised mean", bad),
            &format!("hypothesised mean must be finite, got {bad}"),
        );
    }
}

/// A negative standard error or non-positive degrees of freedom are finite but invalid.
#[test]
fn interval_parameters_out_of_their_domain() {
    for (label, se) in [
        ("X09: standard error -1", -1.0),
        ("X10: standard error -0.5", -0.5),
    ] {
        rejects_saying(
            label,
            Interval::student_t(3.2, se, 4.0, level()),
            Error::InvalidValue {
                field: "standard error".into(),
                value: se,
                expected: "zero or positive".into(),
            },
            &format!("standard error must be zero or positive, got {se}"),
        );
    }
    for (label, df) in [
        ("X11: 0 degrees of freedom", 0.0),
        ("X12: -3 degrees of freedom", -3.0),
    ] {
        rejects_saying(
            label,
            Interval::student_t(3.2, 0.5, df, level()),
            Error::InvalidValue {
                field: "degrees of freedom".into(),
                value: df,
                expected: "positive".into(),
            },
            &format!("degrees of freedom must be positive, got {df}"),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Empty and one-element samples
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_samples() {
    let empty = Moments::new();
    let label = "X13: no observations (moments)";
    rejects_saying(
        label,
        empty.mean(),
        insufficient("mean", 1, 0),
        "mean needs at least 1 observation, got 0",
    );
    rejects(label, empty.min(), insufficient("minimum", 1, 0));
    rejects(label, empty.max(), insufficient("maximum", 1, 0));
    let label = "X14: no observations (quantiles)";
    rejects_saying(
        label,
        Sorted::new(&[]),
        insufficient("quantile", 1, 0),
        "quantile needs at least 1 observation, got 0",
    );
    rejects(
        label,
        Sorted::from_vec(Vec::new()),
        insufficient("quantile", 1, 0),
    );
    let label = "X15: an empty sample in a t test";
    let b = [1.0, 2.0, 3.0];
    for alternative in ALTERNATIVES {
        rejects_saying(
            label,
            welch_t_test(&[], &b, alternative),
            insufficient("t test (first sample)", 2, 0),
            "t test (first sample) needs at least 2 observations, got 0",
        );
        rejects(
            label,
            welch_t_test(&b, &[], alternative),
            insufficient("t test (second sample)", 2, 0),
        );
        rejects_saying(
            label,
            student_t_test(&[], &b, alternative),
            insufficient("t test (first sample)", 1, 0),
            "t test (first sample) needs at least 1 observation, got 0",
        );
        rejects(
            label,
            student_t_test(&b, &[], alternative),
            insufficient("t test (second sample)", 1, 0),
        );
        rejects(
            label,
            one_sample_t_test(&[], 0.0, alternative),
            insufficient("t test (sample)", 2, 0),
        );
    }
    let label = "X16: no trials (proportions)";
    for method in METHODS {
        rejects_saying(
            label,
            proportion_interval(0, 0, level(), method),
            insufficient("proportion", 1, 0),
            "proportion needs at least 1 observation, got 0",
        );
    }
    rejects(
        label,
        newcombe_interval(0, 0, 1, 5, level()),
        insufficient("proportion", 1, 0),
    );
    rejects(
        label,
        newcombe_interval(1, 5, 0, 0, level()),
        insufficient("proportion", 1, 0),
    );
    for alternative in ALTERNATIVES {
        for (x1, n1, x2, n2) in [(0, 0, 1, 5), (3, 10, 0, 0)] {
            rejects_saying(
                label,
                two_proportion_z_test(x1, n1, x2, n2, alternative),
                insufficient("two-proportion z test", 1, 0),
                "two-proportion z test needs at least 1 observation, got 0",
            );
        }
    }
    let label = "X17: no p-values to adjust";
    for adjust in [holm, benjamini_hochberg] {
        rejects_saying(
            label,
            adjust(&[]),
            insufficient("p-value adjustment", 1, 0),
            "p-value adjustment needs at least 1 observation, got 0",
        );
    }
}

#[test]
fn one_element_samples() {
    let one = Moments::from_slice(&[3.5]).unwrap();
    let label = "X18: one observation (moments)";
    rejects_saying(
        label,
        one.variance(),
        insufficient("variance", 2, 1),
        "variance needs at least 2 observations, got 1",
    );
    rejects(label, one.sd(), insufficient("variance", 2, 1));
    rejects_saying(
        label,
        one.sem(),
        insufficient("standard error", 2, 1),
        "standard error needs at least 2 observations, got 1",
    );
    rejects_saying(
        label,
        one.mean_interval(level()),
        insufficient("mean interval", 2, 1),
        "mean interval needs at least 2 observations, got 1",
    );
    // Its mean and quantiles are the observation itself.
    assert_eq!(one.mean(), Ok(3.5));
    let sorted = Sorted::new(&[3.5]).unwrap();
    assert_eq!(sorted.quantile(0.9, QuantileType::Linear), Ok(3.5));
    rejects_saying(
        "X19: two observations (skewness)",
        Moments::from_slice(&[1.0, 4.0]).unwrap().skewness(),
        insufficient("skewness", 3, 2),
        "skewness needs at least 3 observations, got 2",
    );
    rejects_saying(
        "X20: three observations (kurtosis)",
        Moments::from_slice(&[2.0, 2.0, 5.0]).unwrap().kurtosis(),
        insufficient("kurtosis", 4, 3),
        "kurtosis needs at least 4 observations, got 3",
    );
    let label = "X21: one observation in a t test";
    let b = [1.0, 2.0, 3.0];
    for alternative in ALTERNATIVES {
        // Welch needs a variance in each sample.
        rejects_saying(
            label,
            welch_t_test(&[3.0], &b, alternative),
            insufficient("t test (first sample)", 2, 1),
            "t test (first sample) needs at least 2 observations, got 1",
        );
        rejects_saying(
            label,
            welch_t_test(&b, &[3.0], alternative),
            insufficient("t test (second sample)", 2, 1),
            "t test (second sample) needs at least 2 observations, got 1",
        );
        rejects_saying(
            label,
            one_sample_t_test(&[3.5], 0.0, alternative),
            insufficient("t test (sample)", 2, 1),
            "t test (sample) needs at least 2 observations, got 1",
        );
        // Student pools the variance: one value is fine beside others, but two values in all
        // leave no degrees of freedom.
        rejects_saying(
            label,
            student_t_test(&[3.0], &[1.0], alternative),
            insufficient("Student t test (both samples together)", 3, 2),
            "Student t test (both samples together) needs at least 3 observations, got 2",
        );
    }
    rejects(
        label,
        welch_interval(&[3.0], &b, level()),
        insufficient("t test (first sample)", 2, 1),
    );
    let label = "X22: fewer than three pairs in a correlation";
    for alternative in ALTERNATIVES {
        for test in [pearson, spearman] {
            for (x, y) in [(&[][..], &[][..]), (&[1.0, 2.0][..], &[2.0, 1.0][..])] {
                let got = x.len() as u64;
                rejects_saying(
                    label,
                    test(x, y, alternative),
                    insufficient("correlation test", 3, got),
                    &format!("correlation test needs at least 3 observations, got {got}"),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Zero variance
// ---------------------------------------------------------------------------------------------

#[test]
fn zero_variance() {
    for alternative in ALTERNATIVES {
        rejects_saying(
            "X23: two constant samples in Welch's t",
            welch_t_test(&[2.0, 2.0, 2.0], &[5.0, 5.0], alternative),
            zero_variance_in("Welch t test (both samples constant)"),
            "Welch t test (both samples constant) is undefined: zero variance",
        );
        let label = "X24: two constant samples in Student's t";
        let constant = zero_variance_in("Student t test (both samples constant)");
        rejects_saying(
            label,
            student_t_test(&[2.0, 2.0, 2.0], &[5.0, 5.0], alternative),
            constant.clone(),
            "Student t test (both samples constant) is undefined: zero variance",
        );
        rejects(
            label,
            student_t_test(&[2.0], &[5.0, 5.0], alternative),
            constant,
        );
        rejects_saying(
            "X25: a constant sample in the one-sample t",
            one_sample_t_test(&[7.25; 10], 7.0, alternative),
            zero_variance_in("one-sample t test (a constant sample)"),
            "one-sample t test (a constant sample) is undefined: zero variance",
        );
        let label = "X26: a constant sample in a correlation";
        for test in [pearson, spearman] {
            rejects_saying(
                label,
                test(&[1.0, 1.0, 1.0, 1.0], &[1.0, 2.0, 3.0, 5.0], alternative),
                zero_variance_in("correlation (a constant sample)"),
                "correlation (a constant sample) is undefined: zero variance",
            );
            rejects(
                label,
                test(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0], alternative),
                zero_variance_in("correlation (a constant sample)"),
            );
        }
        let label = "X27: proportions of 0 and 1 in both samples of a z test";
        for (x1, n1, x2, n2) in [(0, 10, 0, 20), (10, 10, 20, 20)] {
            rejects_saying(
                label,
                two_proportion_z_test(x1, n1, x2, n2, alternative),
                zero_variance_in("two-proportion z test (both samples constant)"),
                "two-proportion z test (both samples constant) is undefined: zero variance",
            );
        }
    }
    let label = "X28: a constant sample's skewness and kurtosis";
    let constant = Moments::from_slice(&[4.0; 6]).unwrap();
    rejects_saying(
        label,
        constant.skewness(),
        zero_variance_in("skewness (all observations equal)"),
        "skewness (all observations equal) is undefined: zero variance",
    );
    rejects_saying(
        label,
        constant.kurtosis(),
        zero_variance_in("kurtosis (all observations equal)"),
        "kurtosis (all observations equal) is undefined: zero variance",
    );
    // Its variance is a number: zero.
    assert_eq!(constant.variance(), Ok(0.0));
}

// ---------------------------------------------------------------------------------------------
// Levels, probabilities and p-values: 0, 1 and outside
// ---------------------------------------------------------------------------------------------

#[test]
fn levels_of_zero_one_and_outside() {
    for (label, value) in [
        ("X29: level 0", 0.0),
        ("X30: level 1", 1.0),
        ("X31: level -0.05", -0.05),
        ("X32: level 1.5", 1.5),
        ("X33: level +inf", f64::INFINITY),
        ("X34: level -inf", f64::NEG_INFINITY),
        ("X35: level NaN", f64::NAN),
    ] {
        let expected = invalid_probability("confidence level", value);
        let message = format!("confidence level must be strictly between 0 and 1, got {value}");
        rejects_saying(label, Level::new(value), expected.clone(), &message);
        rejects(label, Level::try_from(value), expected);
    }
}

#[test]
fn margins_and_proportions_of_zero_one_and_outside() {
    for (label, margin) in [
        ("X36: margin of error 0", 0.0),
        ("X37: margin of error 1", 1.0),
        ("X38: margin of error -0.05", -0.05),
        ("X39: margin of error 2", 2.0),
        ("X40: margin of error NaN", f64::NAN),
    ] {
        let expected = invalid_probability("margin of error", margin);
        let message = format!("margin of error must be strictly between 0 and 1, got {margin}");
        rejects_saying(label, slovin(1_000, margin), expected.clone(), &message);
        rejects(label, cochran(level(), 0.5, margin, None), expected);
    }
    for (label, p) in [
        ("X41: expected proportion 0", 0.0),
        ("X42: expected proportion 1", 1.0),
        ("X43: expected proportion -0.5", -0.5),
        ("X44: expected proportion +inf", f64::INFINITY),
    ] {
        rejects_saying(
            label,
            cochran(level(), p, 0.05, None),
            invalid_probability("expected proportion", p),
            &format!("expected proportion must be strictly between 0 and 1, got {p}"),
        );
    }
    let label = "X45: a population of 0";
    let expected = Error::OutOfRange {
        field: "population".into(),
        value: 0,
        min: 1,
        max: i64::MAX,
    };
    let message = "population must be between 1 and 9223372036854775807, got 0";
    rejects_saying(label, krejcie_morgan(0), expected.clone(), message);
    rejects(label, slovin(0, 0.05), expected.clone());
    rejects(label, cochran(level(), 0.5, 0.05, Some(0)), expected);
    let label = "X46: more successes than trials";
    let expected = Error::OutOfRange {
        field: "successes".into(),
        value: 5,
        min: 0,
        max: 4,
    };
    let message = "successes must be between 0 and 4, got 5";
    for method in METHODS {
        rejects_saying(
            label,
            proportion_interval(5, 4, level(), method),
            expected.clone(),
            message,
        );
    }
    rejects(
        label,
        newcombe_interval(5, 4, 1, 3, level()),
        expected.clone(),
    );
    rejects(
        label,
        newcombe_interval(1, 3, 5, 4, level()),
        expected.clone(),
    );
    for alternative in ALTERNATIVES {
        rejects(
            label,
            two_proportion_z_test(5, 4, 1, 3, alternative),
            expected.clone(),
        );
        rejects(
            label,
            two_proportion_z_test(1, 3, 5, 4, alternative),
            expected.clone(),
        );
    }
}

#[test]
fn quantile_probabilities_and_types_outside() {
    let sorted = Sorted::new(&[3.0, 1.0, 2.0]).unwrap();
    for kind in [QuantileType::InvertedCdf, QuantileType::Linear] {
        for (label, p) in [
            ("X47: quantile probability -0.1", -0.1),
            ("X48: quantile probability 1.5", 1.5),
            ("X49: quantile probability just below 0", -f64::MIN_POSITIVE),
            ("X50: quantile probability just above 1", 1.0 + f64::EPSILON),
            ("X51: quantile probability +inf", f64::INFINITY),
            ("X52: quantile probability NaN", f64::NAN),
        ] {
            rejects_saying(
                label,
                sorted.quantile(p, kind),
                between_zero_and_one("quantile probability", p),
                &format!("quantile probability must be between 0 and 1, got {p}"),
            );
        }
        rejects(
            "X53: one probability of 2 among quantiles",
            sorted.quantiles([0.5, 2.0], kind),
            between_zero_and_one("quantile probability", 2.0),
        );
        // The closed ends are fine.
        assert_eq!(sorted.quantile(0.0, kind), Ok(1.0));
        assert_eq!(sorted.quantile(1.0, kind), Ok(3.0));
    }
    for (label, number) in [
        ("X54: quantile type 0", 0u8),
        ("X55: quantile type 10", 10),
        ("X56: quantile type 255", 255),
    ] {
        rejects_saying(
            label,
            QuantileType::from_number(number),
            Error::OutOfRange {
                field: "quantile type".into(),
                value: number.into(),
                min: 1,
                max: 9,
            },
            &format!("quantile type must be between 1 and 9, got {number}"),
        );
    }
}

#[test]
fn p_values_outside_zero_one() {
    for adjust in [holm, benjamini_hochberg] {
        for (label, bad) in [
            ("X57: p-value 1.5", 1.5),
            ("X58: p-value -0.1", -0.1),
            ("X59: p-value +inf", f64::INFINITY),
            ("X60: p-value NaN", f64::NAN),
        ] {
            rejects_saying(
                label,
                adjust(&[0.2, bad, 0.01]),
                between_zero_and_one("p-value", bad),
                &format!("p-value must be between 0 and 1, got {bad}"),
            );
        }
        // 0 and 1 are p-values.
        assert_eq!(adjust(&[0.0, 1.0]).unwrap().len(), 2);
    }
}

// ---------------------------------------------------------------------------------------------
// Finite inputs at the limits of f64 and u64
// ---------------------------------------------------------------------------------------------

/// Finite observations whose squares overflow give an overflow error, not an infinite variance.
#[test]
fn finite_observations_whose_squares_overflow() {
    let label = "X61: observations of f64::MAX and -f64::MAX";
    let variance = Error::Overflow {
        field: "variance of these observations".into(),
    };
    let huge = [f64::MAX, -f64::MAX, f64::MAX];
    rejects(
        label,
        Moments::from_slice(&huge).unwrap().variance(),
        variance.clone(),
    );
    // Differences of ±f64::MAX overflow on the way to the mean, which Welch's test needs first.
    let mean = Error::Overflow {
        field: "mean of these observations".into(),
    };
    rejects(
        label,
        Moments::from_slice(&huge).unwrap().mean(),
        mean.clone(),
    );
    rejects(
        label,
        welch_t_test(&huge, &[0.0, 1.0], Alternative::TwoSided),
        mean,
    );
    // Third and fourth powers would overflow long before squares do: the central sums are kept
    // in units of a power of two near the range (issue 15), so skewness and kurtosis, which do
    // not depend on the scale, are those of the same data scaled down, bit for bit, and the
    // standard deviation is finite though the variance is not.
    let unit = 2f64.powi(366);
    let cubes: Vec<f64> = [0.0, 1.0, 3.0, 7.0].iter().map(|v| v * unit).collect();
    let small = Moments::from_slice(&[0.0, 1.0, 3.0, 7.0]).unwrap();
    let big = Moments::from_slice(&cubes).unwrap();
    assert_eq!(big.skewness(), small.skewness(), "{label}");
    let unit = 2f64.powi(266);
    let fourth: Vec<f64> = [0.0, 1.0, 3.0, 7.0, 2.0].iter().map(|v| v * unit).collect();
    let small = Moments::from_slice(&[0.0, 1.0, 3.0, 7.0, 2.0]).unwrap();
    let big = Moments::from_slice(&fourth).unwrap();
    assert_eq!(big.kurtosis(), small.kurtosis(), "{label}");
    let wide = Moments::from_slice(&[1e200, -1e200, 1e200]).unwrap();
    rejects(label, wide.variance(), variance);
    let sd = wide.sd().unwrap();
    // √(4e400·2/3 / 2) = 1e200·√(4/3)
    assert!(
        (sd - 1e200 * (4.0f64 / 3.0).sqrt()).abs() <= 1e-15 * sd,
        "{label}: {sd}"
    );
}

/// Interpolating between ±f64::MAX weighs the two ends instead of overflowing their difference.
#[test]
fn quantile_between_the_largest_finite_values() {
    let label = "X62: the median of -f64::MAX and f64::MAX";
    let sorted = Sorted::new(&[-f64::MAX, f64::MAX]).unwrap();
    for kind in [QuantileType::Linear, QuantileType::AveragedInvertedCdf] {
        assert_eq!(
            sorted.quantile(0.5, kind).unwrap(),
            0.0,
            "{label} ({kind:?})"
        );
    }
}

#[test]
fn interval_with_the_largest_standard_error() {
    rejects_saying(
        "X63: a t interval with standard error f64::MAX",
        Interval::student_t(0.0, f64::MAX, 1.0, level()),
        Error::Overflow {
            field: "confidence interval".into(),
        },
        "confidence interval overflows",
    );
}

#[test]
fn sens_slope_of_the_largest_values() {
    rejects_saying(
        "X64: Sen's slope of ±f64::MAX one step apart (a slope of 2·f64::MAX)",
        layanan::stats::sens_slope(&[f64::MAX, -f64::MAX, f64::MAX, -f64::MAX, 1.0], level()),
        Error::Overflow {
            field: "Sen's slope of this series".into(),
        },
        "Sen's slope of this series overflows",
    );
    // Two steps apart the slope −f64::MAX fits, though the difference −2·f64::MAX does not:
    // the three slopes are all −f64::MAX.
    let sen = layanan::stats::sens_slope(&[f64::MAX, 0.0, -f64::MAX], level()).unwrap();
    assert_eq!(sen.slope.estimate(), -f64::MAX);
}

/// statrs' beta inverse never returned this far in a tail with shapes this large; the quantile
/// now starts from a bisection of its own. (Accuracy at such n is bounded by statrs' incomplete
/// beta: see TESTING.md.)
#[test]
fn clopper_pearson_with_2_to_the_40_trials() {
    let label = "X65: Clopper–Pearson interval of 2^40 successes in 2^40 + 1 trials";
    let n = 1u64 << 40;
    for (x, trials) in [(n, n + 1), (1, n), (n / 2, n)] {
        let ci = super::within(label, 5, move || {
            proportion_interval(
                x,
                trials,
                Level::default(),
                ProportionMethod::ClopperPearson,
            )
        })
        .unwrap();
        assert!(
            0.0 < ci.lower() && ci.lower() < ci.estimate() && ci.estimate() < ci.upper(),
            "{label}: {ci:?}"
        );
    }
    // One success: the lower bound is the closed form 1 − 0.975^(1/n).
    let ci = proportion_interval(1, n, Level::default(), ProportionMethod::ClopperPearson).unwrap();
    let closed = -((-0.025f64).ln_1p() / n as f64).exp_m1();
    assert!(
        (ci.lower() - closed).abs() <= 1e-15 * closed,
        "{label}: {ci:?}"
    );
}

#[test]
fn erlang_c_with_u32_max_servers() {
    rejects_saying(
        "X66: Erlang C with u32::MAX servers",
        layanan::stats::ErlangC::new(1e6, 60.0, u32::MAX),
        Error::OutOfRange {
            field: "servers".into(),
            value: u32::MAX.into(),
            min: 1,
            max: 100_000,
        },
        "servers must be between 1 and 100000, got 4294967295",
    );
}

#[test]
fn bootstrap_with_usize_max_resamples() {
    rejects_saying(
        "X67: usize::MAX bootstrap resamples",
        Replicates::resample(&[1.0, 2.0, 3.0], mean_of, usize::MAX, 1),
        Error::OutOfRange {
            field: "bootstrap resamples".into(),
            value: i64::MAX,
            min: 100,
            max: 1_000_000,
        },
        &format!(
            "bootstrap resamples must be between 100 and 1000000, got {}",
            i64::MAX
        ),
    );
}

#[test]
fn fisher_exact_with_huge_counts() {
    let n = u64::MAX / 4;
    // x₁ + x₂ = n + 1 successes: x₁ runs from 1 to n, n tables.
    let tables = n;
    let reason = format!(
        "{tables} possible tables are too many to enumerate (at most 10000000); use the z test"
    );
    rejects_saying(
        "X68: Fisher's exact test of u64::MAX / 4 trials per group",
        layanan::stats::fisher_exact(n, n, 1, n, Alternative::TwoSided),
        Error::NotApplicable {
            method: "Fisher's exact test".into(),
            reason: reason.clone(),
        },
        &format!("Fisher's exact test does not apply: {reason}"),
    );
}

/// The customer satisfaction index is on 0–100: performances outside the scale and negative
/// importances are refused, and importances near f64::MAX are weighed without overflowing.
#[test]
fn customer_satisfaction_index_of_nonsense() {
    use layanan::stats::customer_satisfaction_index as csi;
    rejects_saying(
        "X69: CSI with a performance of 40 on a scale of 5",
        csi(&[(1.0, 40.0)], 5.0),
        Error::InvalidValue {
            field: "performance".into(),
            value: 40.0,
            expected: "between 0 and the scale maximum 5".into(),
        },
        "performance must be between 0 and the scale maximum 5, got 40",
    );
    rejects_saying(
        "X70: CSI with an importance of -1",
        csi(&[(-1.0, 4.0), (2.0, 4.0)], 5.0),
        Error::InvalidValue {
            field: "importance".into(),
            value: -1.0,
            expected: "zero or positive".into(),
        },
        "importance must be zero or positive, got -1",
    );
    let label = "X71: CSI with importances of f64::MAX";
    let index = csi(&[(f64::MAX, 4.0), (f64::MAX, 2.0)], 5.0).unwrap();
    assert!((index - 60.0).abs() < 1e-12, "{label}: {index}");
}
