//! Checks shared by the fuzz targets: what every report must satisfy, whatever the input.
//!
//! Each `check_*` function panics (so libFuzzer records a crash) when a report breaks a
//! property that holds for every valid input: numbers finite and in their range, intervals
//! ordered, counts consistent with each other. The `check_*_agree` functions add relations
//! that hold between the parts of a tally that was pushed (not read back from elsewhere).

use layanan::compare::{Comparison, Measure, PeriodComparison, Verdict};
use layanan::cx::{CesReport, CsatReport, NpsReport};
use layanan::empathy::{EmpathyReport, SkmElementScore};
use layanan::promises::{Promise, PromiseReport, Weakest};
use layanan::{
    BreakdownReport, ComplaintReport, CostReport, Coverage, Interval, ScorecardReport, Share,
    SkmReport, SpeedReport, Summary,
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

fn close(what: &str, x: f64, y: f64) {
    within(what, x, y, y);
}

fn ordered(what: &str, a: f64, b: f64) {
    let slack = EPS * (1.0 + a.abs().max(b.abs()));
    assert!(a <= b + slack, "{what}: {a} > {b}");
}

/// Finite, `lower ≤ upper`, `lower ≤ estimate ≤ upper` for every method that holds its
/// estimate (a Beta posterior's equal-tailed interval at a low level, say, need not hold its
/// mean), with the estimate and the bounds in `lo..=hi` when given.
pub fn check_interval(what: &str, ci: &Interval, range: Option<(f64, f64)>) {
    finite(&format!("{what} estimate"), ci.estimate());
    finite(&format!("{what} lower"), ci.lower());
    finite(&format!("{what} upper"), ci.upper());
    ordered(&format!("{what} lower ≤ upper"), ci.lower(), ci.upper());
    if ci.method().contains_estimate() {
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
    }
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
    close(
        &format!("{what} rate"),
        share.rate(),
        share.count as f64 / share.of as f64,
    );
}

/// A share that exists exactly when its denominator is positive, and then is `count` of `of`.
fn share_of(what: &str, share: Option<&Share>, count: u64, of: u64) {
    match share {
        Some(s) => {
            check_share(what, s);
            assert_eq!((s.count, s.of), (count, of), "{what}");
        }
        None => assert_eq!(of, 0, "{what}: no share, yet {count} of {of}"),
    }
}

/// The count of a share that may be absent (0 then).
fn count(share: Option<&Share>) -> u64 {
    share.map_or(0, |s| s.count)
}

fn check_coverage(what: &str, c: &Coverage, judged: u64, of: u64) {
    assert_eq!((c.judged, c.of), (judged, of), "{what} coverage");
    within(&format!("{what} coverage share"), c.share(), 0.0, 1.0);
}

/// Finite, `median ≤ p90 ≤ p95 ≤ max`, `mean ≤ max`, `sd ≥ 0`; every value ≥ 0 (durations,
/// amounts).
pub fn check_summary(what: &str, s: &Summary) {
    assert!(s.n > 0, "{what}: summary of nothing");
    for (name, x) in [
        ("mean", s.mean),
        ("median", s.median),
        ("p90", s.p90),
        ("p95", s.p95),
        ("max", s.max),
    ] {
        finite(&format!("{what} {name}"), x);
        assert!(x >= 0.0, "{what} {name} = {x} is negative");
    }
    ordered(&format!("{what} median ≤ p90"), s.median, s.p90);
    ordered(&format!("{what} p90 ≤ p95"), s.p90, s.p95);
    ordered(&format!("{what} p95 ≤ max"), s.p95, s.max);
    ordered(&format!("{what} mean ≤ max"), s.mean, s.max);
    if let Some(sd) = s.sd {
        finite(&format!("{what} sd"), sd);
        assert!(sd >= 0.0, "{what} sd = {sd}");
    }
    assert_eq!(s.sd.is_some(), s.n >= 2, "{what}: sd with n = {}", s.n);
}

fn summary_n(s: &Option<Summary>) -> u64 {
    s.as_ref().map_or(0, |s| s.n)
}

/// Index 1–4, IKM 25–100 = 25 × index, elements' NRRs 1–4 with their intervals, counts
/// consistent, the follow-up list the elements from the lowest NRR up.
pub fn check_skm(r: &SkmReport) {
    assert!(r.respondents > 0, "SKM report without respondents");
    assert!(
        r.complete_responses <= r.respondents,
        "complete > respondents"
    );
    within("SKM index", r.index, 1.0, 4.0);
    within("IKM", r.ikm, 25.0, 100.0);
    close("IKM = 25 × index", r.ikm, 25.0 * r.index);
    within("IKM rounded", r.ikm_rounded, 25.0, 100.0);
    assert!(
        (r.ikm_rounded - r.ikm).abs() <= 0.005 + EPS,
        "IKM rounded {} from {}",
        r.ikm_rounded,
        r.ikm
    );
    if let Some(ci) = &r.interval {
        check_interval("IKM", ci, Some((25.0, 100.0)));
        close("IKM interval estimate", ci.estimate(), r.ikm);
    }
    assert_eq!(r.interval.is_some(), r.standard_error.is_some(), "IKM SE");
    assert_eq!(r.interval.is_some(), r.df.is_some(), "IKM df");
    if let Some(se) = r.standard_error {
        finite("IKM standard error", se);
        assert!(se >= 0.0, "IKM standard error {se}");
    }
    if let Some(df) = r.df {
        assert!(df >= 1.0 && df.fract() == 0.0, "IKM df {df}");
    }
    if let Some(fpc) = r.finite_population_correction {
        within("finite-population correction", fpc, 0.0, 1.0);
    }
    assert!(!r.elements.is_empty(), "SKM report without elements");
    let mut weights = 0.0;
    let mut index = 0.0;
    for e in &r.elements {
        let what = format!("element {}", e.key);
        assert!(e.n > 0, "{what} scored without answers");
        assert!(e.n <= r.respondents, "{what} answered {} times", e.n);
        assert_eq!(e.counts.iter().sum::<u64>(), e.n, "{what} counts");
        within(&format!("NRR {}", e.key), e.nrr, 1.0, 4.0);
        let sum: f64 = (1..=4)
            .zip(e.counts)
            .map(|(v, c)| v as f64 * c as f64)
            .sum();
        close(
            &format!("NRR {} = mean answer", e.key),
            e.nrr,
            sum / e.n as f64,
        );
        close(&format!("{what} IKM"), e.ikm, 25.0 * e.nrr);
        close(
            &format!("{what} weighted NRR"),
            e.weighted_nrr,
            e.nrr * e.weight.to_f64(),
        );
        assert_eq!(e.sd.is_some(), e.n >= 2, "{what} sd");
        assert_eq!(e.interval.is_some(), e.n >= 2, "{what} interval");
        if let Some(sd) = e.sd {
            finite(&format!("{what} sd"), sd);
            assert!(sd >= 0.0, "{what} sd {sd}");
        }
        if let Some(ci) = &e.interval {
            check_interval(&format!("NRR {}", e.key), ci, Some((1.0, 4.0)));
            close(&format!("{what} interval estimate"), ci.estimate(), e.nrr);
        }
        weights += e.weight.to_f64();
        index += e.weighted_nrr;
    }
    close("weights of the scored elements", weights, 1.0);
    close("index = Σ weighted NRRs", r.index, index);
    // The follow-up list: every scored element once, lowest NRR first.
    assert_eq!(r.follow_up.len(), r.elements.len(), "follow-up list");
    let nrr = |key: &String| {
        r.elements
            .iter()
            .find(|e| &e.key == key)
            .map(|e| e.nrr)
            .unwrap_or_else(|| panic!("follow-up names `{key}`, not scored"))
    };
    for pair in r.follow_up.windows(2) {
        assert_ne!(pair[0], pair[1], "follow-up lists an element twice");
        ordered("follow-up order", nrr(&pair[0]), nrr(&pair[1]));
    }
    for key in &r.left_out {
        assert!(
            r.elements.iter().all(|e| &e.key != key),
            "`{key}` both left out and scored"
        );
    }
    for alpha in [&r.alpha, &r.alpha_pairwise].into_iter().flatten() {
        assert!(!alpha.alpha().is_nan(), "Cronbach's alpha is NaN");
        assert!(
            alpha.alpha() <= 1.0 + EPS,
            "Cronbach's alpha {} > 1",
            alpha.alpha()
        );
        if let Some(ci) = alpha.interval() {
            check_interval("alpha", &ci, None);
        }
    }
    if let Some(p) = &r.printed {
        finite("printed index", p.index);
        assert!(p.index >= 0.0, "printed index {}", p.index);
        close("printed IKM = 25 × index", p.ikm, 25.0 * p.index);
        finite("printed IKM rounded", p.ikm_rounded);
    }
    if let Some(s) = &r.sample {
        assert_eq!(s.respondents, r.respondents, "sample respondents");
        assert_eq!(s.met, s.respondents >= s.required, "sample met");
        assert!(s.required <= s.population, "sample larger than population");
    }
}

/// Every visit on time, late, pending or without a standard; shares, summaries and Apdex
/// consistent with the counts.
pub fn check_speed(r: &SpeedReport) {
    assert!(r.visits > 0, "speed report without visits");
    assert_eq!(r.finished + r.unfinished, r.visits, "finished + unfinished");
    assert_eq!(
        [r.on_time, r.late, r.pending, r.no_standard]
            .iter()
            .map(|&c| u128::from(c))
            .sum::<u128>(),
        u128::from(r.visits),
        "on time + late + pending + no standard = visits"
    );
    assert!(r.late_unfinished <= r.late, "late unfinished > late");
    assert!(
        r.late_unfinished + r.pending <= r.unfinished,
        "open visits judged > unfinished"
    );
    share_of(
        "on time",
        r.on_time_share.as_ref(),
        r.on_time,
        r.on_time + r.late,
    );
    check_coverage("speed", &r.coverage, r.on_time + r.late, r.visits);
    for (name, s) in [
        ("wait", &r.wait),
        ("service", &r.service),
        ("turnaround", &r.turnaround),
        ("working days", &r.working_days),
    ] {
        if let Some(s) = s {
            check_summary(name, s);
        }
    }
    assert!(summary_n(&r.wait) <= r.visits, "more waits than visits");
    assert!(
        summary_n(&r.service) <= r.finished,
        "more service times than finished visits"
    );
    assert!(
        summary_n(&r.turnaround) + summary_n(&r.working_days) <= r.finished,
        "more turnarounds than finished visits"
    );
    if let Some(s) = &r.within_wait_target {
        check_share("within wait target", s);
    }
    if let Some(a) = &r.apdex {
        assert!(a.satisfied + a.tolerating <= a.n, "Apdex counts");
        assert_eq!(a.n, summary_n(&r.turnaround), "Apdex of the turnarounds");
        within("Apdex", a.score, 0.0, 1.0);
        close(
            "Apdex score",
            a.score,
            (a.satisfied as f64 + a.tolerating as f64 / 2.0) / a.n as f64,
        );
    }
}

/// Every visit judged or counted as not judged; the shares of the judged add up; the excess
/// positive where there was an overcharge.
pub fn check_cost(r: &CostReport) {
    assert!(r.visits > 0, "cost report without visits");
    let judged = r.coverage.judged;
    check_coverage("cost", &r.coverage, judged, r.visits);
    assert_eq!(
        u128::from(judged)
            + u128::from(r.no_standard)
            + u128::from(r.no_payment)
            + u128::from(r.no_assessed_fee),
        u128::from(r.visits),
        "judged + not judged = visits"
    );
    let overcharged = count(r.overcharged.as_ref());
    let exact = count(r.correctly_charged.as_ref());
    let waived = count(r.waived.as_ref());
    share_of("overcharged", r.overcharged.as_ref(), overcharged, judged);
    share_of(
        "correctly charged",
        r.correctly_charged.as_ref(),
        exact,
        judged,
    );
    share_of("waived", r.waived.as_ref(), waived, judged);
    share_of(
        "not overcharged",
        r.not_overcharged.as_ref(),
        judged - overcharged,
        judged,
    );
    assert_eq!(
        overcharged + exact + waived,
        judged,
        "overcharged + exact + waived = judged"
    );
    if let Some(s) = &r.free_service_violations {
        check_share("free service violations", s);
        assert!(
            s.count <= overcharged,
            "free-service violations > overcharges"
        );
    }
    assert!(r.fee_above_tariff <= r.visits, "fee above tariff > visits");
    assert!(
        r.assessed_above_ceiling <= r.visits,
        "assessed above ceiling > visits"
    );
    let excess = r.excess_total.units();
    assert_eq!(
        overcharged > 0,
        excess > 0,
        "excess {excess} with {overcharged} overcharges"
    );
    assert_eq!(r.excess_mean.is_some(), overcharged > 0, "excess mean");
    assert_eq!(r.excess_median.is_some(), overcharged > 0, "excess median");
    if let Some(mean) = r.excess_mean {
        finite("excess mean", mean);
        assert!(
            mean >= 1.0,
            "excess mean {mean}, yet only overcharges count"
        );
        close(
            "excess mean × overcharges",
            mean * overcharged as f64,
            excess as f64,
        );
    }
    if let Some(median) = r.excess_median {
        assert!(median.units() >= 1, "excess median 0");
        assert!(
            u128::from(median.units()) <= excess,
            "median excess > total"
        );
    }
    assert!(
        r.waived_total.units() >= u128::from(waived),
        "waived total below one unit per waiver"
    );
    assert_eq!(waived > 0, r.waived_total.units() > 0, "waived total");
}

fn check_element_score(what: &str, s: &SkmElementScore) {
    assert!(s.n > 0, "{what} without answers");
    assert_eq!(s.counts.iter().sum::<u64>(), s.n, "{what} counts");
    within(&format!("{what} NRR"), s.nrr, 1.0, 4.0);
    close(&format!("{what} score"), s.score, 25.0 * s.nrr);
    assert_eq!(s.nrr_interval.is_some(), s.n >= 2, "{what} interval");
    assert_eq!(
        s.score_interval.is_some(),
        s.n >= 2,
        "{what} score interval"
    );
    if let Some(ci) = &s.nrr_interval {
        check_interval(&format!("{what} NRR"), ci, Some((1.0, 4.0)));
        close(&format!("{what} NRR estimate"), ci.estimate(), s.nrr);
    }
    if let Some(ci) = &s.score_interval {
        check_interval(&format!("{what} score"), ci, Some((25.0, 100.0)));
        close(&format!("{what} score estimate"), ci.estimate(), s.score);
    }
}

/// Ratings on their scale, SKM elements on 1–4 and 25–100.
pub fn check_empathy(r: &EmpathyReport) {
    if let Some(ratings) = &r.ratings {
        let (lo, hi) = (
            f64::from(ratings.scale.min()),
            f64::from(ratings.scale.max()),
        );
        assert_eq!(ratings.counts.len(), ratings.scale.len(), "rating counts");
        assert_eq!(ratings.counts.iter().sum::<u64>(), ratings.n, "ratings n");
        share_of(
            "top two boxes",
            Some(&ratings.top_two),
            ratings.counts.iter().rev().take(2).sum(),
            ratings.n,
        );
        finite("mean rating", ratings.mean);
        assert!(
            (lo..=hi).contains(&ratings.mean),
            "mean rating {}",
            ratings.mean
        );
        assert_eq!(
            ratings.mean_interval.is_some(),
            ratings.n >= 2,
            "mean rating interval"
        );
        if let Some(ci) = &ratings.mean_interval {
            check_interval("mean rating", ci, Some((lo, hi)));
            close("mean rating interval estimate", ci.estimate(), ratings.mean);
        }
    }
    if let Some(s) = &r.courtesy {
        check_element_score("courtesy", s);
    }
    if let Some(s) = &r.complaint_handling {
        check_element_score("complaint handling", s);
    }
    if let Some(gap) = r.servqual_gap {
        finite("SERVQUAL gap", gap);
    }
    if let Some(ci) = &r.servqual_gap_interval {
        check_interval("SERVQUAL gap", ci, None);
        assert!(r.servqual_gap.is_some(), "SERVQUAL interval without a gap");
    }
}

/// Visits judged, pending or not measured; the composite and each promise's share consistent
/// with the counts; the weakest promise among those below target.
pub fn check_promises(r: &PromiseReport) {
    assert!(r.visits > 0, "promise report without visits");
    assert_eq!(
        u128::from(r.judged) + u128::from(r.pending) + u128::from(r.not_measured),
        u128::from(r.visits),
        "judged + pending + not measured = visits"
    );
    check_coverage("promises", &r.coverage, r.judged, r.visits);
    if let Some(s) = &r.all_kept {
        check_share("every promise kept", s);
    }
    assert_eq!(
        r.all_kept.map(|s| s.of),
        (r.judged > 0).then_some(r.judged),
        "every promise kept is of the judged visits"
    );
    let order: Vec<Promise> = r.promises.iter().map(|p| p.promise).collect();
    assert_eq!(order, Promise::ALL, "promises in report order");
    for p in &r.promises {
        let what = p.promise.kept_label();
        within(&format!("{what} target"), p.target, 0.0, 1.0);
        if let Some(s) = &p.kept {
            check_share(what, s);
        }
        if let Some(s) = &p.broken_of_judged {
            check_share(&format!("{what} broken"), s);
        }
        assert_eq!(
            p.broken_of_judged.map(|s| s.of),
            (r.judged > 0).then_some(r.judged),
            "{what}: broken of the judged visits"
        );
        assert_eq!(
            p.below_target,
            p.kept.is_some_and(|k| k.rate() < p.target),
            "{what} below target"
        );
        assert_eq!(
            p.significantly_below,
            p.kept.is_some_and(|k| k.interval.upper() < p.target),
            "{what} significantly below"
        );
        assert!(
            !p.significantly_below || p.below_target,
            "{what}: significantly below but not below"
        );
    }
    let below: Vec<Promise> = r
        .promises
        .iter()
        .filter(|p| p.below_target)
        .map(|p| p.promise)
        .collect();
    match &r.weakest {
        Weakest::None => assert!(below.is_empty(), "no weakest, yet {below:?} below target"),
        Weakest::Promise(p) => assert!(below.contains(p), "weakest {p:?} not below target"),
        Weakest::NotDistinguishable(list) => {
            assert!(list.len() >= 2, "not distinguishable among {list:?}");
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{list:?} not in order"
            );
            assert!(
                list.iter().all(|p| below.contains(p)),
                "{list:?} not all below"
            );
        }
        other => panic!("unknown weakest {other:?}"),
    }
    let courtesy = r
        .promise(Promise::Courteous)
        .and_then(|p| p.kept)
        .map_or(0, |s| s.of);
    assert_eq!(
        r.courtesy_from_rating + r.courtesy_from_skm,
        courtesy,
        "courtesy judged from a rating or an SKM answer"
    );
    // Each promise's breaks are among the judged visits: a visit that broke one kept not all,
    // and a judged visit that kept not all broke one.
    let broken: Vec<u64> = r
        .promises
        .iter()
        .map(|p| count(p.broken_of_judged.as_ref()))
        .collect();
    let kept_all = count(r.all_kept.as_ref());
    for (p, &b) in r.promises.iter().zip(&broken) {
        let what = p.promise.kept_label();
        assert!(
            kept_all + b <= r.judged,
            "{what}: kept all + broken > judged"
        );
        if let Some(k) = &p.kept {
            assert_eq!(k.count + b, k.of, "{what}: kept + broken = measured");
        }
    }
    assert!(
        r.judged - kept_all <= broken.iter().sum::<u64>(),
        "visits that kept not all broke none"
    );
}

/// Counts consistent, shares of the judged, non-negative hours.
pub fn check_complaints(r: &ComplaintReport) {
    assert!(r.filed > 0, "complaint report without complaints");
    assert!(r.responded <= r.filed, "responded > filed");
    assert!(r.resolved <= r.responded, "resolved > responded");
    assert_eq!(r.unresolved, r.filed - r.resolved, "unresolved");
    let response_judged = r.responded_within_target.map_or(0, |s| s.of);
    let resolution_judged = r.resolved_within_target.map_or(0, |s| s.of);
    if let Some(s) = &r.responded_within_target {
        check_share("responded within target", s);
        assert!(s.count <= r.responded, "on time > responded");
    }
    if let Some(s) = &r.resolved_within_target {
        check_share("resolved within target", s);
        assert!(s.count <= r.resolved, "on time > resolved");
    }
    assert_eq!(
        response_judged + r.response_pending,
        r.filed,
        "responses judged + pending = filed"
    );
    assert_eq!(
        resolution_judged + r.resolution_pending,
        r.filed,
        "resolutions judged + pending = filed"
    );
    assert!(response_judged >= r.responded, "a response not judged");
    assert!(resolution_judged >= r.resolved, "a resolution not judged");
    check_coverage("complaints", &r.coverage, resolution_judged, r.filed);
    for (name, s, n) in [
        ("first response hours", &r.first_response_hours, r.responded),
        ("resolution hours", &r.resolution_hours, r.resolved),
    ] {
        if let Some(s) = s {
            check_summary(name, s);
        }
        assert_eq!(summary_n(s), n, "{name}");
    }
}

/// Promoters + passives + detractors = n, NPS −100–100 with its interval.
pub fn check_nps(r: &NpsReport) {
    assert!(r.n > 0, "NPS of nothing");
    assert_eq!(
        u128::from(r.promoters) + u128::from(r.passives) + u128::from(r.detractors),
        u128::from(r.n),
        "NPS categories"
    );
    within("NPS", r.nps, -100.0, 100.0);
    close(
        "NPS = 100 (p − d) / n",
        r.nps,
        100.0 * (r.promoters as f64 - r.detractors as f64) / r.n as f64,
    );
    finite("NPS standard error", r.standard_error);
    assert!(r.standard_error >= 0.0, "NPS standard error");
    check_interval("NPS", &r.nps_interval, Some((-100.0, 100.0)));
    close("NPS interval estimate", r.nps_interval.estimate(), r.nps);
}

/// The top two boxes of the counts.
pub fn check_csat(r: &CsatReport) {
    assert_eq!(r.counts.len(), r.scale.len(), "CSAT counts");
    share_of(
        "CSAT",
        Some(&r.top_two),
        r.counts.iter().rev().take(2).sum(),
        r.counts.iter().sum(),
    );
}

/// The mean effort score within its scale.
pub fn check_ces(r: &CesReport) {
    assert!(r.n > 0, "CES of nothing");
    let (lo, hi) = (f64::from(r.scale.min()), f64::from(r.scale.max()));
    finite("CES mean", r.mean);
    assert!((lo..=hi).contains(&r.mean), "CES mean {}", r.mean);
    assert_eq!(r.mean_interval.is_some(), r.n >= 2, "CES mean interval");
    if let Some(ci) = &r.mean_interval {
        check_interval("CES", ci, Some((lo, hi)));
    }
}

/// Every part, each counting the same visits.
pub fn check_scorecard(r: &ScorecardReport) {
    assert!(r.visits > 0, "scorecard without visits");
    let speed = r.speed.as_ref().expect("a scorecard with visits has speed");
    check_speed(speed);
    assert_eq!(speed.visits, r.visits, "speed visits");
    if let Some(c) = &r.cost {
        check_cost(c);
        assert_eq!(c.visits, r.visits, "cost visits");
    }
    if let Some(e) = &r.empathy {
        check_empathy(e);
        let counted = [
            e.ratings.as_ref().map_or(0, |x| x.n),
            e.courtesy.as_ref().map_or(0, |x| x.n),
            e.complaint_handling.as_ref().map_or(0, |x| x.n),
        ];
        assert!(
            counted.iter().all(|&n| n <= r.visits),
            "more empathy answers than visits"
        );
    }
    if let Some(p) = &r.promises {
        check_promises(p);
        assert_eq!(p.visits, r.visits, "promise visits");
    }
    if let Some(n) = &r.nps {
        check_nps(n);
        assert!(n.n <= r.visits, "more NPS answers than visits");
    }
    if let Some(s) = &r.skm {
        check_skm(s);
        assert!(
            u128::from(s.respondents) + u128::from(s.blank_questionnaires) <= u128::from(r.visits),
            "more questionnaires than visits"
        );
    }
}

/// What the parts of a pushed scorecard say about the same visits: the on-time and charged
/// promises are the speed and cost scores, courtesy comes from every rating.
pub fn check_scorecard_agree(r: &ScorecardReport) {
    let Some(p) = &r.promises else {
        assert!(r.cost.is_none(), "cost judged, promises not");
        return;
    };
    let kept = |promise| {
        p.promise(promise)
            .and_then(|s| s.kept)
            .map(|s| (s.count, s.of))
    };
    let speed = r.speed.as_ref().and_then(|s| s.on_time_share);
    assert_eq!(
        kept(Promise::OnTime),
        speed.map(|s| (s.count, s.of)),
        "on-time promise vs speed"
    );
    let cost = r.cost.as_ref().and_then(|c| c.not_overcharged);
    assert_eq!(
        kept(Promise::Charged),
        cost.map(|s| (s.count, s.of)),
        "charged promise vs cost"
    );
    let empathy = r.empathy.as_ref();
    let rated = empathy.and_then(|e| e.ratings.as_ref()).map_or(0, |x| x.n);
    assert_eq!(p.courtesy_from_rating, rated, "courtesy from ratings");
    let courtesy = empathy.and_then(|e| e.courtesy.as_ref()).map_or(0, |x| x.n);
    assert!(
        p.courtesy_from_skm <= courtesy,
        "courtesy from SKM answers > courtesy answers"
    );
}

/// Overall, each unit and each service checked; groups named in order, once each; the sizes
/// of the units and of the services add up to the whole.
pub fn check_breakdown<R>(r: &BreakdownReport<R>, check: impl Fn(&R), size: impl Fn(&R) -> u64) {
    for (_, report) in r.by_unit.iter().chain(&r.by_service) {
        if let Some(report) = report {
            check(report);
        }
    }
    for groups in [&r.by_unit, &r.by_service] {
        assert!(
            groups.windows(2).all(|w| w[0].0 < w[1].0),
            "groups out of order"
        );
        let total: u128 = groups
            .iter()
            .filter_map(|(_, r)| r.as_ref())
            .map(|r| u128::from(size(r)))
            .sum();
        match &r.overall {
            Some(overall) => {
                check(overall);
                assert_eq!(total, u128::from(size(overall)), "groups vs overall");
            }
            None => assert_eq!(total, 0, "groups with data, overall none"),
        }
    }
}

/// Every group's report checked, groups in key order.
pub fn check_grouped<K: Ord + std::fmt::Debug, R>(r: &[(K, Option<R>)], check: impl Fn(&R)) {
    assert!(r.windows(2).all(|w| w[0].0 < w[1].0), "groups out of order");
    for report in r.iter().filter_map(|(_, r)| r.as_ref()) {
        check(report);
    }
}

/// A value of what `measure` compares: a rate 0–1, an IKM 25–100, any mean.
fn measure_range(measure: Measure) -> Option<(f64, f64)> {
    match measure {
        Measure::Rate => Some((0.0, 1.0)),
        Measure::Ikm => Some((25.0, 100.0)),
        _ => None,
    }
}

fn check_p(what: &str, p: Option<f64>) {
    if let Some(p) = p {
        within(what, p, 0.0, 1.0);
    }
}

/// Estimates in range, p-values 0–1 with the adjusted ones no smaller than the raw one,
/// verdicts as the adjusted p-values say, ranks 1…k over the groups large enough.
pub fn check_comparison(c: &Comparison) {
    assert!(!c.groups.is_empty(), "comparison of no groups");
    let range = measure_range(c.measure);
    let mut ranks = Vec::new();
    for g in &c.groups {
        let what = format!("group {}", g.group);
        check_interval(&what, &g.estimate, range);
        if let Some(d) = &g.difference {
            check_interval(&format!("{what} difference"), d, None);
        }
        let p = g.test.map(|t| t.p_value);
        check_p(&format!("{what} p"), p);
        check_p(&format!("{what} p Holm"), g.p_holm);
        check_p(&format!("{what} p BH"), g.p_bh);
        if let Some(p) = p {
            let holm = g.p_holm.expect("a tested group has adjusted p-values");
            let bh = g.p_bh.expect("a tested group has adjusted p-values");
            ordered(&format!("{what} p ≤ p Holm"), p, holm);
            ordered(&format!("{what} p ≤ p BH"), p, bh);
        }
        let too_small = g.n < c.options.min_n();
        assert_eq!(g.verdict == Verdict::TooSmall, too_small, "{what} verdict");
        if too_small {
            assert!(g.test.is_none() && g.rank.is_none(), "{what} too small");
        }
        let adjusted = match c.options.adjustment() {
            layanan::Adjustment::Holm => g.p_holm,
            _ => g.p_bh,
        };
        if matches!(g.verdict, Verdict::Below | Verdict::Above) {
            let adjusted = adjusted.expect("a verdict comes from a test");
            assert!(
                adjusted < c.options.alpha(),
                "{what} verdict at p {adjusted}"
            );
            let d = g.difference.map_or(0.0, |d| d.estimate());
            assert_eq!(
                g.verdict == Verdict::Below,
                d < 0.0,
                "{what} verdict vs difference"
            );
        }
        assert_eq!(g.shrunken.is_some(), g.rank.is_some(), "{what} shrunken");
        if let Some(s) = &g.shrunken {
            check_interval(&format!("{what} shrunken"), s, range);
        }
        ranks.extend(g.rank);
    }
    ranks.sort_unstable();
    assert!(
        ranks.iter().enumerate().all(|(i, &r)| r == i + 1),
        "ranks {ranks:?}"
    );
    assert_eq!(c.prior_mean.is_some(), !ranks.is_empty(), "prior mean");
    if let Some(m) = c.prior_mean {
        finite("prior mean", m);
    }
}

/// Estimates in range, no change for the first period, the trend and the slope together.
pub fn check_periods(c: &PeriodComparison) {
    let range = measure_range(c.measure);
    for (i, p) in c.periods.iter().enumerate() {
        let what = format!("period {}", p.period);
        check_interval(&what, &p.estimate, range);
        if let Some(d) = &p.change {
            check_interval(&format!("{what} change"), d, None);
        }
        assert_eq!(
            p.change.is_some(),
            p.test.is_some(),
            "{what} change and test"
        );
        if i == 0 {
            assert!(p.change.is_none(), "a change for the first period");
        }
        check_p(&format!("{what} p"), p.test.map(|t| t.p_value));
    }
    assert_eq!(c.trend.is_some(), c.slope.is_some(), "trend and slope");
    if let Some(mk) = &c.trend {
        assert!(
            c.periods.len() >= 4,
            "a trend of {} periods",
            c.periods.len()
        );
        within("Mann-Kendall p", mk.p_value, 0.0, 1.0);
        within("Kendall's tau", mk.tau, -1.0, 1.0);
    }
    if let Some(sen) = &c.slope {
        check_interval("Sen's slope", &sen.slope, None);
        finite("Sen's intercept", sen.intercept);
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
/// Integers past `u64` (money sums are `u128`) are compared as floats: they go through JSON
/// text, which `serde_json::Value` reads as such, where `to_value` refuses them.
pub fn assert_close<T: Serialize>(what: &str, a: &T, b: &T, tolerance: f64) {
    let value = |x: &T| -> Value {
        let json = serde_json::to_vec(x).expect("serialises");
        serde_json::from_slice(&json).expect("its JSON reads back")
    };
    close_value(what, &value(a), &value(b), tolerance);
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
