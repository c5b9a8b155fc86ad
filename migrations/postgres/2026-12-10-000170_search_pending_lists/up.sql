-- New entries of a GIN index wait in its pending list until the list passes its limit, and
-- every search reads the whole list: at the default 4 MB, up to 512 pages for each search of
-- a busy consultation, whatever the word. At 128 kB a search reads 16 pages of it at most,
-- and submissions still add their entries in batches.
ALTER INDEX contributions_search_vector SET (gin_pending_list_limit = 128);
ALTER INDEX proposals_search_vector SET (gin_pending_list_limit = 128);
