//! Cost: what citizens paid against the official tariff.
//!
//! Hand-worked cases (arithmetic in the comments): compliant, overcharged, free-service
//! violation and waiver (underpaid, never a violation); where the tariff comes from (the
//! published standard, else the visit's official fee, else not judged); a stated fee above the
//! published tariff; excess total, mean and median; amounts near `u64::MAX`; the score and its
//! interval; JSON forms. The tally laws are in `laws`.

use layanan::prelude::*;
use layanan::stats::{ProportionMethod, proportion_interval};
use layanan::{CostTally, Error, Interaction, Level, Money, ServiceStandard, Standards, Timestamp};

use crate::support::{QUANTILE_TOL, Z95, assert_close};

/// `ktp-el` is free, `paspor` costs Rp 350.000; `legalisir` has no standard.
fn standards() -> Standards {
    [
        ServiceStandard::new("ktp-el", Money::ZERO).unwrap(),
        ServiceStandard::new("paspor", Money::new(350_000)).unwrap(),
    ]
    .into_iter()
    .collect()
}

fn visit(service: &str, official_fee: Option<u64>, paid: Option<u64>) -> Interaction {
    let mut b = Interaction::builder(service, "kantor", Timestamp::from_unix_millis(0));
    if let Some(fee) = official_fee {
        b = b.official_fee(Money::new(fee));
    }
    if let Some(p) = paid {
        b = b.paid(Money::new(p));
    }
    b.build().unwrap()
}

fn tally_of<'a>(
    visits: impl IntoIterator<Item = &'a Interaction>,
    standards: &Standards,
) -> CostTally {
    let mut tally = CostTally::new();
    for v in visits {
        tally.push(v, standards).unwrap();
    }
    tally
}

/// | # | service | official fee | paid | tariff (from) | verdict |
/// |---|---|---|---|---|---|
/// | 1 | ktp-el | — | 0 | 0 (standard) | compliant; free service, no violation |
/// | 2 | ktp-el | — | 20 000 | 0 (standard) | overcharged 20 000; free-service violation |
/// | 3 | paspor | — | 350 000 | 350 000 (standard) | compliant |
/// | 4 | paspor | — | 400 000 | 350 000 (standard) | overcharged 50 000 |
/// | 5 | paspor | — | 300 000 | 350 000 (standard) | underpaid: 50 000 waived |
/// | 6 | legalisir | 10 000 | 15 000 | 10 000 (visit's fee) | overcharged 5 000 |
/// | 7 | legalisir | — | 5 000 | none | not judged |
/// | 8 | ktp-el | — | — | 0 | no payment recorded: not judged |
/// | 9 | paspor | 400 000 | 400 000 | 350 000 (standard wins) | overcharged 50 000; fee stated above tariff |
fn nine_visits() -> Vec<Interaction> {
    vec![
        visit("ktp-el", None, Some(0)),
        visit("ktp-el", None, Some(20_000)),
        visit("paspor", None, Some(350_000)),
        visit("paspor", None, Some(400_000)),
        visit("paspor", None, Some(300_000)),
        visit("legalisir", Some(10_000), Some(15_000)),
        visit("legalisir", None, Some(5_000)),
        visit("ktp-el", None, None),
        visit("paspor", Some(400_000), Some(400_000)),
    ]
}

/// Judged 7 (all but 7 and 8): compliant 2 (1, 3), overcharged 4 (2, 4, 6, 9), underpaid 1
/// (5); free services 2 (1, 2), of which 1 charged. Excess 20 000 + 50 000 + 5 000 + 50 000 =
/// 125 000, mean 125 000/4 = 31 250, median of 5 000 20 000 50 000 50 000 = (20 000 +
/// 50 000)/2 = 35 000. Waived 50 000.
///
/// Score = (1 − 4/7) × 100 = 42.857143; its interval is 100 × (1 − Wilson(4/7)) with the bounds
/// swapped: Wilson 4/7 = [0.2504584, 0.8417801] → [15.821986, 74.954164].
#[test]
fn hand_worked_report() {
    let report = tally_of(&nine_visits(), &standards()).report().unwrap();
    assert_eq!(report.visits, 9);
    assert_eq!(report.not_judged, 2);
    let share = |s: Option<layanan::Share>| s.map(|s| (s.count, s.of));
    assert_eq!(share(report.compliant), Some((2, 7)));
    assert_eq!(share(report.overcharged), Some((4, 7)));
    assert_eq!(share(report.underpaid), Some((1, 7)));
    assert_eq!(share(report.free_service_violations), Some((1, 2)));
    assert_eq!(report.fee_above_tariff, 1);
    assert_eq!(report.excess_total, Money::new(125_000));
    assert_eq!(report.excess_mean, Some(31_250.0));
    assert_eq!(report.excess_median, Some(35_000.0));
    assert_eq!(report.waived_total, Money::new(50_000));

    // Every share carries Wilson's interval.
    for (s, x) in [
        (report.compliant, 2),
        (report.overcharged, 4),
        (report.underpaid, 1),
    ] {
        assert_eq!(
            s.unwrap().interval,
            proportion_interval(x, 7, Level::default(), ProportionMethod::Wilson).unwrap()
        );
    }
    assert_eq!(
        report.free_service_violations.unwrap().interval,
        proportion_interval(1, 2, Level::default(), ProportionMethod::Wilson).unwrap()
    );

    let wilson = proportion_interval(4, 7, Level::default(), ProportionMethod::Wilson).unwrap();
    assert_close(wilson.lower(), 0.25045836, 1e-7);
    assert_close(wilson.upper(), 0.84178014, 1e-7);
    assert_eq!(report.score, Some(100.0 * (1.0 - 4.0 / 7.0)));
    assert_close(report.score.unwrap(), 300.0 / 7.0, 1e-15);
    let ci = report.score_interval.unwrap();
    assert_close(ci.estimate(), 300.0 / 7.0, 1e-15);
    assert_close(ci.lower(), 100.0 * (1.0 - wilson.upper()), 1e-15);
    assert_close(ci.upper(), 100.0 * (1.0 - wilson.lower()), 1e-15);
    assert_close(ci.lower(), 15.821986, 1e-7);
    assert_close(ci.upper(), 74.954164, 1e-7);
    assert!(ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper());
    assert_eq!(ci.level(), Level::default());
}

/// A waiver is never a violation: a paspor paid Rp 0 (tariff 350 000) is underpaid, the other
/// paid exactly; overcharged 0/2, score 100. There is no free service, so no free-service
/// share.
#[test]
fn waiver_is_not_a_violation() {
    let visits = [
        visit("paspor", None, Some(0)),
        visit("paspor", None, Some(350_000)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    let over = report.overcharged.unwrap();
    assert_eq!((over.count, over.of), (0, 2));
    assert_eq!(report.underpaid.unwrap().count, 1);
    assert_eq!(report.compliant.unwrap().count, 1);
    assert_eq!(report.free_service_violations, None);
    assert_eq!(report.waived_total, Money::new(350_000));
    assert_eq!(report.excess_total, Money::ZERO);
    assert_eq!((report.excess_mean, report.excess_median), (None, None));
    assert_eq!(report.score, Some(100.0));
    let ci = report.score_interval.unwrap();
    assert_eq!(ci.upper(), 100.0);
    // Wilson 0/2: [0, z²/(2 + z²)] = [0, 0.6576]: the score's lower bound is 34.24.
    let z2 = Z95.powi(2);
    assert_close(ci.lower(), 100.0 * (1.0 - z2 / (2.0 + z2)), QUANTILE_TOL);
}

/// The tariff is the published standard's when there is one (the stated fee is then only
/// compared with it), else the visit's official fee, else the visit is not judged.
#[test]
fn where_the_tariff_comes_from() {
    // Standard 0 beats a stated fee of 5 000: paying the stated 5 000 is an overcharge, and the
    // stated fee is counted as above the tariff.
    let report = tally_of([&visit("ktp-el", Some(5_000), Some(5_000))], &standards())
        .report()
        .unwrap();
    assert_eq!(report.overcharged.unwrap().count, 1);
    assert_eq!(report.free_service_violations.unwrap().count, 1);
    assert_eq!(report.fee_above_tariff, 1);
    assert_eq!(report.excess_total, Money::new(5_000));

    // A stated fee below (or equal to) the published tariff is not counted as above it.
    let visits = [
        visit("paspor", Some(300_000), Some(350_000)),
        visit("paspor", Some(350_000), Some(350_000)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!(report.fee_above_tariff, 0);
    assert_eq!(report.compliant.unwrap().count, 2);

    // No standard: the visit's official fee is the tariff. Fee 0 makes it a free service.
    let visits = [
        visit("legalisir", Some(0), Some(0)),
        visit("legalisir", Some(0), Some(2_000)),
        visit("legalisir", Some(10_000), Some(10_000)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!(report.not_judged, 0);
    assert_eq!(report.compliant.unwrap().count, 2);
    assert_eq!(report.overcharged.unwrap().count, 1);
    let free = report.free_service_violations.unwrap();
    assert_eq!((free.count, free.of), (1, 2));
    assert_eq!(
        report.fee_above_tariff, 0,
        "no published tariff to compare with"
    );

    // A fee stated above the published tariff is counted whether or not a payment was recorded
    // ("visits whose recorded official fee was above the published tariff"): a price list
    // asking too much is the signal, even for a visit that cannot be judged on what it paid.
    let report = tally_of([&visit("paspor", Some(400_000), None)], &standards())
        .report()
        .unwrap();
    assert_eq!((report.not_judged, report.fee_above_tariff), (1, 1));

    // Neither a standard nor a fee, or no payment: not judged, and nothing else is reported.
    let visits = [
        visit("legalisir", None, Some(5_000)),
        visit("paspor", Some(350_000), None),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!((report.visits, report.not_judged), (2, 2));
    assert_eq!(report.compliant, None);
    assert_eq!(report.overcharged, None);
    assert_eq!(report.underpaid, None);
    assert_eq!(report.free_service_violations, None);
    assert_eq!(report.score, None);
    assert_eq!(report.score_interval, None);
    assert_eq!(report.excess_total, Money::ZERO);
}

/// Two overcharges of `u64::MAX/2` (= 2⁶³ − 1) on a free service: the 128-bit total is
/// 2⁶⁴ − 2 = `u64::MAX − 1`, which still fits the report's `Money`. Mean and median are
/// (2⁶⁴ − 2)/2 = 2⁶³ − 1 ≈ 9.223372036854776e18 as a float.
#[test]
fn amounts_near_u64_max_do_not_overflow() {
    let half = u64::MAX / 2;
    let visits = [
        visit("ktp-el", None, Some(half)),
        visit("ktp-el", None, Some(half)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!(report.excess_total, Money::new(u64::MAX - 1));
    assert_eq!(report.excess_mean, Some(half as f64));
    assert_eq!(report.excess_median, Some(half as f64));
    assert_eq!(report.overcharged.unwrap().count, 2);
    // The largest single excess: tariff 0, paid u64::MAX.
    let report = tally_of([&visit("ktp-el", None, Some(u64::MAX))], &standards())
        .report()
        .unwrap();
    assert_eq!(report.excess_total, Money::new(u64::MAX));
    // Paying the largest tariff exactly is compliant.
    let mut standards = standards();
    standards.insert(ServiceStandard::new("mahal", Money::new(u64::MAX)).unwrap());
    let report = tally_of([&visit("mahal", None, Some(u64::MAX))], &standards)
        .report()
        .unwrap();
    assert_eq!(report.compliant.unwrap().count, 1);
}

/// A total above `u64::MAX` is kept exactly in the tally (128 bits) and refused by the report
/// with `Error::Overflow`; so is a waived total above it.
#[test]
fn totals_above_u64_max_are_an_overflow_error() {
    let half_plus = u64::MAX / 2 + 1; // 2⁶³: two of them are 2⁶⁴ = u64::MAX + 1
    let visits = [
        visit("ktp-el", None, Some(half_plus)),
        visit("ktp-el", None, Some(half_plus)),
    ];
    let tally = tally_of(&visits, &standards());
    let err = tally.report().unwrap_err();
    assert_eq!(
        err,
        Error::Overflow {
            field: "total excess".into()
        }
    );
    assert_eq!(err.to_string(), "total excess overflows");

    // The same through a merge of two tallies, each of which reports fine.
    let mut a = tally_of(&visits[..1], &standards());
    let b = tally_of(&visits[1..], &standards());
    assert!(a.report().is_ok() && b.report().is_ok());
    a.merge(&b).unwrap();
    assert_eq!(a, tally);
    assert!(matches!(a.report(), Err(Error::Overflow { .. })));

    // A thousand overcharges of u64::MAX each: still exact in the tally, still refused.
    let mut big = CostTally::new();
    for _ in 0..1000 {
        big.push(&visit("ktp-el", None, Some(u64::MAX)), &standards())
            .unwrap();
    }
    assert_eq!(big.visits(), 1000);
    assert_eq!(
        big.report().unwrap_err().to_string(),
        "total excess overflows"
    );

    // Waived totals: tariff u64::MAX, paid 0, twice.
    let mut standards = standards();
    standards.insert(ServiceStandard::new("mahal", Money::new(u64::MAX)).unwrap());
    let visits = [visit("mahal", None, Some(0)), visit("mahal", None, Some(0))];
    let err = tally_of(&visits, &standards).report().unwrap_err();
    assert_eq!(
        err,
        Error::Overflow {
            field: "total waived".into()
        }
    );
    assert_eq!(err.to_string(), "total waived overflows");
}

#[test]
fn empty_tally_has_insufficient_data() {
    let err = CostTally::new().report().unwrap_err();
    assert_eq!(
        err,
        Error::InsufficientData {
            what: "cost report".into(),
            needed: 1,
            got: 0
        }
    );
    assert_eq!(
        err.to_string(),
        "cost report needs at least 1 observation, got 0"
    );
}

/// At 90 % the shares and the score's interval use the 90 % Wilson interval.
#[test]
fn other_level() {
    let level = Level::new(0.9).unwrap();
    let report = tally_of(&nine_visits(), &standards())
        .report_with(level)
        .unwrap();
    let wilson = proportion_interval(4, 7, level, ProportionMethod::Wilson).unwrap();
    assert_eq!(report.overcharged.unwrap().interval, wilson);
    let ci = report.score_interval.unwrap();
    assert_close(ci.lower(), 100.0 * (1.0 - wilson.upper()), 1e-15);
    assert_close(ci.upper(), 100.0 * (1.0 - wilson.lower()), 1e-15);
    assert_eq!(ci.level(), level);
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::support::json::round_trip;

    #[test]
    fn report_round_trips() {
        round_trip(&tally_of(&nine_visits(), &standards()).report().unwrap());
    }

    /// A tally whose 128-bit total is above `u64::MAX` survives JSON text exactly (the total
    /// is written as a plain integer; `serde_json::Value` itself cannot hold it without
    /// serde_json's `arbitrary_precision`).
    #[test]
    fn totals_above_u64_max_round_trip() {
        let visits = [
            visit("ktp-el", None, Some(u64::MAX)),
            visit("ktp-el", None, Some(u64::MAX)),
        ];
        let tally = tally_of(&visits, &standards());
        let text = serde_json::to_string(&tally).unwrap();
        let total = (2 * u128::from(u64::MAX)).to_string();
        assert!(
            text.contains(&format!("\"excess_total\":{total}")),
            "{text}"
        );
        let back: CostTally = serde_json::from_str(&text).unwrap();
        assert_eq!(back, tally);
        assert_eq!(
            back.report().unwrap_err().to_string(),
            "total excess overflows"
        );
    }
}
