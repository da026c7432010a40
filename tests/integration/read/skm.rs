//! SKM questionnaire files.

use super::{INSTANT, all, at, at_column, fails, first, in_file, parse_error};
use layanan::read::{ReadOptions, SkmReader};
use layanan::{
    Calendar, Education, Error, Gender, Instrument, Occupation, SkmAnswers, SkmTally, Timestamp,
};

fn read(text: &str, options: &ReadOptions) -> Result<Vec<layanan::SkmResponse>, Error> {
    all(SkmReader::new(text.as_bytes(), options)?)
}

fn skm_csv() -> ReadOptions {
    ReadOptions::new().with_file_name("skm.csv")
}

#[test]
fn reads_answers_blanks_profile_and_saran() {
    let text = "\
service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,saran
ktp-el,kel-sukamaju,2025-03-04T08:15:00+07:00,4,3,3,4,3,4,4,3,,P,34,S1,PNS,antrean terlalu panjang
kk,kel-cibeureum,1741050900,1,2,3,4,1,2,3,4,1,l,19,sltp,wiraswasta,
ktp-el,kel-sukamaju,,,,,,,,,,,,,,,
";
    let responses = read(text, &skm_csv()).unwrap();
    assert_eq!(responses.len(), 3);
    let skm = Instrument::permenpanrb_14_2017();

    let r = &responses[0];
    assert_eq!(r.service(), Some("ktp-el"));
    assert_eq!(r.unit(), Some("kel-sukamaju"));
    assert_eq!(
        r.submitted_at(),
        Some(Timestamp::from_unix_seconds(1_741_050_900).unwrap())
    );
    let row = [4, 3, 3, 4, 3, 4, 4, 3].map(Some);
    let mut values: Vec<Option<i64>> = row.to_vec();
    values.push(None);
    assert_eq!(
        r.answers(),
        &SkmAnswers::from_values(&skm, &values).unwrap()
    );
    assert_eq!(
        r.answers().get("pengaduan"),
        None,
        "a blank is not answered"
    );
    assert_eq!(r.respondent().gender(), Some(Gender::Perempuan));
    assert_eq!(r.respondent().age(), Some(34));
    assert_eq!(r.respondent().education(), Some(Education::S1));
    assert_eq!(r.respondent().occupation(), Some(Occupation::Pns));
    assert_eq!(r.saran(), Some("antrean terlalu panjang"));

    // Lowercase labels and aliases; Unix seconds.
    let r = &responses[1];
    assert_eq!(r.submitted_at(), responses[0].submitted_at());
    assert_eq!(r.respondent().gender(), Some(Gender::LakiLaki));
    assert_eq!(r.respondent().education(), Some(Education::Smp));
    assert_eq!(r.respondent().occupation(), Some(Occupation::Wirausaha));
    assert_eq!(r.saran(), None);

    // A row with no answer is a blank questionnaire: read, and counted as blank by a tally.
    let r = &responses[2];
    assert_eq!(r.answers().answered(), 0);
    assert_eq!(r.submitted_at(), None);
    assert_eq!(r.respondent(), &layanan::Respondent::default());
    let mut tally = SkmTally::new(skm);
    for r in &responses {
        tally.push_answers(r.answers()).unwrap();
    }
    assert_eq!(tally.blank_questionnaires(), 1);
}

#[test]
fn every_accepted_category_label() {
    let labels = [
        ("gender", "L", "laki-laki male M"),
        ("gender", "P", "Perempuan FEMALE f"),
        ("education", "SD", "sd"),
        ("education", "SMP", "SLTP smp"),
        ("education", "SMA", "SLTA SMK sma"),
        ("education", "D3", "D1 D2 D4 Diploma d3"),
        ("education", "S1", "s1"),
        ("education", "S2", "s2"),
        ("education", "S3", "s3"),
        ("occupation", "PNS", "ASN pns"),
        ("occupation", "TNI", "tni"),
        ("occupation", "POLRI", "Polri"),
        ("occupation", "SWASTA", "swasta"),
        ("occupation", "WIRAUSAHA", "wiraswasta Wirausaha"),
        ("occupation", "LAINNYA", "lain-lain other lainnya"),
    ];
    for (column, label, aliases) in labels {
        for text in std::iter::once(label).chain(aliases.split(' ')) {
            let file = format!(
                "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,{column}\n\
                 s,u,,4,4,4,4,4,4,4,4,4,{text}\n"
            );
            let r = first(SkmReader::new(file.as_bytes(), &skm_csv()).unwrap())
                .unwrap_or_else(|e| panic!("{column} `{text}`: {e}"));
            let read = match column {
                "gender" => r.respondent().gender().map(|g| g.label()),
                "education" => r.respondent().education().map(|e| e.label()),
                _ => r.respondent().occupation().map(|o| o.label()),
            };
            assert_eq!(read, Some(label), "{column} `{text}`");
        }
    }
}

#[test]
fn the_2004_instrument_has_fourteen_answer_columns() {
    let options = skm_csv().with_instrument(Instrument::kepmenpan_25_2004());
    let header = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12,u13,u14";
    let text = format!("{header}\ns,u,,1,2,3,4,4,3,2,1,1,2,3,4,4,\n");
    let r = &read(&text, &options).unwrap()[0];
    assert_eq!(r.answers().answered(), 13);
    assert_eq!(r.answers().get("prosedur"), Some(1));
    assert_eq!(r.answers().get("kenyamanan"), Some(4));
    assert_eq!(r.answers().get("keamanan"), None);

    // Nine columns are not enough for it, and a fifteenth is not one of its columns.
    let expected = "service, unit, submitted_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, u11, \
                    u12, u13, u14, and optionally gender, age, education, occupation, saran";
    fails(
        "a 2004 file with nine answers",
        SkmReader::new(
            "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n".as_bytes(),
            &options,
        ),
        in_file(
            "skm.csv",
            1,
            Error::MissingColumn {
                column: "u10".into(),
                expected: expected.into(),
            },
        ),
        &format!("skm.csv, line 1: missing column `u10`, expected {expected}"),
    );
    fails(
        "a 2004 file with fifteen answers",
        SkmReader::new(format!("{header},u15\n").as_bytes(), &options),
        at_column(
            "skm.csv",
            1,
            18,
            Error::UnknownColumn {
                column: "u15".into(),
                expected: expected.into(),
            },
        ),
        &format!("skm.csv, line 1, column 18: unknown column `u15`, expected {expected}"),
    )
}

#[test]
fn local_times_need_a_calendar() {
    let text = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n\
                s,u,2025-03-04 08:15,4,4,4,4,4,4,4,4,4\n";
    let want: Timestamp = "2025-03-04T08:15:00+07:00".parse().unwrap();
    let wib = skm_csv().with_calendar(Calendar::wib());
    assert_eq!(read(text, &wib).unwrap()[0].submitted_at(), Some(want));
    let wit = skm_csv().with_calendar(Calendar::wit());
    assert_eq!(
        read(text, &wit).unwrap()[0].submitted_at(),
        Some(Timestamp::from_unix_millis(
            want.unix_millis() - 2 * 3_600_000
        ))
    );
    fails(
        "a local time without a calendar",
        read(text, &skm_csv()),
        at(
            "skm.csv",
            2,
            3,
            "submitted_at",
            parse_error(
                "timestamp",
                "2025-03-04 08:15",
                "Unix seconds or an RFC 3339 timestamp: a local time needs a calendar to give \
                 its UTC offset",
            ),
        ),
        "skm.csv, line 2, column 3 (submitted_at): timestamp: cannot parse `2025-03-04 08:15` \
         as Unix seconds or an RFC 3339 timestamp: a local time needs a calendar to give its \
         UTC offset",
    );
    // The message of a time in no form names the forms the reader accepts.
    fails(
        "a time in no form, without a calendar",
        read(&text.replace("2025-03-04 08:15", "kemarin"), &skm_csv()),
        at(
            "skm.csv",
            2,
            3,
            "submitted_at",
            parse_error("timestamp", "kemarin", INSTANT),
        ),
        &format!(
            "skm.csv, line 2, column 3 (submitted_at): timestamp: cannot parse `kemarin` as \
             {INSTANT}"
        ),
    );
}

/// Without a file name, messages name the kind of file.
#[test]
fn messages_without_a_file_name() {
    let text = "service,unit,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\n\
                s,u,,4,4,4,4,5,4,4,4,4\n";
    let err = read(text, &ReadOptions::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "SKM responses, line 2, column 8 (u5): answer 5 to element `produk` is out of scale 1..=4"
    );
    let reader = SkmReader::new(text.as_bytes(), &ReadOptions::new()).unwrap();
    assert_eq!(reader.file_name(), "SKM responses");
    assert_eq!(
        SkmReader::new(text.as_bytes(), &skm_csv())
            .unwrap()
            .file_name(),
        "skm.csv"
    );
}
