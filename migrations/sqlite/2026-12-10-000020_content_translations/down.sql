DROP TRIGGER process_stamp_content_delete;
DROP TRIGGER process_stamp_content_update;
DROP TRIGGER process_stamp_content_insert;
DROP TABLE content_translations;
ALTER TABLE processes DROP COLUMN language;
