//! A campaign's public page: the letter once, how many sent it and how many added words of
//! their own, and those copies with their changes, a page at a time. Handler only: the read
//! is `app::campaigns::page`.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::app::campaigns::{self, CampaignView};
use crate::domain::diff::{Change, Segment};
use crate::domain::ids::ContributionId;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::Visitor;

/// Where a page of copies starts; anything but a number is the first page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CopiesQuery {
    pub after: String,
}

#[derive(Template)]
#[template(path = "campaigns/show.html")]
struct CampaignPage {
    ctx: Ctx,
    view: CampaignView,
    /// Whether this is a later page of copies.
    later_page: bool,
}

impl CampaignPage {
    /// The reference of a contribution, as the route table takes it.
    fn reference<'a>(&self, reference: &'a Option<String>) -> &'a str {
        reference.as_deref().unwrap_or_default()
    }

    fn is_added(&self, segment: &Segment) -> bool {
        segment.change == Change::Added
    }

    fn is_removed(&self, segment: &Segment) -> bool {
        segment.change == Change::Removed
    }

    fn next_link(&self) -> Option<String> {
        self.view.next_after.map(|after| {
            format!(
                "{}?after={after}",
                crate::paths::campaign(&self.view.process.slug, self.view.campaign.id)
            )
        })
    }

    fn body_html(&self) -> String {
        self.view
            .letter
            .as_ref()
            .map(|l| crate::markdown::to_safe_html(&l.body))
            .unwrap_or_default()
    }
}

#[get("/p/{process}/campaigns/{campaign}")]
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    query: web::Query<CopiesQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, campaign_id) = path.into_inner();
    let after = query.after.trim().parse::<i64>().ok().map(ContributionId);
    let person = visitor.person();
    let view = state
        .run(move |conn| campaigns::page(conn, person, &slug, campaign_id, after))
        .await?;
    page::ok(&CampaignPage {
        ctx,
        view,
        later_page: after.is_some(),
    })
}
