-- The generation of a database's public data: a number that grows with every write to a
-- table the open-data files are read from, kept by triggers so that no write path can forget
-- it. A download's ETag is derived from it, so an unchanged dataset is answered 304 without
-- being read again. One row for the whole database: a change anywhere renews every ETag,
-- which costs a rebuild, never a stale file. Drafts being typed (contributions still in
-- draft) do not count: they are never public, and autosave writes them often.
--
-- The generation is the sum of a few stripes: every committed write adds to one, so the sum
-- grows with every commit and names one state of the data. On PostgreSQL a transaction bumps
-- the stripe of its connection, so concurrent submissions do not all queue on one row's lock
-- until they commit; SQLite writes one at a time anyway and keeps one stripe.
CREATE TABLE open_data_generation (
    stripe BIGINT NOT NULL PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO open_data_generation (stripe, generation) SELECT s, 0 FROM generate_series(0, 15) AS s;

CREATE FUNCTION open_data_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE open_data_generation SET generation = generation + 1
    WHERE stripe = pg_backend_pid() % 16;
    RETURN NULL;
END;
$$;

CREATE TRIGGER open_data_contributions_insert AFTER INSERT ON contributions
FOR EACH ROW WHEN (NEW.status <> 'draft') EXECUTE FUNCTION open_data_bump();

CREATE TRIGGER open_data_contributions_update AFTER UPDATE ON contributions
FOR EACH ROW WHEN (OLD.status <> 'draft' OR NEW.status <> 'draft') EXECUTE FUNCTION open_data_bump();

CREATE TRIGGER open_data_contributions_delete AFTER DELETE ON contributions
FOR EACH ROW WHEN (OLD.status <> 'draft') EXECUTE FUNCTION open_data_bump();

-- A contribution's tags count once it is no longer a draft: row by row, to know whose they are.
CREATE FUNCTION open_data_bump_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tagged BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        tagged := OLD.contribution_id;
    ELSE
        tagged := NEW.contribution_id;
    END IF;
    IF EXISTS (SELECT 1 FROM contributions WHERE id = tagged AND status <> 'draft') THEN
        UPDATE open_data_generation SET generation = generation + 1
        WHERE stripe = pg_backend_pid() % 16;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER open_data_contribution_groups AFTER INSERT OR UPDATE OR DELETE ON contribution_groups
FOR EACH ROW EXECUTE FUNCTION open_data_bump_tags();
CREATE TRIGGER open_data_contribution_themes AFTER INSERT OR UPDATE OR DELETE ON contribution_themes
FOR EACH ROW EXECUTE FUNCTION open_data_bump_tags();

-- Once a statement, not once a row: a statement that writes many rows bumps once.
CREATE TRIGGER open_data_proposals AFTER INSERT OR UPDATE OR DELETE ON proposals
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_proposal_versions AFTER INSERT OR UPDATE OR DELETE ON proposal_versions
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_proposal_themes AFTER INSERT OR UPDATE OR DELETE ON proposal_themes
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_co_sponsorships AFTER INSERT OR UPDATE OR DELETE ON co_sponsorships
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_organisations AFTER INSERT OR UPDATE OR DELETE ON organisations
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_action_groups AFTER INSERT OR UPDATE OR DELETE ON action_groups
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_themes AFTER INSERT OR UPDATE OR DELETE ON themes
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_campaigns AFTER INSERT OR UPDATE OR DELETE ON campaigns
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_campaign_members AFTER INSERT OR UPDATE OR DELETE ON campaign_members
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
