//! "Where to act": units significantly below the rest on speed, cost and empathy (adjusted
//! p-values), and the trend of each dimension across months.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use layanan::stats::Moments;
use layanan::{
    CompareOptions, Granularity, GroupTally, Interaction, Level, Scorecard, Standards, Verdict,
    compare_groups, compare_periods,
};

/// Speed (within standard), cost (not overcharged) and empathy (ratings rescaled to 0–100) of a
/// set of visits, as comparable tallies.
#[derive(Default)]
struct Dimensions {
    speed: Option<GroupTally>,
    cost: Option<GroupTally>,
    empathy: Moments,
}

fn dimensions(visits: &[&Interaction], standards: &Standards) -> Result<Dimensions, String> {
    let mut card = Scorecard::new(standards.clone());
    let mut empathy = Moments::new();
    for visit in visits {
        card.push(visit).map_err(|e| e.to_string())?;
        if let Some(rating) = visit.empathy() {
            let scale = rating.scale();
            let span = f64::from(scale.max() - scale.min());
            empathy
                .push(f64::from(rating.value() - scale.min()) / span * 100.0)
                .map_err(|e| e.to_string())?;
        }
    }
    let report = card.report().map_err(|e| e.to_string())?;
    let overall = report.overall;
    Ok(Dimensions {
        speed: overall
            .speed
            .and_then(|s| s.within_standard)
            .map(|s| GroupTally::rate(s.count, s.of)),
        // Not overcharged: waivers (paid below the tariff) are never violations.
        cost: overall
            .cost
            .and_then(|c| c.overcharged)
            .map(|o| GroupTally::rate(o.of - o.count, o.of)),
        empathy,
    })
}

type Pick = fn(&Dimensions) -> Option<GroupTally>;

const PICKS: [(&str, Pick); 3] = [
    ("speed (share within standard)", |d| d.speed),
    ("cost (share not overcharged)", |d| d.cost),
    ("empathy (rating 0–100)", |d| {
        (d.empathy.count() > 0).then_some(GroupTally::Mean(d.empathy))
    }),
];

/// Units below the rest, and monthly trends, for the three dimensions.
pub fn where_to_act(
    out: &mut String,
    visits: &[Interaction],
    standards: &Standards,
) -> Result<(), String> {
    let options = CompareOptions::default();
    let mut by_unit: BTreeMap<&str, Vec<&Interaction>> = BTreeMap::new();
    let mut by_month: BTreeMap<_, Vec<&Interaction>> = BTreeMap::new();
    for visit in visits {
        by_unit.entry(visit.unit()).or_default().push(visit);
        let month = standards
            .calendar()
            .period(visit.arrived_at(), Granularity::Month)
            .map_err(|e| e.to_string())?;
        by_month.entry(month).or_default().push(visit);
    }
    let units: Vec<(&str, Dimensions)> = by_unit
        .iter()
        .map(|(unit, v)| Ok((*unit, dimensions(v, standards)?)))
        .collect::<Result<_, String>>()?;
    let months: Vec<(String, Dimensions)> = by_month
        .iter()
        .map(|(month, v)| Ok((month.to_string(), dimensions(v, standards)?)))
        .collect::<Result<_, String>>()?;
    let _ = writeln!(
        out,
        "\n== Where to act: units below the rest (alpha {}, Benjamini–Hochberg; units with at least {} observations) ==",
        options.alpha(),
        options.min_n()
    );
    for (label, pick) in PICKS {
        let groups: Vec<(&str, GroupTally)> = units
            .iter()
            .filter_map(|(unit, d)| Some((*unit, pick(d)?)))
            .collect();
        if groups.is_empty() {
            continue;
        }
        let cmp = compare_groups(groups, options).map_err(|e| e.to_string())?;
        let below: Vec<String> = cmp
            .below()
            .map(|g| {
                format!(
                    "{} ({:.3}, {:+.3} against the rest, adjusted p {:.2e})",
                    g.group,
                    g.estimate.estimate(),
                    g.difference.map_or(f64::NAN, |d| d.estimate()),
                    g.p_bh.unwrap_or(f64::NAN)
                )
            })
            .collect();
        let small = cmp
            .groups
            .iter()
            .filter(|g| g.verdict == Verdict::TooSmall)
            .count();
        let _ = writeln!(
            out,
            "{label:<32} {}{}",
            if below.is_empty() {
                "none significantly below".to_string()
            } else {
                below.join("; ")
            },
            if small > 0 {
                format!(" ({small} too small to judge)")
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(out, "\n== Trend by month ==");
    for (label, pick) in PICKS {
        let series: Vec<(String, GroupTally)> = months
            .iter()
            .filter_map(|(month, d)| Some((month.clone(), pick(d)?)))
            .collect();
        if series.is_empty() {
            continue;
        }
        let trend = compare_periods(series, Level::default()).map_err(|e| e.to_string())?;
        let _ = writeln!(out, "{label}");
        let _ = write!(out, "{trend}");
        if trend.trend.is_none() {
            let _ = writeln!(out, "trend: needs four months or more");
        }
    }
    Ok(())
}
