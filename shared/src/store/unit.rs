//! One organisation's write as a unit: the change, its audit entries and
//! its domain events commit together or not at all.
//!
//! Shaped for concurrency. Most of a write (reads, checks, row locks on the
//! record it changes, rows only it touches) runs alongside the
//! organisation's other writes. Only its tail is serialised per
//! organisation, from [`UnitOfWork::serialise`] to the commit: what must be
//! (the per-kind number counter, the rollups' read-modify-write, the audit
//! chain's tail) and the domain events, so that within an organisation
//! their `seq` order is their commit order — the event stream resumes from
//! a `seq` and must never pass over one that commits later.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};

use super::records::idempotency::Key;
use super::records::{DomainEvent, Entry, TimelineRecord, counters, events, timeline};
use super::{OrgStore, StoreResult, audit, lock_org};
use crate::clock::Clock;
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::records::{RecordKind, RecordNumber, RecordRef};
use crate::ids::OrgId;

pub(super) struct UnitOfWork<'m> {
    tx: DatabaseTransaction,
    org_id: OrgId,
    clock: Clock,
    at: DateTime<Utc>,
    meta: &'m AuditMeta,
    audit: Vec<AuditEntry>,
    events: Vec<DomainEvent>,
    serialised: bool,
}

impl<'m> UnitOfWork<'m> {
    #[tracing::instrument(name = "store.begin", skip_all, fields(org_id = %org_id))]
    pub(super) async fn begin(
        db: &DatabaseConnection,
        org_id: OrgId,
        clock: Clock,
        meta: &'m AuditMeta,
    ) -> StoreResult<Self> {
        let (tx, at) = (db.begin().await?, clock.now());
        Ok(Self { tx, org_id, clock, at, meta, audit: Vec::new(), events: Vec::new(), serialised: false })
    }

    /// The transaction, for the change itself.
    pub(super) fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub(super) fn now(&self) -> DateTime<Utc> {
        self.at
    }

    pub(super) fn org_id(&self) -> OrgId {
        self.org_id
    }

    /// Who the write acts for, when a person.
    pub(super) fn actor(&self) -> Option<crate::ids::UserId> {
        self.meta.actor_id
    }

    /// Stamps the rest of the write with the time now: after it has waited
    /// for its turn (a row lock; the serialised tail restamps itself), so
    /// that what commits later never carries an earlier time.
    pub(super) fn restamp(&mut self) {
        self.at = self.clock.now();
    }

    /// Enters the organisation's serialised tail: until the commit, no other
    /// write of the organisation passes this point. Call it as late as the
    /// write allows; [`Self::commit`] enters it if the write has not. The
    /// tail (audit entries, events) is stamped once the turn is ours, so
    /// their times rise with their `seq`.
    pub(super) async fn serialise(&mut self) -> StoreResult<()> {
        if !self.serialised {
            lock_org(&self.tx, self.org_id).await?;
            self.serialised = true;
            self.restamp();
        }
        Ok(())
    }

    /// For a create of `kind` under the caller's idempotency `key`: the id
    /// an earlier create with the key made, if still remembered (then the
    /// caller returns that record); else `key` now names `id`.
    pub(super) async fn idempotent(
        &self,
        kind: RecordKind,
        key: Option<&str>,
        id: uuid::Uuid,
    ) -> StoreResult<Option<uuid::Uuid>> {
        let Some(key) = key else { return Ok(None) };
        let key = Key { org_id: self.org_id, kind, key };
        if let Some(existing) = key.claim(&self.tx, self.at).await? {
            return Ok(Some(existing));
        }
        key.remember(&self.tx, id, self.at).await?;
        Ok(None)
    }

    /// The organisation's next number of `kind`, taken in the serialised
    /// tail so numbers follow commit order.
    pub(super) async fn next_number(&mut self, kind: RecordKind) -> StoreResult<RecordNumber> {
        self.serialise().await?;
        counters::next_number(&self.tx, self.org_id, kind).await
    }

    /// Appends `entry` to `subject`'s timeline now (timelines need no turn-taking).
    pub(super) async fn timeline(&self, subject: RecordRef, entry: Entry) -> StoreResult<TimelineRecord> {
        timeline::append(&self.tx, self.org_id, subject, self.at, self.meta, entry).await
    }

    pub(super) fn audit(&mut self, entry: AuditEntry) {
        self.audit.push(entry);
    }

    pub(super) fn emit(&mut self, event: DomainEvent) {
        self.events.push(event);
    }

    /// Appends the audit entries and the events, in the serialised tail, and commits.
    #[tracing::instrument(name = "store.commit", skip_all, fields(org_id = %self.org_id))]
    pub(super) async fn commit(mut self) -> StoreResult<()> {
        self.serialise().await?;
        for entry in self.audit {
            audit::append_serialised(&self.tx, self.org_id.uuid(), self.meta, entry, self.at).await?;
        }
        for event in self.events {
            events::emit(&self.tx, self.org_id, self.at, event).await?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

impl OrgStore<'_> {
    /// Starts a unit of work on this organisation, acting as `meta` says.
    pub(super) async fn unit<'m>(&self, meta: &'m AuditMeta) -> StoreResult<UnitOfWork<'m>> {
        UnitOfWork::begin(self.db, self.org_id, self.clock.clone(), meta).await
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use crate::clock::Clock;
    use crate::domain::audit::{AuditEntry, AuditMeta};
    use crate::store::AuditFilter;
    use crate::store::test_support::{Backend, org_with_owner, test_store};

    /// A write that waited for the organisation's turn stamps its tail once
    /// it has it, so audit times rise with their `seq`. PostgreSQL only: it
    /// is where the turn is a lock of its own (SQLite has one writer at a
    /// time, and a write waits at its first statement).
    #[tokio::test]
    async fn the_tail_is_stamped_when_its_turn_comes() {
        let (store, _db) = test_store(Backend::Postgres).await;
        let clock = Clock::manual(chrono::Utc::now());
        let store = store.with_clock(clock.clone());
        let (access, _) = org_with_owner(&store).await;
        let meta = AuditMeta::system("first");
        let scope = store.org_store(&access);
        let mut first = scope.unit(&meta).await.expect("unit");
        first.serialise().await.expect("the turn");
        let second = {
            let (store, access) = (store.clone(), access.clone());
            tokio::spawn(async move {
                let meta = AuditMeta::system("second");
                let mut unit = store.org_store(&access).unit(&meta).await.expect("unit");
                unit.audit(AuditEntry::new("test.second", access.org().id, json!({})));
                unit.commit().await.expect("commit");
            })
        };
        // The second has begun (at the old time) and waits for the turn.
        tokio::time::sleep(Duration::from_millis(300)).await;
        clock.set(clock.now() + chrono::Duration::minutes(1));
        first.restamp();
        first.audit(AuditEntry::new("test.first", access.org().id, json!({})));
        first.commit().await.expect("commit");
        second.await.expect("second");

        let mut events = scope.audit_events(&AuditFilter::default(), 10).await.expect("audit");
        events.sort_by_key(|e| e.seq);
        let tail: Vec<&str> = events.iter().rev().take(2).rev().map(|e| e.action.as_str()).collect();
        assert_eq!(tail, ["test.first", "test.second"]);
        assert!(events.windows(2).all(|w| w[0].created_at <= w[1].created_at), "times rise with seq: {events:?}");
    }
}
