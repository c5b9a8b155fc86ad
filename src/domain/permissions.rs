//! Who may do what. `can` is the one function every handler asks.
//!
//! An `Actor` is a visitor as seen from one process: signed in or not, an instance
//! administrator or not, and the roles they hold there (some tied to an action group).

use super::negotiation::Delegate;
use super::roles::Role;
use crate::i18n::Lang;

/// An action group's database id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupId(pub i64);

/// One role held in a process; rapporteurs and moderators hold theirs for a group,
/// translators for a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub group: Option<GroupId>,
    pub language: Option<Lang>,
}

impl Grant {
    /// A role held for the whole process or for a group, in no particular language.
    pub fn new(role: Role, group: Option<GroupId>) -> Self {
        Grant {
            role,
            group,
            language: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub account_id: Option<i64>,
    pub is_admin: bool,
    pub grants: Vec<Grant>,
}

impl Actor {
    pub fn anonymous() -> Self {
        Self::default()
    }

    pub fn signed_in(&self) -> bool {
        self.account_id.is_some()
    }

    pub fn holds(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    fn holds_for_language(&self, role: Role, language: Lang) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && g.language == Some(language))
    }

    fn holds_for_group(&self, role: Role, group: GroupId) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && g.group == Some(group))
    }
}

/// Everything a person can try to do in or around a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read public pages: the process, submitted contributions, proposals, published revisions.
    ReadPublic,
    /// Ask the secretariat to be accredited as a stakeholder: for those who hold no role in
    /// the process yet (staff are not asked).
    RequestAccreditation,
    SubmitContribution,
    SubmitProposal,
    CoSponsorProposal,
    /// Hide a contribution or proposal with a public reason (a tombstone stays).
    HideSubmission,
    /// Make a hidden contribution public again, with a reason: moderators alone, who answer
    /// for what is shown.
    UnhideSubmission,
    /// Decide on the proposals of a group.
    ReviewProposals(GroupId),
    /// Read and write the internal notes of a group's review.
    UseInternalNotes(GroupId),
    EditGroupReport(GroupId),
    EditChairSummary,
    EditDraft,
    /// Read working copies of the Chair's summary and the draft.
    ReadDraftWorkingCopies,
    ExportDraftSummary,
    /// Write the translation of a document's paragraphs into one language. Whether that
    /// language is the document's original (which nobody translates) is the use case's rule.
    Translate(Lang),
    /// Edit the process, its phases, groups and themes.
    ManageProcess,
    AssignRoles,
    Accredit,
    ReadAuditLog,
    /// Create processes, disable accounts: the instance, not one process.
    AdministerInstance,
    /// Manage the process's delegations, the accounts acting for them, and groups of States.
    ManageDelegations,
    /// Open a negotiation round on a published revision.
    OpenRound,
    /// Read a round restricted to delegations, its amendments and compilation text; `delegate`
    /// says whether the actor acts for a delegation of the process.
    ReadRestrictedRound {
        delegate: bool,
    },
    /// Table an amendment for a delegation the actor acts for (`None`: it acts for none).
    TableAmendment(Option<Delegate>),
    /// Join or oppose an amendment for a delegation the actor acts for (`None`: none).
    TakePosition(Option<Delegate>),
    /// Withdraw an amendment; `own` says whether the actor acts for the delegation that
    /// tabled it. Windows and states are checked by their own rules.
    WithdrawAmendment {
        own: bool,
    },
    /// Register for a public event of the process, or cancel: accredited stakeholders, the
    /// participants events are held for. Staff attend as part of their work, and the
    /// secretariat records them as walk-ins if it counts them.
    RegisterForEvent,
    /// Keep a session's speakers' list: add, order, mark as spoken, remove. The chair gives
    /// the floor; the secretariat keeps the list for them.
    ManageSpeakers,
    /// File a delegation's statement at a session; `own` says whether the actor acts for that
    /// delegation (the secretariat, and administrators, may file on any delegation's behalf).
    FileStatement {
        own: bool,
    },
    /// Withdraw a statement; `own` says whether the actor filed it.
    WithdrawStatement {
        own: bool,
    },
}

/// Whether `actor` may take `action`. Deadlines and states are checked by their own rules;
/// this says only whether the person's roles allow it.
pub fn can(actor: &Actor, action: Action) -> bool {
    use Action::*;
    use Role::*;

    let secretariat = actor.holds(Secretariat);
    match action {
        ReadPublic => true,
        RequestAccreditation => actor.signed_in() && actor.grants.is_empty(),
        SubmitContribution | SubmitProposal | CoSponsorProposal => actor.holds(Stakeholder),
        HideSubmission => secretariat || actor.holds(Moderator),
        UnhideSubmission => actor.holds(Moderator),
        ReviewProposals(group) | EditGroupReport(group) => {
            secretariat || actor.holds_for_group(Rapporteur, group)
        }
        UseInternalNotes(group) => {
            secretariat
                || actor.holds_for_group(Rapporteur, group)
                || actor.holds_for_group(Moderator, group)
        }
        EditChairSummary => secretariat || actor.holds(Chair),
        EditDraft | ExportDraftSummary => secretariat || actor.holds(CoFacilitator),
        ReadDraftWorkingCopies => secretariat || actor.holds(CoFacilitator) || actor.holds(Chair),
        Translate(language) => actor.holds_for_language(Translator, language),
        ManageProcess | AssignRoles | Accredit | ReadAuditLog => secretariat || actor.is_admin,
        AdministerInstance => actor.is_admin,
        ManageDelegations => secretariat || actor.is_admin,
        OpenRound => secretariat || actor.holds(CoFacilitator),
        ReadRestrictedRound { delegate } => {
            actor.signed_in() && (delegate || secretariat || actor.holds(CoFacilitator))
        }
        TableAmendment(delegate) | TakePosition(delegate) => {
            actor.signed_in() && delegate.is_some_and(Delegate::may_propose)
        }
        WithdrawAmendment { own } => actor.signed_in() && own,
        RegisterForEvent => actor.holds(Stakeholder),
        ManageSpeakers => secretariat || actor.is_admin || actor.holds(Chair),
        FileStatement { own } => actor.signed_in() && (own || secretariat || actor.is_admin),
        WithdrawStatement { own } => actor.signed_in() && own,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: GroupId = GroupId(1);
    const OTHER_GROUP: GroupId = GroupId(2);

    fn with(role: Role, group: Option<GroupId>) -> Actor {
        Actor {
            account_id: Some(7),
            is_admin: false,
            grants: vec![Grant::new(role, group)],
        }
    }

    fn translator(language: Lang) -> Actor {
        Actor {
            account_id: Some(8),
            is_admin: false,
            grants: vec![Grant {
                role: Role::Translator,
                group: None,
                language: Some(language),
            }],
        }
    }

    /// Every kind of actor against every action. A row lists, in the order of `ACTIONS`,
    /// whether the actor may act (1) or not (0).
    #[test]
    fn role_table() {
        const ACTIONS: [Action; 25] = [
            Action::ReadPublic,
            Action::RequestAccreditation,
            Action::SubmitContribution,
            Action::SubmitProposal,
            Action::CoSponsorProposal,
            Action::HideSubmission,
            Action::UnhideSubmission,
            Action::ReviewProposals(GROUP),
            Action::ReviewProposals(OTHER_GROUP),
            Action::UseInternalNotes(GROUP),
            Action::UseInternalNotes(OTHER_GROUP),
            Action::EditGroupReport(GROUP),
            Action::EditGroupReport(OTHER_GROUP),
            Action::EditChairSummary,
            Action::EditDraft,
            Action::ReadDraftWorkingCopies,
            Action::ExportDraftSummary,
            Action::Translate(Lang::Fr),
            Action::Translate(Lang::Zh),
            Action::ManageProcess,
            Action::AssignRoles,
            Action::Accredit,
            Action::AdministerInstance,
            Action::RegisterForEvent,
            Action::ManageSpeakers,
        ];
        let admin = Actor {
            account_id: Some(1),
            is_admin: true,
            grants: vec![],
        };
        let signed_in = Actor {
            account_id: Some(2),
            ..Actor::default()
        };
        #[rustfmt::skip]
        let table: [(&str, Actor, [u8; 25]); 11] = [
            ("anonymous",       Actor::anonymous(),                       [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("signed in",       signed_in,                                [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("stakeholder",     with(Role::Stakeholder, None),            [1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
            ("rapporteur of 1", with(Role::Rapporteur, Some(GROUP)),      [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("moderator of 1",  with(Role::Moderator, Some(GROUP)),       [1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("chair",           with(Role::Chair, None),                  [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
            ("co-facilitator",  with(Role::CoFacilitator, None),          [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("secretariat",     with(Role::Secretariat, None),            [1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1]),
            ("translator fr",   translator(Lang::Fr),                     [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
            ("translator zh",   translator(Lang::Zh),                     [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
            ("administrator",   admin,                                    [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1]),
        ];
        let mut wrong = Vec::new();
        for (who, actor, row) in &table {
            for (action, expected) in ACTIONS.iter().zip(row) {
                if can(actor, *action) != (*expected == 1) {
                    wrong.push(format!("{who} / {action:?}: expected {expected}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "permission table differs:\n{}",
            wrong.join("\n")
        );
    }

    /// The negotiation's actions, in a table of their own: whether one acts for a delegation
    /// (and of which kind) is part of the action, so each column is one standing.
    #[test]
    fn negotiation_role_table() {
        use crate::domain::negotiation::DelegationCategory;

        let member = Delegate {
            category: DelegationCategory::MemberState,
            observers_may_propose: false,
        };
        let observer = Delegate {
            category: DelegationCategory::Observer,
            observers_may_propose: false,
        };
        let allowed_observer = Delegate {
            observers_may_propose: true,
            ..observer
        };
        let actions: [Action; 17] = [
            Action::ManageDelegations,
            Action::OpenRound,
            Action::ReadRestrictedRound { delegate: false },
            Action::ReadRestrictedRound { delegate: true },
            Action::TableAmendment(None),
            Action::TableAmendment(Some(member)),
            Action::TableAmendment(Some(observer)),
            Action::TableAmendment(Some(allowed_observer)),
            Action::TakePosition(None),
            Action::TakePosition(Some(member)),
            Action::TakePosition(Some(observer)),
            Action::WithdrawAmendment { own: false },
            Action::WithdrawAmendment { own: true },
            Action::FileStatement { own: false },
            Action::FileStatement { own: true },
            Action::WithdrawStatement { own: false },
            Action::WithdrawStatement { own: true },
        ];
        let admin = Actor {
            account_id: Some(1),
            is_admin: true,
            grants: vec![],
        };
        let signed_in = Actor {
            account_id: Some(2),
            ..Actor::default()
        };
        #[rustfmt::skip]
        let table: [(&str, Actor, [u8; 17]); 7] = [
            ("anonymous",       Actor::anonymous(),                  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("signed in",       signed_in,                           [0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]),
            ("stakeholder",     with(Role::Stakeholder, None),       [0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]),
            ("chair",           with(Role::Chair, None),             [0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]),
            ("co-facilitator",  with(Role::CoFacilitator, None),     [0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]),
            ("secretariat",     with(Role::Secretariat, None),       [1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1]),
            ("administrator",   admin,                               [1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1]),
        ];
        let mut wrong = Vec::new();
        for (who, actor, row) in &table {
            for (action, expected) in actions.iter().zip(row) {
                if can(actor, *action) != (*expected == 1) {
                    wrong.push(format!("{who} / {action:?}: expected {expected}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "permission table differs:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn a_group_role_without_its_group_grants_nothing_for_groups() {
        let odd = with(Role::Rapporteur, None);
        assert!(!can(&odd, Action::ReviewProposals(GROUP)));
        let no_language = with(Role::Translator, None);
        assert!(
            Lang::ALL
                .iter()
                .all(|l| !can(&no_language, Action::Translate(*l)))
        );
    }
}
