-- A campaign is found in search through the copy the lists show it by; its other copies leave
-- the index (searches never showed them, but walked past every one).
DELETE FROM contributions_search
WHERE id IN (SELECT id FROM contributions WHERE campaign_copy = TRUE);
