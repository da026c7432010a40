//! One integration-test binary (one link step on 2 cores); one module per area.

#[cfg(feature = "serde")]
mod atomic;
mod columns;
mod compare;
mod compare_fixtures;
mod complaints;
mod cost;
mod cx;
mod effects;
mod empathy;
mod erlang_a;
mod errors;
mod example;
mod group;
mod groups;
mod honest;
mod hostile;
#[cfg(feature = "html")]
mod html;
mod laws;
mod layers;
mod merge_names;
mod model;
mod omega;
#[cfg(feature = "rayon")]
mod parallel;
mod promises;
#[cfg(feature = "csv")]
mod read;
mod scorecard;
mod sketch;
mod skm_fixtures;
mod skm_hand;
mod skm_laws;
mod speed;
mod stats_errors;
mod stats_fixtures;
mod stats_laws;
mod stats_numerics;
mod support;
