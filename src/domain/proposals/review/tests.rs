//! Every decision from every state: the allowed ones and their result, the refused ones
//! and why; targets; who decides in which capacity; rationales and notes.

use super::*;
use crate::domain::permissions::Grant;
use ProposalStatus::*;

const GROUP: GroupId = GroupId(1);

fn submitted(version: i32) -> UnderReview {
    UnderReview {
        id: ProposalId(10),
        group: GROUP,
        status: Submitted,
        current_version: version,
    }
}

fn target(id: i64, group: GroupId, status: ProposalStatus) -> Option<Target> {
    Some(Target {
        id: ProposalId(id),
        group,
        status,
    })
}

fn decide(kind: DecisionKind, version: i32, to: Option<Target>) -> Decision {
    Decision {
        kind,
        version,
        target: to,
    }
}

#[test]
fn kinds_round_trip_and_say_where_they_lead() {
    for kind in DecisionKind::ALL {
        assert_eq!(DecisionKind::parse(kind.as_str()), Some(kind));
        assert!(kind.label_key().starts_with("review-decision-"));
    }
    assert_eq!(DecisionKind::parse("Accept"), None);
    assert_eq!(DecisionKind::Accept.outcome(), Accepted);
    assert_eq!(DecisionKind::RequestRevision.outcome(), RevisionRequested);
    assert_eq!(DecisionKind::Reject.outcome(), Rejected);
    assert_eq!(DecisionKind::Merge.outcome(), Merged);
    assert_eq!(DecisionKind::Duplicate.outcome(), Duplicate);
    let with_target: Vec<_> = DecisionKind::ALL
        .into_iter()
        .filter(|k| k.needs_target())
        .collect();
    assert_eq!(with_target, [DecisionKind::Merge, DecisionKind::Duplicate]);
}

#[test]
fn every_decision_is_allowed_from_submitted_on_the_current_version() {
    let other = target(11, GROUP, Submitted);
    for (kind, to, outcome) in [
        (DecisionKind::Accept, None, Accepted),
        (DecisionKind::RequestRevision, None, RevisionRequested),
        (DecisionKind::Reject, None, Rejected),
        (DecisionKind::Merge, other, Merged),
        (DecisionKind::Duplicate, other, Duplicate),
    ] {
        assert_eq!(decide(kind, 2, to).apply(&submitted(2)), Ok(outcome));
    }
}

/// From every state but submitted, every decision is refused.
#[test]
fn nothing_is_decided_but_a_submitted_proposal() {
    for status in ProposalStatus::ALL {
        if status == Submitted {
            continue;
        }
        let proposal = UnderReview {
            status,
            ..submitted(1)
        };
        for kind in DecisionKind::ALL {
            let to = kind.needs_target().then_some(Target {
                id: ProposalId(11),
                group: GROUP,
                status: Submitted,
            });
            assert_eq!(
                decide(kind, 1, to).apply(&proposal),
                Err(Refused::NotSubmitted { status }),
                "{kind:?} from {status:?}"
            );
        }
    }
}

#[test]
fn a_decision_on_a_version_no_longer_current_is_refused() {
    for kind in DecisionKind::ALL {
        let to = target(11, GROUP, Submitted).filter(|_| kind.needs_target());
        for version in [1, 3] {
            assert_eq!(
                decide(kind, version, to).apply(&submitted(2)),
                Err(Refused::StaleVersion {
                    decided_on: version,
                    current: 2
                }),
                "{kind:?} on {version}"
            );
        }
    }
}

#[test]
fn targets_are_required_only_where_they_mean_something() {
    for kind in [DecisionKind::Merge, DecisionKind::Duplicate] {
        assert_eq!(
            decide(kind, 1, None).apply(&submitted(1)),
            Err(Refused::TargetRequired)
        );
        assert_eq!(
            decide(kind, 1, target(10, GROUP, Submitted)).apply(&submitted(1)),
            Err(Refused::TargetIsItself)
        );
        assert_eq!(
            decide(kind, 1, target(11, GroupId(2), Submitted)).apply(&submitted(1)),
            Err(Refused::TargetInAnotherGroup)
        );
    }
    for kind in [
        DecisionKind::Accept,
        DecisionKind::RequestRevision,
        DecisionKind::Reject,
    ] {
        assert_eq!(
            decide(kind, 1, target(11, GROUP, Submitted)).apply(&submitted(1)),
            Err(Refused::TargetNotExpected)
        );
    }
    assert!(Refused::TargetRequired.is_about_target());
    assert!(!Refused::NotSubmitted { status: Accepted }.is_about_target());
}

/// Which states a merge and a duplicate may point to.
#[test]
fn targets_live_on() {
    let merge_into = [Submitted, RevisionRequested, Accepted];
    let duplicate_of = [Submitted, RevisionRequested, Accepted, Rejected];
    for status in ProposalStatus::ALL {
        for (kind, allowed) in [
            (DecisionKind::Merge, &merge_into[..]),
            (DecisionKind::Duplicate, &duplicate_of[..]),
        ] {
            let outcome = decide(kind, 1, target(11, GROUP, status)).apply(&submitted(1));
            if allowed.contains(&status) {
                assert_eq!(outcome, Ok(kind.outcome()), "{kind:?} into {status:?}");
            } else {
                assert_eq!(
                    outcome,
                    Err(Refused::TargetNotEligible { status }),
                    "{kind:?} into {status:?}"
                );
            }
        }
    }
}

#[test]
fn final_states() {
    for status in ProposalStatus::ALL {
        let expected = matches!(status, Accepted | Rejected | Merged | Duplicate | Withdrawn);
        assert_eq!(status.is_final(), expected, "{status:?}");
    }
}

#[test]
fn rapporteurs_decide_as_rapporteurs_the_secretariat_as_itself() {
    let with = |grants: Vec<Grant>| Actor {
        account_id: Some(1),
        is_admin: false,
        grants,
    };
    let rapporteur = Grant::new(Role::Rapporteur, Some(GROUP));
    let secretariat = Grant::new(Role::Secretariat, None);
    let moderator = Grant::new(Role::Moderator, Some(GROUP));
    assert_eq!(
        deciding_role(&with(vec![rapporteur]), GROUP),
        Some(Role::Rapporteur)
    );
    assert_eq!(deciding_role(&with(vec![rapporteur]), GroupId(2)), None);
    assert_eq!(
        deciding_role(&with(vec![secretariat]), GroupId(2)),
        Some(Role::Secretariat)
    );
    assert_eq!(
        deciding_role(&with(vec![secretariat, rapporteur]), GROUP),
        Some(Role::Rapporteur)
    );
    assert_eq!(deciding_role(&with(vec![moderator]), GROUP), None);
    assert_eq!(deciding_role(&Actor::anonymous(), GROUP), None);
}

#[test]
fn rationales_and_notes_are_required_and_bounded() {
    assert_eq!(Rationale::parse("  \r\n "), Err(Invalid("error-required")));
    assert_eq!(
        Rationale::parse(" Say more\r\nabout financing. ").map(|r| r.as_str().to_string()),
        Ok("Say more\nabout financing.".to_string())
    );
    assert_eq!(
        Rationale::parse("bell\u{7}"),
        Err(Invalid("error-control-characters"))
    );
    assert!(Rationale::parse(&"ع".repeat(Rationale::MAX_CHARS)).is_ok());
    assert_eq!(
        Rationale::parse(&"ع".repeat(Rationale::MAX_CHARS + 1)),
        Err(Invalid("error-too-long"))
    );
    assert_eq!(NoteText::parse(""), Err(Invalid("error-required")));
    assert_eq!(
        NoteText::parse("\tIndented").map(|n| n.as_str().to_string()),
        Ok("Indented".to_string())
    );
}
