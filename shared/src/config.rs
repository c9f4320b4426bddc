//! Configuration from the environment alone: serverless functions have no
//! config files. Read and validated once per process.

use std::env;
use std::path::PathBuf;

use crate::domain::billing::{Interval, PriceBook};
use crate::domain::org::Plan;

#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Where browsers reach the product; CSRF checks compare `Origin` with it.
    pub public_url: String,
    /// Origins accepted besides the public URL's: local mode's other names
    /// for itself (see [`Config::serve_at`]).
    pub own_origins: Vec<String>,
    /// Run pending migrations when the process starts.
    pub auto_migrate: bool,
    /// The exported frontend served by the local server, when present.
    pub web_dir: PathBuf,
    /// Largest accepted request body.
    pub body_limit_bytes: usize,
    /// Take the client address from `X-Forwarded-For` (behind Vercel, API
    /// Gateway or another proxy) rather than from the connection.
    pub trust_proxy: bool,
    /// Publish live events to Pusher Channels (serverless deployments).
    pub pusher: Option<PusherConfig>,
    /// lettre's SMTP connection URL; unset, mail goes to the log.
    pub smtp_url: Option<String>,
    /// The sender of every email.
    pub mail_from: String,
    /// Stripe billing; unset, operators set plans by hand.
    pub stripe: Option<StripeConfig>,
    /// Seals integration secrets at rest (`SECRETS_KEY`).
    pub sealer: Option<crate::secrets::Sealer>,
    /// SQS between the relay and the notification workers (`SQS_QUEUE_URL`,
    /// `SQS_ENDPOINT_URL` for an emulator); unset, local mode queues in-process.
    pub sqs: Option<SqsConfig>,
    /// First retry delay of a failed delivery (`NOTIFY_RETRY_BASE_MS`).
    pub retry: crate::domain::notify::RetryPolicy,
    /// How often a long-lived process (local mode, a worker outside Lambda)
    /// runs the sweep (`SWEEP_INTERVAL_MS`, default one second).
    pub sweep_interval: std::time::Duration,
    /// Guards the sweep endpoint cron jobs call (`CRON_SECRET`).
    pub cron_secret: Option<String>,
    /// When set, local mode's `GET /metrics` asks for it as a bearer token
    /// (`METRICS_TOKEN`); unset, it answers anyone who can reach the port.
    pub metrics_token: Option<String>,
    /// Let notifications reach private and loopback addresses over plain
    /// http, any host (`OUTBOUND_ALLOW_PRIVATE`): for tests and local
    /// receivers only, never where organisations share a deployment.
    pub outbound_allow_private: bool,
    /// What stamps time: the system's clock, or a test's.
    pub clock: crate::clock::Clock,
}

#[derive(Debug, Clone)]
pub struct SqsConfig {
    pub queue_url: String,
    pub endpoint: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration variable {name}: {problem}")]
pub struct ConfigError {
    pub name: &'static str,
    pub problem: String,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/simplicity.db?mode=rwc";
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;
pub const DEFAULT_MAIL_FROM: &str = "Simplicity <no-reply@localhost>";
pub const DEFAULT_SWEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

impl Config {
    /// Defaults, overridden by the environment. `auto_migrate_default` is the
    /// runner's choice: the local server migrates, functions do not unless asked.
    pub fn from_env(auto_migrate_default: bool) -> Result<Self, ConfigError> {
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(ConfigError {
                name: "DATABASE_URL",
                problem: "must start with sqlite: or postgres://".to_owned(),
            });
        }
        Ok(Self {
            database_url,
            public_url: var("PUBLIC_URL").unwrap_or_else(|| "http://localhost:3000".to_owned()),
            own_origins: Vec::new(),
            auto_migrate: parse_bool("AUTO_MIGRATE")?.unwrap_or(auto_migrate_default),
            // Functions always sit behind the platform's proxy; the local server need not.
            trust_proxy: parse_bool("TRUST_PROXY")?.unwrap_or(!auto_migrate_default),
            web_dir: var("WEB_DIR").map_or_else(|| PathBuf::from("web/out"), PathBuf::from),
            pusher: PusherConfig::from_env()?,
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned()),
            stripe: StripeConfig::from_env()?,
            sealer: sealer_from_env()?,
            sqs: var("SQS_QUEUE_URL").map(|queue_url| SqsConfig { queue_url, endpoint: var("SQS_ENDPOINT_URL") }),
            retry: match var("NOTIFY_RETRY_BASE_MS") {
                None => Default::default(),
                Some(text) => crate::domain::notify::RetryPolicy {
                    base: chrono::Duration::milliseconds(text.parse().map_err(|_| ConfigError {
                        name: "NOTIFY_RETRY_BASE_MS",
                        problem: format!("{text:?} is not a number of milliseconds"),
                    })?),
                    ..Default::default()
                },
            },
            sweep_interval: match var("SWEEP_INTERVAL_MS") {
                None => DEFAULT_SWEEP_INTERVAL,
                Some(text) => std::time::Duration::from_millis(text.parse().map_err(|_| ConfigError {
                    name: "SWEEP_INTERVAL_MS",
                    problem: format!("{text:?} is not a number of milliseconds"),
                })?),
            },
            cron_secret: var("CRON_SECRET"),
            metrics_token: var("METRICS_TOKEN"),
            outbound_allow_private: parse_bool("OUTBOUND_ALLOW_PRIVATE")?.unwrap_or(false),
            clock: crate::clock::Clock::system(),
            body_limit_bytes: match var("BODY_LIMIT_BYTES") {
                None => DEFAULT_BODY_LIMIT,
                Some(text) => text.parse().map_err(|_| ConfigError {
                    name: "BODY_LIMIT_BYTES",
                    problem: format!("{text:?} is not a byte count"),
                })?,
            },
        })
    }

    /// A configuration for tests and tools that pass the database explicitly.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            public_url: "http://localhost:3000".to_owned(),
            own_origins: Vec::new(),
            auto_migrate: true,
            web_dir: PathBuf::from("web/out"),
            body_limit_bytes: DEFAULT_BODY_LIMIT,
            trust_proxy: false,
            pusher: None,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.to_owned(),
            stripe: None,
            sealer: None,
            sqs: None,
            retry: Default::default(),
            sweep_interval: DEFAULT_SWEEP_INTERVAL,
            cron_secret: None,
            metrics_token: None,
            outbound_allow_private: false,
            clock: crate::clock::Clock::system(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct PusherConfig {
    pub app_id: String,
    pub key: String,
    pub secret: String,
    /// `https://api-<cluster>.pusher.com`, or a stand-in in tests.
    pub base_url: String,
}

impl PusherConfig {
    /// From `PUSHER_APP_ID`, `PUSHER_KEY`, `PUSHER_SECRET` and `PUSHER_CLUSTER`
    /// (or `PUSHER_BASE_URL`); `None` when `PUSHER_APP_ID` is unset.
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        let Some(app_id) = var("PUSHER_APP_ID") else {
            return Ok(None);
        };
        let required = |name: &'static str| {
            var(name).ok_or(ConfigError { name, problem: "is required with PUSHER_APP_ID".into() })
        };
        let base_url = match var("PUSHER_BASE_URL") {
            Some(url) => url,
            None => format!("https://api-{}.pusher.com", required("PUSHER_CLUSTER")?),
        };
        Ok(Some(Self { app_id, key: required("PUSHER_KEY")?, secret: required("PUSHER_SECRET")?, base_url }))
    }
}

#[derive(Debug, Clone)]
pub struct StripeConfig {
    pub secret_key: String,
    pub webhook_secret: String,
    /// Stripe's API by default; a stand-in in tests.
    pub api_base: Option<String>,
    pub prices: PriceBook,
}

impl StripeConfig {
    /// From `STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`, `STRIPE_API_BASE` and
    /// `STRIPE_PRICE_{PRO,ENTERPRISE}_{MONTHLY,YEARLY}`; `None` when
    /// `STRIPE_SECRET_KEY` is unset.
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        let Some(secret_key) = var("STRIPE_SECRET_KEY") else {
            return Ok(None);
        };
        let webhook_secret = var("STRIPE_WEBHOOK_SECRET").ok_or(ConfigError {
            name: "STRIPE_WEBHOOK_SECRET",
            problem: "is required with STRIPE_SECRET_KEY".into(),
        })?;
        let mut prices = PriceBook::default();
        for plan in [Plan::Pro, Plan::Enterprise] {
            for (interval, suffix) in [(Interval::Month, "MONTHLY"), (Interval::Year, "YEARLY")] {
                if let Some(price) = var(&format!("STRIPE_PRICE_{}_{suffix}", plan.key().to_uppercase())) {
                    prices = prices.with(plan, interval, price);
                }
            }
        }
        Ok(Some(Self { secret_key, webhook_secret, api_base: var("STRIPE_API_BASE"), prices }))
    }
}

impl Config {
    /// Local mode bound to `addr`. Without `PUBLIC_URL` the server is its
    /// own public URL, at the port it listens on (`http://localhost:<port>`,
    /// or the address bound if it is one other machines reach), and it
    /// accepts the origins a browser uses for it: localhost and 127.0.0.1 at
    /// that port, and the address bound.
    pub fn serve_at(&mut self, addr: std::net::SocketAddr) {
        if var("PUBLIC_URL").is_some() {
            return;
        }
        let port = addr.port();
        let (ip, local) = (addr.ip(), addr.ip().is_loopback() || addr.ip().is_unspecified());
        let bound = match ip {
            std::net::IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
            std::net::IpAddr::V4(v4) => format!("http://{v4}:{port}"),
        };
        self.public_url = if local { format!("http://localhost:{port}") } else { bound.clone() };
        self.own_origins = vec![format!("http://localhost:{port}"), format!("http://127.0.0.1:{port}")];
        if !ip.is_unspecified() {
            self.own_origins.push(bound);
        }
    }

    /// Whether a browser whose page came from `origin` is on this site.
    pub fn is_own_origin(&self, origin: &str) -> bool {
        let seen = origin_of(origin);
        seen == origin_of(&self.public_url) || self.own_origins.iter().any(|own| origin_of(own) == seen)
    }

    /// Whether the session cookie can be `Secure`: a browser sends such a
    /// cookie back over https, and over plain http only to a loopback host.
    pub fn secure_cookies(&self) -> bool {
        let origin = origin_of(&self.public_url);
        let Some(host) = origin.strip_prefix("http://") else { return true };
        let host = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => host.split(':').next().unwrap_or_default(),
        };
        host == "localhost"
            || host.ends_with(".localhost")
            || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }
}

/// `scheme://host[:port]` of a URL, lowercased.
pub fn origin_of(url: &str) -> String {
    let url = url.trim().to_ascii_lowercase();
    let (scheme, rest) = url.split_once("://").unwrap_or(("", &url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{host}")
}

fn var(name: &str) -> Option<String> {
    env::var(name).ok().filter(|value| !value.is_empty())
}

fn parse_bool(name: &'static str) -> Result<Option<bool>, ConfigError> {
    match var(name).as_deref() {
        None => Ok(None),
        Some("1" | "true" | "yes") => Ok(Some(true)),
        Some("0" | "false" | "no") => Ok(Some(false)),
        Some(other) => Err(ConfigError { name, problem: format!("{other:?} is not a boolean") }),
    }
}

/// `SECRETS_KEY`, and during a key rotation `SECRETS_KEY_PREVIOUS` (the key
/// before it, which still opens what it sealed).
fn sealer_from_env() -> Result<Option<crate::secrets::Sealer>, ConfigError> {
    let Some(key) = var("SECRETS_KEY") else {
        return match var("SECRETS_KEY_PREVIOUS") {
            Some(_) => Err(ConfigError { name: "SECRETS_KEY_PREVIOUS", problem: "needs SECRETS_KEY".to_owned() }),
            None => Ok(None),
        };
    };
    let sealer = crate::secrets::Sealer::from_base64(&key)
        .map_err(|e| ConfigError { name: "SECRETS_KEY", problem: e.to_string() })?;
    match var("SECRETS_KEY_PREVIOUS") {
        None => Ok(Some(sealer)),
        Some(previous) => sealer
            .with_previous_key(&previous)
            .map(Some)
            .map_err(|e| ConfigError { name: "SECRETS_KEY_PREVIOUS", problem: e.to_string() }),
    }
}
