//! Parsers of single fields, from `&str` to values: shared by the row readers (and meant for
//! a columnar reader too).

use crate::error::{Error, Result};
use crate::model::{Calendar, Instrument, SkmAnswers, Timestamp, check_answer};

/// A whole number (an optional sign, then digits), `field` named in the error.
///
/// # Errors
/// [`Error::Parse`].
pub(crate) fn whole_number(field: &str, text: &str) -> Result<i64> {
    text.parse().map_err(|_| Error::Parse {
        field: field.to_owned(),
        value: text.to_owned(),
        expected: "a whole number".into(),
    })
}

/// How the times of a file are read: on a calendar's wall clock, or only with their own offset
/// (and then checked to have a date in UTC).
#[derive(Debug, Clone)]
pub(crate) enum Clock {
    /// Local times are read on this calendar; every time must have a local date on it.
    Local(Calendar),
    /// No calendar: local times are refused; every time must have a date in UTC.
    Instant(Calendar),
}

impl Clock {
    /// The clock of `calendar`, or of instants only.
    pub(crate) fn new(calendar: Option<&Calendar>) -> Result<Self> {
        Ok(match calendar {
            Some(calendar) => Clock::Local(calendar.clone()),
            None => Clock::Instant(Calendar::new(0)?),
        })
    }

    /// The instant `text` names.
    ///
    /// # Errors
    /// As [`Calendar::parse_time`] or [`Timestamp::parse_instant`].
    pub(crate) fn time(&self, text: &str) -> Result<Timestamp> {
        match self {
            Clock::Local(calendar) => calendar.parse_time(text),
            Clock::Instant(utc) => {
                let at = Timestamp::parse_instant(text)?;
                utc.check_local_date(at)?;
                Ok(at)
            }
        }
    }
}

/// A reusable row of answers: read the fields into it, then build the [`SkmAnswers`].
#[derive(Debug, Clone)]
pub(crate) struct AnswerRow {
    values: Vec<Option<i64>>,
}

impl AnswerRow {
    /// A row for `instrument`, every element blank.
    pub(crate) fn new(instrument: &Instrument) -> Self {
        Self {
            values: vec![None; instrument.len()],
        }
    }

    /// Sets element `i` (from 0) from the text of its `u` column (`field`), `None` for blank.
    ///
    /// # Errors
    /// [`Error::Parse`] for text that is not a whole number.
    pub(crate) fn set(&mut self, i: usize, field: &str, text: Option<&str>) -> Result<()> {
        let value = text.map(|t| whole_number(field, t)).transpose()?;
        if let Some(slot) = self.values.get_mut(i) {
            *slot = value;
        }
        Ok(())
    }

    /// Whether no element is answered.
    pub(crate) fn is_blank(&self) -> bool {
        self.values.iter().all(Option::is_none)
    }

    /// Checks every answer is 1–4; on one that is not, its element's index with the error.
    ///
    /// # Errors
    /// [`Error::RatingOutOfScale`].
    pub(crate) fn check(
        &self,
        instrument: &Instrument,
    ) -> std::result::Result<(), (Option<usize>, Error)> {
        for (i, (value, element)) in self.values.iter().zip(instrument.elements()).enumerate() {
            if let Some(v) = *value {
                check_answer(element.key(), v).map_err(|e| (Some(i), e))?;
            }
        }
        Ok(())
    }

    /// The answers, checked by [`check`](Self::check): 1–4, or `None` for blank.
    pub(crate) fn values(&self) -> impl Iterator<Item = Option<u8>> + '_ {
        self.values
            .iter()
            .map(|v| v.and_then(|v| u8::try_from(v).ok()))
    }

    /// The answers; on an answer out of scale, also the index of its element.
    ///
    /// # Errors
    /// As [`SkmAnswers::from_values`].
    pub(crate) fn answers(
        &self,
        instrument: &Instrument,
    ) -> std::result::Result<SkmAnswers, (Option<usize>, Error)> {
        SkmAnswers::from_values(instrument, &self.values).map_err(|e| {
            let at = match &e {
                Error::RatingOutOfScale { element, .. } => instrument.position(element).ok(),
                _ => None,
            };
            (at, e)
        })
    }
}
