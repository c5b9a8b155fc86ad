-- Where each paragraph of a working copy stands in the negotiation: pending, agreed ad
-- referendum, agreed. Revisions carry it in their content; paragraphs written before read as
-- pending.
ALTER TABLE document_nodes ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
