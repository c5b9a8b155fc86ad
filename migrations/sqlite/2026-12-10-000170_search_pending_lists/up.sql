-- PostgreSQL's GIN indexes get a smaller pending list; SQLite's FTS5 has none.
SELECT 1;
