//! Who may do what: the one permission table.

use crate::domain::keyed_enum;
use crate::domain::org::{Role, Roles};

keyed_enum!(
    /// Something a member may be allowed to do inside an organisation.
    Action {
        ViewOrg => "org.view",
        ManageMembers => "members.manage",
        ManageTeams => "teams.manage",
        ManageModules => "modules.manage",
        ViewAudit => "audit.view",
        ReadKnowledge => "knowledge.read",
        WriteKnowledge => "knowledge.write",
        ManageKnowledge => "knowledge.manage",
        ViewIncidents => "incidents.view",
        CreateIncident => "incidents.create",
        UpdateIncident => "incidents.update",
        ChangeIncidentStatus => "incidents.change_status",
        AddIncidentNote => "incidents.add_note",
        ManageSlaTargets => "sla.manage",
        ManageBilling => "billing.manage",
        ViewOncall => "oncall.view",
        ManageOncall => "oncall.manage",
        ManageIntegrations => "integrations.manage",
        ReadProblems => "problems.read",
        WriteProblems => "problems.write",
        ReadChanges => "changes.read",
        WriteChanges => "changes.write",
        ManageChangePolicy => "changes.manage_policy",
        ReadAssets => "assets.read",
        WriteAssets => "assets.write",
        ManageAssetTypes => "assets.manage_types",
        UsePortal => "portal.use",
        ReadRequests => "requests.read",
        WorkRequests => "requests.work",
        ManageCatalog => "catalog.manage",
    }
);

impl Action {
    /// The roles allowed to perform this action.
    pub fn allowed_roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            // The organisation's name and modules, for the portal too.
            Action::ViewOrg => &[Admin, Member, Oncall, Requester],
            Action::ReadKnowledge
            | Action::ViewIncidents
            | Action::ViewOncall
            | Action::ReadProblems
            | Action::ReadChanges
            | Action::ReadAssets
            | Action::ReadRequests => &[Admin, Member, Oncall],
            // The portal: the catalogue, one's own requests, portal articles.
            Action::UsePortal => &[Admin, Member, Oncall, Requester],
            // On-call responders acknowledge, investigate, resolve, write
            // notes, and record the problem behind what they fight.
            Action::ChangeIncidentStatus | Action::AddIncidentNote | Action::WriteProblems => &[Admin, Member, Oncall],
            Action::WriteKnowledge
            | Action::CreateIncident
            | Action::UpdateIncident
            | Action::WriteChanges
            | Action::WriteAssets
            | Action::WorkRequests => &[Admin, Member],
            Action::ManageMembers
            | Action::ManageTeams
            | Action::ManageModules
            | Action::ViewAudit
            | Action::ManageSlaTargets
            | Action::ManageBilling
            | Action::ManageOncall
            | Action::ManageIntegrations
            | Action::ManageChangePolicy
            | Action::ManageAssetTypes
            | Action::ManageKnowledge
            | Action::ManageCatalog => &[Admin],
        }
    }

    pub fn permitted_for(self, roles: &Roles) -> bool {
        roles.iter().any(|role| self.allowed_roles().contains(&role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_may_do_everything() {
        for action in Action::ALL {
            assert!(action.permitted_for(&Roles::admin()), "{action}");
        }
    }

    #[test]
    fn roles_combine() {
        let oncall = Roles::new([Role::Oncall]).expect("roles");
        let both = Roles::new([Role::Oncall, Role::Member]).expect("roles");
        assert!(!Action::WriteKnowledge.permitted_for(&oncall));
        assert!(Action::WriteKnowledge.permitted_for(&both));
    }
}
