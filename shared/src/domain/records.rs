//! What makes something a record: its kind (and the module it belongs to)
//! and its per-organisation number, shown as `INC-42`.

use std::fmt;

use crate::domain::keyed_enum;
use crate::domain::org::Module;
use crate::ids::{ArticleId, ChangeId, ConfigItemId, IncidentId, ProblemId, RequestId};

keyed_enum!(
    /// The kinds of record, each numbered on its own within an organisation.
    RecordKind {
        Incident => "incident",
        Problem => "problem",
        Change => "change",
        Request => "request",
        Article => "article",
        ConfigurationItem => "configurationItem",
    }
);

impl RecordKind {
    /// The prefix its numbers are shown with.
    pub fn prefix(self) -> &'static str {
        match self {
            RecordKind::Incident => "INC",
            RecordKind::Problem => "PRB",
            RecordKind::Change => "CHG",
            RecordKind::Request => "REQ",
            RecordKind::Article => "KB",
            RecordKind::ConfigurationItem => "CI",
        }
    }

    /// The module an organisation switches on to have records of this kind.
    pub fn module(self) -> Module {
        match self {
            RecordKind::Incident => Module::IncidentManagement,
            RecordKind::Problem => Module::ProblemManagement,
            RecordKind::Change => Module::ChangeManagement,
            RecordKind::Request => Module::RequestFulfillment,
            RecordKind::Article => Module::KnowledgeBase,
            RecordKind::ConfigurationItem => Module::AssetManagement,
        }
    }
}

/// A record of some kind, by id: what links, timelines and events refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordRef {
    kind: RecordKind,
    uuid: uuid::Uuid,
}

/// An id type of one record kind.
pub trait RecordId: Copy {
    const KIND: RecordKind;
    fn record_uuid(self) -> uuid::Uuid;
    fn from_record_uuid(uuid: uuid::Uuid) -> Self;
}

macro_rules! record_ids {
    ($($id:ident => $kind:ident),+) => {
        $(impl RecordId for $id {
            const KIND: RecordKind = RecordKind::$kind;
            fn record_uuid(self) -> uuid::Uuid { self.uuid() }
            fn from_record_uuid(uuid: uuid::Uuid) -> Self { Self::from_uuid(uuid) }
        })+

        impl RecordRef {
            /// The id as the API shows it: `inc_…`, `kba_…`.
            pub fn id_string(self) -> String {
                match self.kind { $(RecordKind::$kind => $id::from_uuid(self.uuid).to_string()),+ }
            }

            /// Reads a record id of any kind (`inc_…`, `prb_…`).
            pub fn parse(text: &str) -> Option<Self> {
                $(if let Ok(id) = text.parse::<$id>() { return Some(id.into()); })+
                None
            }
        }
    };
}

record_ids!(
    IncidentId => Incident,
    ProblemId => Problem,
    ChangeId => Change,
    RequestId => Request,
    ArticleId => Article,
    ConfigItemId => ConfigurationItem
);

impl<T: RecordId> From<T> for RecordRef {
    fn from(id: T) -> Self {
        Self { kind: T::KIND, uuid: id.record_uuid() }
    }
}

impl RecordRef {
    /// For stored references, whose kind and id were checked when written.
    pub fn stored(kind: RecordKind, uuid: uuid::Uuid) -> Self {
        Self { kind, uuid }
    }

    pub fn kind(self) -> RecordKind {
        self.kind
    }

    pub fn uuid(self) -> uuid::Uuid {
        self.uuid
    }

    /// The typed id, when the record is of `T`'s kind.
    pub fn id<T: RecordId>(self) -> Option<T> {
        (self.kind == T::KIND).then(|| T::from_record_uuid(self.uuid))
    }
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id_string())
    }
}

impl serde::Serialize for RecordRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for RecordRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| {
            serde::de::Error::custom("not the id of a record (inc_…, prb_…, chg_…, req_…, kba_…, cfg_…)")
        })
    }
}

impl utoipa::PartialSchema for RecordRef {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^(inc|prb|chg|req|kba|cfg)_[0-9a-f]{32}$"))
            .examples(["inc_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e"])
            .into()
    }
}

impl utoipa::ToSchema for RecordRef {}

/// A record's number within its organisation and kind: `INC-42`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordNumber {
    pub kind: RecordKind,
    pub number: i64,
}

impl RecordNumber {
    pub fn new(kind: RecordKind, number: i64) -> Self {
        Self { kind, number }
    }

    /// Reads `42`, `INC-42` or `inc-42` as a number of `kind`; `None` for
    /// anything else (another kind's prefix included).
    pub fn parse(kind: RecordKind, text: &str) -> Option<Self> {
        let digits = match text.split_once('-') {
            Some((prefix, digits)) if prefix.eq_ignore_ascii_case(kind.prefix()) => digits,
            Some(_) => return None,
            None => text,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|n| *n > 0).map(|number| Self { kind, number })
    }
}

impl fmt::Display for RecordNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.kind.prefix(), self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_and_read_with_their_kind_prefix() {
        let number = RecordNumber::new(RecordKind::Incident, 42);
        assert_eq!(number.to_string(), "INC-42");
        assert_eq!(RecordNumber::new(RecordKind::Article, 7).to_string(), "KB-7");
        for text in ["42", "INC-42", "inc-42"] {
            assert_eq!(RecordNumber::parse(RecordKind::Incident, text), Some(number), "{text}");
        }
        for text in ["PRB-42", "INC-", "INC-4x", "-1", "0", "INC-0", "", "INC-+4"] {
            assert_eq!(RecordNumber::parse(RecordKind::Incident, text), None, "{text}");
        }
    }

    #[test]
    fn references_read_any_kind_of_record_id() {
        let incident = IncidentId::new();
        let reference = RecordRef::from(incident);
        assert_eq!(reference.kind(), RecordKind::Incident);
        assert_eq!(RecordRef::parse(&incident.to_string()), Some(reference));
        assert_eq!(reference.id::<IncidentId>(), Some(incident));
        assert_eq!(reference.id::<ProblemId>(), None);
        let article = RecordRef::from(ArticleId::new());
        assert_eq!(RecordRef::parse(&article.to_string()).map(RecordRef::kind), Some(RecordKind::Article));
        assert_eq!(RecordRef::parse("usr_0192f0c1e5a87b3c9d1e2f3a4b5c6d7e"), None);
    }

    #[test]
    fn every_kind_has_its_own_prefix_and_module() {
        let mut prefixes: Vec<&str> = RecordKind::ALL.iter().map(|k| k.prefix()).collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        assert_eq!(prefixes.len(), RecordKind::ALL.len());
        let mut modules: Vec<Module> = RecordKind::ALL.iter().map(|k| k.module()).collect();
        modules.dedup();
        assert_eq!(modules.len(), RecordKind::ALL.len());
    }
}
