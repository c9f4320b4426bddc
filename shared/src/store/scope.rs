//! The one door to an organisation's tables. An [`OrgStore`] is built from
//! an [`OrgAccess`](super::OrgAccess) (a membership check, or the system
//! acting for an organisation); every query on a table an organisation
//! owns starts from [`scoped`] (or [`scoped_update`], [`scoped_delete`]),
//! which adds the `org_id` filter — the only place it is written. A source
//! scan (`tests::tenant_tables_are_reached_only_through_the_scope`) keeps it
//! so; the cross-organisation paths of the relay, sweep and workers live in
//! `store::system`.

use sea_orm::{ColumnTrait, DatabaseConnection, DeleteMany, EntityTrait, QueryFilter, Select, UpdateMany};

use super::entities;
use crate::clock::Clock;
use crate::ids::{OrgId, UserId};

/// A table whose rows belong to one organisation each.
pub(super) trait OrgOwned: EntityTrait {
    fn org_column() -> Self::Column;
}

macro_rules! org_owned {
    ($($entity:ident),+ $(,)?) => {
        $(impl OrgOwned for entities::$entity::Entity {
            fn org_column() -> Self::Column {
                entities::$entity::Column::OrgId
            }
        })+

        /// The modules of the entities that belong to an organisation.
        #[cfg(test)]
        pub(super) const ORG_OWNED: &[&str] = &[$(stringify!($entity)),+];
    };
}

org_owned!(
    action_item,
    approval,
    approval_approver,
    approval_step,
    approval_vote,
    audit_event,
    catalog_category,
    catalog_item,
    catalog_item_form,
    change,
    change_freeze,
    change_policy,
    channel_setting,
    ci_relation_type,
    ci_relationship,
    ci_type,
    configuration_item,
    contact_rule,
    delivery,
    delivery_attempt,
    escalation,
    external_link,
    incident,
    incident_assignee,
    incident_day,
    incident_label,
    invite,
    kb_article,
    kb_article_version,
    kb_setting,
    membership,
    oncall_document,
    outbox_event,
    problem,
    record_counter,
    record_idempotency_key,
    record_link,
    request_task,
    search_document,
    service_request,
    sla_calendar,
    sla_clock,
    sla_clock_event,
    sla_policy,
    sla_policy_revision,
    team,
    team_member,
    timeline_entry,
    webhook_endpoint,
);

/// `org_id`'s rows of `E`.
pub(super) fn scoped<E: OrgOwned>(org_id: OrgId) -> Select<E> {
    E::find().filter(E::org_column().eq(org_id.uuid()))
}

/// An update of `org_id`'s rows of `E` (narrow it further with `filter`).
pub(super) fn scoped_update<E: OrgOwned>(org_id: OrgId) -> UpdateMany<E> {
    E::update_many().filter(E::org_column().eq(org_id.uuid()))
}

/// A delete of `org_id`'s rows of `E` (narrow it further with `filter`).
pub(super) fn scoped_delete<E: OrgOwned>(org_id: OrgId) -> DeleteMany<E> {
    E::delete_many().filter(E::org_column().eq(org_id.uuid()))
}

/// The doors into organisations from outside any one of them: a person's
/// memberships, and a pending invite's token.
pub(super) fn memberships_of(user: UserId) -> Select<entities::membership::Entity> {
    entities::membership::Entity::find().filter(entities::membership::Column::UserId.eq(user.uuid()))
}

pub(super) fn invite_with_token(token_hash: &str) -> Select<entities::invite::Entity> {
    entities::invite::Entity::find().filter(entities::invite::Column::TokenHash.eq(token_hash))
}

/// Queries on one organisation's tables; every statement is filtered by the
/// organisation it was built for. Cheap to copy: its per-module handles
/// (`incidents()`, `articles()`, `teams()`, `links()`, `events()`) each
/// hold one.
#[derive(Clone, Copy)]
pub struct OrgStore<'a> {
    pub(super) db: &'a DatabaseConnection,
    pub(super) clock: &'a Clock,
    pub(super) org_id: OrgId,
}

impl OrgStore<'_> {
    pub fn org_id(&self) -> OrgId {
        self.org_id
    }

    /// This organisation's rows of `E`.
    pub(super) fn rows<E: OrgOwned>(&self) -> Select<E> {
        scoped(self.org_id)
    }
}

#[cfg(test)]
mod tests {
    /// Files that may name a tenant entity's `find`, `update_many` or
    /// `delete_many` directly: this door, and the system paths that work
    /// across organisations (claims, prunes, Stripe's customer lookup).
    const ALLOWED: &[&str] = &["scope.rs", "system"];

    #[test]
    fn tenant_tables_are_reached_only_through_the_scope() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
        let mut offences = Vec::new();
        let mut pending = vec![root.clone()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).expect("read store dir").flatten() {
                let path = entry.path();
                let relative = path.strip_prefix(&root).expect("under store").display().to_string();
                if path.is_dir() {
                    if !ALLOWED.contains(&relative.as_str()) && relative != "entities" && relative != "migrations" {
                        pending.push(path);
                    }
                    continue;
                }
                if ALLOWED.contains(&relative.as_str()) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read source");
                // An alias would hide an entity from this scan.
                if text.lines().any(|l| {
                    l.trim_start().starts_with("use super::") && l.contains("entities::") && l.contains(" as ")
                }) {
                    offences.push(format!("{relative}: imports an entity under another name"));
                }
                for entity in super::ORG_OWNED {
                    for call in ["Entity::find", "Entity::update_many", "Entity::delete_many", "Entity::delete_by_id"] {
                        if text.contains(&format!("{entity}::{call}")) {
                            offences.push(format!("{relative}: {entity}::{call}"));
                        }
                    }
                }
            }
        }
        assert!(offences.is_empty(), "tenant tables reached around the scope: {offences:#?}");
    }

    #[test]
    fn every_table_with_an_org_id_is_org_owned() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/entities");
        // The organisation itself and its billing row are keyed by the org's id.
        let roots = ["org", "org_billing", "checkout_session"];
        for entry in std::fs::read_dir(dir).expect("entities").flatten() {
            let name = entry.path().file_stem().expect("stem").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path()).expect("read");
            if text.contains("pub org_id: Uuid") && !roots.contains(&name.as_str()) {
                assert!(super::ORG_OWNED.contains(&name.as_str()), "{name} has an org_id but is not org_owned!");
            }
        }
    }
}
