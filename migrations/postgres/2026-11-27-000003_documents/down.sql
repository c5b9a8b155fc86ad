DROP TABLE revisions;
DROP FUNCTION IF EXISTS revisions_frozen;
DROP TABLE provenance_links;
DROP TABLE document_nodes;
DROP TABLE documents;
