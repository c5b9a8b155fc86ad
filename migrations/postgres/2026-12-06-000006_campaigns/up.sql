-- Campaigns: many submissions of the same letter, exactly or nearly, grouped as they arrive.

-- Every submitted text that was not a copy of an earlier one (a distinct text), under the
-- hash of its normalised words, so an exact copy is found by one index lookup.
CREATE TABLE campaign_texts (
    contribution_id BIGINT PRIMARY KEY NOT NULL REFERENCES contributions (id),
    process_id BIGINT NOT NULL REFERENCES processes (id),
    text_hash TEXT NOT NULL
);
CREATE INDEX campaign_texts_by_hash ON campaign_texts (process_id, text_hash);

-- The LSH buckets of each distinct text's MinHash signature (one per band): a near copy
-- finds its letter among the texts sharing one of its buckets, a few index lookups.
CREATE TABLE campaign_bands (
    process_id BIGINT NOT NULL REFERENCES processes (id),
    bucket BIGINT NOT NULL,
    contribution_id BIGINT NOT NULL REFERENCES contributions (id),
    PRIMARY KEY (process_id, bucket, contribution_id)
);

-- A letter sent more than once. The letter is its first text; the listed contribution is the
-- one the public lists show for the whole campaign (the first copy still public). Counts are
-- of copies still public as submitted, kept in the transaction of each change.
CREATE TABLE campaigns (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    letter_id BIGINT NOT NULL UNIQUE REFERENCES contributions (id),
    listed_id BIGINT NOT NULL REFERENCES contributions (id),
    copies BIGINT NOT NULL,
    additions BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX campaigns_by_listed ON campaigns (listed_id);
CREATE INDEX campaigns_by_process ON campaigns (process_id, id);

-- Each contribution of a campaign, the letter included; exact when its normalised text is
-- the letter's.
CREATE TABLE campaign_members (
    contribution_id BIGINT PRIMARY KEY NOT NULL REFERENCES contributions (id),
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id),
    exact BOOLEAN NOT NULL
);
CREATE INDEX campaign_members_by_campaign ON campaign_members (campaign_id, exact, contribution_id);

-- Per process: distinct texts received and campaigns formed, so statistics need no scan.
CREATE TABLE campaign_counts (
    process_id BIGINT PRIMARY KEY NOT NULL REFERENCES processes (id),
    distinct_texts BIGINT NOT NULL,
    campaigns BIGINT NOT NULL
);
