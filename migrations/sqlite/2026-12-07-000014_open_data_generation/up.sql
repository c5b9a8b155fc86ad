-- The generation of a database's public data: a number that grows with every write to a
-- table the open-data files are read from, kept by triggers so that no write path can forget
-- it. A download's ETag is derived from it, so an unchanged dataset is answered 304 without
-- being read again. One row for the whole database: a change anywhere renews every ETag,
-- which costs a rebuild, never a stale file. Drafts being typed (contributions still in
-- draft) do not count: they are never public, and autosave writes them often.
--
-- The generation is the sum of a few stripes: every committed write adds to one, so the sum
-- grows with every commit and names one state of the data. On PostgreSQL a transaction bumps
-- the stripe of its connection, so concurrent submissions do not all queue on one row's lock
-- until they commit; SQLite writes one at a time anyway and keeps one stripe.
CREATE TABLE open_data_generation (
    stripe BIGINT NOT NULL PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO open_data_generation (stripe, generation) VALUES (0, 0);

CREATE TRIGGER open_data_contributions_insert AFTER INSERT ON contributions
WHEN NEW.status <> 'draft'
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_contributions_update AFTER UPDATE ON contributions
WHEN OLD.status <> 'draft' OR NEW.status <> 'draft'
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_contributions_delete AFTER DELETE ON contributions
WHEN OLD.status <> 'draft'
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

-- A contribution's tags count once it is no longer a draft.
CREATE TRIGGER open_data_contribution_groups_insert AFTER INSERT ON contribution_groups
WHEN EXISTS (SELECT 1 FROM contributions WHERE id = NEW.contribution_id AND status <> 'draft')
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_contribution_groups_update AFTER UPDATE ON contribution_groups
WHEN EXISTS (SELECT 1 FROM contributions WHERE id = NEW.contribution_id AND status <> 'draft')
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_contribution_groups_delete AFTER DELETE ON contribution_groups
WHEN EXISTS (SELECT 1 FROM contributions WHERE id = OLD.contribution_id AND status <> 'draft')
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_contribution_themes_insert AFTER INSERT ON contribution_themes
WHEN EXISTS (SELECT 1 FROM contributions WHERE id = NEW.contribution_id AND status <> 'draft')
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_contribution_themes_update AFTER UPDATE ON contribution_themes
WHEN EXISTS (SELECT 1 FROM contributions WHERE id = NEW.contribution_id AND status <> 'draft')
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_contribution_themes_delete AFTER DELETE ON contribution_themes
WHEN EXISTS (SELECT 1 FROM contributions WHERE id = OLD.contribution_id AND status <> 'draft')
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposals_insert AFTER INSERT ON proposals
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposals_update AFTER UPDATE ON proposals
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposals_delete AFTER DELETE ON proposals
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposal_versions_insert AFTER INSERT ON proposal_versions
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposal_versions_update AFTER UPDATE ON proposal_versions
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposal_versions_delete AFTER DELETE ON proposal_versions
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposal_themes_insert AFTER INSERT ON proposal_themes
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposal_themes_update AFTER UPDATE ON proposal_themes
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_proposal_themes_delete AFTER DELETE ON proposal_themes
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_co_sponsorships_insert AFTER INSERT ON co_sponsorships
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_co_sponsorships_update AFTER UPDATE ON co_sponsorships
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_co_sponsorships_delete AFTER DELETE ON co_sponsorships
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_organisations_insert AFTER INSERT ON organisations
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_organisations_update AFTER UPDATE ON organisations
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_organisations_delete AFTER DELETE ON organisations
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_action_groups_insert AFTER INSERT ON action_groups
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_action_groups_update AFTER UPDATE ON action_groups
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_action_groups_delete AFTER DELETE ON action_groups
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_themes_insert AFTER INSERT ON themes
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_themes_update AFTER UPDATE ON themes
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_themes_delete AFTER DELETE ON themes
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_campaigns_insert AFTER INSERT ON campaigns
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_campaigns_update AFTER UPDATE ON campaigns
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_campaigns_delete AFTER DELETE ON campaigns
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_campaign_members_insert AFTER INSERT ON campaign_members
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_campaign_members_update AFTER UPDATE ON campaign_members
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;

CREATE TRIGGER open_data_campaign_members_delete AFTER DELETE ON campaign_members
BEGIN UPDATE open_data_generation SET generation = generation + 1; END;
