DROP INDEX contributions_author;
CREATE INDEX contributions_author ON contributions (author_id);
