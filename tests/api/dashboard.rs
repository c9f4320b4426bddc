//! Dashboard figures against a brute-force computation over a generated
//! history spanning days (a manual clock stamps each step).

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use simplicity_shared::clock::Clock;

use crate::helpers::{Backend, OrgFixture, spawn_app_with_clock};
use crate::incidents::{open_incident, set_status};

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

struct Truth {
    severity: &'static str,
    created: DateTime<Utc>,
    acknowledged: Option<DateTime<Utc>>,
    resolved: Option<DateTime<Utc>>,
}

/// The default targets in seconds: P1 15 min/4 h, P2 30 min/8 h, P3 4 h/3 d, P4 1 d/7 d.
fn target(severity: &str) -> (i64, i64) {
    match severity {
        "P1" => (15 * 60, 4 * 3600),
        "P2" => (30 * 60, 8 * 3600),
        "P3" => (4 * 3600, 3 * 86400),
        _ => (86400, 7 * 86400),
    }
}

fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<i64>() as f64 / values.len() as f64)
}

fn quantile(values: &mut [i64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    Some(values[rank - 1] as f64)
}

fn close(actual: &Value, expected: Option<f64>, tolerance: f64, what: &str) {
    match expected {
        None => assert!(actual.is_null(), "{what}: expected null, got {actual}"),
        Some(expected) => {
            let actual = actual.as_f64().unwrap_or_else(|| panic!("{what}: expected {expected}, got {actual}"));
            let error = (actual - expected).abs() / expected.max(1.0);
            assert!(error <= tolerance, "{what}: {actual} vs exact {expected}");
        }
    }
}

async fn dashboard_matches_brute_force(backend: Backend) {
    let start = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).single().expect("date");
    let clock = Clock::manual(start);
    let app = spawn_app_with_clock(backend, clock.clone()).await;
    let org = OrgFixture::new(&app, "Metrics").await;
    let severities = ["P1", "P2", "P3", "P4"];
    let mut random = Lcg(42);
    let mut truth = Vec::new();
    // Events happen in time order: schedule every step, then replay sorted.
    let mut steps: Vec<(DateTime<Utc>, usize, &str)> = Vec::new();
    for n in 0..60 {
        let created = start + Duration::minutes((random.next(10 * 24 * 60)) as i64);
        let severity = severities[random.next(4) as usize];
        let acknowledged =
            (random.next(10) < 8).then(|| created + Duration::seconds(30 + random.next(3 * 3600) as i64));
        let resolved = acknowledged
            .filter(|_| random.next(10) < 7)
            .map(|ack| ack + Duration::seconds(60 + random.next(2 * 24 * 3600) as i64));
        steps.push((created, n, "open"));
        if let Some(at) = acknowledged {
            steps.push((at, n, "acknowledged"));
        }
        if let Some(at) = resolved {
            steps.push((at, n, "resolved"));
        }
        truth.push(Truth { severity, created, acknowledged, resolved });
    }
    steps.sort();
    let mut incidents: Vec<Option<Value>> = vec![None; truth.len()];
    for (at, n, action) in steps {
        clock.set(at);
        if action == "open" {
            let body = json!({"title": format!("Generated {n}"), "severity": truth[n].severity});
            incidents[n] = Some(open_incident(&org.admin, &org, body).await);
        } else {
            let incident = incidents[n].as_ref().expect("opened first");
            assert_eq!(set_status(&org.admin, &org, incident, action).await.status(), 200);
        }
    }
    let now = start + Duration::days(14);
    clock.set(now);

    let from = start.date_naive() + Duration::days(2);
    let to = start.date_naive() + Duration::days(9);
    let dashboard: Value =
        org.admin.get(&org.path(&format!("/dashboard?from={from}&to={to}"))).await.json().await.expect("json");

    let in_window = |at: DateTime<Utc>| at.date_naive() >= from && at.date_naive() <= to;
    for severity in severities.iter().map(Some).chain([None]) {
        let matching: Vec<&Truth> = truth.iter().filter(|t| severity.is_none_or(|s| t.severity == *s)).collect();
        let figures = match severity {
            Some(s) => dashboard["bySeverity"][*s].clone(),
            None => dashboard["overall"].clone(),
        };
        let label = severity.copied().unwrap_or("overall");
        let opened = matching.iter().filter(|t| in_window(t.created)).count() as i64;
        let mut ack: Vec<i64> = matching
            .iter()
            .filter_map(|t| t.acknowledged.filter(|a| in_window(*a)).map(|a| (a - t.created).num_seconds()))
            .collect();
        let mut res: Vec<i64> = matching
            .iter()
            .filter_map(|t| t.resolved.filter(|r| in_window(*r)).map(|r| (r - t.created).num_seconds()))
            .collect();
        if opened == 0 && ack.is_empty() && res.is_empty() {
            assert!(figures.is_null() || figures["opened"] == 0, "{label}: {figures}");
            continue;
        }
        assert_eq!(figures["opened"], opened, "{label} opened");
        assert_eq!(figures["acknowledged"], ack.len() as i64, "{label} acknowledged");
        assert_eq!(figures["resolved"], res.len() as i64, "{label} resolved");
        close(&figures["mttaMeanSeconds"], mean(&ack), 1e-9, &format!("{label} mtta mean"));
        close(&figures["mttrMeanSeconds"], mean(&res), 1e-9, &format!("{label} mttr mean"));
        // Percentiles: within the histogram's stated ±4.9%.
        close(&figures["mttaP50Seconds"], quantile(&mut ack, 0.5), 0.049, &format!("{label} mtta p50"));
        close(&figures["mttaP90Seconds"], quantile(&mut ack, 0.9), 0.049, &format!("{label} mtta p90"));
        close(&figures["mttrP50Seconds"], quantile(&mut res, 0.5), 0.049, &format!("{label} mttr p50"));
        close(&figures["mttrP90Seconds"], quantile(&mut res, 0.9), 0.049, &format!("{label} mttr p90"));
        let ack_within = matching
            .iter()
            .filter(|t| {
                t.acknowledged.is_some_and(|a| in_window(a) && (a - t.created).num_seconds() <= target(t.severity).0)
            })
            .count();
        let res_within = matching
            .iter()
            .filter(|t| {
                t.resolved.is_some_and(|r| in_window(r) && (r - t.created).num_seconds() <= target(t.severity).1)
            })
            .count();
        let pct = |part: usize, n: usize| (n > 0).then(|| 100.0 * part as f64 / n as f64);
        close(&figures["ackCompliancePct"], pct(ack_within, ack.len()), 1e-9, &format!("{label} ack compliance"));
        close(
            &figures["resolveCompliancePct"],
            pct(res_within, res.len()),
            1e-9,
            &format!("{label} resolve compliance"),
        );
    }

    let active: i64 = truth.iter().filter(|t| t.resolved.is_none()).count() as i64;
    let by_severity = dashboard["activeBySeverity"].as_object().expect("active");
    assert_eq!(by_severity.values().map(|v| v.as_i64().expect("count")).sum::<i64>(), active);
    let breaching = dashboard["breaching"].as_array().expect("breaching").len() as i64;
    let expected_breaching = truth
        .iter()
        .filter(|t| t.resolved.is_none())
        .filter(|t| {
            let (ack_target, resolve_target) = target(t.severity);
            let age = (now - t.created).num_seconds();
            age > resolve_target || (t.acknowledged.is_none() && age > ack_target)
        })
        .count() as i64;
    assert_eq!(breaching, expected_breaching, "incidents past their targets now");

    let daily = dashboard["daily"].as_array().expect("daily");
    for day in daily {
        let date: chrono::NaiveDate = day["day"].as_str().expect("day").parse().expect("date");
        let opened = truth.iter().filter(|t| t.created.date_naive() == date).count() as i64;
        let resolved = truth.iter().filter(|t| t.resolved.is_some_and(|r| r.date_naive() == date)).count() as i64;
        assert_eq!((day["opened"].as_i64(), day["resolved"].as_i64()), (Some(opened), Some(resolved)), "{date}");
    }

    // Reopening takes a resolution back out of the figures.
    let resolved_index =
        truth.iter().position(|t| t.resolved.is_some_and(in_window)).expect("a resolution in the window");
    let reopened = incidents[resolved_index].as_ref().expect("incident");
    assert_eq!(set_status(&org.admin, &org, reopened, "open").await.status(), 200);
    let after: Value =
        org.admin.get(&org.path(&format!("/dashboard?from={from}&to={to}"))).await.json().await.expect("json");
    assert_eq!(after["overall"]["resolved"].as_i64(), dashboard["overall"]["resolved"].as_i64().map(|n| n - 1));
}

#[tokio::test]
async fn dashboard_matches_brute_force_on_sqlite() {
    dashboard_matches_brute_force(Backend::Sqlite).await;
}

#[tokio::test]
async fn dashboard_matches_brute_force_on_postgres() {
    dashboard_matches_brute_force(Backend::Postgres).await;
}

#[tokio::test]
async fn absurd_windows_and_targets_are_refused_by_field() {
    let app = crate::helpers::spawn_app(Backend::Sqlite).await;
    let org = OrgFixture::new(&app, "Bounds").await;
    let far = org.admin.get(&org.path("/dashboard?to=9999-01-01")).await;
    assert_eq!(crate::helpers::expect_problem(far, 422).await["errors"][0]["field"], "to");
    org.with_modules(&app, "pro", &["slaManagement"]).await;
    let huge = json!({"P1": {"acknowledgeSeconds": 900, "resolveSeconds": 1_000_000_000_000i64}});
    let refused = org.admin.send(reqwest::Method::PUT, &org.path("/sla-targets"), Some(huge)).await;
    assert_eq!(crate::helpers::expect_problem(refused, 422).await["errors"][0]["field"], "P1.resolveSeconds");
    let incident =
        crate::incidents::open_incident(&org.admin, &org, json!({"title": "Still fine", "severity": "P1"})).await;
    assert_eq!(incident["severity"], "P1");
}
