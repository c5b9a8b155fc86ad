//! Taking a contribution back (its author) and hiding one with a public reason (moderators
//! and the secretariat). Neither deletes anything: a withdrawn contribution stays readable,
//! a hidden one leaves a tombstone with the reason.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;

use crate::db::write_transaction;
use crate::domain::contributions::{self as rules, ContributionEvent, next_status};
use crate::domain::permissions::{Action, can};
use crate::domain::validation;
use crate::store::audit::{self, Entry};
use crate::store::contributions;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page;
use crate::web::processes::load_process_for;
use crate::web::session::{SignedIn, Visitor};

#[post("/{reference}/withdraw")]
pub async fn withdraw(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let account_id = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let (process, _) = load_process_for(conn, &slug, &visitor)?;
                let reference = rules::reference_from_slug(&reference);
                let contribution =
                    contributions::contribution_by_reference(conn, process.id, &reference)?
                        .ok_or(AppError::NotFound)?;
                if contribution.author_id != account_id {
                    return Err(AppError::Forbidden);
                }
                if next_status(contribution.status(), ContributionEvent::Withdraw).is_none() {
                    return Err(AppError::BadRequest(
                        "this contribution cannot be withdrawn",
                    ));
                }
                contributions::mark_withdrawn(conn, contribution.id)?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(account_id),
                        process_id: Some(process.id),
                        action: "contribution.withdraw",
                        subject: format!("contribution:{reference}"),
                        detail: serde_json::json!({ "contribution_id": contribution.id }),
                    },
                )?;
                Ok(format!(
                    "/p/{}/contributions/{}?notice=withdrawn",
                    process.slug,
                    rules::reference_slug(&reference)
                ))
            })
        })
        .await?;
    Ok(page::see_other(&location))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HideForm {
    reason: String,
}

#[post("/{reference}/hide")]
pub async fn hide(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let account_id = user.id;
    let reason = validation::description(&form.reason, 1_000)
        .ok()
        .filter(|r| r.chars().count() >= 5)
        .ok_or(AppError::BadRequest(
            "a public reason of 5 to 1,000 characters is needed",
        ))?;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &slug, &visitor)?;
                if !can(&actor, Action::HideSubmission) {
                    return Err(AppError::Forbidden);
                }
                let reference = rules::reference_from_slug(&reference);
                let contribution =
                    contributions::contribution_by_reference(conn, process.id, &reference)?
                        .ok_or(AppError::NotFound)?;
                if next_status(contribution.status(), ContributionEvent::Hide).is_none() {
                    return Err(AppError::BadRequest("this contribution cannot be hidden"));
                }
                contributions::mark_hidden(conn, contribution.id, account_id, &reason)?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(account_id),
                        process_id: Some(process.id),
                        action: "contribution.hide",
                        subject: format!("contribution:{reference}"),
                        detail: serde_json::json!({
                            "contribution_id": contribution.id,
                            "reason": reason,
                        }),
                    },
                )?;
                Ok(format!(
                    "/p/{}/contributions/{}?notice=hidden",
                    process.slug,
                    rules::reference_slug(&reference)
                ))
            })
        })
        .await?;
    Ok(page::see_other(&location))
}
