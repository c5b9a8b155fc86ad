//! The demo's negotiation: delegations of Member States, each with a delegate's account, two
//! groups of States, a first reading of the zero draft (public, closed) with amendments,
//! joins and oppositions, two of them accepted into the working copy (one whole, one as a
//! bracketed alternative), Rev.2 published with one paragraph agreed ad referendum, and a
//! second round on Rev.2, open and restricted to the delegations.
//!
//! Everything goes through the use cases the web calls (`app::negotiation`, `app::documents`),
//! as the secretariat, the co-facilitator and the delegates would, so that numbering,
//! positions, brackets and provenance are what the application records. The use cases take
//! amendments only while a round is open: the first round is opened around now, read, and
//! then dated to the first reading of 2018 (its rows are the loader's own).

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::{Demo, DemoData, DemoError, invalid};
use crate::app::documents::publish::{Publishing, publish};
use crate::app::documents::status::set_status;
use crate::app::negotiation::accept::accept_into_working_copy;
use crate::app::negotiation::delegations::{add_delegate, add_delegation, add_group, add_to_group};
use crate::app::negotiation::rounds::{
    AmendmentForm, PositionForm, RoundForm, open_round, table, take_position, withdraw,
};
use crate::app::{self, Person};
use crate::db::DbConnection;
use crate::db::schema::{amendments, negotiation_rounds};
use crate::domain::documents::DRAFT;
use crate::store::documents::{document_by_slug, revision_by_slug};

/// The secretariat sets up the delegations; the co-facilitator opens rounds and edits.
const SECRETARIAT: &str = "secretariat@demo.concord.example";
const CO_FACILITATOR: &str = "cofacilitator@demo.concord.example";

/// The groups of States: name, short name, members.
const GROUPS: &[(&str, &str, &[&str])] = &[
    ("African Group", "AG", &["Morocco", "Nigeria"]),
    ("European Union", "EU", &["Germany", "France"]),
];

/// The delegations no demo account acts for, beside those of the delegates' accounts.
const OTHER_DELEGATIONS: &[&str] = &["Nigeria", "France"];

/// The revision the negotiation publishes, after the demo's Rev.1.
pub const NEGOTIATED_REVISION: &str = "Rev.2";

/// An amendment as the demo tables it: the delegation, the group it speaks for, the start of
/// the paragraph of the round's revision, and the form's fields.
struct Tabled {
    by: &'static str,
    for_group: Option<&'static str>,
    paragraph: &'static str,
    kind: &'static str,
    words: &'static str,
    new_text: &'static str,
    justification: &'static str,
    /// Delegations joining (with the group they speak for, if any).
    joined: &'static [(&'static str, Option<&'static str>)],
    opposed: &'static [(&'static str, Option<&'static str>)],
}

const FIRST_READING: &[Tabled] = &[
    Tabled {
        by: "Morocco",
        for_group: Some("AG"),
        paragraph: "We commit to promote faster, safer and cheaper remittances",
        kind: "replace",
        words: "so that transaction costs fall below 3 per cent by 2030",
        new_text: "so that transaction costs fall below 3 per cent by 2030 and no remittance corridor costs more than 5 per cent",
        justification: "Aligns the objective with SDG target 10.c, which the whole membership has already agreed.",
        joined: &[
            ("Bangladesh", None),
            ("Philippines", None),
            ("Mexico", None),
        ],
        opposed: &[],
    },
    Tabled {
        by: "Germany",
        for_group: Some("EU"),
        paragraph: "We commit to adapt options and pathways for regular migration",
        kind: "insert",
        words: "labour mobility and decent work",
        new_text: "in line with national priorities and labour market needs",
        justification: "Pathways must reflect each State's labour market; the EU cannot commit to pathways without this qualifier.",
        joined: &[("Switzerland", None)],
        opposed: &[("Mexico", None), ("Philippines", None)],
    },
    Tabled {
        by: "Switzerland",
        for_group: None,
        paragraph: "We commit to guarantee migrant workers effective access to justice",
        kind: "delete",
        words: ", without fear of detention or deportation because they seek redress",
        new_text: "",
        justification: "The protection is already covered by objective 15 on basic services; repeating it here weakens both.",
        joined: &[],
        opposed: &[
            ("Mexico", None),
            ("Morocco", Some("AG")),
            ("Philippines", None),
        ],
    },
    Tabled {
        by: "Philippines",
        for_group: None,
        paragraph: "Extend labour law protection to domestic workers",
        kind: "new-paragraph-after",
        words: "",
        new_text: "Develop and strengthen ethical recruitment policies that protect migrant domestic workers, including by ratifying ILO Convention No. 189.",
        justification: "Domestic workers, most of them women, are the migrant workers least protected by recruitment rules.",
        joined: &[("Bangladesh", None), ("Mexico", None)],
        opposed: &[("Germany", None)],
    },
    Tabled {
        by: "Mexico",
        for_group: None,
        paragraph: "This compact expresses our collective commitment",
        kind: "insert",
        words: "improving cooperation on international migration",
        new_text: "in all its dimensions",
        justification: "Echoes the title and the New York Declaration: migration is addressed in all its dimensions.",
        joined: &[("Switzerland", None), ("Morocco", None)],
        opposed: &[],
    },
    Tabled {
        by: "Bangladesh",
        for_group: None,
        paragraph: "We commit to create conducive political, economic, social and environmental conditions",
        kind: "insert",
        words: "sustainable lives in their own country",
        new_text: "and to address the adverse effects of climate change, natural disasters and environmental degradation",
        justification: "Climate change already drives displacement from low-lying countries; the compact must name it.",
        joined: &[("Philippines", None)],
        opposed: &[],
    },
    Tabled {
        by: "Germany",
        for_group: None,
        paragraph: "We commit to promote faster, safer and cheaper remittances",
        kind: "replace",
        words: "3 per cent",
        new_text: "5 per cent",
        justification: "Tabled by mistake; the European Union supports the African Group's text.",
        joined: &[],
        opposed: &[],
    },
];

/// Which of the first reading's amendments (by their order above, numbered from 1) the
/// delegation withdraws, and which the co-facilitator accepts and how.
const WITHDRAWN: i32 = 7;
const ACCEPTED: &[(i32, &str)] = &[(1, "whole"), (2, "alternative")];
/// The start of the paragraph Rev.2 marks agreed ad referendum.
const AGREED_AD_REF: &str = "Migration has been part of the human experience";

const SECOND_READING: &[Tabled] = &[
    Tabled {
        by: "Morocco",
        for_group: Some("AG"),
        paragraph: "We decide to establish a capacity-building mechanism",
        kind: "replace",
        words: "a start-up fund",
        new_text: "a start-up fund for realizing project-oriented solutions",
        justification: "Says what the fund is for, so that it finances projects and not meetings.",
        joined: &[("Bangladesh", None)],
        opposed: &[("Germany", Some("EU"))],
    },
    Tabled {
        by: "Switzerland",
        for_group: None,
        paragraph: "We invite relevant subregional, regional and cross-regional processes",
        kind: "insert",
        words: "within their respective regions",
        new_text: "and to feed into the International Migration Review Forum",
        justification: "Connects the regional reviews to the global one.",
        joined: &[],
        opposed: &[],
    },
];

/// What the app layer refused, as a refusal of the demo data.
fn app<T>(what: &str, result: app::Result<T>) -> Result<T, DemoError> {
    result.map_err(|e| invalid(format!("{what}: {e:?}")))
}

fn person(demo: &Demo, email: &str) -> Result<Person, DemoError> {
    Ok(Person {
        account_id: demo.people.person(email)?.id,
        is_admin: false,
    })
}

/// The delegations and groups, by name and short name, with their ids.
struct Cast {
    delegations: Vec<(String, i64, Option<Person>)>,
    groups: Vec<(&'static str, i64)>,
}

impl Cast {
    fn delegation(&self, name: &str) -> Result<(i64, Person), DemoError> {
        self.delegations
            .iter()
            .find(|(n, _, _)| n == name)
            .and_then(|(_, id, p)| p.map(|p| (*id, p)))
            .ok_or_else(|| invalid(format!("no delegate of {name}")))
    }

    fn group(&self, short: Option<&str>) -> Result<String, DemoError> {
        let Some(short) = short else {
            return Ok(String::new());
        };
        self.groups
            .iter()
            .find(|(s, _)| *s == short)
            .map(|(_, id)| id.to_string())
            .ok_or_else(|| invalid(format!("no group {short}")))
    }
}

/// A round's window as the form takes it: local times around now, wide enough for any zone.
fn around_now(days_before: i64, days_after: i64) -> (String, String) {
    let now = crate::store::now();
    let format = |at: NaiveDateTime| at.format("%Y-%m-%dT%H:%M").to_string();
    (
        format(now - TimeDelta::days(days_before)),
        format(now + TimeDelta::days(days_after)),
    )
}

/// Loads the negotiation; returns how many amendments were tabled.
pub(super) fn insert(
    conn: &mut DbConnection,
    demo: &Demo,
    data: &DemoData,
) -> Result<usize, DemoError> {
    let slug = demo.process.slug.clone();
    let secretariat = person(demo, SECRETARIAT)?;
    let co_facilitator = person(demo, CO_FACILITATOR)?;

    // The delegations, in the order of their delegates' accounts, then the others.
    let mut cast = Cast {
        delegations: Vec::new(),
        groups: Vec::new(),
    };
    for account in &data.accounts {
        let Some(name) = &account.delegation else {
            continue;
        };
        let id = app(
            "delegation",
            add_delegation(conn, secretariat, &slug, name, "member-state"),
        )?;
        app(
            "delegate",
            add_delegate(conn, secretariat, &slug, id, &account.email),
        )?;
        cast.delegations
            .push((name.clone(), id, Some(person(demo, &account.email)?)));
    }
    for name in OTHER_DELEGATIONS {
        let id = app(
            "delegation",
            add_delegation(conn, secretariat, &slug, name, "member-state"),
        )?;
        cast.delegations.push((name.to_string(), id, None));
    }
    for (name, short, members) in GROUPS {
        let id = app("group", add_group(conn, secretariat, &slug, name, short))?;
        for member in *members {
            let delegation = cast
                .delegations
                .iter()
                .find(|(n, _, _)| n == member)
                .map(|(_, id, _)| *id)
                .ok_or_else(|| invalid(format!("no delegation {member}")))?;
            app(
                "group member",
                add_to_group(conn, secretariat, &slug, id, delegation),
            )?;
        }
        cast.groups.push((short, id));
    }

    // The first reading of the zero draft.
    let (opens, closes) = around_now(2, 2);
    let first = app(
        "first round",
        open_round(
            conn,
            co_facilitator,
            &slug,
            &RoundForm {
                revision: format!("{DRAFT}/zero-draft"),
                title: "First reading of the zero draft".into(),
                opens,
                closes,
                visibility: "public".into(),
            },
        ),
    )?;
    let mut tabled = read(conn, demo, &cast, first.number, FIRST_READING)?;
    let (_, germany) = cast.delegation("Germany")?;
    app(
        "withdraw",
        withdraw(conn, germany, &slug, first.number, WITHDRAWN),
    )?;
    date_first_reading(conn, first.id)?;

    // The co-facilitator takes two amendments in and publishes the next revision.
    for (number, how) in ACCEPTED {
        app(
            "accept",
            accept_into_working_copy(conn, co_facilitator, &slug, first.number, *number, how),
        )?;
    }
    let document =
        document_by_slug(conn, demo.process.id, DRAFT)?.ok_or_else(|| invalid("no draft"))?;
    let working = crate::store::documents::working_content(conn, &document)?;
    let agreed = working
        .nodes
        .iter()
        .find(|n| n.text.starts_with(AGREED_AD_REF))
        .ok_or_else(|| invalid("no paragraph to agree ad ref"))?;
    app(
        "status",
        set_status(
            conn,
            co_facilitator,
            &slug,
            DRAFT,
            &agreed.key,
            "agreed-ad-ref",
        ),
    )?;
    app(
        "publish",
        publish(
            conn,
            co_facilitator,
            &slug,
            DRAFT,
            Publishing {
                label: NEGOTIATED_REVISION,
                confirmed_after_final: false,
            },
        ),
    )?;

    // The second reading, open now, among the delegations only.
    let revision = revision_by_slug(
        conn,
        document.id,
        &crate::domain::documents::revision_slug(NEGOTIATED_REVISION),
    )?
    .ok_or_else(|| invalid("Rev.2 not published"))?;
    let (opens, closes) = around_now(1, 14);
    let second = app(
        "second round",
        open_round(
            conn,
            co_facilitator,
            &slug,
            &RoundForm {
                revision: format!("{DRAFT}/{}", revision.slug),
                title: "Second reading: Rev.2".into(),
                opens,
                closes,
                visibility: "delegations".into(),
            },
        ),
    )?;
    tabled += read(conn, demo, &cast, second.number, SECOND_READING)?;
    Ok(tabled)
}

/// Tables the amendments of a round, then the positions on them.
fn read(
    conn: &mut DbConnection,
    demo: &Demo,
    cast: &Cast,
    round: i32,
    amendments: &[Tabled],
) -> Result<usize, DemoError> {
    let slug = &demo.process.slug;
    let revision = {
        let id = crate::store::negotiation::rounds::round_by_number(conn, demo.process.id, round)?
            .ok_or_else(|| invalid("lost a round"))?
            .revision_id;
        crate::store::documents::revision_by_id(conn, id)?
            .and_then(|r| r.content())
            .ok_or_else(|| invalid("the round's revision"))?
    };
    let mut numbers = Vec::new();
    for amendment in amendments {
        let node = revision
            .nodes
            .iter()
            .find(|n| n.text.starts_with(amendment.paragraph))
            .ok_or_else(|| invalid(format!("no paragraph {:?}", amendment.paragraph)))?;
        let (delegation, delegate) = cast.delegation(amendment.by)?;
        let tabled = app(
            "table",
            table(
                conn,
                delegate,
                slug,
                round,
                &AmendmentForm {
                    node: node.key.clone(),
                    kind: amendment.kind.into(),
                    words: amendment.words.into(),
                    new_text: amendment.new_text.into(),
                    justification: amendment.justification.into(),
                    delegation: delegation.to_string(),
                    on_behalf_of: cast.group(amendment.for_group)?,
                },
            ),
        )?;
        numbers.push(tabled.number);
    }
    for (amendment, number) in amendments.iter().zip(&numbers) {
        for (stance, speakers) in [("join", amendment.joined), ("oppose", amendment.opposed)] {
            for (by, group) in speakers {
                let (delegation, delegate) = cast.delegation(by)?;
                app(
                    "position",
                    take_position(
                        conn,
                        delegate,
                        slug,
                        round,
                        *number,
                        &PositionForm {
                            delegation: delegation.to_string(),
                            on_behalf_of: cast.group(*group)?,
                            stance: stance.into(),
                        },
                    ),
                )?;
            }
        }
    }
    Ok(numbers.len())
}

/// Dates the first reading to February and March 2018, between the zero draft and Rev.1,
/// its amendments to its first days: it is closed, as the demo tells it.
fn date_first_reading(conn: &mut DbConnection, round_id: i64) -> Result<(), DemoError> {
    let at = |day: u32, hour: u32| {
        NaiveDate::from_ymd_opt(2018, 2, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .ok_or_else(|| invalid("a date of the first reading"))
    };
    diesel::update(negotiation_rounds::table.find(round_id))
        .set((
            negotiation_rounds::opens_at.eq(at(20, 14)?),
            negotiation_rounds::closes_at.eq(at(28, 18)?),
            negotiation_rounds::created_at.eq(at(12, 10)?),
        ))
        .execute(conn)?;
    diesel::update(amendments::table.filter(amendments::round_id.eq(round_id)))
        .set(amendments::tabled_at.eq(at(21, 11)?))
        .execute(conn)?;
    diesel::update(
        amendments::table
            .filter(amendments::round_id.eq(round_id))
            .filter(amendments::withdrawn_at.is_not_null()),
    )
    .set(amendments::withdrawn_at.eq(Some(at(22, 16)?)))
    .execute(conn)?;
    Ok(())
}
