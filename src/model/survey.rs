//! Questionnaire answers and who gave them.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use super::instrument::Instrument;
use super::time::Timestamp;
use crate::error::{Error, Result};

/// The top of the SKM answer scale (answers are 1–4).
pub const SKM_SCALE_MAX: u8 = 4;

/// One questionnaire's answers, aligned to the instrument they were built from.
///
/// Built by key ([`Instrument::answers`]) or in the instrument's printed order
/// ([`SkmAnswers::from_values`]); a blank is `None` and is left out of that element's average,
/// never scored 0. With `serde`, answers travel as a map from element key to answer. Two sets of
/// answers are equal when they answer the same elements (by key) the same way.
///
/// ```
/// use layanan::{Error, Instrument, SkmAnswers};
///
/// let skm = Instrument::permenpanrb_14_2017();
/// let answers = skm.answers().set("persyaratan", 4)?.set("pengaduan", 2)?.build();
/// assert_eq!(answers.get("persyaratan"), Some(4));
/// assert_eq!(answers.get("biaya"), None); // blank
///
/// let row = [Some(4), Some(3), None, Some(4), Some(3), Some(3), Some(4), Some(3), Some(2)];
/// let answers = SkmAnswers::from_values(&skm, &row)?;
/// assert_eq!(answers.answered(), 8);
///
/// let bad = [Some(5), None, None, None, None, None, None, None, None];
/// assert_eq!(
///     SkmAnswers::from_values(&skm, &bad).unwrap_err().to_string(),
///     "answer 5 to element `persyaratan` is out of scale 1..=4"
/// );
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SkmAnswers {
    keys: Arc<[String]>,
    values: Box<[Option<u8>]>,
}

impl SkmAnswers {
    /// The given answers as `(key, answer)` sorted by key: what equality compares.
    fn answered_by_key(&self) -> Vec<(&str, u8)> {
        let mut pairs: Vec<(&str, u8)> = self
            .iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect();
        pairs.sort_unstable();
        pairs
    }
}

impl PartialEq for SkmAnswers {
    /// Answers are equal when they give the same answers to the same element keys, whatever the
    /// order of the keys and whatever elements were left blank.
    fn eq(&self, other: &Self) -> bool {
        if Arc::ptr_eq(&self.keys, &other.keys) {
            return self.values == other.values;
        }
        self.answered_by_key() == other.answered_by_key()
    }
}

impl Eq for SkmAnswers {}

impl std::hash::Hash for SkmAnswers {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.answered_by_key().hash(state);
    }
}

pub(crate) fn check_answer(element: &str, value: i64) -> Result<u8> {
    u8::try_from(value)
        .ok()
        .filter(|v| (1..=SKM_SCALE_MAX).contains(v))
        .ok_or_else(|| Error::RatingOutOfScale {
            element: element.into(),
            value,
            max: SKM_SCALE_MAX,
        })
}

impl SkmAnswers {
    /// Answers in the instrument's printed order, `None` for a blank.
    ///
    /// # Errors
    /// [`Error::InstrumentMismatch`] when the row has the wrong length;
    /// [`Error::RatingOutOfScale`] for an answer outside 1–4.
    pub fn from_values(instrument: &Instrument, values: &[Option<i64>]) -> Result<Self> {
        if values.len() != instrument.len() {
            return Err(Error::InstrumentMismatch {
                expected: instrument.name().into(),
                expected_len: instrument.len(),
                got: "a row of answers".into(),
                got_len: values.len(),
            });
        }
        let keys = instrument.keys().clone();
        let values = keys
            .iter()
            .zip(values)
            .map(|(key, v)| v.map(|v| check_answer(key, v)).transpose())
            .collect::<Result<_>>()?;
        Ok(Self { keys, values })
    }

    /// The answer to element `key`, `None` when blank or not in the instrument.
    pub fn get(&self, key: &str) -> Option<u8> {
        let i = self.keys.iter().position(|k| k == key)?;
        self.values.get(i).copied().flatten()
    }

    /// `(key, answer)` pairs in the instrument's order, blanks included.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<u8>)> {
        self.keys
            .iter()
            .map(String::as_str)
            .zip(self.values.iter().copied())
    }

    /// How many elements were answered.
    pub fn answered(&self) -> usize {
        self.values.iter().flatten().count()
    }

    /// The element keys these answers are aligned to.
    pub(crate) fn keys(&self) -> &Arc<[String]> {
        &self.keys
    }

    /// The answers in key order.
    pub(crate) fn values(&self) -> &[Option<u8>] {
        &self.values
    }
}

/// Builds [`SkmAnswers`] element by element; see [`Instrument::answers`].
#[derive(Debug, Clone)]
pub struct SkmAnswersBuilder<'a> {
    instrument: &'a Instrument,
    values: Vec<Option<u8>>,
}

impl Instrument {
    /// Starts a questionnaire for this instrument with every element blank.
    pub fn answers(&self) -> SkmAnswersBuilder<'_> {
        SkmAnswersBuilder {
            instrument: self,
            values: vec![None; self.len()],
        }
    }
}

impl SkmAnswersBuilder<'_> {
    /// Answers element `key` with `value` (1–4).
    ///
    /// # Errors
    /// [`Error::UnknownElement`], [`Error::DuplicateElement`] when already answered,
    /// [`Error::RatingOutOfScale`].
    pub fn set(mut self, key: &str, value: i64) -> Result<Self> {
        let i = self.instrument.position(key)?;
        let answer = check_answer(key, value)?;
        if let Some(slot) = self.values.get_mut(i)
            && slot.replace(answer).is_some()
        {
            return Err(Error::DuplicateElement {
                element: key.into(),
            });
        }
        Ok(self)
    }

    /// The answers; elements never set are blank.
    pub fn build(self) -> SkmAnswers {
        SkmAnswers {
            keys: self.instrument.keys().clone(),
            values: self.values.into_boxed_slice(),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SkmAnswers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.keys.len()))?;
        for (key, value) in self.iter() {
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SkmAnswers {
    /// A map from element key to answer (1–4) or `null`; a repeated key is an error.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SkmAnswers;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from SKM element key to an answer 1-4 or null")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<SkmAnswers, A::Error> {
                use serde::de::Error as _;
                let mut keys: Vec<String> = Vec::new();
                let mut values = Vec::new();
                // A set beside the list: the map may hold any number of keys, and comparing
                // each with every other would take quadratic time.
                let mut seen = std::collections::HashSet::new();
                while let Some((key, value)) = map.next_entry::<String, Option<i64>>()? {
                    if !seen.insert(key.clone()) {
                        return Err(A::Error::custom(Error::DuplicateElement { element: key }));
                    }
                    let answer = value
                        .map(|v| check_answer(&key, v))
                        .transpose()
                        .map_err(A::Error::custom)?;
                    keys.push(key);
                    values.push(answer);
                }
                Ok(SkmAnswers {
                    keys: keys.into(),
                    values: values.into(),
                })
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A respondent's gender, as the questionnaire asks it (L/P).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Gender {
    /// Laki-laki (male), `L`.
    LakiLaki,
    /// Perempuan (female), `P`.
    Perempuan,
}

/// Highest completed education (pendidikan terakhir).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Education {
    /// Sekolah Dasar (primary).
    Sd,
    /// Sekolah Menengah Pertama (junior secondary; also SLTP).
    Smp,
    /// Sekolah Menengah Atas (senior secondary; also SLTA, SMK).
    Sma,
    /// Diploma (D1–D4).
    D3,
    /// Sarjana (bachelor).
    S1,
    /// Magister (master).
    S2,
    /// Doktor (doctorate).
    S3,
}

/// Occupation (pekerjaan utama).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Occupation {
    /// Pegawai Negeri Sipil (civil servant).
    Pns,
    /// Tentara Nasional Indonesia (military).
    Tni,
    /// Kepolisian (police).
    Polri,
    /// Pegawai swasta (private employee).
    Swasta,
    /// Wirausaha (self-employed).
    Wirausaha,
    /// Anything else: students, homemakers, retirees …
    Lainnya,
}

macro_rules! labelled_enum {
    ($ty:ident, $field:literal, $( $variant:ident => $label:literal [$($alias:literal),*] ),+ $(,)?) => {
        impl $ty {
            /// The label used on questionnaires and in CSV files.
            pub fn label(self) -> &'static str {
                match self { $( $ty::$variant => $label ),+ }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.label())
            }
        }

        impl FromStr for $ty {
            type Err = Error;

            /// The label or a common alias, case-insensitively.
            fn from_str(text: &str) -> Result<Self> {
                let t = text.trim();
                $(
                    if t.eq_ignore_ascii_case($label) $(|| t.eq_ignore_ascii_case($alias))* {
                        return Ok($ty::$variant);
                    }
                )+
                Err(Error::UnknownCategory {
                    field: $field.into(),
                    value: text.into(),
                    expected: [$($label),+].join(", "),
                })
            }
        }
    };
}

labelled_enum!(Gender, "gender",
    LakiLaki => "L" ["laki-laki", "male", "m"],
    Perempuan => "P" ["perempuan", "female", "f"],
);
labelled_enum!(Education, "education",
    Sd => "SD" [],
    Smp => "SMP" ["SLTP"],
    Sma => "SMA" ["SLTA", "SMK"],
    D3 => "D3" ["D1", "D2", "D4", "Diploma"],
    S1 => "S1" [],
    S2 => "S2" [],
    S3 => "S3" [],
);
labelled_enum!(Occupation, "occupation",
    Pns => "PNS" ["ASN"],
    Tni => "TNI" [],
    Polri => "POLRI" [],
    Swasta => "SWASTA" [],
    Wirausaha => "WIRAUSAHA" ["wiraswasta"],
    Lainnya => "LAINNYA" ["lain-lain", "other"],
);

/// Age bands used in respondent breakdowns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AgeBand {
    /// Under 20.
    Under20,
    /// 20–29.
    From20To29,
    /// 30–39.
    From30To39,
    /// 40–49.
    From40To49,
    /// 50–59.
    From50To59,
    /// 60 and over.
    From60,
}

impl fmt::Display for AgeBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            AgeBand::Under20 => "<20",
            AgeBand::From20To29 => "20-29",
            AgeBand::From30To39 => "30-39",
            AgeBand::From40To49 => "40-49",
            AgeBand::From50To59 => "50-59",
            AgeBand::From60 => "60+",
        })
    }
}

/// The oldest age accepted, in years.
pub const MAX_AGE: u8 = 120;

/// Who answered: every field optional, since questionnaires leave them blank.
///
/// ```
/// use layanan::{AgeBand, Education, Respondent};
///
/// let r = Respondent::default().with_age(34)?.with_education("s1".parse()?);
/// assert_eq!(r.age_band(), Some(AgeBand::From30To39));
/// assert_eq!(r.education(), Some(Education::S1));
/// assert!(Respondent::default().with_age(150).is_err());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RespondentParts", into = "RespondentParts")
)]
pub struct Respondent {
    gender: Option<Gender>,
    age: Option<u8>,
    education: Option<Education>,
    occupation: Option<Occupation>,
}

impl Respondent {
    /// With a gender.
    pub fn with_gender(mut self, gender: Gender) -> Self {
        self.gender = Some(gender);
        self
    }

    /// With an age in years (0–120).
    ///
    /// # Errors
    /// [`Error::OutOfRange`].
    pub fn with_age(mut self, years: i64) -> Result<Self> {
        let age = u8::try_from(years)
            .ok()
            .filter(|a| *a <= MAX_AGE)
            .ok_or_else(|| Error::OutOfRange {
                field: "age".into(),
                value: years,
                min: 0,
                max: MAX_AGE.into(),
            })?;
        self.age = Some(age);
        Ok(self)
    }

    /// With an education level.
    pub fn with_education(mut self, education: Education) -> Self {
        self.education = Some(education);
        self
    }

    /// With an occupation.
    pub fn with_occupation(mut self, occupation: Occupation) -> Self {
        self.occupation = Some(occupation);
        self
    }

    /// The gender, if given.
    pub fn gender(&self) -> Option<Gender> {
        self.gender
    }

    /// The age in years, if given.
    pub fn age(&self) -> Option<u8> {
        self.age
    }

    /// The age band, if the age was given.
    pub fn age_band(&self) -> Option<AgeBand> {
        self.age.map(|a| match a {
            0..=19 => AgeBand::Under20,
            20..=29 => AgeBand::From20To29,
            30..=39 => AgeBand::From30To39,
            40..=49 => AgeBand::From40To49,
            50..=59 => AgeBand::From50To59,
            _ => AgeBand::From60,
        })
    }

    /// The education level, if given.
    pub fn education(&self) -> Option<Education> {
        self.education
    }

    /// The occupation, if given.
    pub fn occupation(&self) -> Option<Occupation> {
        self.occupation
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RespondentParts {
    gender: Option<Gender>,
    age: Option<i64>,
    education: Option<Education>,
    occupation: Option<Occupation>,
}

#[cfg(feature = "serde")]
impl TryFrom<RespondentParts> for Respondent {
    type Error = Error;
    fn try_from(p: RespondentParts) -> Result<Self> {
        let r = Respondent {
            gender: p.gender,
            education: p.education,
            occupation: p.occupation,
            age: None,
        };
        match p.age {
            Some(age) => r.with_age(age),
            None => Ok(r),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Respondent> for RespondentParts {
    fn from(r: Respondent) -> Self {
        RespondentParts {
            gender: r.gender,
            age: r.age.map(i64::from),
            education: r.education,
            occupation: r.occupation,
        }
    }
}

/// One returned SKM questionnaire: answers, respondent profile and where it was collected.
///
/// ```
/// use layanan::{Instrument, SkmResponse};
///
/// let skm = Instrument::permenpanrb_14_2017();
/// let answers = skm.answers().set("waktu", 3)?.build();
/// let response = SkmResponse::new(answers).with_unit("kel-sukamaju")?.with_service("ktp-el")?;
/// assert_eq!(response.unit(), Some("kel-sukamaju"));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SkmResponse {
    answers: SkmAnswers,
    #[cfg_attr(feature = "serde", serde(default))]
    respondent: Respondent,
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "non_blank_service")
    )]
    service: Option<String>,
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "non_blank_unit"))]
    unit: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    submitted_at: Option<Timestamp>,
    /// Free-text suggestions (saran dan masukan).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    saran: Option<String>,
}

#[cfg(feature = "serde")]
fn non_blank<'de, D: serde::Deserializer<'de>>(
    field: &str,
    d: D,
) -> Result<Option<String>, D::Error> {
    use serde::Deserialize as _;
    Option::<String>::deserialize(d)?
        .map(|s| non_empty(field, s))
        .transpose()
        .map_err(serde::de::Error::custom)
}

#[cfg(feature = "serde")]
fn non_blank_service<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    non_blank("service", d)
}

#[cfg(feature = "serde")]
fn non_blank_unit<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    non_blank("unit", d)
}

pub(crate) fn non_empty(field: &str, value: String) -> Result<String> {
    if value.trim().is_empty() {
        Err(Error::Empty {
            field: field.into(),
        })
    } else {
        Ok(value)
    }
}

impl SkmResponse {
    /// A questionnaire with these answers and nothing else known.
    pub fn new(answers: SkmAnswers) -> Self {
        Self {
            answers,
            respondent: Respondent::default(),
            service: None,
            unit: None,
            submitted_at: None,
            saran: None,
        }
    }

    /// With the respondent's profile.
    pub fn with_respondent(mut self, respondent: Respondent) -> Self {
        self.respondent = respondent;
        self
    }

    /// With the service the respondent used.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank name.
    pub fn with_service(mut self, service: impl Into<String>) -> Result<Self> {
        self.service = Some(non_empty("service", service.into())?);
        Ok(self)
    }

    /// With the unit (office) that served the respondent.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank name.
    pub fn with_unit(mut self, unit: impl Into<String>) -> Result<Self> {
        self.unit = Some(non_empty("unit", unit.into())?);
        Ok(self)
    }

    /// With the time the questionnaire was returned.
    pub fn with_submitted_at(mut self, at: Timestamp) -> Self {
        self.submitted_at = Some(at);
        self
    }

    /// With the respondent's free-text suggestions (saran dan masukan); blank text is none.
    pub fn with_saran(mut self, saran: impl Into<String>) -> Self {
        let saran = saran.into();
        self.saran = (!saran.trim().is_empty()).then_some(saran);
        self
    }

    /// The answers.
    pub fn answers(&self) -> &SkmAnswers {
        &self.answers
    }

    /// The respondent's profile.
    pub fn respondent(&self) -> &Respondent {
        &self.respondent
    }

    /// The service, if known.
    pub fn service(&self) -> Option<&str> {
        self.service.as_deref()
    }

    /// The unit, if known.
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }

    /// When it was returned, if known.
    pub fn submitted_at(&self) -> Option<Timestamp> {
        self.submitted_at
    }

    /// The respondent's suggestions, if any.
    pub fn saran(&self) -> Option<&str> {
        self.saran.as_deref()
    }
}
