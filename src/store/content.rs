//! The translated content of processes (`domain::content`): read all at once with a
//! process's outline, written one language at a time from the secretariat's form.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::content_translations;
use crate::domain::content::{Field, Slot, Subject, Translations};
use crate::i18n::Lang;

type Row = (String, i64, String, String, String);

/// Rows that name a subject, field or language this version does not know are skipped: they
/// can only come from a later version, and the original is shown in their place.
fn translations(rows: Vec<Row>) -> Translations {
    Translations::from_rows(
        rows.into_iter()
            .filter_map(|(subject, id, field, language, text)| {
                let slot = Slot::new(Subject::parse(&subject)?, id, Field::parse(&field)?);
                Some((slot, Lang::parse(&language)?, text))
            }),
    )
}

/// Every translation of process `process_id`'s content: one query.
pub fn translations_of_process(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Translations> {
    let rows = content_translations::table
        .filter(content_translations::process_id.eq(process_id))
        .select((
            content_translations::subject,
            content_translations::subject_id,
            content_translations::field,
            content_translations::language,
            content_translations::text,
        ))
        .load::<Row>(conn)?;
    Ok(translations(rows))
}

/// The translated titles and descriptions of every process, for the list of processes: one
/// query.
pub fn translations_of_processes(conn: &mut DbConnection) -> QueryResult<Translations> {
    let rows = content_translations::table
        .filter(content_translations::subject.eq(Subject::Process.as_str()))
        .select((
            content_translations::subject,
            content_translations::subject_id,
            content_translations::field,
            content_translations::language,
            content_translations::text,
        ))
        .load::<Row>(conn)?;
    Ok(translations(rows))
}

/// Writes the translations of process `process_id` into `lang`: a text replaces the one
/// there, `None` removes it. Call inside a write transaction. Unchanged texts are not
/// rewritten, so saving an unchanged form leaves the process's stamp as it is.
pub fn write_language(
    conn: &mut DbConnection,
    process_id: i64,
    lang: Lang,
    texts: &[(Slot, Option<String>)],
) -> QueryResult<usize> {
    let current = translations_of_process(conn, process_id)?;
    let mut changed = 0;
    for (slot, text) in texts {
        if current.get(*slot, lang) == text.as_deref() {
            continue;
        }
        let existing = content_translations::table
            .filter(content_translations::process_id.eq(process_id))
            .filter(content_translations::subject.eq(slot.subject.as_str()))
            .filter(content_translations::subject_id.eq(slot.id))
            .filter(content_translations::field.eq(slot.field.as_str()))
            .filter(content_translations::language.eq(lang.code()));
        changed += 1;
        match text {
            None => {
                diesel::delete(existing).execute(conn)?;
            }
            Some(text) => {
                let updated = diesel::update(existing)
                    .set(content_translations::text.eq(text))
                    .execute(conn)?;
                if updated == 0 {
                    diesel::insert_into(content_translations::table)
                        .values((
                            content_translations::process_id.eq(process_id),
                            content_translations::subject.eq(slot.subject.as_str()),
                            content_translations::subject_id.eq(slot.id),
                            content_translations::field.eq(slot.field.as_str()),
                            content_translations::language.eq(lang.code()),
                            content_translations::text.eq(text),
                        ))
                        .execute(conn)?;
                }
            }
        }
    }
    Ok(changed)
}
