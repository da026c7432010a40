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
    assert!(out.contains("700 SKM questionnaires, 2400 interactions, 8 service standards"));
    assert!(out.contains("IKM (NIK)           81.72"), "{out}");
    assert!(out.contains("legalisir (76 visits)"), "{out}");
    // Where to act: the slow office is significantly below the rest on speed.
    let speed = out
        .lines()
        .find(|l| l.starts_with("speed (share within standard)    "))
        .unwrap_or_else(|| panic!("no where-to-act speed line: {out}"));
    assert!(speed.contains("kel-mekarsari (0.532"), "{speed}");
    assert!(out.contains("trend: Mann–Kendall S = "), "{out}");
}

#[cfg(feature = "serde")]
#[test]
fn json_output_parses_and_carries_the_numbers() {
    let out = stdout(&run(&["--skm", &fixture("skm.csv"), "--json"]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let overall = &value["skm"]["overall"];
    assert_eq!(overall["ikm_rounded"], serde_json::json!(80.09));
    assert_eq!(overall["mutu"], "B");
    assert_eq!(value["skm"]["by_unit"]["unit-b"]["mutu"], "C");
}

/// `tests/fixtures/report/interactions.csv` with its standards, complaints and one holiday
/// (Tuesday 2025-03-11), worked by hand:
///
/// * speed: ktp (60 min) visits take 40, 90 and 50 minutes; izin (3 working days) visits run
///   from Friday 7 March to Wednesday 12 (Monday, Wednesday: 2 working days, the 11th being a
///   holiday) and to Friday 14 (4); legalisir has no standard. Within: 3 of 5 = 60.0 %. Apdex:
///   3 satisfied, 2 tolerating (90 ≤ 240 min, 4 ≤ 12 days): (3 + 2/2)/5 = 0.80.
/// * cost: all six visits are free; one paid Rp 20.000: overcharged 1/6, score 83.3.
/// * empathy: ratings 5 4 2 3 4 5 on 1–5 → 100 75 25 50 75 100 → 70.8.
/// * NPS: 10 9 3 7 8 10 → 3 promoters, 1 detractor of 6 → +33.3.
/// * index: (60 + 70.83 + 83.33)/3 = 71.4; unit-a (50, 91.7, 100) 80.6; unit-b (66.7, 50,
///   66.7) 61.1.
/// * complaints (target 5 working days): unit-a resolved the next day; unit-b's first took 8
///   working days, its second is open: 1 of 3 on time.
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
    let line = |prefix: &str| -> String {
        out.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting with {prefix:?} in\n{out}"))
            .to_string()
    };
    let speed = line("Speed ");
    assert!(speed.contains("3/5 = 60.0%"), "{speed}");
    assert!(speed.contains("Apdex 0.80"), "{speed}");
    assert!(
        speed.contains("1 visits of services without a standard"),
        "{speed}"
    );
    assert!(line("          turnaround, minutes").contains("n 4  mean 48.8  median 45.0"));
    assert!(line("          turnaround, working days").contains("n 2  mean 3.0"));
    let cost = line("Cost ");
    assert!(cost.contains("overcharged 1/6 = 16.7%"), "{cost}");
    assert!(line("          excess paid").contains("Rp 20.000 in all"));
    let empathy = line("Empathy ");
    assert!(empathy.contains("score 70.8"), "{empathy}");
    assert!(empathy.contains("courtesy (SKM) 3.00"), "{empathy}");
    assert!(
        empathy.contains("complaint handling (SKM) 2.50"),
        "{empathy}"
    );
    assert!(line("NPS ").contains("NPS +33.3"));
    assert!(line("Index ").contains("71.4"));
    let unit_a = line("unit-a*");
    assert!(
        unit_a.contains("50.0") && unit_a.contains("100.0") && unit_a.contains("91.7"),
        "{unit_a}"
    );
    assert!(
        unit_a.contains("+100") && unit_a.contains("80.6"),
        "{unit_a}"
    );
    let unit_b = line("unit-b*");
    assert!(
        unit_b.contains("66.7") && unit_b.contains("50.0"),
        "{unit_b}"
    );
    assert!(
        unit_b.contains("-33") && unit_b.contains("61.1"),
        "{unit_b}"
    );
    assert!(line("Services without a published standard").contains("legalisir (1 visits)"));
    let all = line("all units ");
    assert!(all.contains("1/3 = 33.3%"), "{all}");
    let b = out
        .lines()
        .rfind(|l| l.starts_with("unit-b "))
        .expect("complaints row of unit-b");
    assert!(b.contains("0/2 = 0.0%") && b.contains("48.0"), "{b}");
}

#[test]
fn the_embedded_city_answers_where_to_look() {
    let out = stdout(&run(&[]));
    assert!(out.contains("Slowest              kel-mekarsari"), "{out}");
    assert!(out.contains("Most overcharging    kel-cibeureum"), "{out}");
    assert!(out.contains("Least courteous      kel-mekarsari"), "{out}");
    assert!(out.contains("kel-tanjung*"), "{out}");
}
