//! SKM questionnaires: their elements (unsur), weights and grade bands.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::weight::Weight;
use crate::error::{Error, Result};
use crate::stats::Ratio;

/// One element (unsur) of a questionnaire, answered on a 1–4 scale.
///
/// ```
/// use layanan::Element;
///
/// let e = Element::new("kebersihan", "Kebersihan", "cleanliness")?
///     .with_labels(["kotor", "kurang bersih", "bersih", "sangat bersih"]);
/// assert_eq!(e.label(4), Some("sangat bersih"));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ElementParts", into = "ElementParts")
)]
pub struct Element {
    key: String,
    name: String,
    english: String,
    labels: [String; 4],
}

impl Element {
    /// An element with a machine `key`, its Indonesian `name` and an `english` gloss; answer
    /// labels default to `1`…`4`.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank key.
    pub fn new(
        key: impl Into<String>,
        name: impl Into<String>,
        english: impl Into<String>,
    ) -> Result<Self> {
        let key = key.into();
        if key.trim().is_empty() {
            return Err(Error::Empty {
                field: "element key".into(),
            });
        }
        Ok(Self {
            key,
            name: name.into(),
            english: english.into(),
            labels: ["1", "2", "3", "4"].map(String::from),
        })
    }

    /// With the words printed under answers 1 to 4.
    pub fn with_labels(mut self, labels: [&str; 4]) -> Self {
        self.labels = labels.map(String::from);
        self
    }

    /// The machine key, e.g. `persyaratan`.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The Indonesian name, e.g. `Persyaratan`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The English gloss, e.g. `requirements`.
    pub fn english(&self) -> &str {
        &self.english
    }

    /// The label of answer `value` (1–4).
    pub fn label(&self, value: u8) -> Option<&str> {
        self.labels
            .get(usize::from(value).checked_sub(1)?)
            .map(String::as_str)
    }
}

/// The quality grade (mutu pelayanan) of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Mutu {
    /// Sangat baik (very good).
    A,
    /// Baik (good).
    B,
    /// Kurang baik (poor).
    C,
    /// Tidak baik (bad).
    D,
}

impl Mutu {
    /// The regulation's wording of the unit's performance (kinerja unit pelayanan).
    pub fn kinerja(self) -> &'static str {
        match self {
            Mutu::A => "Sangat baik",
            Mutu::B => "Baik",
            Mutu::C => "Kurang baik",
            Mutu::D => "Tidak baik",
        }
    }

    /// The English gloss of [`kinerja`](Self::kinerja).
    pub fn english(self) -> &'static str {
        match self {
            Mutu::A => "very good",
            Mutu::B => "good",
            Mutu::C => "poor",
            Mutu::D => "bad",
        }
    }
}

impl fmt::Display for Mutu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let letter = match self {
            Mutu::A => "A",
            Mutu::B => "B",
            Mutu::C => "C",
            Mutu::D => "D",
        };
        f.pad(letter)
    }
}

/// Where the grades start, on the NIK (25–100) rounded half-up to 2 decimals, in hundredths.
///
/// Bands must rise inside the scale, `2500 < c_from < b_from < a_from ≤ 10000`, so that each
/// grade covers some NIK: [`GradeBands::new`], [`Instrument::with_bands`] and deserialisation
/// refuse any other (bands of `{0, 0, 0}` would grade an IKM of 38.89 A).
///
/// ```
/// use layanan::{GradeBands, Mutu};
///
/// let bands = GradeBands::PERMENPANRB_14_2017;
/// assert_eq!(bands.grade(8831), Mutu::A); // 88.31
/// assert_eq!(bands.grade(8830), Mutu::B);
/// assert_eq!(bands.grade(6499), Mutu::D);
/// assert!(GradeBands::new(9000, 8000, 7000).is_ok());
/// assert!(GradeBands::new(0, 0, 0).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BandParts"))]
pub struct GradeBands {
    /// Lowest NIK × 100 graded A.
    pub a_from: u32,
    /// Lowest NIK × 100 graded B.
    pub b_from: u32,
    /// Lowest NIK × 100 graded C; anything lower is D.
    pub c_from: u32,
}

impl GradeBands {
    /// PermenPANRB 14/2017: A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99.
    pub const PERMENPANRB_14_2017: GradeBands = GradeBands {
        a_from: 8831,
        b_from: 7661,
        c_from: 6500,
    };

    /// KepMenPAN 25/2004: A 81.26–100, B 62.51–81.25, C 43.76–62.50, D 25–43.75.
    pub const KEPMENPAN_25_2004: GradeBands = GradeBands {
        a_from: 8126,
        b_from: 6251,
        c_from: 4376,
    };

    /// Bands starting A, B and C at these NIKs × 100.
    ///
    /// # Errors
    /// [`Error::Inconsistent`] unless `2500 < c_from < b_from < a_from ≤ 10000`.
    pub fn new(a_from: u32, b_from: u32, c_from: u32) -> Result<Self> {
        let bands = Self {
            a_from,
            b_from,
            c_from,
        };
        bands.check()?;
        Ok(bands)
    }

    /// Whether every grade covers some NIK of 25.00–100.00.
    pub(crate) fn check(&self) -> Result<()> {
        if 2500 < self.c_from
            && self.c_from < self.b_from
            && self.b_from < self.a_from
            && self.a_from <= 10_000
        {
            return Ok(());
        }
        Err(Error::Inconsistent {
            what: "grade bands".into(),
            reason: format!(
                "A from {}, B from {}, C from {} (NIK × 100): each grade must start above the \
                 one below it, C above 2500 (25.00) and A at most 10000 (100.00)",
                self.a_from, self.b_from, self.c_from
            ),
        })
    }

    /// The grade of a NIK given in hundredths (already rounded).
    pub fn grade(&self, nik_hundredths: u32) -> Mutu {
        if nik_hundredths >= self.a_from {
            Mutu::A
        } else if nik_hundredths >= self.b_from {
            Mutu::B
        } else if nik_hundredths >= self.c_from {
            Mutu::C
        } else {
            Mutu::D
        }
    }
}

/// A NIK in hundredths as printed, `88.31`.
fn hundredths(nik: u32) -> String {
    format!("{}.{:02}", nik / 100, nik % 100)
}

/// A satisfaction questionnaire: its elements in printed order, their weights and grade bands.
///
/// Elements are looked up by key, never by position: published tables disagree on the order.
///
/// ```
/// use layanan::{Instrument, Weight};
///
/// let skm = Instrument::permenpanrb_14_2017();
/// assert_eq!(skm.len(), 9);
/// assert_eq!(skm.position("pengaduan")?, 8);
/// assert_eq!(skm.weights()[0], Weight::new(1, 9)?);
///
/// // A unit that asks one more question, with equal weights of 1/10.
/// let extended = skm.with_element(layanan::Element::new("parkir", "Parkir", "parking")?)?;
/// assert_eq!(extended.weights()[9], Weight::new(1, 10)?);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// An instrument is shared, not copied: every tally keeps one, so a clone only counts a
/// reference, and every instance of a built-in instrument is the same one.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "InstrumentParts", into = "InstrumentParts")
)]
pub struct Instrument(Arc<InstrumentData>);

/// What an [`Instrument`] holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct InstrumentData {
    name: String,
    elements: Vec<Element>,
    /// The element keys, shared with every [`SkmAnswers`](crate::SkmAnswers) built from this
    /// instrument so tallies can recognise them without comparing strings.
    keys: Arc<[String]>,
    weights: Vec<Weight>,
    bands: GradeBands,
    /// Where the courtesy and the complaint-handling elements are, if the instrument has them.
    courtesy: Option<usize>,
    complaint_handling: Option<usize>,
}

/// The SKM element on courtesy: staff behaviour (2017) or courtesy and friendliness (2004).
pub(crate) const COURTESY_KEYS: [&str; 2] = ["perilaku", "kesopanan"];
/// The SKM element on complaint handling (2017).
pub(crate) const COMPLAINT_HANDLING_KEY: &str = "pengaduan";

impl InstrumentData {
    fn new(name: String, elements: Vec<Element>, weights: Vec<Weight>, bands: GradeBands) -> Self {
        let position = |key: &str| elements.iter().position(|e| e.key == key);
        Self {
            courtesy: COURTESY_KEYS.into_iter().find_map(position),
            complaint_handling: position(COMPLAINT_HANDLING_KEY),
            keys: elements.iter().map(|e| e.key.clone()).collect(),
            name,
            elements,
            weights,
            bands,
        }
    }
}

impl PartialEq for Instrument {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Eq for Instrument {}

impl std::hash::Hash for Instrument {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl Instrument {
    /// The most elements an instrument may have. Official questionnaires have 9 (2017) or 14
    /// (2004); a tally keeps `k × k` pair counts, so the bound keeps each below a megabyte.
    pub const MAX_ELEMENTS: usize = 100;

    /// A custom instrument with equal weights and the 2017 grade bands.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank name or no elements; [`Error::OutOfRange`] for more than
    /// [`MAX_ELEMENTS`](Self::MAX_ELEMENTS); [`Error::DuplicateElement`] when two elements share
    /// a key.
    pub fn new(name: impl Into<String>, elements: Vec<Element>) -> Result<Self> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(Error::Empty {
                field: "instrument name".into(),
            });
        }
        if elements.is_empty() {
            return Err(Error::Empty {
                field: "instrument elements".into(),
            });
        }
        if elements.len() > Self::MAX_ELEMENTS {
            return Err(Error::OutOfRange {
                field: "instrument elements".into(),
                value: i64::try_from(elements.len()).unwrap_or(i64::MAX),
                min: 1,
                max: Self::MAX_ELEMENTS as i64,
            });
        }
        for (i, e) in elements.iter().enumerate() {
            if elements.iter().take(i).any(|prior| prior.key == e.key) {
                return Err(Error::DuplicateElement {
                    element: e.key.clone(),
                });
            }
        }
        let share = Weight::equal_share(elements.len())?;
        let weights = vec![share; elements.len()];
        Ok(Self(Arc::new(InstrumentData::new(
            name,
            elements,
            weights,
            GradeBands::PERMENPANRB_14_2017,
        ))))
    }

    /// The nine elements of PermenPANRB 14/2017, in the sample questionnaire's order (U1–U9).
    pub fn permenpanrb_14_2017() -> Self {
        static SHARED: OnceLock<Instrument> = OnceLock::new();
        SHARED.get_or_init(Self::build_2017).clone()
    }

    /// The fourteen elements of KepMenPAN 25/2004, in the regulation's order.
    pub fn kepmenpan_25_2004() -> Self {
        static SHARED: OnceLock<Instrument> = OnceLock::new();
        SHARED.get_or_init(Self::build_2004).clone()
    }

    /// The built-in instrument equal to this one, shared, or this one.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    fn shared(self) -> Self {
        [Self::permenpanrb_14_2017(), Self::kepmenpan_25_2004()]
            .into_iter()
            .find(|builtin| *builtin == self)
            .unwrap_or(self)
    }

    fn build_2017() -> Self {
        let e = |key: &str, name: &str, english: &str, labels: [&str; 4]| Element {
            key: key.into(),
            name: name.into(),
            english: english.into(),
            labels: labels.map(String::from),
        };
        let sesuai = ["tidak sesuai", "kurang sesuai", "sesuai", "sangat sesuai"];
        let elements = vec![
            e("persyaratan", "Persyaratan", "requirements", sesuai),
            e(
                "prosedur",
                "Sistem, Mekanisme, dan Prosedur",
                "procedure",
                ["tidak mudah", "kurang mudah", "mudah", "sangat mudah"],
            ),
            e(
                "waktu",
                "Waktu Penyelesaian",
                "completion time",
                ["tidak cepat", "kurang cepat", "cepat", "sangat cepat"],
            ),
            e(
                "biaya",
                "Biaya/Tarif",
                "cost",
                ["sangat mahal", "cukup mahal", "murah", "gratis"],
            ),
            e(
                "produk",
                "Produk Spesifikasi Jenis Pelayanan",
                "service product",
                sesuai,
            ),
            e(
                "kompetensi",
                "Kompetensi Pelaksana",
                "staff competence",
                [
                    "tidak kompeten",
                    "kurang kompeten",
                    "kompeten",
                    "sangat kompeten",
                ],
            ),
            e(
                "perilaku",
                "Perilaku Pelaksana",
                "staff behaviour",
                [
                    "tidak sopan dan ramah",
                    "kurang sopan dan ramah",
                    "sopan dan ramah",
                    "sangat sopan dan ramah",
                ],
            ),
            e(
                "sarana",
                "Sarana dan Prasarana",
                "facilities",
                ["buruk", "cukup", "baik", "sangat baik"],
            ),
            e(
                "pengaduan",
                "Penanganan Pengaduan, Saran dan Masukan",
                "complaint handling",
                [
                    "tidak ada",
                    "ada tetapi tidak berfungsi",
                    "berfungsi kurang maksimal",
                    "dikelola dengan baik",
                ],
            ),
        ];
        Self::builtin(
            "PermenPANRB 14/2017",
            elements,
            9,
            GradeBands::PERMENPANRB_14_2017,
        )
    }

    fn build_2004() -> Self {
        let e = |key: &str, name: &str, english: &str, adjective: &str| Element {
            key: key.into(),
            name: name.into(),
            english: english.into(),
            labels: [
                format!("tidak {adjective}"),
                format!("kurang {adjective}"),
                adjective.to_string(),
                format!("sangat {adjective}"),
            ],
        };
        let with = |mut el: Element, labels: [&str; 4]| {
            el.labels = labels.map(String::from);
            el
        };
        let elements = vec![
            e("prosedur", "Prosedur pelayanan", "procedure", "mudah"),
            e(
                "persyaratan",
                "Persyaratan pelayanan",
                "requirements",
                "sesuai",
            ),
            e(
                "kejelasan_petugas",
                "Kejelasan petugas pelayanan",
                "clarity of staff",
                "jelas",
            ),
            e(
                "kedisiplinan",
                "Kedisiplinan petugas pelayanan",
                "staff discipline",
                "disiplin",
            ),
            e(
                "tanggung_jawab",
                "Tanggung jawab petugas pelayanan",
                "staff responsibility",
                "bertanggung jawab",
            ),
            e(
                "kemampuan",
                "Kemampuan petugas pelayanan",
                "staff ability",
                "mampu",
            ),
            e("kecepatan", "Kecepatan pelayanan", "speed", "cepat"),
            e(
                "keadilan",
                "Keadilan mendapatkan pelayanan",
                "fairness",
                "adil",
            ),
            e(
                "kesopanan",
                "Kesopanan dan keramahan petugas",
                "courtesy and friendliness",
                "sopan dan ramah",
            ),
            e(
                "kewajaran_biaya",
                "Kewajaran biaya pelayanan",
                "reasonable cost",
                "wajar",
            ),
            with(
                e(
                    "kepastian_biaya",
                    "Kepastian biaya pelayanan",
                    "cost certainty",
                    "sesuai",
                ),
                [
                    "selalu tidak sesuai",
                    "kadang-kadang sesuai",
                    "banyak sesuainya",
                    "selalu sesuai",
                ],
            ),
            with(
                e(
                    "kepastian_jadwal",
                    "Kepastian jadwal pelayanan",
                    "schedule certainty",
                    "tepat",
                ),
                [
                    "selalu tidak tepat",
                    "kadang-kadang tepat",
                    "banyak tepatnya",
                    "selalu tepat",
                ],
            ),
            e("kenyamanan", "Kenyamanan lingkungan", "comfort", "nyaman"),
            e("keamanan", "Keamanan pelayanan", "security", "aman"),
        ];
        Self::builtin(
            "KepMenPAN 25/2004",
            elements,
            14,
            GradeBands::KEPMENPAN_25_2004,
        )
    }

    fn builtin(name: &str, elements: Vec<Element>, k: u32, bands: GradeBands) -> Self {
        let weights = vec![Weight::unit_fraction(k); elements.len()];
        Self(Arc::new(InstrumentData::new(
            name.into(),
            elements,
            weights,
            bands,
        )))
    }

    /// This instrument with one more element; weights become equal again (1/k).
    ///
    /// # Errors
    /// [`Error::DuplicateElement`] when the key is taken; [`Error::OutOfRange`] past
    /// [`MAX_ELEMENTS`](Self::MAX_ELEMENTS).
    pub fn with_element(self, element: Element) -> Result<Self> {
        let mut elements = self.0.elements.clone();
        elements.push(element);
        Instrument::new(self.0.name.clone(), elements)?.with_bands(self.0.bands)
    }

    /// This instrument with the given weights, one for every element, summing to exactly 1.
    ///
    /// ```
    /// use layanan::{Error, Instrument, Weight};
    ///
    /// let skm = Instrument::permenpanrb_14_2017();
    /// let keys = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi",
    ///             "perilaku", "sarana", "pengaduan"];
    /// let mut weights: Vec<(&str, Weight)> = keys.iter().map(|k| (*k, Weight::new(1, 10).unwrap())).collect();
    /// weights[0].1 = Weight::new(1, 5)?; // requirements count double
    /// let reweighted = skm.clone().with_weights(&weights)?;
    /// assert_eq!(reweighted.weights()[0], Weight::new(1, 5)?);
    ///
    /// weights[1].1 = Weight::new(1, 5)?;
    /// assert_eq!(
    ///     skm.with_weights(&weights).unwrap_err(),
    ///     Error::WeightsDoNotSumToOne { sum: "11/10".into() }
    /// );
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownElement`], [`Error::DuplicateElement`], [`Error::Missing`] for an element
    /// left without a weight, [`Error::WeightsDoNotSumToOne`].
    pub fn with_weights(mut self, weights: &[(&str, Weight)]) -> Result<Self> {
        let mut assigned: Vec<Option<Weight>> = vec![None; self.len()];
        for (key, weight) in weights {
            let i = self.position(key)?;
            if let Some(slot) = assigned.get_mut(i)
                && slot.replace(*weight).is_some()
            {
                return Err(Error::DuplicateElement {
                    element: (*key).into(),
                });
            }
        }
        let mut resolved = Vec::with_capacity(assigned.len());
        for (slot, element) in assigned.into_iter().zip(self.elements()) {
            resolved.push(slot.ok_or_else(|| Error::Missing {
                field: format!("weight of element `{}`", element.key),
            })?);
        }
        check_sum(&resolved)?;
        Arc::make_mut(&mut self.0).weights = resolved;
        Ok(self)
    }

    /// This instrument graded with other bands.
    ///
    /// ```
    /// use layanan::{GradeBands, Instrument};
    ///
    /// let skm = Instrument::permenpanrb_14_2017();
    /// let strict = skm.clone().with_bands(GradeBands::new(9000, 8000, 7000)?)?;
    /// assert_eq!(strict.bands().a_from, 9000);
    /// let none = GradeBands { a_from: 0, b_from: 0, c_from: 0 };
    /// assert!(skm.with_bands(none).is_err());
    /// # Ok::<(), layanan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Inconsistent`] for bands that do not rise inside the scale (see
    /// [`GradeBands`]).
    pub fn with_bands(mut self, bands: GradeBands) -> Result<Self> {
        bands.check()?;
        if self.0.bands != bands {
            Arc::make_mut(&mut self.0).bands = bands;
        }
        Ok(self)
    }

    /// [`Error::MergeMismatch`] naming how `other` differs (name, elements, weights or bands),
    /// unless the two are equal (tallies of `what` using them may merge).
    pub(crate) fn check_same(&self, other: &Instrument, what: &str) -> Result<()> {
        if self == other {
            return Ok(());
        }
        let (ours, theirs) = (&self.0, &other.0);
        let name = &ours.name;
        let difference = if ours.name != theirs.name {
            format!(
                "their instruments differ (`{}` vs `{}`)",
                ours.name, theirs.name
            )
        } else if let Some((a, b)) = ours
            .elements
            .iter()
            .zip(&theirs.elements)
            .find(|(a, b)| a != b)
        {
            if a.key == b.key {
                let (what, x, y) = if a.name != b.name {
                    ("name", a.name.clone(), b.name.clone())
                } else if a.english != b.english {
                    ("English gloss", a.english.clone(), b.english.clone())
                } else {
                    ("answer labels", a.labels.join("/"), b.labels.join("/"))
                };
                format!(
                    "their instruments named `{name}` give element `{}` another {what} (`{x}` vs `{y}`)",
                    a.key
                )
            } else {
                format!(
                    "their instruments named `{name}` have different elements (`{}` vs `{}` in the same place)",
                    a.key, b.key
                )
            }
        } else if ours.elements.len() != theirs.elements.len() {
            format!(
                "their instruments named `{name}` have different elements ({} vs {} elements)",
                ours.elements.len(),
                theirs.elements.len()
            )
        } else if let Some(((a, b), element)) = ours
            .weights
            .iter()
            .zip(&theirs.weights)
            .zip(&ours.elements)
            .find(|((a, b), _)| a != b)
        {
            format!(
                "their instruments named `{name}` weight element `{}` differently ({a} vs {b})",
                element.key
            )
        } else {
            let bands = |g: &GradeBands| {
                format!(
                    "A from {}, B from {}, C from {}",
                    hundredths(g.a_from),
                    hundredths(g.b_from),
                    hundredths(g.c_from)
                )
            };
            format!(
                "their instruments named `{name}` grade with different bands ({} vs {})",
                bands(&ours.bands),
                bands(&theirs.bands)
            )
        };
        Err(Error::MergeMismatch {
            what: what.into(),
            difference,
        })
    }

    /// The instrument's name, e.g. `PermenPANRB 14/2017`.
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The elements in printed order.
    pub fn elements(&self) -> &[Element] {
        &self.0.elements
    }

    /// The weights, aligned with [`elements`](Self::elements).
    pub fn weights(&self) -> &[Weight] {
        &self.0.weights
    }

    /// The grade bands.
    pub fn bands(&self) -> GradeBands {
        self.0.bands
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.0.elements.len()
    }

    /// Always false: an instrument has at least one element.
    pub fn is_empty(&self) -> bool {
        self.0.elements.is_empty()
    }

    /// The position of the element with `key`.
    ///
    /// # Errors
    /// [`Error::UnknownElement`].
    pub fn position(&self, key: &str) -> Result<usize> {
        self.0
            .keys
            .iter()
            .position(|k| k == key)
            .ok_or_else(|| Error::UnknownElement {
                instrument: self.0.name.clone(),
                element: key.into(),
            })
    }

    /// The position of the courtesy element (`perilaku`, or `kesopanan` in 2004), if any.
    pub(crate) fn courtesy_position(&self) -> Option<usize> {
        self.0.courtesy
    }

    /// The position of the complaint-handling element (`pengaduan`), if any.
    pub(crate) fn complaint_handling_position(&self) -> Option<usize> {
        self.0.complaint_handling
    }

    pub(crate) fn keys(&self) -> &Arc<[String]> {
        &self.0.keys
    }
}

fn check_sum(weights: &[Weight]) -> Result<()> {
    let overflow = || Error::Overflow {
        field: "sum of weights".into(),
    };
    let sum = weights
        .iter()
        .try_fold(Ratio::ZERO, |acc, w| acc.checked_add((*w).into()))
        .ok_or_else(overflow)?;
    if sum != (Ratio { num: 1, den: 1 }) {
        return Err(Error::WeightsDoNotSumToOne {
            sum: sum.to_string(),
        });
    }
    Ok(())
}

/// The serialised form of [`GradeBands`], read through [`GradeBands::new`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct BandParts {
    a_from: u32,
    b_from: u32,
    c_from: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<BandParts> for GradeBands {
    type Error = Error;
    fn try_from(p: BandParts) -> Result<Self> {
        GradeBands::new(p.a_from, p.b_from, p.c_from)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ElementParts {
    key: String,
    name: String,
    english: String,
    labels: [String; 4],
}

#[cfg(feature = "serde")]
impl TryFrom<ElementParts> for Element {
    type Error = Error;
    fn try_from(p: ElementParts) -> Result<Self> {
        let mut e = Element::new(p.key, p.name, p.english)?;
        e.labels = p.labels;
        Ok(e)
    }
}

#[cfg(feature = "serde")]
impl From<Element> for ElementParts {
    fn from(e: Element) -> Self {
        ElementParts {
            key: e.key,
            name: e.name,
            english: e.english,
            labels: e.labels,
        }
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct InstrumentParts {
    name: String,
    elements: Vec<Element>,
    weights: Vec<Weight>,
    bands: GradeBands,
}

#[cfg(feature = "serde")]
impl TryFrom<InstrumentParts> for Instrument {
    type Error = Error;
    fn try_from(p: InstrumentParts) -> Result<Self> {
        let instrument = Instrument::new(p.name, p.elements)?.with_bands(p.bands)?;
        if p.weights.len() != instrument.len() {
            return Err(Error::Inconsistent {
                what: "instrument".into(),
                reason: format!(
                    "{} weights for {} elements",
                    p.weights.len(),
                    instrument.len()
                ),
            });
        }
        let keyed: Vec<(String, Weight)> =
            instrument.0.keys.iter().cloned().zip(p.weights).collect();
        let pairs: Vec<(&str, Weight)> = keyed.iter().map(|(k, w)| (k.as_str(), *w)).collect();
        // Read back, a built-in instrument is the shared one again.
        Ok(instrument.with_weights(&pairs)?.shared())
    }
}

#[cfg(feature = "serde")]
impl From<Instrument> for InstrumentParts {
    fn from(i: Instrument) -> Self {
        let data = Arc::unwrap_or_clone(i.0);
        InstrumentParts {
            name: data.name,
            elements: data.elements,
            weights: data.weights,
            bands: data.bands,
        }
    }
}
