//! Organisations: slugs, roles, plans and the ITSM modules a plan allows.

use std::collections::BTreeSet;

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::keyed_enum;
use crate::error::{Error, FieldError};

/// An organisation's URL name: lowercase letters, digits and inner hyphens,
/// 3–40 characters, not a word the product's own routes use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgSlug(String);

const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "api",
    "app",
    "auth",
    "billing",
    "dashboard",
    "docs",
    "help",
    "invite",
    "invites",
    "login",
    "logout",
    "me",
    // Local mode's Prometheus scrape.
    "metrics",
    "new",
    "orgs",
    "settings",
    "signin",
    "signup",
    "static",
    "status",
    "support",
    "www",
    "_next",
];

impl OrgSlug {
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let invalid = |detail: &str| FieldError::new("slug", detail);
        if !(3..=40).contains(&text.len()) {
            return Err(invalid("must be 3 to 40 characters long"));
        }
        if !text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(invalid("may contain only lowercase letters, digits and hyphens"));
        }
        if text.starts_with('-') || text.ends_with('-') {
            return Err(invalid("must not start or end with a hyphen"));
        }
        if RESERVED_SLUGS.contains(&text) {
            return Err(invalid("is reserved; choose another"));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

keyed_enum!(
    /// What a member may do is decided by their roles (see `permissions`).
    /// `requester`: someone who asks (the portal), not who fixes; a role
    /// of its own, never combined, and not a paid seat.
    Role { Admin => "admin", Member => "member", Oncall => "oncall", Requester => "requester" }
);

keyed_enum!(
    /// The subscription plan; it bounds which modules may be switched on.
    Plan { Free => "free", Pro => "pro", Enterprise => "enterprise" }
);

keyed_enum!(
    /// An ITSM module an organisation may switch on.
    Module {
        IncidentManagement => "incidentManagement",
        ProblemManagement => "problemManagement",
        ChangeManagement => "changeManagement",
        RequestFulfillment => "requestFulfillment",
        ServiceCatalog => "serviceCatalog",
        KnowledgeBase => "knowledgeBase",
        AssetManagement => "assetManagement",
        SlaManagement => "slaManagement",
    }
);

impl Module {
    /// Modules that can never be switched off.
    pub fn always_on(self) -> bool {
        self == Module::IncidentManagement
    }
}

/// What a plan allows, in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlanLimits {
    /// Members (seats) the organisation may have; `None` means unlimited.
    pub seats: Option<u32>,
    pub modules: Vec<Module>,
}

impl Plan {
    pub fn limits(self) -> PlanLimits {
        use Module::*;
        let (seats, modules): (Option<u32>, &[Module]) = match self {
            Plan::Free => (Some(5), &[IncidentManagement, KnowledgeBase]),
            Plan::Pro => {
                (Some(50), &[IncidentManagement, KnowledgeBase, ProblemManagement, ChangeManagement, SlaManagement])
            }
            Plan::Enterprise => (None, Module::ALL),
        };
        PlanLimits { seats, modules: modules.to_vec() }
    }

    pub fn allows(self, module: Module) -> bool {
        self.limits().modules.contains(&module)
    }

    /// The cheapest plan that allows `module`.
    pub fn cheapest_allowing(module: Module) -> Plan {
        Plan::ALL.iter().copied().find(|plan| plan.allows(module)).unwrap_or(Plan::Enterprise)
    }
}

/// The set of modules an organisation has switched on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Features(BTreeSet<Module>);

impl Features {
    pub fn defaults() -> Self {
        Self(BTreeSet::from([Module::IncidentManagement]))
    }

    pub fn is_on(&self, module: Module) -> bool {
        module.always_on() || self.0.contains(&module)
    }

    pub fn set(&mut self, module: Module, on: bool) {
        if on || module.always_on() {
            self.0.insert(module);
        } else {
            self.0.remove(&module);
        }
    }

    /// Switches off what `plan` does not allow; returns what was switched off.
    pub fn restrict_to(&mut self, plan: Plan) -> Vec<Module> {
        let dropped: Vec<Module> = self.0.iter().copied().filter(|m| !plan.allows(*m)).collect();
        for module in &dropped {
            self.0.remove(module);
        }
        dropped
    }

    /// Moves to `plan`: modules it does not allow are switched off and
    /// remembered in `suspended`; suspended modules it allows come back on,
    /// so a downgrade followed by a re-upgrade restores what the org had.
    pub fn move_to_plan(&mut self, plan: Plan, suspended: &mut BTreeSet<Module>) -> PlanChange {
        let restored: Vec<Module> = suspended.iter().copied().filter(|m| plan.allows(*m)).collect();
        for module in &restored {
            suspended.remove(module);
            self.0.insert(*module);
        }
        let switched_off = self.restrict_to(plan);
        suspended.extend(switched_off.iter().copied());
        PlanChange { switched_off, restored }
    }

    /// Every module with whether it is on, for API responses.
    pub fn to_map(&self) -> std::collections::BTreeMap<&'static str, bool> {
        Module::ALL.iter().map(|m| (m.key(), self.is_on(*m))).collect()
    }

    /// Storage form: comma-separated keys.
    pub fn encode(&self) -> String {
        encode_modules(&self.0)
    }

    pub fn decode(text: &str) -> Result<Self, String> {
        let mut features = Self::defaults();
        features.0.extend(decode_modules(text)?);
        Ok(features)
    }
}

/// What a plan change did to an organisation's modules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanChange {
    pub switched_off: Vec<Module>,
    pub restored: Vec<Module>,
}

/// Storage form of a module set: comma-separated keys.
pub fn encode_modules(modules: &BTreeSet<Module>) -> String {
    modules.iter().map(|m| m.key()).collect::<Vec<_>>().join(",")
}

pub fn decode_modules(text: &str) -> Result<BTreeSet<Module>, String> {
    text.split(',').filter(|k| !k.is_empty()).map(str::parse).collect()
}

/// A member's roles: never empty, no duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles(BTreeSet<Role>);

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Result<Self, Error> {
        let set: BTreeSet<Role> = roles.into_iter().collect();
        if set.is_empty() {
            return Err(Error::field("roles", "at least one role is required"));
        }
        if set.contains(&Role::Requester) && set.len() > 1 {
            return Err(Error::field("roles", "requester is a role of its own: it is not combined with others"));
        }
        Ok(Self(set))
    }

    pub fn admin() -> Self {
        Self(BTreeSet::from([Role::Admin]))
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Someone who only asks: the portal is all they see.
    pub fn is_requester(&self) -> bool {
        self.0.contains(&Role::Requester)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn to_vec(&self) -> Vec<Role> {
        self.iter().collect()
    }

    pub fn encode(&self) -> String {
        self.iter().map(Role::key).collect::<Vec<_>>().join(",")
    }

    pub fn decode(text: &str) -> Result<Self, String> {
        let roles = text.split(',').map(str::parse).collect::<Result<BTreeSet<Role>, _>>()?;
        Self::new(roles).map_err(|_| "empty role list".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_rules() {
        assert!(OrgSlug::parse("acme-ops").is_ok());
        assert!(OrgSlug::parse("a1b").is_ok());
        for bad in ["ab", "Acme", "acme_ops", "-acme", "acme-", "api", "admin", "login", &"a".repeat(41)] {
            assert!(OrgSlug::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn every_module_is_unlocked_by_some_plan_and_enterprise_has_all() {
        for module in Module::ALL {
            assert!(Plan::cheapest_allowing(*module).allows(*module));
            assert!(Plan::Enterprise.allows(*module));
        }
        assert_eq!(Plan::cheapest_allowing(Module::AssetManagement), Plan::Enterprise);
        assert_eq!(Plan::cheapest_allowing(Module::ProblemManagement), Plan::Pro);
    }

    #[test]
    fn plans_are_nested() {
        for pair in Plan::ALL.windows(2) {
            for module in pair[0].limits().modules {
                assert!(pair[1].allows(module), "{} allows {module} but {} does not", pair[0], pair[1]);
            }
        }
    }

    #[test]
    fn restricting_features_keeps_incident_management() {
        let mut features = Features::defaults();
        features.set(Module::AssetManagement, true);
        features.set(Module::ProblemManagement, true);
        let dropped = features.restrict_to(Plan::Free);
        assert_eq!(dropped, vec![Module::ProblemManagement, Module::AssetManagement]);
        assert!(features.is_on(Module::IncidentManagement));
        assert_eq!(Features::decode(&features.encode()).expect("decodes"), features);
    }

    #[test]
    fn a_downgrade_suspends_and_a_re_upgrade_restores() {
        let mut features = Features::defaults();
        features.set(Module::ProblemManagement, true);
        features.set(Module::AssetManagement, true);
        let mut suspended = BTreeSet::new();
        let down = features.move_to_plan(Plan::Free, &mut suspended);
        assert_eq!(down.switched_off, vec![Module::ProblemManagement, Module::AssetManagement]);
        assert!(!features.is_on(Module::ProblemManagement));
        let pro = features.move_to_plan(Plan::Pro, &mut suspended);
        assert_eq!(pro.restored, vec![Module::ProblemManagement]);
        assert_eq!(suspended, BTreeSet::from([Module::AssetManagement]));
        let enterprise = features.move_to_plan(Plan::Enterprise, &mut suspended);
        assert_eq!(enterprise.restored, vec![Module::AssetManagement]);
        assert!(features.is_on(Module::AssetManagement) && suspended.is_empty());
        assert_eq!(decode_modules(&encode_modules(&suspended)), Ok(suspended));
    }

    #[test]
    fn roles_encode_and_decode() {
        let roles = Roles::new([Role::Oncall, Role::Member, Role::Oncall]).expect("valid");
        assert_eq!(roles.encode(), "member,oncall");
        assert_eq!(Roles::decode("member,oncall").expect("decodes"), roles);
        assert!(Roles::new([]).is_err());
        assert!(Roles::new([Role::Requester]).expect("alone").is_requester());
        assert!(Roles::new([Role::Requester, Role::Member]).is_err(), "requester is never combined");
        assert!(Roles::decode("root").is_err());
    }
}
