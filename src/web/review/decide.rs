//! A decision on the version of a proposal the reviewer read: checked against the rules of
//! `domain::proposals::review`, recorded with its rationale and the capacity of who made it,
//! written to the audit log and notified to the author and co-sponsors, all in one
//! transaction. What was typed comes back with the reason whenever it is refused.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};

use super::proposal::{DecisionForm, ReviewPage, load_view};
use super::{Reviewing, load_reviewing, proposal_of_group, queue_path};
use crate::db::{DbConnection, write_transaction};
use crate::domain::notifications::NotificationKind;
use crate::domain::permissions::{Action, GroupId};
use crate::domain::proposals::reference_from_slug;
use crate::domain::proposals::review::{
    Decision, DecisionKind, Rationale, Target, UnderReview, deciding_role,
};
use crate::store::audit::{self, Entry};
use crate::store::notifications::{self, NewNotification};
use crate::store::proposals::{self as proposals, ProposalHeader};
use crate::store::review::{self as store, NewDecision, RecordError};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, FieldErrors};
use crate::web::processes::require;
use crate::web::session::{SignedIn, Visitor};

/// Why a decision was not recorded: errors beside fields (422), or a change of the proposal
/// since it was read (409).
enum Refusal {
    Invalid(FieldErrors),
    Conflict(&'static str),
}

#[post("/{reference}/decision")]
pub async fn decide(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, reference) = path.into_inner();
    let form = form.into_inner();
    let actor_id = user.id;
    let (owned, typed, owned_visitor) = (
        (slug.clone(), number.clone(), reference.clone()),
        form.clone(),
        visitor.clone(),
    );
    let outcome = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let (slug, number, reference) = &owned;
                let reviewing = load_reviewing(conn, slug, number, &owned_visitor)?;
                require(
                    &reviewing.actor,
                    Action::ReviewProposals(reviewing.group_id()),
                )?;
                let header = proposal_of_group(conn, &reviewing, reference)?;
                decide_in(conn, &reviewing, &header, &typed, actor_id)
            })
        })
        .await?;
    let refusal = match outcome {
        Ok(location) => return Ok(crate::web::page::see_other(&location)),
        Err(refusal) => refusal,
    };
    let view = state
        .db(move |conn| load_view(conn, &slug, &number, &reference, &visitor))
        .await?;
    let mut page = ReviewPage::new(ctx, view);
    match refusal {
        Refusal::Invalid(errors) => {
            page.form = form;
            page.errors = errors;
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Refusal::Conflict(message) => {
            // The page now shows the proposal as it stands: a decision made from it is on
            // the version shown, and what was typed is kept.
            page.form = DecisionForm {
                version: page.form.version.clone(),
                ..form
            };
            page.message = Some(message);
            page.render(StatusCode::CONFLICT)
        }
    }
}

/// Checks and records the decision; the queue's address once it is made.
fn decide_in(
    conn: &mut DbConnection,
    reviewing: &Reviewing,
    header: &ProposalHeader,
    form: &DecisionForm,
    actor_id: i64,
) -> Result<Result<String, Refusal>, AppError> {
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
        .map_err(|_| AppError::BadRequest("no version"))?;
    let target = match kind {
        Some(kind) if kind.needs_target() => {
            target_named(conn, reviewing, &form.target, &mut errors)?
        }
        _ => None,
    };
    let (Some(kind), Some(rationale)) = (kind, rationale) else {
        return Ok(Err(Refusal::Invalid(errors)));
    };
    if !errors.is_empty() {
        return Ok(Err(Refusal::Invalid(errors)));
    }
    let proposal = &header.proposal;
    let under_review = UnderReview {
        id: proposal.id,
        group: reviewing.group_id(),
        status: proposal.status(),
        current_version: proposal.current_version,
    };
    let decision = Decision {
        kind,
        version,
        target: target.as_ref().map(|(t, _)| *t),
    };
    if let Err(refused) = decision.apply(&under_review) {
        if refused.is_about_target() {
            errors.add("target", refused.message_key());
            return Ok(Err(Refusal::Invalid(errors)));
        }
        return Ok(Err(Refusal::Conflict(refused.message_key())));
    }
    let decided_as =
        deciding_role(&reviewing.actor, reviewing.group_id()).ok_or(AppError::Forbidden)?;
    let now = crate::store::now();
    let recorded = store::record_decision(
        conn,
        &NewDecision {
            proposal_id: proposal.id,
            version,
            kind,
            rationale: &rationale,
            target_id: decision.target.map(|t| t.id),
            decided_by: actor_id,
            decided_as,
            now,
        },
    );
    let decision_id = match recorded {
        Ok(id) => id,
        Err(RecordError::Changed) => return Ok(Err(Refusal::Conflict("review-error-changed"))),
        Err(RecordError::Database(e)) => return Err(e.into()),
    };
    for (account_id, delivery) in
        notifications::recipients_of(conn, reviewing.process.id, proposal.id, proposal.author_id)?
    {
        if account_id == actor_id {
            continue;
        }
        notifications::notify(
            conn,
            &NewNotification {
                account_id,
                process_id: reviewing.process.id,
                proposal_id: proposal.id,
                decision_id: Some(decision_id),
                kind: NotificationKind::of_decision(kind),
                delivery,
                now,
            },
        )?;
    }
    audit::record(
        conn,
        Entry {
            actor_id: Some(actor_id),
            process_id: Some(reviewing.process.id),
            action: "proposal.decide",
            subject: format!("proposal:{}", proposal.id),
            detail: serde_json::json!({
                "decision_id": decision_id,
                "decision": kind.as_str(),
                "version": version,
                "reference": proposal.reference,
                "target": target.map(|(_, reference)| reference),
                "decided_as": decided_as.as_str(),
            }),
        },
    )?;
    tracing::info!(
        proposal_id = proposal.id,
        decision_id,
        decision = kind.as_str(),
        "proposal decided"
    );
    Ok(Ok(format!(
        "{}?notice=decision-recorded",
        queue_path(&reviewing.process.slug, reviewing.group.number)
    )))
}

/// The proposal a merge or duplicate names, by its reference (as written, or as in its
/// address), looked up in this process only; with its reference. A name that finds nothing
/// is an error beside the field.
fn target_named(
    conn: &mut DbConnection,
    reviewing: &Reviewing,
    typed: &str,
    errors: &mut FieldErrors,
) -> Result<Option<(Target, String)>, AppError> {
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
