//! What every record's page offers, written once and mounted per kind with
//! [`record_routes!`]: its timeline (and notes on it), its links to other
//! records, and its links to things outside.

use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::domain::permissions::Action;
use crate::domain::records::{RecordKind, RecordRef};
use crate::domain::text::{Markdown, Title, check_text};
use crate::error::{Error, FieldError, Result};
use crate::http::tenant::OrgContext;
use crate::ids::{LinkId, TimelineEntryId, UserId};
use crate::store::{
    ExternalLinkRecord, LinkRecord, LinkRefusal, LinkRelation, NewExternalLink, RecordSummary, TimelineKind,
    TimelineRecord,
};

/// The most a note may hold.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// What each kind's routes need to know of it.
pub struct RecordRoutes {
    pub kind: RecordKind,
    /// `incident`, `article`: for 404s.
    pub noun: &'static str,
    pub read: Action,
    pub note: Action,
    pub link: Action,
    /// What lets someone reach the records they requested themselves
    /// (read them, write notes on them) without `read` or `note`.
    pub own: Option<Action>,
}

impl RecordRoutes {
    /// The record `reference` names (id or number), after checking `org`
    /// may read it (as anyone with `read`, or as its requester).
    pub async fn find(&self, state: &AppState, org: &OrgContext, reference: &str) -> Result<RecordSummary> {
        self.find_for(state, org, reference, self.read).await
    }

    async fn find_for(
        &self,
        state: &AppState,
        org: &OrgContext,
        reference: &str,
        action: Action,
    ) -> Result<RecordSummary> {
        let owns = self.own.is_some_and(|own| org.allows(own));
        if !owns {
            org.require(action)?;
        }
        let record =
            org.scope(state).records().resolve(self.kind, reference).await?.ok_or(Error::NotFound(self.noun))?;
        if org.allows(action) || record.requested_by == Some(org.current.user.id) {
            Ok(record)
        } else {
            Err(Error::NotFound(self.noun))
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntryView {
    id: TimelineEntryId,
    kind: TimelineKind,
    actor_id: Option<UserId>,
    /// Who acted, as they were known then (kept if they leave).
    actor: String,
    body: String,
    detail: serde_json::Value,
    created_at: DateTime<Utc>,
}

impl From<TimelineRecord> for TimelineEntryView {
    fn from(r: TimelineRecord) -> Self {
        Self {
            id: r.id,
            kind: r.kind,
            actor_id: r.actor_id,
            actor: r.actor_label,
            body: r.body,
            detail: r.detail,
            created_at: r.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Timeline {
    data: Vec<TimelineEntryView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoteRequest {
    /// Markdown.
    text: String,
}

/// A record as another record's page shows it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordSummaryView {
    id: RecordRef,
    kind: RecordKind,
    /// `INC-42`, `KB-7`.
    number: String,
    title: String,
    status: String,
}

impl From<RecordSummary> for RecordSummaryView {
    fn from(r: RecordSummary) -> Self {
        Self {
            id: r.reference,
            kind: r.reference.kind(),
            number: r.number.to_string(),
            title: r.title,
            status: r.status,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkView {
    id: LinkId,
    /// The relation read from this record: `caused_by`, or from the other
    /// end `causes`; `related`; `resolves` / `resolved_by`; `affects` /
    /// `affected_by`; `duplicates` / `duplicated_by`.
    relation: String,
    /// Whether this record is the link's `from`.
    outgoing: bool,
    record: RecordSummaryView,
    created_by: Option<UserId>,
    created_at: DateTime<Utc>,
}

impl From<LinkRecord> for LinkView {
    fn from(link: LinkRecord) -> Self {
        Self {
            id: link.id,
            relation: link.label().to_owned(),
            outgoing: link.outgoing,
            record: link.other.into(),
            created_by: link.created_by,
            created_at: link.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Links {
    data: Vec<LinkView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkRequest {
    relation: LinkRelation,
    /// The other record's id: `inc_…`, `kba_…`, …
    to: RecordRef,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExternalLinkView {
    id: LinkId,
    system: String,
    key: String,
    url: String,
    title: String,
    created_at: DateTime<Utc>,
}

impl From<ExternalLinkRecord> for ExternalLinkView {
    fn from(r: ExternalLinkRecord) -> Self {
        Self { id: r.id, system: r.system, key: r.key, url: r.url, title: r.title, created_at: r.created_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExternalLinks {
    data: Vec<ExternalLinkView>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalLinkRequest {
    /// Where it lives: `jira`, `servicenow`, `github`, `url`, …
    system: String,
    /// Its key there (`OPS-12`, a sys_id); defaults to the URL.
    key: Option<String>,
    /// An `https://` (or `http://`) link to it.
    url: String,
    #[serde(default)]
    title: String,
}

pub async fn timeline(state: &AppState, org: &OrgContext, routes: &RecordRoutes, reference: &str) -> Result<Timeline> {
    let record = routes.find(state, org, reference).await?;
    let entries = org.scope(state).records().timeline(record.reference, 1000).await?;
    Ok(Timeline { data: entries.into_iter().map(Into::into).collect() })
}

pub async fn add_note(
    state: &AppState,
    org: &OrgContext,
    routes: &RecordRoutes,
    reference: &str,
    body: NoteRequest,
) -> Result<(StatusCode, Json<TimelineEntryView>)> {
    let record = routes.find_for(state, org, reference, routes.note).await?;
    let text = Markdown::parse_required(body.text, "text", MAX_NOTE_BYTES).map_err(Error::Validation)?;
    let entry = org
        .scope(state)
        .records()
        .add_note(record.reference, text.into_inner(), &org.meta)
        .await?
        .ok_or(Error::NotFound(routes.noun))?;
    Ok((StatusCode::CREATED, Json(entry.into())))
}

pub async fn links(state: &AppState, org: &OrgContext, routes: &RecordRoutes, reference: &str) -> Result<Links> {
    let record = routes.find(state, org, reference).await?;
    let features = &org.access.org().features;
    let links = org.scope(state).links().of(record.reference).await?;
    // Records of a module switched off are not shown, as if they did not exist.
    let data =
        links.into_iter().filter(|l| features.is_on(l.other.reference.kind().module())).map(Into::into).collect();
    Ok(Links { data })
}

/// The records of each kind in `kinds` linked with `record` (either end),
/// grouped by kind in that order; records of a module switched off are left out.
pub async fn linked_by_kind(
    state: &AppState,
    org: &OrgContext,
    record: RecordRef,
    kinds: &[RecordKind],
) -> Result<Vec<Vec<RecordSummaryView>>> {
    let features = &org.access.org().features;
    let links = org.scope(state).links().of(record).await?;
    Ok(kinds
        .iter()
        .map(|kind| {
            links
                .iter()
                .filter(|l| l.other.reference.kind() == *kind && features.is_on(kind.module()))
                .map(|l| l.other.clone().into())
                .collect()
        })
        .collect())
}

pub async fn add_link(
    state: &AppState,
    org: &OrgContext,
    routes: &RecordRoutes,
    reference: &str,
    body: LinkRequest,
) -> Result<(StatusCode, Json<LinkView>)> {
    org.require(routes.link)?;
    let record = routes.find(state, org, reference).await?;
    let unknown = || Error::field("to", "is not a record of this organisation");
    if !org.access.org().features.is_on(body.to.kind().module()) {
        return Err(unknown());
    }
    match org.scope(state).links().link(record.reference, body.relation, body.to, &org.meta).await? {
        Ok(link) => Ok((StatusCode::CREATED, Json(link.into()))),
        Err(LinkRefusal::UnknownRecord) => Err(unknown()),
        Err(LinkRefusal::ToItself) => Err(Error::field("to", "a record cannot be linked to itself")),
        Err(LinkRefusal::Exists) => Err(Error::conflict("link-exists", "these records are linked so already")),
    }
}

pub async fn remove_link(
    state: &AppState,
    org: &OrgContext,
    routes: &RecordRoutes,
    reference: &str,
    link: LinkId,
) -> Result<StatusCode> {
    org.require(routes.link)?;
    let record = routes.find(state, org, reference).await?;
    match org.scope(state).links().unlink(record.reference, link, &org.meta).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(Error::NotFound("link")),
    }
}

pub async fn external_links(
    state: &AppState,
    org: &OrgContext,
    routes: &RecordRoutes,
    reference: &str,
) -> Result<ExternalLinks> {
    let record = routes.find(state, org, reference).await?;
    let links = org.scope(state).links().external(record.reference).await?;
    Ok(ExternalLinks { data: links.into_iter().map(Into::into).collect() })
}

fn check_external(body: ExternalLinkRequest) -> Result<NewExternalLink> {
    let mut errors: Vec<FieldError> = Vec::new();
    let system = body.system.trim().to_lowercase();
    if !(1..=40).contains(&system.len()) || !system.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) {
        errors.push(FieldError::new("system", "1–40 characters: letters, digits, - _ ."));
    }
    let url = body.url.trim().to_owned();
    let parsed = url::Url::parse(&url).ok().filter(|u| matches!(u.scheme(), "https" | "http") && u.host().is_some());
    if parsed.is_none() || url.len() > 2048 {
        errors.push(FieldError::new("url", "must be an http(s) URL of at most 2048 characters"));
    }
    let key = body.key.map(|k| k.trim().to_owned()).unwrap_or_else(|| url.clone());
    if key.is_empty() || key.len() > 2048 {
        errors.push(FieldError::new("key", "must be 1 to 2048 characters"));
    }
    errors.extend(check_text(&key, "key").err());
    let title = if body.title.trim().is_empty() {
        key.clone()
    } else {
        match Title::parse(&body.title, "title") {
            Ok(title) => title.into_inner(),
            Err(mut found) => {
                errors.append(&mut found);
                String::new()
            }
        }
    };
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(NewExternalLink { system, key, url, title })
}

pub async fn add_external_link(
    state: &AppState,
    org: &OrgContext,
    routes: &RecordRoutes,
    reference: &str,
    body: ExternalLinkRequest,
) -> Result<(StatusCode, Json<ExternalLinkView>)> {
    org.require(routes.link)?;
    let new = check_external(body)?;
    let record = routes.find(state, org, reference).await?;
    match org.scope(state).links().add_external(record.reference, new, &org.meta).await? {
        Some(link) => Ok((StatusCode::CREATED, Json(link.into()))),
        None => Err(Error::conflict("link-exists", "this record links to that key already")),
    }
}

pub async fn remove_external_link(
    state: &AppState,
    org: &OrgContext,
    routes: &RecordRoutes,
    reference: &str,
    link: LinkId,
) -> Result<StatusCode> {
    org.require(routes.link)?;
    let record = routes.find(state, org, reference).await?;
    match org.scope(state).links().remove_external(record.reference, link, &org.meta).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(Error::NotFound("link")),
    }
}

/// Mounts the kernel's record routes under `base` for one kind: a module
/// of thin handlers whose OpenAPI paths are this kind's.
///
/// `record_routes!(incident_records, ROUTES, "/api/orgs/{orgId}/incidents/{incidentId}", "incidentId", "incidents");`
macro_rules! record_routes {
    ($module:ident, $routes:path, $base:literal, $param:literal, $tag:literal) => {
        pub mod $module {
            use axum::Json;
            use axum::extract::State;
            use axum::http::StatusCode;
            use serde::Deserialize;
            use utoipa_axum::router::OpenApiRouter;
            use utoipa_axum::routes;

            use $crate::app::AppState;
            use $crate::error::Result;
            use $crate::http::extract::{ApiJson, ApiPath};
            use $crate::http::kernel::records::{self as kernel, *};
            use $crate::http::tenant::OrgContext;
            use $crate::ids::LinkId;

            #[derive(Deserialize)]
            struct RecordPath {
                #[serde(rename = $param)]
                record: String,
            }

            #[derive(Deserialize)]
            struct LinkPath {
                #[serde(rename = $param)]
                record: String,
                #[serde(rename = "linkId")]
                link: LinkId,
            }

            /// The record's timeline, oldest first.
            #[utoipa::path(get, path = concat!($base, "/timeline"), tag = $tag, operation_id = concat!(stringify!($module), "_timeline"),
                params(($param = String, Path, description = "The record's id or number")),
                responses((status = 200, body = Timeline), (status = 404, body = $crate::error::Problem)))]
            async fn timeline(State(state): State<AppState>, org: OrgContext, ApiPath(path): ApiPath<RecordPath>) -> Result<Json<Timeline>> {
                kernel::timeline(&state, &org, &$routes, &path.record).await.map(Json)
            }

            /// Adds a note to the timeline. Entries are never edited or
            /// deleted; a correction is a new note.
            #[utoipa::path(post, path = concat!($base, "/timeline"), tag = $tag, operation_id = concat!(stringify!($module), "_add_note"),
                params(($param = String, Path, description = "The record's id or number")), request_body = NoteRequest,
                responses((status = 201, body = TimelineEntryView), (status = 404, body = $crate::error::Problem), (status = 422, body = $crate::error::Problem)))]
            async fn add_note(
                State(state): State<AppState>,
                org: OrgContext,
                ApiPath(path): ApiPath<RecordPath>,
                ApiJson(body): ApiJson<NoteRequest>,
            ) -> Result<(StatusCode, Json<TimelineEntryView>)> {
                kernel::add_note(&state, &org, &$routes, &path.record, body).await
            }

            /// The record's links to other records, from either end.
            #[utoipa::path(get, path = concat!($base, "/links"), tag = $tag, operation_id = concat!(stringify!($module), "_links"),
                params(($param = String, Path, description = "The record's id or number")),
                responses((status = 200, body = Links), (status = 404, body = $crate::error::Problem)))]
            async fn links(State(state): State<AppState>, org: OrgContext, ApiPath(path): ApiPath<RecordPath>) -> Result<Json<Links>> {
                kernel::links(&state, &org, &$routes, &path.record).await.map(Json)
            }

            /// Links the record to another record of the organisation (both
            /// timelines say so).
            #[utoipa::path(post, path = concat!($base, "/links"), tag = $tag, operation_id = concat!(stringify!($module), "_add_link"),
                params(($param = String, Path, description = "The record's id or number")), request_body = LinkRequest,
                responses((status = 201, body = LinkView), (status = 404, body = $crate::error::Problem),
                    (status = 409, body = $crate::error::Problem), (status = 422, body = $crate::error::Problem)))]
            async fn add_link(
                State(state): State<AppState>,
                org: OrgContext,
                ApiPath(path): ApiPath<RecordPath>,
                ApiJson(body): ApiJson<LinkRequest>,
            ) -> Result<(StatusCode, Json<LinkView>)> {
                kernel::add_link(&state, &org, &$routes, &path.record, body).await
            }

            /// Removes one of the record's links.
            #[utoipa::path(delete, path = concat!($base, "/links/{linkId}"), tag = $tag, operation_id = concat!(stringify!($module), "_remove_link"),
                params(($param = String, Path, description = "The record's id or number"), ("linkId" = LinkId, Path)),
                responses((status = 204), (status = 404, body = $crate::error::Problem)))]
            async fn remove_link(State(state): State<AppState>, org: OrgContext, ApiPath(path): ApiPath<LinkPath>) -> Result<StatusCode> {
                kernel::remove_link(&state, &org, &$routes, &path.record, path.link).await
            }

            /// The record's links to things outside (a Jira issue, a
            /// ServiceNow record, a URL).
            #[utoipa::path(get, path = concat!($base, "/external-links"), tag = $tag, operation_id = concat!(stringify!($module), "_external_links"),
                params(($param = String, Path, description = "The record's id or number")),
                responses((status = 200, body = ExternalLinks), (status = 404, body = $crate::error::Problem)))]
            async fn external_links(State(state): State<AppState>, org: OrgContext, ApiPath(path): ApiPath<RecordPath>) -> Result<Json<ExternalLinks>> {
                kernel::external_links(&state, &org, &$routes, &path.record).await.map(Json)
            }

            /// Links the record to something outside.
            #[utoipa::path(post, path = concat!($base, "/external-links"), tag = $tag, operation_id = concat!(stringify!($module), "_add_external_link"),
                params(($param = String, Path, description = "The record's id or number")), request_body = ExternalLinkRequest,
                responses((status = 201, body = ExternalLinkView), (status = 409, body = $crate::error::Problem), (status = 422, body = $crate::error::Problem)))]
            async fn add_external_link(
                State(state): State<AppState>,
                org: OrgContext,
                ApiPath(path): ApiPath<RecordPath>,
                ApiJson(body): ApiJson<ExternalLinkRequest>,
            ) -> Result<(StatusCode, Json<ExternalLinkView>)> {
                kernel::add_external_link(&state, &org, &$routes, &path.record, body).await
            }

            /// Removes one of the record's external links.
            #[utoipa::path(delete, path = concat!($base, "/external-links/{linkId}"), tag = $tag, operation_id = concat!(stringify!($module), "_remove_external_link"),
                params(($param = String, Path, description = "The record's id or number"), ("linkId" = LinkId, Path)),
                responses((status = 204), (status = 404, body = $crate::error::Problem)))]
            async fn remove_external_link(State(state): State<AppState>, org: OrgContext, ApiPath(path): ApiPath<LinkPath>) -> Result<StatusCode> {
                kernel::remove_external_link(&state, &org, &$routes, &path.record, path.link).await
            }

            pub fn routes() -> OpenApiRouter<AppState> {
                OpenApiRouter::new()
                    .routes(routes!(timeline, add_note))
                    .routes(routes!(links, add_link))
                    .routes(routes!(remove_link))
                    .routes(routes!(external_links, add_external_link))
                    .routes(routes!(remove_external_link))
            }
        }
    };
}

pub(crate) use record_routes;
