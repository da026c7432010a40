//! One visit to a front office.

use super::money::Money;
use super::survey::{SkmAnswers, non_empty};
use super::time::{TimeSpan, Timestamp};
use crate::error::{Error, Result};

/// A closed rating scale such as 1–5, declared by whoever collects the ratings.
///
/// ```
/// use layanan::RatingScale;
///
/// let five = RatingScale::new(1, 5)?;
/// assert_eq!(five.rating(4)?.value(), 4);
/// assert!(five.rating(6).is_err());
/// assert!(RatingScale::new(5, 5).is_err());
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "(u8, u8)", into = "(u8, u8)"))]
pub struct RatingScale {
    min: u8,
    max: u8,
}

impl RatingScale {
    /// The usual 1–5 scale.
    pub const FIVE_POINT: RatingScale = RatingScale { min: 1, max: 5 };

    /// The scale `min..=max`; `min` must be below `max`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when `max ≤ min`.
    #[allow(clippy::arithmetic_side_effects)] // bounds of u8 values, in i64
    pub fn new(min: u8, max: u8) -> Result<Self> {
        if min == u8::MAX {
            return Err(Error::OutOfRange {
                field: "rating scale min".into(),
                value: min.into(),
                min: 0,
                max: i64::from(u8::MAX) - 1,
            });
        }
        if max <= min {
            return Err(Error::OutOfRange {
                field: "rating scale max".into(),
                value: max.into(),
                min: i64::from(min) + 1,
                max: u8::MAX.into(),
            });
        }
        Ok(Self { min, max })
    }

    /// The lowest rating.
    pub const fn min(self) -> u8 {
        self.min
    }

    /// The highest rating.
    pub const fn max(self) -> u8 {
        self.max
    }

    /// How many values the scale has (`max − min + 1`, at least 2).
    pub fn len(self) -> usize {
        usize::from(self.max.abs_diff(self.min)).saturating_add(1)
    }

    /// Whether the scale has no values: never (a scale has at least two).
    pub const fn is_empty(self) -> bool {
        false
    }

    /// A rating on this scale.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] naming the field `rating`.
    pub fn rating(self, value: i64) -> Result<Rating> {
        u8::try_from(value)
            .ok()
            .filter(|v| (self.min..=self.max).contains(v))
            .map(|value| Rating { value, scale: self })
            .ok_or_else(|| Error::OutOfRange {
                field: "rating".into(),
                value,
                min: self.min.into(),
                max: self.max.into(),
            })
    }
}

impl std::fmt::Display for RatingScale {
    /// `1..=5`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..={}", self.min, self.max)
    }
}

impl TryFrom<(u8, u8)> for RatingScale {
    type Error = Error;
    fn try_from((min, max): (u8, u8)) -> Result<Self> {
        RatingScale::new(min, max)
    }
}

impl From<RatingScale> for (u8, u8) {
    fn from(s: RatingScale) -> Self {
        (s.min, s.max)
    }
}

/// A rating together with the scale it was given on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RatingParts", into = "RatingParts")
)]
pub struct Rating {
    value: u8,
    scale: RatingScale,
}

impl Rating {
    /// The rating.
    pub const fn value(self) -> u8 {
        self.value
    }

    /// Its scale.
    pub const fn scale(self) -> RatingScale {
        self.scale
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RatingParts {
    value: i64,
    scale: RatingScale,
}

#[cfg(feature = "serde")]
impl TryFrom<RatingParts> for Rating {
    type Error = Error;
    fn try_from(p: RatingParts) -> Result<Self> {
        p.scale.rating(p.value)
    }
}

#[cfg(feature = "serde")]
impl From<Rating> for RatingParts {
    fn from(r: Rating) -> Self {
        RatingParts {
            value: r.value.into(),
            scale: r.scale,
        }
    }
}

/// The top of the would-you-recommend scale (0–10).
pub const RECOMMEND_MAX: u8 = 10;

/// One visit: who served it, when, what it cost, and what the citizen said.
///
/// Built with [`Interaction::builder`], which checks that the visit started no earlier than the
/// citizen arrived and finished no earlier than it started.
///
/// ```
/// use layanan::{Error, Interaction, Money, TimeSpan, Timestamp};
///
/// let at = |s: &str| s.parse::<Timestamp>();
/// let visit = Interaction::builder("ktp-el", "kel-sukamaju", at("2025-03-04T08:15:00+07:00")?)
///     .started_at(at("2025-03-04T08:32:00+07:00")?)
///     .finished_at(at("2025-03-04T08:50:00+07:00")?)
///     .official_fee(Money::ZERO)
///     .paid(Money::new(20_000))
///     .recommend(3)
///     .build()?;
/// assert_eq!(visit.wait(), Some(TimeSpan::from_minutes(17)));
/// assert_eq!(visit.turnaround(), Some(TimeSpan::from_minutes(35)));
///
/// let early = Interaction::builder("ktp-el", "kel-sukamaju", at("2025-03-04T08:15:00+07:00")?)
///     .finished_at(at("2025-03-04T08:00:00+07:00")?)
///     .build();
/// assert!(matches!(early, Err(Error::FinishedBeforeStarted { .. })));
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "InteractionBuilder", into = "InteractionBuilder")
)]
pub struct Interaction {
    fields: InteractionBuilder,
}

/// Collects an [`Interaction`]'s fields; [`build`](Self::build) validates them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InteractionBuilder {
    #[cfg_attr(feature = "serde", serde(default))]
    id: Option<String>,
    service: String,
    unit: String,
    #[cfg_attr(feature = "serde", serde(default))]
    channel: Option<String>,
    arrived_at: Timestamp,
    #[cfg_attr(feature = "serde", serde(default))]
    started_at: Option<Timestamp>,
    #[cfg_attr(feature = "serde", serde(default))]
    finished_at: Option<Timestamp>,
    #[cfg_attr(feature = "serde", serde(default))]
    official_fee: Option<Money>,
    #[cfg_attr(feature = "serde", serde(default))]
    paid: Option<Money>,
    #[cfg_attr(feature = "serde", serde(default))]
    skm: Option<SkmAnswers>,
    #[cfg_attr(feature = "serde", serde(default))]
    empathy: Option<Rating>,
    #[cfg_attr(feature = "serde", serde(default))]
    recommend: Option<i64>,
}

impl Interaction {
    /// Starts a visit to `unit` for `service`, the citizen arriving at `arrived_at`.
    pub fn builder(
        service: impl Into<String>,
        unit: impl Into<String>,
        arrived_at: Timestamp,
    ) -> InteractionBuilder {
        InteractionBuilder {
            id: None,
            service: service.into(),
            unit: unit.into(),
            channel: None,
            arrived_at,
            started_at: None,
            finished_at: None,
            official_fee: None,
            paid: None,
            skm: None,
            empathy: None,
            recommend: None,
        }
    }

    /// The caller's identifier, if given.
    pub fn id(&self) -> Option<&str> {
        self.fields.id.as_deref()
    }

    /// The service.
    pub fn service(&self) -> &str {
        &self.fields.service
    }

    /// The unit (office).
    pub fn unit(&self) -> &str {
        &self.fields.unit
    }

    /// The channel (counter, online, mobile …), if given.
    pub fn channel(&self) -> Option<&str> {
        self.fields.channel.as_deref()
    }

    /// When the citizen arrived (or submitted the application).
    pub fn arrived_at(&self) -> Timestamp {
        self.fields.arrived_at
    }

    /// When service started, if recorded.
    pub fn started_at(&self) -> Option<Timestamp> {
        self.fields.started_at
    }

    /// When service finished, if it has.
    pub fn finished_at(&self) -> Option<Timestamp> {
        self.fields.finished_at
    }

    /// The official fee for this visit, if recorded.
    pub fn official_fee(&self) -> Option<Money> {
        self.fields.official_fee
    }

    /// What the citizen actually paid, if recorded.
    pub fn paid(&self) -> Option<Money> {
        self.fields.paid
    }

    /// SKM answers given for this visit, if any.
    pub fn skm(&self) -> Option<&SkmAnswers> {
        self.fields.skm.as_ref()
    }

    /// A direct rating of the staff's empathy, if given.
    pub fn empathy(&self) -> Option<Rating> {
        self.fields.empathy
    }

    /// Would-you-recommend, 0–10, if given.
    pub fn recommend(&self) -> Option<u8> {
        self.fields.recommend.and_then(|r| u8::try_from(r).ok())
    }

    /// Arrival to start of service.
    pub fn wait(&self) -> Option<TimeSpan> {
        self.fields.started_at?.since(self.fields.arrived_at)
    }

    /// Start to end of service.
    pub fn service_time(&self) -> Option<TimeSpan> {
        self.fields.finished_at?.since(self.fields.started_at?)
    }

    /// Arrival to end of service.
    pub fn turnaround(&self) -> Option<TimeSpan> {
        self.fields.finished_at?.since(self.fields.arrived_at)
    }
}

impl InteractionBuilder {
    /// The caller's identifier.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The channel: counter, online, mobile …
    pub fn channel(mut self, channel: impl Into<String>) -> Self {
        self.channel = Some(channel.into());
        self
    }

    /// When service started.
    pub fn started_at(mut self, at: Timestamp) -> Self {
        self.started_at = Some(at);
        self
    }

    /// When service finished.
    pub fn finished_at(mut self, at: Timestamp) -> Self {
        self.finished_at = Some(at);
        self
    }

    /// The official fee (the published tariff, or the fee the office states).
    pub fn official_fee(mut self, fee: Money) -> Self {
        self.official_fee = Some(fee);
        self
    }

    /// What the citizen paid.
    pub fn paid(mut self, paid: Money) -> Self {
        self.paid = Some(paid);
        self
    }

    /// SKM answers for this visit.
    pub fn skm(mut self, answers: SkmAnswers) -> Self {
        self.skm = Some(answers);
        self
    }

    /// A direct empathy rating.
    pub fn empathy(mut self, rating: Rating) -> Self {
        self.empathy = Some(rating);
        self
    }

    /// Would-you-recommend, 0–10 (checked by [`build`](Self::build)).
    pub fn recommend(mut self, score: i64) -> Self {
        self.recommend = Some(score);
        self
    }

    /// The validated interaction.
    ///
    /// # Errors
    /// [`Error::Empty`] for a blank service or unit; [`Error::StartedBeforeArrived`];
    /// [`Error::FinishedBeforeStarted`] (against the start, or the arrival when no start is
    /// recorded); [`Error::OutOfRange`] for a recommend score outside 0–10.
    pub fn build(self) -> Result<Interaction> {
        let service = non_empty("service", self.service)?;
        let unit = non_empty("unit", self.unit)?;
        check_times(self.arrived_at, self.started_at, self.finished_at)?;
        if let Some(score) = self.recommend {
            check_recommend(score)?;
        }
        Ok(Interaction {
            fields: InteractionBuilder {
                service,
                unit,
                ..self
            },
        })
    }
}

/// A visit's times in order: started no earlier than it arrived, finished no earlier than it
/// started (or arrived, without a start).
///
/// # Errors
/// [`Error::StartedBeforeArrived`], [`Error::FinishedBeforeStarted`].
pub(crate) fn check_times(
    arrived: Timestamp,
    started: Option<Timestamp>,
    finished: Option<Timestamp>,
) -> Result<()> {
    if let Some(started) = started
        && started < arrived
    {
        return Err(Error::StartedBeforeArrived { arrived, started });
    }
    if let Some(finished) = finished {
        let started = started.unwrap_or(arrived);
        if finished < started {
            return Err(Error::FinishedBeforeStarted { started, finished });
        }
    }
    Ok(())
}

/// A would-you-recommend score, 0–10.
///
/// # Errors
/// [`Error::OutOfRange`].
pub(crate) fn check_recommend(score: i64) -> Result<u8> {
    u8::try_from(score)
        .ok()
        .filter(|s| *s <= RECOMMEND_MAX)
        .ok_or_else(|| Error::OutOfRange {
            field: "recommend".into(),
            value: score,
            min: 0,
            max: RECOMMEND_MAX.into(),
        })
}

impl TryFrom<InteractionBuilder> for Interaction {
    type Error = Error;
    fn try_from(builder: InteractionBuilder) -> Result<Self> {
        builder.build()
    }
}

impl From<Interaction> for InteractionBuilder {
    fn from(i: Interaction) -> Self {
        i.fields
    }
}
