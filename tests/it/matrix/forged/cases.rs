//! The table of forged requests: who sends what, with which ids, and the status they get.
//! URLs and field values hold `{placeholders}`, resolved by the fixture (as everyone's, not
//! as the sender's) when the row is sent; `setup` adds the ids only this table needs.

use crate::matrix::Who;
use crate::matrix::pairs;
use crate::matrix::table::Out;

/// How a row's body goes: nothing (a GET), a URL-encoded form, or multipart.
pub(super) enum Send {
    Get,
    Form(Vec<(String, String)>),
    Multipart(Vec<(String, String)>),
}

pub(super) struct Case {
    pub(super) what: &'static str,
    pub(super) who: Who,
    pub(super) url: &'static str,
    pub(super) send: Send,
    pub(super) expected: Out,
}

pub(super) fn get(what: &'static str, who: Who, url: &'static str, expected: Out) -> Case {
    let send = Send::Get;
    Case {
        what,
        who,
        url,
        send,
        expected,
    }
}

pub(super) fn post(
    what: &'static str,
    who: Who,
    url: &'static str,
    fields: &[(&str, &str)],
    expected: Out,
) -> Case {
    form(what, who, url, pairs(fields), expected)
}

pub(super) fn form(
    what: &'static str,
    who: Who,
    url: &'static str,
    fields: Vec<(String, String)>,
    expected: Out,
) -> Case {
    let send = Send::Form(fields);
    Case {
        what,
        who,
        url,
        send,
        expected,
    }
}

pub(super) fn multipart(
    what: &'static str,
    who: Who,
    url: &'static str,
    fields: Vec<(String, String)>,
    expected: Out,
) -> Case {
    Case {
        send: Send::Multipart(fields),
        ..get(what, who, url, expected)
    }
}

/// A decision on `{cp_decide_version}`: accept, or merge into `target` when there is one.
pub(super) fn decision(target: &str) -> Vec<(String, String)> {
    let decision = if target.is_empty() { "accept" } else { "merge" };
    pairs(&[
        ("version", "{cp_decide_version}"),
        ("decision", decision),
        ("rationale", "A forged decision, to be refused."),
        ("target", target),
    ])
}

pub(super) fn edit() -> Vec<(String, String)> {
    pairs(&[("text", "Forged text."), ("base", ""), ("version", "1")])
}

/// Every row, in the order they are sent.
pub(super) fn all() -> Vec<Case> {
    [
        super::owners::drafts(),
        super::owners::files(),
        super::owners::proposal_drafts(),
        super::owners::others_objects(),
        super::groups::group_review(),
        super::groups::notes(),
        super::groups::group_report(),
        super::paragraphs::other_paragraphs(),
        super::paragraphs::pulls_and_links(),
        super::processes::other_process(),
        super::processes::process_administration(),
        super::processes::accounts(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
