use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::test_connections;
use crate::db::text_enum::TextEnum;
use crate::domain::negotiation::{
    AmendmentKind, AmendmentOutcome, AmendmentStatus, DelegationCategory, RoundVisibility, Stance,
};

/// Each value binds as its stored form and reads back as itself; an unknown form is an error.
macro_rules! round_trip {
    ($conn:expr, $($ty:ty),+ $(,)?) => {$(
        for value in <$ty as TextEnum>::ALL {
            let back: $ty = diesel::select(value.into_sql::<Text>())
                .get_result($conn)
                .expect("reads back");
            assert_eq!(back, *value);
        }
        let unknown = diesel::select("no-such-value".into_sql::<Text>()).get_result::<$ty>($conn);
        assert!(unknown.is_err(), "an unknown {} was read", stringify!($ty));
    )+};
}

#[test]
fn negotiation_states_round_trip_through_the_database() {
    for mut conn in test_connections() {
        let conn = &mut conn;
        round_trip!(
            conn,
            DelegationCategory,
            RoundVisibility,
            AmendmentKind,
            AmendmentStatus,
            AmendmentOutcome,
            Stance,
        );
    }
}
