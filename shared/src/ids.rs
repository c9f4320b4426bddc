//! Identifiers: UUIDv7 (time-ordered) newtypes, written with a readable prefix
//! (`org_0192…`) wherever they leave the process, stored as plain UUIDs.

use std::fmt;
use std::str::FromStr;

/// A malformed identifier; resources answer 404 for these, as for unknown ids.
#[derive(Debug, thiserror::Error)]
#[error("not a valid {expected} identifier")]
pub struct InvalidId {
    pub expected: &'static str,
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(uuid::Uuid);

        impl $name {
            pub const PREFIX: &'static str = $prefix;

            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7())
            }

            pub fn from_uuid(uuid: uuid::Uuid) -> Self {
                Self(uuid)
            }

            pub fn uuid(self) -> uuid::Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}_{}", $prefix, self.0.simple())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.strip_prefix(concat!($prefix, "_"))
                    .filter(|hex| hex.len() == 32)
                    .and_then(|hex| uuid::Uuid::try_parse(hex).ok())
                    .map(Self)
                    .ok_or(InvalidId { expected: $prefix })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .pattern(Some(concat!("^", $prefix, "_[0-9a-f]{32}$")))
                    .examples([concat!($prefix, "_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e")])
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

id_type!(
    /// An organisation (tenant).
    OrgId, "org");
id_type!(
    /// A person with an account.
    UserId, "usr");
id_type!(
    /// A browser session.
    SessionId, "ses");
id_type!(
    /// A personal API token.
    TokenId, "tok");
id_type!(
    /// An invitation to join an organisation.
    InviteId, "inv");
id_type!(
    /// One entry of an organisation's audit log.
    AuditEventId, "aud");
id_type!(
    /// A knowledge-base article.
    ArticleId, "kba");
id_type!(
    /// An action item of a postmortem.
    ActionItemId, "act");
id_type!(
    /// An incident.
    IncidentId, "inc");
id_type!(
    /// An entry in an incident's timeline.
    TimelineEntryId, "tle");
id_type!(
    /// A domain event (in the outbox, on the queue, in the live stream).
    EventId, "evt");
id_type!(
    /// A problem: the cause behind one or more incidents.
    ProblemId, "prb");
id_type!(
    /// A change to a service or its configuration.
    ChangeId, "chg");
id_type!(
    /// A service request someone raised.
    RequestId, "req");
id_type!(
    /// A fulfilment task of a service request.
    RequestTaskId, "rqt");
id_type!(
    /// An item of the service catalogue.
    CatalogItemId, "cit");
id_type!(
    /// A category of the service catalogue.
    CategoryId, "cat");
id_type!(
    /// A configuration item (asset, service, server…).
    ConfigItemId, "cfg");
id_type!(
    /// A link between two records, or from one to something outside.
    LinkId, "lnk");
id_type!(
    /// A team of an organisation.
    TeamId, "tea");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_prefixed_form() {
        let id = OrgId::new();
        let text = id.to_string();
        assert!(text.starts_with("org_"));
        assert_eq!(text.len(), 4 + 32);
        assert_eq!(text.parse::<OrgId>().expect("parses"), id);
    }

    #[test]
    fn rejects_other_prefixes_and_garbage() {
        let user = UserId::new().to_string();
        assert!(user.parse::<OrgId>().is_err());
        assert!("org_xyz".parse::<OrgId>().is_err());
        assert!("".parse::<OrgId>().is_err());
        let bare = OrgId::new().uuid().to_string();
        assert!(bare.parse::<OrgId>().is_err());
    }

    #[test]
    fn new_ids_are_time_ordered() {
        let first = OrgId::new();
        let second = OrgId::new();
        assert!(first < second);
    }

    #[test]
    fn serialises_as_prefixed_string() {
        let id = UserId::new();
        let json = serde_json::to_string(&id).expect("serialises");
        assert_eq!(json, format!("\"{id}\""));
        let back: UserId = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, id);
    }
}
id_type!(
    /// An approval a record goes through (its steps and votes).
    ApprovalId, "apr");
id_type!(
    /// A business-hours calendar SLA clocks count by.
    CalendarId, "cal");
id_type!(
    /// An SLA policy: which records, which targets, which calendar.
    SlaPolicyId, "slp");
id_type!(
    /// One SLA clock of a record (one per measured target).
    SlaClockId, "clk");
id_type!(
    /// A period in which changes may not be scheduled.
    FreezeId, "frz");
