-- PostgreSQL's primary keys are NOT NULL already; this migration fixes SQLite's
-- notification_settings and is here only to keep the two folders in step.
SELECT 1;
