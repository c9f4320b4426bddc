//! The targets incidents are judged by: the organisation's default SLA
//! policy's (see `sla::defaults`).

use super::super::sla::{incident_target, incident_targets};
use super::{Incidents, StoreResult};
use crate::domain::incidents::{Severity, SlaTarget};

pub(super) use super::super::sla::incident_target as target_for;

impl Incidents<'_> {
    /// Every severity's target, defaults filled in.
    pub async fn sla_targets(&self) -> StoreResult<Vec<(Severity, SlaTarget)>> {
        incident_targets(self.scope.db, self.scope.org_id).await
    }

    pub async fn sla_target(&self, severity: Severity) -> StoreResult<SlaTarget> {
        incident_target(self.scope.db, self.scope.org_id, severity).await
    }
}
