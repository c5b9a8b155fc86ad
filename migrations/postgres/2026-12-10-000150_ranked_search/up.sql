-- Impact-ordered lists for search (store::search::ranked): for each word held by enough
-- texts, the texts where it weighs at least a threshold fixed when its list was built, best
-- first, so that a one-word search reads the top of one list instead of ranking every match.
-- A list's entries are written and removed with the text's entry in the full-text index.
-- The impacts are computed in Rust, so the lists start empty: this migration forgets how the
-- index was built, and the next start rebuilds it with the lists.
CREATE TABLE contributions_ranked_terms (
    term TEXT PRIMARY KEY,
    -- The impact, in millionths, a text needs to enter the list.
    threshold BIGINT NOT NULL
);
CREATE TABLE contributions_ranked (
    process_id BIGINT NOT NULL,
    term TEXT NOT NULL,
    -- In millionths.
    impact BIGINT NOT NULL,
    id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    PRIMARY KEY (process_id, term, impact, id)
);
CREATE INDEX contributions_ranked_id ON contributions_ranked (id);

CREATE TABLE proposals_ranked_terms (
    term TEXT PRIMARY KEY,
    threshold BIGINT NOT NULL
);
CREATE TABLE proposals_ranked (
    process_id BIGINT NOT NULL,
    term TEXT NOT NULL,
    impact BIGINT NOT NULL,
    id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    PRIMARY KEY (process_id, term, impact, id)
);
CREATE INDEX proposals_ranked_id ON proposals_ranked (id);

-- Rebuild the index, with the lists, at the next start.
DELETE FROM search_index_state;
