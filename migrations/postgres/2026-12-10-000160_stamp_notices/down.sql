DROP TRIGGER notify_stamps_of_generation ON open_data_generation;
DROP TRIGGER notify_stamps_of_processes ON processes;
DROP FUNCTION notify_stamps();
