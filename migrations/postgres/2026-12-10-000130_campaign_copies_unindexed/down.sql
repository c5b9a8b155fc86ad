-- The copies' entries come back with the next rebuild (`concord reindex`): SQL alone cannot
-- fold their words.
SELECT 1;
