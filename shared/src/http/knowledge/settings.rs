//! The knowledge base's settings: the postmortem template, its sections
//! and which of them must be written before a postmortem is published;
//! and the review (one approval step) publishing needs, if any.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::approvals::{StepSpec, check_steps};
use crate::domain::permissions::Action;
use crate::domain::postmortem::{Section, check_template};
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::extract::ApiJson;
use crate::http::tenant::OrgContext;
use crate::store::KbSettingsRecord;

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KbSettings {
    /// The sections a new postmortem starts with, in order; a `required`
    /// one must be written before it is published.
    postmortem_template: Vec<Section>,
    /// The approval publishing needs (who approves, and how many); `null`
    /// or absent: articles are published without review.
    #[serde(default)]
    review: Option<StepSpec>,
}

impl From<KbSettingsRecord> for KbSettings {
    fn from(settings: KbSettingsRecord) -> Self {
        Self { postmortem_template: settings.postmortem_template, review: settings.review }
    }
}

/// The knowledge base's settings (the default template until one is set).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb/settings", tag = "knowledge",
    responses((status = 200, body = KbSettings), (status = 404, body = crate::error::Problem)),
)]
async fn get_settings(State(state): State<AppState>, org: OrgContext) -> Result<Json<KbSettings>> {
    org.require(Action::ReadKnowledge)?;
    Ok(Json(org.scope(&state).kb_settings().await?.into()))
}

/// Sets the postmortem template (admins). Postmortems already written
/// keep their sections; publishing checks the template of the day.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/kb/settings", tag = "knowledge",
    request_body = KbSettings,
    responses((status = 200, body = KbSettings), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn put_settings(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(request): ApiJson<KbSettings>,
) -> Result<Json<KbSettings>> {
    org.require(Action::ManageKnowledge)?;
    let mut errors = check_template(&request.postmortem_template, "postmortemTemplate").err().unwrap_or_default();
    if let Some(step) = &request.review {
        errors.extend(check_steps(std::slice::from_ref(step), "review").err().unwrap_or_default());
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let sections: Vec<Section> = request
        .postmortem_template
        .into_iter()
        .map(|s| Section { title: s.title.trim().to_owned(), required: s.required })
        .collect();
    let scope = org.scope(&state);
    scope
        .set_kb_settings(KbSettingsRecord { postmortem_template: sections, review: request.review }, &org.meta)
        .await?;
    Ok(Json(scope.kb_settings().await?.into()))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_settings, put_settings))
}
