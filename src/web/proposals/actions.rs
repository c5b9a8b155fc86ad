//! What can be done to a submitted proposal from its page: its author withdraws it or
//! invites organisations to co-sponsor it; an invited organisation's stakeholders answer.
//! The use cases are `app::proposals::{withdraw, invite, answer}`.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;

use super::show::{InviteForm, ProposalPage};
use crate::app;
use crate::app::proposals::{self as app_proposals, Done};
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::{SignedIn, Visitor};

/// The proposal's page with a notice and, maybe, the part of the page to show.
fn back_to(done: &Done, notice: &str, anchor: &str) -> HttpResponse {
    let path = paths::proposal(&done.process_slug, &done.reference);
    page::see_other(&format!("{path}?notice={notice}{anchor}"))
}

#[post("/{reference}/withdraw")]
pub async fn withdraw(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let person = user.person();
    let done = state
        .run(move |conn| app_proposals::withdraw::withdraw(conn, person, &slug, &reference))
        .await?;
    Ok(back_to(&done, "proposal-withdrawn", ""))
}

#[post("/{reference}/invitations")]
pub async fn invite(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let form = form.into_inner();
    let person = user.person();
    let owned = (slug.clone(), reference.clone(), form.organisation.clone());
    match state
        .run(move |conn| {
            let (slug, reference, organisation) = &owned;
            app_proposals::invite::invite(conn, person, slug, reference, organisation)
        })
        .await
    {
        Ok(done) => Ok(back_to(&done, "proposal-invited", "#co-sponsors")),
        Err(app::Error::Invalid(errors)) => {
            let person = visitor.person();
            let view = state
                .run(move |conn| {
                    app_proposals::show::proposal(conn, person, &slug, &reference, None)
                })
                .await?;
            page::invalid(&ProposalPage {
                invite: form,
                errors,
                ..ProposalPage::new(ctx, view)
            })
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct Answer {
    decision: String,
}

/// An accredited stakeholder of an invited organisation accepts or declines for it.
#[post("/{reference}/invitations/answer")]
pub async fn answer(
    user: SignedIn,
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
    let person = user.person();
    let done = state
        .run(move |conn| app_proposals::answer::answer(conn, person, &slug, &reference, accept))
        .await?;
    let notice = if accept {
        "proposal-co-sponsored"
    } else {
        "proposal-declined"
    };
    Ok(back_to(&done, notice, "#co-sponsors"))
}
