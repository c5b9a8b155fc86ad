-- A distinct text keeps its MinHash signature (the low 32 bits of each of its 64 minima,
-- 256 bytes): a near copy arriving is compared with up to eight candidate texts, and reading
-- and hashing each candidate's words again cost more than the rest of filing it. Texts filed
-- before have none; they are hashed from their words when compared, as before.
ALTER TABLE campaign_texts ADD COLUMN signature BLOB;
