-- Process content in the six languages: the process's title and description, its action
-- groups' names and descriptions, its themes' and principles' names, each as the secretariat
-- wrote it in its original language (`processes.language`) and, here, in any of the others.
-- One row per (subject, field, language); pages read them all with the process's outline, in
-- one query, and fall back to the original where a language has none.
ALTER TABLE processes ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

CREATE TABLE content_translations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    field TEXT NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (process_id, subject, subject_id, field, language)
);

-- A translation is part of what every page of the process shows: it renews the stamp the
-- outline and the pages kept for anonymous readers are kept under.
CREATE TRIGGER process_stamp_content_insert AFTER INSERT ON content_translations
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.process_id; END;
CREATE TRIGGER process_stamp_content_update AFTER UPDATE ON content_translations
BEGIN UPDATE processes SET stamp = random() WHERE id IN (OLD.process_id, NEW.process_id); END;
CREATE TRIGGER process_stamp_content_delete AFTER DELETE ON content_translations
BEGIN UPDATE processes SET stamp = random() WHERE id = OLD.process_id; END;
