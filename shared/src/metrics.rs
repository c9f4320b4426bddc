//! The operators' figures, for Prometheus (`GET /metrics` in local mode,
//! `GET /api/metrics` where `METRICS_TOKEN` opts in): requests by route
//! template and status with their latency, the outbox backlog, queue sends,
//! delivery outcomes by channel, escalation lag and sweep duration. One
//! registry per process (a function instance counts its own); the backlog
//! is read from the database at each scrape. Each instrument is a plain
//! function call at the one place the thing happens.

use std::sync::LazyLock;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// What `GET /metrics` answers with.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    /// The route template (`/api/orgs/{orgId}/incidents`), never the raw path.
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SendLabels {
    queue: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DeliveryLabels {
    channel: String,
    outcome: &'static str,
}

fn seconds_histogram() -> Histogram {
    // 1 ms to about 33 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RequestLabels, Histogram, fn() -> Histogram>,
    outbox_backlog: Gauge,
    queue_sends: Family<SendLabels, Counter>,
    deliveries: Family<DeliveryLabels, Counter>,
    escalation_lag: Histogram,
    sweep_duration: Histogram,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("simplicity");
    let requests = Family::<RequestLabels, Counter>::default();
    registry.register("http_requests", "HTTP requests answered", requests.clone());
    let latency = Family::<RequestLabels, Histogram, fn() -> Histogram>::new_with_constructor(seconds_histogram);
    registry.register("http_request_duration_seconds", "Time to answer an HTTP request", latency.clone());
    let outbox_backlog = Gauge::default();
    registry.register("outbox_backlog", "Recorded events not yet relayed (read at scrape)", outbox_backlog.clone());
    let queue_sends = Family::<SendLabels, Counter>::default();
    registry.register("queue_sends", "Messages sent to the notification queue, by outcome", queue_sends.clone());
    let deliveries = Family::<DeliveryLabels, Counter>::default();
    registry.register(
        "delivery_attempts",
        "Notification delivery attempts, by channel and outcome",
        deliveries.clone(),
    );
    let escalation_lag = seconds_histogram();
    registry.register(
        "escalation_lag_seconds",
        "How late an escalation level fired after it fell due",
        escalation_lag.clone(),
    );
    let sweep_duration = seconds_histogram();
    registry.register("sweep_duration_seconds", "Time one sweep took", sweep_duration.clone());
    Metrics { registry, requests, latency, outbox_backlog, queue_sends, deliveries, escalation_lag, sweep_duration }
});

/// One request answered.
pub fn request_answered(method: &str, route: &str, status: u16, took: Duration) {
    let labels = RequestLabels { method: method.to_owned(), route: route.to_owned(), status };
    METRICS.latency.get_or_create(&labels).observe(took.as_secs_f64());
    METRICS.requests.get_or_create(&labels).inc();
}

/// One message sent to the queue (`sqs`, `in_process`), or not.
pub fn queue_send(queue: &'static str, sent: bool) {
    let outcome = if sent { "sent" } else { "failed" };
    METRICS.queue_sends.get_or_create(&SendLabels { queue, outcome }).inc();
}

/// How a delivery attempt ended: `delivered`, `retrying`, `failed`, `cancelled`.
pub fn delivery_attempted(channel: &str, outcome: &'static str) {
    METRICS.deliveries.get_or_create(&DeliveryLabels { channel: channel.to_owned(), outcome }).inc();
}

/// An escalation level fired `late` after it fell due.
pub fn escalation_fired(late: chrono::Duration) {
    METRICS.escalation_lag.observe(late.to_std().unwrap_or_default().as_secs_f64());
}

/// A sweep took `took`.
pub fn sweep_ran(took: Duration) {
    METRICS.sweep_duration.observe(took.as_secs_f64());
}

/// The exposition, with the outbox backlog as the database has it now.
pub async fn exposition(store: &crate::store::Store) -> crate::store::StoreResult<String> {
    Ok(render(store.system().outbox_backlog().await?))
}

fn render(outbox_backlog: u64) -> String {
    METRICS.outbox_backlog.set(i64::try_from(outbox_backlog).unwrap_or(i64::MAX));
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = prometheus_client::encoding::text::encode(&mut text, &METRICS.registry);
    text
}
