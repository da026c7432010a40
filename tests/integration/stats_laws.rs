//! Laws of the statistics module, checked on random inputs (the merge laws of `Moments` are in
//! `laws`): every quantile definition is monotone in `p` and stays within the sample, Holm and
//! Benjamini–Hochberg never lower a p-value nor exceed 1 and keep the order of the raw values,
//! proportion intervals contain their estimate inside [0, 1], a seeded bootstrap is reproducible
//! and depends on its seed, and `Xoshiro256PlusPlus::below(n)` stays below `n`.
//!
//! The number of random cases per property is `LAYANAN_PROPTEST_CASES` (default 256).

use layanan::Level;
use layanan::stats::{
    ProportionMethod, QuantileType, Replicates, Sorted, Xoshiro256PlusPlus, benjamini_hochberg,
    holm, mean_of, proportion_interval, select_quantiles,
};
use proptest::prelude::*;

use crate::laws::moments::sample;
use crate::support::proptest_cases;

const ALL_TYPES: [QuantileType; 9] = [
    QuantileType::InvertedCdf,
    QuantileType::AveragedInvertedCdf,
    QuantileType::ClosestObservation,
    QuantileType::InterpolatedInvertedCdf,
    QuantileType::Hazen,
    QuantileType::Weibull,
    QuantileType::Linear,
    QuantileType::MedianUnbiased,
    QuantileType::NormalUnbiased,
];

const METHODS: [ProportionMethod; 3] = [
    ProportionMethod::Wilson,
    ProportionMethod::ClopperPearson,
    ProportionMethod::AgrestiCoull,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(proptest_cases()))]

    // -----------------------------------------------------------------------------------------
    // Quantiles
    // -----------------------------------------------------------------------------------------

    #[test]
    fn quantiles_are_monotone_in_p_and_within_the_sample(
        data in sample(1),
        mut ps in prop::collection::vec(0.0..=1.0_f64, 1..20),
    ) {
        ps.extend([0.0, 1.0]);
        ps.sort_by(f64::total_cmp);
        let sorted = Sorted::new(&data).unwrap();
        let (min, max) = (sorted.as_slice()[0], sorted.as_slice()[sorted.len() - 1]);
        for kind in ALL_TYPES {
            let mut previous = f64::NEG_INFINITY;
            for &p in &ps {
                let q = sorted.quantile(p, kind).unwrap();
                prop_assert!(min <= q && q <= max, "{kind:?} at {p}: {q} outside [{min}, {max}]");
                prop_assert!(previous <= q, "{kind:?}: {previous} then {q} at {p}");
                previous = q;
            }
        }
    }

    /// Selection gives the numbers sorting gives, for every definition, on samples with ties.
    #[test]
    fn quantiles_by_selection_are_those_of_the_sorted_sample(
        data in prop::collection::vec(prop_oneof![0.0..100.0_f64, (0u8..5).prop_map(f64::from)], 1..60),
        ps in prop::collection::vec(0.0..=1.0_f64, 1..6),
    ) {
        let sorted = Sorted::new(&data).unwrap();
        for kind in ALL_TYPES {
            for &p in &ps {
                let mut scratch = data.clone();
                let [q] = select_quantiles(&mut scratch, [p], kind).unwrap();
                prop_assert_eq!(q, sorted.quantile(p, kind).unwrap(), "{:?} at {}", kind, p);
            }
            let mut scratch = data.clone();
            let three = select_quantiles(&mut scratch, [0.5, 0.9, 0.95], kind).unwrap();
            prop_assert_eq!(three, sorted.quantiles([0.5, 0.9, 0.95], kind).unwrap());
        }
    }

    // -----------------------------------------------------------------------------------------
    // Multiple comparisons
    // -----------------------------------------------------------------------------------------

    #[test]
    fn adjusted_p_values_are_at_least_raw_at_most_one_and_keep_the_order(
        raw in prop::collection::vec(
            prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0_f64, 0.0..1e-6_f64],
            1..40,
        ),
    ) {
        for (name, adjusted) in [
            ("holm", holm(&raw).unwrap()),
            ("benjamini_hochberg", benjamini_hochberg(&raw).unwrap()),
        ] {
            prop_assert_eq!(adjusted.len(), raw.len());
            for (i, (&a, &p)) in adjusted.iter().zip(&raw).enumerate() {
                prop_assert!(p <= a && a <= 1.0, "{name}[{i}]: raw {p}, adjusted {a}");
                for (&b, &q) in adjusted.iter().zip(&raw) {
                    if p <= q {
                        prop_assert!(a <= b, "{name}: raw {p} ≤ {q} but adjusted {a} > {b}");
                    }
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Proportion intervals
    // -----------------------------------------------------------------------------------------

    #[test]
    fn proportion_intervals_contain_the_estimate_within_zero_and_one(
        (x, n) in prop_oneof![1u64..30, 1u64..2_000, 1u64..1_000_000]
            .prop_flat_map(|n| (prop_oneof![Just(0), Just(n), 0..=n], Just(n))),
        level in prop_oneof![Just(0.95), 0.5..0.999_f64],
    ) {
        let level = Level::new(level).unwrap();
        for method in METHODS {
            let ci = proportion_interval(x, n, level, method).unwrap();
            let p = x as f64 / n as f64;
            prop_assert_eq!(ci.estimate(), p);
            prop_assert!(
                0.0 <= ci.lower() && ci.lower() <= p && p <= ci.upper() && ci.upper() <= 1.0,
                "{method:?} {x}/{n} at {}: [{}, {}]",
                level.get(),
                ci.lower(),
                ci.upper()
            );
        }
    }

    // -----------------------------------------------------------------------------------------
    // Bootstrap and its generator
    // -----------------------------------------------------------------------------------------

    #[test]
    fn a_seeded_bootstrap_is_reproducible_and_depends_on_its_seed(
        values in prop::collection::btree_set(-1_000i32..1_000, 5..30),
        seed in any::<u64>(),
    ) {
        // Distinct values: two seeds then give different replicates except with negligible
        // probability.
        let data: Vec<f64> = values.into_iter().map(f64::from).collect();
        let level = Level::default();
        let once = Replicates::resample(&data, mean_of, 500, seed).unwrap();
        let again = Replicates::resample(&data, mean_of, 500, seed).unwrap();
        prop_assert_eq!(&once, &again);
        prop_assert_eq!(once.bca_interval(level).ok(), again.bca_interval(level).ok());
        prop_assert_eq!(
            once.percentile_interval(level).unwrap(),
            again.percentile_interval(level).unwrap()
        );
        let other = Replicates::resample(&data, mean_of, 500, seed.wrapping_add(1)).unwrap();
        prop_assert_ne!(once.replicates(), other.replicates());
    }

    #[test]
    fn below_n_is_below_n(seed in any::<u64>(), n in prop_oneof![1u64..10, 1u64..u64::MAX, Just(u64::MAX)]) {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        for _ in 0..64 {
            prop_assert!(rng.below(n) < n);
        }
    }
}
