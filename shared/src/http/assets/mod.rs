//! Configuration items (module `assetManagement`) on the record kernel —
//! numbered `CI-n`, versioned under `If-Match`, idempotent creates, cursor
//! lists, the kernel's timeline and links — with their relationships, the
//! impact walk, the records on them, types (`types`), and import and
//! export (`transfer`).

mod csv;
mod graph;
mod transfer;
mod types;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery, present};
use super::kernel::owner_refused;
use super::kernel::paging::{self, Page};
use super::kernel::records::{RecordRoutes, record_routes};
use super::kernel::versioned::{IdempotencyKey, IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes};
use crate::domain::assets::{CiStatus, Criticality};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::RecordKind;
use crate::domain::schema::Schema;
use crate::domain::text::{Checks, Labels, Markdown, Title, check_line};
use crate::error::{Error, FieldError, Result};
use crate::ids::{ConfigItemId, TeamId, UserId};
use crate::store::{ConfigItemRecord, ItemEdit, ItemFields, ItemFilter, ItemRefusal, OrgStore};

/// The kernel's routes (timeline, notes, links) for items.
pub const RECORDS: RecordRoutes = RecordRoutes {
    kind: RecordKind::ConfigurationItem,
    noun: "item",
    read: Action::ReadAssets,
    note: Action::WriteAssets,
    link: Action::WriteAssets,
    own: None,
};

record_routes!(item_records, super::RECORDS, "/api/orgs/{orgId}/assets/{itemId}", "itemId", "assets");

const MAX_EXTERNAL_ID: usize = 200;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemView {
    id: ConfigItemId,
    /// `CI-7`.
    number: String,
    name: String,
    /// `service`, `application`, `server`, `database`, `network`, `other`,
    /// or one of the organisation's own types.
    #[serde(rename = "type")]
    ci_type: String,
    status: CiStatus,
    criticality: Criticality,
    description: String,
    owner: Option<UserId>,
    owner_team: Option<TeamId>,
    /// Services: the escalation policy an incident on them pages through.
    escalation_policy: Option<uuid::Uuid>,
    external_id: Option<String>,
    /// Checked against the type's attribute schema.
    attributes: Value,
    labels: Vec<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
}

impl From<ConfigItemRecord> for ItemView {
    fn from(i: ConfigItemRecord) -> Self {
        Self {
            id: i.id,
            number: i.number.to_string(),
            name: i.name,
            ci_type: i.ci_type,
            status: i.status,
            criticality: i.criticality,
            description: i.description,
            owner: i.owner,
            owner_team: i.owner_team,
            escalation_policy: i.escalation_policy,
            external_id: i.external_id,
            attributes: i.attributes,
            labels: i.labels,
            created_at: i.created_at,
            updated_at: i.updated_at,
            version: i.version,
        }
    }
}

fn versioned(item: ConfigItemRecord, status: StatusCode) -> Versioned<ItemView> {
    Versioned { status, version: item.version, body: item.into() }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateItemRequest {
    name: String,
    #[serde(rename = "type")]
    ci_type: String,
    /// Default `active`.
    status: Option<CiStatus>,
    /// Default `medium`.
    criticality: Option<Criticality>,
    #[serde(default)]
    description: String,
    owner: Option<UserId>,
    owner_team: Option<TeamId>,
    escalation_policy: Option<uuid::Uuid>,
    external_id: Option<String>,
    #[serde(default = "empty_object")]
    attributes: Value,
    #[serde(default)]
    labels: Vec<String>,
}

fn empty_object() -> Value {
    json!({})
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateItemRequest {
    name: Option<String>,
    #[serde(rename = "type")]
    ci_type: Option<String>,
    status: Option<CiStatus>,
    criticality: Option<Criticality>,
    description: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "present")]
    owner: Option<Option<UserId>>,
    #[serde(default, deserialize_with = "present")]
    owner_team: Option<Option<TeamId>>,
    #[serde(default, deserialize_with = "present")]
    escalation_policy: Option<Option<uuid::Uuid>>,
    #[serde(default, deserialize_with = "present")]
    external_id: Option<Option<String>>,
    attributes: Option<Value>,
    labels: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct ItemPath {
    #[serde(rename = "itemId")]
    item: String,
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ItemListQuery {
    #[serde(rename = "type")]
    #[param(rename = "type")]
    ci_type: Option<String>,
    status: Option<CiStatus>,
    owner: Option<UserId>,
    owner_team: Option<TeamId>,
    /// Words, each in the name or external id.
    q: Option<String>,
    cursor: Option<String>,
    /// 1–100, default 25.
    limit: Option<u64>,
}

fn refused(refusal: ItemRefusal) -> Error {
    match refusal {
        ItemRefusal::NotFound => Error::NotFound("item"),
        ItemRefusal::Stale { current } => stale("item", current),
        ItemRefusal::Transition { from, to } => {
            Error::conflict("invalid-transition", format!("an item that is {from} cannot become {to}"))
        }
        ItemRefusal::Owner(refusal) => owner_refused(refusal, "owner", "ownerTeam"),
        ItemRefusal::UnknownPolicy => {
            Error::field("escalationPolicy", "is not an escalation policy of this organisation")
        }
        ItemRefusal::Taken("externalId") => Error::field("externalId", "another item has this external id"),
        ItemRefusal::Taken(_) => Error::field("name", "another item of this type has this name"),
    }
}

pub(super) async fn find(state: &AppState, org: &OrgContext, reference: &str) -> Result<ConfigItemRecord> {
    org.scope(state).items().find(reference).await?.ok_or(Error::NotFound("item"))
}

/// The name, external id and labels, each checked.
pub(super) fn check_name(name: &str, field: &str) -> std::result::Result<String, Vec<FieldError>> {
    let title = Title::parse(name, field)?.into_inner();
    check_line(&title, field).map_err(|e| vec![e])?;
    Ok(title)
}

pub(super) fn check_external_id(external: &str) -> std::result::Result<String, Vec<FieldError>> {
    let external = external.trim();
    if external.is_empty() || external.len() > MAX_EXTERNAL_ID {
        return Err(vec![FieldError::new("externalId", format!("must be 1 to {MAX_EXTERNAL_ID} characters"))]);
    }
    check_line(external, "externalId").map_err(|e| vec![e])?;
    Ok(external.to_owned())
}

/// The type's key if the organisation has it, with its compiled schema.
pub(super) async fn type_schema(scope: &OrgStore<'_>, ci_type: &str, field: &str) -> Result<Schema> {
    let found = scope
        .items()
        .item_type(ci_type)
        .await?
        .ok_or_else(|| Error::field(field, format!("{ci_type:?} is not an item type of this organisation")))?;
    Schema::compile(&found.schema, field).map_err(|_| Error::internal("a stored attribute schema does not compile"))
}

/// Checks a create's fields; attributes against their type's schema.
pub(super) async fn checked_fields(scope: &OrgStore<'_>, request: CreateItemRequest) -> Result<ItemFields> {
    let mut checks = Checks::default();
    let name = checks.take(check_name(&request.name, "name"));
    let description =
        checks.take(Markdown::parse(request.description, "description", 64 * 1024).map(Markdown::into_inner));
    let external_id = checks.take_some(request.external_id.as_deref().map(check_external_id));
    let labels = checks.take(Labels::parse(&request.labels, "labels").map(Labels::into_inner));
    checks.finish().map_err(Error::Validation)?;
    let schema = type_schema(scope, &request.ci_type, "type").await?;
    schema.check(&request.attributes, "/attributes").map_err(Error::Validation)?;
    let (Some(name), Some(description), Some(external_id), Some(labels)) = (name, description, external_id, labels)
    else {
        return Err(Error::internal("checks passed without values"));
    };
    Ok(ItemFields {
        name,
        ci_type: request.ci_type,
        status: request.status.unwrap_or(CiStatus::Active),
        criticality: request.criticality.unwrap_or(Criticality::Medium),
        description,
        owner: request.owner,
        owner_team: request.owner_team,
        escalation_policy: request.escalation_policy,
        external_id,
        attributes: request.attributes,
        labels,
    })
}

/// Records a configuration item. Its `attributes` are checked against its
/// type's schema (a 422 names the path at fault, `/attributes/os`). An
/// `Idempotency-Key` makes a retry within 24 hours return the first one.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/assets", tag = "assets",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = CreateItemRequest,
    responses((status = 201, body = ItemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem))
)]
async fn create_item(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CreateItemRequest>,
) -> Result<Versioned<ItemView>> {
    org.require(Action::WriteAssets)?;
    let IdempotencyKey(key) = IdempotencyKey::from_headers(&headers)?;
    let scope = org.scope(&state);
    let fields = checked_fields(&scope, request).await?;
    let (item, _) = scope.items().create(fields, key.as_deref(), &org.meta).await?.map_err(refused)?;
    Ok(versioned(item, StatusCode::CREATED))
}

/// Items, newest first, in pages (opaque `cursor`); filter by type,
/// status, owner, team and words.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets", tag = "assets",
    params(ItemListQuery),
    responses((status = 200, body = Page<ItemView>), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn list_items(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ItemListQuery>,
) -> Result<Json<Page<ItemView>>> {
    org.require(Action::ReadAssets)?;
    let limit = paging::limit(query.limit)?;
    let filter = ItemFilter {
        ci_type: query.ci_type,
        status: query.status,
        owner: query.owner,
        owner_team: query.owner_team,
        text: query.q,
        before: query.cursor.as_deref().map(paging::decode).transpose()?,
    };
    let (items, next) = org.scope(&state).items().list(&filter, limit).await?;
    Ok(Json(Page::new(items.into_iter().map(Into::into).collect(), next)))
}

/// One item, by id (`cfg_…`) or number (`7`, `CI-7`), with its `ETag`.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets/{itemId}", tag = "assets",
    params(("itemId" = String, Path, description = "`cfg_…`, `7` or `CI-7`")),
    responses((status = 200, body = ItemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_item(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ItemPath>,
) -> Result<Versioned<ItemView>> {
    org.require(Action::ReadAssets)?;
    Ok(versioned(find(&state, &org, &path.item).await?, StatusCode::OK))
}

/// Changes an item. Requires `If-Match` (428 without, 412 when stale);
/// status moves follow its lifecycle (409 otherwise); attributes are
/// checked against the (new) type's schema.
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/assets/{itemId}", tag = "assets",
    params(("itemId" = String, Path), ("If-Match" = String, Header)),
    request_body = UpdateItemRequest,
    responses(
        (status = 200, body = ItemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem),
    ),
)]
async fn update_item(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ItemPath>,
    ApiJson(request): ApiJson<UpdateItemRequest>,
) -> Result<Versioned<ItemView>> {
    org.require(Action::WriteAssets)?;
    let IfMatch(version) = IfMatch::from_headers(&headers)?;
    let mut checks = Checks::default();
    let name = checks.take_some(request.name.as_deref().map(|n| check_name(n, "name")));
    let description = checks
        .take_some(request.description.map(|d| Markdown::parse(d, "description", 64 * 1024).map(Markdown::into_inner)));
    let external_id = checks.take_some(request.external_id.map(|e| e.as_deref().map(check_external_id).transpose()));
    let labels =
        checks.take_some(request.labels.as_deref().map(|l| Labels::parse(l, "labels").map(Labels::into_inner)));
    checks.finish().map_err(Error::Validation)?;
    let scope = org.scope(&state);
    let item = find(&state, &org, &path.item).await?;
    if request.ci_type.is_some() || request.attributes.is_some() {
        let ci_type = request.ci_type.as_deref().unwrap_or(&item.ci_type);
        let schema = type_schema(&scope, ci_type, "type").await?;
        schema
            .check(request.attributes.as_ref().unwrap_or(&item.attributes), "/attributes")
            .map_err(Error::Validation)?;
    }
    let edit = ItemEdit {
        name: name.flatten(),
        ci_type: request.ci_type,
        status: request.status,
        criticality: request.criticality,
        description: description.flatten(),
        owner: request.owner,
        owner_team: request.owner_team,
        escalation_policy: request.escalation_policy,
        external_id: external_id.flatten(),
        attributes: request.attributes,
        labels: labels.flatten(),
    };
    let updated = scope.items().edit(item.id, version, edit, &org.meta).await?.map_err(refused)?;
    Ok(versioned(updated, StatusCode::OK))
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::AssetManagement,
        OpenApiRouter::new()
            .routes(routes!(create_item, list_items))
            .routes(routes!(get_item, update_item))
            .merge(graph::routes())
            .merge(types::routes())
            .merge(transfer::routes())
            .merge(item_records::routes()),
    )
}
