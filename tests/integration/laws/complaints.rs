//! The complaint tally on random complaints (filed over ten weeks, maybe answered, maybe
//! resolved within three), against a working-day target on a calendar with holidays or a time
//! target. Counts and hours in arrival order: quantiles are order-free, means and standard
//! deviations only to their last bits.

use layanan::{Calendar, Complaint, ComplaintTally, ComplaintTargets, Completion, Date, TimeSpan};
use proptest::prelude::*;

use super::{Exact, case, config, laws};
use crate::support::{at, plus_minutes};

/// WITA, with 31 March and 1 April 2025 holidays.
pub(crate) fn calendar() -> Calendar {
    Calendar::wita().with_holidays([
        Date::new(2025, 3, 31).unwrap(),
        Date::new(2025, 4, 1).unwrap(),
    ])
}

/// A random complaint: filed within ten weeks, maybe answered, maybe resolved within three.
pub(crate) fn complaint() -> impl Strategy<Value = Complaint> {
    (
        0u32..70 * 24 * 60,
        prop::option::weighted(0.7, 0u32..3 * 24 * 60),
        prop::option::weighted(0.7, 0u32..21 * 24 * 60),
    )
        .prop_map(|(filed, response, resolution)| {
            let filed_at = |m: u32| plus_minutes(at("2025-01-27T00:00:00Z"), f64::from(m));
            let mut c = Complaint::filed(["kel-a", "kel-b"][(filed % 2) as usize], filed_at(filed))
                .unwrap()
                .in_category(["ringan", "berat", "lain"][(filed % 3) as usize])
                .unwrap();
            if let Some(r) = response {
                c = c
                    .first_response_at(plus_minutes(filed_at(filed), f64::from(r)))
                    .unwrap();
            }
            // A resolution is never before the first response.
            if let Some(r) = resolution {
                let r = r.max(response.unwrap_or(0));
                c = c
                    .resolved_at(plus_minutes(filed_at(filed), f64::from(r)))
                    .unwrap();
            }
            c
        })
}

fn target() -> impl Strategy<Value = Completion> {
    prop_oneof![
        Just(Completion::WorkingDays(5)),
        Just(Completion::Within(TimeSpan::from_hours(72))),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn complaint_tally_laws(
        target in target(),
        case in case(prop::collection::vec(complaint(), 0..40)),
    ) {
        let targets = ComplaintTargets::default()
            .with_resolution(target)
            .with_category("berat", Completion::WorkingDays(14))
            .unwrap();
        let calendars = layanan::Calendars::new(calendar()).with_unit("kel-b", Calendar::wib());
        laws(ComplaintTally::new(targets, calendars))
            .exact(Exact::Sequence)
            .check(&case)?;
    }
}
