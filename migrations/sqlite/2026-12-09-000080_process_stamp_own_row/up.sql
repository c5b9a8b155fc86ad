-- A change to a process's own row (its title, description, time zone, accreditation rule)
-- renews its stamp too: the rendered pages kept for anonymous readers (`web::pagecache`) are
-- kept under the stamp, and each of them shows the row. The triggers that renew the stamp
-- change it, so this one does not fire again for them.
CREATE TRIGGER process_stamp_own_row AFTER UPDATE ON processes
WHEN NEW.stamp = OLD.stamp
BEGIN UPDATE processes SET stamp = random() WHERE id = NEW.id; END;
