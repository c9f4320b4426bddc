//! Local mode: every endpoint function's router in one server, the API docs
//! page, and the exported frontend.

use axum::Router;
use axum::routing::{any, get};
use tower_http::services::{ServeDir, ServeFile};
use utoipa_axum::router::OpenApiRouter;

use crate::endpoints;
use crate::http::{self, AppState};

/// The whole product's router, as the local server serves it.
pub fn router(state: AppState) -> Router {
    let routes = endpoints::ALL.iter().fold(OpenApiRouter::new(), |all, endpoint| all.merge((endpoint.routes)()));
    let (api, _) = routes.split_for_parts();
    let api = api.route("/api/docs", get(http::docs::docs_page));
    let web_dir = state.config.web_dir.clone();
    let router = if web_dir.join("index.html").is_file() {
        // Unknown API paths keep their problem+json 404; any other path is
        // the web app, whose shell routes `/{slug}/…` on the client.
        let app_shell = ServeFile::new(web_dir.join("index.html"));
        api.route("/api/{*rest}", any(http::not_found))
            .fallback_service(ServeDir::new(&web_dir).append_index_html_on_directories(true).fallback(app_shell))
    } else {
        api.fallback(http::not_found)
    };
    http::finish(router, state)
}
