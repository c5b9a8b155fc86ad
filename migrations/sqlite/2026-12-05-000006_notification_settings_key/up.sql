-- SQLite lets a primary key that is not the INTEGER rowid hold NULL (a quirk it keeps for old
-- databases), so `account_id BIGINT PRIMARY KEY` took a setting of nobody. Rebuild the table
-- with NOT NULL, as PostgreSQL's primary keys are and src/db/schema.rs declares.
CREATE TABLE notification_settings_new (
    account_id BIGINT PRIMARY KEY NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    delivery TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO notification_settings_new (account_id, delivery, updated_at)
    SELECT account_id, delivery, updated_at FROM notification_settings
    WHERE account_id IS NOT NULL;
DROP TABLE notification_settings;
ALTER TABLE notification_settings_new RENAME TO notification_settings;
