-- PostgreSQL's instances hear of changed stamps through NOTIFY (`db::listen`). SQLite serves
-- one instance, which reads its stamps in process at the cost of a function call: nothing to do.
SELECT 1;
