//! Checks shared by the fuzz targets: what every report must satisfy, whatever the input.
//!
//! Each `check_*` function panics (so libFuzzer records a crash) when a report breaks a
//! property that holds for every valid input: scores finite and in their range, intervals
//! ordered, counts consistent.

use layanan::{
    ComplaintReport, CostReport, EmpathyReport, ExcellenceIndex, GroupReport, Interval, NpsReport,
    ScorecardReport, Share, SkmReport, SpeedReport, Summary,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Slack for floating comparisons of values that are equal in exact arithmetic.
const EPS: f64 = 1e-9;

fn finite(what: &str, x: f64) {
    assert!(x.is_finite(), "{what} is not finite: {x}");
}

fn within(what: &str, x: f64, lo: f64, hi: f64) {
    finite(what, x);
    let slack = EPS * (1.0 + lo.abs().max(hi.abs()));
    assert!(
        x >= lo - slack && x <= hi + slack,
        "{what} = {x} is outside {lo}..={hi}"
    );
}

fn ordered(what: &str, a: f64, b: f64) {
    let slack = EPS * (1.0 + a.abs().max(b.abs()));
    assert!(a <= b + slack, "{what}: {a} > {b}");
}

/// Finite, `lower ≤ estimate ≤ upper`, with the estimate and the bounds in `lo..=hi` when given.
pub fn check_interval(what: &str, ci: &Interval, range: Option<(f64, f64)>) {
    finite(&format!("{what} estimate"), ci.estimate());
    finite(&format!("{what} lower"), ci.lower());
    finite(&format!("{what} upper"), ci.upper());
    ordered(
        &format!("{what} lower ≤ estimate"),
        ci.lower(),
        ci.estimate(),
    );
    ordered(
        &format!("{what} estimate ≤ upper"),
        ci.estimate(),
        ci.upper(),
    );
    if let Some((lo, hi)) = range {
        within(&format!("{what} estimate"), ci.estimate(), lo, hi);
        within(&format!("{what} lower"), ci.lower(), lo, hi);
        within(&format!("{what} upper"), ci.upper(), lo, hi);
    }
}

/// `count ≤ of`, `of > 0`, the rate is `count / of` and its interval lies in 0–1.
pub fn check_share(what: &str, share: &Share) {
    assert!(share.of > 0, "{what}: share of 0");
    assert!(
        share.count <= share.of,
        "{what}: {} of {}",
        share.count,
        share.of
    );
    check_interval(what, &share.interval, Some((0.0, 1.0)));
    let exact = share.count as f64 / share.of as f64;
    within(&format!("{what} rate"), share.rate(), exact, exact);
}

/// Finite, `median ≤ p90 ≤ p95 ≤ max`, `mean ≤ max`, `sd ≥ 0`; all ≥ 0 when `non_negative`.
pub fn check_summary(what: &str, s: &Summary, non_negative: bool) {
    assert!(s.n > 0, "{what}: summary of nothing");
    for (name, x) in [
        ("mean", s.mean),
        ("median", s.median),
        ("p90", s.p90),
        ("p95", s.p95),
        ("max", s.max),
    ] {
        finite(&format!("{what} {name}"), x);
        if non_negative {
            assert!(x >= 0.0, "{what} {name} = {x} is negative");
        }
    }
    ordered(&format!("{what} median ≤ p90"), s.median, s.p90);
    ordered(&format!("{what} p90 ≤ p95"), s.p90, s.p95);
    ordered(&format!("{what} p95 ≤ max"), s.p95, s.max);
    ordered(&format!("{what} mean ≤ max"), s.mean, s.max);
    if let Some(sd) = s.sd {
        finite(&format!("{what} sd"), sd);
        assert!(sd >= 0.0, "{what} sd = {sd}");
    }
}

/// A 0–100 score and its interval.
fn check_score(what: &str, score: Option<f64>, interval: Option<&Interval>) {
    if let Some(score) = score {
        within(what, score, 0.0, 100.0);
    }
    if let Some(ci) = interval {
        check_interval(what, ci, Some((0.0, 100.0)));
        if let Some(score) = score {
            within(
                &format!("{what} = interval estimate"),
                ci.estimate(),
                score,
                score,
            );
        }
    }
}

/// Index 1–4, IKM 25–100 = index × 25, elements' NRRs 1–4, counts consistent.
pub fn check_skm(r: &SkmReport) {
    assert!(
        r.complete_responses <= r.respondents,
        "complete > respondents"
    );
    within("SKM index", r.index, 1.0, 4.0);
    within("IKM", r.ikm, 25.0, 100.0);
    within("IKM = 25 × index", r.ikm, 25.0 * r.index, 25.0 * r.index);
    within("IKM rounded", r.ikm_rounded, 25.0, 100.0);
    assert!((r.ikm_rounded - r.ikm).abs() <= 0.005 + EPS, "IKM rounding");
    if let Some(ci) = &r.interval {
        check_interval("IKM", ci, None);
    }
    for e in &r.elements {
        assert!(
            e.n <= r.respondents,
            "element {} answered {} times",
            e.key,
            e.n
        );
        assert_eq!(
            e.counts.iter().sum::<u64>(),
            e.n,
            "element {} counts",
            e.key
        );
        if e.n > 0 {
            within(&format!("NRR {}", e.key), e.nrr, 1.0, 4.0);
        }
        finite(&format!("weighted NRR {}", e.key), e.weighted_nrr);
        if let Some(sd) = e.sd {
            finite(&format!("sd {}", e.key), sd);
        }
        if let Some(ci) = &e.interval {
            check_interval(&format!("NRR {}", e.key), ci, None);
        }
    }
    for alpha in [&r.alpha, &r.alpha_pairwise].into_iter().flatten() {
        assert!(
            alpha.alpha() <= 1.0 + EPS,
            "Cronbach's alpha {} > 1",
            alpha.alpha()
        );
        assert!(!alpha.alpha().is_nan(), "Cronbach's alpha is NaN");
        if let Some(ci) = alpha.interval() {
            check_interval("alpha", &ci, None);
        }
    }
    if let Some(p) = &r.printed {
        finite("printed index", p.index);
        finite("printed IKM", p.ikm);
        finite("printed IKM rounded", p.ikm_rounded);
    }
}

/// Shares, summaries, Apdex 0–1 and the 0–100 score.
pub fn check_speed(r: &SpeedReport) {
    assert!(r.unfinished <= r.visits, "unfinished > visits");
    assert!(r.no_standard <= r.visits, "no standard > visits");
    for (name, s) in [
        ("wait", &r.wait),
        ("service", &r.service),
        ("turnaround", &r.turnaround),
        ("working days", &r.working_days),
    ] {
        if let Some(s) = s {
            check_summary(name, s, true);
        }
    }
    if let Some(s) = &r.within_standard {
        check_share("within standard", s);
    }
    if let Some(s) = &r.within_wait_target {
        check_share("within wait target", s);
    }
    if let Some(a) = r.apdex {
        within("Apdex", a, 0.0, 1.0);
    }
    check_score("speed score", r.score, r.score_interval.as_ref());
}

/// Shares, excess and the 0–100 score.
pub fn check_cost(r: &CostReport) {
    assert!(r.not_judged <= r.visits, "not judged > visits");
    for (name, s) in [
        ("compliant", &r.compliant),
        ("overcharged", &r.overcharged),
        ("free service violations", &r.free_service_violations),
        ("underpaid", &r.underpaid),
    ] {
        if let Some(s) = s {
            check_share(name, s);
        }
    }
    for (name, x) in [
        ("excess mean", r.excess_mean),
        ("excess median", r.excess_median),
    ] {
        if let Some(x) = x {
            finite(name, x);
            assert!(x > 0.0, "{name} = {x}, yet only overcharges are counted");
        }
    }
    check_score("cost score", r.score, r.score_interval.as_ref());
}

/// NRRs 1–4, the 0–100 score and its standard error.
pub fn check_empathy(r: &EmpathyReport) {
    if let Some(ci) = &r.courtesy_nrr {
        check_interval("courtesy NRR", ci, None);
        within("courtesy NRR", ci.estimate(), 1.0, 4.0);
    }
    if let Some(ci) = &r.complaint_handling_nrr {
        check_interval("complaint handling NRR", ci, None);
        within("complaint handling NRR", ci.estimate(), 1.0, 4.0);
    }
    if let Some(ci) = &r.servqual_gap {
        check_interval("SERVQUAL gap", ci, None);
    }
    if let Some(ci) = &r.score {
        check_interval("empathy score", ci, None);
        within("empathy score", ci.estimate(), 0.0, 100.0);
    }
    if let Some(se) = r.score_standard_error {
        finite("empathy standard error", se);
        assert!(se >= 0.0, "empathy standard error {se}");
    }
    assert_eq!(
        r.score.is_some(),
        r.score_source.is_some(),
        "score without source"
    );
}

/// Counts consistent, on-time share, non-negative hours.
pub fn check_complaints(r: &ComplaintReport) {
    assert!(r.responded <= r.filed, "responded > filed");
    assert!(r.resolved <= r.filed, "resolved > filed");
    assert_eq!(r.unresolved, r.filed - r.resolved, "unresolved");
    if let Some(s) = &r.resolved_within_target {
        check_share("resolved within target", s);
        assert!(s.count <= r.resolved, "on time > resolved");
        assert_eq!(s.of, r.filed, "on time is of all filed");
    }
    for (name, s) in [
        ("first response hours", &r.first_response_hours),
        ("resolution hours", &r.resolution_hours),
    ] {
        if let Some(s) = s {
            check_summary(name, s, true);
        }
    }
}

/// Promoters + passives + detractors = n, NPS −100–100.
pub fn check_nps(r: &NpsReport) {
    assert!(r.n > 0, "NPS of nothing");
    assert_eq!(
        r.promoters
            .checked_add(r.passives)
            .and_then(|x| x.checked_add(r.detractors)),
        Some(r.n),
        "NPS categories"
    );
    within("NPS", r.nps, -100.0, 100.0);
    finite("NPS standard error", r.standard_error);
    assert!(r.standard_error >= 0.0, "NPS standard error");
    check_interval("NPS", &r.interval, Some((-100.0, 100.0)));
}

/// The index 0–100, its components 0–100.
pub fn check_excellence(x: &ExcellenceIndex) {
    check_interval("excellence index", &x.index, Some((0.0, 100.0)));
    for (dimension, score) in &x.components {
        within(
            &format!("excellence component {dimension}"),
            *score,
            0.0,
            100.0,
        );
    }
    let weakest = x
        .components
        .iter()
        .find(|(d, _)| *d == x.weakest)
        .map(|(_, s)| *s);
    if let Some(weakest) = weakest {
        for (_, score) in &x.components {
            ordered("weakest component", weakest, *score);
        }
    }
}

/// Every report of a group.
pub fn check_group(g: &GroupReport) {
    if let Some(r) = &g.speed {
        check_speed(r);
    }
    if let Some(r) = &g.cost {
        check_cost(r);
    }
    if let Some(r) = &g.empathy {
        check_empathy(r);
    }
    if let Some(r) = &g.nps {
        check_nps(r);
    }
    if let Some(r) = &g.skm {
        check_skm(r);
    }
    if let Some(x) = &g.excellence {
        check_excellence(x);
    }
}

/// Overall, each unit and each service.
pub fn check_scorecard(r: &ScorecardReport) {
    check_group(&r.overall);
    for g in r.by_unit.values().chain(r.by_service.values()) {
        check_group(g);
        assert!(
            g.visits <= r.overall.visits,
            "a group has more visits than the whole"
        );
    }
}

/// Serialises `value`, reads it back, and asserts the copy equals the original and serialises
/// to the same bytes.
pub fn round_trip<T>(value: &T)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_vec(value).expect("a deserialised value serialises");
    let back: T = match serde_json::from_slice(&json) {
        Ok(back) => back,
        Err(e) => panic!(
            "serialised form does not read back: {e}\n{}",
            String::from_utf8_lossy(&json)
        ),
    };
    assert_eq!(&back, value, "round trip changed the value");
    let again = serde_json::to_vec(&back).expect("serialises");
    assert_eq!(json, again, "round trip changed the serialised form");
}

/// Asserts two serialisable values are equal: integers exactly, floats within a relative
/// `tolerance` (sums taken in another order differ in the last bits), everything else exactly.
pub fn assert_close<T: Serialize>(what: &str, a: &T, b: &T, tolerance: f64) {
    let a = serde_json::to_value(a).expect("serialises");
    let b = serde_json::to_value(b).expect("serialises");
    close_value(what, &a, &b, tolerance);
}

fn close_value(path: &str, a: &Value, b: &Value, tolerance: f64) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x.is_f64() || y.is_f64() {
                let (x, y) = (
                    x.as_f64().unwrap_or(f64::NAN),
                    y.as_f64().unwrap_or(f64::NAN),
                );
                let scale = 1.0_f64.max(x.abs()).max(y.abs());
                assert!(
                    (x - y).abs() <= tolerance * scale,
                    "{path}: {x} != {y} (beyond {tolerance})"
                );
            } else {
                assert_eq!(x, y, "{path}: counts differ");
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}: lengths differ");
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                close_value(&format!("{path}[{i}]"), x, y, tolerance);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(
                x.keys().collect::<Vec<_>>(),
                y.keys().collect::<Vec<_>>(),
                "{path}: fields differ"
            );
            for (k, x) in x {
                close_value(&format!("{path}.{k}"), x, &y[k], tolerance);
            }
        }
        _ => assert_eq!(a, b, "{path} differs"),
    }
}
