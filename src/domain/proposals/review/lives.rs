//! Random sequences of what can happen to a proposal (submissions, new versions,
//! withdrawals, decisions of every kind on current, old or future versions, with every
//! kind of target) never reach an invalid state.

use proptest::prelude::*;

use super::*;
use crate::domain::proposals::Transition;

const ID: ProposalId = ProposalId(1);
const GROUP: GroupId = GroupId(7);

/// The whole of a proposal's state, as the model follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Life {
    status: ProposalStatus,
    version: i32,
    target: Option<ProposalId>,
}

#[derive(Debug, Clone, Copy)]
enum Aim {
    None,
    Itself,
    SameGroup(ProposalStatus),
    OtherGroup(ProposalStatus),
}

#[derive(Debug, Clone, Copy)]
enum Event {
    Author(Transition),
    Decide {
        kind: DecisionKind,
        version_offset: i32,
        aim: Aim,
    },
}

fn status() -> impl Strategy<Value = ProposalStatus> {
    prop::sample::select(ProposalStatus::ALL.to_vec())
}

fn event() -> impl Strategy<Value = Event> {
    let author = prop::sample::select(vec![
        Transition::Submit,
        Transition::NewVersion,
        Transition::Withdraw,
    ])
    .prop_map(Event::Author);
    let aim = prop_oneof![
        Just(Aim::None),
        Just(Aim::Itself),
        status().prop_map(Aim::SameGroup),
        status().prop_map(Aim::OtherGroup),
    ];
    let decide = (
        prop::sample::select(DecisionKind::ALL.to_vec()),
        -1..=1,
        aim,
    )
        .prop_map(|(kind, version_offset, aim)| Event::Decide {
            kind,
            version_offset,
            aim,
        });
    prop_oneof![1 => author, 3 => decide]
}

/// One event, through the real rules; a refused event changes nothing.
fn step(life: Life, event: Event) -> Life {
    match event {
        Event::Author(transition) => match transition.apply(life.status) {
            Ok(status) => Life {
                status,
                version: match transition {
                    Transition::Withdraw => life.version,
                    _ => life.version + 1,
                },
                target: life.target,
            },
            Err(_) => life,
        },
        Event::Decide {
            kind,
            version_offset,
            aim,
        } => {
            let target = match aim {
                Aim::None => None,
                Aim::Itself => Some(Target {
                    id: ID,
                    group: GROUP,
                    status: life.status,
                }),
                Aim::SameGroup(status) => Some(Target {
                    id: ProposalId(2),
                    group: GROUP,
                    status,
                }),
                Aim::OtherGroup(status) => Some(Target {
                    id: ProposalId(3),
                    group: GroupId(8),
                    status,
                }),
            };
            let decision = Decision {
                kind,
                version: life.version + version_offset,
                target,
            };
            let proposal = UnderReview {
                id: ID,
                group: GROUP,
                status: life.status,
                current_version: life.version,
            };
            match decision.apply(&proposal) {
                Ok(status) => {
                    assert_eq!(life.status, ProposalStatus::Submitted);
                    assert_eq!(version_offset, 0, "decided on the current version");
                    Life {
                        status,
                        version: life.version,
                        target: target.filter(|_| kind.needs_target()).map(|t| t.id),
                    }
                }
                Err(_) => life,
            }
        }
    }
}

fn check(before: Life, after: Life) {
    if before.status.is_final() {
        assert_eq!(before, after, "nothing leaves a final state");
    }
    assert!(after.version >= before.version, "versions only grow");
    assert_eq!(
        after.status == ProposalStatus::Draft,
        after.version == 0,
        "a draft, and only a draft, has no version"
    );
    match after.status {
        ProposalStatus::Merged | ProposalStatus::Duplicate => {
            let target = after.target.expect("a merge or duplicate names a target");
            assert_ne!(target, ID, "never itself");
            assert_eq!(target, ProposalId(2), "always one of its own group");
        }
        _ => assert_eq!(after.target, None, "only merges and duplicates point"),
    }
}

proptest! {
    #[test]
    fn random_lives_stay_valid(events in prop::collection::vec(event(), 0..60)) {
        let mut life = Life {
            status: ProposalStatus::Draft,
            version: 0,
            target: None,
        };
        for event in events {
            let next = step(life, event);
            check(life, next);
            life = next;
        }
    }
}
