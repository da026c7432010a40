//! The report as the published HTML document (feature `html`): the library's
//! `layanan::html::Document`, filled from the one computation the text and JSON render.

use crate::Lang;
use crate::city::CityReport;

/// The document in `lang`.
#[cfg(feature = "html")]
pub fn html(report: &CityReport, lang: Lang) -> Result<String, String> {
    use crate::city::{SkmLine, SkmResult};
    use layanan::html::{CompletionTimes, Cover, Document, GroupScore};

    let lang = match lang {
        Lang::Id => layanan::html::Lang::Id,
        Lang::En => layanan::html::Lang::En,
    };
    // The period is the months the data cover.
    let months: Vec<&str> = report
        .trends
        .first()
        .map(|t| {
            t.periods
                .periods
                .iter()
                .map(|p| p.period.as_str())
                .collect()
        })
        .unwrap_or_default();
    let period = match (months.first(), months.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} – {last}"),
        (Some(only), _) => (*only).to_string(),
        _ => String::new(),
    };
    let cover = Cover::new(report.source.clone(), period).with_method(match lang {
        layanan::html::Lang::Id => "kuesioner SKM (PermenPANRB 14/2017) dan catatan kunjungan",
        _ => "SKM questionnaires (PermenPANRB 14/2017) and visit logs",
    });
    let mut doc = Document::new(lang, cover);
    if let Some(at) = &report.as_of_local {
        doc = doc.as_of(at.clone());
    }
    let groups = |lines: &[(String, SkmLine)]| -> Vec<GroupScore> {
        lines
            .iter()
            .filter_map(|(name, line)| match line {
                SkmLine::Scored {
                    respondents,
                    ikm,
                    ikm_rounded,
                    interval,
                    mutu,
                    ..
                } => Some(GroupScore {
                    name: name.clone(),
                    respondents: *respondents,
                    ikm: *ikm,
                    ikm_rounded: *ikm_rounded,
                    interval: *interval,
                    mutu: *mutu,
                }),
                SkmLine::NoIndex { .. } => None,
            })
            .collect()
    };
    if let Some(skm) = &report.skm {
        if let SkmResult::Report(overall) = &skm.overall {
            doc = doc.skm(overall);
        }
        doc = doc
            .units(groups(&skm.by_unit))
            .services(groups(&skm.by_service));
    }
    if let Some(profile) = &report.profile {
        doc = doc.profile(profile);
    }
    for trend in &report.trends {
        doc = doc.trend(title(&trend.score, lang), &trend.periods);
    }
    for finding in &report.where_to_act {
        doc = doc.finding(title(&finding.score, lang), &finding.comparison);
    }
    if let Some(visits) = &report.visits {
        doc = doc.visits(visits.by_unit.iter().map(|(u, r)| (u.clone(), r)));
    }
    for (service, standard, minutes) in &report.completion_times {
        doc = doc.completion_times(CompletionTimes {
            service: service.clone(),
            standard_minutes: *standard,
            minutes: minutes.clone(),
        });
    }
    for (unit, texts) in &report.saran {
        doc = doc.saran(unit.clone(), texts.clone());
    }
    doc.render().map_err(|e| e.to_string())
}

/// A score's title in the document's language (the report computes them in English).
#[cfg(feature = "html")]
fn title(score: &str, lang: layanan::html::Lang) -> String {
    const INDONESIAN: [(&str, &str); 5] = [
        ("IKM (SKM index", "IKM (indeks SKM, 25–100)"),
        (
            "on time",
            "Tepat waktu (kunjungan yang dinilai, selesai sesuai standar)",
        ),
        (
            "not overcharged",
            "Tidak bayar lebih (kunjungan yang dinilai, bayar tidak melebihi tarif)",
        ),
        (
            "courteous",
            "Ramah (kunjungan yang dinilai 4–5 atas keramahan)",
        ),
        (
            "every promise kept",
            "Semua janji ditepati (kunjungan yang dinilai)",
        ),
    ];
    if lang == layanan::html::Lang::Id
        && let Some((_, id)) = INDONESIAN.iter().find(|(en, _)| score.starts_with(en))
    {
        return (*id).to_string();
    }
    score.to_string()
}

/// Without `html` there is no document: say how to get it.
#[cfg(not(feature = "html"))]
pub fn html(_: &CityReport, _: Lang) -> Result<String, String> {
    Err("--html needs the `html` feature: cargo run --release --features html --example report -- --html report.html".into())
}
