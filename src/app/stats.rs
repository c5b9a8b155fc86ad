//! Engagement counts of a process, chart by chart: contributions and proposals by stakeholder
//! category, action group, theme and month, and participants by region.
//!
//! Rows are labelled by what they count (a category, a group…), not by text: the web layer
//! words them in the visitor's language and lays the charts out.

use chrono::{NaiveDateTime, TimeDelta};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Error, Result};
use crate::db::DbConnection;
use crate::domain::regions::{Region, region_of};
use crate::domain::roles::StakeholderCategory;
use crate::store::campaigns;
use crate::store::processes::{self, Process, Structure, ThemeKind};
use crate::store::stats::{self, Pair};

/// The charts of the page, by the name in their CSV address.
pub const CHARTS: [&str; 5] = ["categories", "groups", "themes", "months", "regions"];

/// What one row of a chart counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Category(StakeholderCategory),
    Group {
        number: i32,
        name: String,
    },
    Theme(String),
    /// `YYYY-MM`.
    Month(String),
    Region(Region),
}

/// The series a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Two values a row: contributions, then proposals.
    ContributionsAndProposals,
    /// One value a row: participants.
    Participants,
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub series: Series,
    pub rows: Vec<(Label, Vec<i64>)>,
    /// When its figures were counted (at most [`MAX_AGE_SECONDS`] ago).
    pub counted_at: NaiveDateTime,
}

/// How old the figures of a chart may be before a page counts them again: counting scans the
/// process's whole corpus, so it is done at most once a minute a chart, whatever the number
/// of requests or instances (the counts are kept in the database, shared by all).
pub const MAX_AGE_SECONDS: i64 = 60;

/// The figures of the chart `name` of a process: the stored ones if recent enough, else
/// counted by `count` now and stored.
fn counted<T: Serialize + DeserializeOwned>(
    conn: &mut DbConnection,
    process_id: i64,
    name: &str,
    count: impl FnOnce(&mut DbConnection) -> diesel::QueryResult<T>,
) -> Result<(T, NaiveDateTime)> {
    let now = crate::store::now();
    if let Some((json, counted_at)) = stats::cached(conn, process_id, name)? {
        // Figures that no longer read (an older layout) are counted again.
        if let Ok(value) = serde_json::from_str(&json) {
            let fresh = now - counted_at < TimeDelta::seconds(MAX_AGE_SECONDS);
            // Stale: one request counts again, the others show these figures, as of their
            // time, rather than all scanning the corpus at once.
            if fresh || !stats::claim_recount(conn, process_id, name, counted_at, now)? {
                return Ok((value, counted_at));
            }
        }
    }
    let value = count(conn)?;
    let json = serde_json::to_string(&value).map_err(|e| Error::Internal(e.into()))?;
    stats::store_cached(conn, process_id, name, &json, now)?;
    Ok((value, now))
}

/// The statistics page of a process: its charts and how its texts group into campaigns.
#[derive(Debug, Clone)]
pub struct Overview {
    pub process: Process,
    /// Every chart, in the order of [`CHARTS`].
    pub charts: Vec<(&'static str, Chart)>,
    /// Distinct texts and campaigns, kept as texts arrive (one row read).
    pub campaigns: campaigns::Summary,
}

/// The process `slug` and every chart of its page, with its campaign counts.
pub fn charts(conn: &mut DbConnection, slug: &str) -> Result<Overview> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let structure = processes::structure_of(conn, process.id)?;
    let mut charts = Vec::new();
    for name in CHARTS {
        charts.push((name, chart(conn, &process, &structure, name)?));
    }
    let campaigns = campaigns::summary(conn, process.id)?;
    Ok(Overview {
        process,
        charts,
        campaigns,
    })
}

/// One chart of the process `slug`; an unknown chart is `NotFound`.
pub fn chart_of(conn: &mut DbConnection, slug: &str, name: &str) -> Result<Chart> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let structure = processes::structure_of(conn, process.id)?;
    chart(conn, &process, &structure, name)
}

fn chart(
    conn: &mut DbConnection,
    process: &Process,
    structure: &Structure,
    name: &str,
) -> Result<Chart> {
    let pid = process.id;
    let ((pair, counted_at), keys) = match name {
        "categories" => (
            counted(conn, pid, name, |c| stats::by_category(c, pid))?,
            StakeholderCategory::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), Label::Category(*c)))
                .collect(),
        ),
        "groups" => (
            counted(conn, pid, name, |c| stats::by_group(c, pid))?,
            structure
                .groups
                .iter()
                .map(|g| {
                    let label = Label::Group {
                        number: g.number,
                        name: g.name.clone(),
                    };
                    (g.number.to_string(), label)
                })
                .collect(),
        ),
        "themes" => (
            counted(conn, pid, name, |c| stats::by_theme(c, pid))?,
            structure
                .themes_of(ThemeKind::Theme)
                .map(|t| (t.id.to_string(), Label::Theme(t.name.clone())))
                .collect(),
        ),
        "months" => {
            let (pair, counted_at) = counted(conn, pid, name, |c| stats::by_month(c, pid))?;
            let keys = months_of(&pair);
            ((pair, counted_at), keys)
        }
        "regions" => return participants_by_region(conn, process),
        _ => return Err(Error::NotFound),
    };
    Ok(Chart {
        series: Series::ContributionsAndProposals,
        rows: pair_rows(&pair, keys),
        counted_at,
    })
}

/// Every month that has a contribution or a proposal, in order.
fn months_of(pair: &Pair) -> Vec<(String, Label)> {
    let mut months: Vec<String> = pair
        .contributions
        .iter()
        .chain(&pair.proposals)
        .map(|(m, _)| m.clone())
        .collect();
    months.sort();
    months.dedup();
    months
        .into_iter()
        .map(|m| (m.clone(), Label::Month(m)))
        .collect()
}

fn participants_by_region(conn: &mut DbConnection, process: &Process) -> Result<Chart> {
    let pid = process.id;
    let (counts, counted_at) = counted(conn, pid, "regions", |c| {
        stats::participants_by_country(c, pid)
    })?;
    let rows = Region::ALL
        .iter()
        .map(|region| {
            let n: i64 = counts
                .iter()
                .filter(|(country, _)| region_of(country) == *region)
                .map(|(_, n)| n)
                .sum();
            (Label::Region(*region), vec![n])
        })
        .collect();
    Ok(Chart {
        series: Series::Participants,
        rows,
        counted_at,
    })
}

fn value(counts: &[(String, i64)], key: &str) -> i64 {
    counts
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

fn pair_rows(pair: &Pair, keys: Vec<(String, Label)>) -> Vec<(Label, Vec<i64>)> {
    keys.into_iter()
        .map(|(key, label)| {
            let values = vec![
                value(&pair.contributions, &key),
                value(&pair.proposals, &key),
            ];
            (label, values)
        })
        .collect()
}
