-- How alike proposals read (the Jaccard similarity of their word pairs, in ten-thousandths),
-- kept per pair in both directions as proposals are compared: a review page reads each
-- proposal's closest ones by index instead of comparing thousands of texts on every request.
CREATE TABLE proposal_similarities (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    similar_id BIGINT NOT NULL REFERENCES proposals (id),
    score INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, similar_id)
);
CREATE INDEX proposal_similarities_by_score ON proposal_similarities (proposal_id, score DESC, similar_id);
CREATE INDEX proposal_similarities_by_similar ON proposal_similarities (similar_id);

-- The proposals compared with their group since their text last changed; the others are
-- compared when first shown or after they are submitted.
CREATE TABLE proposal_similarity_state (
    proposal_id BIGINT PRIMARY KEY NOT NULL REFERENCES proposals (id),
    compared_at TIMESTAMP NOT NULL
);
