-- Notifications about more than proposals: a contribution hidden or shown again (with the
-- moderator's reason), a revision of a report or of the Chair's summary published, besides
-- decisions, requests for a new version, invitations to co-sponsor and proposals arriving in
-- a rapporteur's group. A notification is about exactly one thing.
ALTER TABLE notifications ALTER COLUMN proposal_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN contribution_id BIGINT REFERENCES contributions (id);
ALTER TABLE notifications ADD COLUMN revision_id BIGINT REFERENCES revisions (id);
ALTER TABLE notifications ADD COLUMN note TEXT;
ALTER TABLE notifications ADD CONSTRAINT notifications_one_subject CHECK (
    (proposal_id IS NOT NULL)::int + (contribution_id IS NOT NULL)::int
        + (revision_id IS NOT NULL)::int = 1
);
