//! The report's charts as SVG, one call each, drawn with `plotters`' SVG backend.
//!
//! `plotters` lays out the axes, ticks and scales; the marks (bars, intervals, bands, limits)
//! are its elements in data coordinates. Category labels (element and unit names) are drawn at
//! the pixel positions `plotters` computes for each category, because its categorical axes
//! cannot place a long label beside a bar. Every text from the data is made visible
//! (control and invisible characters written out) before `plotters` escapes it for XML.
//!
//! Charts print in greyscale: dark bars, black intervals and limits, grade bands in light greys
//! labelled with their letter; no meaning rests on colour alone.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::escape::{escape, visible};
use super::words::Lang;
use crate::compare::{Measure, PeriodComparison};
use crate::error::{Error, Result};
use crate::model::GradeBands;
use crate::skm::{ProfileReport, SkmReport};
use crate::summary::Share;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Failure = Box<dyn std::error::Error>;

/// Bars and points.
const INK: RGBColor = RGBColor(38, 64, 96);
/// Lighter marks (small groups, secondary bars).
const MUTED: RGBColor = RGBColor(140, 150, 165);
/// Grade bands, A lightest.
const BANDS: [RGBColor; 4] = [
    RGBColor(242, 242, 242),
    RGBColor(226, 226, 226),
    RGBColor(208, 208, 208),
    RGBColor(188, 188, 188),
];
const FONT: &str = "sans-serif";

/// Draws a chart of `width` × `height` pixels and returns its SVG, with `title` as its
/// accessible title.
fn render(
    name: &str,
    title: &str,
    (width, height): (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> std::result::Result<(), Failure>,
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| failed(name, &e))?;
        draw(&root).map_err(|e| failed(name, e.as_ref()))?;
        root.present().map_err(|e| failed(name, &e))?;
    }
    // An accessible name, and a width that follows the page.
    let opening = svg.find('>').map_or(0, |i| i.saturating_add(1));
    svg.insert_str(opening, &format!("\n<title>{}</title>", escape(title)));
    Ok(svg.replacen("<svg ", "<svg role=\"img\" ", 1))
}

fn failed(chart: &str, e: &dyn std::error::Error) -> Error {
    Error::Chart {
        chart: chart.into(),
        reason: e.to_string(),
    }
}

/// `x` with `decimals` decimals, a decimal comma in Indonesian.
fn number(x: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{x:.decimals$}");
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Text from the data, fit to be drawn (made visible, shortened to `max` characters).
fn label(text: &str, max: usize) -> String {
    let shown = visible(text);
    if shown.chars().count() <= max {
        return shown.into_owned();
    }
    let mut cut: String = shown.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The grade bands of `bands` on 25–100: `(from, to, letter)`, D first.
fn grade_bands(bands: GradeBands) -> [(f64, f64, &'static str); 4] {
    let at = |hundredths: u32| f64::from(hundredths) / 100.0;
    [
        (25.0, at(bands.c_from), "D"),
        (at(bands.c_from), at(bands.b_from), "C"),
        (at(bands.b_from), at(bands.a_from), "B"),
        (at(bands.a_from), 100.0, "A"),
    ]
}

/// Horizontal bars of each element's IKM (NRR × 25) with its 95 % interval, over the grade bands.
///
/// ```
/// # #[cfg(feature = "html")] {
/// use layanan::html::{Lang, chart};
/// use layanan::{Instrument, SkmTally, Tally};
///
/// let skm = Instrument::permenpanrb_14_2017();
/// let mut tally = SkmTally::new(skm.clone());
/// for row in [[4, 3, 3, 4, 3, 3, 4, 3, 2], [3, 3, 2, 4, 4, 3, 4, 3, 3]] {
///     tally.push_answers(&skm.answers_from_row(&row)?)?;
/// }
/// let svg = chart::elements(&tally.report()?, Lang::Id)?;
/// assert!(svg.starts_with("<svg role=\"img\"") && svg.contains("Persyaratan"));
/// # }
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::Chart`] if the chart cannot be drawn.
pub fn elements(report: &SkmReport, lang: Lang) -> Result<String> {
    let w = lang.words();
    let k = report.elements.len();
    // At most 100 elements: 70 + 30 · 100 pixels.
    let height = u32::try_from(k)
        .unwrap_or(100)
        .min(100)
        .saturating_mul(30)
        .saturating_add(70);
    let title = format!("{}: {} (NRR × 25)", w.elements, w.ikm);
    render("elements", &title, (760, height), |root| {
        let (labels, plot) = root.split_horizontally(250);
        let top = k as f64;
        // Headroom above the bars for the bands' letters.
        let mut chart = ChartBuilder::on(&plot)
            .margin_top(6)
            .margin_right(20)
            .x_label_area_size(40)
            .build_cartesian_2d(25f64..100f64, 0f64..top + 0.7)?;
        for (from, to, letter) in grade_bands(report.bands) {
            let shade = match letter {
                "A" => BANDS[0],
                "B" => BANDS[1],
                "C" => BANDS[2],
                _ => BANDS[3],
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(from, 0.0), (to, top + 0.7)],
                shade.filled(),
            )))?;
            chart.draw_series(std::iter::once(Text::new(
                letter.to_string(),
                ((from + to) / 2.0, top + 0.55),
                (FONT, 13).into_font().color(&BLACK),
            )))?;
        }
        chart
            .configure_mesh()
            .disable_y_axis()
            .disable_mesh()
            .x_desc(format!("{} (25–100)", w.ikm))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .label_style((FONT, 13))
            .draw()?;
        for (i, e) in report.elements.iter().enumerate() {
            // First element on top.
            let y = top - i as f64 - 0.5;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(25.0, y - 0.3), (e.ikm, y + 0.3)],
                INK.filled(),
            )))?;
            if let Some(ci) = e.interval {
                let (lo, hi) = (25.0 * ci.lower(), 25.0 * ci.upper());
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(lo, y), (hi, y)],
                    BLACK.stroke_width(1),
                )))?;
                for x in [lo, hi] {
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(x, y - 0.15), (x, y + 0.15)],
                        BLACK.stroke_width(1),
                    )))?;
                }
            }
            let (_, py) = chart.backend_coord(&(25.0, y));
            labels.draw(&Text::new(
                format!("{} {}", e.code, label(&e.name, 34)),
                (6, py.saturating_sub(7)),
                (FONT, 13).into_font().color(&BLACK),
            ))?;
            let end = e
                .interval
                .map_or(e.ikm, |ci| (25.0 * ci.upper()).max(e.ikm));
            chart.draw_series(std::iter::once(Text::new(
                format!("{} {}", number(e.ikm, 2, lang), e.mutu),
                (end.max(25.0) + 0.6, y + 0.42),
                (FONT, 12).into_font().color(&BLACK),
            )))?;
        }
        Ok(())
    })
}

/// One group's IKM for a funnel plot: its name, respondents and IKM.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelPoint {
    /// The unit or service.
    pub name: String,
    /// Its respondents.
    pub respondents: u64,
    /// Its IKM, 25–100.
    pub ikm: f64,
}

/// A funnel plot: each group's IKM against its respondents, around the overall IKM with the
/// 95 % and 99.8 % limits `IKM ± z·σ/√n`, σ the respondents' standard deviation on the IKM
/// scale (the overall IKM's standard error × √respondents). Groups outside the 95 % limits are
/// named.
///
/// ```
/// # #[cfg(feature = "html")] {
/// use layanan::html::{Lang, chart};
/// use layanan::html::chart::FunnelPoint;
/// use layanan::{Instrument, SkmTally, Tally};
///
/// let skm = Instrument::permenpanrb_14_2017();
/// let mut tally = SkmTally::new(skm.clone());
/// for row in [[4, 3, 3, 4, 3, 3, 4, 3, 2], [3, 3, 2, 4, 4, 3, 4, 3, 3], [2, 3, 3, 3, 3, 3, 2, 3, 3]] {
///     tally.push_answers(&skm.answers_from_row(&row)?)?;
/// }
/// let overall = tally.report()?;
/// let units = [FunnelPoint { name: "kel-a".into(), respondents: 2, ikm: 80.6 }];
/// let svg = chart::funnel(&units, &overall, Lang::En)?;
/// assert!(svg.contains("<circle"));
/// # }
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::Chart`] if the chart cannot be drawn.
pub fn funnel(groups: &[FunnelPoint], overall: &SkmReport, lang: Lang) -> Result<String> {
    let w = lang.words();
    let centre = overall.ikm;
    let sigma = overall
        .standard_error
        .map(|se| se * (overall.respondents as f64).sqrt());
    let most = groups
        .iter()
        .map(|g| g.respondents)
        .max()
        .unwrap_or(1)
        .max(10) as f64
        * 1.05;
    let (low, high) = groups.iter().fold((centre, centre), |(lo, hi), g| {
        (lo.min(g.ikm), hi.max(g.ikm))
    });
    let pad = ((high - low) * 0.15).max(3.0);
    let (y0, y1) = ((low - pad).max(25.0), (high + pad).min(100.0));
    render("funnel", w.funnel, (760, 420), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..most, y0..y1)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc(w.respondents)
            .y_desc(w.ikm)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style((FONT, 13))
            .draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, centre), (most, centre)],
            BLACK.stroke_width(1),
        )))?;
        if let Some(sigma) = sigma {
            for (z, dash) in [(1.959_963_984_540_054, 6), (3.090_232_306_167_813_5, 2)] {
                for side in [-1.0, 1.0] {
                    let points: Vec<(f64, f64)> = (2..=200)
                        .map(|i| {
                            let n = most * f64::from(i) / 200.0;
                            (n, (centre + side * z * sigma / n.sqrt()).clamp(y0, y1))
                        })
                        .filter(|&(n, _)| n >= 2.0)
                        .collect();
                    chart.draw_series(std::iter::once(DashedPathElement::new(
                        points,
                        dash,
                        4,
                        BLACK.stroke_width(1),
                    )))?;
                }
            }
        }
        for g in groups {
            let n = g.respondents as f64;
            let outside = sigma.is_some_and(|s| {
                n >= 1.0 && (g.ikm - centre).abs() > 1.959_963_984_540_054 * s / n.sqrt()
            });
            let colour = if g.respondents < 30 { MUTED } else { INK };
            chart.draw_series(std::iter::once(Circle::new((n, g.ikm), 4, colour.filled())))?;
            if outside {
                // Named beside the point, on its left near the right edge.
                let anchor = if n > most * 0.75 {
                    Pos::new(HPos::Right, VPos::Center)
                } else {
                    Pos::new(HPos::Left, VPos::Center)
                };
                let shift = if n > most * 0.75 { -0.012 } else { 0.012 } * most;
                chart.draw_series(std::iter::once(Text::new(
                    label(&g.name, 24),
                    (n + shift, g.ikm),
                    (FONT, 12).into_font().color(&BLACK).pos(anchor),
                )))?;
            }
        }
        Ok(())
    })
}

/// One score per period with its interval, as a line: the periods' estimates joined, each
/// with its interval. Shares are drawn in percent.
///
/// ```
/// # #[cfg(feature = "html")] {
/// use layanan::html::{Lang, chart};
/// use layanan::{GroupTally, Level, compare_periods};
///
/// let months = [("2025-01", GroupTally::rate(140, 200)), ("2025-02", GroupTally::rate(150, 200))];
/// let trend = compare_periods(months, Level::default())?;
/// let svg = chart::trend(&trend, "On time", Lang::En)?;
/// assert!(svg.contains("2025-02"));
/// # }
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::Chart`] if the chart cannot be drawn.
pub fn trend(series: &PeriodComparison, title: &str, lang: Lang) -> Result<String> {
    let w = lang.words();
    let scale = if series.measure == Measure::Rate {
        100.0
    } else {
        1.0
    };
    let points: Vec<(f64, f64, f64, f64)> = series
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                i as f64,
                scale * p.estimate.estimate(),
                scale * p.estimate.lower(),
                scale * p.estimate.upper(),
            )
        })
        .collect();
    let (low, high) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.2), hi.max(p.3))
        });
    let (low, high) = if low.is_finite() {
        (low, high)
    } else {
        (0.0, 1.0)
    };
    let pad = ((high - low) * 0.1).max(0.5);
    let n = points.len().max(1) as f64;
    let names: Vec<String> = series
        .periods
        .iter()
        .map(|p| label(&p.period, 12))
        .collect();
    let every = (names.len() / 12).max(1);
    render("trend", title, (760, 320), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.5f64..n - 0.5, (low - pad)..(high + pad))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(names.len().clamp(2, 12))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 1e-9 || i < 0.0 {
                    return String::new();
                }
                let i = i as usize;
                if !i.is_multiple_of(every) {
                    return String::new();
                }
                names.get(i).cloned().unwrap_or_default()
            })
            .y_desc(if scale > 1.0 { "%" } else { w.ikm })
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style((FONT, 12))
            .light_line_style(WHITE)
            .draw()?;
        chart.draw_series(std::iter::once(PathElement::new(
            points.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(),
            INK.stroke_width(2),
        )))?;
        for &(x, y, lo, hi) in &points {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, lo), (x, hi)],
                BLACK.stroke_width(1),
            )))?;
            chart.draw_series(std::iter::once(Circle::new((x, y), 3, INK.filled())))?;
        }
        Ok(())
    })
}

/// Horizontal bars of shares with their Wilson intervals, in percent: one per named group.
///
/// # Errors
/// [`Error::Chart`] if the chart cannot be drawn.
pub fn shares(rows: &[(String, Share)], title: &str, lang: Lang) -> Result<String> {
    let k = rows.len();
    let top = k as f64;
    let most = rows
        .iter()
        .map(|(_, s)| 100.0 * s.interval.upper())
        .fold(1.0f64, f64::max);
    let most = (most * 1.15).clamp(5.0, 100.0);
    let height = u32::try_from(k)
        .unwrap_or(200)
        .min(200)
        .saturating_mul(26)
        .saturating_add(80);
    render("shares", title, (760, height), |root| {
        let (labels, plot) = root.split_horizontally(210);
        let mut chart = ChartBuilder::on(&plot)
            .margin_top(34)
            .margin_right(20)
            .x_label_area_size(36)
            .caption(label(title, 80), (FONT, 15))
            .build_cartesian_2d(0f64..most, 0f64..top.max(1.0))?;
        chart
            .configure_mesh()
            .disable_y_axis()
            .disable_y_mesh()
            .x_desc("%")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .label_style((FONT, 12))
            .light_line_style(WHITE)
            .draw()?;
        for (i, (name, share)) in rows.iter().enumerate() {
            let y = top - i as f64 - 0.5;
            let colour = if share.of < 30 { MUTED } else { INK };
            let rate = 100.0 * share.rate();
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, y - 0.3), (rate, y + 0.3)],
                colour.filled(),
            )))?;
            let (lo, hi) = (
                100.0 * share.interval.lower(),
                100.0 * share.interval.upper(),
            );
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(lo, y), (hi, y)],
                BLACK.stroke_width(1),
            )))?;
            chart.draw_series(std::iter::once(Text::new(
                format!("{}%  ({}/{})", number(rate, 1, lang), share.count, share.of),
                (hi + most * 0.01, y + 0.4),
                (FONT, 11).into_font().color(&BLACK),
            )))?;
            let (_, py) = chart.backend_coord(&(0.0, y));
            labels.draw(&Text::new(
                label(name, 26),
                (6, py.saturating_sub(7)),
                (FONT, 13).into_font().color(&BLACK),
            ))?;
        }
        Ok(())
    })
}

/// A histogram of durations in minutes with the standard marked (dashed), drawn up to the
/// 99th percentile so one extreme case does not flatten the rest (the title says how many
/// longer ones are not drawn).
///
/// # Errors
/// [`Error::Chart`] if the chart cannot be drawn.
pub fn distribution(minutes: &[f64], standard: f64, title: &str, lang: Lang) -> Result<String> {
    let w = lang.words();
    let mut sorted: Vec<f64> = minutes.iter().copied().filter(|m| m.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let p99 = sorted
        .get((sorted.len() as f64 * 0.99) as usize)
        .or(sorted.last())
        .copied()
        .unwrap_or(standard);
    let right = p99.max(standard * 1.1).max(1.0);
    let bins = 40usize;
    let width = right / bins as f64;
    let mut counts = vec![0u64; bins];
    let mut beyond = 0usize;
    for &m in &sorted {
        if m > right {
            beyond = beyond.saturating_add(1);
            continue;
        }
        let i = ((m / width) as usize).min(bins.saturating_sub(1));
        if let Some(c) = counts.get_mut(i) {
            *c = c.saturating_add(1);
        }
    }
    let most = counts.iter().copied().max().unwrap_or(1).max(1) as f64 * 1.1;
    let within = sorted.iter().filter(|&&m| m <= standard).count();
    let share = if sorted.is_empty() {
        0.0
    } else {
        100.0 * within as f64 / sorted.len() as f64
    };
    let beyond = if beyond > 0 {
        format!("; {beyond} {}", w.not_shown)
    } else {
        String::new()
    };
    let caption = format!(
        "{} — {}% ≤ {standard:.0} {} ({}{beyond})",
        label(title, 50),
        number(share, 1, lang),
        w.minutes,
        w.standard_line
    );
    render("distribution", &caption, (760, 300), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .caption(caption.clone(), (FONT, 14))
            .x_label_area_size(36)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..right, 0f64..most)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(w.minutes)
            .y_desc(w.visits)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style((FONT, 12))
            .light_line_style(WHITE)
            .draw()?;
        for (i, &c) in counts.iter().enumerate() {
            let x0 = i as f64 * width;
            let colour = if x0 + width <= standard { INK } else { MUTED };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, 0.0), (x0 + width * 0.92, c as f64)],
                colour.filled(),
            )))?;
        }
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(standard, 0.0), (standard, most)],
            6,
            4,
            BLACK.stroke_width(2),
        )))?;
        Ok(())
    })
}

/// Bars of the respondents' answers to one profile question (the blank answers last).
///
/// # Errors
/// [`Error::Chart`] if the chart cannot be drawn.
pub fn profile(report: &ProfileReport, lang: Lang) -> Result<String> {
    let w = lang.words();
    let blank = |v: Option<String>| v.unwrap_or_else(|| w.not_stated.to_owned());
    let questions: [(&str, Vec<(String, u64)>); 4] = [
        (
            w.gender,
            report
                .gender
                .iter()
                .map(|c| (blank(c.value.map(|v| v.to_string())), c.count))
                .collect(),
        ),
        (
            w.age,
            report
                .age
                .iter()
                .map(|c| (blank(c.value.map(|v| v.to_string())), c.count))
                .collect(),
        ),
        (
            w.education,
            report
                .education
                .iter()
                .map(|c| (blank(c.value.map(|v| v.to_string())), c.count))
                .collect(),
        ),
        (
            w.occupation,
            report
                .occupation
                .iter()
                .map(|c| (blank(c.value.map(|v| v.to_string())), c.count))
                .collect(),
        ),
    ];
    let n = report.respondents.max(1) as f64;
    render("profile", w.profile, (760, 520), |root| {
        let panels = root.split_evenly((2, 2));
        for (panel, (question, counts)) in panels.iter().zip(questions.iter()) {
            let most = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1) as f64 * 1.25;
            let k = counts.len() as f64;
            let (labels, plot) = panel.split_horizontally(90);
            let mut chart = ChartBuilder::on(&plot)
                .margin(8)
                .caption(*question, (FONT, 14))
                .x_label_area_size(24)
                .build_cartesian_2d(0f64..most, 0f64..k)?;
            chart
                .configure_mesh()
                .disable_y_axis()
                .disable_mesh()
                .x_labels(4)
                .x_label_formatter(&|x| format!("{x:.0}"))
                .label_style((FONT, 11))
                .draw()?;
            for (i, (name, count)) in counts.iter().enumerate() {
                let y = k - i as f64 - 0.5;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y - 0.32), (*count as f64, y + 0.32)],
                    INK.filled(),
                )))?;
                chart.draw_series(std::iter::once(Text::new(
                    format!("{count} ({:.0}%)", 100.0 * *count as f64 / n),
                    (*count as f64 + most * 0.02, y + 0.35),
                    (FONT, 11).into_font().color(&BLACK),
                )))?;
                let (_, py) = chart.backend_coord(&(0.0, y));
                let (_, top) = labels.get_base_pixel();
                labels.draw(&Text::new(
                    label(name, 12),
                    (4, py.saturating_sub(top).saturating_sub(6)),
                    (FONT, 11).into_font().color(&BLACK),
                ))?;
            }
        }
        Ok(())
    })
}
