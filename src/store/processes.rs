//! Processes and their structure: phases with windows, action groups, themes and principles.

use std::sync::Arc;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::cached::Statement;
use crate::db::schema::{
    action_groups, contribution_themes, phases, processes, proposal_themes, themes,
};
use crate::domain::content::{Field, Shown, Slot, Subject, Translations};
use crate::domain::phases::{PhaseKind, Window, WindowState};
use crate::i18n::Lang;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = processes)]
pub struct Process {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub reference_prefix: String,
    pub time_zone: String,
    pub accredit_on_registration: bool,
    pub created_at: NaiveDateTime,
    /// Renewed by the database with every change to the process's outline (`app::outline`).
    pub stamp: i64,
    /// The code of the language its content was written in (`domain::content`).
    pub language: String,
}

impl Process {
    /// The language its content was written in; English for a code this version does not know.
    pub fn original_language(&self) -> Lang {
        Lang::parse(&self.language).unwrap_or(Lang::En)
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = phases)]
pub struct Phase {
    pub id: i64,
    pub process_id: i64,
    pub kind: PhaseKind,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
}

impl Phase {
    pub fn kind(&self) -> PhaseKind {
        self.kind
    }

    pub fn state_at(&self, now: NaiveDateTime) -> WindowState {
        Window::new(self.opens_at, self.closes_at)
            .map(|w| w.state_at(now))
            .unwrap_or(WindowState::Closed)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = action_groups)]
pub struct ActionGroup {
    pub id: i64,
    pub process_id: i64,
    pub number: i32,
    pub name: String,
    pub description: String,
}

/// Whether a theme is a thematic highlight or a guiding principle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Theme,
    Principle,
}

crate::db::text_enum::text_enum!(ThemeKind);

impl ThemeKind {
    pub const ALL: [ThemeKind; 2] = [ThemeKind::Theme, ThemeKind::Principle];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeKind::Theme => "theme",
            ThemeKind::Principle => "principle",
        }
    }

    pub fn parse(raw: &str) -> Option<ThemeKind> {
        ThemeKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = themes)]
pub struct Theme {
    pub id: i64,
    pub process_id: i64,
    pub kind: ThemeKind,
    pub name: String,
    pub position: i32,
}

impl Theme {
    pub fn kind(&self) -> ThemeKind {
        self.kind
    }
}

/// A process with everything that hangs off it, for its page and its edit form.
#[derive(Debug, Clone)]
pub struct Structure {
    pub phases: Vec<Phase>,
    pub groups: Vec<ActionGroup>,
    pub themes: Vec<Theme>,
    /// Its content in other languages than `original`, the one it was written in.
    pub content: Arc<Translations>,
    pub original: Lang,
}

impl Structure {
    pub fn themes_of(&self, kind: ThemeKind) -> impl Iterator<Item = &Theme> {
        self.themes.iter().filter(move |t| t.kind == kind)
    }

    fn show<'a>(&'a self, lang: Lang, slot: Slot, original: &'a str) -> Shown<'a> {
        self.content.show(lang, self.original, slot, original)
    }

    /// The process's title in `lang`, or its original marked as such.
    pub fn title<'a>(&'a self, lang: Lang, process: &'a Process) -> Shown<'a> {
        let slot = Slot::new(Subject::Process, process.id, Field::Title);
        self.show(lang, slot, &process.title)
    }

    pub fn description<'a>(&'a self, lang: Lang, process: &'a Process) -> Shown<'a> {
        let slot = Slot::new(Subject::Process, process.id, Field::Description);
        self.show(lang, slot, &process.description)
    }

    pub fn group_name<'a>(&'a self, lang: Lang, group: &'a ActionGroup) -> Shown<'a> {
        let slot = Slot::new(Subject::Group, group.id, Field::Name);
        self.show(lang, slot, &group.name)
    }

    pub fn group_description<'a>(&'a self, lang: Lang, group: &'a ActionGroup) -> Shown<'a> {
        let slot = Slot::new(Subject::Group, group.id, Field::Description);
        self.show(lang, slot, &group.description)
    }

    /// The name of group `id` in `lang`, or `original` (its name as a tag read it) marked.
    pub fn group_name_by_id<'a>(&'a self, lang: Lang, id: i64, original: &'a str) -> Shown<'a> {
        self.show(lang, Slot::new(Subject::Group, id, Field::Name), original)
    }

    /// The name of theme `id` in `lang`, or `original` marked.
    pub fn theme_name_by_id<'a>(&'a self, lang: Lang, id: i64, original: &'a str) -> Shown<'a> {
        self.show(lang, Slot::new(Subject::Theme, id, Field::Name), original)
    }

    pub fn theme_name<'a>(&'a self, lang: Lang, theme: &'a Theme) -> Shown<'a> {
        let slot = Slot::new(Subject::Theme, theme.id, Field::Name);
        self.show(lang, slot, &theme.name)
    }

    /// Every text of process `process_id` a translation may give, with its original, in the
    /// order the translation form shows them. A group's description only when it has one.
    pub fn slots<'a>(&'a self, process: &'a Process) -> Vec<(Slot, &'a str)> {
        let mut slots = vec![
            (
                Slot::new(Subject::Process, process.id, Field::Title),
                process.title.as_str(),
            ),
            (
                Slot::new(Subject::Process, process.id, Field::Description),
                process.description.as_str(),
            ),
        ];
        for group in &self.groups {
            slots.push((
                Slot::new(Subject::Group, group.id, Field::Name),
                group.name.as_str(),
            ));
            if !group.description.is_empty() {
                slots.push((
                    Slot::new(Subject::Group, group.id, Field::Description),
                    group.description.as_str(),
                ));
            }
        }
        for kind in ThemeKind::ALL {
            for theme in self.themes_of(kind) {
                slots.push((
                    Slot::new(Subject::Theme, theme.id, Field::Name),
                    theme.name.as_str(),
                ));
            }
        }
        slots
    }
}

/// A process as the administration form describes it, already parsed.
#[derive(Debug, Clone)]
pub struct ProcessDraft {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The language its texts are written in; `None` keeps it (English for a new process).
    pub language: Option<Lang>,
    pub reference_prefix: String,
    pub time_zone: String,
    pub accredit_on_registration: bool,
    pub phases: Vec<(PhaseKind, Window)>,
    /// In order: the first is group 1.
    pub groups: Vec<String>,
    pub themes: Vec<String>,
    pub principles: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error("the short name is taken")]
    SlugTaken,
    /// Groups are referred to by number once created, so they are never removed.
    #[error("action groups cannot be removed")]
    GroupRemoved,
    /// A theme that contributions or proposals are tagged with cannot be removed.
    #[error("a theme in use cannot be removed")]
    ThemeInUse,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

pub fn all_processes(conn: &mut DbConnection) -> QueryResult<Vec<Process>> {
    processes::table
        .order(processes::created_at.desc())
        .select(Process::as_select())
        .load(conn)
}

pub fn process_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Process>> {
    crate::natively!(conn, |conn| processes::table
        .filter(processes::slug.eq(slug))
        .select(Process::as_select())
        .first(conn)
        .optional())
}

/// The stamp of the process `slug` and the open data's generation (the sum of its stripes,
/// `store::opendata::generation`), in one statement: what a kept page of the process is
/// checked against on every request, so one round trip to PostgreSQL rather than two.
pub fn stamp_and_generation(
    conn: &mut DbConnection,
    slug: &str,
) -> QueryResult<Option<(i64, i64)>> {
    #[derive(QueryableByName)]
    struct Stamped {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        stamp: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        generation: i64,
    }
    let rows: Vec<Stamped> = Statement::new(
        "SELECT p.stamp AS stamp, (SELECT CAST(COALESCE(SUM(g.generation), 0) AS BIGINT) \
         FROM open_data_generation g) AS generation FROM processes p WHERE p.slug = ",
    )
    .text(slug)
    .load(conn)?;
    Ok(rows.first().map(|row| (row.stamp, row.generation)))
}

/// The stamps of every process, by id (see `app::outline`): what the home page shows of them
/// changes only with these.
pub fn all_stamps(conn: &mut DbConnection) -> QueryResult<Vec<(i64, i64)>> {
    processes::table
        .order(processes::id)
        .select((processes::id, processes::stamp))
        .load(conn)
}

/// The phases, groups and themes of a process, and their translations: four queries,
/// whatever their number.
pub fn structure_of(conn: &mut DbConnection, process: &Process) -> QueryResult<Structure> {
    let process_id = process.id;
    let mut phases: Vec<Phase> = phases::table
        .filter(phases::process_id.eq(process_id))
        .select(Phase::as_select())
        .load(conn)?;
    phases.sort_by_key(|p| p.kind);
    let groups = action_groups::table
        .filter(action_groups::process_id.eq(process_id))
        .order(action_groups::number)
        .select(ActionGroup::as_select())
        .load(conn)?;
    let themes: Vec<Theme> = themes::table
        .filter(themes::process_id.eq(process_id))
        .order((themes::kind, themes::position))
        .select(Theme::as_select())
        .load(conn)?;
    let content = super::content::translations_of_process(conn, process_id)?;
    Ok(Structure {
        phases,
        groups,
        themes,
        content: Arc::new(content),
        original: process.original_language(),
    })
}

pub fn group_by_number(
    conn: &mut DbConnection,
    process_id: i64,
    number: i32,
) -> QueryResult<Option<ActionGroup>> {
    action_groups::table
        .filter(action_groups::process_id.eq(process_id))
        .filter(action_groups::number.eq(number))
        .select(ActionGroup::as_select())
        .first(conn)
        .optional()
}

/// Creates a process with its structure; call inside a write transaction.
pub fn create_process(
    conn: &mut DbConnection,
    draft: &ProcessDraft,
) -> Result<Process, ProcessError> {
    if process_by_slug(conn, &draft.slug)?.is_some() {
        return Err(ProcessError::SlugTaken);
    }
    let id = diesel::insert_into(processes::table)
        .values((
            processes::slug.eq(&draft.slug),
            processes::title.eq(&draft.title),
            processes::description.eq(&draft.description),
            processes::language.eq(draft.language.unwrap_or(Lang::En).code()),
            processes::reference_prefix.eq(&draft.reference_prefix),
            processes::time_zone.eq(&draft.time_zone),
            processes::accredit_on_registration.eq(draft.accredit_on_registration),
            processes::created_at.eq(super::now()),
        ))
        .returning(processes::id)
        .get_result::<i64>(conn)?;
    let process = processes::table
        .find(id)
        .select(Process::as_select())
        .first(conn)?;
    write_structure(conn, process.id, draft)?;
    Ok(process)
}

/// Replaces a process's settings and structure with the draft's; call inside a write
/// transaction. Groups keep their ids (and so their people) by number; themes by position.
pub fn update_process(
    conn: &mut DbConnection,
    process_id: i64,
    draft: &ProcessDraft,
) -> Result<(), ProcessError> {
    if let Some(other) = process_by_slug(conn, &draft.slug)?
        && other.id != process_id
    {
        return Err(ProcessError::SlugTaken);
    }
    diesel::update(processes::table.find(process_id))
        .set((
            processes::slug.eq(&draft.slug),
            processes::title.eq(&draft.title),
            processes::description.eq(&draft.description),
            processes::reference_prefix.eq(&draft.reference_prefix),
            processes::time_zone.eq(&draft.time_zone),
            processes::accredit_on_registration.eq(draft.accredit_on_registration),
        ))
        .execute(conn)?;
    if let Some(language) = draft.language {
        diesel::update(processes::table.find(process_id))
            .set(processes::language.eq(language.code()))
            .execute(conn)?;
    }
    write_structure(conn, process_id, draft)
}

/// Phases, groups, themes and principles as the form states them.
fn write_structure(
    conn: &mut DbConnection,
    process_id: i64,
    draft: &ProcessDraft,
) -> Result<(), ProcessError> {
    write_phases(conn, process_id, draft)?;
    write_groups(conn, process_id, draft)?;
    for (kind, names) in [
        (ThemeKind::Theme, &draft.themes),
        (ThemeKind::Principle, &draft.principles),
    ] {
        write_themes(conn, process_id, kind, names)?;
    }
    Ok(())
}

fn write_phases(conn: &mut DbConnection, process_id: i64, draft: &ProcessDraft) -> QueryResult<()> {
    for (kind, window) in &draft.phases {
        let updated = diesel::update(
            phases::table
                .filter(phases::process_id.eq(process_id))
                .filter(phases::kind.eq(kind)),
        )
        .set((
            phases::opens_at.eq(window.opens()),
            phases::closes_at.eq(window.closes()),
        ))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(phases::table)
                .values((
                    phases::process_id.eq(process_id),
                    phases::kind.eq(kind),
                    phases::opens_at.eq(window.opens()),
                    phases::closes_at.eq(window.closes()),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Groups are numbered by their place in the list; one can be renamed or added, never
/// removed (proposals and reports hang off it).
fn write_groups(
    conn: &mut DbConnection,
    process_id: i64,
    draft: &ProcessDraft,
) -> Result<(), ProcessError> {
    let existing_groups: i64 = action_groups::table
        .filter(action_groups::process_id.eq(process_id))
        .count()
        .get_result(conn)?;
    if (draft.groups.len() as i64) < existing_groups {
        return Err(ProcessError::GroupRemoved);
    }
    for (index, name) in draft.groups.iter().enumerate() {
        let number = index as i32 + 1;
        let updated = diesel::update(
            action_groups::table
                .filter(action_groups::process_id.eq(process_id))
                .filter(action_groups::number.eq(number)),
        )
        .set(action_groups::name.eq(name))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(action_groups::table)
                .values((
                    action_groups::process_id.eq(process_id),
                    action_groups::number.eq(number),
                    action_groups::name.eq(name),
                    action_groups::description.eq(""),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The themes (or principles) by position: renamed, added, or removed from the end unless
/// a contribution or proposal is tagged with one of them.
fn write_themes(
    conn: &mut DbConnection,
    process_id: i64,
    kind: ThemeKind,
    names: &[String],
) -> Result<(), ProcessError> {
    let removed: Vec<i64> = themes::table
        .filter(themes::process_id.eq(process_id))
        .filter(themes::kind.eq(kind))
        .filter(themes::position.ge(names.len() as i32))
        .select(themes::id)
        .load(conn)?;
    let in_use: i64 = contribution_themes::table
        .filter(contribution_themes::theme_id.eq_any(&removed))
        .count()
        .get_result::<i64>(conn)?
        + proposal_themes::table
            .filter(proposal_themes::theme_id.eq_any(&removed))
            .count()
            .get_result::<i64>(conn)?;
    if in_use > 0 {
        return Err(ProcessError::ThemeInUse);
    }
    diesel::delete(
        themes::table
            .filter(themes::process_id.eq(process_id))
            .filter(themes::kind.eq(kind))
            .filter(themes::position.ge(names.len() as i32)),
    )
    .execute(conn)?;
    for (position, name) in names.iter().enumerate() {
        let position = position as i32;
        let updated = diesel::update(
            themes::table
                .filter(themes::process_id.eq(process_id))
                .filter(themes::kind.eq(kind))
                .filter(themes::position.eq(position)),
        )
        .set(themes::name.eq(name))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(themes::table)
                .values((
                    themes::process_id.eq(process_id),
                    themes::kind.eq(kind),
                    themes::name.eq(name),
                    themes::position.eq(position),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}
