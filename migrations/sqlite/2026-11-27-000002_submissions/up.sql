-- Written contributions and commitment proposals, their attachments, versions and
-- co-sponsors, reference counters, late-submission permissions, and full-text search.

CREATE TABLE reference_counters (
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (process_id, kind)
);

CREATE TABLE late_permissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    until TIMESTAMP NOT NULL,
    granted_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (process_id, account_id, phase)
);

CREATE TABLE contributions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    author_id BIGINT NOT NULL REFERENCES accounts (id),
    organisation_id BIGINT REFERENCES organisations (id),
    reference TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    content_hash TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    withdrawn_at TIMESTAMP,
    hidden_at TIMESTAMP,
    hidden_by BIGINT REFERENCES accounts (id),
    hidden_reason TEXT
);
-- References are unique within a process; two processes may share a prefix.
CREATE UNIQUE INDEX contributions_reference ON contributions (process_id, reference);
CREATE INDEX contributions_process ON contributions (process_id, status, submitted_at);
CREATE INDEX contributions_author ON contributions (author_id);

CREATE TABLE contribution_groups (
    contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES action_groups (id),
    PRIMARY KEY (contribution_id, group_id)
);
CREATE INDEX contribution_groups_group ON contribution_groups (group_id);

CREATE TABLE contribution_themes (
    contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes (id),
    PRIMARY KEY (contribution_id, theme_id)
);
CREATE INDEX contribution_themes_theme ON contribution_themes (theme_id);

-- Files are stored once per content (SHA-256), whoever attaches them.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL UNIQUE,
    content BLOB NOT NULL,
    size BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE contribution_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
    attachment_id BIGINT NOT NULL REFERENCES attachments (id),
    file_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX contribution_attachments_contribution ON contribution_attachments (contribution_id);

CREATE TABLE proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    process_id BIGINT NOT NULL REFERENCES processes (id),
    group_id BIGINT NOT NULL REFERENCES action_groups (id),
    author_id BIGINT NOT NULL REFERENCES accounts (id),
    organisation_id BIGINT REFERENCES organisations (id),
    reference TEXT,
    status TEXT NOT NULL,
    current_version INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    draft TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    withdrawn_at TIMESTAMP
);
CREATE UNIQUE INDEX proposals_reference ON proposals (process_id, reference);
CREATE INDEX proposals_process ON proposals (process_id, status, submitted_at);
CREATE INDEX proposals_group ON proposals (group_id, status);
CREATE INDEX proposals_author ON proposals (author_id);

-- Every submission of a proposal is a new immutable version.
CREATE TABLE proposal_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    commitment TEXT NOT NULL,
    actionable_measures TEXT NOT NULL,
    partnerships TEXT NOT NULL,
    capacity_building TEXT NOT NULL,
    financing TEXT NOT NULL,
    data TEXT NOT NULL,
    responsible_actors TEXT NOT NULL,
    sdg_targets TEXT NOT NULL,
    timeline TEXT NOT NULL,
    indicators TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (proposal_id, number)
);

CREATE TRIGGER proposal_versions_immutable BEFORE UPDATE ON proposal_versions
BEGIN SELECT RAISE(ABORT, 'proposal versions are immutable'); END;

CREATE TABLE proposal_themes (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes (id),
    PRIMARY KEY (proposal_id, theme_id)
);
CREATE INDEX proposal_themes_theme ON proposal_themes (theme_id);

CREATE TABLE co_sponsorships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    status TEXT NOT NULL,
    invited_by BIGINT NOT NULL REFERENCES accounts (id),
    invited_at TIMESTAMP NOT NULL,
    responded_by BIGINT REFERENCES accounts (id),
    responded_at TIMESTAMP,
    UNIQUE (proposal_id, organisation_id)
);
CREATE INDEX co_sponsorships_organisation ON co_sponsorships (organisation_id, status);

-- Full-text search over any script: trigrams of the lower-cased text, kept in step by triggers.
CREATE VIRTUAL TABLE contributions_fts USING fts5(search_text, tokenize = 'trigram', content = 'contributions', content_rowid = 'id');
CREATE TRIGGER contributions_fts_insert AFTER INSERT ON contributions BEGIN
    INSERT INTO contributions_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER contributions_fts_delete AFTER DELETE ON contributions BEGIN
    INSERT INTO contributions_fts (contributions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER contributions_fts_update AFTER UPDATE OF search_text ON contributions BEGIN
    INSERT INTO contributions_fts (contributions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO contributions_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE VIRTUAL TABLE proposals_fts USING fts5(search_text, tokenize = 'trigram', content = 'proposals', content_rowid = 'id');
CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposals_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER proposals_fts_update AFTER UPDATE OF search_text ON proposals BEGIN
    INSERT INTO proposals_fts (proposals_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO proposals_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
