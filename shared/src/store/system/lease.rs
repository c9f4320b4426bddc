//! Rows taken under a lease (outbox events, due escalations, due delivery
//! retries): the taker sets `claimed_until`, and everyone else leaves the
//! row alone until then, so concurrent relays and sweeps (several function
//! instances) take disjoint rows and a taker that dies loses nothing.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Order, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, TransactionTrait,
};

use super::StoreResult;
use crate::ids::OrgId;

/// Rows a relay or sweep claimed (with their organisations), and until when:
/// what it later does with them is conditional on still holding that lease.
#[derive(Debug, Clone)]
pub struct Claimed<T> {
    pub rows: Vec<(OrgId, T)>,
    pub until: DateTime<Utc>,
}

/// Rows nobody holds at `now`: never claimed, or their lease ran out.
pub(in crate::store) fn unclaimed(claimed_until: impl ColumnTrait, now: DateTime<Utc>) -> Condition {
    Condition::any().add(claimed_until.is_null()).add(claimed_until.lt(now))
}

/// A lease ending at `at`. Leases may be compared for equality after a
/// round trip through the database: whole milliseconds survive PostgreSQL
/// and SQLite alike.
pub(in crate::store) fn lease_until(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(3)
}

/// A transaction for background work (relays, sweeps) that never waits
/// long for a lock nor runs long: a stuck row costs one run, not a stalled
/// worker holding a connection.
pub(super) async fn background(db: &DatabaseConnection) -> StoreResult<DatabaseTransaction> {
    let tx = db.begin().await?;
    if tx.get_database_backend() == DatabaseBackend::Postgres {
        tx.execute_unprepared("SET LOCAL lock_timeout = '2s'; SET LOCAL statement_timeout = '10s'").await?;
    }
    Ok(tx)
}

/// Where a table keeps its lease.
pub(super) struct Leased<E: EntityTrait> {
    pub key: E::Column,
    pub claimed_until: E::Column,
}

impl<E: EntityTrait> Leased<E> {
    /// Claims up to `limit` rows that are `due`, oldest by `order` first,
    /// until `until`. The outer conditions are checked again against each
    /// row as it is locked, so a row another taker claimed meanwhile is
    /// skipped.
    /// Rows other takers have locked this moment are skipped, not waited
    /// for, so concurrent takers never queue behind (or deadlock with) one
    /// another; the claim runs under [`background`]'s timeouts.
    pub async fn claim_oldest(
        &self,
        db: &DatabaseConnection,
        due: impl Fn() -> Condition,
        order: E::Column,
        until: DateTime<Utc>,
        limit: u64,
    ) -> StoreResult<Vec<E::Model>> {
        let oldest = Query::select()
            .column(self.key)
            .from(E::default().table_ref())
            .cond_where(due())
            .order_by(order, Order::Asc)
            .limit(limit)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .to_owned();
        let tx = background(db).await?;
        let claimed = E::update_many()
            .col_expr(self.claimed_until, Expr::value(until))
            .filter(self.key.in_subquery(oldest))
            .filter(due())
            .exec_with_returning(&tx)
            .await?;
        tx.commit().await?;
        Ok(claimed)
    }

    /// Gives rows claimed until `until` back at once (what was claimed could
    /// not be passed on); rows someone else holds since are left alone.
    pub async fn release<C: ConnectionTrait, V: Into<sea_orm::Value>>(
        &self,
        db: &C,
        keys: impl IntoIterator<Item = V>,
        until: DateTime<Utc>,
    ) -> StoreResult<()> {
        E::update_many()
            .col_expr(self.claimed_until, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(self.key.is_in(keys))
            .filter(self.claimed_until.eq(until))
            .exec(db)
            .await?;
        Ok(())
    }
}
