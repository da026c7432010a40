//! Plain, validated data: what happened at the front office and what was promised.
//!
//! Constructors validate, so an invalid value cannot be built; with `serde`, deserialising goes
//! through the same checks.

mod calendar;
mod complaint;
mod instrument;
pub(crate) use instrument::COURTESY_KEYS;
mod interaction;
mod money;
mod standard;
mod survey;
#[cfg(feature = "csv")]
pub(crate) use survey::check_answer;
mod time;
mod weight;

pub(crate) use calendar::Timeliness;
pub use calendar::{Calendar, Calendars, Granularity, Period};
pub use complaint::Complaint;
pub use instrument::{Element, GradeBands, Instrument, Mutu};
pub use interaction::{Interaction, InteractionBuilder, RECOMMEND_MAX, Rating, RatingScale};
pub(crate) use interaction::{check_recommend, check_times};
pub use money::{Money, MoneySum};
pub use standard::{Completion, ServiceStandard, Standards, Tariff};
pub use survey::{
    AgeBand, Education, Gender, MAX_AGE, Occupation, Respondent, SKM_SCALE_MAX, SkmAnswers,
    SkmAnswersBuilder, SkmResponse,
};
pub use time::{Date, TimeSpan, Timestamp, Weekday};
pub use weight::Weight;
