//! The fast–pleasant–cheap sections of the terminal report.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use layanan::{GroupReport, Money, ScorecardReport, Share};

use crate::ComplaintTallies;

/// Groups with fewer judged visits than this are shown but not named in "where to look".
const MIN_RANKED: u64 = 30;

fn share(s: Option<Share>) -> String {
    s.map_or_else(|| "—".to_string(), |s| s.to_string())
}

fn score(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.1}"))
}

fn money(x: f64) -> String {
    Money::new(x.round() as u64).to_string()
}

/// The detailed block for one group (used for "all visits").
fn detail(out: &mut String, g: &GroupReport) {
    if let Some(s) = &g.speed {
        let _ = writeln!(
            out,
            "Speed     {} within standard · Apdex {} · {} visits of services without a standard",
            share(s.within_standard),
            s.apdex.map_or_else(|| "—".into(), |a| format!("{a:.2}")),
            s.no_standard
        );
        for (label, summary) in [
            ("wait, minutes", &s.wait),
            ("service, minutes", &s.service),
            ("turnaround, minutes", &s.turnaround),
            ("turnaround, working days", &s.working_days),
        ] {
            if let Some(summary) = summary {
                let _ = writeln!(out, "          {label:<25} {summary}");
            }
        }
    }
    if let Some(c) = &g.cost {
        let _ = writeln!(
            out,
            "Cost      overcharged {} · free services charged {} · waived {}",
            share(c.overcharged),
            share(c.free_service_violations),
            share(c.underpaid)
        );
        let _ = writeln!(
            out,
            "          excess paid {} in all, median {} per overcharged visit",
            c.excess_total,
            c.excess_median.map_or_else(|| "—".into(), money)
        );
    }
    if let Some(e) = &g.empathy {
        let _ = write!(
            out,
            "Empathy   score {} from {} ratings",
            e.score
                .map_or_else(|| "—".into(), |ci| format!("{:.1} {ci:.1}", ci.estimate())),
            e.ratings
        );
        if let Some(c) = e.courtesy_nrr {
            let _ = write!(out, " · courtesy (SKM) {:.2}", c.estimate());
        }
        if let Some(h) = e.complaint_handling_nrr {
            let _ = write!(out, " · complaint handling (SKM) {:.2}", h.estimate());
        }
        let _ = writeln!(out);
    }
    if let Some(n) = &g.nps {
        let _ = writeln!(out, "NPS       {n}");
    }
    if let Some(x) = &g.excellence {
        let _ = writeln!(
            out,
            "Index     {:.1} {:.1} (speed, empathy, cost) — weakest: {}",
            x.index.estimate(),
            x.index,
            x.weakest
        );
    }
}

fn speed_score(g: &GroupReport) -> Option<f64> {
    g.speed.as_ref().and_then(|s| s.score)
}

fn cost_score(g: &GroupReport) -> Option<f64> {
    g.cost.as_ref().and_then(|c| c.score)
}

fn empathy_score(g: &GroupReport) -> Option<f64> {
    g.empathy
        .as_ref()
        .and_then(|e| e.score)
        .map(|s| s.estimate())
}

fn table(out: &mut String, title: &str, groups: &BTreeMap<String, GroupReport>) {
    let _ = writeln!(out, "\n== {title} ==");
    let _ = writeln!(
        out,
        "{:<20} {:>6}  {:>6}  {:>6}  {:>7}  {:>6}  {:>6}  weakest",
        "", "visits", "speed", "cost", "empathy", "NPS", "index"
    );
    for (name, g) in groups {
        let small = if g.visits < MIN_RANKED { "*" } else { "" };
        let _ = writeln!(
            out,
            "{:<20} {:>6}  {:>6}  {:>6}  {:>7}  {:>6}  {:>6}  {}",
            format!("{name}{small}"),
            g.visits,
            score(speed_score(g)),
            score(cost_score(g)),
            score(empathy_score(g)),
            g.nps
                .as_ref()
                .map_or_else(|| "—".into(), |n| format!("{:+.0}", n.nps)),
            score(g.excellence.as_ref().map(|x| x.index.estimate())),
            g.excellence
                .as_ref()
                .map_or_else(String::new, |x| x.weakest.to_string())
        );
    }
    let _ = writeln!(
        out,
        "(scores 0–100; * fewer than {MIN_RANKED} visits: read with care)"
    );
}

/// The lowest-scoring group with enough visits on `pick`.
fn worst(
    groups: &BTreeMap<String, GroupReport>,
    pick: impl Fn(&GroupReport) -> Option<f64>,
) -> Option<(&str, f64)> {
    groups
        .iter()
        .filter(|(_, g)| g.visits >= MIN_RANKED)
        .filter_map(|(name, g)| Some((name.as_str(), pick(g)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// Speed, cost, empathy, CX and the index: all visits, per unit, per service.
pub fn scorecard(out: &mut String, card: &ScorecardReport) {
    let _ = writeln!(out, "\n== Fast, pleasant, cheap: all visits ==");
    detail(out, &card.overall);
    table(out, "By unit", &card.by_unit);
    table(out, "By service", &card.by_service);
    let _ = writeln!(
        out,
        "\n== Where to look (units with at least {MIN_RANKED} visits) =="
    );
    for (label, found) in [
        ("Slowest", worst(&card.by_unit, speed_score)),
        ("Most overcharging", worst(&card.by_unit, cost_score)),
        ("Least courteous", worst(&card.by_unit, empathy_score)),
        (
            "Lowest index",
            worst(&card.by_unit, |g| {
                g.excellence.as_ref().map(|x| x.index.estimate())
            }),
        ),
    ] {
        if let Some((unit, value)) = found {
            let _ = writeln!(out, "{label:<20} {unit} ({value:.1})");
        }
    }
    if !card.unknown_services.is_empty() {
        let list: Vec<String> = card
            .unknown_services
            .iter()
            .map(|(s, n)| format!("{s} ({n} visits)"))
            .collect();
        let _ = writeln!(
            out,
            "Services without a published standard: {} — counted, not judged on speed",
            list.join(", ")
        );
    }
}

/// Complaint handling per unit.
pub fn complaints(out: &mut String, tallies: &ComplaintTallies) {
    let _ = writeln!(out, "\n== Complaints ==");
    let _ = writeln!(
        out,
        "{:<20} {:>6}  {:>8}  {:>10}  {:<30}  {:>10}  {:>9}",
        "", "filed", "resolved", "unresolved", "resolved within target", "1st resp h", "resolve h"
    );
    let rows = std::iter::once(("all units", &tallies.overall))
        .chain(tallies.by_unit.iter().map(|(u, t)| (u.as_str(), t)));
    for (unit, tally) in rows {
        let Ok(r) = tally.report() else { continue };
        let _ = writeln!(
            out,
            "{:<20} {:>6}  {:>8}  {:>10}  {:<30}  {:>10}  {:>9}",
            unit,
            r.filed,
            r.resolved,
            r.unresolved,
            share(r.resolved_within_target),
            r.first_response_hours
                .map_or_else(|| "—".into(), |s| format!("{:.1}", s.median)),
            r.resolution_hours
                .map_or_else(|| "—".into(), |s| format!("{:.1}", s.median)),
        );
    }
}
