DROP TABLE event_registrations;
ALTER TABLE events DROP COLUMN capacity;
