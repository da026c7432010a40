//! The report as terminal tables or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use layanan::{SkmOptions, SkmTally};

use crate::{Data, SkmTallies};

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
pub fn text(data: &Data, tallies: &SkmTallies, options: &SkmOptions) -> String {
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
    if !data.interactions.is_empty() {
        let _ = writeln!(out, "\n== Interactions ==");
        let with = |f: &dyn Fn(&layanan::Interaction) -> bool| {
            data.interactions.iter().filter(|i| f(i)).count()
        };
        let _ = writeln!(
            out,
            "{} visits: {} with SKM answers, {} with an empathy rating, {} with a recommend score",
            data.interactions.len(),
            with(&|i| i.skm().is_some()),
            with(&|i| i.empathy().is_some()),
            with(&|i| i.recommend().is_some()),
        );
        if let Some(standards) = &data.standards {
            let mut unknown: BTreeMap<&str, usize> = BTreeMap::new();
            for i in &data.interactions {
                if standards.get(i.service()).is_err() {
                    *unknown.entry(i.service()).or_default() += 1;
                }
            }
            if !unknown.is_empty() {
                let list: Vec<String> = unknown
                    .iter()
                    .map(|(s, n)| format!("{s} ({n} visits)"))
                    .collect();
                let _ = writeln!(
                    out,
                    "Services without a published standard: {}",
                    list.join(", ")
                );
            }
        }
    }
    out
}

/// The report as JSON: overall, by unit and by service.
#[cfg(feature = "serde")]
pub fn json(data: &Data, tallies: &SkmTallies, options: &SkmOptions) -> Result<String, String> {
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
    });
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

/// Without `serde` there is no JSON: say how to get it.
#[cfg(not(feature = "serde"))]
pub fn json(_: &Data, _: &SkmTallies, _: &SkmOptions) -> Result<String, String> {
    Err("--json needs the `serde` feature: cargo run --release --features serde --example report -- --json".into())
}
