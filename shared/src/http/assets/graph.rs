//! An item's relationships, the impact walk from it, and the records on
//! it or on what it depends on.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::super::AppState;
use super::super::extract::{ApiJson, ApiPath, ApiQuery};
use super::super::kernel::records::RecordSummaryView;
use super::super::tenant::OrgContext;
use super::{ItemPath, ItemView, find};
use crate::domain::assets::{
    DEFAULT_IMPACT_DEPTH, DEFAULT_IMPACT_LIMIT, Direction, MAX_IMPACT_DEPTH, MAX_IMPACT_LIMIT,
};
use crate::domain::permissions::Action;
use crate::domain::records::RecordKind;
use crate::error::{Error, Result};
use crate::ids::{ConfigItemId, LinkId};
use crate::store::{RelateRefusal, RelationshipRecord};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RelationshipView {
    id: LinkId,
    /// Read from this item: `depends_on`, or from the other end `used_by`.
    relation: String,
    /// Whether this item is the relationship's `from`.
    outgoing: bool,
    item: ConfigItemId,
    number: String,
    name: String,
    #[serde(rename = "type")]
    ci_type: String,
    created_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct RelationshipList {
    data: Vec<RelationshipView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RelateRequest {
    /// `depends_on`, `runs_on`, `connects_to`, or one of the organisation's relations.
    relation: String,
    /// The other item (`cfg_…`).
    to: ConfigItemId,
}

#[derive(Deserialize)]
struct RelationshipPath {
    #[serde(rename = "itemId")]
    item: String,
    #[serde(rename = "relationshipId")]
    relationship: LinkId,
}

async fn views(state: &AppState, org: &OrgContext, records: Vec<RelationshipRecord>) -> Result<Vec<RelationshipView>> {
    let others: Vec<uuid::Uuid> = records.iter().map(|r| r.other.uuid()).collect();
    let items = org.scope(state).items().many(&others).await?;
    Ok(records
        .into_iter()
        .filter_map(|r| {
            let other = items.iter().find(|i| i.id == r.other)?;
            Some(RelationshipView {
                id: r.id,
                relation: r.relation,
                outgoing: r.outgoing,
                item: r.other,
                number: other.number.to_string(),
                name: other.name.clone(),
                ci_type: other.ci_type.clone(),
                created_at: r.created_at,
            })
        })
        .collect())
}

/// The item's relationships, both ways.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets/{itemId}/relationships", tag = "assets",
    params(("itemId" = String, Path)),
    responses((status = 200, body = RelationshipList), (status = 404, body = crate::error::Problem)),
)]
async fn list_relationships(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ItemPath>,
) -> Result<Json<RelationshipList>> {
    org.require(Action::ReadAssets)?;
    let item = find(&state, &org, &path.item).await?;
    let records = org.scope(&state).items().relationships(item.id).await?;
    Ok(Json(RelationshipList { data: views(&state, &org, records).await? }))
}

/// Relates the item to another (`this depends_on that`); cycles are allowed.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/assets/{itemId}/relationships", tag = "assets",
    params(("itemId" = String, Path)),
    request_body = RelateRequest,
    responses((status = 201, body = RelationshipView), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn add_relationship(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ItemPath>,
    ApiJson(request): ApiJson<RelateRequest>,
) -> Result<(StatusCode, Json<RelationshipView>)> {
    org.require(Action::WriteAssets)?;
    let item = find(&state, &org, &path.item).await?;
    let related = org.scope(&state).items().relate(item.id, &request.relation, request.to, &org.meta).await?;
    let record = match related {
        Ok(record) => record,
        Err(RelateRefusal::UnknownItem) => return Err(Error::field("to", "is not an item of this organisation")),
        Err(RelateRefusal::UnknownRelation) => {
            return Err(Error::field(
                "relation",
                format!("{:?} is not a relation of this organisation", request.relation),
            ));
        }
        Err(RelateRefusal::ToItself) => return Err(Error::field("to", "an item cannot relate to itself")),
        Err(RelateRefusal::Exists) => {
            return Err(Error::conflict("relationship-exists", "these items are related so already"));
        }
    };
    let view =
        views(&state, &org, vec![record]).await?.pop().ok_or_else(|| Error::internal("a related item vanished"))?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Removes one of the item's relationships.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/assets/{itemId}/relationships/{relationshipId}", tag = "assets",
    params(("itemId" = String, Path), ("relationshipId" = LinkId, Path)),
    responses((status = 204), (status = 404, body = crate::error::Problem)),
)]
async fn remove_relationship(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<RelationshipPath>,
) -> Result<StatusCode> {
    org.require(Action::WriteAssets)?;
    let item = find(&state, &org, &path.item).await?;
    match org.scope(&state).items().unrelate(item.id, path.relationship, &org.meta).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(Error::NotFound("relationship")),
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImpactQuery {
    /// `downstream` (default): what the item relies on; `upstream`: what relies on it.
    direction: Option<Direction>,
    /// 1–20, default 10.
    depth: Option<u32>,
    /// Items listed at most, nearest first: 1–10000, default 1000 (`total`
    /// counts them all).
    limit: Option<usize>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImpactNodeView {
    item: ItemView,
    depth: u32,
    /// A shortest path from the item asked about to this one, both included.
    path: Vec<ConfigItemId>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImpactView {
    direction: Direction,
    depth: u32,
    /// Every item reached, listed or not.
    total: usize,
    /// The nearest `limit` of them, by depth.
    data: Vec<ImpactNodeView>,
}

/// Every item reached from this one following its relationships (cycles
/// are walked once), nearest first, with its depth and a shortest path.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets/{itemId}/impact", tag = "assets",
    params(("itemId" = String, Path), ImpactQuery),
    responses((status = 200, body = ImpactView), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn impact(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ItemPath>,
    ApiQuery(query): ApiQuery<ImpactQuery>,
) -> Result<Json<ImpactView>> {
    org.require(Action::ReadAssets)?;
    let depth = query.depth.unwrap_or(DEFAULT_IMPACT_DEPTH);
    if !(1..=MAX_IMPACT_DEPTH).contains(&depth) {
        return Err(Error::field("depth", format!("must be 1 to {MAX_IMPACT_DEPTH}")));
    }
    let limit = query.limit.unwrap_or(DEFAULT_IMPACT_LIMIT);
    if !(1..=MAX_IMPACT_LIMIT).contains(&limit) {
        return Err(Error::field("limit", format!("must be 1 to {MAX_IMPACT_LIMIT}")));
    }
    let direction = query.direction.unwrap_or(Direction::Downstream);
    let item = find(&state, &org, &path.item).await?;
    let (nodes, total) = org.scope(&state).items().impact(item.id, direction, depth, limit).await?;
    let data =
        nodes.into_iter().map(|n| ImpactNodeView { item: n.item.into(), depth: n.depth, path: n.path }).collect();
    Ok(Json(ImpactView { direction, depth, total, data }))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemRecordsView {
    /// Open incidents on the item or on what it depends on.
    incidents: Vec<RecordSummaryView>,
    /// Problems not yet resolved.
    problems: Vec<RecordSummaryView>,
    /// Changes not yet closed: recent, under way and upcoming.
    changes: Vec<RecordSummaryView>,
}

/// The open incidents, problems and changes that affect the item or what
/// it depends on: what a responder looks at first.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets/{itemId}/records", tag = "assets",
    params(("itemId" = String, Path)),
    responses((status = 200, body = ItemRecordsView), (status = 404, body = crate::error::Problem)),
)]
async fn item_records(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(path): ApiPath<ItemPath>,
) -> Result<Json<ItemRecordsView>> {
    org.require(Action::ReadAssets)?;
    let item = find(&state, &org, &path.item).await?;
    let features = &org.access.org().features;
    let records = org.scope(&state).items().records_on(item.id, DEFAULT_IMPACT_DEPTH).await?;
    let of = |kind: RecordKind, open: &dyn Fn(&str) -> bool| -> Vec<RecordSummaryView> {
        if !features.is_on(kind.module()) {
            return Vec::new();
        }
        records.iter().filter(|r| r.reference.kind() == kind && open(&r.status)).cloned().map(Into::into).collect()
    };
    Ok(Json(ItemRecordsView {
        incidents: of(RecordKind::Incident, &|s| s != "resolved"),
        problems: of(RecordKind::Problem, &|s| !matches!(s, "resolved" | "closed")),
        changes: of(RecordKind::Change, &|s| !matches!(s, "closed" | "cancelled" | "rejected")),
    }))
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_relationships, add_relationship))
        .routes(routes!(remove_relationship))
        .routes(routes!(impact))
        .routes(routes!(item_records))
}
