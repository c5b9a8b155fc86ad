DROP INDEX proposals_list_reference;
DROP INDEX proposals_list_title;
DROP INDEX proposals_group_submitted;
DROP INDEX proposals_list_submitted;
CREATE INDEX proposals_group ON proposals (group_id, status);
CREATE INDEX proposals_process ON proposals (process_id, status, submitted_at);
DROP INDEX contributions_list_reference;
DROP INDEX contributions_list_title;
DROP INDEX contributions_list_submitted;
