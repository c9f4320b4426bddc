//! An organisation's knowledge-base settings: the postmortem template
//! (its sections, some required), the default until an admin sets one.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde_json::json;

use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::postmortem::{Section, default_template};
use crate::store::entities::kb_setting;
use crate::store::scope::scoped;
use crate::store::{OrgStore, StoreError, StoreResult};

impl OrgStore<'_> {
    /// The organisation's postmortem template.
    pub async fn postmortem_template(&self) -> StoreResult<Vec<Section>> {
        template_on(self.db, *self).await
    }

    /// Replaces the postmortem template (checked by the caller).
    pub async fn set_postmortem_template(&self, sections: Vec<Section>, meta: &AuditMeta) -> StoreResult<()> {
        let mut unit = self.unit(meta).await?;
        let before = template_on(unit.conn(), *self).await?;
        kb_setting::Entity::insert(kb_setting::ActiveModel {
            org_id: Set(self.org_id.uuid()),
            postmortem_template: Set(json!(sections).to_string()),
            updated_at: Set(unit.now()),
        })
        .on_conflict(
            OnConflict::column(kb_setting::Column::OrgId)
                .update_columns([kb_setting::Column::PostmortemTemplate, kb_setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(unit.conn())
        .await?;
        let summary = json!({"before": before, "after": sections});
        unit.audit(AuditEntry::new("kb.postmortem_template_changed", self.org_id, summary));
        unit.commit().await?;
        Ok(())
    }
}

pub(super) async fn template_on<C: ConnectionTrait>(conn: &C, scope: OrgStore<'_>) -> StoreResult<Vec<Section>> {
    let Some(row) = scoped::<kb_setting::Entity>(scope.org_id).one(conn).await? else {
        return Ok(default_template());
    };
    serde_json::from_str(&row.postmortem_template).map_err(|e| StoreError::Corrupt(e.to_string()))
}
