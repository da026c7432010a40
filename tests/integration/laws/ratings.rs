//! The rating tallies: CSAT (counts of 1–5, exact in every way) and CES (a mean on a declared
//! scale, from floating moments).

use layanan::{CesTally, CsatTally, RatingScale};
use proptest::prelude::*;

use super::{Exact, case, config, laws};

proptest! {
    #![proptest_config(config())]

    #[test]
    fn csat_tally_laws(case in case(prop::collection::vec(1i64..=5, 0..60))) {
        laws(CsatTally::default(), |t: &mut CsatTally, r: &i64| t.push_rating(*r), CsatTally::report)
            .exact(Exact::Counts)
            .check(&case)?;
    }

    /// On 1–5, 1–7 or 0–10.
    #[test]
    fn ces_tally_laws(
        (scale, case) in prop_oneof![Just((1u8, 5u8)), Just((1, 7)), Just((0, 10))]
            .prop_flat_map(|(lo, hi)| {
                let ratings = prop::collection::vec(i64::from(lo)..=i64::from(hi), 0..60);
                (Just(RatingScale::new(lo, hi).unwrap()), case(ratings))
            })
    ) {
        laws(CesTally::new(scale), |t: &mut CesTally, r: &i64| t.push_rating(*r), CesTally::report)
            .check(&case)?;
    }
}
