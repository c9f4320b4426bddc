//! An incident event fanned out: the notice it makes, one delivery per
//! organisation-wide channel and subscribed webhook, and, for a trigger,
//! the start of the incident's escalation.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::attempt::deliver_all;
use super::escalation::start_escalation;
use super::{WorkerContext, WorkerError};
use crate::domain::events::EventType;
use crate::domain::incidents::IncidentStatus;
use crate::ids::EventId;
use crate::notify::{Channel, Notice, NoticeKind};
use crate::store::{IncidentRecord, NewDelivery, OrgAccess, OrgStore};

/// A deterministic delivery id: one per (cause, channel, recipient).
pub fn delivery_id(cause: &str, channel: Channel, recipient: &str) -> String {
    let digest = Sha256::digest(format!("{cause}\n{channel}\n{recipient}").as_bytes());
    format!("dlv_{}", hex::encode(&digest[..12]))
}

pub(super) async fn on_event(ctx: &WorkerContext, access: &OrgAccess, event_id: EventId) -> Result<(), WorkerError> {
    let scope = ctx.store.org_store(access);
    let Some(event) = scope.events().get(event_id).await? else {
        return Ok(());
    };
    if !event.event_type.wakes_worker() || super::record_notices::on_event(ctx, access, &scope, &event).await? {
        return Ok(());
    }
    let Some(incident_id) = event.incident_id() else {
        return Ok(());
    };
    let Some(incident) = scope.incidents().get(incident_id).await? else {
        return Ok(());
    };
    // Any move off `open` ends escalation. Judged by the incident as it is
    // now, not by the event: a late copy of an old acknowledgement must not
    // stop a reopened incident's escalation.
    if incident.status != IncidentStatus::Open {
        scope.stop_escalation(incident.id).await?;
    }
    let kind = match event.event_type {
        EventType::IncidentCreated | EventType::IncidentReopened => NoticeKind::Triggered,
        EventType::IncidentAcknowledged => NoticeKind::Acknowledged,
        EventType::IncidentResolved => NoticeKind::Resolved,
        _ => return Ok(()),
    };
    let notice = notice(ctx, access, &scope, &incident, event_id, kind, None, event.created_at).await?;
    let created = org_deliveries(&scope, &event_id.to_string(), &notice).await?;
    deliver_all(ctx, access, &scope, created).await?;
    if kind == NoticeKind::Triggered {
        start_escalation(ctx, access, &scope, &incident, event_id).await?;
    }
    Ok(())
}

/// The organisation-wide deliveries of a notice: its Slack channel, its
/// PagerDuty service (which escalates on its own, so not `Escalated`), and
/// the webhook endpoints subscribed to `incident.<kind>`.
pub(super) async fn org_deliveries(
    scope: &OrgStore<'_>,
    cause: &str,
    notice: &Notice,
) -> Result<Vec<NewDelivery>, WorkerError> {
    let mut created = Vec::new();
    for (channel, _, _) in scope.channel_settings().await? {
        match channel.parse::<Channel>() {
            Ok(Channel::Slack) => created.push(new_delivery(cause, Channel::Slack, "org", notice)),
            Ok(Channel::PagerDuty) if notice.kind != NoticeKind::Escalated => {
                created.push(new_delivery(cause, Channel::PagerDuty, "org", notice));
            }
            _ => {}
        }
    }
    let webhook_type = format!("incident.{}", notice.kind);
    for endpoint in scope.webhook_endpoints().await? {
        if endpoint.event_types.iter().any(|t| t == "*" || *t == webhook_type) {
            created.push(new_delivery(cause, Channel::Webhook, &endpoint.id.to_string(), notice));
        }
    }
    Ok(created)
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn notice(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    incident: &IncidentRecord,
    event_id: EventId,
    kind: NoticeKind,
    level: Option<u32>,
    occurred_at: DateTime<Utc>,
) -> Result<Notice, WorkerError> {
    let members = scope.members().await?;
    let assignees = incident
        .assignees
        .iter()
        .filter_map(|id| members.iter().find(|m| m.user_id == *id).map(|m| m.name.clone()))
        .collect();
    let org = access.org();
    Ok(Notice {
        event_id,
        kind,
        level,
        org_id: org.id,
        org_name: org.name.clone(),
        incident_id: incident.id,
        number: incident.number,
        title: incident.title.clone(),
        severity: incident.severity,
        status: incident.status,
        assignees,
        url: format!("{}/{}/incidents/{}", ctx.public_url.trim_end_matches('/'), org.slug, incident.number),
        occurred_at,
    })
}

pub(super) fn new_delivery(cause: &str, channel: Channel, recipient: &str, notice: &Notice) -> NewDelivery {
    NewDelivery {
        id: delivery_id(cause, channel, recipient),
        event_id: notice.event_id,
        incident_id: Some(notice.incident_id),
        channel: channel.key().to_owned(),
        recipient: recipient.to_owned(),
        notice: serde_json::to_value(notice).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivery_ids_are_stable_per_cause_channel_and_recipient() {
        let a = delivery_id("evt_1", Channel::Slack, "org");
        assert_eq!(a, delivery_id("evt_1", Channel::Slack, "org"));
        assert_ne!(a, delivery_id("evt_1", Channel::PagerDuty, "org"));
        assert_ne!(a, delivery_id("evt_2", Channel::Slack, "org"));
    }
}
