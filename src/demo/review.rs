//! The rapporteurs' side of the demo proposals: decisions, checked by
//! `domain::proposals::review` and recorded by `store::review` with the notifications they
//! give the author and co-sponsors, as the review pages do; and internal notes with replies.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::proposals::Proposed;
use super::{Demo, DemoError, invalid};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::notifications::NotificationKind;
use crate::domain::permissions::GroupId;
use crate::domain::proposals::review::{
    Decision, DecisionKind, NoteText, Rationale, Target, UnderReview,
};
use crate::domain::roles::Role;
use crate::store::notifications::{self, NewNotification, Subject};
use crate::store::proposals::{Proposal, proposal_by_id};
use crate::store::review::{self as store, NewDecision, notes};

#[derive(Deserialize)]
pub(super) struct DemoDecision {
    /// The version decided on.
    version: i32,
    kind: String,
    pub at: NaiveDateTime,
    rationale: String,
    /// The key of the proposal a merge or duplicate points to.
    target: Option<String>,
    /// Who decides; the group's rapporteur unless said.
    by: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct DemoNote {
    author: String,
    pub at: NaiveDateTime,
    body: String,
    #[serde(default)]
    replies: Vec<DemoReply>,
}

#[derive(Deserialize)]
struct DemoReply {
    author: String,
    at: NaiveDateTime,
    body: String,
}

/// Records a decision on `proposal` (of group `group`) and notifies whoever hears of it.
pub(super) fn decide(
    conn: &mut DbConnection,
    demo: &Demo,
    proposal: &Proposal,
    group: i32,
    d: &DemoDecision,
    earlier: &HashMap<String, Proposed>,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let kind =
        DecisionKind::parse(&d.kind).ok_or_else(|| invalid(format!("no decision {:?}", d.kind)))?;
    let rationale = Rationale::parse(&d.rationale).map_err(|e| invalid(e.0))?;
    let target = match &d.target {
        Some(key) => Some(target_named(conn, demo, earlier, key)?),
        None => None,
    };
    let decision = Decision {
        kind,
        version: d.version,
        target,
    };
    decision
        .apply(&UnderReview {
            id: proposal.id,
            group: GroupId(proposal.group_id),
            status: proposal.status(),
            current_version: proposal.current_version,
        })
        .map_err(invalid)?;
    let (decided_by, decided_as) = decider(demo, group, d.by.as_deref())?;
    let decision_id = store::record_decision(
        conn,
        &NewDecision {
            proposal_id: proposal.id,
            version: d.version,
            kind,
            rationale: &rationale,
            target_id: target.map(|t| t.id),
            decided_by,
            decided_as,
            now: at,
        },
    )
    .map_err(invalid)?;
    notify_decision(conn, demo, proposal, decision_id, kind, decided_by, at)
}

/// The proposal a merge or duplicate names, by its key among the demo's earlier proposals.
fn target_named(
    conn: &mut DbConnection,
    demo: &Demo,
    earlier: &HashMap<String, Proposed>,
    key: &str,
) -> Result<Target, DemoError> {
    let named = earlier
        .get(key)
        .ok_or_else(|| invalid(format!("no earlier proposal {key:?}")))?;
    let now = proposal_by_id(conn, demo.process.id, named.id)?
        .ok_or_else(|| invalid(format!("lost proposal {key:?}")))?;
    Ok(Target {
        id: now.id,
        group: GroupId(now.group_id),
        status: now.status(),
    })
}

/// Who decides, and as what: the named person (the group's rapporteur, or else the
/// secretariat), or by default the group's rapporteur.
fn decider(demo: &Demo, group: i32, by: Option<&str>) -> Result<(i64, Role), DemoError> {
    Ok(match by {
        Some(email) => {
            let person = demo.people.person(email)?;
            let role = if person.rapporteur_of == Some(group) {
                Role::Rapporteur
            } else {
                Role::Secretariat
            };
            (person.id, role)
        }
        None => (demo.people.rapporteur_of(group)?, Role::Rapporteur),
    })
}

/// Tells the author and co-sponsors of a decision, except whoever made it.
fn notify_decision(
    conn: &mut DbConnection,
    demo: &Demo,
    proposal: &Proposal,
    decision_id: i64,
    kind: DecisionKind,
    decided_by: i64,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let recipients =
        notifications::recipients_of(conn, demo.process.id, proposal.id, proposal.author_id)?;
    for (account_id, delivery) in recipients {
        if account_id == decided_by {
            continue;
        }
        notifications::notify(
            conn,
            &NewNotification {
                account_id,
                process_id: demo.process.id,
                subject: Subject::Proposal {
                    id: proposal.id,
                    decision_id: Some(decision_id),
                },
                kind: NotificationKind::of_decision(kind),
                delivery,
                now: at,
            },
        )?;
    }
    Ok(())
}

/// Adds an internal note and its replies.
pub(super) fn add_notes(
    conn: &mut DbConnection,
    demo: &Demo,
    proposal_id: ProposalId,
    note: &DemoNote,
) -> Result<(), DemoError> {
    let text = |body: &str| NoteText::parse(body).map_err(|e| invalid(e.0));
    let author = demo.people.person(&note.author)?;
    let parent = notes::add_note(
        conn,
        proposal_id,
        None,
        author.id,
        &text(&note.body)?,
        note.at,
    )?;
    for reply in &note.replies {
        if reply.at < note.at {
            return Err(invalid("a reply before its note"));
        }
        let author = demo.people.person(&reply.author)?;
        notes::add_note(
            conn,
            proposal_id,
            Some(parent),
            author.id,
            &text(&reply.body)?,
            reply.at,
        )?;
    }
    Ok(())
}
