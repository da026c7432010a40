//! The document's sections, in the order of a published report.

use std::fmt::Write;

use super::chart::{self, FunnelPoint};
use super::escape::escape;
use super::words::{Lang, Words};
use super::{Document, GroupScore};
use crate::compare::{Measure, NoTrend, Verdict};
use crate::error::Result;
use crate::promises::Promise;
use crate::skm::{Count, SkmReport};
use crate::stats::Interval;
use crate::summary::Share;

const STYLE: &str = include_str!("style.css");

/// `x` with `decimals` decimals, a decimal comma in Indonesian.
fn num(x: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{x:.decimals$}");
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A share as a percentage with one decimal.
fn percent(share: f64, lang: Lang) -> String {
    format!("{}%", num(100.0 * share, 1, lang))
}

/// `[lower, upper]` of an interval.
fn bounds(ci: &Interval, decimals: usize, scale: f64, lang: Lang) -> String {
    format!(
        "[{}; {}]",
        num(scale * ci.lower(), decimals, lang),
        num(scale * ci.upper(), decimals, lang)
    )
}

/// A share with its count and interval, on two lines: `12.7%` over `38/300 [9.4; 16.9]`.
fn share_cell(share: Option<&Share>, lang: Lang) -> String {
    match share {
        Some(s) => format!(
            "{}<br/><span class=\"ci\">{}/{} {}</span>",
            percent(s.rate(), lang),
            s.count,
            s.of,
            bounds(&s.interval, 1, 100.0, lang)
        ),
        None => "—".into(),
    }
}

/// A p-value in scientific notation, a decimal comma in Indonesian.
fn p_value(p: f64, lang: Lang) -> String {
    let text = format!("{p:.1e}");
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A promise's name.
fn promise_name(promise: Promise, lang: Lang) -> &'static str {
    match (promise, lang) {
        (Promise::OnTime, Lang::Id) => "tepat waktu",
        (Promise::Charged, Lang::Id) => "tidak bayar lebih dari tarif",
        (Promise::Courteous, Lang::Id) => "ramah",
        (Promise::OnTime, _) => "on time",
        (Promise::Charged, _) => "not overcharged",
        (Promise::Courteous, _) => "courteous",
    }
}

/// The whole document.
pub(super) fn render(doc: &Document<'_>) -> Result<String> {
    let w = doc.lang.words();
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("{} — {}", w.title, doc.cover.agency);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width\"/>\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        w.lang,
        escape(&title)
    );
    cover(&mut out, doc, w);
    let mut number = 1u32;
    let mut next = |out: &mut String, id: &str, heading: &str| {
        number = number.saturating_add(1);
        let _ = write!(
            out,
            "<section id=\"{id}\">\n<h2>{number}. {}</h2>\n",
            escape(heading)
        );
    };
    if let Some(profile) = doc.profile {
        next(&mut out, "profile", w.profile);
        for (question, counts) in [
            (w.gender, labelled(&profile.gender, w)),
            (w.age, labelled(&profile.age, w)),
            (w.education, labelled(&profile.education, w)),
            (w.occupation, labelled(&profile.occupation, w)),
        ] {
            counts_table(&mut out, question, &counts, doc.lang, w);
        }
        figure(&mut out, &chart::profile(profile, doc.lang)?);
        out.push_str("</section>\n");
    }
    if let Some(skm) = doc.skm {
        next(&mut out, "elements", w.elements);
        elements_table(&mut out, skm, doc.lang, w);
        figure(&mut out, &chart::elements(skm, doc.lang)?);
        out.push_str("</section>\n");
        next(&mut out, "ikm", w.units_and_services);
        headline(&mut out, skm, doc.lang, w);
        groups_table(&mut out, w.unit, &doc.units, doc.lang, w);
        groups_table(&mut out, w.service, &doc.services, doc.lang, w);
        if !doc.units.is_empty() {
            let points: Vec<FunnelPoint> = doc
                .units
                .iter()
                .map(|g| FunnelPoint {
                    name: g.name.clone(),
                    respondents: g.respondents,
                    ikm: g.ikm,
                })
                .collect();
            figure(&mut out, &chart::funnel(&points, skm, doc.lang)?);
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(w.funnel_note));
        }
        out.push_str("</section>\n");
    }
    if !doc.trends.is_empty() {
        next(&mut out, "trends", w.trends);
        trends(&mut out, doc, w)?;
        out.push_str("</section>\n");
    }
    if doc.skm.is_some() || !doc.findings.is_empty() {
        next(&mut out, "act", w.where_to_act);
        where_to_act(&mut out, doc, w);
        out.push_str("</section>\n");
    }
    if !doc.visits.is_empty() || !doc.completion.is_empty() {
        next(&mut out, "standards", w.standards);
        standards(&mut out, doc, w)?;
        out.push_str("</section>\n");
    }
    if !doc.saran.is_empty() {
        next(&mut out, "saran", w.saran);
        saran(&mut out, doc, w);
        out.push_str("</section>\n");
    }
    if let Some(skm) = doc.skm {
        next(&mut out, "follow-up", w.follow_up);
        follow_up(&mut out, skm, doc.lang, w);
        out.push_str("</section>\n");
        next(&mut out, "method", w.appendix);
        method(&mut out, skm, doc, w);
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

fn figure(out: &mut String, svg: &str) {
    let _ = write!(out, "<figure>\n{svg}\n</figure>\n");
}

/// 1. The cover.
fn cover(out: &mut String, doc: &Document<'_>, w: &Words) {
    let lang = doc.lang;
    let _ = write!(
        out,
        "<header class=\"cover\">\n<p class=\"kicker\">1.</p>\n<h1>{}</h1>\n<p class=\"agency\">{}</p>\n<dl>\n",
        escape(w.title),
        escape(&doc.cover.agency)
    );
    let mut row = |term: &str, value: String| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", escape(term));
    };
    row(w.period, escape(&doc.cover.period));
    if let Some(skm) = doc.skm {
        row(w.instrument, escape(&skm.instrument));
    }
    if !doc.cover.method.is_empty() {
        row(w.method, escape(&doc.cover.method));
    }
    if let Some(skm) = doc.skm {
        row(
            w.respondents,
            format!(
                "{} ({} {}; {} {})",
                skm.respondents,
                skm.complete_responses,
                w.complete,
                skm.blank_questionnaires,
                w.blank
            ),
        );
        if let Some(sample) = &skm.sample {
            row(
                w.sample,
                format!(
                    "{} / {} ({} {}): {}",
                    sample.respondents,
                    sample.required,
                    w.population,
                    sample.population,
                    if sample.met {
                        w.sample_met
                    } else {
                        w.sample_not_met
                    }
                ),
            );
        }
        row(
            w.ikm,
            format!(
                "<strong>{}</strong> ({})",
                num(skm.ikm_rounded, 2, lang),
                escape(&skm.mutu.to_string())
            ),
        );
    }
    if let Some(at) = &doc.as_of {
        row(w.as_of, escape(at));
    }
    out.push_str("</dl>\n</header>\n");
}

/// A question's counts as `(label, count, share)`.
fn labelled<T: ToString>(counts: &[Count<T>], w: &Words) -> Vec<(String, u64, f64)> {
    counts
        .iter()
        .map(|c| {
            let name = c
                .value
                .as_ref()
                .map_or_else(|| w.not_stated.to_owned(), ToString::to_string);
            (name, c.count, c.share)
        })
        .collect()
}

/// 2. One profile question as a table.
fn counts_table(
    out: &mut String,
    question: &str,
    rows: &[(String, u64, f64)],
    lang: Lang,
    w: &Words,
) {
    let _ = write!(
        out,
        "<table class=\"counts\">\n<caption>{}</caption>\n<thead><tr><th></th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(question),
        escape(w.count),
        escape(w.share)
    );
    for (name, count, share) in rows {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{count}</td><td>{}</td></tr>",
            escape(name),
            percent(*share, lang)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// 3. The official per-element table.
fn elements_table(out: &mut String, skm: &SkmReport, lang: Lang, w: &Words) {
    let _ = write!(
        out,
        "<table class=\"elements\">\n<thead><tr><th></th><th>{}</th><th>n</th><th>1</th><th>2</th><th>3</th><th>4</th>\
         <th>NRR</th><th>NRR × {}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(w.element),
        escape(match lang {
            Lang::Id => "bobot",
            Lang::En => "weight",
        }),
        escape(w.ikm),
        escape(w.grade)
    );
    for e in &skm.elements {
        let _ = write!(
            out,
            "<tr data-element=\"{}\"><th>{}</th><td class=\"name\">{}</td><td>{}</td>",
            escape(&e.key),
            escape(&e.code),
            escape(&e.name),
            e.n
        );
        for c in e.counts {
            let _ = write!(out, "<td>{c}</td>");
        }
        let _ = writeln!(
            out,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            num(e.nrr, 3, lang),
            num(e.weighted_nrr, 4, lang),
            num(e.ikm, 2, lang),
            escape(&e.mutu.to_string())
        );
    }
    let _ = writeln!(
        out,
        "</tbody>\n<tfoot><tr><th colspan=\"8\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr></tfoot>\n</table>",
        escape(w.index),
        num(skm.index, 4, lang),
        num(skm.ikm_rounded, 2, lang),
        escape(&skm.mutu.to_string())
    );
}

/// 4. The IKM, its interval and grade.
fn headline(out: &mut String, skm: &SkmReport, lang: Lang, w: &Words) {
    let interval = skm
        .interval
        .map(|ci| {
            format!(
                " <span class=\"ci\">{} {}</span>",
                escape(w.interval),
                bounds(&ci, 2, 1.0, lang)
            )
        })
        .unwrap_or_default();
    let alpha = skm
        .alpha
        .as_ref()
        .map(|a| {
            let omega = skm.omega.map_or_else(String::new, |o| {
                format!("; {}: {}", escape(w.omega), num(o, 3, lang))
            });
            format!(
                "<p>{}: {}{omega}</p>",
                escape(w.alpha),
                num(a.alpha(), 3, lang)
            )
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<p class=\"headline\">{} <strong>{}</strong> — {} <strong>{}</strong> ({}){interval}</p>\n{alpha}",
        escape(w.ikm),
        num(skm.ikm_rounded, 2, lang),
        escape(w.grade),
        escape(&skm.mutu.to_string()),
        escape(match lang {
            Lang::Id => skm.mutu.kinerja(),
            Lang::En => skm.mutu.english(),
        })
    );
}

/// 4. A table of groups' IKMs, small ones marked.
fn groups_table(out: &mut String, what: &str, groups: &[GroupScore], lang: Lang, w: &Words) {
    if groups.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<table class=\"groups\">\n<thead><tr><th>{}</th><th>n</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(what),
        escape(w.ikm),
        escape(w.interval),
        escape(w.grade)
    );
    let mut small = false;
    for g in groups {
        let mark = if g.respondents < 30 {
            small = true;
            "*"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<tr><th>{}{mark}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&g.name),
            g.respondents,
            num(g.ikm_rounded, 2, lang),
            g.interval
                .map_or_else(|| "—".to_owned(), |ci| bounds(&ci, 2, 1.0, lang)),
            escape(&g.mutu.to_string())
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if small {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(w.small));
    }
}

/// 5. Each trend: its chart, its table and the test in words.
fn trends(out: &mut String, doc: &Document<'_>, w: &Words) -> Result<()> {
    let lang = doc.lang;
    for (title, series) in &doc.trends {
        let _ = writeln!(out, "<h3>{}</h3>", escape(title));
        figure(out, &chart::trend(series, title, lang)?);
        let (scale, decimals, unit) = if series.measure == Measure::Rate {
            (100.0, 1, "%")
        } else {
            (1.0, 2, "")
        };
        // A change of a share is in percentage points.
        let points = if series.measure == Measure::Rate {
            match lang {
                Lang::Id => " poin",
                Lang::En => " pts",
            }
        } else {
            ""
        };
        let _ = write!(
            out,
            "<table class=\"trend\">\n<thead><tr><th>{}</th><th>n</th><th>{}</th><th>{}</th><th>{}</th><th>p</th></tr></thead>\n<tbody>\n",
            escape(w.month),
            escape(title),
            escape(w.interval),
            escape(w.change)
        );
        for p in &series.periods {
            let change = p.change.map_or_else(
                || "—".to_owned(),
                |d| format!("{}{points}", num(scale * d.estimate(), decimals, lang)),
            );
            let pv = p
                .test
                .map_or_else(|| "—".to_owned(), |t| num(t.p_value, 3, lang));
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td>{}</td><td>{}{unit}</td><td>{}</td><td>{change}</td><td>{pv}</td></tr>",
                escape(&p.period),
                p.n,
                num(scale * p.estimate.estimate(), decimals, lang),
                bounds(&p.estimate, decimals, scale, lang)
            );
        }
        out.push_str("</tbody>\n</table>\n");
        let words = match (&series.trend, &series.slope) {
            (Some(mk), Some(sen)) => {
                let kind = if mk.p_value < 0.05 && mk.s > 0 {
                    w.trend_up
                } else if mk.p_value < 0.05 && mk.s < 0 {
                    w.trend_down
                } else {
                    w.trend_none
                };
                format!(
                    "{} (Mann–Kendall p = {}; Sen: {}{points} {} {})",
                    escape(kind),
                    num(mk.p_value, 3, lang),
                    num(
                        scale * sen.slope.estimate(),
                        decimals.saturating_add(1),
                        lang
                    ),
                    escape(w.per_period),
                    bounds(&sen.slope, decimals.saturating_add(1), scale, lang)
                )
            }
            _ => escape(match series.no_trend() {
                Some(NoTrend::TooManyPeriods { .. }) => w.trend_long,
                Some(NoTrend::Constant) => w.trend_constant,
                Some(NoTrend::TooFewPeriods { .. }) => w.trend_short,
                _ => w.trend_not_computed,
            }),
        };
        let _ = writeln!(out, "<p class=\"verdict\">{words}</p>");
    }
    Ok(())
}

/// 6. The lowest elements, the units below the rest, and the quadrant when it can be drawn.
fn where_to_act(out: &mut String, doc: &Document<'_>, w: &Words) {
    let lang = doc.lang;
    if let Some(skm) = doc.skm {
        let _ = write!(out, "<h3>{}</h3>\n<ol>\n", escape(w.lowest_elements));
        for key in skm.follow_up.iter().take(3) {
            if let Some(e) = skm.elements.iter().find(|e| &e.key == key) {
                let _ = writeln!(
                    out,
                    "<li>{} {} — NRR {} ({} {})</li>",
                    escape(&e.code),
                    escape(&e.name),
                    num(e.nrr, 3, lang),
                    escape(w.ikm),
                    num(e.ikm, 2, lang)
                );
            }
        }
        out.push_str("</ol>\n");
    }
    let _ = writeln!(out, "<h3>{}</h3>", escape(w.below_rest));
    for (title, comparison) in &doc.findings {
        let rate = comparison.measure == Measure::Rate;
        let (scale, decimals) = if rate { (100.0, 1) } else { (1.0, 2) };
        let below: Vec<_> = comparison
            .groups
            .iter()
            .filter(|g| g.verdict == Verdict::Below)
            .collect();
        let _ = writeln!(out, "<h4>{}</h4>", escape(title));
        if below.is_empty() {
            // What the survey could have seen: a non-significant result is not "no difference".
            let detectable: Vec<f64> = comparison
                .groups
                .iter()
                .filter_map(|g| g.detectable)
                .map(|d| scale * d)
                .collect();
            let could = match (
                detectable.iter().copied().reduce(f64::min),
                detectable.iter().copied().reduce(f64::max),
            ) {
                (Some(low), Some(high)) => {
                    let points = match (rate, lang) {
                        (true, Lang::Id) => " poin",
                        (true, Lang::En) => " pts",
                        (false, _) => "",
                    };
                    let range = if num(low, decimals, lang) == num(high, decimals, lang) {
                        num(low, decimals, lang)
                    } else {
                        format!("{}–{}", num(low, decimals, lang), num(high, decimals, lang))
                    };
                    format!("; {} {range}{points} (power 80%)", w.could_detect)
                }
                _ => String::new(),
            };
            let _ = writeln!(out, "<p>{}{}</p>", escape(w.none_below), escape(&could));
            continue;
        }
        let _ = write!(
            out,
            "<table class=\"findings\">\n<thead><tr><th>{}</th><th>n</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            escape(w.unit),
            escape(w.score),
            escape(w.difference),
            escape(w.effect),
            escape(w.adjusted_p)
        );
        for g in below {
            let p = match comparison.options.adjustment() {
                crate::compare::Adjustment::Holm => g.p_holm,
                _ => g.p_bh,
            };
            let (unit, points) = match (rate, lang) {
                (true, Lang::Id) => ("%", " poin"),
                (true, Lang::En) => ("%", " pts"),
                (false, _) => ("", ""),
            };
            let effect = g.effect.map_or_else(
                || "—".to_owned(),
                |e| {
                    let name = if rate { "RR" } else { "g" };
                    format!(
                        "{name} {} {}",
                        num(e.estimate(), 2, lang),
                        bounds(&e, 2, 1.0, lang)
                    )
                },
            );
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td>{}</td><td>{}{unit}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&g.group),
                g.n,
                num(scale * g.estimate.estimate(), decimals, lang),
                g.difference.map_or_else(
                    || "—".to_owned(),
                    |d| format!(
                        "{}{points} {}",
                        num(scale * d.estimate(), decimals, lang),
                        bounds(&d, decimals, scale, lang)
                    )
                ),
                escape(&effect),
                p.map_or_else(|| "—".to_owned(), |p| p_value(p, lang))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        out,
        "<h4>{}</h4>\n<p>{}</p>",
        escape(w.importance),
        escape(w.not_collected)
    );
}

/// 7. The visits against the standards: a table per unit, the completion times, overcharges.
fn standards(out: &mut String, doc: &Document<'_>, w: &Words) -> Result<()> {
    let lang = doc.lang;
    if !doc.visits.is_empty() {
        let _ = write!(
            out,
            "<table class=\"visits\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            escape(w.unit),
            escape(w.visits),
            escape(w.on_time),
            escape(w.pending),
            escape(w.overcharged),
            escape(w.rated_top_two),
            escape(w.promises_kept)
        );
        for (unit, r) in &doc.visits {
            let on_time = r.speed.as_ref().and_then(|s| s.on_time_share);
            let pending = r.speed.as_ref().map_or(0, |s| s.pending);
            let overcharged = r.cost.as_ref().and_then(|c| c.overcharged);
            let rated = r
                .empathy
                .as_ref()
                .and_then(|e| e.ratings.as_ref())
                .map(|x| x.top_two);
            let kept = r.promises.as_ref().and_then(|p| p.all_kept);
            let _ = writeln!(
                out,
                "<tr><th>{}</th><td>{}</td><td>{}</td><td>{pending}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(unit),
                r.visits,
                share_cell(on_time.as_ref(), lang),
                share_cell(overcharged.as_ref(), lang),
                share_cell(rated.as_ref(), lang),
                share_cell(kept.as_ref(), lang)
            );
        }
        out.push_str("</tbody>\n</table>\n");
        let rows: Vec<(String, Share)> = doc
            .visits
            .iter()
            .filter_map(|(unit, r)| Some((unit.clone(), r.cost.as_ref()?.overcharged?)))
            .collect();
        if !rows.is_empty() {
            figure(out, &chart::shares(&rows, w.overcharge_by_unit, lang)?);
        }
        let promise_note = doc.visits.first().and_then(|(_, r)| {
            let p = r.promises.as_ref()?;
            let targets: Vec<String> = Promise::ALL
                .iter()
                .filter_map(|&promise| {
                    Some(format!(
                        "{} {}",
                        promise_name(promise, lang),
                        percent(p.promise(promise)?.target, lang)
                    ))
                })
                .collect();
            Some(format!("{}: {}", w.targets, targets.join(", ")))
        });
        if let Some(note) = promise_note {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&note));
        }
    }
    if !doc.completion.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>", escape(w.completion_times));
        for times in &doc.completion {
            figure(
                out,
                &chart::distribution(&times.minutes, times.standard_minutes, &times.service, lang)?,
            );
        }
    }
    Ok(())
}

/// 8. The suggestions per unit, the most frequent first.
fn saran(out: &mut String, doc: &Document<'_>, w: &Words) {
    for (unit, texts) in &doc.saran {
        let _ = writeln!(out, "<h3>{}</h3>", escape(unit));
        if texts.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape(w.no_saran));
            continue;
        }
        let mut counted: Vec<(&str, usize)> = Vec::new();
        for text in texts {
            let text = text.trim();
            match counted.iter_mut().find(|(t, _)| *t == text) {
                Some((_, n)) => *n = n.saturating_add(1),
                None => counted.push((text, 1)),
            }
        }
        counted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        out.push_str("<ul class=\"saran\">\n");
        for (text, n) in counted {
            let times = if n > 1 {
                format!(" (×{n})")
            } else {
                String::new()
            };
            let _ = writeln!(out, "<li>{}{times}</li>", escape(text));
        }
        out.push_str("</ul>\n");
    }
}

/// 9. The follow-up plan, pre-filled with the three lowest elements.
fn follow_up(out: &mut String, skm: &SkmReport, lang: Lang, w: &Words) {
    let _ = write!(
        out,
        "<table class=\"plan\">\n<thead><tr><th>{}</th><th>NRR</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(w.element),
        escape(w.grade),
        escape(w.action),
        escape(w.owner),
        escape(w.deadline)
    );
    for key in skm.follow_up.iter().take(3) {
        if let Some(e) = skm.elements.iter().find(|e| &e.key == key) {
            let _ = writeln!(
                out,
                "<tr><th>{} {}</th><td>{}</td><td>{}</td><td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td></tr>",
                escape(&e.code),
                escape(&e.name),
                num(e.nrr, 3, lang),
                escape(&e.mutu.to_string())
            );
        }
    }
    out.push_str("</tbody>\n</table>\n");
}

/// 10. The method.
fn method(out: &mut String, skm: &SkmReport, doc: &Document<'_>, w: &Words) {
    out.push_str("<ul class=\"method\">\n");
    for line in w.method_text {
        let _ = writeln!(out, "<li>{}</li>", escape(line));
    }
    out.push_str("</ul>\n");
    let weights: Vec<String> = skm
        .elements
        .iter()
        .map(|e| format!("{} {}", escape(&e.code), escape(&e.weight.to_string())))
        .collect();
    let _ = writeln!(out, "<p>{}: {}</p>", escape(w.weights), weights.join(", "));
    if let Some(printed) = &skm.printed {
        let _ = writeln!(
            out,
            "<p>Printed: {} ({})</p>",
            num(printed.ikm_rounded, 2, doc.lang),
            escape(&printed.mutu.to_string())
        );
    }
    if let Some(at) = &doc.as_of {
        let _ = writeln!(out, "<p>{}: {}</p>", escape(w.as_of), escape(at));
    }
}
