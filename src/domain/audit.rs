//! The audit log as people read it: what each recorded action is called, what its subject
//! names, and the filters of the log's page, parsed once.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::ids::ProposalId;

/// Every action the use cases record, by its stored name. Each has a message
/// (`action_key`) saying in words what happened.
pub const ACTIONS: [&str; 50] = [
    "process.create",
    "process.update",
    "process.translate",
    "demo.load",
    "account.first-administrator",
    "account.register",
    "account.change",
    "account.password-change",
    "account.notifications",
    "accreditation.request",
    "accreditation.grant",
    "accreditation.refuse",
    "role.assign",
    "role.remove",
    "late-permission.grant",
    "contribution.submit",
    "contribution.withdraw",
    "contribution.hide",
    "proposal.submit",
    "proposal.version",
    "proposal.withdraw",
    "proposal.invite",
    "proposal.co-sponsor.accept",
    "proposal.co-sponsor.decline",
    "proposal.decide",
    "review.note",
    "review.note.reply",
    "document.create",
    "document.details",
    "document.edit",
    "document.insert",
    "document.move",
    "document.delete",
    "document.link",
    "document.unlink",
    "document.pull",
    "document.publish",
    "event.create",
    "event.update",
    "event.check-in",
    "event.check-in-undo",
    "event.walk-in",
    "event.import",
    "event.speaker.add",
    "event.speaker.move",
    "event.speaker.spoken",
    "event.speaker.remove",
    "event.statement.file",
    "event.statement.withdraw",
    "translation.save",
];

/// The recorded action named `raw`, if it is one.
pub fn known_action(raw: &str) -> Option<&'static str> {
    ACTIONS.iter().copied().find(|a| *a == raw.trim())
}

/// The message that says in words what an action did: `audit-role-assign` for
/// `role.assign`; `audit-other` for a name no use case records.
pub fn action_key(action: &str) -> String {
    match known_action(action) {
        Some(known) => format!("audit-{}", known.replace('.', "-")),
        None => "audit-other".to_string(),
    }
}

/// What an entry's subject names, from its stored form (`kind:value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A process, by the short name it had then.
    Process(String),
    Account(i64),
    /// A contribution, by its reference.
    Contribution(String),
    Proposal(ProposalId),
    /// A document of the entry's process, by its short name.
    Document(String),
    /// Anything else, shown as stored.
    Other(String),
}

impl Subject {
    pub fn parse(raw: &str) -> Subject {
        let Some((kind, value)) = raw.split_once(':') else {
            return Subject::Other(raw.to_string());
        };
        let id = value.parse::<i64>().ok().filter(|id| *id > 0);
        match (kind, id) {
            ("process", _) if !value.is_empty() => Subject::Process(value.to_string()),
            ("account", Some(id)) => Subject::Account(id),
            ("contribution", _) if !value.is_empty() => Subject::Contribution(value.to_string()),
            ("proposal", Some(id)) => Subject::Proposal(ProposalId(id)),
            ("document", _) if !value.is_empty() => Subject::Document(value.to_string()),
            _ => Subject::Other(raw.to_string()),
        }
    }
}

/// Longest name fragment the actor filter takes.
pub const ACTOR_MAX_CHARS: usize = 100;

/// The filters of the audit log's page, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub action: String,
    /// A part of the name of whoever acted.
    pub actor: String,
    /// The first and last days shown (UTC), `YYYY-MM-DD`.
    pub from: String,
    pub to: String,
    /// Keyset cursors: the entries older than `after`, or newer than `before` (ids).
    pub after: String,
    pub before: String,
}

/// The filters parsed: what does not name anything is left out (as on every list), and a
/// date that cannot be read is named in `unreadable` so the page can say so.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: Option<&'static str>,
    pub actor: Option<String>,
    /// From the start of this instant…
    pub from: Option<NaiveDateTime>,
    /// …to before this one (the day after the last day asked).
    pub until: Option<NaiveDateTime>,
    /// The date fields that could not be read (`from`, `to`).
    pub unreadable: Vec<&'static str>,
}

impl AuditFilter {
    pub fn parse(query: &AuditQuery) -> AuditFilter {
        let mut unreadable = Vec::new();
        let mut date = |raw: &str, field: &'static str| -> Option<NaiveDate> {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
            if parsed.is_none() {
                unreadable.push(field);
            }
            parsed
        };
        let mut first = date(&query.from, "from");
        let mut last = date(&query.to, "to");
        // A range typed backwards means the same days.
        if let (Some(a), Some(b)) = (first, last)
            && a > b
        {
            (first, last) = (Some(b), Some(a));
        }
        let actor: String = query
            .actor
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .take(ACTOR_MAX_CHARS)
            .collect();
        AuditFilter {
            action: known_action(&query.action),
            actor: (!actor.is_empty()).then_some(actor),
            from: first.and_then(|d| d.and_hms_opt(0, 0, 0)),
            until: last
                .and_then(|d| d.succ_opt())
                .and_then(|d| d.and_hms_opt(0, 0, 0)),
            unreadable,
        }
    }

    /// Whether any filter narrows the log.
    pub fn narrows(&self) -> bool {
        self.action.is_some() || self.actor.is_some() || self.from.is_some() || self.until.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_own_message() {
        let mut keys: Vec<String> = ACTIONS.iter().map(|a| action_key(a)).collect();
        assert_eq!(action_key("role.assign"), "audit-role-assign");
        assert_eq!(
            action_key("proposal.co-sponsor.accept"),
            "audit-proposal-co-sponsor-accept"
        );
        assert_eq!(action_key("something.new"), "audit-other");
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ACTIONS.len(), "distinct");
        assert_eq!(known_action(" role.remove "), Some("role.remove"));
        assert_eq!(known_action("' OR 1=1 --"), None);
    }

    #[test]
    fn subjects_are_parsed_once() {
        assert_eq!(
            Subject::parse("process:gcm"),
            Subject::Process("gcm".into())
        );
        assert_eq!(Subject::parse("account:12"), Subject::Account(12));
        assert_eq!(
            Subject::parse("contribution:GCM/WC/0001"),
            Subject::Contribution("GCM/WC/0001".into())
        );
        assert_eq!(
            Subject::parse("proposal:7"),
            Subject::Proposal(ProposalId(7))
        );
        assert_eq!(
            Subject::parse("document:draft"),
            Subject::Document("draft".into())
        );
        for odd in ["account:x", "proposal:-1", "account:", "plain", "thing:1"] {
            assert_eq!(Subject::parse(odd), Subject::Other(odd.into()), "{odd}");
        }
    }

    fn query(action: &str, actor: &str, from: &str, to: &str) -> AuditQuery {
        AuditQuery {
            action: action.into(),
            actor: actor.into(),
            from: from.into(),
            to: to.into(),
            ..AuditQuery::default()
        }
    }

    #[test]
    fn filters_take_what_names_something() {
        let filter = AuditFilter::parse(&query(
            "role.assign",
            "  Ana \n Author ",
            "2026-12-01",
            "2026-12-08",
        ));
        assert_eq!(filter.action, Some("role.assign"));
        assert_eq!(filter.actor.as_deref(), Some("Ana Author"));
        assert_eq!(
            filter.from.map(|t| t.to_string()).as_deref(),
            Some("2026-12-01 00:00:00")
        );
        assert_eq!(
            filter.until.map(|t| t.to_string()).as_deref(),
            Some("2026-12-09 00:00:00"),
            "the last day is included"
        );
        assert!(filter.unreadable.is_empty() && filter.narrows());

        let backwards = AuditFilter::parse(&query("", "", "2026-12-08", "2026-12-01"));
        assert_eq!(backwards.from, filter.from);
        assert_eq!(backwards.until, filter.until);

        let odd = AuditFilter::parse(&query("drop.table", "   ", "08/12/2026", "2026-02-30"));
        assert_eq!(
            odd,
            AuditFilter {
                unreadable: vec!["from", "to"],
                ..AuditFilter::default()
            }
        );
        assert!(!odd.narrows());
        let long = AuditFilter::parse(&query("", &"n".repeat(500), "", ""));
        assert_eq!(long.actor.map(|a| a.chars().count()), Some(ACTOR_MAX_CHARS));
    }
}
