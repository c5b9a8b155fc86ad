-- Indexes for the browse path of the lists (no search words): the contribution and proposal
-- lists, a group's page and the review queue read keyset pages from them, whatever the
-- corpus size (store::keyset).
--
-- One index per offered order: newest and oldest read the submitted_at index forwards or
-- backwards; title and reference have their own. Each starts with the equalities every
-- page has (process, not a campaign copy for contributions, one status), then the sort key
-- and the id that breaks ties, so a page is one ordered range of at most 26 entries. Pages
-- read each public status by its own range and merge the few candidates: an IN over the
-- statuses would make both backends sort every matching row.
--
-- The trailing columns are the filters tested row by row while walking the range
-- (organisation, for the category filter; the group, for proposals), so that test needs no
-- read of the table. Groups and themes of contributions, and themes of proposals, are
-- tested through the link tables' primary keys. Nothing is denormalised: every filter's
-- cost is the rows walked to fill a page, which is the page size divided by the share of
-- rows it keeps.

CREATE INDEX contributions_list_submitted
    ON contributions (process_id, campaign_copy, status, submitted_at, id, organisation_id);
CREATE INDEX contributions_list_title
    ON contributions (process_id, campaign_copy, status, title, id, organisation_id);
CREATE INDEX contributions_list_reference
    ON contributions (process_id, campaign_copy, status, reference, id, organisation_id);

-- These two supersede proposals_process (process_id, status, submitted_at) and
-- proposals_group (group_id, status), which are their prefixes.
DROP INDEX proposals_process;
DROP INDEX proposals_group;
CREATE INDEX proposals_list_submitted
    ON proposals (process_id, status, submitted_at, id, group_id, organisation_id);
CREATE INDEX proposals_group_submitted
    ON proposals (group_id, status, submitted_at, id);
CREATE INDEX proposals_list_title
    ON proposals (process_id, status, title, id, group_id, organisation_id);
CREATE INDEX proposals_list_reference
    ON proposals (process_id, status, reference, id, group_id, organisation_id);
