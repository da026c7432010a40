//! The statistics module against independent reference values:
//! `tests/fixtures/stats_reference.json`, computed by `tests/fixtures/generate_stats.py` with
//! numpy, scipy, statsmodels, pingouin and mpmath (schema and conventions in
//! `tests/fixtures/README.md`).
//!
//! **Tolerance: 1e-10 relative to the reference value**, `|got − want| ≤ 1e-10 · max(|want|, tiny)`
//! with `tiny` the smallest normal `f64` (see [`Case::close`]): a p-value of 1e-164 is checked to
//! its ten leading digits, and a reference of exactly 0 must be met exactly. Counts are compared
//! exactly, a `null` in the fixture must be an `Err` or `None` in the crate, and every
//! `expected_error` case must be an `Err`. The exceptions, each explained where it is used:
//!
//! * pingouin rounds its alpha interval to 3 decimals (`ci_rounded`): compared within 5e-4;
//! * bounds of proportion intervals are `centre ± half-width`, known to ~1e-16 absolute, so their
//!   relative comparison has an absolute floor of 1e-16 (statsmodels' Wilson bound at x = 0 is
//!   3.5e-18 for n = 100: rounding noise around the exact 0);
//!
//! Where the crate does not expose a quantity (the t, normal and F quantiles, the χ² survival
//! function), the tests reach it through the public function that uses it, and the unit tests in
//! `src/stats/dist.rs` read this same file to check every case of those four groups directly.
//!
//! Every test asserts that it looked at every case of its group (no silent skips).

use layanan::stats::Error;
use layanan::stats::{
    Alternative, Deletion, ErlangC, MannWhitneyMethod, ProportionMethod, QuantileType, Replicates,
    Sorted, benjamini_hochberg, chi_square_independence, cochran, cronbach_alpha, holm,
    item_analysis, kruskal_wallis, mann_whitney_u, newcombe_interval, one_sample_t_test, pearson,
    proportion_interval, spearman, student_t_test, two_proportion_z_test, welch_from_moments,
    welch_interval, welch_t_test,
};
use layanan::stats::{Moments, TestResult};
use layanan::{Interval, Level};
use serde_json::Value;

use crate::support::reference::{self, ALTERNATIVES, Case, REL, Tally, numbers, value_opt};

/// pingouin rounds its alpha interval to 3 decimals (`np.round`).
const PINGOUIN_ROUNDING: f64 = 5e-4;

/// The fixture of this module.
const FIXTURE: &str = "stats_reference.json";

/// The cases of `group` (at least one).
fn cases(group: &'static str) -> Vec<Case> {
    reference::cases(FIXTURE, group, 1)
}

impl Case {
    /// A statistic that must be an error exactly where the fixture has `null`.
    #[track_caller]
    fn close_or_err(&self, field: &str, got: Result<f64, Error>) {
        match (got, self.opt(field)) {
            (Err(_), None) => {}
            (Ok(a), Some(b)) => self.close(field, a, b),
            (got, want) => panic!("{}: got {got:?}, want {want:?}", self.id(field)),
        }
    }

    /// An interval's bounds against the fixture's `lower`/`upper`.
    #[track_caller]
    fn interval(&self, field: &str, got: &Interval, lower: f64, upper: f64) {
        self.close(&format!("{field} lower"), got.lower(), lower);
        self.close(&format!("{field} upper"), got.upper(), upper);
    }

    /// A proportion interval's bounds, with the absolute floor of [`PROPORTION_FLOOR`].
    #[track_caller]
    fn proportion_bounds(&self, field: &str, got: &Interval, lower: f64, upper: f64) {
        let (rel, floor) = (REL, PROPORTION_FLOOR);
        self.close_within(&format!("{field} lower"), got.lower(), lower, rel, floor);
        self.close_within(&format!("{field} upper"), got.upper(), upper, rel, floor);
    }

    /// A test's p-values for the three alternatives against `pvalues{…}`, and its statistic.
    #[track_caller]
    fn test_result(
        &self,
        statistic_field: &str,
        run: impl Fn(Alternative) -> Result<TestResult, Error>,
    ) -> TestResult {
        let pvalues = self.get("pvalues");
        let mut last = None;
        for (key, alternative) in ALTERNATIVES {
            let field = format!("pvalues.{key}");
            let got = self.ok(&field, run(alternative));
            let want = value_opt(&self.id(&field), pvalues.get(key).unwrap_or(&Value::Null))
                .unwrap_or_else(|| panic!("{}: missing", self.id(&field)));
            self.close(&field, got.p_value, want);
            self.close(
                &format!("{statistic_field} ({key})"),
                got.statistic,
                self.num(statistic_field),
            );
            assert_eq!(got.alternative, alternative, "{}", self.id(&field));
            last = Some(got);
        }
        last.unwrap_or_else(|| panic!("{}: no alternative", self.id("pvalues")))
    }

    /// Asserts that every alternative of a test is an error.
    #[track_caller]
    fn test_errors(&self, run: impl Fn(Alternative) -> Result<TestResult, Error>) {
        for (key, alternative) in ALTERNATIVES {
            self.err(&format!("({key})"), run(alternative));
        }
    }
}

/// `Level::new(1 − 2p)` when its tail `(1 − level)/2` is `p` again to 1e-13 relative, so an
/// interval's half-width at that level is the upper-`p` quantile: a tail off by a relative δ moves
/// the quantile `q` by `δ·p/(q·f(q))` relative, and `p/(q·f(q))` is below 2 for every reachable
/// case (it is largest, ~1.6, at p = ¼), so the quantile moves by < 1e-12, far inside 1e-10.
/// The tails lost in the round trip `1 − 2p` (1e-6, 1e-10, 1e-300 …) are unit-tested in
/// `src/stats/dist.rs`.
fn level_for_tail(p: f64) -> Option<Level> {
    Level::new(1.0 - 2.0 * p)
        .ok()
        .filter(|l| (l.tail() - p).abs() <= 1e-13 * p)
}

/// Bounds of a proportion's interval (or of a difference of proportions) are formed as
/// `centre ± half-width` with both parts of order 1, so they are known to ~1e-16 absolute: at
/// x = 0 statsmodels' Wilson lower bound is 0 for n = 10 but 3.5e-18 for n = 100, both rounding
/// noise around the exact 0. Their relative comparison has this absolute floor (1e-10 × 1e-6).
const PROPORTION_FLOOR: f64 = 1e-6;

/// Degrees of freedom at which the crate's Student t quantile *is* the normal quantile: its
/// Cornish–Fisher correction terms are below one ulp of the normal quantile there.
const NORMAL_DF: f64 = 1e300;

// ---------------------------------------------------------------------------------------------
// Moments and quantiles
// ---------------------------------------------------------------------------------------------

#[test]
fn moments() {
    let cases = cases("moments");
    let mut tally = Tally::new("moments", &cases, 1);
    for case in &cases {
        let data = case.nums("data");
        let m = case.ok("data", Moments::from_slice(&data));
        if case.is_error() {
            case.err("mean", m.mean());
            case.err("variance", m.variance());
            tally.errors += 1;
            continue;
        }
        assert_eq!(m.count(), case.count("n"), "{}", case.id("n"));
        case.close("mean", case.ok("mean", m.mean()), case.num("mean"));
        case.close_or_err("variance", m.variance());
        case.close_or_err("sd", m.sd());
        case.close_or_err("sem", m.sem());
        case.close("min", case.ok("min", m.min()), case.num("min"));
        case.close("max", case.ok("max", m.max()), case.num("max"));
        // The accurate skewness (mpmath where scipy's is off), not `scipy_skewness`.
        case.close_or_err("skewness", m.skewness());
        case.close_or_err("kurtosis", m.kurtosis());
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn quantiles_all_nine_types() {
    let cases = cases("quantiles");
    let mut tally = Tally::new("quantiles", &cases, 1);
    for case in &cases {
        let data = case.nums("data");
        if case.is_error() {
            case.err("data", Sorted::new(&data));
            tally.errors += 1;
            continue;
        }
        let sorted = case.ok("data", Sorted::new(&data));
        let probs = case.nums("probs");
        let by_type = case
            .get("by_type")
            .as_array()
            .unwrap_or_else(|| panic!("{}: not an array", case.id("by_type")));
        assert_eq!(by_type.len(), 9, "{}", case.id("by_type"));
        for entry in by_type {
            let number = entry.get("type").and_then(Value::as_u64).unwrap_or(0);
            let kind = case.ok(
                "type",
                QuantileType::from_number(u8::try_from(number).unwrap_or(0)),
            );
            assert_eq!(u64::from(kind.number()), number);
            let values = numbers(
                &case.id(&format!("type {number}")),
                entry.get("values").unwrap_or(&Value::Null),
            );
            assert_eq!(values.len(), probs.len(), "{}", case.id("values"));
            for (&p, &want) in probs.iter().zip(&values) {
                let field = format!("type {number} p = {p}");
                case.close(&field, case.ok(&field, sorted.quantile(p, kind)), want);
            }
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn mean_t_interval() {
    let cases = cases("mean_t_interval");
    let mut tally = Tally::new("mean_t_interval", &cases, 1);
    for case in &cases {
        let m = case.ok("data", Moments::from_slice(&case.nums("data")));
        if case.is_error() {
            case.err("interval", m.mean_interval(case.level("level")));
            tally.errors += 1;
            continue;
        }
        assert_eq!(m.count(), case.count("n"), "{}", case.id("n"));
        assert_eq!(m.count() - 1, case.count("df"), "{}", case.id("df"));
        case.close("mean", case.ok("mean", m.mean()), case.num("mean"));
        case.close("sem", case.ok("sem", m.sem()), case.num("sem"));
        let degenerate = case.get("degenerate").as_bool() == Some(true);
        for entry in case.get("intervals").as_array().into_iter().flatten() {
            let level = entry
                .get("level")
                .and_then(Value::as_f64)
                .unwrap_or(f64::NAN);
            let field = format!("interval at {level}");
            let ci = case.ok(&field, m.mean_interval(case.ok(&field, Level::new(level))));
            let lower = value_opt(&field, entry.get("lower").unwrap_or(&Value::Null));
            let upper = value_opt(&field, entry.get("upper").unwrap_or(&Value::Null));
            case.interval(
                &field,
                &ci,
                lower.unwrap_or(f64::NAN),
                upper.unwrap_or(f64::NAN),
            );
            if degenerate {
                assert_eq!(ci.width(), 0.0, "{}", case.id(&field));
            }
        }
        tally.values += 1;
    }
    tally.done();
}

// ---------------------------------------------------------------------------------------------
// Distributions, through the public functions that use them (all cases: src/stats/dist.rs)
// ---------------------------------------------------------------------------------------------

/// The t quantile is the half-width of `Interval::student_t` with a standard error of 1, for the
/// tails that survive the round trip through a level (see [`level_for_tail`]).
#[test]
fn t_quantile_through_student_t_interval() {
    let cases = cases("t_quantile");
    let mut tally = Tally::new("t_quantile", &cases, 1);
    let mut unreachable = 0;
    for case in &cases {
        let (p, df) = (case.num("p_upper"), case.num("df"));
        if case.is_error() {
            // p = 0 or 1 is not a level; df = 0 is refused by the interval.
            let result = Level::new(1.0 - 2.0 * p)
                .and_then(|level| Interval::student_t(0.0, 1.0, df, level));
            case.err("quantile", result);
            tally.errors += 1;
            continue;
        }
        let Some(level) = level_for_tail(p) else {
            unreachable += 1;
            tally.values += 1;
            continue;
        };
        let ci = case.ok("quantile", Interval::student_t(0.0, 1.0, df, level));
        case.close("quantile (upper bound)", ci.upper(), case.num("quantile"));
        case.close("quantile (lower bound)", -ci.lower(), case.num("quantile"));
        tally.values += 1;
    }
    assert_eq!(
        unreachable, 24,
        "t_quantile: tails not reachable through a level"
    );
    tally.done();
}

/// The normal quantile is the half-width of a Student t interval at 1e300 degrees of freedom.
#[test]
fn normal_quantile_through_student_t_interval() {
    let cases = cases("normal_quantile");
    let mut tally = Tally::new("normal_quantile", &cases, 1);
    let mut unreachable = 0;
    for case in &cases {
        let p = case.num("p_upper");
        if case.is_error() {
            case.err("level", Level::new(1.0 - 2.0 * p));
            tally.errors += 1;
            continue;
        }
        let want = case.num("quantile");
        // Lower-tail quantiles (p > ½) are the negated upper ones; p = ½ is the centre, 0.
        let (tail, sign) = if p > 0.5 { (1.0 - p, -1.0) } else { (p, 1.0) };
        let Some(level) = (tail < 0.5).then(|| level_for_tail(tail)).flatten() else {
            unreachable += 1;
            tally.values += 1;
            continue;
        };
        let ci = case.ok("quantile", Interval::student_t(0.0, 1.0, NORMAL_DF, level));
        case.close("quantile", sign * ci.upper(), want);
        tally.values += 1;
    }
    assert_eq!(
        unreachable, 5,
        "normal_quantile: tails not reachable through a level"
    );
    tally.done();
}

// ---------------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------------

fn proportion_method(case: &Case) -> ProportionMethod {
    match case.str("method") {
        "wilson" => ProportionMethod::Wilson,
        "beta" => ProportionMethod::ClopperPearson,
        "agresti_coull" => ProportionMethod::AgrestiCoull,
        other => panic!("{}: unknown method {other}", case.id("method")),
    }
}

#[test]
fn proportion_interval_wilson_clopper_pearson_agresti_coull() {
    let cases = cases("proportion_interval");
    let mut tally = Tally::new("proportion_interval", &cases, 1);
    for case in &cases {
        let (x, n) = (case.count("x"), case.count("n"));
        let result = proportion_interval(x, n, case.level("level"), proportion_method(case));
        let Some(ci) = tally.outcome(case, "interval", result) else {
            continue;
        };
        assert_eq!(
            ci.estimate(),
            x as f64 / n as f64,
            "{}",
            case.id("estimate")
        );
        // Clopper–Pearson at n = 1e5 too (it rested on statrs' incomplete beta, ~1e-9 there,
        // until issue 15; `stats_numerics` checks it up to 2^53 trials at 1e-12).
        case.proportion_bounds("interval", &ci, case.num("lower"), case.num("upper"));
    }
    tally.done();
}

#[test]
fn welch_interval_for_a_difference_of_means() {
    let cases = cases("welch_interval");
    let mut tally = Tally::new("welch_interval", &cases, 1);
    for case in &cases {
        let (a, b) = (case.nums("a"), case.nums("b"));
        if case.is_error() {
            let level = case.level("level");
            case.err("interval", welch_interval(&a, &b, level));
            let from_moments = Moments::from_slice(&a).and_then(|ma| {
                Moments::from_slice(&b).and_then(|mb| welch_from_moments(&ma, &mb, level))
            });
            case.err("interval from moments", from_moments);
            tally.errors += 1;
            continue;
        }
        let (ma, mb) = (
            case.ok("moments", Moments::from_slice(&a)),
            case.ok("moments", Moments::from_slice(&b)),
        );
        let mean = |data: &[f64]| case.ok("mean", Moments::from_slice(data).and_then(|m| m.mean()));
        case.close("mean_a", mean(&a), case.num("mean_a"));
        case.close("mean_b", mean(&b), case.num("mean_b"));
        let test = case.ok("df", welch_t_test(&a, &b, Alternative::TwoSided));
        let df = test.df.unwrap_or(f64::NAN);
        case.close("df", df, case.num("df"));
        for entry in case.get("intervals").as_array().into_iter().flatten() {
            let level = entry
                .get("level")
                .and_then(Value::as_f64)
                .unwrap_or(f64::NAN);
            let field = format!("interval at {level}");
            let level = case.ok(&field, Level::new(level));
            let ci = case.ok(&field, welch_interval(&a, &b, level));
            case.close(
                &format!("{field} difference"),
                ci.estimate(),
                case.num("difference"),
            );
            let bound = |key: &str| {
                value_opt(&field, entry.get(key).unwrap_or(&Value::Null)).unwrap_or(f64::NAN)
            };
            case.interval(&field, &ci, bound("lower"), bound("upper"));
            // From moments: the same interval, and the test's df.
            let (ci, test) = case.ok(&field, welch_from_moments(&ma, &mb, level));
            let moments_field = format!("{field} from moments");
            case.interval(&moments_field, &ci, bound("lower"), bound("upper"));
            case.close(&moments_field, test.df.unwrap_or(f64::NAN), case.num("df"));
            // The standard error is the half-width over the t quantile at the same df.
            let t = case
                .ok(&field, Interval::student_t(0.0, 1.0, df, level))
                .upper();
            case.close(&format!("{field} se"), ci.width() / 2.0 / t, case.num("se"));
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn newcombe_interval_for_a_difference_of_proportions() {
    let cases = cases("newcombe_interval");
    let mut tally = Tally::new("newcombe_interval", &cases, 1);
    for case in &cases {
        let (x1, n1, x2, n2) = case.two_proportions();
        let level = case.level("level");
        let result = newcombe_interval(x1, n1, x2, n2, level);
        let Some(ci) = tally.outcome(case, "interval", result) else {
            continue;
        };
        case.close_within(
            "difference",
            ci.estimate(),
            case.num("difference"),
            REL,
            PROPORTION_FLOOR,
        );
        case.proportion_bounds("interval", &ci, case.num("lower"), case.num("upper"));
        for (field, x, n) in [("wilson1", x1, n1), ("wilson2", x2, n2)] {
            let wilson = case.ok(
                field,
                proportion_interval(x, n, level, ProportionMethod::Wilson),
            );
            let want = case.nums(field);
            case.proportion_bounds(field, &wilson, want[0], want[1]);
        }
    }
    tally.done();
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

fn two_sample_t(group: &'static str, test: fn(&[f64], &[f64], Alternative) -> TestResultOr) {
    let cases = cases(group);
    let mut tally = Tally::new(group, &cases, 1);
    for case in &cases {
        let (a, b) = (case.nums("a"), case.nums("b"));
        if case.is_error() {
            case.test_errors(|alt| test(&a, &b, alt));
            tally.errors += 1;
            continue;
        }
        let result = case.test_result("statistic", |alt| test(&a, &b, alt));
        case.close("df", result.df.unwrap_or(f64::NAN), case.num("df"));
        tally.values += 1;
    }
    tally.done();
}

type TestResultOr = Result<TestResult, Error>;

#[test]
fn welch_t_test_all_alternatives() {
    two_sample_t("welch_t_test", welch_t_test);
}

#[test]
fn student_t_test_all_alternatives() {
    two_sample_t("student_t_test", student_t_test);
}

#[test]
fn one_sample_t_test_all_alternatives() {
    let cases = cases("one_sample_t_test");
    let mut tally = Tally::new("one_sample_t_test", &cases, 1);
    for case in &cases {
        let (data, mu) = (case.nums("data"), case.num("popmean"));
        if case.is_error() {
            case.test_errors(|alt| one_sample_t_test(&data, mu, alt));
            tally.errors += 1;
            continue;
        }
        let result = case.test_result("statistic", |alt| one_sample_t_test(&data, mu, alt));
        case.close("df", result.df.unwrap_or(f64::NAN), case.num("df"));
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn two_proportion_z_test_all_alternatives() {
    let cases = cases("two_proportion_z_test");
    let mut tally = Tally::new("two_proportion_z_test", &cases, 1);
    for case in &cases {
        let (x1, n1, x2, n2) = case.two_proportions();
        let run = |alt| two_proportion_z_test(x1, n1, x2, n2, alt);
        if case.is_error() {
            case.test_errors(run);
            tally.errors += 1;
            continue;
        }
        let result = case.test_result("z", run);
        assert_eq!(result.df, None, "{}", case.id("df"));
        tally.values += 1;
    }
    tally.done();
}

/// scipy's conventions (README): U of the first sample; asymptotic p from U₁ ("greater"), U₂
/// ("less") or max(U₁, U₂) doubled (two-sided), the ½ always subtracted, clipped to 1; exact
/// two-sided p = min(1, 2·P(U ≥ max(U₁, U₂))).
#[test]
fn mann_whitney_asymptotic_and_exact() {
    let cases = cases("mann_whitney");
    let mut tally = Tally::new("mann_whitney", &cases, 1);
    let (mut asymptotic, mut exact) = (0, 0);
    for case in &cases {
        let (a, b) = (case.nums("a"), case.nums("b"));
        let method = match case.str("method") {
            "asymptotic" => MannWhitneyMethod::Asymptotic,
            "exact" => MannWhitneyMethod::Exact,
            other => panic!("{}: unknown method {other}", case.id("method")),
        };
        if case.is_error() {
            case.test_errors(|alt| mann_whitney_u(&a, &b, alt, method));
            tally.errors += 1;
            continue;
        }
        assert_eq!(
            case.get("use_continuity").as_bool(),
            Some(true),
            "{}",
            case.id("use_continuity")
        );
        case.test_result("u", |alt| mann_whitney_u(&a, &b, alt, method));
        // The exact distribution is only for untied samples.
        if case.get("ties").as_bool() == Some(true) {
            case.test_errors(|alt| mann_whitney_u(&a, &b, alt, MannWhitneyMethod::Exact));
        }
        if method == MannWhitneyMethod::Exact {
            exact += 1;
        } else {
            asymptotic += 1;
        }
        tally.values += 1;
    }
    assert!(asymptotic > 0 && exact > 0, "mann_whitney: both methods");
    tally.done();
}

#[test]
fn kruskal_wallis_tie_corrected() {
    let cases = cases("kruskal_wallis");
    let mut tally = Tally::new("kruskal_wallis", &cases, 1);
    for case in &cases {
        let groups: Vec<Vec<f64>> = case
            .get("groups")
            .as_array()
            .into_iter()
            .flatten()
            .map(|g| numbers(&case.id("groups"), g))
            .collect();
        let result = kruskal_wallis(&groups);
        let Some(test) = tally.outcome(case, "test", result) else {
            continue;
        };
        case.close("h", test.statistic, case.num("h"));
        case.close("df", test.df.unwrap_or(f64::NAN), case.num("df"));
        case.close("pvalue", test.p_value, case.num("pvalue"));
    }
    tally.done();
}

/// The expected counts are not part of the crate's result, so `expected` is not compared.
#[test]
fn chi_square_independence_yates_for_2x2() {
    let cases = cases("chi2_independence");
    let mut tally = Tally::new("chi2_independence", &cases, 1);
    for case in &cases {
        let table: Vec<Vec<u64>> = case
            .get("table")
            .as_array()
            .into_iter()
            .flatten()
            .map(|row| {
                row.as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| {
                        c.as_u64()
                            .unwrap_or_else(|| panic!("{}: not a count", case.id("table")))
                    })
                    .collect()
            })
            .collect();
        let result = chi_square_independence(&table);
        if case.is_error() {
            case.err("test", result);
            tally.errors += 1;
            continue;
        }
        assert_eq!(
            case.get("correction").as_bool(),
            Some(true),
            "{}",
            case.id("correction")
        );
        let test = case.ok("test", result);
        case.close("statistic", test.statistic, case.num("statistic"));
        case.close("df", test.df.unwrap_or(f64::NAN), case.num("df"));
        case.close("pvalue", test.p_value, case.num("pvalue"));
        assert_eq!(
            test.df == Some(1.0),
            case.get("yates_applied").as_bool() == Some(true),
            "{}",
            case.id("yates_applied")
        );
        tally.values += 1;
    }
    tally.done();
}

fn correlation(
    group: &'static str,
    statistic: &str,
    test: fn(&[f64], &[f64], Alternative) -> TestResultOr,
) {
    let cases = cases(group);
    let mut tally = Tally::new(group, &cases, 1);
    for case in &cases {
        let (x, y) = (case.nums("x"), case.nums("y"));
        if case.is_error() {
            case.test_errors(|alt| test(&x, &y, alt));
            tally.errors += 1;
            continue;
        }
        case.test_result(statistic, |alt| test(&x, &y, alt));
        tally.values += 1;
    }
    tally.done();
}

/// scipy's p-value comes from the exact Beta distribution of r, the crate's from the equivalent
/// t(n − 2): they agree to ~2e-12 relative (README), inside the tolerance.
#[test]
fn pearson_all_alternatives() {
    correlation("pearson", "r", pearson);
}

#[test]
fn spearman_all_alternatives() {
    correlation("spearman", "rho", spearman);
}

fn adjustment(group: &'static str, method: &str, adjust: fn(&[f64]) -> Result<Vec<f64>, Error>) {
    let cases = cases(group);
    let mut tally = Tally::new(group, &cases, 1);
    for case in &cases {
        let p = case.nums("pvalues");
        if case.is_error() {
            case.err("adjusted", adjust(&p));
            tally.errors += 1;
            continue;
        }
        assert_eq!(case.str("statsmodels_method"), method);
        let got = case.ok("adjusted", adjust(&p));
        let want = case.nums("adjusted");
        assert_eq!(got.len(), want.len(), "{}", case.id("adjusted"));
        for (i, (&g, &w)) in got.iter().zip(&want).enumerate() {
            case.close(&format!("adjusted[{i}]"), g, w);
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn holm_step_down() {
    adjustment("holm", "holm", holm);
}

#[test]
fn benjamini_hochberg_step_up() {
    adjustment("benjamini_hochberg", "fdr_bh", benjamini_hochberg);
}

// ---------------------------------------------------------------------------------------------
// Reliability
// ---------------------------------------------------------------------------------------------

type Rows = Vec<Vec<Option<f64>>>;

fn matrix(case: &Case) -> Rows {
    case.get("matrix")
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| {
            row.as_array()
                .into_iter()
                .flatten()
                .map(|v| value_opt(&case.id("matrix"), v))
                .collect()
        })
        .collect()
}

fn without_column(rows: &Rows, j: usize) -> Rows {
    rows.iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(i, _)| *i != j)
                .map(|(_, v)| *v)
                .collect()
        })
        .collect()
}

fn complete(rows: &Rows) -> Rows {
    rows.iter()
        .filter(|r| r.iter().all(Option::is_some))
        .cloned()
        .collect()
}

/// pingouin's conventions (README and `src/stats/reliability.rs`):
///
/// * where the pairwise covariance matrix is not positive semi-definite (`pairwise_psd`,
///   `alpha_if_deleted_pairwise_psd`), the crate refuses pairwise α (issue 15) and pingouin's
///   value is not compared;
/// * alpha, listwise and pairwise, is pingouin's `cronbach_alpha(nan_policy=…)[0]`;
/// * the Feldt interval: pingouin takes n = ALL rows in both modes. The crate does the same in
///   pairwise mode, but in listwise mode uses n = the complete rows it computed α from (the
///   textbook interval). So the listwise interval is compared with pingouin only where no row
///   has a blank; otherwise it is checked to be the interval of the complete rows alone;
/// * `alpha_if_deleted_*[j]` is pingouin re-run without column j (in listwise mode the row set
///   can grow when column j held the blank): compared with `cronbach_alpha` of the matrix
///   without column j. The crate's `item_analysis` instead keeps the rows complete in the FULL
///   matrix (as SPSS does, so α and α-if-deleted are computed on the same respondents): its
///   value is compared with pingouin's where the two row sets coincide, and otherwise checked
///   to be α of the full matrix's complete rows without column j;
/// * `item_total_corrected` is on the rows complete in the full matrix, as the crate's.
#[test]
fn cronbach_alpha_listwise_pairwise_and_item_analysis() {
    let cases = cases("cronbach");
    let mut tally = Tally::new("cronbach", &cases, 1);
    let level = Level::default();
    let (mut listwise_ci_pingouin, mut listwise_ci_complete_rows) = (0, 0);
    let (mut deleted_pingouin, mut deleted_full_rows) = (0, 0);
    let mut pairwise_not_psd = 0;
    for case in &cases {
        let rows = matrix(case);
        if case.is_error() {
            case.err("listwise", cronbach_alpha(&rows, Deletion::Listwise, level));
            case.err("pairwise", cronbach_alpha(&rows, Deletion::Pairwise, level));
            case.err("item analysis", item_analysis(&rows));
            tally.errors += 1;
            continue;
        }
        assert_eq!(case.num("ci_level"), level.get(), "{}", case.id("ci_level"));
        let (n_rows, k) = (case.count("n_rows"), case.count("k"));
        let complete_rows = case.count("complete_rows");
        assert_eq!(rows.len() as u64, n_rows, "{}", case.id("n_rows"));
        assert_eq!(
            complete(&rows).len() as u64,
            complete_rows,
            "{}",
            case.id("complete_rows")
        );
        for (key, deletion, n) in [
            ("listwise", Deletion::Listwise, complete_rows),
            ("pairwise", Deletion::Pairwise, n_rows),
        ] {
            let want = case.get(key);
            if deletion == Deletion::Pairwise && case.get("pairwise_psd") == &Value::Bool(false) {
                // Covariances no answers have: refused, where pingouin reports α (issue 15).
                let err = cronbach_alpha(&rows, deletion, level).unwrap_err();
                assert!(
                    matches!(err, Error::NotApplicable { .. }),
                    "{}: {err:?}",
                    case.id(key)
                );
                pairwise_not_psd += 1;
                continue;
            }
            let alpha = case.ok(key, cronbach_alpha(&rows, deletion, level));
            assert_eq!(alpha.items() as u64, k, "{}", case.id(key));
            assert_eq!(alpha.respondents(), n, "{}", case.id(&format!("{key} n")));
            let want_alpha = value_opt(&case.id(key), want.get("alpha").unwrap_or(&Value::Null));
            case.close_opt(&format!("{key}.alpha"), Some(alpha.alpha()), want_alpha);
            let ci = alpha
                .interval()
                .unwrap_or_else(|| panic!("{}: no interval", case.id(key)));
            if deletion == Deletion::Listwise && complete_rows != n_rows {
                // The textbook interval on the complete rows (see above).
                let only_complete = complete(&rows);
                let reference = case
                    .ok(
                        key,
                        cronbach_alpha(&only_complete, Deletion::Pairwise, level),
                    )
                    .interval()
                    .unwrap_or_else(|| panic!("{}: no interval", case.id(key)));
                case.interval(
                    &format!("{key} (complete rows)"),
                    &ci,
                    reference.lower(),
                    reference.upper(),
                );
                listwise_ci_complete_rows += 1;
                continue;
            }
            if deletion == Deletion::Listwise {
                listwise_ci_pingouin += 1;
            }
            let unrounded = numbers(
                &case.id(key),
                want.get("ci_unrounded").unwrap_or(&Value::Null),
            );
            case.interval(
                &format!("{key}.ci_unrounded"),
                &ci,
                unrounded[0],
                unrounded[1],
            );
            let rounded = numbers(
                &case.id(key),
                want.get("ci_rounded").unwrap_or(&Value::Null),
            );
            // pingouin rounds to 3 decimals: the only comparison looser than 1e-10.
            for (field, got, want) in [
                ("ci_rounded lower", ci.lower(), rounded[0]),
                ("ci_rounded upper", ci.upper(), rounded[1]),
            ] {
                assert!(
                    (got - want).abs() <= PINGOUIN_ROUNDING,
                    "{}: got {got}, want {want}",
                    case.id(&format!("{key}.{field}"))
                );
            }
        }

        let items = case.ok("item analysis", item_analysis(&rows));
        assert_eq!(items.len() as u64, k, "{}", case.id("item analysis"));
        let deleted_listwise = case.get("alpha_if_deleted_listwise");
        let deleted_pairwise = case.get("alpha_if_deleted_pairwise");
        let deleted_pairwise_psd = case.get("alpha_if_deleted_pairwise_psd");
        let item_total = case.get("item_total_corrected");
        let full_complete = complete(&rows);
        for (j, item) in items.iter().enumerate() {
            assert_eq!(item.item, j);
            let want = |v: &Value, key: &str| {
                let id = case.id(&format!("{key}[{j}]"));
                value_opt(&id, v.get(j).unwrap_or_else(|| panic!("{id}: missing")))
            };
            let dropped = without_column(&rows, j);
            // pingouin's convention, through cronbach_alpha on the matrix without column j.
            for (key, deletion, v) in [
                (
                    "alpha_if_deleted_listwise",
                    Deletion::Listwise,
                    deleted_listwise,
                ),
                (
                    "alpha_if_deleted_pairwise",
                    Deletion::Pairwise,
                    deleted_pairwise,
                ),
            ] {
                let got = cronbach_alpha(&dropped, deletion, level).map(|a| a.alpha());
                let psd = deleted_pairwise_psd.get(j).and_then(Value::as_bool);
                if deletion == Deletion::Pairwise && psd == Some(false) {
                    assert!(
                        matches!(got, Err(Error::NotApplicable { .. })),
                        "{}: {got:?}",
                        case.id(&format!("{key}[{j}]"))
                    );
                    continue;
                }
                match (got, want(v, key)) {
                    (Err(_), None) => {}
                    (Ok(a), Some(b)) => case.close(&format!("{key}[{j}]"), a, b),
                    (got, want) => {
                        panic!(
                            "{}: got {got:?}, want {want:?}",
                            case.id(&format!("{key}[{j}]"))
                        )
                    }
                }
            }
            // item_analysis: the rows complete in the full matrix.
            let field = format!("item_analysis alpha_if_deleted[{j}]");
            if complete(&dropped).len() == full_complete.len() {
                case.close_opt(
                    &field,
                    item.alpha_if_deleted,
                    want(deleted_listwise, "alpha_if_deleted_listwise"),
                );
                deleted_pingouin += 1;
            } else {
                let reference = cronbach_alpha(
                    &without_column(&full_complete, j),
                    Deletion::Listwise,
                    level,
                )
                .ok()
                .map(|a| a.alpha());
                case.close_opt(
                    &format!("{field} (full-matrix rows)"),
                    item.alpha_if_deleted,
                    reference,
                );
                deleted_full_rows += 1;
            }
            case.close_opt(
                &format!("item_total_corrected[{j}]"),
                item.corrected_item_total,
                want(item_total, "item_total_corrected"),
            );
        }
        tally.values += 1;
    }
    assert_eq!(
        (listwise_ci_pingouin, listwise_ci_complete_rows),
        (6, 4),
        "cronbach: listwise intervals against pingouin / against the complete rows"
    );
    assert_eq!(
        (deleted_pingouin, deleted_full_rows),
        (24, 20),
        "cronbach: item_analysis alpha-if-deleted against pingouin / full-matrix rows"
    );
    assert_eq!(
        pairwise_not_psd, 2,
        "cronbach: pairwise covariance matrices that are not positive semi-definite"
    );
    tally.done();
}

// ---------------------------------------------------------------------------------------------
// Sample size, Erlang C, bootstrap
// ---------------------------------------------------------------------------------------------

/// `cochran` rounds up; the fixture's `n` is unrounded.
#[test]
fn cochran_sample_size() {
    let cases = cases("sample_size");
    let mut tally = Tally::new("sample_size", &cases, 1);
    for case in &cases {
        let level = case.level("level");
        let (p, margin) = (case.num("p"), case.num("margin"));
        let population = match case.get("population") {
            Value::Null => None,
            _ => Some(case.count("population")),
        };
        let result = cochran(level, p, margin, population);
        if case.is_error() {
            case.err("n", result);
            tally.errors += 1;
            continue;
        }
        let want = case.num("n").ceil();
        assert_eq!(case.ok("n", result) as f64, want, "{}", case.id("n"));
        let unlimited = case.ok("n0", cochran(level, p, margin, None));
        assert_eq!(unlimited as f64, case.num("n0").ceil(), "{}", case.id("n0"));
        // z, the normal quantile the formula uses.
        let z = case
            .ok("z", Interval::student_t(0.0, 1.0, NORMAL_DF, level))
            .upper();
        case.close("z", z, case.num("z"));
        tally.values += 1;
    }
    tally.done();
}

/// The fixture's waits are in seconds; the crate's `average_wait_minutes` is in minutes and its
/// `service_level` takes the threshold in seconds.
#[test]
fn erlang_c_wait_service_level_and_asa() {
    let cases = cases("erlang_c");
    let mut tally = Tally::new("erlang_c", &cases, 1);
    for case in &cases {
        let servers = u32::try_from(case.count("servers"))
            .unwrap_or_else(|_| panic!("{}: too many", case.id("servers")));
        let result = ErlangC::new(
            case.num("arrival_rate_per_hour"),
            case.num("service_time_minutes"),
            servers,
        );
        let Some(q) = tally.outcome(case, "queue", result) else {
            continue;
        };
        case.close("traffic_erlangs", q.traffic(), case.num("traffic_erlangs"));
        case.close("occupancy", q.occupancy(), case.num("occupancy"));
        case.close("p_wait", q.probability_of_waiting(), case.num("p_wait"));
        let level = case.ok(
            "service_level",
            q.service_level(case.num("threshold_seconds")),
        );
        case.close("service_level", level, case.num("service_level"));
        case.close(
            "asa_seconds",
            q.average_wait_minutes() * 60.0,
            case.num("asa_seconds"),
        );
    }
    tally.done();
}

/// The fixture's replicates (numpy's generator, not reproducible here) and jackknife means are
/// fed through `Replicates::from_parts`. The crate's bias correction is the textbook
/// `z₀ = Φ⁻¹(#{θ*_b < θ̂}/B)` (Efron & Tibshirani), the fixture's `z0`; scipy's `z0_scipy` counts
/// ties with θ̂ as half below. So the crate's BCa endpoints are the `*_strict_z0` ones, which
/// differ from scipy's only when replicates tie θ̂ (`int_ties_8`).
#[test]
fn bootstrap_reference_bca_and_percentile() {
    let cases = cases("bootstrap_reference");
    let mut tally = Tally::new("bootstrap_reference", &cases, 1);
    let mut scipy_differs = 0;
    for case in &cases {
        assert_eq!(case.str("statistic"), "mean", "{}", case.id("statistic"));
        let theta = case.num("theta_hat");
        let replicates = case.nums("replicates");
        assert_eq!(
            replicates.len() as u64,
            case.count("n_replicates"),
            "{}",
            case.id("n_replicates")
        );
        let data = case.nums("data");
        let mean = case.ok(
            "theta_hat",
            Moments::from_slice(&data).and_then(|m| m.mean()),
        );
        case.close("theta_hat", mean, theta);
        let reps = case.ok(
            "replicates",
            Replicates::from_parts(theta, replicates, case.nums("jackknife_means")),
        );
        let below = reps.replicates().partition_point(|r| *r < theta) as u64;
        let at_or_below = reps.replicates().partition_point(|r| *r <= theta) as u64;
        assert_eq!(
            below,
            case.count("count_below"),
            "{}",
            case.id("count_below")
        );
        assert_eq!(
            at_or_below,
            case.count("count_at_or_below"),
            "{}",
            case.id("count_at_or_below")
        );
        case.close(
            "acceleration",
            reps.acceleration(),
            case.num("acceleration"),
        );
        case.close("z0", case.ok("z0", reps.bias_correction()), case.num("z0"));
        if case.num("z0") != case.num("z0_scipy") {
            scipy_differs += 1;
        }
        for entry in case.get("intervals").as_array().into_iter().flatten() {
            let level = entry
                .get("level")
                .and_then(Value::as_f64)
                .unwrap_or(f64::NAN);
            let field = format!("level {level}");
            let want = |key: &str| {
                value_opt(&case.id(&field), entry.get(key).unwrap_or(&Value::Null))
                    .unwrap_or_else(|| panic!("{}: {key} missing", case.id(&field)))
            };
            let level = case.ok(&field, Level::new(level));
            let percentile = case.ok(&field, reps.percentile_interval(level));
            case.interval(
                &format!("{field} percentile"),
                &percentile,
                want("percentile_lower"),
                want("percentile_upper"),
            );
            let bca = case.ok(&field, reps.bca_interval(level));
            case.interval(
                &format!("{field} bca (strict z0)"),
                &bca,
                want("bca_lower_strict_z0"),
                want("bca_upper_strict_z0"),
            );
            // Where the conventions differ, so do the intervals: the crate is not scipy there.
            if case.num("z0") != case.num("z0_scipy") {
                assert_ne!(
                    (bca.lower(), bca.upper()),
                    (want("bca_lower"), want("bca_upper")),
                    "{}",
                    case.id(&format!("{field} bca (scipy's z0)"))
                );
            }
        }
        tally.values += 1;
    }
    assert_eq!(
        scipy_differs, 1,
        "bootstrap_reference: cases where scipy's z0 differs"
    );
    tally.done();
}
