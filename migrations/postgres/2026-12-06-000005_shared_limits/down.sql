DROP TABLE stats_cache;
DROP INDEX rate_limits_tat;
DROP TABLE rate_limits;
