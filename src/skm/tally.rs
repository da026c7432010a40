//! The mergeable SKM tally: integer counts that are a sufficient statistic for the report.

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::model::{Instrument, SKM_SCALE_MAX, SkmAnswers, SkmResponse};
use crate::stats::positive_semidefinite;
use crate::tally::{Merge, Tally};
use crate::visit::Answers;

/// Counts SKM questionnaires: per element the answers 1–4, and per pair of elements the joint count,
/// sums and cross-products over respondents who answered both (what the IKM's interval and
/// Cronbach's α need), plus the same over complete questionnaires.
///
/// Everything is an integer, so merging the tallies of two halves gives exactly the tally of the
/// whole, in any order, on any machine. Memory is `O(k²)` for `k` elements, whatever the number
/// of responses.
///
/// A questionnaire with no answer at all is not a respondent: it is counted as blank
/// ([`blank_questionnaires`](Self::blank_questionnaires)) and takes no part in the index or
/// the sample size.
///
/// ```
/// use layanan::{Instrument, Merge, SkmResponse, SkmTally, Tally};
///
/// let skm = Instrument::permenpanrb_14_2017();
/// let rows = [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 2, 4, 3, 4, 3, 3, 2]];
/// let mut morning = SkmTally::new(skm.clone());
/// let mut afternoon = SkmTally::new(skm.clone());
/// morning.push(&SkmResponse::new(skm.answers_from_row(&rows[0])?))?;
/// afternoon.push_answers(&skm.answers_from_row(&rows[1])?)?; // bare answers
/// afternoon.push_answers(&skm.answers().build())?; // left entirely blank
/// morning.merge(&afternoon)?;
/// assert_eq!(morning.responses(), 2);
/// assert_eq!(morning.blank_questionnaires(), 1);
/// assert_eq!(morning.answer_counts("waktu")?, [0, 1, 1, 0]);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TallyParts", into = "TallyParts"))]
pub struct SkmTally {
    instrument: Instrument,
    /// Questionnaires with at least one answer.
    responses: u64,
    /// Questionnaires with no answer at all.
    blank: u64,
    /// Until the tally keeps sums: up to [`FEW`] questionnaires as answered, `k` bytes each (0
    /// for a blank answer). A small group (a unit with a handful of respondents) costs what it
    /// has seen, not `k²` sums.
    few: Vec<u8>,
    /// The sums every report needs, once there are more than [`FEW`] questionnaires (then
    /// `few` is empty).
    sums: Option<Box<Sums>>,
}

/// The most questionnaires kept as answered before a tally keeps sums instead.
const FEW: usize = 32;

/// Integer sums over questionnaires: everything the report needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Sums {
    /// The number of elements.
    k: usize,
    /// Per element, how many answered 1, 2, 3, 4.
    counts: Vec<[u64; 4]>,
    /// `k × k`: incomplete questionnaires that answered both i and j. This and the next two
    /// leave out complete questionnaires, which `complete*` hold: [`pair`](Self::pair) adds
    /// them back, so a complete questionnaire costs `k²` additions instead of `4k²`.
    pair_n: Vec<u64>,
    /// `k × k`: Σ x_i over incomplete questionnaires that answered both i and j.
    pair_sum: Vec<u64>,
    /// `k × k`: Σ x_i·x_j over incomplete questionnaires that answered both.
    pair_product: Vec<u64>,
    /// Questionnaires with every element answered.
    complete: u64,
    /// `k × k`: Σ x_i·x_j over complete questionnaires (its diagonal gives Σ x_i²). Symmetric,
    /// so memory holds only the upper triangle (`i ≤ j`, the rest stays 0); the serialised
    /// form holds the whole matrix.
    complete_product: Vec<u64>,
    /// Per element: Σ x_i over complete questionnaires.
    complete_sum: Vec<u64>,
}

impl PartialEq for SkmTally {
    /// Equal when they count the same questionnaires, however each keeps them.
    fn eq(&self, other: &Self) -> bool {
        self.instrument == other.instrument
            && self.responses == other.responses
            && self.blank == other.blank
            && self.sums() == other.sums()
    }
}

impl Eq for SkmTally {}

impl std::hash::Hash for SkmTally {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.instrument.hash(state);
        self.responses.hash(state);
        self.blank.hash(state);
        self.sums().hash(state);
    }
}

impl Default for SkmTally {
    /// An empty tally for the PermenPANRB 14/2017 instrument.
    fn default() -> Self {
        Self::new(Instrument::permenpanrb_14_2017())
    }
}

/// The most questionnaires a tally counts: keeps every sum of products (≤ 16 per questionnaire)
/// inside `u64`.
const MAX_RESPONSES: u64 = u64::MAX / (SKM_SCALE_MAX as u64 * SKM_SCALE_MAX as u64);

fn overflow() -> Error {
    Error::Overflow {
        field: "SKM tally count".into(),
    }
}

impl Sums {
    /// No questionnaire, for `k` elements.
    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    fn new(k: usize) -> Self {
        Self {
            k,
            counts: vec![[0; 4]; k],
            pair_n: vec![0; k * k],
            pair_sum: vec![0; k * k],
            pair_product: vec![0; k * k],
            complete: 0,
            complete_product: vec![0; k * k],
            complete_sum: vec![0; k],
        }
    }

    /// The sums of questionnaires kept as answered (`k` bytes each, 0 for blank).
    fn of_rows(k: usize, rows: &[u8]) -> Self {
        let mut sums = Self::new(k);
        sums.add_rows(rows);
        sums
    }

    /// Adds questionnaires kept as answered.
    fn add_rows(&mut self, rows: &[u8]) {
        let mut values = vec![None; self.k];
        for row in rows.chunks_exact(self.k.max(1)) {
            for (value, &answer) in values.iter_mut().zip(row) {
                *value = (answer > 0).then_some(answer);
            }
            self.add(&values);
        }
    }

    /// Adds one questionnaire with at least one answer, aligned with the instrument.
    #[allow(clippy::arithmetic_side_effects)] // bounded by MAX_RESPONSES, as the comments below show
    fn add(&mut self, values: &[Option<u8>]) {
        // Every count and sum is at most 16 × responses (an answer is at most 4), and the
        // tally made sure there is room for one more questionnaire, so no addition below can
        // overflow.
        let k = values.len();
        if k == 0 || self.counts.len() != k || self.pair_n.len() != k * k {
            // Not reached: an instrument has elements and the matrices are sized from it.
            // (`chunks_exact_mut(0)` would panic.)
            return;
        }
        // Each element's row of the k × k matrices is walked once, zipped with the answers,
        // without bounds checks; complete questionnaires (the common case) take one branch and
        // fill only the complete-questionnaire sums.
        let all_answered = values.iter().all(Option::is_some);
        if all_answered {
            for (i, (((xi, counts), cs), c)) in values
                .iter()
                .zip(self.counts.iter_mut())
                .zip(self.complete_sum.iter_mut())
                .zip(self.complete_product.chunks_exact_mut(k))
                .enumerate()
            {
                let xi = xi.unwrap_or(0);
                if let Some(slot) = counts.get_mut(usize::from(xi).wrapping_sub(1)) {
                    *slot += 1;
                }
                let xi = u64::from(xi);
                *cs += xi;
                // The upper triangle only: j ≥ i.
                let (upper, row) = (
                    values.get(i..).unwrap_or(&[]),
                    c.get_mut(i..).unwrap_or(&mut []),
                );
                for (xj, c) in upper.iter().zip(row) {
                    *c += xi * u64::from(xj.unwrap_or(0));
                }
            }
            self.complete += 1;
        } else {
            for ((((xi, counts), n), s), p) in values
                .iter()
                .zip(self.counts.iter_mut())
                .zip(self.pair_n.chunks_exact_mut(k))
                .zip(self.pair_sum.chunks_exact_mut(k))
                .zip(self.pair_product.chunks_exact_mut(k))
            {
                let Some(xi) = *xi else { continue };
                if let Some(slot) = counts.get_mut(usize::from(xi).wrapping_sub(1)) {
                    *slot += 1;
                }
                let xi = u64::from(xi);
                for (((xj, n), s), p) in values.iter().zip(n).zip(s).zip(p) {
                    let Some(xj) = *xj else { continue };
                    *n += 1;
                    *s += xi;
                    *p += xi * u64::from(xj);
                }
            }
        }
    }

    /// Adds another tally's sums (the caller checked the totals stay in bounds).
    fn merge(&mut self, other: &Sums) {
        let add_all = |into: &mut [u64], from: &[u64]| {
            for (a, b) in into.iter_mut().zip(from) {
                *a = a.saturating_add(*b);
            }
        };
        self.complete = self.complete.saturating_add(other.complete);
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            add_all(a, b);
        }
        add_all(&mut self.pair_n, &other.pair_n);
        add_all(&mut self.pair_sum, &other.pair_sum);
        add_all(&mut self.pair_product, &other.pair_product);
        add_all(&mut self.complete_product, &other.complete_product);
        add_all(&mut self.complete_sum, &other.complete_sum);
    }

    /// Per element, how many answered 1, 2, 3, 4.
    pub(crate) fn counts(&self) -> &[[u64; 4]] {
        &self.counts
    }

    /// Questionnaires with every element answered.
    pub(crate) fn complete(&self) -> u64 {
        self.complete
    }

    /// `(n_ij, Σ x_i, Σ x_j, Σ x_i x_j)` over respondents who answered both `i` and `j`.
    #[allow(clippy::arithmetic_side_effects)] // i, j < k ≤ Instrument::MAX_ELEMENTS; counts validated on read
    pub(crate) fn pair(&self, i: usize, j: usize) -> (u64, u64, u64, u64) {
        let k = self.k;
        let get = |m: &[u64], r: usize, c: usize| m.get(r * k + c).copied().unwrap_or(0);
        let sum = |r: usize| self.complete_sum.get(r).copied().unwrap_or(0);
        // Incomplete questionnaires plus complete ones (bounded by 16 × responses: no overflow).
        (
            get(&self.pair_n, i, j).saturating_add(self.complete),
            get(&self.pair_sum, i, j).saturating_add(sum(i)),
            get(&self.pair_sum, j, i).saturating_add(sum(j)),
            get(&self.pair_product, i, j).saturating_add(self.complete_pair(i, j).2),
        )
    }

    /// `(Σ x_i, Σ x_j, Σ x_i x_j)` over complete questionnaires.
    #[allow(clippy::arithmetic_side_effects)] // i, j < k ≤ Instrument::MAX_ELEMENTS
    pub(crate) fn complete_pair(&self, i: usize, j: usize) -> (u64, u64, u64) {
        (
            self.complete_sum.get(i).copied().unwrap_or(0),
            self.complete_sum.get(j).copied().unwrap_or(0),
            self.complete_product
                .get(i.min(j) * self.k + i.max(j))
                .copied()
                .unwrap_or(0),
        )
    }

    /// The pair matrices over every questionnaire (the serialised form), from the incomplete
    /// ones kept in memory; `subtract` goes back.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    fn pair_matrices(&self, subtract: bool) -> Option<[Vec<u64>; 3]> {
        let k = self.k;
        let combine = |a: u64, b: u64| {
            if subtract {
                a.checked_sub(b)
            } else {
                a.checked_add(b)
            }
        };
        let square = [&self.pair_n, &self.pair_sum, &self.pair_product];
        if self.complete_sum.len() != k
            || self.complete_product.len() != k * k
            || square.iter().any(|m| m.len() != k * k)
        {
            return None;
        }
        let mut n = Vec::with_capacity(k * k);
        let mut sum = Vec::with_capacity(k * k);
        let mut product = Vec::with_capacity(k * k);
        for i in 0..k {
            let complete_sum = *self.complete_sum.get(i)?;
            for j in 0..k {
                let cell = i * k + j;
                n.push(combine(*self.pair_n.get(cell)?, self.complete)?);
                sum.push(combine(*self.pair_sum.get(cell)?, complete_sum)?);
                product.push(combine(
                    *self.pair_product.get(cell)?,
                    self.complete_pair(i, j).2,
                )?);
            }
        }
        Some([n, sum, product])
    }

    /// Between the upper triangle of `complete_product` kept in memory and the whole
    /// (symmetric) matrix of the serialised form.
    #[cfg(feature = "serde")]
    #[allow(clippy::arithmetic_side_effects)] // i, j < k ≤ Instrument::MAX_ELEMENTS
    fn mirror_complete_product(&mut self, whole: bool) {
        let k = self.k;
        for i in 0..k {
            for j in 0..i {
                let upper = self.complete_product.get(j * k + i).copied().unwrap_or(0);
                if let Some(lower) = self.complete_product.get_mut(i * k + j) {
                    *lower = if whole { upper } else { 0 };
                }
            }
        }
    }

    /// [`pair`](Self::pair) of the matrices as stored, for deserialised sums whose matrices
    /// still count every questionnaire.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    #[allow(clippy::arithmetic_side_effects)] // i, j < k ≤ Instrument::MAX_ELEMENTS
    fn raw_pair(&self, i: usize, j: usize) -> (u64, u64, u64, u64) {
        let k = self.k;
        let get = |m: &[u64], r: usize, c: usize| m.get(r * k + c).copied().unwrap_or(0);
        (
            get(&self.pair_n, i, j),
            get(&self.pair_sum, i, j),
            get(&self.pair_sum, j, i),
            get(&self.pair_product, i, j),
        )
    }
}

impl SkmTally {
    /// An empty tally for `instrument`.
    pub fn new(instrument: Instrument) -> Self {
        Self {
            instrument,
            responses: 0,
            blank: 0,
            few: Vec::new(),
            sums: None,
        }
    }

    /// Adds one questionnaire's bare answers: [`Tally::push`] without the respondent, unit or
    /// service. Answers built from this tally's instrument are taken as they are; others are
    /// matched by element key, elements they lack counting as blank.
    ///
    /// # Errors
    /// [`Error::UnknownElement`] when the answers name an element this instrument does not
    /// have; [`Error::Overflow`] if a count would pass its limit. The tally is then unchanged.
    pub fn push_answers(&mut self, answers: &SkmAnswers) -> Result<()> {
        self.check_answers(answers.borrowed())?;
        self.commit_answers(answers.borrowed());
        Ok(())
    }

    /// Counts answers [`check_answers`](Self::check_answers) accepted.
    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    pub(crate) fn commit_answers(&mut self, answers: Answers<'_>) {
        let Ok(aligned) = answers.aligned(&self.instrument) else {
            return;
        };
        let values: &[Option<u8>] = &aligned;
        if values.iter().all(Option::is_none) {
            self.blank = self.blank.saturating_add(1);
            return;
        }
        let k = self.instrument.len();
        if self.sums.is_none() && self.few.len() < FEW * k {
            self.few.extend(values.iter().map(|v| v.unwrap_or(0)));
        } else {
            self.sums_mut().add(values);
        }
        self.responses = self.responses.saturating_add(1);
    }

    /// Whether [`push_answers`](Self::push_answers) would accept `answers`, without counting
    /// them: lets a caller that feeds several tallies check before changing any.
    pub(crate) fn check_answers(&self, answers: Answers<'_>) -> Result<()> {
        answers.aligned(&self.instrument)?;
        if self.responses >= MAX_RESPONSES || self.blank == u64::MAX {
            return Err(overflow());
        }
        Ok(())
    }

    /// The sums, kept or worked out from the questionnaires kept as answered.
    pub(crate) fn sums(&self) -> Cow<'_, Sums> {
        match &self.sums {
            Some(sums) => Cow::Borrowed(sums),
            None => Cow::Owned(Sums::of_rows(self.instrument.len(), &self.few)),
        }
    }

    /// The sums, kept from now on.
    fn sums_mut(&mut self) -> &mut Sums {
        let (k, few) = (self.instrument.len(), &mut self.few);
        self.sums.get_or_insert_with(|| {
            let sums = Sums::of_rows(k, few);
            *few = Vec::new();
            Box::new(sums)
        })
    }

    /// The instrument.
    pub fn instrument(&self) -> &Instrument {
        &self.instrument
    }

    /// Questionnaires with at least one answer: the respondents.
    pub fn responses(&self) -> u64 {
        self.responses
    }

    /// Questionnaires returned with no answer at all (not respondents).
    pub fn blank_questionnaires(&self) -> u64 {
        self.blank
    }

    /// Questionnaires with every element answered.
    pub fn complete_responses(&self) -> u64 {
        match &self.sums {
            Some(sums) => sums.complete,
            None => self
                .few
                .chunks_exact(self.instrument.len().max(1))
                .filter(|row| row.iter().all(|&a| a > 0))
                .count() as u64,
        }
    }

    /// How many answered 1, 2, 3 and 4 to element `key`.
    ///
    /// # Errors
    /// [`Error::UnknownElement`].
    pub fn answer_counts(&self, key: &str) -> Result<[u64; 4]> {
        let i = self.instrument.position(key)?;
        Ok(self.sums().counts.get(i).copied().unwrap_or_default())
    }

    /// Checks that the sums of a deserialised tally (in the serialised form: pair matrices over
    /// every questionnaire) agree with each other and with its counts.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS; sums of u64 products in u128
    fn validate(&self, s: &Sums) -> Result<()> {
        let k = self.instrument.len();
        let inconsistent = |reason: String| Error::Inconsistent {
            what: "SKM tally".into(),
            reason,
        };
        let square = [&s.pair_n, &s.pair_sum, &s.pair_product, &s.complete_product];
        if s.counts.len() != k
            || s.complete_sum.len() != k
            || square.iter().any(|m| m.len() != k * k)
        {
            return Err(inconsistent(format!(
                "matrix sizes do not match the {k} elements of `{}`",
                self.instrument.name()
            )));
        }
        if self.responses > MAX_RESPONSES {
            return Err(inconsistent(format!(
                "{} questionnaires, more than a tally can count ({MAX_RESPONSES})",
                self.responses
            )));
        }
        if s.complete > self.responses {
            return Err(inconsistent(format!(
                "{} complete questionnaires out of {}",
                s.complete, self.responses
            )));
        }
        let key = |i: usize| self.instrument.elements().get(i).map_or("?", |e| e.key());
        for (i, counts) in s.counts.iter().enumerate() {
            let n: u128 = counts.iter().map(|&c| u128::from(c)).sum();
            let sum: u128 = (1..=SKM_SCALE_MAX)
                .zip(counts)
                .map(|(v, &c)| u128::from(v) * u128::from(c))
                .sum();
            let squares: u128 = (1..=SKM_SCALE_MAX)
                .zip(counts)
                .map(|(v, &c)| u128::from(v) * u128::from(v) * u128::from(c))
                .sum();
            let (n_ii, s_ii, _, p_ii) = s.raw_pair(i, i);
            if n != u128::from(n_ii)
                || sum != u128::from(s_ii)
                || squares != u128::from(p_ii)
                || n > u128::from(self.responses)
            {
                return Err(inconsistent(format!(
                    "answer counts of element `{}` disagree with its sums",
                    key(i)
                )));
            }
        }
        // Each questionnaire counted as answered answered something.
        let answers: u128 = s.counts.iter().flatten().map(|&c| u128::from(c)).sum();
        if answers < u128::from(self.responses) {
            return Err(inconsistent(format!(
                "{} questionnaires counted as answered, but {answers} answers",
                self.responses
            )));
        }
        // Each pair: symmetric counts, within both elements' counts, sums and products within
        // what answers of 1–4 allow.
        let max = u64::from(SKM_SCALE_MAX);
        for i in 0..k {
            for j in 0..k {
                let (n_ij, s_ij, s_ji, p_ij) = s.raw_pair(i, j);
                let (n_ji, _, _, p_ji) = s.raw_pair(j, i);
                let (n_i, n_j) = (s.raw_pair(i, i).0, s.raw_pair(j, j).0);
                let within = |v: u64, per: u64| v >= n_ij && v <= n_ij.saturating_mul(per);
                if n_ij != n_ji
                    || p_ij != p_ji
                    || n_ij > n_i.min(n_j)
                    || !within(s_ij, max)
                    || !within(s_ji, max)
                    || !within(p_ij, max * max)
                    || n_ij < s.complete
                {
                    return Err(inconsistent(format!(
                        "the joint counts of elements `{}` and `{}` are impossible",
                        key(i),
                        key(j)
                    )));
                }
                // As stored (the whole matrix), so an asymmetric one is caught.
                let (c_i, c_j, _) = s.complete_pair(i, j);
                let raw =
                    |r: usize, c: usize| s.complete_product.get(r * k + c).copied().unwrap_or(0);
                let (c_ij, c_ji) = (raw(i, j), raw(j, i));
                let complete_within =
                    |v: u64, per: u64| v >= s.complete && v <= s.complete.saturating_mul(per);
                if c_ij != c_ji
                    || !complete_within(c_i, max)
                    || !complete_within(c_j, max)
                    || !complete_within(c_ij, max * max)
                    || c_ij > p_ij
                {
                    return Err(inconsistent(format!(
                        "the complete-questionnaire sums of elements `{}` and `{}` are impossible",
                        key(i),
                        key(j)
                    )));
                }
            }
        }
        // n·Σxᵢxⱼ − Σxᵢ·Σxⱼ over the complete questionnaires is n² times their covariance
        // matrix, positive semi-definite for any real answers; sums that break it would give
        // a Cronbach's α above 1.
        let n = s.complete as f64;
        let scaled_covariance: Vec<f64> = (0..k * k)
            .map(|cell| {
                let (c_i, c_j, c_ij) = s.complete_pair(cell / k, cell % k);
                n * c_ij as f64 - c_i as f64 * c_j as f64
            })
            .collect();
        if !positive_semidefinite(&scaled_covariance, k) {
            return Err(inconsistent(
                "the complete-questionnaire sums are those of no set of answers (their \
                 covariance matrix is not positive semi-definite)"
                    .into(),
            ));
        }
        Ok(())
    }
}

impl Merge for SkmTally {
    /// # Errors
    /// [`Error::MergeMismatch`] when the tallies use different instruments (naming what
    /// differs); [`Error::Overflow`].
    fn check_merge(&self, other: &Self) -> Result<()> {
        self.instrument
            .check_same(&other.instrument, "SKM tallies")?;
        // Both tallies are bounded by their responses (see `validate`), so bounding the total
        // bounds every sum.
        if self
            .responses
            .checked_add(other.responses)
            .is_none_or(|total| total > MAX_RESPONSES)
            || self.blank.checked_add(other.blank).is_none()
        {
            return Err(overflow());
        }
        Ok(())
    }

    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    fn merge_checked(&mut self, other: &Self) {
        self.responses = self.responses.saturating_add(other.responses);
        self.blank = self.blank.saturating_add(other.blank);
        let k = self.instrument.len();
        match (&mut self.sums, &other.sums) {
            (None, None) if self.few.len() + other.few.len() <= FEW * k => {
                self.few.extend_from_slice(&other.few);
            }
            (_, Some(theirs)) => self.sums_mut().merge(theirs),
            (_, None) => self.sums_mut().add_rows(&other.few),
        }
    }
}

impl Tally for SkmTally {
    type Record = SkmResponse;
    type Checked = ();
    type Options = super::SkmOptions;
    type Report = super::SkmReport;

    /// # Errors
    /// [`Error::UnknownElement`] when the answers name an element this instrument does not
    /// have; [`Error::Overflow`].
    fn check(&self, response: &SkmResponse) -> Result<()> {
        self.check_answers(response.answers().borrowed())
    }

    fn commit(&mut self, response: &SkmResponse, (): ()) {
        self.commit_answers(response.answers().borrowed());
    }

    /// The report: see [`SkmReport`](super::SkmReport).
    ///
    /// # Errors
    /// [`Error::NoData`] without a filled questionnaire; [`Error::InsufficientData`] when an
    /// element has no answer at all (unless the options reweight); [`Error::InvalidWeight`]
    /// for a printed weight that is not `1/k` as a printout could show it.
    fn report_with(&self, options: &super::SkmOptions) -> Result<super::SkmReport> {
        self.build_report(options)
    }
}

impl Instrument {
    /// Answers in printed order from a complete row of integers (a convenience for tests and
    /// examples; use [`SkmAnswers::from_values`] when some are blank).
    ///
    /// # Errors
    /// As [`SkmAnswers::from_values`].
    pub fn answers_from_row(&self, row: &[i64]) -> Result<SkmAnswers> {
        let values: Vec<Option<i64>> = row.iter().copied().map(Some).collect();
        SkmAnswers::from_values(self, &values)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct TallyParts {
    version: u32,
    instrument: Instrument,
    responses: u64,
    blank: u64,
    counts: Vec<[u64; 4]>,
    pair_n: Vec<u64>,
    pair_sum: Vec<u64>,
    pair_product: Vec<u64>,
    complete: u64,
    complete_sum: Vec<u64>,
    complete_product: Vec<u64>,
}

/// The version of the serialised tally format.
#[cfg(feature = "serde")]
const TALLY_FORMAT: u32 = 2;

#[cfg(feature = "serde")]
impl TryFrom<TallyParts> for SkmTally {
    type Error = Error;
    fn try_from(p: TallyParts) -> Result<Self> {
        if p.version != TALLY_FORMAT {
            return Err(Error::Inconsistent {
                what: "SKM tally".into(),
                reason: format!(
                    "format version {} (this build reads {TALLY_FORMAT})",
                    p.version
                ),
            });
        }
        let k = p.instrument.len();
        let mut sums = Sums {
            k,
            counts: p.counts,
            pair_n: p.pair_n,
            pair_sum: p.pair_sum,
            pair_product: p.pair_product,
            complete: p.complete,
            complete_sum: p.complete_sum,
            complete_product: p.complete_product,
        };
        let tally = SkmTally {
            instrument: p.instrument,
            responses: p.responses,
            blank: p.blank,
            few: Vec::new(),
            sums: None,
        };
        tally.validate(&sums)?;
        // The format holds pair sums over every questionnaire; memory, over incomplete ones.
        let [n, sum, product] = sums
            .pair_matrices(true)
            .ok_or_else(|| Error::Inconsistent {
                what: "SKM tally".into(),
                reason: "the pair sums are smaller than the complete-questionnaire sums".into(),
            })?;
        (sums.pair_n, sums.pair_sum, sums.pair_product) = (n, sum, product);
        sums.mirror_complete_product(false);
        Ok(SkmTally {
            sums: Some(Box::new(sums)),
            ..tally
        })
    }
}

#[cfg(feature = "serde")]
impl From<SkmTally> for TallyParts {
    fn from(t: SkmTally) -> Self {
        let mut sums = t.sums().into_owned();
        // Always sized right (built by `new`, pushes, merges or a checked deserialisation).
        let [pair_n, pair_sum, pair_product] = sums.pair_matrices(false).unwrap_or_default();
        sums.mirror_complete_product(true);
        TallyParts {
            version: TALLY_FORMAT,
            instrument: t.instrument,
            responses: t.responses,
            blank: t.blank,
            counts: sums.counts,
            pair_n,
            pair_sum,
            pair_product,
            complete: sums.complete,
            complete_sum: sums.complete_sum,
            complete_product: sums.complete_product,
        }
    }
}
