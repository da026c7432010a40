//! The report document (feature `html`): well-formed XML with every chart, the numbers of the
//! report it renders, text from the data escaped, and a golden file of a small survey so layout
//! changes are reviewed (`LAYANAN_BLESS=1 cargo test --all-features html` rewrites it).

use layanan::html::chart::{self, FunnelPoint};
use layanan::html::{CompletionTimes, Cover, Document, GroupScore, Lang};
use layanan::prelude::*;
use layanan::skm::ProfileTally;
use layanan::{
    Breakdown, GroupTally, Instrument, Level, Respondent, Scorecard, SkmAnswers, SkmResponse,
    SkmTally, compare_groups, compare_periods,
};
use quick_xml::Reader;
use quick_xml::events::Event;

/// Parses `xml` to the end: every tag closed, every entity known, no stray `<`.
#[track_caller]
fn well_formed(xml: &str) {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => {
                t.decode().unwrap_or_else(|e| panic!("bad text {t:?}: {e}"));
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().unwrap();
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_ref())
                        || name.starts_with('#'),
                    "unknown entity &{name};"
                );
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
}

/// A small survey: `n` questionnaires in two units with profiles, made up deterministically.
fn survey(n: u64, units: [&str; 2]) -> Vec<SkmResponse> {
    let skm = Instrument::permenpanrb_14_2017();
    (0..n)
        .map(|i| {
            let row: Vec<Option<i64>> = (0..9)
                .map(|e| (i + e) % 7 != 0)
                .enumerate()
                .map(|(e, answered)| answered.then_some(1 + ((i * 3 + e as u64) % 4) as i64))
                .collect();
            let who = Respondent::default()
                .with_age(18 + (i % 50) as i64)
                .unwrap();
            SkmResponse::new(SkmAnswers::from_values(&skm, &row).unwrap())
                .with_respondent(who)
                .with_unit(units[(i % 2) as usize])
                .unwrap()
                .with_service(if i % 3 == 0 { "ktp-el" } else { "akta" })
                .unwrap()
        })
        .collect()
}

/// The document of `responses`, every section that needs no visits.
fn document(responses: &[SkmResponse], lang: Lang) -> String {
    let mut tally = Breakdown::new(SkmTally::default());
    tally.push_all(responses).unwrap();
    let mut profile = ProfileTally::default();
    profile.push_all(responses).unwrap();
    let overall = tally.overall().unwrap().report().unwrap();
    let units: Vec<GroupScore> = tally
        .by_unit()
        .unwrap()
        .iter()
        .map(|(u, t)| GroupScore::of(u.clone(), &t.report().unwrap()))
        .collect();
    let groups = tally
        .by_unit()
        .unwrap()
        .into_iter()
        .map(|(u, t)| (u, GroupTally::ikm(t)));
    let comparison = compare_groups(groups, layanan::CompareOptions::default()).unwrap();
    let months = [
        ("2025-01", GroupTally::rate(40, 50)),
        ("2025-02", GroupTally::rate(42, 50)),
        ("2025-03", GroupTally::rate(45, 50)),
        ("2025-04", GroupTally::rate(47, 50)),
    ];
    let trend = compare_periods(months, Level::default()).unwrap();
    let profile = profile.report().unwrap();
    Document::new(
        lang,
        Cover::new("Kecamatan <Contoh> & Co", "Januari–April 2025"),
    )
    .as_of("2025-04-30 16:00 WIB")
    .skm(&overall)
    .profile(&profile)
    .units(units)
    .trend("On time", &trend)
    .finding("IKM", &comparison)
    .completion_times(CompletionTimes {
        service: "ktp-el".into(),
        standard_minutes: 60.0,
        minutes: (0..200).map(|i| f64::from(i % 90)).collect(),
    })
    .saran("kel-a", vec!["Antrean lama".into(), "Antrean lama".into()])
    .render()
    .unwrap()
}

#[test]
fn the_document_and_its_charts_are_well_formed() {
    for lang in [Lang::Id, Lang::En] {
        let html = document(&survey(120, ["kel-a", "kel-b"]), lang);
        well_formed(&html);
        assert_eq!(
            html.matches("<svg ").count(),
            5,
            "profile, elements, funnel, trend, times"
        );
        for section in [
            "id=\"profile\"",
            "id=\"elements\"",
            "id=\"ikm\"",
            "id=\"trends\"",
            "id=\"act\"",
            "id=\"standards\"",
            "id=\"saran\"",
            "id=\"follow-up\"",
            "id=\"method\"",
        ] {
            assert!(html.contains(section), "{lang:?}: {section}");
        }
        assert!(!html.contains("<script"), "no script");
        // Self-contained: nothing is loaded.
        for link in ["src=", "href=", "url(", "@import"] {
            assert!(!html.contains(link), "{lang:?}: {link}");
        }
    }
}

#[test]
fn the_tables_show_the_reports_numbers() {
    let responses = survey(120, ["kel-a", "kel-b"]);
    let mut tally = SkmTally::default();
    for r in &responses {
        tally.push(r).unwrap();
    }
    let report = tally.report().unwrap();
    let html = document(&responses, Lang::En);
    for e in &report.elements {
        let row_start = html
            .find(&format!("<tr data-element=\"{}\">", e.key))
            .unwrap_or_else(|| panic!("row of {}", e.key));
        let row = &html[row_start..html[row_start..].find("</tr>").unwrap() + row_start];
        let cells: Vec<&str> = row
            .split("<td")
            .skip(1)
            .map(|c| c.split('>').nth(1).unwrap().split('<').next().unwrap())
            .collect();
        let counts: Vec<String> = e.counts.iter().map(u64::to_string).collect();
        assert_eq!(cells[0], e.name, "{}", e.key);
        assert_eq!(cells[1], e.n.to_string(), "{}", e.key);
        assert_eq!(&cells[2..6], counts.as_slice(), "{}", e.key);
        assert_eq!(cells[6], format!("{:.3}", e.nrr), "{}", e.key);
        assert_eq!(cells[7], format!("{:.4}", e.weighted_nrr), "{}", e.key);
        assert_eq!(cells[8], format!("{:.2}", e.ikm), "{}", e.key);
        assert_eq!(cells[9], e.mutu.to_string(), "{}", e.key);
    }
    let foot = &html[html.find("<tfoot>").unwrap()..];
    assert!(foot.contains(&format!(
        "<td>{:.4}</td><td>{:.2}</td>",
        report.index, report.ikm_rounded
    )));
    // In Indonesian the same numbers carry a decimal comma.
    let id = document(&responses, Lang::Id);
    assert!(id.contains(&format!("{:.2}", report.ikm_rounded).replace('.', ",")));
}

#[test]
fn text_from_the_data_is_escaped() {
    let hostile = ["<script>alert(1)</script>", "kel-a\u{200b}"];
    let html = document(&survey(60, hostile), Lang::En);
    well_formed(&html);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("kel-a\\u{200b}"),
        "the invisible difference shows"
    );
    assert!(html.contains("Kecamatan &lt;Contoh&gt; &amp; Co"));
    let skm = Instrument::permenpanrb_14_2017();
    let mut tally = SkmTally::new(skm.clone());
    for row in [[4; 9], [3; 9], [4; 9]] {
        tally
            .push_answers(&skm.answers_from_row(&row).unwrap())
            .unwrap();
    }
    // A unit far outside the limits is named on the chart: as text, never as control.
    let far = FunnelPoint {
        name: "\u{1b}[31m<b>".into(),
        respondents: 50,
        ikm: 30.0,
    };
    let svg = chart::funnel(&[far], &tally.report().unwrap(), Lang::En).unwrap();
    well_formed(&svg);
    assert!(!svg.contains('\u{1b}'));
    assert!(svg.contains("\\u{1b}[31m&lt;b&gt;"));
}

#[test]
fn a_scorecard_section_renders_from_visit_reports() {
    let card = Scorecard::new(layanan::Standards::new());
    let visit = layanan::Interaction::builder(
        "ktp-el",
        "kel-a",
        "2025-03-04T08:00:00+07:00".parse().unwrap(),
    )
    .recommend(9)
    .build()
    .unwrap();
    let mut card = card;
    card.push(&visit).unwrap();
    let report = card.report().unwrap();
    let html = Document::new(Lang::Id, Cover::new("x", "y"))
        .visits([("kel-a".to_string(), &report)])
        .render()
        .unwrap();
    well_formed(&html);
    assert!(html.contains("id=\"standards\""));
}

/// Issue 15, item 17: a trend section without a test says why, in the document's language.
#[test]
fn a_missing_trend_gives_its_real_reason() {
    let tied = compare_periods(
        (1..=6).map(|m| (format!("2025-{m:02}"), GroupTally::rate(40, 50))),
        Level::default(),
    )
    .unwrap();
    let three = compare_periods(
        (1..=3).map(|m| (format!("2025-{m:02}"), GroupTally::rate(40 + m, 50))),
        Level::default(),
    )
    .unwrap();
    for (lang, constant, short) in [
        (
            Lang::En,
            "every period has the same estimate: there is no trend to test",
            "a trend test needs at least four periods",
        ),
        (
            Lang::Id,
            "semua periode bernilai sama: tidak ada tren untuk diuji",
            "uji tren memerlukan minimal empat periode",
        ),
    ] {
        let html = Document::new(lang, Cover::new("Kecamatan Contoh", "2025"))
            .trend("Tied", &tied)
            .trend("Short", &three)
            .render()
            .unwrap();
        well_formed(&html);
        assert!(html.contains(constant), "{lang:?}");
        assert!(html.contains(short), "{lang:?}");
    }
}

#[test]
fn the_golden_document_is_unchanged() {
    let path = format!(
        "{}/tests/fixtures/html/golden.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = document(&survey(40, ["kel-a", "kel-b"]), Lang::Id);
    if std::env::var_os("LAYANAN_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, &html).unwrap();
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} missing: run with LAYANAN_BLESS=1 once"));
    assert!(
        golden == html,
        "the document changed: review it, then rewrite {path} with LAYANAN_BLESS=1"
    );
}
