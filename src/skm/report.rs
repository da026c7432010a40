//! The SKM report: per-element NRRs, the IKM, its grade and its uncertainty.

use super::exact::{self, NrrRounding};
use super::tally::SkmTally;
use crate::error::{Error, Result};
use crate::model::{Mutu, Weight};
use crate::stats::{CronbachAlpha, Interval, Level, Ratio, covariance, krejcie_morgan};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Compatibility {
    weight: Option<Weight>,
    nrr: NrrRounding,
}

impl Compatibility {
    /// Every element weighted by `weight` as printed (e.g. 0.111), NRRs exact.
    pub fn printed_weight(weight: Weight) -> Self {
        Self {
            weight: Some(weight),
            nrr: NrrRounding::Exact,
        }
    }

    /// The instrument's own weights, NRRs rounded as `nrr`.
    pub fn nrr_only(nrr: NrrRounding) -> Self {
        Self { weight: None, nrr }
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
    /// (e.g. the service's users in the survey period).
    pub fn with_population(mut self, population: u64) -> Self {
        self.population = Some(population);
        self
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

/// One element's results (one row of the official table).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// The full SKM result: what the regulation asks for, and its uncertainty.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SkmReport {
    /// The instrument's name.
    pub instrument: String,
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
    /// same respondent; `None` when an element has fewer than 2 answers.
    pub interval: Option<Interval>,
    /// Mutu pelayanan, from `ikm_rounded`.
    pub mutu: Mutu,
    /// Element keys from the lowest NRR to the highest: what to improve first.
    pub follow_up: Vec<String>,
    /// Cronbach's α on complete questionnaires (listwise deletion), with Feldt's interval at
    /// `n` = complete questionnaires.
    pub alpha: Option<CronbachAlpha>,
    /// Cronbach's α from pairwise covariances (every answer used), Feldt's interval at `n` =
    /// all questionnaires, as pingouin computes it.
    pub alpha_pairwise: Option<CronbachAlpha>,
    /// The index as a printout computes it, when asked for.
    pub printed: Option<PrintedIndex>,
    /// The sample-size check, when a population was given.
    pub sample: Option<SampleAdequacy>,
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
        if self.responses() == 0 {
            return Err(Error::NoData {
                what: "answered questionnaires".into(),
            });
        }
        let level = options.level();
        let bands = instrument.bands();
        let mut elements = Vec::with_capacity(instrument.len());
        for (i, ((element, weight), counts)) in instrument
            .elements()
            .iter()
            .zip(instrument.weights())
            .zip(self.counts())
            .enumerate()
        {
            let (n, sum, _, squares) = self.pair(i, i);
            if n == 0 {
                return Err(Error::InsufficientData {
                    what: format!("NRR of element `{}`", element.key()),
                    needed: 1,
                    got: 0,
                });
            }
            let nrr = sum as f64 / n as f64;
            let sd = covariance(n, sum, sum, squares).map(|v| v.max(0.0).sqrt());
            let interval = match sd {
                Some(sd) => Some(Interval::student_t(
                    nrr,
                    sd / (n as f64).sqrt(),
                    n as f64 - 1.0,
                    level,
                )?),
                None => None,
            };
            let hundredths = exact::nrr(sum, n, NrrRounding::Exact)
                .and_then(exact::nik_hundredths)
                .unwrap_or_else(|| exact::hundredths_of_f64(25.0 * nrr));
            #[allow(clippy::arithmetic_side_effects)] // i < Instrument::MAX_ELEMENTS
            let code = format!("U{}", i + 1);
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
                weight: *weight,
                weighted_nrr: nrr * weight.to_f64(),
                ikm: 25.0 * nrr,
                mutu: bands.grade(hundredths),
            });
        }

        let (index, hundredths) = self.index_of(&elements, None, NrrRounding::Exact);
        let interval = self.ikm_interval(&elements, level)?;
        let mut follow_up: Vec<&ElementScore> = elements.iter().collect();
        follow_up.sort_by(|a, b| a.nrr.total_cmp(&b.nrr));
        let printed = match options.compatibility() {
            Some(c) => {
                if let Some(weight) = c.weight() {
                    check_printed_weight(weight, elements.len())?;
                }
                let (p_index, p_hundredths) = self.index_of(&elements, c.weight(), c.nrr());
                Some(PrintedIndex {
                    compatibility: c,
                    index: p_index,
                    ikm: 25.0 * p_index,
                    ikm_rounded: f64::from(p_hundredths) / 100.0,
                    mutu: bands.grade(p_hundredths),
                })
            }
            None => None,
        };
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
        Ok(SkmReport {
            instrument: instrument.name().into(),
            respondents: self.responses(),
            blank_questionnaires: self.blank_questionnaires(),
            complete_responses: self.complete_responses(),
            follow_up: follow_up.iter().map(|e| e.key.clone()).collect(),
            index,
            ikm: 25.0 * index,
            ikm_rounded: f64::from(hundredths) / 100.0,
            interval,
            mutu: bands.grade(hundredths),
            alpha: self.alpha_listwise(level),
            alpha_pairwise: self.alpha_pairwise(level),
            printed,
            sample,
            elements,
        })
    }

    /// The index (1–4) and the NIK in rounded hundredths, exact where 128 bits allow.
    fn index_of(
        &self,
        elements: &[ElementScore],
        printed_weight: Option<Weight>,
        rounding: NrrRounding,
    ) -> (f64, u32) {
        let parts: Option<Vec<(Weight, Ratio)>> = elements
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let (n, sum, _, _) = self.pair(i, i);
                Some((
                    printed_weight.unwrap_or(e.weight),
                    exact::nrr(sum, n, rounding)?,
                ))
            })
            .collect();
        if let Some(index) = parts.and_then(exact::weighted_sum) {
            let hundredths = exact::nik_hundredths(index)
                .unwrap_or_else(|| exact::hundredths_of_f64(25.0 * exact::to_f64(index)));
            return (exact::to_f64(index), hundredths);
        }
        let index: f64 = elements
            .iter()
            .map(|e| printed_weight.unwrap_or(e.weight).to_f64() * rounded_f64(e.nrr, rounding))
            .sum();
        (index, exact::hundredths_of_f64(25.0 * index))
    }

    /// `Var(IKM) = 625 · Σᵢⱼ wᵢ wⱼ · nᵢⱼ · cᵢⱼ / (nᵢ nⱼ)`, `cᵢⱼ` the covariance over respondents who
    /// answered both; Student t with `min nᵢ − 1` degrees of freedom. Without blanks this is
    /// exactly the t interval of the mean of each respondent's weighted score.
    fn ikm_interval(&self, elements: &[ElementScore], level: Level) -> Result<Option<Interval>> {
        if elements.iter().any(|e| e.n < 2) {
            return Ok(None);
        }
        let mut variance = 0.0;
        for (i, ei) in elements.iter().enumerate() {
            for (j, ej) in elements.iter().enumerate() {
                let (n_ij, s_i, s_j, p) = self.pair(i, j);
                if let Some(c) = covariance(n_ij, s_i, s_j, p) {
                    variance += ei.weight.to_f64() * ej.weight.to_f64() * n_ij as f64 * c
                        / (ei.n as f64 * ej.n as f64);
                }
            }
        }
        if !(variance.is_finite() && variance >= 0.0) {
            return Ok(None);
        }
        let df = elements.iter().map(|e| e.n).min().unwrap_or(0) as f64 - 1.0;
        let index: f64 = elements.iter().map(|e| e.weighted_nrr).sum();
        let exact_ikm = self.index_of(elements, None, NrrRounding::Exact).0 * 25.0;
        let ci = Interval::student_t(index, variance.sqrt(), df, level)?.scaled(25.0);
        // Centre on the exactly computed IKM (the float sum may differ in the last bit).
        let shift = exact_ikm - ci.estimate();
        Interval::from_bounds(
            exact_ikm,
            ci.lower() + shift,
            ci.upper() + shift,
            level,
            ci.method(),
        )
        .map(Some)
        .map_err(Error::from)
    }

    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    fn alpha_listwise(&self, level: Level) -> Option<CronbachAlpha> {
        let k = self.instrument().len();
        let m = self.complete_responses();
        let mut cov = Vec::with_capacity(k * k);
        for i in 0..k {
            for j in 0..k {
                let (s_i, s_j, p) = self.complete_pair(i, j);
                cov.push(covariance(m, s_i, s_j, p)?);
            }
        }
        CronbachAlpha::from_covariance(&cov, k, m, level)
    }

    #[allow(clippy::arithmetic_side_effects)] // k ≤ Instrument::MAX_ELEMENTS
    fn alpha_pairwise(&self, level: Level) -> Option<CronbachAlpha> {
        let k = self.instrument().len();
        let mut cov = Vec::with_capacity(k * k);
        for i in 0..k {
            for j in 0..k {
                let (n_ij, s_i, s_j, p) = self.pair(i, j);
                match covariance(n_ij, s_i, s_j, p) {
                    Some(c) => cov.push(c),
                    // A variance that cannot be estimated leaves α undefined; a covariance
                    // that cannot is left out of the total, as pandas/pingouin do.
                    None if i == j => return None,
                    None => cov.push(0.0),
                }
            }
        }
        CronbachAlpha::from_covariance(&cov, k, self.responses(), level)
    }
}

fn rounded_f64(x: f64, rounding: NrrRounding) -> f64 {
    match rounding {
        NrrRounding::Exact => x,
        NrrRounding::Round(d) => {
            let s = 10f64.powi(d.into());
            (x * s + 0.5).floor() / s
        }
        NrrRounding::Truncate(d) => {
            let s = 10f64.powi(d.into());
            (x * s).floor() / s
        }
    }
}
