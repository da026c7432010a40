//! `Moments` on random samples on very different scales. Floating sums: only the reports
//! agree, and they agree only as far as the numbers are known; the batch constructors
//! (`from_slice`, `FromIterator`, `Extend`) push one by one, so they give the pushed tally
//! exactly.
//!
//! `Moments` is a statistic of `stats`, not a tally of records: [`Sample`] lends it the
//! `Tally` trait here (pushing with `push`, or collecting with `Extend` for samples that may
//! hold NaN), so the one harness checks it too.

use layanan::stats::Result as StatsResult;
use layanan::stats::{Interval, Moments};
use layanan::{Level, Merge, Result, Tally};
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
    min: StatsResult<f64>,
    max: StatsResult<f64>,
    mean: StatsResult<f64>,
    variance: StatsResult<f64>,
    sd: StatsResult<f64>,
    sem: StatsResult<f64>,
    skewness: StatsResult<f64>,
    kurtosis: StatsResult<f64>,
    mean_interval: StatsResult<Interval>,
}

/// `Moments` as a tally of numbers: pushed (`collect: false`) or collected through `Extend`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Sample {
    moments: Moments,
    collect: bool,
}

impl Merge for Sample {
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.moments.check_merge(&other.moments)
    }
    fn merge_checked(&mut self, other: &Self) {
        self.moments.merge_checked(&other.moments);
    }
}

impl Tally for Sample {
    type Record = f64;
    type Checked = ();
    type Options = ();
    type Report = Report;
    fn check(&self, x: &f64) -> Result<()> {
        if self.collect {
            return Ok(());
        }
        let mut m = self.moments;
        m.push(*x).map_err(Into::into)
    }
    fn commit(&mut self, x: &f64, (): ()) {
        if self.collect {
            self.moments.extend([*x]);
        } else {
            let _ = self.moments.push(*x);
        }
    }
    fn report_with(&self, (): &()) -> Result<Report> {
        Ok(report(&self.moments))
    }
}

fn sample_of(moments: Moments, collect: bool) -> Sample {
    Sample { moments, collect }
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
        laws(Sample::default())
            .tolerance(MOMENTS)
            .batch("Moments::from_slice", true, |data: &[f64]| {
                sample_of(Moments::from_slice(data).unwrap(), false)
            })
            .batch("Moments::from_iter", true, |data: &[f64]| {
                sample_of(data.iter().copied().collect(), false)
            })
            .batch("Moments::extend", true, |data: &[f64]| {
                let mut m = Moments::new();
                m.extend(data.iter().copied());
                sample_of(m, false)
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
        laws(sample_of(Moments::new(), true))
            .tolerance(MOMENTS)
            .batch("Moments::from_iter", true, |data: &[f64]| {
                sample_of(data.iter().copied().collect(), true)
            })
            .check(&case)?;
    }
}
