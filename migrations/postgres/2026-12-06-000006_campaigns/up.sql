-- Campaigns: many submissions of the same letter, exactly or nearly, grouped as they arrive.

-- A letter sent more than once. Its letter is the text most of its copies carry (named by
-- the first contribution that carried it); the listed contribution is the one the public
-- lists show for the whole campaign (a copy still public). Counts are of copies still public
-- as submitted, kept in the transaction of each change: additions are the copies whose words
-- differ from the letter's.
CREATE TABLE campaigns (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    letter_id BIGINT NOT NULL REFERENCES contributions (id),
    listed_id BIGINT NOT NULL REFERENCES contributions (id),
    copies BIGINT NOT NULL,
    additions BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX campaigns_by_listed ON campaigns (listed_id);
CREATE INDEX campaigns_by_process ON campaigns (process_id, id);

-- Every distinct text submitted (its words normalised), named by the first contribution that
-- carried it, with how many public copies carry it and its campaign once it has one: an
-- exact copy is found by one index lookup on the hash.
CREATE TABLE campaign_texts (
    contribution_id BIGINT PRIMARY KEY NOT NULL REFERENCES contributions (id),
    process_id BIGINT NOT NULL REFERENCES processes (id),
    text_hash TEXT NOT NULL,
    campaign_id BIGINT REFERENCES campaigns (id),
    copies BIGINT NOT NULL
);
CREATE INDEX campaign_texts_by_hash ON campaign_texts (process_id, text_hash);

-- The LSH buckets of each distinct text's MinHash signature (one per band; each bucket mixes
-- in its band): a near copy finds its letter among the texts sharing one of its buckets, a
-- few index lookups.
CREATE TABLE campaign_bands (
    process_id BIGINT NOT NULL REFERENCES processes (id),
    bucket BIGINT NOT NULL,
    contribution_id BIGINT NOT NULL REFERENCES contributions (id),
    PRIMARY KEY (process_id, bucket, contribution_id)
);

-- Each contribution of a campaign, and the distinct text it carries.
CREATE TABLE campaign_members (
    contribution_id BIGINT PRIMARY KEY NOT NULL REFERENCES contributions (id),
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    text_id BIGINT NOT NULL REFERENCES campaign_texts (contribution_id)
);
CREATE INDEX campaign_members_by_campaign ON campaign_members (campaign_id, contribution_id);

-- Per process: distinct texts received (a campaign counts once) and campaigns formed, so
-- statistics need no scan.
CREATE TABLE campaign_counts (
    process_id BIGINT PRIMARY KEY NOT NULL REFERENCES processes (id),
    distinct_texts BIGINT NOT NULL,
    campaigns BIGINT NOT NULL
);
