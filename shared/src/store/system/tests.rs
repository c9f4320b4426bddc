//! The system paths on both databases: outbox claims and leases, timer
//! claims, and what the sweep prunes.

use crate::domain::audit::AuditMeta;
use crate::ids::{EventId, OrgId};
use crate::store::test_support::{Backend, org_with_owner, test_store};
use crate::store::{AttemptOutcome, NewDelivery};

async fn open_incident(scope: &crate::store::OrgStore<'_>, by: crate::ids::UserId, title: &str, meta: &AuditMeta) {
    let new = crate::store::NewIncident {
        title: title.to_owned(),
        description: String::new(),
        severity: crate::domain::incidents::Severity::P3,
        assignees: vec![],
        commander: None,
        labels: vec![],
        source: crate::domain::incidents::Source::Api,
        team: None,
        created_by: by,
        links: vec![],
    };
    scope.incidents().create(new, None, meta).await.expect("create").expect("created");
}

/// Concurrent relays take disjoint events; claimed events wait out their
/// lease; released ones come back; relayed ones never do.
async fn outbox_claims(backend: Backend) {
    let (store, _db) = test_store(backend).await;
    let (access, alice) = org_with_owner(&store).await;
    let scope = store.org_store(&access);
    let meta = AuditMeta::system("test");
    for n in 0..6 {
        open_incident(&scope, alice, &format!("Claim {n}"), &meta).await;
    }
    let system = store.system();
    let (first, second) = tokio::join!(system.claim_outbox(4), system.claim_outbox(4));
    let (first, second) = (first.expect("claim"), second.expect("claim"));
    let rest = store.system().claim_outbox(10).await.expect("claim");
    let seqs_of = |claimed: &crate::store::Claimed<_>| -> Vec<i64> {
        claimed.rows.iter().map(|(_, e): &(OrgId, crate::store::EventRecord)| e.seq).collect()
    };
    let mut seqs: Vec<i64> = [seqs_of(&first), seqs_of(&second), seqs_of(&rest)].concat();
    seqs.sort_unstable();
    let total = seqs.len();
    seqs.dedup();
    assert_eq!((seqs.len(), total), (6, 6), "every event claimed exactly once");
    assert!(store.system().claim_outbox(10).await.expect("claim").rows.is_empty(), "leased events are not claimable");
    // Marking or releasing needs the lease the events are held under.
    let stranger = first.until + chrono::Duration::milliseconds(1);
    store.system().mark_relayed(&seqs_of(&first), stranger).await.expect("not ours");
    store.system().release_claims(&seqs_of(&first), stranger).await.expect("not ours");
    assert!(store.system().claim_outbox(10).await.expect("claim").rows.is_empty(), "still held by their relays");
    store.system().mark_relayed(&seqs_of(&first), first.until).await.expect("relayed");
    store.system().release_claims(&seqs_of(&second), second.until).await.expect("released");
    store.system().release_claims(&seqs_of(&rest), rest.until).await.expect("released");
    let mut second_seqs = [seqs_of(&second), seqs_of(&rest)].concat();
    second_seqs.sort_unstable();
    let again: Vec<i64> = seqs_of(&store.system().claim_outbox(10).await.expect("claim"));
    assert_eq!(again, second_seqs, "released events come back, relayed ones do not");
}

/// An event this release cannot read is skipped, not a stop for the rest.
async fn unreadable_events_hold_up_nothing(backend: Backend) {
    let (store, _db) = test_store(backend).await;
    let (access, owner) = org_with_owner(&store).await;
    let unknown = crate::store::entities::outbox_event::ActiveModel {
        event_id: sea_orm::Set(uuid::Uuid::now_v7()),
        org_id: sea_orm::Set(access.org().id.uuid()),
        event_type: sea_orm::Set("incident.from_the_future".to_owned()),
        subject_kind: sea_orm::Set(None),
        subject_id: sea_orm::Set(None),
        payload: sea_orm::Set("{}".to_owned()),
        created_at: sea_orm::Set(chrono::Utc::now()),
        claimed_until: sea_orm::Set(None),
        relayed_at: sea_orm::Set(None),
        ..Default::default()
    };
    sea_orm::ActiveModelTrait::insert(unknown, &store.db).await.expect("insert");
    open_incident(&store.org_store(&access), owner, "Readable", &AuditMeta::system("test")).await;
    let claimed = store.system().claim_outbox(10).await.expect("the claim succeeds");
    let types: Vec<&str> = claimed.rows.iter().map(|(_, event)| event.event_type.key()).collect();
    assert_eq!(types, ["incident.created"], "the readable event, and it alone");
}

#[tokio::test]
async fn unreadable_events_hold_up_nothing_on_sqlite() {
    unreadable_events_hold_up_nothing(Backend::Sqlite).await;
}

#[tokio::test]
async fn unreadable_events_hold_up_nothing_on_postgres() {
    unreadable_events_hold_up_nothing(Backend::Postgres).await;
}

#[tokio::test]
async fn outbox_claims_on_sqlite() {
    outbox_claims(Backend::Sqlite).await;
}

#[tokio::test]
async fn outbox_claims_on_postgres() {
    outbox_claims(Backend::Postgres).await;
}

/// A retry the sweep queued is queued once, and taken by its message once.
async fn delivery_claims(backend: Backend) {
    let (store, _db) = test_store(backend).await;
    let (access, _) = org_with_owner(&store).await;
    let scope = store.org_store(&access);
    let new = NewDelivery {
        id: "dlv_claims".to_owned(),
        event_id: EventId::new(),
        incident_id: None,
        channel: "slack".to_owned(),
        recipient: "org".to_owned(),
        notice: serde_json::json!({}),
    };
    let recorded = scope.record_delivery(new.clone()).await.expect("recorded");
    assert!(recorded.is_some(), "held for its recorder");
    assert!(scope.record_delivery(new).await.expect("recorded again").is_none(), "recorded once");
    assert!(
        store.system().claim_due_deliveries(10).await.expect("sweep").rows.is_empty(),
        "the sweep leaves it to its recorder"
    );
    assert!(
        scope.claim_delivery("dlv_claims", None).await.expect("claim").is_none(),
        "nor may another message take it"
    );
    let first = scope.claim_delivery("dlv_claims", recorded).await.expect("claim").expect("first attempt");
    assert!(scope.claim_delivery("dlv_claims", recorded).await.expect("claim").is_none(), "held by the first attempt");
    let failed = AttemptOutcome::Failed {
        status_code: Some(500),
        error: "HTTP 500".to_owned(),
        retry_at: Some(chrono::Utc::now() - chrono::Duration::seconds(1)),
    };
    scope.record_attempt(&first, &failed).await.expect("attempt");

    let queued = store.system().claim_due_deliveries(10).await.expect("sweep");
    assert_eq!(queued.rows.iter().map(|(_, id)| id.as_str()).collect::<Vec<_>>(), ["dlv_claims"]);
    assert!(
        store.system().claim_due_deliveries(10).await.expect("sweep").rows.is_empty(),
        "the next sweep does not queue it again"
    );
    assert!(scope.claim_delivery("dlv_claims", None).await.expect("claim").is_none(), "held for its message");

    // The queue refused the message: the lease is given back, and the next sweep queues it again.
    store.system().release_deliveries(&["dlv_claims".to_owned()], queued.until).await.expect("release");
    let queued = store.system().claim_due_deliveries(10).await.expect("sweep");
    assert_eq!(queued.rows.len(), 1, "queued again after the release");
    // The lease travels as JSON (in the queue message), and still matches.
    let lease: Option<chrono::DateTime<chrono::Utc>> =
        serde_json::from_str(&serde_json::to_string(&Some(queued.until)).expect("json")).expect("lease");
    let taken = scope.claim_delivery("dlv_claims", lease).await.expect("claim").expect("the message takes it");
    assert_eq!(taken.attempts, 1);
    assert!(scope.claim_delivery("dlv_claims", lease).await.expect("claim").is_none(), "a duplicate message does not");
}

#[tokio::test]
async fn delivery_claims_on_sqlite() {
    delivery_claims(Backend::Sqlite).await;
}

#[tokio::test]
async fn delivery_claims_on_postgres() {
    delivery_claims(Backend::Postgres).await;
}

/// What the sweep prunes: relayed events past their retention (in bounded
/// batches) and expired idempotency keys; never an event still waiting to
/// be relayed, and an incident's trigger outlives its event.
async fn retention(backend: Backend) {
    use crate::domain::incidents::{Severity, Source};
    // How long the sweep keeps relayed events (its policy; here, a cutoff).
    const RELAYED_EVENT_RETENTION: chrono::Duration = chrono::Duration::days(14);
    let (store, _db) = test_store(backend).await;
    let start = chrono::Utc::now() - chrono::Duration::days(30);
    let clock = crate::clock::Clock::manual(start);
    let store = store.with_clock(clock.clone());
    let (access, owner) = org_with_owner(&store).await;
    let scope = store.org_store(&access);
    let meta = AuditMeta::system("test");
    let incident = |title: &str| crate::store::NewIncident {
        title: title.to_owned(),
        description: String::new(),
        severity: Severity::P3,
        assignees: vec![],
        commander: None,
        labels: vec![],
        source: Source::Api,
        team: None,
        created_by: owner,
        links: vec![],
    };
    let mut relayed = Vec::new();
    for n in 0..3 {
        let (created, _) = scope
            .incidents()
            .create(incident(&format!("Old {n}")), Some(&format!("key-{n}")), &meta)
            .await
            .expect("create")
            .expect("created");
        relayed.push(created);
    }
    let claimed = store.system().claim_outbox(10).await.expect("claim");
    let seqs: Vec<i64> = claimed.rows.iter().map(|(_, event)| event.seq).collect();
    store.system().mark_relayed(&seqs, claimed.until).await.expect("relayed");
    scope.incidents().create(incident("Never relayed"), None, &meta).await.expect("create").expect("created");

    // Within retention nothing goes.
    clock.set(start + RELAYED_EVENT_RETENTION - chrono::Duration::minutes(1));
    let cutoff = store.now() - RELAYED_EVENT_RETENTION;
    assert_eq!(store.system().prune_relayed_events(cutoff, 1000).await.expect("prune"), 0);
    // Past it, the relayed events go, a bounded batch at a time; the one
    // still waiting stays.
    clock.set(start + RELAYED_EVENT_RETENTION + chrono::Duration::minutes(1));
    let cutoff = store.now() - RELAYED_EVENT_RETENTION;
    assert_eq!(store.system().prune_relayed_events(cutoff, 2).await.expect("prune"), 2);
    assert_eq!(store.system().prune_relayed_events(cutoff, 2).await.expect("prune"), 1);
    assert_eq!(store.system().prune_relayed_events(cutoff, 2).await.expect("prune"), 0);
    let left = scope.events().after(0, 100).await.expect("events");
    assert_eq!(left.len(), 1, "the unrelayed event is kept");
    assert_eq!(left[0].data["title"], "Never relayed");
    let still_pending = store.system().claim_outbox(10).await.expect("claim");
    assert_eq!(still_pending.rows.len(), 1, "and still relayed");
    // The escalation's notion of "the latest trigger" survives the prune.
    let trigger = scope.incidents().latest_trigger_event(relayed[0].id).await.expect("trigger");
    assert!(trigger.is_some(), "an incident keeps its trigger after its event is pruned");

    // Idempotency keys expire after a day and are pruned; a key used again
    // after expiry creates a new incident.
    assert_eq!(store.system().prune_idempotency_keys(store.now(), 2).await.expect("prune"), 2);
    let (again, fresh) =
        scope.incidents().create(incident("Again"), Some("key-0"), &meta).await.expect("create").expect("created");
    assert!(fresh, "an expired key does not replay");
    assert_ne!(again.id, relayed[0].id);
    let (replayed, fresh) =
        scope.incidents().create(incident("Again"), Some("key-0"), &meta).await.expect("create").expect("created");
    assert!(!fresh && replayed.id == again.id, "a live key replays");
    let (expired_unpruned, fresh) =
        scope.incidents().create(incident("Over"), Some("key-2"), &meta).await.expect("create").expect("created");
    assert!(fresh && expired_unpruned.id != relayed[2].id, "an expired key does not replay, pruned yet or not");
}

#[tokio::test]
async fn retention_on_sqlite() {
    retention(Backend::Sqlite).await;
}

#[tokio::test]
async fn retention_on_postgres() {
    retention(Backend::Postgres).await;
}
