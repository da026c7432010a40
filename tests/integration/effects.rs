//! Effect sizes, paired tests, exact binomial and Fisher variants, p-value adjustments,
//! distribution-free quantile intervals and power / sample size (issue 16) against independent
//! reference values: `tests/fixtures/effects_reference.json`, computed by
//! `tests/fixtures/generate_effects.py` with scipy, statsmodels, pingouin and mpmath (each value
//! recomputed there by a second route: exact rationals, exact enumeration or 40-digit mpmath).
//!
//! **Tolerance: 1e-10 relative to the reference value**, `|got − want| ≤ 1e-10 · max(|want|,
//! tiny)` with `tiny` the smallest normal `f64`, so a reference of exactly 0 must be met exactly.
//! The exceptions, each explained where it is used:
//!
//! * bounds formed as `centre ± half-width` with parts of order 1 (Wald and Newcombe risk
//!   differences) are known to ~1e-16 absolute, so their comparison has an absolute floor of
//!   1e-15 (a bound that should be 0 comes out as 1e-17);
//! * the exact binomial test's p-values and Clopper–Pearson / Jeffreys bounds at n ≥ 1e4 rest
//!   on `statrs`' regularised incomplete beta at parameters of 1e4–1e6, itself accurate to only
//!   ~1e-9 relative there (as in `stats_fixtures.rs`): compared at 1e-8 for those n;
//! * the power of the t test comes from noncentral t tails; the tail on the side opposite the
//!   effect (`Less` for d > 0, ~1e-7) is, after reflection, a series whose terms alternate in
//!   sign, so it is known only to ~1e-15 absolute (scipy's own agrees with the 40-digit
//!   reference to ~1e-15 absolute there too): compared with an absolute floor of 1e-14
//!   ([`POWER_FLOOR`]), i.e. 1e-10 relative for every power above 1e-4.
//!
//! Counts, ranks and order statistics are compared exactly, a `null` in the fixture must be an
//! `Err` or `None` in the crate, and every `expected_error` case must be an `Err`. Every test
//! asserts that it looked at every case of its group.

use layanan::stats::{
    Alternative, Error, McNemarMethod, Moments, OpenInterval, ProportionMethod,
    RiskDifferenceMethod, TestMethod, TestResult, WilcoxonMethod, ZeroMethod, benjamini_yekutieli,
    binomial_test, bonferroni, cohens_d, cohens_d_from_moments, cramers_v, fisher_exact,
    fisher_mid_p, fisher_odds_ratio, hedges_g, hedges_g_from_moments, hochberg, mcnemar,
    minimum_detectable_difference, minimum_detectable_difference_from_se, odds_ratio,
    paired_t_interval, paired_t_test, power_two_means, power_two_proportions, proportion_interval,
    quantile_interval, quantile_interval_ranks, rank_biserial, rank_biserial_interval,
    risk_difference, risk_ratio, sample_size_two_means, sample_size_two_proportions,
    wilcoxon_signed_rank,
};
use layanan::{Interval, Level};
use serde_json::Value;

use crate::support::reference::{self, ALTERNATIVES, Case, REL, TINY, Tally};

/// Absolute floor for bounds formed as `centre ± half-width` (see the module docs).
const DIFFERENCE_FLOOR: f64 = 1e-15;

/// The fixture of this module.
const FIXTURE: &str = "effects_reference.json";

/// The least number of cases, and of value cases, in every group.
const AT_LEAST: usize = 10;

/// The cases of `group`.
fn cases(group: &'static str) -> Vec<Case> {
    reference::cases(FIXTURE, group, AT_LEAST)
}

impl Case {
    /// A count, or `None` for `null`.
    #[track_caller]
    fn opt_count(&self, field: &str) -> Option<u64> {
        match self.get(field) {
            Value::Null => None,
            _ => Some(self.count(field)),
        }
    }

    /// The entries of an array field, each as a sub-case.
    #[track_caller]
    fn entries(&self, field: &str) -> Vec<Case> {
        let v = self.get(field);
        v.as_array()
            .unwrap_or_else(|| panic!("{}: not an array: {v}", self.id(field)))
            .iter()
            .enumerate()
            .map(|(i, json)| self.sub(&format!("{field}[{i}]"), json))
            .collect()
    }

    /// A sub-object (`None` for `null`).
    #[track_caller]
    fn object(&self, field: &str) -> Option<Case> {
        match self.get(field) {
            Value::Null => None,
            json => Some(self.sub(field, json)),
        }
    }

    /// [`close`](Case::close) with the absolute floor [`DIFFERENCE_FLOOR`].
    #[track_caller]
    fn close_abs(&self, field: &str, got: f64, want: f64) {
        self.close_within(field, got, want, REL, DIFFERENCE_FLOOR / REL);
    }

    /// `[lower, upper]` of the fixture field (a two-element array) against an interval.
    #[track_caller]
    fn pair(&self, field: &str, got: &Interval, floor: bool) {
        let want = self.nums(field);
        assert_eq!(want.len(), 2, "{}: not a pair", self.id(field));
        let check = |what: &str, g: f64, w: f64| {
            let f = format!("{field} {what}");
            if floor {
                self.close_abs(&f, g, w);
            } else {
                self.close(&f, g, w);
            }
        };
        check("lower", got.lower(), want[0]);
        check("upper", got.upper(), want[1]);
    }

    /// p-values per alternative (`field.{alt}`) against a test.
    #[track_caller]
    fn pvalues(&self, field: &str, run: impl Fn(Alternative) -> Result<TestResult, Error>) {
        let p = self.sub(field, self.get(field));
        for (key, alternative) in ALTERNATIVES {
            let got = self.ok(&format!("{field}.{key}"), run(alternative));
            p.close(key, got.p_value, p.num(key));
            assert_eq!(got.alternative, alternative);
        }
    }
}

/// `a` and `b` of a two-sample case.
fn samples(case: &Case) -> (Vec<f64>, Vec<f64>) {
    (case.nums("a"), case.nums("b"))
}

// ------------------------------------------------------------------ effect sizes

#[test]
fn cohens_d_and_hedges_g_with_noncentral_t_intervals() {
    let cases = cases("cohens_d");
    let mut tally = Tally::new("cohens_d", &cases, AT_LEAST);
    for case in &cases {
        let (a, b) = samples(case);
        if case.is_error() {
            let l = Level::default();
            case.err("cohens_d", cohens_d(&a, &b, l));
            case.err("hedges_g", hedges_g(&a, &b, l));
            let (ma, mb) = (Moments::from_slice(&a), Moments::from_slice(&b));
            if let (Ok(ma), Ok(mb)) = (ma, mb) {
                case.err("cohens_d_from_moments", cohens_d_from_moments(&ma, &mb, l));
                case.err("hedges_g_from_moments", hedges_g_from_moments(&ma, &mb, l));
            }
            tally.errors += 1;
            continue;
        }
        for iv in case.entries("intervals") {
            let level = iv.level("level");
            // From the values, and from their moments (a tally's view of the same samples).
            let (ma, mb) = (
                case.ok("moments", Moments::from_slice(&a)),
                case.ok("moments", Moments::from_slice(&b)),
            );
            for d in [
                case.ok("cohens_d", cohens_d(&a, &b, level)),
                case.ok(
                    "cohens_d_from_moments",
                    cohens_d_from_moments(&ma, &mb, level),
                ),
            ] {
                case.close("d", d.estimate(), case.num("d"));
                iv.close("d_lower", d.lower(), iv.num("d_lower"));
                iv.close("d_upper", d.upper(), iv.num("d_upper"));
            }
            match case.opt("g") {
                Some(g_want) => {
                    for g in [
                        case.ok("hedges_g", hedges_g(&a, &b, level)),
                        case.ok(
                            "hedges_g_from_moments",
                            hedges_g_from_moments(&ma, &mb, level),
                        ),
                    ] {
                        case.close("g", g.estimate(), g_want);
                        iv.close("g_lower", g.lower(), iv.num("g_lower"));
                        iv.close("g_upper", g.upper(), iv.num("g_upper"));
                    }
                }
                None => {
                    case.err("hedges_g", hedges_g(&a, &b, level));
                    case.err("hedges_g", hedges_g_from_moments(&ma, &mb, level));
                }
            }
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn rank_biserial_with_fisher_z_intervals() {
    let cases = cases("rank_biserial");
    let mut tally = Tally::new("rank_biserial", &cases, AT_LEAST);
    for case in &cases {
        let (a, b) = samples(case);
        if case.is_error() {
            case.err("r", rank_biserial(&a, &b));
            case.err("interval", rank_biserial_interval(&a, &b, Level::default()));
            tally.errors += 1;
            continue;
        }
        let r = case.ok("r", rank_biserial(&a, &b));
        case.close_within("r", r, case.num("r"), REL, 1e-15);
        match case.get("intervals") {
            Value::Null => case.err(
                "interval (separated)",
                rank_biserial_interval(&a, &b, Level::default()),
            ),
            _ => {
                for iv in case.entries("intervals") {
                    let got = iv.ok(
                        "interval",
                        rank_biserial_interval(&a, &b, iv.level("level")),
                    );
                    iv.close_within("estimate", got.estimate(), case.num("r"), REL, 1e-15);
                    iv.close_abs("lower", got.lower(), iv.num("lower"));
                    iv.close_abs("upper", got.upper(), iv.num("upper"));
                }
            }
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn cramers_v_plain_and_bias_corrected() {
    let cases = cases("cramers_v");
    let mut tally = Tally::new("cramers_v", &cases, AT_LEAST);
    for case in &cases {
        let table: Vec<Vec<u64>> = case
            .get("table")
            .as_array()
            .expect("table rows")
            .iter()
            .map(|row| {
                row.as_array()
                    .expect("table row")
                    .iter()
                    .map(|c| c.as_u64().expect("count"))
                    .collect()
            })
            .collect();
        if case.is_error() {
            case.err("v", cramers_v(&table, false));
            case.err("v corrected", cramers_v(&table, true));
            tally.errors += 1;
            continue;
        }
        let v = case.ok("v", cramers_v(&table, false));
        case.close_within("v", v, case.num("v"), REL, 1e-15);
        match (cramers_v(&table, true), case.opt("v_corrected")) {
            (Ok(got), Some(want)) => case.close_within("v_corrected", got, want, REL, 1e-15),
            (Err(_), None) => {}
            (got, want) => panic!("{}: got {got:?}, want {want:?}", case.id("v_corrected")),
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn risk_difference_ratio_and_odds_ratio_intervals() {
    let cases = cases("risk_2x2");
    let mut tally = Tally::new("risk_2x2", &cases, AT_LEAST);
    for case in &cases {
        let (x1, n1, x2, n2) = case.two_proportions();
        let l = Level::default();
        if case.is_error() {
            for m in [RiskDifferenceMethod::Newcombe, RiskDifferenceMethod::Wald] {
                case.err("rd", risk_difference(x1, n1, x2, n2, l, m));
            }
            case.err("rr", risk_ratio(x1, n1, x2, n2, l));
            case.err("or", odds_ratio(x1, n1, x2, n2, l));
            tally.errors += 1;
            continue;
        }
        for iv in case.entries("intervals") {
            let level = iv.level("level");
            let wald = case.ok(
                "rd wald",
                risk_difference(x1, n1, x2, n2, level, RiskDifferenceMethod::Wald),
            );
            case.close_abs("rd", wald.estimate(), case.num("rd"));
            iv.pair("rd_wald", &wald, true);
            let newcombe = case.ok(
                "rd newcombe",
                risk_difference(x1, n1, x2, n2, level, RiskDifferenceMethod::Newcombe),
            );
            case.close_abs("rd", newcombe.estimate(), case.num("rd"));
            iv.pair("rd_newcombe", &newcombe, true);
            let rr = case.ok("rr", risk_ratio(x1, n1, x2, n2, level));
            case.close("rr", rr.estimate(), case.num("rr"));
            iv.pair("rr_katz", &rr, false);
            let or = case.ok("or", odds_ratio(x1, n1, x2, n2, level));
            case.close("or", or.estimate(), case.num("or"));
            iv.pair("or_woolf", &or, false);
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn fisher_conditional_odds_ratio_exact_interval_and_mid_p() {
    let cases = cases("fisher");
    let mut tally = Tally::new("fisher", &cases, AT_LEAST);
    for case in &cases {
        let (x1, n1, x2, n2) = case.two_proportions();
        if case.is_error() {
            case.err(
                "conditional odds ratio",
                fisher_odds_ratio(x1, n1, x2, n2, Level::default()),
            );
            tally.errors += 1;
            continue;
        }
        case.pvalues("fisher_p", |alt| fisher_exact(x1, n1, x2, n2, alt));
        case.pvalues("midp", |alt| fisher_mid_p(x1, n1, x2, n2, alt));
        let mid = case.ok("midp", fisher_mid_p(x1, n1, x2, n2, Alternative::Less));
        assert_eq!(mid.method, TestMethod::FisherMidP);
        let infinite = case.get("estimate_infinite").as_bool() == Some(true);
        for iv in case.entries("intervals") {
            let got: OpenInterval =
                iv.ok("or", fisher_odds_ratio(x1, n1, x2, n2, iv.level("level")));
            if infinite {
                assert_eq!(got.estimate(), f64::INFINITY, "{}", case.id("estimate"));
            } else {
                case.close("estimate", got.estimate(), case.num("estimate"));
            }
            iv.close_opt("lower", got.lower(), iv.opt("lower"));
            iv.close_opt("upper", got.upper(), iv.opt("upper"));
        }
        tally.values += 1;
    }
    tally.done();
}

// --------------------------------------------------------------- proportions

/// Clopper–Pearson and Jeffreys at n ≥ 1e4: statrs' incomplete beta (see the module docs).
fn beta_tolerance(n: u64) -> f64 {
    if n >= 10_000 { 1e-8 } else { REL }
}

#[test]
fn exact_binomial_test_and_its_interval() {
    let cases = cases("binomial_test");
    let mut tally = Tally::new("binomial_test", &cases, AT_LEAST);
    for case in &cases {
        let (k, n, p) = (case.count("k"), case.count("n"), case.num("p"));
        if case.is_error() {
            for (_, alt) in ALTERNATIVES {
                case.err("test", binomial_test(k, n, p, alt, Level::default()));
            }
            tally.errors += 1;
            continue;
        }
        let tol = beta_tolerance(n);
        let want = case.sub("pvalues", case.get("pvalues"));
        for (key, alt) in ALTERNATIVES {
            let (test, _) = case.ok(key, binomial_test(k, n, p, alt, Level::default()));
            want.close_within(key, test.p_value, want.num(key), tol, TINY);
        }
        for iv in case.entries("intervals") {
            let (test, ci) = iv.ok(
                "interval",
                binomial_test(k, n, p, iv.alternative(), iv.level("level")),
            );
            assert_eq!(test.method, TestMethod::BinomialExact);
            iv.close("statistic", test.statistic, k as f64 / n as f64);
            iv.close_within("lower", ci.lower(), iv.num("lower"), tol, 1e-300);
            iv.close_within("upper", ci.upper(), iv.num("upper"), tol, 1e-300);
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn jeffreys_interval() {
    let cases = cases("jeffreys");
    let mut tally = Tally::new("jeffreys", &cases, AT_LEAST);
    for case in &cases {
        let (x, n) = (case.count("x"), case.count("n"));
        let tol = beta_tolerance(n);
        for iv in case.entries("intervals") {
            let got = iv.ok(
                "interval",
                proportion_interval(x, n, iv.level("level"), ProportionMethod::Jeffreys),
            );
            iv.close("estimate", got.estimate(), x as f64 / n as f64);
            iv.close_within("lower", got.lower(), iv.num("lower"), tol, 1e-300);
            iv.close_within("upper", got.upper(), iv.num("upper"), tol, 1e-300);
        }
        tally.values += 1;
    }
    tally.done();
}

// ----------------------------------------------------------------- paired data

#[test]
fn paired_t_test_and_interval() {
    let cases = cases("paired_t");
    let mut tally = Tally::new("paired_t", &cases, AT_LEAST);
    for case in &cases {
        let (a, b) = samples(case);
        if case.is_error() {
            for (_, alt) in ALTERNATIVES {
                case.err("test", paired_t_test(&a, &b, alt));
            }
            case.err("interval", paired_t_interval(&a, &b, Level::default()));
            tally.errors += 1;
            continue;
        }
        case.pvalues("pvalues", |alt| paired_t_test(&a, &b, alt));
        let t = case.ok("test", paired_t_test(&a, &b, Alternative::TwoSided));
        case.close("statistic", t.statistic, case.num("statistic"));
        assert_eq!(t.df, Some(case.num("df")), "{}", case.id("df"));
        for iv in case.entries("intervals") {
            let got = iv.ok("interval", paired_t_interval(&a, &b, iv.level("level")));
            case.close_abs(
                "mean_difference",
                got.estimate(),
                case.num("mean_difference"),
            );
            iv.close("lower", got.lower(), iv.num("lower"));
            iv.close("upper", got.upper(), iv.num("upper"));
        }
        tally.values += 1;
    }
    tally.done();
}

const ZERO_METHODS: [(&str, ZeroMethod); 3] = [
    ("wilcox", ZeroMethod::Wilcox),
    ("pratt", ZeroMethod::Pratt),
    ("zsplit", ZeroMethod::ZSplit),
];

#[test]
fn wilcoxon_signed_rank_exact_and_asymptotic_for_every_zero_method() {
    let cases = cases("wilcoxon");
    let mut tally = Tally::new("wilcoxon", &cases, AT_LEAST);
    for case in &cases {
        let (a, b) = samples(case);
        let run = |alt, zm, m| wilcoxon_signed_rank(&a, &b, alt, zm, m);
        if case.is_error() {
            for (_, zm) in ZERO_METHODS {
                case.err("test", run(Alternative::TwoSided, zm, WilcoxonMethod::Auto));
            }
            tally.errors += 1;
            continue;
        }
        let by = case.sub("by_zero_method", case.get("by_zero_method"));
        for (key, zm) in ZERO_METHODS {
            let Some(e) = by.object(key) else {
                for (_, alt) in ALTERNATIVES {
                    by.err(key, run(alt, zm, WilcoxonMethod::Exact));
                    by.err(key, run(alt, zm, WilcoxonMethod::Auto));
                }
                continue;
            };
            e.pvalues("exact", |alt| run(alt, zm, WilcoxonMethod::Exact));
            let exact = e.ok(
                "exact",
                run(Alternative::Greater, zm, WilcoxonMethod::Exact),
            );
            e.close("r_plus", exact.statistic, e.num("r_plus"));
            assert_eq!(exact.method, TestMethod::WilcoxonExact);
            match e.object("asymptotic") {
                Some(asym) => {
                    for (label, cc) in [("uncorrected", false), ("corrected", true)] {
                        let m = WilcoxonMethod::Asymptotic {
                            continuity_correction: cc,
                        };
                        asym.pvalues(label, |alt| run(alt, zm, m));
                    }
                }
                None => {
                    let m = WilcoxonMethod::Asymptotic {
                        continuity_correction: false,
                    };
                    e.err("asymptotic", run(Alternative::TwoSided, zm, m));
                }
            }
            // `Auto` picks what scipy's method="auto" picks.
            let (field, method) = match e.str("auto") {
                "exact" => ("exact", TestMethod::WilcoxonExact),
                "asymptotic_corrected" => ("asymptotic", TestMethod::WilcoxonAsymptotic),
                other => panic!("{}: unknown auto {other}", e.id("auto")),
            };
            let want = if field == "exact" {
                e.sub("exact", e.get("exact"))
            } else {
                let asym = e.sub("asymptotic", e.get("asymptotic"));
                asym.sub("corrected", asym.get("corrected"))
            };
            for (key, alt) in ALTERNATIVES {
                let got = e.ok("auto", run(alt, zm, WilcoxonMethod::Auto));
                assert_eq!(got.method, method, "{}", e.id("auto"));
                want.close(key, got.p_value, want.num(key));
            }
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn mcnemar_exact_and_chi_square() {
    let cases = cases("mcnemar");
    let mut tally = Tally::new("mcnemar", &cases, AT_LEAST);
    for case in &cases {
        let rows = case.get("table").as_array().expect("table");
        let cell =
            |i: usize, j: usize| rows[i].as_array().expect("row")[j].as_u64().expect("count");
        let table = [[cell(0, 0), cell(0, 1)], [cell(1, 0), cell(1, 1)]];
        let exact = case.ok("exact", mcnemar(table, McNemarMethod::Exact));
        let want = case.object("exact").expect("exact");
        want.close("statistic", exact.statistic, want.num("statistic"));
        want.close("pvalue", exact.p_value, want.num("pvalue"));
        for (field, cc) in [("chi2", false), ("chi2_corrected", true)] {
            let got = mcnemar(
                table,
                McNemarMethod::ChiSquare {
                    continuity_correction: cc,
                },
            );
            match case.object(field) {
                Some(want) => {
                    let got = case.ok(field, got);
                    want.close("statistic", got.statistic, want.num("statistic"));
                    want.close("pvalue", got.p_value, want.num("pvalue"));
                }
                None => case.err(field, got),
            }
        }
        tally.values += 1;
    }
    tally.done();
}

// ------------------------------------------------------------------ adjustments

#[test]
fn bonferroni_hochberg_and_benjamini_yekutieli() {
    let cases = cases("adjust");
    let mut tally = Tally::new("adjust", &cases, AT_LEAST);
    type Adjust = fn(&[f64]) -> Result<Vec<f64>, Error>;
    let methods: [(&str, Adjust); 3] = [
        ("bonferroni", bonferroni),
        ("hochberg", hochberg),
        ("benjamini_yekutieli", benjamini_yekutieli),
    ];
    for case in &cases {
        let p = case.nums("pvalues");
        for (field, adjust) in methods {
            if case.is_error() {
                case.err(field, adjust(&p));
                continue;
            }
            let got = case.ok(field, adjust(&p));
            let want = case.nums(field);
            assert_eq!(got.len(), want.len(), "{}", case.id(field));
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                case.close(&format!("{field}[{i}]"), *g, *w);
            }
        }
        if case.is_error() {
            tally.errors += 1;
        } else {
            tally.values += 1;
        }
    }
    tally.done();
}

// ------------------------------------------------------------ quantile intervals

#[test]
fn distribution_free_quantile_intervals() {
    let cases = cases("quantile_interval");
    let mut tally = Tally::new("quantile_interval", &cases, AT_LEAST);
    for case in &cases {
        let data = case.nums("data");
        if case.is_error() {
            case.err(
                "interval",
                quantile_interval(&data, case.num("p"), Level::default()),
            );
            case.err(
                "ranks",
                quantile_interval_ranks(data.len() as u64, case.num("p"), Level::default()),
            );
            tally.errors += 1;
            continue;
        }
        let n = case.count("n");
        for iv in case.entries("intervals") {
            let (p, level) = (iv.num("p"), iv.level("level"));
            let ranks = iv.ok("ranks", quantile_interval_ranks(n, p, level));
            assert_eq!(
                ranks,
                (iv.opt_count("lower_rank"), iv.opt_count("upper_rank")),
                "{}",
                iv.id("ranks")
            );
            let got = iv.ok("interval", quantile_interval(&data, p, level));
            // Order statistics: exactly the sample's values.
            assert_eq!(got.lower(), iv.opt("lower"), "{}", iv.id("lower"));
            assert_eq!(got.upper(), iv.opt("upper"), "{}", iv.id("upper"));
            iv.close_within("estimate", got.estimate(), iv.num("estimate"), REL, 1e-300);
        }
        tally.values += 1;
    }
    tally.done();
}

// -------------------------------------------------------------- power, sample size

#[test]
fn power_of_two_means() {
    let cases = cases("power_two_means");
    let mut tally = Tally::new("power_two_means", &cases, AT_LEAST);
    for case in &cases {
        let (d, n1, n2, alpha) = (
            case.num("effect_size"),
            case.count("n1"),
            case.count("n2"),
            case.num("alpha"),
        );
        if case.is_error() {
            case.err(
                "power",
                power_two_means(d, n1, n2, alpha, Alternative::TwoSided),
            );
            tally.errors += 1;
            continue;
        }
        let want = case.sub("power", case.get("power"));
        for (key, alt) in ALTERNATIVES {
            let got = case.ok("power", power_two_means(d, n1, n2, alpha, alt));
            want.close_within(key, got, want.num(key), REL, POWER_FLOOR / REL);
        }
        tally.values += 1;
    }
    tally.done();
}

#[test]
fn power_of_two_proportions() {
    let cases = cases("power_two_proportions");
    let mut tally = Tally::new("power_two_proportions", &cases, AT_LEAST);
    for case in &cases {
        let (p1, p2, n1, n2, alpha) = (
            case.num("p1"),
            case.num("p2"),
            case.count("n1"),
            case.count("n2"),
            case.num("alpha"),
        );
        if case.is_error() {
            case.err(
                "power",
                power_two_proportions(p1, p2, n1, n2, alpha, Alternative::TwoSided),
            );
            tally.errors += 1;
            continue;
        }
        let want = case.sub("power", case.get("power"));
        for (key, alt) in ALTERNATIVES {
            let got = case.ok("power", power_two_proportions(p1, p2, n1, n2, alpha, alt));
            want.close(key, got, want.num(key));
        }
        tally.values += 1;
    }
    tally.done();
}

/// Absolute floor of the t test's power (module docs): tails opposite the effect.
const POWER_FLOOR: f64 = 1e-14;

#[test]
fn sample_size_for_two_means_and_two_proportions() {
    let cases = cases("sample_size");
    let mut tally = Tally::new("sample_size", &cases, AT_LEAST);
    for case in &cases {
        let (alpha, power, alt) = (case.num("alpha"), case.num("power"), case.alternative());
        let got = match case.str("kind") {
            "means" => sample_size_two_means(case.num("effect_size"), alpha, power, alt),
            "proportions" => {
                sample_size_two_proportions(case.num("p1"), case.num("p2"), alpha, power, alt)
            }
            other => panic!("{}: unknown kind {other}", case.id("kind")),
        };
        let Some(size) = tally.outcome(case, "size", got) else {
            continue;
        };
        assert_eq!(
            size.per_group,
            case.count("per_group"),
            "{}",
            case.id("per_group")
        );
        case.close_within(
            "fractional",
            size.fractional,
            case.num("fractional"),
            REL,
            TINY,
        );
        case.close("achieved", size.power, case.num("achieved"));
        assert!(size.power >= power, "{}", case.id("achieved"));
    }
    tally.done();
}

/// Every case of group `group`: the minimum detectable difference `run` gives is the
/// fixture's `mdd`, or an error where the fixture expects one.
fn check_mdd_group(group: &'static str, run: impl Fn(&Case) -> Result<f64, Error>) {
    let cases = cases(group);
    let mut tally = Tally::new(group, &cases, AT_LEAST);
    for case in &cases {
        if let Some(mdd) = tally.outcome(case, "mdd", run(case)) {
            case.close("mdd", mdd, case.num("mdd"));
        }
    }
    tally.done();
}

#[test]
fn minimum_detectable_difference_of_two_means() {
    check_mdd_group("minimum_detectable_difference", |case| {
        minimum_detectable_difference(
            case.count("n1"),
            case.count("n2"),
            case.num("sd"),
            case.num("alpha"),
            case.num("power"),
            case.alternative(),
        )
    });
}

#[test]
fn minimum_detectable_difference_from_a_standard_error() {
    check_mdd_group("minimum_detectable_difference_from_se", |case| {
        minimum_detectable_difference_from_se(
            case.num("standard_error"),
            case.num("alpha"),
            case.num("power"),
            case.alternative(),
        )
    });
}

// ------------------------------------------------------- hand-checked edge cases

#[test]
fn errors_name_the_field_and_the_value() {
    let l = Level::default();
    assert_eq!(
        power_two_proportions(1.2, 0.5, 10, 10, 0.05, Alternative::TwoSided),
        Err(Error::InvalidValue {
            field: "first proportion".into(),
            value: 1.2,
            expected: "between 0 and 1".into(),
        })
    );
    assert!(matches!(
        binomial_test(4, 3, 0.5, Alternative::TwoSided, l),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        paired_t_test(&[1.0, 2.0, 3.0], &[1.0, 2.0], Alternative::TwoSided),
        Err(Error::LengthMismatch {
            expected: 3,
            got: 2,
            ..
        })
    ));
    let err = cohens_d(&[1.0, f64::NAN], &[2.0, 3.0], l).unwrap_err();
    assert!(
        matches!(&err, Error::NotFinite { field, value } if field.contains("first sample") && value.is_nan()),
        "{err:?}"
    );
    let err = sample_size_two_means(-0.5, 0.05, 0.8, Alternative::Greater).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidValue { field, value, .. } if field == "effect size" && *value == -0.5),
        "{err:?}"
    );
    let err =
        minimum_detectable_difference(10, 10, 0.0, 0.05, 0.8, Alternative::TwoSided).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidValue { field, value, .. } if field == "standard deviation" && *value == 0.0),
        "{err:?}"
    );
    let err = quantile_interval(&[1.0, 2.0], 1.0, l).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidProbability { value, .. } if *value == 1.0),
        "{err:?}"
    );
    let err = bonferroni(&[0.2, 1.5]).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidValue { value, .. } if *value == 1.5),
        "{err:?}"
    );
    // The message carries the value too.
    assert!(err.to_string().contains("1.5"), "{err}");
}

#[test]
fn hand_checked_edge_cases() {
    let l = Level::default();
    // Wilcoxon, one pair: R⁺ = 1, exact P(R⁺ ≥ 1) = ½, two-sided 1.
    let t = wilcoxon_signed_rank(
        &[2.0],
        &[1.0],
        Alternative::TwoSided,
        ZeroMethod::Wilcox,
        WilcoxonMethod::Exact,
    )
    .unwrap();
    assert_eq!((t.statistic, t.p_value), (1.0, 1.0));
    // Every difference zero: Wilcox drops them all; Pratt has nothing to rank either.
    assert!(
        wilcoxon_signed_rank(
            &[1.0, 2.0],
            &[1.0, 2.0],
            Alternative::TwoSided,
            ZeroMethod::Wilcox,
            WilcoxonMethod::Auto
        )
        .is_err()
    );
    // McNemar without discordant pairs: exact p = 1.
    let m = mcnemar([[10, 0], [0, 7]], McNemarMethod::Exact).unwrap();
    assert_eq!((m.statistic, m.p_value), (0.0, 1.0));
    // Huge counts: no overflow, a p-value of 0 or a tiny positive one, never NaN.
    let m = mcnemar(
        [[u64::MAX / 4, 1 << 40], [1 << 41, 5]],
        McNemarMethod::Exact,
    )
    .unwrap();
    assert!(m.p_value >= 0.0 && m.p_value < 1e-300);
    assert!(mcnemar([[0, u64::MAX], [1, 0]], McNemarMethod::Exact).is_err());
    // Fisher's conditional odds ratio at x₁ = 0: estimate 0, lower 0, a finite upper.
    let or = fisher_odds_ratio(0, 10, 6, 10, l).unwrap();
    assert_eq!((or.estimate(), or.lower()), (0.0, Some(0.0)));
    assert!(or.upper().is_some_and(|u| u > 0.0 && u < 1.0));
    // A quantile of one value: open on both sides at 95 %, the value itself as estimate.
    let q = quantile_interval(&[4.0], 0.5, l).unwrap();
    assert_eq!((q.estimate(), q.lower(), q.upper()), (4.0, None, None));
    assert_eq!(q.to_string(), "(−∞, ∞)");
    // Adjustments of a single p-value leave it alone.
    for adjust in [bonferroni, hochberg, benjamini_yekutieli] {
        assert_eq!(adjust(&[0.02]).unwrap(), [0.02]);
    }
    // Power at no difference is the size of the test.
    let p = power_two_means(0.0, 40, 40, 0.05, Alternative::TwoSided).unwrap();
    assert!((p - 0.05).abs() < 1e-12, "{p}");
    let p = power_two_proportions(0.3, 0.3, 50, 50, 0.05, Alternative::Greater).unwrap();
    assert!((p - 0.05).abs() < 1e-12, "{p}");
    // Cramér's V of a perfect association is 1, of an exactly independent table 0.
    assert!((cramers_v(&[[10, 0], [0, 15]], false).unwrap() - 1.0).abs() < 1e-15);
    assert_eq!(cramers_v(&[[10, 20], [20, 40]], false).unwrap(), 0.0);
    // Separated samples: rank-biserial ±1, and no Fisher-z interval.
    assert_eq!(rank_biserial(&[7.0, 8.0], &[1.0, 2.0]).unwrap(), 1.0);
    assert!(rank_biserial_interval(&[7.0, 8.0], &[1.0, 2.0], l).is_err());
}

// ------------------------------------------------------------------------ laws

mod laws {
    //! Laws on random inputs (`LAYANAN_PROPTEST_CASES`, default 256): the adjustments order
    //! as theory says (Bonferroni ≥ Holm ≥ Hochberg ≥ raw, Benjamini–Yekutieli ≥
    //! Benjamini–Hochberg, all ≤ 1); every interval contains its estimate; a quantile interval's
    //! ends are order statistics around the sample quantile; exact p-values are probabilities
    //! and the mid-p never exceeds Fisher's; power grows with the group size.

    use layanan::Level;
    use layanan::stats::{
        Alternative, WilcoxonMethod, ZeroMethod, benjamini_hochberg, benjamini_yekutieli,
        bonferroni, cohens_d, fisher_exact, fisher_mid_p, fisher_odds_ratio, hochberg, holm,
        power_two_means, power_two_proportions, quantile_interval, rank_biserial,
        wilcoxon_signed_rank,
    };
    use proptest::prelude::*;

    use crate::support::proptest_cases;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

        #[test]
        fn adjustments_are_ordered(p in prop::collection::vec(0.0..=1.0f64, 1..40)) {
            let (bf, hm, hb) = (bonferroni(&p).unwrap(), holm(&p).unwrap(), hochberg(&p).unwrap());
            let (bh, by) = (benjamini_hochberg(&p).unwrap(), benjamini_yekutieli(&p).unwrap());
            for i in 0..p.len() {
                let tol = 1e-15;
                prop_assert!(bf[i] + tol >= hm[i] && hm[i] + tol >= hb[i] && hb[i] + tol >= p[i]);
                prop_assert!(by[i] + tol >= bh[i] && by[i] <= 1.0 && bf[i] <= 1.0);
            }
        }

        #[test]
        fn effect_intervals_contain_their_estimate(
            a in prop::collection::vec(-50.0..50.0f64, 2..30),
            b in prop::collection::vec(-50.0..50.0f64, 2..30),
        ) {
            let d = cohens_d(&a, &b, Level::default()).unwrap();
            prop_assert!(d.lower() <= d.estimate() && d.estimate() <= d.upper());
            let r = rank_biserial(&a, &b).unwrap();
            prop_assert!((-1.0..=1.0).contains(&r));
        }

        #[test]
        fn quantile_intervals_bracket_the_sample_quantile(
            data in prop::collection::vec(0.0..500.0f64, 1..300),
            p in 0.01..0.99f64,
        ) {
            let q = quantile_interval(&data, p, Level::default()).unwrap();
            if let Some(l) = q.lower() {
                prop_assert!(data.contains(&l) && l <= q.estimate());
            }
            if let Some(u) = q.upper() {
                prop_assert!(data.contains(&u) && q.estimate() <= u);
            }
        }

        #[test]
        fn exact_p_values_are_probabilities(
            x1 in 0u64..30, f1 in 0u64..30, x2 in 0u64..30, f2 in 0u64..30,
        ) {
            let (n1, n2) = (x1 + f1, x2 + f2);
            prop_assume!(n1 > 0 && n2 > 0);
            for alt in [Alternative::TwoSided, Alternative::Less, Alternative::Greater] {
                let exact = fisher_exact(x1, n1, x2, n2, alt).unwrap().p_value;
                let mid = fisher_mid_p(x1, n1, x2, n2, alt).unwrap().p_value;
                prop_assert!((0.0..=1.0).contains(&mid) && mid <= exact + 1e-12);
            }
            if let Ok(or) = fisher_odds_ratio(x1, n1, x2, n2, Level::default()) {
                prop_assert!(or.lower().unwrap_or(0.0) <= or.estimate());
                prop_assert!(or.upper().is_none_or(|u| or.estimate() <= u));
            }
        }

        #[test]
        fn wilcoxon_p_values_are_probabilities(
            d in prop::collection::vec(-5i8..5, 1..25),
        ) {
            let a: Vec<f64> = d.iter().map(|&x| f64::from(x)).collect();
            let b = vec![0.0; a.len()];
            for zm in [ZeroMethod::Wilcox, ZeroMethod::Pratt, ZeroMethod::ZSplit] {
                for alt in [Alternative::TwoSided, Alternative::Less, Alternative::Greater] {
                    if let Ok(t) = wilcoxon_signed_rank(&a, &b, alt, zm, WilcoxonMethod::Exact) {
                        prop_assert!(t.p_value > 0.0 && t.p_value <= 1.0);
                    }
                }
            }
        }

        #[test]
        fn power_grows_with_the_group_size(n in 2u64..500, d in 0.05..2.0f64) {
            let two = Alternative::TwoSided;
            let (small, large) = (
                power_two_means(d, n, n, 0.05, two).unwrap(),
                power_two_means(d, n + 10, n + 10, 0.05, two).unwrap(),
            );
            prop_assert!(small <= large + 1e-12 && large <= 1.0);
            let (small, large) = (
                power_two_proportions(0.5, 0.5 + d / 5.0, n, n, 0.05, two).unwrap(),
                power_two_proportions(0.5, 0.5 + d / 5.0, n + 10, n + 10, 0.05, two).unwrap(),
            );
            prop_assert!(small <= large + 1e-12);
        }
    }
}
