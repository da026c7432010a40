//! Writes the small seed corpora under `fuzz/seeds/`:
//!
//! ```sh
//! cargo run --manifest-path fuzz/Cargo.toml --example write_seeds
//! ```
//!
//! - `seeds/json/`: real values of the main types serialised, each prefixed with its selector
//!   byte (its index in the table of `fuzz_targets/json.rs`);
//! - `seeds/csv/`: the report example's small test files and two malformed SKM files (blank
//!   lines, a field not in UTF-8), each prefixed with its reader's byte.
//!
//! The `tally` target starts from nothing: its input is raw `arbitrary` bytes.

use std::fs;
use std::path::Path;

use layanan::{
    Calendar, CesTally, Complaint, ComplaintTally, Completion, CostTally, CsatTally, Date, Element,
    EmpathyTally, Grouped, Instrument, Interaction, Money, NpsTally, RatingScale, Scorecard,
    ServiceStandard, SkmOptions, SkmTally, SpeedTally, Standards, TimeSpan, Timestamp,
    stats::Moments,
};
use serde::Serialize;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn write(dir: &Path, selector: u8, name: &str, value: &impl Serialize) -> Res<()> {
    let mut bytes = vec![selector];
    serde_json::to_writer(&mut bytes, value)?;
    fs::write(dir.join(format!("{selector:02}-{name}.json")), bytes)?;
    Ok(())
}

fn main() -> Res<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = root.join("seeds/json");
    let csv = root.join("seeds/csv");
    fs::create_dir_all(&json)?;
    fs::create_dir_all(&csv)?;

    // A three-element instrument keeps the scorecard and grouped seeds small; the SKM tally seed
    // uses the 2017 instrument.
    let skm = Instrument::new(
        "mini",
        vec![
            Element::new("waktu", "Waktu", "Time")?,
            Element::new("biaya", "Biaya", "Cost")?,
            Element::new("perilaku", "Perilaku", "Conduct")?,
        ],
    )?;
    let skm_2017 = Instrument::permenpanrb_14_2017();
    let at = |s: &str| s.parse::<Timestamp>();
    let calendar = Calendar::wib().with_holidays([Date::new(2025, 3, 5)?]);
    let standards: Standards = [
        ServiceStandard::new("ktp", Money::ZERO)?
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(30)),
        ServiceStandard::new("izin", Money::new(10_000))?
            .with_completion(Completion::WorkingDays(3)),
    ]
    .into_iter()
    .collect::<Standards>()
    .with_calendar(calendar.clone());
    let scale = RatingScale::new(1, 5)?;
    let visits = [
        Interaction::builder("ktp", "unit-a", at("2025-03-03T08:00:00+07:00")?)
            .started_at(at("2025-03-03T08:10:00+07:00")?)
            .finished_at(at("2025-03-03T08:40:00+07:00")?)
            .paid(Money::ZERO)
            .skm(skm.answers_from_row(&[4, 3, 3])?)
            .empathy(scale.rating(5)?)
            .recommend(10)
            .build()?,
        Interaction::builder("izin", "unit-b", at("2025-03-03T09:00:00+07:00")?)
            .finished_at(at("2025-03-07T10:00:00+07:00")?)
            .official_fee(Money::new(10_000))
            .paid(Money::new(25_000))
            .skm(skm.answers_from_row(&[2, 3, 1])?)
            .empathy(scale.rating(2)?)
            .recommend(4)
            .build()?,
        Interaction::builder("ktp", "unit-b", at("2025-03-04T08:00:00+07:00")?)
            .started_at(at("2025-03-04T09:00:00+07:00")?)
            .finished_at(at("2025-03-04T10:30:00+07:00")?)
            .paid(Money::ZERO)
            .recommend(8)
            .build()?,
    ];
    let complaint = Complaint::filed("unit-a", at("2025-03-03T09:00:00+07:00")?)?
        .about_service("ktp")?
        .first_response_at(at("2025-03-03T11:00:00+07:00")?)?
        .resolved_at(at("2025-03-06T09:00:00+07:00")?)?;

    let mut speed = SpeedTally::new();
    let mut cost = CostTally::new();
    let mut empathy = EmpathyTally::new();
    let mut nps = NpsTally::default();
    let mut skm_tally = SkmTally::new(skm_2017.clone());
    for row in [
        [4, 3, 3, 4, 3, 4, 4, 3, 3],
        [2, 3, 2, 3, 3, 2, 3, 3, 1],
        [3; 9],
    ] {
        skm_tally.push_answers(&skm_2017.answers_from_row(&row)?)?;
    }
    let mut by_unit = Grouped::new(SkmTally::new(skm.clone()));
    for v in &visits {
        speed.push(v, &standards)?;
        cost.push(v, &standards)?;
        empathy.push(v)?;
        nps.push(v)?;
        if let Some(a) = v.skm() {
            by_unit.group_mut(v.unit().to_string()).push_answers(a)?;
        }
    }
    let mut complaints = ComplaintTally::new(Completion::WorkingDays(5), calendar.clone());
    complaints.push(&complaint)?;
    let mut csat = CsatTally::default();
    let mut ces = CesTally::new(RatingScale::new(1, 7)?);
    for r in [5, 4, 2] {
        csat.push_rating(r)?;
        ces.push_rating(r + 2)?;
    }
    let moments = Moments::from_slice(&[1.5, 2.0, 7.25])?;
    let mut card = Scorecard::with_instrument(standards.clone(), skm.clone());
    for v in &visits {
        card.push(v)?;
    }

    // Selectors: the indices in the table of `fuzz_targets/json.rs`.
    write(&json, 3, "calendar", &calendar)?;
    write(&json, 7, "standards", &standards)?;
    write(&json, 8, "instrument", &skm)?;
    write(&json, 10, "skm-answers", &visits[0].skm())?;
    write(&json, 13, "interaction", &visits[1])?;
    write(&json, 16, "complaint", &complaint)?;
    write(&json, 18, "skm-tally", &skm_tally)?;
    write(&json, 19, "speed-tally", &speed)?;
    write(&json, 20, "cost-tally", &cost)?;
    write(&json, 21, "empathy-tally", &empathy)?;
    write(&json, 22, "complaint-tally", &complaints)?;
    write(&json, 23, "nps-tally", &nps)?;
    write(&json, 24, "csat-tally", &csat)?;
    write(&json, 25, "ces-tally", &ces)?;
    write(&json, 26, "moments", &moments)?;
    write(&json, 28, "scorecard", &card)?;
    write(&json, 29, "grouped-skm", &by_unit)?;
    write(
        &json,
        34,
        "skm-options",
        &SkmOptions::default().with_population(500),
    )?;

    // Selectors: 0 SKM (+0x80 for the 2004 instrument), 1 standards, 2 interactions,
    // 3 complaints, 4 holidays.
    let fixtures = root.join("../tests/fixtures/report");
    let read = |file: &str| fs::read(fixtures.join(file));
    const HEADER: &[u8] = b"service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";
    let row = |unit: &[u8], hour: u8, answer: u8| {
        let mut row = b"s1,".to_vec();
        row.extend(unit);
        row.extend(format!(",2025-01-06T{hour:02}:00:00+07:00").bytes());
        for _ in 0..9 {
            row.extend([b',', answer]);
        }
        row.push(b'\n');
        row
    };
    let blank_lines = [
        HEADER,
        b"\n",
        &row(b"unit-a", 8, b'4'),
        b"\n\n",
        &row(b"unit-a", 9, b'3'),
        b"\n",
    ]
    .concat();
    let not_utf8 = [
        HEADER,
        &row(b"unit-a", 8, b'4'),
        &row(b"unit-\xff", 9, b'4'),
    ]
    .concat();
    for (selector, name, bytes) in [
        (0u8, "skm.csv", read("skm.csv")?),
        (0, "skm_blank_lines.csv", blank_lines),
        (0, "skm_not_utf8.csv", not_utf8),
        (1, "standards.csv", read("standards.csv")?),
        (2, "interactions.csv", read("interactions.csv")?),
        (3, "complaints.csv", read("complaints.csv")?),
        (4, "holidays.csv", read("holidays.csv")?),
    ] {
        let mut seed = vec![selector];
        seed.extend(bytes);
        fs::write(csv.join(format!("{selector}-{name}")), seed)?;
    }
    Ok(())
}
