//! A session of an event's programme: its page (the speakers' list and the statements), the
//! forms that keep the list, and the statements' own pages. Handlers only: the work is
//! `app::events::programme` and `app::events::statements`.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::app::events::programme::SessionView;
use crate::app::events::statements::{StatementForm, StatementView};
use crate::app::{self, Person};
use crate::domain::text_language::TextLanguage;
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{SignedIn, Visitor};

/// The speaker form as typed: a delegation chosen, or a name.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SpeakerForm {
    pub speaker_delegation: String,
    pub speaker_name: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub direction: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SpokenForm {
    /// `yes` marks the speaker as having spoken; anything else undoes it.
    pub spoken: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SessionQuery {
    /// A delegation's id: only its statements.
    pub delegation: String,
}

#[derive(Template)]
#[template(path = "events/session.html")]
struct SessionPage {
    ctx: Ctx,
    view: SessionView,
    speaker: SpeakerForm,
    speaker_errors: FieldErrors,
    statement: StatementForm,
    statement_errors: FieldErrors,
}

impl SessionPage {
    fn languages(&self) -> [TextLanguage; 6] {
        TextLanguage::ALL
    }

    fn is_filter(&self, id: &i64) -> bool {
        self.view.filter == Some(*id)
    }
}

#[derive(Template)]
#[template(path = "events/statement.html")]
struct StatementPage {
    ctx: Ctx,
    view: StatementView,
}

type SessionPath = web::Path<(String, i64, i64)>;
type SpeakerPath = web::Path<(String, i64, i64, i64)>;

#[get("/{event}/sessions/{session}")]
pub async fn session_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: SessionPath,
    query: web::Query<SessionQuery>,
) -> Result<HttpResponse, AppError> {
    let person = visitor.person();
    let (slug, event, session) = path.into_inner();
    // A filter that names nothing is left out, as on every list.
    let filter = query.delegation.trim().parse::<i64>().ok();
    let view = state
        .run(move |conn| {
            app::events::programme::session(conn, person, &slug, event, session, filter)
        })
        .await?;
    let statement = StatementForm {
        language: ctx.lang.code().to_string(),
        ..Default::default()
    };
    page::ok(&SessionPage {
        ctx,
        view,
        speaker: SpeakerForm::default(),
        speaker_errors: FieldErrors::default(),
        statement,
        statement_errors: FieldErrors::default(),
    })
}

/// The session's page again, a form's errors beside its fields and what was typed kept.
async fn again(
    ctx: Ctx,
    state: &AppState,
    person: Person,
    (slug, event, session): (String, i64, i64),
    speaker: (SpeakerForm, FieldErrors),
    statement: (StatementForm, FieldErrors),
) -> Result<HttpResponse, AppError> {
    let view = state
        .run(move |conn| {
            app::events::programme::session(conn, Some(person), &slug, event, session, None)
        })
        .await?;
    page::invalid(&SessionPage {
        ctx,
        view,
        speaker: speaker.0,
        speaker_errors: speaker.1,
        statement: statement.0,
        statement_errors: statement.1,
    })
}

fn back(slug: &str, event: i64, session: i64, notice: &str) -> HttpResponse {
    page::see_other(&format!(
        "{}?notice={notice}#speakers",
        paths::event_session(slug, event, session)
    ))
}

#[post("/{event}/sessions/{session}/speakers")]
pub async fn add_speaker(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: SessionPath,
    form: web::Form<SpeakerForm>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event, session) = path.into_inner();
    let typed = form.into_inner();
    let (at, sent) = (slug.clone(), typed.clone());
    let outcome = state
        .run(move |conn| {
            app::events::programme::add_speaker(
                conn,
                person,
                &at,
                (event, session),
                &sent.speaker_delegation,
                &sent.speaker_name,
            )
        })
        .await;
    match outcome {
        Ok(()) => Ok(back(&slug, event, session, "saved")),
        Err(app::Error::Invalid(errors)) => {
            let statement = (StatementForm::default(), FieldErrors::default());
            let path = (slug, event, session);
            again(ctx, &state, person, path, (typed, errors), statement).await
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/{event}/sessions/{session}/speakers/{speaker}/move")]
pub async fn move_speaker(
    user: SignedIn,
    state: web::Data<AppState>,
    path: SpeakerPath,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event, session, speaker) = path.into_inner();
    let at = slug.clone();
    state
        .run(move |conn| {
            app::events::programme::move_speaker(
                conn,
                person,
                &at,
                (event, session),
                speaker,
                &form.direction,
            )
        })
        .await?;
    Ok(back(&slug, event, session, "saved"))
}

#[post("/{event}/sessions/{session}/speakers/{speaker}/spoken")]
pub async fn mark_spoken(
    user: SignedIn,
    state: web::Data<AppState>,
    path: SpeakerPath,
    form: web::Form<SpokenForm>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event, session, speaker) = path.into_inner();
    let spoken = form.spoken == "yes";
    let at = slug.clone();
    state
        .run(move |conn| {
            app::events::programme::mark_spoken(
                conn,
                person,
                &at,
                (event, session),
                speaker,
                spoken,
            )
        })
        .await?;
    Ok(back(&slug, event, session, "saved"))
}

#[post("/{event}/sessions/{session}/speakers/{speaker}/remove")]
pub async fn remove_speaker(
    user: SignedIn,
    state: web::Data<AppState>,
    path: SpeakerPath,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event, session, speaker) = path.into_inner();
    let at = slug.clone();
    state
        .run(move |conn| {
            app::events::programme::remove_speaker(conn, person, &at, (event, session), speaker)
        })
        .await?;
    Ok(back(&slug, event, session, "saved"))
}

#[post("/{event}/sessions/{session}/statements")]
pub async fn file_statement(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: SessionPath,
    form: web::Form<StatementForm>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event, session) = path.into_inner();
    let typed = form.into_inner();
    let (at, sent) = (slug.clone(), typed.clone());
    let outcome = state
        .run(move |conn| app::events::statements::file(conn, person, &at, (event, session), &sent))
        .await;
    match outcome {
        Ok(id) => Ok(page::see_other(&format!(
            "{}?notice=saved",
            paths::event_statement(&slug, event, id)
        ))),
        Err(app::Error::Invalid(errors)) => {
            let speaker = (SpeakerForm::default(), FieldErrors::default());
            let path = (slug, event, session);
            again(ctx, &state, person, path, speaker, (typed, errors)).await
        }
        Err(other) => Err(other.into()),
    }
}

#[get("/{event}/statements/{statement}")]
pub async fn statement_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let person = visitor.person();
    let (slug, event, statement) = path.into_inner();
    let view = state
        .run(move |conn| app::events::statements::show(conn, person, &slug, event, statement))
        .await?;
    page::ok(&StatementPage { ctx, view })
}

#[post("/{event}/statements/{statement}/withdraw")]
pub async fn withdraw_statement(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event, statement) = path.into_inner();
    let at = slug.clone();
    state
        .run(move |conn| app::events::statements::withdraw(conn, person, &at, event, statement))
        .await?;
    Ok(page::see_other(&format!(
        "{}?notice=saved",
        paths::event_statement(&slug, event, statement)
    )))
}
