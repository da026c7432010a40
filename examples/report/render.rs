//! The report as terminal tables or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use layanan::{SkmOptions, SkmTally};

use crate::{Data, Results};

/// One row of a group table: the group's report, or why it has none.
fn group_line(name: &str, tally: &SkmTally, options: &SkmOptions) -> String {
    match tally.report_with(options) {
        Ok(r) => {
            let ci = r
                .interval
                .map_or_else(|| "—".to_string(), |ci| ci.to_string());
            let weakest = r
                .follow_up
                .first()
                .and_then(|key| r.elements.iter().find(|e| &e.key == key))
                .map_or_else(String::new, |e| {
                    format!("{} {} ({:.2})", e.code, e.name, e.nrr)
                });
            format!(
                "{name:<20} {:>5}  {:>6.2}  {:<16}  {:<4}  {weakest}",
                r.respondents, r.ikm_rounded, ci, r.mutu
            )
        }
        Err(e) => format!("{name:<20} {:>5}  —  ({e})", tally.responses()),
    }
}

fn group_table(
    out: &mut String,
    title: &str,
    groups: &BTreeMap<String, SkmTally>,
    options: &SkmOptions,
) {
    let _ = writeln!(out, "\n== {title} ==");
    let _ = writeln!(
        out,
        "{:<20} {:>5}  {:>6}  {:<16}  {:<4}  follow up first",
        "", "n", "IKM", "95% CI", "mutu"
    );
    for (name, tally) in groups {
        let _ = writeln!(out, "{}", group_line(name, tally, options));
    }
}

/// The terminal report.
pub fn text(data: &Data, results: &Results, options: &SkmOptions) -> String {
    let tallies = &results.skm;
    let mut out = String::new();
    let _ = writeln!(out, "layanan report — {}", data.source);
    let _ = writeln!(
        out,
        "Data: {} SKM questionnaires, {} interactions, {} service standards",
        data.responses.len(),
        data.interactions.len(),
        data.standards.as_ref().map_or(0, |s| s.len())
    );
    if !data.responses.is_empty() {
        let _ = writeln!(out, "\n== SKM, all units ==");
        match tallies.overall.report_with(options) {
            Ok(report) => {
                let _ = write!(out, "{report}");
            }
            Err(e) => {
                let _ = writeln!(out, "no index: {e}");
            }
        }
        group_table(&mut out, "SKM by unit", &tallies.by_unit, options);
        group_table(&mut out, "SKM by service", &tallies.by_service, options);
    }
    if let Some(card) = &results.scorecard {
        crate::scores::scorecard(&mut out, card);
        let standards = data.standards.clone().unwrap_or_default();
        if let Err(e) = crate::act::where_to_act(&mut out, &data.interactions, &standards) {
            let _ = writeln!(out, "no comparison: {e}");
        }
    }
    if let Some(complaints) = &results.complaints {
        crate::scores::complaints(&mut out, complaints);
    }
    out
}

/// The report as JSON: overall, by unit and by service.
#[cfg(feature = "serde")]
pub fn json(data: &Data, results: &Results, options: &SkmOptions) -> Result<String, String> {
    let tallies = &results.skm;
    use serde_json::{Value, json};
    let report = |t: &SkmTally| -> Value {
        match t.report_with(options) {
            Ok(r) => serde_json::to_value(r).unwrap_or_else(|e| json!({ "error": e.to_string() })),
            Err(e) => json!({ "error": e.to_string(), "respondents": t.responses() }),
        }
    };
    let groups = |g: &BTreeMap<String, SkmTally>| -> Value {
        g.iter()
            .map(|(k, t)| (k.clone(), report(t)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let value = json!({
        "source": data.source,
        "skm": {
            "overall": report(&tallies.overall),
            "by_unit": groups(&tallies.by_unit),
            "by_service": groups(&tallies.by_service),
        },
        "interactions": data.interactions.len(),
        "standards": data.standards.as_ref().map_or(0, |s| s.len()),
        "scores": results.scorecard.as_ref().map(serde_json::to_value).transpose().map_err(|e| e.to_string())?,
        "complaints": results.complaints.as_ref().map(|c| -> Result<Value, String> {
            let by_unit: serde_json::Map<String, Value> = c.by_unit.iter()
                .map(|(unit, t)| Ok((unit.clone(), t.report().map_err(|e| e.to_string()).and_then(|r| serde_json::to_value(r).map_err(|e| e.to_string()))?)))
                .collect::<Result<_, String>>()?;
            Ok(json!({
                "overall": serde_json::to_value(c.overall.report().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?,
                "by_unit": by_unit,
            }))
        }).transpose()?,
    });
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

/// Without `serde` there is no JSON: say how to get it.
#[cfg(not(feature = "serde"))]
pub fn json(_: &Data, _: &Results, _: &SkmOptions) -> Result<String, String> {
    Err("--json needs the `serde` feature: cargo run --release --features serde --example report -- --json".into())
}
