//! Ranked full-text search over what an organisation has written down:
//! published articles, known errors (published workarounds) and incident
//! titles. Writers keep one row per findable record in `search_documents`
//! (in their own transaction); each store ranks it with its own engine —
//! PostgreSQL a weighted `tsvector` (GIN index, `ts_rank`), SQLite FTS5
//! (`bm25`) — with the same words, the same weights (title and tags ten
//! times the body) and prefix matching on every word, so a fixed corpus
//! ranks the same on both (`tests/api/knowledge.rs` holds them to it).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult, QueryFilter, Set, Statement,
};

use super::entities::search_document;
use super::scope::scoped_delete;
use super::{OrgStore, StoreResult};
use crate::domain::knowledge::{SearchKind, Visibility, search_terms};
use crate::ids::OrgId;

/// A record as search finds it.
pub(super) struct SearchDocument {
    pub kind: SearchKind,
    pub record_id: uuid::Uuid,
    pub number: i64,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    pub updated_at: DateTime<Utc>,
}

/// SQLite's search: FTS5 ranked by bm25, the page's snippets. CROSS JOIN
/// keeps the full-text match the outer loop: a planner that starts from
/// the organisation's documents (as it does with statistics from when the
/// tables were small) runs the match once per document — minutes at 100k.
fn sqlite_statement(matching: &str, filters: &str, limit: &str) -> String {
    format!(
        "SELECT d.kind, d.record_id, d.number, d.title, \
           snippet(search_fts, -1, char(2), char(3), '…', 24) AS snippet, \
           -bm25(search_fts, 10.0, 10.0, 1.0) AS rank \
         FROM search_fts CROSS JOIN search_documents d ON d.seq = search_fts.rowid \
         WHERE search_fts MATCH {matching} AND d.org_id = ?1{filters} \
         ORDER BY rank DESC, d.kind, d.number DESC LIMIT {limit}"
    )
}

/// Makes `document` findable, or brings what search finds of it up to date.
pub(super) async fn index<C: ConnectionTrait>(conn: &C, org_id: OrgId, document: SearchDocument) -> StoreResult<()> {
    use search_document::Column;
    search_document::Entity::insert(search_document::ActiveModel {
        org_id: Set(org_id.uuid()),
        kind: Set(document.kind.key().to_owned()),
        record_id: Set(document.record_id),
        number: Set(document.number),
        title: Set(document.title),
        body: Set(document.body),
        tags: Set(document.tags.join(" ")),
        visibility: Set(document.visibility.key().to_owned()),
        updated_at: Set(document.updated_at),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([Column::OrgId, Column::Kind, Column::RecordId])
            .update_columns([
                Column::Number,
                Column::Title,
                Column::Body,
                Column::Tags,
                Column::Visibility,
                Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Search no longer finds the record.
pub(super) async fn unindex<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    kind: SearchKind,
    record_id: uuid::Uuid,
) -> StoreResult<()> {
    scoped_delete::<search_document::Entity>(org_id)
        .filter(search_document::Column::Kind.eq(kind.key()))
        .filter(search_document::Column::RecordId.eq(record_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// What to look for.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    pub text: String,
    /// Empty: every kind.
    pub kinds: Vec<SearchKind>,
    pub tag: Option<String>,
    /// Requesters: portal articles only.
    pub portal_only: bool,
    /// Any of the words rather than all (suggestions for a title being
    /// typed); those matching more words rank higher.
    pub any_word: bool,
    pub limit: u64,
}

/// One thing found, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub record_id: uuid::Uuid,
    pub number: i64,
    pub title: String,
    /// Text around the words found, as (text, is a match) pieces.
    pub snippet: Vec<(String, bool)>,
    pub rank: f64,
}

#[derive(FromQueryResult)]
struct Found {
    kind: String,
    record_id: uuid::Uuid,
    number: i64,
    title: String,
    snippet: String,
    rank: f64,
}

/// Marks a match's start and end in snippets (never in stored text).
const MATCH_START: char = '\u{2}';
const MATCH_END: char = '\u{3}';

impl OrgStore<'_> {
    /// The best `limit` matches for every word of `query.text` (each word
    /// a prefix), title and tag matches first.
    pub async fn search(&self, query: &SearchQuery) -> StoreResult<Vec<SearchHit>> {
        let terms = search_terms(&query.text);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let backend = self.db.get_database_backend();
        let mut values: Vec<sea_orm::Value> = vec![self.org_id.uuid().into()];
        let mut filters = String::new();
        let kinds: Vec<SearchKind> = if query.portal_only { vec![SearchKind::Article] } else { query.kinds.clone() };
        if !kinds.is_empty() {
            // Keys of an enum: safe to write into the statement.
            let keys: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.key())).collect();
            filters.push_str(&format!(" AND d.kind IN ({})", keys.join(", ")));
        }
        if query.portal_only {
            filters.push_str(&format!(" AND d.visibility = '{}'", Visibility::Portal.key()));
        }
        let placeholder = |values: &Vec<sea_orm::Value>| match backend {
            DatabaseBackend::Postgres => format!("${}", values.len()),
            _ => format!("?{}", values.len()),
        };
        if let Some(tag) = &query.tag {
            values.push(format!("% {} %", crate::domain::text::normalise_label(tag)).into());
            filters.push_str(&format!(" AND (' ' || d.tags || ' ') LIKE {}", placeholder(&values)));
        }
        let sql = match backend {
            DatabaseBackend::Postgres => {
                let words: Vec<String> = terms.iter().map(|t| format!("{t}:*")).collect();
                values.push(words.join(if query.any_word { " | " } else { " & " }).into());
                let matching = placeholder(&values);
                values.push(format!("StartSel={MATCH_START}, StopSel={MATCH_END}, MaxWords=24, MinWords=8").into());
                let options = placeholder(&values);
                values.push(i64::try_from(query.limit).unwrap_or(i64::MAX).into());
                let limit = placeholder(&values);
                // Ranked and cut first, so only the page is highlighted.
                format!(
                    "SELECT best.kind, best.record_id, best.number, best.title, best.rank, \
                       ts_headline('english', CASE WHEN best.body = '' THEN best.title ELSE best.body END, best.q, {options}) AS snippet \
                     FROM (SELECT d.kind, d.record_id, d.number, d.title, d.body, q, \
                             ts_rank('{{0.1, 0.1, 0.1, 1.0}}', d.document, q, 1)::float8 AS rank \
                           FROM search_documents d, to_tsquery('english', {matching}) q \
                           WHERE d.org_id = $1 AND d.document @@ q{filters} \
                           ORDER BY rank DESC, d.kind, d.number DESC LIMIT {limit}) best \
                     ORDER BY best.rank DESC, best.kind, best.number DESC"
                )
            }
            _ => {
                let words: Vec<String> = terms.iter().map(|t| format!("\"{t}\"*")).collect();
                values.push(words.join(if query.any_word { " OR " } else { " " }).into());
                let matching = placeholder(&values);
                values.push(i64::try_from(query.limit).unwrap_or(i64::MAX).into());
                sqlite_statement(&matching, &filters, &placeholder(&values))
            }
        };
        let found = Found::find_by_statement(Statement::from_sql_and_values(backend, sql, values)).all(self.db).await?;
        Ok(found
            .into_iter()
            .filter_map(|f| {
                Some(SearchHit {
                    kind: f.kind.parse().ok()?,
                    record_id: f.record_id,
                    number: f.number,
                    title: f.title,
                    snippet: pieces(&f.snippet),
                    rank: f.rank,
                })
            })
            .collect())
    }
}

impl OrgStore<'_> {
    /// The newest published articles (with `tag`; portal ones only, for
    /// requesters), their opening as the snippet.
    pub async fn newest_articles(
        &self,
        tag: Option<&str>,
        portal_only: bool,
        limit: u64,
    ) -> StoreResult<Vec<SearchHit>> {
        use sea_orm::sea_query::ExprTrait;
        use sea_orm::{QueryOrder, QuerySelect};
        let mut query =
            self.rows::<search_document::Entity>().filter(search_document::Column::Kind.eq(SearchKind::Article.key()));
        if portal_only {
            query = query.filter(search_document::Column::Visibility.eq(Visibility::Portal.key()));
        }
        if let Some(tag) = tag {
            let padded = sea_orm::sea_query::Expr::cust("(' ' || tags || ' ')");
            query = query.filter(padded.like(format!("% {} %", crate::domain::text::normalise_label(tag))));
        }
        let rows = query
            .order_by_desc(search_document::Column::UpdatedAt)
            .order_by_desc(search_document::Column::Number)
            .limit(limit)
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| SearchHit {
                kind: SearchKind::Article,
                record_id: row.record_id,
                number: row.number,
                title: row.title,
                snippet: vec![(row.body.chars().take(OPENING).collect(), false)],
                rank: 0.0,
            })
            .collect())
    }
}

/// How much of an article the newest list shows.
const OPENING: usize = 200;

/// A snippet's text split at its match marks.
fn pieces(snippet: &str) -> Vec<(String, bool)> {
    let mut pieces = Vec::new();
    let mut rest = snippet;
    while let Some(start) = rest.find(MATCH_START) {
        if start > 0 {
            pieces.push((rest[..start].to_owned(), false));
        }
        let after = &rest[start + MATCH_START.len_utf8()..];
        let end = after.find(MATCH_END).unwrap_or(after.len());
        pieces.push((after[..end].to_owned(), true));
        rest = after.get(end + MATCH_END.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        pieces.push((rest.to_owned(), false));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_split_at_their_marks() {
        let marked = format!("disk {MATCH_START}full{MATCH_END} on {MATCH_START}db{MATCH_END}");
        assert_eq!(
            pieces(&marked),
            [("disk ", false), ("full", true), (" on ", false), ("db", true)].map(|(t, m)| (t.to_owned(), m))
        );
        assert_eq!(pieces("plain"), [("plain".to_owned(), false)]);
    }

    /// With statistics saying the documents are few (as they are when a
    /// server starts empty), the match still drives the join.
    #[tokio::test]
    async fn on_sqlite_the_match_drives_the_join_whatever_the_statistics() {
        use crate::store::test_support::{Backend, test_store};
        let (store, _db) = test_store(Backend::Sqlite).await;
        let stale = "ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'search_documents'; \
                     INSERT INTO sqlite_stat1 VALUES ('search_documents', 'ix_search_documents_org_id_kind_record_id', '1 1 1 1'); \
                     INSERT INTO sqlite_stat1 VALUES ('search_documents', NULL, '1'); ANALYZE sqlite_schema";
        store.db.execute_unprepared(stale).await.expect("stale statistics");
        let sql = format!("EXPLAIN QUERY PLAN {}", sqlite_statement("'\"disk\"*'", " AND d.kind IN ('article')", "10"));
        let plan = store
            .db
            .query_all_raw(sea_orm::Statement::from_sql_and_values(
                DatabaseBackend::Sqlite,
                sql,
                [uuid::Uuid::nil().into()],
            ))
            .await
            .expect("plan");
        let steps: Vec<String> = plan.iter().map(|row| row.try_get_by_index::<String>(3).expect("detail")).collect();
        assert!(steps[0].starts_with("SCAN search_fts"), "the match first: {steps:?}");
    }
}
