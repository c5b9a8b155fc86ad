//! The public page of one proposal: a version's fields, where it comes from, its themes,
//! co-sponsors and history, and what the visitor may do with it (`app::proposals::show`).

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::lines;
use crate::app::proposals::show::{self as app_show, ProposalView};
use crate::domain::permissions::{Action, GroupId, can};
use crate::domain::proposals::review::DecisionKind;
use crate::domain::proposals::text::Field;
use crate::domain::proposals::{CoSponsorStatus, ProposalStatus};
use crate::domain::roles::StakeholderCategory;
use crate::paths;
use crate::store::documents::Use;
use crate::store::proposals::co_sponsors::CoSponsorship;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::review::history::{DecisionView, EventKind, HistoryEvent, public_history};
use crate::web::session::Visitor;

/// The invitation form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub organisation: String,
}

#[derive(Template)]
#[template(path = "proposals/show.html")]
pub struct ProposalPage {
    pub ctx: Ctx,
    pub view: ProposalView,
    pub invite: InviteForm,
    pub errors: FieldErrors,
}

impl ProposalPage {
    pub fn new(ctx: Ctx, view: ProposalView) -> Self {
        ProposalPage {
            ctx,
            view,
            invite: InviteForm::default(),
            errors: FieldErrors::default(),
        }
    }

    /// Its group's name in the reader's language, or the original marked as such.
    fn group_name(&self) -> crate::domain::content::Shown<'_> {
        let number = self.view.header.group_number;
        match self
            .view
            .structure
            .groups
            .iter()
            .find(|g| g.number == number)
        {
            Some(group) => self.view.structure.group_name(self.ctx.lang, group),
            None => crate::domain::content::Shown {
                text: &self.view.header.group_name,
                lang: None,
            },
        }
    }

    fn reference(&self) -> &str {
        self.view.header.proposal.reference.as_deref().unwrap_or("")
    }

    /// A refused choice that the list does not offer (invited already, say), kept selected
    /// beside its error so the person sees what they sent.
    fn kept_choice(&self) -> Option<&str> {
        let chosen = self.invite.organisation.as_str();
        (!chosen.is_empty() && !self.view.invitable.iter().any(|name| name == chosen))
            .then_some(chosen)
    }

    fn status(&self) -> ProposalStatus {
        self.view.header.proposal.status()
    }

    fn is_current(&self) -> bool {
        self.view.number == self.view.header.proposal.current_version
    }

    fn category_key(&self) -> Option<String> {
        self.view
            .header
            .category()
            .map(StakeholderCategory::label_key)
    }

    /// The non-empty texts shown before the means of implementation, and after them.
    fn opening_fields(&self) -> Vec<Field> {
        self.filled(&[Field::Commitment, Field::ActionableMeasures])
    }

    fn means_fields(&self) -> Vec<Field> {
        self.filled(&Field::MEANS)
    }

    fn closing_fields(&self) -> Vec<Field> {
        self.filled(&[
            Field::ResponsibleActors,
            Field::SdgTargets,
            Field::Timeline,
            Field::Indicators,
        ])
    }

    fn filled(&self, fields: &[Field]) -> Vec<Field> {
        fields
            .iter()
            .copied()
            .filter(|f| !self.view.text.get(*f).is_empty())
            .collect()
    }

    fn is_list(&self, field: &Field) -> bool {
        *field == Field::ActionableMeasures
    }

    fn lines_of(&self, field: &Field) -> Vec<&str> {
        lines(self.view.text.get(*field))
    }

    fn co_sponsors(&self) -> Vec<&CoSponsorship> {
        self.with_status(CoSponsorStatus::Accepted)
    }

    fn pending(&self) -> Vec<&CoSponsorship> {
        self.with_status(CoSponsorStatus::Invited)
    }

    fn with_status(&self, status: CoSponsorStatus) -> Vec<&CoSponsorship> {
        self.view
            .sponsors
            .iter()
            .filter(|s| s.status() == status)
            .collect()
    }

    fn is_author(&self) -> bool {
        self.view.actor.account_id == Some(self.view.header.proposal.author_id)
    }

    /// Its author may change, withdraw and invite while no decision is made.
    fn author_may_act(&self) -> bool {
        self.is_author()
            && can(&self.view.actor, Action::SubmitProposal)
            && self.status().awaits_decision()
    }

    /// The invitation addressed to the visitor's organisation, if it waits for an answer.
    fn my_invitation(&self) -> Option<&CoSponsorship> {
        let organisation = self.view.visitor_organisation?;
        if !can(&self.view.actor, Action::CoSponsorProposal) || !self.status().awaits_decision() {
            return None;
        }
        self.view
            .sponsors
            .iter()
            .find(|s| s.organisation_id == organisation && s.status() == CoSponsorStatus::Invited)
    }

    /// Versions, decisions and the withdrawal, oldest first.
    fn public_history(&self) -> Vec<HistoryEvent> {
        let versions: Vec<_> = self
            .view
            .history
            .iter()
            .map(|v| (v.number, v.created_at))
            .collect();
        public_history(
            &self.view.process.slug,
            &versions,
            &self.view.decisions,
            self.view.header.proposal.withdrawn_at,
        )
    }

    /// The decision the proposal stands by: shown at the top while it holds.
    fn standing_decision(&self) -> Option<DecisionView> {
        let decided = matches!(
            self.status(),
            ProposalStatus::RevisionRequested
                | ProposalStatus::Accepted
                | ProposalStatus::Rejected
                | ProposalStatus::Merged
                | ProposalStatus::Duplicate
        );
        let latest = self.view.decisions.last().filter(|_| decided)?;
        Some(DecisionView::of(latest, &self.view.process.slug))
    }

    /// "Report of action group 1, First draft, paragraph 7".
    fn use_label(&self, used: &Use) -> String {
        let key = if used.number.is_empty() {
            "review-used-in-heading"
        } else {
            "review-used-in"
        };
        self.ctx.lang.t_with(
            key,
            &[
                ("document", used.document_title.clone()),
                ("revision", used.revision_label.clone()),
                ("number", used.number.clone()),
            ],
        )
    }

    /// The group's reviewers find their way to its review from here.
    fn review_path(&self) -> Option<String> {
        let group = GroupId(self.view.header.proposal.group_id);
        can(&self.view.actor, Action::UseInternalNotes(group)).then(|| {
            paths::review(
                &self.view.process.slug,
                self.view.header.group_number,
                self.reference(),
            )
        })
    }

    /// Undecided and accepted proposals in the colour of an open window, the others grey.
    fn badge_class(&self) -> &'static str {
        match self.status() {
            ProposalStatus::Submitted
            | ProposalStatus::RevisionRequested
            | ProposalStatus::Accepted => "badge-open",
            _ => "badge-closed",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct VersionQuery {
    version: Option<String>,
}

#[get("/{reference}")]
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<VersionQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    // A version that is not a number names no version.
    let version = match query.version.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(raw.parse::<i32>().map_err(|_| AppError::NotFound)?),
    };
    let person = visitor.person();
    let view = state
        .run(move |conn| app_show::proposal(conn, person, &slug, &reference, version))
        .await?;
    page::ok(&ProposalPage::new(ctx, view))
}
