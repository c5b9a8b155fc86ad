//! The secretariat's negotiation page: delegations and the accounts acting for them, groups
//! of States and their members, and whether observers may table amendments.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app::negotiation::delegations::{self as app_delegations, Overview};
use crate::app::{self, Person};
use crate::domain::negotiation::DelegationCategory;
use crate::domain::validation::FieldErrors;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

/// Every form of the page, as typed (only the one sent is filled in).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Typed {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub delegation: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub group_name: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub observers_may_propose: String,
}

#[derive(Template)]
#[template(path = "negotiation/delegations.html")]
struct DelegationsPage {
    ctx: Ctx,
    slug: String,
    view: Overview,
    typed: Typed,
    errors: FieldErrors,
    categories: [DelegationCategory; 2],
}

impl DelegationsPage {
    fn delegation_name(&self, id: &i64) -> String {
        self.view
            .delegations
            .iter()
            .find(|d| d.id == *id)
            .map(|d| d.name.clone())
            .unwrap_or_default()
    }

    fn members_of_group(&self, group: &i64) -> Vec<String> {
        self.view
            .memberships
            .iter()
            .filter(|(g, _)| g == group)
            .map(|(_, d)| self.delegation_name(d))
            .collect()
    }
}

#[get("/delegations")]
pub async fn delegations_page(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let person = user.person();
    let owned = slug.clone();
    let view = state
        .run(move |conn| app_delegations::overview(conn, person, &owned))
        .await?;
    page::ok(&DelegationsPage {
        ctx,
        slug,
        view,
        typed: Typed::default(),
        errors: FieldErrors::default(),
        categories: DelegationCategory::ALL,
    })
}

/// Back to the page with a notice, or the page again with what was typed and its errors.
async fn answer(
    ctx: Ctx,
    state: web::Data<AppState>,
    person: Person,
    slug: String,
    typed: Typed,
    outcome: app::Result<()>,
    notice: &str,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Ok(()) => Ok(page::see_other(&format!(
            "/p/{slug}/negotiation/delegations?notice={notice}"
        ))),
        Err(app::Error::Invalid(errors)) => {
            let owned = slug.clone();
            let view = state
                .run(move |conn| app_delegations::overview(conn, person, &owned))
                .await?;
            page::invalid(&DelegationsPage {
                ctx,
                slug,
                view,
                typed,
                errors,
                categories: DelegationCategory::ALL,
            })
        }
        Err(other) => Err(other.into()),
    }
}

fn id_of(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

#[post("/delegations")]
pub async fn add_delegation(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<Typed>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let typed = form.into_inner();
    let person = user.person();
    let owned = (slug.clone(), typed.clone());
    let outcome = state
        .run(move |conn| {
            app_delegations::add_delegation(
                conn,
                person,
                &owned.0,
                &owned.1.name,
                &owned.1.category,
            )
            .map(|_| ())
        })
        .await;
    answer(ctx, state, person, slug, typed, outcome, "delegation-added").await
}

#[post("/members")]
pub async fn add_delegate(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<Typed>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let typed = form.into_inner();
    let delegation = id_of(&typed.delegation)?;
    let person = user.person();
    let owned = (slug.clone(), typed.email.clone());
    let outcome = state
        .run(move |conn| {
            app_delegations::add_delegate(conn, person, &owned.0, delegation, &owned.1)
        })
        .await;
    answer(ctx, state, person, slug, typed, outcome, "delegate-added").await
}

#[post("/groups")]
pub async fn add_group(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<Typed>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let typed = form.into_inner();
    let person = user.person();
    let owned = (slug.clone(), typed.clone());
    let outcome = state
        .run(move |conn| {
            app_delegations::add_group(
                conn,
                person,
                &owned.0,
                &owned.1.group_name,
                &owned.1.short_name,
            )
            .map(|_| ())
        })
        .await;
    answer(ctx, state, person, slug, typed, outcome, "group-added").await
}

#[post("/group-members")]
pub async fn add_to_group(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<Typed>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let typed = form.into_inner();
    let group = id_of(&typed.group)?;
    let delegation = id_of(&typed.delegation)?;
    let person = user.person();
    let owned = slug.clone();
    let outcome = state
        .run(move |conn| app_delegations::add_to_group(conn, person, &owned, group, delegation))
        .await;
    answer(
        ctx,
        state,
        person,
        slug,
        typed,
        outcome,
        "group-member-added",
    )
    .await
}

#[post("/settings")]
pub async fn settings(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<Typed>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let typed = form.into_inner();
    let allowed = typed.observers_may_propose == "yes";
    let person = user.person();
    let owned = slug.clone();
    let outcome = state
        .run(move |conn| app_delegations::set_observers_may_propose(conn, person, &owned, allowed))
        .await;
    answer(ctx, state, person, slug, typed, outcome, "saved").await
}
