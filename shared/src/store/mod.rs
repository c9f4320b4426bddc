//! Persistence through SeaORM, on SQLite (embedded default) or PostgreSQL.
//!
//! Entities are private to this module. Tables that belong to an organisation
//! are reachable only through an [`OrgStore`], which is built from an
//! [`OrgAccess`] — and an `OrgAccess` can only be obtained from a membership
//! check ([`Store::member_access`]).
//!
//! Outside this module the entities cannot even be named:
//!
//! ```compile_fail,E0603
//! use simplicity_shared::store::entities::membership::Entity;
//! ```
//!
//! and an `OrgAccess` cannot be forged:
//!
//! ```compile_fail,E0451
//! # fn forge(org: simplicity_shared::store::OrgRecord) {
//! let access = simplicity_shared::store::OrgAccess { org, member: None };
//! # }
//! ```

mod accounts;
mod approvals;
mod assets;
mod audit;
mod billing;
mod catalog;
mod changes;
mod entities;
mod incidents;
mod invites;
mod knowledge;
mod migrations;
mod notify;
mod oncall;
mod orgs;
mod problems;
mod rate_limits;
mod records;
mod requests;
mod scope;
mod search;
mod sla;
mod system;
mod teams;
mod tokens;
mod unit;

#[cfg(test)]
pub(crate) mod test_support;

use std::time::Duration;

use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr, SqlErr};
use sea_orm_migration::MigratorTrait;

use crate::clock::Clock;

pub use accounts::{NewUser, SessionRecord, UserRecord};
pub use approvals::{ApprovalRecord, Approvals, StepRecord, VoteOutcome, VoteRecord, VoteRefusal};
pub use assets::{
    ConfigItemRecord, ImpactNode, ImportOutcome, ImportRow, ImportRowError, ImportSummary, ItemEdit, ItemFields,
    ItemFilter, ItemRefusal, ItemType, Items, RelateRefusal, RelationshipRecord,
};
pub use audit::{AuditFilter, AuditRecord, ChainReport};
pub use billing::{BillingRecord, BillingUpdate, EventOutcome, Kept, StripeEventRecord};
pub use catalog::{Catalog, CatalogRefusal, CategoryEdit, CategoryRecord, ItemRecord, ItemSpec};
pub use changes::{
    ChangeConflict, ChangeEdit, ChangeEditRefusal, ChangeFilter, ChangeRecord, Changes, FailureRate, FlowRefusal,
    FreezeRecord, NewChange, NewFreeze, Voted,
};
pub use incidents::{
    ChangeRefusal, CreateRefusal, DailyRollup, Dashboard, IncidentChange, IncidentFilter, IncidentPage, IncidentRecord,
    IncidentSort, Incidents, NewIncident, StatusFilter,
};
pub use invites::{AcceptRefusal, InviteRecord, InviteRefusal, Joiner, NewInvite};
pub use knowledge::{
    ActionItemChange, ActionItemRecord, ArticleChange, ArticlePage, ArticleRecord, ArticleRefusal, Articles, FollowUps,
    KbSettingsRecord, NewActionItem, NewArticle, RevisionRecord,
};
pub use notify::{
    AttemptOutcome, AttemptRecord, ContactRecord, DeliveryRecord, DeliveryStatus, EscalationRecord, NewDelivery,
    WebhookEndpointRecord,
};
pub use oncall::{DocumentKind, DocumentRecord};
pub use orgs::{MemberRecord, MembershipRefusal, NewOrg, OrgAccess, OrgRecord};
pub use problems::{NewProblem, ProblemChange, ProblemFilter, ProblemRecord, ProblemRefusal, Problems};
pub use records::idempotency::IDEMPOTENCY_WINDOW;
pub use records::{
    DomainEvent, EventRecord, Events, ExternalLinkRecord, LinkRecord, LinkRefusal, LinkRelation, Links,
    NewExternalLink, RecordSummary, Records, TimelineKind, TimelineRecord,
};
pub use requests::{
    NewRequest, QueueFilter, QueuedTask, RequestFilter, RequestMove, RequestRecord, RequestRefusal, Requests, TaskEdit,
    TaskRecord,
};
pub use scope::OrgStore;
pub use search::{SearchHit, SearchQuery};
pub use sla::{CalendarRecord, ClockMove, ClockRecord, Compliance, Outcomes, PolicyRecord, Sla, SlaRefusal};
pub use system::{Claimed, SystemStore};
pub use teams::{NewTeam, OwnerRefusal, TeamChange, TeamRecord, TeamRefusal, Teams};
pub use tokens::{ApiTokenRecord, NewApiToken};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error")]
    Database(#[source] DbErr),
    /// The database could not serve the request in time (a lock or
    /// statement timeout, a deadlock victim, no free connection): trying
    /// again shortly may well succeed.
    #[error("the database is busy")]
    Busy(#[source] DbErr),
    /// A unique constraint rejected the write; names the constraint's column.
    #[error("duplicate value for {0}")]
    Duplicate(String),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("cannot prepare the database file")]
    Io(#[from] std::io::Error),
    #[error("cannot build a statement")]
    Statement(#[from] sea_orm::sea_query::error::Error),
}

impl StoreError {
    fn from_write(error: DbErr) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(message)) => Self::Duplicate(message),
            _ => error.into(),
        }
    }
}

/// SQLSTATEs of PostgreSQL that mean "not now" rather than "wrong":
/// serialization failure, deadlock, lock not available, query cancelled
/// (statement timeout).
const POSTGRES_BUSY: [&str; 4] = ["40001", "40P01", "55P03", "57014"];
/// SQLite's primary result codes SQLITE_BUSY and SQLITE_LOCKED.
const SQLITE_BUSY: [i32; 2] = [5, 6];

fn is_busy(error: &dyn sea_orm::sqlx::error::DatabaseError) -> bool {
    let code = error.code().unwrap_or_default();
    if error.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>().is_some() {
        code.parse::<i32>().is_ok_and(|extended| SQLITE_BUSY.contains(&(extended & 0xff)))
    } else {
        POSTGRES_BUSY.contains(&code.as_ref())
    }
}

impl From<DbErr> for StoreError {
    fn from(error: DbErr) -> Self {
        let busy = match &error {
            DbErr::ConnectionAcquire(_) => true,
            DbErr::Exec(sea_orm::RuntimeErr::SqlxError(cause))
            | DbErr::Query(sea_orm::RuntimeErr::SqlxError(cause)) => match &**cause {
                sea_orm::sqlx::Error::Database(database) => is_busy(database.as_ref()),
                sea_orm::sqlx::Error::PoolTimedOut => true,
                _ => false,
            },
            _ => false,
        };
        if busy { Self::Busy(error) } else { Self::Database(error) }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Which SQL engine backs the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    clock: Clock,
}

impl Store {
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let mut options = ConnectOptions::new(url);
        options.sqlx_logging(false).connect_timeout(Duration::from_secs(10)).acquire_timeout(Duration::from_secs(10));
        if url.starts_with("sqlite:") {
            prepare_sqlite_dir(url)?;
            // One connection: SQLite has one writer anyway, and a single
            // connection serialises transactions instead of failing them with
            // SQLITE_BUSY when a reader's snapshot goes stale.
            options.max_connections(1).map_sqlx_sqlite_opts(|opts| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .create_if_missing(true)
            });
        } else {
            // No request or job waits on a lock for ever, nor holds one from
            // an abandoned transaction: on every connection of the pool (sea-orm's
            // own `after_connect` runs once, on whichever connection it gets).
            // Set after connecting rather than as startup options, which
            // connection poolers often refuse. Connections open on first use:
            // a function that answers without the database (health) pays for
            // none at start-up.
            options.max_connections(16).connect_lazy(true).map_sqlx_postgres_pool_opts(|pool| {
                pool.after_connect(|conn, _| {
                    Box::pin(async move {
                        use sea_orm::sqlx::Executor;
                        conn.execute(SESSION_SETTINGS).await.map(|_| ())
                    })
                })
            });
        }
        let db = Database::connect(options).await?;
        // Best effort: another process (the server, while an operator runs
        // the CLI) may hold the write lock, and ANALYZE waits for none.
        match refresh_planner_statistics(&db).await {
            Err(StoreError::Busy(error)) => {
                tracing::info!(%error, "planner statistics left for later: the database is busy")
            }
            other => other?,
        }
        Ok(Self { db, clock: Clock::system() })
    }

    /// The same store, stamping incidents with `clock`'s time.
    pub fn with_clock(self, clock: Clock) -> Self {
        Self { clock, ..self }
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub async fn migrate(&self) -> StoreResult<()> {
        migrations::Migrator::up(&self.db, None).await?;
        Ok(())
    }

    /// Applies the migrations before the one named `name`.
    #[cfg(test)]
    pub(crate) async fn migrate_until(&self, name: &str) -> StoreResult<()> {
        use sea_orm_migration::MigratorTrait;
        let before = migrations::Migrator::migrations().iter().position(|m| m.name() == name).expect("a migration");
        migrations::Migrator::up(&self.db, Some(u32::try_from(before).expect("few"))).await?;
        Ok(())
    }

    /// Refreshes SQLite's planner statistics where tables changed much
    /// (nothing on PostgreSQL, whose autovacuum does it).
    pub async fn refresh_planner_statistics(&self) -> StoreResult<()> {
        refresh_planner_statistics(&self.db).await
    }

    /// Succeeds when the database answers a query.
    pub async fn ping(&self) -> StoreResult<()> {
        self.db.execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self.db.get_database_backend() {
            DatabaseBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }
}

/// Serialises the transactions that take `key` until they end. PostgreSQL
/// only: SQLite has a single writer already.
pub(crate) async fn lock_key<C: ConnectionTrait>(conn: &C, key: &str) -> StoreResult<()> {
    match conn.get_database_backend() {
        DatabaseBackend::Postgres => {
            conn.execute_raw(sea_orm::Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                [key.into()],
            ))
            .await?;
        }
        // SQLite has one writer at a time: a write that changes nothing makes
        // this transaction that writer now (waiting out the busy timeout),
        // before it reads what it will change. Reading first and writing
        // later fails at once if another process committed in between.
        _ => {
            conn.execute_unprepared("UPDATE orgs SET id = id WHERE 0 = 1").await?;
        }
    }
    Ok(())
}

/// Serialises writers of one audit chain (or of whatever else `chain`
/// names, such as an incident's escalation) until the transaction ends.
pub(crate) async fn lock_chain<C: ConnectionTrait>(conn: &C, chain: uuid::Uuid) -> StoreResult<()> {
    lock_key(conn, &chain.to_string()).await
}

/// Serialises writers of one organisation until the transaction ends, so
/// read-check-write sequences (last admin, seats, numbering, rollups, the
/// audit chain) cannot interleave. It is the audit chain's lock: a write
/// that takes it early (membership, billing) runs alone; incident writes
/// take it only for their tail (see `unit`).
pub(crate) async fn lock_org<C: ConnectionTrait>(conn: &C, org_id: crate::ids::OrgId) -> StoreResult<()> {
    lock_chain(conn, org_id.uuid()).await
}

/// SQLite plans from the statistics `ANALYZE` leaves; without them it takes
/// `org_id = ?` for selective and scans a whole organisation where a
/// primary-key lookup would do. `PRAGMA optimize` refreshes them where
/// tables changed much since, cheaply (a bounded sample): at start-up and
/// after bulk writes. PostgreSQL's autovacuum does this by itself.
pub(crate) async fn refresh_planner_statistics<C: ConnectionTrait>(conn: &C) -> StoreResult<()> {
    if conn.get_database_backend() == DatabaseBackend::Sqlite {
        conn.execute_unprepared("PRAGMA optimize=0x10002").await?;
    }
    Ok(())
}

/// What every PostgreSQL connection of the pool sets first.
const SESSION_SETTINGS: &str = "SET lock_timeout = '10s'; SET idle_in_transaction_session_timeout = '60s'";

/// Creates the directory of a file-backed SQLite URL (`sqlite://./data/x.db?…`).
fn prepare_sqlite_dir(url: &str) -> std::io::Result<()> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match std::path::Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// How often, and how far apart, an operator's command tries a write again
/// while the database is busy (on SQLite, another process's newer commit):
/// as an HTTP client would on 503.
pub const BUSY_RETRIES: u32 = 20;
pub const BUSY_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// Runs `write`, trying it again up to [`BUSY_RETRIES`] times while the
/// database is busy: for the operator's commands (`org set-plan`, `demo`),
/// which may run beside a server. Requests answer 503 instead.
pub async fn waiting_out_busy<T, F, Fut>(write: F) -> StoreResult<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = StoreResult<T>>,
{
    let mut retries = 0;
    loop {
        match write().await {
            Err(StoreError::Busy(_)) if retries < BUSY_RETRIES => {
                retries += 1;
                tokio::time::sleep(BUSY_PAUSE).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, TransactionTrait};

    use super::test_support::{Backend, unmigrated_test_store};

    /// Every connection of the pool carries the lock and idle limits, not
    /// only the first: four transactions open at once hold four connections.
    #[tokio::test]
    async fn every_pooled_postgres_connection_has_the_session_limits() {
        let (store, _db) = unmigrated_test_store(Backend::Postgres).await;
        let mut open = Vec::new();
        for _ in 0..4 {
            open.push(store.db.begin().await.expect("a transaction"));
        }
        let show = |sql: &str| sea_orm::Statement::from_string(sea_orm::DatabaseBackend::Postgres, sql.to_owned());
        let mut backends = std::collections::HashSet::new();
        for tx in &open {
            let row = tx.query_one_raw(show("SELECT pg_backend_pid()")).await.expect("pid").expect("row");
            backends.insert(row.try_get_by_index::<i32>(0).expect("pid"));
            for (setting, value) in [("lock_timeout", "10s"), ("idle_in_transaction_session_timeout", "1min")] {
                let row = tx.query_one_raw(show(&format!("SHOW {setting}"))).await.expect("show").expect("row");
                assert_eq!(row.try_get_by_index::<String>(0).expect("value"), value, "{setting}");
            }
        }
        assert_eq!(backends.len(), 4, "four connections");
    }
}
