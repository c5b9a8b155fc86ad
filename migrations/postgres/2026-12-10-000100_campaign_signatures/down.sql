ALTER TABLE campaign_texts DROP COLUMN signature;
