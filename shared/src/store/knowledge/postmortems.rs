//! Postmortems: articles of kind `postmortem`, one per resolved incident,
//! written from the template and prefilled with what the incident's
//! record knows (`domain::postmortem`), linked to it.

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use serde_json::json;

use super::{ArticleRecord, ArticleRefusal, Articles, NewArticle, insert_article};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::events::EventType;
use crate::domain::incidents::IncidentStatus;
use crate::domain::knowledge::{ArticleKind, Visibility};
use crate::domain::postmortem;
use crate::ids::{ArticleId, IncidentId, UserId};
use crate::store::entities::kb_article;
use crate::store::incidents::IncidentRecord;
use crate::store::records::LinkRelation;
use crate::store::records::links::link_in;
use crate::store::{OrgStore, StoreError, StoreResult};

impl Articles<'_> {
    /// The postmortem of a resolved incident: a draft from the template,
    /// prefilled with the incident's figures, people, links and timeline,
    /// linked to it. An incident has one; asking again returns it (and `false`).
    pub async fn write_postmortem(
        &self,
        incident: IncidentId,
        author: UserId,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(ArticleRecord, bool), ArticleRefusal>> {
        let org_id = self.scope.org_id;
        if let Some(existing) = self.postmortem_of(incident).await? {
            return Ok(Ok((existing, false)));
        }
        let Some(record) = self.scope.incidents().get(incident).await? else {
            return Ok(Err(ArticleRefusal::NotFound));
        };
        if record.status != IncidentStatus::Resolved {
            return Ok(Err(ArticleRefusal::IncidentNotResolved));
        }
        let facts = incident_facts(&self.scope, &record).await?;
        let mut unit = self.scope.unit(meta).await?;
        // One postmortem per incident, even when two ask at once.
        unit.serialise().await?;
        if let Some(existing) = self.postmortem_on(unit.conn(), incident).await? {
            return Ok(Ok((existing, false)));
        }
        let id = ArticleId::new();
        let new = NewArticle {
            title: format!("Postmortem: {} {}", record.number(), record.title),
            body: postmortem::draft(
                &super::settings::settings_on(unit.conn(), self.scope).await?.postmortem_template,
                &facts,
            ),
            author,
            kind: ArticleKind::Postmortem,
            tags: vec!["postmortem".to_owned()],
            owner: Some(author),
            visibility: Visibility::Internal,
            review_on: None,
            incident: Some(incident),
        };
        let created = insert_article(&mut unit, id, new).await?;
        link_in(&mut unit, org_id, id.into(), LinkRelation::Related, incident.into())
            .await?
            .map_err(|refusal| StoreError::Corrupt(format!("linking a postmortem to its incident: {refusal:?}")))?;
        let summary = json!({"number": created.number.to_string(), "incident": record.number().to_string()});
        unit.audit(AuditEntry::new("article.postmortem_written", id, summary));
        unit.emit(created.event(EventType::ArticleCreated));
        unit.commit().await?;
        Ok(Ok((created, true)))
    }

    /// The incident's postmortem, if it has one.
    pub async fn postmortem_of(&self, incident: IncidentId) -> StoreResult<Option<ArticleRecord>> {
        self.postmortem_on(self.scope.db, incident).await
    }

    async fn postmortem_on<C: ConnectionTrait>(
        &self,
        conn: &C,
        incident: IncidentId,
    ) -> StoreResult<Option<ArticleRecord>> {
        let row = self
            .scope
            .rows::<kb_article::Entity>()
            .filter(kb_article::Column::IncidentId.eq(incident.uuid()))
            .filter(kb_article::Column::Kind.eq(ArticleKind::Postmortem.key()))
            .one(conn)
            .await?;
        row.map(ArticleRecord::try_from).transpose()
    }
}

/// What a postmortem starts from: the incident's figures, who acted on
/// it, what it is linked to, its timeline.
async fn incident_facts(scope: &OrgStore<'_>, incident: &IncidentRecord) -> StoreResult<postmortem::IncidentFacts> {
    let timeline = scope.records().timeline(incident.id.into(), 500).await?;
    let mut people: Vec<String> = Vec::new();
    for entry in &timeline {
        if entry.actor_id.is_some() && !people.contains(&entry.actor_label) {
            people.push(entry.actor_label.clone());
        }
    }
    let linked = scope.links().of(incident.id.into()).await?;
    Ok(postmortem::IncidentFacts {
        number: incident.number().to_string(),
        title: incident.title.clone(),
        severity: incident.severity,
        opened_at: incident.created_at,
        acknowledged_at: incident.acknowledged_at,
        resolved_at: incident.resolved_at,
        people,
        linked: linked.into_iter().map(|link| format!("{} {}", link.other.number, link.other.title)).collect(),
        timeline: timeline.into_iter().map(|e| (e.created_at, e.actor_label, e.body)).collect(),
    })
}
