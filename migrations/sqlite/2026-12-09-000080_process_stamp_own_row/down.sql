DROP TRIGGER process_stamp_own_row;
