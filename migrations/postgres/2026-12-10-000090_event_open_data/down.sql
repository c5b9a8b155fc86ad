DROP TRIGGER open_data_events ON events;
DROP TRIGGER open_data_event_registrations ON event_registrations;
DROP TRIGGER open_data_account_names ON accounts;
