-- The open data now holds the public events and their registration and attendance counts
-- (and the names of those who attended and agreed to be listed): a write to events, their
-- registrations or accounts' names renews the generation, so no file of before is served.
CREATE TRIGGER open_data_events_insert AFTER INSERT ON events
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
CREATE TRIGGER open_data_events_update AFTER UPDATE ON events
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
CREATE TRIGGER open_data_events_delete AFTER DELETE ON events
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
CREATE TRIGGER open_data_event_registrations_insert AFTER INSERT ON event_registrations
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
CREATE TRIGGER open_data_event_registrations_update AFTER UPDATE ON event_registrations
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
CREATE TRIGGER open_data_event_registrations_delete AFTER DELETE ON event_registrations
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
CREATE TRIGGER open_data_account_names AFTER UPDATE OF display_name, organisation_id ON accounts
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
