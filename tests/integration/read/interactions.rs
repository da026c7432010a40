//! Visit files.

use super::{MONEY, all, at, fails, first, parse_error};
use layanan::read::{InteractionReader, ReadOptions};
use layanan::{Calendar, Error, Instrument, Interaction, Money, RatingScale, Timestamp};

const HEADER: &str = "id,service,unit,channel,arrived_at,started_at,finished_at,official_fee,paid";

fn read(text: &str, options: &ReadOptions) -> Result<Vec<Interaction>, Error> {
    all(InteractionReader::new(text.as_bytes(), options)?)
}

fn visits_csv() -> ReadOptions {
    ReadOptions::new()
        .with_file_name("visits.csv")
        .with_calendar(Calendar::wib())
}

fn t(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn reads_every_field() {
    let text = format!(
        "{HEADER},u1,u2,u3,u4,u5,u6,u7,u8,u9,empathy,recommend\n\
         v1,ktp-el,kel-sukamaju,counter,2025-03-04 08:15,2025-03-04 08:32:30,2025-03-04 08:50,0,Rp 20.000,4,,3,4,3,4,1,3,,2,3\n\
         v2,pbg,dpmptsp,online,2025-03-04T09:00:00+07:00,,,1.500.000,,,,,,,,,,,,\n\
         ,ktp-el,kel-sukamaju,,1741054500,,1741056300,0,0,,,,,,,,,,5,10\n"
    );
    let visits = read(&text, &visits_csv()).unwrap();
    let skm = Instrument::permenpanrb_14_2017();
    let expected = [
        Interaction::builder("ktp-el", "kel-sukamaju", t("2025-03-04T08:15:00+07:00"))
            .id("v1")
            .channel("counter")
            .started_at(t("2025-03-04T08:32:30+07:00"))
            .finished_at(t("2025-03-04T08:50:00+07:00"))
            .official_fee(Money::ZERO)
            .paid(Money::new(20_000))
            .skm(
                layanan::SkmAnswers::from_values(
                    &skm,
                    &[
                        Some(4),
                        None,
                        Some(3),
                        Some(4),
                        Some(3),
                        Some(4),
                        Some(1),
                        Some(3),
                        None,
                    ],
                )
                .unwrap(),
            )
            .empathy(RatingScale::FIVE_POINT.rating(2).unwrap())
            .recommend(3)
            .build()
            .unwrap(),
        // Not finished, no payment recorded, an assessed fee written with thousands dots.
        Interaction::builder("pbg", "dpmptsp", t("2025-03-04T09:00:00+07:00"))
            .id("v2")
            .channel("online")
            .official_fee(Money::new(1_500_000))
            .build()
            .unwrap(),
        // No id, no channel, no start; Unix seconds.
        Interaction::builder("ktp-el", "kel-sukamaju", t("2025-03-04T09:15:00+07:00"))
            .finished_at(t("2025-03-04T09:45:00+07:00"))
            .official_fee(Money::ZERO)
            .paid(Money::ZERO)
            .empathy(RatingScale::FIVE_POINT.rating(5).unwrap())
            .recommend(10)
            .build()
            .unwrap(),
    ];
    assert_eq!(visits, expected);
}

#[test]
fn answer_columns_are_optional_one_by_one() {
    // Only u7 and u9: the courtesy and complaint-handling answers an empathy score uses.
    let text = format!("u7,{HEADER},u9\n4,1,s,u,,1741054500,,,,,3\n2,2,s,u,,1741054500,,,,,\n");
    let visits = read(&text, &visits_csv()).unwrap();
    let answers = visits[0].skm().unwrap();
    assert_eq!(answers.get("perilaku"), Some(4));
    assert_eq!(answers.get("pengaduan"), Some(3));
    assert_eq!(answers.answered(), 2);
    assert_eq!(visits[1].skm().unwrap().answered(), 1);
    // No answer at all: no SKM answers for the visit.
    let text = format!("{HEADER},u1\n1,s,u,,1741054500,,,,,\n");
    assert_eq!(read(&text, &visits_csv()).unwrap()[0].skm(), None);
}

#[test]
fn empathy_on_a_declared_scale() {
    let text = format!("{HEADER},empathy\n1,s,u,,1741054500,,,,,7\n");
    let seven = RatingScale::new(1, 7).unwrap();
    let visits = read(&text, &visits_csv().with_empathy_scale(seven)).unwrap();
    assert_eq!(visits[0].empathy(), Some(seven.rating(7).unwrap()));
    fails(
        "empathy 7 on the default 1-5",
        read(&text, &visits_csv()),
        at(
            "visits.csv",
            2,
            10,
            "empathy",
            Error::OutOfRange {
                field: "rating".into(),
                value: 7,
                min: 1,
                max: 5,
            },
        ),
        "visits.csv, line 2, column 10 (empathy): rating must be between 1 and 5, got 7",
    );
    fails(
        "empathy 4.5",
        read(&text.replace(",7\n", ",4.5\n"), &visits_csv()),
        at(
            "visits.csv",
            2,
            10,
            "empathy",
            parse_error("empathy", "4.5", "a whole number"),
        ),
        "visits.csv, line 2, column 10 (empathy): cannot parse `4.5` as a whole number",
    );
}

#[test]
fn instants_out_of_order() {
    let arrived = "2025-03-04 09:00";
    for (label, started, finished, column, field, source, message) in [
        (
            "started before arriving",
            "2025-03-04 08:59",
            "",
            6,
            "started_at",
            Error::StartedBeforeArrived {
                arrived: t("2025-03-04T09:00:00+07:00"),
                started: t("2025-03-04T08:59:00+07:00"),
            },
            "visits.csv, line 2, column 6 (started_at): started_at 2025-03-04T01:59:00Z is \
             before arrived_at 2025-03-04T02:00:00Z",
        ),
        (
            "finished before arriving, no start",
            "",
            "2025-03-04 08:00",
            7,
            "finished_at",
            Error::FinishedBeforeStarted {
                started: t("2025-03-04T09:00:00+07:00"),
                finished: t("2025-03-04T08:00:00+07:00"),
            },
            "visits.csv, line 2, column 7 (finished_at): finished_at 2025-03-04T01:00:00Z is \
             before started_at 2025-03-04T02:00:00Z",
        ),
    ] {
        let text = format!("{HEADER}\n1,s,u,,{arrived},{started},{finished},,\n");
        fails(
            label,
            read(&text, &visits_csv()),
            at("visits.csv", 2, column, field, source),
            message,
        );
    }
}

#[test]
fn money_fields() {
    for (text, units) in [
        ("0", 0),
        ("15000", 15_000),
        ("15.000", 15_000),
        ("Rp 15.000", 15_000),
        ("Rp15000", 15_000),
        ("\"Rp 1.500.000\"", 1_500_000),
    ] {
        let file = format!("{HEADER}\n1,s,u,,1741054500,,,{text},{text}\n");
        let visit = first(InteractionReader::new(file.as_bytes(), &visits_csv()).unwrap())
            .unwrap_or_else(|e| panic!("`{text}`: {e}"));
        assert_eq!(visit.official_fee(), Some(Money::new(units)), "`{text}`");
        assert_eq!(visit.paid(), Some(Money::new(units)), "`{text}`");
    }
    let file = format!("{HEADER}\n1,s,u,,1741054500,,,0,\"15,000\"\n");
    fails(
        "paid `15,000`",
        read(&file, &visits_csv()),
        at(
            "visits.csv",
            2,
            9,
            "paid",
            parse_error("paid", "15,000", MONEY),
        ),
        &format!("visits.csv, line 2, column 9 (paid): cannot parse `15,000` as {MONEY}"),
    );
}

#[test]
fn required_fields() {
    for (label, row, column, field) in [
        ("no service", "1,,u,,1741054500,,,,", 2, "service"),
        ("a blank unit", "1,s,  ,,1741054500,,,,", 3, "unit"),
        ("no arrival", "1,s,u,,,,,,", 5, "arrived_at"),
    ] {
        fails(
            label,
            read(&format!("{HEADER}\n{row}\n"), &visits_csv()),
            at(
                "visits.csv",
                2,
                column,
                field,
                Error::Missing {
                    field: field.into(),
                },
            ),
            &format!("visits.csv, line 2, column {column} ({field}): {field} is required"),
        );
    }
}

#[test]
fn the_2004_instrument_in_a_visit_file() {
    let options = visits_csv().with_instrument(Instrument::kepmenpan_25_2004());
    let text = format!("{HEADER},u14\n1,s,u,,1741054500,,,,,2\n");
    let visits = read(&text, &options).unwrap();
    assert_eq!(visits[0].skm().unwrap().get("keamanan"), Some(2));
    // u14 is not a column of the 2017 instrument.
    let err = read(&text, &visits_csv()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "visits.csv, line 1, column 10: unknown column `u14`, expected service, unit, \
         arrived_at, started_at, finished_at, official_fee, paid, and optionally id, channel, \
         u1, u2, u3, u4, u5, u6, u7, u8, u9, empathy, recommend"
    );
}

/// `id` and `channel` are optional columns: a queue system's export without them reads, each
/// visit without an id or a channel.
#[test]
fn id_and_channel_may_be_left_out() {
    let file = "service,unit,arrived_at,started_at,finished_at,official_fee,paid\n\
                ktp-el,kel-a,1741050900,1741051800,1741053600,0,0\n";
    let visits =
        all(InteractionReader::new(file.as_bytes(), &ReadOptions::new()).unwrap()).unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!((visits[0].id(), visits[0].channel()), (None, None));
    assert_eq!(visits[0].service(), "ktp-el");
}
