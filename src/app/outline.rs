//! A process's outline: what the pages of a process show around their own rows — its phases,
//! action groups, themes and principles, the people who hold its staff roles, how many
//! stakeholders it has accredited, its documents and their latest revisions. Nearly every page
//! needs part of it, and it changes a few times a day while contributions arrive by the
//! thousand, so it is read from the database once per change and kept in memory, with the translations of the
//! secretariat's texts into the other languages (`domain::content`).
//!
//! The database renews a process's `stamp` (a random number, by triggers) with every change to
//! the outline, and every page reads the process's row anyway: an outline kept under the stamp
//! the row carries now is the current one, on any instance, with no query to ask. An outline is
//! read after its stamp, so it is never older than the state the stamp names; a change
//! committed in between gives the process a new stamp, which no one has yet. Stamps are random,
//! so one names a state of one process in one database, never another's.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use super::Result;
use crate::db::DbConnection;
use crate::domain::roles::Role;
use crate::store::documents::{self, Document, RevisionSummary};
use crate::store::processes::{self, Process, Structure};
use crate::store::roles::{self, Assignment};

/// What the pages of a process show around their own rows.
#[derive(Debug)]
pub struct Outline {
    pub structure: Structure,
    /// The people who hold the process's roles, stakeholders aside, by role, group and name.
    pub staff: Vec<Assignment>,
    /// How many stakeholders the process has accredited.
    pub stakeholders: i64,
    pub documents: Vec<(Document, Option<RevisionSummary>)>,
}

/// Outlines kept: more than the processes one instance serves. When full, the half least
/// recently used is dropped (outlines of stamps no process carries any more, first), and read
/// again if asked, which costs six queries a process.
const KEPT: usize = 256;

/// The kept outlines by stamp, each with when it was last used (a count of uses). A stamp of 0
/// is a row written before the database stamped it (SQLite stamps a new process in a trigger
/// after its insert): never kept.
#[derive(Default)]
struct Kept {
    uses: u64,
    outlines: HashMap<i64, (Arc<Outline>, u64)>,
}

static OUTLINES: LazyLock<Mutex<Kept>> = LazyLock::new(|| Mutex::new(Kept::default()));

fn outlines() -> std::sync::MutexGuard<'static, Kept> {
    OUTLINES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The outline of `process` as its row's stamp names it: from memory, or read and kept.
pub fn of(conn: &mut DbConnection, process: &Process) -> Result<Arc<Outline>> {
    if let Some(outline) = kept(process.stamp) {
        return Ok(outline);
    }
    let outline = Arc::new(read(conn, process)?);
    if process.stamp != 0 {
        let mut kept = outlines();
        if kept.outlines.len() >= KEPT {
            // Keep the more recently used half: a busy process's outline is not dropped
            // because many others were read.
            let mut uses: Vec<u64> = kept.outlines.values().map(|(_, used)| *used).collect();
            uses.sort_unstable();
            let median = uses[uses.len() / 2];
            kept.outlines.retain(|_, (_, used)| *used > median);
        }
        kept.uses += 1;
        let used = kept.uses;
        kept.outlines
            .insert(process.stamp, (Arc::clone(&outline), used));
    }
    Ok(outline)
}

/// The process's phases, groups and themes (a copy, for pages that keep their own).
pub fn structure(conn: &mut DbConnection, process: &Process) -> Result<Structure> {
    Ok(of(conn, process)?.structure.clone())
}

fn kept(stamp: i64) -> Option<Arc<Outline>> {
    if stamp == 0 {
        return None;
    }
    let mut kept = outlines();
    kept.uses += 1;
    let now = kept.uses;
    kept.outlines.get_mut(&stamp).map(|(outline, used)| {
        *used = now;
        Arc::clone(outline)
    })
}

fn read(conn: &mut DbConnection, process: &Process) -> Result<Outline> {
    let process_id = process.id;
    Ok(Outline {
        structure: processes::structure_of(conn, process)?,
        staff: roles::staff_of_process(conn, process_id)?,
        stakeholders: roles::holders_of_role(conn, process_id, Role::Stakeholder)?,
        documents: documents::documents_with_latest_revision(conn, process_id)?,
    })
}
