//! The one conversion between the domain's id types and the `BigInt` columns that hold them.
//!
//! Each id binds and reads as the `i64` inside it, through diesel's own conversion for `i64`,
//! so it holds for SQLite, PostgreSQL and `DbConnection`'s `MultiBackend` alike. A row struct
//! can then hold `pub id: ProposalId` and a query take one where it used to take an `i64`.
//!
//! This module must not grow queries or know which columns hold which id: that is the
//! schema's and the store's business.

use crate::domain::ids::{ContributionId, DocumentId, ProposalId, ProposalVersionId};

/// Gives a domain id (`struct X(pub i64)`) its `BigInt` conversion: `bigint_id!(ProposalId);`.
macro_rules! bigint_id {
    ($ty:ident) => {
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::BigInt, DB> for $ty
        where
            DB: diesel::backend::Backend,
            i64: diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <i64 as diesel::serialize::ToSql<diesel::sql_types::BigInt, DB>>::to_sql(
                    &self.0, out,
                )
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB> for $ty
        where
            DB: diesel::backend::Backend,
            i64: diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                <i64 as diesel::deserialize::FromSql<diesel::sql_types::BigInt, DB>>::from_sql(
                    bytes,
                )
                .map($ty)
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

        // What `#[derive(AsExpression)]` gives, bound as the number inside.
        bigint_id!(@expression $ty, diesel::sql_types::BigInt);
        bigint_id!(@expression $ty, diesel::sql_types::Nullable<diesel::sql_types::BigInt>);
    };
    (@expression $ty:ident, $st:ty) => {
        impl diesel::expression::AsExpression<$st> for $ty {
            type Expression = <i64 as diesel::expression::AsExpression<$st>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <i64 as diesel::expression::AsExpression<$st>>::as_expression(self.0)
            }
        }

        impl<'a> diesel::expression::AsExpression<$st> for &'a $ty {
            type Expression = <i64 as diesel::expression::AsExpression<$st>>::Expression;
            fn as_expression(self) -> Self::Expression {
                <i64 as diesel::expression::AsExpression<$st>>::as_expression(self.0)
            }
        }
    };
}

bigint_id!(ContributionId);
bigint_id!(ProposalId);
bigint_id!(ProposalVersionId);
bigint_id!(DocumentId);

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, Nullable};

    use super::*;
    use crate::db::test_connections as connections;

    #[test]
    fn an_id_round_trips_as_its_number() {
        for mut conn in connections() {
            let conn = &mut conn;
            let back: ProposalId = diesel::select(ProposalId(42).into_sql::<BigInt>())
                .get_result(conn)
                .expect("reads back");
            assert_eq!(back, ProposalId(42));
            let number: i64 = diesel::select(ContributionId(7).into_sql::<BigInt>())
                .get_result(conn)
                .expect("reads back as a number");
            assert_eq!(number, 7);
            let nullable: Option<DocumentId> =
                diesel::select(Some(DocumentId(3)).into_sql::<Nullable<BigInt>>())
                    .get_result(conn)
                    .expect("reads back as a nullable value");
            assert_eq!(nullable, Some(DocumentId(3)));
        }
    }
}
