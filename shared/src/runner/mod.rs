//! The only code that knows where it runs. An endpoint binary calls
//! [`start`]; it picks Vercel, AWS Lambda or a plain local HTTP server from
//! the environment and serves the same router in each.

use std::net::SocketAddr;
use std::process::ExitCode;

use axum::Router;

use crate::app::AppState;
use crate::config::Config;
use crate::endpoints::Endpoint;
use crate::http;

mod vercel;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Vercel,
    Lambda,
    Local,
}

impl Mode {
    pub fn detect() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some();
        if set("VERCEL_IPC_PATH") || set("VERCEL_DEV_PORT") || set("VERCEL_DEV") {
            Mode::Vercel
        } else if set("AWS_LAMBDA_RUNTIME_API") {
            Mode::Lambda
        } else {
            Mode::Local
        }
    }
}

pub use crate::error::BoxError;

/// Runs one endpoint function until its platform stops it. Synchronous, so
/// that endpoint binaries stay a few lines and share all compiled code.
pub fn start(endpoint: Endpoint) -> ExitCode {
    crate::logging::name_process(&endpoint.bin_name());
    block_on(async move {
        let mode = Mode::detect();
        // Functions leave migrations to deploys (`simplicity migrate`) unless asked.
        let state = AppState::build(Config::from_env(false)?).await?;
        let router = http::service((endpoint.routes)(), state);
        tracing::info!(endpoint = endpoint.path, ?mode, "starting");
        match mode {
            Mode::Vercel => vercel_runtime::run(vercel::Function::new(endpoint.path, router)).await,
            Mode::Lambda => lambda_http::run(router).await,
            Mode::Local => serve(router, local_addr(None, None)?).await,
        }
    })
}

/// Runs the notification worker (`functions/notify.rs`). On Lambda it takes
/// SQS batches (reporting failed messages, so only those come back) and
/// EventBridge schedule ticks (the sweep); elsewhere it polls SQS and sweeps
/// every few seconds itself.
pub fn start_worker() -> ExitCode {
    crate::logging::name_process("notify-worker");
    block_on(async move {
        let state = AppState::build(Config::from_env(false)?).await?;
        if state.queue.is_none() {
            return Err("the notification worker needs SQS_QUEUE_URL".into());
        }
        match Mode::detect() {
            Mode::Lambda => {
                let worker = std::sync::Arc::new(state);
                lambda_runtime::run(lambda_runtime::service_fn(move |event| {
                    let worker = worker.clone();
                    async move { worker_event(&worker, event).await }
                }))
                .await
            }
            Mode::Vercel | Mode::Local => {
                crate::server::start_background(state).await;
                shutdown_signal().await;
                Ok(())
            }
        }
    })
}

/// One Lambda invocation of the worker: an SQS batch or a schedule tick.
async fn worker_event(
    state: &AppState,
    event: lambda_runtime::LambdaEvent<serde_json::Value>,
) -> Result<serde_json::Value, BoxError> {
    use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
    if event.payload.get("Records").is_none() {
        let report = crate::jobs::sweep::sweep_once(state).await?;
        return Ok(serde_json::to_value(report)?);
    }
    let batch: SqsEvent = serde_json::from_value(event.payload)?;
    let ctx = state.worker_context();
    let mut response = SqsBatchResponse::default();
    for record in batch.records {
        let body = record.body.unwrap_or_default();
        if !crate::notify::queue::handle_body(&body, &ctx).await {
            response.add_failure(record.message_id.unwrap_or_default());
        }
    }
    // The instance may be frozen once it has answered.
    if crate::logging::tracing_on() {
        let _ = tokio::task::spawn_blocking(crate::logging::flush_traces).await;
    }
    Ok(serde_json::to_value(response)?)
}

/// Builds a multi-threaded runtime, runs `main` on it and maps its outcome to
/// an exit code, logging the whole cause chain on failure.
pub fn block_on<F>(main: F) -> ExitCode
where
    F: std::future::Future<Output = Result<(), BoxError>>,
{
    crate::logging::init();
    crate::tls::install_crypto();
    let _reporting = crate::reporting::init(None);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(main) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %crate::error::chain(error.as_ref()), "stopped with an error");
            ExitCode::FAILURE
        }
    }
}

/// `--host`/`--port` arguments win over `HOST`/`PORT`; default 127.0.0.1:3000.
pub fn local_addr(host: Option<String>, port: Option<u16>) -> Result<SocketAddr, BoxError> {
    let host = host.or_else(|| std::env::var("HOST").ok()).unwrap_or_else(|| "127.0.0.1".to_owned());
    let port = match port {
        Some(port) => port,
        None => std::env::var("PORT").ok().map(|p| p.parse()).transpose()?.unwrap_or(3000),
    };
    Ok(format!("{host}:{port}").parse()?)
}

/// Serves `router` over plain HTTP until Ctrl-C or SIGTERM.
pub async fn serve(router: Router, addr: SocketAddr) -> Result<(), BoxError> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(addr = %listener.local_addr()?, "listening");
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
}
