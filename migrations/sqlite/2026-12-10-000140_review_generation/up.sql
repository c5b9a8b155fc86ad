-- The generation of what a group's review queue shows beyond the public data and the
-- process's stamp: the decisions taken, the rapporteurs' notes, and how alike proposals read.
-- A rendered queue is kept under it (`web::review::queue`), so triggers keep it, and no write
-- path can forget it. It is not part of the public data's generation: a note written must not
-- show in the open data's ETag, nor renew the public pages.
CREATE TABLE review_generation (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 0),
    generation BIGINT NOT NULL
);
INSERT INTO review_generation (id, generation) VALUES (0, 0);

CREATE TRIGGER review_generation_decisions_insert AFTER INSERT ON proposal_decisions
BEGIN UPDATE review_generation SET generation = generation + 1; END;
CREATE TRIGGER review_generation_decisions_update AFTER UPDATE ON proposal_decisions
BEGIN UPDATE review_generation SET generation = generation + 1; END;
CREATE TRIGGER review_generation_decisions_delete AFTER DELETE ON proposal_decisions
BEGIN UPDATE review_generation SET generation = generation + 1; END;

CREATE TRIGGER review_generation_notes_insert AFTER INSERT ON review_notes
BEGIN UPDATE review_generation SET generation = generation + 1; END;
CREATE TRIGGER review_generation_notes_update AFTER UPDATE ON review_notes
BEGIN UPDATE review_generation SET generation = generation + 1; END;
CREATE TRIGGER review_generation_notes_delete AFTER DELETE ON review_notes
BEGIN UPDATE review_generation SET generation = generation + 1; END;

CREATE TRIGGER review_generation_similarities_insert AFTER INSERT ON proposal_similarities
BEGIN UPDATE review_generation SET generation = generation + 1; END;
CREATE TRIGGER review_generation_similarities_update AFTER UPDATE ON proposal_similarities
BEGIN UPDATE review_generation SET generation = generation + 1; END;
CREATE TRIGGER review_generation_similarities_delete AFTER DELETE ON proposal_similarities
BEGIN UPDATE review_generation SET generation = generation + 1; END;
