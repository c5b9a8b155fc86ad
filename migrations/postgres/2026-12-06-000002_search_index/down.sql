DROP TABLE search_index_state;
DROP TABLE proposals_search;
DROP TABLE contributions_search;

ALTER TABLE contributions ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE contributions SET search_text = lower(title || E'\n' || body) WHERE status <> 'draft';
CREATE INDEX contributions_search ON contributions USING gin (search_text gin_trgm_ops);
CREATE INDEX proposals_search ON proposals USING gin (search_text gin_trgm_ops);
