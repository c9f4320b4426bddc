//! JSON logs to stdout; `RUST_LOG` decides what is logged. With
//! `OTEL_EXPORTER_OTLP_ENDPOINT` set, spans also leave as OpenTelemetry
//! traces over OTLP/HTTP (protobuf): a span per request named by its route
//! template, its store calls and outbound sends below it, and the trace
//! carried through the outbox and the queue (W3C `traceparent`) to the
//! worker that handles what the request recorded.

use std::collections::HashMap;
use std::sync::OnceLock;

use opentelemetry::propagation::TextMapPropagator;
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Where traces go: the standard environment (`OTEL_EXPORTER_OTLP_ENDPOINT`,
/// `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_SERVICE_NAME`), or a collector's
/// traces URL given outright.
pub enum TracesTo {
    Environment,
    Url(String),
}

static TRACES: OnceLock<SdkTracerProvider> = OnceLock::new();
static FUNCTION: OnceLock<String> = OnceLock::new();

/// Names this process in every request's log line and as the traces'
/// service (unless `OTEL_SERVICE_NAME` says otherwise): the endpoint
/// function's bin name, `notify-worker`; local mode is `simplicity`.
/// Called before [`init`].
pub fn name_process(name: &str) {
    let _ = FUNCTION.set(name.to_owned());
}

/// The name [`name_process`] gave, else `simplicity`.
pub fn function_name() -> &'static str {
    FUNCTION.get().map_or("simplicity", String::as_str)
}

/// Installs the global subscriber once; later calls are no-ops.
pub fn init() {
    install(std::env::var_os("OTEL_EXPORTER_OTLP_ENDPOINT").map(|_| TracesTo::Environment));
}

/// [`init`], with traces sent as `traces` says (none: logs only).
pub fn install(traces: Option<TracesTo>) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    let logs = tracing_subscriber::fmt::layer().json().with_current_span(true).with_span_list(false);
    let otel = traces.and_then(|to| match tracer_provider(to) {
        Ok(provider) => {
            let tracer = provider.tracer("simplicity");
            let _ = TRACES.set(provider);
            Some(tracing_opentelemetry::layer().with_tracer(tracer))
        }
        Err(error) => {
            eprintln!("traces are off: {error}");
            None
        }
    });
    if tracing_subscriber::registry().with(otel).with(logs).with(filter).try_init().is_ok() {
        opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    }
}

fn tracer_provider(to: TracesTo) -> Result<SdkTracerProvider, opentelemetry_otlp::ExporterBuildError> {
    use opentelemetry_otlp::WithExportConfig;
    // The exporter's HTTP client is rustls, like every other.
    crate::tls::install_crypto();
    let builder = opentelemetry_otlp::SpanExporter::builder().with_http();
    let exporter = match to {
        TracesTo::Environment => builder.build()?,
        TracesTo::Url(url) => builder.with_endpoint(url).build()?,
    };
    let name = std::env::var("OTEL_SERVICE_NAME").unwrap_or_else(|_| function_name().to_owned());
    let resource = opentelemetry_sdk::Resource::builder().with_service_name(name).build();
    Ok(SdkTracerProvider::builder().with_batch_exporter(exporter).with_resource(resource).build())
}

/// Whether spans are exported.
pub fn tracing_on() -> bool {
    TRACES.get().is_some()
}

/// Sends the finished spans now (blocking): a function instance may be
/// frozen once it has answered.
pub fn flush_traces() {
    if let Some(provider) = TRACES.get() {
        let _ = provider.force_flush();
    }
}

/// The current span's W3C `traceparent`, when traces are on.
pub fn current_traceparent() -> Option<String> {
    if !tracing_on() {
        return None;
    }
    let mut carrier = HashMap::new();
    TraceContextPropagator::new().inject_context(&tracing::Span::current().context(), &mut carrier);
    carrier.remove("traceparent")
}

/// Makes `span` a child of the span `traceparent` names (from a caller or
/// a queued message), when traces are on.
pub fn continue_trace(span: &tracing::Span, traceparent: &str) {
    if !tracing_on() {
        return;
    }
    let carrier = HashMap::from([("traceparent".to_owned(), traceparent.to_owned())]);
    let _ = span.set_parent(TraceContextPropagator::new().extract(&carrier));
}
