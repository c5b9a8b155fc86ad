//! The write `/healthz` makes to learn whether the database takes writes now.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::storage_probes;

/// Writes a row of `bytes` zeros and deletes it again. Run inside one transaction, it leaves
/// nothing behind; a row that needs fresh pages fails as a submission would on a full
/// database.
pub fn write_and_delete_probe(conn: &mut DbConnection, bytes: usize) -> QueryResult<()> {
    // One id for every probe: concurrent probes wait for each other instead of piling up rows.
    const PROBE: i64 = 1;
    diesel::insert_into(storage_probes::table)
        .values((
            storage_probes::id.eq(PROBE),
            storage_probes::payload.eq(vec![0_u8; bytes]),
        ))
        .execute(conn)?;
    diesel::delete(storage_probes::table.filter(storage_probes::id.eq(PROBE))).execute(conn)?;
    Ok(())
}
