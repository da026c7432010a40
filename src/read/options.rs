//! What a reader needs to know besides the file: its name, the instrument, the calendar, the
//! empathy scale.

use crate::model::{Calendar, Instrument, RatingScale};

/// Settings shared by the readers; each reads what it needs and ignores the rest.
///
/// | setting | default | read by |
/// |---|---|---|
/// | [`with_file_name`](Self::with_file_name) | the kind of file (`SKM responses`, `interactions` …) | every reader, for messages |
/// | [`with_instrument`](Self::with_instrument) | [`Instrument::permenpanrb_14_2017`] (`u1`…`u9`) | SKM responses, interactions |
/// | [`with_calendar`](Self::with_calendar) | none: times must carry their offset | every reader with times |
/// | [`with_empathy_scale`](Self::with_empathy_scale) | [`RatingScale::FIVE_POINT`] | interactions |
///
/// With a calendar, local times (`2025-03-04 08:15`) are read on its wall clock
/// ([`Calendar::parse_time`]) and every time must have a local date on it; without one, a local
/// time is an error saying it needs a calendar, and times must have a date in UTC.
///
/// ```
/// use layanan::read::ReadOptions;
/// use layanan::{Calendar, Instrument};
///
/// let options = ReadOptions::new()
///     .with_file_name("skm-2004.csv")
///     .with_instrument(Instrument::kepmenpan_25_2004()) // u1…u14
///     .with_calendar(Calendar::wita());
/// assert_eq!(options.instrument().len(), 14);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    file_name: Option<String>,
    instrument: Instrument,
    calendar: Option<Calendar>,
    empathy_scale: RatingScale,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            file_name: None,
            instrument: Instrument::permenpanrb_14_2017(),
            calendar: None,
            empathy_scale: RatingScale::FIVE_POINT,
        }
    }
}

impl ReadOptions {
    /// The defaults: no file name, PermenPANRB 14/2017, no calendar, empathy on 1–5.
    pub fn new() -> Self {
        Self::default()
    }

    /// With the file's name, as errors should show it (`skm.csv`, a path …).
    pub fn with_file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// With the instrument the SKM answers follow: it decides how many `u` columns there are.
    pub fn with_instrument(mut self, instrument: Instrument) -> Self {
        self.instrument = instrument;
        self
    }

    /// With the calendar whose UTC offset local times are read at.
    pub fn with_calendar(mut self, calendar: Calendar) -> Self {
        self.calendar = Some(calendar);
        self
    }

    /// With the scale the `empathy` ratings of an interactions file are on.
    pub fn with_empathy_scale(mut self, scale: RatingScale) -> Self {
        self.empathy_scale = scale;
        self
    }

    /// The file's name, if given.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The instrument.
    pub fn instrument(&self) -> &Instrument {
        &self.instrument
    }

    /// The calendar, if given.
    pub fn calendar(&self) -> Option<&Calendar> {
        self.calendar.as_ref()
    }

    /// The empathy rating scale.
    pub fn empathy_scale(&self) -> RatingScale {
        self.empathy_scale
    }

    /// The name errors show: the file's, or `kind` (what the file holds).
    pub(crate) fn name_or(&self, kind: &str) -> String {
        self.file_name.clone().unwrap_or_else(|| kind.to_owned())
    }
}
