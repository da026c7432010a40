//! The one abstraction: a tally you push records into, merge with others, and read a report
//! from.
//!
//! Every tally in the crate implements [`Tally`] (and so [`Merge`]):
//!
//! | tally | record | report |
//! |---|---|---|
//! | [`SkmTally`](crate::SkmTally) | [`SkmResponse`](crate::SkmResponse) | [`SkmReport`](crate::SkmReport) |
//! | [`SpeedTally`](crate::SpeedTally) | [`Interaction`](crate::Interaction) | [`SpeedReport`](crate::SpeedReport) |
//! | [`CostTally`](crate::CostTally) | [`Interaction`](crate::Interaction) | [`CostReport`](crate::CostReport) |
//! | [`EmpathyTally`](crate::EmpathyTally) | [`Interaction`](crate::Interaction) | [`EmpathyReport`](crate::EmpathyReport) |
//! | [`PromiseTally`](crate::PromiseTally) | [`Interaction`](crate::Interaction) | [`PromiseReport`](crate::PromiseReport) |
//! | [`NpsTally`](crate::NpsTally) | [`Interaction`](crate::Interaction) | [`NpsReport`](crate::NpsReport) |
//! | [`CsatTally`](crate::CsatTally), [`CesTally`](crate::CesTally) | [`Rating`](crate::Rating) | [`CsatReport`](crate::CsatReport), [`CesReport`](crate::CesReport) |
//! | [`ComplaintTally`](crate::ComplaintTally) | [`Complaint`](crate::Complaint) | [`ComplaintReport`](crate::ComplaintReport) |
//! | [`Scorecard`](crate::Scorecard) | [`Interaction`](crate::Interaction) | [`ScorecardReport`](crate::ScorecardReport) |
//! | [`Grouped<K, T>`](crate::Grouped) | `T`'s | one report per group |
//! | `(A, B)`, `(A, B, C)` … | the parts' (shared) | the parts' reports |
//!
//! **Pushing is all or nothing.** [`Tally::push`] first [`check`](Tally::check)s the record
//! against the tally's settings and limits, computing what it will add, and only then
//! [`commit`](Tally::commit)s it, which cannot fail. A composite (a tuple, a [`Grouped`](crate::Grouped), the
//! scorecard) checks every part before committing any, so a record one part refuses changes
//! none. Merging works the same way ([`Merge::check_merge`], then
//! [`Merge::merge_checked`]).
//!
//! **A tally owns the settings it is judged by** (standards, instrument, calendar, scale), so a
//! merge of tallies judged by different settings is refused and the error names what differs.
//!
//! **Merging is exact**: the tally of two parts merged is the tally of the whole (integer
//! counts exactly, floating sums within about 1e-12 relative). That one law gives streaming,
//! threads ([`par_tally`](crate::par_tally) with the `rayon` feature) and shards tallied on
//! other machines (with `serde`).
//!
//! ```
//! use layanan::{Merge, NpsTally, Tally};
//! use layanan::{Interaction, Timestamp};
//!
//! let visit = |score| {
//!     Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0)).recommend(score).build()
//! };
//! let (mut morning, mut afternoon) = (NpsTally::default(), NpsTally::default());
//! morning.push(&visit(10)?)?;
//! afternoon.push(&visit(3)?)?;
//! morning.merge(&afternoon)?;
//! assert_eq!(morning.report()?.nps, 0.0); // one promoter, one detractor
//! # Ok::<(), layanan::Error>(())
//! ```
//!
//! A tally of your own takes part in grouping, composition and the law tests once it
//! implements the two traits:
//!
//! ```
//! use layanan::{Interaction, Merge, Result, Tally, Timestamp};
//!
//! /// Visits that came through the online channel.
//! #[derive(Debug, Clone, Default, PartialEq)]
//! struct Online {
//!     visits: u64,
//!     online: u64,
//! }
//!
//! impl Merge for Online {
//!     fn check_merge(&self, other: &Self) -> Result<()> {
//!         self.visits.checked_add(other.visits).map(drop).ok_or(layanan::Error::Overflow { field: "visits".into() })
//!     }
//!     fn merge_checked(&mut self, other: &Self) {
//!         // `check_merge` passed: online ≤ visits, so neither sum overflows.
//!         self.visits += other.visits;
//!         self.online += other.online;
//!     }
//! }
//!
//! impl Tally for Online {
//!     type Record = Interaction;
//!     type Checked = bool;
//!     type Options = ();
//!     type Report = (u64, u64);
//!     fn check(&self, visit: &Interaction) -> Result<bool> {
//!         if self.visits == u64::MAX {
//!             return Err(layanan::Error::Overflow { field: "visits".into() });
//!         }
//!         Ok(visit.channel() == Some("online"))
//!     }
//!     fn commit(&mut self, _: &Interaction, online: bool) {
//!         self.visits += 1;
//!         self.online += u64::from(online);
//!     }
//!     fn report_with(&self, _: &()) -> Result<(u64, u64)> {
//!         Ok((self.online, self.visits))
//!     }
//! }
//!
//! let mut tally = Online::default();
//! let visit = Interaction::builder("ktp-el", "kel-a", Timestamp::from_unix_millis(0)).channel("online").build()?;
//! tally.push(&visit)?;
//! assert_eq!(tally.report()?, (1, 1));
//! # Ok::<(), layanan::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::model::Timestamp;
use crate::stats::Moments;

/// A tally that can absorb another of its kind: merging the tallies of two parts gives the
/// tally of the whole.
///
/// Implement [`check_merge`](Self::check_merge) and [`merge_checked`](Self::merge_checked);
/// [`merge`](Self::merge) combines them, so a merge either happens whole or not at all.
pub trait Merge {
    /// Whether [`merge`](Self::merge) would succeed, without changing anything.
    ///
    /// # Errors
    /// [`Error::MergeMismatch`] naming the setting that differs (standards, instrument,
    /// calendar, scale …); [`Error::Overflow`] when a count would pass its limit.
    fn check_merge(&self, other: &Self) -> Result<()>;

    /// Adds everything `other` counted, after [`check_merge`](Self::check_merge) accepted it.
    /// Cannot fail; called without a successful check, it may saturate counts.
    fn merge_checked(&mut self, other: &Self);

    /// Adds everything `other` counted, or nothing on error.
    ///
    /// # Errors
    /// As [`check_merge`](Self::check_merge).
    fn merge(&mut self, other: &Self) -> Result<()> {
        self.check_merge(other)?;
        self.merge_checked(other);
        Ok(())
    }
}

/// A mergeable accumulator of records with a report.
///
/// Implement [`check`](Self::check), [`commit`](Self::commit) and
/// [`report_with`](Self::report_with); [`push`](Self::push), [`push_all`](Self::push_all) and
/// [`report`](Self::report) follow. See the [module documentation](self).
pub trait Tally: Merge {
    /// What one push counts: a visit, a questionnaire, a complaint, a rating.
    type Record: ?Sized;
    /// What [`check`](Self::check) computes for [`commit`](Self::commit): everything that can
    /// fail is decided there.
    type Checked;
    /// The report's settings (confidence level, quantile definition, as-of instant …).
    type Options: Default + Clone;
    /// What the tally reports.
    type Report;

    /// Whether `record` can be counted — its data agree with the tally's settings and no count
    /// would pass its limit — and what counting it adds. Changes nothing.
    ///
    /// # Errors
    /// Each tally documents its own; [`Error::Overflow`] past a count's limit.
    fn check(&self, record: &Self::Record) -> Result<Self::Checked>;

    /// Counts `record`, which [`check`](Self::check) accepted as `checked`. Cannot fail.
    fn commit(&mut self, record: &Self::Record, checked: Self::Checked);

    /// Counts one record, or nothing on error.
    ///
    /// # Errors
    /// As [`check`](Self::check).
    fn push(&mut self, record: &Self::Record) -> Result<()> {
        let checked = self.check(record)?;
        self.commit(record, checked);
        Ok(())
    }

    /// Counts every record, stopping at the first error (the records before it stay counted;
    /// the one refused is not).
    ///
    /// # Errors
    /// The first error of [`push`](Self::push).
    fn push_all<'a, I>(&mut self, records: I) -> Result<()>
    where
        I: IntoIterator<Item = &'a Self::Record>,
        Self::Record: 'a,
    {
        records.into_iter().try_for_each(|r| self.push(r))
    }

    /// The report with these options.
    ///
    /// # Errors
    /// [`Error::NoData`] when the tally has nothing to report; others as each tally documents.
    fn report_with(&self, options: &Self::Options) -> Result<Self::Report>;

    /// The report with default options (95 % intervals …).
    ///
    /// # Errors
    /// As [`report_with`](Self::report_with).
    fn report(&self) -> Result<Self::Report> {
        self.report_with(&Self::Options::default())
    }

    /// The latest instant recorded, for tallies whose reports judge open cases as of an
    /// instant (visits, complaints); `None` for the others.
    fn latest(&self) -> Option<Timestamp> {
        None
    }

    /// `options` judging open cases as of `at` where they leave the instant to the data:
    /// how a composite reports every part and every group as of one instant, the latest of
    /// them all. Unchanged for tallies without time.
    fn options_as_of(options: &Self::Options, at: Timestamp) -> Self::Options {
        let _ = at;
        options.clone()
    }

    /// `options` with an open as-of instant set to the latest time in this tally's data.
    fn settled_options(&self, options: &Self::Options) -> Self::Options {
        match self.latest() {
            Some(at) => Self::options_as_of(options, at),
            None => options.clone(),
        }
    }
}

/// `Ok(None)` where a part has nothing to report ([`Error::NoData`]), other errors passed on:
/// how composites report parts that saw no data.
pub(crate) fn part<R>(report: Result<R>) -> Result<Option<R>> {
    match report {
        Ok(r) => Ok(Some(r)),
        Err(Error::NoData { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The time a report of timed records is as of: `as_of`, or by default `latest`, the latest
/// time in the data.
///
/// # Errors
/// [`Error::NoData`] for `what` when nothing was counted (`counted` false, or no `latest`);
/// [`Error::AsOfBeforeData`] for an `as_of` before `latest`.
pub(crate) fn report_time(
    latest: Option<Timestamp>,
    counted: bool,
    what: &str,
    as_of: Option<Timestamp>,
) -> Result<Timestamp> {
    let Some(latest) = latest.filter(|_| counted) else {
        return Err(Error::NoData { what: what.into() });
    };
    let as_of = as_of.unwrap_or(latest);
    if as_of < latest {
        return Err(Error::AsOfBeforeData { as_of, latest });
    }
    Ok(as_of)
}

/// Adds one to a count whose room [`Tally::check`] has made sure of (saturating rather than
/// panicking should that contract be broken).
pub(crate) fn bump(count: &mut u64) {
    *count = count.saturating_add(1);
}

/// [`Error::Overflow`] for `field` unless `count` has room for one more.
pub(crate) fn room(count: u64, field: &str) -> Result<()> {
    if count == u64::MAX {
        Err(Error::Overflow {
            field: field.into(),
        })
    } else {
        Ok(())
    }
}

/// Declares a struct of named `u64` counts with a field-by-field checked sum, so a merge adds
/// each count to the count of the same name (never to its neighbour).
macro_rules! counts {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        $vis struct $name {
            $( $(#[$field_meta])* pub(crate) $field: u64 ),*
        }

        impl $name {
            /// Every count added to the count of the same name; `None` when one overflows.
            pub(crate) fn checked_add(&self, other: &Self) -> Option<Self> {
                Some(Self {
                    $( $field: self.$field.checked_add(other.$field)? ),*
                })
            }
        }
    };
}

pub(crate) use counts;

/// Merges for the parts of a tuple, checking all before merging any.
macro_rules! tuple_tally {
    ($($part:ident . $i:tt),+) => {
        impl<$($part: Merge),+> Merge for ($($part,)+) {
            fn check_merge(&self, other: &Self) -> Result<()> {
                $( self.$i.check_merge(&other.$i)?; )+
                Ok(())
            }

            fn merge_checked(&mut self, other: &Self) {
                $( self.$i.merge_checked(&other.$i); )+
            }
        }

        /// Tallies side by side, fed the same records: each reports on its own; a record or a
        /// merge any part refuses changes none.
        impl<R: ?Sized, $($part: Tally<Record = R>),+> Tally for ($($part,)+) {
            type Record = R;
            type Checked = ($($part::Checked,)+);
            type Options = ($($part::Options,)+);
            type Report = ($($part::Report,)+);

            fn check(&self, record: &R) -> Result<Self::Checked> {
                Ok(($(self.$i.check(record)?,)+))
            }

            fn commit(&mut self, record: &R, checked: Self::Checked) {
                $( self.$i.commit(record, checked.$i); )+
            }

            /// Every part's report, as of the latest instant any part has seen.
            fn report_with(&self, options: &Self::Options) -> Result<Self::Report> {
                let options = self.settled_options(options);
                Ok(($(self.$i.report_with(&options.$i)?,)+))
            }

            fn latest(&self) -> Option<Timestamp> {
                [$(self.$i.latest()),+].into_iter().flatten().max()
            }

            fn options_as_of(options: &Self::Options, at: Timestamp) -> Self::Options {
                ($($part::options_as_of(&options.$i, at),)+)
            }
        }
    };
}

tuple_tally!(A.0, B.1);
tuple_tally!(A.0, B.1, C.2);
tuple_tally!(A.0, B.1, C.2, D.3);
tuple_tally!(A.0, B.1, C.2, D.3, E.4);
tuple_tally!(A.0, B.1, C.2, D.3, E.4, F.5);

impl Merge for Moments {
    fn check_merge(&self, other: &Self) -> Result<()> {
        let mut merged = *self;
        Moments::merge(&mut merged, other).map_err(Error::from)
    }

    fn merge_checked(&mut self, other: &Self) {
        // Checked: the merge of these moments succeeds (and `Moments::merge` changes nothing
        // when it fails).
        let _ = Moments::merge(self, other);
    }
}
