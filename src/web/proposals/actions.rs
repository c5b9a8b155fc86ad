//! What can be done to a submitted proposal from its page: its author withdraws it or
//! invites organisations to co-sponsor it; an invited organisation's stakeholders answer.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;

use super::proposal_path;
use super::show::{InviteForm, ProposalPage, load_view, public_proposal};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, Actor};
use crate::domain::proposals::Transition;
use crate::domain::validation::OrganisationName;
use crate::store::accounts;
use crate::store::audit::{self, Entry};
use crate::store::processes::Process;
use crate::store::proposals::co_sponsors::{self, InviteError};
use crate::store::proposals::{self as store, ProposalHeader};
use crate::store::{self as st};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::processes::{load_process_for, require};
use crate::web::session::{SignedIn, Visitor};

/// The process and one of its public proposals, as the signed-in visitor stands.
fn load(
    conn: &mut DbConnection,
    slug: &str,
    reference: &str,
    visitor: &Visitor,
) -> Result<(Process, Actor, ProposalHeader), AppError> {
    let (process, actor) = load_process_for(conn, slug, visitor)?;
    let header = public_proposal(conn, process.id, reference)?;
    Ok((process, actor, header))
}

/// Only the author, still accredited, acts on their proposal as author.
fn require_author(actor: &Actor, header: &ProposalHeader) -> Result<(), AppError> {
    require(actor, Action::SubmitProposal)?;
    if actor.account_id == Some(header.proposal.author_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn record(
    conn: &mut DbConnection,
    process: &Process,
    actor_id: i64,
    action: &str,
    header: &ProposalHeader,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(actor_id),
            process_id: Some(process.id),
            action,
            subject: format!("proposal:{}", header.proposal.id),
            detail,
        },
    )?;
    Ok(())
}

#[post("/{reference}/withdraw")]
pub async fn withdraw(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let actor_id = user.id;
    let location = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let (process, actor, header) = load(conn, &slug, &reference, &visitor)?;
                require_author(&actor, &header)?;
                let from = header.proposal.status();
                let to = Transition::Withdraw
                    .apply(from)
                    .map_err(|_| AppError::Forbidden)?;
                if !store::change_status(conn, header.proposal.id, from, to, st::now())? {
                    return Err(AppError::Forbidden);
                }
                let detail = serde_json::json!({
                    "reference": header.proposal.reference,
                    "version": header.proposal.current_version,
                });
                record(
                    conn,
                    &process,
                    actor_id,
                    "proposal.withdraw",
                    &header,
                    detail,
                )?;
                tracing::info!(proposal_id = header.proposal.id, "proposal withdrawn");
                Ok(proposal_path(
                    &process.slug,
                    header.proposal.reference.as_deref().unwrap_or_default(),
                ))
            })
        })
        .await?;
    Ok(page::see_other(&format!(
        "{location}?notice=proposal-withdrawn"
    )))
}

#[post("/{reference}/invitations")]
pub async fn invite(
    ctx: Ctx,
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let form = form.into_inner();
    let (owned_slug, owned_reference, owned_visitor) =
        (slug.clone(), reference.clone(), visitor.clone());
    let typed = form.organisation.clone();
    let outcome = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                invite_in(conn, &owned_slug, &owned_reference, &owned_visitor, &typed)
            })
        })
        .await?;
    match outcome {
        Ok(location) => Ok(page::see_other(&format!(
            "{location}?notice=proposal-invited#co-sponsors"
        ))),
        Err(key) => {
            let view = state
                .db(move |conn| load_view(conn, &slug, &reference, &visitor, None))
                .await?;
            let mut errors = FieldErrors::default();
            errors.add("organisation", key);
            page::invalid(&ProposalPage {
                invite: form,
                errors,
                ..ProposalPage::new(ctx, view)
            })
        }
    }
}

/// Sends the invitation; a refusal is the message to show beside the organisation's name.
fn invite_in(
    conn: &mut DbConnection,
    slug: &str,
    reference: &str,
    visitor: &Visitor,
    typed: &str,
) -> Result<Result<String, &'static str>, AppError> {
    let (process, actor, header) = load(conn, slug, reference, visitor)?;
    require_author(&actor, &header)?;
    if !header.proposal.status().awaits_decision() {
        return Err(AppError::Forbidden);
    }
    let organisation_id = match invitee(conn, typed, &header)? {
        Ok(id) => id,
        Err(key) => return Ok(Err(key)),
    };
    // `require_author` made sure the visitor is the author.
    let author_id = header.proposal.author_id;
    match co_sponsors::invite(
        conn,
        header.proposal.id,
        organisation_id,
        author_id,
        st::now(),
    ) {
        Ok(_) => {}
        Err(InviteError::AlreadyInvited) => return Ok(Err("proposal-error-already-invited")),
        Err(InviteError::Database(e)) => return Err(e.into()),
    }
    let detail = serde_json::json!({ "organisation_id": organisation_id });
    record(
        conn,
        &process,
        author_id,
        "proposal.invite",
        &header,
        detail,
    )?;
    Ok(Ok(proposal_path(
        &process.slug,
        header.proposal.reference.as_deref().unwrap_or_default(),
    )))
}

/// The organisation named in the invitation form: it must exist and not be the author's
/// own. A refusal is the message to show beside the field.
fn invitee(
    conn: &mut DbConnection,
    typed: &str,
    header: &ProposalHeader,
) -> Result<Result<i64, &'static str>, AppError> {
    let name = match OrganisationName::parse(typed) {
        Ok(name) => name,
        Err(invalid) => return Ok(Err(invalid.0)),
    };
    let Some(id) = co_sponsors::organisation_id_by_name_key(conn, &name.key())? else {
        return Ok(Err("proposal-error-no-such-organisation"));
    };
    if Some(id) == header.proposal.organisation_id {
        return Ok(Err("proposal-error-own-organisation"));
    }
    Ok(Ok(id))
}

#[derive(Debug, Deserialize)]
pub struct Answer {
    decision: String,
}

/// An accredited stakeholder of an invited organisation accepts or declines for it.
#[post("/{reference}/invitations/answer")]
pub async fn answer(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<Answer>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let accept = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest("unknown decision")),
    };
    let actor_id = user.id;
    let location = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                answer_in(conn, &slug, &reference, &visitor, actor_id, accept)
            })
        })
        .await?;
    let notice = if accept {
        "proposal-co-sponsored"
    } else {
        "proposal-declined"
    };
    Ok(page::see_other(&format!(
        "{location}?notice={notice}#co-sponsors"
    )))
}

/// Records the answer of the visitor's organisation to its invitation. Anyone without one
/// (another organisation, an invitation answered already) is refused.
fn answer_in(
    conn: &mut DbConnection,
    slug: &str,
    reference: &str,
    visitor: &Visitor,
    actor_id: i64,
    accept: bool,
) -> Result<String, AppError> {
    let (process, actor, header) = load(conn, slug, reference, visitor)?;
    require(&actor, Action::CoSponsorProposal)?;
    if !header.proposal.status().awaits_decision() {
        return Err(AppError::Forbidden);
    }
    let organisation = accounts::account_by_id(conn, actor_id)?
        .and_then(|a| a.organisation_id)
        .ok_or(AppError::Forbidden)?;
    let invitation = co_sponsors::co_sponsorships_of(conn, header.proposal.id)?
        .into_iter()
        .find(|s| s.organisation_id == organisation)
        .ok_or(AppError::Forbidden)?;
    let from = invitation.status();
    let to = from.answer(accept).ok_or(AppError::Forbidden)?;
    if !co_sponsors::answer_invitation(conn, invitation.id, from, to, actor_id, st::now())? {
        return Err(AppError::Forbidden);
    }
    let action = if accept {
        "proposal.co-sponsor.accept"
    } else {
        "proposal.co-sponsor.decline"
    };
    let detail = serde_json::json!({ "organisation_id": organisation });
    record(conn, &process, actor_id, action, &header, detail)?;
    Ok(proposal_path(
        &process.slug,
        header.proposal.reference.as_deref().unwrap_or_default(),
    ))
}
