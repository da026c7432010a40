//! Holiday files.

use super::{all, at, fails, parse_error};
use layanan::read::{HolidayReader, ReadOptions};
use layanan::{Calendar, Date, Error};

fn read(text: &str) -> Result<Vec<Date>, Error> {
    let options = ReadOptions::new().with_file_name("holidays.csv");
    all(HolidayReader::new(text.as_bytes(), &options)?)
}

#[test]
fn reads_dates_with_or_without_a_kind() {
    let dates = read("date,kind\n2025-08-17,libur nasional\n2025-08-18,\n").unwrap();
    assert_eq!(
        dates,
        [
            Date::new(2025, 8, 17).unwrap(),
            Date::new(2025, 8, 18).unwrap()
        ]
    );
    assert_eq!(
        read("DATE\n2025-12-25\n").unwrap(),
        [Date::new(2025, 12, 25).unwrap()]
    );
    let calendar = Calendar::wib().with_holidays(dates);
    assert!(!calendar.is_working_day(Date::new(2025, 8, 18).unwrap()));
}

#[test]
fn dates_that_are_not_dates() {
    fails(
        "a date with a time",
        read("date\n2025-08-17T00:00:00Z\n"),
        at(
            "holidays.csv",
            2,
            1,
            "date",
            parse_error("date", "2025-08-17T00:00:00Z", "a date such as 2025-08-17"),
        ),
        "holidays.csv, line 2, column 1 (date): cannot parse `2025-08-17T00:00:00Z` as a \
         date such as 2025-08-17",
    );
    fails(
        "no date",
        read("date,kind\n,cuti bersama\n"),
        at(
            "holidays.csv",
            2,
            1,
            "date",
            Error::Missing {
                field: "date".into(),
            },
        ),
        "holidays.csv, line 2, column 1 (date): date is required",
    );
    // The kind is not kept, but it is read: it must be text.
    fails(
        "a kind that is not UTF-8",
        all(HolidayReader::new(
            &b"date,kind\n2025-08-17,libur\xa0nasional\n"[..],
            &ReadOptions::new().with_file_name("holidays.csv"),
        )
        .unwrap()),
        at(
            "holidays.csv",
            2,
            2,
            "kind",
            parse_error("kind", "libur\\xa0nasional", "UTF-8 text"),
        ),
        "holidays.csv, line 2, column 2 (kind): cannot parse `libur\\xa0nasional` as UTF-8 \
         text",
    );
}
