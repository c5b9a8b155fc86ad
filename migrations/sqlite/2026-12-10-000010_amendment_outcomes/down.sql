ALTER TABLE amendments DROP COLUMN result_key;
ALTER TABLE amendments DROP COLUMN decided_at;
ALTER TABLE amendments DROP COLUMN decided_by;
ALTER TABLE amendments DROP COLUMN outcome;
