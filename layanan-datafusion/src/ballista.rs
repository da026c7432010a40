//! The functions on an [Apache Ballista](https://datafusion.apache.org/ballista/) cluster
//! (feature `ballista`, Ballista 55).
//!
//! Ballista ships a query to its executors as a serialised plan in which a user-defined
//! function is only a name: each executor looks the name up in its own function registry, and
//! the scheduler, which plans the query, in its own session. So the functions must be
//! registered on **every executor and on the scheduler**, not only on the client, and the
//! settings they judge visits by (service standards, `as_of`) are the ones they were
//! registered with *there*: the client's are used for planning only.
//!
//! - [`function_registry`]: an executor's registry (Ballista's default functions and these),
//!   for `ExecutorProcessConfig::override_function_registry`;
//! - [`session_builder`]: a scheduler's session builder registering them, for
//!   `SchedulerConfig::override_session_builder`;
//! - [`standalone`]: a scheduler and an executor in this process with the functions, and a
//!   client context on them (tests, one machine);
//! - [`remote`]: a client context on a running cluster, the functions registered for
//!   planning.
//!
//! A stock executor (`ballista-executor`) or scheduler (`ballista-scheduler`) does not know
//! these functions: the query fails (the crate's README shows the error). The
//! `ballista_executor` and `ballista_scheduler` examples of this crate are the two processes
//! for a real cluster.

use ::ballista::prelude::{SessionConfigExt, SessionContextExt};
use ballista_core::registry::BallistaFunctionRegistry;
use ballista_core::utils::default_session_builder;
use datafusion::common::Result;
use datafusion::execution::SessionState;
use datafusion::prelude::{SessionConfig, SessionContext};

use crate::{Settings, register_on, register_with};

/// A scheduler's session builder: Ballista's default session for `config` with every function
/// registered, judging visits by `settings`.
///
/// Give it to the scheduler as `SchedulerConfig::override_session_builder`
/// (`Some(Arc::new(session_builder(settings)))`): the scheduler decodes the client's logical
/// plan, and so resolves the functions' names, in the session this builds.
pub fn session_builder(
    settings: Settings,
) -> impl Fn(SessionConfig) -> Result<SessionState> + Send + Sync + 'static {
    move |config| {
        let mut state = default_session_builder(config)?;
        register_on(&mut state, settings.clone())?;
        Ok(state)
    }
}

/// An executor's function registry: Ballista's default functions and every function of this
/// crate, judging visits by `settings`.
///
/// Give it to the executor as `ExecutorProcessConfig::override_function_registry`
/// (`Some(Arc::new(function_registry(settings)?))`): the executor decodes each task's plan, and
/// so finds the functions by name, in this registry.
///
/// # Errors
/// Building Ballista's default session (its runtime environment).
pub fn function_registry(settings: Settings) -> Result<BallistaFunctionRegistry> {
    let state = session_builder(settings)(SessionConfig::new_with_ballista())?;
    Ok(BallistaFunctionRegistry::from(&state))
}

/// A Ballista scheduler and executor started in this process, both with every function
/// judging visits by `settings`, and a client context on them with the functions registered.
///
/// `config` is the session's configuration (target partitions, batch size; the executor's
/// task slots are `ballista.standalone.parallelism`, by default the cores).
///
/// # Errors
/// Starting the scheduler or the executor.
pub async fn standalone(settings: Settings, config: SessionConfig) -> Result<SessionContext> {
    let state = session_builder(settings.clone())(config)?;
    let ctx = SessionContext::standalone_with_state(state).await?;
    // The client's session is rebuilt for Ballista with Ballista's default functions only:
    // register them again for planning.
    register_with(&ctx, settings);
    Ok(ctx)
}

/// A client context on the Ballista scheduler at `url` (`df://host:50050`), with every
/// function registered for planning.
///
/// The executors and the scheduler must have been started with the functions, judging visits
/// by the same `settings`: the numbers are computed there, with theirs.
///
/// # Errors
/// A malformed `url`.
pub async fn remote(url: &str, settings: Settings) -> Result<SessionContext> {
    let ctx = SessionContext::remote(url).await?;
    register_with(&ctx, settings);
    Ok(ctx)
}
