//! The one conversion between the domain's closed sets of states and the text columns that
//! store them.
//!
//! The domain stays free of diesel: each enum only has `ALL`, `as_str` and `parse`, and
//! `text_enum!` gives it `TextEnum` and diesel's traits (`AsExpression`, `ToSql`, `FromSql`,
//! `Queryable`) here; the store's own enums get theirs beside them. Binding writes `as_str()`;
//! reading an unknown string is a deserialization error naming the value and the type, never
//! a fallback to some default state. The impls are generic over the backend and lean on
//! diesel's own for `str` and `String`, so they hold for SQLite, PostgreSQL and
//! `DbConnection`'s `MultiBackend` (which hands each value to the backend in use) alike.
//!
//! This module must not grow queries or know which columns use which enum: that is the
//! schema's and the store's business.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::sql_types::Text;

/// A closed set of values stored as text, one fixed string per value.
pub trait TextEnum: Sized + Copy + 'static {
    /// Every value, for tests that each one survives the trip to the database and back.
    const ALL: &'static [Self];
    /// The type's name, for error messages.
    const NAME: &'static str;
    fn as_str(self) -> &'static str;
    fn parse(raw: &str) -> Option<Self>;
}

/// Reads a stored value: an unknown string is an error that names it.
pub fn from_text<T, DB>(bytes: DB::RawValue<'_>) -> deserialize::Result<T>
where
    T: TextEnum,
    DB: Backend,
    String: FromSql<Text, DB>,
{
    let raw = <String as FromSql<Text, DB>>::from_sql(bytes)?;
    T::parse(&raw).ok_or_else(|| unknown::<T>(&raw).into())
}

/// Reads a value a row kept as text (for the rows whose callers still hold the string): an
/// unknown string is the same error as through `FromSql`.
pub fn parse_stored<T: TextEnum>(raw: &str) -> diesel::QueryResult<T> {
    T::parse(raw)
        .ok_or_else(|| diesel::result::Error::DeserializationError(unknown::<T>(raw).into()))
}

fn unknown<T: TextEnum>(raw: &str) -> String {
    format!("unknown {} in the database: {raw:?}", T::NAME)
}

/// Gives a domain enum that has `ALL`, `as_str` and `parse` its text conversion:
/// `text_enum!(ProposalStatus);`.
macro_rules! text_enum {
    ($ty:ty) => {
        impl $crate::db::text_enum::TextEnum for $ty {
            const ALL: &'static [Self] = &<$ty>::ALL;
            const NAME: &'static str = stringify!($ty);
            fn as_str(self) -> &'static str {
                <$ty>::as_str(self)
            }
            fn parse(raw: &str) -> Option<Self> {
                <$ty>::parse(raw)
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $ty
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    <$ty>::as_str(*self),
                    out,
                )
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Nullable<diesel::sql_types::Text>, DB>
            for $ty
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    <$ty>::as_str(*self),
                    out,
                )
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $ty
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                $crate::db::text_enum::from_text::<Self, DB>(bytes)
            }
        }

        // What `#[derive(FromSqlRow)]` gives: the value is a whole row's field.
        impl<DB, ST> diesel::deserialize::Queryable<ST, DB> for $ty
        where
            DB: diesel::backend::Backend,
            ST: diesel::sql_types::SingleValue,
            Self: diesel::deserialize::FromSql<ST, DB>,
        {
            type Row = Self;
            fn build(row: Self) -> diesel::deserialize::Result<Self> {
                Ok(row)
            }
        }

        // What `#[derive(AsExpression)]` gives, bound as the value's fixed string.
        $crate::db::text_enum::text_enum!(@expression $ty, diesel::sql_types::Text);
        $crate::db::text_enum::text_enum!(
            @expression $ty,
            diesel::sql_types::Nullable<diesel::sql_types::Text>
        );
    };
    (@expression $ty:ty, $st:ty) => {
        impl diesel::expression::AsExpression<$st> for $ty {
            type Expression = <&'static str as diesel::expression::AsExpression<$st>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <&'static str as diesel::expression::AsExpression<$st>>::as_expression(
                    <$ty>::as_str(self),
                )
            }
        }

        impl<'a> diesel::expression::AsExpression<$st> for &'a $ty {
            type Expression = <&'static str as diesel::expression::AsExpression<$st>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <&'static str as diesel::expression::AsExpression<$st>>::as_expression(
                    <$ty>::as_str(*self),
                )
            }
        }
    };
}

pub(crate) use text_enum;

// The domain's enums. The store's own (`ThemeKind`, `ReferenceKind`) are given theirs beside
// them, so this module never looks up at the store.

use crate::domain::attendance::RegistrationStatus;
use crate::domain::contributions::ContributionStatus;
use crate::domain::documents::{DocumentKind, NodeKind, ParagraphStatus, SourceKind};
use crate::domain::events::EventKind;
use crate::domain::mail::{MailKind, TokenPurpose};
use crate::domain::notifications::{Delivery, NotificationKind};
use crate::domain::phases::PhaseKind;
use crate::domain::proposals::review::DecisionKind;
use crate::domain::proposals::{CoSponsorStatus, ProposalStatus};
use crate::domain::roles::{Role, StakeholderCategory};
use crate::domain::text_language::TextLanguage;

text_enum!(ContributionStatus);
text_enum!(ProposalStatus);
text_enum!(CoSponsorStatus);
text_enum!(DecisionKind);
text_enum!(Role);
text_enum!(StakeholderCategory);
text_enum!(Delivery);
text_enum!(NotificationKind);
text_enum!(PhaseKind);
text_enum!(DocumentKind);
text_enum!(NodeKind);
text_enum!(ParagraphStatus);
text_enum!(SourceKind);
text_enum!(MailKind);
text_enum!(TokenPurpose);
text_enum!(EventKind);
text_enum!(TextLanguage);
text_enum!(RegistrationStatus);

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::result::Error;
    use diesel::sql_types::{Nullable, Text};

    use super::*;
    use crate::db::test_connections as connections;
    use crate::store::processes::ThemeKind;
    use crate::store::references::ReferenceKind;

    /// An error with its causes: diesel wraps a field's error in one that names the field.
    fn chain(e: &(dyn std::error::Error + 'static)) -> String {
        let mut message = e.to_string();
        let mut cause = e.source();
        while let Some(inner) = cause {
            message.push_str(": ");
            message.push_str(&inner.to_string());
            cause = inner.source();
        }
        message
    }

    /// Binds every value of each type, reads it back as the type, as text, and as a
    /// nullable value: the same value, and its one stored form.
    macro_rules! round_trip {
        ($conn:expr, $($ty:ty),+ $(,)?) => {$(
            for value in <$ty as TextEnum>::ALL.iter().copied() {
                let back: $ty = diesel::select(value.into_sql::<Text>())
                    .get_result($conn)
                    .expect("reads back");
                assert_eq!(back, value);
                let text: String = diesel::select(value.into_sql::<Text>())
                    .get_result($conn)
                    .expect("reads back as text");
                assert_eq!(text, TextEnum::as_str(value));
                let nullable: Option<$ty> =
                    diesel::select(Some(value).into_sql::<Nullable<Text>>())
                        .get_result($conn)
                        .expect("reads back as a nullable value");
                assert_eq!(nullable, Some(value));
            }
            let unknown = diesel::select("no-such-value".into_sql::<Text>())
                .get_result::<$ty>($conn);
            match unknown {
                Err(Error::DeserializationError(e)) => {
                    let message = chain(&*e);
                    assert!(message.contains("\"no-such-value\""), "{message}");
                    assert!(message.contains(<$ty as TextEnum>::NAME), "{message}");
                }
                other => panic!("an unknown {} read as {other:?}", stringify!($ty)),
            }
        )+};
    }

    #[test]
    fn every_value_round_trips_and_an_unknown_one_is_an_error() {
        for mut conn in connections() {
            let conn = &mut conn;
            round_trip!(
                conn,
                ContributionStatus,
                ProposalStatus,
                CoSponsorStatus,
                DecisionKind,
                Role,
                StakeholderCategory,
                Delivery,
                NotificationKind,
                PhaseKind,
                DocumentKind,
                NodeKind,
                ParagraphStatus,
                SourceKind,
                MailKind,
                TokenPurpose,
                TextLanguage,
                RegistrationStatus,
                ThemeKind,
                ReferenceKind,
            );
        }
    }

    #[test]
    fn a_value_kept_as_text_is_read_the_same_way() {
        assert_eq!(
            parse_stored::<ProposalStatus>("submitted").ok(),
            Some(ProposalStatus::Submitted)
        );
        match parse_stored::<Role>("admin") {
            Err(Error::DeserializationError(e)) => {
                assert_eq!(e.to_string(), "unknown Role in the database: \"admin\"");
            }
            other => panic!("an unknown role read as {other:?}"),
        }
    }

    #[test]
    fn every_list_is_complete_and_its_forms_distinct() {
        fn check<T: TextEnum + PartialEq + std::fmt::Debug>() {
            let forms: std::collections::HashSet<&str> =
                T::ALL.iter().map(|v| v.as_str()).collect();
            assert_eq!(forms.len(), T::ALL.len(), "{} repeats a form", T::NAME);
            for value in T::ALL {
                assert_eq!(T::parse(value.as_str()), Some(*value));
            }
        }
        check::<ContributionStatus>();
        check::<ProposalStatus>();
        check::<CoSponsorStatus>();
        check::<DecisionKind>();
        check::<Role>();
        check::<StakeholderCategory>();
        check::<Delivery>();
        check::<NotificationKind>();
        check::<PhaseKind>();
        check::<DocumentKind>();
        check::<NodeKind>();
        check::<ParagraphStatus>();
        check::<SourceKind>();
        check::<ThemeKind>();
        check::<ReferenceKind>();
        check::<RegistrationStatus>();
    }
}
