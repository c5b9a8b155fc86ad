-- What the co-facilitators did with an amendment: taken into the working copy whole or as an
-- alternative in brackets, by whom and when, and the paragraph (by its stable key) it became,
-- which is the amendment's own paragraph unless it added a new one.
ALTER TABLE amendments ADD COLUMN outcome TEXT;
ALTER TABLE amendments ADD COLUMN decided_by BIGINT REFERENCES accounts (id);
ALTER TABLE amendments ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE amendments ADD COLUMN result_key TEXT;
