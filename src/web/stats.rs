//! Engagement: charts of contributions and proposals by stakeholder category, action group,
//! theme and month, and of participants by region, each with its data beside it and as CSV.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::db::DbConnection;
use crate::domain::charts::{ChartData, Layout, layout, safe_cell};
use crate::domain::regions::{Region, region_of};
use crate::domain::roles::StakeholderCategory;
use crate::i18n::Lang;
use crate::store::processes::{self, Process, ThemeKind};
use crate::store::stats::{self, Pair};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, language_of};

/// The charts of the page, by the name in their CSV address.
pub const CHARTS: [&str; 5] = ["categories", "groups", "themes", "months", "regions"];

fn value(counts: &[(String, i64)], key: &str) -> i64 {
    counts
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

fn pair_rows(pair: &Pair, keys: &[(String, String)]) -> Vec<(String, Vec<i64>)> {
    keys.iter()
        .map(|(key, label)| {
            (
                label.clone(),
                vec![value(&pair.contributions, key), value(&pair.proposals, key)],
            )
        })
        .collect()
}

/// The data of one chart, with its labels in `lang`.
fn chart(
    conn: &mut DbConnection,
    process: &Process,
    name: &str,
    lang: Lang,
) -> Result<ChartData, AppError> {
    let two = || {
        vec![
            lang.t("stats-series-contributions"),
            lang.t("stats-series-proposals"),
        ]
    };
    let structure = processes::structure_of(conn, process.id)?;
    Ok(match name {
        "categories" => {
            let pair = stats::by_category(conn, process.id)?;
            let keys: Vec<(String, String)> = StakeholderCategory::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), lang.t(&c.label_key())))
                .collect();
            ChartData {
                series: two(),
                rows: pair_rows(&pair, &keys),
            }
        }
        "groups" => {
            let pair = stats::by_group(conn, process.id)?;
            let keys: Vec<(String, String)> = structure
                .groups
                .iter()
                .map(|g| (g.number.to_string(), format!("{}. {}", g.number, g.name)))
                .collect();
            ChartData {
                series: two(),
                rows: pair_rows(&pair, &keys),
            }
        }
        "themes" => {
            let pair = stats::by_theme(conn, process.id)?;
            let keys: Vec<(String, String)> = structure
                .themes_of(ThemeKind::Theme)
                .map(|t| (t.id.to_string(), t.name.clone()))
                .collect();
            ChartData {
                series: two(),
                rows: pair_rows(&pair, &keys),
            }
        }
        "months" => {
            let pair = stats::by_month(conn, process.id)?;
            let mut months: Vec<String> = pair
                .contributions
                .iter()
                .chain(&pair.proposals)
                .map(|(m, _)| m.clone())
                .collect();
            months.sort();
            months.dedup();
            let keys: Vec<(String, String)> = months.into_iter().map(|m| (m.clone(), m)).collect();
            ChartData {
                series: two(),
                rows: pair_rows(&pair, &keys),
            }
        }
        "regions" => {
            let counts = stats::participants_by_country(conn, process.id)?;
            let rows = Region::ALL
                .iter()
                .map(|region| {
                    let n: i64 = counts
                        .iter()
                        .filter(|(country, _)| region_of(country) == *region)
                        .map(|(_, n)| n)
                        .sum();
                    (lang.t(&region.label_key()), vec![n])
                })
                .collect();
            ChartData {
                series: vec![lang.t("stats-series-participants")],
                rows,
            }
        }
        _ => return Err(AppError::NotFound),
    })
}

pub struct ChartView {
    pub name: &'static str,
    pub title: String,
    pub description: String,
    pub data: ChartData,
    pub layout: Layout,
}

impl ChartView {
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
    charts: Vec<ChartView>,
}

#[get("/p/{process}/stats")]
pub async fn stats_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let (process, charts) = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &path)?.ok_or(AppError::NotFound)?;
            let mut charts = Vec::new();
            for name in CHARTS {
                let data = chart(conn, &process, name, lang)?;
                let description = lang.t_with(
                    &format!("stats-{name}-description"),
                    &[("total", data.total(0).to_string())],
                );
                charts.push(ChartView {
                    name,
                    title: lang.t(&format!("stats-{name}-title")),
                    description,
                    layout: layout(&data, lang.is_rtl()),
                    data,
                });
            }
            Ok((process, charts))
        })
        .await?;
    page::ok(&StatsPage {
        ctx,
        process,
        charts,
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
    let data = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            chart(conn, &process, &name, lang)
        })
        .await?;
    let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    let header: Vec<String> = std::iter::once(lang.t("stats-csv-label"))
        .chain(data.series.iter().cloned())
        .map(|h| safe_cell(&h))
        .collect();
    writer.write_record(&header).map_err(AppError::internal)?;
    for (label, values) in &data.rows {
        let record: Vec<String> = std::iter::once(safe_cell(label))
            .chain(values.iter().map(i64::to_string))
            .collect();
        writer.write_record(&record).map_err(AppError::internal)?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!(e.to_string())))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body))
}
