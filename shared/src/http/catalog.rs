//! The service catalogue (module `serviceCatalog`): `GET …/catalog` is what
//! someone may request (the portal's home); catalogue managers write
//! categories and items — each item's form (JSON Schema), approval,
//! fulfilment plan, target and audience in one place.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::kernel::versioned::{IfMatch, Versioned, stale};
use super::tenant::{OrgContext, module_routes, portal_routes};
use crate::domain::approvals::{StepSpec, check_steps};
use crate::domain::catalog::{FulfilmentPlan, ItemStatus, check_target, compile_form};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::text::{Checks, Markdown, Title, check_line};
use crate::error::{Error, FieldError, Result};
use crate::ids::{CatalogItemId, CategoryId, TeamId};
use crate::store::{CatalogRefusal, CategoryEdit, CategoryRecord, ItemRecord, ItemSpec};

const MAX_DESCRIPTION_BYTES: usize = 64 * 1024;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CategoryView {
    id: CategoryId,
    name: String,
    description: String,
    position: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<CategoryRecord> for CategoryView {
    fn from(c: CategoryRecord) -> Self {
        Self {
            id: c.id,
            name: c.name,
            description: c.description,
            position: c.position,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// How an item is configured: shown to catalogue managers only.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CatalogItemSetup {
    approval: Vec<StepSpec>,
    fulfilment: FulfilmentPlan,
    /// Teams whose members may request it; empty: everyone.
    audience_teams: Vec<TeamId>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CatalogItemView {
    id: CatalogItemId,
    name: String,
    /// Markdown.
    description: String,
    icon: String,
    category: Option<CategoryId>,
    status: ItemStatus,
    /// The form new requests are raised with: a JSON Schema of the answers.
    form: Value,
    form_version: i32,
    /// Whether a request waits for an approval first.
    needs_approval: bool,
    target_minutes: Option<u32>,
    /// For catalogue managers.
    #[serde(skip_serializing_if = "Option::is_none")]
    setup: Option<CatalogItemSetup>,
    /// Send as `If-Match` (also in the `ETag` header) when changing it.
    version: i32,
}

fn item_view(org: &OrgContext, item: ItemRecord) -> CatalogItemView {
    let setup = org.allows(Action::ManageCatalog).then(|| CatalogItemSetup {
        approval: item.approval.clone(),
        fulfilment: item.fulfilment,
        audience_teams: item.audience_teams,
        created_at: item.created_at,
        updated_at: item.updated_at,
    });
    CatalogItemView {
        id: item.id,
        name: item.name,
        description: item.description,
        icon: item.icon,
        category: item.category,
        status: item.status,
        form: item.form,
        form_version: item.form_version,
        needs_approval: !item.approval.is_empty(),
        target_minutes: item.target_minutes,
        setup,
        version: item.version,
    }
}

fn versioned(org: &OrgContext, item: ItemRecord, status: StatusCode) -> Versioned<CatalogItemView> {
    let version = item.version;
    Versioned { status, version, body: item_view(org, item) }
}

fn refused(refusal: CatalogRefusal) -> Error {
    match refusal {
        CatalogRefusal::NotFound => Error::NotFound("catalog item"),
        CatalogRefusal::Stale { current } => stale("item", current),
        CatalogRefusal::NameTaken => Error::field("name", "another one has this name"),
        CatalogRefusal::UnknownCategory => Error::field("category", "is not one of the organisation's categories"),
        CatalogRefusal::UnknownTeam(field) => {
            Error::Validation(vec![FieldError::new(field, "is not one of the organisation's teams")])
        }
        CatalogRefusal::Transition { from, to } => {
            Error::conflict("invalid-transition", format!("an item that is {from} cannot become {to}"))
        }
    }
}

/// What someone may request, and the categories.
#[derive(Serialize, ToSchema)]
pub struct CatalogView {
    categories: Vec<CategoryView>,
    items: Vec<CatalogItemView>,
}

/// The catalogue as the caller may use it: published items open to them
/// (everyone's, and their teams'), with their forms, and the categories.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/catalog", tag = "catalog",
    responses((status = 200, body = CatalogView), (status = 404, body = crate::error::Problem)),
)]
async fn get_catalog(State(state): State<AppState>, org: OrgContext) -> Result<Json<CatalogView>> {
    org.require(Action::UsePortal)?;
    let catalog = org.scope(&state).catalog();
    let items = catalog.requestable_by(org.current.user.id).await?;
    Ok(Json(CatalogView {
        categories: catalog.categories().await?.into_iter().map(Into::into).collect(),
        items: items.into_iter().map(|item| item_view(&org, item)).collect(),
    }))
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CatalogItemQuery {
    #[param(inline)]
    status: Option<ItemStatus>,
}

#[derive(Serialize, ToSchema)]
pub struct CatalogItemList {
    data: Vec<CatalogItemView>,
}

/// Every item, drafts and retired ones too (catalogue managers).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/catalog/items", tag = "catalog",
    params(CatalogItemQuery),
    responses((status = 200, body = CatalogItemList), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
)]
async fn list_catalog_items(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<CatalogItemQuery>,
) -> Result<Json<CatalogItemList>> {
    org.require(Action::ManageCatalog)?;
    let items = org.scope(&state).catalog().items(query.status).await?;
    Ok(Json(CatalogItemList { data: items.into_iter().map(|item| item_view(&org, item)).collect() }))
}

/// An item as written: its form a JSON Schema of an object (`if`/`then`,
/// `dependentSchemas` and formats included), its approval steps (none: no
/// approval), its fulfilment plan (stages in sequence, tasks of a stage in
/// parallel, each for a team and optionally only `when` an answer has a
/// value).
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogItemRequest {
    name: String,
    #[serde(default)]
    description: String,
    /// A short name of an icon, or an emoji.
    #[serde(default)]
    icon: String,
    category: Option<CategoryId>,
    form: Value,
    #[serde(default)]
    approval: Vec<StepSpec>,
    #[serde(default)]
    fulfilment: FulfilmentPlan,
    #[serde(default)]
    audience_teams: Vec<TeamId>,
    target_minutes: Option<u32>,
}

impl CatalogItemRequest {
    fn check(self) -> Result<ItemSpec> {
        let mut checks = Checks::default();
        let name = checks.take(Title::parse(&self.name, "name"));
        let description = checks
            .take(Markdown::parse(self.description, "description", MAX_DESCRIPTION_BYTES).map(Markdown::into_inner));
        let icon = self.icon.trim().to_owned();
        let mut errors: Vec<FieldError> = Vec::new();
        if icon.chars().count() > 32 {
            errors.push(FieldError::new("icon", "must be at most 32 characters"));
        }
        errors.extend(check_line(&icon, "icon").err());
        errors.extend(compile_form(&self.form, "form").err());
        errors.extend(check_steps(&self.approval, "approval").err().unwrap_or_default());
        errors.extend(self.fulfilment.check("fulfilment"));
        errors.extend(self.target_minutes.and_then(|m| check_target(m, "targetMinutes").err()));
        if self.audience_teams.len() > 50 {
            errors.push(FieldError::new("audienceTeams", "at most 50 teams"));
        }
        checks.take::<()>(if errors.is_empty() { Ok(()) } else { Err(errors) });
        checks.finish().map_err(Error::Validation)?;
        let (Some(name), Some(description)) = (name, description) else {
            return Err(Error::internal("checks passed without values"));
        };
        let mut audience_teams = self.audience_teams;
        audience_teams.sort_unstable();
        audience_teams.dedup();
        Ok(ItemSpec {
            name: name.into_inner(),
            description,
            icon,
            category: self.category,
            form: self.form,
            approval: self.approval,
            fulfilment: self.fulfilment,
            audience_teams,
            target_minutes: self.target_minutes,
        })
    }
}

/// Writes a draft item (catalogue managers); publish it to let people request it.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/catalog/items", tag = "catalog",
    request_body = CatalogItemRequest,
    responses((status = 201, body = CatalogItemView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn create_catalog_item(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(request): ApiJson<CatalogItemRequest>,
) -> Result<Versioned<CatalogItemView>> {
    org.require(Action::ManageCatalog)?;
    let spec = request.check()?;
    let item = org.scope(&state).catalog().create_item(spec, &org.meta).await?.map_err(refused)?;
    Ok(versioned(&org, item, StatusCode::CREATED))
}

#[derive(Deserialize)]
struct ItemPath {
    #[serde(rename = "catalogItemId")]
    item: CatalogItemId,
}

/// One item: to catalogue managers any item, with its setup; to others a
/// published item open to them (404 otherwise).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/catalog/items/{catalogItemId}", tag = "catalog",
    params(("catalogItemId" = CatalogItemId, Path)),
    responses((status = 200, body = CatalogItemView, headers(("ETag" = String))), (status = 404, body = crate::error::Problem)),
)]
async fn get_catalog_item(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ItemPath>,
) -> Result<Versioned<CatalogItemView>> {
    org.require(Action::UsePortal)?;
    let catalog = org.scope(&state).catalog();
    let item = catalog.item(path.item).await?.ok_or(Error::NotFound("catalog item"))?;
    if !org.allows(Action::ManageCatalog) && !catalog.may_request(&item, org.current.user.id).await? {
        return Err(Error::NotFound("catalog item"));
    }
    Ok(versioned(&org, item, StatusCode::OK))
}

/// Replaces an item (catalogue managers). Requires `If-Match`. A different
/// form becomes the form's next version: requests raised before keep the
/// version they were raised with.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/catalog/items/{catalogItemId}", tag = "catalog",
    params(("catalogItemId" = CatalogItemId, Path), ("If-Match" = String, Header)),
    request_body = CatalogItemRequest,
    responses((status = 200, body = CatalogItemView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 412, body = crate::error::Problem), (status = 422, body = crate::error::Problem), (status = 428, body = crate::error::Problem)),
)]
async fn replace_catalog_item(
    State(state): State<AppState>,
    org: OrgContext,
    IfMatch(version): IfMatch,
    ApiPath(path): ApiPath<ItemPath>,
    ApiJson(request): ApiJson<CatalogItemRequest>,
) -> Result<Versioned<CatalogItemView>> {
    org.require(Action::ManageCatalog)?;
    let spec = request.check()?;
    let catalog = org.scope(&state).catalog();
    let current = catalog.item(path.item).await?.ok_or(Error::NotFound("catalog item"))?;
    let item =
        catalog.edit_item(path.item, version.unwrap_or(current.version), spec, &org.meta).await?.map_err(refused)?;
    Ok(versioned(&org, item, StatusCode::OK))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogItemStatusRequest {
    status: ItemStatus,
}

/// Publishes, withdraws (to draft) or retires an item (catalogue managers).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/catalog/items/{catalogItemId}/status", tag = "catalog",
    params(("catalogItemId" = CatalogItemId, Path), ("If-Match" = Option<String>, Header)),
    request_body = CatalogItemStatusRequest,
    responses((status = 200, body = CatalogItemView, headers(("ETag" = String))), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 412, body = crate::error::Problem)),
)]
async fn move_catalog_item(
    State(state): State<AppState>,
    org: OrgContext,
    headers: HeaderMap,
    ApiPath(path): ApiPath<ItemPath>,
    ApiJson(request): ApiJson<CatalogItemStatusRequest>,
) -> Result<Versioned<CatalogItemView>> {
    org.require(Action::ManageCatalog)?;
    let version = IfMatch::optional(&headers)?;
    let item =
        org.scope(&state).catalog().move_item(path.item, version, request.status, &org.meta).await?.map_err(refused)?;
    Ok(versioned(&org, item, StatusCode::OK))
}

#[derive(Deserialize)]
struct FormPath {
    #[serde(rename = "catalogItemId")]
    item: CatalogItemId,
    version: i32,
}

/// One version of an item's form (for agents reading an older request).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/catalog/items/{catalogItemId}/forms/{version}", tag = "catalog",
    params(("catalogItemId" = CatalogItemId, Path), ("version" = i32, Path)),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)),
)]
async fn get_catalog_form(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<FormPath>,
) -> Result<Json<Value>> {
    if !org.allows(Action::ManageCatalog) {
        org.require(Action::ReadRequests)?;
    }
    let form = org.scope(&state).catalog().form(path.item, path.version).await?;
    form.map(Json).ok_or(Error::NotFound("form version"))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryRequest {
    name: Option<String>,
    description: Option<String>,
    /// Categories are listed by position, then name.
    position: Option<i32>,
}

impl CategoryRequest {
    fn check(self) -> Result<CategoryEdit> {
        let mut checks = Checks::default();
        let name = checks.take_some(self.name.as_deref().map(|n| Title::parse(n, "name").map(Title::into_inner)));
        let description = checks
            .take_some(self.description.map(|d| Markdown::parse(d, "description", 4096).map(Markdown::into_inner)));
        checks.finish().map_err(Error::Validation)?;
        Ok(CategoryEdit { name: name.flatten(), description: description.flatten(), position: self.position })
    }
}

/// Adds a category (catalogue managers).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/catalog/categories", tag = "catalog",
    request_body = CategoryRequest,
    responses((status = 201, body = CategoryView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn create_catalog_category(
    State(state): State<AppState>,
    org: OrgContext,
    ApiJson(request): ApiJson<CategoryRequest>,
) -> Result<(StatusCode, Json<CategoryView>)> {
    org.require(Action::ManageCatalog)?;
    let edit = request.check()?;
    let name = edit.name.ok_or_else(|| Error::field("name", "is required"))?;
    let catalog = org.scope(&state).catalog();
    let created = catalog
        .create_category(name, edit.description.unwrap_or_default(), edit.position.unwrap_or(0), &org.meta)
        .await?
        .map_err(refused)?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

#[derive(Deserialize)]
struct CategoryPath {
    #[serde(rename = "categoryId")]
    category: CategoryId,
}

/// Renames, describes or moves a category (catalogue managers).
#[utoipa::path(
    patch, path = "/api/orgs/{orgId}/catalog/categories/{categoryId}", tag = "catalog",
    params(("categoryId" = CategoryId, Path)),
    request_body = CategoryRequest,
    responses((status = 200, body = CategoryView), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn update_catalog_category(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<CategoryPath>,
    ApiJson(request): ApiJson<CategoryRequest>,
) -> Result<Json<CategoryView>> {
    org.require(Action::ManageCatalog)?;
    let edit = request.check()?;
    let updated = org.scope(&state).catalog().edit_category(path.category, edit, &org.meta).await?;
    Ok(Json(
        updated
            .map_err(|r| match r {
                CatalogRefusal::NotFound => Error::NotFound("category"),
                other => refused(other),
            })?
            .into(),
    ))
}

/// Deletes a category; its items stay, uncategorised (catalogue managers).
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/catalog/categories/{categoryId}", tag = "catalog",
    params(("categoryId" = CategoryId, Path)),
    responses((status = 204), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
)]
async fn delete_catalog_category(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<CategoryPath>,
) -> Result<StatusCode> {
    org.require(Action::ManageCatalog)?;
    if org.scope(&state).catalog().delete_category(path.category, &org.meta).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Error::NotFound("category"))
    }
}

pub fn routes() -> OpenApiRouter<AppState> {
    module_routes(
        Module::ServiceCatalog,
        portal_routes(
            OpenApiRouter::new()
                .routes(routes!(get_catalog))
                .routes(routes!(list_catalog_items, create_catalog_item))
                .routes(routes!(get_catalog_item, replace_catalog_item))
                .routes(routes!(move_catalog_item))
                .routes(routes!(get_catalog_form))
                .routes(routes!(create_catalog_category))
                .routes(routes!(update_catalog_category, delete_catalog_category)),
        ),
    )
}
