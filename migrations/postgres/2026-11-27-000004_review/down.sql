DROP TABLE notifications;
DROP TABLE notification_settings;
DROP TABLE review_notes;
DROP TABLE proposal_decisions;
DROP FUNCTION proposal_decisions_frozen();
