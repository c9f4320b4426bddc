//! The OpenAPI 3.1 document, generated from every endpoint's annotations,
//! and (local mode) a browsable docs page.

use std::sync::OnceLock;

use axum::Json;
use axum::response::Html;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::endpoints;

#[derive(OpenApi)]
#[openapi(
    info(title = "Simplicity API", description = "IT service management for engineering teams."),
    tags(
        (name = "platform", description = "Health, readiness and this document"),
        (name = "auth", description = "Sign-up, sign-in and sessions"),
        (name = "orgs", description = "Organisations, members, invites, modules and the audit log"),
        (name = "incidents", description = "Incidents, timelines, the SLA dashboard and the live event stream"),
        (name = "knowledge", description = "Knowledge base (module knowledgeBase)"),
        (name = "problems", description = "Problems and known errors (module problemManagement)"),
        (name = "assets", description = "Configuration items, their relationships, impact, import and export (module assetManagement)"),
        (name = "changes", description = "Changes, approvals, freezes and the change calendar (module changeManagement)"),
    )
)]
struct ApiDoc;

/// The whole API's document, built once per process.
pub fn spec() -> &'static utoipa::openapi::OpenApi {
    static SPEC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    SPEC.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        for endpoint in endpoints::ALL {
            doc.merge((endpoint.routes)().into_openapi());
        }
        declare_org_routes(&mut doc);
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::http::session::SESSION_COOKIE))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        doc
    })
}

/// Every route under `/api/orgs/{orgId}` takes the organisation's id and a
/// member's session or token: said here once rather than on each handler.
fn declare_org_routes(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::PartialSchema;
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::security::SecurityRequirement;
    use utoipa::openapi::{Deprecated, Required};
    let org_id = ParameterBuilder::new()
        .name("orgId")
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .deprecated(Some(Deprecated::False))
        .description(Some("The organisation (`org_…`); other organisations' ids answer 404."))
        .schema(Some(crate::ids::OrgId::schema()))
        .build();
    let member = [
        SecurityRequirement::new("session", Vec::<String>::new()),
        SecurityRequirement::new("token", Vec::<String>::new()),
    ];
    for (path, item) in doc.paths.paths.iter_mut() {
        if !path.starts_with("/api/orgs/{orgId}") {
            continue;
        }
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            operation.parameters.get_or_insert_with(Vec::new).insert(0, org_id.clone());
            operation.security.get_or_insert_with(|| member.to_vec());
        }
    }
}

/// This API's OpenAPI 3.1 document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "platform", responses((status = 200, description = "OpenAPI 3.1 document")))]
async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(spec())
}

pub fn openapi_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(openapi_json))
}

/// Browsable API reference (local mode); renders `/api/openapi.json`.
/// The renderer comes from a CDN, pinned to one release and checked by
/// its hash (Subresource Integrity), so a changed file is refused, not run.
pub async fn docs_page() -> Html<&'static str> {
    Html(concat!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Simplicity API</title>",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>",
        "<script id=\"api-reference\" data-url=\"/api/openapi.json\"></script>",
        // npm's @scalar/api-reference 1.76.0, dist/browser/standalone.js (self-contained).
        "<script src=\"https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.76.0/dist/browser/standalone.js\" ",
        "integrity=\"sha384-oH1C0RwqcwbVXkC+r8A+4qRoyEUQdtxAzOwumkxZtQBBcsy61FOoPt7B50OVJYYQ\" ",
        "crossorigin=\"anonymous\"></script>",
        "</body></html>"
    ))
}

#[cfg(test)]
mod tests {
    /// Every script the docs page loads from elsewhere names its exact
    /// release and carries its hash.
    #[tokio::test]
    async fn the_docs_page_pins_what_it_loads() {
        let page = super::docs_page().await.0;
        let scripts: Vec<&str> = page.split("<script").skip(1).filter(|tag| tag.contains("src=")).collect();
        assert!(!scripts.is_empty());
        for tag in scripts {
            assert!(tag.contains("@1.76.0/"), "an exact release: {tag}");
            assert!(tag.contains("integrity=\"sha384-"), "a hash: {tag}");
            assert!(tag.contains("crossorigin=\"anonymous\""), "{tag}");
        }
    }

    #[test]
    fn every_operation_has_its_own_id() {
        let mut seen = std::collections::BTreeMap::new();
        for (path, item) in &super::spec().paths.paths {
            let operations = [&item.get, &item.put, &item.post, &item.delete, &item.patch];
            for operation in operations.into_iter().flatten() {
                let id = operation.operation_id.clone().unwrap_or_default();
                if let Some(first) = seen.insert(id.clone(), path.clone()) {
                    panic!("operationId {id} is used by {first} and {path}");
                }
            }
        }
        assert!(seen.len() > 50, "only {} operations", seen.len());
    }

    #[test]
    fn org_routes_declare_the_org_and_a_credential() {
        for (path, item) in super::spec().paths.paths.iter().filter(|(p, _)| p.starts_with("/api/orgs/{orgId}")) {
            let operations = [&item.get, &item.put, &item.post, &item.delete, &item.patch];
            for operation in operations.into_iter().flatten() {
                let parameters = operation.parameters.as_deref().unwrap_or_default();
                assert_eq!(parameters.iter().filter(|p| p.name == "orgId").count(), 1, "{path}: orgId once");
                assert_eq!(operation.security.as_ref().map(Vec::len), Some(2), "{path}: session or token");
            }
        }
    }
}
