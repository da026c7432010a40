//! The SKM report: per-element NRRs, the IKM, its grade and its uncertainty.

use super::exact::{self, NrrRounding};
use super::tally::{SkmTally, Sums};
use crate::error::{Error, Result};
use crate::model::{GradeBands, Mutu, SKM_SCALE_MAX, Weight};
use crate::stats::{
    CronbachAlpha, Interval, Level, Ratio, checked_on_read, covariance, krejcie_morgan,
    omega_of_covariance,
};

/// How an agency's printout computed its index, to reproduce it digit for digit.
///
/// Printed reports often weight every element by a rounded 0.11 or 0.111 (1/9) or 0.071 (1/14)
/// instead of the exact fraction, and round or truncate NRRs to 2 decimals before weighting. With
/// 0.11, a perfect score prints as 99.00 and a true 88.31–89.19 (grade A) prints as B (89.20 ×
/// 0.99 = 88.308 still rounds to an A).
///
/// ```
/// use layanan::{Compatibility, NrrRounding, Weight};
///
/// let printout = Compatibility::printed_weight(Weight::new(111, 1000)?)
///     .with_nrr(NrrRounding::Round(2));
/// assert_eq!(printout.weight(), Some(Weight::new(111, 1000)?));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// Two choices of KepMenPAN 25/2004 printouts are one flag away each: the printed weight 0.071
/// instead of the exact 1/14 ([`printed_weight`](Self::printed_weight)), the index rounded to
/// 3 decimals before it is multiplied by 25 ([`with_index`](Self::with_index)), and the grade
/// read off the index column of the regulation's table (NI: A from 3.26, B from 2.51, C from
/// 1.76 at 2 decimals) instead of the NIK column ([`grade_on_index`](Self::grade_on_index)).
/// Without them the exact index is graded on the NIK rounded half up to 2 decimals, as
/// PermenPANRB 14/2017 prescribes.
///
/// ```
/// use layanan::{Compatibility, NrrRounding, Weight};
///
/// let printout_2004 = Compatibility::printed_weight(Weight::new(71, 1000)?)
///     .with_index(NrrRounding::Round(3))
///     .grade_on_index(2);
/// assert_eq!(printout_2004.index_decimals_graded(), Some(2));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Compatibility {
    weight: Option<Weight>,
    nrr: NrrRounding,
    #[cfg_attr(feature = "serde", serde(default))]
    index: NrrRounding,
    #[cfg_attr(feature = "serde", serde(default))]
    grade_on_index: Option<u8>,
}

impl Compatibility {
    /// Every element weighted by `weight` as printed (e.g. 0.111), NRRs exact.
    pub fn printed_weight(weight: Weight) -> Self {
        Self {
            weight: Some(weight),
            ..Self::default()
        }
    }

    /// The instrument's own weights, NRRs rounded as `nrr`.
    pub fn nrr_only(nrr: NrrRounding) -> Self {
        Self {
            nrr,
            ..Self::default()
        }
    }

    /// With the index (1–4) rounded as `index` before it is multiplied by 25 (some 2004
    /// printouts round it to 3 decimals).
    pub fn with_index(mut self, index: NrrRounding) -> Self {
        self.index = index;
        self
    }

    /// Graded on the index column of the regulation's table, the index rounded half up to
    /// `decimals` (2 as KepMenPAN 25/2004 prints its NI column, 4 for PermenPANRB 14/2017's
    /// 3.5324), instead of on the NIK. The index bands are the NIK bands divided by 25, at
    /// those decimals: 81.26 / 25 = 3.2504 becomes 3.26 at 2 decimals.
    pub fn grade_on_index(mut self, decimals: u8) -> Self {
        self.grade_on_index = Some(decimals);
        self
    }

    /// How the index is rounded before ×25.
    pub fn index(&self) -> NrrRounding {
        self.index
    }

    /// The decimals of the index column the grade is read from, if not the NIK.
    pub fn index_decimals_graded(&self) -> Option<u8> {
        self.grade_on_index
    }

    /// With NRRs rounded as `nrr` before weighting.
    pub fn with_nrr(mut self, nrr: NrrRounding) -> Self {
        self.nrr = nrr;
        self
    }

    /// The printed weight, if one replaces the instrument's weights.
    pub fn weight(&self) -> Option<Weight> {
        self.weight
    }

    /// How NRRs are rounded.
    pub fn nrr(&self) -> NrrRounding {
        self.nrr
    }
}

/// Settings of an SKM report.
///
/// ```
/// use layanan::{Level, SkmOptions};
///
/// let options = SkmOptions::default().with_level(Level::new(0.99)?).with_population(1_000);
/// assert_eq!(options.population(), Some(1_000));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SkmOptions {
    level: Level,
    compatibility: Option<Compatibility>,
    population: Option<u64>,
    #[cfg_attr(feature = "serde", serde(default))]
    reweight_unanswered: bool,
}

impl SkmOptions {
    /// With a confidence level other than 95 %.
    pub fn with_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Also compute the index as a printed report would (see [`Compatibility`]).
    pub fn with_printed(mut self, compatibility: Compatibility) -> Self {
        self.compatibility = Some(compatibility);
        self
    }

    /// Check the sample against the Krejcie–Morgan size for a population of `population`
    /// (e.g. the service's users in the survey period), and narrow the IKM's interval by the
    /// finite-population correction `√((N − n)/(N − 1))`.
    pub fn with_population(mut self, population: u64) -> Self {
        self.population = Some(population);
        self
    }

    /// When an element has no answer at all (a group where nobody answered complaint
    /// handling), leave it out and weight the others by their weights over what remains, so
    /// the weights still sum to exactly 1, instead of refusing the report. The report lists
    /// the elements left out and carries the weights used. Off by default: an index over
    /// fewer elements is not the regulation's index, and says so.
    pub fn with_reweighting(mut self) -> Self {
        self.reweight_unanswered = true;
        self
    }

    /// Whether unanswered elements are left out and the rest reweighted.
    pub fn reweighting(&self) -> bool {
        self.reweight_unanswered
    }

    /// The confidence level.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The printout settings, if any.
    pub fn compatibility(&self) -> Option<Compatibility> {
        self.compatibility
    }

    /// The population, if given.
    pub fn population(&self) -> Option<u64> {
        self.population
    }
}

checked_on_read! {
/// One element's results (one row of the official table).
///
/// Read back with `serde`, it is checked: counts that add up to `n`, the NRR their mean, the
/// IKM 25 × NRR, the interval within 1–4 around the NRR.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ElementScore {
    /// Printed code, `U1`…
    pub code: String,
    /// Machine key, e.g. `persyaratan`.
    pub key: String,
    /// Indonesian name.
    pub name: String,
    /// English gloss.
    pub english: String,
    /// Respondents who answered this element (blanks excluded).
    pub n: u64,
    /// How many answered 1, 2, 3, 4.
    pub counts: [u64; 4],
    /// Nilai rata-rata: mean answer, 1–4.
    pub nrr: f64,
    /// Sample standard deviation of the answers; `None` below 2 answers.
    pub sd: Option<f64>,
    /// Student t interval for the NRR; `None` below 2 answers.
    pub interval: Option<Interval>,
    /// The element's weight.
    pub weight: Weight,
    /// NRR × weight (NRR tertimbang).
    pub weighted_nrr: f64,
    /// The element's own score on the 25–100 scale, NRR × 25.
    pub ikm: f64,
    /// The grade of that score.
    pub mutu: Mutu,
}
}

/// The index as an agency's printout computes it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PrintedIndex {
    /// The settings used.
    pub compatibility: Compatibility,
    /// The printed index, 1–4.
    pub index: f64,
    /// The printed IKM, index × 25.
    pub ikm: f64,
    /// The printed IKM rounded half-up to 2 decimals.
    pub ikm_rounded: f64,
    /// The grade the printout gives.
    pub mutu: Mutu,
}

/// Whether a survey reached the Krejcie–Morgan sample size for its population.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SampleAdequacy {
    /// The population stated.
    pub population: u64,
    /// The required number of respondents.
    pub required: u64,
    /// The number of respondents (filled questionnaires; blank ones do not count).
    pub respondents: u64,
    /// `respondents ≥ required`.
    pub met: bool,
}

checked_on_read! {
/// The full SKM result: what the regulation asks for, and its uncertainty.
///
/// Read back with `serde`, it is checked against itself: the index the weighted sum of the
/// elements' NRRs (1–4), the IKM 25 × index and its rounding, intervals within the scale,
/// Cronbach's α at most 1, grades that rise with the score (one set of bands could give them
/// all), counts that agree. An IKM of 225 or an α of 5 is refused with
/// [`Error::Inconsistent`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SkmReport {
    /// The instrument's name.
    pub instrument: String,
    /// The grade bands the IKM and each element are graded with.
    pub bands: GradeBands,
    /// Questionnaires with at least one answer: the respondents.
    pub respondents: u64,
    /// Questionnaires returned with no answer at all (not respondents).
    pub blank_questionnaires: u64,
    /// Questionnaires with every element answered.
    pub complete_responses: u64,
    /// One row per element, in printed order.
    pub elements: Vec<ElementScore>,
    /// Nilai indeks: Σ wᵢ·NRRᵢ, 1–4.
    pub index: f64,
    /// IKM / NIK: index × 25, 25–100.
    pub ikm: f64,
    /// The IKM rounded half-up to 2 decimals, as printed and graded.
    pub ikm_rounded: f64,
    /// Interval for the IKM, accounting for the correlation between elements answered by the
    /// same respondent (and for a finite population, when one was given); `None` when an
    /// element has fewer than 2 answers.
    pub interval: Option<Interval>,
    /// The IKM's standard error (on the 25–100 scale), with the same corrections.
    pub standard_error: Option<f64>,
    /// The degrees of freedom of the interval: `min nᵢ − 1`.
    pub df: Option<f64>,
    /// The finite-population correction `√((N − n)/(N − 1))` applied, when a population was
    /// given.
    pub finite_population_correction: Option<f64>,
    /// Elements left out because nobody answered them (only with
    /// [`SkmOptions::with_reweighting`]); the others' weights are then reweighted.
    pub left_out: Vec<String>,
    /// Mutu pelayanan, from `ikm_rounded`.
    pub mutu: Mutu,
    /// Element keys from the lowest NRR to the highest: what to improve first.
    pub follow_up: Vec<String>,
    /// Cronbach's α on complete questionnaires (listwise deletion), with Feldt's interval at
    /// `n` = complete questionnaires.
    pub alpha: Option<CronbachAlpha>,
    /// Cronbach's α from pairwise covariances (every answer used), Feldt's interval at `n` =
    /// all questionnaires, as pingouin computes it. `None` when those covariances are not
    /// positive semi-definite: pieced together from different questionnaires, they can describe
    /// no set of answers, and α from them can exceed 1 (see
    /// [`CronbachAlpha`](crate::stats::CronbachAlpha)). Its standardised form is given only
    /// without blanks: a tally keeps no pairwise-complete variances, which a correlation needs.
    pub alpha_pairwise: Option<CronbachAlpha>,
    /// McDonald's ω (one factor, minres) on complete questionnaires, beside α: α assumes every
    /// element measures satisfaction equally well, ω does not. `None` with fewer than two
    /// complete questionnaires, an element that never varies, or no one-factor fit (a Heywood
    /// case). Absent from an earlier serialised report, it reads as `None`.
    pub omega: Option<f64>,
    /// The index as a printout computes it, when asked for.
    pub printed: Option<PrintedIndex>,
    /// The sample-size check, when a population was given.
    pub sample: Option<SampleAdequacy>,
}
}

/// `|a − b| ≤ 1e-9·max(1, |b|)`: equal but for rounding and decimal text.
#[cfg(feature = "serde")]
fn near(a: f64, b: f64) -> bool {
    a.is_finite() && (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[cfg(feature = "serde")]
fn inconsistent(what: &str, reason: String) -> Error {
    Error::Inconsistent {
        what: what.into(),
        reason,
    }
}

#[cfg(feature = "serde")]
impl ElementScore {
    /// What [`SkmTally::report`](crate::Tally::report) guarantees of a row.
    fn check(&self) -> Result<()> {
        let fail = |why: &str| {
            Err(inconsistent(
                "SKM element score",
                format!("element `{}`: {why}", self.key),
            ))
        };
        let total = self
            .counts
            .iter()
            .try_fold(0u64, |sum, &c| sum.checked_add(c));
        if total != Some(self.n) || self.n == 0 {
            return fail("its answer counts do not add up to n (at least 1)");
        }
        let sum: f64 = self
            .counts
            .iter()
            .zip(1u8..)
            .map(|(&c, answer)| c as f64 * f64::from(answer))
            .sum();
        let max = f64::from(SKM_SCALE_MAX);
        if !(near(self.nrr, sum / self.n as f64) && (1.0..=max).contains(&self.nrr)) {
            return fail("its NRR is not the mean of its answers");
        }
        if !near(self.ikm, 25.0 * self.nrr)
            || !near(self.weighted_nrr, self.nrr * self.weight.to_f64())
        {
            return fail("its IKM is not 25 × NRR, or its weighted NRR not NRR × weight");
        }
        if self.sd.is_some() != (self.n >= 2)
            || self
                .sd
                .is_some_and(|sd| !(sd.is_finite() && sd >= 0.0 && sd <= max))
            || self.interval.is_some() != self.sd.is_some()
            || self.interval.is_some_and(|i| {
                i.lower() < 1.0 || i.upper() > max || !near(i.estimate(), self.nrr)
            })
        {
            return fail("its spread or interval is not that of answers 1–4");
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl SkmReport {
    /// What [`SkmTally::report`](crate::Tally::report) guarantees across the report.
    fn check(&self) -> Result<()> {
        let fail = |why: String| Err(inconsistent("SKM report", why));
        if self.respondents == 0
            || self.complete_responses > self.respondents
            || self.elements.is_empty()
            || self.follow_up.len() != self.elements.len()
            || self.elements.iter().any(|e| e.n > self.respondents)
        {
            return fail(format!(
                "{} respondents, {} complete, {} elements ({} followed up): counts that no \
                 questionnaires give",
                self.respondents,
                self.complete_responses,
                self.elements.len(),
                self.follow_up.len()
            ));
        }
        let weighted: f64 = self.elements.iter().map(|e| e.weighted_nrr).sum();
        let max = f64::from(SKM_SCALE_MAX);
        if !((1.0..=max).contains(&self.index)
            && near(self.index, weighted)
            && near(self.ikm, 25.0 * self.index)
            && (25.0..=100.0).contains(&self.ikm_rounded)
            && (self.ikm_rounded - self.ikm).abs() <= 0.005 + 1e-9)
        {
            return fail(format!(
                "index {}, IKM {} (rounded {}): the index is the weighted sum of the NRRs \
                 ({weighted}), 1–4, and the IKM 25 times it",
                self.index, self.ikm, self.ikm_rounded
            ));
        }
        let spread_ok = self.interval.is_none_or(|i| {
            i.lower() >= 25.0 && i.upper() <= 100.0 && near(i.estimate(), self.ikm)
        }) && self
            .standard_error
            .is_none_or(|se| se.is_finite() && se >= 0.0)
            && self.df.is_none_or(|df| df >= 1.0 && df.is_finite())
            && self
                .finite_population_correction
                .is_none_or(|f| (0.0..=1.0).contains(&f));
        if !spread_ok {
            return fail(format!(
                "interval {:?}, standard error {:?}, df {:?}, finite-population correction \
                 {:?}: not those of an IKM on 25–100",
                self.interval, self.standard_error, self.df, self.finite_population_correction
            ));
        }
        if let Some(omega) = self.omega
            && !(0.0..=1.0).contains(&omega)
        {
            return fail(format!(
                "McDonald's omega {omega}: a share of variance, 0–1"
            ));
        }
        if let Some(p) = &self.printed
            && !((0.0..=5.0).contains(&p.index)
                && near(p.ikm, 25.0 * p.index)
                && (p.ikm_rounded - p.ikm).abs() <= 0.005 + 1e-9)
        {
            return fail(format!(
                "printed index {}, IKM {} (rounded {}): not an index and 25 times it",
                p.index, p.ikm, p.ikm_rounded
            ));
        }
        if let Some(s) = &self.sample
            && (s.respondents != self.respondents || s.met != (s.respondents >= s.required))
        {
            return fail(format!(
                "sample check {s:?} of {} respondents",
                self.respondents
            ));
        }
        // Grades rise with the score: one set of bands must give them all (25.00 is always D,
        // C starting above it). Scores within a hundredth of each other are not compared: a
        // float's rounding may straddle a band edge the exact index does not.
        let mut graded: Vec<(f64, Mutu)> = self
            .elements
            .iter()
            .map(|e| (e.ikm, e.mutu))
            .chain(std::iter::once((self.ikm, self.mutu)))
            .collect();
        graded.sort_by(|a, b| a.0.total_cmp(&b.0));
        let floor_not_d = graded
            .iter()
            .any(|&(score, mutu)| score < 25.005 && mutu != Mutu::D);
        let out_of_order = graded.iter().enumerate().any(|(i, &(low, low_grade))| {
            graded
                .iter()
                .skip(i)
                .any(|&(high, high_grade)| high - low >= 0.01 && high_grade > low_grade)
        });
        if floor_not_d || out_of_order {
            return fail(format!(
                "grades {:?} for scores that do not rise with them (IKM {} graded {})",
                graded, self.ikm, self.mutu
            ));
        }
        Ok(())
    }
}

/// A printed weight stands for `1/k`: a weight no printout of `k` elements could carry (1 for
/// each of nine elements prints an IKM of 225) is refused.
fn check_printed_weight(weight: Weight, k: usize) -> Result<()> {
    if u32::try_from(k).is_ok_and(|k| weight.prints_one_over(k)) {
        return Ok(());
    }
    Err(Error::InvalidWeight {
        value: weight.to_string(),
        reason: format!("a printed weight stands for 1/{k}, rounded or truncated to its decimals"),
    })
}

impl SkmTally {
    /// The report ([`Tally::report_with`](crate::Tally::report_with)).
    ///
    /// ```
    /// use layanan::{Instrument, Mutu, SkmTally, Tally};
    ///
    /// let skm = Instrument::permenpanrb_14_2017();
    /// let mut tally = SkmTally::new(skm.clone());
    /// for row in [[4, 4, 3, 4, 3, 4, 4, 3, 3], [3, 4, 3, 4, 4, 4, 3, 3, 2], [4, 3, 4, 4, 3, 3, 4, 4, 3]] {
    ///     tally.push_answers(&skm.answers_from_row(&row)?)?;
    /// }
    /// let report = tally.report()?;
    /// // NRRs 11/3, 11/3, 10/3, 4, 10/3, 11/3, 11/3, 10/3, 8/3: index 94/27 = 3.4815
    /// assert!((report.index - 94.0 / 27.0).abs() < 1e-12);
    /// assert_eq!(report.ikm_rounded, 87.04);
    /// assert_eq!(report.mutu, Mutu::B);
    /// assert_eq!(report.follow_up[0], "pengaduan");
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::NoData`] without a filled questionnaire; [`Error::InsufficientData`] when an
    /// element has no answer at all (its NRR, and so the index, is undefined);
    /// [`Error::InvalidWeight`] for a printed weight that is not `1/k` as a printout could
    /// show it (see [`Compatibility`]).
    pub(crate) fn build_report(&self, options: &SkmOptions) -> Result<SkmReport> {
        let instrument = self.instrument();
        // Read many times below: worked out once when the tally keeps questionnaires as given.
        let sums = self.sums();
        let sums: &Sums = &sums;
        if self.responses() == 0 {
            return Err(Error::NoData {
                what: "answered questionnaires".into(),
            });
        }
        let level = options.level();
        let bands = instrument.bands();
        let answered = |i: usize| sums.pair(i, i).0 > 0;
        let mut left_out = Vec::new();
        for (i, element) in instrument.elements().iter().enumerate() {
            if !answered(i) {
                if !options.reweighting() {
                    return Err(Error::InsufficientData {
                        what: format!("NRR of element `{}`", element.key()),
                        needed: 1,
                        got: 0,
                    });
                }
                left_out.push(element.key().to_owned());
            }
        }
        let weights = reweighted(instrument.weights(), &answered)?;
        // `positions[e]` is the tally's index of `elements[e]`.
        let mut positions = Vec::with_capacity(instrument.len());
        let mut elements = Vec::with_capacity(instrument.len());
        for (i, ((element, weight), counts)) in instrument
            .elements()
            .iter()
            .zip(weights)
            .zip(sums.counts())
            .enumerate()
        {
            let Some(weight) = weight else { continue };
            let (n, sum, _, squares) = sums.pair(i, i);
            let nrr = sum as f64 / n as f64;
            let sd = covariance(n, sum, sum, squares).map(|v| v.max(0.0).sqrt());
            let interval = match sd {
                // Held within the scale: a mean of answers 1–4 cannot lie outside it.
                Some(sd) => Some(
                    Interval::student_t(nrr, sd / (n as f64).sqrt(), n as f64 - 1.0, level)?
                        .clamped(1.0, f64::from(SKM_SCALE_MAX)),
                ),
                None => None,
            };
            let hundredths = exact::nrr(sum, n, NrrRounding::Exact)
                .and_then(exact::nik_hundredths)
                .unwrap_or_else(|| exact::hundredths_of_f64(25.0 * nrr));
            #[allow(clippy::arithmetic_side_effects)] // i < Instrument::MAX_ELEMENTS
            let code = format!("U{}", i + 1);
            positions.push(i);
            elements.push(ElementScore {
                code,
                key: element.key().into(),
                name: element.name().into(),
                english: element.english().into(),
                n,
                counts: *counts,
                nrr,
                sd,
                interval,
                weight,
                weighted_nrr: nrr * weight.to_f64(),
                ikm: 25.0 * nrr,
                mutu: bands.grade(hundredths),
            });
        }
        let scored = Scored {
            elements: &elements,
            positions: &positions,
        };

        let exact_index = self.index_of(sums, scored, None, NrrRounding::Exact);
        let (index, hundredths) = (exact::to_f64_or(exact_index), exact_index.hundredths());
        let sample = match options.population() {
            Some(population) => {
                let required = krejcie_morgan(population)?;
                Some(SampleAdequacy {
                    population,
                    required,
                    respondents: self.responses(),
                    met: self.responses() >= required,
                })
            }
            None => None,
        };
        let fpc = match options.population() {
            Some(population) => Some(finite_population_correction(population, self.responses())?),
            None => None,
        };
        let spread = self.ikm_spread(sums, scored, fpc)?;
        let interval = spread
            .map(|(se, df)| {
                // Held within the IKM's scale, 25–100.
                Interval::student_t(25.0 * index, se, df, level).map(|i| i.clamped(25.0, 100.0))
            })
            .transpose()?;
        let mut follow_up: Vec<&ElementScore> = elements.iter().collect();
        follow_up.sort_by(|a, b| a.nrr.total_cmp(&b.nrr));
        let printed = match options.compatibility() {
            Some(c) => {
                if let Some(weight) = c.weight() {
                    check_printed_weight(weight, elements.len())?;
                }
                let printed = self
                    .index_of(sums, scored, c.weight(), c.nrr())
                    .rounded(c.index());
                let p_hundredths = printed.hundredths();
                let mutu = match c.index_decimals_graded() {
                    Some(decimals) => printed.graded_on_index(bands, decimals),
                    None => bands.grade(p_hundredths),
                };
                let p_index = exact::to_f64_or(printed);
                Some(PrintedIndex {
                    compatibility: c,
                    index: p_index,
                    ikm: 25.0 * p_index,
                    ikm_rounded: f64::from(p_hundredths) / 100.0,
                    mutu,
                })
            }
            None => None,
        };
        Ok(SkmReport {
            instrument: instrument.name().into(),
            bands,
            respondents: self.responses(),
            blank_questionnaires: self.blank_questionnaires(),
            complete_responses: self.complete_responses(),
            follow_up: follow_up.iter().map(|e| e.key.clone()).collect(),
            index,
            ikm: 25.0 * index,
            ikm_rounded: f64::from(hundredths) / 100.0,
            interval,
            standard_error: spread.map(|(se, _)| se),
            df: spread.map(|(_, df)| df),
            finite_population_correction: fpc,
            left_out,
            mutu: bands.grade(hundredths),
            alpha: self.alpha_listwise(sums, level),
            omega: self.omega_listwise(sums),
            alpha_pairwise: self.alpha_pairwise(sums, level),
            printed,
            sample,
            elements,
        })
    }

    /// The index (1–4): an exact fraction where 128 bits allow, else a float.
    fn index_of(
        &self,
        sums: &Sums,
        scored: Scored<'_>,
        printed_weight: Option<Weight>,
        rounding: NrrRounding,
    ) -> exact::Index {
        let parts: Option<Vec<(Weight, Ratio)>> = scored
            .iter()
            .map(|(i, e)| {
                let (n, sum, _, _) = sums.pair(i, i);
                Some((
                    printed_weight.unwrap_or(e.weight),
                    exact::nrr(sum, n, rounding)?,
                ))
            })
            .collect();
        if let Some(index) = parts.and_then(exact::weighted_sum) {
            return exact::Index::Exact(index);
        }
        exact::Index::Float(
            scored
                .elements
                .iter()
                .map(|e| {
                    printed_weight.unwrap_or(e.weight).to_f64() * exact::round_f64(e.nrr, rounding)
                })
                .sum(),
        )
    }

    /// The IKM's standard error on 25–100 and the degrees of freedom: `Var(IKM) = 625 ·
    /// Σᵢⱼ wᵢ wⱼ · nᵢⱼ · cᵢⱼ / (nᵢ nⱼ)`, `cᵢⱼ` the covariance over respondents who answered both,
    /// times the finite-population correction; `min nᵢ − 1` degrees of freedom. Without blanks
    /// this is exactly the t interval of the mean of each respondent's weighted score. `None`
    /// when an element has fewer than 2 answers.
    fn ikm_spread(
        &self,
        sums: &Sums,
        scored: Scored<'_>,
        fpc: Option<f64>,
    ) -> Result<Option<(f64, f64)>> {
        if scored.elements.iter().any(|e| e.n < 2) {
            return Ok(None);
        }
        let mut variance = 0.0;
        for (i, ei) in scored.iter() {
            for (j, ej) in scored.iter() {
                let (n_ij, s_i, s_j, p) = sums.pair(i, j);
                if let Some(c) = covariance(n_ij, s_i, s_j, p) {
                    variance += ei.weight.to_f64() * ej.weight.to_f64() * n_ij as f64 * c
                        / (ei.n as f64 * ej.n as f64);
                }
            }
        }
        if !(variance.is_finite() && variance >= 0.0) {
            return Ok(None);
        }
        let df = scored.elements.iter().map(|e| e.n).min().unwrap_or(0) as f64 - 1.0;
        Ok(Some((25.0 * variance.sqrt() * fpc.unwrap_or(1.0), df)))
    }

    /// The covariance matrix of the complete questionnaires, and how many there are.
    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    fn complete_covariance(&self, sums: &Sums) -> Option<(Vec<f64>, u64)> {
        let k = self.instrument().len();
        let m = sums.complete();
        let mut cov = Vec::with_capacity(k * k);
        for i in 0..k {
            for j in 0..k {
                let (s_i, s_j, p) = sums.complete_pair(i, j);
                cov.push(covariance(m, s_i, s_j, p)?);
            }
        }
        Some((cov, m))
    }

    fn alpha_listwise(&self, sums: &Sums, level: Level) -> Option<CronbachAlpha> {
        let (cov, m) = self.complete_covariance(sums)?;
        CronbachAlpha::from_covariance(&cov, self.instrument().len(), m, level)
    }

    fn omega_listwise(&self, sums: &Sums) -> Option<f64> {
        let (cov, _) = self.complete_covariance(sums)?;
        omega_of_covariance(&cov, self.instrument().len()).ok()
    }

    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    fn alpha_pairwise(&self, sums: &Sums, level: Level) -> Option<CronbachAlpha> {
        let k = self.instrument().len();
        let mut cov = Vec::with_capacity(k * k);
        for i in 0..k {
            for j in 0..k {
                let (n_ij, s_i, s_j, p) = sums.pair(i, j);
                match covariance(n_ij, s_i, s_j, p) {
                    Some(c) => cov.push(c),
                    // A variance that cannot be estimated leaves α undefined; a covariance
                    // that cannot is left out of the total, as pandas/pingouin do.
                    None if i == j => return None,
                    None => cov.push(0.0),
                }
            }
        }
        if sums.complete() == self.responses() {
            // No blanks: these are the complete questionnaires' covariances.
            return CronbachAlpha::from_covariance(&cov, k, self.responses(), level);
        }
        CronbachAlpha::from_pairwise(&cov, None, k, self.responses(), level)
    }
}

/// The elements scored, beside their positions in the tally.
#[derive(Clone, Copy)]
struct Scored<'a> {
    elements: &'a [ElementScore],
    positions: &'a [usize],
}

impl Scored<'_> {
    /// `(position in the tally, score)` of every element scored.
    fn iter(&self) -> impl Iterator<Item = (usize, &ElementScore)> {
        self.positions.iter().copied().zip(self.elements)
    }
}

/// The weights over the answered elements, each divided by their sum so they sum to exactly
/// 1 again; `None` for an unanswered element. Unchanged when every element was answered.
fn reweighted(weights: &[Weight], answered: &dyn Fn(usize) -> bool) -> Result<Vec<Option<Weight>>> {
    let overflow = || Error::Overflow {
        field: "reweighted weights".into(),
    };
    if (0..weights.len()).all(answered) {
        return Ok(weights.iter().copied().map(Some).collect());
    }
    let total = weights
        .iter()
        .enumerate()
        .filter(|(i, _)| answered(*i))
        .try_fold(Ratio::ZERO, |sum, (_, w)| sum.checked_add(Ratio::from(*w)))
        .ok_or_else(overflow)?;
    weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if !answered(i) {
                return Ok(None);
            }
            let share = Ratio::from(*w).checked_div(total).ok_or_else(overflow)?;
            let (num, den) = (u32::try_from(share.num), u32::try_from(share.den));
            match (num, den) {
                (Ok(num), Ok(den)) => Weight::new(num, den).map(Some),
                _ => Err(overflow()),
            }
        })
        .collect()
}

/// `√((N − n)/(N − 1))` for a sample of `n` from a population of `N`.
///
/// # Errors
/// [`Error::OutOfRange`] when the population is smaller than the sample.
fn finite_population_correction(population: u64, n: u64) -> Result<f64> {
    if population < n {
        return Err(Error::OutOfRange {
            field: "population".into(),
            value: i64::try_from(population).unwrap_or(i64::MAX),
            min: i64::try_from(n).unwrap_or(i64::MAX),
            max: i64::MAX,
        });
    }
    if population <= 1 {
        return Ok(0.0);
    }
    let (big, n) = (population as f64, n as f64);
    Ok(((big - n) / (big - 1.0)).max(0.0).sqrt())
}
