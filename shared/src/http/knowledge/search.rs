//! `GET …/kb`: the knowledge base's entry point. With `q`, ranked search
//! over published articles, known errors and (for those who may see
//! them) incident titles, with highlighted snippets; without, the newest
//! published articles.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::domain::knowledge::{SearchKind, WordMatch};
use crate::domain::org::Module;
use crate::domain::permissions::Action;
use crate::domain::records::{RecordKind, RecordNumber, RecordRef};
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::extract::ApiQuery;
use crate::http::kernel::paging;
use crate::http::tenant::OrgContext;
use crate::store::{SearchHit, SearchQuery};

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct KbQuery {
    /// Words to find, each as a prefix (so results come as one types).
    q: Option<String>,
    /// Only these kinds, comma-separated: `article`, `known_error`, `incident`.
    kind: Option<String>,
    /// Only articles with this tag.
    tag: Option<String>,
    /// `all` words (the default) or `any` (suggestions: more words rank higher).
    #[serde(rename = "match")]
    #[param(rename = "match", inline)]
    matching: Option<WordMatch>,
    /// Portal articles only (what requesters find); always so for requesters.
    portal: Option<bool>,
    /// 1–100, default 25.
    limit: Option<u64>,
}

/// A piece of a snippet: matched words are `match`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SnippetPiece {
    text: String,
    #[serde(rename = "match")]
    matched: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    kind: SearchKind,
    /// `kba_…`, `prb_…` or `inc_…`.
    id: String,
    /// `KB-7`, `PRB-3`, `INC-12`.
    number: String,
    title: String,
    snippet: Vec<SnippetPiece>,
    /// Higher is better; comparable within one answer only.
    rank: f64,
}

impl From<SearchHit> for SearchResult {
    fn from(hit: SearchHit) -> Self {
        let kind = match hit.kind {
            SearchKind::Article => RecordKind::Article,
            SearchKind::KnownError => RecordKind::Problem,
            SearchKind::Incident => RecordKind::Incident,
        };
        Self {
            kind: hit.kind,
            id: RecordRef::stored(kind, hit.record_id).to_string(),
            number: RecordNumber::new(kind, hit.number).to_string(),
            title: hit.title,
            snippet: hit.snippet.into_iter().map(|(text, matched)| SnippetPiece { text, matched }).collect(),
            rank: hit.rank,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    data: Vec<SearchResult>,
}

/// Searches the knowledge base (`q`), or lists its newest published
/// articles. Known errors are found when problem management is on and the
/// caller may read problems; incidents when the caller may see incidents.
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/kb", tag = "knowledge",
    params(KbQuery),
    responses((status = 200, body = SearchResults), (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)),
)]
async fn search_kb(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<KbQuery>,
) -> Result<Json<SearchResults>> {
    // Requesters search the portal's articles alone.
    let requester = !org.allows(Action::ReadKnowledge);
    org.require(if requester { Action::UsePortal } else { Action::ReadKnowledge })?;
    let portal_only = requester || query.portal == Some(true);
    let limit = paging::limit(query.limit)?;
    let mut kinds = match &query.kind {
        None => SearchKind::ALL.to_vec(),
        Some(list) => list
            .split(',')
            .map(|k| k.trim().parse::<SearchKind>().map_err(|_| Error::field("kind", format!("no kind {k:?}"))))
            .collect::<Result<Vec<_>>>()?,
    };
    let problems_on = org.access.org().features.is_on(Module::ProblemManagement);
    kinds.retain(|kind| match kind {
        SearchKind::Article => true,
        SearchKind::KnownError => problems_on && org.allows(Action::ReadProblems),
        SearchKind::Incident => org.allows(Action::ViewIncidents),
    });
    let scope = org.scope(&state);
    let hits = match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        _ if kinds.is_empty() => Vec::new(),
        Some(text) => {
            let any_word = query.matching == Some(WordMatch::Any);
            let search = SearchQuery { text: text.to_owned(), kinds, tag: query.tag, portal_only, any_word, limit };
            scope.search(&search).await?
        }
        None => scope.newest_articles(query.tag.as_deref(), portal_only, limit).await?,
    };
    Ok(Json(SearchResults { data: hits.into_iter().map(Into::into).collect() }))
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search_kb))
}
