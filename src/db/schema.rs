//! The tables, in portable types only, so one schema serves SQLite and PostgreSQL.
//! Written by hand from `migrations/`; keep the two in step (`tests/it/schema.rs` checks it).
//! Long by nature: one `table!` per table, and nothing else.

diesel::table! {
    organisations (id) {
        id -> BigInt,
        name -> Text,
        name_key -> Text,
        category -> Text,
        country -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        organisation_id -> Nullable<BigInt>,
        country -> Nullable<Text>,
        language -> Nullable<Text>,
        is_admin -> Bool,
        disabled -> Bool,
        created_at -> Timestamp,
        email_confirmed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        account_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    processes (id) {
        id -> BigInt,
        slug -> Text,
        title -> Text,
        description -> Text,
        reference_prefix -> Text,
        time_zone -> Text,
        accredit_on_registration -> Bool,
        created_at -> Timestamp,
        stamp -> BigInt,
        /// The language the secretariat wrote the process's content in (`domain::content`).
        language -> Text,
    }
}

diesel::table! {
    phases (id) {
        id -> BigInt,
        process_id -> BigInt,
        kind -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
    }
}

diesel::table! {
    action_groups (id) {
        id -> BigInt,
        process_id -> BigInt,
        number -> Integer,
        name -> Text,
        description -> Text,
    }
}

diesel::table! {
    themes (id) {
        id -> BigInt,
        process_id -> BigInt,
        kind -> Text,
        name -> Text,
        position -> Integer,
    }
}

diesel::table! {
    role_assignments (id) {
        id -> BigInt,
        process_id -> BigInt,
        account_id -> BigInt,
        role -> Text,
        group_id -> Nullable<BigInt>,
        assigned_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    accreditation_requests (id) {
        id -> BigInt,
        process_id -> BigInt,
        account_id -> BigInt,
        requested_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        process_id -> Nullable<BigInt>,
        action -> Text,
        subject -> Text,
        detail -> Text,
    }
}

diesel::table! {
    reference_counters (process_id, kind) {
        process_id -> BigInt,
        kind -> Text,
        last_number -> Integer,
    }
}

diesel::table! {
    late_permissions (id) {
        id -> BigInt,
        process_id -> BigInt,
        account_id -> BigInt,
        phase -> Text,
        until -> Timestamp,
        granted_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contributions (id) {
        id -> BigInt,
        process_id -> BigInt,
        author_id -> BigInt,
        organisation_id -> Nullable<BigInt>,
        reference -> Nullable<Text>,
        title -> Text,
        body -> Text,
        status -> Text,
        content_hash -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        withdrawn_at -> Nullable<Timestamp>,
        hidden_at -> Nullable<Timestamp>,
        hidden_by -> Nullable<BigInt>,
        hidden_reason -> Nullable<Text>,
        campaign_copy -> Bool,
        language -> Text,
        event_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    contribution_groups (contribution_id, group_id) {
        contribution_id -> BigInt,
        group_id -> BigInt,
    }
}

diesel::table! {
    contribution_themes (contribution_id, theme_id) {
        contribution_id -> BigInt,
        theme_id -> BigInt,
    }
}

diesel::table! {
    attachments (id) {
        id -> BigInt,
        sha256 -> Text,
        content -> Binary,
        size -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contribution_attachments (id) {
        id -> BigInt,
        contribution_id -> BigInt,
        attachment_id -> BigInt,
        file_name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    proposals (id) {
        id -> BigInt,
        process_id -> BigInt,
        group_id -> BigInt,
        author_id -> BigInt,
        organisation_id -> Nullable<BigInt>,
        reference -> Nullable<Text>,
        status -> Text,
        current_version -> Integer,
        title -> Text,
        draft -> Nullable<Text>,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        withdrawn_at -> Nullable<Timestamp>,
        language -> Text,
    }
}

diesel::table! {
    proposal_versions (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        number -> Integer,
        title -> Text,
        commitment -> Text,
        actionable_measures -> Text,
        partnerships -> Text,
        capacity_building -> Text,
        financing -> Text,
        data -> Text,
        responsible_actors -> Text,
        sdg_targets -> Text,
        timeline -> Text,
        indicators -> Text,
        content_hash -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    proposal_themes (proposal_id, theme_id) {
        proposal_id -> BigInt,
        theme_id -> BigInt,
    }
}

diesel::table! {
    co_sponsorships (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        organisation_id -> BigInt,
        status -> Text,
        invited_by -> BigInt,
        invited_at -> Timestamp,
        responded_by -> Nullable<BigInt>,
        responded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    proposal_decisions (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        version_number -> Integer,
        kind -> Text,
        rationale -> Text,
        target_id -> Nullable<BigInt>,
        decided_by -> BigInt,
        decided_as -> Text,
        decided_at -> Timestamp,
    }
}

diesel::table! {
    review_notes (id) {
        id -> BigInt,
        proposal_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        author_id -> BigInt,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notification_settings (account_id) {
        account_id -> BigInt,
        delivery -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        account_id -> BigInt,
        process_id -> BigInt,
        proposal_id -> Nullable<BigInt>,
        decision_id -> Nullable<BigInt>,
        kind -> Text,
        delivery -> Text,
        created_at -> Timestamp,
        visible_from -> Timestamp,
        read_at -> Nullable<Timestamp>,
        mailed_at -> Nullable<Timestamp>,
        contribution_id -> Nullable<BigInt>,
        revision_id -> Nullable<BigInt>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    /// The single-use links that mails carry (address confirmation, password reset).
    account_tokens (token_hash) {
        token_hash -> Text,
        account_id -> BigInt,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Messages to send, claimed with a lease by the sending task.
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        account_id -> Nullable<BigInt>,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        dedupe_key -> Nullable<Text>,
        created_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
    }
}

diesel::joinable!(accounts -> organisations (organisation_id));
diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(phases -> processes (process_id));
diesel::joinable!(action_groups -> processes (process_id));
diesel::joinable!(themes -> processes (process_id));
diesel::joinable!(role_assignments -> processes (process_id));
diesel::joinable!(role_assignments -> accounts (account_id));
diesel::joinable!(role_assignments -> action_groups (group_id));
diesel::joinable!(accreditation_requests -> processes (process_id));
diesel::joinable!(accreditation_requests -> accounts (account_id));

diesel::joinable!(contributions -> processes (process_id));
diesel::joinable!(contributions -> organisations (organisation_id));
diesel::joinable!(contribution_groups -> contributions (contribution_id));
diesel::joinable!(contribution_groups -> action_groups (group_id));
diesel::joinable!(contribution_themes -> contributions (contribution_id));
diesel::joinable!(contribution_themes -> themes (theme_id));
diesel::joinable!(contribution_attachments -> contributions (contribution_id));
diesel::joinable!(contribution_attachments -> attachments (attachment_id));
diesel::joinable!(proposals -> processes (process_id));
diesel::joinable!(proposals -> action_groups (group_id));
diesel::joinable!(proposals -> organisations (organisation_id));
diesel::joinable!(proposal_versions -> proposals (proposal_id));
diesel::joinable!(proposal_themes -> proposals (proposal_id));
diesel::joinable!(proposal_themes -> themes (theme_id));
diesel::joinable!(co_sponsorships -> proposals (proposal_id));
diesel::joinable!(co_sponsorships -> organisations (organisation_id));
diesel::joinable!(late_permissions -> processes (process_id));
diesel::joinable!(review_notes -> proposals (proposal_id));
diesel::joinable!(review_notes -> accounts (author_id));
diesel::joinable!(notification_settings -> accounts (account_id));
diesel::joinable!(notifications -> accounts (account_id));
diesel::joinable!(notifications -> processes (process_id));
diesel::joinable!(notifications -> proposal_decisions (decision_id));
diesel::joinable!(account_tokens -> accounts (account_id));
diesel::joinable!(outbox -> accounts (account_id));

diesel::table! {
    /// What the search index was last built with (the folding version), so a start after a
    /// change rebuilds it.
    search_index_state (name) {
        name -> Text,
        version -> Integer,
    }
}

diesel::table! {
    /// The words of contributions that have an impact-ordered list (`store::search::ranked`),
    /// with the impact (in millionths) a text needs to enter it.
    contributions_ranked_terms (term) {
        term -> Text,
        threshold -> BigInt,
    }
}

diesel::table! {
    /// The impact-ordered lists of contributions: a word, a text that weighs it at least its
    /// list's threshold, and how much (in millionths).
    contributions_ranked (process_id, term, impact, id) {
        process_id -> BigInt,
        term -> Text,
        impact -> BigInt,
        id -> BigInt,
    }
}

diesel::table! {
    /// The words of proposals that have an impact-ordered list.
    proposals_ranked_terms (term) {
        term -> Text,
        threshold -> BigInt,
    }
}

diesel::table! {
    /// The impact-ordered lists of proposals.
    proposals_ranked (process_id, term, impact, id) {
        process_id -> BigInt,
        term -> Text,
        impact -> BigInt,
        id -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    accounts,
    sessions,
    processes,
    phases,
    action_groups,
    themes,
    role_assignments,
    accreditation_requests,
    audit_log,
    reference_counters,
    late_permissions,
    contributions,
    contribution_groups,
    contribution_themes,
    attachments,
    contribution_attachments,
    proposals,
    proposal_versions,
    proposal_themes,
    co_sponsorships,
    documents,
    document_nodes,
    provenance_links,
    revisions,
    proposal_decisions,
    review_notes,
    notification_settings,
    notifications,
    account_tokens,
    outbox,
);

diesel::table! {
    documents (id) {
        id -> BigInt,
        process_id -> BigInt,
        slug -> Text,
        kind -> Text,
        group_id -> Nullable<BigInt>,
        title -> Text,
        symbol -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Text,
    }
}

diesel::table! {
    document_nodes (id) {
        id -> BigInt,
        document_id -> BigInt,
        node_key -> Text,
        kind -> Text,
        position -> Integer,
        text -> Text,
        version -> Integer,
        updated_at -> Timestamp,
        updated_by -> Nullable<BigInt>,
        status -> Text,
    }
}

diesel::table! {
    provenance_links (id) {
        id -> BigInt,
        document_id -> BigInt,
        node_key -> Text,
        source_kind -> Text,
        source_id -> BigInt,
        source_node_key -> Nullable<Text>,
        label -> Text,
        quote -> Text,
        note -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    revisions (id) {
        id -> BigInt,
        document_id -> BigInt,
        number -> Integer,
        label -> Text,
        slug -> Text,
        content -> Text,
        published_at -> Timestamp,
        published_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    document_translations (id) {
        id -> BigInt,
        document_id -> BigInt,
        language -> Text,
        node_key -> Text,
        text -> Text,
        source_revision -> Integer,
        source_text -> Text,
        updated_at -> Timestamp,
        updated_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(documents -> processes (process_id));
diesel::joinable!(document_translations -> documents (document_id));
diesel::joinable!(document_nodes -> documents (document_id));
diesel::joinable!(provenance_links -> documents (document_id));
diesel::joinable!(revisions -> documents (document_id));

diesel::allow_columns_to_appear_in_same_group_by_clause!(accounts::country, organisations::country);

diesel::table! {
    rate_limits (bucket, key) {
        bucket -> Text,
        key -> Text,
        tat -> BigInt,
    }
}

diesel::table! {
    stats_cache (process_id, chart) {
        process_id -> BigInt,
        chart -> Text,
        counts -> Text,
        computed_at -> Timestamp,
    }
}

diesel::table! {
    campaign_texts (contribution_id) {
        contribution_id -> BigInt,
        process_id -> BigInt,
        text_hash -> Text,
        campaign_id -> Nullable<BigInt>,
        copies -> BigInt,
        signature -> Nullable<Binary>,
    }
}

diesel::table! {
    campaign_bands (process_id, bucket, contribution_id) {
        process_id -> BigInt,
        bucket -> BigInt,
        contribution_id -> BigInt,
    }
}

diesel::table! {
    campaigns (id) {
        id -> BigInt,
        process_id -> BigInt,
        letter_id -> BigInt,
        listed_id -> BigInt,
        copies -> BigInt,
        additions -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    campaign_members (contribution_id) {
        contribution_id -> BigInt,
        campaign_id -> BigInt,
        text_id -> BigInt,
    }
}

diesel::table! {
    campaign_counts (process_id) {
        process_id -> BigInt,
        distinct_texts -> BigInt,
        campaigns -> BigInt,
    }
}

diesel::table! {
    open_data_generation (stripe) {
        stripe -> BigInt,
        generation -> BigInt,
    }
}

diesel::table! {
    review_generation (id) {
        id -> BigInt,
        generation -> BigInt,
    }
}

diesel::joinable!(campaign_members -> campaigns (campaign_id));
diesel::joinable!(campaign_members -> contributions (contribution_id));

diesel::allow_tables_to_appear_in_same_query!(
    campaign_texts,
    campaign_bands,
    campaigns,
    campaign_members,
    campaign_counts,
    contributions,
);

diesel::table! {
    proposal_similarities (proposal_id, similar_id) {
        proposal_id -> BigInt,
        similar_id -> BigInt,
        score -> Integer,
    }
}

diesel::table! {
    proposal_similarity_state (proposal_id) {
        proposal_id -> BigInt,
        compared_at -> Timestamp,
    }
}

diesel::joinable!(proposal_similarities -> proposals (similar_id));

diesel::allow_tables_to_appear_in_same_query!(proposal_similarities, proposals);

diesel::table! {
    /// Written and deleted again by `/healthz`, to learn whether the database takes writes.
    storage_probes (id) {
        id -> BigInt,
        payload -> Binary,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        process_id -> BigInt,
        kind -> Text,
        title -> Text,
        description -> Text,
        place -> Text,
        online -> Bool,
        time_zone -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        phase -> Nullable<Text>,
        group_id -> Nullable<BigInt>,
        theme_id -> Nullable<BigInt>,
        public -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        capacity -> Nullable<Integer>,
    }
}

diesel::table! {
    event_sessions (id) {
        id -> BigInt,
        event_id -> BigInt,
        position -> Integer,
        title -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
    }
}

diesel::table! {
    event_documents (event_id, document_id) {
        event_id -> BigInt,
        document_id -> BigInt,
    }
}

diesel::joinable!(event_sessions -> events (event_id));
diesel::joinable!(event_documents -> events (event_id));
diesel::joinable!(event_documents -> documents (document_id));

diesel::allow_tables_to_appear_in_same_query!(events, event_sessions, event_documents, documents);

diesel::table! {
    /// A session's speakers' list, in the order the floor is given.
    event_speakers (id) {
        id -> BigInt,
        session_id -> BigInt,
        position -> Integer,
        delegation_id -> Nullable<BigInt>,
        name -> Text,
        spoken -> Bool,
        added_by -> BigInt,
        added_at -> Timestamp,
    }
}

diesel::table! {
    /// A delegation's statements at a session.
    session_statements (id) {
        id -> BigInt,
        session_id -> BigInt,
        delegation_id -> BigInt,
        title -> Text,
        body -> Text,
        language -> Text,
        filed_by -> BigInt,
        filed_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(event_speakers -> event_sessions (session_id));
diesel::joinable!(session_statements -> event_sessions (session_id));
diesel::joinable!(event_speakers -> delegations (delegation_id));
diesel::joinable!(session_statements -> delegations (delegation_id));
diesel::allow_tables_to_appear_in_same_query!(event_speakers, event_sessions);
diesel::allow_tables_to_appear_in_same_query!(event_speakers, events);
diesel::allow_tables_to_appear_in_same_query!(event_speakers, delegations);
diesel::allow_tables_to_appear_in_same_query!(event_sessions, delegations);
diesel::allow_tables_to_appear_in_same_query!(session_statements, event_sessions);
diesel::allow_tables_to_appear_in_same_query!(session_statements, events);
diesel::allow_tables_to_appear_in_same_query!(session_statements, delegations);
diesel::allow_tables_to_appear_in_same_query!(session_statements, accounts);
diesel::allow_tables_to_appear_in_same_query!(event_sessions, accounts);

diesel::table! {
    event_registrations (id) {
        id -> BigInt,
        event_id -> BigInt,
        account_id -> BigInt,
        status -> Text,
        listed -> Bool,
        registered_at -> Timestamp,
        updated_at -> Timestamp,
        attended_at -> Nullable<Timestamp>,
        recorded_by -> Nullable<BigInt>,
    }
}

diesel::joinable!(event_registrations -> events (event_id));
diesel::allow_tables_to_appear_in_same_query!(event_registrations, events);
diesel::allow_tables_to_appear_in_same_query!(event_registrations, accounts);
diesel::allow_tables_to_appear_in_same_query!(event_registrations, organisations);
diesel::allow_tables_to_appear_in_same_query!(events, accounts);
diesel::allow_tables_to_appear_in_same_query!(events, organisations);

diesel::table! {
    /// Per process: whether observer delegations may table amendments.
    negotiation_settings (process_id) {
        process_id -> BigInt,
        observers_may_propose -> Bool,
    }
}

diesel::table! {
    delegations (id) {
        id -> BigInt,
        process_id -> BigInt,
        name -> Text,
        category -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    delegation_members (delegation_id, account_id) {
        delegation_id -> BigInt,
        account_id -> BigInt,
        added_at -> Timestamp,
    }
}

diesel::table! {
    state_groups (id) {
        id -> BigInt,
        process_id -> BigInt,
        name -> Text,
        short_name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    state_group_members (group_id, delegation_id) {
        group_id -> BigInt,
        delegation_id -> BigInt,
    }
}

diesel::table! {
    negotiation_rounds (id) {
        id -> BigInt,
        process_id -> BigInt,
        number -> Integer,
        revision_id -> BigInt,
        title -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        visibility -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    amendments (id) {
        id -> BigInt,
        round_id -> BigInt,
        number -> Integer,
        node_key -> Text,
        kind -> Text,
        words -> Text,
        new_text -> Text,
        justification -> Text,
        delegation_id -> BigInt,
        on_behalf_of -> Nullable<BigInt>,
        status -> Text,
        tabled_by -> BigInt,
        tabled_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        result_key -> Nullable<Text>,
    }
}

diesel::table! {
    amendment_positions (id) {
        id -> BigInt,
        amendment_id -> BigInt,
        delegation_id -> BigInt,
        group_id -> Nullable<BigInt>,
        stance -> Text,
        taken_by -> BigInt,
        taken_at -> Timestamp,
    }
}

diesel::joinable!(delegation_members -> delegations (delegation_id));
diesel::joinable!(delegation_members -> accounts (account_id));
diesel::joinable!(state_group_members -> state_groups (group_id));
diesel::joinable!(state_group_members -> delegations (delegation_id));
diesel::joinable!(negotiation_rounds -> revisions (revision_id));
diesel::joinable!(amendments -> negotiation_rounds (round_id));
diesel::joinable!(amendments -> delegations (delegation_id));
diesel::joinable!(amendments -> state_groups (on_behalf_of));
diesel::joinable!(amendment_positions -> amendments (amendment_id));
diesel::joinable!(amendment_positions -> delegations (delegation_id));
diesel::joinable!(amendment_positions -> state_groups (group_id));

diesel::allow_tables_to_appear_in_same_query!(
    negotiation_settings,
    delegations,
    delegation_members,
    state_groups,
    state_group_members,
    negotiation_rounds,
    amendments,
    amendment_positions,
);
diesel::allow_tables_to_appear_in_same_query!(accounts, delegations);
diesel::allow_tables_to_appear_in_same_query!(accounts, delegation_members);
diesel::allow_tables_to_appear_in_same_query!(revisions, negotiation_rounds);
diesel::allow_tables_to_appear_in_same_query!(documents, negotiation_rounds);

diesel::table! {
    /// The process's content in languages other than its original (`domain::content`).
    content_translations (id) {
        id -> BigInt,
        process_id -> BigInt,
        subject -> Text,
        subject_id -> BigInt,
        field -> Text,
        language -> Text,
        text -> Text,
    }
}

diesel::joinable!(content_translations -> processes (process_id));
diesel::allow_tables_to_appear_in_same_query!(content_translations, processes);
