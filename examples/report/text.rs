//! The report for a person: tables a city official reads, every score saying what it counts
//! and which way is good.

use std::fmt::Write as _;

use layanan::{Comparison, ComplaintReport, Promise, ScorecardReport, Share, Verdict};

use crate::city::{CityReport, ComplaintSection, Finding, SkmLine, SkmResult, Trend, VisitSection};
use crate::escape::{cell, show, width};

/// Groups judged on fewer observations than this are marked `*`.
const SMALL: u64 = 30;

/// `84.2% [82.7, 85.6]`, or `—`.
fn pct(share: Option<Share>) -> String {
    share.map_or_else(
        || "—".to_owned(),
        |s| {
            format!(
                "{:.1}% [{:.1}, {:.1}]",
                100.0 * s.rate(),
                100.0 * s.interval.lower(),
                100.0 * s.interval.upper()
            )
        },
    )
}

/// `12.0%` of a share, or `—`.
fn pct_only(share: Option<Share>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format!("{:.1}%", 100.0 * s.rate()))
}

/// `2310 (96%)`, with `low` below half.
fn coverage(c: layanan::Coverage) -> String {
    let low = if c.is_low() { " low" } else { "" };
    format!("{} ({:.0}%{low})", c.judged, 100.0 * c.share())
}

/// A group's name with `*` when judged on fewer than [`SMALL`].
fn name(label: &str, judged: u64) -> String {
    if judged < SMALL {
        format!("{label}*")
    } else {
        label.to_owned()
    }
}

/// The rows of a visit section: all units first, then each unit, then each service.
fn rows<'a>(
    v: &'a VisitSection,
    by: &'a [(String, ScorecardReport)],
) -> impl Iterator<Item = (&'a str, &'a ScorecardReport)> {
    std::iter::once(("all", &v.overall)).chain(by.iter().map(|(k, r)| (k.as_str(), r)))
}

fn speed_table(out: &mut String, title: &str, v: &VisitSection, by: &[(String, ScorecardReport)]) {
    let w = width(by.iter().map(|(k, _)| k.as_str()), 12) + 1;
    let _ = writeln!(
        out,
        "{:<w$} {:>7} {:>16}  {:<22} {:>14} {:>8} {:>9}",
        title, "visits", "judged", "on time", "late", "pending", "wait p90"
    );
    for (label, r) in rows(v, by) {
        let Some(s) = &r.speed else { continue };
        let _ = writeln!(
            out,
            "{} {:>7} {:>16}  {:<22} {:>14} {:>8} {:>9}",
            cell(&name(label, s.coverage.judged), w),
            s.visits,
            coverage(s.coverage),
            pct(s.on_time_share),
            format!("{} ({} open)", s.late, s.late_unfinished),
            s.pending,
            s.wait
                .map_or_else(|| "—".into(), |w| format!("{:.0} min", w.p90)),
        );
    }
}

fn cost_table(out: &mut String, title: &str, v: &VisitSection, by: &[(String, ScorecardReport)]) {
    let w = width(by.iter().map(|(k, _)| k.as_str()), 12) + 1;
    let _ = writeln!(
        out,
        "{:<w$} {:>7} {:>16}  {:<22} {:<22} {:>16}",
        title, "visits", "judged", "overcharged", "free services charged", "excess paid"
    );
    for (label, r) in rows(v, by) {
        let Some(c) = &r.cost else { continue };
        let _ = writeln!(
            out,
            "{} {:>7} {:>16}  {:<22} {:<22} {:>16}",
            cell(&name(label, c.coverage.judged), w),
            c.visits,
            coverage(c.coverage),
            pct(c.overcharged),
            pct_only(c.free_service_violations),
            c.excess_total.to_string(),
        );
    }
}

fn empathy_table(
    out: &mut String,
    title: &str,
    v: &VisitSection,
    by: &[(String, ScorecardReport)],
) {
    let w = width(by.iter().map(|(k, _)| k.as_str()), 12) + 1;
    let _ = writeln!(
        out,
        "{:<w$} {:>6}  {:<22} {:>18} {:>22}",
        title, "rated", "rated 4–5 of 5", "courtesy (SKM)", "complaint handl. (SKM)"
    );
    for (label, r) in rows(v, by) {
        let Some(e) = &r.empathy else { continue };
        let rated = e.ratings.as_ref().map_or(0, |r| r.n);
        let skm = |s: &Option<layanan::empathy::SkmElementScore>| {
            s.as_ref().map_or_else(
                || "—".into(),
                |s| format!("{:.2} {} (n {})", s.score, s.mutu, s.n),
            )
        };
        let _ = writeln!(
            out,
            "{} {:>6}  {:<22} {:>18} {:>22}",
            cell(
                &name(label, rated.max(e.courtesy.as_ref().map_or(0, |c| c.n))),
                w
            ),
            rated,
            pct(e.ratings.as_ref().map(|r| r.top_two)),
            skm(&e.courtesy),
            skm(&e.complaint_handling),
        );
    }
}

fn promises_table(
    out: &mut String,
    title: &str,
    v: &VisitSection,
    by: &[(String, ScorecardReport)],
) {
    let w = width(by.iter().map(|(k, _)| k.as_str()), 12) + 1;
    let _ = writeln!(
        out,
        "{:<w$} {:>6}  {:<22} {:>6} {:>11} {:>12}  weakest promise (against its target)",
        title, "judged", "every promise kept", "late", "overcharged", "discourteous"
    );
    for (label, r) in rows(v, by) {
        let Some(p) = &r.promises else { continue };
        let broken =
            |promise: Promise| pct_only(p.promise(promise).and_then(|s| s.broken_of_judged));
        let _ = writeln!(
            out,
            "{} {:>6}  {:<22} {:>6} {:>11} {:>12}  {}",
            cell(&name(label, p.judged), w),
            p.judged,
            pct(p.all_kept),
            broken(Promise::OnTime),
            broken(Promise::Charged),
            broken(Promise::Courteous),
            p.weakest,
        );
    }
}

fn nps_table(out: &mut String, title: &str, v: &VisitSection, by: &[(String, ScorecardReport)]) {
    let w = width(by.iter().map(|(k, _)| k.as_str()), 12) + 1;
    let _ = writeln!(
        out,
        "{:<w$} {:>6}  NPS (promoters − detractors, −100 to 100)",
        title, "n"
    );
    for (label, r) in rows(v, by) {
        let Some(n) = &r.nps else { continue };
        let _ = writeln!(
            out,
            "{} {:>6}  {:+.1} [{:+.1}, {:+.1}]",
            cell(&name(label, n.n), w),
            n.n,
            n.nps,
            n.nps_interval.lower(),
            n.nps_interval.upper()
        );
    }
}

fn visits(out: &mut String, v: &VisitSection, as_of: Option<&str>) {
    let when = as_of.map_or_else(String::new, |t| format!(", as of {t}"));
    let _ = writeln!(
        out,
        "\n== Fast: visits finished within their service's published standard{when} =="
    );
    let _ = writeln!(
        out,
        "(late: finished late, or still open past the deadline; pending: still open, not yet due — not judged)"
    );
    speed_table(out, "by unit", v, &v.by_unit);
    speed_table(out, "by service", v, &v.by_service);
    if !v.services_without_standard.is_empty() {
        let list: Vec<String> = v
            .services_without_standard
            .iter()
            .map(|(s, n)| format!("{} ({n} visits)", show(s)))
            .collect();
        let _ = writeln!(
            out,
            "Services without a published standard, counted but not judged: {}",
            list.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "\n== Cheap: what visits paid against the official tariff (lower overcharged is better) =="
    );
    cost_table(out, "by unit", v, &v.by_unit);
    cost_table(out, "by service", v, &v.by_service);
    let _ = writeln!(
        out,
        "\n== Pleasant: direct ratings, and SKM answers on the SKM's 25–100 scale =="
    );
    empathy_table(out, "by unit", v, &v.by_unit);
    empathy_table(out, "by service", v, &v.by_service);
    let _ = writeln!(
        out,
        "\n== Promises kept: on time, not overcharged, courteous — each measured where it could be =="
    );
    let _ = writeln!(
        out,
        "(late, overcharged, discourteous: share of the judged visits that broke each promise; targets 95%, 100%, 90%)"
    );
    promises_table(out, "by unit", v, &v.by_unit);
    promises_table(out, "by service", v, &v.by_service);
    let _ = writeln!(out, "\n== Would they recommend the office? ==");
    nps_table(out, "by unit", v, &v.by_unit);
    let _ = writeln!(
        out,
        "(* judged on fewer than {SMALL}: read with care; low: fewer than half the visits judged)"
    );
}

/// One unit's finding in words: its score, how far from the rest, and the adjusted p-value.
fn below(finding: &Finding, g: &layanan::GroupComparison) -> String {
    let scale = if finding.share { 100.0 } else { 1.0 };
    let unit = if finding.share {
        " percentage points"
    } else {
        " points"
    };
    let (estimate, diff) = (g.estimate, g.difference);
    let score = if finding.share {
        format!("{:.1}%", 100.0 * estimate.estimate())
    } else {
        format!("{:.2}", estimate.estimate())
    };
    let difference = diff.map_or_else(String::new, |d| {
        format!(
            ", {:.1}{unit} below the rest [{:.1}, {:.1}]",
            -scale * d.estimate(),
            -scale * d.upper(),
            -scale * d.lower()
        )
    });
    let p = g
        .p_bh
        .map_or_else(String::new, |p| format!(", adjusted p {p:.1e}"));
    let effect = g.effect.map_or_else(String::new, |e| {
        let name = if finding.share {
            "risk ratio to the rest"
        } else {
            "Hedges' g"
        };
        format!(
            ", {name} {:.2} [{:.2}, {:.2}]",
            e.estimate(),
            e.lower(),
            e.upper()
        )
    });
    format!("{} {score}{difference}{effect}{p}", show(&g.group))
}

/// What the comparison could have found: the range of the smallest differences to the rest
/// its tests detect with 80 % power, `3.1–7.8 points`.
fn detectable(finding: &Finding) -> Option<String> {
    let (scale, unit) = if finding.share {
        (100.0, " percentage points")
    } else {
        (1.0, " points")
    };
    let found: Vec<f64> = finding
        .comparison
        .groups
        .iter()
        .filter_map(|g| g.detectable)
        .map(|d| scale * d)
        .collect();
    let low = found.iter().copied().reduce(f64::min)?;
    let high = found.iter().copied().reduce(f64::max)?;
    Some(if high - low < 0.05 {
        format!("{low:.1}{unit}")
    } else {
        format!("{low:.1}–{high:.1}{unit}")
    })
}

fn where_to_act(out: &mut String, findings: &[Finding]) {
    let Some(first) = findings.first() else {
        return;
    };
    let o = first.comparison.options;
    let adjustment = match o.adjustment() {
        layanan::Adjustment::Holm => "Holm",
        _ => "Benjamini–Hochberg",
    };
    let _ = writeln!(
        out,
        "\n== Where to act: units significantly below the rest (alpha {}, {adjustment} adjusted p-values; units with at least {} observations) ==",
        o.alpha(),
        o.min_n()
    );
    for f in findings {
        let c: &Comparison = &f.comparison;
        let found: Vec<String> = c.below().map(|g| below(f, g)).collect();
        let small = c
            .groups
            .iter()
            .filter(|g| g.verdict == Verdict::TooSmall)
            .count();
        let small = if small > 0 {
            format!(" ({small} too small to judge)")
        } else {
            String::new()
        };
        if found.is_empty() {
            let could = detectable(f).map_or_else(String::new, |d| {
                format!(
                    "; this survey could only have detected differences to the rest above {d} \
                     (80% power)"
                )
            });
            let _ = writeln!(
                out,
                "{}: none significantly below the rest{small}{could}",
                f.score
            );
        } else {
            let _ = writeln!(out, "{}:{small}", f.score);
            for line in found {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
}

/// A trend in words.
fn trend_words(t: &Trend) -> String {
    match (&t.periods.trend, &t.periods.slope, &t.no_trend) {
        (Some(mk), Some(sen), _) => {
            let scale = if t.share { 100.0 } else { 1.0 };
            let unit = if t.share {
                " percentage points"
            } else {
                " points"
            };
            let direction = if mk.p_value >= 0.05 {
                "no significant trend".to_owned()
            } else if mk.s > 0 {
                "a significant rise".to_owned()
            } else {
                "a significant fall".to_owned()
            };
            // Month-to-month resemblance can fake a trend: say so when it changes the verdict.
            let corrected = match t.periods.trend_autocorrelated {
                Some(hr) if (hr.p_value < 0.05) != (mk.p_value < 0.05) => format!(
                    ", but {} once month-to-month autocorrelation is allowed for (Hamed–Rao p = {:.3})",
                    if hr.p_value < 0.05 {
                        "significant"
                    } else {
                        "not significant"
                    },
                    hr.p_value
                ),
                _ => String::new(),
            };
            format!(
                "{direction} (Mann–Kendall p = {:.3}{corrected}); Sen's slope {:+.2}{unit} a month [{:+.2}, {:+.2}]",
                mk.p_value,
                scale * sen.slope.estimate(),
                scale * sen.slope.lower(),
                scale * sen.slope.upper()
            )
        }
        (_, _, Some(reason)) => format!("no trend test: {reason}"),
        _ => "no trend test".to_owned(),
    }
}

/// A score for a trend table: a share in percent, an index on its own scale.
fn level(value: f64, share: bool) -> String {
    if share {
        format!("{:.1}%", 100.0 * value)
    } else {
        format!("{value:.2}")
    }
}

fn trends(out: &mut String, trends: &[Trend]) {
    if trends.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n== Trend by month ==");
    for t in trends {
        let _ = writeln!(out, "{}", t.score);
        let unit = if t.share { " (percentage points)" } else { "" };
        let _ = writeln!(
            out,
            "  {:<10} {:>6} {:>8}  {:<30} {:>8}",
            "month",
            "n",
            "score",
            format!("change from the month before{unit}"),
            "p"
        );
        let scale = if t.share { 100.0 } else { 1.0 };
        for p in &t.periods.periods {
            let change = p.change.map_or_else(
                || "—".to_owned(),
                |c| {
                    format!(
                        "{:+.1} [{:+.1}, {:+.1}]",
                        scale * c.estimate(),
                        scale * c.lower(),
                        scale * c.upper()
                    )
                },
            );
            let _ = writeln!(
                out,
                "  {:<10} {:>6} {:>8}  {:<30} {:>8}",
                p.period,
                p.n,
                level(p.estimate.estimate(), t.share),
                change,
                p.test
                    .map_or_else(|| "—".to_owned(), |t| format!("{:.3}", t.p_value))
            );
        }
        let _ = writeln!(out, "  trend: {}", trend_words(t));
    }
}

fn complaint_row(out: &mut String, label: &str, w: usize, r: &ComplaintReport) {
    let _ = writeln!(
        out,
        "{} {:>6} {:>9} {:>11}  {:<22} {:<22} {:>8} {:>11}",
        cell(label, w),
        r.filed,
        r.resolved,
        r.unresolved,
        pct(r.responded_within_target),
        pct(r.resolved_within_target),
        r.resolution_pending,
        r.resolution_hours
            .map_or_else(|| "—".into(), |s| format!("{:.1}", s.median)),
    );
}

fn complaints(out: &mut String, c: &ComplaintSection, as_of: Option<&str>) {
    let t = &c.overall.targets;
    let categories: Vec<String> = t
        .categories()
        .map(|(name, target)| format!("{} {target}", show(name)))
        .collect();
    let categories = if categories.is_empty() {
        String::new()
    } else {
        format!(" ({})", categories.join(", "))
    };
    let _ = writeln!(
        out,
        "\n== Complaints: first response within {}, resolution within {}{categories}, as of {} ==",
        t.first_response(),
        t.resolution(),
        as_of.unwrap_or("the data's end")
    );
    let w = width(c.by_unit.iter().map(|(k, _)| k.as_str()), 12) + 1;
    let _ = writeln!(
        out,
        "{:<w$} {:>6} {:>9} {:>11}  {:<22} {:<22} {:>8} {:>11}",
        "",
        "filed",
        "resolved",
        "unresolved",
        "answered in time",
        "resolved in time",
        "pending",
        "median h"
    );
    complaint_row(out, "all", w, &c.overall);
    for (unit, r) in &c.by_unit {
        complaint_row(out, unit, w, r);
    }
    let _ = writeln!(
        out,
        "(in time: of the complaints answered or resolved, and those still open past the target; pending: open, not yet due)"
    );
}

fn skm_line(out: &mut String, label: &str, w: usize, line: &SkmLine) {
    match line {
        SkmLine::Scored {
            respondents,
            ikm_rounded,
            interval,
            mutu,
            follow_up_first,
            ..
        } => {
            let ci = interval.map_or_else(
                || "—".to_string(),
                |ci| format!("[{:.2}, {:.2}]", ci.lower(), ci.upper()),
            );
            let weakest = follow_up_first
                .as_ref()
                .map_or_else(String::new, |(code, name, nrr)| {
                    format!("{code} {name} ({nrr:.2})")
                });
            let _ = writeln!(
                out,
                "{} {:>5}  {:>6.2}  {:<16}  {:<4}  {weakest}",
                cell(&name(label, *respondents), w),
                respondents,
                ikm_rounded,
                ci,
                mutu
            );
        }
        SkmLine::NoIndex {
            respondents,
            blank_questionnaires,
            reason,
        } => {
            let _ = writeln!(
                out,
                "{} {:>5}  —  ({reason}; {blank_questionnaires} blank questionnaires)",
                cell(label, w),
                respondents
            );
        }
    }
}

fn skm_table(out: &mut String, title: &str, groups: &[(String, SkmLine)]) {
    let _ = writeln!(out, "\n== {title} ==");
    let w = width(groups.iter().map(|(k, _)| k.as_str()), 20) + 1;
    let _ = writeln!(
        out,
        "{:<w$} {:>5}  {:>6}  {:<16}  {:<4}  follow up first",
        "", "n", "IKM", "95% CI", "mutu"
    );
    for (label, result) in groups {
        skm_line(out, label, w, result);
    }
}

/// The terminal report.
pub fn text(report: &CityReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "layanan report — {}", show(&report.source));
    let d = &report.data;
    let _ = writeln!(
        out,
        "Data: {} SKM questionnaires ({} blank), {} visits, {} service standards, {} complaints",
        d.questionnaires, d.blank_questionnaires, d.visits, d.standards, d.complaints
    );
    if let Some(at) = &report.as_of_local {
        let _ = writeln!(
            out,
            "Open visits and complaints are judged as of {at} (the latest time in the data, unless --as-of was given)"
        );
    }
    if let Some(skm) = &report.skm {
        let _ = writeln!(out, "\n== SKM, all units ==");
        match &skm.overall {
            SkmResult::Report(r) => {
                let _ = write!(out, "{r}");
            }
            SkmResult::NoIndex { reason, .. } => {
                let _ = writeln!(out, "no index: {reason}");
            }
        }
        skm_table(&mut out, "SKM by unit", &skm.by_unit);
        skm_table(&mut out, "SKM by service", &skm.by_service);
    }
    if let Some(v) = &report.visits {
        visits(&mut out, v, report.as_of_local.as_deref());
    }
    where_to_act(&mut out, &report.where_to_act);
    trends(&mut out, &report.trends);
    if let Some(c) = &report.complaints {
        complaints(&mut out, c, report.as_of_local.as_deref());
    }
    if !report.saran.is_empty() {
        let _ = writeln!(
            out,
            "\n== Saran dan masukan (suggestions, most frequent first) =="
        );
        for (unit, list) in &report.saran {
            let _ = writeln!(out, "{}:", show(unit));
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for s in list {
                match counts.iter_mut().find(|(t, _)| t == s) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((s, 1)),
                }
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            for (s, n) in counts {
                let times = if n > 1 {
                    format!(" (×{n})")
                } else {
                    String::new()
                };
                let _ = writeln!(out, "  - {}{times}", show(s));
            }
        }
    }
    out
}
