//! The public history of a proposal as pages show it: its versions, the decisions on them
//! and its withdrawal, in time order. Shared by the proposal page, the queue and the review
//! page (`templates/review/history.html` and `decision.html`).

use chrono::NaiveDateTime;

use crate::domain::proposals::review::DecisionKind;
use crate::domain::roles::Role;
use crate::paths;
use crate::store::review::DecisionRecord;
use crate::web::proposals::lines;

/// The proposal a merge or duplicate points to, with its address.
#[derive(Debug, Clone)]
pub struct TargetLink {
    pub reference: String,
    pub title: String,
    pub path: String,
}

/// A decision as the public reads it: the capacity of who made it, not their name.
#[derive(Debug, Clone)]
pub struct DecisionView {
    pub kind: DecisionKind,
    pub version: i32,
    pub rationale: String,
    pub by_key: &'static str,
    pub decided_at: NaiveDateTime,
    pub target: Option<TargetLink>,
}

impl DecisionView {
    pub fn of(record: &DecisionRecord, process_slug: &str) -> DecisionView {
        DecisionView {
            kind: record.kind,
            version: record.version,
            rationale: record.rationale.clone(),
            by_key: match record.decided_as {
                Some(Role::Rapporteur) => "review-by-rapporteur",
                Some(Role::Secretariat) => "review-by-secretariat",
                _ => "review-by-reviewers",
            },
            decided_at: record.decided_at,
            target: record.target.as_ref().map(|t| TargetLink {
                reference: t.reference.clone(),
                title: t.title.clone(),
                path: paths::proposal(process_slug, &t.reference),
            }),
        }
    }

    pub fn rationale_lines(&self) -> Vec<&str> {
        lines(&self.rationale)
    }
}

#[derive(Debug, Clone)]
pub enum EventKind {
    Version { number: i32 },
    Decision(DecisionView),
    Withdrawn,
}

#[derive(Debug, Clone)]
pub struct HistoryEvent {
    pub at: NaiveDateTime,
    pub kind: EventKind,
}

/// Versions, decisions and the withdrawal, oldest first. At the same instant a version comes
/// before the decision on it, and a decision before a withdrawal.
pub fn public_history(
    process_slug: &str,
    versions: &[(i32, NaiveDateTime)],
    decisions: &[DecisionRecord],
    withdrawn_at: Option<NaiveDateTime>,
) -> Vec<HistoryEvent> {
    let mut events: Vec<(NaiveDateTime, u8, HistoryEvent)> = Vec::new();
    for (number, at) in versions {
        events.push((
            *at,
            0,
            HistoryEvent {
                at: *at,
                kind: EventKind::Version { number: *number },
            },
        ));
    }
    for record in decisions {
        events.push((
            record.decided_at,
            1,
            HistoryEvent {
                at: record.decided_at,
                kind: EventKind::Decision(DecisionView::of(record, process_slug)),
            },
        ));
    }
    if let Some(at) = withdrawn_at {
        events.push((
            at,
            2,
            HistoryEvent {
                at,
                kind: EventKind::Withdrawn,
            },
        ));
    }
    // A stable sort keeps versions, and decisions, in the order they were read in.
    events.sort_by_key(|(at, rank, _)| (*at, *rank));
    events.into_iter().map(|(_, _, event)| event).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ProposalId;
    use crate::store::review::TargetRef;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2017, 12, 5)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .expect("a time")
    }

    fn decision(kind: DecisionKind, version: i32, when: NaiveDateTime) -> DecisionRecord {
        DecisionRecord {
            id: 1,
            proposal_id: ProposalId(1),
            version,
            kind,
            rationale: "Because.\n\nReally.".into(),
            decided_as: Some(Role::Rapporteur),
            decided_at: when,
            target: (kind == DecisionKind::Merge).then(|| TargetRef {
                id: ProposalId(2),
                reference: "GCM/CP/0002".into(),
                title: "Other".into(),
            }),
        }
    }

    #[test]
    fn events_come_in_time_order() {
        let events = public_history(
            "gcm",
            &[(1, at(9)), (2, at(12))],
            &[
                decision(DecisionKind::RequestRevision, 1, at(10)),
                decision(DecisionKind::Merge, 2, at(12)),
            ],
            None,
        );
        let order: Vec<String> = events
            .iter()
            .map(|e| match &e.kind {
                EventKind::Version { number } => format!("v{number}"),
                EventKind::Decision(d) => d.kind.as_str().to_string(),
                EventKind::Withdrawn => "withdrawn".into(),
            })
            .collect();
        assert_eq!(order, ["v1", "request-revision", "v2", "merge"]);
        let EventKind::Decision(merge) = &events[3].kind else {
            panic!("a decision")
        };
        let target = merge.target.as_ref().expect("a target");
        assert_eq!(target.path, "/p/gcm/proposals/GCM-CP-0002");
        assert_eq!(merge.by_key, "review-by-rapporteur");
        assert_eq!(merge.rationale_lines(), ["Because.", "Really."]);

        let withdrawn = public_history("gcm", &[(1, at(9))], &[], Some(at(11)));
        assert!(matches!(withdrawn[1].kind, EventKind::Withdrawn));
    }
}
