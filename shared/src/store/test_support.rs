//! For the crate's own storage tests: a fresh database per test (a new
//! SQLite file, or a new PostgreSQL database dropped afterwards) and an
//! organisation with an owner.

use super::{NewOrg, NewUser, OrgAccess, Store};
use crate::domain::audit::AuditMeta;
use crate::domain::org::OrgSlug;
use crate::ids::UserId;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn postgres_server() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

async fn admin(sql: &str) {
    use sea_orm::ConnectionTrait;
    let admin = sea_orm::Database::connect(format!("{}/postgres", postgres_server())).await.expect("PostgreSQL");
    admin.execute_unprepared(sql).await.expect(sql);
    admin.close().await.expect("close");
}

/// Removes the test's database when dropped.
pub struct TestDb {
    name: String,
    backend: Backend,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self.backend {
            Backend::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(std::env::temp_dir().join(format!("{}.db{suffix}", self.name)));
                }
            }
            Backend::Postgres => {
                let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
                let _ = std::thread::spawn(move || {
                    tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime")
                        .block_on(admin(&sql));
                })
                .join();
            }
        }
    }
}

/// A migrated store over a database of its own.
pub async fn test_store(backend: Backend) -> (Store, TestDb) {
    let (store, db) = unmigrated_test_store(backend).await;
    store.migrate().await.expect("migrate");
    (store, db)
}

/// A new, empty database: for tests of a migration, which bring it to
/// the schema before theirs.
pub async fn unmigrated_test_store(backend: Backend) -> (Store, TestDb) {
    crate::tls::install_crypto();
    let name = format!("simplicity_unit_{}", uuid::Uuid::now_v7().simple());
    let url = match backend {
        Backend::Sqlite => format!("sqlite://{}?mode=rwc", std::env::temp_dir().join(format!("{name}.db")).display()),
        Backend::Postgres => {
            admin(&format!("CREATE DATABASE {name}")).await;
            format!("{}/{name}", postgres_server())
        }
    };
    (Store::connect(&url).await.expect("connect"), TestDb { name, backend })
}

/// A new person with an organisation of their own; the owner's access.
pub async fn org_with_owner(store: &Store) -> (OrgAccess, UserId) {
    let meta = AuditMeta::system("test");
    let new = NewUser {
        email: format!("owner-{}@example.com", uuid::Uuid::now_v7().simple()),
        name: "Owner".to_owned(),
        password_hash: "$argon2id$unused".to_owned(),
        email_verified_at: None,
    };
    let owner = store.insert_user(new, &meta).await.expect("user").id;
    let slug = OrgSlug::parse(&format!("org-{}", &uuid::Uuid::now_v7().simple().to_string()[..8])).expect("slug");
    let org = store.create_org(NewOrg { name: "Org".into(), slug }, owner, &meta).await.expect("org");
    let access = store.member_access(owner, org.id).await.expect("access").expect("member");
    (access, owner)
}
