DROP INDEX audit_log_process_action;
DROP INDEX audit_log_process_id;
-- The similarities found by the new rule are forgotten, to be found again by the old one.
-- (search_text keeps the proposals' own words: the old rule compares them as well.)
DELETE FROM proposal_similarities;
DELETE FROM proposal_similarity_state;
