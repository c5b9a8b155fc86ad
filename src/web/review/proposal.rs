//! One proposal under review: the version to decide on with its history, the proposals of
//! the group most alike it, the internal notes with their replies, and the decision form.
//! What it shows comes from `app::review::proposal`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::history::{EventKind, HistoryEvent, public_history};
use crate::app::review::decide::DecisionForm;
use crate::app::review::notes::NoteForm;
use crate::app::review::proposal::{self as app_review, ReviewView};
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::review::DecisionKind;
use crate::domain::proposals::text::Field;
use crate::paths;
use crate::store::review::notes::Note;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::proposals::lines;
use crate::web::session::{SignedIn, Visitor};

#[derive(Template)]
#[template(path = "review/proposal.html")]
pub struct ReviewPage {
    pub ctx: Ctx,
    pub view: ReviewView,
    pub form: DecisionForm,
    pub errors: FieldErrors,
    /// Why the decision could not be made, when it is not about one field.
    pub message: Option<&'static str>,
    pub note: NoteForm,
    pub note_errors: FieldErrors,
}

impl ReviewPage {
    pub fn new(ctx: Ctx, view: ReviewView) -> Self {
        let version = view.header.proposal.current_version.to_string();
        ReviewPage {
            ctx,
            view,
            form: DecisionForm {
                version,
                ..DecisionForm::default()
            },
            errors: FieldErrors::default(),
            message: None,
            note: NoteForm::default(),
            note_errors: FieldErrors::default(),
        }
    }

    pub fn render(&self, status: StatusCode) -> Result<HttpResponse, AppError> {
        page::render(self, status)
    }

    fn slug(&self) -> &str {
        &self.view.reviewing.process.slug
    }

    fn reference(&self) -> &str {
        self.view.header.proposal.reference.as_deref().unwrap_or("")
    }

    fn status(&self) -> ProposalStatus {
        self.view.header.proposal.status()
    }

    /// The address of a proposal alike this one (`review/similar.html`, shared with the queue).
    fn other_path(&self, reference: &str) -> String {
        paths::proposal(self.slug(), reference)
    }

    /// The form is offered to those who decide, while the proposal awaits a decision.
    fn may_decide_now(&self) -> bool {
        self.view.reviewing.may_decide() && self.status() == ProposalStatus::Submitted
    }

    fn kinds(&self) -> [DecisionKind; 5] {
        DecisionKind::ALL
    }

    fn filled(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| *f != Field::Title && !self.view.text.get(*f).is_empty())
            .collect()
    }

    fn lines_of(&self, field: &Field) -> Vec<&str> {
        lines(self.view.text.get(*field))
    }

    fn history(&self) -> Vec<HistoryEvent> {
        let versions: Vec<_> = self
            .view
            .history
            .iter()
            .map(|v| (v.number, v.created_at))
            .collect();
        public_history(
            self.slug(),
            &versions,
            &self.view.decisions,
            self.view.header.proposal.withdrawn_at,
        )
    }

    fn top_notes(&self) -> Vec<&Note> {
        self.view
            .notes
            .iter()
            .filter(|n| n.parent_id.is_none())
            .collect()
    }

    fn replies_to(&self, note: &i64) -> Vec<&Note> {
        self.view
            .notes
            .iter()
            .filter(|n| n.parent_id == Some(*note))
            .collect()
    }

    /// The typed reply to keep in this note's form after an error.
    fn reply_text(&self, note: &i64) -> &str {
        if self.note.parent == note.to_string() {
            &self.note.body
        } else {
            ""
        }
    }

    fn reply_error(&self, note: &i64) -> Option<String> {
        (self.note.parent == note.to_string())
            .then(|| self.ctx.error(&self.note_errors, "body"))
            .flatten()
    }

    fn new_note_text(&self) -> &str {
        if self.note.parent.is_empty() {
            &self.note.body
        } else {
            ""
        }
    }

    fn new_note_error(&self) -> Option<String> {
        self.note
            .parent
            .is_empty()
            .then(|| self.ctx.error(&self.note_errors, "body"))
            .flatten()
    }

    fn note_label(&self, note: &Note) -> String {
        self.ctx.t1("review-reply-to", "author", &note.author_name)
    }
}

#[get("/{reference}")]
pub async fn review_page(
    ctx: Ctx,
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, reference) = path.into_inner();
    let person = visitor.person();
    let view = state
        .run(move |conn| app_review::review(conn, person, &slug, &number, &reference))
        .await?;
    page::ok(&ReviewPage::new(ctx, view))
}

/// The page again after a refused form, the proposal read as it now stands.
pub async fn page_again(
    ctx: Ctx,
    state: &AppState,
    person: crate::app::Person,
    (slug, number, reference): (String, String, String),
) -> Result<ReviewPage, AppError> {
    let view = state
        .run(move |conn| app_review::review(conn, Some(person), &slug, &number, &reference))
        .await?;
    Ok(ReviewPage::new(ctx, view))
}
