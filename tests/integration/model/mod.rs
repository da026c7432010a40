//! The model types: time, calendars, money, standards, interactions, respondents and weights,
//! their text forms, and (features `serde`, `jiff`) their interchange forms; one module each.

mod calendar;
mod interaction;
#[cfg(feature = "jiff")]
mod jiff_conversions;
mod money;
mod respondent;
#[cfg(feature = "serde")]
mod serde_forms;
mod standards;
mod time;
mod weight;

use layanan::{
    AgeBand, Calendar, Completion, Date, Education, Error, Gender, Granularity, Interaction, Money,
    Occupation, Period, RatingScale, Respondent, ServiceStandard, Standards, Tariff, TimeSpan,
    Timestamp, Weekday, Weight,
};
use proptest::prelude::*;

fn ts(text: &str) -> Timestamp {
    text.parse()
        .unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// 2025-03-04T01:15:00Z in Unix milliseconds.
const MARCH_4_0115Z: i64 = 1_741_050_900_000;
