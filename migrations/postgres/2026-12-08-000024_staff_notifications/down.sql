-- Back to notifications about proposals only; the others cannot be kept.
ALTER TABLE notifications DROP CONSTRAINT notifications_one_subject;
DELETE FROM notifications WHERE proposal_id IS NULL;
ALTER TABLE notifications DROP COLUMN note;
ALTER TABLE notifications DROP COLUMN revision_id;
ALTER TABLE notifications DROP COLUMN contribution_id;
ALTER TABLE notifications ALTER COLUMN proposal_id SET NOT NULL;
