//! Engagement: charts of contributions and proposals by stakeholder category, action group,
//! theme and month, of participants by region, and of attendance at events (per event, by
//! category, by region), each with its data beside it and as CSV.

use std::borrow::Cow;
use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use askama::Template;
use tokio::sync::oneshot::Receiver;

use crate::app;
use crate::app::stats::{Chart, Label, Series};
use crate::domain::charts::{ChartData, Layout, layout};
use crate::domain::csv;
use crate::i18n::Lang;
use crate::store::processes::{Process, Structure};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{Ctx, language_of};
use crate::web::pagecache::{self, Slot};

/// A chart's counts with their labels and series in `lang` (the names the secretariat gave
/// groups and themes in `lang` where it gave them).
fn worded(chart: Chart, lang: Lang, structure: &Structure) -> (ChartData, Vec<Option<Lang>>) {
    let series = match chart.series {
        Series::ContributionsAndProposals => vec![
            lang.t("stats-series-contributions"),
            lang.t("stats-series-proposals"),
        ],
        Series::Participants => vec![lang.t("stats-series-participants")],
        Series::RegisteredAndAttended => vec![
            lang.t("stats-series-registered"),
            lang.t("stats-series-attended"),
        ],
        Series::Attendances => vec![lang.t("stats-series-attendances")],
    };
    let series = series.into_iter().map(Cow::into_owned).collect();
    let mut langs = Vec::with_capacity(chart.rows.len());
    let rows = chart
        .rows
        .into_iter()
        .map(|(label, values)| {
            let (text, label_lang) = label_text(label, lang, structure);
            langs.push(label_lang);
            (text, values)
        })
        .collect();
    (ChartData { series, rows }, langs)
}

/// A row's label, and its language when it is not the reader's (a name the secretariat gave
/// no translation of).
fn label_text(label: Label, lang: Lang, structure: &Structure) -> (String, Option<Lang>) {
    match label {
        Label::Category(category) => (lang.t(&category.label_key()).into_owned(), None),
        Label::Group { id, number, name } => {
            let shown = structure.group_name_by_id(lang, id, &name);
            (format!("{number}. {}", shown.text), shown.lang)
        }
        Label::Theme { id, name } => {
            let shown = structure.theme_name_by_id(lang, id, &name);
            (shown.text.to_string(), shown.lang)
        }
        Label::Month(name) => (name, None),
        Label::Region(region) => (lang.t(&region.label_key()).into_owned(), None),
        Label::Event { title, date } => (format!("{date} · {title}"), None),
    }
}

pub struct ChartView {
    pub name: &'static str,
    pub title: String,
    pub description: String,
    pub data: ChartData,
    /// Each row's label language when it is not the page's.
    pub label_langs: Vec<Option<Lang>>,
    pub layout: Layout,
    /// Being counted for the first time by another request: no figures to show yet.
    pub counting: bool,
}

impl ChartView {
    /// The attributes of row `i`'s heading: its language where it is not the page's.
    pub fn label_attrs(&self, i: &usize) -> String {
        match self.label_langs.get(*i).copied().flatten() {
            Some(lang) => format!(" lang=\"{}\" dir=\"{}\"", lang.code(), lang.dir()),
            None => " dir=\"auto\"".to_string(),
        }
    }

    pub fn totals(&self) -> Vec<i64> {
        (0..self.data.series.len())
            .map(|s| self.data.total(s))
            .collect()
    }
}

#[derive(Template)]
#[template(path = "stats/stats.html")]
struct StatsPage {
    ctx: Ctx,
    process: Process,
    structure: Structure,
    charts: Vec<ChartView>,
    /// Distinct texts received and campaigns formed.
    campaigns: crate::store::campaigns::Summary,
    /// When the oldest figures on the page were counted, `YYYY-MM-DD HH:MM UTC`.
    counted_at: String,
}

impl StatsPage {
    /// "Distinct texts received: …; campaigns: …", in the visitor's language.
    fn campaigns_line(&self) -> String {
        self.ctx.lang.t_with(
            "stats-distinct-texts",
            &[
                ("texts", self.campaigns.distinct_texts.to_string()),
                ("campaigns", self.campaigns.campaigns.to_string()),
            ],
        )
    }
}

/// How long a visitor waits for charts counted for the first time (or after a count was
/// abandoned) before the page says they are being counted. The count runs at the lowest
/// priority, so on a server answering all it can it waits; at 200k texts it took 0.7 s.
const FIRST_COUNT_WAIT: Duration = Duration::from_secs(5);

/// Counts the charts a request claimed on the counting thread (`web::counting`); the
/// receiver says whether they were counted and stored.
fn count(state: &AppState, process_id: i64, charts: app::stats::Recounts) -> Receiver<bool> {
    let pool = state.pool.clone();
    state.counting.run(move || {
        let counted = crate::db::checkout(&pool)
            .map_err(app::Error::from)
            .and_then(|mut conn| app::stats::recount(&mut conn, process_id, &charts));
        if let Err(error) = &counted {
            tracing::error!(process_id, error = %error, "statistics were not counted");
        }
        counted.is_ok()
    })
}

/// Counts what a request claimed: stale charts after it is answered (it shows their stored
/// figures, with their time), and charts with no figures yet (`first`) while it waits a
/// little. True when the latter were counted, and the request should read them again.
async fn count_claimed(
    state: &AppState,
    process_id: i64,
    claimed: app::stats::Recounts,
    first: bool,
) -> bool {
    if claimed.is_empty() {
        return false;
    }
    let counted = count(state, process_id, claimed);
    first
        && matches!(
            tokio::time::timeout(FIRST_COUNT_WAIT, counted).await,
            Ok(Ok(true))
        )
}

#[get("/p/{process}/stats")]
pub async fn stats_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    // Kept for anonymous readers like the other public pages (for the data's state, and at
    // most a few seconds, so a recount shows soon after it is stored).
    let mut filling = match pagecache::look(&state, &ctx, &slug, true).await? {
        Slot::Served(page) => return Ok(page),
        Slot::Render(filling) => filling,
    };
    let lang = ctx.lang;
    let read = |slug: String| state.run(move |conn| app::stats::charts(conn, &slug));
    let mut overview = read(slug.clone()).await?;
    let claimed = std::mem::take(&mut overview.recounts);
    let first = (overview.charts.iter())
        .any(|(name, chart)| chart.counted_at.is_none() && claimed.contains(name));
    if first {
        // Others asking meanwhile are told the charts are being counted, not held.
        filling.let_others_in();
    }
    if count_claimed(&state, overview.process.id, claimed, first).await {
        overview = read(slug).await?;
    }
    let app::stats::Overview {
        process,
        structure,
        charts,
        campaigns,
        ..
    } = overview;
    let counted_at = charts
        .iter()
        .filter_map(|(_, chart)| chart.counted_at)
        .min()
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let charts = charts
        .into_iter()
        .map(|(name, chart)| {
            let counting = chart.counted_at.is_none();
            let (data, label_langs) = worded(chart, lang, &structure);
            let description = lang.t_with(
                &format!("stats-{name}-description"),
                &[("total", data.total(0).to_string())],
            );
            ChartView {
                name,
                title: lang.t(&format!("stats-{name}-title")).into_owned(),
                description,
                layout: layout(&data, lang.is_rtl()),
                data,
                label_langs,
                counting,
            }
        })
        .collect();
    filling.render(&state, ctx, |ctx| StatsPage {
        ctx,
        process,
        structure,
        charts,
        campaigns,
        counted_at,
    })
}

/// A chart's data as CSV, with a byte-order mark so spreadsheets read every script.
#[get("/p/{process}/stats/{chart}.csv")]
pub async fn stats_csv(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, name) = path.into_inner();
    let file_name = format!("{slug}-{name}.csv");
    let lang = language_of(&req, None);
    let read = |slug: String, name: String| {
        state.run(move |conn| app::stats::chart_of(conn, &slug, &name))
    };
    let (process_id, mut structure, mut chart, claimed) = read(slug.clone(), name.clone()).await?;
    let first = chart.counted_at.is_none();
    if count_claimed(&state, process_id, claimed, first).await {
        (_, structure, chart, _) = read(slug, name).await?;
    }
    if chart.counted_at.is_none() {
        // Being counted for the first time: an empty file would read as nothing received.
        return Err(AppError::Busy {
            retry_after_secs: 60,
        });
    }
    let (data, _) = worded(chart, lang, &structure);
    let mut body = Vec::from("\u{feff}".as_bytes());
    let header: Vec<String> = std::iter::once(lang.t("stats-csv-label").into_owned())
        .chain(data.series.iter().cloned())
        .collect();
    csv::push_record(&mut body, &header);
    for (label, values) in &data.rows {
        let record: Vec<String> = std::iter::once(label.clone())
            .chain(values.iter().map(i64::to_string))
            .collect();
        csv::push_record(&mut body, &record);
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body))
}
