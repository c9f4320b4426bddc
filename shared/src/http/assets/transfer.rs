//! Import and export of items as CSV (import also takes a JSON array of
//! the same rows). An import streams: the body is parsed as it arrives and
//! written in batches, so a file of any length fits in bounded memory; with
//! `Accept: application/x-ndjson` the answer streams progress lines too.
//! Export writes the columns import reads, so export → import changes
//! nothing.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::super::AppState;
use super::super::extract::ApiQuery;
use super::super::tenant::OrgContext;
use super::csv::{MAX_IMPORT_BYTES, csv_records};
use super::{check_external_id, check_name};
use crate::domain::assets::{CiStatus, Criticality};
use crate::domain::permissions::Action;
use crate::domain::schema::Schema;
use crate::domain::text::{Labels, Markdown};
use crate::error::{Error, FieldError, Result};
use crate::store::{ImportOutcome, ImportRow, ImportRowError, ImportSummary, ItemFields, ItemFilter, OrgStore};

/// The columns, in the order export writes them; `attr.<key>` columns are
/// read too.
const COLUMNS: &[&str] = &[
    "externalId",
    "name",
    "type",
    "status",
    "criticality",
    "owner",
    "ownerTeam",
    "description",
    "labels",
    "attributes",
    "relationships",
];

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Report what would be created, updated and left alone; write nothing.
    dry_run: Option<bool>,
    /// Import the valid rows even if some are not (else nothing is written).
    skip_invalid: Option<bool>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvalidRowView {
    /// The row's line (1 is the header; a JSON array's first row is 2).
    line: u64,
    /// The field at fault: a column, or a path in `attributes` (`/attributes/os`).
    field: String,
    detail: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    dry_run: bool,
    /// Whether anything was written.
    written: bool,
    rows: u64,
    created: u64,
    updated: u64,
    unchanged: u64,
    relationships_created: u64,
    invalid: Vec<InvalidRowView>,
}

fn report(summary: ImportSummary, dry_run: bool, written: bool) -> ImportReport {
    ImportReport {
        dry_run,
        written,
        rows: summary.rows,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        relationships_created: summary.relationships_created,
        invalid: summary
            .invalid
            .into_iter()
            .map(|e| InvalidRowView { line: e.line, field: e.field, detail: e.detail })
            .collect(),
    }
}

/// What rows are checked against: the members by email, teams by name,
/// and each type's attribute schema.
struct Context {
    members: HashMap<String, crate::ids::UserId>,
    teams: HashMap<String, crate::ids::TeamId>,
    schemas: HashMap<String, Schema>,
}

impl Context {
    async fn load(scope: &OrgStore<'_>) -> Result<Self> {
        let members = scope.members().await?.into_iter().map(|m| (m.email.to_lowercase(), m.user_id)).collect();
        let teams = scope.teams().list().await?.into_iter().map(|t| (t.name.to_lowercase(), t.id)).collect();
        let mut schemas = HashMap::new();
        for item_type in scope.items().types().await? {
            let schema = Schema::compile(&item_type.schema, "schema")
                .map_err(|_| Error::internal("a stored schema does not compile"))?;
            schemas.insert(item_type.key, schema);
        }
        Ok(Self { members, teams, schemas })
    }

    /// A row (column name → cell) as an item's fields, or every error in it.
    fn row(&self, line: u64, cells: &HashMap<String, String>) -> std::result::Result<ImportRow, Vec<ImportRowError>> {
        let mut errors: Vec<FieldError> = Vec::new();
        let cell = |name: &str| cells.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
        let name = check_name(cell("name").unwrap_or_default(), "name").map_err(|e| errors.extend(e)).ok();
        let ci_type = cell("type").unwrap_or_default().to_owned();
        let schema = self.schemas.get(&ci_type);
        if schema.is_none() {
            errors.push(FieldError::new("type", format!("{ci_type:?} is not an item type of this organisation")));
        }
        let status: Option<CiStatus> = match cell("status").map(str::parse) {
            Some(Ok(status)) => Some(status),
            Some(Err(problem)) => {
                errors.push(FieldError::new("status", problem));
                None
            }
            None => None,
        };
        let criticality: Option<Criticality> = match cell("criticality").map(str::parse) {
            Some(Ok(criticality)) => Some(criticality),
            Some(Err(problem)) => {
                errors.push(FieldError::new("criticality", problem));
                None
            }
            None => None,
        };
        let external_id = cell("externalId").and_then(|e| check_external_id(e).map_err(|e| errors.extend(e)).ok());
        let owner = match cell("owner") {
            Some(email) => match self.members.get(&email.to_lowercase()) {
                Some(user) => Some(*user),
                None => {
                    errors.push(FieldError::new("owner", format!("{email} is not a member")));
                    None
                }
            },
            None => None,
        };
        let owner_team = match cell("ownerTeam") {
            Some(team) => match self.teams.get(&team.to_lowercase()) {
                Some(id) => Some(*id),
                None => {
                    errors.push(FieldError::new("ownerTeam", format!("{team:?} is not a team")));
                    None
                }
            },
            None => None,
        };
        let description =
            Markdown::parse(cells.get("description").cloned().unwrap_or_default(), "description", 64 * 1024)
                .map_err(|e| errors.extend(e))
                .ok();
        let labels: Vec<String> = cell("labels")
            .map(|l| l.split(';').map(str::to_owned).filter(|l| !l.trim().is_empty()).collect())
            .unwrap_or_default();
        let labels = Labels::parse(&labels, "labels").map_err(|e| errors.extend(e)).ok();
        let attributes = attributes(cells).map_err(|e| errors.push(e)).ok();
        if let (Some(schema), Some(attributes)) = (schema, &attributes) {
            errors.extend(schema.check(attributes, "/attributes").err().unwrap_or_default());
        }
        let relationships =
            relationships(cell("relationships").unwrap_or_default()).map_err(|e| errors.push(e)).unwrap_or_default();
        match (name, description, labels, attributes) {
            (Some(name), Some(description), Some(labels), Some(attributes)) if errors.is_empty() => Ok(ImportRow {
                line,
                fields: ItemFields {
                    name,
                    ci_type,
                    status: status.unwrap_or(CiStatus::Active),
                    criticality: criticality.unwrap_or(Criticality::Medium),
                    description: description.into_inner(),
                    owner,
                    owner_team,
                    escalation_policy: None,
                    external_id,
                    attributes,
                    labels: labels.into_inner(),
                },
                relationships,
            }),
            _ => Err(errors.into_iter().map(|e| ImportRowError { line, field: e.field, detail: e.detail }).collect()),
        }
    }
}

/// The `attributes` cell (a JSON object) with any `attr.<key>` cells on
/// top; a cell that reads as JSON (a number, `true`) is taken as such.
fn attributes(cells: &HashMap<String, String>) -> std::result::Result<Value, FieldError> {
    let mut attributes = match cells.get("attributes").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(text) => serde_json::from_str::<Value>(text)
            .map_err(|e| FieldError::new("attributes", format!("is not JSON: {e}")))?,
        None => json!({}),
    };
    let Some(object) = attributes.as_object_mut() else {
        return Err(FieldError::new("attributes", "must be a JSON object"));
    };
    for (column, value) in cells {
        if let Some(key) = column.strip_prefix("attr.").filter(|_| !value.trim().is_empty()) {
            let value = serde_json::from_str(value.trim()).unwrap_or_else(|_| Value::String(value.trim().to_owned()));
            object.insert(key.to_owned(), value);
        }
    }
    Ok(attributes)
}

/// `depends_on:db-1;runs_on:CI-7`: (relation, target external id or `CI-n`).
fn relationships(cell: &str) -> std::result::Result<Vec<(String, String)>, FieldError> {
    cell.split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once(':') {
            Some((relation, target)) if !relation.trim().is_empty() && !target.trim().is_empty() => {
                Ok((relation.trim().to_owned(), target.trim().to_owned()))
            }
            _ => Err(FieldError::new("relationships", format!("{part:?} is not relation:target"))),
        })
        .collect()
}

/// A CSV body's rows, each checked: the header names the columns.
fn csv_rows(
    body: Body,
    context: std::sync::Arc<Context>,
) -> impl Stream<Item = std::result::Result<ImportRow, Vec<ImportRowError>>> {
    let mut header: Option<Vec<String>> = None;
    let mut line = 0u64;
    csv_records(body).filter_map(move |record| {
        line += 1;
        let result = match (record, &header) {
            (Err(detail), _) => Some(Err(vec![ImportRowError { line, field: "file".into(), detail }])),
            (Ok(names), None) => {
                let unknown: Vec<ImportRowError> = names
                    .iter()
                    .filter(|n| !COLUMNS.contains(&n.as_str()) && !n.starts_with("attr."))
                    .map(|n| ImportRowError { line, field: n.clone(), detail: "is not a column import reads".into() })
                    .collect();
                let missing: Vec<ImportRowError> = ["name", "type"]
                    .iter()
                    .filter(|c| !names.iter().any(|n| n == *c))
                    .map(|c| ImportRowError {
                        line,
                        field: (*c).to_owned(),
                        detail: "the header lacks this column".into(),
                    })
                    .collect();
                header = Some(names);
                let errors: Vec<ImportRowError> = unknown.into_iter().chain(missing).collect();
                (!errors.is_empty()).then_some(Err(errors))
            }
            (Ok(cells), Some(names)) if cells.iter().all(|c| c.trim().is_empty()) && cells.len() <= names.len() => None,
            (Ok(cells), Some(names)) => {
                let row: HashMap<String, String> = names.iter().cloned().zip(cells).collect();
                Some(context.row(line, &row))
            }
        };
        std::future::ready(result)
    })
}

/// A JSON array body's rows (objects with the CSV's columns as keys).
async fn json_rows(body: Body, context: &Context) -> Result<Vec<std::result::Result<ImportRow, Vec<ImportRowError>>>> {
    let bytes: Bytes =
        axum::body::to_bytes(body, MAX_IMPORT_BYTES as usize).await.map_err(|_| Error::PayloadTooLarge)?;
    let rows: Vec<serde_json::Map<String, Value>> = serde_json::from_slice(&bytes)
        .map_err(|e| Error::BadRequest(format!("the body is not a JSON array of rows: {e}")))?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let cells: HashMap<String, String> = row
                .into_iter()
                .map(|(key, value)| {
                    let text = match value {
                        Value::String(text) => text,
                        Value::Null => String::new(),
                        Value::Array(items) if key == "labels" => {
                            items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(";")
                        }
                        other => other.to_string(),
                    };
                    (key, text)
                })
                .collect();
            context.row(i as u64 + 2, &cells)
        })
        .collect())
}

/// Imports items from CSV (`text/csv`) or a JSON array of rows
/// (`application/json`), reconciling each row on its external id, else on
/// (type, name): the same file again changes nothing; an edited file
/// updates in place. With `dryRun`, reports what would happen; with any
/// invalid row (its line and field are reported), nothing is written
/// unless `skipInvalid`. Relationships: a `relationships` column of
/// `relation:target` (target by external id or `CI-n`), `;`-separated.
/// `Accept: application/x-ndjson` streams `{"progress": rows}` lines
/// before the report.
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/assets/import", tag = "assets",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "A header of column names, then a row per item"),
    responses(
        (status = 200, body = ImportReport, description = "Dry run, or written"),
        (status = 415, body = crate::error::Problem),
        (status = 422, body = ImportReport, description = "Invalid rows: nothing written"),
    ),
)]
async fn import_items(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response> {
    org.require(Action::WriteAssets)?;
    let (dry_run, skip_invalid) = (query.dry_run.unwrap_or(false), query.skip_invalid.unwrap_or(false));
    let content_type =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    let csv = content_type.starts_with("text/csv");
    if !csv && !content_type.starts_with("application/json") {
        return Err(Error::UnsupportedMediaType("send text/csv, or application/json (an array of rows)".into()));
    }
    let progress =
        headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/x-ndjson"));
    let context = std::sync::Arc::new(Context::load(&org.scope(&state)).await?);
    let rows: std::pin::Pin<Box<dyn Stream<Item = _> + Send>> = if csv {
        Box::pin(csv_rows(body, context.clone()))
    } else {
        Box::pin(futures_util::stream::iter(json_rows(body, &context).await?))
    };
    if !progress {
        let outcome = org.scope(&state).items().import(rows, dry_run, skip_invalid, &org.meta, |_| {}).await?;
        return Ok(answer(outcome, dry_run));
    }
    // Progress lines while the import runs, then the report.
    let (sender, receiver) = tokio::sync::mpsc::channel::<String>(16);
    let (store, access, meta) = (state.store.clone(), org.access.clone(), org.meta.clone());
    tokio::spawn(async move {
        let lines = sender.clone();
        let outcome = store
            .org_store(&access)
            .items()
            .import(rows, dry_run, skip_invalid, &meta, move |rows| {
                let _ = lines.try_send(format!("{}\n", json!({"progress": rows})));
            })
            .await;
        let last = match outcome {
            Ok(outcome) => {
                let (report, _) = report_of(outcome, dry_run);
                json!({"report": report})
            }
            Err(error) => {
                tracing::error!(error = %crate::error::chain(&error), "import failed");
                json!({"error": "the import failed; nothing was written"})
            }
        };
        let _ = sender.send(format!("{last}\n")).await;
    });
    let lines = tokio_stream_of(receiver).map(|line| Ok::<_, std::convert::Infallible>(Bytes::from(line)));
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], Body::from_stream(lines)).into_response())
}

fn tokio_stream_of(mut receiver: tokio::sync::mpsc::Receiver<String>) -> impl Stream<Item = String> {
    futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx))
}

fn report_of(outcome: ImportOutcome, dry_run: bool) -> (ImportReport, StatusCode) {
    match outcome {
        ImportOutcome::DryRun(summary) => (report(summary, dry_run, false), StatusCode::OK),
        ImportOutcome::Written(summary) => (report(summary, dry_run, true), StatusCode::OK),
        ImportOutcome::Refused(summary) => (report(summary, dry_run, false), StatusCode::UNPROCESSABLE_ENTITY),
    }
}

fn answer(outcome: ImportOutcome, dry_run: bool) -> Response {
    let (report, status) = report_of(outcome, dry_run);
    (status, axum::Json(report)).into_response()
}

/// A CSV cell: quoted when it holds a comma, quote or line break.
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// Every item as CSV, in the columns import reads, a page at a time.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/assets/export", tag = "assets",
    responses((status = 200, content_type = "text/csv", description = "A header, then a row per item"), (status = 404, body = crate::error::Problem)),
)]
async fn export_items(State(state): State<AppState>, org: OrgContext) -> Result<Response> {
    org.require(Action::ReadAssets)?;
    let scope = org.scope(&state);
    let members: HashMap<crate::ids::UserId, String> =
        scope.members().await?.into_iter().map(|m| (m.user_id, m.email)).collect();
    let teams: HashMap<crate::ids::TeamId, String> =
        scope.teams().list().await?.into_iter().map(|t| (t.id, t.name)).collect();
    let (store, access) = (state.store.clone(), org.access.clone());
    let header = Bytes::from(format!("{}\n", COLUMNS.join(",")));
    let pages = futures_util::stream::try_unfold(Some(None), move |before: Option<Option<i64>>| {
        let (store, access, members, teams) = (store.clone(), access.clone(), members.clone(), teams.clone());
        async move {
            let Some(before) = before else { return Ok(None) };
            let scope = store.org_store(&access);
            let items = scope.items();
            let (page, next) = items.list(&ItemFilter { before, ..ItemFilter::default() }, 500).await?;
            let mut text = String::new();
            for item in page {
                let mut related = Vec::new();
                for relationship in items.relationships(item.id).await?.into_iter().filter(|r| r.outgoing) {
                    if let Some(target) = items.get(relationship.other).await? {
                        let key = target.external_id.clone().unwrap_or_else(|| target.number.to_string());
                        related.push(format!("{}:{key}", relationship.relation));
                    }
                }
                let row = [
                    item.external_id.clone().unwrap_or_default(),
                    item.name.clone(),
                    item.ci_type.clone(),
                    item.status.key().to_owned(),
                    item.criticality.key().to_owned(),
                    item.owner.and_then(|o| members.get(&o).cloned()).unwrap_or_default(),
                    item.owner_team.and_then(|t| teams.get(&t).cloned()).unwrap_or_default(),
                    item.description.clone(),
                    item.labels.join(";"),
                    item.attributes.to_string(),
                    related.join(";"),
                ];
                text.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
                text.push('\n');
            }
            Ok::<_, crate::store::StoreError>(Some((Bytes::from(text), next.map(Some))))
        }
    });
    let body = futures_util::stream::once(std::future::ready(Ok(header))).chain(pages.map(|page| {
        page.inspect_err(|error| tracing::error!(error = %crate::error::chain(error), "export ended early"))
    }));
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], Body::from_stream(body)).into_response())
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import_items)).routes(routes!(export_items))
}
