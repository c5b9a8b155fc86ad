//! Open-data files written as a stream: the store is read in keyset batches and each batch is
//! encoded and handed to `send` before the next is read, so a file of millions of rows takes
//! the memory of one batch. A reader that goes away (`send` answers `false`) stops the
//! reading. A failure midway is an `Err` after some chunks were sent: the caller must then
//! end the transfer as broken, never as a complete file (the JSON array is closed only after
//! the last batch, so a cut JSON file does not even parse).

use diesel::QueryResult;

use super::{
    CONTRIBUTION_COLUMNS, Cell, Dataset, EVENT_COLUMNS, Format, Header, PROPOSAL_COLUMNS,
    contribution_row, event_row, proposal_row,
};
use crate::app::{Error, Result};
use crate::db::DbConnection;
use crate::domain::csv;
use crate::domain::ids::{ContributionId, ProposalId};
use crate::store::opendata;

/// Rows read per query: large enough that a query's cost is spread over many rows, small
/// enough that a batch of the longest texts stays a few megabytes.
const BATCH: i64 = 1_000;

/// Where encoded chunks go; `false` when nobody reads them any more.
pub type Send<'a> = &'a mut dyn FnMut(Vec<u8>) -> bool;

/// One dataset of a process, encoded in `format` (a CSV file's first row as `header` says),
/// chunk by chunk into `send`.
pub fn write_dataset(
    conn: &mut DbConnection,
    process_id: i64,
    dataset: Dataset,
    format: Format,
    header: Header,
    send: Send<'_>,
) -> Result<()> {
    match dataset {
        Dataset::Contributions => {
            let next = |conn: &mut DbConnection, after: ContributionId, out: &mut Vec<_>| {
                opendata::contributions_after(conn, process_id, after, BATCH, out)
            };
            let encoder = Encoder::new(
                format,
                header.cells(&CONTRIBUTION_COLUMNS),
                contribution_row,
            );
            pump(conn, ContributionId(0), next, encoder, send)
        }
        Dataset::Proposals => {
            let next = |conn: &mut DbConnection, after: ProposalId, out: &mut Vec<_>| {
                opendata::proposals_after(conn, process_id, after, BATCH, out)
            };
            let encoder = Encoder::new(format, header.cells(&PROPOSAL_COLUMNS), proposal_row);
            pump(conn, ProposalId(0), next, encoder, send)
        }
        Dataset::Events => {
            let next = |conn: &mut DbConnection, after: i64, out: &mut Vec<_>| {
                opendata::events::events_after(conn, process_id, after, BATCH, out)
            };
            let encoder = Encoder::new(format, header.cells(&EVENT_COLUMNS), event_row);
            pump(conn, 0, next, encoder, send)
        }
    }
}

/// Reads batch after batch with `next` from the cursor `start` and sends each encoded.
fn pump<R: serde::Serialize, Id: Copy>(
    conn: &mut DbConnection,
    start: Id,
    mut next: impl FnMut(&mut DbConnection, Id, &mut Vec<R>) -> QueryResult<Option<Id>>,
    mut encoder: Encoder<R>,
    send: Send<'_>,
) -> Result<()> {
    if !send(encoder.head()) {
        return Ok(());
    }
    let mut after = start;
    let mut records = Vec::with_capacity(BATCH as usize);
    loop {
        records.clear();
        let Some(last) = next(conn, after, &mut records)? else {
            break;
        };
        after = last;
        if !send(encoder.batch(&records)?) {
            return Ok(());
        }
    }
    send(encoder.tail());
    Ok(())
}

/// How records become bytes: CSV rows (after a byte-order mark and the header), or the
/// elements of one JSON array (whose keys are always the column names).
struct Encoder<R> {
    format: Format,
    header: Vec<String>,
    row: fn(&R) -> Vec<Cell<'_>>,
    first: bool,
}

impl<R: serde::Serialize> Encoder<R> {
    fn new(format: Format, header: Vec<String>, row: fn(&R) -> Vec<Cell<'_>>) -> Self {
        Self {
            format,
            header,
            row,
            first: true,
        }
    }

    /// A CSV file's byte-order mark, which makes spreadsheet programs read it as UTF-8, and
    /// its header; a JSON array's opening.
    fn head(&mut self) -> Vec<u8> {
        match self.format {
            Format::Csv => {
                let mut bytes = Vec::from("\u{feff}".as_bytes());
                csv::push_record(&mut bytes, &self.header);
                bytes
            }
            Format::Json => b"[".to_vec(),
        }
    }

    fn batch(&mut self, records: &[R]) -> Result<Vec<u8>> {
        match self.format {
            Format::Csv => Ok(csv::records(records.iter().map(self.row))),
            Format::Json => {
                let mut bytes = Vec::with_capacity(records.len() * 512);
                for record in records {
                    bytes.extend_from_slice(if self.first { b"\n" } else { b",\n" });
                    self.first = false;
                    serde_json::to_writer(&mut bytes, record)
                        .map_err(|e| Error::Internal(e.into()))?;
                }
                Ok(bytes)
            }
        }
    }

    fn tail(&mut self) -> Vec<u8> {
        match self.format {
            Format::Csv => Vec::new(),
            Format::Json => b"\n]\n".to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Row {
        a: String,
    }

    fn row(r: &Row) -> Vec<Cell<'_>> {
        vec![Cell::Borrowed(&r.a)]
    }

    fn encode(format: Format, batches: &[&[&str]]) -> Vec<u8> {
        let mut encoder = Encoder::new(format, vec!["a".to_string()], row);
        let mut bytes = encoder.head();
        for batch in batches {
            let rows: Vec<Row> = batch.iter().map(|a| Row { a: a.to_string() }).collect();
            bytes.extend(encoder.batch(&rows).expect("batch"));
        }
        bytes.extend(encoder.tail());
        bytes
    }

    #[test]
    fn json_batches_make_one_array() {
        let bytes = encode(Format::Json, &[&["x", "y"], &["z"]]);
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
        let items = value.as_array().expect("an array");
        assert_eq!(items.len(), 3);
        assert_eq!(items[2]["a"], "z");
        let empty: serde_json::Value =
            serde_json::from_slice(&encode(Format::Json, &[])).expect("valid JSON");
        assert_eq!(empty, serde_json::json!([]));
    }

    #[test]
    fn a_json_file_cut_before_its_end_does_not_parse() {
        let mut encoder = Encoder::new(Format::Json, vec!["a".to_string()], row);
        let mut bytes = encoder.head();
        let rows = vec![Row { a: "x".into() }];
        bytes.extend(encoder.batch(&rows).expect("batch"));
        assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_err());
    }

    #[test]
    fn csv_batches_share_one_header_and_defuse_formulas() {
        let bytes = encode(Format::Csv, &[&["=1+1"], &["b"]]);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.starts_with("\u{feff}a\n"));
        assert_eq!(text.matches("a\n").count(), 1);
        assert!(!text.contains("\n=1+1") && text.ends_with("b\n"));
    }
}
