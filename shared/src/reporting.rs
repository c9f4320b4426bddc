//! Error reports to Sentry when `SENTRY_DSN` is set: one event per handler
//! panic (the panic hook's) and one per 500 answered, each with the route
//! template, method, status and request id — never the request's body,
//! headers or the raw path, and with credentials in the error's text
//! redacted. Functions wait for the report to leave before answering: a
//! frozen Lambda sends nothing.

use std::time::Duration;

/// Keeps reporting on for as long as it lives.
pub struct Reporting {
    _guard: Option<sentry::ClientInitGuard>,
}

/// The error behind a 500, carried on the response from where it was
/// made to the request's telemetry, which reports it.
#[derive(Clone, Debug)]
pub struct ServerError(pub String);

/// Marks the 500 of a caught panic: the panic hook reported it already.
#[derive(Clone, Copy, Debug)]
pub struct Panicked;

/// Starts reporting to `dsn` (from `SENTRY_DSN` when `None`), if any.
pub fn init(dsn: Option<String>) -> Reporting {
    let Some(dsn) = dsn.or_else(|| std::env::var("SENTRY_DSN").ok()).filter(|d| !d.trim().is_empty()) else {
        return Reporting { _guard: None };
    };
    let dsn = match dsn.parse::<sentry::types::Dsn>() {
        Ok(dsn) => dsn,
        Err(error) => {
            tracing::warn!(%error, "SENTRY_DSN is not a DSN; errors are not reported");
            return Reporting { _guard: None };
        }
    };
    let mut options = sentry::ClientOptions::new();
    options.dsn = Some(dsn);
    options.release = Some(env!("CARGO_PKG_VERSION").into());
    options.environment = std::env::var("SENTRY_ENVIRONMENT").ok().map(Into::into);
    options.send_default_pii = false;
    options.before_send = Some(std::sync::Arc::new(|mut event| {
        // Nothing of the request but what we put in the tags.
        event.request = None;
        event.user = None;
        Some(event)
    }));
    Reporting { _guard: Some(sentry::init(options)) }
}

/// Whether reports are being sent.
fn enabled() -> bool {
    sentry::Hub::main().client().is_some_and(|c| c.is_enabled())
}

/// What a request was, for its report.
pub struct RequestFacts<'a> {
    pub method: &'a str,
    pub route: &'a str,
    pub status: u16,
    pub request_id: &'a str,
}

/// Reports a 500 (unless it was a panic's, reported by the hook), then
/// waits for the reports to leave.
pub async fn server_error(facts: &RequestFacts<'_>, error: Option<&ServerError>, panicked: bool) {
    if !enabled() {
        return;
    }
    let tags = [("route", facts.route), ("method", facts.method), ("request_id", facts.request_id)];
    if !panicked {
        let detail = error.map_or("no detail", |e| e.0.as_str());
        sentry::with_scope(
            |scope| {
                for (key, value) in tags {
                    scope.set_tag(key, value);
                }
                scope.set_tag("status", facts.status);
            },
            || {
                sentry::capture_message(
                    &format!("{} {} failed: {}", facts.method, facts.route, redacted(detail)),
                    sentry::Level::Error,
                )
            },
        );
    }
    let _ = tokio::task::spawn_blocking(|| {
        sentry::Hub::main().client().map(|client| client.flush(Some(Duration::from_secs(2))))
    })
    .await;
}

/// `text` with credentials written `[redacted]`: a URL's user and
/// password, a bearer token.
pub fn redacted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(char::is_whitespace) {
        if let Some((scheme, rest)) = word.split_once("://")
            && let Some((_, host)) = rest.split_once('@')
        {
            out.push_str(&format!("{scheme}://[redacted]@{host}"));
        } else {
            out.push_str(word);
        }
    }
    let mut masked = String::with_capacity(out.len());
    let mut words = out.split_inclusive(char::is_whitespace).peekable();
    while let Some(word) = words.next() {
        masked.push_str(word);
        if word.trim_end().eq_ignore_ascii_case("bearer") && words.peek().is_some() {
            words.next();
            masked.push_str("[redacted] ");
        }
    }
    masked
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn credentials_are_redacted() {
        let text = "connect postgres://app:hunter2@db:5432/x failed; sent Bearer tok_123 then";
        assert_eq!(redacted(text), "connect postgres://[redacted]@db:5432/x failed; sent Bearer [redacted] then");
        assert_eq!(redacted("no secrets here"), "no secrets here");
    }
}
