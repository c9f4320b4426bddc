//! The `simplicity` command: `serve` (local mode), `migrate`, `demo`, and
//! `deploy-manifests` (regenerates vercel.json, template.yaml and the bins).

use std::process::ExitCode;

use crate::config::Config;
use crate::domain::audit::AuditMeta;
use crate::domain::org::Plan;
use crate::runner::{self, BoxError};

const USAGE: &str = "usage: simplicity <command>

commands:
  serve [--host HOST] [--port PORT]   run the whole product locally (default 127.0.0.1:3000)
  migrate                             apply pending database migrations
  demo [--email E] [--password P]     fill the database with a demo organisation (acme-demo) to explore,
                                      written through the API; prints how to sign in (once per database)
  org set-plan <org slug or id> <free|pro|enterprise>
                                      set an organisation's plan (without Stripe); modules the
                                      plan does not include are switched off (data stays)
  deploy-manifests [--check]          write (or check) vercel.json, template.yaml and api/ from the endpoint list
  openapi                             print the API's OpenAPI document (web/scripts/api-types.mjs reads it)

environment: DATABASE_URL (default sqlite://./data/simplicity.db), PORT, HOST, PUBLIC_URL, SWEEP_INTERVAL_MS, RUST_LOG";

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("serve") => runner::block_on(serve(args[1..].to_vec())),
        Some("migrate") => runner::block_on(migrate()),
        Some("demo") => runner::block_on(demo(args[1..].to_vec())),
        Some("org") if args.get(1).map(String::as_str) == Some("set-plan") && args.len() == 4 => {
            runner::block_on(set_plan(args[2].clone(), args[3].clone()))
        }
        Some("deploy-manifests") => {
            let check = args.iter().any(|a| a == "--check");
            match crate::manifests::write_or_check(std::path::Path::new("."), check) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("openapi") => match serde_json::to_string_pretty(crate::http::docs::spec()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("cannot write the OpenAPI document: {error}");
                ExitCode::FAILURE
            }
        },
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

async fn serve(args: Vec<String>) -> Result<(), BoxError> {
    let mut host = None;
    let mut port = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || rest.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--host" => host = Some(value()?),
            "--port" => port = Some(value()?.parse()?),
            other => return Err(format!("unknown option {other}\n{USAGE}").into()),
        }
    }
    let addr = runner::local_addr(host, port)?;
    let mut config = Config::from_env(true)?;
    config.serve_at(addr);
    tracing::info!(url = %config.public_url, "open {} in a browser (PUBLIC_URL)", config.public_url);
    if !config.secure_cookies() {
        tracing::warn!(
            "PUBLIC_URL {} is plain http on a host other than this machine: the session cookie cannot be Secure; \
             use https for anything but a trial",
            config.public_url
        );
    }
    if config.sealer.is_none() {
        config.sealer = Some(local_sealer()?);
    }
    let state = crate::app::AppState::build(config).await?;
    let state = crate::server::start_background(state).await;
    runner::serve(crate::server::router(state), addr).await
}

/// Local mode without `SECRETS_KEY`: a key kept in `./data/secrets.key`,
/// made on first start, so integrations work with nothing to set up.
fn local_sealer() -> Result<crate::secrets::Sealer, BoxError> {
    let path = std::path::Path::new("data/secrets.key");
    let key = match std::fs::read_to_string(path) {
        Ok(key) => key,
        Err(_) => {
            std::fs::create_dir_all("data")?;
            let key = crate::secrets::Sealer::generate_key()?;
            std::fs::write(path, &key)?;
            #[cfg(unix)]
            std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
            key
        }
    };
    Ok(crate::secrets::Sealer::from_base64(&key)?)
}

/// A demo organisation for a newcomer: `simplicity demo`, then `serve`.
async fn demo(args: Vec<String>) -> Result<(), BoxError> {
    let (mut email, mut password) = ("demo@example.com".to_owned(), None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || rest.next().cloned().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--email" => email = value()?,
            "--password" => password = Some(value()?),
            other => return Err(format!("unknown option {other}\n{USAGE}").into()),
        }
    }
    // A made-up password is shown once, below; nothing else knows it.
    let password = match password {
        Some(password) => password,
        None => crate::domain::accounts::new_secret("demo-")?,
    };
    let mut config = Config::from_env(true)?;
    if config.sealer.is_none() {
        config.sealer = Some(local_sealer()?);
    }
    let public_url = config.public_url.clone();
    let state = crate::app::AppState::build(config).await?;
    let login = crate::demo::seed(&state, &email, &password).await?;
    println!(
        "Demo organisation ready: sign in at {}{} as {} / {}",
        public_url.trim_end_matches('/'),
        login.url_path,
        login.email,
        login.password
    );
    Ok(())
}

async fn migrate() -> Result<(), BoxError> {
    let config = Config::from_env(false)?;
    let store = crate::store::Store::connect(&config.database_url).await?;
    store.migrate().await?;
    tracing::info!("migrations applied");
    Ok(())
}

/// Operators without Stripe set plans here; recorded in the audit log.
async fn set_plan(org: String, plan: String) -> Result<(), BoxError> {
    let plan: Plan = plan.parse()?;
    let state = crate::app::AppState::build(Config::from_env(true)?).await?;
    let found = state.store.find_org(&org).await?.ok_or_else(|| format!("no organisation {org:?}"))?;
    let meta = AuditMeta::system("simplicity org set-plan");
    // A running server may be writing.
    let (updated, change) = crate::store::waiting_out_busy(|| state.store.set_plan(found.id, plan, &meta)).await?;
    println!("{} ({}) is now on the {} plan", updated.name, updated.slug, updated.plan);
    let names = |modules: &[crate::domain::org::Module]| modules.iter().map(|m| m.key()).collect::<Vec<_>>().join(", ");
    if !change.switched_off.is_empty() {
        println!("switched off (not in the plan; data kept): {}", names(&change.switched_off));
    }
    if !change.restored.is_empty() {
        println!("switched back on (suspended by an earlier downgrade): {}", names(&change.restored));
    }
    Ok(())
}
