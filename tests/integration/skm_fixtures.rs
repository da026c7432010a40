//! The SKM report against independent reference values: `tests/fixtures/skm_reference.json`,
//! computed by `tests/fixtures/generate_skm.py` with numpy, scipy, pandas and pingouin (schema in
//! `tests/fixtures/README.md`).
//!
//! **Tolerance: 1e-10 relative** for every number, `|got − want| ≤ 1e-10 · max(1, |want|)`
//! (see [`close`]); counts are compared exactly and a `null` in the fixture must be `None` in
//! the crate. The one exception is pingouin's own alpha interval (`alpha_listwise_ci`), which
//! pingouin rounds to 3 decimals: it is compared within 5e-4, as the fixture's README says.
//!
//! Every case is scored with `report_with(&SkmOptions::default().with_level(level))` at the
//! case's level. The fixture's alpha intervals are always at `alpha_ci_level` (0.95), whatever
//! the case's level, while the crate's follow the report's level; so alpha intervals are
//! compared on a report at `alpha_ci_level`, and the case-level report is only checked to
//! carry the same alpha and an interval at its own level.

use layanan::prelude::*;
use layanan::stats::{CronbachAlpha, Interval};
use layanan::{Instrument, Level, SkmAnswers, SkmOptions, SkmReport, SkmTally};
use serde_json::Value;

/// The relative tolerance of every comparison with the fixture.
const REL: f64 = 1e-10;

/// pingouin rounds its alpha interval to 3 decimals.
const PINGOUIN_ROUNDING: f64 = 5e-4;

/// Asserts `|a − b| ≤ rel · max(1, |b|)`, `b` the reference value.
#[track_caller]
fn close(case: &str, field: &str, a: f64, b: f64, rel: f64) {
    let bound = rel * b.abs().max(1.0);
    assert!(
        a.is_finite() && (a - b).abs() <= bound,
        "{case}: {field}: got {a:e}, want {b:e} (|diff| = {:e} > {bound:e})",
        (a - b).abs()
    );
}

/// `None` for JSON `null`, the number otherwise.
#[track_caller]
fn num(case: &str, field: &str, v: &Value) -> Option<f64> {
    match v {
        Value::Null => None,
        other => Some(
            other
                .as_f64()
                .unwrap_or_else(|| panic!("{case}: {field}: not a number: {other}")),
        ),
    }
}

#[track_caller]
fn int(case: &str, field: &str, v: &Value) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("{case}: {field}: not a count: {v}"))
}

/// Both absent, or both present and [`close`].
#[track_caller]
fn close_opt(case: &str, field: &str, got: Option<f64>, want: Option<f64>) {
    match (got, want) {
        (None, None) => {}
        (Some(a), Some(b)) => close(case, field, a, b, REL),
        (got, want) => panic!("{case}: {field}: got {got:?}, want {want:?}"),
    }
}

/// An interval against a fixture `[lower, upper]` pair (either may be `null` together).
#[track_caller]
fn interval_matches(
    case: &str,
    field: &str,
    got: Option<Interval>,
    lower: Option<f64>,
    upper: Option<f64>,
    rel: f64,
) {
    match (got, lower, upper) {
        (None, None, None) => {}
        (Some(ci), Some(lo), Some(hi)) => {
            close(case, &format!("{field} lower"), ci.lower(), lo, rel);
            close(case, &format!("{field} upper"), ci.upper(), hi, rel);
        }
        (got, lo, hi) => panic!("{case}: {field}: got {got:?}, want [{lo:?}, {hi:?}]"),
    }
}

/// A `[lower, upper]` JSON array (or `null`) as two options.
#[track_caller]
fn pair(case: &str, field: &str, v: &Value) -> (Option<f64>, Option<f64>) {
    match v {
        Value::Null => (None, None),
        Value::Array(a) if a.len() == 2 => (num(case, field, &a[0]), num(case, field, &a[1])),
        other => panic!("{case}: {field}: not a [lower, upper] pair: {other}"),
    }
}

/// One fixture case, parsed, with its tally.
struct Case {
    json: Value,
    name: String,
    level: f64,
    rows: usize,
    tally: SkmTally,
}

impl Case {
    fn get(&self, field: &str) -> &Value {
        self.json
            .get(field)
            .unwrap_or_else(|| panic!("{}: no field `{field}`", self.name))
    }

    fn num(&self, field: &str) -> Option<f64> {
        num(&self.name, field, self.get(field))
    }

    fn report_at(&self, level: f64) -> SkmReport {
        let level = Level::new(level).expect("fixture level is in (0, 1)");
        self.tally
            .report_with(&SkmOptions::default().with_level(level))
            .unwrap_or_else(|e| panic!("{}: report failed: {e}", self.name))
    }

    /// The report at the case's own level.
    fn report(&self) -> SkmReport {
        self.report_at(self.level)
    }

    /// Every row answered every element.
    fn is_complete(&self) -> bool {
        int(&self.name, "complete_rows", self.get("complete_rows")) == self.rows as u64
    }
}

fn cases() -> Vec<Case> {
    let cases = crate::support::reference::group("skm_reference.json", "cases");
    cases
        .iter()
        .map(|json| {
            let name = json["name"].as_str().expect("case name").to_string();
            let k = int(&name, "k", &json["k"]);
            let instrument = match k {
                9 => Instrument::permenpanrb_14_2017(),
                14 => Instrument::kepmenpan_25_2004(),
                other => panic!("{name}: no built-in instrument with {other} elements"),
            };
            let level = num(&name, "level", &json["level"]).expect("case level");
            let answers = json["answers"].as_array().expect("answers");
            let mut tally = SkmTally::new(instrument.clone());
            for (r, row) in answers.iter().enumerate() {
                let values: Vec<Option<i64>> = row
                    .as_array()
                    .expect("a row is an array")
                    .iter()
                    .map(|v| match v {
                        Value::Null => None,
                        v => Some(v.as_i64().expect("an answer is an integer")),
                    })
                    .collect();
                assert_eq!(values.len() as u64, k, "{name}: row {r} length");
                let answers = SkmAnswers::from_values(&instrument, &values)
                    .unwrap_or_else(|e| panic!("{name}: row {r}: {e}"));
                tally
                    .push_answers(&answers)
                    .unwrap_or_else(|e| panic!("{name}: row {r}: {e}"));
            }
            Case {
                rows: answers.len(),
                json: json.clone(),
                name,
                level,
                tally,
            }
        })
        .collect()
}

#[test]
fn fixture_has_the_expected_cases() {
    let cases = cases();
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cases.len(), 16, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        assert!(!names[..i].contains(name), "case `{name}` appears twice");
    }
    for expected in [
        "single_respondent",
        "two_respondents",
        "all_fours_ten_respondents",
        "hand_five_with_blanks",
        "element_with_single_answer",
        "sparse_pairs_nij_below_2",
        "k14_instrument_2004_200",
        "latent_2000_blanks_4pct",
    ] {
        assert!(names.contains(&expected), "missing case `{expected}`");
    }
    // Levels other than 95 % are covered, and the 2004 instrument.
    assert!(cases.iter().any(|c| c.level == 0.90));
    assert!(cases.iter().any(|c| c.level == 0.99));
    assert!(cases.iter().any(|c| c.tally.instrument().len() == 14));
}

#[test]
fn respondents_and_complete_rows() {
    for case in cases() {
        let report = case.report();
        assert_eq!(report.respondents, case.rows as u64, "{}", case.name);
        let complete = int(&case.name, "complete_rows", case.get("complete_rows"));
        assert_eq!(report.complete_responses, complete, "{}", case.name);
        assert_eq!(report.elements.len(), case.tally.instrument().len());
    }
}

#[test]
fn elements_match() {
    let mut checked = 0;
    for case in cases() {
        let report = case.report();
        let want = case.get("elements").as_array().expect("elements");
        assert_eq!(report.elements.len(), want.len(), "{}", case.name);
        for (i, (got, want)) in report.elements.iter().zip(want).enumerate() {
            let field = |f: &str| format!("element {} ({}) {f}", i + 1, got.key);
            let n = int(&case.name, "n", &want["n"]);
            assert_eq!(got.n, n, "{}: {}", case.name, field("n"));
            assert_eq!(got.counts.iter().sum::<u64>(), n, "{}", case.name);
            let sum: u64 = (1..=4).zip(got.counts).map(|(v, c)| v * c).sum();
            assert_eq!(
                sum,
                int(&case.name, "sum", &want["sum"]),
                "{}: {}",
                case.name,
                field("sum (from counts)")
            );
            let nrr = num(&case.name, "nrr", &want["nrr"]).expect("nrr");
            close(&case.name, &field("nrr"), got.nrr, nrr, REL);
            close(&case.name, &field("ikm"), got.ikm, 25.0 * nrr, REL);
            close_opt(
                &case.name,
                &field("sd"),
                got.sd,
                num(&case.name, "sd", &want["sd"]),
            );
            interval_matches(
                &case.name,
                &field("interval"),
                got.interval,
                // scipy's t interval, held within the answers' scale 1–4.
                num(&case.name, "ci_lower", &want["ci_lower"]).map(|x| x.clamp(1.0, 4.0)),
                num(&case.name, "ci_upper", &want["ci_upper"]).map(|x| x.clamp(1.0, 4.0)),
                REL,
            );
            if let Some(ci) = got.interval {
                assert_eq!(ci.level().get(), case.level, "{}", case.name);
                assert_eq!(ci.estimate(), got.nrr, "{}", case.name);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 15 * 9 + 14);
}

#[test]
fn index_ikm_and_interval_match() {
    for case in cases() {
        let report = case.report();
        let name = case.name.as_str();
        close(
            name,
            "index",
            report.index,
            case.num("index").expect("index"),
            REL,
        );
        let nik = case.num("nik").expect("nik");
        close(name, "ikm (nik)", report.ikm, nik, REL);
        // The printed IKM is the NIK rounded to 2 decimals.
        assert!(
            (report.ikm_rounded - nik).abs() <= 0.005 + 1e-9,
            "{name}: ikm_rounded {} vs nik {nik}",
            report.ikm_rounded
        );
        assert_eq!(
            report.mutu,
            case.tally
                .instrument()
                .bands()
                .grade((report.ikm_rounded * 100.0).round() as u32),
            "{name}"
        );
        interval_matches(
            name,
            "nik interval",
            report.interval,
            // The reference t interval, held within the IKM's scale 25–100.
            case.num("nik_ci_lower").map(|x| x.clamp(25.0, 100.0)),
            case.num("nik_ci_upper").map(|x| x.clamp(25.0, 100.0)),
            REL,
        );
        // nik_var and nik_df are null together with the interval.
        assert_eq!(
            report.interval.is_none(),
            case.num("nik_var").is_none(),
            "{name}"
        );
        assert_eq!(
            report.interval.is_none(),
            case.get("nik_df").is_null(),
            "{name}"
        );
        if let Some(ci) = report.interval {
            assert_eq!(ci.estimate(), report.ikm, "{name}");
            assert_eq!(ci.level().get(), case.level, "{name}");
            // nik_var enters only through the bounds checked above; a zero variance must give
            // a zero-width interval (all_fours_ten_respondents).
            if case.num("nik_var") == Some(0.0) {
                assert_eq!(ci.lower(), ci.upper(), "{name}");
            }
        }
        // Without blanks the interval is the t interval of the respondents' own scores.
        if let Some(check) = case.json.get("composite_check").filter(|c| !c.is_null()) {
            let mean = num(name, "composite_check.mean", &check["mean"]).expect("mean");
            close(name, "composite_check.mean", report.ikm, mean, REL);
            interval_matches(
                name,
                "composite_check interval",
                report.interval,
                num(name, "composite_check.ci_lower", &check["ci_lower"])
                    .map(|x| x.clamp(25.0, 100.0)),
                num(name, "composite_check.ci_upper", &check["ci_upper"])
                    .map(|x| x.clamp(25.0, 100.0)),
                REL,
            );
        }
    }
}

/// The alpha of a report, `None` where the fixture has `null`.
#[track_caller]
fn alpha_matches(case: &str, field: &str, got: Option<CronbachAlpha>, want: Option<f64>) {
    close_opt(case, field, got.map(|a| a.alpha()), want);
}

#[test]
fn alpha_listwise_matches() {
    let mut intervals = 0;
    for case in cases() {
        let name = case.name.as_str();
        let complete = int(name, "complete_rows", case.get("complete_rows"));
        let want = case.num("alpha_listwise");

        // At the case's level: the same α, an interval at that level.
        let report = case.report();
        alpha_matches(name, "alpha (listwise)", report.alpha, want);
        if let Some(a) = report.alpha {
            assert_eq!(
                a.respondents(),
                complete,
                "{name}: listwise α uses complete rows"
            );
            assert_eq!(a.items(), case.tally.instrument().len(), "{name}");
            let ci = a.interval().expect("a defined α has a Feldt interval");
            assert_eq!(ci.level().get(), case.level, "{name}");
            assert_eq!(ci.estimate(), a.alpha(), "{name}");
        }

        // At the fixture's alpha level: the textbook Feldt interval on the complete rows.
        let alpha_level = case.num("alpha_ci_level").expect("alpha_ci_level");
        assert_eq!(alpha_level, 0.95, "{name}");
        let report = case.report_at(alpha_level);
        alpha_matches(name, "alpha (listwise, 95 %)", report.alpha, want);
        let (lo, hi) = pair(
            name,
            "alpha_listwise_ci_n_complete",
            case.get("alpha_listwise_ci_n_complete"),
        );
        let got = report.alpha.and_then(|a| a.interval());
        interval_matches(name, "alpha (listwise) Feldt interval", got, lo, hi, REL);
        if got.is_some() {
            intervals += 1;
        }
        // pingouin's own (rounded) interval uses n = all rows: the same only without blanks.
        if case.is_complete() {
            let (lo, hi) = pair(name, "alpha_listwise_ci", case.get("alpha_listwise_ci"));
            interval_matches(
                name,
                "pingouin alpha interval",
                got,
                lo,
                hi,
                PINGOUIN_ROUNDING,
            );
        }
        if case.level == alpha_level {
            assert_eq!(case.report().alpha, report.alpha, "{name}");
        }
    }
    assert_eq!(intervals, 12);
}

#[test]
fn alpha_pairwise_matches() {
    let (mut complete_checked, mut derived_checked, mut not_psd) = (0, 0, 0);
    for case in cases() {
        let name = case.name.as_str();
        // Where the pairwise covariances are not positive semi-definite (numpy's eigenvalues,
        // `alpha_pairwise_psd`), the crate reports no pairwise α; pingouin still gives one
        // (issue 15, item 4).
        let psd = case
            .get("alpha_pairwise_psd")
            .as_bool()
            .unwrap_or_else(|| panic!("{name}: alpha_pairwise_psd"));
        let want = if psd {
            case.num("alpha_pairwise")
        } else {
            not_psd += 1;
            None
        };
        let report = case.report();
        alpha_matches(name, "alpha_pairwise", report.alpha_pairwise, want);
        if let Some(a) = report.alpha_pairwise {
            assert_eq!(
                a.respondents(),
                case.rows as u64,
                "{name}: pairwise α uses all rows"
            );
            let ci = a.interval().expect("a defined α has a Feldt interval");
            assert_eq!(ci.level().get(), case.level, "{name}");
        }

        let alpha_level = case.num("alpha_ci_level").expect("alpha_ci_level");
        let report = case.report_at(alpha_level);
        let got = report.alpha_pairwise.and_then(|a| a.interval());
        let (lo, hi) = pair(
            name,
            "alpha_listwise_ci_unrounded",
            case.get("alpha_listwise_ci_unrounded"),
        );
        if case.is_complete() {
            // Without blanks pairwise = listwise, and both use n = all rows.
            close_opt(
                name,
                "alpha_pairwise = alpha_listwise",
                want,
                case.num("alpha_listwise"),
            );
            interval_matches(name, "alpha (pairwise) Feldt interval", got, lo, hi, REL);
            if got.is_some() {
                complete_checked += 1;
            }
        } else if let (Some(a_lw), Some(a_pw), Some(lo), Some(hi)) =
            (case.num("alpha_listwise"), want, lo, hi)
        {
            // With blanks: pingouin's interval at n = all rows is 1 − (1 − α)·F, with F the
            // same two F quantiles for both α's, so recover them from the listwise interval.
            let f_hi = (1.0 - lo) / (1.0 - a_lw);
            let f_lo = (1.0 - hi) / (1.0 - a_lw);
            let ci = got.unwrap_or_else(|| panic!("{name}: no pairwise α interval"));
            close(
                name,
                "alpha (pairwise) lower",
                ci.lower(),
                1.0 - (1.0 - a_pw) * f_hi,
                REL,
            );
            close(
                name,
                "alpha (pairwise) upper",
                ci.upper(),
                1.0 - (1.0 - a_pw) * f_lo,
                REL,
            );
            derived_checked += 1;
        }
    }
    assert_eq!((complete_checked, derived_checked, not_psd), (7, 4, 2));
}

#[test]
fn alpha_standardized_matches() {
    let mut checked = 0;
    for case in cases() {
        let got = case.report().alpha.and_then(|a| a.standardized());
        let want = case.num("alpha_standardized");
        close_opt(&case.name, "alpha_standardized", got, want);
        checked += usize::from(want.is_some());
    }
    assert_eq!(checked, 10);
}

/// Where the fixture has no interval (one respondent; an element answered once) the crate still
/// scores the survey: the NIK is defined, only its uncertainty is not.
#[test]
fn undefined_intervals_are_none_not_errors() {
    for case in cases() {
        if !["single_respondent", "element_with_single_answer"].contains(&case.name.as_str()) {
            continue;
        }
        let report = case
            .tally
            .report()
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert!(report.interval.is_none(), "{}", case.name);
        assert!(report.alpha.is_none(), "{}", case.name);
        assert!(report.alpha_pairwise.is_none(), "{}", case.name);
        let once: Vec<_> = report.elements.iter().filter(|e| e.n == 1).collect();
        assert!(!once.is_empty(), "{}", case.name);
        for e in once {
            assert_eq!((e.sd, e.interval), (None, None), "{}: {}", case.name, e.key);
        }
    }
}
