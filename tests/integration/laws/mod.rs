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

use layanan::{Grouped, Merge};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::scorecard::support::{debug_close, proptest_cases};

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

/// A tally the laws apply to.
pub(crate) trait Tally: Merge + Clone + PartialEq + Debug + Wire {}
impl<T: Merge + Clone + PartialEq + Debug + Wire> Tally for T {}

/// `Grouped` merges through an inherent method only (it does not implement [`Merge`]): this
/// wrapper lends it the trait.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub(crate) struct Groups<K: Ord, T>(pub Grouped<K, T>);

impl<K: Ord + Clone, T: Merge + Clone> Merge for Groups<K, T> {
    fn merge_from(&mut self, other: &Self) -> layanan::Result<()> {
        self.0.merge(&other.0)
    }
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

type Push<'a, T, R> = Box<dyn Fn(&mut T, &R) -> layanan::Result<()> + 'a>;
type Build<'a, T, R> = Box<dyn Fn(&[R]) -> T + 'a>;

/// One tally's laws: how to push a record, what its report is, and how exact it is.
pub(crate) struct Laws<'a, T, R, Rep> {
    empty: T,
    push: Push<'a, T, R>,
    report: Box<dyn Fn(&T) -> Rep + 'a>,
    exact: Exact,
    tolerance: Tolerance,
    /// Batch constructors: a name, whether they give the pushed tally exactly (else its report
    /// within the tolerance), and the constructor.
    batches: Vec<(&'static str, bool, Build<'a, T, R>)>,
    /// Whether the serde law applies (with the `serde` feature).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    json: bool,
}

/// The laws of a tally that starts as `empty`, takes records with `push` and reports with
/// `report`; by default [`Exact::Sums`] with [`SUMS`].
pub(crate) fn laws<'a, T, R, Rep>(
    empty: T,
    push: impl Fn(&mut T, &R) -> layanan::Result<()> + 'a,
    report: impl Fn(&T) -> Rep + 'a,
) -> Laws<'a, T, R, Rep> {
    Laws {
        empty,
        push: Box::new(push),
        report: Box::new(report),
        exact: Exact::Sums,
        tolerance: SUMS,
        batches: Vec::new(),
        json: true,
    }
}

impl<'a, T: Tally, R, Rep: Debug> Laws<'a, T, R, Rep> {
    pub(crate) fn exact(mut self, exact: Exact) -> Self {
        self.exact = exact;
        self
    }

    pub(crate) fn tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// A batch constructor that should give the tally of pushing the records one by one:
    /// exactly when `exact`, else the same report within the tolerance.
    pub(crate) fn batch(
        mut self,
        name: &'static str,
        exact: bool,
        build: impl Fn(&[R]) -> T + 'a,
    ) -> Self {
        self.batches.push((name, exact, Box::new(build)));
        self
    }

    /// Leaves out the serde law, for a tally JSON cannot hold (see the test that says why).
    pub(crate) fn without_json(mut self) -> Self {
        self.json = false;
        self
    }

    /// The tally of `records`, pushed one by one.
    pub(crate) fn tally(&self, records: &[R]) -> Result<T, TestCaseError> {
        let mut tally = self.empty.clone();
        for record in records {
            (self.push)(&mut tally, record).map_err(|e| fail(format!("push: {e}")))?;
        }
        Ok(tally)
    }

    /// The report of a tally.
    pub(crate) fn report(&self, tally: &T) -> Rep {
        (self.report)(tally)
    }

    /// Checks every law on `case`.
    pub(crate) fn check(&self, case: &Case<R>) -> Result<(), TestCaseError> {
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
        for x in [&whole, &a].into_iter().filter(|_| self.json) {
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
fn equal<T: Tally>(law: &str, got: &T, want: &T) -> Result<(), TestCaseError> {
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
fn merged<T: Tally>(x: &T, y: &T) -> Result<T, TestCaseError> {
    let mut out = x.clone();
    out.merge_from(y).map_err(|e| fail(format!("merge: {e}")))?;
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
