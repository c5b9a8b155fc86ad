DROP INDEX contributions_list_event;
ALTER TABLE contributions DROP COLUMN event_id;
DROP TABLE session_statements;
DROP TABLE event_speakers;
