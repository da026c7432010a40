//! Service-standard files.

use super::{at, fails};
use layanan::read::{ReadOptions, StandardReader};
use layanan::{Completion, Error, Money, ServiceStandard, Standards, Tariff, TimeSpan};

fn read(text: &str) -> Result<Standards, Error> {
    let options = ReadOptions::new().with_file_name("standards.csv");
    StandardReader::new(text.as_bytes(), &options)?.collect()
}

const HEADER: &str = "service,max_wait_minutes,completion,tariff\n";

#[test]
fn reads_every_tariff_and_completion() {
    let text = format!(
        "{HEADER}ktp-el,30,60m,0\n\
         kk,,14wd,15000\n\
         legalisir,10,2h,15.000\n\
         sku,,,Rp 15.000\n\
         pbg,,14hk,assessed\n\
         imb,,30wd,assessed<=2500000\n\
         reklame,,5wd,\"assessed<=Rp 2.500.000\"\n"
    );
    let standards = read(&text).unwrap();
    let fixed = |service: &str, units: u64| {
        ServiceStandard::new(service, Tariff::Fixed(Money::new(units))).unwrap()
    };
    let assessed = |service: &str, ceiling: Option<u64>| {
        ServiceStandard::new(
            service,
            Tariff::Assessed {
                ceiling: ceiling.map(Money::new),
            },
        )
        .unwrap()
    };
    let expected: Standards = [
        fixed("ktp-el", 0)
            .with_completion(Completion::Within(TimeSpan::from_minutes(60)))
            .with_max_wait(TimeSpan::from_minutes(30)),
        fixed("kk", 15_000).with_completion(Completion::WorkingDays(14)),
        fixed("legalisir", 15_000)
            .with_completion(Completion::Within(TimeSpan::from_hours(2)))
            .with_max_wait(TimeSpan::from_minutes(10)),
        fixed("sku", 15_000),
        assessed("pbg", None).with_completion(Completion::WorkingDays(14)),
        assessed("imb", Some(2_500_000)).with_completion(Completion::WorkingDays(30)),
        assessed("reklame", Some(2_500_000)).with_completion(Completion::WorkingDays(5)),
    ]
    .into_iter()
    .collect();
    assert_eq!(standards, expected);
}

/// A blank tariff is a gap in the data, never "free".
#[test]
fn a_blank_tariff_is_an_error() {
    for tariff in ["", "   ", "\"\""] {
        fails(
            "a blank tariff",
            read(&format!("{HEADER}ktp-el,30,60m,0\nkk,,14wd,{tariff}\n")),
            at(
                "standards.csv",
                3,
                4,
                "tariff",
                Error::Missing {
                    field: "tariff".into(),
                },
            ),
            "standards.csv, line 3, column 4 (tariff): tariff is required",
        );
    }
}

#[test]
fn a_service_listed_twice_names_both_lines() {
    fails(
        "a service listed twice",
        read(&format!(
            "{HEADER}ktp-el,30,60m,0\nkk,,14wd,0\nktp-el,20,90m,0\n"
        )),
        at(
            "standards.csv",
            4,
            1,
            "service",
            Error::Repeated {
                field: "service".into(),
                value: "ktp-el".into(),
                first_line: 2,
            },
        ),
        "standards.csv, line 4, column 1 (service): service `ktp-el` is given more than once, \
         first on line 2",
    );
    // A bad row does not count as the first listing.
    let options = ReadOptions::new().with_file_name("standards.csv");
    let rows: Vec<_> = StandardReader::new(
        format!("{HEADER}kk,,14x,0\nkk,,14wd,0\n").as_bytes(),
        &options,
    )
    .unwrap()
    .collect();
    assert!(rows[0].is_err());
    assert_eq!(
        rows[1],
        Ok(ServiceStandard::new("kk", Money::ZERO)
            .unwrap()
            .with_completion(Completion::WorkingDays(14)))
    );
}

#[test]
fn tariffs_that_are_not_tariffs() {
    let expected = "an amount such as 15000, `assessed` or `assessed<=N`";
    fails(
        "tariff `assessed<`",
        read(&format!("{HEADER}pbg,,14wd,assessed<\n")),
        at(
            "standards.csv",
            2,
            4,
            "tariff",
            super::parse_error("tariff", "assessed<", expected),
        ),
        &format!(
            "standards.csv, line 2, column 4 (tariff): cannot parse `assessed<` as \
             {expected}"
        ),
    );
    fails(
        "tariff `gratis`",
        read(&format!("{HEADER}ktp-el,,60m,gratis\n")),
        at(
            "standards.csv",
            2,
            4,
            "tariff",
            super::parse_error("tariff", "gratis", super::MONEY),
        ),
        &format!(
            "standards.csv, line 2, column 4 (tariff): cannot parse `gratis` as {}",
            super::MONEY
        ),
    );
}

/// An optional `unit` column: a unit's own standard for a service (issue 15, item 19).
/// `StandardReader::standards` keeps it for that unit; read one by one, its row is refused
/// rather than taken for the province's; a unit's service given twice names the unit and both
/// lines, while the same service for the province and for two units is three standards.
#[test]
fn a_unit_column_gives_units_their_own_standards() {
    let options = ReadOptions::new().with_file_name("standards.csv");
    let text = "service,max_wait_minutes,completion,tariff,unit\n\
                ktp-el,30,60m,0,\n\
                ktp-el,30,30m,5000,kab-b\n\
                ktp-el,,90m,0,kab-c\n\
                kk,,14wd,0,\n";
    let standards = StandardReader::new(text.as_bytes(), &options)
        .unwrap()
        .standards()
        .unwrap();
    let ktp = |minutes: u32, tariff: u64| {
        ServiceStandard::new("ktp-el", Money::new(tariff))
            .unwrap()
            .with_completion(Completion::Within(TimeSpan::from_minutes(minutes)))
    };
    let want = Standards::from(vec![
        ktp(60, 0).with_max_wait(TimeSpan::from_minutes(30)),
        ServiceStandard::new("kk", Money::ZERO)
            .unwrap()
            .with_completion(Completion::WorkingDays(14)),
    ])
    .with_unit_standard(
        "kab-b",
        ktp(30, 5_000).with_max_wait(TimeSpan::from_minutes(30)),
    )
    .with_unit_standard("kab-c", ktp(90, 0));
    assert_eq!(standards, want);

    let err = StandardReader::new(text.as_bytes(), &options)
        .unwrap()
        .collect::<Result<Standards, _>>()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "standards.csv, line 3, column 5 (unit): inconsistent standard: unit `kab-b` publishes \
         its own: read the file with StandardReader::standards, which keeps it for that unit"
    );

    let twice = "service,max_wait_minutes,completion,tariff,unit\n\
                 ktp-el,30,30m,5000,kab-b\n\
                 ktp-el,30,60m,0,\n\
                 ktp-el,30,20m,5000,kab-b\n";
    let err = StandardReader::new(twice.as_bytes(), &options)
        .unwrap()
        .standards()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "standards.csv, line 4, column 1 (service): unit `kab-b`'s service `ktp-el` is given \
         more than once, first on line 2"
    );
    // Without a unit column, nothing changes: the iterator reads every row.
    let plain = format!("{HEADER}ktp-el,30,60m,0\n");
    assert_eq!(
        StandardReader::new(plain.as_bytes(), &options)
            .unwrap()
            .standards()
            .unwrap(),
        read(&plain).unwrap()
    );
}
