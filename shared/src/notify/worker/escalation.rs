//! Escalation steps: which policy a trigger starts, and each level's
//! notices to whoever its targets reach at the time.

use chrono::{DateTime, Duration, Utc};

use super::attempt::deliver_all;
use super::fanout::{new_delivery, notice, org_deliveries};
use super::{WorkerContext, WorkerError};
use crate::domain::escalation::{EscalationPolicy, NotificationRules, Target, policy_for};
use crate::domain::incidents::IncidentStatus;
use crate::domain::oncall::Schedule;
use crate::ids::{EventId, UserId};
use crate::notify::NoticeKind;
use crate::store::{DocumentKind, IncidentRecord, OrgAccess, OrgStore};

pub(super) async fn start_escalation(
    ctx: &WorkerContext,
    access: &OrgAccess,
    scope: &OrgStore<'_>,
    incident: &IncidentRecord,
    trigger: EventId,
) -> Result<(), WorkerError> {
    let mut policies = Vec::new();
    for document in scope.documents(DocumentKind::EscalationPolicy).await? {
        let policy: EscalationPolicy = serde_json::from_value(document.definition).map_err(WorkerError::Invalid)?;
        policies.push((document.id, policy));
    }
    // A service the incident affects that names its policy decides; else
    // the organisation's policies by severity.
    let by_service = scope.items().service_policy_of(incident.id).await?;
    let chosen = by_service.filter(|id| policies.iter().any(|(p, _)| p == id));
    let Some(policy_id) = chosen.as_ref().or_else(|| policy_for(&policies, incident.severity).map(|(id, _)| id)) else {
        tracing::info!(incident = %incident.id, "no escalation policy applies; nobody is paged");
        return Ok(());
    };
    // Only the newest trigger escalates (the store decides, under the
    // incident's lock): a late copy of `incident.created` must not restart a
    // reopened incident's escalation. The run's id is its trigger's.
    if scope.start_escalation(incident.id, trigger, *policy_id, ctx.store.now()).await? {
        // Level 1 now, not at the next sweep.
        escalate(ctx, access, trigger.uuid()).await?;
    }
    Ok(())
}

pub(super) async fn escalate(
    ctx: &WorkerContext,
    access: &OrgAccess,
    escalation_id: uuid::Uuid,
) -> Result<(), WorkerError> {
    let scope = ctx.store.org_store(access);
    let Some(running) = scope.escalation(escalation_id).await? else {
        return Ok(());
    };
    let now = ctx.store.now();
    if running.finished_at.is_some() || running.due_at > now {
        return Ok(());
    }
    let Some(incident) = scope.incidents().get(running.incident_id).await? else {
        return Ok(());
    };
    if incident.status != IncidentStatus::Open {
        scope.finish_escalation(running.id).await?;
        return Ok(());
    }
    let Some(document) = scope.document(DocumentKind::EscalationPolicy, running.policy_id).await? else {
        scope.finish_escalation(running.id).await?;
        return Ok(());
    };
    let policy: EscalationPolicy = serde_json::from_value(document.definition).map_err(WorkerError::Invalid)?;
    let Some((level, number)) = policy.level_at(running.next_step) else {
        scope.advance_escalation(running.id, running.next_step, None).await?;
        return Ok(());
    };
    crate::metrics::escalation_fired(now - running.due_at);
    let (kind, shown_level) =
        if running.next_step == 0 { (NoticeKind::Triggered, None) } else { (NoticeKind::Escalated, Some(number)) };
    let event_id = running.trigger();
    let notice = notice(ctx, access, &scope, &incident, event_id, kind, shown_level, now).await?;
    let cause = format!("{}:{}", running.id, running.next_step);
    // Level 1's organisation-wide notices went out with the triggering event.
    let mut created =
        if kind == NoticeKind::Escalated { org_deliveries(&scope, &cause, &notice).await? } else { Vec::new() };
    for user in recipients(&scope, &level.targets, now).await? {
        let rules = match scope.contact_rules(user).await? {
            Some(stored) => serde_json::from_value::<NotificationRules>(serde_json::json!({
                "phone": stored.phone, "channels": stored.rules,
            }))
            .map_err(WorkerError::Invalid)?,
            None => NotificationRules::default(),
        };
        for channel in rules.channels_for(incident.severity) {
            created.push(new_delivery(&cause, channel, &user.to_string(), &notice));
        }
    }
    let next = policy.level_at(running.next_step + 1).map(|_| now + Duration::seconds(i64::from(level.delay_seconds)));
    // Deliveries first: if this fails midway the step runs again and the
    // deterministic ids find what was already recorded.
    deliver_all(ctx, access, &scope, created).await?;
    scope.advance_escalation(running.id, running.next_step, next).await?;
    Ok(())
}

/// Members reached by `targets` at `at`: named users, and whoever is on call.
async fn recipients(scope: &OrgStore<'_>, targets: &[Target], at: DateTime<Utc>) -> Result<Vec<UserId>, WorkerError> {
    let mut users = Vec::new();
    for target in targets {
        let reached = match target {
            Target::User { id } => vec![*id],
            Target::Schedule { id } => match scope.document(DocumentKind::Schedule, *id).await? {
                Some(document) => serde_json::from_value::<Schedule>(document.definition)
                    .map_err(WorkerError::Invalid)?
                    .on_call_at(at)
                    .into_iter()
                    .collect(),
                None => Vec::new(),
            },
            Target::Team { id } => scope.teams().get(*id).await?.map(|team| team.members).unwrap_or_default(),
        };
        for user in reached {
            // Only current members are paged.
            if !users.contains(&user) && scope.member(user).await?.is_some() {
                users.push(user);
            }
        }
    }
    Ok(users)
}
