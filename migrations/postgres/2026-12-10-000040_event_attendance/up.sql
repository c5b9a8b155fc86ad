-- Who registers for an event and who attended it. An event may cap its registrations
-- (`capacity`, none when NULL); past the cap people join a waiting list, in the order they
-- registered, and move up when a place is freed. Attendance is recorded by the secretariat
-- (checked in from the list, or imported from the sign-in sheet) on the same row, so one
-- person counts once per event however they were recorded; a walk-in is recorded with a row
-- of its own. `listed` is the person's consent to be named among the participants: without
-- it they are only ever counted.
ALTER TABLE events ADD COLUMN capacity INTEGER;

CREATE TABLE event_registrations (
    id BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    -- 'registered', 'waitlisted', 'cancelled', or 'walk-in' (attended without registering)
    status TEXT NOT NULL,
    listed BOOLEAN NOT NULL,
    registered_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    attended_at TIMESTAMP,
    recorded_by BIGINT REFERENCES accounts (id),
    UNIQUE (event_id, account_id)
);
-- An event's list in order of registration, per status (the waiting list's head, the count
-- of places taken), and a person's own registrations.
CREATE INDEX event_registrations_by_event ON event_registrations (event_id, status, registered_at, id);
CREATE INDEX event_registrations_by_account ON event_registrations (account_id, event_id);
