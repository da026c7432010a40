//! A client of a Ballista cluster running layanan's functions (`ballista_scheduler` and
//! `ballista_executor`): registers CSV or Parquet tables and prints a query's rows.
//!
//! ```sh
//! cargo run --release -p layanan-datafusion --features ballista --example ballista_sql -- \
//!     --scheduler df://10.0.0.1:50050 --csv skm=/data/skm.csv \
//!     --sql "SELECT unit, skm_ikm(u1, u2, u3, u4, u5, u6, u7, u8, u9)['ikm_rounded'] AS ikm FROM skm GROUP BY unit"
//! ```

#[path = "ballista/common.rs"]
#[allow(dead_code, reason = "shared with the executor and the scheduler")]
mod common;

use common::{Args, Failure, SETTINGS, SETTINGS_USAGE};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions};

const USAGE: &str = "A query on a Ballista cluster running layanan's functions.

ballista_sql [--scheduler URL] [--csv NAME=PATH] [--parquet NAME=PATH] --sql QUERY [settings]

  --scheduler URL    the scheduler (default df://localhost:50050)
  --csv NAME=PATH    a CSV file (with a header) as table NAME, read by the executors (repeatable)
  --parquet NAME=PATH  a Parquet file or folder as table NAME, read by the executors (repeatable)
  --sql QUERY        the query

settings (for planning only: the executors judge with theirs):";

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let mut known = vec!["scheduler", "csv", "parquet", "sql"];
    known.extend(SETTINGS);
    let args = Args::parse(&known, &format!("{USAGE}\n{SETTINGS_USAGE}"))?;
    let settings = args.settings()?;
    let url = args.or("scheduler", "df://localhost:50050");
    let ctx = layanan_datafusion::ballista::remote(&url, settings).await?;
    for (kind, spec) in ["csv", "parquet"]
        .into_iter()
        .flat_map(|kind| args.all(kind).iter().map(move |spec| (kind, spec)))
    {
        let (name, path) = spec
            .split_once('=')
            .ok_or(format!("--{kind}: expected NAME=PATH, got {spec}"))?;
        match kind {
            "csv" => ctx.register_csv(name, path, CsvReadOptions::new()).await?,
            _ => {
                ctx.register_parquet(name, path, ParquetReadOptions::default())
                    .await?
            }
        }
    }
    let sql = args
        .get("sql")
        .ok_or(format!("--sql is required\n\n{USAGE}"))?;
    let batches = ctx.sql(sql).await?.collect().await?;
    println!("{}", pretty_format_batches(&batches)?);
    Ok(())
}
