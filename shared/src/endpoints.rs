//! Every HTTP endpoint function, in one list. Each entry is one serverless
//! function (a `[[bin]]` built from `api/…rs`); the local server mounts them
//! all. `vercel.json`, `template.yaml` and the `[[bin]]`s are generated from
//! this list (`simplicity deploy-manifests`) and a test keeps them in step.

use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::http;

#[derive(Clone, Copy)]
pub struct Endpoint {
    /// The constant's name in this module.
    pub name: &'static str,
    /// URL served by the function; `{name}` segments are dynamic.
    pub path: &'static str,
    /// Whether the function also serves paths below `path`.
    pub nested: bool,
    pub routes: fn() -> OpenApiRouter<AppState>,
}

impl Endpoint {
    /// The function's source file: the URL with `{x}` written `[x]`, as
    /// Vercel's file-system routing expects.
    pub fn file(&self) -> String {
        format!("{}.rs", self.path.trim_start_matches('/').replace('{', "[").replace('}', "]"))
    }

    /// Whether the function sends to the notification queue: writes relay
    /// the events they record (see `http::publish_after_writes`), and the
    /// cron sweep relays, escalates and retries. Only these get the queue's
    /// send right.
    pub fn enqueues(&self) -> bool {
        self.path == CRON_SWEEP.path
            || (self.routes)()
                .into_openapi()
                .paths
                .paths
                .values()
                .any(|item| item.post.is_some() || item.put.is_some() || item.patch.is_some() || item.delete.is_some())
    }

    /// The cargo bin name: Vercel builds with `cargo build --bin NAME`, which
    /// cannot select names with brackets.
    pub fn bin_name(&self) -> String {
        self.path
            .trim_start_matches('/')
            .chars()
            .filter_map(|c| match c {
                '/' | '.' => Some('-'),
                '{' | '}' => None,
                c => Some(c.to_ascii_lowercase()),
            })
            .collect()
    }
}

/// Declares each endpoint as a constant (named so generated `api/` files can
/// refer to it) and lists them all in [`ALL`].
macro_rules! endpoints {
    ($($name:ident: $path:literal, nested: $nested:literal, $routes:path;)+) => {
        $(pub const $name: Endpoint =
            Endpoint { name: stringify!($name), path: $path, nested: $nested, routes: $routes };)+
        pub const ALL: &[Endpoint] = &[$($name),+];
    };
}

endpoints! {
    HEALTH: "/api/health", nested: false, http::health::health_routes;
    READY: "/api/ready", nested: false, http::health::ready_routes;
    OPENAPI: "/api/openapi.json", nested: false, http::docs::openapi_routes;
    AUTH: "/api/auth", nested: true, http::auth::routes;
    ME: "/api/me", nested: true, http::me::routes;
    ORGS: "/api/orgs", nested: false, http::orgs::collection_routes;
    ORG_BY_SLUG: "/api/orgs/by-slug/{slug}", nested: true, http::orgs::by_slug_routes;
    ORG: "/api/orgs/{orgId}", nested: true, http::orgs::org_routes;
    ORG_MEMBERS: "/api/orgs/{orgId}/members", nested: true, http::members::routes;
    ORG_INVITES: "/api/orgs/{orgId}/invites", nested: true, http::invites::org_routes;
    ORG_TEAMS: "/api/orgs/{orgId}/teams", nested: true, http::teams::routes;
    ORG_AUDIT: "/api/orgs/{orgId}/audit", nested: true, http::audit::routes;
    ORG_KNOWLEDGE: "/api/orgs/{orgId}/kb", nested: true, http::knowledge::routes;
    ORG_INCIDENTS: "/api/orgs/{orgId}/incidents", nested: true, http::incidents::routes;
    ORG_PROBLEMS: "/api/orgs/{orgId}/problems", nested: true, http::problems::routes;
    ORG_CHANGES: "/api/orgs/{orgId}/changes", nested: true, http::changes::routes;
    ORG_ASSETS: "/api/orgs/{orgId}/assets", nested: true, http::assets::routes;
    ORG_CATALOG: "/api/orgs/{orgId}/catalog", nested: true, http::catalog::routes;
    ORG_REQUESTS: "/api/orgs/{orgId}/requests", nested: true, http::requests::routes;
    ORG_DASHBOARD: "/api/orgs/{orgId}/dashboard", nested: false, http::dashboard::dashboard_routes;
    ORG_SLA_TARGETS: "/api/orgs/{orgId}/sla-targets", nested: false, http::dashboard::sla_routes;
    ORG_SLA_POLICIES: "/api/orgs/{orgId}/sla-policies", nested: true, http::sla::policy_routes;
    ORG_CALENDARS: "/api/orgs/{orgId}/calendars", nested: true, http::sla::calendar_routes;
    ORG_EVENTS: "/api/orgs/{orgId}/events", nested: false, http::events::routes;
    ORG_BILLING: "/api/orgs/{orgId}/billing", nested: true, http::billing::org_routes;
    STRIPE_WEBHOOK: "/api/stripe/webhook", nested: false, http::billing::webhook_routes;
    ORG_SCHEDULES: "/api/orgs/{orgId}/schedules", nested: true, http::oncall::schedule_routes;
    ORG_ESCALATION_POLICIES: "/api/orgs/{orgId}/escalation-policies", nested: true, http::oncall::policy_routes;
    ORG_NOTIFICATION_RULES: "/api/orgs/{orgId}/notification-rules", nested: true, http::oncall::rules_routes;
    ORG_INTEGRATIONS: "/api/orgs/{orgId}/integrations", nested: true, http::integrations::integration_routes;
    ORG_WEBHOOKS: "/api/orgs/{orgId}/webhooks", nested: true, http::integrations::webhook_routes;
    ORG_DELIVERIES: "/api/orgs/{orgId}/deliveries", nested: true, http::integrations::delivery_routes;
    CRON_SWEEP: "/api/cron/sweep", nested: false, http::integrations::cron_routes;
    METRICS: "/api/metrics", nested: false, http::metrics::routes;
    INVITES: "/api/invites", nested: true, http::invites::token_routes;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_bin_names_follow_the_url() {
        assert_eq!(ORG_MEMBERS.file(), "api/orgs/[orgId]/members.rs");
        assert_eq!(ORG_MEMBERS.bin_name(), "api-orgs-orgid-members");
        assert_eq!(OPENAPI.file(), "api/openapi.json.rs");
        assert_eq!(OPENAPI.bin_name(), "api-openapi-json");
    }

    #[test]
    fn only_writers_and_the_sweep_enqueue() {
        let read_only: Vec<&str> = ALL.iter().filter(|e| !e.enqueues()).map(|e| e.name).collect();
        assert_eq!(
            read_only,
            // ORG_BY_SLUG writes since joining a portal by email domain.
            ["HEALTH", "READY", "OPENAPI", "ORG_AUDIT", "ORG_DASHBOARD", "ORG_EVENTS", "METRICS"]
        );
    }

    #[test]
    fn every_route_lies_under_its_endpoint_path() {
        for endpoint in ALL {
            let api = (endpoint.routes)().into_openapi();
            assert!(!api.paths.paths.is_empty(), "{} has no documented route", endpoint.path);
            for route in api.paths.paths.keys() {
                let under =
                    route == endpoint.path || (endpoint.nested && route.starts_with(&format!("{}/", endpoint.path)));
                assert!(under, "{route} is served by {} but not under its path", endpoint.path);
            }
        }
    }
}
