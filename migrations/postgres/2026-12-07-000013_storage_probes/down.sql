DROP TABLE storage_probes;
