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

use super::records::{DomainEvent, Entry, TimelineRecord, events, timeline};
use super::{OrgStore, StoreResult, audit, lock_org};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::records::RecordRef;
use crate::ids::OrgId;

pub(super) struct UnitOfWork<'m> {
    tx: DatabaseTransaction,
    org_id: OrgId,
    at: DateTime<Utc>,
    meta: &'m AuditMeta,
    audit: Vec<AuditEntry>,
    events: Vec<DomainEvent>,
    serialised: bool,
}

impl<'m> UnitOfWork<'m> {
    pub(super) async fn begin(
        db: &DatabaseConnection,
        org_id: OrgId,
        at: DateTime<Utc>,
        meta: &'m AuditMeta,
    ) -> StoreResult<Self> {
        Ok(Self { tx: db.begin().await?, org_id, at, meta, audit: Vec::new(), events: Vec::new(), serialised: false })
    }

    /// The transaction, for the change itself.
    pub(super) fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub(super) fn now(&self) -> DateTime<Utc> {
        self.at
    }

    /// Stamps the rest of the write with the time now: after it has waited
    /// for its turn (a row lock, the serialised tail), so that what commits
    /// later never carries an earlier time.
    pub(super) fn restamp(&mut self, clock: &crate::clock::Clock) {
        self.at = clock.now();
    }

    /// Enters the organisation's serialised tail: until the commit, no other
    /// write of the organisation passes this point. Call it as late as the
    /// write allows; [`Self::commit`] enters it if the write has not.
    pub(super) async fn serialise(&mut self) -> StoreResult<()> {
        if !self.serialised {
            lock_org(&self.tx, self.org_id).await?;
            self.serialised = true;
        }
        Ok(())
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
        UnitOfWork::begin(self.db, self.org_id, self.clock.now(), meta).await
    }
}
