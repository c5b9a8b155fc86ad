-- Negotiation (phase III): delegations of States and their groups as actors, rounds on a
-- published revision, the amendments tabled in a round and the positions others take on them.

-- Per process: whether observer delegations may table amendments (Member States always may).
CREATE TABLE negotiation_settings (
    process_id BIGINT PRIMARY KEY NOT NULL REFERENCES processes (id),
    observers_may_propose BOOLEAN NOT NULL DEFAULT FALSE
);

-- A State's (or an observer's) delegation in a process; its accounts act for it.
CREATE TABLE delegations (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (process_id, name)
);

CREATE TABLE delegation_members (
    delegation_id BIGINT NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (delegation_id, account_id)
);
CREATE INDEX delegation_members_by_account ON delegation_members (account_id);

-- A negotiating group or bloc; its short name is how compilation texts cite it ("G77 and China").
CREATE TABLE state_groups (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (process_id, name)
);

CREATE TABLE state_group_members (
    group_id BIGINT NOT NULL REFERENCES state_groups (id) ON DELETE CASCADE,
    delegation_id BIGINT NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, delegation_id)
);
CREATE INDEX state_group_members_by_delegation ON state_group_members (delegation_id);

-- A reading of one published revision, numbered within its process, with its window and who
-- may see its amendments (public, or delegations and staff only).
CREATE TABLE negotiation_rounds (
    id BIGSERIAL PRIMARY KEY,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    number INTEGER NOT NULL,
    revision_id BIGINT NOT NULL REFERENCES revisions (id),
    title TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    visibility TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by BIGINT REFERENCES accounts (id),
    UNIQUE (process_id, number)
);

-- A proposed change to one node (paragraph or measure, by its stable key) of the round's
-- revision. `words` are the words concerned (deleted, replaced, or inserted after), `new_text`
-- the words inserted or the new paragraph. Numbered within the round.
CREATE TABLE amendments (
    id BIGSERIAL PRIMARY KEY,
    round_id BIGINT NOT NULL REFERENCES negotiation_rounds (id),
    number INTEGER NOT NULL,
    node_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    words TEXT NOT NULL DEFAULT '',
    new_text TEXT NOT NULL DEFAULT '',
    justification TEXT NOT NULL DEFAULT '',
    delegation_id BIGINT NOT NULL REFERENCES delegations (id),
    on_behalf_of BIGINT REFERENCES state_groups (id),
    status TEXT NOT NULL,
    tabled_by BIGINT NOT NULL REFERENCES accounts (id),
    tabled_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP,
    UNIQUE (round_id, number)
);
CREATE INDEX amendments_by_node ON amendments (round_id, node_key);

-- A delegation joining or opposing an amendment, for itself or on behalf of a group it
-- belongs to: one position per delegation speaking for itself, one per group.
CREATE TABLE amendment_positions (
    id BIGSERIAL PRIMARY KEY,
    amendment_id BIGINT NOT NULL REFERENCES amendments (id),
    delegation_id BIGINT NOT NULL REFERENCES delegations (id),
    group_id BIGINT REFERENCES state_groups (id),
    stance TEXT NOT NULL,
    taken_by BIGINT NOT NULL REFERENCES accounts (id),
    taken_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX amendment_positions_of_delegation
    ON amendment_positions (amendment_id, delegation_id) WHERE group_id IS NULL;
CREATE UNIQUE INDEX amendment_positions_of_group
    ON amendment_positions (amendment_id, group_id) WHERE group_id IS NOT NULL;
