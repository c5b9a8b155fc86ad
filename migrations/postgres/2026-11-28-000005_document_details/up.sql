-- A document states its language (BCP 47: en, fr, es, ar, zh, ru), so that exports label it
-- rightly instead of guessing from the script; a French draft is French, not English.
ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
