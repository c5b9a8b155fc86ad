-- Documents (group reports, the Chair's summary, the draft): a working copy of ordered nodes
-- with stable keys, the provenance of each node, and immutable published revisions.

CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    slug TEXT NOT NULL,
    kind TEXT NOT NULL,
    group_id BIGINT REFERENCES action_groups (id),
    title TEXT NOT NULL,
    symbol TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (process_id, slug)
);

-- The working copy: headings, paragraphs and lettered measures in order. A node's key is its
-- identity across revisions; its number is computed when rendering.
CREATE TABLE document_nodes (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    node_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL,
    updated_by BIGINT REFERENCES accounts (id),
    UNIQUE (document_id, node_key)
);
CREATE INDEX document_nodes_order ON document_nodes (document_id, position);

CREATE TABLE provenance_links (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    node_key TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_id BIGINT NOT NULL,
    source_node_key TEXT,
    label TEXT NOT NULL DEFAULT '',
    quote TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    created_by BIGINT REFERENCES accounts (id)
);
CREATE INDEX provenance_links_node ON provenance_links (document_id, node_key);
CREATE INDEX provenance_links_source ON provenance_links (source_kind, source_id);

-- A published revision: the whole document as it stood, frozen.
CREATE TABLE revisions (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    number INTEGER NOT NULL,
    label TEXT NOT NULL,
    slug TEXT NOT NULL,
    content TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    published_by BIGINT REFERENCES accounts (id),
    UNIQUE (document_id, number),
    UNIQUE (document_id, slug)
);

CREATE FUNCTION revisions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'published revisions are immutable and permanent';
END;
$$;
CREATE TRIGGER revisions_frozen BEFORE UPDATE OR DELETE ON revisions
FOR EACH ROW EXECUTE FUNCTION revisions_frozen();
