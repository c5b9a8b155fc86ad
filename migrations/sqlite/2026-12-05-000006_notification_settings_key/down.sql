CREATE TABLE notification_settings_old (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    delivery TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO notification_settings_old (account_id, delivery, updated_at)
    SELECT account_id, delivery, updated_at FROM notification_settings;
DROP TABLE notification_settings;
ALTER TABLE notification_settings_old RENAME TO notification_settings;
