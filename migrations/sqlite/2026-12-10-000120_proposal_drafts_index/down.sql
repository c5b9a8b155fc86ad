DROP INDEX proposals_author_drafts;
