//! The `report` example's CSV readers, run as a user would run them on hostile files: each bad
//! file stops the example with exit status 1 and exactly one line naming the file, the line
//! and, where there is one, the column.

use crate::example::{file, run, stdout};

const SKM_HEADER: &str = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";
const SKM_ROW: &str = "s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4\n";
const VISITS_HEADER: &str = "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid,recommend,empathy\n";
const STANDARDS_HEADER: &str = "service,max_wait_minutes,completion,tariff\n";
const COMPLAINTS_HEADER: &str = "unit,service,filed_at,first_response_at,resolved_at\n";

/// Runs the report with `flag` on a file `name` holding `contents`: it must fail with exit
/// status 1, print nothing, and say `error: <path>, <expected>` on one line.
#[track_caller]
fn refuses(label: &str, flag: &str, name: &str, contents: &[u8], expected: &str) {
    refuses_with(label, &[], flag, name, contents, expected);
}

/// As [`refuses`], with other arguments (other files) before the bad file.
#[track_caller]
fn refuses_with(
    label: &str,
    others: &[&str],
    flag: &str,
    name: &str,
    contents: &[u8],
    expected: &str,
) {
    let path = file(name, contents);
    let mut args = others.to_vec();
    args.extend([flag, path.as_str()]);
    let output = run(&args);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{label}: {err}");
    assert!(output.stdout.is_empty(), "{label}: printed a report");
    assert_eq!(err, format!("error: {path}, {expected}\n"), "{label}");
}

/// The one-row SKM file with columns `names` added, holding `values`.
fn with_columns(names: &str, values: &str) -> Vec<u8> {
    let header = SKM_HEADER.replace('\n', &format!(",{names}\n"));
    format!("{header}{}", SKM_ROW.replace('\n', &format!(",{values}\n"))).into_bytes()
}

fn skm(rows: &str) -> Vec<u8> {
    format!("{SKM_HEADER}{SKM_ROW}{rows}").into_bytes()
}

#[test]
fn skm_files_with_bad_columns() {
    for (label, name, contents, expected) in [
        (
            "F01: SKM file without the u9 column",
            "skm_missing_column.csv",
            "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8\n\
             s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4\n"
                .as_bytes()
                .to_vec(),
            "line 1: missing column `u9`, expected service, unit, submitted_at, u1, u2, u3, u4, \
             u5, u6, u7, u8, u9, and optionally gender, age, education, occupation, saran",
        ),
        (
            "F02: SKM file with an unknown column",
            "skm_unknown_column.csv",
            with_columns("remarks", "ok"),
            "line 1, column 13: unknown column `remarks`, expected service, unit, submitted_at, \
             u1, u2, u3, u4, u5, u6, u7, u8, u9, and optionally gender, age, education, \
             occupation, saran",
        ),
        (
            "F03: SKM file with a column twice",
            "skm_column_twice.csv",
            with_columns("unit", "unit-a"),
            "line 1, column 13 (unit): column `unit` is given more than once",
        ),
        (
            "F04: SKM file answering u3 in two columns",
            "skm_u3_twice.csv",
            with_columns("u3", "1"),
            "line 1, column 13 (u3): column `u3` is given more than once",
        ),
        (
            "F05: SKM row with an extra field",
            "skm_extra_field.csv",
            skm("s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4,4\n"),
            "line 3: expected 12 fields, found 13",
        ),
        (
            "F06: SKM row with a field missing",
            "skm_short_row.csv",
            skm("s1,unit-a,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4\n"),
            "line 3: expected 12 fields, found 11",
        ),
    ] {
        refuses(label, "--skm", name, &contents, expected);
    }
}

#[test]
fn skm_files_with_bad_fields() {
    for (label, name, rows, expected) in [
        (
            "F08: SKM answer 9",
            "skm_answer_9.csv",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,4,9,4,4,4,4,4\n",
            "line 3, column 7 (u4): answer 9 to element `biaya` is out of scale 1..=4",
        ),
        (
            "F09: SKM answer 0",
            "skm_answer_0.csv",
            "s1,unit-a,2025-01-06T09:00:00+07:00,0,4,4,4,4,4,4,4,4\n",
            "line 3, column 4 (u1): answer 0 to element `persyaratan` is out of scale 1..=4",
        ),
        (
            "F10: SKM answer -1",
            "skm_answer_minus_1.csv",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,4,-1\n",
            "line 3, column 12 (u9): answer -1 to element `pengaduan` is out of scale 1..=4",
        ),
        (
            "F11: SKM answer 3.5",
            "skm_answer_fraction.csv",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,3.5,4,4,4,4,4,4\n",
            "line 3, column 6 (u3): cannot parse `3.5` as a whole number",
        ),
        (
            "F12: SKM answer past i64",
            "skm_answer_huge.csv",
            "s1,unit-a,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,99999999999999999999,4\n",
            "line 3, column 11 (u8): cannot parse `99999999999999999999` as a whole number",
        ),
        (
            "F13: SKM submitted in month 13",
            "skm_bad_time.csv",
            "s1,unit-a,2025-13-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4\n",
            "line 3, column 3 (submitted_at): timestamp: cannot parse \
             `2025-13-06T08:00:00+07:00` as Unix seconds, an RFC 3339 timestamp such as \
             2025-03-04T08:15:00+07:00 or a local time such as 2025-03-04 08:15",
        ),
        (
            "F14: SKM submitted at i64::MAX Unix seconds",
            "skm_time_max.csv",
            "s1,unit-a,9223372036854775807,4,4,4,4,4,4,4,4,4\n",
            "line 3, column 3 (submitted_at): unix seconds is out of the supported time \
             range: 9223372036854775807",
        ),
        (
            "F15: SKM submitted at Unix seconds past i64",
            "skm_time_huge.csv",
            "s1,unit-a,99999999999999999999,4,4,4,4,4,4,4,4,4\n",
            "line 3, column 3 (submitted_at): timestamp: cannot parse \
             `99999999999999999999` as Unix seconds or an RFC 3339 timestamp",
        ),
        (
            "F16: SKM row without a service",
            "skm_no_service.csv",
            ",unit-a,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,4,4\n",
            "line 3, column 1 (service): service is required",
        ),
    ] {
        refuses(label, "--skm", name, &skm(rows), expected);
    }
    let mut bytes = skm("");
    bytes.extend_from_slice(b"s1,unit-\xff,2025-01-06T09:00:00+07:00,4,4,4,4,4,4,4,4,4\n");
    refuses(
        "F17: SKM unit that is not UTF-8",
        "--skm",
        "skm_not_utf8.csv",
        &bytes,
        "line 3, column 2 (unit): cannot parse `unit-\\xff` as UTF-8 text",
    );
    let header = b"service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,g\xe9nder\n".to_vec();
    refuses(
        "F18: SKM header that is not UTF-8",
        "--skm",
        "skm_header_not_utf8.csv",
        &[header, SKM_ROW.as_bytes().to_vec()].concat(),
        "line 1, column 13: column name: cannot parse `g\\xe9nder` as UTF-8 text",
    );
    let respondent = with_columns("gender,age", "X,150");
    refuses(
        "F19: SKM respondent of gender X",
        "--skm",
        "skm_gender.csv",
        &respondent,
        "line 2, column 13 (gender): unknown value `X`, expected one of L, P",
    );
    let respondent = with_columns("gender,age", "P,150");
    refuses(
        "F20: SKM respondent aged 150",
        "--skm",
        "skm_age.csv",
        &respondent,
        "line 2, column 14 (age): age must be between 0 and 120, got 150",
    );
}

/// Blank lines are not questionnaires: the file scores as its two rows.
#[test]
fn skm_files_with_blank_lines() {
    let label = "F21: SKM file with blank lines between and after rows";
    let contents = format!(
        "{SKM_HEADER}\n{SKM_ROW}\n\ns1,unit-a,2025-01-06T09:00:00+07:00,3,3,3,3,3,3,3,3,3\n\n"
    );
    let out = stdout(&run(&[
        "--skm",
        &file("skm_blank_lines.csv", contents.as_bytes()),
    ]));
    assert!(out.contains("Responden: 2 (2 lengkap)"), "{label}: {out}");
    // (4 + 3)/2 = 3.5 on every element: 87.50.
    assert!(out.contains("IKM (NIK)           87.50"), "{label}: {out}");
}

fn visits(row: &str) -> Vec<u8> {
    format!(
        "{VISITS_HEADER}1,ktp,unit-a,counter,2025-03-03T08:00:00+07:00,2025-03-03T08:10:00+07:00,\
         2025-03-03T08:40:00+07:00,0,0,10,5\n{row}"
    )
    .into_bytes()
}

#[test]
fn interaction_files_with_bad_fields() {
    let arrived = "2025-03-03T09:00:00+07:00";
    for (label, name, row, expected) in [
        (
            "F22: visit finished before it started",
            "visits_finished_early.csv",
            format!(
                "2,ktp,unit-a,counter,{arrived},2025-03-03T09:30:00+07:00,2025-03-03T09:20:00+07:00,0,0,,\n"
            ),
            "line 3, column 7 (finished_at): finished_at 2025-03-03T02:20:00Z is before \
             started_at 2025-03-03T02:30:00Z",
        ),
        (
            "F23: visit paid -5",
            "visits_paid_negative.csv",
            format!("2,ktp,unit-a,counter,{arrived},,,0,-5,,\n"),
            "line 3, column 9 (paid): paid is negative: -5",
        ),
        (
            "F24: visit paid u64::MAX + 1",
            "visits_paid_huge.csv",
            format!("2,ktp,unit-a,counter,{arrived},,,0,18446744073709551616,,\n"),
            "line 3, column 9 (paid): paid overflows",
        ),
        (
            "F25: visit paid `Rp 15,000`",
            "visits_paid_text.csv",
            format!("2,ktp,unit-a,counter,{arrived},,,\"Rp 15,000\",0,,\n"),
            "line 3, column 8 (official_fee): cannot parse `Rp 15,000` as a \
             whole amount of money such as 15000, 15.000 or Rp 15.000",
        ),
        (
            "F26: visit recommend 11",
            "visits_recommend.csv",
            format!("2,ktp,unit-a,counter,{arrived},,,0,0,11,\n"),
            "line 3, column 10 (recommend): recommend must be between 0 and 10, got 11",
        ),
        (
            "F27: visit empathy 6 on 1–5",
            "visits_empathy.csv",
            format!("2,ktp,unit-a,counter,{arrived},,,0,0,,6\n"),
            "line 3, column 11 (empathy): rating must be between 1 and 5, got 6",
        ),
        (
            "F28: visit without an arrival",
            "visits_no_arrival.csv",
            "2,ktp,unit-a,counter,,,,0,0,,\n".to_string(),
            "line 3, column 5 (arrived_at): arrived_at is required",
        ),
    ] {
        refuses(label, "--interactions", name, &visits(&row), expected);
    }
}

/// A visit to a service without a published standard is scored, and listed as such.
#[test]
fn interaction_files_with_unknown_services() {
    let label = "F29: visit to a service the standards do not list";
    let standards = file(
        "standards_ktp.csv",
        format!("{STANDARDS_HEADER}ktp,30,60m,0\n").as_bytes(),
    );
    let row = "2,paspor,unit-a,counter,2025-03-03T09:00:00+07:00,,,0,0,,\n";
    let visits = file("visits_unknown_service.csv", &visits(row));
    let out = stdout(&run(&[
        "--interactions",
        &visits,
        "--standards",
        &standards,
    ]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("Services without a published standard")
                && l.contains("paspor (1 visits)")),
        "{label}: {out}"
    );
}

#[test]
fn standards_holidays_and_complaints_files() {
    for (label, flag, name, contents, expected) in [
        (
            "F30: service standard listed twice",
            "--standards",
            "standards_twice.csv",
            format!("{STANDARDS_HEADER}ktp,30,60m,0\nktp,20,90m,0\n"),
            "line 3, column 1 (service): service `ktp` is given more than once, first on line 2",
        ),
        (
            "F31: completion `14x`",
            "--standards",
            "standards_completion.csv",
            format!("{STANDARDS_HEADER}ktp,30,14x,0\n"),
            "line 2, column 3 (completion): cannot parse `14x` as working days, \
             hours, minutes or seconds such as 14wd, 2h, 90m or 45s",
        ),
        (
            "F32: waiting target of -5 minutes",
            "--standards",
            "standards_wait.csv",
            format!("{STANDARDS_HEADER}ktp,-5,60m,0\n"),
            "line 2, column 2 (max_wait_minutes): max_wait_minutes must be between 0 and \
             4294967295, got -5",
        ),
        (
            "F33: tariff of -1",
            "--standards",
            "standards_tariff.csv",
            format!("{STANDARDS_HEADER}ktp,30,60m,-1\n"),
            "line 2, column 4 (tariff): tariff is negative: -1",
        ),
        (
            "F34: holiday on 30 February",
            "--holidays",
            "holidays_30_february.csv",
            "date,kind\n2025-02-30,test\n".to_string(),
            "line 2, column 1 (date): day must be between 1 and 28, got 30",
        ),
        (
            "F35: complaint resolved before it was filed",
            "--complaints",
            "complaints_early.csv",
            format!(
                "{COMPLAINTS_HEADER}unit-a,ktp,2025-03-03T09:00:00+07:00,,\
                 2025-03-03T08:00:00+07:00\n"
            ),
            "line 2, column 5 (resolved_at): finished_at 2025-03-03T01:00:00Z is before \
             started_at 2025-03-03T02:00:00Z",
        ),
    ] {
        refuses(label, flag, name, contents.as_bytes(), expected);
    }
}

#[test]
fn command_lines_that_make_no_sense() {
    let output = run(&["--skm", "/nonexistent/skm.csv"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "F36: a file that does not exist"
    );
    assert_eq!(
        err,
        "error: /nonexistent/skm.csv: No such file or directory (os error 2)\n"
    );
    let output = run(&["--population", "zero"]);
    assert_eq!(output.status.code(), Some(1), "F37: a population of `zero`");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: --population must be a positive whole number, got `zero`\n"
    );
}

/// Times that parse but have no local date in 0000–9999 (so no working days can be counted
/// from them) are refused while reading, with their line and column.
#[test]
fn times_without_a_local_date() {
    let standards = file(
        "standards_izin.csv",
        format!("{STANDARDS_HEADER}izin,,3wd,0\n").as_bytes(),
    );
    let row = "2,izin,unit-a,counter,2025-03-03T09:00:00+07:00,,9999-12-31T23:00:00Z,0,0,,\n";
    refuses_with(
        "F38: visit finished at 9999-12-31T23:00:00Z, judged in working days",
        &["--standards", &standards],
        "--interactions",
        "visits_far_future.csv",
        &visits(row),
        "line 3, column 7 (finished_at): local date is out of the supported time range: \
         9999-12-31T23:00:00Z",
    );
    refuses(
        "F39: complaint resolved at 9999-12-31T23:00:00Z, target in working days",
        "--complaints",
        "complaints_far_future.csv",
        format!("{COMPLAINTS_HEADER}unit-a,ktp,2025-03-03T09:00:00+07:00,,9999-12-31T23:00:00Z\n")
            .as_bytes(),
        "line 2, column 5 (resolved_at): local date is out of the supported time range: \
         9999-12-31T23:00:00Z",
    );
}

/// The command line and the text from the data, as a user meets them (issue 15, 15–18): help
/// is not an error, a flag given twice is refused rather than the first silently replaced,
/// nothing to score says so, a blank tariff and a complaint answered after its resolution are
/// refused with their line and column, and text from the data never reaches the terminal as
/// control sequences nor hides its differences.
#[test]
fn command_lines_and_text_as_users_meet_them() {
    let output = run(&["--help"]);
    assert_eq!(output.status.code(), Some(0), "F40: --help");
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("usage: report"));

    let skm_file = file("skm_once.csv", &skm(""));
    let output = run(&["--skm", &skm_file, "--skm", &skm_file]);
    assert_eq!(output.status.code(), Some(1), "F41: --skm twice");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: --skm is given more than once\n"
    );

    // A file with no rows, with or without its header, holds nothing to score: as the library
    // readers say, it yields no record.
    for (label, name, contents) in [
        (
            "F42: a header-only file",
            "skm_header_only.csv",
            SKM_HEADER.as_bytes(),
        ),
        ("F07: SKM file that is empty", "skm_empty.csv", &b""[..]),
    ] {
        let output = run(&["--skm", &file(name, contents)]);
        assert_eq!(output.status.code(), Some(1), "{label}");
        assert!(
            String::from_utf8_lossy(&output.stderr).starts_with("error: nothing to score"),
            "{label}"
        );
    }

    refuses(
        "F43: a standard with a blank tariff",
        "--standards",
        "standards_blank_tariff.csv",
        format!("{STANDARDS_HEADER}ktp,30,60m,\n").as_bytes(),
        "line 2, column 4 (tariff): tariff is required",
    );
    refuses(
        "F44: a complaint resolved before its first response",
        "--complaints",
        "complaints_out_of_order.csv",
        format!(
            "{COMPLAINTS_HEADER}unit-a,ktp,2025-03-03T09:00:00+07:00,2025-03-05T09:00:00+07:00,2025-03-04T09:00:00+07:00\n"
        )
        .as_bytes(),
        "line 2, column 5 (resolved_at): resolved_at 2025-03-04T02:00:00Z is before first_response_at 2025-03-05T02:00:00Z",
    );

    // A unit name with an escape sequence and another with a zero-width space.
    let rows = "s1,\u{1b}[31mkel-red,2025-01-06T08:00:00+07:00,4,4,4,4,4,4,4,4,4\n\
                s1,kel-a\u{200b},2025-01-06T08:00:00+07:00,3,3,3,3,3,3,3,3,3\n";
    let hostile = file("skm_hostile_names.csv", &skm(rows));
    let out = String::from_utf8(run(&["--skm", &hostile]).stdout).expect("UTF-8");
    let label = "F45: a unit named with a terminal escape sequence";
    assert!(!out.contains('\u{1b}'), "{label}: {out}");
    assert!(out.contains("\\u{1b}[31mkel-red"), "{label}: {out}");
    let label = "F46: a unit named with a zero-width space";
    assert!(out.contains("kel-a\\u{200b}"), "{label}: {out}");
}
