ALTER TABLE role_assignments DROP COLUMN language;
DROP TABLE document_translations;
