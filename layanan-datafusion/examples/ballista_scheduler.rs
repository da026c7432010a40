//! A Ballista scheduler with layanan's functions registered: Ballista 55's scheduler process
//! with its session builder overridden (a stock `ballista-scheduler` cannot decode a plan
//! calling `skm_ikm` & co. and fails the query).
//!
//! ```sh
//! cargo run --release -p layanan-datafusion --features ballista --example ballista_scheduler -- \
//!     --bind-host 0.0.0.0 --external-host 10.0.0.1 \
//!     --standards standards.csv --holidays holidays.csv
//! ```
//!
//! The crate's README says how to run a cluster.

#[path = "ballista/common.rs"]
mod common;

use std::net::SocketAddr;
use std::sync::Arc;

use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use common::{Args, Failure, SETTINGS, SETTINGS_USAGE};

const USAGE: &str = "A Ballista scheduler with layanan's functions.

ballista_scheduler [--bind-host ADDR] [--bind-port PORT] [--external-host HOST] [settings]

  --bind-host ADDR       the address to listen on (default 127.0.0.1; 0.0.0.0 for a cluster)
  --bind-port PORT       the port clients and executors connect to (default 50050)
  --external-host HOST   the name other machines reach this one by (default localhost)

settings:";

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let mut known = vec!["bind-host", "bind-port", "external-host"];
    known.extend(SETTINGS);
    let args = Args::parse(&known, &format!("{USAGE}\n{SETTINGS_USAGE}"))?;
    let settings = args.settings()?;
    let defaults = SchedulerConfig::default();
    let config = SchedulerConfig {
        bind_host: args.or("bind-host", &defaults.bind_host),
        bind_port: args.number("bind-port", defaults.bind_port)?,
        external_host: args.or("external-host", &defaults.external_host),
        // The scheduler decodes the client's logical plan, where a function is a name, and
        // plans it in the session this builds: Ballista's default and layanan's functions.
        override_session_builder: Some(Arc::new(layanan_datafusion::ballista::session_builder(
            settings,
        ))),
        ..defaults
    };
    let address: SocketAddr = format!("{}:{}", config.bind_host, config.bind_port).parse()?;
    let cluster = BallistaCluster::new_from_config(&config).await?;
    println!("Ballista scheduler with layanan's functions on {address}");
    start_server(cluster, address, Arc::new(config)).await?;
    Ok(())
}
