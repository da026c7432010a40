//! Parallel tallying with `rayon` (feature `rayon`): split, tally each part, merge.
//!
//! Tallies merge exactly, so the result equals the sequential one: counts exactly, floating
//! sums within about 1e-12 relative, since they are added in another order.

use rayon::prelude::*;

use crate::error::Result;
use crate::tally::Tally;

/// Records per task: a few tasks per thread (for balance), and few enough that merging, which
/// copies stored times once per level of the reduction, costs little against tallying.
fn chunk_len(records: usize) -> usize {
    let tasks = rayon::current_num_threads().saturating_mul(2).max(1);
    records.div_ceil(tasks).max(4_096)
}

/// Tallies `records` on every core, each chunk from a copy of `empty` (which sets what they
/// are judged by), and merges the chunks in order: the same tally as pushing them one by one.
///
/// ```
/// use layanan::{Interaction, Money, Scorecard, ServiceStandard, Standards, Tally, Timestamp, par_tally};
///
/// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?].into_iter().collect();
/// let visits: Vec<Interaction> = (0..10_000)
///     .map(|i| {
///         Interaction::builder("ktp-el", format!("unit-{}", i % 7), Timestamp::from_unix_millis(0))
///             .paid(Money::new(if i % 50 == 0 { 10_000 } else { 0 }))
///             .build()
///     })
///     .collect::<Result<_, _>>()?;
/// let parallel = par_tally(Scorecard::new(standards.clone()), &visits)?;
/// let mut sequential = Scorecard::new(standards);
/// sequential.push_all(&visits)?;
/// assert_eq!(parallel.report()?, sequential.report()?);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// The first error of [`Tally::push`] or [`Merge::merge`](crate::Merge::merge); on error
/// nothing is returned.
pub fn par_tally<T>(empty: T, records: &[T::Record]) -> Result<T>
where
    T: Tally + Clone + Send + Sync,
    T::Record: Sized + Sync,
{
    records
        .par_chunks(chunk_len(records.len()))
        .map(|chunk| {
            let mut tally = empty.clone();
            tally.push_all(chunk)?;
            Ok(tally)
        })
        .try_reduce(
            || empty.clone(),
            |mut a, b| {
                a.merge(&b)?;
                Ok(a)
            },
        )
}
