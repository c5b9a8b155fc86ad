-- Consultation events of a process (thematic sessions, regional consultations, hearings, the
-- sessions of a meeting): when and where, in the event's own time zone (its name kept beside
-- the UTC times, so the page shows the time people travelled to), with a programme of
-- sessions and the published documents that belong to it. A private event is the
-- secretariat's until it is announced.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    place TEXT NOT NULL,
    online BOOLEAN NOT NULL,
    time_zone TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    phase TEXT,
    group_id BIGINT REFERENCES action_groups (id),
    theme_id BIGINT REFERENCES themes (id),
    public BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX events_by_process ON events (process_id, starts_at);

CREATE TABLE event_sessions (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL
);
CREATE INDEX event_sessions_by_event ON event_sessions (event_id, position);

CREATE TABLE event_documents (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    PRIMARY KEY (event_id, document_id)
);
