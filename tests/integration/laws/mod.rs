//! The algebraic laws of every tally, checked by one generic harness on random records.
//!
//! For records split into three consecutive parts `a`, `b`, `c` (any of them may be empty) and
//! a permutation of them, [`Laws::check`] checks:
//!
//! * **identity**: `empty + x` and `x + empty` are `x`, for the whole and for `a`, exactly;
//! * **associativity**: `(a + b) + c` and `a + (b + c)` agree, and agree with the whole;
//! * **commutativity**: `a + b` and `b + a` agree;
//! * **order**: the permuted records, pushed one by one, agree with the records in order;
//! * **one by one equals collecting**: pushing every record into one tally agrees with folding
//!   the merges of one-record tallies, and with the tally's batch constructors;
//! * **serde** (feature `serde`): a tally written as JSON and read back is equal, and so is its
//!   report; for the whole and for `a`.
//!
//! The harness knows tallies only through the [`Tally`] and [`Merge`](layanan::Merge) traits:
//! it pushes with `push`, merges with `merge` and reports with `report_with`.
//!
//! What "agree" means depends on what the tally holds ([`Exact`]): integer counts make equal
//! tallies whatever the grouping or order; stored values in arrival order make equal tallies
//! when the order is the same; floating sums make only close reports. Reports are compared on
//! their `Debug` text: every count, name and variant exactly, floats within the tally's
//! [`Tolerance`] (1e-12 relative, with an absolute floor where a value can cancel to about 0).
//! Reports that are exactly order-free (counts, exact sums, quantiles of sorted values) are
//! compared with [`EXACT`].
//!
//! Every law runs `LAYANAN_PROPTEST_CASES` cases (default 256):
//!
//! ```sh
//! LAYANAN_PROPTEST_CASES=10000 cargo test --release --all-features --test integration laws
//! ```

use std::fmt::Debug;

use layanan::Tally;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::support::{debug_close, proptest_cases};

pub(crate) mod complaints;
pub(crate) mod moments;
mod ratings;
mod skm;
pub(crate) mod visits;

/// Serialisable and deserialisable when the `serde` feature is on; anything otherwise.
#[cfg(feature = "serde")]
pub(crate) trait Wire: serde::Serialize + serde::de::DeserializeOwned {}
#[cfg(feature = "serde")]
impl<T: serde::Serialize + serde::de::DeserializeOwned> Wire for T {}
/// Serialisable and deserialisable when the `serde` feature is on; anything otherwise.
#[cfg(not(feature = "serde"))]
pub(crate) trait Wire {}
#[cfg(not(feature = "serde"))]
impl<T> Wire for T {}

/// What the laws need of a tally beyond [`Tally`]: copies, equality, and its wire form.
pub(crate) trait Lawful: Tally + Clone + PartialEq + Debug + Wire
where
    Self::Record: Sized,
    Self::Report: Debug,
{
}
impl<T> Lawful for T
where
    T: Tally + Clone + PartialEq + Debug + Wire,
    T::Record: Sized,
    T::Report: Debug,
{
}

/// How far tallies of the same records, merged in different ways, are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exact {
    /// Integer counts only: every grouping and every order give an equal tally.
    Counts,
    /// Counts and values stored in arrival order: the same order gives an equal tally (so
    /// associativity and folding one-record tallies are exact), another order only a close
    /// report.
    Sequence,
    /// Floating sums: only the reports agree, within the tolerance.
    Sums,
}

/// How close two reports must be: floats within `rel` relative plus `floor` absolute.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tolerance {
    pub rel: f64,
    pub floor: f64,
}

/// Reports that do not depend on the order of the records at all.
pub(crate) const EXACT: Tolerance = Tolerance {
    rel: 0.0,
    floor: 0.0,
};

/// Floating sums added in another order: 1e-12 relative.
pub(crate) const SUMS: Tolerance = Tolerance {
    rel: 1e-12,
    floor: 0.0,
};

/// Scores on 0–100 from floating sums: 1e-12 relative, plus 1e-10 (1e-12 of the scale) where
/// they cancel to about 0, such as the lower bound of an interval near 0.
pub(crate) const SCORES: Tolerance = Tolerance {
    rel: 1e-12,
    floor: 1e-10,
};

/// Random records, two cut points `i ≤ j` making the parts `..i`, `i..j`, `j..`, and the same
/// records in another order.
#[derive(Debug, Clone)]
pub(crate) struct Case<R> {
    pub records: Vec<R>,
    pub cuts: (usize, usize),
    pub shuffled: Vec<R>,
}

/// A [`Case`] of `records`.
pub(crate) fn case<R: Clone + Debug>(
    records: impl Strategy<Value = Vec<R>>,
) -> impl Strategy<Value = Case<R>> {
    records.prop_flat_map(|records| {
        let n = records.len();
        (0..=n, 0..=n, Just(records.clone()).prop_shuffle()).prop_map(move |(x, y, shuffled)| {
            Case {
                records: records.clone(),
                cuts: (x.min(y), x.max(y)),
                shuffled,
            }
        })
    })
}

type Build<'a, T, R> = Box<dyn Fn(&[R]) -> T + 'a>;

/// A batch constructor: its name, whether it gives the pushed tally exactly, and itself.
type Batch<'a, T, R> = (&'static str, bool, Build<'a, T, R>);

/// One tally's laws: the empty tally, the options of its report, how exact it is.
pub(crate) struct Laws<'a, T: Lawful>
where
    T::Record: Sized,
    T::Report: Debug,
{
    empty: T,
    options: T::Options,
    exact: Exact,
    tolerance: Tolerance,
    /// Batch constructors: a name, whether they give the pushed tally exactly (else its report
    /// within the tolerance), and the constructor.
    batches: Vec<Batch<'a, T, T::Record>>,
}

/// The laws of a tally that starts as `empty`, pushed with [`Tally::push`] and reported with
/// [`Tally::report_with`] at default options; by default [`Exact::Sums`] with [`SUMS`].
pub(crate) fn laws<'a, T: Lawful>(empty: T) -> Laws<'a, T>
where
    T::Record: Sized,
    T::Report: Debug,
{
    Laws {
        empty,
        options: T::Options::default(),
        exact: Exact::Sums,
        tolerance: SUMS,
        batches: Vec::new(),
    }
}

impl<'a, T: Lawful> Laws<'a, T>
where
    T::Record: Sized,
    T::Report: Debug,
{
    pub(crate) fn exact(mut self, exact: Exact) -> Self {
        self.exact = exact;
        self
    }

    pub(crate) fn tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Reports with these options instead of the defaults.
    pub(crate) fn options(mut self, options: T::Options) -> Self {
        self.options = options;
        self
    }

    /// A batch constructor that should give the tally of pushing the records one by one:
    /// exactly when `exact`, else the same report within the tolerance.
    pub(crate) fn batch(
        mut self,
        name: &'static str,
        exact: bool,
        build: impl Fn(&[T::Record]) -> T + 'a,
    ) -> Self {
        self.batches.push((name, exact, Box::new(build)));
        self
    }

    /// The tally of `records`, pushed one by one.
    pub(crate) fn tally(&self, records: &[T::Record]) -> Result<T, TestCaseError> {
        let mut tally = self.empty.clone();
        for record in records {
            tally.push(record).map_err(|e| fail(format!("push: {e}")))?;
        }
        Ok(tally)
    }

    /// The report of a tally (or its error).
    pub(crate) fn report(&self, tally: &T) -> layanan::Result<T::Report> {
        tally.report_with(&self.options)
    }

    /// Checks every law on `case`.
    pub(crate) fn check(&self, case: &Case<T::Record>) -> Result<(), TestCaseError> {
        let Case {
            records,
            cuts: (i, j),
            shuffled,
        } = case;
        let whole = self.tally(records)?;
        let a = self.tally(&records[..*i])?;
        let b = self.tally(&records[*i..*j])?;
        let c = self.tally(&records[*j..])?;
        let sequence = self.exact != Exact::Sums;
        let counts = self.exact == Exact::Counts;

        for x in [&whole, &a] {
            equal("identity: empty + x against x", &merged(&self.empty, x)?, x)?;
            equal("identity: x + empty against x", &merged(x, &self.empty)?, x)?;
        }

        let left = merged(&merged(&a, &b)?, &c)?;
        let right = merged(&a, &merged(&b, &c)?)?;
        self.agree(
            "associativity: (a + b) + c against a + (b + c)",
            &left,
            &right,
            sequence,
        )?;
        self.agree(
            "associativity: (a + b) + c against the whole",
            &left,
            &whole,
            sequence,
        )?;

        let ab = merged(&a, &b)?;
        let ba = merged(&b, &a)?;
        self.agree("commutativity: a + b against b + a", &ab, &ba, counts)?;

        let permuted = self.tally(shuffled)?;
        self.agree(
            "order: shuffled records against the records in order",
            &permuted,
            &whole,
            counts,
        )?;

        let mut folded = self.empty.clone();
        for record in records {
            let one = self.tally(std::slice::from_ref(record))?;
            folded = merged(&folded, &one)?;
        }
        self.agree(
            "one by one: merged one-record tallies against pushing",
            &folded,
            &whole,
            sequence,
        )?;
        let mut all = self.empty.clone();
        all.push_all(records)
            .map_err(|e| fail(format!("push_all: {e}")))?;
        equal("one by one: push_all against pushing", &all, &whole)?;
        for (name, exact, build) in &self.batches {
            let built = build(records);
            self.agree(
                &format!("one by one: {name} against pushing"),
                &built,
                &whole,
                *exact,
            )?;
        }

        #[cfg(feature = "serde")]
        for x in [&whole, &a] {
            let text = serde_json::to_string(x).map_err(|e| fail(format!("serde: {e}")))?;
            let back: T = serde_json::from_str(&text)
                .map_err(|e| fail(format!("serde: reading back {text}: {e}")))?;
            equal(&format!("serde: the tally read back from {text}"), &back, x)?;
            self.reports_agree("serde: the report of the tally read back", &back, x, EXACT)?;
        }
        Ok(())
    }

    /// `got` and `want` are equal tallies when `equal`, else their reports are within the
    /// tolerance.
    fn agree(&self, law: &str, got: &T, want: &T, equal: bool) -> Result<(), TestCaseError> {
        if equal {
            self::equal(law, got, want)
        } else {
            self.reports_agree(law, got, want, self.tolerance)
        }
    }

    fn reports_agree(
        &self,
        law: &str,
        got: &T,
        want: &T,
        tolerance: Tolerance,
    ) -> Result<(), TestCaseError> {
        debug_close(
            &self.report(got),
            &self.report(want),
            tolerance.rel,
            tolerance.floor,
        )
        .map_err(|e| fail(format!("{law}: the reports differ: {e}")))
    }
}

/// `got` and `want` are equal tallies.
fn equal<T: PartialEq + Debug>(law: &str, got: &T, want: &T) -> Result<(), TestCaseError> {
    if got == want {
        Ok(())
    } else {
        Err(fail(format!(
            "{law}: the tallies differ\ngot:  {got:?}\nwant: {want:?}"
        )))
    }
}

fn fail(message: String) -> TestCaseError {
    TestCaseError::fail(message)
}

/// `x + y`, as a new tally.
fn merged<T: Tally + Clone>(x: &T, y: &T) -> Result<T, TestCaseError> {
    let mut out = x.clone();
    out.merge(y).map_err(|e| fail(format!("merge: {e}")))?;
    Ok(out)
}

/// The configured number of cases per law.
pub(crate) fn config() -> ProptestConfig {
    ProptestConfig::with_cases(proptest_cases())
}

#[test]
fn the_number_of_cases_comes_from_the_environment() {
    let expected = std::env::var("LAYANAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(256);
    assert_eq!(config().cases, expected);
}
