DROP TABLE proposal_similarity_state;
DROP TABLE proposal_similarities;
