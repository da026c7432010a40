//! Writes the small seed corpora under `fuzz/seeds/`:
//!
//! ```sh
//! cargo run --manifest-path fuzz/Cargo.toml --example write_seeds
//! ```
//!
//! - `seeds/json/`: real values of the main types serialised, each prefixed with its selector
//!   byte (its index in the table of `fuzz_targets/json.rs`);
//! - `seeds/csv/`: the first rows of the sample city's files (`examples/data/`) and small files
//!   of the cases the readers handle (blank lines, CRLF, quotes, a field not in UTF-8, local
//!   times, the 2004 instrument, a service given twice …), each prefixed with a selector byte
//!   choosing its reader and options.
//!
//! The `tally` target starts from nothing: its input is raw `arbitrary` bytes.

use std::fs;
use std::path::Path;

use layanan::prelude::*;
use layanan::{
    Breakdown, ByCategory, ByChannel, ByHand, ByPeriod, ByUnit, Calendar, CesTally, CompareOptions,
    Complaint, ComplaintTally, ComplaintTargets, Completion, CostTally, CsatTally, Date, Element,
    EmpathyTally, Granularity, GroupTally, Grouped, Instrument, Interaction, Money, NpsTally,
    PromiseTally, RatingScale, Respondent, Scorecard, ScorecardOptions, ServiceStandard,
    SkmOptions, SkmResponse, SkmTally, SpeedTally, Standards, Tariff, TimeSpan, Timestamp,
    compare_groups, compare_periods,
    stats::{ErlangC, Moments, Sorted},
};
use serde::Serialize;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn write(dir: &Path, selector: u8, name: &str, value: &impl Serialize) -> Res<()> {
    let mut bytes = vec![selector];
    serde_json::to_writer(&mut bytes, value)?;
    fs::write(dir.join(format!("{selector:03}-{name}.json")), bytes)?;
    Ok(())
}

/// The selector byte of the CSV target for `reader` (0 SKM, 1 standards, 2 interactions,
/// 3 complaints, 4 holidays) with option bits `bits` (0x80 the 2004 instrument, 0x40 a WIB
/// calendar, 0x20 empathy on 1–7).
fn csv_selector(reader: u8, bits: u8) -> u8 {
    (bits..bits + 32)
        .find(|s| s % 5 == reader)
        .expect("32 bytes cover every reader")
}

fn main() -> Res<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = root.join("seeds/json");
    let csv = root.join("seeds/csv");
    for dir in [&json, &csv] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        fs::create_dir_all(dir)?;
    }
    write_json(&json)?;
    write_csv(&csv, &root.join("../examples/data"))
}

fn write_json(dir: &Path) -> Res<()> {
    // A three-element instrument keeps the scorecard and grouped seeds small; the SKM tally
    // seeds use the 2017 instrument.
    let mini = Instrument::new(
        "mini",
        vec![
            Element::new("waktu", "Waktu", "Time")?,
            Element::new("perilaku", "Perilaku", "Conduct")?,
            Element::new("pengaduan", "Pengaduan", "Complaints")?,
        ],
    )?;
    let skm = Instrument::permenpanrb_14_2017();
    let at = |s: &str| s.parse::<Timestamp>();
    let calendar = Calendar::wib().with_holidays([Date::new(2025, 3, 5)?]);
    let standards: Standards = [
        ServiceStandard::new("ktp", Money::ZERO)?
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(30)),
        ServiceStandard::new("izin", Money::new(10_000))?
            .with_completion(Completion::WorkingDays(3)),
        ServiceStandard::new(
            "pbg",
            Tariff::Assessed {
                ceiling: Some(Money::new(2_500_000)),
            },
        )?,
    ]
    .into_iter()
    .collect::<Standards>()
    .with_calendar(calendar.clone());
    let scale = RatingScale::FIVE_POINT;
    let visits = [
        Interaction::builder("ktp", "unit-a", at("2025-03-03T08:00:00+07:00")?)
            .channel("counter")
            .started_at(at("2025-03-03T08:10:00+07:00")?)
            .finished_at(at("2025-03-03T08:40:00+07:00")?)
            .paid(Money::ZERO)
            .skm(mini.answers_from_row(&[4, 3, 3])?)
            .empathy(scale.rating(5)?)
            .recommend(10)
            .build()?,
        Interaction::builder("izin", "unit-b", at("2025-03-03T09:00:00+07:00")?)
            .channel("online")
            .finished_at(at("2025-03-07T10:00:00+07:00")?)
            .official_fee(Money::new(10_000))
            .paid(Money::new(25_000))
            .skm(mini.answers_from_row(&[2, 3, 1])?)
            .empathy(scale.rating(2)?)
            .recommend(4)
            .build()?,
        Interaction::builder("ktp", "unit-b", at("2025-03-04T08:00:00+07:00")?)
            .started_at(at("2025-03-04T09:00:00+07:00")?)
            .finished_at(at("2025-03-04T10:30:00+07:00")?)
            .paid(Money::ZERO)
            .skm(mini.answers().set("perilaku", 4)?.build())
            .recommend(8)
            .build()?,
        Interaction::builder("pbg", "unit-a", at("2025-03-04T11:00:00+07:00")?)
            .official_fee(Money::new(1_500_000))
            .build()?, // still open
    ];
    let complaints = [
        Complaint::filed("unit-a", at("2025-03-03T09:00:00+07:00")?)?
            .about_service("ktp")?
            .in_category("ringan")?
            .first_response_at(at("2025-03-03T11:00:00+07:00")?)?
            .resolved_at(at("2025-03-06T09:00:00+07:00")?)?,
        Complaint::filed("unit-b", at("2025-03-04T09:00:00+07:00")?)?,
    ];
    // Questionnaires of the three-element instrument for the grouped seeds; the plain SKM
    // tally takes full 2017 questionnaires.
    let responses = [
        ([4, 3, 3], "unit-a", "2025-02-27T10:00:00+07:00"),
        ([2, 3, 1], "unit-b", "2025-03-03T10:00:00+07:00"),
        ([3, 3, 3], "unit-a", "2025-03-04T10:00:00+07:00"),
    ]
    .into_iter()
    .map(|(row, unit, submitted)| -> Res<SkmResponse> {
        Ok(SkmResponse::new(mini.answers_from_row(&row)?)
            .with_respondent(Respondent::default().with_age(34)?)
            .with_unit(unit)?
            .with_service("ktp")?
            .with_submitted_at(at(submitted)?))
    })
    .collect::<Res<Vec<_>>>()?;
    let card = Scorecard::with_settings(standards.clone(), mini.clone(), scale);
    let mut scorecard = card.clone();
    let mut breakdown = Breakdown::new(card.clone());
    let by_month = ByPeriod::new(calendar.clone(), Granularity::Month);
    let mut card_by_month = Grouped::new(by_month.clone(), card);
    let mut speed = SpeedTally::new(standards.clone());
    let mut cost = CostTally::new(standards.clone());
    let mut empathy = EmpathyTally::new(scale, mini.clone());
    let mut promises = PromiseTally::new(standards.clone());
    let mut nps = NpsTally::default();
    let mut nps_by_channel = Grouped::new(ByChannel, NpsTally::default());
    breakdown.push_all(&visits[..2])?;
    for v in &visits {
        scorecard.push(v)?;
        card_by_month.push(v)?;
        speed.push(v)?;
        cost.push(v)?;
        empathy.push(v)?;
        promises.push(v)?;
        nps.push(v)?;
        nps_by_channel.push(v)?;
    }
    empathy.push_servqual(scale.rating(4)?, scale.rating(5)?)?;
    empathy.push_servqual(scale.rating(5)?, scale.rating(4)?)?;
    let mut skm_tally = SkmTally::new(skm.clone());
    for row in [
        [4, 3, 3, 4, 3, 4, 4, 3, 3],
        [2, 3, 2, 3, 3, 2, 3, 3, 1],
        [3; 9],
    ] {
        skm_tally.push_answers(&skm.answers_from_row(&row)?)?;
    }
    let mut skm_breakdown = Breakdown::new(SkmTally::new(mini.clone()));
    let mut skm_cells = Grouped::new((ByUnit, by_month), SkmTally::new(mini.clone()));
    for r in &responses {
        skm_breakdown.push(r)?;
        skm_cells.push(r)?;
    }
    let targets =
        ComplaintTargets::default().with_category("berat", Completion::WorkingDays(60))?;
    let mut complaint_tally = ComplaintTally::new(targets.clone(), calendar.clone());
    let mut by_category = Grouped::new(ByCategory, ComplaintTally::new(targets, calendar.clone()));
    for c in &complaints {
        complaint_tally.push(c)?;
        by_category.push(c)?;
    }
    let seven = RatingScale::new(1, 7)?;
    let mut csat = CsatTally::default();
    let mut ces = CesTally::new(seven);
    let mut ces_by_hand = Grouped::new(ByHand::<String>::new(), CesTally::new(seven));
    for r in [5, 4, 2] {
        csat.push(&scale.rating(r)?)?;
        ces.push(&seven.rating(r + 2)?)?;
        ces_by_hand
            .group_mut(format!("unit-{r}"))
            .push(&seven.rating(r + 2)?)?;
    }
    let skm_options = SkmOptions::default().with_population(500);
    let options = ScorecardOptions::default().as_of(at("2025-03-10T12:00:00+07:00")?);
    let groups: Vec<(String, GroupTally)> = [(45, 50), (30, 40), (12, 30), (50, 52)]
        .into_iter()
        .enumerate()
        .map(|(i, (x, n))| (format!("unit-{i}"), GroupTally::rate(x, n)))
        .collect();
    let compare_options = CompareOptions::default().with_min_n(10);
    let comparison = compare_groups(groups.clone(), compare_options)?;
    let periods = compare_periods(groups.clone(), compare_options.level())?;
    let moments = Moments::from_slice(&[1.5, 2.0, 7.25])?;

    // Selectors: the indices in the table of `fuzz_targets/json.rs`.
    write(dir, 4, "calendar", &calendar)?;
    write(dir, 14, "standards", &standards)?;
    write(dir, 18, "instrument", &mini)?;
    write(dir, 19, "skm-answers", &visits[0].skm())?;
    write(dir, 25, "skm-response", &responses[0])?;
    write(dir, 28, "interaction", &visits[1])?;
    write(dir, 30, "complaint", &complaints[0])?;
    write(dir, 31, "skm-tally", &skm_tally)?;
    write(dir, 32, "speed-tally", &speed)?;
    write(dir, 33, "cost-tally", &cost)?;
    write(dir, 34, "empathy-tally", &empathy)?;
    write(dir, 35, "promise-tally", &promises)?;
    write(dir, 36, "complaint-tally", &complaint_tally)?;
    write(dir, 37, "nps-tally", &nps)?;
    write(dir, 38, "csat-tally", &csat)?;
    write(dir, 39, "ces-tally", &ces)?;
    write(dir, 40, "scorecard", &scorecard)?;
    write(dir, 41, "grouped-skm-unit-month", &skm_cells)?;
    write(dir, 42, "grouped-scorecard-month", &card_by_month)?;
    write(dir, 43, "grouped-nps-channel", &nps_by_channel)?;
    write(dir, 44, "grouped-complaints-category", &by_category)?;
    write(dir, 45, "grouped-ces-by-hand", &ces_by_hand)?;
    write(dir, 46, "breakdown-scorecard", &breakdown)?;
    write(dir, 47, "breakdown-skm", &skm_breakdown)?;
    write(dir, 58, "skm-options", &skm_options)?;
    write(dir, 69, "scorecard-options", &options)?;
    write(dir, 70, "compare-options", &compare_options)?;
    write(dir, 74, "skm-report", &skm_tally.report_with(&skm_options)?)?;
    write(dir, 78, "speed-report", &speed.report()?)?;
    write(dir, 80, "cost-report", &cost.report()?)?;
    write(dir, 81, "empathy-report", &empathy.report()?)?;
    write(dir, 85, "promise-report", &promises.report()?)?;
    write(dir, 89, "complaint-report", &complaint_tally.report()?)?;
    write(dir, 90, "nps-report", &nps.report()?)?;
    write(dir, 91, "csat-report", &csat.report()?)?;
    write(dir, 92, "ces-report", &ces.report()?)?;
    write(
        dir,
        93,
        "scorecard-report",
        &scorecard.report_with(&options)?,
    )?;
    write(dir, 102, "comparison", &comparison)?;
    write(dir, 104, "period-comparison", &periods)?;
    write(dir, 105, "groups-to-compare", &(compare_options, &groups))?;
    let means: Vec<(String, GroupTally)> = [[3.0, 4.0, 5.0], [2.0, 2.5, 4.0], [4.5, 5.0, 5.0]]
        .iter()
        .enumerate()
        .map(|(i, x)| {
            Ok((
                format!("unit-{i}"),
                GroupTally::Mean(Moments::from_slice(x)?),
            ))
        })
        .collect::<Res<_>>()?;
    write(
        dir,
        105,
        "means-to-compare",
        &(compare_options.with_min_n(2), means),
    )?;
    let ikm: Vec<(String, GroupTally)> = skm_cells
        .roll_up(|(unit, _)| unit.clone())?
        .into_iter()
        .map(|(unit, tally)| (unit, GroupTally::ikm(tally)))
        .collect();
    write(
        dir,
        105,
        "ikm-to-compare",
        &(compare_options.with_min_n(1), ikm),
    )?;
    write(
        dir,
        106,
        "interval",
        &moments.mean_interval(Default::default())?,
    )?;
    write(dir, 108, "moments", &moments)?;
    write(dir, 109, "sorted", &Sorted::new(&[1.5, 2.0, 7.25, 9.0])?)?;
    write(dir, 110, "erlang-c", &ErlangC::new(30.0, 6.0, 4)?)?;
    Ok(())
}

fn write_csv(dir: &Path, data: &Path) -> Res<()> {
    let mut seeds: Vec<(u8, &str, Vec<u8>)> = Vec::new();
    // The sample city's files: the header and the first rows of the long ones.
    let head = |file: &str, rows: usize| -> Res<Vec<u8>> {
        let text = fs::read_to_string(data.join(file))?;
        Ok(text
            .lines()
            .take(rows + 1)
            .flat_map(|l| [l, "\n"])
            .collect::<String>()
            .into_bytes())
    };
    seeds.push((csv_selector(0, 0), "skm.csv", head("skm.csv", 12)?));
    seeds.push((
        csv_selector(1, 0),
        "standards.csv",
        head("standards.csv", 20)?,
    ));
    seeds.push((
        csv_selector(2, 0),
        "interactions.csv",
        head("interactions.csv", 12)?,
    ));
    seeds.push((
        csv_selector(3, 0),
        "complaints.csv",
        head("complaints.csv", 12)?,
    ));
    seeds.push((
        csv_selector(4, 0),
        "holidays.csv",
        head("holidays.csv", 40)?,
    ));

    // Small files of the cases the readers handle.
    const SKM: &str = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9";
    let blank_lines = format!(
        "{SKM}\n\ns1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4\n\n\n\
         s1,unit-a,1736146800,3,3,3,3,,3,3,3,3\n   \n"
    );
    seeds.push((
        csv_selector(0, 0),
        "skm-blank-lines.csv",
        blank_lines.into(),
    ));
    let crlf = format!(
        "\u{feff}{},gender,age,saran\r\ns1,unit-a,2025-01-06 08:00,4,3,4,4,3,4,4,3,2,P,41,\"cepat, ramah\"\r\n\
         s1,unit-b,2025-01-06 09:30,,,,,,,,,,L,,\r\n",
        SKM.to_uppercase()
    );
    seeds.push((csv_selector(0, 0x40), "skm-crlf-local.csv", crlf.into()));
    let mut not_utf8 =
        format!("{SKM}\ns1,unit-a,1736146800,4,4,4,4,4,4,4,4,4\ns1,unit-").into_bytes();
    not_utf8.extend(b"\xff,1736146800,4,4,4,4,4,4,4,4,4\n");
    seeds.push((csv_selector(0, 0), "skm-not-utf8.csv", not_utf8));
    let answers_2004 = (1..=14).map(|i| format!(",u{i}")).collect::<String>();
    let row_2004 = ",3".repeat(14);
    let skm_2004 = format!("service,unit,submitted_at{answers_2004}\ns1,unit-a,{row_2004}\n");
    seeds.push((csv_selector(0, 0x80), "skm-2004.csv", skm_2004.into()));
    let standards = "service,max_wait_minutes,completion,tariff\n\
                     ktp,30,60m,0\n\
                     pbg,,14wd,\"assessed<=Rp 2.500.000\"\n\
                     izin,15,3hk,Rp 15.000\n\
                     ktp,20,90m,0\n";
    seeds.push((csv_selector(1, 0), "standards-twice.csv", standards.into()));
    let interactions = "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid,u7,empathy,recommend\n\
                        1,ktp-el,kel-a,counter,2025-03-04 08:15,2025-03-04 08:32,2025-03-04 08:50,0,Rp 20.000,3,6,9\n\
                        2,izin-usaha,dpmptsp,online,2025-03-04 09:00,,,1.500.000,,,,\n\
                        3,ktp-el,kel-a,counter,2025-03-04 10:00,2025-03-04 09:00,,0,0,5,8,11\n";
    seeds.push((
        csv_selector(2, 0x60),
        "interactions-local.csv",
        interactions.into(),
    ));
    let complaints = "unit,service,filed_at,first_response_at,resolved_at,category\n\
                      kel-a,ktp-el,2025-03-03 09:00,2025-03-03 11:00,2025-03-10 09:00,berat\n\
                      kel-b,,2025-03-04 09:00,,,\n\
                      kel-a,ktp-el,2025-03-05 09:00,2025-03-04 09:00,,ringan\n";
    seeds.push((
        csv_selector(3, 0x40),
        "complaints-local.csv",
        complaints.into(),
    ));
    let holidays = "DATE,KIND\r2025-01-27,libur\r2025-01-29,cuti bersama\r2025-02-30,bad\r";
    seeds.push((csv_selector(4, 0), "holidays-cr.csv", holidays.into()));

    for (selector, name, bytes) in seeds {
        let mut seed = vec![selector];
        seed.extend(bytes);
        fs::write(dir.join(format!("{selector:03}-{name}")), seed)?;
    }
    Ok(())
}
