ALTER TABLE documents DROP COLUMN language;
