//! Roles within a process, and the categories of stakeholders.

use std::fmt;

/// A role a participant holds in one process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Runs the process: its structure, accreditation, roles.
    Secretariat,
    CoFacilitator,
    Chair,
    /// Reviews the proposals of one action group and compiles its report.
    Rapporteur,
    /// Moderates one action group.
    Moderator,
    /// Accredited to submit contributions and proposals.
    Stakeholder,
    /// Keeps one language version of the process's documents in step with the original.
    Translator,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Secretariat,
        Role::CoFacilitator,
        Role::Chair,
        Role::Rapporteur,
        Role::Moderator,
        Role::Stakeholder,
        Role::Translator,
    ];

    /// The stored and URL form.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::CoFacilitator => "co-facilitator",
            Role::Chair => "chair",
            Role::Rapporteur => "rapporteur",
            Role::Moderator => "moderator",
            Role::Stakeholder => "stakeholder",
            Role::Translator => "translator",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    /// Rapporteurs and moderators belong to one action group; the other roles to the process.
    pub fn needs_group(self) -> bool {
        matches!(self, Role::Rapporteur | Role::Moderator)
    }

    /// Translators hold their role for one language.
    pub fn needs_language(self) -> bool {
        matches!(self, Role::Translator)
    }

    /// The translation key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Secretariat => "role-secretariat",
            Role::CoFacilitator => "role-co-facilitator",
            Role::Chair => "role-chair",
            Role::Rapporteur => "role-rapporteur",
            Role::Moderator => "role-moderator",
            Role::Stakeholder => "role-stakeholder",
            Role::Translator => "role-translator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of organisation a participant speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StakeholderCategory {
    MemberState,
    Observer,
    UnSystem,
    IntergovernmentalOrganisation,
    CivilSociety,
    PrivateSector,
    Academia,
    DiasporaMigrantOrganisation,
    TradeUnion,
    LocalAuthority,
    NationalHumanRightsInstitution,
    Other,
}

impl StakeholderCategory {
    pub const ALL: [StakeholderCategory; 12] = [
        StakeholderCategory::MemberState,
        StakeholderCategory::Observer,
        StakeholderCategory::UnSystem,
        StakeholderCategory::IntergovernmentalOrganisation,
        StakeholderCategory::CivilSociety,
        StakeholderCategory::PrivateSector,
        StakeholderCategory::Academia,
        StakeholderCategory::DiasporaMigrantOrganisation,
        StakeholderCategory::TradeUnion,
        StakeholderCategory::LocalAuthority,
        StakeholderCategory::NationalHumanRightsInstitution,
        StakeholderCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MemberState => "member-state",
            Self::Observer => "observer",
            Self::UnSystem => "un-system",
            Self::IntergovernmentalOrganisation => "intergovernmental-organisation",
            Self::CivilSociety => "civil-society",
            Self::PrivateSector => "private-sector",
            Self::Academia => "academia",
            Self::DiasporaMigrantOrganisation => "diaspora-migrant-organisation",
            Self::TradeUnion => "trade-union",
            Self::LocalAuthority => "local-authority",
            Self::NationalHumanRightsInstitution => "national-human-rights-institution",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("category-{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_forms_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for category in StakeholderCategory::ALL {
            assert_eq!(
                StakeholderCategory::parse(category.as_str()),
                Some(category)
            );
        }
        assert_eq!(Role::parse("admin"), None);
        assert_eq!(StakeholderCategory::parse(""), None);
    }
}
