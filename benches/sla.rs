//! The SLA sweep at size, on PostgreSQL: 1,000,000 running clocks, and
//! how long a sweep tick takes to find the due ones and deliver them.
//! Clocks come two ways: incidents created through the store's write path
//! (the policy starts a response and a resolution clock on each, with
//! their events), and the rest filled into the tables that path writes
//! (`sla_clocks`, `sla_clock_events`) with timers spread over the next
//! month, so the index holds a million entries the claim must skip. The
//! clock then moves 30 s a tick, so the created incidents' warnings and
//! breaches fall due in waves. Each tick is a whole sweep, as the cron
//! runs it; prints p50/p99/max of ticks with nothing due (finding that
//! nothing is) and of ticks delivering alerts, and how many; asserts
//! nothing.
//!
//! `cargo bench --bench sla` (or `scripts/bench`). Environment:
//! BENCH_CLOCKS (1000000), BENCH_SLA_INCIDENTS (2000), BENCH_TICKS (240),
//! TEST_POSTGRES_URL.

mod support;

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use simplicity_shared::app::AppState;
use simplicity_shared::clock::Clock;
use simplicity_shared::domain::audit::AuditMeta;
use simplicity_shared::domain::incidents::{Severity, Source};
use simplicity_shared::domain::org::{Module, OrgSlug, Plan};
use simplicity_shared::store::{NewIncident, NewOrg, NewUser};
use support::{BenchDb, env_number, exec, percentile};

fn figures(name: &str, samples: &mut [Duration]) {
    samples.sort();
    println!(
        "  {name:<34} p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
        percentile(samples, 0.5),
        percentile(samples, 0.99),
        percentile(samples, 1.0)
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    simplicity_shared::tls::install_crypto();
    let clocks = env_number("BENCH_CLOCKS", 1_000_000);
    let incidents = env_number("BENCH_SLA_INCIDENTS", 2000);
    let ticks = env_number("BENCH_TICKS", 240);
    println!("sla: {clocks} running clocks, {incidents} incidents through the write path, {ticks} ticks of 30 s");
    let db = BenchDb::create().await;
    let start = Utc.with_ymd_and_hms(2026, 3, 16, 8, 0, 0).single().expect("start");
    let clock = Clock::manual(start);
    let mut config = simplicity_shared::config::Config::for_database(&db.url);
    config.clock = clock.clone();
    let state = AppState::build(config).await.expect("state");
    let store = state.store.clone();
    let meta = AuditMeta::system("benchmark");
    let user = store
        .insert_user(
            NewUser {
                email: "bench@example.com".into(),
                name: "Bench".into(),
                password_hash: "x".into(),
                email_verified_at: Some(start),
            },
            &meta,
        )
        .await
        .expect("user");
    let slug = OrgSlug::parse("sla-bench").expect("slug");
    let org = store.create_org(NewOrg { name: "SLA bench".into(), slug }, user.id, &meta).await.expect("org");
    store.set_plan(org.id, Plan::Enterprise, &meta).await.expect("plan");
    let access = store.member_access(user.id, org.id).await.expect("access").expect("member");
    let scope = store.org_store(&access);
    scope.set_features(&[(Module::SlaManagement, true)], &meta).await.expect("module");
    let spec = serde_json::from_value(serde_json::json!({
        "name": "Incidents", "appliesTo": {"record": "incident"}, "warnings": [50, 75],
        "targets": {"P1": {"responseMinutes": 15, "resolutionMinutes": 60},
                    "default": {"responseMinutes": 30, "resolutionMinutes": 240}}
    }))
    .expect("policy");
    let policy = scope.sla().save_policy(None, spec, &meta).await.expect("store").expect("policy");

    let began = Instant::now();
    for n in 0..incidents {
        // Created over the first hour, so their timers fall due over the ticks.
        clock.set(start + chrono::Duration::seconds((n * 3600 / incidents.max(1)) as i64));
        let new = NewIncident {
            title: format!("Incident {n}"),
            description: String::new(),
            severity: if n % 4 == 0 { Severity::P1 } else { Severity::P3 },
            assignees: vec![user.id],
            commander: None,
            team: None,
            labels: Vec::new(),
            source: Source::Api,
            created_by: user.id,
            links: Vec::new(),
        };
        scope.incidents().create(new, None, &meta).await.expect("store").expect("incident");
    }
    println!(
        "  {incidents} incidents (2 clocks each) through the write path in {:.1} s",
        began.elapsed().as_secs_f64()
    );

    let began = Instant::now();
    let filled = clocks.saturating_sub(incidents * 2);
    let org_id = org.id.uuid();
    let policy_id = policy.id.uuid();
    // Not due during the run: timers over the month after the first day,
    // each clock with its started event, as the write path leaves them.
    let filler = state_db(&db).await;
    exec(
        &filler,
        &format!(
            "WITH clocks AS (INSERT INTO sla_clocks (id, org_id, subject_kind, subject_id, policy_id, policy_revision, \
             metric, status, target_seconds, due_at, breached_at, alert_at, warnings_sent, breach_sent, created_at, updated_at) \
             SELECT gen_random_uuid(), '{org_id}', 'incident', gen_random_uuid(), '{policy_id}', 1, 'resolution', 'running', \
             14400, TIMESTAMPTZ '{start}' + make_interval(mins => 1440 + (i % 43200)), NULL, \
             TIMESTAMPTZ '{start}' + make_interval(mins => 1440 + (i % 43200)), 0, false, TIMESTAMPTZ '{start}', TIMESTAMPTZ '{start}' \
             FROM generate_series(1, {filled}) AS i RETURNING id, org_id, created_at) \
             INSERT INTO sla_clock_events (id, org_id, clock_id, event, created_at) \
             SELECT gen_random_uuid(), org_id, id, '{{\"type\":\"started\",\"at\":\"{at}\",\"target_seconds\":14400}}', created_at \
             FROM clocks",
            at = start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ),
    )
    .await;
    exec(&filler, "ANALYZE sla_clocks").await;
    exec(&filler, "ANALYZE sla_clock_events").await;
    println!("  {filled} more clocks (and their events) filled in {:.1} s", began.elapsed().as_secs_f64());

    // Each tick is what the cron runs: the sweep (prunes, then the SLA
    // alerts due: claimed by the `alert_at` index, each delivered once).
    let mut idle = Vec::new();
    let mut busy = Vec::new();
    let mut delivered = 0;
    for tick in 0..ticks {
        clock.set(start + chrono::Duration::seconds(30 * (tick as i64 + 1)));
        let began = Instant::now();
        let report = simplicity_shared::jobs::sweep::sweep_once(&state).await.expect("sweep");
        let took = began.elapsed();
        delivered += report.sla_alerts;
        if report.sla_alerts == 0 { idle.push(took) } else { busy.push(took) }
    }
    println!("  {delivered} warnings and breaches delivered over {ticks} ticks");
    if !idle.is_empty() {
        figures(&format!("tick, nothing due ({} ticks)", idle.len()), &mut idle);
    }
    if !busy.is_empty() {
        let per_tick = delivered as f64 / busy.len() as f64;
        figures(&format!("tick, delivering ({} ticks, {per_tick:.1} each)", busy.len()), &mut busy);
    }
    drop(state);
    db.drop_now().await;
}

/// A connection of the benchmark's own, for filling.
async fn state_db(db: &BenchDb) -> sea_orm::DatabaseConnection {
    sea_orm::Database::connect(&db.url).await.expect("connect")
}
