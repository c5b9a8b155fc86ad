DROP INDEX notifications_unmailed;
ALTER TABLE notifications DROP COLUMN mailed_at;
DROP TABLE outbox;
DROP TABLE account_tokens;
ALTER TABLE accounts DROP COLUMN email_confirmed_at;
