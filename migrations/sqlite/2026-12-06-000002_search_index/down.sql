DROP TABLE search_index_state;
DROP TABLE proposals_search;
DROP TABLE contributions_search;

ALTER TABLE contributions ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE contributions SET search_text = lower(title || char(10) || body) WHERE status <> 'draft';

CREATE VIRTUAL TABLE contributions_fts USING fts5(search_text, tokenize = 'trigram', content = 'contributions', content_rowid = 'id');
CREATE TRIGGER contributions_fts_insert AFTER INSERT ON contributions BEGIN
    INSERT INTO contributions_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contributions_fts_delete AFTER DELETE ON contributions BEGIN
    INSERT INTO contributions_fts (contributions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contributions_fts_update AFTER UPDATE OF search_text ON contributions BEGIN
    INSERT INTO contributions_fts (contributions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO contributions_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
INSERT INTO contributions_fts (contributions_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE proposals_fts USING fts5(search_text, tokenize = 'trigram', content = 'proposals', content_rowid = 'id');
CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposals_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER proposals_fts_update AFTER UPDATE OF search_text ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO proposals_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
INSERT INTO proposals_fts (proposals_fts) VALUES ('rebuild');
