//! Postmortems: written from a resolved incident in one call — a draft
//! article of kind `postmortem` from the template, prefilled with the
//! incident's figures, people, links and timeline, linked to it — and
//! found from the incident.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{ArticleView, refused, versioned};
use crate::domain::permissions::Action;
use crate::domain::records::RecordKind;
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::extract::{ApiJson, ApiPath};
use crate::http::kernel::versioned::Versioned;
use crate::http::tenant::OrgContext;
use crate::ids::IncidentId;
use crate::store::OrgStore;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WritePostmortemRequest {
    /// The incident: `inc_…`, `7` or `INC-7`.
    incident: String,
}

#[derive(Deserialize)]
struct IncidentPath {
    #[serde(rename = "incidentId")]
    incident: String,
}

async fn incident(scope: &OrgStore<'_>, reference: &str, field: Option<&str>) -> Result<IncidentId> {
    match scope.records().resolve(RecordKind::Incident, reference).await? {
        Some(found) => Ok(IncidentId::from_uuid(found.reference.uuid())),
        None => Err(match field {
            Some(field) => Error::field(field, "is not an incident of this organisation"),
            None => Error::NotFound("incident"),
        }),
    }
}

/// Writes the postmortem of a resolved incident (409 while it is not):
/// a draft with the template's sections, the facts filled in. An incident
/// has one postmortem; asking again answers it with 200.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/kb/postmortems", tag = "knowledge",
    request_body = WritePostmortemRequest,
    responses(
        (status = 201, body = ArticleView, headers(("ETag" = String))), (status = 200, body = ArticleView),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
    ),
)]
async fn write_postmortem(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(request): ApiJson<WritePostmortemRequest>,
) -> Result<Versioned<ArticleView>> {
    org.require(Action::WriteKnowledge)?;
    let scope = org.scope(&state);
    let incident = incident(&scope, &request.incident, Some("incident")).await?;
    let (article, created) =
        scope.articles().write_postmortem(incident, org.current.user.id, &org.meta).await?.map_err(refused)?;
    Ok(versioned(article, if created { StatusCode::CREATED } else { StatusCode::OK }))
}

/// The incident's postmortem (404 while it has none).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/postmortems/{incidentId}", tag = "knowledge",
    params(("incidentId" = String, Path, description = "`inc_…`, `7` or `INC-7`")),
    responses((status = 200, body = ArticleView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn postmortem_of(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<IncidentPath>,
) -> Result<Versioned<ArticleView>> {
    org.require(Action::ReadKnowledge)?;
    let scope = org.scope(&state);
    let incident = incident(&scope, &path.incident, None).await?;
    let article = scope.articles().postmortem_of(incident).await?.ok_or(Error::NotFound("postmortem"))?;
    Ok(versioned(article, StatusCode::OK))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(write_postmortem)).routes(routes!(postmortem_of))
}
