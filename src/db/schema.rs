//! The tables, in portable types only, so one schema serves SQLite and PostgreSQL.
//! Written by hand from `migrations/`; keep the two in step.

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
);
