//! Open data: everything public in a process as CSV (with a byte-order mark, formula cells
//! neutralised), JSON, and an XLSX workbook, built here off the async workers. Drafts,
//! internal notes and working copies are never included: the store's public queries are the
//! only source.

use std::borrow::Cow;

use rust_xlsxwriter::Workbook;

mod stream;

use super::{Error, Result};
use crate::db::DbConnection;
use crate::domain::ids::{ContributionId, ProposalId};
use crate::i18n::Lang;
use crate::store::opendata::events::EventRecord;
use crate::store::opendata::{self, ContributionRecord, ProposalRecord};
use crate::store::processes::{self, Process, Structure};

/// The public datasets of a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Contributions,
    Proposals,
    /// Public events with their registration and attendance counts.
    Events,
}

impl Dataset {
    /// The dataset named in an address; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "contributions" => Some(Dataset::Contributions),
            "proposals" => Some(Dataset::Proposals),
            "events" => Some(Dataset::Events),
            _ => None,
        }
    }
}

/// The formats a dataset downloads in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// What the first row of a CSV file, and of each sheet of the workbook, says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// The stable column names that scripts read (`submitted_at`), whatever the language:
    /// the default, so that an address used by a program never changes its columns.
    Names,
    /// Headings for people, in one of the six languages (`?lang=fr`), and for the workbook
    /// its sheets' names and its note on completeness too.
    In(Lang),
}

impl Header {
    /// The header a download's `lang` parameter asks for: none is the column names, one of
    /// the six codes exactly (`fr`, not `FR` or `fr-CA`) its headings; anything else `None`.
    pub fn parse(raw: Option<&str>) -> Option<Self> {
        match raw {
            None => Some(Header::Names),
            Some(code) => Lang::ALL
                .into_iter()
                .find(|lang| lang.code() == code)
                .map(Header::In),
        }
    }

    /// A word for the files built with this header (kept on disk, tagged), distinct per header.
    pub fn tag(self) -> &'static str {
        match self {
            Header::Names => "names",
            Header::In(lang) => lang.code(),
        }
    }

    /// The first row for `columns`.
    fn cells(self, columns: &[&str]) -> Vec<String> {
        match self {
            Header::Names => columns.iter().map(|c| c.to_string()).collect(),
            Header::In(lang) => columns
                .iter()
                .map(|c| {
                    lang.t(&format!("open-data-column-{}", c.replace('_', "-")))
                        .into_owned()
                })
                .collect(),
        }
    }

    /// A text of the workbook: English under the column names, as it always was.
    fn text(self, key: &str, args: &[(&'static str, String)]) -> String {
        match self {
            Header::Names => Lang::En.t_with(key, args),
            Header::In(lang) => lang.t_with(key, args),
        }
    }
}

/// The process `slug`.
pub fn public_process(conn: &mut DbConnection, slug: &str) -> Result<Process> {
    processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)
}

/// The process `slug` with its structure (its title in every language given), for the
/// open-data page.
pub fn page_of(conn: &mut DbConnection, slug: &str) -> Result<(Process, Structure)> {
    let process = public_process(conn, slug)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    Ok((process, structure))
}

/// The process `slug` and the generation of the public data now. Read before a file is
/// written, so the file is at least as new as the generation it is labelled with: a write
/// in between makes a later request see a newer generation, never an old file as current.
pub fn public_process_and_generation(
    conn: &mut DbConnection,
    slug: &str,
) -> Result<(Process, i64)> {
    let process = public_process(conn, slug)?;
    Ok((process, opendata::generation(conn)?))
}

/// One dataset of a process, encoded in `format` (a CSV file's first row as `header` says),
/// chunk by chunk into `send` (see [`stream`]).
pub fn write_dataset(
    conn: &mut DbConnection,
    process_id: i64,
    dataset: Dataset,
    format: Format,
    header: Header,
    send: stream::Send<'_>,
) -> Result<()> {
    stream::write_dataset(conn, process_id, dataset, format, header, send)
}

// New columns go at the end: scripts read columns by position too.
const CONTRIBUTION_COLUMNS: [&str; 14] = [
    "reference",
    "status",
    "submitted_at",
    "title",
    "organisation",
    "stakeholder_category",
    "action_groups",
    "themes",
    "sha256",
    "text",
    "hidden_reason",
    "campaign",
    "language",
    "event",
];

fn contribution_row(c: &ContributionRecord) -> Vec<Cell<'_>> {
    vec![
        Cow::Borrowed(&c.reference),
        Cow::Borrowed(&c.status),
        time_cell(c.submitted_at),
        Cow::Borrowed(&c.title),
        Cow::Borrowed(&c.organisation),
        Cow::Borrowed(&c.stakeholder_category),
        Cow::Owned(
            c.action_groups
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Cow::Owned(c.themes.join("; ")),
        Cow::Borrowed(&c.sha256),
        Cow::Borrowed(&c.text),
        Cow::Borrowed(&c.hidden_reason),
        number_cell(c.campaign),
        Cow::Borrowed(&c.language),
        number_cell(c.event),
    ]
}

/// A row's cell: borrowed from its record where the record holds the text as it is written,
/// so a file's long texts are not copied once more on their way out.
type Cell<'a> = Cow<'a, str>;

fn time_cell(time: Option<chrono::NaiveDateTime>) -> Cell<'static> {
    Cow::Owned(
        time.map(|t| crate::domain::time::rfc3339(&t))
            .unwrap_or_default(),
    )
}

fn number_cell(number: Option<i64>) -> Cell<'static> {
    Cow::Owned(number.map(|n| n.to_string()).unwrap_or_default())
}

const PROPOSAL_COLUMNS: [&str; 21] = [
    "reference",
    "status",
    "action_group",
    "version",
    "submitted_at",
    "organisation",
    "stakeholder_category",
    "co_sponsors",
    "title",
    "commitment",
    "actionable_measures",
    "partnerships",
    "capacity_building",
    "financing",
    "data",
    "responsible_actors",
    "sdg_targets",
    "timeline",
    "indicators",
    "sha256",
    "language",
];

fn proposal_row(p: &ProposalRecord) -> Vec<Cell<'_>> {
    vec![
        Cow::Borrowed(&p.reference),
        Cow::Borrowed(&p.status),
        Cow::Owned(p.action_group.to_string()),
        Cow::Owned(p.version.to_string()),
        time_cell(p.submitted_at),
        Cow::Borrowed(&p.organisation),
        Cow::Borrowed(&p.stakeholder_category),
        Cow::Owned(p.co_sponsors.join("; ")),
        Cow::Borrowed(&p.title),
        Cow::Borrowed(&p.commitment),
        p.actionable_measures.joined(),
        Cow::Borrowed(&p.partnerships),
        Cow::Borrowed(&p.capacity_building),
        Cow::Borrowed(&p.financing),
        Cow::Borrowed(&p.data),
        Cow::Borrowed(&p.responsible_actors),
        Cow::Borrowed(&p.sdg_targets),
        Cow::Borrowed(&p.timeline),
        Cow::Borrowed(&p.indicators),
        Cow::Borrowed(&p.sha256),
        Cow::Borrowed(&p.language),
    ]
}

const EVENT_COLUMNS: [&str; 14] = [
    "number",
    "kind",
    "title",
    "place",
    "online",
    "time_zone",
    "starts_at",
    "ends_at",
    "phase",
    "action_group",
    "registered",
    "waitlisted",
    "attended",
    "listed_participants",
];

fn event_row(e: &EventRecord) -> Vec<Cell<'_>> {
    vec![
        Cow::Owned(e.id.to_string()),
        Cow::Borrowed(&e.kind),
        Cow::Borrowed(&e.title),
        Cow::Borrowed(&e.place),
        Cow::Owned(e.online.to_string()),
        Cow::Borrowed(&e.time_zone),
        Cow::Borrowed(&e.starts_at),
        Cow::Borrowed(&e.ends_at),
        Cow::Borrowed(&e.phase),
        Cow::Owned(e.action_group.map(|n| n.to_string()).unwrap_or_default()),
        Cow::Owned(e.registered.to_string()),
        Cow::Owned(e.waitlisted.to_string()),
        Cow::Owned(e.attended.to_string()),
        Cow::Owned(e.listed_participants.join("; ")),
    ]
}

/// The most characters a spreadsheet cell holds (Excel's limit, which the writer enforces).
const XLSX_CELL_MAX: usize = 32_767;

/// A cell's text, cut at the spreadsheet's limit with a mark that it was cut (a contribution
/// may be 100,000 characters long; the CSV and JSON files keep it whole).
fn xlsx_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.chars().count() <= XLSX_CELL_MAX {
        std::borrow::Cow::Borrowed(cell)
    } else {
        let mut cut: String = cell.chars().take(XLSX_CELL_MAX - 1).collect();
        cut.push('…');
        std::borrow::Cow::Owned(cut)
    }
}

/// The most rows of each dataset the workbook holds: a spreadsheet is built whole in
/// memory, so it is capped; the CSV and JSON files hold every row.
pub const XLSX_ROWS: i64 = 2_000;

/// A sheet's name, its first row and its rows.
type Sheet<'a> = (String, Vec<String>, Vec<Vec<Cell<'a>>>);

/// Every dataset of the process `slug` in one workbook, a sheet each, at most [`XLSX_ROWS`]
/// rows each (the oldest), after a first sheet that says whether rows were left out; its
/// words as `header` says.
pub fn workbook(conn: &mut DbConnection, process: &Process, header: Header) -> Result<Vec<u8>> {
    let mut contributions = Vec::new();
    let limit = XLSX_ROWS + 1;
    opendata::contributions_after(
        conn,
        process.id,
        ContributionId(0),
        limit,
        &mut contributions,
    )?;
    let mut proposals = Vec::new();
    opendata::proposals_after(conn, process.id, ProposalId(0), limit, &mut proposals)?;
    let mut events = Vec::new();
    opendata::events::events_after(conn, process.id, 0, limit, &mut events)?;
    let cut = [contributions.len(), proposals.len(), events.len()]
        .iter()
        .any(|n| *n as i64 > XLSX_ROWS);
    contributions.truncate(XLSX_ROWS as usize);
    proposals.truncate(XLSX_ROWS as usize);
    events.truncate(XLSX_ROWS as usize);
    let about = if cut {
        "open-data-sheet-incomplete"
    } else {
        "open-data-sheet-complete"
    };
    let about = header.text(about, &[("rows", XLSX_ROWS.to_string())]);
    let sheets: [Sheet; 4] = [
        (
            header.text("open-data-sheet-about", &[]),
            header.cells(&["about"]),
            vec![vec![Cow::Owned(about)]],
        ),
        (
            header.text("open-data-sheet-contributions", &[]),
            header.cells(&CONTRIBUTION_COLUMNS),
            contributions.iter().map(contribution_row).collect(),
        ),
        (
            header.text("open-data-sheet-proposals", &[]),
            header.cells(&PROPOSAL_COLUMNS),
            proposals.iter().map(proposal_row).collect(),
        ),
        (
            header.text("open-data-sheet-events", &[]),
            header.cells(&EVENT_COLUMNS),
            events.iter().map(event_row).collect(),
        ),
    ];
    write_workbook(sheets).map_err(|e| Error::Internal(e.into()))
}

fn write_workbook(sheets: [Sheet<'_>; 4]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    for (name, first, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        for (c, cell) in first.iter().enumerate() {
            sheet.write_string(0, c as u16, cell)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                // Written as text, so nothing is ever taken for a formula.
                sheet.write_string(r as u32 + 1, c as u16, xlsx_cell(cell).as_ref())?;
            }
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cell_is_cut_with_a_mark_and_a_short_one_kept() {
        assert_eq!(xlsx_cell("short"), "short");
        let long = "a".repeat(XLSX_CELL_MAX + 10);
        let cut = xlsx_cell(&long);
        assert_eq!(cut.chars().count(), XLSX_CELL_MAX);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn a_header_is_the_column_names_or_one_of_the_six_languages_exactly() {
        assert_eq!(Header::parse(None), Some(Header::Names));
        assert_eq!(Header::parse(Some("fr")), Some(Header::In(Lang::Fr)));
        for forged in ["", "FR", "fr-CA", "tlh", "en'--", "names"] {
            assert_eq!(Header::parse(Some(forged)), None, "{forged}");
        }
    }

    /// Every column has a heading of its own in every language (a missing message would
    /// come back as its key), and no two columns of a dataset share one.
    #[test]
    fn every_column_has_a_distinct_heading_in_every_language() {
        for lang in Lang::ALL {
            for columns in [
                &CONTRIBUTION_COLUMNS[..],
                &PROPOSAL_COLUMNS[..],
                &EVENT_COLUMNS[..],
            ] {
                let headings = Header::In(lang).cells(columns);
                for heading in &headings {
                    assert!(!heading.starts_with("open-data-column-"), "{heading}");
                }
                let distinct: std::collections::BTreeSet<_> = headings.iter().collect();
                assert_eq!(
                    distinct.len(),
                    columns.len(),
                    "{}: {headings:?}",
                    lang.code()
                );
            }
        }
        assert_eq!(
            Header::Names.cells(&CONTRIBUTION_COLUMNS)[2],
            "submitted_at"
        );
    }
}
