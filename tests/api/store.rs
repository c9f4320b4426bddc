//! The store on its own, on both databases: migrations, the org-scoped door,
//! counters and the audit chain. (The system paths — claims, leases,
//! prunes — are tested inside the crate, in `store::system::tests`.)

use simplicity_shared::domain::audit::{AuditEntry, AuditMeta};
use simplicity_shared::domain::org::OrgSlug;
use simplicity_shared::ids::{OrgId, UserId};
use simplicity_shared::store::{NewOrg, NewUser, Store};

use crate::helpers::{Backend, TestDb};

async fn store(backend: Backend) -> (Store, TestDb) {
    simplicity_shared::tls::install_crypto();
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
}

#[tokio::test]
async fn store_on_sqlite() {
    exercise(Backend::Sqlite).await;
}

#[tokio::test]
async fn store_on_postgres() {
    exercise(Backend::Postgres).await;
}
