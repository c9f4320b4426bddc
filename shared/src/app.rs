//! The process's dependencies, built once per process (per cold start) and
//! handed to every handler, job and worker.

use std::sync::Arc;

use crate::config::Config;
use crate::error::BoxError;
use crate::mail::{LogMailer, Mailer, SmtpMailer};
use crate::store::Store;

/// What every handler can reach; built once per process (per cold start).
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub mailer: Arc<dyn Mailer>,
    pub realtime: Option<Arc<crate::realtime::Pusher>>,
    /// `None` where Stripe is not configured: billing answers 503.
    pub billing: Option<Arc<crate::stripe::StripeBilling>>,
    /// Where domain events go to the notification workers; `None` in a
    /// function without SQS (events then wait in the outbox).
    pub queue: Option<Arc<dyn crate::notify::queue::Queue>>,
    /// The client notifications go out through, under the SSRF policy.
    pub outbound: crate::notify::outbound::Outbound,
    /// This process's outbox relay.
    pub relay: Arc<crate::jobs::relay::Relay>,
}

impl AppState {
    /// After a write that recorded domain events: have them relayed.
    /// Failures leave them in the outbox for the next relay; the write
    /// itself has succeeded.
    pub async fn publish_pending(&self) {
        if self.realtime.is_some() || self.queue.is_some() {
            self.relay.request(self).await;
        }
    }

    /// Has the worker send mail about the account of `email` (if there is
    /// one): through the queue where there is one, so this request's work
    /// is the same whether or not the account exists; else here and now.
    pub async fn send_account_mail(&self, mail: crate::notify::worker::account_mail::AccountMail, email: &str) {
        let message = crate::notify::worker::QueueMessage::AccountMail { mail, email: email.to_owned() };
        if let Some(queue) = &self.queue {
            match queue.send(&message).await {
                Ok(()) => return,
                Err(error) => tracing::warn!(%error, "account mail not queued; sending it now"),
            }
        }
        if let Err(error) = crate::notify::worker::handle(&message, &self.worker_context()).await {
            tracing::error!(error = %crate::error::chain(&error), ?mail, "account mail not sent");
        }
    }

    /// What a notification worker needs, from this process's state.
    pub fn worker_context(&self) -> crate::notify::worker::WorkerContext {
        crate::notify::worker::WorkerContext {
            store: self.store.clone(),
            mailer: self.mailer.clone(),
            http: self.outbound.clone(),
            sealer: self.config.sealer.clone(),
            public_url: self.config.public_url.clone(),
            retry: self.config.retry,
        }
    }

    /// Connects the store (migrating if configured) and assembles the
    /// state: once per process, the same for every runner and for tests.
    pub async fn build(config: Config) -> Result<Self, BoxError> {
        let mailer: Arc<dyn Mailer> = match &config.smtp_url {
            Some(url) => Arc::new(SmtpMailer::new(url, &config.mail_from, &config.public_url)?),
            None => {
                tracing::warn!(
                    "SMTP_URL is not set: email is written to this log instead, sign-in, password-reset and \
                     invitation links included; set SMTP_URL wherever others can read the log"
                );
                Arc::new(LogMailer)
            }
        };
        let store = Store::connect(&config.database_url).await?.with_clock(config.clock.clone());
        if config.auto_migrate {
            store.migrate().await?;
        }
        let realtime = config.pusher.clone().map(|pusher| Arc::new(crate::realtime::Pusher::new(pusher)));
        let billing = config.stripe.clone().map(crate::stripe::StripeBilling::new).transpose()?.map(Arc::new);
        let queue: Option<Arc<dyn crate::notify::queue::Queue>> = match &config.sqs {
            Some(sqs) => {
                Some(Arc::new(crate::notify::queue::SqsQueue::new(sqs.queue_url.clone(), sqs.endpoint.clone())))
            }
            None => None,
        };
        let outbound = crate::notify::outbound::Outbound::new(config.outbound_allow_private);
        let relay = Arc::new(crate::jobs::relay::Relay::inline());
        Ok(Self { store, config: Arc::new(config), mailer, realtime, billing, queue, outbound, relay })
    }
}
