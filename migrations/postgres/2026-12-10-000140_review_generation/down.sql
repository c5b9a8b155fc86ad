DROP TRIGGER review_generation_decisions ON proposal_decisions;
DROP TRIGGER review_generation_notes ON review_notes;
DROP TRIGGER review_generation_similarities ON proposal_similarities;
DROP FUNCTION review_generation_bump;
DROP TABLE review_generation;
