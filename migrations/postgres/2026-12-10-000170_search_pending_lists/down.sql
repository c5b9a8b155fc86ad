ALTER INDEX contributions_search_vector RESET (gin_pending_list_limit);
ALTER INDEX proposals_search_vector RESET (gin_pending_list_limit);
