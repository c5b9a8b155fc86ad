//! One proposal under review: the version to decide on with its history, the proposals of
//! the group most alike it, the internal notes with their replies, and the decision form.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::history::{EventKind, HistoryEvent, public_history};
use super::{Reviewing, SimilarView, load_reviewing, proposal_of_group, queue_path, similar_to};
use crate::db::DbConnection;
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::review::DecisionKind;
use crate::domain::proposals::text::{Field, ProposalText};
use crate::store::proposals::ProposalHeader;
use crate::store::proposals::versions::{self, VersionHeader};
use crate::store::review::notes::{self, Note};
use crate::store::review::queue::similarity_candidates;
use crate::store::review::{self as store, DecisionRecord};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::proposals::{lines, proposal_path};
use crate::web::session::{SignedIn, Visitor};

/// Beside the proposal under review, this many alike.
const SIMILAR_SHOWN: usize = 5;

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

/// A note or reply as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NoteForm {
    pub body: String,
    /// The note a reply answers; empty for a new note.
    pub parent: String,
}

/// Everything the page shows, in a fixed number of queries.
pub struct ReviewView {
    pub reviewing: Reviewing,
    pub header: ProposalHeader,
    pub text: ProposalText,
    pub history: Vec<VersionHeader>,
    pub decisions: Vec<DecisionRecord>,
    pub notes: Vec<Note>,
    pub similar: Vec<SimilarView>,
}

pub fn load_view(
    conn: &mut DbConnection,
    slug: &str,
    number: &str,
    reference: &str,
    visitor: &Visitor,
) -> Result<ReviewView, AppError> {
    let reviewing = load_reviewing(conn, slug, number, visitor)?;
    let header = proposal_of_group(conn, &reviewing, reference)?;
    let id = header.proposal.id;
    let current = versions::versions(conn, id, &[header.proposal.current_version])?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let history = versions::version_history(conn, id)?;
    let decisions = store::decisions_of(conn, &[id])?;
    let notes = notes::notes_of(conn, id)?;
    let candidates = similarity_candidates(conn, reviewing.group.id)?;
    let similar = similar_to(&[id], &candidates, SIMILAR_SHOWN)
        .into_iter()
        .next()
        .map(|(_, views)| views)
        .unwrap_or_default();
    Ok(ReviewView {
        reviewing,
        header,
        text: current.text.into(),
        history,
        decisions,
        notes,
        similar,
    })
}

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

    fn queue_path(&self) -> String {
        queue_path(self.slug(), self.view.reviewing.group.number)
    }

    fn base(&self) -> String {
        super::review_path(
            self.slug(),
            self.view.reviewing.group.number,
            self.reference(),
        )
    }

    fn public_path(&self) -> String {
        proposal_path(self.slug(), self.reference())
    }

    fn other_path(&self, reference: &str) -> String {
        proposal_path(self.slug(), reference)
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
    let view = state
        .db(move |conn| load_view(conn, &slug, &number, &reference, &visitor))
        .await?;
    page::ok(&ReviewPage::new(ctx, view))
}
