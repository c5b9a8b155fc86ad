//! A decision on the version of a proposal the reviewer read: checked against the rules of
//! `domain::proposals::review`, recorded with its rationale and the capacity of who made it,
//! written to the audit log and notified to the author and co-sponsors, all in one
//! transaction. A refusal is `Invalid` (errors beside fields) or `Conflict` (the proposal
//! changed since it was read, or its state forbids the decision).

use serde::Deserialize;

use super::{Reviewing, proposal_of_group, reviewing};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::notifications::NotificationKind;
use crate::domain::permissions::{Action, GroupId};
use crate::domain::proposals::reference_from_slug;
use crate::domain::proposals::review::{
    Decision, DecisionKind, Rationale, Target, UnderReview, deciding_role,
};
use crate::domain::validation::FieldErrors;
use crate::store::audit::{self, Entry};
use crate::store::notifications::{self, Subject};
use crate::store::proposals::{self as proposals, Proposal};
use crate::store::review::{self as store, NewDecision, RecordError};

/// The decision form as typed, kept to show again whatever happens.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub decision: String,
    pub rationale: String,
    pub target: String,
    /// The version the reviewer read.
    pub version: String,
}

/// Where the reviewer goes once the decision is made: the group's queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub process_slug: String,
    pub group_number: i32,
}

/// A decision whose fields were read: the proposal a merge or duplicate names comes with
/// its reference, for the audit log.
struct Checked {
    kind: DecisionKind,
    rationale: Rationale,
    version: i32,
    target: Option<(Target, String)>,
}

pub fn decide(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    number: &str,
    reference: &str,
    form: &DecisionForm,
) -> Result<Decided> {
    app::transaction(conn, |conn| {
        let reviewing = reviewing(conn, Some(person), slug, number)?;
        app::require(
            &reviewing.actor,
            Action::ReviewProposals(reviewing.group_id()),
        )?;
        let header = proposal_of_group(conn, &reviewing, reference)?;
        let checked = check(conn, &reviewing, form)?;
        record(
            conn,
            &reviewing,
            &header.proposal,
            &checked,
            person.account_id,
        )?;
        Ok(Decided {
            process_slug: reviewing.process.slug.clone(),
            group_number: reviewing.group.number,
        })
    })
}

/// Reads the form, every field error at once.
fn check(conn: &mut DbConnection, reviewing: &Reviewing, form: &DecisionForm) -> Result<Checked> {
    let mut errors = FieldErrors::default();
    let kind = DecisionKind::parse(form.decision.trim());
    if kind.is_none() {
        errors.add("decision", "review-error-choose-decision");
    }
    let rationale = errors.check("rationale", Rationale::parse(&form.rationale));
    // A version that is not a number is a form from nowhere: it names no version.
    let version: i32 = form
        .version
        .trim()
        .parse()
        .map_err(|_| Error::BadRequest("no version"))?;
    let target = match kind {
        Some(kind) if kind.needs_target() => {
            target_named(conn, reviewing, &form.target, &mut errors)?
        }
        _ => None,
    };
    match (kind, rationale) {
        (Some(kind), Some(rationale)) if errors.is_empty() => Ok(Checked {
            kind,
            rationale,
            version,
            target,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

/// The decision, if the rules allow it on the proposal as it stands.
fn allowed(reviewing: &Reviewing, proposal: &Proposal, checked: &Checked) -> Result<Decision> {
    let under_review = UnderReview {
        id: proposal.id,
        group: reviewing.group_id(),
        status: proposal.status(),
        current_version: proposal.current_version,
    };
    let decision = Decision {
        kind: checked.kind,
        version: checked.version,
        target: checked.target.as_ref().map(|(t, _)| *t),
    };
    match decision.apply(&under_review) {
        Ok(_) => Ok(decision),
        Err(refused) if refused.is_about_target() => {
            Err(Error::invalid("target", refused.message_key()))
        }
        Err(refused) => Err(Error::Conflict(refused.message_key())),
    }
}

/// Records an allowed decision, notifies those concerned and writes the audit entry.
fn record(
    conn: &mut DbConnection,
    reviewing: &Reviewing,
    proposal: &Proposal,
    checked: &Checked,
    actor_id: i64,
) -> Result<()> {
    let decision = allowed(reviewing, proposal, checked)?;
    let decided_as =
        deciding_role(&reviewing.actor, reviewing.group_id()).ok_or(Error::Forbidden)?;
    let (kind, version) = (checked.kind, checked.version);
    let now = crate::store::now();
    let new = NewDecision {
        proposal_id: proposal.id,
        version,
        kind,
        rationale: &checked.rationale,
        target_id: decision.target.map(|t| t.id),
        decided_by: actor_id,
        decided_as,
        now,
    };
    let decision_id = match store::record_decision(conn, &new) {
        Ok(id) => id,
        Err(RecordError::Changed) => return Err(Error::Conflict("review-error-changed")),
        Err(RecordError::Database(e)) => return Err(e.into()),
    };
    notify(conn, reviewing, proposal, decision_id, kind, actor_id)?;
    let detail = serde_json::json!({
        "decision_id": decision_id,
        "decision": kind.as_str(),
        "version": version,
        "reference": proposal.reference,
        "target": checked.target.as_ref().map(|(_, reference)| reference),
        "decided_as": decided_as.as_str(),
    });
    audit::record(
        conn,
        Entry {
            actor_id: Some(actor_id),
            process_id: Some(reviewing.process.id),
            action: "proposal.decide",
            subject: format!("proposal:{}", proposal.id),
            detail,
        },
    )?;
    tracing::info!(
        proposal_id = i64::from(proposal.id),
        decision_id,
        decision = kind.as_str(),
        "proposal decided"
    );
    Ok(())
}

/// Tells the author and the co-sponsors, each as they chose, but not the one who decided.
fn notify(
    conn: &mut DbConnection,
    reviewing: &Reviewing,
    proposal: &Proposal,
    decision_id: i64,
    kind: DecisionKind,
    actor_id: i64,
) -> Result<()> {
    let process_id = reviewing.process.id;
    let recipients =
        notifications::recipients_of(conn, process_id, proposal.id, proposal.author_id)?;
    let subject = Subject::Proposal {
        id: proposal.id,
        decision_id: Some(decision_id),
    };
    let kind = NotificationKind::of_decision(kind);
    app::notifications::tell(conn, &recipients, actor_id, process_id, subject, kind)
}

/// The proposal a merge or duplicate names, by its reference (as written, or as in its
/// address), looked up in this process only; with its reference. A name that finds nothing
/// is an error beside the field.
fn target_named(
    conn: &mut DbConnection,
    reviewing: &Reviewing,
    typed: &str,
    errors: &mut FieldErrors,
) -> Result<Option<(Target, String)>> {
    let typed = typed.trim().to_uppercase();
    if typed.is_empty() {
        errors.add("target", "review-error-target-required");
        return Ok(None);
    }
    let reference = if typed.contains('/') {
        Some(typed)
    } else {
        reference_from_slug(&typed)
    };
    let found = match reference {
        Some(reference) => {
            proposals::proposal_by_reference(conn, reviewing.process.id, &reference)?
        }
        None => None,
    };
    match found.filter(|h| h.proposal.status().is_public()) {
        Some(header) => Ok(Some((
            Target {
                id: header.proposal.id,
                group: GroupId(header.proposal.group_id),
                status: header.proposal.status(),
            },
            header.proposal.reference.unwrap_or_default(),
        ))),
        None => {
            errors.add("target", "review-error-no-such-target");
            Ok(None)
        }
    }
}
