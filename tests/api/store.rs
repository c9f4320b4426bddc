//! The store on its own, on both databases: migrations, the org-scoped door,
//! counters and the audit chain.

use simplicity_shared::domain::audit::{AuditEntry, AuditMeta};
use simplicity_shared::domain::org::OrgSlug;
use simplicity_shared::ids::{EventId, OrgId, UserId};
use simplicity_shared::notify::worker::QueueMessage;
use simplicity_shared::store::{AttemptOutcome, NewDelivery, NewOrg, NewUser, Store};

use crate::helpers::{Backend, TestDb};

async fn store(backend: Backend) -> (Store, TestDb) {
    simplicity_shared::runner::install_crypto();
    let db = TestDb::create(backend).await;
    let store = Store::connect(&db.url).await.expect("connect");
    store.migrate().await.expect("migrate");
    (store, db)
}

async fn user(store: &Store, name: &str) -> UserId {
    let new = NewUser {
        email: format!("{name}-{}@example.com", uuid::Uuid::new_v4().simple()),
        name: name.to_owned(),
        password_hash: "$argon2id$unused".to_owned(),
        email_verified_at: None,
    };
    store.insert_user(new, &AuditMeta::system("test")).await.expect("user").id
}

async fn exercise(backend: Backend) {
    let (store, _db) = store(backend).await;
    // Migrating again is a no-op.
    store.migrate().await.expect("second migrate");

    let alice = user(&store, "alice").await;
    let bob = user(&store, "bob").await;
    let slug = OrgSlug::parse(&format!("org-{}", &uuid::Uuid::new_v4().simple().to_string()[..8])).expect("slug");
    let org =
        store.create_org(NewOrg { name: "Org".into(), slug }, alice, &AuditMeta::system("test")).await.expect("org");

    // The door opens for members only; unknown orgs stay shut.
    assert!(store.member_access(alice, org.id).await.expect("query").is_some());
    assert!(store.member_access(bob, org.id).await.expect("query").is_none());
    assert!(store.member_access(alice, OrgId::new()).await.expect("query").is_none());

    let access = store.member_access(alice, org.id).await.expect("query").expect("member");
    let scope = store.org_store(&access);
    let members = scope.members().await.expect("members");
    assert_eq!(members.iter().map(|m| m.user_id).collect::<Vec<_>>(), [alice]);

    // Audit appends chain and verify.
    let meta = AuditMeta::system("test");
    for _ in 0..3 {
        scope.set_features(&[], &meta).await.expect("audited change");
    }
    let report = scope.verify_audit_chain().await.expect("verify");
    assert_eq!((report.checked, report.first_broken), (4, None));

    // Rate-limit counters count per bucket and window.
    assert_eq!(store.hit_rate_limit("test:a", 100).await.expect("hit"), 1);
    assert_eq!(store.hit_rate_limit("test:a", 100).await.expect("hit"), 2);
    assert_eq!(store.hit_rate_limit("test:a", 200).await.expect("hit"), 1);
    assert_eq!(store.hit_rate_limit("test:b", 100).await.expect("hit"), 1);

    // Account-level events have their own chain and do not touch the org's.
    store
        .record_account_event(
            &AuditMeta::system("test"),
            AuditEntry::new("user.signed_out", alice, serde_json::json!({})),
        )
        .await
        .expect("account event");
    assert_eq!(scope.verify_audit_chain().await.expect("verify").checked, 4);

    // Outbox claims: concurrent relays take disjoint events; claimed events
    // wait out their lease; released ones come back; relayed ones never do.
    for n in 0..6 {
        let new = simplicity_shared::store::NewIncident {
            title: format!("Claim {n}"),
            description: String::new(),
            severity: simplicity_shared::domain::incidents::Severity::P3,
            assignees: vec![],
            commander: None,
            labels: vec![],
            source: simplicity_shared::domain::incidents::Source::Api,
            created_by: alice,
        };
        scope.create_incident(new, None, &meta).await.expect("create").expect("created");
    }
    let (first, second) = tokio::join!(store.claim_outbox(4), store.claim_outbox(4));
    let (first, second) = (first.expect("claim"), second.expect("claim"));
    let rest = store.claim_outbox(10).await.expect("claim");
    let seqs_of = |claimed: &simplicity_shared::store::Claimed<_>| -> Vec<i64> {
        claimed.rows.iter().map(|(_, e): &(OrgId, simplicity_shared::store::EventRecord)| e.seq).collect()
    };
    let mut seqs: Vec<i64> = [seqs_of(&first), seqs_of(&second), seqs_of(&rest)].concat();
    seqs.sort_unstable();
    let total = seqs.len();
    seqs.dedup();
    assert_eq!((seqs.len(), total), (6, 6), "every event claimed exactly once");
    assert!(store.claim_outbox(10).await.expect("claim").rows.is_empty(), "leased events are not claimable");
    // Marking or releasing needs the lease the events are held under.
    let stranger = first.until + chrono::Duration::milliseconds(1);
    store.mark_relayed(&seqs_of(&first), stranger).await.expect("not ours");
    store.release_claims(&seqs_of(&first), stranger).await.expect("not ours");
    assert!(store.claim_outbox(10).await.expect("claim").rows.is_empty(), "still held by their relays");
    store.mark_relayed(&seqs_of(&first), first.until).await.expect("relayed");
    store.release_claims(&seqs_of(&second), second.until).await.expect("released");
    store.release_claims(&seqs_of(&rest), rest.until).await.expect("released");
    let mut second_seqs = [seqs_of(&second), seqs_of(&rest)].concat();
    second_seqs.sort_unstable();
    let again: Vec<i64> = seqs_of(&store.claim_outbox(10).await.expect("claim"));
    assert_eq!(again, second_seqs, "released events come back, relayed ones do not");
}

#[tokio::test]
async fn store_on_sqlite() {
    exercise(Backend::Sqlite).await;
}

#[tokio::test]
async fn store_on_postgres() {
    exercise(Backend::Postgres).await;
}

/// A retry the sweep queued is queued once, and taken by its message once.
async fn delivery_claims(backend: Backend) {
    let (store, _db) = store(backend).await;
    let owner = user(&store, "owner").await;
    let slug = OrgSlug::parse(&format!("org-{}", &uuid::Uuid::new_v4().simple().to_string()[..8])).expect("slug");
    let org =
        store.create_org(NewOrg { name: "Org".into(), slug }, owner, &AuditMeta::system("test")).await.expect("org");
    let access = store.system_access(org.id).await.expect("access").expect("org");
    let scope = store.org_store(&access);
    let new = NewDelivery {
        id: "dlv_claims".to_owned(),
        event_id: EventId::new(),
        incident_id: None,
        channel: "slack".to_owned(),
        recipient: "org".to_owned(),
        notice: serde_json::json!({}),
    };
    scope.record_delivery(new).await.expect("recorded");
    let first = scope.claim_delivery("dlv_claims", None).await.expect("claim").expect("first attempt");
    assert!(scope.claim_delivery("dlv_claims", None).await.expect("claim").is_none(), "held by the first attempt");
    let failed = AttemptOutcome::Failed {
        status_code: Some(500),
        error: "HTTP 500".to_owned(),
        retry_at: Some(chrono::Utc::now() - chrono::Duration::seconds(1)),
    };
    scope.record_attempt(&first, &failed).await.expect("attempt");

    let queued = store.claim_due_deliveries(10).await.expect("sweep");
    assert_eq!(queued.rows.iter().map(|(_, id)| id.as_str()).collect::<Vec<_>>(), ["dlv_claims"]);
    assert!(
        store.claim_due_deliveries(10).await.expect("sweep").rows.is_empty(),
        "the next sweep does not queue it again"
    );
    assert!(scope.claim_delivery("dlv_claims", None).await.expect("claim").is_none(), "held for its message");

    // The queue refused the message: the lease is given back, and the next sweep queues it again.
    store.release_deliveries(&["dlv_claims".to_owned()], queued.until).await.expect("release");
    let queued = store.claim_due_deliveries(10).await.expect("sweep");
    assert_eq!(queued.rows.len(), 1, "queued again after the release");
    // The lease travels as JSON in the message, and still matches.
    let message =
        QueueMessage::Deliver { org_id: org.id, delivery_id: "dlv_claims".to_owned(), lease: Some(queued.until) };
    let QueueMessage::Deliver { lease, .. } =
        serde_json::from_str(&serde_json::to_string(&message).expect("json")).expect("message")
    else {
        panic!("not a delivery message");
    };
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
    use simplicity_shared::domain::incidents::{Severity, Source};
    use simplicity_shared::jobs::sweep::RELAYED_EVENT_RETENTION;
    let (store, _db) = store(backend).await;
    let start = chrono::Utc::now() - chrono::Duration::days(30);
    let clock = simplicity_shared::clock::Clock::manual(start);
    let store = store.with_clock(clock.clone());
    let owner = user(&store, "owner").await;
    let slug = OrgSlug::parse(&format!("org-{}", &uuid::Uuid::new_v4().simple().to_string()[..8])).expect("slug");
    let org =
        store.create_org(NewOrg { name: "Org".into(), slug }, owner, &AuditMeta::system("test")).await.expect("org");
    let access = store.system_access(org.id).await.expect("access").expect("org");
    let scope = store.org_store(&access);
    let meta = AuditMeta::system("test");
    let incident = |title: &str| simplicity_shared::store::NewIncident {
        title: title.to_owned(),
        description: String::new(),
        severity: Severity::P3,
        assignees: vec![],
        commander: None,
        labels: vec![],
        source: Source::Api,
        created_by: owner,
    };
    let mut relayed = Vec::new();
    for n in 0..3 {
        let (created, _) = scope
            .create_incident(incident(&format!("Old {n}")), Some(&format!("key-{n}")), &meta)
            .await
            .expect("create")
            .expect("created");
        relayed.push(created);
    }
    let claimed = store.claim_outbox(10).await.expect("claim");
    let seqs: Vec<i64> = claimed.rows.iter().map(|(_, event)| event.seq).collect();
    store.mark_relayed(&seqs, claimed.until).await.expect("relayed");
    scope.create_incident(incident("Never relayed"), None, &meta).await.expect("create").expect("created");

    // Within retention nothing goes.
    clock.set(start + RELAYED_EVENT_RETENTION - chrono::Duration::minutes(1));
    let cutoff = store.now() - RELAYED_EVENT_RETENTION;
    assert_eq!(store.prune_relayed_events(cutoff, 1000).await.expect("prune"), 0);
    // Past it, the relayed events go, a bounded batch at a time; the one
    // still waiting stays.
    clock.set(start + RELAYED_EVENT_RETENTION + chrono::Duration::minutes(1));
    let cutoff = store.now() - RELAYED_EVENT_RETENTION;
    assert_eq!(store.prune_relayed_events(cutoff, 2).await.expect("prune"), 2);
    assert_eq!(store.prune_relayed_events(cutoff, 2).await.expect("prune"), 1);
    assert_eq!(store.prune_relayed_events(cutoff, 2).await.expect("prune"), 0);
    let left = scope.events_after(0, 100).await.expect("events");
    assert_eq!(left.len(), 1, "the unrelayed event is kept");
    assert_eq!(left[0].data["title"], "Never relayed");
    let still_pending = store.claim_outbox(10).await.expect("claim");
    assert_eq!(still_pending.rows.len(), 1, "and still relayed");
    // The escalation's notion of "the latest trigger" survives the prune.
    let trigger = scope.latest_trigger_event(relayed[0].id).await.expect("trigger");
    assert!(trigger.is_some(), "an incident keeps its trigger after its event is pruned");

    // Idempotency keys expire after a day and are pruned; a key used again
    // after expiry creates a new incident.
    assert_eq!(store.prune_idempotency_keys(store.now(), 2).await.expect("prune"), 2);
    let (again, fresh) =
        scope.create_incident(incident("Again"), Some("key-0"), &meta).await.expect("create").expect("created");
    assert!(fresh, "an expired key does not replay");
    assert_ne!(again.id, relayed[0].id);
    let (replayed, fresh) =
        scope.create_incident(incident("Again"), Some("key-0"), &meta).await.expect("create").expect("created");
    assert!(!fresh && replayed.id == again.id, "a live key replays");
    let (expired_unpruned, fresh) =
        scope.create_incident(incident("Over"), Some("key-2"), &meta).await.expect("create").expect("created");
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
