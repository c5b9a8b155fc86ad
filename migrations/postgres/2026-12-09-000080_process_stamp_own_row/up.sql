-- A change to a process's own row (its title, description, time zone, accreditation rule)
-- renews its stamp too: the rendered pages kept for anonymous readers (`web::pagecache`) are
-- kept under the stamp, and each of them shows the row. The triggers that renew the stamp
-- change it, so this one leaves their new stamp as it is.
CREATE FUNCTION renew_own_process_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stamp = OLD.stamp THEN
        NEW.stamp := new_process_stamp();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER process_stamp_own_row BEFORE UPDATE ON processes
FOR EACH ROW EXECUTE FUNCTION renew_own_process_stamp();
