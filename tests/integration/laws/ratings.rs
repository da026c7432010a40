//! The rating tallies: CSAT (counts of 1–5, exact in every way) and CES (a mean on a declared
//! scale, from floating moments).

use layanan::{CesTally, CsatTally, Rating, RatingScale};
use proptest::prelude::*;

use super::{Exact, case, config, laws};

/// A rating on `scale`.
fn rating(scale: RatingScale) -> impl Strategy<Value = Rating> {
    (i64::from(scale.min())..=i64::from(scale.max())).prop_map(move |r| scale.rating(r).unwrap())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn csat_tally_laws(case in case(prop::collection::vec(rating(RatingScale::FIVE_POINT), 0..60))) {
        laws(CsatTally::default())
            .exact(Exact::Counts)
            .check(&case)?;
    }

    /// On 1–5, 1–7 or 0–10.
    #[test]
    fn ces_tally_laws(
        (scale, case) in prop_oneof![Just((1u8, 5u8)), Just((1, 7)), Just((0, 10))]
            .prop_flat_map(|(lo, hi)| {
                let scale = RatingScale::new(lo, hi).unwrap();
                (Just(scale), case(prop::collection::vec(rating(scale), 0..60)))
            })
    ) {
        laws(CesTally::new(scale)).check(&case)?;
    }
}
