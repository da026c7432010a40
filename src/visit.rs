//! What a tally reads of one visit, borrowed, and what it judges the visit by. The row path
//! takes a [`Visit`] from an [`Interaction`]; the columnar path from a batch's columns. Both
//! are judged by the same code, with nothing allocated per visit.

use std::borrow::Cow;
use std::sync::Arc;

use crate::error::Result;
use crate::model::{
    Calendar, Instrument, Interaction, Money, Rating, ServiceStandard, SkmAnswers, Standards,
    TimeSpan, Timestamp,
};

/// One visit's SKM answers, borrowed: values aligned with `keys`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Answers<'a> {
    keys: &'a Arc<[String]>,
    values: &'a [Option<u8>],
}

impl<'a> Answers<'a> {
    /// Answers aligned with `instrument`'s elements (checked to be 1–4).
    pub(crate) fn of(instrument: &'a Instrument, values: &'a [Option<u8>]) -> Self {
        Self {
            keys: instrument.keys(),
            values,
        }
    }

    /// The answers in `instrument`'s order: as they are when they were given for it (no
    /// string compared), else matched by element key.
    ///
    /// # Errors
    /// [`Error::UnknownElement`](crate::Error::UnknownElement) when an answer names an element
    /// `instrument` does not have.
    pub(crate) fn aligned(self, instrument: &Instrument) -> Result<Cow<'a, [Option<u8>]>> {
        let ours = instrument.keys();
        if Arc::ptr_eq(ours, self.keys) || ours[..] == self.keys[..] {
            return Ok(Cow::Borrowed(self.values));
        }
        let mut aligned = vec![None; ours.len()];
        for (key, value) in self.keys.iter().zip(self.values) {
            let i = instrument.position(key)?;
            if let Some(slot) = aligned.get_mut(i) {
                *slot = *value;
            }
        }
        Ok(Cow::Owned(aligned))
    }

    /// The answer to the element at `position` of `instrument`, looked up by key only when
    /// these answers were not given for it.
    pub(crate) fn at(self, instrument: &Instrument, position: usize) -> Option<u8> {
        let ours = instrument.keys();
        if Arc::ptr_eq(ours, self.keys) {
            return self.values.get(position).copied().flatten();
        }
        self.get(ours.get(position)?)
    }

    /// The answer to element `key`, `None` when blank or not asked.
    pub(crate) fn get(self, key: &str) -> Option<u8> {
        let i = self.keys.iter().position(|k| k == key)?;
        self.values.get(i).copied().flatten()
    }
}

impl SkmAnswers {
    /// These answers, borrowed.
    pub(crate) fn borrowed(&self) -> Answers<'_> {
        Answers {
            keys: self.keys(),
            values: self.values(),
        }
    }
}

/// What a tally reads of one visit, borrowed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Visit<'a> {
    pub(crate) arrived: Timestamp,
    pub(crate) started: Option<Timestamp>,
    pub(crate) finished: Option<Timestamp>,
    pub(crate) official_fee: Option<Money>,
    pub(crate) paid: Option<Money>,
    pub(crate) skm: Option<Answers<'a>>,
    pub(crate) empathy: Option<Rating>,
    pub(crate) recommend: Option<u8>,
}

impl Visit<'_> {
    /// Arrival to start of service.
    pub(crate) fn wait(&self) -> Option<TimeSpan> {
        self.started?.since(self.arrived)
    }

    /// Start to end of service.
    pub(crate) fn service_time(&self) -> Option<TimeSpan> {
        self.finished?.since(self.started?)
    }

    /// Arrival to end of service.
    pub(crate) fn turnaround(&self) -> Option<TimeSpan> {
        self.finished?.since(self.arrived)
    }

    /// The latest instant the visit records.
    pub(crate) fn latest(&self) -> Timestamp {
        [self.started, self.finished]
            .into_iter()
            .flatten()
            .fold(self.arrived, Timestamp::max)
    }
}

impl Interaction {
    /// What tallies read of this visit.
    pub(crate) fn visit(&self) -> Visit<'_> {
        Visit {
            arrived: self.arrived_at(),
            started: self.started_at(),
            finished: self.finished_at(),
            official_fee: self.official_fee(),
            paid: self.paid(),
            skm: self.skm().map(SkmAnswers::borrowed),
            empathy: self.empathy(),
            recommend: self.recommend(),
        }
    }
}

/// What a visit is judged by: its service's published standard (its unit's own, else the
/// province-wide one; if any) and its unit's calendar.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules<'a> {
    pub(crate) standard: Option<&'a ServiceStandard>,
    pub(crate) calendar: &'a Calendar,
}

impl Standards {
    /// The rules of a visit to `unit` for `service`.
    pub(crate) fn rules(&self, service: &str, unit: &str) -> Rules<'_> {
        Rules {
            standard: self.find_for(service, unit),
            calendar: self.calendar_for(unit),
        }
    }
}
