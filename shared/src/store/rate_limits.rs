//! Windowed counters in the database, so every process and function
//! instance shares one count.

use sea_orm::FromQueryResult;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};

use super::entities::rate_limit;
use super::{Store, StoreResult};

#[derive(FromQueryResult)]
struct Hits {
    hits: i32,
}

impl Store {
    /// Counts one hit on `bucket` in the window starting at `window_start`
    /// (seconds since the epoch) and returns the window's count so far.
    pub async fn hit_rate_limit(&self, bucket: &str, window_start: i64) -> StoreResult<u32> {
        let mut insert = Query::insert();
        insert
            .into_table(rate_limit::Entity)
            .columns([rate_limit::Column::Bucket, rate_limit::Column::WindowStart, rate_limit::Column::Hits])
            .values([bucket.into(), window_start.into(), 1.into()])?
            .on_conflict(
                OnConflict::columns([rate_limit::Column::Bucket, rate_limit::Column::WindowStart])
                    .value(rate_limit::Column::Hits, Expr::col((rate_limit::Entity, rate_limit::Column::Hits)).add(1))
                    .to_owned(),
            )
            .returning_col(rate_limit::Column::Hits);
        let statement = self.db.get_database_backend().build(&insert);
        let row = Hits::find_by_statement(statement).one(&self.db).await?;
        Ok(row.map_or(1, |r| u32::try_from(r.hits).unwrap_or(u32::MAX)))
    }

    /// The hits counted in `bucket`'s window starting at `window_start` and
    /// in the one before it, `window_secs` earlier: (current, previous).
    pub async fn rate_limit_hits(&self, bucket: &str, window_start: i64, window_secs: i64) -> StoreResult<(u32, u32)> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let rows = rate_limit::Entity::find()
            .filter(rate_limit::Column::Bucket.eq(bucket))
            .filter(rate_limit::Column::WindowStart.is_in([window_start, window_start - window_secs]))
            .all(&self.db)
            .await?;
        let hits_in = |start: i64| {
            rows.iter()
                .find(|row| row.window_start == start)
                .map_or(0, |row| u32::try_from(row.hits).unwrap_or(u32::MAX))
        };
        Ok((hits_in(window_start), hits_in(window_start - window_secs)))
    }

    /// Forgets the windows of limit `name` that started before `before`
    /// (seconds since the epoch); other limits' windows are left alone.
    pub async fn prune_rate_limits(&self, name: &str, before: i64) -> StoreResult<()> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        rate_limit::Entity::delete_many()
            .filter(rate_limit::Column::Bucket.starts_with(format!("{name}:")))
            .filter(rate_limit::Column::WindowStart.lt(before))
            .exec(&self.db)
            .await?;
        Ok(())
    }
}
