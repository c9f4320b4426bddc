//! Outgoing email, behind the [`Mailer`] port. Until the SMTP channel lands
//! (notifications), the local mailer writes messages to the log; tests use
//! [`MemoryMailer`] and read what was sent.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailMessage {
    pub to: String,
    pub subject: String,
    pub text: String,
}

pub type SendResult<'a> = Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

#[derive(Debug, thiserror::Error)]
#[error("mail could not be sent: {0}")]
pub struct MailError(pub String);

pub trait Mailer: Send + Sync {
    fn send(&self, message: MailMessage) -> SendResult<'_>;
}

/// Writes each message to the log (local mode without SMTP).
pub struct LogMailer;

impl Mailer for LogMailer {
    fn send(&self, message: MailMessage) -> SendResult<'_> {
        Box::pin(async move {
            tracing::info!(to = %message.to, subject = %message.subject, text = %message.text, "mail (log only)");
            Ok(())
        })
    }
}

/// Keeps every message in memory, for tests.
#[derive(Default, Clone)]
pub struct MemoryMailer {
    sent: Arc<Mutex<Vec<MailMessage>>>,
}

impl MemoryMailer {
    pub fn sent(&self) -> Vec<MailMessage> {
        self.sent.lock().map(|sent| sent.clone()).unwrap_or_default()
    }
}

impl Mailer for MemoryMailer {
    fn send(&self, message: MailMessage) -> SendResult<'_> {
        Box::pin(async move {
            self.sent.lock().map_err(|_| MailError("mailbox poisoned".into()))?.push(message);
            Ok(())
        })
    }
}
