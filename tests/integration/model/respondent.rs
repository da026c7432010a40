//! Rating scales, respondents and their categories.

use super::*;

// =============================================================================================
// RatingScale, Respondent, categories
// =============================================================================================

#[test]
fn rating_scales() {
    let five = RatingScale::new(1, 5).unwrap();
    assert_eq!((five.min(), five.max()), (1, 5));
    for v in 1..=5 {
        let r = five.rating(v).unwrap();
        assert_eq!(i64::from(r.value()), v);
        assert_eq!(r.scale(), five);
    }
    assert!(five.rating(0).is_err());
    assert!(five.rating(6).is_err());
    assert!(five.rating(i64::MIN).is_err());
    let eleven = RatingScale::new(0, 10).unwrap();
    assert_eq!(eleven.rating(0).unwrap().value(), 0);
    assert_eq!(eleven.rating(10).unwrap().value(), 10);
    assert!(RatingScale::new(0, 255).unwrap().rating(255).is_ok());
    assert!(RatingScale::new(5, 5).is_err());
    assert!(RatingScale::new(5, 4).is_err());
    // No scale can start at 255: the error's range is then empty.
    let err = RatingScale::new(255, 255).unwrap_err();
    assert!(matches!(err, Error::OutOfRange { .. }));
}

#[test]
fn respondent_age_bands() {
    for (age, band) in [
        (0, AgeBand::Under20),
        (19, AgeBand::Under20),
        (20, AgeBand::From20To29),
        (29, AgeBand::From20To29),
        (30, AgeBand::From30To39),
        (39, AgeBand::From30To39),
        (40, AgeBand::From40To49),
        (49, AgeBand::From40To49),
        (50, AgeBand::From50To59),
        (59, AgeBand::From50To59),
        (60, AgeBand::From60),
        (120, AgeBand::From60),
    ] {
        let r = Respondent::default().with_age(age).unwrap();
        assert_eq!(r.age(), Some(age as u8));
        assert_eq!(r.age_band(), Some(band), "{age}");
    }
    assert!(Respondent::default().with_age(121).is_err());
    assert!(Respondent::default().with_age(150).is_err());
    assert!(Respondent::default().with_age(-1).is_err());
    assert_eq!(Respondent::default().age_band(), None);
    let labels: Vec<String> = [
        AgeBand::Under20,
        AgeBand::From20To29,
        AgeBand::From30To39,
        AgeBand::From40To49,
        AgeBand::From50To59,
        AgeBand::From60,
    ]
    .iter()
    .map(AgeBand::to_string)
    .collect();
    assert_eq!(labels, ["<20", "20-29", "30-39", "40-49", "50-59", "60+"]);
    assert_eq!(format!("{:>5}", AgeBand::From60), "  60+");
}

#[test]
fn respondent_profile() {
    let r = Respondent::default()
        .with_gender("P".parse().unwrap())
        .with_age(34)
        .unwrap()
        .with_education("SLTA".parse().unwrap())
        .with_occupation("ASN".parse().unwrap());
    assert_eq!(r.gender(), Some(Gender::Perempuan));
    assert_eq!(r.age_band(), Some(AgeBand::From30To39));
    assert_eq!(r.education(), Some(Education::Sma));
    assert_eq!(r.occupation(), Some(Occupation::Pns));
    let blank = Respondent::default();
    assert_eq!(
        (
            blank.gender(),
            blank.age(),
            blank.education(),
            blank.occupation()
        ),
        (None, None, None, None)
    );
}

#[test]
fn category_labels_and_aliases() {
    for (text, expected) in [
        ("SD", Education::Sd),
        ("smp", Education::Smp),
        ("SLTP", Education::Smp),
        ("SMA", Education::Sma),
        ("SLTA", Education::Sma),
        ("slta", Education::Sma),
        ("SMK", Education::Sma),
        ("D1", Education::D3),
        ("D2", Education::D3),
        ("D3", Education::D3),
        ("D4", Education::D3),
        ("Diploma", Education::D3),
        (" s1 ", Education::S1),
        ("S2", Education::S2),
        ("S3", Education::S3),
    ] {
        assert_eq!(text.parse::<Education>().unwrap(), expected, "{text}");
    }
    for (text, expected) in [
        ("PNS", Occupation::Pns),
        ("ASN", Occupation::Pns),
        ("asn", Occupation::Pns),
        ("TNI", Occupation::Tni),
        ("Polri", Occupation::Polri),
        ("swasta", Occupation::Swasta),
        ("Wirausaha", Occupation::Wirausaha),
        ("wiraswasta", Occupation::Wirausaha),
        ("LAINNYA", Occupation::Lainnya),
        ("lain-lain", Occupation::Lainnya),
        ("other", Occupation::Lainnya),
    ] {
        assert_eq!(text.parse::<Occupation>().unwrap(), expected, "{text}");
    }
    for (text, expected) in [
        ("L", Gender::LakiLaki),
        ("l", Gender::LakiLaki),
        ("Laki-laki", Gender::LakiLaki),
        ("male", Gender::LakiLaki),
        ("M", Gender::LakiLaki),
        ("P", Gender::Perempuan),
        ("perempuan", Gender::Perempuan),
        ("Female", Gender::Perempuan),
        ("f", Gender::Perempuan),
    ] {
        assert_eq!(text.parse::<Gender>().unwrap(), expected, "{text}");
    }
    // Labels print canonically and parse back.
    for e in [
        Education::Sd,
        Education::Smp,
        Education::Sma,
        Education::D3,
        Education::S1,
        Education::S2,
        Education::S3,
    ] {
        assert_eq!(e.to_string(), e.label());
        assert_eq!(e.label().parse::<Education>().unwrap(), e);
    }
    assert_eq!(Education::Sma.to_string(), "SMA");
    assert_eq!(Occupation::Pns.to_string(), "PNS");
    assert_eq!(Occupation::Wirausaha.label(), "WIRAUSAHA");
    assert_eq!(Gender::LakiLaki.to_string(), "L");
    assert_eq!(Gender::Perempuan.label(), "P");
    assert_eq!(format!("{:<4}|", Gender::Perempuan), "P   |");
    assert_eq!("SLTA ".parse::<Education>().unwrap(), Education::Sma);
    assert!("SMA2".parse::<Education>().is_err());
    assert!("X".parse::<Gender>().is_err());
    assert!("".parse::<Occupation>().is_err());
}
