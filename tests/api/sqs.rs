//! Notifications through real SQS messages: moto's server (PyPI) stands in
//! for SQS, and the local server's workers receive through aws-sdk-sqs. When
//! the queue is down, events wait in the outbox and flow once it is back.

use std::time::Duration;

use serde_json::json;
use simplicity_shared::config::SqsConfig;
use simplicity_shared::notify::queue::SqsQueue;

use crate::helpers::{Backend, ChildGuard, free_port, on_both_stores, spawn_app_with, venv_python};
use crate::incidents::open_incident;
use crate::notifications::{World, is_escalation_notice, world_with};
use crate::receivers::Received;

/// moto's SQS, restartable on the same port (it keeps nothing across restarts).
pub struct Moto {
    port: u16,
    process: std::sync::Mutex<Option<ChildGuard>>,
}

impl Moto {
    pub async fn start() -> Self {
        simplicity_shared::tls::install_crypto();
        let moto = Self { port: free_port(), process: std::sync::Mutex::new(None) };
        moto.restart().await;
        moto
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn restart(&self) {
        let server = venv_python().with_file_name("moto_server");
        let child = std::process::Command::new(server)
            .args(["-H", "127.0.0.1", "-p", &self.port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("moto_server (scripts/ensure-venv installs moto[server])");
        *self.process.lock().expect("lock") = Some(ChildGuard(child));
        crate::helpers::wait_until_up(&format!("{}/moto-api/", self.endpoint())).await;
        // The queue the app uses; moto starts empty each time.
        let admin = SqsQueue::new(String::new(), Some(self.endpoint()));
        admin.client().await.create_queue().queue_name("simplicity-notify").send().await.expect("create queue");
    }

    fn stop(&self) {
        self.process.lock().expect("lock").take();
    }

    pub fn queue_url(&self) -> String {
        format!("{}/123456789012/simplicity-notify", self.endpoint())
    }

    /// The body of every message sent to the queue so far, read from
    /// moto's state dump (receiving them ten at a time takes moto about a
    /// second a call once thousands wait).
    pub async fn sent_bodies(&self) -> Vec<String> {
        let state: serde_json::Value = reqwest::get(format!("{}/moto-api/data.json", self.endpoint()))
            .await
            .expect("moto state")
            .json()
            .await
            .expect("moto state json");
        let messages = state["sqs"]["Message"].as_array().cloned().unwrap_or_default();
        messages.iter().map(|m| m["body"].as_str().expect("a message body").to_owned()).collect()
    }
}

struct SqsWorld {
    paging: World,
    moto: Moto,
}

async fn sqs_world(backend: Backend) -> SqsWorld {
    let moto = Moto::start().await;
    let sqs = SqsConfig { queue_url: moto.queue_url(), endpoint: Some(moto.endpoint()) };
    let app = spawn_app_with(backend, |config| config.sqs = Some(sqs)).await;
    SqsWorld { paging: world_with(app).await, moto }
}

on_both_stores! {
    async fn events_reach_workers_through_sqs_and_wait_out_an_outage(w: SqsWorld = sqs_world) {
        let p = &w.paging;
        open_incident(&p.org.admin, &p.org, json!({"title": "Through SQS", "severity": "P3"})).await;
        let slack = p.hooks.wait_for("/slack/", 1).await;
        assert!(slack[0].body.contains("Through SQS"));
        p.mail_to(&p.admin_email, 1).await;

        // SQS down: the write succeeds, its event stays in the outbox.
        w.moto.stop();
        open_incident(&p.org.admin, &p.org, json!({"title": "While SQS was down", "severity": "P3"})).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(p.hooks.received("/slack/").len(), 1, "nothing can go out while the queue is down");

        // Back up: the sweep relays what waited. (Level 2's escalation
        // notices also reach Slack, as they come due: not counted here.)
        w.moto.restart().await;
        let triggered = |r: &Received| !is_escalation_notice(r);
        let slack = p.hooks.wait_for_where("/slack/", 2, triggered).await;
        assert!(slack[1].body.contains("While SQS was down"));

        // Every event sent through SQS again (a redelivery): nothing is sent twice.
        p.app.execute_sql("UPDATE outbox SET relayed_at = NULL, claimed_until = NULL").await.expect("reset outbox");
        tokio::time::sleep(Duration::from_millis(2000)).await;
        assert_eq!(p.hooks.received_where("/slack/", triggered).len(), 2);
        assert_eq!(p.paged(&p.admin_email).len(), 2);
    }
}
