ALTER TABLE document_nodes DROP COLUMN status;
