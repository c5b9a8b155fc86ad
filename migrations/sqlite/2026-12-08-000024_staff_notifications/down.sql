-- Back to notifications about proposals only; the others cannot be kept.
CREATE TABLE notifications_old (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    decision_id BIGINT REFERENCES proposal_decisions (id),
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    visible_from TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    mailed_at TIMESTAMP
);
INSERT INTO notifications_old (id, account_id, process_id, proposal_id, decision_id, kind,
        delivery, created_at, visible_from, read_at, mailed_at)
    SELECT id, account_id, process_id, proposal_id, decision_id, kind, delivery, created_at,
        visible_from, read_at, mailed_at
    FROM notifications WHERE proposal_id IS NOT NULL;
DROP TABLE notifications;
ALTER TABLE notifications_old RENAME TO notifications;
CREATE INDEX notifications_account ON notifications (account_id, read_at, visible_from);
CREATE INDEX notifications_unmailed ON notifications (visible_from) WHERE mailed_at IS NULL;
