-- The language a contribution or proposal is written in (one of the six official languages,
-- by its code), so its text carries the right lang and dir wherever it is shown, and the
-- lists can be filtered by it. Rows written before the column existed are taken as English:
-- no script detection in SQL (SQLite has no character classes); their authors may correct
-- them by editing.
ALTER TABLE contributions ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE proposals ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- The language filter's pages: the same ordered range as contributions_list_submitted and
-- proposals_list_submitted, within one language (an equality, like the process and status),
-- so a filtered page of the newest or oldest is one range however many rows other languages
-- have. Filtered pages in title or reference order walk those orders' own indexes.
CREATE INDEX contributions_list_language
    ON contributions (process_id, language, campaign_copy, status, submitted_at, id, organisation_id);
CREATE INDEX proposals_list_language
    ON proposals (process_id, language, status, submitted_at, id, group_id, organisation_id);
