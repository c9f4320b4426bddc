//! The organisation's item types (with attribute schemas) and relations.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::super::AppState;
use super::super::extract::{ApiJson, ApiPath};
use super::super::tenant::OrgContext;
use crate::domain::assets::{BUILT_IN_TYPES, RelationType, check_key};
use crate::domain::permissions::Action;
use crate::domain::schema::Schema;
use crate::domain::text::{Checks, Title};
use crate::error::{Error, Result};
use crate::store::ItemType;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemTypeView {
    key: String,
    name: String,
    built_in: bool,
    /// JSON Schema of its items' attributes; `{}` accepts anything.
    schema: Value,
    updated_at: Option<DateTime<Utc>>,
}

impl From<ItemType> for ItemTypeView {
    fn from(t: ItemType) -> Self {
        Self { key: t.key, name: t.name, built_in: t.built_in, schema: t.schema, updated_at: t.updated_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ItemTypeList {
    data: Vec<ItemTypeView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PutItemTypeRequest {
    name: String,
    /// JSON Schema of the attributes (draft 2020-12 by default).
    schema: Value,
}

#[derive(Deserialize)]
struct TypePath {
    #[serde(rename = "typeKey")]
    key: String,
}

#[derive(Serialize, ToSchema)]
pub struct RelationTypeList {
    data: Vec<RelationType>,
}

/// Item types: the built-in ones and the organisation's own, with schemas.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets/types", tag = "assets",
    responses((status = 200, body = ItemTypeList), (status = 404, body = crate::error::Problem)),
)]
async fn list_types(State(state): State<AppState>, org: OrgContext) -> Result<Json<ItemTypeList>> {
    org.require(Action::ReadAssets)?;
    let types = org.scope(&state).items().types().await?;
    Ok(Json(ItemTypeList { data: types.into_iter().map(Into::into).collect() }))
}

/// Defines a type, or gives a type (built-in too) its attribute schema
/// (admins). A schema that is not a JSON Schema is a 422 naming `schema`.
/// Items already of the type are not checked again until they change.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/assets/types/{typeKey}", tag = "assets",
    params(("typeKey" = String, Path)),
    request_body = PutItemTypeRequest,
    responses((status = 200, body = ItemTypeView), (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn put_type(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<TypePath>,
    ApiJson(request): ApiJson<PutItemTypeRequest>,
) -> Result<Json<ItemTypeView>> {
    org.require(Action::ManageAssetTypes)?;
    let mut checks = Checks::default();
    checks.take(check_key(&path.key, "typeKey").map_err(|e| vec![e]));
    let name = checks.take(Title::parse(&request.name, "name"));
    checks.take(Schema::compile(&request.schema, "schema").map(drop).map_err(|e| vec![e]));
    checks.finish().map_err(Error::Validation)?;
    let name = name.ok_or_else(|| Error::internal("checks passed without a name"))?.into_inner();
    let saved = org.scope(&state).items().put_type(&path.key, &name, &request.schema, &org.meta).await?;
    Ok(Json(saved.into()))
}

/// Removes one of the organisation's types (admins); a type items still
/// have is a 409. A built-in type loses its schema and stays.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/assets/types/{typeKey}", tag = "assets",
    params(("typeKey" = String, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)),
)]
async fn delete_type(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<TypePath>,
) -> Result<StatusCode> {
    org.require(Action::ManageAssetTypes)?;
    match org.scope(&state).items().delete_type(&path.key, &org.meta).await? {
        Ok(true) => Ok(StatusCode::NO_CONTENT),
        Ok(false) if BUILT_IN_TYPES.contains(&path.key.as_str()) => Ok(StatusCode::NO_CONTENT),
        Ok(false) => Err(Error::NotFound("item type")),
        Err(in_use) => {
            Err(Error::conflict("type-in-use", format!("{in_use} item(s) have this type; change theirs first")))
        }
    }
}

/// Relations: the built-in ones and the organisation's own.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets/relation-types", tag = "assets",
    responses((status = 200, body = RelationTypeList), (status = 404, body = crate::error::Problem)),
)]
async fn list_relation_types(State(state): State<AppState>, org: OrgContext) -> Result<Json<RelationTypeList>> {
    org.require(Action::ReadAssets)?;
    Ok(Json(RelationTypeList { data: org.scope(&state).items().relation_types().await? }))
}

/// Defines a relation (admins): its key and how it reads from the other end.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/assets/relation-types", tag = "assets",
    request_body = RelationType,
    responses((status = 201, body = RelationType), (status = 403, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn add_relation_type(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(request): ApiJson<RelationType>,
) -> Result<(StatusCode, Json<RelationType>)> {
    org.require(Action::ManageAssetTypes)?;
    let mut checks = Checks::default();
    checks.take(check_key(&request.key, "key").map_err(|e| vec![e]));
    checks.take(check_key(&request.inverse, "inverse").map_err(|e| vec![e]));
    checks.finish().map_err(Error::Validation)?;
    match org.scope(&state).items().add_relation_type(&request, &org.meta).await? {
        true => Ok((StatusCode::CREATED, Json(request))),
        false => Err(Error::conflict("relation-exists", format!("there is a relation {:?} already", request.key))),
    }
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_types))
        .routes(routes!(put_type, delete_type))
        .routes(routes!(list_relation_types, add_relation_type))
}
