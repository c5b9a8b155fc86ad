//! The review queue of a group: its submitted proposals awaiting a decision (or those in
//! another state, by filter), each with its version under review and history, and the
//! proposals of the group most alike it. A fixed number of queries, whatever the group holds.

use serde::Deserialize;

use super::reviewing;
use super::similar::{SimilarView, similar_to};
use crate::app::paging::{PAGE_SIZE, Position};
use crate::app::processes::DataStamp;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::permissions::{Action, Actor, GroupId, can};
use crate::domain::proposals::ProposalStatus;
use crate::store::keyset::Total;
use crate::store::processes::{ActionGroup, Process, Structure, Theme, ThemeKind};
use crate::store::review::queue::{self as store, QueueFilter, QueueRow, SponsorCount};

/// Beside each proposal of the queue, this many alike.
const SIMILAR_SHOWN: usize = 3;

/// The queue's query string as sent; values that name nothing are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub status: String,
    pub theme: String,
    pub co_sponsors: String,
    pub page: String,
    pub after: String,
    pub before: String,
    pub row: String,
}

impl QueueQuery {
    fn filter(&self, themes: &[Theme]) -> QueueFilter {
        QueueFilter {
            status: ProposalStatus::parse(&self.status)
                .filter(|s| s.is_public())
                .unwrap_or(ProposalStatus::Submitted),
            theme_id: self
                .theme
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|id| themes.iter().any(|t| t.id == *id)),
            co_sponsors: SponsorCount::parse(&self.co_sponsors),
        }
    }

    pub fn position(&self) -> Position {
        Position::parse(&self.after, &self.before, &self.row, &self.page)
    }

    /// The same filters with other page parameters, as a query string without its `?`.
    pub fn with_page(&self, page: &[(&str, String)]) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("status", &self.status),
            ("theme", &self.theme),
            ("co_sponsors", &self.co_sponsors),
        ] {
            if !value.is_empty() {
                serializer.append_pair(name, value);
            }
        }
        for (name, value) in page {
            serializer.append_pair(name, value);
        }
        serializer.finish()
    }
}

/// One proposal of the queue and those alike it.
pub struct Entry {
    pub row: QueueRow,
    pub similar: Vec<SimilarView>,
}

pub struct QueueView {
    pub process: Process,
    pub group: ActionGroup,
    pub themes: Vec<Theme>,
    /// The process's structure, for its texts in the reader's language.
    pub structure: Structure,
    /// The status the queue shows.
    pub status: ProposalStatus,
    pub entries: Vec<Entry>,
    pub total: Total,
    pub previous: bool,
    pub next: bool,
    pub may_decide: bool,
}

/// That a person may read a group's queue, checked on every request, and what its rendered
/// middle is kept under (`web::review::queue`): the same for everyone allowed to read it, save
/// whether they may decide.
#[derive(Debug, Clone, Copy)]
pub struct Admission {
    pub group_number: i32,
    pub may_decide: bool,
    /// The process's stamp and the generation of the public data and the reviews
    /// (`store::review::queue::admission`): read before the queue itself, so a queue kept
    /// under it is never newer than it. `None` while the process is not stamped.
    pub stamp: Option<DataStamp>,
}

/// Admits `person` to the queue of group `number`, or refuses as [`queue`] would (an
/// address that names no group is not found; a reader without the right is forbidden): one
/// statement.
pub fn admit(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: &str,
) -> Result<Admission> {
    let number: i32 = number.parse().map_err(|_| Error::NotFound)?;
    let account_id = person.map(|p| p.account_id);
    let found = store::admission(conn, slug, number, account_id)?.ok_or(Error::NotFound)?;
    // As `app::actor_in` makes it, from the roles read in the same statement.
    let actor = match person {
        Some(person) => Actor {
            account_id: Some(person.account_id),
            is_admin: person.is_admin,
            grants: found.grants,
        },
        None => Actor::anonymous(),
    };
    let group = GroupId(found.group_id);
    app::require(&actor, Action::UseInternalNotes(group))?;
    let stamp = (found.stamp != 0).then_some(DataStamp {
        generation: found.generation,
        process: found.stamp,
    });
    Ok(Admission {
        group_number: number,
        may_decide: can(&actor, Action::ReviewProposals(group)),
        stamp,
    })
}

pub fn queue(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: &str,
    query: &QueueQuery,
) -> Result<QueueView> {
    let reviewing = reviewing(conn, person, slug, number)?;
    let structure = crate::app::outline::structure(conn, &reviewing.process)?;
    let themes: Vec<Theme> = structure.themes_of(ThemeKind::Theme).cloned().collect();
    let filter = query.filter(&themes);
    let seek = query.position().seek;
    let list = store::review_queue(conn, reviewing.group.id, &filter, seek, PAGE_SIZE)?;
    let ids: Vec<ProposalId> = list.rows.iter().map(|r| r.id).collect();
    let mut similar = similar_to(conn, reviewing.group.id, &ids, SIMILAR_SHOWN)?;
    let entries = list
        .rows
        .into_iter()
        .map(|row| {
            let alike = similar
                .iter_mut()
                .find(|(id, _)| *id == row.id)
                .map(|(_, views)| std::mem::take(views))
                .unwrap_or_default();
            Entry {
                row,
                similar: alike,
            }
        })
        .collect();
    Ok(QueueView {
        structure,
        may_decide: reviewing.may_decide(),
        process: reviewing.process,
        group: reviewing.group,
        themes,
        status: filter.status,
        entries,
        total: list.total,
        previous: list.previous,
        next: list.next,
    })
}
