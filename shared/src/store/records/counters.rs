//! Per-organisation, per-kind record numbers: `INC-1`, `INC-2`, … and
//! `KB-1`, … counted apart.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::super::entities::record_counter;
use super::super::{StoreError, StoreResult};
use crate::domain::records::{RecordKind, RecordNumber};
use crate::ids::OrgId;

#[derive(FromQueryResult)]
struct Number {
    last_number: i64,
}

/// The organisation's next number of `kind`. The counter row stays locked
/// until the transaction ends, so concurrent creates get consecutive numbers.
pub(in crate::store) async fn next_number<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    kind: RecordKind,
) -> StoreResult<RecordNumber> {
    Ok(RecordNumber::new(kind, next_numbers(conn, org_id, kind, 1).await?))
}

/// The first of the organisation's next `count` numbers of `kind`, taken
/// together (a bulk import's block).
pub(in crate::store) async fn next_numbers<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    kind: RecordKind,
    count: i64,
) -> StoreResult<i64> {
    let mut upsert = Query::insert();
    upsert
        .into_table(record_counter::Entity)
        .columns([record_counter::Column::OrgId, record_counter::Column::Kind, record_counter::Column::LastNumber])
        .values([org_id.uuid().into(), kind.key().into(), count.into()])?
        .on_conflict(
            OnConflict::columns([record_counter::Column::OrgId, record_counter::Column::Kind])
                .value(
                    record_counter::Column::LastNumber,
                    Expr::col((record_counter::Entity, record_counter::Column::LastNumber)).add(count),
                )
                .to_owned(),
        )
        .returning_col(record_counter::Column::LastNumber);
    let statement = conn.get_database_backend().build(&upsert);
    let row = Number::find_by_statement(statement).one(conn).await?;
    let last = row.map(|r| r.last_number).ok_or_else(|| StoreError::Corrupt("a counter returned nothing".into()))?;
    Ok(last - count + 1)
}
