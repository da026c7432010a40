//! Who answered: respondents counted by gender, age band, education and occupation, the
//! questionnaire's own categories.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::{AgeBand, Education, Gender, Occupation, SkmResponse};
use crate::tally::{Merge, Tally};
use crate::wire::versioned;

versioned! {
/// Counts respondents by the profile questions of the questionnaire: gender, age band,
/// education and occupation, each with the respondents who left it blank. A questionnaire
/// with no answer at all is not a respondent and is not counted (as in [`SkmTally`](super::SkmTally)).
///
/// ```
/// use layanan::skm::ProfileTally;
/// use layanan::{Gender, Instrument, Respondent, SkmResponse, Tally};
///
/// let skm = Instrument::permenpanrb_14_2017();
/// let answered = skm.answers().set("waktu", 3)?.build();
/// let mut profile = ProfileTally::default();
/// profile.push(&SkmResponse::new(answered.clone()).with_respondent(Respondent::default().with_gender(Gender::Perempuan)))?;
/// profile.push(&SkmResponse::new(answered))?;
/// let report = profile.report()?;
/// assert_eq!(report.respondents, 2);
/// assert_eq!(report.gender[1].count, 1); // P
/// assert_eq!(report.gender.last().map(|c| (c.value.clone(), c.count)), Some((None, 1))); // blank
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ProfileTally (format 1) {
    /// Per gender (`L`, `P`), then blank.
    gender: [u64; 3],
    /// Per age band (youngest first), then blank.
    age: [u64; 7],
    /// Per education (`SD` … `S3`), then blank.
    education: [u64; 8],
    /// Per occupation (`PNS` … `LAINNYA`), then blank.
    occupation: [u64; 7],
}
}

const GENDERS: [Gender; 2] = [Gender::LakiLaki, Gender::Perempuan];
const AGE_BANDS: [AgeBand; 6] = [
    AgeBand::Under20,
    AgeBand::From20To29,
    AgeBand::From30To39,
    AgeBand::From40To49,
    AgeBand::From50To59,
    AgeBand::From60,
];
const EDUCATIONS: [Education; 7] = [
    Education::Sd,
    Education::Smp,
    Education::Sma,
    Education::D3,
    Education::S1,
    Education::S2,
    Education::S3,
];
const OCCUPATIONS: [Occupation; 6] = [
    Occupation::Pns,
    Occupation::Tni,
    Occupation::Polri,
    Occupation::Swasta,
    Occupation::Wirausaha,
    Occupation::Lainnya,
];

/// The slot of `value` among `all`, the last slot for a blank.
fn slot<T: PartialEq>(all: &[T], value: Option<T>) -> usize {
    value
        .and_then(|v| all.iter().position(|x| *x == v))
        .unwrap_or(all.len())
}

/// How many respondents gave one answer to a profile question (`None`: left it blank), and
/// their share of the respondents.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Count<T> {
    /// The answer; `None` for a blank.
    pub value: Option<T>,
    /// Respondents who gave it.
    pub count: u64,
    /// Their share of all respondents, 0–1.
    pub share: f64,
}

/// The respondents' profile: for each question, every answer of the questionnaire in its order
/// (counted 0 when nobody gave it), then the blanks.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ProfileReport {
    /// Respondents (questionnaires with at least one answer).
    pub respondents: u64,
    /// By gender.
    pub gender: Vec<Count<Gender>>,
    /// By age band.
    pub age: Vec<Count<AgeBand>>,
    /// By highest education.
    pub education: Vec<Count<Education>>,
    /// By occupation.
    pub occupation: Vec<Count<Occupation>>,
}

impl ProfileTally {
    /// Respondents counted.
    pub fn respondents(&self) -> u64 {
        self.gender.iter().fold(0u64, |t, &c| t.saturating_add(c))
    }

    /// Every question's counts add up to the same respondents.
    #[cfg(feature = "serde")]
    fn validate(&self) -> Result<()> {
        let total = |counts: &[u64]| counts.iter().map(|&c| u128::from(c)).sum::<u128>();
        let n = total(&self.gender);
        if [
            total(&self.age),
            total(&self.education),
            total(&self.occupation),
        ]
        .iter()
        .all(|&t| t == n)
            && n <= u128::from(u64::MAX)
        {
            Ok(())
        } else {
            Err(Error::Inconsistent {
                what: "profile tally".into(),
                reason: "its questions count different numbers of respondents".into(),
            })
        }
    }
}

fn overflow() -> Error {
    Error::Overflow {
        field: "profile tally count".into(),
    }
}

/// The counts of one question, in the order of `all` then blank.
fn counts<T: Clone>(all: &[T], counts: &[u64], respondents: u64) -> Vec<Count<T>> {
    let values = all.iter().cloned().map(Some).chain(std::iter::once(None));
    values
        .zip(counts)
        .map(|(value, &count)| Count {
            value,
            count,
            share: if respondents == 0 {
                0.0
            } else {
                count as f64 / respondents as f64
            },
        })
        .collect()
}

impl Merge for ProfileTally {
    fn check_merge(&self, other: &Self) -> Result<()> {
        // Each question counts every respondent: the gender totals bound all the others.
        self.respondents()
            .checked_add(other.respondents())
            .map(drop)
            .ok_or_else(overflow)
    }

    fn merge_checked(&mut self, other: &Self) {
        let add = |a: &mut [u64], b: &[u64]| {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.saturating_add(*y);
            }
        };
        add(&mut self.gender, &other.gender);
        add(&mut self.age, &other.age);
        add(&mut self.education, &other.education);
        add(&mut self.occupation, &other.occupation);
    }
}

impl Tally for ProfileTally {
    type Record = SkmResponse;
    /// The slots of the respondent's answers, `None` for a blank questionnaire.
    type Checked = Option<[usize; 4]>;
    type Options = ();
    type Report = ProfileReport;

    /// # Errors
    /// [`Error::Overflow`] past `u64::MAX` respondents.
    fn check(&self, response: &SkmResponse) -> Result<Self::Checked> {
        if response.answers().answered() == 0 {
            return Ok(None);
        }
        if self.respondents() == u64::MAX {
            return Err(overflow());
        }
        let r = response.respondent();
        Ok(Some([
            slot(&GENDERS, r.gender()),
            slot(&AGE_BANDS, r.age_band()),
            slot(&EDUCATIONS, r.education()),
            slot(&OCCUPATIONS, r.occupation()),
        ]))
    }

    fn commit(&mut self, _: &SkmResponse, slots: Self::Checked) {
        let Some([g, a, e, o]) = slots else { return };
        let bump = |counts: &mut [u64], i: usize| {
            if let Some(c) = counts.get_mut(i) {
                *c = c.saturating_add(1);
            }
        };
        bump(&mut self.gender, g);
        bump(&mut self.age, a);
        bump(&mut self.education, e);
        bump(&mut self.occupation, o);
    }

    /// # Errors
    /// [`Error::NoData`] without respondents.
    fn report_with(&self, (): &()) -> Result<ProfileReport> {
        let n = self.respondents();
        if n == 0 {
            return Err(Error::NoData {
                what: "respondents".into(),
            });
        }
        Ok(ProfileReport {
            respondents: n,
            gender: counts(&GENDERS, &self.gender, n),
            age: counts(&AGE_BANDS, &self.age, n),
            education: counts(&EDUCATIONS, &self.education, n),
            occupation: counts(&OCCUPATIONS, &self.occupation, n),
        })
    }
}

impl fmt::Display for ProfileReport {
    /// One line per question: `gender: L 120 (48.0%), P 130 (52.0%), blank 0 (0.0%)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn line<T: fmt::Display>(
            f: &mut fmt::Formatter<'_>,
            name: &str,
            counts: &[Count<T>],
        ) -> fmt::Result {
            let parts: Vec<String> = counts
                .iter()
                .map(|c| {
                    let value = c
                        .value
                        .as_ref()
                        .map_or_else(|| "blank".to_owned(), ToString::to_string);
                    format!("{value} {} ({:.1}%)", c.count, 100.0 * c.share)
                })
                .collect();
            writeln!(f, "{name}: {}", parts.join(", "))
        }
        writeln!(f, "respondents: {}", self.respondents)?;
        line(f, "gender", &self.gender)?;
        line(f, "age", &self.age)?;
        line(f, "education", &self.education)?;
        line(f, "occupation", &self.occupation)
    }
}
