-- A process's stamp: a random number renewed, by triggers, with every change to what the
-- pages of a process show around their own rows (its phases, action groups, themes and
-- principles, who holds its roles and under which name, its documents and their revisions).
-- Pages read the stamp with the process's row and take that outline from memory while the
-- stamp is unchanged (`app::outline`). Random rather than counted: a stamp then names one
-- state of one process in one database, so that a memory shared by several databases (the
-- tests run many in one process) cannot take one's outline for another's.
ALTER TABLE processes ADD COLUMN stamp BIGINT NOT NULL DEFAULT 0;
UPDATE processes SET stamp = random();

CREATE TRIGGER process_stamp_new AFTER INSERT ON processes
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.id; END;

CREATE TRIGGER process_stamp_phases_insert AFTER INSERT ON phases
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.process_id; END;
CREATE TRIGGER process_stamp_phases_update AFTER UPDATE ON phases
BEGIN UPDATE processes SET stamp = random() WHERE id IN (OLD.process_id, NEW.process_id); END;
CREATE TRIGGER process_stamp_phases_delete AFTER DELETE ON phases
BEGIN UPDATE processes SET stamp = random() WHERE id = OLD.process_id; END;

CREATE TRIGGER process_stamp_groups_insert AFTER INSERT ON action_groups
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.process_id; END;
CREATE TRIGGER process_stamp_groups_update AFTER UPDATE ON action_groups
BEGIN UPDATE processes SET stamp = random() WHERE id IN (OLD.process_id, NEW.process_id); END;
CREATE TRIGGER process_stamp_groups_delete AFTER DELETE ON action_groups
BEGIN UPDATE processes SET stamp = random() WHERE id = OLD.process_id; END;

CREATE TRIGGER process_stamp_themes_insert AFTER INSERT ON themes
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.process_id; END;
CREATE TRIGGER process_stamp_themes_update AFTER UPDATE ON themes
BEGIN UPDATE processes SET stamp = random() WHERE id IN (OLD.process_id, NEW.process_id); END;
CREATE TRIGGER process_stamp_themes_delete AFTER DELETE ON themes
BEGIN UPDATE processes SET stamp = random() WHERE id = OLD.process_id; END;

CREATE TRIGGER process_stamp_roles_insert AFTER INSERT ON role_assignments
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.process_id; END;
CREATE TRIGGER process_stamp_roles_update AFTER UPDATE ON role_assignments
BEGIN UPDATE processes SET stamp = random() WHERE id IN (OLD.process_id, NEW.process_id); END;
CREATE TRIGGER process_stamp_roles_delete AFTER DELETE ON role_assignments
BEGIN UPDATE processes SET stamp = random() WHERE id = OLD.process_id; END;

CREATE TRIGGER process_stamp_documents_insert AFTER INSERT ON documents
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.process_id; END;
CREATE TRIGGER process_stamp_documents_update AFTER UPDATE ON documents
BEGIN UPDATE processes SET stamp = random() WHERE id IN (OLD.process_id, NEW.process_id); END;
CREATE TRIGGER process_stamp_documents_delete AFTER DELETE ON documents
BEGIN UPDATE processes SET stamp = random() WHERE id = OLD.process_id; END;

CREATE TRIGGER process_stamp_revisions_insert AFTER INSERT ON revisions
BEGIN UPDATE processes SET stamp = random()
      WHERE id = (SELECT process_id FROM documents WHERE id = NEW.document_id); END;
CREATE TRIGGER process_stamp_revisions_update AFTER UPDATE ON revisions
BEGIN UPDATE processes SET stamp = random()
      WHERE id IN (SELECT process_id FROM documents WHERE id IN (OLD.document_id, NEW.document_id)); END;
CREATE TRIGGER process_stamp_revisions_delete AFTER DELETE ON revisions
BEGIN UPDATE processes SET stamp = random()
      WHERE id = (SELECT process_id FROM documents WHERE id = OLD.document_id); END;

-- The outline names the people who hold roles, with their organisations.
CREATE TRIGGER process_stamp_accounts_update AFTER UPDATE OF display_name, organisation_id ON accounts
BEGIN UPDATE processes SET stamp = random()
      WHERE id IN (SELECT process_id FROM role_assignments WHERE account_id = NEW.id); END;
CREATE TRIGGER process_stamp_organisations_update AFTER UPDATE OF name ON organisations
BEGIN UPDATE processes SET stamp = random()
      WHERE id IN (SELECT r.process_id FROM role_assignments r JOIN accounts a ON a.id = r.account_id
                   WHERE a.organisation_id = NEW.id); END;
