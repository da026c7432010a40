//! Parallel scoring with `rayon` (feature `rayon`): split, tally each part, merge.
//!
//! Tallies are mergeable, so the result equals the sequential one: counts exactly, floating
//! sums (empathy ratings) within about 1e-12 relative, since they are added in another order.

use rayon::prelude::*;

use crate::error::Result;
use crate::group::Merge;
use crate::model::{Instrument, Interaction, SkmAnswers, Standards};
use crate::scorecard::Scorecard;
use crate::skm::SkmTally;

/// Records per task: a few tasks per thread (for balance), and few enough that merging, which
/// copies the stored times once per level of the reduction, costs little against tallying.
fn chunk_len(records: usize) -> usize {
    let tasks = rayon::current_num_threads().saturating_mul(2).max(1);
    records.div_ceil(tasks).max(4_096)
}

/// Tallies `records` chunk by chunk on every core, starting each chunk from `empty`, and merges
/// the chunks in order.
fn par_tally<R: Sync, T: Merge + Clone + Send + Sync>(
    records: &[R],
    empty: T,
    push: impl Fn(&mut T, &R) -> Result<()> + Sync,
) -> Result<T> {
    records
        .par_chunks(chunk_len(records.len()))
        .map(|chunk| {
            let mut tally = empty.clone();
            for record in chunk {
                push(&mut tally, record)?;
            }
            Ok(tally)
        })
        .try_reduce(
            || empty.clone(),
            |mut a, b| {
                a.merge_from(&b)?;
                Ok(a)
            },
        )
}

impl Scorecard {
    /// [`Scorecard::score`] on all cores.
    ///
    /// ```
    /// use layanan::{Interaction, Money, Scorecard, ServiceStandard, Standards, Timestamp};
    ///
    /// let standards: Standards = [ServiceStandard::new("ktp-el", Money::ZERO)?].into_iter().collect();
    /// let visits: Vec<Interaction> = (0..1_000)
    ///     .map(|i| {
    ///         Interaction::builder("ktp-el", format!("unit-{}", i % 7), Timestamp::from_unix_millis(0))
    ///             .paid(Money::new(if i % 50 == 0 { 10_000 } else { 0 }))
    ///             .build()
    ///     })
    ///     .collect::<Result<_, _>>()?;
    /// let parallel = Scorecard::par_score(&visits, standards.clone())?;
    /// let sequential = Scorecard::score(&visits, standards)?;
    /// assert_eq!(parallel.report()?, sequential.report()?);
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Scorecard::push`].
    pub fn par_score(visits: &[Interaction], standards: Standards) -> Result<Self> {
        par_tally(visits, Scorecard::new(standards), Scorecard::push)
    }
}

impl SkmTally {
    /// Tallies questionnaires on all cores.
    ///
    /// ```
    /// use layanan::{Instrument, SkmTally};
    ///
    /// let skm = Instrument::permenpanrb_14_2017();
    /// let answers: Vec<_> = (0..1_000)
    ///     .map(|i| skm.answers_from_row(&[1 + i % 4, 3, 3, 4, 3, 3, 4, 3, 2]))
    ///     .collect::<Result<_, _>>()?;
    /// let parallel = SkmTally::par_from_answers(skm.clone(), &answers)?;
    /// let mut sequential = SkmTally::new(skm);
    /// for a in &answers {
    ///     sequential.push_answers(a)?;
    /// }
    /// assert_eq!(parallel, sequential); // integer counts: exactly equal
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`SkmTally::push_answers`].
    pub fn par_from_answers(instrument: Instrument, answers: &[SkmAnswers]) -> Result<Self> {
        par_tally(answers, SkmTally::new(instrument), SkmTally::push_answers)
    }
}
