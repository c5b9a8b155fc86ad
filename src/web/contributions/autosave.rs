//! Saving the text being written every few seconds (the form's small script). Answers JSON
//! the script reads; the work is `app::contributions::draft`.

use actix_web::{HttpRequest, HttpResponse, post, web};

use super::input_from_fields;
use crate::app::{self, contributions::draft::Autosaved};
use crate::domain::ids::ContributionId;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::Fields;
use crate::web::page::language_of;
use crate::web::session::SignedIn;

#[post("/autosave")]
pub async fn autosave(
    req: HttpRequest,
    user: Option<SignedIn>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let Some(user) = user else {
        return Ok(HttpResponse::Unauthorized().json(serde_json::json!({ "error": "signed-out" })));
    };
    let fields = Fields::from_pairs(body.into_inner());
    let input = input_from_fields(&fields, language_of(&req, Some(&user)));
    let draft_id = fields.get("draft_id").parse::<ContributionId>().ok();
    let person = user.person();
    let slug = path.into_inner();
    let saved = state
        .run(move |conn| app::contributions::draft::autosave(conn, person, &slug, draft_id, input))
        .await;
    Ok(match saved {
        Ok(Autosaved::Saved {
            draft_id,
            edit_path,
            saved_at,
        }) => HttpResponse::Ok().json(serde_json::json!({
            "draft_id": draft_id,
            "edit_url": edit_path,
            "saved_at": saved_at.format("%H:%M:%S").to_string(),
        })),
        Ok(Autosaved::Submitted { location }) => HttpResponse::Conflict()
            .json(serde_json::json!({ "error": "submitted", "url": location })),
        Err(app::Error::Invalid(_)) => {
            HttpResponse::UnprocessableEntity().json(serde_json::json!({ "error": "invalid" }))
        }
        Err(other) => return Err(other.into()),
    })
}
