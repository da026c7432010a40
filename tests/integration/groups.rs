//! Several-group tests against `tests/fixtures/groups_reference.json`, computed by
//! `tests/fixtures/generate_groups.py`: scipy's `f_oneway` (classic and `equal_var=False`,
//! checked against statsmodels' `anova_oneway`), scipy's `studentized_range`, pingouin's
//! `pairwise_gameshowell`, scikit-posthocs' `posthoc_dunn` (raw and Holm) and scipy's
//! `kendalltau` (τ-b, exact and asymptotic; `method='exact'` against `range(n)` for the exact
//! Mann–Kendall p), each re-derived by the generator (exact integers for the permutation
//! distribution, exact rationals for the F statistics). Where scipy's
//! studentized-range tail is inaccurate (it forms the survival function as `1 − cdf`, and
//! uses the `ν = ∞` formula for large `ν`), the reference is an independent quadrature
//! (`"source": "quad"`), itself checked against `2·t.sf(q/√2)` for `k = 2`.
//!
//! **Tolerance: 1e-10 relative to the reference value.** The scipy studentized-range values
//! kept in the fixture agree with the independent quadrature within 6e-12 relative, so the
//! tolerance is not spent on the reference. Games–Howell differences of means and their t get
//! an absolute floor of 1e-13 (times the standard error for the difference), since equal
//! means are 0 in the reference and ±1e-16 of the data's size here. The classic and Welch F
//! are computed by the generator in exact rational arithmetic (scipy's Welch F is off by
//! 1.8e-7 relative on `offset_1e9`, kept as `scipy_statistic`). Every test asserts it looked
//! at every case.

use layanan::stats::{
    self, Alternative, AnovaMethod, PairwiseComparison, PosthocMethod, dunn, games_howell,
    kendall_tau_b, mann_kendall_exact_p, one_way_anova, spearman_exact_p, studentized_range_cdf,
    studentized_range_sf, welch_anova,
};
use serde_json::Value;

use crate::support::reference::{self, ALTERNATIVES, REL, assert_rel, num, nums};

/// The fixture of this module.
const FIXTURE: &str = "groups_reference.json";

/// The cases of group `name` (at least 10).
fn cases(name: &str) -> &'static [Value] {
    let list = reference::group(FIXTURE, name);
    assert!(list.len() >= 10, "{name}: only {} cases", list.len());
    list
}

fn groups(case: &Value) -> Vec<Vec<f64>> {
    case["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            g.as_array()
                .expect("a group")
                .iter()
                .map(|v| v.as_f64().expect("a number"))
                .collect()
        })
        .collect()
}

/// `|got − want| ≤ 1e-10·|want|`.
#[track_caller]
fn close(what: &str, got: f64, want: f64) {
    close_floor(what, got, want, 0.0);
}

/// [`close`] with an absolute `floor` added, for differences of means that may be 0: each
/// mean is known only to ~1e-16 of the data's magnitude, so their difference is too.
#[track_caller]
fn close_floor(what: &str, got: f64, want: f64, floor: f64) {
    assert_rel(what, got, want, REL, floor);
}

#[test]
fn studentized_range_matches_scipy_and_quadrature() {
    let mut checked = 0;
    for case in cases("studentized_range") {
        let name = case["name"].as_str().expect("name");
        let (q, k) = (num(case, "q"), num(case, "k"));
        let df = case["df"].as_f64().unwrap_or(f64::INFINITY);
        let sf = studentized_range_sf(q, k, df).expect(name);
        let cdf = studentized_range_cdf(q, k, df).expect(name);
        close(&format!("{name}: sf"), sf, num(case, "sf"));
        close(&format!("{name}: cdf"), cdf, num(case, "cdf"));
        checked += 1;
    }
    assert_eq!(checked, cases("studentized_range").len());
}

#[test]
fn studentized_range_large_df_approaches_the_limit_as_one_over_df() {
    // scipy uses the ν = ∞ value above ν = 1e5; the finite-ν value must instead approach it
    // with a gap shrinking like 1/ν.
    let limit = studentized_range_sf(6.0, 4.0, f64::INFINITY).expect("limit");
    let gap = |df: f64| studentized_range_sf(6.0, 4.0, df).expect("sf") - limit;
    let (g5, g6, g7) = (gap(1e5), gap(1e6), gap(1e7));
    assert!(g5 > 0.0 && g6 > 0.0 && g7 > 0.0);
    assert!((g5 / g6 - 10.0).abs() < 0.01, "{g5:e} / {g6:e}");
    assert!((g6 / g7 - 10.0).abs() < 0.01, "{g6:e} / {g7:e}");
}

#[test]
fn studentized_range_edges_and_errors() {
    assert_eq!(studentized_range_sf(0.0, 3.0, 10.0), Ok(1.0));
    assert_eq!(studentized_range_cdf(-1.0, 3.0, 10.0), Ok(0.0));
    assert_eq!(studentized_range_sf(f64::INFINITY, 3.0, 10.0), Ok(0.0));
    // k = 2: Q/√2 is |t| with ν degrees of freedom; P(|t₁| > 1) = 1/2 exactly.
    let half = studentized_range_sf(std::f64::consts::SQRT_2, 2.0, 1.0).expect("k = 2");
    close("P(|t_1| > 1)", half, 0.5);
    for (q, k, df, field) in [
        (f64::NAN, 3.0, 10.0, "studentized range q"),
        (1.0, 1.0, 10.0, "studentized range k (number of groups)"),
        (
            1.0,
            f64::NAN,
            10.0,
            "studentized range k (number of groups)",
        ),
        (1.0, 3.0, 0.0, "studentized range degrees of freedom"),
        (1.0, 3.0, -2.0, "studentized range degrees of freedom"),
    ] {
        let err = studentized_range_sf(q, k, df).expect_err("invalid");
        assert!(err.to_string().starts_with(field), "{err}");
    }
}

#[test]
fn anova_matches_scipy_f_oneway() {
    let mut checked = 0;
    for case in cases("anova") {
        let name = case["name"].as_str().expect("name");
        let data = groups(case);
        for (key, result, method) in [
            ("classic", one_way_anova(&data), AnovaMethod::Classic),
            ("welch", welch_anova(&data), AnovaMethod::Welch),
        ] {
            let want = &case[key];
            if want.get("expected_error").is_some() {
                assert!(result.is_err(), "{name} {key}: {result:?}");
            } else {
                let got = result.unwrap_or_else(|e| panic!("{name} {key}: {e}"));
                assert_eq!(got.method, method);
                let what = format!("{name} {key}");
                close(&format!("{what}: F"), got.statistic, num(want, "statistic"));
                close(
                    &format!("{what}: df1"),
                    got.df_between,
                    num(want, "df_between"),
                );
                close(
                    &format!("{what}: df2"),
                    got.df_within,
                    num(want, "df_within"),
                );
                close(&format!("{what}: p"), got.p_value, num(want, "p_value"));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * cases("anova").len());
}

/// Every case of group `group`: `run` on its groups is an error where the fixture expects
/// one, and otherwise gives the fixture's `pairs` in order, each by `method`, with the
/// fixture's group indices, the rest of each pair checked by `check(what, got, want)`.
fn check_pairwise(
    group: &str,
    method: PosthocMethod,
    run: impl Fn(&[Vec<f64>]) -> Result<Vec<PairwiseComparison>, stats::Error>,
    check: impl Fn(&str, &PairwiseComparison, &Value),
) {
    let mut checked = 0;
    for case in cases(group) {
        let name = case["name"].as_str().expect("name");
        let data = groups(case);
        let result = run(&data);
        if case.get("expected_error").is_some() {
            assert!(result.is_err(), "{name}: {result:?}");
            checked += 1;
            continue;
        }
        let got = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = case["pairs"].as_array().expect("pairs");
        assert_eq!(got.len(), want.len(), "{name}");
        for (g, w) in got.iter().zip(want) {
            let what = format!("{name} {}–{}", g.first, g.second);
            assert_eq!(g.method, method);
            assert_eq!(g.first as u64, w["first"].as_u64().expect("first"));
            assert_eq!(g.second as u64, w["second"].as_u64().expect("second"));
            check(&what, g, w);
        }
        checked += 1;
    }
    assert_eq!(checked, cases(group).len());
}

#[test]
fn games_howell_matches_pingouin() {
    check_pairwise(
        "games_howell",
        PosthocMethod::GamesHowell,
        games_howell,
        |what, g, w| {
            let se = num(w, "standard_error");
            let diff = num(w, "difference");
            close_floor(&format!("{what}: diff"), g.difference, diff, 1e-13 * se);
            close(&format!("{what}: se"), g.standard_error, se);
            close_floor(
                &format!("{what}: t"),
                g.statistic,
                num(w, "statistic"),
                1e-13,
            );
            close(&format!("{what}: df"), g.df.expect("df"), num(w, "df"));
            close(&format!("{what}: p"), g.p_value, num(w, "p_value"));
            assert_eq!(g.p_adjusted, g.p_value);
        },
    );
}

#[test]
fn dunn_matches_scikit_posthocs() {
    check_pairwise("dunn", PosthocMethod::Dunn, dunn, |what, g, w| {
        assert_eq!(g.df, None);
        close(&format!("{what}: diff"), g.difference, num(w, "difference"));
        close(
            &format!("{what}: se"),
            g.standard_error,
            num(w, "standard_error"),
        );
        close(&format!("{what}: z"), g.statistic, num(w, "statistic"));
        close(&format!("{what}: p"), g.p_value, num(w, "p_value"));
        close(&format!("{what}: holm"), g.p_adjusted, num(w, "p_adjusted"));
    });
}

/// Hand-checked: two groups `[1, 2]`, `[3, 5]`: means 1.5 and 4, within sum of squares
/// 0.5 + 2 = 2.5 on 2 df, between 2·(1.5 − 2.75)² + 2·(4 − 2.75)² = 6.25 on 1 df, so
/// F = 6.25/1.25 = 5 exactly; with two groups F = t² of Student's t.
#[test]
fn anova_hand_checked_two_groups() {
    let a = one_way_anova(&[[1.0, 2.0], [3.0, 5.0]]).expect("anova");
    assert_eq!(a.statistic, 5.0);
    assert_eq!((a.df_between, a.df_within), (1.0, 2.0));
    let t = stats::student_t_test(&[1.0, 2.0], &[3.0, 5.0], stats::Alternative::TwoSided)
        .expect("t test");
    close("F = t²", a.statistic, t.statistic * t.statistic);
    close("same p", a.p_value, t.p_value);
}

#[test]
fn anova_and_posthoc_reject_bad_input_naming_it() {
    let one = [vec![1.0, 2.0, 3.0]];
    for err in [
        one_way_anova(&one).expect_err("one group"),
        welch_anova(&one).expect_err("one group"),
        games_howell(&one).expect_err("one group"),
        dunn(&one).expect_err("one group"),
    ] {
        assert!(
            matches!(err, stats::Error::InsufficientData { got: 1, .. }),
            "{err}"
        );
    }
    let nan = [vec![1.0, 2.0], vec![3.0, f64::NAN]];
    let err = one_way_anova(&nan).expect_err("NaN");
    assert_eq!(
        err.to_string(),
        "one-way ANOVA group 1 observation must be finite, got NaN"
    );
    assert!(dunn(&nan).is_err() && games_howell(&nan).is_err() && welch_anova(&nan).is_err());
    let empty: [Vec<f64>; 2] = [vec![1.0, 2.0], vec![]];
    let err = one_way_anova(&empty).expect_err("empty group");
    assert!(err.to_string().contains("group 1"), "{err}");
    // Every group constant: no within-group variance.
    let flat = [vec![2.0, 2.0], vec![3.0, 3.0, 3.0]];
    assert!(matches!(
        one_way_anova(&flat),
        Err(stats::Error::ZeroVariance { .. })
    ));
    assert!(matches!(
        games_howell(&flat),
        Err(stats::Error::ZeroVariance { .. })
    ));
    // Welch needs each group's variance; Games–Howell only one per pair.
    let one_flat = [vec![2.0, 2.0], vec![3.0, 4.0, 5.0]];
    let err = welch_anova(&one_flat).expect_err("constant group");
    assert!(err.to_string().contains("group 0 constant"), "{err}");
    assert!(games_howell(&one_flat).is_ok());
    // One value per group: no within-group degrees of freedom.
    assert!(matches!(
        one_way_anova(&[[1.0], [2.0]]),
        Err(stats::Error::InsufficientData { .. })
    ));
    assert!(matches!(
        welch_anova(&[vec![1.0], vec![2.0, 3.0]]),
        Err(stats::Error::InsufficientData {
            needed: 2,
            got: 1,
            ..
        })
    ));
}

#[test]
fn kendall_tau_b_matches_scipy() {
    let mut checked = 0;
    for case in cases("kendall_tau_b") {
        let name = case["name"].as_str().expect("name");
        let (x, y) = (nums(case, "x"), nums(case, "y"));
        for (key, alternative) in ALTERNATIVES {
            let result = kendall_tau_b(&x, &y, alternative);
            if case.get("expected_error").is_some() {
                assert!(
                    matches!(result, Err(stats::Error::ZeroVariance { .. })),
                    "{name}: {result:?}"
                );
                continue;
            }
            let got = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(got.s, case["s"].as_i64().expect("s"), "{name}: S");
            assert_eq!(got.exact, case["exact"].as_bool().expect("exact"), "{name}");
            assert_eq!(got.alternative, alternative);
            close(&format!("{name}: tau"), got.tau, num(case, "tau"));
            close(
                &format!("{name} {key}: p"),
                got.p_value,
                num(&case["pvalues"], key),
            );
        }
        checked += 1;
    }
    assert_eq!(checked, cases("kendall_tau_b").len());
}

/// Every case of group `group`: for each alternative, the exact p-value `run` gives on the
/// case is the fixture's `pvalues`, or `NotApplicable` where the fixture expects an error.
fn check_exact_pvalues(
    group: &str,
    run: impl Fn(&Value, Alternative) -> Result<f64, stats::Error>,
) {
    let mut checked = 0;
    for case in cases(group) {
        let name = case["name"].as_str().expect("name");
        for (key, alternative) in ALTERNATIVES {
            let result = run(case, alternative);
            if case.get("expected_error").is_some() {
                assert!(
                    matches!(result, Err(stats::Error::NotApplicable { .. })),
                    "{name}: {result:?}"
                );
                continue;
            }
            let got = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            close(&format!("{name} {key}"), got, num(&case["pvalues"], key));
        }
        checked += 1;
    }
    assert_eq!(checked, cases(group).len());
}

#[test]
fn mann_kendall_exact_matches_scipy() {
    check_exact_pvalues("mann_kendall_exact", |case, alternative| {
        mann_kendall_exact_p(&nums(case, "series"), alternative)
    });
}

/// Hand-checked: beyond 33 pairs scipy keeps the exact p-value only when `S` is at its
/// extreme: `2/n!` two-sided for a perfect order, `1/n!` one-sided, `1 − 1/n!` (= 1) against.
#[test]
fn kendall_extreme_order_beyond_the_exact_table() {
    let x: Vec<f64> = (0..40).map(f64::from).collect();
    let ln_40 = (1..=40).map(f64::from).map(f64::ln).sum::<f64>();
    let two = kendall_tau_b(&x, &x, Alternative::TwoSided).expect("tau");
    assert!(two.exact && two.tau == 1.0 && two.s == 780);
    close("2/40!", two.p_value, 2.0 * (-ln_40).exp());
    let up = kendall_tau_b(&x, &x, Alternative::Greater).expect("tau");
    close("1/40!", up.p_value, (-ln_40).exp());
    let down = kendall_tau_b(&x, &x, Alternative::Less).expect("tau");
    assert_eq!(down.p_value, 1.0);
    // One swapped pair: (1 + 39)/40! = 1/39! one-sided.
    let mut y = x.clone();
    y.swap(0, 1);
    let one = kendall_tau_b(&x, &y, Alternative::Greater).expect("tau");
    assert!(one.exact && one.s == 778);
    close("1/39!", one.p_value, (40f64.ln() - ln_40).exp());
}

#[test]
fn kendall_rejects_bad_input_naming_it() {
    let err =
        kendall_tau_b(&[1.0, 2.0, 3.0], &[1.0, 2.0], Alternative::TwoSided).expect_err("lengths");
    assert!(
        matches!(
            err,
            stats::Error::LengthMismatch {
                expected: 3,
                got: 2,
                ..
            }
        ),
        "{err}"
    );
    let err = kendall_tau_b(&[1.0], &[1.0], Alternative::TwoSided).expect_err("one pair");
    assert!(matches!(
        err,
        stats::Error::InsufficientData {
            needed: 2,
            got: 1,
            ..
        }
    ));
    let err = kendall_tau_b(
        &[1.0, 2.0, 3.0],
        &[1.0, f64::INFINITY, 2.0],
        Alternative::Less,
    )
    .expect_err("inf");
    assert_eq!(
        err.to_string(),
        "Kendall's tau y observation must be finite, got inf"
    );
    let err = mann_kendall_exact_p(&[1.0, 2.0, 2.0], Alternative::TwoSided).expect_err("ties");
    assert!(err.to_string().contains("tied"), "{err}");
    // −0 and 0 are one value: a tie, not an order.
    let k = kendall_tau_b(&[-0.0, 0.0, 1.0], &[1.0, 2.0, 3.0], Alternative::TwoSided).expect("tau");
    assert_eq!(k.s, 2);
    assert!(!k.exact);
}

#[test]
fn spearman_exact_matches_permutation_enumeration() {
    check_exact_pvalues("spearman_exact", |case, alternative| {
        spearman_exact_p(&nums(case, "x"), &nums(case, "y"), alternative)
    });
}

/// Hand-checked: 12 pairs in the same order is 1 pairing in 12! = 479001600; one adjacent
/// swap adds the 11 pairings with Σd² = 2.
#[test]
fn spearman_exact_at_the_largest_size() {
    let x: Vec<f64> = (0..12).map(f64::from).collect();
    let p = spearman_exact_p(&x, &x, Alternative::Greater).expect("p");
    close("1/12!", p, 1.0 / 479_001_600.0);
    let mut y = x.clone();
    y.swap(3, 4);
    let p = spearman_exact_p(&x, &y, Alternative::Greater).expect("p");
    close("12/12!", p, 12.0 / 479_001_600.0);
    let err = spearman_exact_p(&x, &x[..11], Alternative::Less).expect_err("lengths");
    assert!(matches!(
        err,
        stats::Error::LengthMismatch {
            expected: 12,
            got: 11,
            ..
        }
    ));
}
