-- Review: the rapporteurs' public decisions on proposal versions, their internal notes, and
-- the notifications that tell authors and co-sponsors what was decided.

-- A decision names the version it was made on. It is public and permanent: nothing here is
-- ever changed or deleted, and a merged or duplicate proposal keeps pointing to its target.
CREATE TABLE proposal_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    version_number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    rationale TEXT NOT NULL,
    target_id BIGINT REFERENCES proposals (id),
    decided_by BIGINT NOT NULL REFERENCES accounts (id),
    decided_as TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    CHECK (target_id IS NULL OR target_id <> proposal_id),
    -- A version is decided once: only a new version brings a proposal back to review.
    UNIQUE (proposal_id, version_number)
);
CREATE INDEX proposal_decisions_target ON proposal_decisions (target_id);

CREATE TRIGGER proposal_decisions_immutable BEFORE UPDATE ON proposal_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are immutable'); END;
CREATE TRIGGER proposal_decisions_permanent BEFORE DELETE ON proposal_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are permanent'); END;

-- Internal notes of a group's reviewers on a proposal; a reply names the note it answers.
CREATE TABLE review_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    parent_id BIGINT REFERENCES review_notes (id),
    author_id BIGINT NOT NULL REFERENCES accounts (id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX review_notes_proposal ON review_notes (proposal_id, id);

-- How an account wants its notifications: at once, or as a daily digest. No row: at once.
CREATE TABLE notification_settings (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    delivery TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A notification shows from `visible_from`: its creation, or the next midnight (UTC) for a
-- digest, so the notifications of a day appear together.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    decision_id BIGINT REFERENCES proposal_decisions (id),
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    visible_from TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_account ON notifications (account_id, read_at, visible_from);
