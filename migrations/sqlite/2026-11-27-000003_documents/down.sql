DROP TABLE revisions;
DROP TABLE provenance_links;
DROP TABLE document_nodes;
DROP TABLE documents;
