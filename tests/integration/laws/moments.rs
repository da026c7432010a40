//! `Moments` on random samples on very different scales. Floating sums: only the reports
//! agree, and they agree only as far as the numbers are known; the batch constructors
//! (`from_slice`, `FromIterator`, `Extend`) push one by one, so they give the pushed tally
//! exactly.

use layanan::Level;
use layanan::stats::{Interval, Moments, Result};
use proptest::prelude::*;

use super::{Tolerance, case, config, laws};

/// Samples on very different scales: noise of up to ±100 around 0, 1e3 or 1e9 (where a naive
/// one-pass variance loses every digit), sometimes rounded to integers (ties).
pub(crate) fn sample(min_len: usize) -> impl Strategy<Value = Vec<f64>> {
    (
        prop_oneof![Just(0.0), Just(1e3), Just(1e9)],
        any::<bool>(),
        prop::collection::vec(-100.0..100.0_f64, min_len..60),
    )
        .prop_map(|(offset, round, noise)| {
            noise
                .into_iter()
                .map(|x| offset + if round { x.round() } else { x })
                .collect()
        })
}

/// Everything `Moments` reports.
#[derive(Debug)]
#[allow(dead_code)] // read through `Debug`
struct Report {
    count: u64,
    min: Result<f64>,
    max: Result<f64>,
    mean: Result<f64>,
    variance: Result<f64>,
    sd: Result<f64>,
    sem: Result<f64>,
    skewness: Result<f64>,
    kurtosis: Result<f64>,
    mean_interval: Result<Interval>,
}

fn report(m: &Moments) -> Report {
    Report {
        count: m.count(),
        min: m.min(),
        max: m.max(),
        mean: m.mean(),
        variance: m.variance(),
        sd: m.sd(),
        sem: m.sem(),
        skewness: m.skewness(),
        kurtosis: m.kurtosis(),
        mean_interval: m.mean_interval(Level::default()),
    }
}

/// 1e-12 relative, plus 1e-10 absolute: 1e-12 of the noise (±100) around the offset, which is
/// what a mean of values that cancel, or a skewness near 0, is known to.
const MOMENTS: Tolerance = Tolerance {
    rel: 1e-12,
    floor: 1e-10,
};

proptest! {
    #![proptest_config(config())]

    #[test]
    fn moments_laws(case in case(sample(0))) {
        laws(Moments::new(), |m: &mut Moments, x: &f64| Ok(m.push(*x)?), report)
            .tolerance(MOMENTS)
            .batch("Moments::from_slice", true, |data: &[f64]| {
                Moments::from_slice(data).unwrap()
            })
            .batch("Moments::from_iter", true, |data: &[f64]| {
                data.iter().copied().collect()
            })
            .batch("Moments::extend", true, |data: &[f64]| {
                let mut m = Moments::new();
                m.extend(data.iter().copied());
                m
            })
            .check(&case)?;
    }

    /// NaN and infinities collected through `Extend` are counted, never dropped: every
    /// statistic then answers `NotFinite`, whatever the merges.
    #[test]
    fn moments_with_non_finite_values_laws(
        case in case(prop::collection::vec(
            prop_oneof![
                12 => -100.0..100.0_f64,
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
                1 => Just(f64::NEG_INFINITY),
            ],
            0..60,
        ))
    ) {
        laws(
            Moments::new(),
            |m: &mut Moments, x: &f64| {
                m.extend([*x]);
                Ok(())
            },
            report,
        )
        .tolerance(MOMENTS)
        .batch("Moments::from_iter", true, |data: &[f64]| {
            data.iter().copied().collect()
        })
        .check(&case)?;
    }
}
