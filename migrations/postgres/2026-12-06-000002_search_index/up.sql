-- Search by folded tokens, ranked: the trigram indexes (every match unranked, and a hidden
-- contribution's words still in them) give way to tables of weighted tsvectors (title A,
-- meta B, body D) that store::search builds from the tokens of its folding. Folding is done
-- in Rust, so the tables start empty and the first start after this migration fills them
-- (store::search::reindex_if_needed).
DROP INDEX contributions_search;
DROP INDEX proposals_search;
-- Only the index holds a contribution's searchable text now. (A proposal's search_text
-- stays: the review queue compares proposals by it.)
ALTER TABLE contributions DROP COLUMN search_text;

CREATE TABLE contributions_search (
    id BIGINT PRIMARY KEY REFERENCES contributions (id) ON DELETE CASCADE,
    vector TSVECTOR NOT NULL
);
CREATE INDEX contributions_search_vector ON contributions_search USING gin (vector);

CREATE TABLE proposals_search (
    id BIGINT PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    vector TSVECTOR NOT NULL
);
CREATE INDEX proposals_search_vector ON proposals_search USING gin (vector);

CREATE TABLE search_index_state (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
