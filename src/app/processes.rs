//! The public side of processes: the list, one process's page, asking to be accredited, and
//! whether the database answers at all and takes writes (for health checks).
//!
//! Reads return store rows and the person's `Actor`; arranging them for a page is the web
//! layer's. Nothing here knows HTTP.

use std::sync::Arc;

use super::outline::{self, Outline};
use super::work::ProcessWork;
use super::{Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::content::{Field, Shown, Slot, Subject, Translations};
use crate::domain::permissions::{Action, Actor};
use crate::domain::roles::Role;
use crate::i18n::Lang;
use crate::store::audit::{self, Entry};
use crate::store::processes::{self, Process};
use crate::store::roles;

/// Every process, for the home page and the API.
pub fn all_processes(conn: &mut DbConnection) -> Result<Vec<Process>> {
    Ok(processes::all_processes(conn)?)
}

/// The home page: every process, its title and description in other languages, and what
/// waits for the visitor in those where they hold a staff role.
pub fn home(
    conn: &mut DbConnection,
    person: Option<Person>,
) -> Result<(Vec<Process>, Translations, Vec<ProcessWork>)> {
    let processes = processes::all_processes(conn)?;
    let translations = crate::store::content::translations_of_processes(conn)?;
    let work = match person {
        Some(person) => super::work::work_of(conn, person, None)?,
        None => Vec::new(),
    };
    Ok((processes, translations, work))
}

/// Every process's title as readers of any language see it, for what lists items of several
/// processes (notifications, their mail): two queries, whatever the number of items.
pub struct ProcessTitles {
    processes: Vec<Process>,
    content: Translations,
}

impl ProcessTitles {
    pub fn load(conn: &mut DbConnection) -> Result<Self> {
        Ok(ProcessTitles {
            processes: processes::all_processes(conn)?,
            content: crate::store::content::translations_of_processes(conn)?,
        })
    }

    /// The title of the process `slug` in `lang`, or its original (`original`) marked with
    /// its language.
    pub fn of<'a>(&'a self, lang: Lang, slug: &str, original: &'a str) -> Shown<'a> {
        match self.processes.iter().find(|p| p.slug == slug) {
            Some(process) => {
                let own = Lang::parse(&process.language).unwrap_or(Lang::En);
                let slot = Slot::new(Subject::Process, process.id, Field::Title);
                self.content.show(lang, own, slot, original)
            }
            None => Shown {
                text: original,
                lang: None,
            },
        }
    }
}

/// Whether the database answers a trivial query.
pub fn database_answers(conn: &mut DbConnection) -> Result<()> {
    Ok(crate::db::ping(conn)?)
}

/// How large a row the write probe writes: larger than a page (4 KiB), so that a database
/// with no room left fails it as it would fail a contribution.
const PROBE_BYTES: usize = 16 * 1024;

/// Whether the database takes a write now: a probe row written and deleted again in one
/// transaction, where submissions are written (the writer).
pub fn database_takes_writes(conn: &mut DbConnection) -> Result<()> {
    super::transaction(conn, |conn| {
        Ok(crate::store::health::write_and_delete_probe(
            conn,
            PROBE_BYTES,
        )?)
    })
}

/// The state of what a process's public pages show: the database's data generation (every
/// committed write to a listed table renews it) and the process's own stamp (its row, outline,
/// people and documents). Equal stamps, equal pages, on any instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp {
    pub generation: i64,
    pub process: i64,
}

/// The data stamp of process `slug`; `None` when there is no such process, or its row is
/// not stamped yet.
pub fn stamp(conn: &mut DbConnection, slug: &str) -> Result<Option<DataStamp>> {
    let stamped = processes::stamp_and_generation(conn, slug)?;
    let Some((process, generation)) = stamped.filter(|(stamp, _)| *stamp != 0) else {
        return Ok(None);
    };
    Ok(Some(DataStamp {
        generation,
        process,
    }))
}

/// The stamp of the home page, which lists every process with its title and description in
/// each language: one value from all the processes' own stamps (each renewed with any change
/// to its row or its translations), so a process added, removed or renamed changes it. `None`
/// while a process is not stamped yet.
pub fn home_stamp(conn: &mut DbConnection) -> Result<Option<DataStamp>> {
    let stamps = processes::all_stamps(conn)?;
    if stamps.iter().any(|(_, stamp)| *stamp == 0) {
        return Ok(None);
    }
    // Stamps are random: mixed in order, two different lists give the same value by chance
    // alone, one in 2^64.
    let process = stamps
        .iter()
        .fold(0x9e37_79b9_7f4a_7c15_u64, |mixed, (id, stamp)| {
            (mixed.rotate_left(23) ^ (*id as u64) ^ (*stamp as u64)).wrapping_mul(0x0100_0000_01b3)
        });
    Ok(Some(DataStamp {
        generation: i64::try_from(stamps.len()).unwrap_or(i64::MAX),
        process: process as i64,
    }))
}

/// What a process's page shows, and how the visitor stands in it.
pub struct Overview {
    pub process: Process,
    pub outline: Arc<Outline>,
    pub actor: Actor,
    /// The visitor has asked to be accredited and waits.
    pub accreditation_pending: bool,
    /// What waits for the visitor here, if they hold a staff role.
    pub work: Vec<ProcessWork>,
}

pub fn overview(conn: &mut DbConnection, slug: &str, person: Option<Person>) -> Result<Overview> {
    let (process, actor) = super::process_for(conn, slug, person)?;
    let outline = outline::of(conn, &process)?;
    let accreditation_pending = match actor.account_id {
        Some(account) => roles::has_pending_request(conn, process.id, account)?,
        None => false,
    };
    let work = match person {
        Some(person) => super::work::work_of(conn, person, Some(process.id))?,
        None => Vec::new(),
    };
    Ok(Overview {
        process,
        outline,
        actor,
        accreditation_pending,
        work,
    })
}

/// What came of asking to be accredited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accreditation {
    /// The process accredits on registration: the person is a stakeholder now.
    Granted,
    /// The request waits for the secretariat.
    Requested,
}

/// The person asks to be accredited as a stakeholder of the process `slug`; returns the
/// process's slug and the outcome.
pub fn request_accreditation(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
) -> Result<(String, Accreditation)> {
    let account_id = person.account_id;
    super::transaction(conn, |conn| {
        let (process, actor) = super::process_for(conn, slug, Some(person))?;
        super::require(&actor, Action::RequestAccreditation)?;
        let outcome = if process.accredit_on_registration {
            roles::assign_role(conn, process.id, account_id, Role::Stakeholder, None, None)
                .map_err(|e| Error::Internal(e.into()))?;
            roles::close_request(conn, process.id, account_id)?;
            audit::record(conn, accreditation_entry(&process, account_id, true))?;
            Accreditation::Granted
        } else {
            if roles::request_accreditation(conn, process.id, account_id)? {
                audit::record(conn, accreditation_entry(&process, account_id, false))?;
            }
            Accreditation::Requested
        };
        Ok((process.slug, outcome))
    })
}

fn accreditation_entry(process: &Process, account_id: i64, automatic: bool) -> Entry<'static> {
    Entry {
        actor_id: Some(account_id),
        process_id: Some(process.id),
        action: if automatic {
            "accreditation.grant"
        } else {
            "accreditation.request"
        },
        subject: format!("account:{account_id}"),
        detail: if automatic {
            serde_json::json!({ "automatic": true })
        } else {
            serde_json::json!({})
        },
    }
}
