//! The Vercel runner's side of a function: `vercel_runtime` accepts the
//! connections and speaks Vercel's IPC; this turns its requests into the
//! router's and the router's answers into whole responses.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use http_body_util::BodyExt;
use tower::Service;

/// One endpoint's router as `vercel_runtime::run` serves it.
///
/// The runtime's own axum layer streams every JSON response (chunked,
/// written in several pieces), and its HTTP/1 server sets no TCP_NODELAY:
/// on a kept-alive connection each later answer then waited ~40 ms for a
/// delayed ACK. Here only an event stream streams; any other answer is
/// collected and sent whole, with its `Content-Length`, in one write.
#[derive(Clone)]
pub(super) struct Function {
    template: &'static str,
    router: Router,
}

impl Function {
    pub(super) fn new(template: &'static str, router: Router) -> Self {
        Self { template, router }
    }
}

type Answer = vercel_runtime::Response<vercel_runtime::ResponseBody>;

impl Service<(vercel_runtime::AppState, vercel_runtime::Request)> for Function {
    type Response = Answer;
    type Error = vercel_runtime::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, vercel_runtime::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, (_, request): (vercel_runtime::AppState, vercel_runtime::Request)) -> Self::Future {
        let template = self.template;
        let mut router = self.router.clone();
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = Body::from(body.collect().await?.to_bytes());
            let request = restore_vercel_path(template, Request::from_parts(parts, body));
            let Ok(response) = <Router as Service<Request>>::call(&mut router, request).await;
            let (parts, body) = response.into_parts();
            let body = if is_event_stream(&parts.headers) {
                vercel_runtime::ResponseBody(Streamed(std::sync::Mutex::new(body)).boxed())
            } else {
                vercel_runtime::ResponseBody::from(body.collect().await?.to_bytes())
            };
            Ok(vercel_runtime::Response::from_parts(parts, body))
        })
    }
}

/// A streamed answer as the runtime takes it: its boxed body must be
/// `Sync`, which axum's is not. Only this task polls it, so the lock is
/// never contended (`get_mut` takes none).
struct Streamed(std::sync::Mutex<Body>);

impl http_body::Body for Streamed {
    type Data = bytes::Bytes;
    type Error = vercel_runtime::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        let body = self.get_mut().0.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        Pin::new(body).poll_frame(cx).map_err(Into::into)
    }
}

fn is_event_stream(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/event-stream"))
}

/// Vercel may hand a function the path of its file rather than the URL that
/// was asked for: `/api/orgs/[orgId]/members?orgId=org_…`, or, through a
/// rewrite of a nested path, `…?__path=/api/orgs/org_…/members/usr_…`.
/// Rebuild the original path, and drop the parameters Vercel added, so the
/// router sees what the client sent. `template` is the endpoint's path.
fn restore_vercel_path(template: &str, mut request: Request) -> Request {
    let uri = request.uri();
    let query: Vec<(String, String)> =
        form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()).into_owned().collect();
    let lookup = |name: &str| query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
    let injected: Vec<&str> = template
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .chain(["__path"])
        .collect();
    if !query.iter().any(|(key, _)| injected.contains(&key.as_str())) {
        return request;
    }
    let path = match lookup("__path") {
        Some(original) => original.to_owned(),
        None => uri
            .path()
            .split('/')
            .map(|segment| {
                let name = segment.strip_prefix('[').and_then(|s| s.strip_suffix(']'));
                name.and_then(lookup).unwrap_or(segment)
            })
            .collect::<Vec<_>>()
            .join("/"),
    };
    let mut kept = form_urlencoded::Serializer::new(String::new());
    let mut any_kept = false;
    for (key, value) in query.iter().filter(|(key, _)| !injected.contains(&key.as_str())) {
        kept.append_pair(key, value);
        any_kept = true;
    }
    let path_and_query = if any_kept { format!("{path}?{}", kept.finish()) } else { path };
    if let Ok(rebuilt) = path_and_query.parse() {
        *request.uri_mut() = rebuilt;
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(uri: &str) -> String {
        let request = Request::builder().uri(uri).body(axum::body::Body::empty()).expect("request");
        restore_vercel_path("/api/orgs/{orgId}/members", request).uri().to_string()
    }

    #[test]
    fn dynamic_segments_come_back_from_the_query() {
        assert_eq!(restored("/api/orgs/[orgId]/members?orgId=org_1&limit=5"), "/api/orgs/org_1/members?limit=5");
        assert_eq!(restored("/api/orgs/[orgId]/members?orgId=org_1"), "/api/orgs/org_1/members");
    }

    #[test]
    fn rewritten_nested_paths_come_back_whole() {
        assert_eq!(
            restored("/api/orgs/org_1?orgId=org_1&__path=%2Fapi%2Forgs%2Forg_1%2Ffeatures&x=1"),
            "/api/orgs/org_1/features?x=1"
        );
    }

    #[test]
    fn plain_paths_are_untouched() {
        assert_eq!(restored("/api/orgs/org_1/members?orgId=org_1"), "/api/orgs/org_1/members");
        assert_eq!(restored("/api/orgs/org_1/members?limit=5"), "/api/orgs/org_1/members?limit=5");
        assert_eq!(restored("/api/health"), "/api/health");
    }
}
