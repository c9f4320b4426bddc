//! Integrations (admins): Slack, SMS (Twilio) and PagerDuty settings, sealed
//! at rest and never shown back (`channels`); outbound webhook endpoints
//! with secrets shown once, rotation and a test event (`webhooks`); the
//! delivery log with retry (`deliveries`); and the sweep cron jobs call
//! (`sweep`).

mod channels;
mod deliveries;
mod sweep;
mod webhooks;

use serde::Serialize;
use utoipa::ToSchema;

pub use channels::integration_routes;
pub use deliveries::delivery_routes;
pub use sweep::cron_routes;
pub use webhooks::webhook_routes;

use super::AppState;
use super::tenant::OrgContext;
use crate::error::{Error, Result};
use crate::ids::EventId;
use crate::notify::{Notice, NoticeKind, Receipt, SendError};
use crate::secrets::Sealer;

fn sealer(state: &AppState) -> Result<&Sealer> {
    state.config.sealer.as_ref().ok_or_else(|| Error::Unavailable("SECRETS_KEY is not configured".to_owned()))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TestResult {
    delivered: bool,
    status_code: Option<u16>,
    detail: String,
}

impl From<std::result::Result<Receipt, SendError>> for TestResult {
    fn from(result: std::result::Result<Receipt, SendError>) -> Self {
        match result {
            Ok(Receipt { status_code, detail }) => Self { delivered: true, status_code, detail },
            Err(SendError::Retryable { status_code, detail } | SendError::Permanent { status_code, detail }) => {
                Self { delivered: false, status_code, detail }
            }
        }
    }
}

/// A made-up incident for "send test".
fn test_notice(state: &AppState, org: &OrgContext) -> Notice {
    let record = org.access.org();
    Notice {
        event_id: EventId::new(),
        kind: NoticeKind::Triggered,
        level: None,
        org_id: record.id,
        org_name: record.name.clone(),
        incident_id: crate::ids::IncidentId::new(),
        number: 0,
        title: "Test notification from Simplicity".to_owned(),
        severity: crate::domain::incidents::Severity::P4,
        status: crate::domain::incidents::IncidentStatus::Open,
        assignees: vec![org.current.user.name.clone()],
        url: format!("{}/{}/settings/integrations", state.config.public_url.trim_end_matches('/'), record.slug),
        occurred_at: state.store.now(),
    }
}
