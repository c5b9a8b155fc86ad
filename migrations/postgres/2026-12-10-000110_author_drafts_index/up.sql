-- A signed-in person's drafts are read above every list they open. By author alone, the index
-- led to all of an author's contributions, each row read to find the few drafts: an
-- organisation that had filed 3,000 texts waited for 3,000 rows on every page. By author,
-- state and process, the drafts are read directly, newest edit first.
DROP INDEX contributions_author;
CREATE INDEX contributions_author ON contributions (author_id, status, process_id, updated_at);
