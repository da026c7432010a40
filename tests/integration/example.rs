//! The report example, run as a user would run it, on small files whose results are worked out
//! by hand.
//!
//! `tests/fixtures/report/skm.csv` has four questionnaires (one blank). NRRs overall:
//! U1 12/4 = 3, U2 13/4, U3 10/3 (one blank), U4 15/4, U5 13/4, U6 13/4, U7 12/4, U8 13/4,
//! U9 11/4; their sum is 173/6, the index 173/54 = 3.203704 and the IKM 80.0926 → 80.09 (B).
//! unit-a: every NRR (4 + 3)/2 = 3.5 → 87.50 (B). unit-b: NRRs 2.5, 3, 3, 4, 3, 3, 2.5, 3, 2 sum
//! to 26 → 26/9·25 = 72.22 (C).
//!
//! Bad files (each with its line and column), blank lines and nonsensical arguments are in the
//! bad-input catalogue, `hostile::files`, which runs the example through [`run`].

use std::path::PathBuf;
use std::process::{Command, Output};

/// The example binary cargo built next to this test binary (`cargo test` builds examples).
fn report_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary has a path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lives in target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join(format!("report{}", std::env::consts::EXE_SUFFIX));
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| panic!("example not built: {}", binary.display()));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let newest_source = ["src", "examples/report", "examples/data"]
        .iter()
        .filter_map(|dir| newest(&root.join(dir)))
        .max();
    // `cargo test` builds the examples, `cargo test --test integration` does not: refuse to
    // test a stale binary.
    assert!(
        newest_source.is_none_or(|t| t <= built),
        "{} is older than its sources: run `cargo test` without --test, or `cargo build --example report` first",
        binary.display()
    );
    binary
}

/// The newest modification time of the files under `dir`.
fn newest(dir: &std::path::Path) -> Option<std::time::SystemTime> {
    let mut newest = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let time = if path.is_dir() {
            self::newest(&path)
        } else {
            entry.metadata().and_then(|m| m.modified()).ok()
        };
        newest = newest.max(time);
    }
    newest
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/report/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Writes `contents` to a file of this name in a folder of this test process, and returns its
/// path.
pub(crate) fn file(name: &str, contents: &[u8]) -> String {
    let dir: PathBuf = std::env::temp_dir().join(format!("layanan-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temporary file");
    path.to_str().expect("UTF-8 path").to_string()
}

pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(report_binary())
        .args(args)
        .output()
        .expect("the example runs")
}

pub(crate) fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn scores_a_small_survey_as_worked_by_hand() {
    let out = stdout(&run(&["--skm", &fixture("skm.csv")]));
    assert!(out.contains("Responden: 4 (3 lengkap)"), "{out}");
    assert!(out.contains("Nilai indeks        3.2037"), "{out}");
    assert!(out.contains("IKM (NIK)           80.09"), "{out}");
    assert!(out.contains("Mutu pelayanan      B (Baik)"), "{out}");
    let unit_a = out
        .lines()
        .find(|l| l.starts_with("unit-a"))
        .expect("unit-a row");
    assert!(
        unit_a.contains("87.50") && unit_a.contains(" B "),
        "{unit_a}"
    );
    let unit_b = out
        .lines()
        .find(|l| l.starts_with("unit-b"))
        .expect("unit-b row");
    assert!(
        unit_b.contains("72.22") && unit_b.contains(" C "),
        "{unit_b}"
    );
    // U3 has 3 answers: 4, 3, 3.
    let u3 = out.lines().find(|l| l.starts_with("U3 ")).expect("U3 row");
    assert!(u3.contains("3.333") && u3.contains("  3 "), "{u3}");
}

#[test]
fn reproduces_a_printout_and_checks_the_sample_size() {
    // 0.11 × 173/6 × 25 = 79.2917 → 79.29; with NRRs rounded first (U3 3.33): 0.11 × 28.83 × 25
    // = 79.2825 → 79.28.
    let out = stdout(&run(&[
        "--skm",
        &fixture("skm.csv"),
        "--printed-weight",
        "0.11",
        "--population",
        "100",
    ]));
    assert!(
        out.contains("Printed IKM         79.29 (B, weight 0.11"),
        "{out}"
    );
    assert!(
        out.contains("4 of 80 required for a population of 100"),
        "{out}"
    );
    assert!(out.contains("NOT met"), "{out}");
    let out = stdout(&run(&[
        "--skm",
        &fixture("skm.csv"),
        "--printed-weight",
        "0.11",
        "--nrr-rounding",
        "round",
    ]));
    assert!(out.contains("Printed IKM         79.28"), "{out}");
}

#[test]
fn the_embedded_sample_city_is_scored() {
    let out = stdout(&run(&[]));
    assert!(
        out.contains(
            "700 SKM questionnaires (0 blank), 2400 visits, 8 service standards, 150 complaints"
        ),
        "{out}"
    );
    assert!(out.contains("IKM (NIK)           81.72"), "{out}");
    assert!(out.contains("judged as of 2025-12-31 13:28 WIB"), "{out}");
    assert!(out.contains("legalisir (76 visits)"), "{out}");
    // Pending and late counts, coverage, both empathy sources, the weakest promise.
    let all = line(&out, "all ");
    assert!(
        all.contains("2310 (96%)") && all.contains("369 (8 open)"),
        "{all}"
    );
    assert!(
        out.contains("courtesy (SKM)") && out.contains("rated 4–5 of 5"),
        "{out}"
    );
    assert!(out.contains("weakest promise"), "{out}");
    // Where to act: the slow office is significantly below the rest on time, and on the IKM.
    let on_time = after(
        &out,
        "on time (share of judged visits finished within the standard):",
    );
    assert!(on_time.contains("\n  kel-mekarsari 51.6%"), "{on_time}");
    let ikm = after(&out, "IKM (SKM index, 25–100):");
    assert!(ikm.contains("kel-mekarsari 72.68"), "{ikm}");
    assert!(
        out.contains("trend: no significant trend (Mann–Kendall p = "),
        "{out}"
    );
    // Complaint categories with their targets, and suggestions.
    assert!(out.contains("berat 60wd, ringan 5wd, sedang 14wd"), "{out}");
    assert!(out.contains("== Saran dan masukan"), "{out}");
}

/// The first line of `out` starting with `prefix`.
fn line(out: &str, prefix: &str) -> String {
    out.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in\n{out}"))
        .to_string()
}

/// The lines after the one starting with `heading`, up to the next line not indented.
fn after(out: &str, heading: &str) -> String {
    let mut lines = out.lines().skip_while(|l| !l.starts_with(heading));
    let first = lines
        .next()
        .unwrap_or_else(|| panic!("no {heading:?} in\n{out}"));
    let rest: Vec<&str> = lines.take_while(|l| l.starts_with("  ")).collect();
    format!("{}\n{}", first.trim_start_matches(heading), rest.join("\n"))
        .trim_start_matches('\n')
        .to_string()
}

#[cfg(feature = "serde")]
#[test]
fn json_output_parses_and_carries_the_numbers() {
    let out = stdout(&run(&["--skm", &fixture("skm.csv"), "--json"]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let overall = &value["skm"]["overall"];
    assert_eq!(overall["ikm_rounded"], serde_json::json!(80.09));
    assert_eq!(overall["mutu"], "B");
    let units = value["skm"]["by_unit"].as_array().expect("units");
    assert_eq!(units[1][0], "unit-b");
    assert_eq!(units[1][1]["mutu"], "C");
    // The comparisons and trends the text shows are in the JSON too.
    let out = stdout(&run(&["--json"]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(
        value["where_to_act"]
            .as_array()
            .is_some_and(|a| a.len() == 5)
    );
    assert!(value["trends"].as_array().is_some_and(|a| a.len() == 5));
    assert_eq!(value["as_of_local"], "2025-12-31 13:28 WIB");
    let promises = &value["visits"]["overall"]["promises"];
    assert_eq!(promises["weakest"]["Promise"], "Courteous", "{promises}");
}

/// `tests/fixtures/report/interactions.csv` with its standards, complaints and one holiday
/// (Tuesday 2025-03-11), worked by hand, as of the data's end (Friday 14 March 10:00):
///
/// * speed: ktp (60 min) visits take 40, 90 and 50 minutes; izin (3 working days) visits run
///   from Friday 7 March to Wednesday 12 (Monday, Wednesday: 2 working days, the 11th being a
///   holiday) and to Friday 14 (4); legalisir has no standard. On time 3 of 5 = 60.0 %.
/// * cost: five judged visits (legalisir has no standard), all free; one paid Rp 20.000:
///   overcharged 1 of 5.
/// * empathy: ratings 5 4 2 3 4 5 on 1–5: 4 of 6 rated 4–5; SKM courtesy answers 4 and 2:
///   NRR 3 → 75.00 (C); complaint handling 4 and 1: 2.5 → 62.50 (D).
/// * promises: visit 1 keeps all; 2 late; 3 overcharged and rated 2; 4 rated 3; 5 late;
///   legalisir's 6 is judged on courtesy alone (rated 5): kept. Every promise kept 2 of 6.
/// * NPS: 10 9 3 7 8 10 → 3 promoters, 1 detractor of 6 → +33.3.
/// * complaints (response 3, resolution 5 working days): unit-a's resolved the next day;
///   unit-b's first took 8 working days; its second, filed Monday 10 March, is due (with the
///   holiday) only on Tuesday 18: pending, not late. Resolved in time 1 of 2 judged.
#[test]
fn scores_speed_cost_empathy_and_complaints_as_worked_by_hand() {
    let out = stdout(&run(&[
        "--interactions",
        &fixture("interactions.csv"),
        "--standards",
        &fixture("standards.csv"),
        "--complaints",
        &fixture("complaints.csv"),
        "--holidays",
        &fixture("holidays.csv"),
    ]));
    assert!(out.contains("judged as of 2025-03-14 10:00 WIB"), "{out}");
    let sections: Vec<&str> = out.split("\n== ").collect();
    let section = |title: &str| -> String {
        sections
            .iter()
            .find(|s| s.starts_with(title))
            .unwrap_or_else(|| panic!("no section {title:?} in\n{out}"))
            .to_string()
    };
    let speed = section("Fast");
    let all = line(&speed, "all*");
    assert!(
        all.contains("5 (83%)") && all.contains("60.0% [23.1, 88.2]"),
        "{all}"
    );
    assert!(all.contains("2 (0 open)"), "{all}");
    assert!(speed.contains("legalisir (1 visits)"), "{speed}");
    let cost = section("Cheap");
    assert!(line(&cost, "all*").contains("20.0% [3.6, 62.4]"), "{cost}");
    assert!(line(&cost, "all*").contains("Rp 20.000"), "{cost}");
    let pleasant = section("Pleasant");
    let all = line(&pleasant, "all*");
    assert!(
        all.contains("66.7%") && all.contains("75.00 C (n 2)"),
        "{all}"
    );
    assert!(all.contains("62.50 D (n 2)"), "{all}");
    let promises = section("Promises");
    assert!(
        line(&promises, "all*").contains("33.3% [9.7, 70.0]"),
        "{promises}"
    );
    assert!(line(&promises, "legalisir*").contains("every measured promise meets its target"));
    assert!(line(&section("Would"), "all*").contains("+33.3"));
    let complaints = section("Complaints");
    let all = line(&complaints, "all ");
    assert!(
        all.contains("50.0% [9.5, 90.5]") && all.contains(" 1 "),
        "{all}"
    );
    let b = line(&complaints, "unit-b ");
    assert!(b.contains("0.0% [0.0, 79.3]") && b.contains("264.0"), "{b}");
}

/// Superlatives only for a unit significantly below the rest: the single unit of a file is
/// never "the slowest", nor "the most overcharging".
#[test]
fn no_superlative_without_a_significant_difference() {
    let out = stdout(&run(&[
        "--interactions",
        &fixture("interactions.csv"),
        "--standards",
        &fixture("standards.csv"),
    ]));
    for word in ["Slowest", "Most overcharging", "Least courteous", "Lowest"] {
        assert!(!out.contains(word), "{word} in\n{out}");
    }
    assert!(out.contains("none significantly below the rest"), "{out}");
    // Every share says what it counts and which way is good, in percent.
    assert!(
        out.contains("overcharged") && out.contains("on time"),
        "{out}"
    );
    assert!(!out.contains("score 83.3"), "{out}");
}

/// `--html` writes the published report of the embedded sample city: every section, in
/// Indonesian by default and in English with `--lang en`.
#[cfg(feature = "html")]
#[test]
fn the_sample_city_as_an_html_document() {
    let dir = std::env::temp_dir().join(format!("layanan-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (lang, title) in [
        ("id", "Laporan Hasil Survei Kepuasan Masyarakat"),
        ("en", "Public Satisfaction Survey Report"),
    ] {
        let path = dir.join(format!("report-{lang}.html"));
        let output = run(&["--html", path.to_str().unwrap(), "--lang", lang]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let html = std::fs::read_to_string(&path).unwrap();
        assert!(html.contains(title), "{lang}");
        for section in [
            "profile",
            "elements",
            "ikm",
            "trends",
            "act",
            "standards",
            "saran",
            "follow-up",
            "method",
        ] {
            assert!(
                html.contains(&format!("id=\"{section}\"")),
                "{lang}: {section}"
            );
        }
        // Ten numbered sections: the cover, then 2 to 10.
        assert!(html.contains("<h2>10. "), "{lang}");
        assert!(
            html.contains("81,72") || html.contains("81.72"),
            "{lang}: the IKM"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// =============================================================================================
// Issue 15, items 14–18: the report as users run it
// =============================================================================================

const VISITS_HEADER: &str =
    "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid";

/// A visit of `service` at `unit` on day `day` of `month` in `year`, finished after `minutes`.
fn visit_row(
    id: usize,
    unit: &str,
    (year, month, day): (u32, u32, u32),
    minutes: u32,
    paid: u64,
) -> String {
    let (h, m) = (8 + minutes / 60, minutes % 60);
    format!(
        "{id},ktp,{unit},counter,{year}-{month:02}-{day:02}T08:00:00+07:00,\
         {year}-{month:02}-{day:02}T08:00:00+07:00,{year}-{month:02}-{day:02}T{h:02}:{m:02}:00+07:00,0,{paid}"
    )
}

/// The section of a report whose heading starts with `heading`, up to the next section.
fn section(out: &str, heading: &str) -> String {
    let mut lines = out.lines().skip_while(|l| !l.starts_with(heading));
    let first = lines
        .next()
        .unwrap_or_else(|| panic!("no {heading:?} in\n{out}"));
    let rest: Vec<&str> = lines.take_while(|l| !l.starts_with("== ")).collect();
    format!("{first}\n{}", rest.join("\n"))
}

/// The lines of a report that mention `text`.
fn lines_with<'a>(out: &'a str, text: &str) -> Vec<&'a str> {
    out.lines().filter(|l| l.contains(text)).collect()
}

/// Item 14: two visits paying near `u64::MAX` on a free service are reported, their excess
/// summed exactly (2⁶⁵ − 3) and, in the JSON, the median exact too (2⁵³ + 1 is no `f64`).
#[test]
fn money_near_u64_max_is_reported_exactly() {
    let rows = [
        visit_row(1, "kel-a", (2025, 3, 3), 30, u64::MAX),
        visit_row(2, "kel-a", (2025, 3, 3), 30, u64::MAX - 1),
        visit_row(3, "kel-b", (2025, 3, 3), 30, (1 << 53) + 1),
    ];
    let visits = file(
        "big_money.csv",
        format!("{VISITS_HEADER}\n{}\n", rows.join("\n")).as_bytes(),
    );
    let args = [
        "--interactions",
        &visits,
        "--standards",
        &fixture("standards.csv"),
    ];
    let out = stdout(&run(&args));
    // 2⁶⁴ − 1 + 2⁶⁴ − 2 = 36 893 488 147 419 103 229; with 2⁵³ + 1, 36 902 495 346 673 844 222.
    let cheap = section(&out, "== Cheap");
    for (unit, total) in [
        ("kel-a*", "Rp 36.893.488.147.419.103.229"),
        ("kel-b*", "Rp 9.007.199.254.740.993"),
        ("all*", "Rp 36.902.495.346.673.844.222"),
    ] {
        assert!(line(&cheap, unit).contains(total), "{unit}: {cheap}");
    }
    if cfg!(feature = "serde") {
        let mut json_args = args.to_vec();
        json_args.push("--json");
        let json = stdout(&run(&json_args));
        assert!(
            json.contains("\"excess_median\": 9007199254740993"),
            "{json}"
        );
        assert!(
            json.contains("\"excess_total\": 36893488147419103229"),
            "{json}"
        );
    }
}

/// Item 15: with `--instrument 2004`, the answers given with visits are read and scored with
/// the 2004 instrument (14 elements), and "where to act" compares units on its IKM.
#[test]
fn the_2004_instrument_scores_the_answers_given_with_visits() {
    let mut skm =
        String::from("service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12,u13,u14\n");
    let mut visits = format!("{VISITS_HEADER},u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12,u13,u14\n");
    for day in 1..=6 {
        for (unit, answers) in [
            ("kel-a", "4,3,3,4,3,4,4,3,3,4,3,3,4,3"),
            ("kel-b", "2,2,3,2,3,2,2,3,2,2,3,2,2,2"),
        ] {
            skm.push_str(&format!(
                "ktp,{unit},2025-01-0{day}T09:00:00+07:00,{answers}\n"
            ));
            let row = visit_row(visits.lines().count(), unit, (2025, 1, day), 30, 0);
            visits.push_str(&format!("{row},{answers}\n"));
        }
    }
    let skm = file("skm_2004.csv", skm.as_bytes());
    let visits = file("visits_2004.csv", visits.as_bytes());
    let out = stdout(&run(&[
        "--instrument",
        "2004",
        "--skm",
        &skm,
        "--interactions",
        &visits,
    ]));
    assert!(!out.contains("error"), "{out}");
    assert!(
        out.contains("KepMenPAN 25/2004") && out.contains("\nU14 "),
        "the 2004 instrument's fourteen elements: {out}"
    );
    let act = section(&out, "== Where to act");
    assert!(act.contains("IKM (SKM index, 25–100)"), "{act}");
}

/// Item 15: help is not an error; an unknown flag, a weight that stands for nothing, an
/// instrument that does not exist, `--lang` without `--html` and a repeated `--json` are
/// refused with exit status 1 and say why.
#[test]
fn flags_that_make_no_sense_are_refused() {
    for help in ["--help", "-h"] {
        let output = run(&[help]);
        assert_eq!(output.status.code(), Some(0), "{help}");
        assert!(
            String::from_utf8_lossy(&output.stdout).starts_with("usage: report"),
            "{help}"
        );
        assert!(output.stderr.is_empty(), "{help}");
    }
    for (args, message) in [
        (
            &["--frobnicate"][..],
            "error: unknown argument `--frobnicate`\nusage: report",
        ),
        (
            &["--printed-weight", "1"][..],
            "error: invalid weight 1: a printed weight stands for 1/9",
        ),
        (
            &["--instrument", "2019"][..],
            "error: --instrument must be 2017 or 2004, got `2019`",
        ),
        (
            &["--lang", "en"][..],
            "error: --lang is the language of the HTML document: give --html FILE too",
        ),
        (
            &["--json", "--json"][..],
            "error: --json is given more than once",
        ),
        (&["--as-of", "soon"][..], "error: --as-of: "),
    ] {
        let output = run(args);
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

/// Item 16: text from the data (unit, service and channel names, suggestions, a column name
/// in an error) never reaches the terminal as control characters, and invisible differences
/// (a zero-width space, a no-break space) are written out, in every section.
#[test]
fn text_from_the_data_is_shown_never_run() {
    let (esc, zw, nbsp) = ("\u{1b}[31m", "\u{200b}", "\u{a0}");
    let units = [
        format!("kel-a{zw}"),
        format!("{esc}kel-red"),
        format!("kel{nbsp}b"),
        "kel b".to_string(),
    ];
    let mut skm = String::from("service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,saran\n");
    let mut visits = format!("{VISITS_HEADER},u7,empathy,recommend\n");
    let mut complaints =
        String::from("unit,service,filed_at,first_response_at,resolved_at,category\n");
    for unit in &units {
        for month in 1..=5 {
            skm.push_str(&format!("ktp{zw},{unit},2025-0{month}-03T09:00:00+07:00,3,3,3,3,3,3,3,3,3,saran {esc}merah\n"));
            let row = visit_row(
                visits.lines().count(),
                unit,
                (2025, month, 3),
                20 * month,
                1_000,
            );
            visits.push_str(&format!("{row},3,4,9\n"));
        }
        complaints.push_str(&format!(
            "{unit},ktp{zw},2025-03-03T09:00:00+07:00,,,ber{esc}at\n"
        ));
    }
    let skm = file("hostile_skm.csv", skm.as_bytes());
    let visits = file(
        "hostile_visits.csv",
        visits
            .replace(",counter,", &format!(",coun{esc}ter,"))
            .as_bytes(),
    );
    let complaints = file("hostile_complaints.csv", complaints.as_bytes());
    let standards = fixture("standards.csv");
    let output = run(&[
        "--skm",
        &skm,
        "--interactions",
        &visits,
        "--complaints",
        &complaints,
        "--standards",
        &standards,
    ]);
    let out = stdout(&output);
    let all = format!("{out}{}", String::from_utf8_lossy(&output.stderr));
    for hidden in ['\u{1b}', '\u{200b}', '\u{a0}'] {
        assert!(
            !all.contains(hidden),
            "{hidden:?} reached the output:\n{all}"
        );
    }
    // Each unit is a row of its own that looks like no other.
    for shown in ["kel-a\\u{200b}", "\\u{1b}[31mkel-red", "kel\\u{a0}b"] {
        assert!(lines_with(&out, shown).len() >= 4, "{shown}:\n{out}");
    }
    assert!(out.contains("saran \\u{1b}[31mmerah"), "{out}");
    // An error quoting the data: a column named with an escape sequence.
    let header = file(
        "hostile_header.csv",
        format!("service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,{esc}evil\n").as_bytes(),
    );
    let output = run(&["--skm", &header]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !err.contains('\u{1b}') && err.contains("unknown column `\\u{1b}[31mevil`"),
        "{err}"
    );
}

/// Item 17: a month series without a trend test says why: six months with the same score have
/// nothing to test, 12,000 months are more than the test takes (both once said "needs four
/// months or more").
#[test]
fn trend_messages_give_the_real_reason() {
    // Six months, each with two of four visits on time (ktp's standard is 60 minutes).
    let mut tied = vec![VISITS_HEADER.to_string()];
    for month in 1..=6 {
        for minutes in [30, 30, 90, 90] {
            tied.push(visit_row(tied.len(), "kel-a", (2025, month, 3), minutes, 0));
        }
    }
    let tied = file(
        "tied_months.csv",
        format!("{}\n", tied.join("\n")).as_bytes(),
    );
    let out = stdout(&run(&[
        "--interactions",
        &tied,
        "--standards",
        &fixture("standards.csv"),
    ]));
    let reasons = lines_with(&out, "trend: no trend test: ");
    assert!(!reasons.is_empty(), "{out}");
    for reason in reasons {
        assert!(
            reason.ends_with("every month has the same score: there is no trend to test"),
            "{reason}"
        );
    }
    // 12,000 months, one visit each, from 2025 to 3024.
    let mut long = vec![VISITS_HEADER.to_string()];
    for n in 0..12_000u32 {
        let minutes = if n % 3 == 0 { 90 } else { 30 };
        long.push(visit_row(
            long.len(),
            "kel-a",
            (2025 + n / 12, n % 12 + 1, 3),
            minutes,
            0,
        ));
    }
    let long = file(
        "long_series.csv",
        format!("{}\n", long.join("\n")).as_bytes(),
    );
    let out = stdout(&run(&[
        "--interactions",
        &long,
        "--standards",
        &fixture("standards.csv"),
    ]));
    let reasons = lines_with(&out, "trend: no trend test: ");
    assert!(!reasons.is_empty());
    for reason in reasons {
        assert!(
            reason.ends_with("12000 months are more than the trend test takes (10000)"),
            "{reason}"
        );
    }
    assert!(
        !out.contains("four months"),
        "no month series here is short"
    );
}

/// Item 18: files with no row (empty, or a header only), of any kind, or standards alone, hold
/// nothing to score: exit status 1, saying so.
#[test]
fn nothing_to_score_says_so() {
    let empty_visits = file(
        "visits_header_only.csv",
        format!("{VISITS_HEADER}\n").as_bytes(),
    );
    let empty_complaints = file(
        "complaints_header_only.csv",
        b"unit,service,filed_at,first_response_at,resolved_at\n",
    );
    let empty = file("empty.csv", b"");
    for args in [
        vec!["--interactions", empty_visits.as_str()],
        vec!["--complaints", empty_complaints.as_str()],
        vec!["--interactions", empty.as_str()],
        vec!["--standards", &fixture("standards.csv")],
        vec![
            "--interactions",
            empty_visits.as_str(),
            "--complaints",
            empty_complaints.as_str(),
        ],
    ] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: nothing to score: no questionnaire, visit or complaint was read (the files \
             are empty or hold only a header)\n",
            "{args:?}"
        );
    }
}
