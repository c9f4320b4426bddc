//! Knowledge-base search at size, on SQLite and on PostgreSQL: 100,000
//! published articles, each written and published through the API (the
//! path users take: the article, its revision, its search document, the
//! audit chain, the outbox), then searches of one to three words — common,
//! middling and rare words, and prefixes as typed — p50/p99 of the
//! answer's time. Prints its figures; asserts nothing.
//!
//! `cargo bench --bench knowledge` (or `scripts/bench`). Environment:
//! BENCH_ARTICLES (100000), BENCH_SEARCHES (300), TEST_POSTGRES_URL.

mod support;

use std::time::Instant;

use serde_json::{Value, json};
use support::{BenchDb, Lcg, PUBLIC_URL, env_number, measure, percentile};

/// Words of operations writing; drawn with a skew, so the first are common
/// and the last rare, as in a real knowledge base.
const WORDS: &[&str] = &[
    "the",
    "service",
    "database",
    "restart",
    "error",
    "latency",
    "deploy",
    "queue",
    "disk",
    "memory",
    "timeout",
    "certificate",
    "replica",
    "cache",
    "network",
    "kubernetes",
    "pod",
    "node",
    "alert",
    "rollback",
    "config",
    "token",
    "backup",
    "restore",
    "index",
    "vacuum",
    "lock",
    "connection",
    "pool",
    "dns",
    "proxy",
    "gateway",
    "payment",
    "checkout",
    "login",
    "session",
    "kafka",
    "consumer",
    "offset",
    "partition",
    "schema",
    "migration",
    "throttle",
    "quota",
    "billing",
    "invoice",
    "webhook",
    "retry",
    "backoff",
    "saturation",
    "heap",
    "thread",
    "deadlock",
    "snapshot",
    "volume",
    "mount",
    "firewall",
    "route",
    "balancer",
    "ingress",
    "egress",
    "secret",
    "rotation",
    "canary",
    "feature",
    "flag",
    "runbook",
    "escalation",
    "pager",
    "dashboard",
    "metric",
    "trace",
    "span",
    "sampling",
    "grafana",
    "prometheus",
    "terraform",
    "ansible",
    "helm",
    "chart",
    "redis",
    "postgres",
    "mysql",
    "mongodb",
    "elasticsearch",
    "shard",
    "rebalance",
    "compaction",
    "tombstone",
    "checksum",
    "corruption",
    "failover",
    "switchover",
    "quorum",
    "raft",
    "leader",
    "follower",
    "zookeeper",
    "etcd",
    "consul",
    "vault",
];

/// A word, skewed towards the start of the list.
fn word(random: &mut Lcg) -> &'static str {
    let r = random.next(10_000) as usize;
    WORDS[(r * r / 10_000) * WORDS.len() / 10_000]
}

fn article(n: usize) -> (String, String) {
    let mut random = Lcg(n as u64 * 7919 + 1);
    let title: Vec<&str> = (0..6).map(|_| word(&mut random)).collect();
    let body: Vec<String> = (0..12)
        .map(|_| {
            let sentence: Vec<&str> = (0..10).map(|_| word(&mut random)).collect();
            format!("{}.", sentence.join(" "))
        })
        .collect();
    (format!("{} {n}", title.join(" ")), body.join(" "))
}

/// Searches as people type them: common, middling and rare words, two and
/// three words, and prefixes.
fn queries() -> Vec<String> {
    let mut queries = Vec::new();
    for (i, w) in WORDS.iter().enumerate().skip(1) {
        queries.push((*w).to_owned());
        if i + 7 < WORDS.len() {
            queries.push(format!("{w} {}", WORDS[i + 7]));
        }
        if i + 13 < WORDS.len() {
            queries.push(format!("{w} {} {}", WORDS[i + 3], WORDS[i + 13]));
        }
        if w.len() > 4 {
            queries.push(w[..4].to_owned());
        }
    }
    queries
}

async fn run(label: &str, database_url: &str, articles: usize, searches: usize) {
    let mut config = simplicity_shared::config::Config::for_database(database_url);
    config.public_url = PUBLIC_URL.to_owned();
    config.web_dir = "/nonexistent".into();
    let base = support::serve_local_mode(config).await;
    let http = reqwest::Client::new();
    let (cookie, _) = support::signed_in_admin(&http, &base, database_url, "bench@example.com").await;
    let org: Value = http
        .post(format!("{base}/api/orgs"))
        .header("cookie", &cookie)
        .header("origin", PUBLIC_URL)
        .json(&json!({"name": "Bench", "slug": "bench"}))
        .send()
        .await
        .expect("org")
        .json()
        .await
        .expect("json");
    let org_id = org["id"].as_str().expect("id").to_owned();
    let store = simplicity_shared::store::Store::connect(database_url).await.expect("store");
    let meta = simplicity_shared::domain::audit::AuditMeta::system("benchmark");
    store
        .set_plan(org_id.parse().expect("org id"), simplicity_shared::domain::org::Plan::Pro, &meta)
        .await
        .expect("plan");
    let enabled = http
        .patch(format!("{base}/api/orgs/{org_id}/features"))
        .header("cookie", &cookie)
        .header("origin", PUBLIC_URL)
        .json(&json!({"knowledgeBase": true}))
        .send()
        .await
        .expect("features");
    assert_eq!(enabled.status(), 200, "{}", enabled.text().await.unwrap_or_default());

    let started = Instant::now();
    let (writer, base_url, org, session) = (http.clone(), base.clone(), org_id.clone(), cookie.clone());
    let (_, wall) = measure(8, articles, move |n| {
        let (http, base, org, cookie) = (writer.clone(), base_url.clone(), org.clone(), session.clone());
        async move {
            let (title, body) = article(n);
            let created = http
                .post(format!("{base}/api/orgs/{org}/kb/articles"))
                .header("cookie", &cookie)
                .header("origin", PUBLIC_URL)
                .json(&json!({"title": title, "body": body}))
                .send()
                .await
                .expect("create");
            if !created.status().is_success() {
                return created.status();
            }
            let created: Value = created.json().await.expect("json");
            http.post(format!("{base}/api/orgs/{org}/kb/articles/{}/status", created["id"].as_str().expect("id")))
                .header("cookie", &cookie)
                .header("origin", PUBLIC_URL)
                .header("if-match", "*")
                .json(&json!({"status": "published"}))
                .send()
                .await
                .map(|r| r.status())
                .unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR)
        }
    })
    .await;
    println!(
        "{label}: wrote and published {articles} articles in {:.0} s ({:.0}/s, 8 clients)",
        started.elapsed().as_secs_f64(),
        articles as f64 / wall.as_secs_f64()
    );

    let queries = queries();
    let mut latencies = Vec::with_capacity(searches);
    let mut found = Vec::with_capacity(searches);
    for s in 0..searches {
        let q = &queries[s % queries.len()];
        let started = Instant::now();
        let answer: Value = http
            .get(format!("{base}/api/orgs/{org_id}/kb?limit=10&q={}", q.replace(' ', "+")))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("search")
            .json()
            .await
            .expect("json");
        latencies.push(started.elapsed());
        found.push(answer["data"].as_array().map_or(0, Vec::len));
    }
    latencies.sort();
    let empty = found.iter().filter(|n| **n == 0).count();
    println!(
        "{label}: search over {articles} articles ({searches} searches of {} queries, top 10 with snippets): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {empty} found nothing",
        queries.len(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
    );
}

fn main() {
    simplicity_shared::tls::install_crypto();
    let articles = env_number("BENCH_ARTICLES", 100_000);
    let searches = env_number("BENCH_SEARCHES", 300);
    println!("knowledge: {articles} articles, {searches} searches per store");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let dir = std::env::temp_dir().join(format!("simplicity-bench-kb-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("dir");
        run("SQLite", &format!("sqlite://{}/bench.db?mode=rwc", dir.display()), articles, searches).await;
        let _ = std::fs::remove_dir_all(dir);
        let pg = BenchDb::create().await;
        run("PostgreSQL", &pg.url, articles, searches).await;
        pg.drop_now().await;
    });
}
