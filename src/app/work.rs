//! "Your work": what waits for a person who holds staff roles, per process, as counts with
//! somewhere to go: the proposals awaiting review in a rapporteur's groups, the hidden
//! contributions a moderator answers for, the documents the chair and co-facilitators edit
//! (and the group reports still unpublished), the accreditation requests the secretariat
//! decides. Read with a fixed number of queries, whatever the number of processes or rows.
//! Stakeholders' own work (drafts, invitations) is on their pages, not here.

use std::collections::HashMap;

use super::{Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{CHAIRS_SUMMARY, DRAFT, DocumentKind};
use crate::domain::roles::Role;
use crate::store::work::{self as store, DocumentCount, Held};

/// One thing waiting, with what the page needs to link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkItem {
    /// Submitted proposals of a rapporteur's group awaiting review.
    Review {
        number: i32,
        name: String,
        awaiting: i64,
    },
    /// Contributions hidden in the process, for its moderators.
    Hidden { count: i64 },
    /// A document the person edits, and how many revisions it has published.
    Document {
        slug: String,
        title: String,
        revisions: i64,
    },
    /// The Chair's summary is not compiled yet.
    CompileSummary,
    /// The draft is not started yet.
    StartDraft,
    /// Groups with no published report yet: the summary cannot draw from them.
    Unreported { count: i64 },
    /// Accreditation requests waiting for the secretariat.
    Accreditations { count: i64 },
}

/// What waits for the person in one process.
#[derive(Debug, Clone)]
pub struct ProcessWork {
    pub slug: String,
    pub title: String,
    pub items: Vec<WorkItem>,
}

/// The person's work in every process (`None`) or in one, processes without staff roles
/// left out. Six queries at most.
pub fn work_of(
    conn: &mut DbConnection,
    person: Person,
    process_id: Option<i64>,
) -> Result<Vec<ProcessWork>> {
    let held: Vec<Held> = store::roles_held(conn, person.account_id, process_id)?
        .into_iter()
        .filter(|h| h.role != Role::Stakeholder)
        .collect();
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let where_holds = |role: Role| -> Vec<i64> {
        let mut ids: Vec<i64> = held
            .iter()
            .filter(|h| h.role == role)
            .map(|h| h.process_id)
            .collect();
        ids.dedup();
        ids
    };
    let review_groups: Vec<i64> = held
        .iter()
        .filter(|h| h.role == Role::Rapporteur)
        .filter_map(|h| h.group_id)
        .collect();
    let drafting: Vec<i64> = {
        let mut ids = where_holds(Role::Chair);
        ids.extend(where_holds(Role::CoFacilitator));
        ids.extend(
            held.iter()
                .filter(|h| h.role == Role::Rapporteur)
                .map(|h| h.process_id),
        );
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let awaiting: HashMap<i64, i64> = store::awaiting_review(conn, &review_groups)?
        .into_iter()
        .collect();
    let hidden: HashMap<i64, i64> =
        store::hidden_contributions(conn, &where_holds(Role::Moderator))?
            .into_iter()
            .collect();
    let requests: HashMap<i64, i64> =
        store::pending_accreditations(conn, &where_holds(Role::Secretariat))?
            .into_iter()
            .collect();
    let unreported: HashMap<i64, i64> = store::unreported_groups(conn, &where_holds(Role::Chair))?
        .into_iter()
        .collect();
    let documents = store::documents_of(conn, &drafting)?;
    let counts = Counts {
        awaiting,
        hidden,
        requests,
        unreported,
        documents,
    };
    let mut work: Vec<ProcessWork> = Vec::new();
    for h in &held {
        let at = match work.iter().position(|w| w.slug == h.process_slug) {
            Some(at) => at,
            None => {
                work.push(ProcessWork {
                    slug: h.process_slug.clone(),
                    title: h.process_title.clone(),
                    items: Vec::new(),
                });
                work.len() - 1
            }
        };
        for item in counts.items_of(h) {
            if !work[at].items.contains(&item) {
                work[at].items.push(item);
            }
        }
    }
    Ok(work)
}

/// The counts read for all the person's roles at once.
struct Counts {
    awaiting: HashMap<i64, i64>,
    hidden: HashMap<i64, i64>,
    requests: HashMap<i64, i64>,
    unreported: HashMap<i64, i64>,
    documents: Vec<DocumentCount>,
}

impl Counts {
    fn document(
        &self,
        process_id: i64,
        wanted: impl Fn(&DocumentCount) -> bool,
    ) -> Option<WorkItem> {
        self.documents
            .iter()
            .find(|d| d.process_id == process_id && wanted(d))
            .map(|d| WorkItem::Document {
                slug: d.slug.clone(),
                title: d.title.clone(),
                revisions: d.revisions,
            })
    }

    /// What one role held makes waiting.
    fn items_of(&self, h: &Held) -> Vec<WorkItem> {
        let p = h.process_id;
        match h.role {
            Role::Rapporteur => {
                let (Some(group), Some(number)) = (h.group_id, h.group_number) else {
                    return Vec::new();
                };
                let mut items = vec![WorkItem::Review {
                    number,
                    name: h.group_name.clone().unwrap_or_default(),
                    awaiting: self.awaiting.get(&group).copied().unwrap_or(0),
                }];
                items.extend(self.document(p, |d| {
                    d.kind == DocumentKind::GroupReport
                        && d.slug == crate::domain::documents::group_report_slug(number)
                }));
                items
            }
            Role::Moderator => vec![WorkItem::Hidden {
                count: self.hidden.get(&p).copied().unwrap_or(0),
            }],
            Role::Chair => {
                let mut items = vec![
                    self.document(p, |d| d.slug == CHAIRS_SUMMARY)
                        .unwrap_or(WorkItem::CompileSummary),
                ];
                let count = self.unreported.get(&p).copied().unwrap_or(0);
                if count > 0 {
                    items.push(WorkItem::Unreported { count });
                }
                items
            }
            Role::CoFacilitator => {
                let mut items = vec![
                    self.document(p, |d| d.slug == DRAFT)
                        .unwrap_or(WorkItem::StartDraft),
                ];
                items.extend(self.document(p, |d| d.slug == CHAIRS_SUMMARY && d.revisions > 0));
                items
            }
            Role::Secretariat => vec![WorkItem::Accreditations {
                count: self.requests.get(&p).copied().unwrap_or(0),
            }],
            // A translator's work (the paragraphs out of date in their language) is on each
            // document's page and its language version; not counted here yet.
            Role::Stakeholder | Role::Translator => Vec::new(),
        }
    }
}
