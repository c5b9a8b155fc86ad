-- A signed-in person's unsubmitted proposal texts are read above the proposals list. A
-- proposal holds one while it is being written or edited (`draft` is set), whatever its state.
-- By author alone, the index led to every proposal the author had filed, each row read to find
-- the few with a draft (800 rows a page for an organisation with 800 proposals). Only the
-- proposals with a draft are in this index, by author and process, newest edit first.
CREATE INDEX proposals_author_drafts ON proposals (author_id, process_id, updated_at)
    WHERE draft IS NOT NULL;
