//! SeaORM entities. Private to the store: outside it, tenant tables are
//! reachable only through [`OrgStore`](super::OrgStore).

pub(super) mod api_token;
pub(super) mod audit_event;
pub(super) mod channel_setting;
pub(super) mod checkout_session;
pub(super) mod contact_rule;
pub(super) mod delivery;
pub(super) mod delivery_attempt;
pub(super) mod email_token;
pub(super) mod escalation;
pub(super) mod external_link;
pub(super) mod incident;
pub(super) mod incident_assignee;
pub(super) mod incident_day;
pub(super) mod incident_label;
pub(super) mod invite;
pub(super) mod kb_article;
pub(super) mod membership;
pub(super) mod oncall_document;
pub(super) mod org;
pub(super) mod org_billing;
pub(super) mod outbox_event;
pub(super) mod rate_limit;
pub(super) mod record_counter;
pub(super) mod record_idempotency_key;
pub(super) mod record_link;
pub(super) mod session;
pub(super) mod sla_target;
pub(super) mod stripe_event;
pub(super) mod team;
pub(super) mod team_member;
pub(super) mod timeline_entry;
pub(super) mod user;
pub(super) mod webhook_endpoint;
