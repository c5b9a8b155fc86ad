DROP INDEX proposals_list_language;
DROP INDEX contributions_list_language;
ALTER TABLE proposals DROP COLUMN language;
ALTER TABLE contributions DROP COLUMN language;
