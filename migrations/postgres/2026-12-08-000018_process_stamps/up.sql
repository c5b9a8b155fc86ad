-- A process's stamp: a random number renewed, by triggers, with every change to what the
-- pages of a process show around their own rows (its phases, action groups, themes and
-- principles, who holds its roles and under which name, its documents and their revisions).
-- Pages read the stamp with the process's row and take that outline from memory while the
-- stamp is unchanged (`app::outline`). Random rather than counted: a stamp then names one
-- state of one process in one database, so that a memory shared by several databases (the
-- tests run many in one process) cannot take one's outline for another's.
CREATE FUNCTION new_process_stamp() RETURNS BIGINT LANGUAGE sql VOLATILE AS
$$ SELECT floor(random() * 4e18)::BIGINT + 1 $$;

ALTER TABLE processes ADD COLUMN stamp BIGINT NOT NULL DEFAULT new_process_stamp();

-- Rows that carry their process's id.
CREATE FUNCTION renew_process_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE processes SET stamp = new_process_stamp() WHERE id = OLD.process_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE processes SET stamp = new_process_stamp()
        WHERE id = NEW.process_id AND (TG_OP = 'INSERT' OR NEW.process_id <> OLD.process_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER process_stamp_phases AFTER INSERT OR UPDATE OR DELETE ON phases
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp();
CREATE TRIGGER process_stamp_groups AFTER INSERT OR UPDATE OR DELETE ON action_groups
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp();
CREATE TRIGGER process_stamp_themes AFTER INSERT OR UPDATE OR DELETE ON themes
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp();
CREATE TRIGGER process_stamp_roles AFTER INSERT OR UPDATE OR DELETE ON role_assignments
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp();
CREATE TRIGGER process_stamp_documents AFTER INSERT OR UPDATE OR DELETE ON documents
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp();

-- A document's revisions: their process through the document.
CREATE FUNCTION renew_process_stamp_of_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE processes SET stamp = new_process_stamp()
    WHERE id IN (SELECT process_id FROM documents
                 WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.document_id ELSE NEW.document_id END
                    OR (TG_OP = 'UPDATE' AND id = OLD.document_id));
    RETURN NULL;
END;
$$;

CREATE TRIGGER process_stamp_revisions AFTER INSERT OR UPDATE OR DELETE ON revisions
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp_of_revision();

-- The outline names the people who hold roles, with their organisations.
CREATE FUNCTION renew_process_stamp_of_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE processes SET stamp = new_process_stamp()
    WHERE id IN (SELECT process_id FROM role_assignments WHERE account_id = NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER process_stamp_accounts AFTER UPDATE OF display_name, organisation_id ON accounts
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp_of_account();

CREATE FUNCTION renew_process_stamp_of_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE processes SET stamp = new_process_stamp()
    WHERE id IN (SELECT r.process_id FROM role_assignments r JOIN accounts a ON a.id = r.account_id
                 WHERE a.organisation_id = NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER process_stamp_organisations AFTER UPDATE OF name ON organisations
FOR EACH ROW EXECUTE FUNCTION renew_process_stamp_of_organisation();
