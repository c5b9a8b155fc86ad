//! Engagement counts of a process, chart by chart: contributions and proposals by stakeholder
//! category, action group, theme and month, participants by region, and attendance at the
//! process's public events: per event over time, by stakeholder category and by region.
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
pub const CHARTS: [&str; 8] = [
    "categories",
    "groups",
    "themes",
    "months",
    "regions",
    "attendance",
    "attendance-categories",
    "attendance-regions",
];

/// What one row of a chart counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Category(StakeholderCategory),
    Group {
        id: i64,
        number: i32,
        name: String,
    },
    Theme {
        id: i64,
        name: String,
    },
    /// `YYYY-MM`.
    Month(String),
    Region(Region),
    /// An event, by its title and first day (`YYYY-MM-DD`).
    Event {
        title: String,
        date: String,
    },
}

/// The series a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Two values a row: contributions, then proposals.
    ContributionsAndProposals,
    /// One value a row: participants.
    Participants,
    /// Two values a row: registered, then attended.
    RegisteredAndAttended,
    /// One value a row: attendances (a person once per event).
    Attendances,
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub series: Series,
    pub rows: Vec<(Label, Vec<i64>)>,
    /// When its figures were counted (at most [`MAX_AGE_SECONDS`] ago); `None` while another
    /// request counts them for the first time (then `rows` count nothing).
    pub counted_at: Option<NaiveDateTime>,
}

/// How old the figures of a chart may be before they are counted again: counting scans the
/// process's whole corpus, so it is done at most once a minute a chart, whatever the number
/// of requests or instances (the counts are kept in the database, shared by all).
pub const MAX_AGE_SECONDS: i64 = 60;

/// The charts a request found stale and claimed: the caller counts them again after
/// answering ([`recount`]), so no visitor waits for a count of the whole corpus.
pub type Recounts = Vec<&'static str>;

/// How long a claimed first count may run before another request takes it over: the
/// request that claimed it may have died with its instance.
pub const ABANDONED_SECONDS: i64 = 300;

/// The figures of the chart `name` of a process as stored, even stale (then claimed for
/// `recounts` by one request of any instance), and when they were counted. When there are
/// none yet, the one request that claims the first count gets it in `recounts` too, and no
/// figures (`None`): over a large corpus a count takes seconds, and it is made after the
/// request has read the page (`web::counting`), not in it. Those arriving meanwhile also
/// get no figures: the chart is being counted.
fn counted<T: DeserializeOwned + Default>(
    conn: &mut DbConnection,
    process_id: i64,
    name: &'static str,
    recounts: &mut Recounts,
) -> Result<(T, Option<NaiveDateTime>)> {
    let now = crate::store::now();
    let claimed = match stats::cached(conn, process_id, name)? {
        Some((json, counted_at)) if json == stats::COUNTING => {
            let abandoned = now - counted_at >= TimeDelta::seconds(ABANDONED_SECONDS);
            abandoned && stats::claim_recount(conn, process_id, name, counted_at, now)?
        }
        Some((json, counted_at)) => match serde_json::from_str(&json) {
            Ok(value) => {
                let stale = now - counted_at >= TimeDelta::seconds(MAX_AGE_SECONDS);
                if stale && stats::claim_recount(conn, process_id, name, counted_at, now)? {
                    recounts.push(name);
                }
                return Ok((value, Some(counted_at)));
            }
            // Figures that no longer read (an older layout) are counted again as if for
            // the first time.
            Err(_) => stats::claim_recount(conn, process_id, name, counted_at, now)?,
        },
        None => stats::claim_first_count(conn, process_id, name, now)?,
    };
    if claimed {
        recounts.push(name);
    }
    Ok((T::default(), None))
}

/// Counts the chart `name` over the whole corpus and stores its figures (as JSON, returned).
fn count_and_store(
    conn: &mut DbConnection,
    process_id: i64,
    name: &str,
    now: NaiveDateTime,
) -> Result<String> {
    fn json(value: &impl Serialize) -> Result<String> {
        serde_json::to_string(value).map_err(|e| Error::Internal(e.into()))
    }
    let json = match name {
        "categories" => json(&stats::by_category(conn, process_id)?)?,
        "groups" => json(&stats::by_group(conn, process_id)?)?,
        "themes" => json(&stats::by_theme(conn, process_id)?)?,
        "months" => json(&stats::by_month(conn, process_id)?)?,
        "regions" => json(&stats::participants_by_country(conn, process_id)?)?,
        "attendance" => json(&stats::attendance_by_event(conn, process_id)?)?,
        "attendance-categories" => json(&stats::attendance_by_category(conn, process_id)?)?,
        "attendance-regions" => json(&stats::attendance_by_country(conn, process_id)?)?,
        _ => return Err(Error::NotFound),
    };
    stats::store_cached(conn, process_id, name, &json, now)?;
    Ok(json)
}

/// Counts the charts a page claimed ([`Recounts`]), again or for the first time.
pub fn recount(conn: &mut DbConnection, process_id: i64, charts: &[&'static str]) -> Result<()> {
    for name in charts {
        count_and_store(conn, process_id, name, crate::store::now())?;
    }
    Ok(())
}

/// The statistics page of a process: its charts and how its texts group into campaigns.
#[derive(Debug, Clone)]
pub struct Overview {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: Structure,
    /// Every chart, in the order of [`CHARTS`].
    pub charts: Vec<(&'static str, Chart)>,
    /// Distinct texts and campaigns, kept as texts arrive (one row read).
    pub campaigns: campaigns::Summary,
    /// Charts shown stale, to count again once the page is answered.
    pub recounts: Recounts,
}

/// The process `slug` and every chart of its page, with its campaign counts.
pub fn charts(conn: &mut DbConnection, slug: &str) -> Result<Overview> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let mut charts = Vec::new();
    let mut recounts = Recounts::new();
    for name in CHARTS {
        charts.push((
            name,
            chart(conn, &process, &structure, name, &mut recounts)?,
        ));
    }
    let campaigns = campaigns::summary(conn, process.id)?;
    Ok(Overview {
        process,
        structure,
        charts,
        campaigns,
        recounts,
    })
}

/// One chart of the process `slug` (with the process's id and whether the chart is to be
/// counted again); an unknown chart is `NotFound`.
pub fn chart_of(
    conn: &mut DbConnection,
    slug: &str,
    name: &str,
) -> Result<(i64, Structure, Chart, Recounts)> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let mut recounts = Recounts::new();
    let chart = chart(conn, &process, &structure, name, &mut recounts)?;
    Ok((process.id, structure, chart, recounts))
}

fn chart(
    conn: &mut DbConnection,
    process: &Process,
    structure: &Structure,
    name: &str,
    recounts: &mut Recounts,
) -> Result<Chart> {
    let pid = process.id;
    let ((pair, counted_at), keys): ((Pair, _), _) = match name {
        "categories" => (
            counted(conn, pid, "categories", recounts)?,
            StakeholderCategory::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), Label::Category(*c)))
                .collect(),
        ),
        "groups" => (
            counted(conn, pid, "groups", recounts)?,
            structure
                .groups
                .iter()
                .map(|g| {
                    let label = Label::Group {
                        id: g.id,
                        number: g.number,
                        name: g.name.clone(),
                    };
                    (g.number.to_string(), label)
                })
                .collect(),
        ),
        "themes" => (
            counted(conn, pid, "themes", recounts)?,
            structure
                .themes_of(ThemeKind::Theme)
                .map(|t| {
                    let label = Label::Theme {
                        id: t.id,
                        name: t.name.clone(),
                    };
                    (t.id.to_string(), label)
                })
                .collect(),
        ),
        "months" => {
            let (pair, counted_at) = counted(conn, pid, "months", recounts)?;
            let keys = months_of(&pair);
            ((pair, counted_at), keys)
        }
        "regions" => return participants_by_region(conn, process, recounts),
        "attendance" => return attendance_by_event(conn, process, recounts),
        "attendance-categories" => return attendance_by_category(conn, process, recounts),
        "attendance-regions" => return attendance_by_region(conn, process, recounts),
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

fn participants_by_region(
    conn: &mut DbConnection,
    process: &Process,
    recounts: &mut Recounts,
) -> Result<Chart> {
    let (counts, counted_at): (stats::Counts, _) = counted(conn, process.id, "regions", recounts)?;
    Ok(Chart {
        series: Series::Participants,
        rows: region_rows(&counts),
        counted_at,
    })
}

/// Counts per country summed per region, every region a row.
fn region_rows(counts: &stats::Counts) -> Vec<(Label, Vec<i64>)> {
    Region::ALL
        .iter()
        .map(|region| {
            let n: i64 = counts
                .iter()
                .filter(|(country, _)| region_of(country) == *region)
                .map(|(_, n)| n)
                .sum();
            (Label::Region(*region), vec![n])
        })
        .collect()
}

/// Registered and attended per public event, in the order they were held.
fn attendance_by_event(
    conn: &mut DbConnection,
    process: &Process,
    recounts: &mut Recounts,
) -> Result<Chart> {
    let (held, counted_at): (Vec<stats::EventAttendance>, _) =
        counted(conn, process.id, "attendance", recounts)?;
    let rows = held
        .into_iter()
        .map(|event| {
            let label = Label::Event {
                title: event.title,
                date: event.date,
            };
            (label, vec![event.registered, event.attended])
        })
        .collect();
    Ok(Chart {
        series: Series::RegisteredAndAttended,
        rows,
        counted_at,
    })
}

/// Attendances by the stakeholder category of the person's organisation.
fn attendance_by_category(
    conn: &mut DbConnection,
    process: &Process,
    recounts: &mut Recounts,
) -> Result<Chart> {
    let (counts, counted_at): (stats::Counts, _) =
        counted(conn, process.id, "attendance-categories", recounts)?;
    let rows = StakeholderCategory::ALL
        .iter()
        .map(|c| (Label::Category(*c), vec![value(&counts, c.as_str())]))
        .collect();
    Ok(Chart {
        series: Series::Attendances,
        rows,
        counted_at,
    })
}

/// Attendances by the region of the country the person or their organisation gave.
fn attendance_by_region(
    conn: &mut DbConnection,
    process: &Process,
    recounts: &mut Recounts,
) -> Result<Chart> {
    let (counts, counted_at): (stats::Counts, _) =
        counted(conn, process.id, "attendance-regions", recounts)?;
    Ok(Chart {
        series: Series::Attendances,
        rows: region_rows(&counts),
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
