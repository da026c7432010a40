//! One integration-test binary (one link step on 2 cores); one module per area.

mod errors;
mod example;
mod model;
mod skm_fixtures;
mod skm_hand;
mod skm_laws;
mod stats_errors;
mod stats_fixtures;
mod stats_laws;
