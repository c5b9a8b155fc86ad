//! The rounds of a process, opening one, and a round's page with its amendments.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::app;
use crate::app::negotiation::accept as app_accept;
use crate::app::negotiation::compilation as app_compilation;
use crate::app::negotiation::rounds::{
    self as app_rounds, AmendmentForm, PositionForm, RoundForm, RoundView, RoundsView,
};
use crate::domain::documents::DRAFT;
use crate::domain::negotiation::{AmendmentKind, AmendmentStatus};
use crate::domain::phases::WindowState;
use crate::domain::validation::FieldErrors;
use crate::export::Format;
use crate::store::documents::Use;
use crate::web::AppState;
use crate::web::documents::export::write_download;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::{SignedIn, Visitor};

#[derive(Template)]
#[template(path = "negotiation/rounds.html")]
struct RoundsPage {
    ctx: Ctx,
    view: RoundsView,
    form: RoundForm,
    errors: FieldErrors,
}

#[get("/rounds")]
pub async fn list(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let person = visitor.person();
    let view = state
        .run(move |conn| app_rounds::rounds(conn, person, &slug))
        .await?;
    page::ok(&RoundsPage {
        ctx,
        view,
        form: RoundForm {
            visibility: "delegations".into(),
            ..RoundForm::default()
        },
        errors: FieldErrors::default(),
    })
}

#[post("/rounds")]
pub async fn open(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<RoundForm>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let form = form.into_inner();
    let person = user.person();
    let owned = (slug.clone(), form.clone());
    match state
        .run(move |conn| app_rounds::open_round(conn, person, &owned.0, &owned.1))
        .await
    {
        Ok(round) => Ok(page::see_other(&format!(
            "/p/{slug}/negotiation/rounds/{}?notice=round-opened",
            round.number
        ))),
        Err(app::Error::Invalid(errors)) => {
            let view = state
                .run(move |conn| app_rounds::rounds(conn, Some(person), &slug))
                .await?;
            page::invalid(&RoundsPage {
                ctx,
                view,
                form,
                errors,
            })
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "negotiation/round.html")]
struct RoundPage {
    ctx: Ctx,
    view: RoundView,
    form: AmendmentForm,
    errors: FieldErrors,
    /// Why the last action was refused (the round closed meanwhile, say).
    refusal: Option<&'static str>,
    kinds: [AmendmentKind; 4],
}

impl RoundPage {
    fn new(ctx: Ctx, view: RoundView) -> Self {
        let delegation = view
            .speaking_for
            .first()
            .map(|d| d.id.to_string())
            .unwrap_or_default();
        RoundPage {
            ctx,
            view,
            form: AmendmentForm {
                delegation,
                ..AmendmentForm::default()
            },
            errors: FieldErrors::default(),
            refusal: None,
            kinds: AmendmentKind::ALL,
        }
    }

    fn is_open(&self) -> bool {
        self.view.state == WindowState::Open
    }

    fn state_key(&self) -> String {
        format!("round-state-{}", self.view.state.as_str())
    }

    fn may_table(&self) -> bool {
        self.is_open() && !self.view.speaking_for.is_empty()
    }

    fn is_tabled(&self, status: &AmendmentStatus) -> bool {
        *status == AmendmentStatus::Tabled
    }

    /// Where the paragraph an amendment became stands in the draft's working copy.
    fn working_paragraph(&self, key: &str) -> String {
        let page = crate::paths::document(&self.view.process.slug, DRAFT);
        format!("{page}?view=working#n-{key}")
    }

    /// "Rev.1 of the Global Compact, paragraph 7", as the proposals' "what became of it" reads.
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

    fn base(&self) -> String {
        format!(
            "/p/{}/negotiation/rounds/{}",
            self.view.process.slug, self.view.round.number
        )
    }
}

fn parse_number(raw: &str) -> Result<i32, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

#[get("/rounds/{round}")]
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, number) = path.into_inner();
    let number = parse_number(&number)?;
    let person = visitor.person();
    let view = state
        .run(move |conn| app_rounds::round(conn, person, &slug, number))
        .await?;
    page::ok(&RoundPage::new(ctx, view))
}

/// The round page again with what was typed and why it was refused.
async fn refused(
    ctx: Ctx,
    state: &web::Data<AppState>,
    person: app::Person,
    slug: String,
    number: i32,
    form: AmendmentForm,
    error: app::Error,
) -> Result<HttpResponse, AppError> {
    let (errors, refusal, status) = match error {
        app::Error::Invalid(errors) => (errors, None, 422),
        app::Error::Conflict(key) => (FieldErrors::default(), Some(key), 409),
        other => return Err(other.into()),
    };
    let view = state
        .run(move |conn| app_rounds::round(conn, Some(person), &slug, number))
        .await?;
    let page = RoundPage {
        form,
        errors,
        refusal,
        ..RoundPage::new(ctx, view)
    };
    page::render(
        &page,
        actix_web::http::StatusCode::from_u16(status).unwrap_or_default(),
    )
}

#[post("/rounds/{round}/amendments")]
pub async fn table(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<AmendmentForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, number) = path.into_inner();
    let number = parse_number(&number)?;
    let form = form.into_inner();
    let person = user.person();
    let owned = (slug.clone(), form.clone());
    match state
        .run(move |conn| app_rounds::table(conn, person, &owned.0, number, &owned.1))
        .await
    {
        Ok(amendment) => Ok(page::see_other(&format!(
            "/p/{slug}/negotiation/rounds/{number}?notice=amendment-tabled#amendment-{}",
            amendment.number
        ))),
        Err(error) => refused(ctx, &state, person, slug, number, form, error).await,
    }
}

#[post("/rounds/{round}/amendments/{amendment}/withdraw")]
pub async fn withdraw(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, amendment) = path.into_inner();
    let number = parse_number(&number)?;
    let amendment = parse_number(&amendment)?;
    let person = user.person();
    let owned = slug.clone();
    match state
        .run(move |conn| app_rounds::withdraw(conn, person, &owned, number, amendment))
        .await
    {
        Ok(done) => Ok(page::see_other(&format!(
            "/p/{slug}/negotiation/rounds/{number}?notice=amendment-withdrawn#amendment-{}",
            done.number
        ))),
        Err(error) => {
            refused(
                ctx,
                &state,
                person,
                slug,
                number,
                AmendmentForm::default(),
                error,
            )
            .await
        }
    }
}

#[post("/rounds/{round}/amendments/{amendment}/position")]
pub async fn take_position(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<PositionForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, amendment) = path.into_inner();
    let number = parse_number(&number)?;
    let amendment = parse_number(&amendment)?;
    let form = form.into_inner();
    let person = user.person();
    let owned = slug.clone();
    match state
        .run(move |conn| app_rounds::take_position(conn, person, &owned, number, amendment, &form))
        .await
    {
        Ok(done) => Ok(page::see_other(&format!(
            "/p/{slug}/negotiation/rounds/{number}?notice=position-taken#amendment-{}",
            done.number
        ))),
        Err(app::Error::Invalid(_)) => Err(AppError::Forbidden),
        Err(error) => {
            refused(
                ctx,
                &state,
                person,
                slug,
                number,
                AmendmentForm::default(),
                error,
            )
            .await
        }
    }
}

/// Which way the draft's editor takes an amendment in: `whole` or `alternative`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    pub how: String,
}

#[post("/rounds/{round}/amendments/{amendment}/accept")]
pub async fn accept(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, amendment) = path.into_inner();
    let number = parse_number(&number)?;
    let amendment = parse_number(&amendment)?;
    let how = form.into_inner().how;
    let person = user.person();
    let owned = slug.clone();
    match state
        .run(move |conn| {
            app_accept::accept_into_working_copy(conn, person, &owned, number, amendment, &how)
        })
        .await
    {
        Ok((done, _)) => Ok(page::see_other(&format!(
            "/p/{slug}/negotiation/rounds/{number}?notice=amendment-accepted#amendment-{}",
            done.number
        ))),
        Err(error) => {
            refused(
                ctx,
                &state,
                person,
                slug,
                number,
                AmendmentForm::default(),
                error,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "negotiation/compilation.html")]
struct CompilationPage {
    ctx: Ctx,
    view: RoundView,
    formats: [Format; 5],
}

impl CompilationPage {
    fn base(&self) -> String {
        crate::paths::negotiation_round(&self.view.process.slug, self.view.round.number)
    }
}

#[get("/rounds/{round}/compilation")]
pub async fn compilation(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, number) = path.into_inner();
    let number = parse_number(&number)?;
    let person = visitor.person();
    let view = state
        .run(move |conn| app_compilation::compilation(conn, person, &slug, number))
        .await?;
    page::ok(&CompilationPage {
        ctx,
        view,
        formats: Format::ALL,
    })
}

#[get("/rounds/{round}/compilation.{format}")]
pub async fn compilation_export(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, format) = path.into_inner();
    let number = parse_number(&number)?;
    let format = Format::parse(&format).ok_or(AppError::NotFound)?;
    let base_url = state.settings.public_url.clone();
    let back = format!(
        "{}/compilation",
        crate::paths::negotiation_round(&slug, number)
    );
    let person = visitor.person();
    let export = state
        .run(move |conn| {
            app_compilation::compilation_export(conn, person, &slug, number, &base_url)
        })
        .await?;
    write_download(ctx, &state, export, format, back).await
}
