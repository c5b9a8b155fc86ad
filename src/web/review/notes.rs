//! Internal notes on a proposal under review, and replies to them: for the group's
//! rapporteurs and moderators and the secretariat only. Each is written to the audit log
//! (without its text, which stays internal).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};

use super::proposal::{NoteForm, ReviewPage, load_view};
use super::{load_reviewing, proposal_of_group, review_path};
use crate::db::write_transaction;
use crate::domain::proposals::review::NoteText;
use crate::store::audit::{self, Entry};
use crate::store::review::notes;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{SignedIn, Visitor};

#[post("/{reference}/notes")]
pub async fn add_note(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<NoteForm>,
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
                let header = proposal_of_group(conn, &reviewing, reference)?;
                let proposal_id = header.proposal.id;
                // A reply answers a note of this proposal; a reply to a reply joins its thread.
                let parent = match typed.parent.trim() {
                    "" => None,
                    raw => {
                        let id: i64 = raw.parse().map_err(|_| AppError::NotFound)?;
                        let parent = notes::parent_of_note(conn, proposal_id, id)?
                            .ok_or(AppError::NotFound)?;
                        Some(parent.unwrap_or(id))
                    }
                };
                let text = match NoteText::parse(&typed.body) {
                    Ok(text) => text,
                    Err(invalid) => return Ok(Err(invalid.0)),
                };
                let now = crate::store::now();
                let id = notes::add_note(conn, proposal_id, parent, actor_id, &text, now)?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: Some(reviewing.process.id),
                        action: if parent.is_some() {
                            "review.note.reply"
                        } else {
                            "review.note"
                        },
                        subject: format!("proposal:{proposal_id}"),
                        detail: serde_json::json!({ "note_id": id, "parent_id": parent }),
                    },
                )?;
                Ok(Ok(format!(
                    "{}?notice=note-added#note-{id}",
                    review_path(
                        &reviewing.process.slug,
                        reviewing.group.number,
                        header.proposal.reference.as_deref().unwrap_or_default()
                    )
                )))
            })
        })
        .await?;
    match outcome {
        Ok(location) => Ok(page::see_other(&location)),
        Err(key) => {
            let view = state
                .db(move |conn| load_view(conn, &slug, &number, &reference, &visitor))
                .await?;
            let mut errors = FieldErrors::default();
            errors.add("body", key);
            let mut page = ReviewPage::new(ctx, view);
            page.note = form;
            page.note_errors = errors;
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}
