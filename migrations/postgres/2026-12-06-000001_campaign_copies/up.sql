-- A campaign copy is a contribution whose text another one of the process already carries
-- (exactly or nearly): it is kept, attributed and counted, but the public lists show its
-- campaign once, through the first copy, instead of every letter.
ALTER TABLE contributions ADD COLUMN campaign_copy BOOLEAN NOT NULL DEFAULT FALSE;
