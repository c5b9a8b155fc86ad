-- The generation of what a group's review queue shows beyond the public data and the
-- process's stamp: the decisions taken, the rapporteurs' notes, and how alike proposals read.
-- A rendered queue is kept under it (`web::review::queue`), so triggers keep it, and no write
-- path can forget it. It is not part of the public data's generation: a note written must not
-- show in the open data's ETag, nor renew the public pages. One row: these writes are a
-- rapporteur's, far fewer than submissions.
CREATE TABLE review_generation (
    id BIGINT NOT NULL PRIMARY KEY CHECK (id = 0),
    generation BIGINT NOT NULL
);
INSERT INTO review_generation (id, generation) VALUES (0, 0);

CREATE FUNCTION review_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE review_generation SET generation = generation + 1;
    RETURN NULL;
END;
$$;

-- Once a statement: comparing a proposal with its group writes its pairs in one.
CREATE TRIGGER review_generation_decisions AFTER INSERT OR UPDATE OR DELETE ON proposal_decisions
FOR EACH STATEMENT EXECUTE FUNCTION review_generation_bump();
CREATE TRIGGER review_generation_notes AFTER INSERT OR UPDATE OR DELETE ON review_notes
FOR EACH STATEMENT EXECUTE FUNCTION review_generation_bump();
CREATE TRIGGER review_generation_similarities AFTER INSERT OR UPDATE OR DELETE ON proposal_similarities
FOR EACH STATEMENT EXECUTE FUNCTION review_generation_bump();
