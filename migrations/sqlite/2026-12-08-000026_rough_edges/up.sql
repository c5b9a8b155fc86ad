-- Similarity compares proposals by their own words, aligned word by word when they are close
-- (domain::proposals::similarity). A proposal's search_text held its reference and
-- organisation too, which a duplicate from another organisation never shares: it becomes the
-- texts of its current version alone (lower-cased here as far as the backend's lower() goes;
-- similarity folds case itself), and every similarity found by the old rule is forgotten, so
-- each proposal is compared again when a page first shows it or it is next submitted.
UPDATE proposals SET search_text = (
    SELECT lower(v.title || char(10) || v.commitment || char(10) || v.actionable_measures || char(10)
        || v.partnerships || char(10) || v.capacity_building || char(10) || v.financing || char(10)
        || v.data || char(10) || v.responsible_actors || char(10) || v.sdg_targets || char(10)
        || v.timeline || char(10) || v.indicators)
    FROM proposal_versions v
    WHERE v.proposal_id = proposals.id AND v.number = proposals.current_version
)
WHERE EXISTS (
    SELECT 1 FROM proposal_versions v
    WHERE v.proposal_id = proposals.id AND v.number = proposals.current_version
);
DELETE FROM proposal_similarities;
DELETE FROM proposal_similarity_state;

-- The open-data JSON now gives every timestamp its zone: a new generation, so that no file
-- built before (kept on disk by generation, web::files) is served again.
UPDATE open_data_generation SET generation = generation + 1
WHERE stripe = (SELECT min(stripe) FROM open_data_generation);

-- The audit log's page reads a process's entries newest first, a page at a time from an
-- entry's id, optionally of one action: along these indexes instead of sorting the process's
-- entries on every page.
CREATE INDEX audit_log_process_id ON audit_log (process_id, id);
CREATE INDEX audit_log_process_action ON audit_log (process_id, action, id);
