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
