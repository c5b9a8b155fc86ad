-- What /healthz writes and deletes again to learn whether the database takes writes now:
-- a row large enough to need fresh pages, so a full database says so.
CREATE TABLE storage_probes (
    id BIGINT PRIMARY KEY NOT NULL,
    payload BLOB NOT NULL
);
