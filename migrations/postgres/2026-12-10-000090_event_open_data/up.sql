-- The open data now holds the public events and their registration and attendance counts
-- (and the names of those who attended and agreed to be listed): a write to events, their
-- registrations or accounts' names renews the generation, so no file of before is served.
-- Once a statement, not once a row: a statement that writes many rows bumps once.
CREATE TRIGGER open_data_events AFTER INSERT OR UPDATE OR DELETE ON events
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_event_registrations AFTER INSERT OR UPDATE OR DELETE ON event_registrations
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
CREATE TRIGGER open_data_account_names AFTER UPDATE OF display_name, organisation_id ON accounts
FOR EACH STATEMENT EXECUTE FUNCTION open_data_bump();
