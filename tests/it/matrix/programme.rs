//! The placeholders of the rows on an event's programme: the first session of the event the
//! rows read (it survives their edit of the event, which keeps the first session), a speaker
//! on its list for the rows that move and mark, one for each role that removes, and a
//! statement the secretariat filed for the negotiation's delegation.

use concord::db::DbConnection;
use concord::db::schema::{delegations, event_sessions};
use concord::domain::programme::StatementDraft;
use concord::domain::text_language::TextLanguage;
use concord::i18n::Lang;
use concord::store::programme::{add_speaker, file_statement};
use diesel::prelude::*;

use super::account_id;

pub(super) fn programme(conn: &mut DbConnection, event: i64) -> Vec<(String, String)> {
    let secretariat = account_id(conn, "secretariat@demo.concord.example");
    let session: i64 = event_sessions::table
        .filter(event_sessions::event_id.eq(event))
        .order(event_sessions::position)
        .select(event_sessions::id)
        .first(conn)
        .expect("the meeting's first session");
    let delegation: i64 = delegations::table
        .filter(delegations::name.eq("Matrixland"))
        .select(delegations::id)
        .first(conn)
        .expect("the matrix's delegation");
    let mut v = vec![("session".to_string(), session.to_string())];
    let speaker =
        add_speaker(conn, session, None, "Matrix speaker", secretariat).expect("a speaker");
    v.push(("speaker".into(), speaker.to_string()));
    for name in [
        "speaker_remove@chair",
        "speaker_remove@secretariat",
        "speaker_remove@admin",
        "speaker_remove",
    ] {
        let id = add_speaker(conn, session, Some(delegation), "", secretariat).expect("a speaker");
        v.push((name.into(), id.to_string()));
    }
    let draft = StatementDraft {
        delegation_id: delegation,
        title: "Matrix statement".into(),
        body: "Read by the matrix.".into(),
        language: TextLanguage(Lang::En),
    };
    let statement = file_statement(conn, session, &draft, secretariat).expect("a statement");
    v.push(("statement".into(), statement.to_string()));
    v
}
