ALTER TABLE contributions DROP COLUMN campaign_copy;
