//! A signed-in person's notifications: the page that lists them (and marks them read), and
//! their choice on the account page between notifications at once and a daily digest.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::AppState;
use super::error::AppError;
use super::page::{self, Ctx};
use super::session::SignedIn;
use crate::app;
use crate::domain::notifications::Delivery;
use crate::paths;
use crate::store::notifications::{About, NotificationView};

/// Notifications as the page groups them: one by one, or a day's digest together.
pub enum Batch {
    Single(NotificationView),
    Digest {
        day: NaiveDate,
        items: Vec<NotificationView>,
    },
}

/// Groups notifications, newest first, keeping each digest where its newest item stands.
fn batches(notifications: Vec<NotificationView>) -> Vec<Batch> {
    let mut batches: Vec<Batch> = Vec::new();
    for notification in notifications {
        if notification.delivery == Delivery::Immediate {
            batches.push(Batch::Single(notification));
            continue;
        }
        let day = notification.created_at.date();
        let existing = batches.iter_mut().find_map(|b| match b {
            Batch::Digest { day: d, items } if *d == day => Some(items),
            _ => None,
        });
        match existing {
            Some(items) => items.push(notification),
            None => batches.push(Batch::Digest {
                day,
                items: vec![notification],
            }),
        }
    }
    batches
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct NotificationsPage {
    ctx: Ctx,
    batches: Vec<Batch>,
}

impl NotificationsPage {
    fn message_key(&self, n: &NotificationView) -> String {
        app::notifications::message_key(n.kind, &n.about)
    }

    fn href(&self, n: &NotificationView) -> String {
        app::notifications::path_of(&n.process_slug, n.kind, &n.about)
    }

    /// The reference (if any) and the title the link shows.
    fn subject<'a>(&self, n: &'a NotificationView) -> (&'a str, &'a str) {
        app::notifications::named(&n.about)
    }

    fn lines_of<'a>(&self, n: &'a NotificationView) -> Vec<&'a str> {
        match &n.about {
            About::Proposal { rationale, .. } => super::proposals::lines(rationale),
            _ => Vec::new(),
        }
    }

    fn note_lines<'a>(&self, n: &'a NotificationView) -> Vec<&'a str> {
        super::proposals::lines(&n.note)
    }

    fn day_label(&self, day: &NaiveDate) -> String {
        self.ctx.t1(
            "notifications-digest-of",
            "day",
            day.format("%Y-%m-%d").to_string(),
        )
    }
}

/// Lists the notifications that show now, and marks them read: seeing them is reading them.
#[get("/notifications")]
pub async fn notifications_page(
    mut ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let lang = ctx.lang;
    let notifications = state
        .run(move |conn| app::notifications::read_notifications(conn, person, lang))
        .await?;
    // The navigation was counted before they were read.
    ctx.unread = Some(0);
    page::ok(&NotificationsPage {
        ctx,
        batches: batches(notifications),
    })
}

#[derive(Debug, Deserialize)]
pub struct DeliveryForm {
    delivery: String,
}

/// Keeps the choice of delivery from the account page.
#[post("/account/notifications")]
pub async fn choose_delivery(
    user: SignedIn,
    state: web::Data<AppState>,
    form: web::Form<DeliveryForm>,
) -> Result<HttpResponse, AppError> {
    let delivery =
        Delivery::parse(&form.delivery).ok_or(AppError::BadRequest("unknown delivery"))?;
    let person = user.person();
    state
        .run(move |conn| app::notifications::choose_delivery(conn, person, delivery))
        .await?;
    Ok(page::see_other(&format!(
        "{}?notice=notifications-saved#notifications-heading",
        paths::account()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::notifications::NotificationKind;
    use chrono::NaiveDateTime;

    fn notification(id: i64, delivery: Delivery, at: &str) -> NotificationView {
        NotificationView {
            id,
            kind: NotificationKind::Decision,
            delivery,
            created_at: NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").expect("a time"),
            unread: true,
            process_slug: "gcm".into(),
            process_title: "GCM".into(),
            process_title_lang: None,
            about: About::Proposal {
                reference: format!("GCM/CP/{id:04}"),
                title: "A proposal".into(),
                group_number: 1,
                decision: None,
                rationale: String::new(),
            },
            note: String::new(),
        }
    }

    #[test]
    fn a_days_digest_stays_together() {
        let found = batches(vec![
            notification(5, Delivery::Immediate, "2017-12-06 10:00"),
            notification(4, Delivery::DailyDigest, "2017-12-05 18:00"),
            notification(3, Delivery::Immediate, "2017-12-05 12:00"),
            notification(2, Delivery::DailyDigest, "2017-12-05 09:00"),
            notification(1, Delivery::DailyDigest, "2017-12-04 09:00"),
        ]);
        let shape: Vec<String> = found
            .iter()
            .map(|b| match b {
                Batch::Single(n) => format!("{}", n.id),
                Batch::Digest { day, items } => format!(
                    "{day}:{}",
                    items
                        .iter()
                        .map(|n| n.id.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            })
            .collect();
        assert_eq!(shape, ["5", "2017-12-05:4,2", "3", "2017-12-04:1"]);
    }
}
