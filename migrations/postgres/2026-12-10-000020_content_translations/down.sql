DROP TRIGGER process_stamp_content ON content_translations;
DROP TABLE content_translations;
ALTER TABLE processes DROP COLUMN language;
