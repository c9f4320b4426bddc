//! An organisation's knowledge-base settings: the postmortem template
//! (its sections, some required; the default until an admin sets one)
//! and the review publishing needs (one approval step), if any.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde_json::json;

use crate::domain::approvals::StepSpec;
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::postmortem::{Section, default_template};
use crate::store::entities::kb_setting;
use crate::store::scope::scoped;
use crate::store::{OrgStore, StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbSettingsRecord {
    pub postmortem_template: Vec<Section>,
    /// With it, an article is published only once approved.
    pub review: Option<StepSpec>,
}

impl OrgStore<'_> {
    pub async fn kb_settings(&self) -> StoreResult<KbSettingsRecord> {
        settings_on(self.db, *self).await
    }

    /// Replaces the settings (checked by the caller). Reviews already open
    /// go on with the approvers they were opened with.
    pub async fn set_kb_settings(&self, settings: KbSettingsRecord, meta: &AuditMeta) -> StoreResult<()> {
        let mut unit = self.unit(meta).await?;
        let before = settings_on(unit.conn(), *self).await?;
        let review = settings.review.as_ref().map(|r| json!(r).to_string());
        kb_setting::Entity::insert(kb_setting::ActiveModel {
            org_id: Set(self.org_id.uuid()),
            postmortem_template: Set(json!(settings.postmortem_template).to_string()),
            review: Set(review),
            updated_at: Set(unit.now()),
        })
        .on_conflict(
            OnConflict::column(kb_setting::Column::OrgId)
                .update_columns([
                    kb_setting::Column::PostmortemTemplate,
                    kb_setting::Column::Review,
                    kb_setting::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(unit.conn())
        .await?;
        let summary = json!({
            "before": {"postmortemTemplate": before.postmortem_template, "review": before.review},
            "after": {"postmortemTemplate": settings.postmortem_template, "review": settings.review},
        });
        unit.audit(AuditEntry::new("kb.settings_changed", self.org_id, summary));
        unit.commit().await?;
        Ok(())
    }
}

pub(super) async fn settings_on<C: ConnectionTrait>(conn: &C, scope: OrgStore<'_>) -> StoreResult<KbSettingsRecord> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let Some(row) = scoped::<kb_setting::Entity>(scope.org_id).one(conn).await? else {
        return Ok(KbSettingsRecord { postmortem_template: default_template(), review: None });
    };
    Ok(KbSettingsRecord {
        postmortem_template: serde_json::from_str(&row.postmortem_template).map_err(corrupt)?,
        review: row.review.as_deref().map(serde_json::from_str).transpose().map_err(corrupt)?,
    })
}
