-- Rate limits kept in the database, so every instance serving one database counts the same
-- attempts. One row per bucket and key (a hash of the address or the account): the
-- theoretical arrival time of the generic cell rate algorithm, in milliseconds since the
-- epoch. A row whose time has passed is a full bucket, the same as no row: those are pruned.
CREATE TABLE rate_limits (
    bucket TEXT NOT NULL,
    key TEXT NOT NULL,
    tat BIGINT NOT NULL,
    PRIMARY KEY (bucket, key)
);
CREATE INDEX rate_limits_tat ON rate_limits (tat);

-- The engagement figures of a process, chart by chart, as last counted: the statistics page
-- reads them here and counts again (a scan of the corpus) at most once a minute, whichever
-- instance asks first. `counts` is JSON; `computed_at` is shown on the page.
CREATE TABLE stats_cache (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    chart TEXT NOT NULL,
    counts TEXT NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (process_id, chart)
);
