//! Complaint files.

use super::{all, at, fails};
use layanan::read::{ComplaintReader, ReadOptions};
use layanan::{Calendar, Complaint, Error, Timestamp};

const HEADER: &str = "unit,service,filed_at,first_response_at,resolved_at";

fn read(text: &str) -> Result<Vec<Complaint>, Error> {
    let options = ReadOptions::new()
        .with_file_name("complaints.csv")
        .with_calendar(Calendar::wita());
    all(ComplaintReader::new(text.as_bytes(), &options)?)
}

fn t(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn reads_every_field() {
    let text = format!(
        "{HEADER},category\n\
         kec-denpasar,ktp-el,2025-03-03 09:00,2025-03-03 15:00,2025-03-06 10:00,ringan\n\
         kec-denpasar,,2025-03-04T11:30:00+08:00,,,\n\
         kec-kuta,kk,2025-03-05 08:00,,2025-03-05 08:30,\n"
    );
    let expected = vec![
        Complaint::filed("kec-denpasar", t("2025-03-03T09:00:00+08:00"))
            .unwrap()
            .about_service("ktp-el")
            .unwrap()
            .first_response_at(t("2025-03-03T15:00:00+08:00"))
            .unwrap()
            .resolved_at(t("2025-03-06T10:00:00+08:00"))
            .unwrap()
            .in_category("ringan")
            .unwrap(),
        Complaint::filed("kec-denpasar", t("2025-03-04T11:30:00+08:00")).unwrap(),
        Complaint::filed("kec-kuta", t("2025-03-05T08:00:00+08:00"))
            .unwrap()
            .about_service("kk")
            .unwrap()
            .resolved_at(t("2025-03-05T08:30:00+08:00"))
            .unwrap(),
    ];
    assert_eq!(read(&text).unwrap(), expected);
    // Resolving answers it.
    assert_eq!(
        expected[2].first_response(),
        Some(t("2025-03-05T08:30:00+08:00"))
    );
}

#[test]
fn times_out_of_order() {
    let filed = t("2025-03-03T09:00:00+08:00");
    for (label, row, column, field, source, message) in [
        (
            "answered before it was filed",
            "u,,2025-03-03 09:00,2025-03-03 08:59,",
            4,
            "first_response_at",
            Error::FinishedBeforeStarted {
                started: filed,
                finished: t("2025-03-03T08:59:00+08:00"),
            },
            "complaints.csv, line 2, column 4 (first_response_at): finished_at \
             2025-03-03T00:59:00Z is before started_at 2025-03-03T01:00:00Z",
        ),
        (
            "resolved before it was answered",
            "u,,2025-03-03 09:00,2025-03-04 09:00,2025-03-03 10:00",
            5,
            "resolved_at",
            Error::ResolvedBeforeResponse {
                responded: t("2025-03-04T09:00:00+08:00"),
                resolved: t("2025-03-03T10:00:00+08:00"),
            },
            "complaints.csv, line 2, column 5 (resolved_at): resolved_at 2025-03-03T02:00:00Z \
             is before first_response_at 2025-03-04T01:00:00Z",
        ),
    ] {
        fails(
            label,
            read(&format!("{HEADER}\n{row}\n")),
            at("complaints.csv", 2, column, field, source),
            message,
        );
    }
}

#[test]
fn required_fields() {
    for (label, row, column, field) in [
        ("no unit", ",kk,2025-03-03 09:00,,", 1, "unit"),
        ("no filing time", "u,kk,,,", 3, "filed_at"),
    ] {
        fails(
            label,
            read(&format!("{HEADER}\n{row}\n")),
            at(
                "complaints.csv",
                2,
                column,
                field,
                Error::Missing {
                    field: field.into(),
                },
            ),
            &format!("complaints.csv, line 2, column {column} ({field}): {field} is required"),
        );
    }
}
