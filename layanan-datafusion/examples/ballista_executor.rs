//! A Ballista executor with layanan's functions registered: Ballista 55's executor process
//! with its function registry overridden (a stock `ballista-executor` does not know
//! `skm_ikm` & co. and fails the query).
//!
//! ```sh
//! cargo run --release -p layanan-datafusion --features ballista --example ballista_executor -- \
//!     --scheduler-host 10.0.0.1 --bind-host 0.0.0.0 --external-host 10.0.0.2 \
//!     --standards standards.csv --holidays holidays.csv
//! ```
//!
//! The crate's README says how to run a cluster.

#[path = "ballista/common.rs"]
mod common;

use std::sync::Arc;

use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use common::{Args, Failure, SETTINGS, SETTINGS_USAGE};

const USAGE: &str = "A Ballista executor with layanan's functions.

ballista_executor [--scheduler-host HOST] [--scheduler-port PORT] [--bind-host ADDR]
                  [--external-host HOST] [--port PORT] [--grpc-port PORT]
                  [--vcores N] [--work-dir DIR] [settings]

  --scheduler-host HOST  the scheduler (default localhost)
  --scheduler-port PORT  its port (default 50050)
  --bind-host ADDR       the address to listen on (default 127.0.0.1; 0.0.0.0 for a cluster)
  --external-host HOST   the name other machines reach this one by (default: the scheduler
                         sees the address this executor connects from)
  --port PORT            Arrow Flight port the other executors fetch shuffled data from
                         (default 50051)
  --grpc-port PORT       gRPC port of the executor (default 50052)
  --vcores N             task slots (default: the cores)
  --work-dir DIR         where shuffled data is written (default: a temporary directory)

settings:";

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let mut known = vec![
        "scheduler-host",
        "scheduler-port",
        "bind-host",
        "external-host",
        "port",
        "grpc-port",
        "vcores",
        "work-dir",
    ];
    known.extend(SETTINGS);
    let args = Args::parse(&known, &format!("{USAGE}\n{SETTINGS_USAGE}"))?;
    let settings = args.settings()?;
    let defaults = ExecutorProcessConfig::default();
    let config = ExecutorProcessConfig {
        scheduler_host: args.or("scheduler-host", &defaults.scheduler_host),
        scheduler_port: args.number("scheduler-port", defaults.scheduler_port)?,
        bind_host: args.or("bind-host", &defaults.bind_host),
        external_host: args.get("external-host").map(str::to_owned),
        port: args.number("port", defaults.port)?,
        grpc_port: args.number("grpc-port", defaults.grpc_port)?,
        vcores: args.number("vcores", defaults.vcores)?,
        work_dir: args.get("work-dir").map(str::to_owned),
        // The executor decodes each task's plan, where a function is a name, in this registry:
        // Ballista's default functions and layanan's, judging visits by the settings.
        override_function_registry: Some(Arc::new(
            layanan_datafusion::ballista::function_registry(settings)?,
        )),
        ..defaults
    };
    start_executor_process(Arc::new(config)).await?;
    Ok(())
}
