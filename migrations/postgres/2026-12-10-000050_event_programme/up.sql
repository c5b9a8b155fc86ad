-- What hangs off an event's programme. A session's speakers' list, in the order the chair
-- gives the floor: a delegation of the process, or a name typed as is (an organisation, a
-- guest); marked once the speaker has spoken. A delegation's statements filed against a
-- session (by one of its delegates or by the secretariat on its behalf), withdrawable by who
-- filed them. A session with either may not be removed from the programme, so the rows stay
-- tied to it (sessions keep their ids across an edit of the event).
CREATE TABLE event_speakers (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES event_sessions (id),
    position INTEGER NOT NULL,
    delegation_id BIGINT REFERENCES delegations (id),
    -- The name shown when no delegation is named; empty for a delegation.
    name TEXT NOT NULL,
    spoken BOOLEAN NOT NULL,
    added_by BIGINT NOT NULL REFERENCES accounts (id),
    added_at TIMESTAMP NOT NULL
);
CREATE INDEX event_speakers_by_session ON event_speakers (session_id, position, id);

CREATE TABLE session_statements (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES event_sessions (id),
    delegation_id BIGINT NOT NULL REFERENCES delegations (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    language TEXT NOT NULL,
    filed_by BIGINT NOT NULL REFERENCES accounts (id),
    filed_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP
);
CREATE INDEX session_statements_by_session ON session_statements (session_id, delegation_id, id);

-- The event a written contribution was made for (an input paper), if any. The filter's pages
-- are the same ordered range as contributions_list_language, within one event.
ALTER TABLE contributions ADD COLUMN event_id BIGINT REFERENCES events (id);
CREATE INDEX contributions_list_event
    ON contributions (process_id, event_id, campaign_copy, status, submitted_at, id, organisation_id);
