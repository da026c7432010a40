//! Cost: what citizens paid against the official tariff.
//!
//! Hand-worked cases (arithmetic in the comments): correctly charged, overcharged, free-service
//! violation and waiver (never a violation); fixed, free and assessed tariffs (a ceiling caps
//! the assessed fee); what is not judged (no standard, no payment, no assessed fee) and the
//! coverage that says so; a stated fee above a fixed tariff; excess total, mean and exact
//! median; totals past `u64::MAX`; JSON forms. The tally laws are in `laws`.

use layanan::prelude::*;
use layanan::stats::{ProportionMethod, proportion_interval};
use layanan::{
    CostOptions, CostTally, Error, Interaction, Level, Money, MoneySum, ServiceStandard, Standards,
    Tariff, Timestamp,
};

/// `ktp-el` is free, `paspor` costs Rp 350.000, `pbg` is assessed per case under a ceiling
/// of Rp 2.000.000; `legalisir` has no standard.
fn standards() -> Standards {
    [
        ServiceStandard::new("ktp-el", Money::ZERO).unwrap(),
        ServiceStandard::new("paspor", Money::new(350_000)).unwrap(),
        ServiceStandard::new(
            "pbg",
            Tariff::Assessed {
                ceiling: Some(Money::new(2_000_000)),
            },
        )
        .unwrap(),
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
    let mut tally = CostTally::new(standards.clone());
    for v in visits {
        tally.push(v).unwrap();
    }
    tally
}

/// | # | service | official fee | paid | bar | verdict |
/// |---|---|---|---|---|---|
/// | 1 | ktp-el | — | 0 | 0 (free) | correctly charged |
/// | 2 | ktp-el | — | 20 000 | 0 (free) | overcharged 20 000; free service charged |
/// | 3 | paspor | — | 350 000 | 350 000 | correctly charged |
/// | 4 | paspor | — | 400 000 | 350 000 | overcharged 50 000 |
/// | 5 | paspor | — | 300 000 | 350 000 | waived 50 000 |
/// | 6 | legalisir | 10 000 | 15 000 | — (no standard) | not judged |
/// | 7 | pbg | 1 500 000 | 1 500 000 | 1 500 000 (assessed) | correctly charged |
/// | 8 | ktp-el | — | — | 0 | no payment recorded: not judged |
/// | 9 | paspor | 400 000 | 400 000 | 350 000 (the published tariff) | overcharged 50 000; fee above tariff |
/// | 10 | pbg | — | 900 000 | — (no assessed fee) | not judged |
/// | 11 | pbg | 2 500 000 | 2 500 000 | 2 000 000 (ceiling) | overcharged 500 000; assessed above ceiling |
fn eleven_visits() -> Vec<Interaction> {
    vec![
        visit("ktp-el", None, Some(0)),
        visit("ktp-el", None, Some(20_000)),
        visit("paspor", None, Some(350_000)),
        visit("paspor", None, Some(400_000)),
        visit("paspor", None, Some(300_000)),
        visit("legalisir", Some(10_000), Some(15_000)),
        visit("pbg", Some(1_500_000), Some(1_500_000)),
        visit("ktp-el", None, None),
        visit("paspor", Some(400_000), Some(400_000)),
        visit("pbg", None, Some(900_000)),
        visit("pbg", Some(2_500_000), Some(2_500_000)),
    ]
}

/// Judged 8 (all but 6, 8 and 10): correctly charged 3 (1, 3, 7), overcharged 4 (2, 4, 9, 11),
/// waived 1 (5): not overcharged 4 of 8. Free services 2 (1, 2), of which 1 charged. Excess
/// 20 000 + 50 000 + 50 000 + 500 000 = 620 000, mean 155 000, median of 20 000 50 000 50 000
/// 500 000 = (50 000 + 50 000)/2 = 50 000. Waived 50 000. Coverage 8 of 11.
#[test]
fn hand_worked_report() {
    let report = tally_of(&eleven_visits(), &standards()).report().unwrap();
    assert_eq!(report.visits, 11);
    assert_eq!((report.coverage.judged, report.coverage.of), (8, 11));
    assert!(!report.coverage.is_low());
    assert_eq!(
        (
            report.no_standard,
            report.no_payment,
            report.no_assessed_fee
        ),
        (1, 1, 1)
    );
    let share = |s: Option<layanan::Share>| s.map(|s| (s.count, s.of));
    assert_eq!(share(report.not_overcharged), Some((4, 8)));
    assert_eq!(share(report.correctly_charged), Some((3, 8)));
    assert_eq!(share(report.overcharged), Some((4, 8)));
    assert_eq!(share(report.waived), Some((1, 8)));
    assert_eq!(share(report.free_service_violations), Some((1, 2)));
    assert_eq!(report.fee_above_tariff, 1);
    assert_eq!(report.assessed_above_ceiling, 1);
    assert_eq!(report.excess_total, MoneySum::from(Money::new(620_000)));
    assert_eq!(report.excess_mean, Some(155_000.0));
    assert_eq!(report.excess_median, Some(Money::new(50_000)));
    assert_eq!(report.waived_total, MoneySum::from(Money::new(50_000)));

    // Every share carries Wilson's interval.
    for (s, x) in [
        (report.not_overcharged, 4),
        (report.correctly_charged, 3),
        (report.overcharged, 4),
        (report.waived, 1),
    ] {
        assert_eq!(
            s.unwrap().interval,
            proportion_interval(x, 8, Level::default(), ProportionMethod::Wilson).unwrap()
        );
    }
    assert_eq!(
        report.free_service_violations.unwrap().interval,
        proportion_interval(1, 2, Level::default(), ProportionMethod::Wilson).unwrap()
    );
}

/// A waiver is never a violation: a paspor paid Rp 0 (tariff 350 000) is waived, the other
/// paid exactly; overcharged 0/2, not overcharged 2/2. There is no free service, so no
/// free-service share.
#[test]
fn waiver_is_not_a_violation() {
    let visits = [
        visit("paspor", None, Some(0)),
        visit("paspor", None, Some(350_000)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    let over = report.overcharged.unwrap();
    assert_eq!((over.count, over.of), (0, 2));
    assert_eq!(report.not_overcharged.unwrap().count, 2);
    assert_eq!(report.waived.unwrap().count, 1);
    assert_eq!(report.correctly_charged.unwrap().count, 1);
    assert_eq!(report.free_service_violations, None);
    assert_eq!(report.waived_total, MoneySum::from(Money::new(350_000)));
    assert_eq!(report.excess_total, MoneySum::ZERO);
    assert_eq!((report.excess_mean, report.excess_median), (None, None));
}

/// An assessed tariff: each visit's own assessed fee is the bar (capped by the ceiling); a
/// permit office whose every citizen paid exactly their assessed fee overcharged nobody,
/// however different the fees.
#[test]
fn assessed_fees_are_judged_per_visit() {
    let visits = [
        visit("pbg", Some(1_500_000), Some(1_500_000)),
        visit("pbg", Some(300_000), Some(300_000)),
        visit("pbg", Some(1_999_999), Some(1_999_999)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!(report.correctly_charged.unwrap().count, 3);
    assert_eq!(report.overcharged.unwrap().count, 0);
    assert_eq!(report.excess_total, MoneySum::ZERO);
    // Without a ceiling, any assessed fee is the bar.
    let open: Standards =
        [ServiceStandard::new("pbg", Tariff::Assessed { ceiling: None }).unwrap()]
            .into_iter()
            .collect();
    let report = tally_of([&visit("pbg", Some(9_000_000), Some(9_000_000))], &open)
        .report()
        .unwrap();
    assert_eq!(report.correctly_charged.unwrap().count, 1);
    assert_eq!(report.assessed_above_ceiling, 0);
}

/// The tariff is the published standard's; a stated fee only counts as above it.
#[test]
fn a_stated_fee_is_compared_with_the_tariff() {
    // Standard 0 beats a stated fee of 5 000: paying the stated 5 000 is an overcharge, and the
    // stated fee is counted as above the tariff.
    let report = tally_of([&visit("ktp-el", Some(5_000), Some(5_000))], &standards())
        .report()
        .unwrap();
    assert_eq!(report.overcharged.unwrap().count, 1);
    assert_eq!(report.free_service_violations.unwrap().count, 1);
    assert_eq!(report.fee_above_tariff, 1);
    assert_eq!(report.excess_total, MoneySum::from(Money::new(5_000)));

    // A stated fee below (or equal to) the published tariff is not counted as above it.
    let visits = [
        visit("paspor", Some(300_000), Some(350_000)),
        visit("paspor", Some(350_000), Some(350_000)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!(report.fee_above_tariff, 0);
    assert_eq!(report.correctly_charged.unwrap().count, 2);

    // A fee stated above the published tariff is counted whether or not a payment was
    // recorded: a price list asking too much is the signal, even for a visit that cannot be
    // judged on what it paid.
    let report = tally_of([&visit("paspor", Some(400_000), None)], &standards())
        .report()
        .unwrap();
    assert_eq!((report.no_payment, report.fee_above_tariff), (1, 1));
}

/// Nothing judged: no share at all, and the coverage says why.
#[test]
fn nothing_judged() {
    let visits = [
        visit("legalisir", Some(5_000), Some(5_000)),
        visit("paspor", Some(350_000), None),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!((report.visits, report.coverage.judged), (2, 0));
    assert!(report.coverage.is_low());
    assert_eq!((report.no_standard, report.no_payment), (1, 1));
    assert_eq!(report.not_overcharged, None);
    assert_eq!(report.correctly_charged, None);
    assert_eq!(report.overcharged, None);
    assert_eq!(report.waived, None);
    assert_eq!(report.free_service_violations, None);
    assert_eq!(report.excess_total, MoneySum::ZERO);
}

/// Totals are 128 bits: two overcharges of `u64::MAX` on a free service total 2⁶⁵ − 2 exactly,
/// the median is `u64::MAX` exactly, the mean `u64::MAX` as a float. Merged, the same.
#[test]
fn totals_past_u64_max_are_exact() {
    let visits = [
        visit("ktp-el", None, Some(u64::MAX)),
        visit("ktp-el", None, Some(u64::MAX)),
    ];
    let tally = tally_of(&visits, &standards());
    let report = tally.report().unwrap();
    assert_eq!(report.excess_total.units(), 2 * u128::from(u64::MAX));
    assert_eq!(report.excess_median, Some(Money::new(u64::MAX)));
    assert_eq!(report.excess_mean, Some(u64::MAX as f64));
    assert_eq!(
        report.excess_total.to_string(),
        "Rp 36.893.488.147.419.103.230"
    );

    let mut a = tally_of(&visits[..1], &standards());
    let b = tally_of(&visits[1..], &standards());
    a.merge(&b).unwrap();
    assert_eq!(a, tally);

    // The median of two excesses is their mean rounded half up: (1 + 2)/2 = 1.5 → 2.
    let visits = [
        visit("ktp-el", None, Some(1)),
        visit("ktp-el", None, Some(2)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!(report.excess_median, Some(Money::new(2)));
    // Of u64::MAX − 1 and u64::MAX: (2⁶⁵ − 3)/2 rounds half up to u64::MAX, exactly.
    let visits = [
        visit("ktp-el", None, Some(u64::MAX - 1)),
        visit("ktp-el", None, Some(u64::MAX)),
    ];
    let report = tally_of(&visits, &standards()).report().unwrap();
    assert_eq!(report.excess_median, Some(Money::new(u64::MAX)));
}

#[test]
fn empty_tally_has_nothing_to_report() {
    let err = CostTally::default().report().unwrap_err();
    assert_eq!(
        err,
        Error::NoData {
            what: "visits".into()
        }
    );
    assert_eq!(err.to_string(), "no visits to report");
}

/// At 90 % the shares use the 90 % Wilson interval.
#[test]
fn other_level() {
    let level = Level::new(0.9).unwrap();
    let report = tally_of(&eleven_visits(), &standards())
        .report_with(&CostOptions::default().level(level))
        .unwrap();
    let wilson = proportion_interval(4, 8, level, ProportionMethod::Wilson).unwrap();
    assert_eq!(report.overcharged.unwrap().interval, wilson);
}

/// Cost tallies judged against other standards do not merge, and the error names what
/// differs.
#[test]
fn tallies_of_other_standards_do_not_merge() {
    let mut ours = tally_of(&eleven_visits(), &standards());
    let mut dearer = standards();
    dearer.insert(ServiceStandard::new("paspor", Money::new(500_000)).unwrap());
    let theirs = tally_of(&eleven_visits(), &dearer);
    let before = ours.clone();
    let err = ours.merge(&theirs).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge cost tallies: the standard of service `paspor` differs (tariff 350000 vs \
         500000, completion none vs none, waiting target none vs none)"
    );
    assert_eq!(ours, before);
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::support::json::round_trip;

    #[test]
    fn report_round_trips() {
        round_trip(&tally_of(&eleven_visits(), &standards()).report().unwrap());
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
    }
}
