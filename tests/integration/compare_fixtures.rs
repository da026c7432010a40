//! Trend and shrinkage statistics against `tests/fixtures/compare_reference.json`, computed by
//! `tests/fixtures/generate_compare.py`: pymannkendall for the Mann–Kendall test and Sen's slope,
//! independent numpy/scipy code for Sen's interval and the two empirical-Bayes shrinkages.
//!
//! **Tolerance: 1e-10 relative to the reference value** (a reference of exactly 0 must be met
//! exactly), with one exception: interval bounds built as `estimate ± half-width` are known
//! only to ~1e-16 absolute, so they get an absolute floor of 1e-14 times the estimate's scale.
//! Every test asserts it looked at every case.

use layanan::Level;
use layanan::stats::{
    Alternative, MannKendall, Shrunken, beta_binomial_shrinkage, fisher_exact, mann_kendall,
    mann_kendall_hamed_rao, normal_shrinkage, seasonal_mann_kendall, sens_slope,
};
use serde_json::Value;

use crate::support::reference::{self, REL, assert_rel, counts, num, nums};

/// The fixture of this module.
const FIXTURE: &str = "compare_reference.json";

/// The cases of group `name` (at least one).
fn group(name: &str) -> &'static [Value] {
    let list = reference::group(FIXTURE, name);
    assert!(!list.is_empty(), "{name}: no cases");
    list
}

/// `|got − want| ≤ 1e-10·|want| + floor`.
#[track_caller]
fn close(what: &str, got: f64, want: f64, floor: f64) {
    assert_rel(what, got, want, REL, floor);
}

#[test]
fn mann_kendall_and_sens_slope_match_pymannkendall() {
    let cases = group("mann_kendall");
    let mut checked = 0;
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let series = nums(case, "series");
        let mk = mann_kendall(&series).expect(name);
        assert_eq!(mk.s, case["s"].as_i64().expect("s"), "{name}: S");
        assert_eq!(mk.n, series.len() as u64);
        close(
            &format!("{name}: Var(S)"),
            mk.variance,
            num(case, "variance"),
            0.0,
        );
        close(&format!("{name}: z"), mk.z, num(case, "z"), 0.0);
        close(&format!("{name}: p"), mk.p_value, num(case, "p_value"), 0.0);
        close(&format!("{name}: tau"), mk.tau, num(case, "tau"), 0.0);
        for interval in case["intervals"].as_array().expect("intervals") {
            let level = Level::new(num(interval, "level")).expect("level");
            let sen = sens_slope(&series, level).expect(name);
            close(
                &format!("{name}: slope"),
                sen.slope.estimate(),
                num(case, "slope"),
                0.0,
            );
            close(
                &format!("{name}: intercept"),
                sen.intercept,
                num(case, "intercept"),
                0.0,
            );
            close(
                &format!("{name}: lower"),
                sen.slope.lower(),
                num(interval, "lower"),
                0.0,
            );
            close(
                &format!("{name}: upper"),
                sen.slope.upper(),
                num(interval, "upper"),
                0.0,
            );
        }
        checked += 1;
    }
    assert_eq!(checked, cases.len());
}

/// A Mann–Kendall result against a reference case: S exactly, the rest within 1e-10.
#[track_caller]
fn assert_mann_kendall(what: &str, mk: &MannKendall, case: &Value) {
    assert_eq!(mk.s, case["s"].as_i64().expect("s"), "{what}: S");
    close(
        &format!("{what}: Var(S)"),
        mk.variance,
        num(case, "variance"),
        0.0,
    );
    close(&format!("{what}: z"), mk.z, num(case, "z"), 0.0);
    close(&format!("{what}: p"), mk.p_value, num(case, "p_value"), 0.0);
    close(&format!("{what}: tau"), mk.tau, num(case, "tau"), 0.0);
}

#[test]
fn hamed_rao_matches_pymannkendall() {
    let cases = group("hamed_rao");
    let mut corrected = 0;
    for case in cases {
        let name = format!("{} (alpha {})", case["name"], num(case, "alpha"));
        let series = nums(case, "series");
        let mk = mann_kendall_hamed_rao(&series, num(case, "alpha")).expect(&name);
        assert_mann_kendall(&name, &mk, case);
        if mk.variance != mann_kendall(&series).expect("plain").variance {
            corrected += 1;
        }
    }
    // Most cases are autocorrelated enough to change the variance.
    assert!(
        corrected >= cases.len() / 2,
        "{corrected} of {}",
        cases.len()
    );
}

#[test]
fn seasonal_mann_kendall_matches_pymannkendall() {
    let cases = group("seasonal_mann_kendall");
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let series = nums(case, "series");
        let period = case["period"].as_u64().expect("period") as usize;
        let mk = seasonal_mann_kendall(&series, period).expect(name);
        assert_mann_kendall(name, &mk, case);
    }
    assert_eq!(cases.len(), 4);
}

#[test]
fn trend_variants_refuse_what_they_cannot_test() {
    use layanan::stats::Error;
    assert!(matches!(
        seasonal_mann_kendall(&[1.0, 2.0, 3.0], 1),
        Err(Error::InvalidValue { .. })
    ));
    // Twelve months are one value per season: no season has a pair.
    let year: Vec<f64> = (0..12).map(f64::from).collect();
    assert!(matches!(
        seasonal_mann_kendall(&year, 12),
        Err(Error::InsufficientData { .. })
    ));
    // Every season constant across years.
    let flat: Vec<f64> = (0..24).map(|i| f64::from(i % 12)).collect();
    assert!(matches!(
        seasonal_mann_kendall(&flat, 12),
        Err(Error::ZeroVariance { .. })
    ));
    assert!(matches!(
        seasonal_mann_kendall(&[1.0, f64::NAN, 3.0, 4.0], 2),
        Err(Error::NotFinite { .. })
    ));
    assert!(matches!(
        mann_kendall_hamed_rao(&[1.0, 2.0, 3.0, 4.0], 1.5),
        Err(Error::InvalidProbability { .. })
    ));
    assert!(matches!(
        mann_kendall_hamed_rao(&[1.0, 2.0], 0.05),
        Err(Error::InsufficientData { .. })
    ));
}

/// The shrunken groups are the case's `groups`, in order: raw value, weight and estimate within
/// 1e-10 relative, the interval's bounds with an absolute floor of `bound_floor` times the
/// estimate's magnitude.
#[track_caller]
fn assert_shrunk_groups(name: &str, got: &[Shrunken], case: &Value, bound_floor: f64) {
    let want = case["groups"].as_array().expect("groups");
    assert_eq!(got.len(), want.len(), "{name}");
    for (i, (got, want)) in got.iter().zip(want).enumerate() {
        let floor = bound_floor * num(want, "estimate").abs();
        close(&format!("{name} #{i}: raw"), got.raw, num(want, "raw"), 0.0);
        close(
            &format!("{name} #{i}: weight"),
            got.weight,
            num(want, "weight"),
            0.0,
        );
        close(
            &format!("{name} #{i}: estimate"),
            got.estimate.estimate(),
            num(want, "estimate"),
            0.0,
        );
        close(
            &format!("{name} #{i}: lower"),
            got.estimate.lower(),
            num(want, "lower"),
            floor,
        );
        close(
            &format!("{name} #{i}: upper"),
            got.estimate.upper(),
            num(want, "upper"),
            floor,
        );
    }
}

#[test]
fn hamed_rao_refuses_a_correction_that_leaves_no_variance() {
    use layanan::stats::Error;
    // Detrended and ranked, this series alternates so strongly that its significant
    // autocorrelations drive the variance factor n/n* below zero (−1/49).
    let series = [0.0, 0.0, 1.0, 0.0, 2.0, 1.0, 2.0];
    assert!(mann_kendall(&series).is_ok());
    match mann_kendall_hamed_rao(&series, 0.05) {
        Err(Error::NotApplicable { method, reason }) => {
            assert_eq!(method, "Hamed–Rao Mann–Kendall test");
            assert!(
                reason.starts_with("the autocorrelation correction -0.0204"),
                "{reason}"
            );
            assert!(
                reason.ends_with(" leaves no positive variance (7 values)"),
                "{reason}"
            );
        }
        other => panic!("expected no positive variance, got {other:?}"),
    }
}

#[test]
fn beta_binomial_shrinkage_matches_numpy() {
    let cases = group("beta_binomial");
    let mut checked = 0;
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let groups: Vec<(u64, u64)> = case["counts"]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| {
                (
                    g[0].as_u64().expect("successes"),
                    g[1].as_u64().expect("trials"),
                )
            })
            .collect();
        let level = Level::new(num(case, "level")).expect("level");
        let eb = beta_binomial_shrinkage(&groups, level).expect(name);
        close(
            &format!("{name}: prior mean"),
            eb.prior_mean,
            num(case, "prior_mean"),
            0.0,
        );
        close(&format!("{name}: rho"), eb.rho, num(case, "rho"), 0.0);
        match case["prior_strength"].as_f64() {
            Some(want) => close(
                &format!("{name}: strength"),
                eb.prior_strength.expect("a prior strength"),
                want,
                0.0,
            ),
            None => assert_eq!(eb.prior_strength, None, "{name}"),
        }
        assert_shrunk_groups(name, &eb.groups, case, 0.0);
        checked += 1;
    }
    assert_eq!(checked, cases.len());
}

#[test]
fn normal_shrinkage_matches_numpy() {
    let cases = group("normal_normal");
    let mut checked = 0;
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let level = Level::new(num(case, "level")).expect("level");
        let eb = normal_shrinkage(&nums(case, "estimates"), &nums(case, "variances"), level)
            .expect(name);
        close(
            &format!("{name}: prior mean"),
            eb.prior_mean,
            num(case, "prior_mean"),
            0.0,
        );
        close(&format!("{name}: tau2"), eb.tau2, num(case, "tau2"), 0.0);
        close(&format!("{name}: Q"), eb.q, num(case, "q"), 0.0);
        assert_shrunk_groups(name, &eb.groups, case, 1e-14);
        checked += 1;
    }
    assert_eq!(checked, cases.len());
}

#[test]
fn fisher_exact_matches_scipy() {
    let cases = group("fisher_exact");
    let mut checked = 0;
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let t = counts(case, "table");
        for (key, alternative) in [
            ("two-sided", Alternative::TwoSided),
            ("less", Alternative::Less),
            ("greater", Alternative::Greater),
        ] {
            let test = fisher_exact(t[0], t[1], t[2], t[3], alternative).expect(name);
            close(&format!("{name} {key}"), test.p_value, num(case, key), 0.0);
            // scipy's sample odds ratio, or Haldane–Anscombe's where a cell is 0.
            close(
                &format!("{name} odds ratio"),
                test.statistic,
                num(case, "odds_ratio"),
                0.0,
            );
        }
        checked += 1;
    }
    assert_eq!(checked, cases.len());
}
