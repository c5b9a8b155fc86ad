-- Email: confirmed addresses, the single-use tokens of the links that mails carry, and the
-- outbox that a background task sends from.

-- When the account proved it reads mail at its address (NULL: not yet). Only a confirmed
-- address is sent notifications.
ALTER TABLE accounts ADD COLUMN email_confirmed_at TIMESTAMP;

-- The links sent by mail (confirm an address, reset a password): only the SHA-256 of the
-- token is kept. A link works once (`used_at`), until `expires_at`.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);

-- Every message to send, written in the transaction of what it tells. The sender claims a
-- row for a while (`claimed_until`), sends it and marks it sent; a row claimed by a sender
-- that died is claimed again once its lease is over. `dedupe_key` names a message that must
-- never be written twice (one digest per account and day; one mail per notification).
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    dedupe_key TEXT,
    created_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    sent_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE UNIQUE INDEX outbox_dedupe ON outbox (dedupe_key);
CREATE INDEX outbox_unsent ON outbox (claimed_until, id) WHERE sent_at IS NULL;

-- When a notification was written to the outbox (alone, or in its day's digest); those made
-- before mail existed count as done, so an upgrade sends nothing old.
ALTER TABLE notifications ADD COLUMN mailed_at TIMESTAMP;
UPDATE notifications SET mailed_at = created_at;
CREATE INDEX notifications_unmailed ON notifications (visible_from) WHERE mailed_at IS NULL;
