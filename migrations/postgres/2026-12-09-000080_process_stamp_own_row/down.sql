DROP TRIGGER process_stamp_own_row ON processes;
DROP FUNCTION renew_own_process_stamp();
