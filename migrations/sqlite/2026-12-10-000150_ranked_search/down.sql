DROP TABLE proposals_ranked;
DROP TABLE proposals_ranked_terms;
DROP TABLE contributions_ranked;
DROP TABLE contributions_ranked_terms;
