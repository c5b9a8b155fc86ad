-- Parallel language versions of a document: one row per paragraph translated into a
-- language, with the revision of the original it translates and the original's text at that
-- revision, so that a later revision changing the paragraph marks the translation out of
-- date (domain::translations) without erasing it.
CREATE TABLE document_translations (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    node_key TEXT NOT NULL,
    text TEXT NOT NULL,
    source_revision INTEGER NOT NULL,
    source_text TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT REFERENCES accounts (id),
    UNIQUE (document_id, language, node_key)
);

-- A translator holds the role for one language of a process.
ALTER TABLE role_assignments ADD COLUMN language TEXT;
