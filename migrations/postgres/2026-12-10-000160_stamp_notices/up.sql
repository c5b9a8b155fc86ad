-- Every instance keeps its pages under the stamps of the data they show
-- (`store::processes::stamp_and_generation`): a process's own stamp in `processes` and the
-- data generation in `open_data_generation`. A write to either table now tells every listening
-- instance once its transaction commits (`db::listen`), so an instance need not read the
-- stamps again for each page until it is told they changed. PostgreSQL sends a transaction's
-- notices on the same channel with the same payload once, however many statements raised them.
CREATE FUNCTION notify_stamps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('concord_stamps', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER notify_stamps_of_processes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON processes
FOR EACH STATEMENT EXECUTE FUNCTION notify_stamps();

CREATE TRIGGER notify_stamps_of_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
ON open_data_generation
FOR EACH STATEMENT EXECUTE FUNCTION notify_stamps();
