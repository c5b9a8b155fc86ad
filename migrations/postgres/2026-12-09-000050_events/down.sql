DROP TABLE event_documents;
DROP TABLE event_sessions;
DROP TABLE events;
