//! What every file may get wrong, and the file-level forms every reader accepts.
//!
//! The labels `F01`… are those of the bad-input catalogue (`tests/integration/hostile/files.rs`),
//! which runs the same inputs through the report example: each malformed file is refused here
//! with its file, line and (where there is one) column.

use super::{INSTANT, MONEY, all, at, at_column, fails, in_file, parse_error};
use layanan::read::{
    ComplaintReader, HolidayReader, InteractionReader, ReadOptions, SkmReader, StandardReader,
};
use layanan::{Calendar, Error, Money, SkmResponse, Timestamp};

const SKM_HEADER: &str = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";
const SKM_ROW: &str = "s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4\n";
const SKM_COLUMNS: &str = "service, unit, submitted_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, \
                           and optionally gender, age, education, occupation, saran";
const VISITS_HEADER: &str = "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid,recommend,empathy\n";
const STANDARDS_HEADER: &str = "service,max_wait_minutes,completion,tariff\n";
const COMPLAINTS_HEADER: &str = "unit,service,filed_at,first_response_at,resolved_at\n";

fn options() -> ReadOptions {
    ReadOptions::new().with_file_name("skm.csv")
}

fn read_skm(bytes: &[u8]) -> Result<Vec<SkmResponse>, Error> {
    all(SkmReader::new(bytes, &options())?)
}

fn skm(rows: &str) -> Vec<u8> {
    format!("{SKM_HEADER}{SKM_ROW}{rows}").into_bytes()
}

/// The one-row SKM file with columns `names` added, holding `values`.
fn with_columns(names: &str, values: &str) -> Vec<u8> {
    let header = SKM_HEADER.replace('\n', &format!(",{names}\n"));
    format!("{header}{}", SKM_ROW.replace('\n', &format!(",{values}\n"))).into_bytes()
}

#[test]
fn headers_that_do_not_fit_the_format() {
    fails(
        "F01: SKM file without the u9 column",
        read_skm(
            b"service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8\n\
              s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4\n",
        ),
        in_file(
            "skm.csv",
            1,
            Error::MissingColumn {
                column: "u9".into(),
                expected: SKM_COLUMNS.into(),
            },
        ),
        &format!("skm.csv, line 1: missing column `u9`, expected {SKM_COLUMNS}"),
    );
    fails(
        "F02: SKM file with an unknown column",
        read_skm(&with_columns("remarks", "ok")),
        at_column(
            "skm.csv",
            1,
            13,
            Error::UnknownColumn {
                column: "remarks".into(),
                expected: SKM_COLUMNS.into(),
            },
        ),
        &format!("skm.csv, line 1, column 13: unknown column `remarks`, expected {SKM_COLUMNS}"),
    );
    for (label, column) in [
        ("F03: SKM file with a column twice", "unit"),
        ("F04: SKM file answering u3 in two columns", "u3"),
    ] {
        fails(
            label,
            read_skm(&with_columns(&column.to_uppercase(), "1")),
            at(
                "skm.csv",
                1,
                13,
                column,
                Error::Duplicate {
                    field: "column".into(),
                    value: column.into(),
                },
            ),
            &format!(
                "skm.csv, line 1, column 13 ({column}): column `{column}` is given more than once"
            ),
        );
    }
    let header = b"service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,g\xe9nder\n".to_vec();
    fails(
        "F18: SKM header that is not UTF-8",
        read_skm(&[header, SKM_ROW.as_bytes().to_vec()].concat()),
        at_column(
            "skm.csv",
            1,
            13,
            parse_error("column name", "g\\xe9nder", "UTF-8 text"),
        ),
        "skm.csv, line 1, column 13: column name: cannot parse `g\\xe9nder` as UTF-8 text",
    );
    // A column without a name (a trailing comma) is not one of the format's.
    fails(
        "a header with a trailing comma",
        read_skm(SKM_HEADER.replace('\n', ",\n").as_bytes()),
        at_column(
            "skm.csv",
            1,
            13,
            Error::UnknownColumn {
                column: String::new(),
                expected: SKM_COLUMNS.into(),
            },
        ),
        &format!("skm.csv, line 1, column 13: unknown column ``, expected {SKM_COLUMNS}"),
    );
}

#[test]
fn rows_of_the_wrong_width() {
    for (label, row, found) in [
        (
            "F05: SKM row with an extra field",
            "s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4,4\n",
            13,
        ),
        (
            "F06: SKM row with a field missing",
            "s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4\n",
            11,
        ),
    ] {
        fails(
            label,
            read_skm(&skm(row)),
            in_file(
                "skm.csv",
                3,
                Error::FieldCount {
                    expected: 12,
                    found,
                },
            ),
            &format!("skm.csv, line 3: expected 12 fields, found {found}"),
        );
    }
    // Reading goes on after a row of the wrong width.
    let rows: Vec<_> = SkmReader::new(&skm(&format!("s1,u\n{SKM_ROW}"))[..], &options())
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].is_ok() && rows[1].is_err() && rows[2].is_ok());
}

/// F07 of the catalogue (an empty file) is no error for a reader: an empty file, or one with
/// only a header, yields nothing.
#[test]
fn empty_and_header_only_files_yield_nothing() {
    for text in [
        "",
        "\n",
        "\r\n\r\n",
        SKM_HEADER,
        "\u{feff}service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\n",
    ] {
        let mut reader = SkmReader::new(text.as_bytes(), &options()).unwrap();
        assert!(reader.next().is_none(), "{text:?}");
        assert!(reader.next().is_none(), "{text:?}: fused");
    }
    let empty = ReadOptions::new();
    assert!(
        InteractionReader::new(&b""[..], &empty)
            .unwrap()
            .next()
            .is_none()
    );
    assert!(
        StandardReader::new(&b""[..], &empty)
            .unwrap()
            .next()
            .is_none()
    );
    assert!(
        ComplaintReader::new(&b""[..], &empty)
            .unwrap()
            .next()
            .is_none()
    );
    assert!(
        HolidayReader::new(&b"date,kind\n"[..], &empty)
            .unwrap()
            .next()
            .is_none()
    );
}

#[test]
fn bad_skm_fields() {
    let out_of_scale = |element: &str, value: i64| Error::RatingOutOfScale {
        element: element.into(),
        value,
        max: 4,
    };
    for (label, row, column, field, source, message) in [
        (
            "F08: SKM answer 9",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,4,9,4,4,4,4,4\n",
            7,
            "u4",
            out_of_scale("biaya", 9),
            "skm.csv, line 3, column 7 (u4): answer 9 to element `biaya` is out of scale 1..=4",
        ),
        (
            "F09: SKM answer 0",
            "s1,unit-a,2025-01-06T09:00:00+07:00,0,4,4,4,4,4,4,4,4\n",
            4,
            "u1",
            out_of_scale("persyaratan", 0),
            "skm.csv, line 3, column 4 (u1): answer 0 to element `persyaratan` is out of scale \
             1..=4",
        ),
        (
            "F10: SKM answer -1",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,4,-1\n",
            12,
            "u9",
            out_of_scale("pengaduan", -1),
            "skm.csv, line 3, column 12 (u9): answer -1 to element `pengaduan` is out of scale \
             1..=4",
        ),
        (
            "F11: SKM answer 3.5",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,3.5,4,4,4,4,4,4\n",
            6,
            "u3",
            parse_error("u3", "3.5", "a whole number"),
            "skm.csv, line 3, column 6 (u3): cannot parse `3.5` as a whole number",
        ),
        (
            "F12: SKM answer past i64",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,99999999999999999999,4\n",
            11,
            "u8",
            parse_error("u8", "99999999999999999999", "a whole number"),
            "skm.csv, line 3, column 11 (u8): cannot parse `99999999999999999999` as a whole \
             number",
        ),
        (
            "F13: SKM submitted in month 13",
            "s1,unit-a,2025-13-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4\n",
            3,
            "submitted_at",
            parse_error("timestamp", "2025-13-06T08:00:00+07:00", INSTANT),
            "skm.csv, line 3, column 3 (submitted_at): timestamp: cannot parse \
             `2025-13-06T08:00:00+07:00` as Unix seconds or an RFC 3339 timestamp such as \
             2025-03-04T08:15:00+07:00",
        ),
        (
            "F14: SKM submitted at i64::MAX Unix seconds",
            "s1,unit-a,9223372036854775807,4,4,4,4,4,4,4,4,4\n",
            3,
            "submitted_at",
            Error::TimeOutOfRange {
                field: "unix seconds".into(),
                value: "9223372036854775807".into(),
            },
            "skm.csv, line 3, column 3 (submitted_at): unix seconds is out of the supported time \
             range: 9223372036854775807",
        ),
        (
            "F15: SKM submitted at Unix seconds past i64",
            "s1,unit-a,99999999999999999999,4,4,4,4,4,4,4,4,4\n",
            3,
            "submitted_at",
            parse_error(
                "timestamp",
                "99999999999999999999",
                "Unix seconds or an RFC 3339 timestamp",
            ),
            "skm.csv, line 3, column 3 (submitted_at): timestamp: cannot parse \
             `99999999999999999999` as Unix seconds or an RFC 3339 timestamp",
        ),
        (
            "F16: SKM row without a service",
            ",unit-a,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,4,4\n",
            1,
            "service",
            Error::Missing {
                field: "service".into(),
            },
            "skm.csv, line 3, column 1 (service): service is required",
        ),
    ] {
        fails(
            label,
            read_skm(&skm(row)),
            at("skm.csv", 3, column, field, source),
            message,
        );
    }
    let mut bytes = skm("");
    bytes.extend_from_slice(b"s1,unit-\xff,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,4,4\n");
    fails(
        "F17: SKM unit that is not UTF-8",
        read_skm(&bytes),
        at(
            "skm.csv",
            3,
            2,
            "unit",
            parse_error("unit", "unit-\\xff", "UTF-8 text"),
        ),
        "skm.csv, line 3, column 2 (unit): cannot parse `unit-\\xff` as UTF-8 text",
    );
    fails(
        "F19: SKM respondent of gender X",
        read_skm(&with_columns("gender,age", "X,150")),
        at(
            "skm.csv",
            2,
            13,
            "gender",
            Error::UnknownCategory {
                field: "gender".into(),
                value: "X".into(),
                expected: "L, P".into(),
            },
        ),
        "skm.csv, line 2, column 13 (gender): unknown value `X`, expected one of L, P",
    );
    fails(
        "F20: SKM respondent aged 150",
        read_skm(&with_columns("gender,age", "P,150")),
        at(
            "skm.csv",
            2,
            14,
            "age",
            Error::OutOfRange {
                field: "age".into(),
                value: 150,
                min: 0,
                max: 120,
            },
        ),
        "skm.csv, line 2, column 14 (age): age must be between 0 and 120, got 150",
    );
    fails(
        "SKM education `SMU`",
        read_skm(&with_columns("education", "SMU")),
        at(
            "skm.csv",
            2,
            13,
            "education",
            Error::UnknownCategory {
                field: "education".into(),
                value: "SMU".into(),
                expected: "SD, SMP, SMA, D3, S1, S2, S3".into(),
            },
        ),
        "skm.csv, line 2, column 13 (education): unknown value `SMU`, expected one \
         of SD, SMP, SMA, D3, S1, S2, S3",
    );
    fails(
        "SKM occupation `petani`",
        read_skm(&with_columns("occupation", "petani")),
        at(
            "skm.csv",
            2,
            13,
            "occupation",
            Error::UnknownCategory {
                field: "occupation".into(),
                value: "petani".into(),
                expected: "PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA".into(),
            },
        ),
        "skm.csv, line 2, column 13 (occupation): unknown value `petani`, expected \
         one of PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA",
    );
}

/// F21: blank lines are not questionnaires.
#[test]
fn blank_lines_are_skipped_and_lines_still_counted() {
    let text = format!(
        "{SKM_HEADER}\n{SKM_ROW}\n\ns1,unit-a,2025-01-06T09:00:00+07:00,3,3,3,3,3,3,3,3,3\n\n\
         s1,unit-a,,3,3,3,3,3,3,3,3,7\n"
    );
    let rows: Vec<_> = SkmReader::new(text.as_bytes(), &options())
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].is_ok() && rows[1].is_ok());
    let Err(Error::InFile { line, .. }) = &rows[2] else {
        panic!("{:?}", rows[2]);
    };
    assert_eq!(*line, 8);
}

fn visits(row: &str) -> Vec<u8> {
    format!(
        "{VISITS_HEADER}1,ktp,unit-a,counter,2025-03-03T08:00:00+07:00,2025-03-03T08:10:00+07:00,\
         2025-03-03T08:40:00+07:00,0,0,10,5\n{row}"
    )
    .into_bytes()
}

fn read_visits(
    bytes: &[u8],
    calendar: Option<Calendar>,
) -> Result<Vec<layanan::Interaction>, Error> {
    let mut options = ReadOptions::new().with_file_name("visits.csv");
    if let Some(calendar) = calendar {
        options = options.with_calendar(calendar);
    }
    all(InteractionReader::new(bytes, &options)?)
}

#[test]
fn bad_visit_fields() {
    let arrived = "2025-03-03T09:00:00+07:00";
    let t = |s: &str| s.parse::<Timestamp>().unwrap();
    for (label, row, column, field, source, message) in [
        (
            "F22: visit finished before it started",
            format!(
                "2,ktp,unit-a,counter,{arrived},2025-03-03T09:30:00+07:00,2025-03-03T09:20:00+07:00,0,0,,\n"
            ),
            7,
            "finished_at",
            Error::FinishedBeforeStarted {
                started: t("2025-03-03T09:30:00+07:00"),
                finished: t("2025-03-03T09:20:00+07:00"),
            },
            "visits.csv, line 3, column 7 (finished_at): finished_at 2025-03-03T02:20:00Z is \
             before started_at 2025-03-03T02:30:00Z",
        ),
        (
            "F23: visit paid -5",
            format!("2,ktp,unit-a,counter,{arrived},,,0,-5,,\n"),
            9,
            "paid",
            Error::NegativeMoney {
                field: "paid".into(),
                value: -5,
            },
            "visits.csv, line 3, column 9 (paid): paid is negative: -5",
        ),
        (
            "F24: visit paid u64::MAX + 1",
            format!("2,ktp,unit-a,counter,{arrived},,,0,18446744073709551616,,\n"),
            9,
            "paid",
            Error::Overflow {
                field: "paid".into(),
            },
            "visits.csv, line 3, column 9 (paid): paid overflows",
        ),
        (
            "F25: visit official fee `Rp 15,000` (`Rp 15.000` is money now)",
            format!("2,ktp,unit-a,counter,{arrived},,,\"Rp 15,000\",0,,\n"),
            8,
            "official_fee",
            parse_error("official_fee", "Rp 15,000", MONEY),
            "visits.csv, line 3, column 8 (official_fee): cannot parse \
             `Rp 15,000` as a whole amount of money such as 15000, 15.000 or Rp 15.000",
        ),
        (
            "F26: visit recommend 11",
            format!("2,ktp,unit-a,counter,{arrived},,,0,0,11,\n"),
            10,
            "recommend",
            Error::OutOfRange {
                field: "recommend".into(),
                value: 11,
                min: 0,
                max: 10,
            },
            "visits.csv, line 3, column 10 (recommend): recommend must be between 0 and 10, got 11",
        ),
        (
            "F27: visit empathy 6 on 1–5",
            format!("2,ktp,unit-a,counter,{arrived},,,0,0,,6\n"),
            11,
            "empathy",
            Error::OutOfRange {
                field: "rating".into(),
                value: 6,
                min: 1,
                max: 5,
            },
            "visits.csv, line 3, column 11 (empathy): rating must be between 1 and 5, got 6",
        ),
        (
            "F28: visit without an arrival",
            "2,ktp,unit-a,counter,,,,0,0,,\n".to_string(),
            5,
            "arrived_at",
            Error::Missing {
                field: "arrived_at".into(),
            },
            "visits.csv, line 3, column 5 (arrived_at): arrived_at is required",
        ),
    ] {
        fails(
            label,
            read_visits(&visits(&row), None),
            at("visits.csv", 3, column, field, source),
            message,
        );
    }
    // `Rp 15.000`, refused by the report example when the catalogue was written, is money.
    let row = format!("2,ktp,unit-a,counter,{arrived},,,Rp 15.000,0,,\n");
    let read = read_visits(&visits(&row), None).unwrap();
    assert_eq!(read[1].official_fee(), Some(Money::new(15_000)));
}

#[test]
fn bad_standards_holidays_and_complaints() {
    let standards = |rows: &str| -> Result<layanan::Standards, Error> {
        let options = ReadOptions::new().with_file_name("standards.csv");
        StandardReader::new(format!("{STANDARDS_HEADER}{rows}").as_bytes(), &options)?.collect()
    };
    fails(
        "F30: service standard listed twice",
        standards("ktp,30,60m,0\nktp,20,90m,0\n"),
        at(
            "standards.csv",
            3,
            1,
            "service",
            Error::Repeated {
                field: "service".into(),
                value: "ktp".into(),
                first_line: 2,
            },
        ),
        "standards.csv, line 3, column 1 (service): service `ktp` is given more than once, first \
         on line 2",
    );
    let span = "working days, hours, minutes or seconds such as 14wd, 2h, 90m or 45s";
    fails(
        "F31: completion `14x`",
        standards("ktp,30,14x,0\n"),
        at(
            "standards.csv",
            2,
            3,
            "completion",
            parse_error("completion", "14x", span),
        ),
        &format!("standards.csv, line 2, column 3 (completion): cannot parse `14x` as {span}"),
    );
    fails(
        "F32: waiting target of -5 minutes",
        standards("ktp,-5,60m,0\n"),
        at(
            "standards.csv",
            2,
            2,
            "max_wait_minutes",
            Error::OutOfRange {
                field: "max_wait_minutes".into(),
                value: -5,
                min: 0,
                max: u32::MAX.into(),
            },
        ),
        "standards.csv, line 2, column 2 (max_wait_minutes): max_wait_minutes must be between 0 \
         and 4294967295, got -5",
    );
    fails(
        "F33: tariff of -1",
        standards("ktp,30,60m,-1\n"),
        at(
            "standards.csv",
            2,
            4,
            "tariff",
            Error::NegativeMoney {
                field: "tariff".into(),
                value: -1,
            },
        ),
        "standards.csv, line 2, column 4 (tariff): tariff is negative: -1",
    );
    fails(
        "F34: holiday on 30 February",
        all(HolidayReader::new(
            &b"date,kind\n2025-02-30,test\n"[..],
            &ReadOptions::new().with_file_name("holidays.csv"),
        )
        .unwrap()),
        at(
            "holidays.csv",
            2,
            1,
            "date",
            Error::OutOfRange {
                field: "day".into(),
                value: 30,
                min: 1,
                max: 28,
            },
        ),
        "holidays.csv, line 2, column 1 (date): day must be between 1 and 28, got 30",
    );
    let complaints = |rows: &str, calendar: Option<Calendar>| -> Result<Vec<_>, Error> {
        let mut options = ReadOptions::new().with_file_name("complaints.csv");
        if let Some(calendar) = calendar {
            options = options.with_calendar(calendar);
        }
        all(ComplaintReader::new(
            format!("{COMPLAINTS_HEADER}{rows}").as_bytes(),
            &options,
        )?)
    };
    fails(
        "F35: complaint resolved before it was filed",
        complaints(
            "unit-a,ktp,2025-03-03T09:00:00+07:00,,2025-03-03T08:00:00+07:00\n",
            None,
        ),
        at(
            "complaints.csv",
            2,
            5,
            "resolved_at",
            Error::FinishedBeforeStarted {
                started: "2025-03-03T09:00:00+07:00".parse().unwrap(),
                finished: "2025-03-03T08:00:00+07:00".parse().unwrap(),
            },
        ),
        "complaints.csv, line 2, column 5 (resolved_at): finished_at 2025-03-03T01:00:00Z is \
         before started_at 2025-03-03T02:00:00Z",
    );
    // F38 and F39: times with no local date in 0000–9999 on the calendar.
    let far = Error::TimeOutOfRange {
        field: "local date".into(),
        value: "9999-12-31T23:00:00Z".into(),
    };
    fails(
        "F38: visit finished at 9999-12-31T23:00:00Z, read on WIB",
        read_visits(
            &visits(
                "2,izin,unit-a,counter,2025-03-03T09:00:00+07:00,,9999-12-31T23:00:00Z,0,0,,\n",
            ),
            Some(Calendar::wib()),
        ),
        at("visits.csv", 3, 7, "finished_at", far.clone()),
        "visits.csv, line 3, column 7 (finished_at): local date is out of the supported time \
         range: 9999-12-31T23:00:00Z",
    );
    fails(
        "F39: complaint resolved at 9999-12-31T23:00:00Z, read on WIB",
        complaints(
            "unit-a,ktp,2025-03-03T09:00:00+07:00,,9999-12-31T23:00:00Z\n",
            Some(Calendar::wib()),
        ),
        at("complaints.csv", 2, 5, "resolved_at", far),
        "complaints.csv, line 2, column 5 (resolved_at): local date is out of the supported \
         time range: 9999-12-31T23:00:00Z",
    );
    // Without a calendar the date is checked in UTC: that instant has one, the first second
    // of year 0000 an hour west of UTC has not.
    assert!(
        complaints(
            "unit-a,ktp,2025-03-03T09:00:00+07:00,,9999-12-31T23:00:00Z\n",
            None
        )
        .is_ok()
    );
    fails(
        "a filing time before year 0000 in UTC",
        complaints("unit-a,ktp,0000-01-01T00:00:00+01:00,,\n", None),
        at(
            "complaints.csv",
            2,
            3,
            "filed_at",
            Error::TimeOutOfRange {
                field: "local date".into(),
                value: "-0001-12-31T23:00:00Z".into(),
            },
        ),
        "complaints.csv, line 2, column 3 (filed_at): local date is out of the supported time \
         range: -0001-12-31T23:00:00Z",
    );
}

/// A UTF-8 byte-order mark and CRLF line ends, as spreadsheet programs on Windows write them.
#[test]
fn bom_and_crlf() {
    let text = format!("\u{feff}{SKM_HEADER}{SKM_ROW}s1,unit-b,,3,3,3,3,3,3,3,3,3\n")
        .replace('\n', "\r\n");
    let rows = read_skm(text.as_bytes()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].unit(), Some("unit-b"));
    assert_eq!(
        rows[1].answers().get("pengaduan"),
        Some(3),
        "no \\r in the last field"
    );
    // Lines are still counted with CRLF.
    let text = format!("\u{feff}{SKM_HEADER}{SKM_ROW}s1,unit-b,,3,3,3,3,3,3,3,3,5\n")
        .replace('\n', "\r\n");
    let err = read_skm(text.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "skm.csv, line 3, column 12 (u9): answer 5 to element `pengaduan` is out of scale 1..=4"
    );
    // Handed one byte at a time, the mark is split across reads and still dropped.
    let mut reader = SkmReader::new(OneByte(text.as_bytes()), &options()).unwrap();
    assert!(reader.next().unwrap().is_ok());
    assert_eq!(reader.next().unwrap().unwrap_err(), err);
    assert!(reader.next().is_none());
}

/// An `io::Read` handing out one byte per call.
struct OneByte<'a>(&'a [u8]);

impl std::io::Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((byte, rest)), Some(slot)) => {
                *slot = *byte;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

/// Header names in any case and order, padded; fields trimmed, also inside quotes, and
/// quoted (a quote opens a quoted field only as its first character, as RFC 4180 has it).
#[test]
fn headers_in_any_case_and_order_and_quoted_fields() {
    let text = " U9 ,Unit,SERVICE , u1,u2,u3,u4,u5,u6,u7,u8,Submitted_At,Saran\n\
                2 ,\" kel-sukamaju \",ktp-el,4,4,4,4,4,4,4,4, ,\"antre, lama\"\n";
    let r = &read_skm(text.as_bytes()).unwrap()[0];
    assert_eq!(r.unit(), Some("kel-sukamaju"));
    assert_eq!(r.service(), Some("ktp-el"));
    assert_eq!(r.answers().get("pengaduan"), Some(2));
    assert_eq!(r.submitted_at(), None);
    assert_eq!(r.saran(), Some("antre, lama"));
}

/// A quoted field spanning lines: later rows keep their line numbers, a row's line is where
/// it starts.
#[test]
fn quoted_fields_spanning_lines() {
    let text = format!(
        "{}{}s1,unit-a,,4,4,4,4,4,4,4,4,4,\"baris satu\nbaris dua\"\ns1,unit-a,,4,4,4,4,4,4,4,4,0,x\n",
        SKM_HEADER.replace('\n', ",saran\n"),
        SKM_ROW.replace('\n', ",\n"),
    );
    let rows: Vec<_> = SkmReader::new(text.as_bytes(), &options())
        .unwrap()
        .collect();
    assert_eq!(
        rows[1].as_ref().unwrap().saran(),
        Some("baris satu\nbaris dua")
    );
    let Err(Error::InFile { line, column, .. }) = &rows[2] else {
        panic!("{:?}", rows[2]);
    };
    assert_eq!((*line, *column), (5, Some(12)));
}

/// A failure to read the file ends the iteration with an `Io` error at the line reached.
#[test]
fn a_file_that_cannot_be_read() {
    struct Failing<'a>(&'a [u8]);
    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk on fire"));
            }
            let n = self.0.len().min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let text = format!("{SKM_HEADER}{SKM_ROW}");
    let mut reader = SkmReader::new(Failing(text.as_bytes()), &options()).unwrap();
    assert!(reader.next().unwrap().is_ok());
    fails(
        "a read that fails",
        reader.next().unwrap(),
        in_file(
            "skm.csv",
            3,
            Error::Io {
                kind: std::io::ErrorKind::Other,
                message: "disk on fire".into(),
            },
        ),
        "skm.csv, line 3: cannot read: disk on fire",
    );
    assert!(reader.next().is_none(), "nothing after a failure to read");
    // Failing before the header: the reader is not made.
    fails(
        "a header that cannot be read",
        SkmReader::new(Failing(b""), &options()),
        in_file(
            "skm.csv",
            1,
            Error::Io {
                kind: std::io::ErrorKind::Other,
                message: "disk on fire".into(),
            },
        ),
        "skm.csv, line 1: cannot read: disk on fire",
    );
    // Reading a real file.
    let path = std::env::temp_dir().join(format!("layanan-read-{}.csv", std::process::id()));
    std::fs::write(&path, text.as_bytes()).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let rows = all(SkmReader::new(file, &options()).unwrap()).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(rows.len(), 1);
}

/// Every row's line, whatever the line ends, blank lines, quoted newlines or a missing last
/// line end (the `csv` crate's own positions are off after blank lines and with CRLF).
#[test]
fn line_numbers() {
    let header = SKM_HEADER.replace('\n', ",saran\n");
    let bad = "s1,unit-a,,5,4,4,4,4,4,4,4,4,";
    for (label, text, lines) in [
        (
            "LF, blank lines, no last line end",
            format!("{header}{bad}\n\n{bad}\n   \n\n{bad}"),
            vec![2, 4, 7],
        ),
        (
            "CRLF, blank lines",
            format!("{header}{bad}\n\n{bad}\n \t \n\n{bad}\n\n").replace('\n', "\r\n"),
            vec![2, 4, 7],
        ),
        (
            "quoted newlines, LF and CRLF",
            format!("{header}{bad}\"a\nb\"\n{bad}\"c\r\nd\r\ne\"\r\n\r\n{bad}\n{bad}\"\n\"\n{bad}"),
            vec![2, 4, 8, 9, 11],
        ),
        (
            "a header after blank lines",
            format!("\n\r\n  \n{header}{bad}\n"),
            vec![5],
        ),
        (
            "a quote left open to the end of the file, ending in a line break",
            format!("{header}{bad}\n{bad}\"open\n"),
            vec![2, 3],
        ),
        (
            "a quote left open over several lines",
            format!("{header}{bad}\"a\r\nb\n\n"),
            vec![2],
        ),
        (
            "a stray quote inside an unquoted field",
            format!("{header}{bad}say \"hi\n{bad}\n\n{bad}\n"),
            vec![2, 3, 5],
        ),
        (
            // Found by fuzzing: the stray quote made an even count of quotes, and the open
            // quote's line break was taken for the end of its record (line 0 for a header).
            "a stray quote, then a quote left open to the end of the file",
            format!("{header}{bad}say \"hi\n{bad}\"open\n"),
            vec![2, 3],
        ),
        (
            "an escaped quote inside a quoted field, then a quote left open",
            format!("{header}{bad}\"say \"\"hi\"\"\n\"\n{bad}\"open\nto the end\n"),
            vec![2, 4],
        ),
        (
            "CR line ends, as old Mac files have them",
            format!("{header}{bad}\n{bad}\n\n{bad}\"\n\"\n\n{bad}").replace('\n', "\r"),
            vec![2, 3, 5, 8],
        ),
    ] {
        let got: Vec<u64> = SkmReader::new(text.as_bytes(), &options())
            .unwrap_or_else(|e| panic!("{label}: {e}"))
            .map(|row| match row {
                Err(Error::InFile { line, source, .. })
                    if matches!(*source, Error::RatingOutOfScale { .. }) =>
                {
                    line
                }
                other => panic!("{label}: {other:?}"),
            })
            .collect();
        assert_eq!(got, lines, "{label}");
        // The same file with good rows: `line()` places each record, as errors do.
        let good = text.replace(",5,", ",4,");
        let mut reader = SkmReader::new(good.as_bytes(), &options()).unwrap();
        assert_eq!(reader.line(), 0, "{label}: before the first row");
        let mut placed = Vec::new();
        while let Some(row) = reader.next() {
            row.unwrap_or_else(|e| panic!("{label}: {e}"));
            placed.push(reader.line());
        }
        assert_eq!(placed, lines, "{label}: line()");
    }
    // A header whose last column opens a quote that runs to the end of the file (found by
    // fuzzing): still line 1.
    let err = SkmReader::new("service,\"\n".as_bytes(), &options()).unwrap_err();
    let Error::InFile { line, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(line, 1);
    // The same after a stray quote in an earlier header field.
    let err = SkmReader::new("service,un\"it,\"\n".as_bytes(), &options()).unwrap_err();
    let Error::InFile { line, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(line, 1);
    // The header's own line.
    let err = SkmReader::new("\n\nservice,unit\n".as_bytes(), &options()).unwrap_err();
    let Error::InFile { line, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(line, 3);
}
