-- Notifications about more than proposals: a contribution hidden or shown again (with the
-- moderator's reason), a revision of a report or of the Chair's summary published, besides
-- decisions, requests for a new version, invitations to co-sponsor and proposals arriving in
-- a rapporteur's group. A notification is about exactly one thing. SQLite cannot drop a NOT
-- NULL, so the table is built again, the new columns last as PostgreSQL adds them.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    proposal_id BIGINT REFERENCES proposals (id),
    decision_id BIGINT REFERENCES proposal_decisions (id),
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    visible_from TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    mailed_at TIMESTAMP,
    contribution_id BIGINT REFERENCES contributions (id),
    revision_id BIGINT REFERENCES revisions (id),
    note TEXT,
    CONSTRAINT notifications_one_subject CHECK (
        (proposal_id IS NOT NULL) + (contribution_id IS NOT NULL) + (revision_id IS NOT NULL) = 1
    )
);
INSERT INTO notifications_new (id, account_id, process_id, proposal_id, decision_id, kind,
        delivery, created_at, visible_from, read_at, mailed_at)
    SELECT id, account_id, process_id, proposal_id, decision_id, kind, delivery, created_at,
        visible_from, read_at, mailed_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_account ON notifications (account_id, read_at, visible_from);
CREATE INDEX notifications_unmailed ON notifications (visible_from) WHERE mailed_at IS NULL;
