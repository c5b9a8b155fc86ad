-- Search by folded tokens, ranked: the trigram tables (every match unranked, and a hidden
-- contribution's words still in them) give way to contentless FTS5 tables of the tokens
-- that store::search::fold makes of a row's title, body and meta (reference number and
-- organisation). Folding is done in Rust, so the tables start empty and the first start
-- after this migration fills them (store::search::reindex_if_needed).
DROP TRIGGER contributions_fts_insert;
DROP TRIGGER contributions_fts_delete;
DROP TRIGGER contributions_fts_update;
DROP TABLE contributions_fts;
DROP TRIGGER proposals_fts_insert;
DROP TRIGGER proposals_fts_delete;
DROP TRIGGER proposals_fts_update;
DROP TABLE proposals_fts;
-- Only the index holds a contribution's searchable text now. (A proposal's search_text
-- stays: the review queue compares proposals by it.)
ALTER TABLE contributions DROP COLUMN search_text;

CREATE VIRTUAL TABLE contributions_search USING fts5(
    title, body, meta,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE proposals_search USING fts5(
    title, body, meta,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE search_index_state (
    name TEXT PRIMARY KEY NOT NULL,
    version INTEGER NOT NULL
);
